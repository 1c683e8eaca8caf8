//! The RSA key pair that signs LicenseSpring responses (PKCS#1 v1.5, SHA-256), loaded from
//! `--signing-key` or generated in the background at start so start-up stays fast.

use axum::http::HeaderValue;
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use rsa::RsaPrivateKey;
use rsa::pkcs1::DecodeRsaPrivateKey;
use rsa::pkcs1v15::SigningKey;
use rsa::pkcs8::{DecodePrivateKey, EncodePublicKey, LineEnding};
use rsa::signature::{SignatureEncoding, Signer as _};
use sha2::Sha256;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

/// Signatures are cached by the exact signed bytes: PKCS#1 v1.5 is deterministic, so a cached
/// signature is exactly what signing again would give, and repeated identical answers cost no
/// RSA work. The key is the bytes themselves, not a SHA-256 digest of them: the map's SipHash
/// is several times cheaper than SHA-256 over a 1.5 KB body, and the final byte comparison makes
/// a hit exact whatever the hash.
const CACHE_LIMIT: usize = 4096;

struct Keys {
    signing: SigningKey<Sha256>,
    public_pem: String,
}

/// Shared handle to the key pair.
#[derive(Clone)]
pub struct Signer {
    /// Tells this signer's entries in the per-thread memo from another signer's.
    id: u64,
    keys: Arc<OnceLock<Keys>>,
    source: Arc<Mutex<Option<RsaPrivateKey>>>,
    /// Kept as header values: base64 is valid header text, and a clone shares the bytes, so a
    /// hit costs neither an allocation nor a re-validation.
    cache: Arc<Mutex<HashMap<Box<[u8]>, HeaderValue>>>,
}

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Signer").finish_non_exhaustive()
    }
}

impl Signer {
    /// A signer for a PEM private key (PKCS#8 or PKCS#1).
    pub fn from_pem(pem: &str) -> Result<Signer, String> {
        let key = RsaPrivateKey::from_pkcs8_pem(pem)
            .or_else(|_| RsaPrivateKey::from_pkcs1_pem(pem))
            .map_err(|e| format!("not an RSA private key in PEM (PKCS#8 or PKCS#1): {e}"))?;
        let signer = Signer::empty(Some(key));
        signer.keys();
        Ok(signer)
    }

    /// A signer whose 2048-bit key is generated on a background thread; the first signature
    /// waits for it.
    pub fn generate_in_background() -> Signer {
        let signer = Signer::empty(None);
        let background = signer.clone();
        std::thread::spawn(move || {
            background.keys();
        });
        signer
    }

    fn empty(key: Option<RsaPrivateKey>) -> Signer {
        static NEXT_ID: AtomicU64 = AtomicU64::new(0);
        Signer {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            keys: Arc::new(OnceLock::new()),
            source: Arc::new(Mutex::new(key)),
            cache: Arc::new(Mutex::new(HashMap::new())),
        }
    }

    fn keys(&self) -> &Keys {
        // OnceLock runs one initialiser; concurrent callers block until it is done.
        self.keys.get_or_init(|| {
            let given = self.source.lock().unwrap_or_else(|e| e.into_inner()).take();
            let private = given.unwrap_or_else(|| {
                RsaPrivateKey::new(&mut rand::thread_rng(), 2048).expect("RSA key generation")
            });
            let public_pem = private
                .to_public_key()
                .to_public_key_pem(LineEnding::LF)
                .expect("PEM encoding of a public key");
            Keys {
                signing: SigningKey::<Sha256>::new(private),
                public_pem,
            }
        })
    }

    /// Tells this signer from any other in the process (a new key is a new id).
    pub fn id(&self) -> u64 {
        self.id
    }

    /// The SPKI PEM public key.
    pub fn public_pem(&self) -> String {
        self.keys().public_pem.clone()
    }

    /// Base64 signature of `bytes`.
    pub fn sign(&self, bytes: &[u8]) -> String {
        let header = self.sign_header(bytes);
        // Base64 is ASCII, so this never fails.
        header.to_str().unwrap_or_default().to_string()
    }

