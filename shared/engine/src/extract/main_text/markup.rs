//! What the markup says about an element: how its tag lays out text, and whether its tag, role,
//! class or id mark page furniture or the article body.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// Inline markup: its text joins the surrounding block.
    Inline,
    /// Starts and ends a block of text.
    Block,
    Heading(u8),
    ListItem,
    Pre,
    /// `<br>`: a line break inside a block.
    Break,
    Link,
    /// Contents never shown as text (scripts, styles, forms' widgets, media).
    Skip,
}

pub(super) fn kind_of(tag: &str) -> Kind {
    match tag {
        "a" => Kind::Link,
        "br" => Kind::Break,
        "pre" => Kind::Pre,
        "li" | "dt" | "dd" => Kind::ListItem,
        "h1" => Kind::Heading(1),
        "h2" => Kind::Heading(2),
        "h3" => Kind::Heading(3),
        "h4" => Kind::Heading(4),
        "h5" => Kind::Heading(5),
        "h6" => Kind::Heading(6),
        "p" | "div" | "section" | "article" | "main" | "blockquote" | "ul" | "ol" | "dl"
        | "table" | "thead" | "tbody" | "tfoot" | "tr" | "td" | "th" | "caption" | "body"
        | "html" | "header" | "footer" | "nav" | "aside" | "figure" | "figcaption" | "form"
        | "fieldset" | "legend" | "address" | "details" | "summary" | "dialog" | "hr"
        | "center" | "hgroup" | "menu" | "noframes" | "frameset" | "frame" | "output" => {
            Kind::Block
        }
        "script" | "style" | "noscript" | "template" | "head" | "title" | "meta" | "link"
        | "svg" | "math" | "iframe" | "object" | "embed" | "canvas" | "video" | "audio"
        | "picture" | "source" | "track" | "map" | "select" | "option" | "optgroup" | "button"
        | "input" | "textarea" | "label" | "datalist" | "img" | "param" => Kind::Skip,
        _ => Kind::Inline,
    }
}

/// Tags that are boilerplate wherever they appear, unless they hold most of the page's prose.
pub(super) fn boilerplate_tag(tag: &str) -> bool {
    matches!(
        tag,
        "nav" | "aside" | "footer" | "header" | "form" | "figcaption" | "menu" | "dialog"
    )
}

/// ARIA roles of page furniture.
pub(super) fn boilerplate_role(role: &str) -> bool {
    role.split_ascii_whitespace().any(|r| {
        matches!(
            r.to_ascii_lowercase().as_str(),
            "navigation"
                | "banner"
                | "contentinfo"
                | "complementary"
                | "search"
                | "dialog"
                | "alertdialog"
                | "menu"
                | "menubar"
                | "toolbar"
                | "tablist"
        )
    })
}

/// Words of class and id values that mark page furniture. Matched against whole words of the
/// value (split at anything not alphanumeric), so `ad` matches `ad-slot` but not `header`.
const BOILERPLATE_WORDS: &[&str] = &[
    "ad",
    "ads",
    "adv",
    "advert",
    "advertisement",
    "advertising",
    "author",
    "banner",
    "bio",
    "breadcrumb",
    "breadcrumbs",
    "byline",
    "carousel",
    "caption",
    "comment",
    "comments",
    "consent",
    "cookie",
    "cookies",
    "credit",
    "credits",
    "dateline",
    "disqus",
    "footer",
    "gallery",
    "gdpr",
    "header",
    "hidden",
    "lightbox",
    "masthead",
    "menu",
    "modal",
    "nav",
    "navbar",
    "navigation",
    "newsletter",
    "outbrain",
    "pagination",
    "popular",
    "popup",
    "promo",
    "recirc",
    "recommended",
    "related",
    "share",
    "sharing",
    "sidebar",
    "signup",
    "slider",
    "slideshow",
    "social",
    "sponsor",
    "sponsored",
    "subscribe",
    "subscription",
    "taboola",
    "tags",
    "toolbar",
    "trending",
    "widget",
];

/// Words of class and id values that mark the article body itself.
const CONTENT_WORDS: &[&str] = &[
    "articlebody",
    "article-body",
    "article__body",
    "articletext",
    "article-text",
    "article-content",
    "entry-content",
    "post-content",
    "post-body",
    "story-body",
    "storytext",
    "story-content",
    "body-text",
];

/// Words of a class or id value: split at anything not alphanumeric and between a lower-case
/// letter and an upper-case one (`ArticlePage-authorDate` → article, page, author, date).
pub(crate) fn words(value: &str) -> impl Iterator<Item = &str> {
    value
        .split(|c: char| !c.is_ascii_alphanumeric())
        .flat_map(|part| {
            let bytes = part.as_bytes();
            let mut start = 0;
            let mut pieces = Vec::new();
            for i in 1..bytes.len() {
                if bytes[i].is_ascii_uppercase() && bytes[i - 1].is_ascii_lowercase() {
                    pieces.push(&part[start..i]);
                    start = i;
                }
            }
            pieces.push(&part[start..]);
            pieces
        })
        .filter(|w| !w.is_empty())
}

pub(super) fn boilerplate_name(value: &str) -> bool {
    words(value)
        .any(|w| w.len() <= 16 && BOILERPLATE_WORDS.iter().any(|b| b.eq_ignore_ascii_case(w)))
}

pub(super) fn content_name(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    CONTENT_WORDS.iter().any(|c| lower.contains(c))
}

/// Inline `style` that hides the element.
pub(crate) fn hidden_style(style: &str) -> bool {
    let compact: String = style
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    compact.contains("display:none") || compact.contains("visibility:hidden")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_words_split_at_punctuation_and_camel_case() {
        let w: Vec<&str> = words("ArticlePage-authorDate main__content").collect();
        assert_eq!(w, ["Article", "Page", "author", "Date", "main", "content"]);
        assert!(boilerplate_name("HeroTextBelow-authorDate"));
        assert!(boilerplate_name("ad-slot"));
        assert!(!boilerplate_name("leading-heading"));
        assert!(!boilerplate_name("shadow loaded"));
        assert!(content_name("KonaBody post-content"));
    }

    #[test]
    fn hidden_styles_are_recognised_however_spaced() {
        assert!(hidden_style("color: red; DISPLAY : none"));
        assert!(hidden_style("visibility:hidden"));
        assert!(!hidden_style("display: block"));
    }
}
