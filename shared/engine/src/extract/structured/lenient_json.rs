//! JSON as pages really write it inside `<script type="application/ld+json">`: wrapped in HTML
//! comments or CDATA, with JavaScript comments, trailing commas, raw control characters and
//! JavaScript escapes inside strings, HTML-entity encoded, or followed by junk. Valid JSON takes
//! the fast path (one `serde_json` parse); only a failed parse pays for the repair pass.

use serde_json::Value;

/// The JSON values `text` holds: one for valid (or repairable) JSON, several when the script
/// concatenates values, none when nothing can be read. Nesting deeper than `serde_json`'s
/// recursion limit (128) is rejected by the parser, so hostile depth cannot overflow the stack.
pub fn parse_lenient(text: &str) -> Vec<Value> {
    let text = text.trim();
    if text.is_empty() {
        return Vec::new();
    }
    if let Ok(value) = serde_json::from_str::<Value>(text) {
        return vec![value];
    }
    let repaired = repair(text);
    if let Ok(value) = serde_json::from_str::<Value>(&repaired) {
        return vec![value];
    }
    // Some CMSs HTML-encode the whole block (`{&quot;@type&quot;: …}`).
    if text.contains("&quot;") {
        let decoded = repair(&decode_entities(text));
        if let Ok(value) = serde_json::from_str::<Value>(&decoded) {
            return vec![value];
        }
    }
    leading_values(&repaired)
}

/// The complete values the text starts with, when junk follows them (a stray `}` or `;`).
fn leading_values(text: &str) -> Vec<Value> {
    serde_json::Deserializer::from_str(text)
        .into_iter::<Value>()
        .map_while(Result::ok)
        .collect()
}

/// One pass that rewrites what JSON forbids into what it means: comments and comment/CDATA
/// wrappers outside strings are dropped, trailing commas removed, control characters inside
/// strings escaped, and JavaScript escapes (`\'`, `\x27`, a lone backslash) made valid.
fn repair(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut in_string = false;
    let mut saw_cdata = false;
    while i < bytes.len() {
        let b = bytes[i];
        if in_string {
            match b {
                b'"' => {
                    in_string = false;
                    out.push('"');
                    i += 1;
                }
                b'\\' => i = repair_escape(text, i, &mut out),
                0x00..=0x1f => {
                    push_control_escape(b, &mut out);
                    i += 1;
                }
                _ => {
                    let ch = text[i..].chars().next().unwrap_or('\u{fffd}');
                    out.push(ch);
                    i += ch.len_utf8();
                }
            }
            continue;
        }
        let rest = &text[i..];
        if rest.starts_with("//") {
            i += rest.find('\n').unwrap_or(rest.len());
        } else if let Some(comment) = rest.strip_prefix("/*") {
            i += comment.find("*/").map_or(rest.len(), |end| end + 4);
        } else if rest.starts_with("<![CDATA[") {
            saw_cdata = true;
            i += "<![CDATA[".len();
        } else if saw_cdata && rest.starts_with("]]>") {
            i += 3;
        } else if rest.starts_with("<!-->") || rest.starts_with("<!--->") {
            // Empty comments, as HTML reads them.
            i += if rest.starts_with("<!-->") { 5 } else { 6 };
        } else if let Some(body) = rest.strip_prefix("<!--") {
            // A comment that holds no JSON is dropped whole; one wrapping the JSON loses only
            // its markers. The closer is searched after the opener ("<!-->" overlaps them).
            match body.find("-->") {
                Some(end) if !body[..end].contains(['{', '[', '"']) => i += 4 + end + 3,
                _ => i += 4,
            }
        } else if rest.starts_with("-->") {
            i += 3;
        } else {
            match b {
                b'"' => {
                    in_string = true;
                    out.push('"');
                }
                b'}' | b']' => {
                    drop_trailing_comma(&mut out);
                    out.push(b as char);
                }
                _ => {
                    let ch = rest.chars().next().unwrap_or('\u{fffd}');
                    out.push(ch);
                    i += ch.len_utf8();
                    continue;
                }
            }
            i += 1;
        }
    }
    out
}