    /// Base64 signature of `bytes`, ready to be a header value.
    pub fn sign_header(&self, bytes: &[u8]) -> HeaderValue {
        let remembered = LAST_SIGNED.with_borrow(|memo| {
            memo.slots
                .iter()
                .flatten()
                .find(|(id, body, _)| *id == self.id && body.as_slice() == bytes)
                .map(|(_, _, header)| header.clone())
        });
        if let Some(header) = remembered {
            return header;
        }
        let header = self.sign_shared(bytes);
        LAST_SIGNED.with_borrow_mut(|memo| {
            let slot = &mut memo.slots[memo.next];
            memo.next = (memo.next + 1) % MEMO_SLOTS;
            match slot {
                Some((id, body, remembered)) => {
                    *id = self.id;
                    body.clear();
                    body.extend_from_slice(bytes);
                    *remembered = header.clone();
                }
                None => *slot = Some((self.id, bytes.to_vec(), header.clone())),
            }
        });
        header
    }

    /// The signature from the shared cache, signing on a miss.
    fn sign_shared(&self, bytes: &[u8]) -> HeaderValue {
        if let Some(hit) = self
            .cache
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(bytes)
        {
            return hit.clone();
        }
        let signature = B64.encode(self.keys().signing.sign(bytes).to_bytes());
        let header = HeaderValue::from_str(&signature).expect("base64 is valid header text");
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        if cache.len() >= CACHE_LIMIT {
            cache.clear();
        }
        cache.insert(bytes.into(), header.clone());
        header
    }
}

/// Bodies remembered per thread: a license answer signs two (the v1 payload and the body).
const MEMO_SLOTS: usize = 2;

/// The last bodies a thread signed, with their signatures.
#[derive(Default)]
struct Memo {
    slots: [Option<(u64, Vec<u8>, HeaderValue)>; MEMO_SLOTS],
    next: usize,
}

thread_local! {
    /// A client polling one license gets the same bytes again and again; a byte comparison
    /// is then cheaper than hashing the 1.5 KB body for the shared map (and takes no lock).
    /// Keyed by the exact bytes and the signer, like the shared cache.
    static LAST_SIGNED: RefCell<Memo> = RefCell::new(Memo::default());
}

/// A signature that does not verify: the real one with its first bytes changed.
pub fn corrupt(signature: &str) -> String {
    let mut bytes = B64.decode(signature).unwrap_or_default();
    if bytes.is_empty() {
        bytes = vec![0; 256];
    }
    for b in bytes.iter_mut().take(8) {
        *b ^= 0x5a;
    }
    B64.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rsa::pkcs1v15::{Signature, VerifyingKey};
    use rsa::pkcs8::DecodePublicKey;
    use rsa::signature::Verifier;

    #[test]
    fn a_signature_verifies_with_the_published_key_and_a_corrupted_one_does_not() {
        let signer = Signer::generate_in_background();
        let body = br#"{"a":1}"#;
        let sig = B64.decode(signer.sign(body)).unwrap();
        let public = rsa::RsaPublicKey::from_public_key_pem(&signer.public_pem()).unwrap();
        let verifier = VerifyingKey::<Sha256>::new(public);
        verifier
            .verify(body, &Signature::try_from(sig.as_slice()).unwrap())
            .unwrap();
        // Asked again (the per-thread memo) and after another body: the same exact signature.
        assert_eq!(signer.sign(body), B64.encode(&sig));
        let other = br#"{"a":2}"#;
        let other_sig = signer.sign(other);
        assert_ne!(other_sig, B64.encode(&sig));
        assert_eq!(signer.sign(body), B64.encode(&sig));
        // Another signer (another key) never answers from this signer's memo.
        let second = Signer::generate_in_background();
        let second_sig = B64.decode(second.sign(body)).unwrap();
        assert_ne!(second_sig, sig);
        let second_public = rsa::RsaPublicKey::from_public_key_pem(&second.public_pem()).unwrap();
        VerifyingKey::<Sha256>::new(second_public)
            .verify(body, &Signature::try_from(second_sig.as_slice()).unwrap())
            .unwrap();
        let bad = B64.decode(corrupt(&signer.sign(body))).unwrap();
        assert!(
            verifier
                .verify(body, &Signature::try_from(bad.as_slice()).unwrap())
                .is_err()
        );
    }
}
