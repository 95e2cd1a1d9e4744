//! The page's main text, boilerplate removed: navigation, headers, footers, cookie banners,
//! scripts, sidebars, comments, share widgets and related links go; the article's paragraphs,
//! headings and lists stay, separated by blank lines.
//!
//! How: one pass over the parsed page flattens it into an arena of elements and text blocks (a
//! block is the inline text between two block-level tags), in document order, with no recursion
//! so any nesting depth is safe. A block is prose when it is long and has few links; elements sum
//! their blocks bottom-up. Elements whose tag, role, class or id say "boilerplate" are dropped
//! unless they hold the marked article body or most of the page's prose (a
//! `<body class="has-sidebar">` must not empty the page). The container is the element marked as
//! the article body (`itemprop="articleBody"`, `article-body`, `entry-content`, …) when it holds
//! a fair share of the prose, else the element with the most prose net of the other text it would
//! drag in; of several `<article>`s inside it, the story is the one carrying most of that. The
//! container's blocks, less removed elements and link lists, are the result.
//!
//! On the article-extraction benchmark (181 news and blog pages) this scores F1 0.973, against
//! trafilatura's 0.958 (`agent-builder eval article`; BENCHMARKS.md).

mod markup;

/// Class and id values split into words (`ArticlePage-authorDate` → Article, Page, author, Date).
pub(crate) use markup::{hidden_style, words as class_words};

use ego_tree::iter::Edge;
use scraper::{Html, Node};

use markup::{boilerplate_name, boilerplate_role, boilerplate_tag, content_name, kind_of, Kind};

/// The main text of a parsed page: paragraphs separated by blank lines; empty when the page has
/// no readable text.
pub fn main_text(doc: &Html) -> String {
    main_text_words(doc, usize::MAX)
}

/// [`main_text`] cut after its first `max_words` words (as [`cut_after_words`] cuts), without
/// ever holding the rest: a 2 MiB page's whole main text is megabytes nobody reads.
pub fn main_text_words(doc: &Html, max_words: usize) -> String {
    let mut arena = Arena::default();
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => arena.open(el.name(), |name| el.attr(name)),
                Node::Text(text) => arena.text(text),
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(el) = node.value() {
                    arena.close(el.name());
                }
            }
        }
    }
    arena.finish(max_words)
}

/// Cuts `text` after its first `max_words` whitespace-separated words; shorter text is left
/// as it is.
pub fn cut_after_words(text: &mut String, max_words: usize) {
    let Some(last) = max_words.checked_sub(1) else {
        text.clear();
        return;
    };
    let end = text
        .split_whitespace()
        .nth(last)
        .map(|word| word.as_ptr() as usize - text.as_ptr() as usize + word.len());
    if let Some(end) = end.filter(|&end| end < text.len()) {
        text.truncate(end);
        text.shrink_to_fit();
    }
}

/// [`main_text`] of a page's HTML (parsed here; [`super::extract_page`] parses once for all
/// extractors instead).
pub fn main_text_of_html(html: &str) -> String {
    main_text(&crate::html::parse_untrusted(html))
}

/// A block counts as prose when it is at least this long (in characters, spaces excluded)…
const MIN_PROSE_CHARS: u32 = 40;
/// …and at most this share of it is link text.
const MAX_PROSE_LINK_DENSITY: f32 = 0.3;
/// Blocks with more link text than this are menus, lists of related stories or tag clouds.
const MAX_KEPT_LINK_DENSITY: f32 = 0.5;
/// Weight of non-prose text against a container: 1 means one character of boilerplate cancels
/// one character of prose.
const BOILERPLATE_WEIGHT: f32 = 1.0;
/// A boilerplate-looking element is kept anyway when it holds more than this share of the page's
/// prose (the class names of a page-wide wrapper say nothing about the article)…
const PROTECTED_PROSE_SHARE: f32 = 0.5;
/// …in at least this many paragraphs (one long footer notice is not a wrapper).
const PROTECTED_MIN_PARAGRAPHS: u32 = 2;
/// The element marked as the article body wins when its text is at least this share of the best
/// container's prose.
const MARKED_BODY_SHARE: f32 = 0.3;
/// Of several `<article>`s in the container, the best is the story when it has at least this
/// share of the container's net prose.
const MAIN_ARTICLE_SHARE: f32 = 0.5;

