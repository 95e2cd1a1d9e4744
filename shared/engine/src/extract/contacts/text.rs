//! The page's visible text in one DOM walk: scripts, styles, templates, SVG, form option lists and
//! `hidden` elements are skipped (inline `display: none` panels are read: see [`skipped`]); block boundaries become line breaks and table cells tabs, so
//! "Mon–Fri 9am–5pm" stays on one line and address lines stay separable. The same walk collects
//! the links (with their text) and the `<address>` blocks.

use std::ops::Range;

use scraper::node::Element;
use scraper::{Html, Node};

use crate::extract::trust::zones::own_block;

/// Most visible text kept, in bytes; real pages have far less, and every extractor reads this.
pub const MAX_TEXT_BYTES: usize = 256 * 1024;
/// Text of the page's own blocks (header, footer, `<address>`, contact sections) read past
/// [`MAX_TEXT_BYTES`], in bytes: a page whose body fills the cap still has its footer's phone
/// number and address read.
pub const MAX_OWN_TEXT_PAST_CAP_BYTES: usize = 64 * 1024;
/// Most links kept.
pub const MAX_LINKS: usize = 3_000;
/// Most own blocks kept (each link is checked against them).
const MAX_OWN_BLOCKS: usize = 200;
/// Longest link text or href kept, in bytes.
const MAX_LINK_FIELD_BYTES: usize = 2_048;

/// A link as the reader sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    pub href: String,
    /// The link's visible text, whitespace collapsed (its `aria-label` or `title` when it has
    /// none, as icon links do).
    pub text: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VisibleText {
    /// Lines separated by `\n`, cells by `\t`, other whitespace collapsed to one space.
    pub text: String,
    pub links: Vec<Anchor>,
    /// Byte ranges of `text` that were inside `<address>` elements.
    pub address_blocks: Vec<Range<usize>>,
    /// Byte ranges of `text` inside the business's own blocks: header, footer, `<address>`,
    /// contact and imprint sections ([`crate::extract::trust::zones::own_block`]).
    pub own_blocks: Vec<Range<usize>>,
    /// For each of `links`, where its text starts in `text` and whether it sits in an own block.
    pub link_places: Vec<LinkPlace>,
}

/// Where a link was on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkPlace {
    pub start: usize,
    pub own_block: bool,
}

