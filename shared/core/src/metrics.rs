//! Business metrics as CloudWatch Embedded Metric Format: one JSON line on stdout per event,
//! which Lambda ships to CloudWatch Logs and CloudWatch turns into metrics — no API call, no
//! client, nothing on the request path but a `println!`.

use serde_json::{json, Map, Value};
use std::sync::Mutex;

pub const NAMESPACE: &str = "AgentBuilder";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    JobsCreated,
    QuotaRejected,
    JobsCompleted,
    JobsFailed,
    /// Jobs the reaper ended because their worker stopped for good (also in `JobsFailed`).
    JobsAbandoned,
    JobDurationMs,
    PagesFetched,
    GenerationMs,
    /// A language model could not write the agent and the template did (worker).
    GeneratorFallbacks,
}

impl Metric {
    pub fn name(&self) -> &'static str {
        match self {
            Self::JobsCreated => "JobsCreated",
            Self::QuotaRejected => "QuotaRejected",
            Self::JobsCompleted => "JobsCompleted",
            Self::JobsFailed => "JobsFailed",
            Self::JobsAbandoned => "JobsAbandoned",
            Self::JobDurationMs => "JobDurationMs",
            Self::PagesFetched => "PagesFetched",
            Self::GenerationMs => "GenerationMs",
            Self::GeneratorFallbacks => "GeneratorFallbacks",
        }
    }

    fn unit(&self) -> &'static str {
        match self {
            Self::JobDurationMs | Self::GenerationMs => "Milliseconds",
            _ => "Count",
        }
    }
}

pub trait Metrics: Send + Sync {
    /// Records values observed together (one EMF document), e.g. a job's outcome and duration.
    fn record(&self, values: &[(Metric, f64)]);
}

/// The EMF document for `values` at `timestamp_ms`. No dimensions: the service-wide figures are
/// what the alarms watch, and per-workspace dimensions would multiply metric cost.
pub fn emf_document(values: &[(Metric, f64)], timestamp_ms: i64) -> Value {
    let definitions: Vec<Value> = values
        .iter()
        .map(|(m, _)| json!({ "Name": m.name(), "Unit": m.unit() }))
        .collect();
    let mut doc = Map::new();
    doc.insert(
        "_aws".into(),
        json!({
            "Timestamp": timestamp_ms,
            "CloudWatchMetrics": [{ "Namespace": NAMESPACE, "Dimensions": [[]], "Metrics": definitions }],
        }),
    );
    for (metric, value) in values {
        doc.insert(metric.name().into(), json!(value));
    }
    Value::Object(doc)
}

/// Writes EMF lines to stdout (Lambda's log stream).
pub struct EmfMetrics;

impl Metrics for EmfMetrics {
    fn record(&self, values: &[(Metric, f64)]) {
        if values.is_empty() {
            return;
        }
        let now = crate::time::UnixMillis::from(time::OffsetDateTime::now_utc());
        println!("{}", emf_document(values, now.as_millis()));
    }
}

/// Keeps what was recorded (tests).
#[derive(Default)]
pub struct MemoryMetrics(Mutex<Vec<(Metric, f64)>>);

impl MemoryMetrics {
    pub fn total(&self, metric: Metric) -> f64 {
        self.0
            .lock()
            .expect("metrics poisoned")
            .iter()
            .filter(|(m, _)| *m == metric)
            .map(|(_, v)| v)
            .sum()
    }

    pub fn count(&self, metric: Metric) -> usize {
        self.0
            .lock()
            .expect("metrics poisoned")
            .iter()
            .filter(|(m, _)| *m == metric)
            .count()
    }
}

impl Metrics for MemoryMetrics {
    fn record(&self, values: &[(Metric, f64)]) {
        self.0
            .lock()
            .expect("metrics poisoned")
            .extend_from_slice(values);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_follow_the_embedded_metric_format() {
        let doc = emf_document(
            &[
                (Metric::JobsCompleted, 1.0),
                (Metric::JobDurationMs, 5120.0),
            ],
            1_796_000_000_000,
        );
        assert_eq!(doc["_aws"]["Timestamp"], 1_796_000_000_000i64);
        let directive = &doc["_aws"]["CloudWatchMetrics"][0];
        assert_eq!(directive["Namespace"], "AgentBuilder");
        assert_eq!(directive["Dimensions"], json!([[]]));
        assert_eq!(
            directive["Metrics"],
            json!([{"Name": "JobsCompleted", "Unit": "Count"}, {"Name": "JobDurationMs", "Unit": "Milliseconds"}])
        );
        // Every declared metric has its value at the top level, as EMF requires.
        assert_eq!(doc["JobsCompleted"], 1.0);
        assert_eq!(doc["JobDurationMs"], 5120.0);
    }
}
