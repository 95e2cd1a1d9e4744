//! An element's text as a reader sees it, the way extruct's microdata values are computed
//! (`html_text`): scripts, styles, comments, `<link>` and `<meta>` dropped, whitespace collapsed,
//! no space before punctuation, a newline around block elements and a blank line around
//! paragraphs, headings and lists. Iterative, so any nesting depth is safe.

use ego_tree::NodeRef;
use scraper::Node;

const NEWLINE_TAGS: &[&str] = &[
    "article",
    "aside",
    "br",
    "dd",
    "details",
    "div",
    "dt",
    "fieldset",
    "figcaption",
    "footer",
    "form",
    "header",
    "hr",
    "legend",
    "li",
    "main",
    "nav",
    "table",
    "tr",
];
const DOUBLE_NEWLINE_TAGS: &[&str] = &[
    "blockquote",
    "dl",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ol",
    "p",
    "pre",
    "title",
    "ul",
];
/// Elements whose content is not text a reader sees.
const DROPPED_TAGS: &[&str] = &["script", "style", "link", "meta"];

/// Longest text built for one element, in bytes; the rest is cut (at a char boundary).
pub const MAX_TEXT_BYTES: usize = 64 * 1024;

#[derive(Clone, Copy, PartialEq)]
enum Prev {
    Newline,
    DoubleNewline,
    /// The previous text chunk ended with whitespace (as written, before collapsing).
    TextSpaceEnd,
    /// The previous chunk ended without whitespace; `true` when it ended with `(`.
    TextNoSpace {
        open_bracket: bool,
    },
}

struct Writer {
    out: String,
    prev: Prev,
    /// Consecutive text nodes are one chunk (lxml merges them once comments are dropped).
    pending: String,
}

impl Writer {
    fn flush_text(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let raw = std::mem::take(&mut self.pending);
        let mut first = true;
        let mut wrote = false;
        for word in raw.split_whitespace() {
            if self.out.len() >= MAX_TEXT_BYTES {
                break;
            }
            if first {
                if self.space_before(word) {
                    self.out.push(' ');
                }
                first = false;
            } else {
                self.out.push(' ');
            }
            self.out.push_str(word);
            wrote = true;
        }
        if wrote {
            self.prev = if raw.ends_with(char::is_whitespace) {
                Prev::TextSpaceEnd
            } else {
                Prev::TextNoSpace {
                    open_bracket: raw.ends_with('('),
                }
            };
        }
        self.pending = raw;
        self.pending.clear();
    }

    fn space_before(&self, text: &str) -> bool {
        match self.prev {
            Prev::Newline | Prev::DoubleNewline => false,
            Prev::TextSpaceEnd => true,
            Prev::TextNoSpace { open_bracket } => {
                let punct_after = text.starts_with([',', ':', ';', '.', '!', '?', '"', ')']);
                !(punct_after || open_bracket)
            }
        }
    }

    fn newlines(&mut self, tag: &str) {
        if self.prev == Prev::DoubleNewline {
            return;
        }
        if DOUBLE_NEWLINE_TAGS.contains(&tag) {
            self.out.push_str(if self.prev == Prev::Newline {
                "\n"
            } else {
                "\n\n"
            });
            self.prev = Prev::DoubleNewline;
        } else if NEWLINE_TAGS.contains(&tag) {
            if self.prev != Prev::Newline {
                self.out.push('\n');
            }
            self.prev = Prev::Newline;
        }
    }
}

/// The text of `node` and its descendants. `budget` counts the nodes visited across calls, so
/// many properties over one huge subtree cannot make the work quadratic; at zero, the text is
/// cut short.
pub fn text_content(node: NodeRef<'_, Node>, budget: &mut usize) -> String {
    let mut w = Writer {
        out: String::new(),
        prev: Prev::DoubleNewline,
        pending: String::new(),
    };
    // (node, entering): children are pushed in reverse so they pop in document order.
    let mut stack = vec![(node, true)];
    while let Some((current, entering)) = stack.pop() {
        if *budget == 0 || w.out.len() >= MAX_TEXT_BYTES {
            break;
        }
        *budget -= 1;
        match current.value() {
            Node::Text(text) if entering && w.pending.len() < MAX_TEXT_BYTES => {
                w.pending.push_str(text);
            }
            Node::Element(el) => {
                let tag = el.name();
                if DROPPED_TAGS.contains(&tag) && current != node {
                    continue;
                }
                w.flush_text();
                w.newlines(tag);
                if entering {
                    stack.push((current, false));
                    let start = stack.len();
                    stack.extend(current.children().map(|c| (c, true)));
                    stack[start..].reverse();
                }
            }
            _ => {}
        }
    }
    w.flush_text();
    let trimmed = w.out.trim();
    if trimmed.len() == w.out.len() {
        w.out
    } else {
        trimmed.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::{Html, Selector};

    fn text_of(html: &str, selector: &str) -> String {
        let doc = Html::parse_document(html);
        let sel = Selector::parse(selector).unwrap();
        let el = doc.select(&sel).next().unwrap();
        text_content(*el, &mut usize::MAX.clone())
    }

    #[test]
    fn lays_out_text_like_a_reader_sees_it() {
        let html = "<div id=x><h2>Title</h2><p>Hello <b>world</b>, again.<script>x()</script></p>\
                    <ul><li>one</li><li>two<!-- c -->three</li></ul>(<span>a</span>)</div>";
        assert_eq!(
            text_of(html, "#x"),
            "Title\n\nHello world, again.\n\none\ntwothree\n\n(a)"
        );
    }

    #[test]
    fn deep_nesting_and_budget_are_safe() {
        let doc = crate::extract::structured::deep_tree::nested("<span>", 100_000, "deep");
        let body = doc.root_element().last_child().unwrap();
        assert_eq!(text_content(body, &mut usize::MAX.clone()), "deep");
        let mut budget = 10;
        assert_eq!(text_content(body, &mut budget), "");
        assert_eq!(budget, 0);
    }
}
