//! [`Fingerprint`]: the ID with the component vector that explains it and that apps store
//! for tolerant matching.

use serde::{Deserialize, Serialize};

use super::{Algorithm, Component, FingerprintError};

/// An ID together with its explained components (digests only, never raw values).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprint {
    /// The hardware ID in the algorithm's format.
    pub id: String,
    /// How `id` was computed.
    pub algorithm: Algorithm,
    /// Every component this platform knows, present or not, in a stable order.
    pub components: Vec<Component>,
}

impl Fingerprint {
    /// The JSON form (`{"id", "algorithm", "components": [...]}`), to store next to an
    /// activation and pass back to [`super::matches()`] later.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Parses what [`Fingerprint::to_json`] wrote.
    pub fn from_json(text: &str) -> Result<Fingerprint, FingerprintError> {
        serde_json::from_str(text).map_err(|e| FingerprintError::InvalidStored(e.to_string()))
    }

    /// Names of the components this machine could not provide (missing, unreadable or a
    /// factory default), each once.
    pub fn missing(&self) -> Vec<&str> {
        let mut names: Vec<&str> = Vec::new();
        for c in &self.components {
            if !c.present && !names.contains(&c.name.as_str()) {
                names.push(&c.name);
            }
        }
        names
    }

    /// Names of the components the ID was computed from.
    pub fn id_components(&self) -> Vec<&str> {
        let mut names: Vec<&str> = Vec::new();
        for c in &self.components {
            if c.in_id && !names.contains(&c.name.as_str()) {
                names.push(&c.name);
            }
        }
        names
    }
}