/// Handles the escape at `text[at]` (a backslash); returns the index after it.
fn repair_escape(text: &str, at: usize, out: &mut String) -> usize {
    let rest = &text[at + 1..];
    let Some(next) = rest.chars().next() else {
        out.push_str("\\\\");
        return text.len();
    };
    match next {
        '"' | '\\' | '/' | 'b' | 'f' | 'n' | 'r' | 't' => {
            out.push('\\');
            out.push(next);
            at + 2
        }
        'u' if rest.len() >= 5 && rest.as_bytes()[1..5].iter().all(u8::is_ascii_hexdigit) => {
            out.push_str(&text[at..at + 6]);
            at + 6
        }
        'x' if rest.len() >= 3 && rest.as_bytes()[1..3].iter().all(u8::is_ascii_hexdigit) => {
            out.push_str("\\u00");
            out.push_str(&rest[1..3]);
            at + 4
        }
        '\'' => {
            out.push('\'');
            at + 2
        }
        // A literal backslash that was never escaped (a Windows path, a regex): keep it.
        _ => {
            out.push_str("\\\\");
            at + 1
        }
    }
}

fn push_control_escape(b: u8, out: &mut String) {
    match b {
        b'\n' => out.push_str("\\n"),
        b'\r' => out.push_str("\\r"),
        b'\t' => out.push_str("\\t"),
        _ => {
            out.push_str("\\u00");
            out.push(char::from_digit(u32::from(b >> 4), 16).unwrap_or('0'));
            out.push(char::from_digit(u32::from(b & 0xf), 16).unwrap_or('0'));
        }
    }
}

/// Replaces a `,` that is the last non-space character with a space (same length, no shift).
fn drop_trailing_comma(out: &mut String) {
    let trimmed = out.trim_end_matches([' ', '\t', '\r', '\n']);
    if trimmed.ends_with(',') {
        let at = trimmed.len() - 1;
        out.replace_range(at..at + 1, " ");
    }
}

/// The few entities an HTML-encoded JSON block uses.
fn decode_entities(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#34;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn one(text: &str) -> Value {
        let values = parse_lenient(text);
        assert_eq!(values.len(), 1, "{text:?} gave {values:?}");
        values.into_iter().next().unwrap()
    }

    #[test]
    fn a_comment_opener_that_overlaps_its_closer_is_not_a_panic() {
        assert_eq!(parse_lenient(r#"<!-->{"a":1}"#).len(), 1);
        parse_lenient("<!-->");
        parse_lenient("<!--");
    }

    #[test]
    fn valid_json_is_read_as_is() {
        assert_eq!(one(r#" {"a": [1, "x\\y"]} "#), json!({"a": [1, "x\\y"]}));
    }

    #[test]
    fn comments_and_wrappers_are_dropped() {
        assert_eq!(
            one("<!-- note -->\n{\"a\": 1, // why\n \"b\": /* x */ 2}"),
            json!({"a": 1, "b": 2})
        );
        assert_eq!(one("//<![CDATA[\n{\"a\": 1}\n//]]>"), json!({"a": 1}));
        assert_eq!(one("<!--\n{\"a\": 1}\n-->"), json!({"a": 1}));
        // Comment markers inside strings are content.
        assert_eq!(
            one("// c\n{\"a\": \"<!-- x --> // y /* z */\"}"),
            json!({"a": "<!-- x --> // y /* z */"})
        );
    }

    #[test]
    fn trailing_commas_control_characters_and_js_escapes_are_repaired() {
        assert_eq!(one("{\"a\": [1, 2,], }"), json!({"a": [1, 2]}));
        assert_eq!(
            one("{\"a\": \"line 1\nline\t2\u{1}\"}"),
            json!({"a": "line 1\nline\t2\u{1}"})
        );
        assert_eq!(
            one(r#"{"a": "it\'s \x41 C:\path"}"#),
            json!({"a": "it's A C:\\path"})
        );
    }

    #[test]
    fn entity_encoded_blocks_and_trailing_junk_are_read() {
        assert_eq!(
            one("{&quot;a&quot;: &quot;b&amp;c&quot;}"),
            json!({"a": "b&c"})
        );
        assert_eq!(
            parse_lenient("{\"a\": 1} {\"b\": 2} };"),
            vec![json!({"a": 1}), json!({"b": 2})]
        );
    }

    #[test]
    fn garbage_and_hostile_depth_give_nothing_without_panicking() {
        assert!(parse_lenient("").is_empty());
        assert!(parse_lenient("   ").is_empty());
        assert!(parse_lenient("not json at all").is_empty());
        assert!(parse_lenient("\u{0}\u{ff}\\").is_empty());
        assert!(parse_lenient("\"unterminated \\").is_empty());
        let deep = "[".repeat(100_000) + &"]".repeat(100_000);
        assert!(parse_lenient(&deep).is_empty());
        let deep_objects = "{\"a\":".repeat(50_000);
        assert!(parse_lenient(&deep_objects).is_empty());
    }
}
