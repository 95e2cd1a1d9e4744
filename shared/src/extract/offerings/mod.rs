//! What the business offers, from the visible text: services, products and prices listed under
//! headings ([`services`]), and FAQ pairs ([`faq`]). The page is read once into blocks
//! ([`blocks`]) that both scan. Structured data's offerings come from `structured`; a text
//! finding with the same name or question is not added again.

pub mod blocks;
pub mod faq;
pub mod price;
pub mod services;

use scraper::Html;

use super::facts::{Faq, Origin, Provenance, Service};
use super::{PageContext, PageFacts};

pub use price::find_price;

/// Adds the page's services and FAQ pairs found in its text (Origin::Text).
pub fn collect(doc: &Html, ctx: &PageContext, out: &mut PageFacts) {
    let blocks = blocks::blocks(doc);
    let source = ctx.source();
    for found in services::find_services(&blocks) {
        if out
            .services
            .iter()
            .any(|s| s.name.eq_ignore_ascii_case(&found.name))
        {
            continue;
        }
        out.services.push(Service {
            name: found.name,
            description: found.description,
            price: found.price,
            provenance: Provenance::new(source.clone(), Origin::Text, Some(&found.evidence)),
        });
    }
    let faq_page = faq::is_faq_url(ctx.url.path());
    for found in faq::find_faqs(&blocks, faq_page) {
        if out.faqs.iter().any(|f| f.question == found.question) {
            continue;
        }
        let evidence = format!("{} {}", found.question, found.answer);
        out.faqs.push(Faq {
            question: found.question,
            answer: found.answer,
            provenance: Provenance::new(source.clone(), Origin::Text, Some(&evidence)),
        });
    }
}
