//! Whether a page as served holds its content, or is a shell a script fills in a browser.
//! Read without a browser: visible text, app-root and `noscript` markers, shell titles, and
//! framework data (`__NEXT_DATA__`, `__NUXT__`, JSON-LD) that may already carry the facts.

use ego_tree::NodeRef;
use scraper::{Html, Node, Selector};

use super::framework_data::{framework_text, FrameworkText};
use crate::extract::shell::is_shell_title;
use crate::html::parse_untrusted;

/// Below this much visible text a page with scripts is taken for a shell. A real contact page
/// (name, street, phone, hours) runs well over it; a loader ("Loading…", a cookie banner, a
/// "please enable JavaScript" note) stays under it.
const SHELL_TEXT_CHARS: usize = 200;
/// A page with an empty app root or a "needs JavaScript" note is still a shell at this much text
/// (a header and footer served around an empty `#root`).
const ROOT_SHELL_TEXT_CHARS: usize = 600;
/// Framework data with at least this much human text is read instead of rendering.
const FRAMEWORK_TEXT_CHARS: usize = 120;

/// What the served HTML says about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Need {
    /// The served HTML holds the content.
    Served,
    /// The content is in framework data; this HTML (the page plus that data as text) is read
    /// in its place, with no browser.
    FrameworkData(String),
    /// Only a browser shows the content; `reason` is for logs.
    Browser { reason: &'static str },
}

/// Signals read from one page.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ShellSignals {
    pub visible_chars: usize,
    pub scripts: usize,
    pub empty_app_root: bool,
    pub noscript_asks_for_js: bool,
    pub shell_title: bool,
}

/// Decides for one page. `html` is the page as served.
pub fn assess(html: &str) -> Need {
    let doc = parse_untrusted(html);
    let signals = signals(&doc);
    if !looks_like_shell(&signals) {
        return Need::Served;
    }
    if let Some(found) = framework_text(&doc) {
        if found.counted >= FRAMEWORK_TEXT_CHARS {
            return Need::FrameworkData(if found.text.is_empty() && found.entities.is_empty() {
                html.to_owned()
            } else {
                with_text(html, &found)
            });
        }
    }
    Need::Browser {
        reason: if signals.empty_app_root {
            "empty app root"
        } else if signals.noscript_asks_for_js {
            "noscript asks for JavaScript"
        } else if signals.shell_title {
            "shell title"
        } else {
            "little visible text"
        },
    }
}

/// A shell: scripts, and too little text to be the page itself.
pub fn looks_like_shell(s: &ShellSignals) -> bool {
    if s.scripts == 0 {
        return false;
    }
    s.visible_chars < SHELL_TEXT_CHARS
        || ((s.empty_app_root || s.noscript_asks_for_js || s.shell_title)
            && s.visible_chars < ROOT_SHELL_TEXT_CHARS)
}

/// Below this much visible text a DOM shows nothing to read: a spinner's "Loading…", a
/// copyright line. A name and a phone number ("Timer Bakery — Call 555 0100") is above it.
const CONTENT_CHARS: usize = 30;

/// Whether a DOM (served or rendered) shows any content a person could read.
pub fn has_content(html: &str) -> bool {
    let doc = parse_untrusted(html);
    signals(&doc).visible_chars >= CONTENT_CHARS
}

pub fn signals(doc: &Html) -> ShellSignals {
    let body = Selector::parse("body").expect("static selector");
    let mut visible = 0;
    if let Some(body) = doc.select(&body).next() {
        visible = visible_chars(*body);
    }
    let scripts = Selector::parse("script").expect("static selector");
    let script_count = doc
        .select(&scripts)
        .filter(|s| {
            let kind = s.value().attr("type").unwrap_or("").to_ascii_lowercase();
            // Data blocks (JSON-LD, JSON) run nothing.
            kind.is_empty() || kind.contains("javascript") || kind == "module"
        })
        .count();
    let title = Selector::parse("title").expect("static selector");
    let shell_title = doc
        .select(&title)
        .next()
        .map(|t| t.text().collect::<String>())
        .is_some_and(|t| is_shell_title(&t));
    let noscript = Selector::parse("noscript").expect("static selector");
    let noscript_asks_for_js = doc.select(&noscript).any(|n| {
        let text = n.text().collect::<String>().to_lowercase();
        text.contains("javascript") || text.contains("java script")
    });
    ShellSignals {
        visible_chars: visible,
        scripts: script_count,
        empty_app_root: empty_app_root(doc),
        noscript_asks_for_js,
        shell_title,
    }
}

/// The mount points of the common client-side frameworks, empty (or holding only a loader).
fn empty_app_root(doc: &Html) -> bool {
    const ROOTS: &str = "#root, #app, #__next, #__nuxt, #___gatsby, #svelte, #main-app, \
                         app-root, [data-reactroot], [ng-app], [ng-version], #q-app, #ember-app";
    let roots = Selector::parse(ROOTS).expect("static selector");
    doc.select(&roots).any(|root| visible_chars(*root) < 40)
}

/// Characters of text a visitor sees under `node`: scripts, styles, templates and `noscript`
/// (which a browser with scripts hides) left out, whitespace runs counted once.
fn visible_chars(node: NodeRef<'_, Node>) -> usize {
    let mut count = 0;
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        match n.value() {
            Node::Text(t) => {
                count += t
                    .split_whitespace()
                    .map(|w| w.chars().count() + 1)
                    .sum::<usize>()
            }
            Node::Element(e) => {
                let hidden = matches!(
                    e.name(),
                    "script" | "style" | "noscript" | "template" | "svg" | "head"
                ) || e.attr("hidden").is_some()
                    || e.attr("aria-hidden") == Some("true");
                if !hidden {
                    stack.extend(n.children());
                }
            }
            _ => stack.extend(n.children()),
        }
    }
    count
}