/// Walks the document once, without recursion (pages can nest elements 100,000 deep).
pub fn visible_text(doc: &Html) -> VisibleText {
    let mut w = Writer::default();
    let mut open_links: Vec<(String, usize, Option<String>)> = Vec::new();
    let mut open_addresses: Vec<usize> = Vec::new();
    let mut open_own: Vec<usize> = Vec::new();
    let root = doc.tree.root();
    let mut node = root;
    'walk: loop {
        // Enter `node`.
        let mut descend = true;
        match node.value() {
            Node::Text(t) => w.push(t, !open_own.is_empty()),
            Node::Element(el) => {
                if skipped(el) {
                    descend = false;
                } else {
                    let name = el.name();
                    if own_block(el) {
                        open_own.push(w.text.len());
                    }
                    match name {
                        "br" => w.line_break(),
                        "td" | "th" => w.cell(),
                        "a" => {
                            if let Some(href) = el.attr("href") {
                                let label = el.attr("aria-label").or_else(|| el.attr("title"));
                                open_links.push((
                                    cap(href.trim()),
                                    w.text.len(),
                                    label.map(|l| cap(l.trim())),
                                ));
                            }
                        }
                        "address" => {
                            w.line_break();
                            open_addresses.push(w.text.len());
                        }
                        _ if is_block(name) => w.line_break(),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
        if descend {
            if let Some(child) = node.first_child() {
                node = child;
                continue;
            }
        }
        // Leave `node` and every ancestor whose children are done.
        loop {
            if let Node::Element(el) = node.value() {
                if !skipped(el) {
                    leave(el, &mut w, &mut open_links, &mut open_addresses);
                    if own_block(el) {
                        if let Some(start) = open_own.pop() {
                            if w.own_blocks.len() < MAX_OWN_BLOCKS {
                                w.own_blocks.push(start.min(w.text.len())..w.text.len());
                            }
                        }
                    }
                }
            }
            if node.id() == root.id() {
                break 'walk;
            }
            if let Some(next) = node.next_sibling() {
                node = next;
                continue 'walk;
            }
            match node.parent() {
                Some(parent) => node = parent,
                None => break 'walk,
            }
        }
    }
    // A link is in an own block when one is still open as it closes, or one encloses it.
    let link_places = w
        .link_starts
        .iter()
        .map(|&(start, inside)| LinkPlace {
            start,
            own_block: inside || w.own_blocks.iter().any(|r| r.contains(&start)),
        })
        .collect();
    VisibleText {
        text: w.text,
        links: w.links,
        address_blocks: w.address_blocks,
        own_blocks: w.own_blocks,
        link_places,
    }
}

fn leave(
    el: &Element,
    w: &mut Writer,
    open_links: &mut Vec<(String, usize, Option<String>)>,
    open_addresses: &mut Vec<usize>,
) {
    let name = el.name();
    match name {
        "a" if el.attr("href").is_some() => {
            if let Some((href, start, label)) = open_links.pop() {
                let text = w.text.get(start..).unwrap_or_default().trim();
                let text = if text.is_empty() {
                    label.unwrap_or_default()
                } else {
                    cap(&text.split_whitespace().collect::<Vec<_>>().join(" "))
                };
                if w.links.len() < MAX_LINKS {
                    w.links.push(Anchor { href, text });
                    w.link_starts.push((start, false));
                }
            }
        }
        "address" => {
            if let Some(mut start) = open_addresses.pop() {
                // The block's first line break is written lazily, after `start`.
                if w.text[start..].starts_with('\n') {
                    start += 1;
                }
                w.address_blocks.push(start.min(w.text.len())..w.text.len());
            }
            w.line_break();
        }
        "td" | "th" => w.cell(),
        _ if is_block(name) => w.line_break(),
        _ => {}
    }
}

/// Elements whose content a visitor does not read as text.
fn skipped(el: &Element) -> bool {
    if matches!(
        el.name(),
        "head"
            | "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "canvas"
            | "iframe"
            | "object"
            | "embed"
            | "select"
            | "option"
            | "datalist"
            | "textarea"
            | "audio"
            | "video"
    ) {
        return true;
    }
    // `hidden` content is not relevant to the page. Inline `display: none` is kept: sites use it
    // for accordion and tab panels (opening hours, branch phone numbers) until a click shows
    // them, and on a labeled dev set skipping it lost a tenth of the phone numbers.
    el.attr("hidden").is_some()
}

pub(crate) fn is_block(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "caption"
            | "center"
            | "dd"
            | "details"
            | "dialog"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "legend"
            | "li"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "tfoot"
            | "thead"
            | "tr"
            | "ul"
            | "button"
            | "label"
    )
}

fn cap(s: &str) -> String {
    if s.len() <= MAX_LINK_FIELD_BYTES {
        return s.to_owned();
    }
    let mut end = MAX_LINK_FIELD_BYTES;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s[..end].to_owned()
}

#[derive(Default)]
struct Writer {
    text: String,
    links: Vec<Anchor>,
    link_starts: Vec<(usize, bool)>,
    address_blocks: Vec<Range<usize>>,
    own_blocks: Vec<Range<usize>>,
    pending_space: bool,
    pending_break: bool,
    pending_cell: bool,
    /// [`MAX_TEXT_BYTES`] reached: only own blocks' text is still written…
    full: bool,
    /// …until this many more bytes are.
    own_full: bool,
}

impl Writer {
    /// Writes a text node's words; `own` when it is inside one of the page's own blocks.
    fn push(&mut self, raw: &str, own: bool) {
        let (full, limit) = if own {
            (self.own_full, MAX_TEXT_BYTES + MAX_OWN_TEXT_PAST_CAP_BYTES)
        } else {
            (self.full, MAX_TEXT_BYTES)
        };
        if full {
            return;
        }
        if raw.starts_with(char::is_whitespace) {
            self.pending_space = true;
        }
        for word in raw.split_whitespace() {
            // One byte for the separator `separate` may write.
            if self.text.len() + 1 + word.len() > limit {
                if own {
                    self.own_full = true;
                } else {
                    self.full = true;
                }
                return;
            }
            self.separate();
            self.text.push_str(word);
            self.pending_space = true;
        }
        if !raw.ends_with(char::is_whitespace) && !raw.trim().is_empty() {
            self.pending_space = false;
        }
    }

    /// Writes the strongest pending separator before the next word.
    fn separate(&mut self) {
        if !self.text.is_empty() {
            if self.pending_break {
                self.text.push('\n');
            } else if self.pending_cell {
                self.text.push('\t');
            } else if self.pending_space {
                self.text.push(' ');
            }
        }
        self.pending_break = false;
        self.pending_cell = false;
        self.pending_space = false;
    }

    fn line_break(&mut self) {
        self.pending_break = true;
    }

    fn cell(&mut self) {
        self.pending_cell = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(html: &str) -> String {
        visible_text(&Html::parse_document(html)).text
    }

    #[test]
    fn keeps_blocks_on_their_own_lines_and_inline_text_together() {
        let html = "<html><head><title>T</title><style>p{}</style></head><body>
            <h1>Smith <b>Dental</b></h1>
            <p>123 Main St<br>Springfield, IL 62701</p>
            <div>Mon&ndash;Fri <span>9am&ndash;5pm</span></div>
            <table><tr><td>Sat</td><td>10-2</td></tr></table>
            <script>var phone='555-0100';</script><noscript>enable js</noscript>
            <template><p>hidden</p></template><svg><text>svg</text></svg>
            <div hidden>secret</div><div style=\"display: NONE\">Sun closed</div>
            <select><option>Alabama</option></select>
            </body></html>";
        assert_eq!(
            text(html),
            "Smith Dental\n123 Main St\nSpringfield, IL 62701\nMon–Fri 9am–5pm\nSat\t10-2\nSun closed"
        );
    }

    #[test]
    fn collects_links_with_their_text_and_address_blocks() {
        let html = r#"<p>Call <a href="tel:+14155550100"> (415) 555-0100 </a></p>
            <a href="https://facebook.com/smiths" aria-label="Facebook"><i></i></a>
            <address>1 High St<br>London SW1A 1AA</address>"#;
        let v = visible_text(&Html::parse_document(html));
        assert_eq!(
            v.links,
            vec![
                Anchor {
                    href: "tel:+14155550100".into(),
                    text: "(415) 555-0100".into()
                },
                Anchor {
                    href: "https://facebook.com/smiths".into(),
                    text: "Facebook".into()
                }
            ]
        );
        assert_eq!(v.address_blocks.len(), 1);
        assert_eq!(
            &v.text[v.address_blocks[0].clone()],
            "1 High St\nLondon SW1A 1AA"
        );
    }

    #[test]
    fn survives_deep_nesting_and_caps_the_text() {
        // Spans: html5ever's own handling of deeply nested blocks is quadratic (each `<div>`
        // scans the open-element stack), which is the parser's cost, not this walk's.
        let deep = format!("{}x{}", "<span>".repeat(100_000), "</span>".repeat(100_000));
        assert_eq!(text(&deep), "x");
        let huge = format!("<p>{}</p>", "word ".repeat(200_000));
        let t = text(&huge);
        assert!(
            t.len() <= MAX_TEXT_BYTES && t.len() > MAX_TEXT_BYTES - 10,
            "{}",
            t.len()
        );
    }

    /// A body that fills the cap does not hide the footer: the page's own blocks are read past
    /// it, within a bound of their own.
    #[test]
    fn reads_the_footer_of_a_page_whose_body_fills_the_cap() {
        let body = format!("<main><p>{}</p></main>", "word ".repeat(200_000));
        let footer = "<footer><p>Call us at (415) 555-0134</p><p>12 Embarcadero, San Francisco, CA 94111</p></footer>";
        let v = visible_text(&Html::parse_document(&format!(
            "<body>{body}{footer}</body>"
        )));
        assert!(
            v.text
                .ends_with("\nCall us at (415) 555-0134\n12 Embarcadero, San Francisco, CA 94111"),
            "{}",
            &v.text[v.text.len() - 200..]
        );
        let own = v
            .own_blocks
            .last()
            .expect("the footer is an own block")
            .clone();
        assert_eq!(
            v.text[own].trim(),
            "Call us at (415) 555-0134\n12 Embarcadero, San Francisco, CA 94111"
        );
        // Body text after the footer is still past the cap.
        let after = visible_text(&Html::parse_document(&format!(
            "<body>{body}{footer}<p>Later body text</p></body>"
        )));
        assert!(!after.text.contains("Later body text"));

        let huge_footer = format!("<footer><p>{}</p></footer>", "word ".repeat(100_000));
        let t = text(&format!("<body>{body}{huge_footer}</body>"));
        assert!(
            t.len() <= MAX_TEXT_BYTES + MAX_OWN_TEXT_PAST_CAP_BYTES
                && t.len() > MAX_TEXT_BYTES + MAX_OWN_TEXT_PAST_CAP_BYTES - 10,
            "{}",
            t.len()
        );
    }
}
