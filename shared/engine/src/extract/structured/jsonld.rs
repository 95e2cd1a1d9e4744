//! JSON-LD blocks: every `<script type="application/ld+json">` read leniently, in extruct's
//! output shape (a flat list: a block holding an array contributes its members).

use std::borrow::Cow;
use std::sync::LazyLock;

use scraper::{ElementRef, Html, Selector};
use serde_json::Value;

use super::lenient_json::parse_lenient;

/// Largest block parsed, in bytes. Business facts live in blocks of a few KB; the largest real
/// blocks (product catalogues, Yoast graphs listing many pages) stay under 1 MiB. `serde_json`
/// builds a `Value` at a few hundred MB/s (so a few ms per MiB) taking several times the text's
/// size in memory, and a failed parse pays again for the repair pass: a bigger block is skipped
/// rather than allowed to dominate the page's time and memory (pages are capped at 4 MiB).
pub const MAX_BLOCK_BYTES: usize = 1024 * 1024;

/// Most items kept from one page.
pub const MAX_ITEMS: usize = 1_000;

static SCRIPTS: LazyLock<Selector> =
    LazyLock::new(|| Selector::parse("script[type]").expect("static selector"));

/// Every JSON-LD item of the page, in document order. Empty and unreadable blocks are skipped
/// one by one: an invalid block never hides the valid block next to it.
pub fn jsonld_items(doc: &Html) -> Vec<Value> {
    let mut items = Vec::new();
    for script in doc.select(&SCRIPTS) {
        if !is_jsonld(script.value().attr("type").unwrap_or_default()) {
            continue;
        }
        let Some(text) = script_text(script) else {
            continue;
        };
        for value in parse_lenient(&text) {
            match value {
                Value::Array(members) => items.extend(members.into_iter().filter(truthy)),
                other if truthy(&other) => items.push(other),
                _ => {}
            }
        }
        if items.len() >= MAX_ITEMS {
            items.truncate(MAX_ITEMS);
            break;
        }
    }
    items
}

/// `application/ld+json`, in any case, with or without parameters.
fn is_jsonld(media_type: &str) -> bool {
    media_type
        .split(';')
        .next()
        .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
}

/// The script's text, borrowed when it is one text node; `None` when it is over the size cap.
fn script_text(script: ElementRef<'_>) -> Option<Cow<'_, str>> {
    let mut total = 0;
    let mut parts = 0;
    let mut first = "";
    for text in script.text() {
        total += text.len();
        if total > MAX_BLOCK_BYTES {
            return None;
        }
        if parts == 0 {
            first = text;
        }
        parts += 1;
    }
    Some(if parts <= 1 {
        Cow::Borrowed(first)
    } else {
        Cow::Owned(script.text().collect())
    })
}

/// Python's truthiness, which extruct uses to drop empty items.
fn truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn items(html: &str) -> Vec<Value> {
        jsonld_items(&Html::parse_document(html))
    }

    #[test]
    fn reads_every_block_and_flattens_top_level_arrays() {
        let html = r#"<html><head>
            <script type="application/ld+json">{"@type": "Dentist", "name": "Smile"}</script>
            <script type="text/javascript">{"@type": "NotMe"}</script>
            </head><body>
            <script type="Application/LD+JSON; charset=utf-8">[{"@type": "A"}, {}, {"@type": "B"}]</script>
            </body></html>"#;
        assert_eq!(
            items(html),
            vec![
                json!({"@type": "Dentist", "name": "Smile"}),
                json!({"@type": "A"}),
                json!({"@type": "B"})
            ]
        );
    }

    #[test]
    fn an_invalid_block_does_not_hide_a_valid_one() {
        let html = r#"<script type="application/ld+json">{"@type": "Broken", </script>
            <script type="application/ld+json">   </script>
            <script type="application/ld+json">{"@type": "Plumber"}</script>"#;
        assert_eq!(items(html), vec![json!({"@type": "Plumber"})]);
    }

    #[test]
    fn a_block_over_the_cap_is_skipped() {
        let big = format!(
            r#"<script type="application/ld+json">{{"@type": "Thing", "x": "{}"}}</script>
            <script type="application/ld+json">{{"@type": "Bakery"}}</script>"#,
            "a".repeat(5 * 1024 * 1024)
        );
        assert_eq!(items(&big), vec![json!({"@type": "Bakery"})]);
    }

    #[test]
    fn binary_garbage_gives_nothing() {
        let garbage: String = (0u32..5000)
            .map(|i| char::from_u32((i * 7919) % 0xd7ff).unwrap_or('x'))
            .collect();
        let html = format!(r#"<script type="application/ld+json">{garbage}</script>"#);
        assert!(items(&html).is_empty());
    }
}
