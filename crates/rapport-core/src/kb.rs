//! The knowledge base's rules: what an article's HTML may hold, the text it is found by,
//! when it counts as published, who outside the staff may read it, and its versions as
//! read back from its history.

use crate::history::{Action, Event};
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::HashSet;
use std::sync::LazyLock;
use uuid::Uuid;

/// The tags an article may use: text structure, lists, tables, links, images and code.
const TAGS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h2",
    "h3",
    "h4",
    "hr",
    "i",
    "img",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "s",
    "small",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
];

/// The sanitiser: an allowlist of tags and attributes, links only to the web and mail,
/// and every link marked so that it passes on neither the reader's page nor its rank.
/// Scripts, styles, event handlers, forms and frames are dropped with their content where
/// they have any.
static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::empty();
    builder
        .add_tags(TAGS)
        .add_generic_attributes(["title", "lang"])
        .add_tag_attributes("a", ["href"])
        .add_tag_attributes("img", ["src", "alt", "width", "height"])
        .add_tag_attributes("td", ["colspan", "rowspan"])
        .add_tag_attributes("th", ["colspan", "rowspan", "scope"])
        .add_tag_attributes("ol", ["start"])
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .link_rel(Some("noopener noreferrer nofollow"))
        .clean_content_tags(HashSet::from(["script", "style", "template"]));
    builder
});

/// An article's HTML with everything outside the allowlist removed: it renders inert.
pub fn sanitise(html: &str) -> String {
    CLEANER.clean(html).to_string()
}

/// The words of an article's HTML without its markup, for search and previews. Every tag
/// separates words, so `<p>one</p><p>two</p>` reads as two words.
pub fn plain_text(html: &str) -> String {
    // Sanitised HTML writes every `<` of the text as `&lt;`, so each `<` left opens a tag.
    let spaced = sanitise(html).replace('<', " <");
    let bare = ammonia::Builder::empty().clean(&spaced).to_string();
    let decoded = bare
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", " ")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// When an article counts as published, after a change from `before` (none for a new
/// article) to `status`: since the moment it last became published; an archived
/// article keeps the time it was published, and a draft has none.
pub fn published_at(
    before_status: Option<&str>,
    before_published_at: Option<&str>,
    status: &str,
    now: &str,
) -> Option<String> {
    match status {
        "published" if before_status == Some("published") => {
            before_published_at.map(str::to_string)
        }
        "published" => Some(now.to_string()),
        "archived" => before_published_at.map(str::to_string),
        _ => None,
    }
}

/// Whether an article may be shown to people outside the staff (the portal): only a
/// published, public article that is not in the trash. Internal articles never are.
pub fn portal_visible(article: &Map<String, Value>) -> bool {
    let is = |k: &str, v: &str| article.get(k).and_then(Value::as_str) == Some(v);
    is("status", "published")
        && is("audience", "public")
        && article.get("deleted_at").is_none_or(Value::is_null)
}

/// The list filters that keep exactly the articles [`portal_visible`] allows, for a
/// list or search of articles on the portal (lists leave the trash out already).
pub const PORTAL_FILTERS: [(&str, &str); 2] = [
    ("filter[status]", "published"),
    ("filter[audience]", "public"),
];

/// One version of an article: its title and body as a change left them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Version {
    /// 1 for the article as created, then one more for each change of title or body.
    pub number: usize,
    pub title: Value,
    pub body: Value,
    /// Who made this version (none for Rapport itself).
    pub actor_id: Option<Uuid>,
    pub created_at: String,
}

