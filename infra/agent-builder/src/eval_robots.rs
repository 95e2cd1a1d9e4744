//! Measures our robots.txt handling against peer test suites: Google's `robots_test.cc` cases
//! (allow/disallow with the case's own user agent) and texting_robots' cases (allow/disallow,
//! Crawl-delay and Sitemap lines against `RobotsRules`).
//!
//! Accepted shapes: a JSON array of `{robots_txt, user_agent, url, expected_allowed}`; an object
//! with `cases: [{kind: allowed | crawl_delay | sitemaps, robots_txt | robots_txt_b64, …}]`; an
//! object with `sitemap_lines: [{robots_txt, expected_sitemaps}]`.

use agent_builder_core::domain::{NetworkPolicy, SiteUrl};
use agent_builder_engine::crawl::robots::{agent_allowed, RobotsRules};
use serde_json::Value;

/// Where the cases' robots.txt is pretended to live; relative Sitemap paths resolve against it.
const ROBOTS_URL: &str = "http://example.com/robots.txt";

#[derive(Debug, Clone, Default, PartialEq)]
pub struct RobotsEval {
    pub total: usize,
    pub passed: usize,
    /// One line per failed case: where it comes from, what was expected and what we said.
    pub failures: Vec<String>,
}

impl RobotsEval {
    fn record(&mut self, result: Result<(), String>) {
        self.total += 1;
        match result {
            Ok(()) => self.passed += 1,
            Err(failure) => self.failures.push(failure),
        }
    }
}

/// Runs every case in `json`. Input that cannot be read counts as one failed case, so a broken
/// suite never passes silently.
pub fn evaluate_cases(json: &str) -> RobotsEval {
    let mut eval = RobotsEval::default();
    let doc: Value = match serde_json::from_str(json) {
        Ok(doc) => doc,
        Err(e) => {
            eval.record(Err(format!("the cases are not JSON: {e}")));
            return eval;
        }
    };
    let mut recognised = false;
    if let Some(cases) = doc.as_array() {
        recognised = true;
        for case in cases {
            eval.record(allowed_case(case));
        }
    }
    if let Some(cases) = doc.get("cases").and_then(Value::as_array) {
        recognised = true;
        for case in cases {
            eval.record(match case.get("kind").and_then(Value::as_str) {
                Some("allowed") => allowed_case(case),
                Some("crawl_delay") => crawl_delay_case(case),
                Some("sitemaps") => sitemaps_case(case),
                other => Err(format!("{}: unknown kind {other:?}", source(case))),
            });
        }
    }
    if let Some(cases) = doc.get("sitemap_lines").and_then(Value::as_array) {
        recognised = true;
        for case in cases {
            eval.record(sitemaps_case(case));
        }
    }
    if !recognised {
        eval.record(Err(
            "no cases found (expected an array, `cases` or `sitemap_lines`)".into(),
        ));
    }
    eval
}

fn allowed_case(case: &Value) -> Result<(), String> {
    let body = robots_txt(case)?;
    let agent = text(case, "user_agent")?;
    let url = text(case, "url")?;
    let expected = case
        .get("expected_allowed")
        .and_then(Value::as_bool)
        .ok_or_else(|| format!("{}: no expected_allowed", source(case)))?;
    // texting_robots writes bare paths; the matcher reads the path of any URL.
    let target = if url.starts_with('/') {
        format!("http://example.com{url}")
    } else {
        url.to_owned()
    };
    let got = agent_allowed(&body, agent, &target);
    if got == expected {
        Ok(())
    } else {
        Err(format!(
            "{}: {agent} on {url:?}: expected {}, got {}",
            source(case),
            verdict(expected),
            verdict(got)
        ))
    }
}

fn crawl_delay_case(case: &Value) -> Result<(), String> {
    let body = robots_txt(case)?;
    let agent = text(case, "user_agent")?;
    let expected = case.get("expected_crawl_delay").and_then(Value::as_f64);
    let got = rules(&body, agent).crawl_delay().map(|d| d.as_secs_f64());
    let same = match (expected, got) {
        (Some(a), Some(b)) => (a - b).abs() < 1e-6,
        (None, None) => true,
        _ => false,
    };
    if same {
        Ok(())
    } else {
        Err(format!(
            "{}: crawl-delay for {agent}: expected {expected:?}, got {got:?}",
            source(case)
        ))
    }
}