#[derive(Debug, Clone, Copy)]
struct Element {
    parent: u32,
    /// One past the index of the element's last descendant.
    end: u32,
    kind: Kind,
    boilerplate: bool,
    content_hint: bool,
    /// An `<article>` element.
    article: bool,
    /// Hash of the class and id values, telling elements marked alike.
    hint_key: u64,
    /// Characters of prose in the element's blocks and its descendants'.
    prose: f32,
    /// Characters of other text in the same.
    other: f32,
    prose_blocks: u32,
    /// The element or one of its descendants is marked as the article body and has prose.
    hint_below: bool,
    /// One of the element's descendants is an `<article>` with prose.
    article_below: bool,
}

#[derive(Debug, Clone, Copy)]
struct Block {
    start: u32,
    end: u32,
    /// Characters other than white space.
    chars: u32,
    link_chars: u32,
    /// The element whose text this is (the innermost enclosing block-level element).
    owner: u32,
    heading: u8,
}

impl Block {
    fn link_density(&self) -> f32 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars as f32 / self.chars as f32
        }
    }

    fn is_prose(&self) -> bool {
        self.chars >= MIN_PROSE_CHARS && self.link_density() <= MAX_PROSE_LINK_DENSITY
    }
}

#[derive(Default)]
struct Arena {
    elements: Vec<Element>,
    blocks: Vec<Block>,
    text: String,
    /// Open elements (indices into `elements`) from the root down.
    stack: Vec<u32>,
    /// Depth of `Kind::Skip` elements we are inside; their contents are ignored.
    skip_depth: u32,
    link_depth: u32,
    pre_depth: u32,
    /// The block being filled: its start in `text`, characters and link characters so far.
    open_start: usize,
    open_chars: u32,
    open_link_chars: u32,
    pending_space: bool,
}

