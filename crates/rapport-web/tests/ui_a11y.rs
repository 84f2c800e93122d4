//! Accessibility of every page in every language: the page's language, labels and names,
//! landmarks and headings, ids and focus order; and the contrast of the theme's colours.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use rapport_testkit::{TestApp, TestBackend};
use reqwest::StatusCode;
use scraper::{ElementRef, Html, Selector};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use support::{Browser, OTHER_EMAIL, OTHER_PASSWORD, PNG, Sample, input_value};

fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap()
}

/// Whether an element is out of the accessibility tree (itself or through an ancestor).
fn hidden(el: ElementRef) -> bool {
    std::iter::once(el)
        .chain(el.ancestors().filter_map(ElementRef::wrap))
        .any(|e| {
            e.value().attr("hidden").is_some()
                || e.value().attr("aria-hidden") == Some("true")
                || e.value().name() == "template"
        })
}

/// The text an element contributes to an accessible name: its visible text and the `alt`
/// of its images, without what is hidden from assistive technology.
fn name_text(el: ElementRef) -> String {
    let mut out = String::new();
    for node in el.descendants() {
        if let Some(text) = node.value().as_text() {
            let inside_hidden = node
                .ancestors()
                .filter_map(ElementRef::wrap)
                .take_while(|a| a.id() != el.id())
                .any(|a| a.value().attr("aria-hidden") == Some("true"));
            if !inside_hidden {
                out.push_str(text);
            }
        } else if let Some(child) = ElementRef::wrap(node)
            && child.value().name() == "img"
        {
            out.push_str(child.value().attr("alt").unwrap_or(""));
        }
    }
    out.trim().to_string()
}

/// The name given by `aria-label` or `aria-labelledby`, if any.
fn aria_name(doc: &Html, el: ElementRef) -> Option<String> {
    if let Some(label) = el.value().attr("aria-label")
        && !label.trim().is_empty()
    {
        return Some(label.trim().to_string());
    }
    let ids = el.value().attr("aria-labelledby")?;
    let text: Vec<String> = ids
        .split_whitespace()
        .filter_map(|id| by_id(doc, id))
        .map(name_text)
        .collect();
    let text = text.join(" ").trim().to_string();
    (!text.is_empty()).then_some(text)
}

fn by_id<'a>(doc: &'a Html, id: &str) -> Option<ElementRef<'a>> {
    doc.select(&sel("[id]"))
        .find(|e| e.value().attr("id") == Some(id))
}

