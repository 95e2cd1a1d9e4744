//! A small business site served on 127.0.0.1, read end to end: every page's facts merged into
//! one profile whose facts name the pages they came from, and an agent built on it.

use std::collections::HashMap;
use std::time::Duration;

use serde_json::json;

use agent_builder_core::domain::{NetworkPolicy, SiteUrl};
use agent_builder_engine::config::Config;
use agent_builder_engine::crawl::NoProgress;
use agent_builder_engine::wiring;

use crate::helpers::{fixture_site, html, stack};

/// A dentist's site: JSON-LD on the home page, contacts and hours in the contact page's text,
/// a price list, FAQ in `<details>`, and a page that tries to instruct the model.
pub(crate) async fn dental_site() -> String {
    let pages = HashMap::from([
        (
            "/",
            html(include_str!("../fixtures/sites/dental/index.html")),
        ),
        (
            "/contact",
            html(include_str!("../fixtures/sites/dental/contact.html")),
        ),
        (
            "/services",
            html(include_str!("../fixtures/sites/dental/services.html")),
        ),
        (
            "/faq",
            html(include_str!("../fixtures/sites/dental/faq.html")),
        ),
    ]);
    fixture_site(pages).await
}

pub(crate) fn offline_config() -> Config {
    let mut config = Config::with_defaults();
    config.network_policy = NetworkPolicy::AllowPrivate;
    config.crawl.budget = Duration::from_secs(20);
    config
}

#[tokio::test]
async fn every_page_contributes_facts_with_their_sources() {
    let base = dental_site().await;
    let pipeline = wiring::pipeline_from_config(&offline_config()).unwrap();
    let url = SiteUrl::parse(&base, NetworkPolicy::AllowPrivate).unwrap();
    let outcome = pipeline
        .build(Some(&url), None, Duration::from_secs(20), &NoProgress)
        .await
        .unwrap();
    let profile = outcome.profile.expect("a profile for a website job");
    let page = |path: &str| format!("{base}{path}");

    assert_eq!(profile.name.as_deref(), Some("Northside Family Dental"));
    assert_eq!(profile.language.as_deref(), Some("en-US"));
    assert_eq!(profile.category.as_deref(), Some("Dentist"));

    // The main line: in JSON-LD, a tel: link and the footers — one fact, structured first,
    // with every page that shows it.
    let main = &profile.phones[0];
    assert_eq!(main.e164, "+16125550148");
    assert_eq!(main.display, "(612) 555-0148");
    assert!(main.provenance.sources.contains(&page("/")), "{main:?}");
    assert!(
        main.provenance.sources.contains(&page("/contact")),
        "{main:?}"
    );
    let fax = profile.phones.iter().find(|p| p.e164 == "+16125550199");
    assert_eq!(fax.and_then(|f| f.kind.as_deref()), Some("fax"));

    let emails: Vec<_> = profile.emails.iter().map(|e| e.address.as_str()).collect();
    assert!(
        emails.contains(&"hello@northsidefamilydental.com"),
        "{emails:?}"
    );
    assert!(
        emails.contains(&"frontdesk@northsidefamilydental.com"),
        "{emails:?}"
    );

    // Written three times (JSON-LD, footer, <address>): one address.
    let address = &profile.addresses[0];
    assert_eq!(address.street.as_deref(), Some("2150 West Broadway Ave"));
    assert_eq!(address.city.as_deref(), Some("Minneapolis"));
    assert_eq!(address.postal_code.as_deref(), Some("55411"));
    assert_eq!(
        profile
            .addresses
            .iter()
            .filter(|a| a.postal_code.as_deref() == Some("55411"))
            .count(),
        1,
        "{:?}",
        profile.addresses
    );

    let friday = profile
        .hours
        .iter()
        .find(|h| h.days == ["Friday"] && !h.closed)
        .expect("Friday's hours");
    assert_eq!(
        (friday.opens.as_deref(), friday.closes.as_deref()),
        (Some("08:00"), Some("13:00"))
    );
    assert!(
        profile
            .hours
            .iter()
            .any(|h| h.closed && h.days.contains(&"Sunday".to_owned())),
        "{:?}",
        profile.hours
    );

    let whitening = profile
        .services
        .iter()
        .find(|s| s.name.contains("whitening"))
        .expect("the price list");
    assert_eq!(whitening.price.as_deref(), Some("$299"));
    assert_eq!(whitening.provenance.sources, [page("/services")]);
    assert!(profile
        .services
        .iter()
        .all(|s| s.name != "Cleanings and exams" || s.price.is_none()));

    let faq = profile
        .faqs
        .iter()
        .find(|f| f.question == "Do you take insurance?")
        .expect("the FAQ");
    assert!(faq.answer.contains("PPO"));
    assert_eq!(faq.provenance.sources, [page("/faq")]);

    let platforms: Vec<_> = profile
        .socials
        .iter()
        .map(|s| s.platform.as_str())
        .collect();
    assert!(platforms.contains(&"facebook") && platforms.contains(&"instagram"));
    assert!(!profile.booking_links.is_empty());
    assert_eq!(profile.sources.len(), 4, "{:?}", profile.sources);
}

#[tokio::test]
async fn the_stored_agent_is_named_after_the_business_the_site_describes() {
    let base = dental_site().await;
    let stack = stack().await;
    let (_server, api) = stack.serve("ws-extract").await;
    let (status, _, body) = api.create(json!({ "website_url": base })).await;
    assert_eq!(status, 201, "{body}");
    let job_id = body["data"]["job_id"].as_str().unwrap().to_owned();
    let data = api.wait_for_job(&job_id).await;
    assert_eq!(data["status"], "completed", "{data}");
    let (status, agent) = api.get_agent(data["agent_id"].as_str().unwrap()).await;
    assert_eq!(status, 200, "{agent}");
    let agent = &agent["data"];
    assert_eq!(agent["name"], "Northside Family Dental", "{agent}");
    assert!(agent["greeting"]
        .as_str()
        .unwrap()
        .contains("Northside Family Dental"));
    // The page that tried to instruct the model changed nothing.
    let text = agent.to_string().to_lowercase();
    assert!(!text.contains("visit is free"), "{agent}");
    assert!(!text.contains("ignore all previous"), "{agent}");
    // The agent knows the facts, each with the page it came from.
    let knowledge = agent["knowledge"].as_array().expect("knowledge");
    let phone = knowledge
        .iter()
        .find(|k| k["kind"] == "phone" && k["text"] == "(612) 555-0148")
        .unwrap_or_else(|| panic!("{knowledge:?}"));
    assert!(phone["sources"]
        .as_array()
        .unwrap()
        .contains(&json!(format!("{base}/contact"))));
    assert!(agent["system_prompt"]
        .as_str()
        .unwrap()
        .contains("(612) 555-0148"));
}