impl Arena {
    fn open<'a>(&mut self, tag: &str, attr: impl Fn(&str) -> Option<&'a str>) {
        let kind = kind_of(tag);
        // Hidden by the page itself: never shown, whatever it holds (often a second, hidden
        // copy of the article for search engines).
        if self.skip_depth > 0
            || kind == Kind::Skip
            || attr("hidden").is_some()
            || attr("style").is_some_and(hidden_style)
        {
            self.skip_depth += 1;
            return;
        }
        match kind {
            Kind::Break => {
                if self.open_chars > 0 {
                    self.text.push('\n');
                    self.pending_space = false;
                }
                // A void element: no matching close to wait for.
                self.skip_depth += 1;
                return;
            }
            Kind::Link => self.link_depth += 1,
            Kind::Pre => self.pre_depth += 1,
            _ => {}
        }
        if matches!(kind, Kind::Inline | Kind::Link) {
            return;
        }
        self.flush();
        let hidden = attr("aria-hidden").is_some_and(|v| v.eq_ignore_ascii_case("true"));
        let names = [attr("class"), attr("id")];
        let boilerplate = hidden
            || boilerplate_tag(tag)
            || attr("role").is_some_and(boilerplate_role)
            || names.iter().flatten().any(|v| boilerplate_name(v));
        let content_hint = attr("itemprop").is_some_and(|v| v.contains("articleBody"))
            || names.iter().flatten().any(|v| content_name(v));
        let hint_key = if content_hint {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            names.hash(&mut h);
            h.finish()
        } else {
            0
        };
        let index = self.elements.len() as u32;
        self.elements.push(Element {
            parent: self.stack.last().copied().unwrap_or(u32::MAX),
            end: index + 1,
            kind,
            boilerplate,
            content_hint,
            article: tag == "article",
            hint_key,
            prose: 0.0,
            other: 0.0,
            prose_blocks: 0,
            hint_below: false,
            article_below: false,
        });
        self.stack.push(index);
    }

    fn close(&mut self, tag: &str) {
        if self.skip_depth > 0 {
            self.skip_depth -= 1;
            return;
        }
        let kind = kind_of(tag);
        match kind {
            Kind::Link => self.link_depth = self.link_depth.saturating_sub(1),
            Kind::Pre => self.pre_depth = self.pre_depth.saturating_sub(1),
            _ => {}
        }
        if matches!(kind, Kind::Inline | Kind::Link) {
            return;
        }
        self.flush();
        if let Some(index) = self.stack.pop() {
            self.elements[index as usize].end = self.elements.len() as u32;
        }
    }

    fn text(&mut self, text: &str) {
        if self.skip_depth > 0 || self.stack.is_empty() {
            return;
        }
        let mut chars = 0;
        for c in text.chars() {
            if c.is_whitespace() {
                if self.pre_depth > 0 && self.open_chars + chars > 0 {
                    self.text.push(if c == '\n' { '\n' } else { ' ' });
                } else {
                    self.pending_space = true;
                }
                continue;
            }
            if self.pending_space && self.open_chars + chars > 0 {
                self.text.push(' ');
            }
            self.pending_space = false;
            self.text.push(c);
            chars += 1;
        }
        self.open_chars += chars;
        if self.link_depth > 0 {
            self.open_link_chars += chars;
        }
    }

    /// Ends the block being filled, recording it when it has any text.
    fn flush(&mut self) {
        if self.open_chars > 0 {
            let owner = *self.stack.last().unwrap_or(&0);
            let heading = match self.elements.get(owner as usize).map(|e| e.kind) {
                Some(Kind::Heading(level)) => level,
                _ => 0,
            };
            let end = self.text.trim_end().len();
            self.blocks.push(Block {
                start: self.open_start as u32,
                end: end as u32,
                chars: self.open_chars,
                link_chars: self.open_link_chars,
                owner,
                heading,
            });
        } else {
            self.text.truncate(self.open_start);
        }
        self.open_start = self.text.len();
        self.open_chars = 0;
        self.open_link_chars = 0;
        self.pending_space = false;
    }

    fn finish(mut self, max_words: usize) -> String {
        self.flush();
        while let Some(index) = self.stack.pop() {
            self.elements[index as usize].end = self.elements.len() as u32;
        }
        if self.elements.is_empty() || self.blocks.is_empty() {
            return String::new();
        }
        let removed = self.removed();
        self.sum_text(&removed);
        let container = self.container(&removed);
        self.render(container, &removed, max_words)
    }

    /// Sums each element's prose and other text over its subtree; elements come in document
    /// order, so children follow their parents and one backwards sweep suffices. Text under a
    /// removed element counts for nothing.
    fn sum_text(&mut self, removed: &[bool]) {
        for e in &mut self.elements {
            e.prose = 0.0;
            e.other = 0.0;
            e.prose_blocks = 0;
            e.hint_below = false;
            e.article_below = false;
        }
        for b in &self.blocks {
            if removed[b.owner as usize] {
                continue;
            }
            let e = &mut self.elements[b.owner as usize];
            if b.is_prose() {
                e.prose += b.chars as f32;
                e.prose_blocks += 1;
            } else {
                e.other += b.chars as f32;
            }
        }
        for i in (0..self.elements.len()).rev() {
            let e = self.elements[i];
            let hint_below = e.hint_below || (e.content_hint && e.prose > 0.0);
            self.elements[i].hint_below = hint_below;
            if let Some(p) = self.elements.get_mut(e.parent as usize) {
                if !removed[i] {
                    p.prose += e.prose;
                    p.other += e.other;
                    p.prose_blocks += e.prose_blocks;
                    p.hint_below |= hint_below;
                    p.article_below |= e.article_below || (e.article && e.prose > 0.0);
                }
            }
        }
    }

    /// Which elements are dropped with their subtree: boilerplate-looking ones, and everything
    /// under them, unless they hold the marked article body or most of the page's prose in
    /// several paragraphs (a wrapper, not a footer's one long notice).
    fn removed(&mut self) -> Vec<bool> {
        let none = vec![false; self.elements.len()];
        self.sum_text(&none);
        let total: f32 = self
            .elements
            .iter()
            .filter(|e| e.parent == u32::MAX)
            .map(|e| e.prose)
            .sum();
        let mut removed = none;
        for i in 0..self.elements.len() {
            let e = &self.elements[i];
            let inherited = removed.get(e.parent as usize).copied().unwrap_or(false);
            let protected = e.hint_below
                || (e.prose > PROTECTED_PROSE_SHARE * total
                    && e.prose_blocks >= PROTECTED_MIN_PARAGRAPHS);
            removed[i] = inherited || (e.boilerplate && !protected);
        }
        removed
    }

    /// The element the page marks as its article body, when that holds a fair share of the
    /// page's prose; else the element with the most prose net of the other text it holds.
    fn container(&self, removed: &[bool]) -> usize {
        let mut best = 0;
        let mut best_score = f32::MIN;
        let mut marked: Option<usize> = None;
        for (i, e) in self.elements.iter().enumerate() {
            if removed[i] || matches!(e.kind, Kind::Heading(_) | Kind::ListItem) {
                continue;
            }
            let score = e.prose - BOILERPLATE_WEIGHT * e.other;
            if score > best_score {
                best_score = score;
                best = i;
            }
            if e.content_hint && e.prose > 0.0 {
                let text = |e: &Element| e.prose + e.other;
                if marked.is_none_or(|m| text(e) > text(&self.elements[m])) {
                    marked = Some(i);
                }
            }
        }
        if let Some(m) = marked {
            let e = &self.elements[m];
            if e.prose + e.other >= MARKED_BODY_SHARE * self.elements[best].prose {
                // An article body cut into chunks (between ads, say) marked alike: the
                // smallest element holding them all.
                let mut lca = m;
                for (i, c) in self.elements.iter().enumerate() {
                    if c.content_hint && c.hint_key == e.hint_key && c.prose > 0.0 && !removed[i] {
                        while !(lca <= i && i < self.elements[lca].end as usize) {
                            match self.elements.get(self.elements[lca].parent as usize) {
                                Some(_) => lca = self.elements[lca].parent as usize,
                                None => break,
                            }
                        }
                    }
                }
                best = lca;
            }
        }
        // A container holding several `<article>`s is a story followed by teasers of others
        // (each its own `<article>`): the story is the one with the most net prose, when it
        // carries most of the container's.
        let end = self.elements[best].end as usize;
        let net = |e: &Element| e.prose - BOILERPLATE_WEIGHT * e.other;
        let mut articles = 0;
        let mut top: Option<usize> = None;
        for (i, e) in self.elements.iter().enumerate().take(end).skip(best + 1) {
            if e.article && !removed[i] && e.prose > 0.0 && !e.article_below {
                articles += 1;
                if top.is_none_or(|t| net(e) > net(&self.elements[t])) {
                    top = Some(i);
                }
            }
        }
        if let Some(t) = top {
            if articles > 1
                && net(&self.elements[t]) >= MAIN_ARTICLE_SHARE * net(&self.elements[best])
            {
                best = t;
            }
        }
        best
    }

    /// The container's blocks outside removed elements, less link lists and the page title;
    /// the first `max_words` words of them.
    fn render(&self, container: usize, removed: &[bool], max_words: usize) -> String {
        let end = self.elements[container].end as usize;
        let mut out = String::new();
        let mut words = 0usize;
        for b in &self.blocks {
            let owner = b.owner as usize;
            if owner < container || owner >= end || removed[owner] {
                continue;
            }
            if b.link_density() > MAX_KEPT_LINK_DENSITY || b.heading == 1 {
                continue;
            }
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            let text = &self.text[b.start as usize..b.end as usize];
            out.push_str(text);
            words += text.split_whitespace().count();
            if words >= max_words {
                cut_after_words(&mut out, max_words);
                break;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::MAX_MAIN_TEXT_WORDS;

    /// A page's text is cut after the words its facts keep, and no other word is lost.
    #[test]
    fn a_long_main_text_is_cut_after_the_words_read() {
        let words: Vec<String> = (0..MAX_MAIN_TEXT_WORDS + 10)
            .map(|i| format!("w{i}"))
            .collect();
        let mut text = format!("  {} \n", words.join(" \t "));
        cut_after_words(&mut text, MAX_MAIN_TEXT_WORDS);
        let kept: Vec<&str> = text.split_whitespace().collect();
        assert_eq!(kept.len(), MAX_MAIN_TEXT_WORDS);
        assert_eq!(
            kept,
            words[..MAX_MAIN_TEXT_WORDS]
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>()
        );
        assert!(text.ends_with(&words[MAX_MAIN_TEXT_WORDS - 1]));

        let mut short = "Harbor View  Dental\n".to_owned();
        cut_after_words(&mut short, MAX_MAIN_TEXT_WORDS);
        assert_eq!(short, "Harbor View  Dental\n");
    }

    /// Rendering only the words kept gives exactly what cutting the whole main text gives,
    /// whether the cut falls inside a paragraph or at its end.
    #[test]
    fn the_main_text_rendered_within_a_word_budget_is_the_whole_one_cut() {
        let para = |i: usize| {
            format!(
                "<p>{}</p>",
                (0..40)
                    .map(|w| format!("w{i}x{w}"))
                    .collect::<Vec<_>>()
                    .join(" ")
            )
        };
        let html = format!(
            "<html><body><nav><a href=/>Home</a></nav><article><h2>Opening words</h2>{}</article></body></html>",
            (0..30).map(para).collect::<String>()
        );
        let doc = Html::parse_document(&html);
        let whole = main_text(&doc);
        assert!(whole.split_whitespace().count() > 1_000, "{whole}");
        for max in [1, 2, 3, 39, 40, 41, 42, 43, 200, 1_000, 1_202, 5_000] {
            let mut cut = whole.clone();
            cut_after_words(&mut cut, max);
            assert_eq!(main_text_words(&doc, max), cut, "{max} words");
        }
        assert_eq!(main_text_words(&doc, usize::MAX), whole);
        assert_eq!(main_text_words(&doc, 0), "");
    }

    fn text_of(html: &str) -> String {
        main_text(&Html::parse_document(html))
    }

    const PARA: &str = "The council voted on Tuesday to rebuild the old bridge over the river, \
        a project that residents have asked for since the floods of 2019.";

    #[test]
    fn keeps_the_article_and_drops_page_furniture() {
        let html = format!(
            r#"<html><head><title>T</title><script>var x = "script text";</script></head><body>
            <header><a href="/">Home</a> <a href="/news">News</a></header>
            <nav><ul><li><a href="/a">Politics</a></li><li><a href="/b">Sport</a></li></ul></nav>
            <div class="cookie-banner">We use cookies to improve your experience on this website. Accept all cookies?</div>
            <article><h1>Bridge to be rebuilt</h1>
              <p>{PARA}</p>
              <h2>What happens next</h2>
              <p>Work starts in spring. {PARA}</p>
              <ul><li>Closed for six months while the deck is replaced</li><li>A ferry will run every half hour</li></ul>
              <div class="share-buttons"><a href="/s">Share on Facebook</a> <a href="/t">Tweet</a></div>
            </article>
            <aside><p>Most read: a very long teaser text about something else entirely on this site.</p></aside>
            <footer><p>Copyright 2024 The Daily Example. All rights reserved. Terms of use apply here.</p></footer>
            </body></html>"#
        );
        let text = text_of(&html);
        assert!(text.contains(PARA), "{text}");
        assert!(text.contains("What happens next"), "{text}");
        assert!(text.contains("Closed for six months"), "{text}");
        for gone in [
            "script text",
            "Politics",
            "cookies",
            "Share on Facebook",
            "Most read",
            "Copyright",
            "Bridge to be rebuilt",
        ] {
            assert!(!text.contains(gone), "{gone:?} left in {text}");
        }
    }

    #[test]
    fn paragraphs_are_separated_by_blank_lines_and_white_space_is_collapsed() {
        let html = format!("<body><main><p>{PARA}</p><p>Second   paragraph,\n  with   more\twords about the bridge and the river.</p></main></body>");
        let text = text_of(&html);
        assert_eq!(
            text,
            format!("{PARA}\n\nSecond paragraph, with more words about the bridge and the river.")
        );
    }

    #[test]
    fn inline_markup_does_not_split_words_and_blocks_do_not_join_them() {
        let html = format!("<body><div><p>{PARA} Em<b>phasis</b> here.</p><div>Next</div><div>block of text, long enough to count as a paragraph of the story.</div></div></body>");
        let text = text_of(&html);
        assert!(text.contains("Emphasis here."), "{text}");
        assert!(text.contains("Next\n\nblock"), "{text}");
    }

    #[test]
    fn a_wrapper_named_like_boilerplate_does_not_empty_the_page() {
        let html = format!(
            r#"<body class="has-sidebar"><div id="page-wrapper" class="nav-open"><p>{PARA}</p><p>{PARA}</p></div></body>"#
        );
        assert!(text_of(&html).contains(PARA));
    }

    #[test]
    fn hidden_elements_and_comment_sections_are_dropped() {
        let html = format!(
            r#"<body><article><p>{PARA}</p><p>{PARA}</p><p>{PARA}</p>
            <div style="display: none">A hidden paragraph that no reader ever sees on the page.</div>
            <section id="comments"><p>First! This is a reader comment that is long enough to be prose.</p></section>
            </article></body>"#
        );
        let text = text_of(&html);
        assert!(text.contains(PARA));
        assert!(!text.contains("hidden paragraph"), "{text}");
        assert!(!text.contains("reader comment"), "{text}");
    }

    #[test]
    fn the_story_wins_over_teasers_of_other_stories() {
        let teaser = |i: usize| {
            format!(
                r#"<article class="card"><h3><a href="/s{i}">Another story number {i}</a></h3>
                <p>A summary of another story that is long enough to look like a paragraph, number {i}.</p></article>"#
            )
        };
        let teasers: String = (0..8).map(teaser).collect();
        let story = format!("<p>{PARA}</p>").repeat(5);
        let html = format!(
            r#"<body><div class="page"><article class="story">{story}</article>
            <section>{teasers}</section></div></body>"#
        );
        let text = text_of(&html);
        assert!(text.contains(PARA), "{text}");
        assert!(!text.contains("summary of another story"), "{text}");
    }

    #[test]
    fn an_article_body_cut_by_ads_is_kept_whole() {
        let html = format!(
            r#"<body><div class="layout">
              <div class="grid"><div class="article-body"><p>First part. {PARA}</p></div></div>
              <div class="ad-slot"><p>Advertisement for something you did not ask about at all, really.</p></div>
              <div class="grid"><div class="article-body"><p>Second part. {PARA}</p></div></div>
            </div>
            <div class="more"><p>{PARA} {PARA} {PARA} {PARA} {PARA}</p></div></body>"#
        );
        let text = text_of(&html);
        assert!(
            text.contains("First part.") && text.contains("Second part."),
            "{text}"
        );
        assert!(!text.contains("Advertisement"), "{text}");
    }

    #[test]
    fn empty_and_textless_pages_give_empty_text() {
        assert_eq!(text_of(""), "");
        assert_eq!(
            text_of("<html><body><script>x()</script></body></html>"),
            ""
        );
    }

    #[test]
    fn deep_nesting_does_not_overflow_the_stack() {
        // Our own walk has no depth limit: nest below the parser guard's cut.
        let depth = 1_900;
        let html = format!(
            "<body>{}<p>{PARA}</p>{}</body>",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        assert!(text_of(&html).contains(PARA));
        // Deeper than that, the page is cut where it nests too deep, in bounded time.
        let html = format!(
            "<body><p>{PARA}</p>{}<p>lost</p></body>",
            "<span><div>".repeat(50_000)
        );
        let text = main_text_of_html(&html);
        assert!(text.contains(PARA) && !text.contains("lost"), "{text}");
    }

    #[test]
    fn a_large_page_and_binary_garbage_are_handled() {
        let big = format!(
            "<body><article>{}</article></body>",
            format!("<p>{PARA}</p>").repeat(70_000)
        );
        assert!(big.len() > 9_000_000);
        let text = text_of(&big);
        assert!(text.starts_with(PARA));

        // Random bytes (a fixed xorshift stream) read as the crawler reads bodies, lossily.
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        // Mostly markup-ish bytes, so the parser sees tags, entities and text.
        let alphabet = b"<>/=\"'&;#ab pdivx\0\xff\xfe";
        let bytes: Vec<u8> = (0..2_000_000)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                alphabet[(state % alphabet.len() as u64) as usize]
            })
            .collect();
        let _ = main_text_of_html(&String::from_utf8_lossy(&bytes));
    }
}