/// Everything wrong with a page, one line each.
fn audit(html: &str, lang: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let mut problems = Vec::new();
    let root = doc.select(&sel("html")).next().unwrap();
    if root.value().attr("lang") != Some(lang) {
        problems.push(format!(
            "<html lang={:?}>, not {lang:?}",
            root.value().attr("lang")
        ));
    }
    let title = doc
        .select(&sel("head title"))
        .next()
        .map(|t| t.text().collect::<String>())
        .unwrap_or_default();
    if title.trim().is_empty() {
        problems.push("no <title>".into());
    }

    let mut ids = HashSet::new();
    for el in doc.select(&sel("[id]")) {
        let id = el.value().attr("id").unwrap();
        if !ids.insert(id) {
            problems.push(format!("id {id:?} is used twice"));
        }
    }
    for attr in ["aria-labelledby", "aria-describedby", "aria-controls"] {
        for el in doc.select(&sel(&format!("[{attr}]"))) {
            for id in el.value().attr(attr).unwrap().split_whitespace() {
                if !ids.contains(id) {
                    problems.push(format!("{attr}={id:?} names no element"));
                }
            }
        }
    }
    for a in doc.select(&sel("a[href^='#']")) {
        let target = &a.value().attr("href").unwrap()[1..];
        if !target.is_empty() && !ids.contains(target) {
            problems.push(format!("<a href=\"#{target}\"> leads nowhere"));
        }
    }
    let labels: BTreeMap<&str, ElementRef> = doc
        .select(&sel("label[for]"))
        .map(|l| (l.value().attr("for").unwrap(), l))
        .collect();
    for (target, label) in &labels {
        if !ids.contains(target) {
            problems.push(format!("<label for={target:?}> labels nothing"));
        }
        if name_text(*label).is_empty() {
            problems.push(format!("<label for={target:?}> is empty"));
        }
    }

    for el in doc.select(&sel("input, select, textarea")) {
        let kind = el.value().attr("type").unwrap_or("text");
        if el.value().name() == "input"
            && ["hidden", "submit", "button", "reset", "image"].contains(&kind)
            || hidden(el)
        {
            continue;
        }
        let by_for = el
            .value()
            .attr("id")
            .is_some_and(|id| labels.contains_key(id));
        let wrapped = el
            .ancestors()
            .filter_map(ElementRef::wrap)
            .any(|a| a.value().name() == "label" && !name_text(a).is_empty());
        if !by_for && !wrapped && aria_name(&doc, el).is_none() {
            problems.push(format!(
                "<{} name={:?}> has no label",
                el.value().name(),
                el.value().attr("name").unwrap_or("")
            ));
        }
    }

    for el in doc.select(&sel(
        "a[href], button, input[type=submit], input[type=button]",
    )) {
        if hidden(el) {
            continue;
        }
        let named = aria_name(&doc, el).is_some()
            || !name_text(el).is_empty()
            || el.value().name() == "input"
                && el
                    .value()
                    .attr("value")
                    .is_some_and(|v| !v.trim().is_empty());
        if !named {
            problems.push(format!(
                "<{} {}> has no accessible name",
                el.value().name(),
                el.value().attr("href").unwrap_or("")
            ));
        }
    }

    // A link inside a listbox's option is announced as neither, and arrow keys skip it.
    for a in doc.select(&sel("[role=listbox] a[href], [role=option] a[href]")) {
        problems.push(format!(
            "<a href={:?}> is inside a listbox option",
            a.value().attr("href").unwrap_or("")
        ));
    }

    for img in doc.select(&sel("img, input[type=image]")) {
        if img.value().attr("alt").is_none() {
            problems.push(format!(
                "<img src={:?}> has no alt",
                img.value().attr("src").unwrap_or("")
            ));
        }
    }

    let h1 = doc.select(&sel("h1")).count();
    if h1 != 1 {
        problems.push(format!("{h1} <h1>s, not one"));
    }
    let mains = doc.select(&sel("main, [role=main]")).count();
    if mains != 1 {
        problems.push(format!("{mains} main landmarks, not one"));
    }
    // Headings may go any number of levels up but only one level down at a time.
    let mut level = 1;
    for h in doc.select(&sel("h1, h2, h3, h4, h5, h6")) {
        let this: u32 = h.value().name()[1..].parse().unwrap();
        if this > level + 1 {
            problems.push(format!(
                "<{}> {:?} follows an <h{level}>",
                h.value().name(),
                name_text(h)
            ));
        }
        level = this;
    }

    for el in doc.select(&sel("[tabindex]")) {
        let value: i32 = el
            .value()
            .attr("tabindex")
            .unwrap()
            .trim()
            .parse()
            .unwrap_or(0);
        if value > 0 {
            problems.push(format!("<{}> has tabindex={value}", el.value().name()));
        }
    }
    problems
}

/// A page with the search suggestions in it as htmx puts them there: the fragment inside
/// `#search-suggestions`, and its out-of-band status inside the page's `#search-status`.
fn with_suggestions(page: &str, fragment: &str) -> String {
    const OOB: &str = "<span id=\"search-status\" hx-swap-oob=\"innerHTML\">";
    let start = fragment.find(OOB).expect("the fragment updates the status");
    let end = fragment[start..].find("</span>").unwrap() + start;
    let status = &fragment[start + OOB.len()..end];
    let rest = format!(
        "{}{}",
        &fragment[..start],
        &fragment[end + "</span>".len()..]
    );
    let place = |page: &str, at: &str, what: &str| {
        let i = page.find(at).unwrap_or_else(|| panic!("the page has {at}")) + at.len();
        format!("{}{what}{}", &page[..i], &page[i..])
    };
    let page = place(
        page,
        "<div id=\"search-suggestions\" class=\"suggestions\">",
        &rest,
    );
    place(
        &page,
        "<p id=\"search-status\" class=\"visually-hidden\" role=\"status\">",
        status,
    )
}

