//! schema.org structured data → facts: JSON-LD blocks ([`jsonld_items`]) and microdata
//! ([`microdata_items`]) are read into extruct-shaped items, reshaped into one entity form
//! ([`entities`]), and the entities mapped to business facts ([`schema_org`]).

pub mod business_types;
pub mod entities;
pub mod jsonld;
pub mod lenient_json;
pub mod microdata;
pub mod opening_hours;
pub mod property_values;
pub mod schema_org;
pub mod text_content;

#[cfg(test)]
pub(crate) mod deep_tree;

use scraper::Html;

pub use jsonld::jsonld_items;
pub use microdata::{microdata_items, microdata_items_with, MicrodataOptions};

use super::{PageContext, PageFacts};

/// Adds the facts of the page's JSON-LD and microdata (Origin::Structured).
pub fn collect(doc: &Html, ctx: &PageContext, out: &mut PageFacts) {
    let mut entities = jsonld_items(doc);
    let options = MicrodataOptions {
        link_names_as_text: true,
        ..MicrodataOptions::default()
    };
    entities.extend(
        microdata_items_with(doc, Some(&ctx.url), options)
            .iter()
            .map(entities::entity_from_microdata),
    );
    schema_org::collect_entities(&entities, ctx, out);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::facts::Origin;
    use url::Url;

    fn facts_at(html: &str, url: &str) -> PageFacts {
        let ctx = PageContext::new(Url::parse(url).unwrap(), Some("en-US"));
        let mut out = PageFacts::default();
        collect(&Html::parse_document(html), &ctx, &mut out);
        out
    }

    fn facts(html: &str) -> PageFacts {
        facts_at(html, "https://brightsmile.example/")
    }

    fn values(list: &[crate::extract::facts::TextFact]) -> Vec<&str> {
        list.iter().map(|f| f.value.as_str()).collect()
    }

    const DENTIST: &str = r##"<html><head>
        <script type="application/ld+json">
        {"@context": "https://schema.org", "@graph": [
          {"@type": "WebSite", "name": "Bright Smile — Home"},
          {"@type": ["Dentist", "MedicalClinic"], "@id": "#biz",
           "name": "Bright Smile Dental", "legalName": "Bright Smile Dental LLC",
           "alternateName": ["Bright Smile"],
           "description": "Family &amp; cosmetic <b>dentistry</b> in Springfield.",
           "telephone": "(415) 555-2671", "faxNumber": "+1 415 555 2672",
           "email": "mailto:Hello@BrightSmile.EXAMPLE",
           "address": {"@type": "PostalAddress", "streetAddress": "1 Main St",
             "addressLocality": "Springfield", "addressRegion": "IL",
             "postalCode": "62701", "addressCountry": {"@type": "Country", "name": "USA"}},
           "openingHoursSpecification": [
             {"@type": "OpeningHoursSpecification",
              "dayOfWeek": ["https://schema.org/Monday", "http://schema.org/Tuesday"],
              "opens": "09:00:00", "closes": "17:00:00"},
             {"@type": "OpeningHoursSpecification", "dayOfWeek": "Sunday",
              "opens": "00:00", "closes": "00:00"}],
           "openingHours": "Sa 10:00-14:00",
           "sameAs": ["https://www.facebook.com/brightsmile", "https://x.com/brightsmile",
                      "https://brightsmile.example/about", "https://www.yelp.com/biz/bright-smile"],
           "potentialAction": {"@type": "ReserveAction",
             "target": {"@type": "EntryPoint", "urlTemplate": "https://calendly.com/brightsmile"}},
           "hasOfferCatalog": {"@type": "OfferCatalog", "name": "Dental services",
             "itemListElement": [
               {"@type": "Offer", "price": 120, "priceCurrency": "USD",
                "itemOffered": {"@type": "Service", "name": "Teeth whitening",
                  "description": "In-office whitening."}},
               {"@type": "Offer", "itemOffered": {"@type": "Service", "name": "Cleaning"}}]},
           "department": {"@type": "Dentist", "name": "Bright Smile Kids",
             "telephone": "+1 415 555 2673"},
           "review": {"@type": "Review", "author": {"@type": "Organization", "name": "Reviewer Inc"}}
          },
          {"@type": "FAQPage", "mainEntity": [
            {"@type": "Question", "name": "Do you take insurance?",
             "acceptedAnswer": {"@type": "Answer", "text": "<p>Yes, most plans.</p>"}}]},
          {"@type": "Product", "name": "Whitening kit", "brand": {"@type": "Organization", "name": "Acme"},
           "offers": {"@type": "AggregateOffer", "lowPrice": "19.5", "highPrice": 30, "priceCurrency": "USD"}}
        ]}
        </script></head><body></body></html>"##;

    #[test]
    fn a_json_ld_business_gives_its_facts() {
        let out = facts(DENTIST);
        assert_eq!(
            values(&out.names),
            vec![
                "Bright Smile Dental",
                "Bright Smile Dental LLC",
                "Bright Smile",
                "Bright Smile Kids"
            ]
        );
        assert_eq!(values(&out.categories), vec!["Dentist", "MedicalClinic"]);
        assert_eq!(
            values(&out.descriptions),
            vec!["Family & cosmetic dentistry in Springfield."]
        );
        let phones: Vec<_> = out
            .phones
            .iter()
            .map(|p| (p.e164.as_str(), p.kind.as_deref()))
            .collect();
        assert_eq!(
            phones,
            vec![
                ("+14155552671", None),
                ("+14155552672", Some("fax")),
                ("+14155552673", None)
            ]
        );
        assert_eq!(out.emails[0].address, "Hello@brightsmile.example");
        let address = &out.addresses[0];
        assert_eq!(address.text, "1 Main St, Springfield, IL 62701, US");
        assert_eq!(address.postal_code.as_deref(), Some("62701"));
        assert_eq!(address.country.as_deref(), Some("US"));
        let hours: Vec<_> = out
            .hours
            .iter()
            .map(|h| {
                (
                    h.days.join(","),
                    h.opens.as_deref(),
                    h.closes.as_deref(),
                    h.closed,
                )
            })
            .collect();
        assert_eq!(
            hours,
            vec![
                ("Monday,Tuesday".into(), Some("09:00"), Some("17:00"), false),
                ("Sunday".into(), None, None, true),
                ("Saturday".into(), Some("10:00"), Some("14:00"), false),
            ]
        );
        let socials: Vec<_> = out.socials.iter().map(|l| l.platform.as_str()).collect();
        assert_eq!(socials, vec!["facebook", "x", "yelp"]);
        assert_eq!(out.booking_links[0].url, "https://calendly.com/brightsmile");
        assert_eq!(out.booking_links[0].platform, "calendly");
        let services: Vec<_> = out
            .services
            .iter()
            .map(|s| {
                (
                    s.name.as_str(),
                    s.description.as_deref(),
                    s.price.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            services,
            vec![
                (
                    "Teeth whitening",
                    Some("In-office whitening."),
                    Some("USD 120")
                ),
                ("Cleaning", None, None),
                ("Whitening kit", None, Some("USD 19.5–30")),
            ]
        );
        assert_eq!(out.faqs[0].question, "Do you take insurance?");
        assert_eq!(out.faqs[0].answer, "Yes, most plans.");
        for fact in &out.names {
            assert_eq!(fact.provenance.origin, Origin::Structured);
            assert_eq!(
                fact.provenance.sources,
                vec!["https://brightsmile.example/"]
            );
        }
        assert_eq!(
            out.phones[0].provenance.evidence.as_deref(),
            Some("schema.org Dentist telephone: (415) 555-2671")
        );
    }

    #[test]
    fn the_page_extractor_includes_structured_and_text_offerings() {
        let html = format!(
            "{DENTIST}<body><h2>Our Services</h2><ul><li>Implants – from $1,500</li></ul></body>"
        );
        let page = crate::extract::extract_page(
            &html,
            &Url::parse("https://brightsmile.example/services").unwrap(),
            Some("en-US"),
        );
        assert!(page.names.iter().any(|n| n.value == "Bright Smile Dental"));
        let implants = page.services.iter().find(|s| s.name == "Implants").unwrap();
        assert_eq!(implants.price.as_deref(), Some("from $1,500"));
        assert_eq!(implants.provenance.origin, Origin::Text);
        assert!(page
            .services
            .iter()
            .any(|s| s.name == "Teeth whitening" && s.provenance.origin == Origin::Structured));
    }

    #[test]
    fn microdata_businesses_give_the_same_facts() {
        let out = facts(include_str!(
            "../../../testdata/extruct/samples/schema.org/LocalBusiness.002.html"
        ));
        assert_eq!(values(&out.names), vec!["GreatFood"]);
        assert_eq!(values(&out.categories), vec!["Restaurant"]);
        assert_eq!(out.phones[0].e164, "+14087141489");
        assert_eq!(out.addresses[0].text, "1901 Lemur Ave, Sunnyvale, CA 94086");
        assert_eq!(out.hours.len(), 3);
        assert_eq!(
            out.hours[0].days,
            vec![
                "Monday",
                "Tuesday",
                "Wednesday",
                "Thursday",
                "Friday",
                "Saturday"
            ]
        );
        assert_eq!(out.hours[2].opens.as_deref(), Some("17:00"));
        assert_eq!(out.hours[2].closes.as_deref(), Some("22:00"));
    }

    #[test]
    fn graph_references_are_followed() {
        let html = r##"<script type="application/ld+json">{"@graph": [
            {"@type": "Plumber", "@id": "https://p.example/#org", "name": "Pipes",
             "address": {"@id": "https://p.example/#addr"},
             "openingHoursSpecification": [{"@id": "#mon"}]},
            {"@type": "PostalAddress", "@id": "https://p.example/#addr",
             "streetAddress": "2 High St", "addressLocality": "Leeds", "postalCode": "LS1 1AA",
             "addressCountry": "GB"},
            {"@type": "OpeningHoursSpecification", "@id": "#mon", "dayOfWeek": "Monday",
             "opens": "08:00", "closes": "16:00"},
            {"@type": "WebPage", "publisher": {"@id": "https://p.example/#org"}}
        ]}</script>"##;
        let out = facts(html);
        assert_eq!(values(&out.names), vec!["Pipes"]);
        assert_eq!(out.addresses.len(), 1);
        assert_eq!(out.addresses[0].text, "2 High St, Leeds, LS1 1AA, GB");
        assert_eq!(out.hours.len(), 1);
        assert_eq!(out.hours[0].days, vec!["Monday"]);
    }

    #[test]
    fn microdata_quirks_of_real_sites_are_read_as_meant() {
        let html = r#"<div itemscope itemtype="http://schema.org/Organization">
            <a href="/" itemprop="name">AgileZen</a>
            <span itemprop="address" itemscope itemtype="http://schema.org/PostalAddress">
              <span itemprop="addressLocality">Santa Monica</span>
              Tel: <span itemprop="telephone">310-566-0858</span></span></div>"#;
        let out = facts(html);
        assert_eq!(values(&out.names), vec!["AgileZen"]);
        assert_eq!(out.phones[0].e164, "+13105660858");
        assert_eq!(out.addresses[0].text, "Santa Monica");
        let several = r#"<script type="application/ld+json">{"@type": "Electrician",
            "telephone": "(415) 555-2671 / 415.555.2672", "email": "a@x.example, b@x.example"}</script>"#;
        let out = facts(several);
        let phones: Vec<_> = out.phones.iter().map(|p| p.e164.as_str()).collect();
        assert_eq!(phones, vec!["+14155552671", "+14155552672"]);
        let emails: Vec<_> = out.emails.iter().map(|e| e.address.as_str()).collect();
        assert_eq!(emails, vec!["a@x.example", "b@x.example"]);
        let german = r#"<script type="application/ld+json">{"@type": "Dentist", "telephone": "030/12345678"}</script>"#;
        let ctx = PageContext::new(Url::parse("https://praxis.de/").unwrap(), Some("de"));
        let mut out = PageFacts::default();
        collect(&Html::parse_document(german), &ctx, &mut out);
        assert_eq!(out.phones[0].e164, "+493012345678");
    }

    #[test]
    fn non_business_entities_give_no_business_facts() {
        let html = r#"<script type="application/ld+json">
            {"@type": "BlogPosting", "headline": "Tips", "author": {"@type": "Person", "name": "Ann", "telephone": "+1 415 555 2671"},
             "publisher": {"@type": "Organization", "name": "Smile Blog"}}</script>
            <div itemscope itemtype="https://schema.org/Person"><span itemprop="name">Bob</span></div>"#;
        let out = facts(html);
        assert_eq!(values(&out.names), vec!["Smile Blog"]);
        assert!(out.phones.is_empty());
    }

    #[test]
    fn invalid_and_huge_blocks_do_not_hide_valid_ones() {
        let html = format!(
            r#"<script type="application/ld+json">{{"@type": "Plumber", "name": </script>
            <script type="application/ld+json">{{"@type": "Thing", "x": "{}"}}</script>
            <script type="application/ld+json">{{"@type": "Plumber", "name": "Pipes & Co",}}</script>"#,
            "a".repeat(5 * 1024 * 1024)
        );
        assert_eq!(values(&facts(&html).names), vec!["Pipes & Co"]);
    }

    #[test]
    fn a_hundred_thousand_nested_items_are_bounded() {
        let deep = deep_tree::nested(
            r#"<div itemscope itemprop="department" itemtype="https://schema.org/Dentist">"#,
            100_000,
            "x",
        );
        let ctx = PageContext::new(Url::parse("https://a.example/").unwrap(), None);
        let mut out = PageFacts::default();
        collect(&deep, &ctx, &mut out);
        crate::extract::offerings::collect(&deep, &ctx, &mut out);
        assert_eq!(values(&out.categories), vec!["Dentist"]);
        assert!(out.names.is_empty());
    }

    #[test]
    fn hostile_markup_is_survived() {
        let garbage: String = (0u32..50_000)
            .map(|i| char::from_u32((i * 7919) % 0xd7ff).unwrap_or('<'))
            .collect();
        let _ = facts(&garbage);
        let deep = format!(
            r#"<script type="application/ld+json">{}{{"@type": "Dentist", "name": "Deep"}}{}</script>"#,
            r#"{"@type": "Organization", "department": "#.repeat(200),
            "}".repeat(200)
        );
        // Deeper than the JSON parser's limit: skipped, not a crash.
        assert!(facts(&deep).names.is_empty());
        let ok_depth = format!(
            r#"<script type="application/ld+json">{}{{"@type": "Dentist", "name": "Deep"}}{}</script>"#,
            r#"{"@type": "Thing", "x": "#.repeat(20),
            "}".repeat(20)
        );
        assert_eq!(values(&facts(&ok_depth).names), vec!["Deep"]);
    }
}
