//! The page's visible text as a flat list of blocks in reading order — headings, paragraphs,
//! list items, table rows, `<dt>`/`<dd>`, `<summary>` and the end of each `<details>` — which
//! the service and FAQ readers scan like a reader skims headings. One iterative pass.

use ego_tree::NodeRef;
use scraper::{Html, Node};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// `h1`..`h6`, with the level.
    Heading(u8),
    Paragraph,
    ListItem,
    /// A table row; cells are separated by ` | `.
    Row,
    /// `<dt>`.
    Term,
    /// `<dd>`.
    Definition,
    Summary,
    /// Marks where a `<details>` element closes (its text is empty).
    DetailsEnd,
    /// Text directly inside a container (`<div>text</div>`).
    Loose,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    /// Whitespace collapsed, at most [`MAX_BLOCK_CHARS`] characters.
    pub text: String,
    /// Inside `<nav>`, `<footer>`, `<aside>` or the page's own `<header>`: site chrome, not
    /// content.
    pub in_chrome: bool,
}

/// Most blocks read from one page.
pub const MAX_BLOCKS: usize = 20_000;
/// Longest block text kept, in characters.
pub const MAX_BLOCK_CHARS: usize = 2_000;

/// Elements whose text a reader does not see.
const SKIPPED: &[&str] = &[
    "head", "script", "style", "noscript", "template", "svg", "iframe", "select", "object",
    "canvas",
];
const CHROME: &[&str] = &["nav", "footer", "aside"];
/// Content sectioning: a `<header>` inside one is the section's heading, not the site's.
const CONTENT: &[&str] = &["main", "article", "section"];
/// Elements that end the text before them and start new text after them.
const BREAKS: &[&str] = &[
    "address",
    "article",
    "blockquote",
    "body",
    "br",
    "details",
    "dialog",
    "div",
    "dl",
    "fieldset",
    "figure",
    "form",
    "hr",
    "html",
    "main",
    "ol",
    "section",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "ul",
    "nav",
    "header",
    "footer",
    "aside",
    "td",
    "th",
    "img",
    "button",
    "label",
    "figcaption",
    "caption",
    "legend",
    "pre",
];

fn block_kind(tag: &str) -> Option<BlockKind> {
    Some(match tag {
        "h1" => BlockKind::Heading(1),
        "h2" => BlockKind::Heading(2),
        "h3" => BlockKind::Heading(3),
        "h4" => BlockKind::Heading(4),
        "h5" => BlockKind::Heading(5),
        "h6" => BlockKind::Heading(6),
        "p" => BlockKind::Paragraph,
        "li" => BlockKind::ListItem,
        "tr" => BlockKind::Row,
        "dt" => BlockKind::Term,
        "dd" => BlockKind::Definition,
        "summary" => BlockKind::Summary,
        _ => return None,
    })
}

struct Builder {
    blocks: Vec<Block>,
    text: String,
    chrome_depth: usize,
    content_depth: usize,
}

impl Builder {
    fn push_text(&mut self, text: &str) {
        if self.text.len() < MAX_BLOCK_CHARS * 4 {
            self.text.push_str(text);
        }
    }

    fn flush(&mut self, kind: BlockKind) {
        if self.blocks.len() >= MAX_BLOCKS {
            self.text.clear();
            return;
        }
        let mut text = String::new();
        for word in self.text.split_whitespace() {
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(word);
        }
        self.text.clear();
        if kind == BlockKind::Row {
            text = text.trim_matches(['|', ' ']).to_owned();
        }
        if text.is_empty() {
            return;
        }
        if text.chars().count() > MAX_BLOCK_CHARS {
            text = text.chars().take(MAX_BLOCK_CHARS).collect();
        }
        // Grown word by word, its capacity is up to twice its length; a page's blocks are
        // all its text, held until the page is read.
        text.shrink_to_fit();
        self.blocks.push(Block {
            kind,
            text,
            in_chrome: self.chrome_depth > 0,
        });
    }
}

