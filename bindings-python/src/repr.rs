//! Python-style `repr` text for the native classes, so they read like Python objects
//! (`License(key='***0001', …)`) rather than Rust debug output.

/// `'text'` as Python's `repr(str)` writes it for printable text.
pub(crate) fn text(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// `True` / `False`.
pub(crate) fn boolean(b: bool) -> &'static str {
    if b { "True" } else { "False" }
}

/// `['a', 'b']`.
pub(crate) fn list(items: &[String]) -> String {
    let parts: Vec<String> = items.iter().map(|s| text(s)).collect();
    format!("[{}]", parts.join(", "))
}
