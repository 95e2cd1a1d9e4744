//! What an element's tag, attributes, classes and ids say about the text inside it: content a
//! visitor cannot see, content a visitor wrote (reviews, testimonials, comments, forums, guest
//! books), and the page's own chrome and contact blocks (header, footer, `<address>`, "contact"
//! sections), where a business puts its own details.

use scraper::node::Element;

use crate::extract::main_text::{class_words, hidden_style};

/// Whether a visitor can see an element's content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    Shown,
    /// Hidden until a click shows it: tab panels, accordions, dropdown and mobile menus.
    /// Sites keep opening hours and branch numbers there, so it counts as shown (with less
    /// confidence).
    Revealable,
    /// Nobody sees it: `hidden`, `aria-hidden`, off-screen, zero-size or transparent text.
    Hidden,
}

/// How an element hides itself, if it does.
pub fn visibility(el: &Element) -> Visibility {
    let styled_away = el
        .attr("style")
        .is_some_and(|s| hidden_style(s) || invisible_style(s));
    // Whole class names only: `field-label-hidden` hides a label, not the field.
    let classed_away = el.attr("class").is_some_and(|c| {
        c.split_ascii_whitespace().any(|t| {
            matches!(
                t.to_ascii_lowercase().as_str(),
                "hidden"
                    | "hide"
                    | "d-none"
                    | "is-hidden"
                    | "u-hidden"
                    | "js-hidden"
                    | "display-none"
            )
        })
    });
    let hidden_attr =
        el.attr("hidden").is_some() || el.attr("aria-hidden").is_some_and(|v| v.trim() == "true");
    if !(styled_away || classed_away || hidden_attr) {
        return Visibility::Shown;
    }
    // An off-screen or zero-size trick is never a widget; `hidden` and `display: none` on a
    // tab panel, accordion or menu are.
    if el.attr("style").is_some_and(invisible_style) {
        return Visibility::Hidden;
    }
    if disclosure_widget(el) {
        Visibility::Revealable
    } else {
        Visibility::Hidden
    }
}

/// Styles that keep text on the page but out of sight: off-screen positions, clipping to nothing,
/// a 1-pixel box.
fn invisible_style(style: &str) -> bool {
    let compact: String = style
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let far_negative = |prop: &str| {
        compact.split(';').any(|decl| {
            decl.strip_prefix(prop).is_some_and(|v| {
                v.strip_prefix('-')
                    .and_then(|n| {
                        n.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '%')
                            .parse::<f32>()
                            .ok()
                    })
                    .is_some_and(|n| n >= 500.0)
            })
        })
    };
    // Not `opacity: 0` nor `font-size: 0`: page builders fade content in from the first and
    // set the second on rows of inline blocks.
    compact.contains("clip:rect(0")
        || compact.contains("clip-path:inset(50%")
        || (compact.contains("height:0") && compact.contains("overflow:hidden"))
        || (compact.contains("width:1px") && compact.contains("height:1px"))
        || far_negative("left:")
        || far_negative("top:")
        || far_negative("text-indent:")
        || far_negative("margin-left:")
}

/// Tab panels, accordions, dropdown and mobile menus, modals: hidden until clicked.
fn disclosure_widget(el: &Element) -> bool {
    if matches!(el.name(), "details" | "dialog" | "dd") {
        return true;
    }
    if el.attr("role").is_some_and(|r| {
        matches!(
            r.trim().to_ascii_lowercase().as_str(),
            "tabpanel" | "dialog" | "menu" | "tooltip" | "region"
        )
    }) || el.attr("aria-labelledby").is_some()
    {
        return true;
    }
    names(el).any(|w| {
        const STEMS: &[&str] = &[
            "tab",
            "accordion",
            "collaps",
            "panel",
            "dropdown",
            "drop",
            "menu",
            "submenu",
            "nav",
            "modal",
            "popup",
            "popover",
            "toggle",
            "drawer",
            "offcanvas",
            "slide",
            "carousel",
            "mobile",
            "expand",
            "more",
            "reveal",
            "details",
            "faq",
            "answer",
            "tooltip",
            "hours",
            "location",
            "branch",
            "store",
        ];
        STEMS.iter().any(|s| w.starts_with(s))
    })
}

