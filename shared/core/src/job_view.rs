//! The job as callers see it: one serialisable view shared by the status route, the webhook
//! body and the EventBridge event, so they cannot drift apart.

use serde_json::{json, Map, Value};

use crate::domain::progress::{CrawlProgress, Stage};
use crate::domain::{Job, JobStatus};

/// The job as callers see it: `agent_id` only once completed, `error` only once failed.
pub fn public_job_record(job: &Job) -> Value {
    let mut data = Map::new();
    data.insert("job_id".into(), json!(job.job_id.to_string()));
    data.insert("status".into(), json!(job.status.as_str()));
    if job.status == JobStatus::Completed {
        if let Some(agent_id) = job.agent_id {
            data.insert("agent_id".into(), json!(agent_id.to_string()));
        }
    }
    if job.status == JobStatus::Failed {
        let error = job.error.as_deref().unwrap_or("The job failed.");
        data.insert("error".into(), json!(error));
    }
    if let Some(url) = &job.website_url {
        data.insert("website_url".into(), json!(url));
    }
    if let Some(instructions) = &job.instructions {
        data.insert("instructions".into(), json!(instructions));
    }
    data.insert("progress".into(), json!(progress_view(job)));
    if let Some(url) = &job.callback_url {
        data.insert("callback_url".into(), json!(url));
    }
    if let Some(delivery) = &job.webhook {
        data.insert("webhook".into(), json!(delivery));
    }
    if !job.warnings.is_empty() {
        data.insert("warnings".into(), json!(job.warnings));
    }
    data.insert("created_at".into(), json!(rfc3339(job.created_at)));
    data.insert("updated_at".into(), json!(rfc3339(job.updated_at)));
    Value::Object(data)
}

/// The stage follows the status at both ends; in between it is what the worker last recorded.
fn progress_view(job: &Job) -> CrawlProgress {
    let recorded = job.progress.unwrap_or_default();
    let stage = match job.status {
        JobStatus::Queued => Stage::Queued,
        JobStatus::Completed => Stage::Done,
        _ if job.progress.is_some() => recorded.stage,
        _ if job.website_url.is_some() => Stage::Discovering,
        _ => Stage::Generating,
    };
    CrawlProgress { stage, ..recorded }
}

fn rfc3339(at: time::OffsetDateTime) -> String {
    crate::clock::timestamp(at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{JobId, WorkspaceId};

    fn job(status: JobStatus, recorded: Option<Stage>, url: bool) -> Job {
        let mut job = Job::new_queued(
            JobId::new(),
            WorkspaceId::parse("ws").unwrap(),
            url.then(|| "https://example.com/".to_owned()),
            Some("x".to_owned()),
            time::OffsetDateTime::now_utc(),
            30,
        );
        job.status = status;
        job.progress = recorded.map(|stage| CrawlProgress {
            stage,
            pages_fetched: 3,
            ..CrawlProgress::default()
        });
        job
    }

    #[test]
    fn stage_follows_the_status_at_both_ends() {
        let stage = |j: &Job| {
            public_job_record(j)["progress"]["stage"]
                .as_str()
                .unwrap()
                .to_owned()
        };
        assert_eq!(stage(&job(JobStatus::Queued, None, true)), "queued");
        assert_eq!(
            stage(&job(JobStatus::Processing, None, true)),
            "discovering"
        );
        assert_eq!(
            stage(&job(JobStatus::Processing, None, false)),
            "generating"
        );
        assert_eq!(
            stage(&job(JobStatus::Processing, Some(Stage::Extracting), true)),
            "extracting"
        );
        assert_eq!(
            stage(&job(JobStatus::Completed, Some(Stage::CreatingAgent), true)),
            "done"
        );
        assert_eq!(
            stage(&job(JobStatus::Failed, Some(Stage::Fetching), true)),
            "fetching"
        );
        let record = public_job_record(&job(JobStatus::Processing, Some(Stage::Fetching), true));
        assert_eq!(record["progress"]["pages_fetched"], 3);
        assert_eq!(record["progress"]["pages_skipped"]["robots"], 0);
    }
}
