//! Parsing untrusted HTML. html5ever's tree builder walks the stack of open elements for many
//! tags, so a page of 100,000 nested elements costs time quadratic in its depth (measured in
//! debug: 5,000 → 2.8 s, 10,000 → 12 s, 20,000 → 54 s). Browsers cap the tree's depth too; we cap
//! it before parsing, and cap the input's size.

mod nesting;

pub use nesting::cap_nesting;
use scraper::Html;

/// Deepest element nesting kept; real pages stay well under 100.
pub const MAX_DEPTH: usize = 256;

/// Largest HTML parsed, in bytes (cut at a character boundary).
pub const MAX_HTML_BYTES: usize = 4 * 1024 * 1024;

/// Parses a page from the web, bounded in size and nesting depth.
pub fn parse_untrusted(html: &str) -> Html {
    let html = truncate_at_char(html, MAX_HTML_BYTES);
    Html::parse_document(&cap_nesting(html, MAX_DEPTH))
}

pub fn truncate_at_char(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}
