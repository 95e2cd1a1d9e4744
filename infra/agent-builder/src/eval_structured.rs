//! Measures our JSON-LD and microdata readers against extruct's test suite: the folder's
//! `manifest.json` lists `{syntax, html | html_inline, expected, options?, base_url?}` cases whose
//! expected output is extruct's own (a JSON list of items); a case passes when our items equal
//! it as JSON values. RDFa, OpenGraph, microformats, Dublin Core and extruct's "uniform" and
//! `return_html_node` variants are not implemented and are counted as skipped.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use agent_builder_engine::extract::structured::{
    self, jsonld_items, microdata_items_with, MicrodataOptions,
};
use agent_builder_engine::extract::{offerings, PageContext, PageFacts};
use scraper::Html;
use serde_json::Value;
use url::Url;

/// Pass/fail counts for one syntax.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SyntaxEval {
    pub total: usize,
    pub passed: usize,
    /// One line per failed case: which file, and the first difference.
    pub failures: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct StructuredEval {
    /// `json-ld`, `microdata` → results.
    pub syntaxes: BTreeMap<String, SyntaxEval>,
    /// Cases of syntaxes or options we do not implement, by syntax.
    pub not_implemented: BTreeMap<String, usize>,
    /// Cases the manifest says extruct itself no longer matches (stale expected files).
    pub stale: usize,
}

impl StructuredEval {
    fn record(&mut self, syntax: &str, result: Result<(), String>) {
        let entry = self.syntaxes.entry(syntax.to_owned()).or_default();
        entry.total += 1;
        match result {
            Ok(()) => entry.passed += 1,
            Err(failure) => entry.failures.push(failure),
        }
    }
}

/// Runs every case of `<folder>/manifest.json`. A case whose files cannot be read fails.
/// extruct's all-syntax cases (`extruct.extract`) contribute their `json-ld` and `microdata`
/// parts when the manifest says they are compared exactly.
pub fn evaluate_folder(folder: &Path) -> Result<StructuredEval, String> {
    let manifest = std::fs::read_to_string(folder.join("manifest.json"))
        .map_err(|e| format!("cannot read {}/manifest.json: {e}", folder.display()))?;
    let manifest: Value =
        serde_json::from_str(&manifest).map_err(|e| format!("manifest.json is not JSON: {e}"))?;
    let cases = manifest
        .get("cases")
        .and_then(Value::as_array)
        .ok_or("manifest.json has no `cases` array")?;
    let mut eval = StructuredEval::default();
    for case in cases {
        let syntax = case.get("syntax").and_then(Value::as_str).unwrap_or("?");
        let note = |key: &str| case.get(key).and_then(Value::as_str).unwrap_or_default();
        if note("note").contains("do not use") {
            eval.stale += 1;
            continue;
        }
        match syntax {
            "json-ld" | "microdata" if supported_options(case) => {
                eval.record(syntax, run_case(folder, syntax, case, None));
            }
            "all" if note("compare").starts_with("exact") => {
                for part in ["json-ld", "microdata"] {
                    eval.record(part, run_case(folder, part, case, Some(part)));
                }
                *eval
                    .not_implemented
                    .entry("all (other syntaxes)".into())
                    .or_default() += 1;
            }
            _ => *eval.not_implemented.entry(syntax.to_owned()).or_default() += 1,
        }
    }
    Ok(eval)
}

/// Time spent on the suite's pages (each distinct page once, repeated `rounds` times).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Throughput {
    pub pages: usize,
    pub bytes: usize,
    pub parse: Duration,
    /// `structured::collect`: JSON-LD and microdata to facts.
    pub structured: Duration,
    /// `offerings::collect`: services and FAQs from the text.
    pub offerings: Duration,
}

/// Times HTML parsing and our two collectors on every page the manifest names, after one
/// untimed pass (the phone metadata is loaded on first use, about half a second in a debug
/// build, once per process).
pub fn measure_throughput(folder: &Path, rounds: usize) -> Result<Throughput, String> {
    let manifest = std::fs::read_to_string(folder.join("manifest.json"))
        .map_err(|e| format!("cannot read {}/manifest.json: {e}", folder.display()))?;
    let manifest: Value =
        serde_json::from_str(&manifest).map_err(|e| format!("manifest.json is not JSON: {e}"))?;
    let mut paths: Vec<&str> = manifest
        .get("cases")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|c| c.get("html").and_then(Value::as_str))
        .collect();
    paths.sort_unstable();
    paths.dedup();
    let url = Url::parse("https://example.com/").expect("static URL");
    let ctx = PageContext::new(url, None);
    let mut result = Throughput::default();
    for path in paths {
        let html = read_lossy(&folder.join(path))?;
        result.pages += 1;
        let doc = Html::parse_document(&html);
        structured::collect(&doc, &ctx, &mut PageFacts::default());
        for _ in 0..rounds {
            result.bytes += html.len();
            let start = Instant::now();
            let doc = Html::parse_document(&html);
            result.parse += start.elapsed();
            let mut facts = PageFacts::default();
            let start = Instant::now();
            structured::collect(&doc, &ctx, &mut facts);
            result.structured += start.elapsed();
            let start = Instant::now();
            offerings::collect(&doc, &ctx, &mut facts);
            result.offerings += start.elapsed();
        }
    }
    Ok(result)
}

