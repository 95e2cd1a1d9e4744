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

#[cfg(test)]
mod tests {
    use super::*;
    use url::Url;

    fn facts_at(html: &str, url: &str) -> PageFacts {
        let ctx = PageContext::new(Url::parse(url).unwrap(), None);
        let mut out = PageFacts::default();
        collect(&Html::parse_document(html), &ctx, &mut out);
        out
    }

    #[test]
    fn text_offerings_become_facts_with_their_source() {
        let html =
            "<main><h2>Our Services</h2><ul><li>Teeth whitening – $120</li><li>Cleaning</li></ul>\
            <h2>Questions?</h2><h3>Do you take walk-ins?</h3><p>Yes, weekdays.</p></main>";
        let out = facts_at(html, "https://smile.example/");
        let services: Vec<_> = out
            .services
            .iter()
            .map(|s| (s.name.as_str(), s.price.as_deref()))
            .collect();
        assert_eq!(
            services,
            vec![("Teeth whitening", Some("$120")), ("Cleaning", None)]
        );
        assert_eq!(out.services[0].provenance.origin, Origin::Text);
        assert_eq!(
            out.services[0].provenance.evidence.as_deref(),
            Some("Our Services: Teeth whitening – $120")
        );
        assert_eq!(out.faqs.len(), 1);
        assert_eq!(out.faqs[0].answer, "Yes, weekdays.");
        assert_eq!(
            out.faqs[0].provenance.sources,
            vec!["https://smile.example/"]
        );
    }

    #[test]
    fn an_faq_url_makes_question_headings_faqs_and_structured_ones_are_not_repeated() {
        let html = "<h1>Help</h1><h3>Is parking free?</h3><p>Yes.</p>";
        let mut out = facts_at(html, "https://smile.example/faq");
        assert_eq!(out.faqs.len(), 1);
        let ctx = PageContext::new(Url::parse("https://smile.example/faq").unwrap(), None);
        collect(&Html::parse_document(html), &ctx, &mut out);
        assert_eq!(out.faqs.len(), 1);
    }
}