/// The served page with the framework data's text appended to its body, so the one extraction
/// reads it like any other page text.
fn with_text(html: &str, found: &FrameworkText) -> String {
    let mut block = String::from("\n<section data-agent-builder=\"framework-data\">\n");
    if !found.entities.is_empty() {
        let ld = serde_json::to_string(&found.entities)
            .unwrap_or_default()
            .replace("</", "<\\/");
        block.push_str("<script type=\"application/ld+json\">");
        block.push_str(&ld);
        block.push_str("</script>\n");
    }
    for line in found.text.lines().filter(|l| !l.trim().is_empty()) {
        block.push_str("<p>");
        block.push_str(&escape(line));
        block.push_str("</p>\n");
    }
    block.push_str("</section>\n");
    let lower = html.to_ascii_lowercase();
    match lower.rfind("</body>") {
        Some(at) => format!("{}{}{}", &html[..at], block, &html[at..]),
        None => format!("{html}{block}"),
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shell(body: &str, title: &str) -> String {
        format!(
            "<html><head><title>{title}</title><script type=module src=/assets/index.js></script></head><body>{body}</body></html>"
        )
    }

    #[test]
    fn client_rendered_shells_need_a_browser() {
        for html in [
            shell(r#"<div id="root"></div>"#, "Vite + React"),
            shell(r#"<div id="app"><div class="spinner">Loading…</div></div>"#, "Loading…"),
            shell(
                r#"<noscript>You need to enable JavaScript to run this app.</noscript><div id="root"></div>"#,
                "React App",
            ),
            // Angular: a custom root element with a header served around it.
            shell(
                &format!("<header>{}</header><app-root></app-root>", "Menu Contact About ".repeat(12)),
                "Bistro",
            ),
            // No framework marker at all: a bundle and an empty body.
            "<html><head><script src=/bundle.js></script></head><body><div class=x></div></body></html>".to_owned(),
        ] {
            assert!(matches!(assess(&html), Need::Browser { .. }), "{html}");
        }
    }

    #[test]
    fn server_rendered_pages_are_read_as_served() {
        let text = "Harbor View Dental is a family practice on 12 Main Street, Springfield. Call us on (555) 010-0199. Open Monday to Friday 8am to 5pm. We offer cleanings, fillings, crowns and emergency care for the whole family.";
        for html in [
            // Server-rendered React: the root is full.
            shell(&format!(r#"<div id="root"><main><p>{text}</p></main></div>"#), "Harbor View Dental"),
            // No scripts: nothing would change in a browser, however short the page.
            "<html><head><title>Loading</title></head><body><p>Tiny.</p></body></html>".to_owned(),
            // WordPress with a noscript tracking pixel and plenty of text.
            format!("<html><head><script src=/wp.js></script></head><body><noscript><img src=/px></noscript><article>{text}</article></body></html>"),
        ] {
            assert_eq!(assess(&html), Need::Served, "{html}");
        }
    }

    #[test]
    fn next_data_with_the_facts_is_read_without_a_browser() {
        let html = r#"<html><head><title>Loading</title><script src="/_next/static/chunks/main.js"></script></head><body><div id="__next"></div>
<script id="__NEXT_DATA__" type="application/json">{"props":{"pageProps":{"business":{"name":"Harbor View Dental","telephone":"(555) 010-0199","address":{"streetAddress":"12 Main Street","addressLocality":"Springfield"},"hours":"Monday to Friday 8am to 5pm","about":"A family dental practice caring for Springfield since 1998."}}},"page":"/","buildId":"abc123"}</script></body></html>"#;
        let Need::FrameworkData(read) = assess(html) else {
            panic!("expected framework data")
        };
        // The data's text is appended to the page as paragraphs, the page itself unchanged.
        let added = &read[read.find("framework-data").expect("a section was added")..];
        assert!(
            added.contains("<p>Telephone: (555) 010-0199</p>"),
            "{added}"
        );
        assert!(added.contains("Street address: 12 Main Street"), "{added}");
        // Build ids and page routes are not text.
        assert!(!added.contains("abc123"), "{added}");
        assert!(read.starts_with(&html[..200]));
        assert!(has_content(&read));
    }

    #[test]
    fn thin_framework_data_still_needs_a_browser() {
        let html = r#"<html><head><script src="/_next/main.js"></script></head><body><div id="__next"></div><script id="__NEXT_DATA__" type="application/json">{"props":{"pageProps":{}},"page":"/","buildId":"x"}</script></body></html>"#;
        assert!(matches!(assess(html), Need::Browser { .. }));
    }

    #[test]
    fn content_is_text_a_person_can_read() {
        assert!(!has_content(&shell(
            r#"<div id="root"></div>"#,
            "React App"
        )));
        assert!(!has_content(&shell(
            r#"<div id="root">Loading…</div>"#,
            "Loading…"
        )));
        assert!(has_content(&shell(
            &format!(
                "<div id=root><p>{}</p></div>",
                "Open daily for breakfast and lunch. ".repeat(4)
            ),
            "Sunny Side Cafe"
        )));
    }
}