fn supported_options(case: &Value) -> bool {
    case.get("options")
        .and_then(Value::as_object)
        .is_none_or(|options| {
            options
                .keys()
                .all(|k| matches!(k.as_str(), "strict" | "nested" | "add_text_content"))
        })
}

/// Runs one syntax on the case's page; `part` picks that key of an all-syntax expected output.
fn run_case(folder: &Path, syntax: &str, case: &Value, part: Option<&str>) -> Result<(), String> {
    let name = case
        .get("html")
        .and_then(Value::as_str)
        .unwrap_or("inline html")
        .to_owned();
    let html = match (
        case.get("html").and_then(Value::as_str),
        case.get("html_inline").and_then(Value::as_str),
    ) {
        (Some(path), _) => read_lossy(&folder.join(path))?,
        (None, Some(inline)) => inline.to_owned(),
        _ => return Err(format!("{name}: no html")),
    };
    let expected_ref = case
        .get("expected")
        .and_then(Value::as_str)
        .ok_or_else(|| format!("{name}: no expected"))?;
    let expected_text = match expected_ref.strip_prefix("inline:") {
        Some(inline) => inline.to_owned(),
        None => read_lossy(&folder.join(expected_ref))?,
    };
    let mut expected: Value = serde_json::from_str(&expected_text)
        .map_err(|e| format!("{name}: expected output is not JSON: {e}"))?;
    if let Some(part) = part {
        expected = expected
            .get(part)
            .cloned()
            .ok_or_else(|| format!("{name}: expected output has no {part:?}"))?;
    }
    let doc = Html::parse_document(&html);
    let got = Value::Array(match syntax {
        "json-ld" => jsonld_items(&doc),
        _ => {
            let option = |key: &str, default: bool| {
                case.pointer(&format!("/options/{key}"))
                    .and_then(Value::as_bool)
                    .unwrap_or(default)
            };
            let options = MicrodataOptions {
                nested: option("nested", true),
                strict: option("strict", false),
                add_text_content: option("add_text_content", false),
                link_names_as_text: false,
            };
            let base = case
                .get("base_url")
                .and_then(Value::as_str)
                .and_then(|u| Url::parse(u).ok());
            microdata_items_with(&doc, base.as_ref(), options)
        }
    });
    if got == expected {
        Ok(())
    } else {
        Err(format!(
            "{name} ({expected_ref}{}): {}",
            part.map(|p| format!(" [{p}]")).unwrap_or_default(),
            first_difference(&expected, &got, String::new())
        ))
    }
}

/// Where two values first differ, as a JSON pointer with both sides (cut short).
fn first_difference(expected: &Value, got: &Value, at: String) -> String {
    match (expected, got) {
        (Value::Object(a), Value::Object(b)) => {
            for key in a.keys().chain(b.keys()) {
                match (a.get(key), b.get(key)) {
                    (Some(x), Some(y)) if x == y => {}
                    (Some(x), Some(y)) => return first_difference(x, y, format!("{at}/{key}")),
                    (x, y) => return describe(&format!("{at}/{key}"), x, y),
                }
            }
            describe(&at, Some(expected), Some(got))
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                if x != y {
                    return first_difference(x, y, format!("{at}/{i}"));
                }
            }
            describe(&at, Some(expected), Some(got))
        }
        _ => describe(&at, Some(expected), Some(got)),
    }
}

fn describe(at: &str, expected: Option<&Value>, got: Option<&Value>) -> String {
    let show = |v: Option<&Value>| {
        let text = v.map_or_else(|| "(missing)".to_owned(), Value::to_string);
        if text.chars().count() > 200 {
            text.chars().take(200).collect::<String>() + "…"
        } else {
            text
        }
    };
    format!("at {at:?}: expected {}, got {}", show(expected), show(got))
}

/// A file as text; bytes that are not UTF-8 are replaced, as the crawler does.
fn read_lossy(path: &Path) -> Result<String, String> {
    std::fs::read(path)
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .map_err(|e| format!("cannot read {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIXTURES: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/engine/testdata/extruct"
    );

    #[test]
    fn the_fixtures_in_the_repository_pass() {
        let eval = evaluate_folder(Path::new(FIXTURES)).unwrap();
        let jsonld = &eval.syntaxes["json-ld"];
        let microdata = &eval.syntaxes["microdata"];
        assert!(jsonld.total >= 3 && microdata.total >= 3, "{eval:?}");
        assert_eq!(jsonld.passed, jsonld.total, "{:#?}", jsonld.failures);
        assert_eq!(
            microdata.passed, microdata.total,
            "{:#?}",
            microdata.failures
        );
    }

    #[test]
    fn differences_are_located() {
        let a = serde_json::json!([{"properties": {"name": "A", "x": 1}}]);
        let b = serde_json::json!([{"properties": {"name": "B", "x": 1}}]);
        assert_eq!(
            first_difference(&a, &b, String::new()),
            "at \"/0/properties/name\": expected \"A\", got \"B\""
        );
    }

    #[test]
    fn a_missing_folder_is_an_error() {
        assert!(evaluate_folder(Path::new("/nonexistent/extruct")).is_err());
    }
}
