//! HTML that people send in messages: cleaned to an allowlist before it is stored, so a
//! page may show it as it is, and read back as plain text for search.

use std::collections::HashSet;

/// The message's HTML with only harmless tags and attributes kept: no scripts, styles,
/// event handlers, forms or frames, and links only to web, mail and phone addresses,
/// which open without handing over the page.
pub fn sanitize(html: &str) -> String {
    ammonia::Builder::default()
        .url_schemes(HashSet::from(["http", "https", "mailto", "tel"]))
        .link_rel(Some("noopener noreferrer nofollow"))
        .clean(html)
        .to_string()
}

/// Tags after which a reader sees a new line.
const BREAKS: &[&str] = &[
    "br",
    "p",
    "div",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
];

/// The text of sanitised HTML: tags dropped (block ends become line breaks) and the
/// entities the sanitiser writes turned back into their characters.
pub fn text_of(clean: &str) -> String {
    let mut out = String::with_capacity(clean.len());
    let mut rest = clean;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let Some(end) = rest[start..].find('>') else {
            rest = "";
            break;
        };
        let tag = rest[start + 1..start + end].trim_start_matches('/');
        let name: String = tag
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        if BREAKS.contains(&name.as_str()) {
            out.push('\n');
        }
        rest = &rest[start + end + 1..];
    }
    out.push_str(rest);
    let decoded = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&");
    let lines: Vec<&str> = decoded
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_handlers_and_bad_links_are_removed() {
        let dirty = r#"<p onclick="steal()">Hi <b>there</b><script>alert(1)</script></p>
<a href="javascript:alert(1)">x</a><a href="https://example.com">ok</a>
<img src=x onerror="alert(1)"><style>body{}</style><iframe src="https://evil"></iframe>"#;
        let clean = sanitize(dirty);
        for bad in [
            "script",
            "onclick",
            "onerror",
            "javascript:",
            "style",
            "iframe",
        ] {
            assert!(!clean.contains(bad), "{bad} in {clean}");
        }
        assert!(clean.contains("<b>there</b>"), "{clean}");
        assert!(clean.contains(r#"href="https://example.com""#), "{clean}");
        assert!(clean.contains("noopener"), "{clean}");
    }

    #[test]
    fn text_reads_like_the_message() {
        let clean = sanitize("<p>Fish &amp; chips</p><p>1 &lt; 2<br>bye</p>");
        assert_eq!(text_of(&clean), "Fish & chips\n1 < 2\nbye");
        assert_eq!(text_of(&sanitize("plain words")), "plain words");
        assert_eq!(text_of(&sanitize("<script>x</script>")), "");
    }
}