/// Written by visitors, not the business: reviews, testimonials, comments, forums, guest books,
/// inline quotations. (`<blockquote>`: see [`quotation`].)
pub fn user_content(el: &Element) -> bool {
    if el.name() == "q" {
        return true;
    }
    let schema = |attr: &str| {
        el.attr(attr).is_some_and(|v| {
            v.split_ascii_whitespace().any(|t| {
                let t = t.rsplit('/').next().unwrap_or(t).to_ascii_lowercase();
                matches!(
                    t.as_str(),
                    "review" | "reviews" | "reviewbody" | "comment" | "usercomments" | "rating"
                )
            })
        })
    };
    if schema("itemprop") || schema("itemtype") || schema("typeof") || schema("property") {
        return true;
    }
    names(el).any(|w| {
        const STEMS: &[&str] = &[
            "review",
            "testimonial",
            "comment",
            "guestbook",
            "forum",
            "disqus",
            "ugc",
            "reply",
            "replies",
            // German, French, Spanish, Dutch, Italian, Portuguese.
            "kundenstimme",
            "bewertung",
            "rezension",
            "gaestebuch",
            "gästebuch",
            "kommentar",
            "temoignage",
            "témoignage",
            "avis",
            "commentaire",
            "opinion",
            "resena",
            "reseña",
            "testimonio",
            "comentario",
            "ervaring",
            "beoordeling",
            "recensie",
            "gastenboek",
            "reactie",
            "recension",
            "testimonianz",
            "commento",
            "depoimento",
            "avaliac",
        ];
        STEMS.iter().any(|s| w.starts_with(s))
    })
}

/// A `<blockquote>` that quotes someone: attributed (`cite`, `<cite>`, `<footer>`), opening
/// with a quotation mark, or a customer's prose. Old sites also indent whole sections with it (a
/// location's address, phone and staff list): a blockquote holding tables, lists, headings or
/// divisions is layout, not a quotation.
pub fn quotation(el: scraper::ElementRef<'_>) -> bool {
    if el.value().name() != "blockquote" {
        return false;
    }
    if el.value().attr("cite").is_some() {
        return true;
    }
    let mut structural = false;
    for d in el.descendants().skip(1).take(2_000) {
        if let Some(child) = d.value().as_element() {
            match child.name() {
                "cite" | "footer" => return true,
                "table" | "ul" | "ol" | "div" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
                | "address" | "form" => structural = true,
                _ => {}
            }
        }
    }
    let text: String = el.text().flat_map(str::chars).take(2_000).collect();
    if text
        .trim_start()
        .starts_with(['"', '“', '«', '„', '‘', '\''])
    {
        return true;
    }
    // Otherwise a customer's words: prose in the first person singular ("I", "my", "ich", "je",
    // "mi", "ik", "eu"). A business indents its own text too ("We have a 24 hours answering
    // service…").
    let words: Vec<&str> = text.split_whitespace().collect();
    let first_person = words.iter().any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase();
        matches!(
            w.as_str(),
            "i" | "i'm"
                | "i've"
                | "my"
                | "me"
                | "ich"
                | "mein"
                | "meine"
                | "mir"
                | "je"
                | "j'ai"
                | "mon"
                | "ma"
                | "mes"
                | "yo"
                | "mi"
                | "ik"
                | "mijn"
                | "io"
                | "eu"
                | "meu"
                | "minha"
        )
    });
    !structural && first_person && (6..=200).contains(&words.len())
}

/// The business's own places for its details: header, footer, `<address>`, contact and imprint
/// sections.
pub fn own_block(el: &Element) -> bool {
    if matches!(el.name(), "header" | "footer" | "address") {
        return true;
    }
    if el
        .attr("role")
        .is_some_and(|r| matches!(r.trim(), "banner" | "contentinfo"))
    {
        return true;
    }
    names(el).any(|w| {
        const STEMS: &[&str] = &[
            "header",
            "footer",
            "contact",
            "kontakt",
            "contatt",
            "contacto",
            "contato",
            "coordonn",
            "impressum",
            "imprint",
            "colofon",
            "address",
            "adresse",
            "topbar",
            "masthead",
        ];
        STEMS.iter().any(|s| w.starts_with(s))
    })
}

