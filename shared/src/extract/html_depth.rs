//! Bounds how deep a page nests its elements before the HTML parser sees it. html5ever checks
//! scopes by walking its stack of open elements, so a page of 100,000 nested `<div>`s costs it
//! billions of steps (tens of seconds); real pages nest a few hundred deep at most.

/// Deepest nesting we pass to the parser; the page is cut where it goes deeper.
pub const MAX_NESTING: usize = 2_000;

/// `html` up to the first tag that would nest elements deeper than `max` (counting only
/// elements that need an end tag, so unclosed `<p>`, `<li>` or `<img>` do not add up), or all of
/// it. A scan over the bytes, far cheaper than parsing.
pub fn cut_at_nesting(html: &str, max: usize) -> &str {
    let bytes = html.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(offset) = bytes[i..].iter().position(|&b| b == b'<') {
        let lt = i + offset;
        let rest = &bytes[lt + 1..];
        if rest.starts_with(b"!--") {
            i = find(bytes, lt + 4, b"-->").map_or(bytes.len(), |e| e + 3);
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = lt + 1 + usize::from(closing);
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-' || **b == b':')
            .count();
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            i = lt + 1;
            continue;
        }
        let name = &bytes[name_start..name_start + name_len];
        let tag_end = bytes[name_start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(bytes.len(), |p| name_start + p);
        i = (tag_end + 1).min(bytes.len());
        if needs_no_end_tag(name) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
            continue;
        }
        if bytes[..tag_end].ends_with(b"/") {
            // `<path … />` in SVG and MathML: opened and closed at once.
            continue;
        }
        if let Some(raw) = raw_text_end(name) {
            // Script and style bodies are not markup, whatever `<` they hold.
            i = find_ignore_case(bytes, i, raw).unwrap_or(bytes.len());
            continue;
        }
        depth += 1;
        if depth > max {
            return &html[..lt];
        }
    }
    html
}

fn needs_no_end_tag(name: &[u8]) -> bool {
    const NAMES: &[&[u8]] = &[
        b"area",
        b"base",
        b"br",
        b"col",
        b"embed",
        b"hr",
        b"img",
        b"input",
        b"link",
        b"meta",
        b"param",
        b"source",
        b"track",
        b"wbr",
        b"p",
        b"li",
        b"dt",
        b"dd",
        b"option",
        b"optgroup",
        b"tr",
        b"td",
        b"th",
        b"thead",
        b"tbody",
        b"tfoot",
        b"colgroup",
        b"rb",
        b"rt",
        b"rp",
        b"html",
        b"head",
        b"body",
        b"frame",
        b"basefont",
        b"keygen",
    ];
    NAMES.iter().any(|n| n.eq_ignore_ascii_case(name))
}

fn raw_text_end(name: &[u8]) -> Option<&'static [u8]> {
    const RAW: &[(&[u8], &[u8])] = &[
        (b"script", b"</script"),
        (b"style", b"</style"),
        (b"textarea", b"</textarea"),
        (b"title", b"</title"),
        (b"xmp", b"</xmp"),
        (b"noscript", b"</noscript"),
    ];
    RAW.iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, end)| *end)
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
    fn ordinary_pages_pass_whole() {
        let page = "<html><head><title>a<b</title><script>if (a<b) x('<div><div>')</script></head>\
            <body><p>One<p>Two<ul><li>x<li>y</ul><img src=a><br><svg><path d='M0'/></svg>\
            <!-- <div><div><div> --><div><span>z</span></div></body></html>";
        assert_eq!(cut_at_nesting(page, 3), page);
    }

    #[test]
    fn a_page_nesting_too_deep_is_cut_where_it_does() {
        let page = format!("<body><p>kept</p>{}", "<div>".repeat(10_000));
        let cut = cut_at_nesting(&page, 100);
        assert!(cut.starts_with("<body><p>kept</p>"));
        assert_eq!(cut.matches("<div>").count(), 100);
    }

    #[test]
    fn garbage_and_broken_tags_do_not_panic() {
        for page in [
            "<",
            "</",
            "<!--",
            "<a",
            "<script>",
            "<1>",
            "<é>",
            "a < b > c",
            "<</>>",
        ] {
            let _ = cut_at_nesting(page, 2);
        }
    }
}
