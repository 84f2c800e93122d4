//! Values made safe for the kinds of iCalendar value they go into.
//!
//! The writer escapes TEXT and folds lines. What it cannot do is decide what a value
//! that the format has no way to hold should become: control characters, line breaks
//! other than LF, quotes in a parameter, or commas in an address.

/// Text for a TEXT value: every line break becomes LF (which is written as `\n`), and
/// other control characters but tabs are dropped.
pub fn text(value: &str) -> String {
    let unified = value.replace("\r\n", "\n").replace('\r', "\n");
    unified
        .chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .collect()
}

/// Trimmed text, or nothing when nothing is left.
pub fn optional_text(value: Option<&str>) -> Option<String> {
    value.map(|v| text(v.trim())).filter(|v| !v.is_empty())
}

/// A parameter value such as a name in `CN=`. RFC 5545 gives parameters no escapes, so
/// line breaks become spaces, a double quote becomes a single one and a backslash a
/// slash.
pub fn parameter(value: &str) -> String {
    text(value)
        .chars()
        .map(|c| match c {
            '\n' | '\t' => ' ',
            '"' => '\'',
            '\\' => '/',
            c => c,
        })
        .collect::<String>()
        .trim()
        .to_string()
}

/// An address for a URI value. Whitespace and control characters are dropped; the
/// characters that would otherwise be escaped as TEXT are percent-encoded, which an
/// address may always do.
pub fn uri(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            c if c.is_control() || c.is_whitespace() => {}
            ',' => out.push_str("%2C"),
            ';' => out.push_str("%3B"),
            '\\' => out.push_str("%5C"),
            '"' => out.push_str("%22"),
            c => out.push(c),
        }
    }
    out
}

/// A `mailto:` address for an email.
pub fn mailto(email: &str) -> String {
    format!("mailto:{}", uri(email.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_keeps_lines_and_drops_controls() {
        assert_eq!(text("a\r\nb\rc\nd"), "a\nb\nc\nd");
        assert_eq!(text("bell\u{7}\ttab\u{0}"), "bell\ttab");
        assert_eq!(text("Møte, ærlig; \\ ok"), "Møte, ærlig; \\ ok");
        assert_eq!(optional_text(Some("  ")), None);
        assert_eq!(optional_text(Some(" x ")), Some("x".into()));
    }

    #[test]
    fn parameters_hold_no_quotes_or_breaks() {
        assert_eq!(
            parameter("Kari \"KN\"\r\nNordmann\\"),
            "Kari 'KN' Nordmann/"
        );
    }

    #[test]
    fn addresses_hold_no_text_escapes() {
        assert_eq!(
            uri("https://x.example/a b?q=1,2;3\r\n"),
            "https://x.example/ab?q=1%2C2%3B3"
        );
        assert_eq!(mailto(" kari@example.no "), "mailto:kari@example.no");
    }
}
