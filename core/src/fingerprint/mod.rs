//! Hardware-ID fingerprinting (being built: issue "Hardware fingerprint").
