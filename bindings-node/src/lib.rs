//! Node bindings for licensekit (napi-rs addon) (being built).
