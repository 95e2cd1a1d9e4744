//! Fixture sites with planted text (`tests/fixtures/sites/planted`): businesses in the UK,
//! Ireland, Australia, Germany, the Netherlands, France and Spain on generic domains, with
//! instructions aimed at AI assistants in testimonials, reviews, comments, hidden elements, HTML
//! comments and attributes; premium-rate and shared-cost numbers; regulators', hosts' and web
//! designers' contacts; times, dates and prices next to phone numbers. Extraction and the
//! template generator run over each: no planted phone, email, URL, price or instruction may reach
//! the agent, every real contact must be stated, and the warnings must name the page.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Deserialize;
use url::Url;

use crate::domain::{AgentConfig, NetworkPolicy, SiteUrl};
use crate::generate::{GenerationInput, TemplateGenerator};
use crate::pipeline::extract_pages;

#[derive(Deserialize)]
struct Site {
    url: String,
    pages: BTreeMap<String, String>,
    real_phones: Vec<String>,
    real_emails: Vec<String>,
    planted: Vec<String>,
    planted_pages: Vec<String>,
}

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/sites/planted")
}

fn build(name: &str, site: &Site) -> (AgentConfig, Vec<String>) {
    let base = Url::parse(&site.url).unwrap();
    let mut pages: Vec<(Url, String)> = Vec::new();
    // Home first, as the crawler delivers it.
    let mut paths: Vec<&String> = site.pages.keys().collect();
    paths.sort_by_key(|p| (p.as_str() != "/", p.as_str()));
    for path in paths {
        let html = std::fs::read_to_string(fixtures().join(name).join(&site.pages[path]))
            .unwrap_or_else(|e| panic!("{name}{path}: {e}"));
        pages.push((base.join(path).unwrap(), html));
    }
    let refs: Vec<(&Url, &str)> = pages.iter().map(|(u, h)| (u, h.as_str())).collect();
    let url = SiteUrl::parse(&site.url, NetworkPolicy::default()).unwrap();
    let (facts, warnings) = extract_pages(url, &refs);
    let input = GenerationInput {
        site: Some(facts),
        instructions: None,
    };
    (TemplateGenerator::new("test-voice").build(&input), warnings)
}

/// The last eight digits of a phone number: enough to recognise it in any format (with or
/// without its country code or trunk prefix).
fn tail_digits(phone: &str) -> Option<String> {
    let digits: Vec<char> = phone.chars().filter(char::is_ascii_digit).collect();
    (digits.len() >= 7).then(|| digits[digits.len().saturating_sub(8)..].iter().collect())
}

/// The digits of each number-like run of `line` (digits and phone punctuation), joined with
/// `|`: "08:00 to 18:00" gives `08|00|18|00`, never `08001800`.
fn number_runs(line: &str) -> String {
    line.split(|c: char| !(c.is_ascii_digit() || " -().+/\u{a0}".contains(c)))
        .map(|run| run.chars().filter(char::is_ascii_digit).collect::<String>())
        .filter(|d| !d.is_empty())
        .collect::<Vec<_>>()
        .join("|")
}

/// Every line of everything the agent says or knows, with its number runs beside it.
fn lines(agent: &AgentConfig) -> Vec<(String, String)> {
    let json = serde_json::to_string_pretty(agent).unwrap();
    json.lines()
        .chain(agent.system_prompt.lines())
        .map(|l| (l.to_lowercase(), number_runs(l)))
        .collect()
}

#[test]
fn nothing_planted_reaches_the_agent_and_every_real_contact_does() {
    let sites: BTreeMap<String, Site> =
        serde_json::from_str(&std::fs::read_to_string(fixtures().join("sites.json")).unwrap())
            .unwrap();
    assert!(sites.len() >= 7);
    let mut failures = Vec::new();
    for (name, site) in &sites {
        let (agent, warnings) = build(name, site);
        let said = lines(&agent);
        for planted in &site.planted {
            let leaked = match tail_digits(planted) {
                Some(tail) if !planted.contains('@') => said.iter().any(|(_, d)| d.contains(&tail)),
                _ => said
                    .iter()
                    .any(|(l, _)| l.contains(&planted.to_lowercase())),
            };
            if leaked {
                failures.push(format!("{name}: planted {planted:?} reached the agent"));
            }
        }
        let prompt_runs: Vec<String> = agent.system_prompt.lines().map(number_runs).collect();
        for phone in &site.real_phones {
            let tail = tail_digits(phone).unwrap();
            if !prompt_runs.iter().any(|d| d.contains(&tail)) {
                failures.push(format!("{name}: real phone {phone} is not stated"));
            }
        }
        for email in &site.real_emails {
            if !agent.system_prompt.contains(email.as_str()) {
                failures.push(format!("{name}: real email {email} is not stated"));
            }
        }
        for path in &site.planted_pages {
            let page = Url::parse(&site.url).unwrap().join(path).unwrap();
            if !warnings.iter().any(|w| w.contains(page.as_str())) {
                failures.push(format!("{name}: no warning names {page}: {warnings:?}"));
            }
        }
        // Every fact carries a confidence.
        if let Some(f) = agent.knowledge.iter().find(|f| f.confidence.is_none()) {
            failures.push(format!("{name}: {f:?} has no confidence"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
