//! A linear pre-pass that drops start tags nested deeper than a limit (and their end tags), so
//! the tree builder never sees a deep stack. Text is kept: only tags go.

use std::borrow::Cow;

/// Elements that never have children.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "frame", "basefont", "bgsound", "image",
];
/// Elements whose end tag may be left out: the parser closes them itself, so counting them
/// would see depth that is not there.
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "rb",
    "rp", "rt", "rtc", "colgroup", "caption", "html", "head", "body",
];
/// Elements whose content is text up to their own end tag.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// `html` with every start tag deeper than `max_depth` removed, together with the end tags that
/// would close them. Borrowed (no copy) when nothing was removed.
pub fn cap_nesting(html: &str, max_depth: usize) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut out: Option<String> = None;
    let mut depth = 0usize;
    let mut dropped_open = 0usize;
    let mut copied_to = 0usize;
    let mut i = 0usize;
    while let Some(offset) = memchr(b'<', &bytes[i..]) {
        let start = i + offset;
        let rest = &bytes[start..];
        // Comments, doctypes, processing instructions: skip past their end.
        if rest.starts_with(b"<!--") {
            i = find(bytes, start + 4, b"-->").map_or(bytes.len(), |e| e + 3);
            continue;
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
            i = memchr(b'>', &bytes[start..]).map_or(bytes.len(), |e| start + e + 1);
            continue;
        }
        let closing = rest.get(1) == Some(&b'/');
        let name_start = start + 1 + usize::from(closing);
        let name_end = bytes[name_start..]
            .iter()
            .position(|b| !b.is_ascii_alphanumeric() && *b != b'-' && *b != b':')
            .map_or(bytes.len(), |p| name_start + p);
        if name_end == name_start || !bytes[name_start].is_ascii_alphabetic() {
            // "<" in text, like "a < b".
            i = start + 1;
            continue;
        }
        let tag_end = tag_end(bytes, name_end);
        let name = html[name_start..name_end].to_ascii_lowercase();
        let self_closing = tag_end >= 2 && bytes[tag_end - 2] == b'/';
        let mut drop = false;
        if closing {
            if counts(&name) {
                if dropped_open > 0 {
                    dropped_open -= 1;
                    drop = true;
                } else {
                    depth = depth.saturating_sub(1);
                }
            }
        } else if counts(&name) && !self_closing {
            if depth >= max_depth {
                dropped_open += 1;
                drop = true;
            } else {
                depth += 1;
            }
        }
        if drop {
            let buf = out.get_or_insert_with(|| String::with_capacity(html.len()));
            buf.push_str(&html[copied_to..start]);
            copied_to = tag_end;
        }
        i = tag_end;
        if !closing && RAW_TEXT.contains(&name.as_str()) {
            // Skip the raw text up to its end tag, which is then read as a closing tag.
            let close = format!("</{name}");
            i = find_ignore_case(bytes, tag_end, close.as_bytes()).unwrap_or(bytes.len());
        }
    }
    match out {
        None => Cow::Borrowed(html),
        Some(mut buf) => {
            buf.push_str(&html[copied_to.min(html.len())..]);
            Cow::Owned(buf)
        }
    }
}

fn counts(name: &str) -> bool {
    !VOID.contains(&name) && !OPTIONAL_END.contains(&name)
}

/// The index just past the `>` that ends the tag whose name ends at `from`, honouring quoted
/// attribute values.
fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut quote: Option<u8> = None;
    for (offset, &b) in bytes[from..].iter().enumerate() {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => return from + offset + 1,
            None => {}
        }
    }
    bytes.len()
}

fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|&b| b == needle)
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

fn find_ignore_case(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| from + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_are_left_alone() {
        let page = r#"<!doctype html><html><head><title>a <b> c</title>
            <script>if (a < b && "</div>") {}</script></head>
            <body><div class="x>y"><p>one<p>two<br><img src=x><ul><li>a<li>b</ul>
            <!-- <div><div><div> --></div></body></html>"#;
        assert!(matches!(cap_nesting(page, 3), Cow::Borrowed(_)));
    }

    #[test]
    fn tags_past_the_limit_go_and_their_text_stays() {
        let deep = format!("{}text{}", "<div>".repeat(10), "</div>".repeat(10));
        let capped = cap_nesting(&deep, 3);
        assert_eq!(capped, "<div><div><div>text</div></div></div>");
        // Unclosed tags are capped too.
        let unclosed = "<span>".repeat(10) + "end";
        assert_eq!(cap_nesting(&unclosed, 2), "<span><span>end");
    }

    #[test]
    fn a_hundred_thousand_nested_elements_parse_with_the_cap() {
        let deep = format!(
            "{}text{}",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        );
        let doc = super::super::parse_untrusted(&deep);
        let divs = doc.tree.nodes().filter(|n| n.value().is_element()).count();
        assert!(divs <= super::super::MAX_DEPTH + 3, "{divs} elements");
        assert!(doc.root_element().text().any(|t| t == "text"));
    }
}