/// Fails with every problem found on every page at once.
fn report(found: BTreeMap<String, Vec<String>>) {
    let lines: Vec<String> = found
        .into_iter()
        .filter(|(_, p)| !p.is_empty())
        .map(|(page, problems)| format!("{page}:\n  {}", problems.join("\n  ")))
        .collect();
    assert!(
        lines.is_empty(),
        "accessibility problems:\n{}",
        lines.join("\n")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_in_every_language_is_accessible() {
    let t = TestApp::spawn(TestBackend::Sqlite).await;
    let sample = Sample::create(&t).await;
    let pages = sample.pages();
    let mut found = BTreeMap::new();
    let mut checked = BTreeSet::new();
    let mut logo_shown = false;
    for lang in rapport_web::ui::i18n::LOCALES {
        // English shows the organisation's name in the layout, the others its logo.
        if lang == "de" {
            rapport_app::organisation::set_logo(&t.app, &rapport_app::Ctx::system(), &PNG)
                .await
                .unwrap();
        }
        let mut b = Browser::new(&t);
        b.lang = lang;
        // Signed out: the sign-in pages and what a visitor sees.
        for page in ["/login", "/login/code", "/setup"] {
            let (_, html, _) = b.get(page).await;
            found.insert(format!("{lang} {page}"), audit(&html, lang));
        }
        let (_, html, _) = b.get("/login").await;
        let csrf = input_value(&html, "_csrf");
        let (status, html, _) = b
            .post(
                "/login",
                &[
                    ("_csrf", &csrf),
                    ("email", "nobody@example.com"),
                    ("password", "wrong"),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        found.insert(format!("{lang} POST /login (refused)"), audit(&html, lang));

        b.sign_in_admin().await;
        let missing = format!("/contacts/{}", uuid::Uuid::now_v7());
        for page in pages.iter().chain([&missing]) {
            // Fragments (search suggestions) and downloads are not pages.
            let Some((_, body)) = b.page(page).await else {
                continue;
            };
            checked.insert(page.clone());
            logo_shown |= body.contains("<img class=\"logo\"");
            found.insert(format!("{lang} {page}"), audit(&body, lang));
        }

        // The search suggestions, placed under the search box as htmx places them.
        let (_, page, _) = b.get("/contacts").await;
        let (status, fragment, _) = b.get("/search/suggest?q=ingrid").await;
        assert_eq!(status, StatusCode::OK);
        assert!(fragment.contains("Ingrid Dahl"), "{fragment}");
        found.insert(
            format!("{lang} /contacts with /search/suggest?q=ingrid"),
            audit(&with_suggestions(&page, &fragment), lang),
        );

        // Forms shown again with their errors, and the answers to forms.
        let csrf = b.csrf().await;
        let (status, html, _) = b
            .post(
                "/contacts/new",
                &[
                    ("_csrf", &csrf),
                    ("first_name", ""),
                    ("email", "not an email"),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        found.insert(
            format!("{lang} POST /contacts/new (errors)"),
            audit(&html, lang),
        );
        let (status, html, _) = b
            .post(
                &format!("/contacts/{}/log", sample.contact),
                &[("_csrf", &csrf), ("kind", "no-such-kind")],
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        found.insert(
            format!("{lang} POST /contacts/{{id}}/log (errors)"),
            audit(&html, lang),
        );
        let (status, html, _) = b
            .post(
                "/settings/tokens",
                &[
                    ("_csrf", &csrf),
                    ("name", &format!("token {lang}")),
                    ("scopes", "read"),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        found.insert(format!("{lang} POST /settings/tokens"), audit(&html, lang));
        let (status, html, _) = b
            .post(
                "/account/password",
                &[
                    ("_csrf", &csrf),
                    ("current", "wrong"),
                    ("new", "whatever it is"),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        found.insert(
            format!("{lang} POST /account/password (refused)"),
            audit(&html, lang),
        );

        // What an agent sees, without the settings.
        let mut agent = Browser::new(&t);
        agent.lang = lang;
        agent.sign_in(OTHER_EMAIL, OTHER_PASSWORD).await;
        for page in ["/contacts", "/account"] {
            let (_, html, _) = agent.get(page).await;
            found.insert(format!("{lang} {page} (agent)"), audit(&html, lang));
        }
    }
    for must in ["/contacts", "/settings/tags", "/account/two-factor"] {
        assert!(checked.contains(must), "{must} was walked");
    }
    assert!(logo_shown, "the layout showed the logo");
    report(found);
}

#[tokio::test]
async fn the_first_run_page_is_accessible() {
    let t = TestApp::spawn_empty(TestBackend::Sqlite).await;
    let mut found = BTreeMap::new();
    for lang in rapport_web::ui::i18n::LOCALES {
        let mut b = Browser::new(&t);
        b.lang = lang;
        let (status, html, _) = b.get("/setup").await;
        assert_eq!(status, StatusCode::OK);
        found.insert(format!("{lang} /setup"), audit(&html, lang));
        let csrf = input_value(&html, "_csrf");
        let (status, html, _) = b
            .post(
                "/setup",
                &[("_csrf", &csrf), ("email", "no"), ("password", "short")],
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        found.insert(format!("{lang} POST /setup (errors)"), audit(&html, lang));
    }
    report(found);
}

#[test]
fn the_checks_find_what_they_look_for() {
    let page = |body: &str| {
        format!(
            "<!doctype html><html lang=\"en\"><head><title>T</title></head><body><main><h1>T</h1>{body}</main></body></html>"
        )
    };
    assert!(audit(&page(""), "en").is_empty());
    assert_eq!(audit(&page(""), "de").len(), 1);
    for (body, problem) in [
        ("<input name=q>", "has no label"),
        ("<select name=s></select>", "has no label"),
        (
            "<label for=x>X</label><textarea id=y></textarea>",
            "labels nothing",
        ),
        ("<button><svg></svg></button>", "no accessible name"),
        (
            "<a href=/x><span aria-hidden=true>×</span></a>",
            "no accessible name",
        ),
        ("<img src=/x.png>", "no alt"),
        ("<p id=a></p><p id=a></p>", "used twice"),
        ("<h1>Again</h1>", "<h1>s"),
        ("<h3>Deep</h3>", "follows an <h1>"),
        ("<a href=/x tabindex=2>x</a>", "tabindex=2"),
        ("<a href=#nowhere>Skip</a>", "leads nowhere"),
        ("<input aria-labelledby=nothing>", "names no element"),
        (
            "<ul role=listbox><li role=option><a href=/x>X</a></li></ul>",
            "inside a listbox option",
        ),
    ] {
        let found = audit(&page(body), "en");
        assert!(
            found.iter().any(|p| p.contains(problem)),
            "{body}: {found:?}"
        );
    }
    for fine in [
        "<label>Q <input name=q></label>",
        "<input name=q aria-label=Search>",
        "<span id=l>Search</span><input name=q aria-labelledby=l>",
        "<input type=hidden name=h><input type=text name=u hidden>",
        "<button aria-label=Close><svg></svg></button>",
        "<a href=/x><img src=/i.png alt=Home></a>",
        "<h2>A</h2><h3>B</h3><h2>C</h2>",
        "<div tabindex=-1></div>",
    ] {
        assert!(audit(&page(fine), "en").is_empty(), "{fine}");
    }
    let no_main =
        "<!doctype html><html lang=en><head><title>T</title></head><body><h1>T</h1></body></html>";
    assert!(
        audit(no_main, "en")
            .iter()
            .any(|p| p.contains("main landmarks"))
    );
}

/// The colour variables of one theme: `:root` for light, the dark media query over it.
fn themes() -> Vec<(&'static str, BTreeMap<String, String>)> {
    let css = include_str!("../static/app.css");
    let block = |from: usize| {
        let open = css[from..].find('{').unwrap() + from + 1;
        let close = css[open..].find('}').unwrap() + open;
        css[open..close]
            .split(';')
            .filter_map(|decl| decl.split_once(':'))
            .filter(|(k, _)| k.trim().starts_with("--"))
            .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
            .collect::<BTreeMap<_, _>>()
    };
    let light = block(css.find(":root").unwrap());
    let media = css
        .find("@media (prefers-color-scheme: dark)")
        .expect("a dark theme");
    let dark_root = css[media..].find(":root").unwrap() + media;
    let mut dark = light.clone();
    dark.extend(block(dark_root));
    vec![("light", light), ("dark", dark)]
}

fn hex(value: &str) -> Option<[f64; 3]> {
    let h = value.strip_prefix('#')?;
    let h: String = match h.len() {
        3 => h.chars().flat_map(|c| [c, c]).collect(),
        6 => h.to_string(),
        _ => return None,
    };
    let channel = |i: usize| u8::from_str_radix(&h[i..i + 2], 16).ok().map(f64::from);
    Some([channel(0)?, channel(2)?, channel(4)?])
}

/// WCAG 2 relative luminance of an sRGB colour.
fn luminance(rgb: [f64; 3]) -> f64 {
    let linear = |c: f64| {
        let c = c / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2])
}

fn contrast(a: [f64; 3], b: [f64; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[test]
fn contrast_formula_matches_known_values() {
    assert!((contrast([0.0; 3], [255.0; 3]) - 21.0).abs() < 0.01);
    assert!((contrast([118.0; 3], [255.0; 3]) - 4.54).abs() < 0.01);
    assert_eq!(hex("#fff"), Some([255.0; 3]));
}

#[test]
fn theme_colours_have_enough_contrast() {
    const BODY: f64 = 4.5;
    const LARGE: f64 = 3.0;
    const UI: f64 = 3.0;
    // (foreground, background, least ratio, where the pair is used)
    let pairs = [
        ("--text", "--bg", BODY, "text on the page"),
        (
            "--text",
            "--panel",
            BODY,
            "text in panels, tables and fields",
        ),
        ("--muted", "--bg", BODY, "secondary text on the page"),
        (
            "--muted",
            "--panel",
            BODY,
            "table headers, hints and timeline details",
        ),
        ("--accent", "--bg", BODY, "links on the page"),
        (
            "--accent",
            "--panel",
            BODY,
            "links in panels and link buttons",
        ),
        ("--accent-text", "--accent", BODY, "button labels"),
        ("--error", "--bg", BODY, "error messages"),
        ("--error", "--panel", BODY, "field errors in forms"),
        ("--notice", "--bg", BODY, "notices"),
        ("--notice", "--panel", BODY, "notices in panels"),
        ("--text", "--bg", LARGE, "headings"),
        (
            "--control-line",
            "--panel",
            UI,
            "the border of fields inside",
        ),
        (
            "--control-line",
            "--bg",
            UI,
            "the border of fields on the page",
        ),
        ("--accent", "--bg", UI, "buttons against the page"),
        ("--accent", "--panel", UI, "buttons in panels"),
        ("--focus", "--bg", UI, "the focus ring on the page"),
        ("--focus", "--panel", UI, "the focus ring in panels"),
        ("--error", "--panel", UI, "the border of a field in error"),
    ];
    // Purely decorative colours: separators and card edges, not parts of controls.
    let decorative = ["--line"];
    let mut failures = Vec::new();
    for (theme, vars) in themes() {
        let colour = |name: &str| {
            let value = vars
                .get(name)
                .unwrap_or_else(|| panic!("{theme}: {name} is not defined"));
            hex(value).unwrap_or_else(|| panic!("{theme}: {name}: {value} is not a #hex colour"))
        };
        for (name, value) in &vars {
            let looks_like_colour =
                value.starts_with('#') || value.starts_with("rgb") || value.starts_with("hsl");
            if looks_like_colour {
                colour(name);
                assert!(
                    decorative.contains(&name.as_str())
                        || pairs.iter().any(|(f, b, _, _)| f == name || b == name),
                    "{theme}: {name} is in no checked pair; add where it is used"
                );
            }
        }
        for (fg, bg, least, used) in pairs {
            let ratio = contrast(colour(fg), colour(bg));
            if ratio < least {
                failures.push(format!(
                    "{theme}: {fg} on {bg} ({used}) is {ratio:.2}:1, needs {least}:1"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