/// An article's versions, oldest first, read from its events (oldest first): each event
/// that sets the title or the body makes a version. A purge ends the article's history,
/// so nothing before it counts.
pub fn versions(events: &[Event]) -> Vec<Version> {
    let mut out: Vec<Version> = Vec::new();
    let (mut title, mut body) = (Value::Null, Value::Null);
    for event in events {
        if event.action == Action::Purge {
            out.clear();
            (title, body) = (Value::Null, Value::Null);
            continue;
        }
        let new_title = event.changes.get("title").map(|c| c.new.clone());
        let new_body = event.changes.get("body").map(|c| c.new.clone());
        if event.action != Action::Create && new_title.is_none() && new_body.is_none() {
            continue;
        }
        if event.action == Action::Create {
            out.clear();
            (title, body) = (Value::Null, Value::Null);
        }
        title = new_title.unwrap_or(title);
        body = new_body.unwrap_or(body);
        out.push(Version {
            number: out.len() + 1,
            title: title.clone(),
            body: body.clone(),
            actor_id: event.actor_id,
            created_at: event.occurred_at.clone(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::Entity;
    use crate::history::{Change, Origin};
    use serde_json::json;
    use std::collections::BTreeMap;

    #[test]
    fn scripts_handlers_and_foreign_schemes_are_removed() {
        let dirty = r#"<h2 onclick="steal()">Reset</h2><script>alert(1)</script>
            <p style="color:red">Open <a href="javascript:alert(1)">this</a> or
            <a href="https://example.com/help">that</a>.</p><iframe src="https://x"></iframe>
            <img src="x" onerror="alert(1)"><form><input name="q"></form>"#;
        let clean = sanitise(dirty);
        for gone in [
            "script",
            "onclick",
            "onerror",
            "style",
            "javascript",
            "iframe",
            "form",
            "input",
            "alert",
        ] {
            assert!(!clean.contains(gone), "{gone} left in {clean}");
        }
        assert!(clean.contains("<h2>Reset</h2>"), "{clean}");
        assert!(
            clean.contains(
                r#"<a href="https://example.com/help" rel="noopener noreferrer nofollow">that</a>"#
            ),
            "{clean}"
        );
        assert!(clean.contains("<img src=\"x\">"), "{clean}");
        // Sanitising what is already clean changes nothing.
        assert_eq!(sanitise(&clean), clean);
    }

    #[test]
    fn plain_text_keeps_words_apart_and_reads_entities() {
        let html = "<h2>Billing</h2><p>Fish &amp; chips&nbsp;cost &lt;5&gt;</p><ul><li>one</li><li>two</li></ul><script>evil()</script>";
        assert_eq!(plain_text(html), "Billing Fish & chips cost <5> one two");
        assert_eq!(plain_text("no markup at all"), "no markup at all");
        assert_eq!(plain_text(""), "");
    }

    #[test]
    fn published_at_follows_the_status() {
        let (t1, t2) = ("2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z");
        assert_eq!(published_at(None, None, "draft", t1), None);
        assert_eq!(published_at(None, None, "published", t1), Some(t1.into()));
        // Staying published keeps the first time; publishing again takes a new one.
        assert_eq!(
            published_at(Some("published"), Some(t1), "published", t2),
            Some(t1.into())
        );
        assert_eq!(
            published_at(Some("published"), Some(t1), "archived", t2),
            Some(t1.into())
        );
        assert_eq!(
            published_at(Some("archived"), Some(t1), "published", t2),
            Some(t2.into())
        );
        assert_eq!(published_at(Some("published"), Some(t1), "draft", t2), None);
    }

    #[test]
    fn only_published_public_live_articles_reach_the_portal() {
        let article = |status: &str, audience: &str, deleted: Value| {
            json!({"status": status, "audience": audience, "deleted_at": deleted})
                .as_object()
                .cloned()
                .unwrap_or_default()
        };
        assert!(portal_visible(&article("published", "public", Value::Null)));
        assert!(!portal_visible(&article(
            "published",
            "internal",
            Value::Null
        )));
        assert!(!portal_visible(&article("draft", "public", Value::Null)));
        assert!(!portal_visible(&article("archived", "public", Value::Null)));
        assert!(!portal_visible(&article(
            "published",
            "public",
            json!("2026-01-01T00:00:00Z")
        )));
        assert!(!portal_visible(&Map::new()));
        assert!(PORTAL_FILTERS.iter().all(|(k, v)| {
            article("published", "public", Value::Null)
                .get(k.trim_start_matches("filter[").trim_end_matches(']'))
                == Some(&json!(v))
        }));
    }

    fn event(action: Action, at: &str, changes: &[(&str, Value, Value)]) -> Event {
        let changes: BTreeMap<String, Change> = changes
            .iter()
            .map(|(k, old, new)| {
                (
                    k.to_string(),
                    Change {
                        old: old.clone(),
                        new: new.clone(),
                    },
                )
            })
            .collect();
        Event {
            id: Uuid::now_v7(),
            entity: Entity::KbArticle,
            record_id: Uuid::nil(),
            action,
            actor_id: None,
            origin: Origin::Api,
            occurred_at: at.into(),
            changes,
        }
    }

    #[test]
    fn versions_follow_title_and_body_changes_only() {
        let n = Value::Null;
        let events = [
            event(
                Action::Create,
                "t1",
                &[
                    ("title", n.clone(), json!("A")),
                    ("body", n.clone(), json!("<p>a</p>")),
                ],
            ),
            event(
                Action::Update,
                "t2",
                &[("status", json!("draft"), json!("published"))],
            ),
            event(
                Action::Update,
                "t3",
                &[("body", json!("<p>a</p>"), json!("<p>b</p>"))],
            ),
            event(Action::Delete, "t4", &[]),
            event(Action::Update, "t5", &[("title", json!("A"), json!("B"))]),
        ];
        let v = versions(&events);
        assert_eq!(v.len(), 3);
        assert_eq!(
            (v[0].number, &v[0].title, &v[0].body),
            (1, &json!("A"), &json!("<p>a</p>"))
        );
        assert_eq!((&v[1].title, &v[1].body), (&json!("A"), &json!("<p>b</p>")));
        assert_eq!(
            (
                v[2].number,
                &v[2].title,
                &v[2].body,
                v[2].created_at.as_str()
            ),
            (3, &json!("B"), &json!("<p>b</p>"), "t5")
        );
        let mut purged = events.to_vec();
        purged.push(event(Action::Purge, "t6", &[]));
        assert!(versions(&purged).is_empty());
    }
}
