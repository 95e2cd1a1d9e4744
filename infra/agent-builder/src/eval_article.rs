//! Measures main-text extraction against the article-extraction benchmark of scrapinghub
//! (`html/<id>.html.gz` pages, `ground-truth.json` with each page's `articleBody`), scored as
//! upstream does: tokens are `\w+` runs; per page, true and false positives and false negatives
//! over the multiset of 4-token shingles, normalised by their sum; precision and recall are
//! averaged over pages and F1 is computed from the two means.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;
use std::time::{Duration, Instant};

use agent_builder_engine::crawl::charset::decode_html;
use serde_json::Value;

const SHINGLE: usize = 4;

#[derive(Debug, thiserror::Error)]
pub enum ArticleEvalError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path} is not the expected JSON: {reason}")]
    Json { path: String, reason: String },
}

/// One labeled page of the suite.
#[derive(Debug, Clone)]
pub struct ArticlePage {
    pub id: String,
    pub html: String,
    pub expected: String,
}

/// A page's shingle matches, normalised so that they sum to 1 (or all zero).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Matches {
    pub tp: f64,
    pub fp: f64,
    pub r#fn: f64,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ArticleScore {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// One page's result, for the per-page report.
#[derive(Debug, Clone)]
pub struct PageResult {
    pub id: String,
    pub precision: f64,
    pub recall: f64,
}

#[derive(Debug, Clone)]
pub struct ArticleEval {
    pub score: ArticleScore,
    pub pages: Vec<PageResult>,
    pub html_bytes: usize,
    /// Time spent extracting (parsing included), reading and scoring excluded.
    pub elapsed: Duration,
}

impl ArticleEval {
    pub fn megabytes_per_second(&self) -> f64 {
        self.html_bytes as f64 / 1e6 / self.elapsed.as_secs_f64()
    }

    pub fn pages_per_second(&self) -> f64 {
        self.pages.len() as f64 / self.elapsed.as_secs_f64()
    }
}

/// Reads the suite: every page of `ground-truth.json` with its `html/<id>.html.gz`, decoded as
/// the crawler decodes bodies.
pub fn load_suite(folder: &Path) -> Result<Vec<ArticlePage>, ArticleEvalError> {
    let truth_path = folder.join("ground-truth.json");
    let truth = read_json(&truth_path)?;
    let entries = truth.as_object().ok_or_else(|| ArticleEvalError::Json {
        path: truth_path.display().to_string(),
        reason: "not an object".into(),
    })?;
    let mut pages = Vec::with_capacity(entries.len());
    for (id, entry) in entries {
        let path = folder.join("html").join(format!("{id}.html.gz"));
        let mut bytes = Vec::new();
        std::fs::File::open(&path)
            .and_then(|f| flate2::read::GzDecoder::new(f).read_to_end(&mut bytes))
            .map_err(|source| ArticleEvalError::Read {
                path: path.display().to_string(),
                source,
            })?;
        pages.push(ArticlePage {
            id: id.clone(),
            html: decode_html(&bytes, None),
            expected: article_body(entry),
        });
    }
    Ok(pages)
}

/// Extracted texts from a stored output file of the suite (`{id: {articleBody}}`, possibly
/// wrapped as `{"output": …}`), to score other tools with the same code.
pub fn load_predictions(path: &Path) -> Result<HashMap<String, String>, ArticleEvalError> {
    let doc = read_json(path)?;
    let doc = doc.get("output").unwrap_or(&doc);
    let entries = doc.as_object().ok_or_else(|| ArticleEvalError::Json {
        path: path.display().to_string(),
        reason: "not an object".into(),
    })?;
    Ok(entries
        .iter()
        .map(|(id, entry)| (id.clone(), article_body(entry)))
        .collect())
}

/// Runs `extract` on every page, timing it, and scores the results.
pub fn evaluate(pages: &[ArticlePage], mut extract: impl FnMut(&str) -> String) -> ArticleEval {
    let mut elapsed = Duration::ZERO;
    let mut results = Vec::with_capacity(pages.len());
    let mut matches = Vec::with_capacity(pages.len());
    for page in pages {
        let start = Instant::now();
        let predicted = extract(&page.html);
        elapsed += start.elapsed();
        let m = shingle_matches(&page.expected, &predicted);
        results.push(PageResult {
            id: page.id.clone(),
            precision: precision(m),
            recall: recall(m),
        });
        matches.push(m);
    }
    ArticleEval {
        score: aggregate(&matches),
        pages: results,
        html_bytes: pages.iter().map(|p| p.html.len()).sum(),
        elapsed,
    }
}

/// Scores stored predictions (a page with none counts as empty).
pub fn score_predictions(
    pages: &[ArticlePage],
    predictions: &HashMap<String, String>,
) -> ArticleScore {
    let matches: Vec<Matches> = pages
        .iter()
        .map(|p| {
            let predicted = predictions.get(&p.id).map_or("", String::as_str);
            shingle_matches(&p.expected, predicted)
        })
        .collect();
    aggregate(&matches)
}

