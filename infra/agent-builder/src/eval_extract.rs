//! Measures fact extraction on a labeled page set in the format of the webstruct peer suite:
//! `labels.json` (`{"pages": {"<file>": {"base_url", "labels": {"TEL": [...], ...}}}}`) beside a
//! `pages/` folder of saved HTML.
//!
//! Every page is run through `extract_page` with its `base_url`; as in the pipeline, a page
//! that writes no phone number with a country code is then read again with the countries the
//! other pages of its site (same host) write theirs in. Per page, the distinct
//! predicted values and the distinct labeled values of each label are compared after
//! normalisation; precision is matched predictions / predictions and recall is matched labels /
//! labels, both summed over all pages (pages without a label of a kind still count their
//! predictions as false positives). How values match:
//!
//! - TEL: digits only, the last 9 digits of each side (so `+1 (800) 330-8247`, `1-800-330-8247`
//!   and `800.330.8247` are equal, and `(08) 9443 6444` equals `+61 8 9443 6444`: trunk `0`s
//!   and country codes do not count); a label whose ninth-last digit is a trunk `0` before an
//!   8-digit number (`081 22 33 44`, Belgium) matches on the last eight. A label's extension (`x430`, `ext. 12`) is dropped, as we
//!   store the number without it. Numbers we label fax are not TEL predictions.
//! - EMAIL: case-insensitive equality.
//! - STREET, HOURS: lower-cased letters and digits only (the labels lost some spaces and
//!   punctuation: "Mon.Fri. 8:305:30"), equal or one containing the other. A page's HOURS
//!   predictions are its opening-hours rules, so one labeled block of a week's hours is recalled
//!   by any rule inside it, and each rule is correct when it lies inside a labeled block.
//! - CITY, STATE, ZIPCODE: the address parts, lower-cased letters and digits only, equal.
//! - ORG: pages are grouped by site (host of `base_url`; a page without one is a site of its
//!   own); the site's profile name (from
//!   `merge_pages`, else the first name candidate of its pages) is correct when, normalised as
//!   above, it equals one of the site's ORG labels.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use agent_builder_engine::crawl::charset::decode_html;
use agent_builder_engine::extract::site_pages;
use agent_builder_engine::extract::{
    contacts, extract_page, extract_page_in_site, merge_pages, PageContext, PageFacts,
};
use serde::Deserialize;
use url::Url;

#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("cannot read {path}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path} is not a labels file")]
    Labels {
        path: PathBuf,
        #[source]
        source: serde_json::Error,
    },
    #[error("{0} has no pages")]
    Empty(PathBuf),
}

#[derive(Debug, Deserialize)]
struct LabelsFile {
    pages: BTreeMap<String, LabeledPage>,
}

#[derive(Debug, Deserialize)]
struct LabeledPage {
    /// Missing for a few pages: those are read as `http://<file>.invalid/`, a site of their own.
    base_url: Option<String>,
    #[serde(default)]
    labels: BTreeMap<String, Vec<String>>,
}

/// Trailing digits compared for TEL: nine, so a national trunk `0` or a country code on either
/// side does not matter (`(08) 9443 6444` = `+61 8 9443 6444`).
const TEL_DIGITS: usize = 9;

/// The labels scored, in print order.
pub const LABELS: [&str; 7] = [
    "TEL", "EMAIL", "HOURS", "STREET", "CITY", "STATE", "ZIPCODE",
];

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Score {
    pub predicted: usize,
    pub correct_predictions: usize,
    pub labeled: usize,
    pub recalled_labels: usize,
}

