//! licensekit-server (placeholder until the server lands).
fn main() {}
