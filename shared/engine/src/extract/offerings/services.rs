//! Services and products listed under a heading such as "Our Services", "Treatments", "Menu" or
//! "Pricing": the list items, table rows, term/definition pairs or sub-heading cards that follow
//! it, each with a price only when one is written next to it.

use super::blocks::{Block, BlockKind};
use super::price::find_price_span;

/// Most services read from one page.
pub const MAX_SERVICES: usize = 100;
const MAX_NAME_CHARS: usize = 120;
const MAX_DESCRIPTION_CHARS: usize = 400;
/// Longest heading that can introduce a services section.
const MAX_SECTION_HEADING_CHARS: usize = 60;
/// Blocks after a card's sub-heading that may hold its description or price.
const CARD_LOOKAHEAD: usize = 3;

/// Words that make a heading a services section (matched as whole words, lower case).
const SECTION_WORDS: &[&str] = &[
    "services",
    "what we do",
    "what we offer",
    "we offer",
    "treatments",
    "menu",
    "products",
    "pricing",
    "prices",
    "price list",
    "rates",
    "our work",
    "specialties",
    "specialities",
    "procedures",
    "therapies",
    "packages",
    "practice areas",
    "classes",
    "offerings",
    "solutions",
];

/// A service found in the text, with the heading of its section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundService {
    pub name: String,
    pub description: Option<String>,
    pub price: Option<String>,
    pub section: String,
    /// The text it was read from.
    pub evidence: String,
}

/// `true` when `heading` introduces a list of services or products.
pub fn is_section_heading(heading: &str) -> bool {
    if heading.chars().count() > MAX_SECTION_HEADING_CHARS || heading.ends_with('?') {
        return false;
    }
    let lower = heading.to_lowercase();
    SECTION_WORDS.iter().any(|w| contains_words(&lower, w))
        || LANGUAGE_SECTION_WORDS
            .iter()
            .any(|w| contains_words(&lower, w))
}

/// The services, products, menu and prices headings of every language folder ("Leistungen",
/// "Unser Sortiment", "Nuestros servicios", "Tarifs", "Menukaart").
static LANGUAGE_SECTION_WORDS: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
    let mut words: Vec<String> = crate::lang::all()
        .iter()
        .flat_map(|l| {
            ["services", "products", "menu", "prices"]
                .into_iter()
                .flat_map(|kind| l.heading_words(kind))
        })
        .cloned()
        .collect();
    words.sort();
    words.dedup();
    words
});