impl Score {
    pub fn precision(&self) -> f64 {
        ratio(self.correct_predictions, self.predicted)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.recalled_labels, self.labeled)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

#[derive(Debug, Clone, Default)]
pub struct ExtractEval {
    pub pages: usize,
    pub scores: BTreeMap<&'static str, Score>,
    pub sites: usize,
    pub sites_named: usize,
    pub sites_named_right: usize,
    /// Per page and label: what was missed and what was wrong (for `--verbose`).
    pub details: Vec<String>,
    pub html_bytes: usize,
    /// Time in `extract_page` (parsing and every extractor).
    pub seconds: f64,
    /// Time in the contact extractors alone (visible-text walk included, parsing not).
    pub contacts_seconds: f64,
}

impl ExtractEval {
    pub fn render(&self) -> String {
        let mut out = format!(
            "{:<8} {:>8} {:>10} {:>10} {:>10}\n",
            "label", "labeled", "predicted", "precision", "recall"
        );
        for label in LABELS {
            let s = self.scores.get(label).cloned().unwrap_or_default();
            out.push_str(&format!(
                "{:<8} {:>8} {:>10} {:>10.3} {:>10.3}\n",
                label,
                s.labeled,
                s.predicted,
                s.precision(),
                s.recall()
            ));
        }
        out.push_str(&format!(
            "ORG      {} sites with ORG labels, {} named, {} named right: accuracy {:.3}\n",
            self.sites,
            self.sites_named,
            self.sites_named_right,
            ratio(self.sites_named_right, self.sites)
        ));
        let mb = self.html_bytes as f64 / 1e6;
        out.push_str(&format!(
            "{} pages, {:.1} MB of HTML: extract_page {:.2} s ({:.1} MB/s), contacts alone {:.2} s ({:.1} MB/s), this build\n",
            self.pages,
            mb,
            self.seconds,
            mb / self.seconds.max(1e-9),
            self.contacts_seconds,
            mb / self.contacts_seconds.max(1e-9)
        ));
        out
    }
}

pub fn evaluate_folder(folder: &Path) -> Result<ExtractEval, EvalError> {
    let (labels_path, labels) = read_labels(folder)?;
    if labels.pages.is_empty() {
        return Err(EvalError::Empty(labels_path));
    }
    let mut eval = ExtractEval::default();
    let mut sites: BTreeMap<String, Vec<(PageFacts, &LabeledPage)>> = BTreeMap::new();
    let mut extract_seconds = 0.0;
    let mut extracted = Vec::new();
    for (file, page) in &labels.pages {
        let path = folder.join("pages").join(file);
        let bytes = std::fs::read(&path).map_err(|source| EvalError::Read {
            path: path.clone(),
            source,
        })?;
        // Decoded as the crawler decodes responses (BOM, then `<meta charset>`, else UTF-8).
        let html = decode_html(&bytes, None);
        let base = page
            .base_url
            .clone()
            .unwrap_or_else(|| format!("http://{}.invalid/", file.replace('.', "-")));
        let Ok(url) = Url::parse(&base) else {
            eval.details.push(format!("{file}: bad base_url {base}"));
            continue;
        };
        let t = std::time::Instant::now();
        let facts = extract_page(&html, &url, None);
        extract_seconds += t.elapsed().as_secs_f64();
        // The contact extractors alone, on an already parsed page.
        let doc = agent_builder_engine::html::parse_untrusted(&html);
        let ctx = PageContext::new(url.clone(), facts.language.as_deref());
        let t = std::time::Instant::now();
        contacts::collect(&doc, &ctx, &mut PageFacts::default());
        eval.contacts_seconds += t.elapsed().as_secs_f64();
        eval.html_bytes += bytes.len();
        eval.pages += 1;
        extracted.push((file, page, url, html, facts));
    }
    // As the pipeline reads a site: a page that writes no number with a country code is read
    // again with the countries the site's other pages write ([`site_pages::extract_site_pages`]).
    let mut site_countries: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (_, _, url, _, facts) in &extracted {
        site_countries
            .entry(site_of(url))
            .or_default()
            .extend(facts.phone_countries.iter().cloned());
    }
    for (_, _, url, html, facts) in &mut extracted {
        let countries = site_pages::site_countries(site_countries[&site_of(url)].iter());
        if facts.phone_countries.is_empty() && !countries.is_empty() {
            let t = std::time::Instant::now();
            *facts = extract_page_in_site(html, url, None, &countries).0;
            extract_seconds += t.elapsed().as_secs_f64();
        }
    }
    for (file, page, url, _, facts) in extracted {
        for label in LABELS {
            let predicted = predictions(&facts, label);
            let gold: BTreeSet<String> = page
                .labels
                .get(label)
                .into_iter()
                .flatten()
                .map(|v| normalise(label, v))
                .filter(|v| !v.is_empty())
                .collect();
            let score = eval.scores.entry(label).or_default();
            score.predicted += predicted.len();
            score.labeled += gold.len();
            let wrong: Vec<&String> = predicted
                .iter()
                .filter(|p| !gold.iter().any(|g| matches(label, p, g)))
                .collect();
            let missed: Vec<&String> = gold
                .iter()
                .filter(|g| !predicted.iter().any(|p| matches(label, p, g)))
                .collect();
            score.correct_predictions += predicted.len() - wrong.len();
            score.recalled_labels += gold.len() - missed.len();
            if !wrong.is_empty() || !missed.is_empty() {
                eval.details
                    .push(format!("{file} {label}: missed {missed:?} wrong {wrong:?}"));
            }
        }
        sites.entry(site_of(&url)).or_default().push((facts, page));
    }
    eval.seconds = extract_seconds;
    for (host, pages) in &sites {
        let gold: BTreeSet<String> = pages
            .iter()
            .flat_map(|(_, p)| p.labels.get("ORG").into_iter().flatten())
            .map(|v| alnum(v))
            .filter(|v| !v.is_empty())
            .collect();
        if gold.is_empty() {
            continue;
        }
        eval.sites += 1;
        let facts: Vec<PageFacts> = pages.iter().map(|(f, _)| f.clone()).collect();
        let name = merge_pages(&facts).name.or_else(|| {
            facts
                .iter()
                .find_map(|f| f.names.first().map(|n| n.value.clone()))
        });
        if let Some(name) = name {
            eval.sites_named += 1;
            if gold.contains(&alnum(&name)) {
                eval.sites_named_right += 1;
            } else {
                eval.details
                    .push(format!("{host} ORG: named {name:?}, labels {gold:?}"));
            }
        } else {
            eval.details
                .push(format!("{host} ORG: no name, labels {gold:?}"));
        }
    }
    Ok(eval)
}

/// The site a page belongs to: its host without `www.`.
fn site_of(url: &Url) -> String {
    url.host_str()
        .unwrap_or_default()
        .trim_start_matches("www.")
        .to_owned()
}

/// The folder's `labels.json`, and its path for error messages.
fn read_labels(folder: &Path) -> Result<(std::path::PathBuf, LabelsFile), EvalError> {
    let labels_path = folder.join("labels.json");
    let raw = std::fs::read_to_string(&labels_path).map_err(|source| EvalError::Read {
        path: labels_path.clone(),
        source,
    })?;
    let labels = serde_json::from_str(&raw).map_err(|source| EvalError::Labels {
        path: labels_path.clone(),
        source,
    })?;
    Ok((labels_path, labels))
}

/// One page's visible text and extracted facts (JSON), for looking into a miss.
pub fn explain_page(folder: &Path, file: &str) -> Result<String, EvalError> {
    let (_, labels) = read_labels(folder)?;
    let path = folder.join("pages").join(file);
    let bytes = std::fs::read(&path).map_err(|source| EvalError::Read {
        path: path.clone(),
        source,
    })?;
    // Decoded as the crawler decodes responses (BOM, then `<meta charset>`, else UTF-8).
    let html = decode_html(&bytes, None);
    let base = labels
        .pages
        .get(file)
        .and_then(|p| p.base_url.clone())
        .unwrap_or_else(|| format!("http://{}.invalid/", file.replace('.', "-")));
    let url = Url::parse(&base)
        .unwrap_or_else(|_| Url::parse("http://invalid.invalid/").expect("static URL"));
    let doc = agent_builder_engine::html::parse_untrusted(&html);
    let visible = agent_builder_engine::extract::contacts::text::visible_text(&doc);
    let facts = extract_page(&html, &url, None);
    let mut facts_json = serde_json::to_value(&facts).unwrap_or_default();
    if let Some(obj) = facts_json.as_object_mut() {
        obj.remove("main_text");
    }
    Ok(format!(
        "{}\n---\n{}\n---\nlabels: {}\n",
        visible.text,
        serde_json::to_string_pretty(&facts_json).unwrap_or_default(),
        serde_json::to_string(&labels.pages.get(file).map(|p| &p.labels)).unwrap_or_default()
    ))
}

/// The page's distinct predictions for `label`, normalised as its labels are.
fn predictions(facts: &PageFacts, label: &str) -> BTreeSet<String> {
    let values: Vec<String> = match label {
        "TEL" => facts
            .phones
            .iter()
            .filter(|p| p.kind.as_deref() != Some("fax"))
            .map(|p| p.e164.clone())
            .collect(),
        "EMAIL" => facts.emails.iter().map(|e| e.address.clone()).collect(),
        "HOURS" => facts.hours.iter().map(|h| h.text.clone()).collect(),
        "STREET" => facts
            .addresses
            .iter()
            .filter_map(|a| a.street.clone())
            .collect(),
        "CITY" => facts
            .addresses
            .iter()
            .filter_map(|a| a.city.clone())
            .collect(),
        "STATE" => facts
            .addresses
            .iter()
            .filter_map(|a| a.region.clone())
            .collect(),
        "ZIPCODE" => facts
            .addresses
            .iter()
            .filter_map(|a| a.postal_code.clone())
            .collect(),
        _ => Vec::new(),
    };
    values
        .iter()
        .map(|v| normalise(label, v))
        .filter(|v| !v.is_empty())
        .collect()
}

fn normalise(label: &str, value: &str) -> String {
    match label {
        "TEL" => {
            let value = strip_extension(value);
            let digits: String = value.chars().filter(char::is_ascii_digit).collect();
            let skip = digits.len().saturating_sub(TEL_DIGITS);
            digits[skip..].to_owned()
        }
        "EMAIL" => value.trim().to_lowercase(),
        _ => alnum(value),
    }
}

/// `530.820.3090 x430` → `530.820.3090`: extensions are not part of the number we store.
fn strip_extension(value: &str) -> &str {
    let lower = value.to_ascii_lowercase();
    let cut = [" x", "x", "ext", "#"]
        .iter()
        .filter_map(|m| lower.find(m))
        .filter(|&i| value[..i].chars().filter(char::is_ascii_digit).count() >= 7)
        .min();
    cut.map_or(value, |i| &value[..i])
}

fn matches(label: &str, predicted: &str, gold: &str) -> bool {
    match label {
        "STREET" | "HOURS" => gold.contains(predicted) || predicted.contains(gold),
        // "081 22 33 44" (Namur) is `+32 81 22 33 44`: a trunk `0` before an 8-digit number
        // falls inside the last nine digits, so those numbers match on their last eight.
        "TEL" => {
            predicted == gold
                || gold.len() == TEL_DIGITS
                    && gold.starts_with('0')
                    && predicted.len() == TEL_DIGITS
                    && predicted[1..] == gold[1..]
        }
        _ => predicted == gold,
    }
}

/// Lower-cased letters and digits only.
fn alnum(value: &str) -> String {
    value
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_and_matches_as_documented() {
        assert!(matches(
            "TEL",
            &normalise("TEL", "+3281223344"),
            &normalise("TEL", "081 22 33 44")
        ));
        assert!(!matches(
            "TEL",
            &normalise("TEL", "+3281223345"),
            &normalise("TEL", "081 22 33 44")
        ));
        assert_eq!(normalise("TEL", "1-800-330-8247"), "003308247");
        assert_eq!(normalise("TEL", "+18003308247"), "003308247");
        assert_eq!(normalise("TEL", "3 16-69 1-85 19"), "166918519");
        assert_eq!(
            normalise("TEL", "(08) 9443 6444"),
            normalise("TEL", "+61894436444")
        );
        assert_eq!(
            normalise("TEL", "530.820.3090 x430"),
            normalise("TEL", "+15308203090")
        );
        assert_eq!(
            normalise("TEL", "01452 912958"),
            normalise("TEL", "+441452912958")
        );
        assert_eq!(normalise("STREET", "5 N. Beech Rd."), "5nbeechrd");
        assert!(matches(
            "HOURS",
            &normalise("HOURS", "Mon.–Fri. 8:30–5:30"),
            &normalise("HOURS", "Mon.Fri. 8:305:30 Central Time")
        ));
        assert!(!matches("CITY", "springfield", "westspringfield"));
    }

    #[test]
    fn scores_a_small_labeled_folder() {
        let dir = std::env::temp_dir().join(format!("eval-extract-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("pages")).unwrap();
        std::fs::write(
            dir.join("labels.json"),
            r#"{"pages": {"a.html": {"base_url": "http://smiths.com/",
                "labels": {"TEL": ["(413) 732-8702"], "CITY": ["Springfield"], "ORG": ["Smiths"]}}}}"#,
        )
        .unwrap();
        std::fs::write(
            dir.join("pages/a.html"),
            "<title>Smiths</title><meta property=og:site_name content=Smiths>\
             <p>Call (413) 732-8702 or 413-732-0000</p><p>1 Main St<br>Springfield, MA 01089</p>",
        )
        .unwrap();
        let eval = evaluate_folder(&dir).unwrap();
        std::fs::remove_dir_all(&dir).ok();
        let tel = &eval.scores["TEL"];
        assert_eq!((tel.labeled, tel.recalled_labels), (1, 1));
        assert_eq!(tel.predicted, 2, "{:?}", eval.details);
        assert_eq!(tel.correct_predictions, 1);
        assert_eq!(eval.scores["CITY"].recalled_labels, 1);
        assert_eq!((eval.sites, eval.sites_named_right), (1, 1));
        assert!(eval.render().contains("TEL"));
    }
}