fn sitemaps_case(case: &Value) -> Result<(), String> {
    let body = robots_txt(case)?;
    let agent = case
        .get("user_agent")
        .and_then(Value::as_str)
        .unwrap_or("AgentBuilderBot");
    let base = robots_url();
    let expected: Vec<String> = case
        .get("expected_sitemaps")
        .and_then(Value::as_array)
        .ok_or_else(|| format!("{}: no expected_sitemaps", source(case)))?
        .iter()
        .filter_map(Value::as_str)
        // Compared as URLs: the suites write them raw, we hand them out parsed.
        .map(|s| {
            base.as_url()
                .join(s)
                .map_or_else(|_| s.to_owned(), String::from)
        })
        .collect();
    let got: Vec<String> = rules(&body, agent)
        .sitemaps()
        .iter()
        .map(|u| u.to_string())
        .collect();
    if got == expected {
        Ok(())
    } else {
        Err(format!(
            "{}: sitemaps: expected {expected:?}, got {got:?}",
            source(case)
        ))
    }
}

fn rules(body: &str, agent: &str) -> RobotsRules {
    RobotsRules::parse_for(body, robots_url().as_url(), agent)
}

fn robots_url() -> SiteUrl {
    SiteUrl::parse(ROBOTS_URL, NetworkPolicy::Public).expect("static URL")
}

/// The body from `robots_txt`, or from `robots_txt_b64` for bodies that are not valid UTF-8
/// (decoded lossily, as the crawler does).
fn robots_txt(case: &Value) -> Result<String, String> {
    if let Some(body) = case.get("robots_txt").and_then(Value::as_str) {
        return Ok(body.to_owned());
    }
    let encoded = text(case, "robots_txt_b64")?;
    let bytes = base64_decode(encoded)
        .ok_or_else(|| format!("{}: robots_txt_b64 is not base64", source(case)))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn text<'a>(case: &'a Value, field: &str) -> Result<&'a str, String> {
    case.get(field)
        .and_then(Value::as_str)
        .ok_or_else(|| format!("{}: no {field}", source(case)))
}

fn source(case: &Value) -> String {
    ["source", "note", "name"]
        .iter()
        .find_map(|k| case.get(*k).and_then(Value::as_str))
        .unwrap_or("case")
        .to_owned()
}

fn verdict(allowed: bool) -> &'static str {
    if allowed {
        "allowed"
    } else {
        "disallowed"
    }
}

/// Standard base64 with optional padding; None on any other character.
fn base64_decode(input: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(input.len() / 4 * 3);
    let mut buffer = 0u32;
    let mut bits = 0;
    for byte in input.bytes().filter(|b| !b.is_ascii_whitespace()) {
        let value = match byte {
            b'A'..=b'Z' => byte - b'A',
            b'a'..=b'z' => byte - b'a' + 26,
            b'0'..=b'9' => byte - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' => break,
            _ => return None,
        };
        buffer = (buffer << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(((buffer >> bits) & 0xff) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_in_the_repository_passes() {
        let eval = evaluate_cases(include_str!(
            "../../../shared/engine/src/crawl/testdata/robots_cases.json"
        ));
        assert!(eval.total >= 10);
        assert_eq!(eval.passed, eval.total, "{:#?}", eval.failures);
    }

    #[test]
    fn reads_google_style_arrays_and_reports_failures() {
        let json = r#"[
          {"robots_txt": "user-agent: FooBot\ndisallow: /\n", "user_agent": "FooBot", "url": "http://foo.bar/x", "expected_allowed": false},
          {"robots_txt": "user-agent: FooBot\ndisallow: /\n", "user_agent": "FooBot", "url": "http://foo.bar/x", "expected_allowed": true, "note": "deliberately wrong"}
        ]"#;
        let eval = evaluate_cases(json);
        assert_eq!((eval.total, eval.passed), (2, 1));
        assert!(eval.failures[0].starts_with("deliberately wrong"));
    }

    #[test]
    fn decodes_base64_bodies() {
        // "User-agent: *\nCrawl-delay: 2\n"
        let json = r#"{"cases": [{"kind": "crawl_delay", "robots_txt_b64": "VXNlci1hZ2VudDogKgpDcmF3bC1kZWxheTogMgo=", "user_agent": "X", "expected_crawl_delay": 2.0, "source": "b64"}]}"#;
        let eval = evaluate_cases(json);
        assert_eq!((eval.total, eval.passed), (1, 1), "{:?}", eval.failures);
    }

    #[test]
    fn unreadable_input_is_a_failure() {
        assert_eq!(evaluate_cases("not json").passed, 0);
        assert_eq!(evaluate_cases("not json").total, 1);
        assert_eq!(evaluate_cases("{}").total, 1);
    }
}