/// The element's class and id words, lower-cased.
fn names<'a>(el: &'a Element) -> impl Iterator<Item = String> + 'a {
    el.attr("class")
        .into_iter()
        .chain(el.attr("id"))
        .flat_map(class_words)
        .map(str::to_lowercase)
}

#[cfg(test)]
mod tests {
    use scraper::{Html, Selector};

    use super::*;

    fn first(html: &str, f: impl Fn(&Element) -> bool) -> bool {
        let doc = Html::parse_fragment(html);
        let sel = Selector::parse("body > *, html > *").unwrap();
        let hit = doc.select(&sel).next().map(|e| f(e.value()));
        hit.unwrap_or_else(|| {
            let any = Selector::parse("*").unwrap();
            doc.select(&any)
                .find(|e| !matches!(e.value().name(), "html" | "head" | "body"))
                .is_some_and(|e| f(e.value()))
        })
    }

    #[test]
    fn hiding_tricks_are_hidden_and_widgets_revealable() {
        let vis = |html: &str| {
            let doc = Html::parse_fragment(html);
            let any = Selector::parse("div, span, p, section").unwrap();
            let el = doc.select(&any).next().unwrap();
            visibility(el.value())
        };
        assert_eq!(
            vis(r#"<div style="display:none">x</div>"#),
            Visibility::Hidden
        );
        assert_eq!(vis(r#"<div hidden>x</div>"#), Visibility::Hidden);
        assert_eq!(
            vis(r#"<span aria-hidden="true">x</span>"#),
            Visibility::Hidden
        );
        assert_eq!(
            vis(r#"<p style="position:absolute; left:-9999px">x</p>"#),
            Visibility::Hidden
        );
        assert_eq!(
            vis(r#"<p style="clip: rect(0 0 0 0); position: absolute">x</p>"#),
            Visibility::Hidden
        );
        assert_eq!(vis(r#"<p class="u-hidden">x</p>"#), Visibility::Hidden);
        assert_eq!(
            vis(r#"<div class="field field-label-hidden">x</div>"#),
            Visibility::Shown
        );
        assert_eq!(
            vis(r#"<div class="tab-pane" style="display:none">Mon 9-5</div>"#),
            Visibility::Revealable
        );
        assert_eq!(
            vis(r#"<div id="accordion-hours" hidden>Mon 9-5</div>"#),
            Visibility::Revealable
        );
        // A widget's name does not excuse an off-screen trick.
        assert_eq!(
            vis(r#"<div class="tab-pane" style="left:-10000px;position:absolute">x</div>"#),
            Visibility::Hidden
        );
        assert_eq!(
            vis(r#"<div style="opacity: 0.9">x</div>"#),
            Visibility::Shown
        );
        assert_eq!(vis(r#"<div class="preview">x</div>"#), Visibility::Shown);
    }

    #[test]
    fn reviews_testimonials_and_comments_are_user_content() {
        for html in [
            "<q>Great!</q>",
            r#"<div class="testimonial-card">x</div>"#,
            r#"<div class="GoogleReviews">x</div>"#,
            r#"<section id="comments">x</section>"#,
            r#"<div itemprop="review">x</div>"#,
            r#"<div itemscope itemtype="https://schema.org/Review">x</div>"#,
            r#"<div class="kundenstimmen">x</div>"#,
            r#"<div class="avis-clients">x</div>"#,
            r#"<div class="opiniones">x</div>"#,
            r#"<div class="gastenboek">x</div>"#,
        ] {
            assert!(first(html, user_content), "{html}");
        }
        for html in [
            r#"<div class="preview">x</div>"#,
            r#"<div class="services">x</div>"#,
            "<p>x</p>",
        ] {
            assert!(!first(html, user_content), "{html}");
        }
    }
}