/// `needle` appears in `haystack` with no letter directly before or after it.
fn contains_words(haystack: &str, needle: &str) -> bool {
    haystack.match_indices(needle).any(|(at, _)| {
        let before = haystack[..at].chars().next_back();
        let after = haystack[at + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Every service under a services heading, in page order.
pub fn find_services(blocks: &[Block]) -> Vec<FoundService> {
    let mut found: Vec<FoundService> = Vec::new();
    let mut i = 0;
    while i < blocks.len() && found.len() < MAX_SERVICES {
        let block = &blocks[i];
        let BlockKind::Heading(level) = block.kind else {
            i += 1;
            continue;
        };
        if block.in_chrome || !is_section_heading(&block.text) {
            i += 1;
            continue;
        }
        let section = &block.text;
        let end = blocks[i + 1..]
            .iter()
            .position(|b| matches!(b.kind, BlockKind::Heading(l) if l <= level))
            .map_or(blocks.len(), |p| i + 1 + p);
        read_section(&blocks[i + 1..end], section, &mut found);
        i = end;
    }
    found.truncate(MAX_SERVICES);
    found
}

fn read_section(blocks: &[Block], section: &str, found: &mut Vec<FoundService>) {
    let mut j = 0;
    while j < blocks.len() && found.len() < MAX_SERVICES {
        let block = &blocks[j];
        j += 1;
        if block.in_chrome {
            continue;
        }
        let item = match block.kind {
            BlockKind::ListItem => parse_item(&block.text),
            BlockKind::Row => parse_row(&block.text),
            BlockKind::Term => {
                let mut item = parse_item(&block.text);
                if let (Some(item), Some(next)) = (item.as_mut(), blocks.get(j)) {
                    if next.kind == BlockKind::Definition {
                        item.description = Some(cut(&next.text, MAX_DESCRIPTION_CHARS));
                        item.price = item.price.take().or_else(|| price_in(&next.text));
                        j += 1;
                    }
                }
                item
            }
            BlockKind::Heading(_) => {
                let mut item = parse_item(&block.text);
                if let Some(item) = item.as_mut() {
                    // A card: the text blocks up to the next heading describe and price it
                    // (a list under the sub-heading is read as items of its own).
                    let card_text = blocks[j..]
                        .iter()
                        .take(CARD_LOOKAHEAD)
                        .take_while(|b| {
                            matches!(
                                b.kind,
                                BlockKind::Paragraph | BlockKind::Loose | BlockKind::Definition
                            )
                        })
                        .count();
                    for next in &blocks[j..j + card_text] {
                        let price_span = find_price_span(&next.text);
                        if item.price.is_none() {
                            item.price = price_span.map(|(s, e)| next.text[s..e].to_owned());
                        }
                        let only_price =
                            price_span.is_some_and(|(s, e)| next.text.len() - (e - s) < 4);
                        if item.description.is_none() && !only_price {
                            item.description = Some(cut(&next.text, MAX_DESCRIPTION_CHARS));
                        }
                    }
                    j += card_text;
                }
                item
            }
            // A short line with a price (`Haircut – $30`) in a section without list markup.
            BlockKind::Paragraph | BlockKind::Loose
                if block.text.chars().count() <= 100 && find_price_span(&block.text).is_some() =>
            {
                parse_item(&block.text)
            }
            _ => None,
        };
        if let Some(mut item) = item {
            if found
                .iter()
                .any(|f| f.name.eq_ignore_ascii_case(&item.name))
            {
                continue;
            }
            item.section = section.to_owned();
            item.evidence = format!("{section}: {}", block.text);
            found.push(item);
        }
    }
}

/// `Teeth whitening – $120`, `Implants: permanent replacement teeth`, `Cleaning` → a service.
fn parse_item(text: &str) -> Option<FoundService> {
    let (rest, price) = match find_price_span(text) {
        Some((s, e)) => (
            format!("{} {}", &text[..s], &text[e..]),
            Some(text[s..e].to_owned()),
        ),
        None => (text.to_owned(), None),
    };
    // `Consultation (from $99)` leaves empty brackets behind.
    let rest = rest
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace("( )", "")
        .replace("()", "");
    let (name, description) = split_name(&rest);
    let name = trim_separators(name);
    if is_site_navigation(name) {
        return None;
    }
    let words = name.split_whitespace().count();
    let has_letters = name.chars().filter(|c| c.is_alphabetic()).count() >= 2;
    if !has_letters || words > 12 || name.chars().count() > MAX_NAME_CHARS {
        return None;
    }
    Some(FoundService {
        name: name.to_owned(),
        description: description
            .map(trim_separators)
            .filter(|d| !d.is_empty())
            .map(|d| cut(d, MAX_DESCRIPTION_CHARS)),
        price,
        section: String::new(),
        evidence: String::new(),
    })
}

/// `Cut | Wash and blow-dry | $30` → name `Cut`, description the middle, the price.
fn parse_row(text: &str) -> Option<FoundService> {
    let cells: Vec<&str> = text.split(" | ").map(str::trim).collect();
    let price = price_in(text)?;
    let name = trim_separators(cells.first()?);
    let description = cells[1..]
        .iter()
        .find(|c| find_price_span(c).is_none() && !c.is_empty())
        .map(|c| cut(c, MAX_DESCRIPTION_CHARS));
    let has_letters = name.chars().filter(|c| c.is_alphabetic()).count() >= 2;
    (has_letters && name.chars().count() <= MAX_NAME_CHARS).then(|| FoundService {
        name: name.to_owned(),
        description,
        price: Some(price),
        section: String::new(),
        evidence: String::new(),
    })
}

fn price_in(text: &str) -> Option<String> {
    find_price_span(text).map(|(s, e)| text[s..e].to_owned())
}

/// Splits `Name: description` / `Name – description` when the name part is short.
fn split_name(text: &str) -> (&str, Option<&str>) {
    for separator in [": ", " – ", " — ", " - "] {
        if let Some((name, rest)) = text.split_once(separator) {
            if name.split_whitespace().count() <= 8 && !rest.trim().is_empty() {
                return (name, Some(rest));
            }
        }
    }
    (text, None)
}

fn trim_separators(text: &str) -> &str {
    text.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '.' | '–' | '—' | '-' | ':' | '|' | '•' | '·' | '*' | ',')
    })
}

/// Labels of site navigation and page furniture, which menus under a "Products" or "Services"
/// heading often repeat: never a service.
fn is_site_navigation(name: &str) -> bool {
    const LABELS: &[&str] = &[
        "home",
        "welcome",
        "about",
        "about us",
        "contact",
        "contact us",
        "blog",
        "news",
        "news and events",
        "events",
        "testimonials",
        "reviews",
        "gallery",
        "faq",
        "faqs",
        "careers",
        "jobs",
        "login",
        "log in",
        "sign in",
        "sign up",
        "register",
        "sitemap",
        "site map",
        "privacy",
        "privacy policy",
        "terms",
        "terms of use",
        "terms and conditions",
        "cookie policy",
        "how it works",
        "our team",
        "team",
        "locations",
        "links",
        "search",
        "menu",
        "more",
        "read more",
        "learn more",
        "view all",
        "see all",
        "shop",
        "cart",
        "checkout",
        "my account",
        "account",
    ];
    let lower = name.to_lowercase();
    LABELS.contains(&lower.as_str())
        || crate::lang::all()
            .iter()
            .any(|l| l.heading_words("navigation").contains(&lower))
}

fn cut(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        text.to_owned()
    } else {
        text.chars().take(max_chars).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::offerings::blocks::blocks;
    use scraper::Html;

    fn services(html: &str) -> Vec<(String, Option<String>, Option<String>)> {
        find_services(&blocks(&Html::parse_document(html)))
            .into_iter()
            .map(|s| (s.name, s.description, s.price))
            .collect()
    }

    fn s(
        name: &str,
        description: Option<&str>,
        price: Option<&str>,
    ) -> (String, Option<String>, Option<String>) {
        (
            name.into(),
            description.map(Into::into),
            price.map(Into::into),
        )
    }

    #[test]
    fn headings_of_every_language_introduce_services() {
        for heading in [
            "Nuestros servicios",
            "Unser Sortiment",
            "Leistungen",
            "Nos prestations",
            "Onze behandelingen",
            "Listino prezzi",
            "Os nossos serviços",
            "Speisekarte",
            "Ementa",
        ] {
            assert!(is_section_heading(heading), "{heading}");
        }
        for heading in ["Quiénes somos", "Kontakt", "Over ons", "Dove siamo"] {
            assert!(!is_section_heading(heading), "{heading}");
        }
        let found = services(
            "<h2>Nuestros servicios</h2><ul><li>Corte de pelo</li><li>Tinte</li>\
             <li>Contacto</li></ul>",
        );
        let names: Vec<&str> = found.iter().map(|s| s.0.as_str()).collect();
        assert_eq!(names, ["Corte de pelo", "Tinte"]);
    }

    #[test]
    fn reads_lists_under_a_services_heading_with_written_prices_only() {
        let html = "<h2>Our Services</h2><ul>\
            <li>Teeth whitening – $120</li>\
            <li>Implants: permanent replacement teeth</li>\
            <li>Consultation (from $99)</li>\
            <li>Cleaning</li>\
            <li>Application Lifecycle Management (ALM)</li></ul>\
            <h2>About us</h2><ul><li>Founded 1998</li></ul>";
        assert_eq!(
            services(html),
            vec![
                s("Teeth whitening", None, Some("$120")),
                s("Implants", Some("permanent replacement teeth"), None),
                s("Consultation", None, Some("from $99")),
                s("Cleaning", None, None),
                s("Application Lifecycle Management (ALM)", None, None),
            ]
        );
    }

    #[test]
    fn reads_cards_tables_and_definition_lists() {
        let html = "<h2>Treatments</h2>\
            <div><h3>Facial</h3><p>Deep cleansing facial.</p><span>£45</span></div>\
            <div><h3>Massage</h3><p>60 minutes, €30</p></div>\
            <h2>Pricing</h2><table><tr><td>Haircut</td><td>Wash and cut</td><td>USD 30</td></tr></table>\
            <h2>Menu</h2><dl><dt>Margherita</dt><dd>Tomato, mozzarella $12</dd></dl>";
        assert_eq!(
            services(html),
            vec![
                s("Facial", Some("Deep cleansing facial."), Some("£45")),
                s("Massage", Some("60 minutes, €30"), Some("€30")),
                s("Haircut", Some("Wash and cut"), Some("USD 30")),
                s("Margherita", Some("Tomato, mozzarella $12"), Some("$12")),
            ]
        );
    }

    #[test]
    fn ignores_navigation_questions_and_other_sections() {
        let html = "<nav><h2>Menu</h2><ul><li>Home</li></ul></nav>\
            <h2>Why choose our services?</h2><ul><li>Friendly staff</li></ul>\
            <h2>Testimonials</h2><ul><li>Great work!</li></ul>\
            <h2>Products</h2><ul><li>Home</li><li>About Us</li><li>Privacy Policy</li></ul>";
        assert!(services(html).is_empty());
    }

    #[test]
    fn a_hostile_page_gives_a_bounded_list() {
        let html = format!(
            "<h2>Services</h2><ul>{}</ul>",
            "<li>Item $1</li>".repeat(10_000)
        );
        assert_eq!(services(&html).len(), 1);
        let distinct: String = (0..10_000).map(|i| format!("<li>Item {i}</li>")).collect();
        let html = format!("<h2>Services</h2><ul>{distinct}</ul>");
        assert_eq!(services(&html).len(), MAX_SERVICES);
    }
}