/// The blocks of the page's body, in document order.
pub fn blocks(doc: &Html) -> Vec<Block> {
    let mut b = Builder {
        blocks: Vec::new(),
        text: String::new(),
        chrome_depth: 0,
        content_depth: 0,
    };
    // The element whose block is being filled, and its kind; `None` for loose text.
    let mut owner: Option<(NodeRef<'_, Node>, BlockKind)> = None;
    let mut stack = vec![(doc.tree.root(), true)];
    while let Some((node, entering)) = stack.pop() {
        if b.blocks.len() >= MAX_BLOCKS {
            break;
        }
        let el = match node.value() {
            Node::Text(text) => {
                b.push_text(text);
                continue;
            }
            Node::Element(el) => el,
            Node::Document | Node::Fragment => {
                stack.extend(
                    node.children()
                        .collect::<Vec<_>>()
                        .into_iter()
                        .rev()
                        .map(|c| (c, true)),
                );
                continue;
            }
            _ => continue,
        };
        let tag = el.name();
        if entering && SKIPPED.contains(&tag) {
            continue;
        }
        let content = CONTENT.contains(&tag);
        let chrome = CHROME.contains(&tag) || (tag == "header" && b.content_depth == 0);
        if entering {
            match owner {
                // A list inside a list item ends the item: its entries are blocks of their own.
                Some((_, BlockKind::ListItem)) if matches!(tag, "ul" | "ol") => {
                    b.flush(BlockKind::ListItem);
                    owner = None;
                }
                Some((_, BlockKind::Row)) if matches!(tag, "td" | "th") => b.push_text(" | "),
                Some(_) => {
                    if BREAKS.contains(&tag) || block_kind(tag).is_some() {
                        b.push_text(" ");
                    }
                }
                None => {
                    if let Some(kind) = block_kind(tag) {
                        b.flush(BlockKind::Loose);
                        owner = Some((node, kind));
                    } else if BREAKS.contains(&tag) {
                        b.flush(BlockKind::Loose);
                    }
                }
            }
            if chrome {
                b.chrome_depth += 1;
            }
            if content {
                b.content_depth += 1;
            }
            stack.push((node, false));
            let start = stack.len();
            stack.extend(node.children().map(|c| (c, true)));
            stack[start..].reverse();
        } else {
            match owner {
                Some((owner_node, kind)) if owner_node == node => {
                    b.flush(kind);
                    owner = None;
                }
                Some(_) => {}
                None => {
                    if BREAKS.contains(&tag) || block_kind(tag).is_some() {
                        b.flush(BlockKind::Loose);
                    }
                    if tag == "details" {
                        b.blocks.push(Block {
                            kind: BlockKind::DetailsEnd,
                            text: String::new(),
                            in_chrome: b.chrome_depth > 0,
                        });
                    }
                }
            }
            if content {
                b.content_depth = b.content_depth.saturating_sub(1);
            }
            if chrome {
                b.chrome_depth = b.chrome_depth.saturating_sub(1);
            }
        }
    }
    b.flush(BlockKind::Loose);
    b.blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds_and_text(html: &str) -> Vec<(BlockKind, String)> {
        kinds_and_text_of(&Html::parse_document(html))
    }

    fn kinds_and_text_of(doc: &Html) -> Vec<(BlockKind, String)> {
        blocks(doc).into_iter().map(|b| (b.kind, b.text)).collect()
    }

    #[test]
    fn flattens_the_page_in_reading_order() {
        let html = "<html><head><title>T</title><style>x{}</style></head><body>\
            <nav><a>Home</a></nav>\
            <h2>Our <em>Services</em></h2>\
            <ul><li>Cleaning – <b>$120</b></li><li>Whitening<ul><li>Home kit</li></ul></li></ul>\
            <div>Loose <span>text</span><p>Para</p>tail</div>\
            <table><tr><td>Cut</td><td>$30</td></tr></table>\
            <details><summary>Q?</summary><p>A.</p></details>\
            <script>ignored()</script></body></html>";
        assert_eq!(
            kinds_and_text(html),
            vec![
                (BlockKind::Loose, "Home".into()),
                (BlockKind::Heading(2), "Our Services".into()),
                (BlockKind::ListItem, "Cleaning – $120".into()),
                (BlockKind::ListItem, "Whitening".into()),
                (BlockKind::ListItem, "Home kit".into()),
                (BlockKind::Loose, "Loose text".into()),
                (BlockKind::Paragraph, "Para".into()),
                (BlockKind::Loose, "tail".into()),
                (BlockKind::Row, "Cut | $30".into()),
                (BlockKind::Summary, "Q?".into()),
                (BlockKind::Paragraph, "A.".into()),
                (BlockKind::DetailsEnd, String::new()),
            ]
        );
        let page = blocks(&Html::parse_document(html));
        assert!(page[0].in_chrome);
        assert!(!page[1].in_chrome);
        let headers =
            "<header><a>Logo</a></header><section><header><h2>Services</h2></header></section>";
        let page = blocks(&Html::parse_document(headers));
        assert!(page[0].in_chrome);
        assert!(!page[1].in_chrome);
    }

    #[test]
    fn hostile_pages_are_bounded() {
        let deep = crate::extract::structured::deep_tree::nested("<div>", 100_000, "x");
        assert_eq!(
            kinds_and_text_of(&deep),
            vec![(BlockKind::Loose, "x".to_owned())]
        );
        let many = "<p>a</p>".repeat(MAX_BLOCKS + 10);
        assert_eq!(blocks(&Html::parse_document(&many)).len(), MAX_BLOCKS);
        let long = format!("<p>{}</p>", "word ".repeat(10_000));
        assert_eq!(
            blocks(&Html::parse_document(&long))[0].text.chars().count(),
            MAX_BLOCK_CHARS
        );
    }
}
