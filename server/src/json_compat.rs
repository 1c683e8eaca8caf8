//! Keeps fixture data inside the JSON subset that JavaScript's
//! `JSON.stringify(JSON.parse(body))` reproduces byte for byte, because one official client
//! re-serialises a signed body before verifying its signature.

use serde_json::{Map, Number, Value};

/// The largest integer a JavaScript number holds exactly.
pub const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// Normalises `value` in place: integral floats (`1.0`) become integers; anything JavaScript
/// would print differently (non-integral floats in exponent form, integers beyond 2^53,
/// object keys made only of digits, which JavaScript reorders) is rejected with the JSON path.
pub fn normalise(value: &mut Value, path: &str) -> Result<(), String> {
    match value {
        Value::Number(n) => {
            if let Some(u) = n.as_u64() {
                if u > MAX_SAFE_INTEGER {
                    return Err(format!(
                        "{path}: integer {u} is above 2^53 (JavaScript cannot hold it exactly)"
                    ));
                }
            } else if let Some(i) = n.as_i64() {
                if i.unsigned_abs() > MAX_SAFE_INTEGER {
                    return Err(format!(
                        "{path}: integer {i} is below -2^53 (JavaScript cannot hold it exactly)"
                    ));
                }
            } else if let Some(f) = n.as_f64() {
                if f.fract() == 0.0 && f.abs() <= MAX_SAFE_INTEGER as f64 {
                    // JavaScript prints 1.0 as 1.
                    *n = Number::from(f as i64);
                } else if n.to_string().contains(['e', 'E']) || f.fract() == 0.0 {
                    return Err(format!(
                        "{path}: number {f} prints differently in JavaScript; write it as a string"
                    ));
                }
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                normalise(item, &format!("{path}[{i}]"))?;
            }
        }
        Value::Object(map) => {
            if let Some(key) = map
                .keys()
                .find(|k| !k.is_empty() && k.bytes().all(|b| b.is_ascii_digit()))
            {
                return Err(format!(
                    "{path}: object key \"{key}\" is made only of digits (JavaScript reorders such keys)"
                ));
            }
            let old = std::mem::take(map);
            let mut new = Map::new();
            for (k, mut v) in old {
                normalise(&mut v, &format!("{path}.{k}"))?;
                new.insert(k, v);
            }
            *map = new;
        }
        Value::Null | Value::Bool(_) | Value::String(_) => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn integral_floats_become_integers() {
        let mut v: Value = serde_json::from_str(r#"{"a": 1.0, "b": [2.0, 3.5]}"#).unwrap();
        normalise(&mut v, "$").unwrap();
        assert_eq!(serde_json::to_string(&v).unwrap(), r#"{"a":1,"b":[2,3.5]}"#);
    }

    #[test]
    fn unsafe_integers_digit_keys_and_exponents_are_rejected() {
        for bad in [
            json!({"a": 9007199254740993u64}),
            json!({"12": 1}),
            json!({"a": 1e-9}),
        ] {
            let mut v = bad.clone();
            assert!(normalise(&mut v, "$").is_err(), "{bad} was accepted");
        }
    }
}