/// Upstream's `metrics_from_tp_fp_fns`: precision over pages that predicted something or
/// should have, recall over pages that expected something or got something.
pub fn aggregate(matches: &[Matches]) -> ArticleScore {
    let mean = |values: Vec<f64>| {
        if values.is_empty() {
            0.0
        } else {
            values.iter().sum::<f64>() / values.len() as f64
        }
    };
    let precision = mean(
        matches
            .iter()
            .filter(|m| m.tp + m.fp > 0.0)
            .map(|m| precision(*m))
            .collect(),
    );
    let recall = mean(
        matches
            .iter()
            .filter(|m| m.tp + m.r#fn > 0.0)
            .map(|m| recall(*m))
            .collect(),
    );
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    ArticleScore {
        precision,
        recall,
        f1,
    }
}

fn precision(m: Matches) -> f64 {
    if m.fp == 0.0 && m.r#fn == 0.0 {
        1.0
    } else if m.tp == 0.0 && m.fp == 0.0 {
        0.0
    } else {
        m.tp / (m.tp + m.fp)
    }
}

fn recall(m: Matches) -> f64 {
    if m.fp == 0.0 && m.r#fn == 0.0 {
        1.0
    } else if m.tp == 0.0 && m.r#fn == 0.0 {
        0.0
    } else {
        m.tp / (m.tp + m.r#fn)
    }
}

/// Upstream's `string_shingle_matching`.
pub fn shingle_matches(expected: &str, predicted: &str) -> Matches {
    let want_tokens = tokens(expected);
    let got_tokens = tokens(predicted);
    let want = shingles(&want_tokens);
    let got = shingles(&got_tokens);
    let mut m = Matches::default();
    for (shingle, &w) in &want {
        let g = got.get(shingle).copied().unwrap_or(0);
        m.tp += w.min(g) as f64;
        m.r#fn += w.saturating_sub(g) as f64;
    }
    for (shingle, &g) in &got {
        let w = want.get(shingle).copied().unwrap_or(0);
        m.fp += g.saturating_sub(w) as f64;
    }
    let sum = m.tp + m.fp + m.r#fn;
    if sum > 0.0 {
        m.tp /= sum;
        m.fp /= sum;
        m.r#fn /= sum;
    }
    m
}

/// Python's `\w+`: runs of letters, digits and underscores.
fn tokens(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|t| !t.is_empty())
        .collect()
}

/// Multiset of 4-token windows; a text of fewer tokens is one shingle of them all, and an empty
/// text has none.
fn shingles<'a, 't>(tokens: &'a [&'t str]) -> HashMap<&'a [&'t str], u32> {
    let mut counts = HashMap::new();
    if tokens.is_empty() {
        return counts;
    }
    let windows = tokens.len().saturating_sub(SHINGLE - 1).max(1);
    for i in 0..windows {
        let end = (i + SHINGLE).min(tokens.len());
        *counts.entry(&tokens[i..end]).or_insert(0) += 1;
    }
    counts
}

fn article_body(entry: &Value) -> String {
    entry
        .get("articleBody")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

fn read_json(path: &Path) -> Result<Value, ArticleEvalError> {
    let text = std::fs::read_to_string(path).map_err(|source| ArticleEvalError::Read {
        path: path.display().to_string(),
        source,
    })?;
    serde_json::from_str(&text).map_err(|e| ArticleEvalError::Json {
        path: path.display().to_string(),
        reason: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_texts_score_one_whatever_the_punctuation() {
        let m = shingle_matches("One two three four five.", "One, two; three four\n\nfive");
        assert_eq!((m.tp, m.fp, m.r#fn), (1.0, 0.0, 0.0));
    }

    #[test]
    fn matches_are_counted_over_shingle_multisets_and_normalised() {
        // Expected shingles: [a b c d], [b c d e]; predicted adds [c d e x] and [d e x y].
        let m = shingle_matches("a b c d e", "a b c d e x y");
        assert!((m.tp - 0.5).abs() < 1e-9 && (m.fp - 0.5).abs() < 1e-9 && m.r#fn == 0.0);
        // A repeated shingle counts as often as it occurs.
        let m = shingle_matches("a b c d a b c d", "a b c d");
        assert!(m.tp > 0.0 && m.r#fn > 0.0 && m.fp == 0.0);
    }

    #[test]
    fn short_texts_are_one_shingle_and_empty_texts_none() {
        assert_eq!(shingles(&tokens("hi there")).len(), 1);
        assert!(shingles(&tokens(" ... ")).is_empty());
        let m = shingle_matches("", "");
        assert_eq!(m, Matches::default());
        // Nothing expected and nothing found: the page counts in neither mean.
        let score = aggregate(&[m, shingle_matches("a b c d", "a b c d")]);
        assert_eq!((score.precision, score.recall), (1.0, 1.0));
    }

    #[test]
    fn precision_and_recall_are_page_means_and_f1_comes_from_them() {
        let full = shingle_matches("a b c d e", "a b c d e");
        let half_recall = shingle_matches("a b c d e f", "a b c d");
        let score = aggregate(&[full, half_recall]);
        assert!((score.precision - 1.0).abs() < 1e-9);
        assert!((score.recall - (1.0 + 1.0 / 3.0) / 2.0).abs() < 1e-9);
        let expected_f1 = 2.0 * score.precision * score.recall / (score.precision + score.recall);
        assert!((score.f1 - expected_f1).abs() < 1e-12);
    }

    #[test]
    fn tokens_are_unicode_word_runs() {
        assert_eq!(
            tokens("Grüße, 東京—don't snake_case 42"),
            ["Grüße", "東京", "don", "t", "snake_case", "42"]
        );
    }
}
