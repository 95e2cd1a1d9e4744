//! The job as callers see it: one serialisable view shared by the status route, the webhook
//! body and the EventBridge event, so they cannot drift apart.

use serde_json::{json, Map, Value};

use crate::domain::progress::{CrawlProgress, Stage};
use crate::domain::{Job, JobState};

/// The job as callers see it: `agent_id` only once completed, `error` only once failed.
pub fn public_job_record(job: &Job) -> Value {
    let mut data = Map::new();
    data.insert("job_id".into(), json!(job.job_id.to_string()));
    data.insert("status".into(), json!(job.status().as_str()));
    match &job.state {
        JobState::Completed { agent_id } => {
            data.insert("agent_id".into(), json!(agent_id.to_string()));
        }
        JobState::Failed { error } => {
            data.insert("error".into(), json!(error));
        }
        JobState::Queued | JobState::Processing { .. } => {}
    }
    if let Some(url) = &job.website_url {
        data.insert("website_url".into(), json!(url.as_str()));
    }
    if let Some(instructions) = &job.instructions {
        data.insert("instructions".into(), json!(instructions));
    }
    data.insert("progress".into(), json!(progress_view(job)));
    if let Some(url) = &job.callback_url {
        data.insert("callback_url".into(), json!(url.as_str()));
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
    let stage = match job.state {
        JobState::Queued => Stage::Queued,
        JobState::Completed { .. } => Stage::Done,
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
    use crate::domain::{JobId, JobStatus, Lease, NetworkPolicy, SiteUrl, WorkspaceId};
    use crate::time::UnixMillis;

    fn job(status: JobStatus, recorded: Option<Stage>, url: bool) -> Job {
        let mut job = Job::new_queued(
            JobId::new(),
            WorkspaceId::parse("ws").unwrap(),
            url.then(|| SiteUrl::parse("https://example.com/", NetworkPolicy::Public).unwrap()),
            Some("x".to_owned()),
            time::OffsetDateTime::now_utc(),
            30,
        );
        job.state = match status {
            JobStatus::Queued => JobState::Queued,
            JobStatus::Processing => JobState::Processing {
                lease: Lease {
                    expires_at: UnixMillis::from_millis(1),
                    last_delivery: false,
                },
            },
            JobStatus::Completed => JobState::Completed {
                agent_id: job.job_id.agent_id(),
            },
            JobStatus::Failed => JobState::Failed {
                error: "x".to_owned(),
            },
        };
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
