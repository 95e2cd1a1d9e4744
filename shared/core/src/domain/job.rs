//! A build job and its lifecycle: queued → processing → completed | failed.
//!
//! [`JobState`] holds what each state has (the lease only while processing, the agent only
//! once completed, the error only once failed), and the transitions ([`Job::claim`],
//! [`Job::complete`], [`Job::fail`], [`Job::release`], [`Job::expire`]) state when each is
//! allowed. Both stores apply them: the in-memory one by calling them, the DynamoDB one as
//! conditional writes with the same preconditions (`agent_builder_aws::dynamodb::jobs`).

use std::fmt;
use std::str::FromStr;
use time::OffsetDateTime;

use super::progress::CrawlProgress;
use super::webhook::WebhookDelivery;
use super::{AgentId, JobId, SiteUrl, WorkspaceId};
use crate::time::UnixMillis;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobStatus {
    Queued,
    Processing,
    Completed,
    Failed,
}

impl JobStatus {
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Queued => "queued",
            Self::Processing => "processing",
            Self::Completed => "completed",
            Self::Failed => "failed",
        }
    }

    pub fn is_terminal(&self) -> bool {
        matches!(self, Self::Completed | Self::Failed)
    }
}

impl fmt::Display for JobStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for JobStatus {
    type Err = UnknownStatus;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "queued" => Self::Queued,
            "processing" => Self::Processing,
            "completed" => Self::Completed,
            "failed" => Self::Failed,
            _ => return Err(UnknownStatus(s.to_owned())),
        })
    }
}

#[derive(Debug, thiserror::Error)]
#[error("unknown job status {0:?}")]
pub struct UnknownStatus(pub String);

/// Version of the stored job record's shape; bumped when attribute meanings change.
pub const JOB_SCHEMA_VERSION: u32 = 1;

/// A worker's hold on a `processing` job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lease {
    /// When the claim lapses. The lease is live up to and including this instant.
    pub expires_at: UnixMillis,
    /// Whether the claim came on the message's last delivery (`maxReceiveCount`): when the
    /// lease runs out, no delivery is left to finish the job.
    pub last_delivery: bool,
}

impl Lease {
    /// Whether the lease ran out before `now` (so another delivery may take the job over).
    pub fn lapsed(&self, now: UnixMillis) -> bool {
        self.expires_at < now
    }
}

/// Where a job is in its life, with what that state has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobState {
    Queued,
    Processing {
        lease: Lease,
    },
    Completed {
        agent_id: AgentId,
    },
    /// `error` is a sentence for the caller.
    Failed {
        error: String,
    },
}

impl JobState {
    /// The state's word on the wire and in the table.
    pub fn status(&self) -> JobStatus {
        match self {
            Self::Queued => JobStatus::Queued,
            Self::Processing { .. } => JobStatus::Processing,
            Self::Completed { .. } => JobStatus::Completed,
            Self::Failed { .. } => JobStatus::Failed,
        }
    }
}

/// Why a transition is not allowed from the job's current state.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransitionRefused {
    /// The job already ended.
    #[error("the job already ended {0}")]
    Ended(JobStatus),
    /// Another worker holds a live lease, until this instant.
    #[error("another worker holds the job until {0}")]
    Busy(UnixMillis),
    /// The writer's claim is not the job's current one, or the job is not in the state the
    /// change needs.
    #[error("the job is {status} under claim {attempts}, not in the state the change needs")]
    NotHeld { status: JobStatus, attempts: u32 },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Job {
    pub job_id: JobId,
    pub workspace_id: WorkspaceId,
    pub state: JobState,
    /// As submitted (after trimming and scheme defaulting).
    pub website_url: Option<SiteUrl>,
    pub instructions: Option<String>,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
    /// How many times a worker has claimed the job.
    pub attempts: u32,
    /// When DynamoDB's TTL may delete the record (Unix seconds).
    pub expires_at: i64,
    /// Crawl counters, updated while the job runs.
    pub progress: Option<CrawlProgress>,
    /// Things the caller should know about a completed job (e.g. the site could not be read
    /// and the agent was built from the instructions alone).
    pub warnings: Vec<String>,
    /// Where the finished job's record is POSTed (validated like `website_url`).
    pub callback_url: Option<SiteUrl>,
    /// How that delivery went, once attempted.
    pub webhook: Option<WebhookDelivery>,
}

impl Job {
    pub fn new_queued(
        job_id: JobId,
        workspace_id: WorkspaceId,
        website_url: Option<SiteUrl>,
        instructions: Option<String>,
        now: OffsetDateTime,
        ttl_days: u32,
    ) -> Self {
        Self {
            job_id,
            workspace_id,
            state: JobState::Queued,
            website_url,
            instructions,
            created_at: now,
            updated_at: now,
            attempts: 0,
            expires_at: (now + time::Duration::days(i64::from(ttl_days))).unix_timestamp(),
            progress: None,
            warnings: Vec::new(),
            callback_url: None,
            webhook: None,
        }
    }

    pub fn status(&self) -> JobStatus {
        self.state.status()
    }

    /// The agent, once completed.
    pub fn agent_id(&self) -> Option<AgentId> {
        match &self.state {
            JobState::Completed { agent_id } => Some(*agent_id),
            _ => None,
        }
    }

    /// The sentence for the caller, once failed.
    pub fn error(&self) -> Option<&str> {
        match &self.state {
            JobState::Failed { error } => Some(error),
            _ => None,
        }
    }

    /// The current worker's lease, while processing.
    pub fn lease(&self) -> Option<&Lease> {
        match &self.state {
            JobState::Processing { lease } => Some(lease),
            _ => None,
        }
    }

    /// When the current worker's claim lapses, while processing.
    pub fn lease_expires_at(&self) -> Option<UnixMillis> {
        self.lease().map(|l| l.expires_at)
    }

    /// Whether the current claim came on the message's last delivery (false unless
    /// processing).
    pub fn last_delivery(&self) -> bool {
        self.lease().is_some_and(|l| l.last_delivery)
    }

    /// A worker takes the job: `queued`, or `processing` with a lease that lapsed before `now`,
    /// becomes `processing` under a new claim (`attempts` + 1) with a lease until
    /// `lease_until`. `Ended` once completed or failed, `Busy` while another lease lives.
    pub fn claim(
        &self,
        now: OffsetDateTime,
        lease_until: UnixMillis,
        last_delivery: bool,
    ) -> Result<Job, TransitionRefused> {
        match &self.state {
            JobState::Queued => {}
            JobState::Processing { lease } if lease.lapsed(UnixMillis::from(now)) => {}
            JobState::Processing { lease } => {
                return Err(TransitionRefused::Busy(lease.expires_at))
            }
            JobState::Completed { .. } | JobState::Failed { .. } => {
                return Err(TransitionRefused::Ended(self.status()))
            }
        }
        Ok(Job {
            state: JobState::Processing {
                lease: Lease {
                    expires_at: lease_until,
                    last_delivery,
                },
            },
            attempts: self.attempts + 1,
            updated_at: now,
            ..self.clone()
        })
    }

    /// The worker holding claim `attempt` stores the agent: `processing` under that claim
    /// becomes `completed` with the agent and the warnings for the caller.
    pub fn complete(
        &self,
        attempt: u32,
        agent_id: AgentId,
        warnings: &[String],
        now: OffsetDateTime,
    ) -> Result<Job, TransitionRefused> {
        self.held_by(attempt)?;
        Ok(Job {
            state: JobState::Completed { agent_id },
            warnings: warnings.to_vec(),
            updated_at: now,
            ..self.clone()
        })
    }

    /// The writer of claim `attempt` (0: the job was never claimed) ends the job `failed`
    /// with a sentence for the caller: allowed while `queued` or `processing` under that claim.
    pub fn fail(
        &self,
        attempt: u32,
        error: &str,
        now: OffsetDateTime,
    ) -> Result<Job, TransitionRefused> {
        match &self.state {
            JobState::Completed { .. } | JobState::Failed { .. } => {
                return Err(TransitionRefused::Ended(self.status()))
            }
            _ if self.attempts != attempt => return Err(self.not_held()),
            _ => {}
        }
        Ok(self.failed(error, now))
    }

    /// The worker holding claim `attempt` gives its lease up at once (the job stays
    /// `processing`; the lease lapsed as of `now`), so the next delivery need not wait for it.
    pub fn release(&self, attempt: u32, now: OffsetDateTime) -> Result<Job, TransitionRefused> {
        let lease = self.held_by(attempt)?;
        Ok(Job {
            state: JobState::Processing {
                lease: Lease {
                    expires_at: UnixMillis::from(now) - std::time::Duration::from_millis(1),
                    ..lease
                },
            },
            updated_at: now,
            ..self.clone()
        })
    }

    /// The reaper ends a job whose worker stopped for good: still under claim `attempt` (as
    /// the reaper read it), and `queued` or `processing` with its lease lapsed before `now`,
    /// it becomes `failed` with `error`.
    pub fn expire(
        &self,
        attempt: u32,
        error: &str,
        now: OffsetDateTime,
    ) -> Result<Job, TransitionRefused> {
        match &self.state {
            JobState::Completed { .. } | JobState::Failed { .. } => {
                return Err(TransitionRefused::Ended(self.status()))
            }
            JobState::Processing { lease } if !lease.lapsed(UnixMillis::from(now)) => {
                return Err(TransitionRefused::Busy(lease.expires_at))
            }
            _ if self.attempts != attempt => return Err(self.not_held()),
            _ => {}
        }
        Ok(self.failed(error, now))
    }

    /// Crawl progress is recorded only while `processing`.
    pub fn record_progress(
        &self,
        progress: CrawlProgress,
        now: OffsetDateTime,
    ) -> Result<Job, TransitionRefused> {
        if !matches!(self.state, JobState::Processing { .. }) {
            return Err(self.not_held());
        }
        Ok(Job {
            progress: Some(progress),
            updated_at: now,
            ..self.clone()
        })
    }

    fn failed(&self, error: &str, now: OffsetDateTime) -> Job {
        Job {
            state: JobState::Failed {
                error: error.to_owned(),
            },
            updated_at: now,
            ..self.clone()
        }
    }

    /// The lease of claim `attempt`, when the job is `processing` under it.
    fn held_by(&self, attempt: u32) -> Result<Lease, TransitionRefused> {
        match &self.state {
            JobState::Processing { lease } if self.attempts == attempt => Ok(*lease),
            _ => Err(self.not_held()),
        }
    }

    fn not_held(&self) -> TransitionRefused {
        TransitionRefused::NotHeld {
            status: self.status(),
            attempts: self.attempts,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::NetworkPolicy;
    use std::time::Duration;
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2026-11-29 12:00:00 UTC);

    fn now_ms() -> UnixMillis {
        UnixMillis::from(NOW)
    }

    fn queued() -> Job {
        Job::new_queued(
            JobId::new(),
            WorkspaceId::parse("ws").unwrap(),
            Some(SiteUrl::parse("example.com", NetworkPolicy::Public).unwrap()),
            None,
            NOW - time::Duration::minutes(5),
            30,
        )
    }

    fn claimed(lease_until: UnixMillis) -> Job {
        queued().claim(NOW, lease_until, false).unwrap()
    }

    #[test]
    fn a_queued_job_is_claimed_under_a_new_lease() {
        let lease = now_ms() + Duration::from_secs(60);
        let job = queued().claim(NOW, lease, true).unwrap();
        assert_eq!(job.status(), JobStatus::Processing);
        assert_eq!(job.attempts, 1);
        assert_eq!(job.lease_expires_at(), Some(lease));
        assert!(job.last_delivery());
        assert_eq!(job.updated_at, NOW);
        assert_eq!((job.agent_id(), job.error()), (None, None));
    }

    #[test]
    fn a_live_lease_makes_a_claim_busy_and_a_lapsed_one_lets_it_through() {
        let lease = now_ms() + Duration::from_secs(60);
        let held = claimed(lease);
        assert_eq!(
            held.claim(NOW, lease, false),
            Err(TransitionRefused::Busy(lease))
        );
        // Live up to and including its last millisecond.
        let at_end =
            OffsetDateTime::from_unix_timestamp_nanos(i128::from(lease.as_millis()) * 1_000_000)
                .unwrap();
        assert!(held.claim(at_end, lease, false).is_err());
        let after = at_end + time::Duration::milliseconds(1);
        let taken = held
            .claim(after, lease + Duration::from_secs(60), false)
            .unwrap();
        assert_eq!(taken.attempts, 2);
        assert!(!taken.last_delivery());
    }

    #[test]
    fn an_ended_job_is_never_claimed_again() {
        let job = claimed(now_ms() + Duration::from_secs(60));
        let done = job.complete(1, job.job_id.agent_id(), &[], NOW).unwrap();
        assert_eq!(
            done.claim(NOW, now_ms(), false),
            Err(TransitionRefused::Ended(JobStatus::Completed))
        );
        let failed = job.fail(1, "No.", NOW).unwrap();
        assert_eq!(
            failed.claim(NOW, now_ms(), false),
            Err(TransitionRefused::Ended(JobStatus::Failed))
        );
    }

    #[test]
    fn only_the_current_claim_completes_and_the_agent_comes_with_it() {
        let job = claimed(now_ms() + Duration::from_secs(60));
        let agent = job.job_id.agent_id();
        assert!(matches!(
            job.complete(0, agent, &[], NOW),
            Err(TransitionRefused::NotHeld { .. })
        ));
        assert!(queued().complete(0, agent, &[], NOW).is_err());
        let warnings = vec!["Only the home page was read.".to_owned()];
        let done = job.complete(1, agent, &warnings, NOW).unwrap();
        assert_eq!(done.state, JobState::Completed { agent_id: agent });
        assert_eq!(done.agent_id(), Some(agent));
        assert_eq!(done.warnings, warnings);
        assert_eq!(done.lease(), None);
        assert!(done.complete(1, agent, &[], NOW).is_err());
    }

    #[test]
    fn failing_needs_the_current_claim_or_a_job_never_claimed() {
        let never = queued();
        let failed = never.fail(0, "Not queued.", NOW).unwrap();
        assert_eq!(failed.error(), Some("Not queued."));
        assert_eq!(failed.status(), JobStatus::Failed);
        assert!(never.fail(1, "x", NOW).is_err());

        let job = claimed(now_ms() + Duration::from_secs(60));
        assert!(job.fail(0, "stale", NOW).is_err());
        let failed = job.fail(1, "The site could not be read.", NOW).unwrap();
        assert_eq!(failed.error(), Some("The site could not be read."));
        assert_eq!(failed.lease(), None);
        assert_eq!(
            failed.fail(1, "again", NOW),
            Err(TransitionRefused::Ended(JobStatus::Failed))
        );
    }

    #[test]
    fn a_released_lease_has_lapsed_at_once() {
        let job = queued()
            .claim(NOW, now_ms() + Duration::from_secs(60), true)
            .unwrap();
        assert!(job.release(0, NOW).is_err());
        let released = job.release(1, NOW).unwrap();
        assert_eq!(released.status(), JobStatus::Processing);
        assert!(released.lease().unwrap().lapsed(now_ms()));
        assert!(released.last_delivery(), "the delivery it came on is kept");
        assert_eq!(released.attempts, 1);
        assert!(released.claim(NOW, now_ms(), false).is_ok());
        assert!(queued().release(0, NOW).is_err());
    }

    #[test]
    fn expiring_needs_a_stopped_job_under_the_claim_that_was_read() {
        // Never claimed: it may expire (its message is gone).
        let never = queued();
        assert_eq!(
            never.expire(0, "stopped", NOW).unwrap().error(),
            Some("stopped")
        );
        // A live lease is never expired; a lapsed one is, under the claim read.
        let live = claimed(now_ms() + Duration::from_secs(1));
        assert!(matches!(
            live.expire(1, "stopped", NOW),
            Err(TransitionRefused::Busy(_))
        ));
        let lapsed = claimed(now_ms() - Duration::from_secs(1));
        assert!(matches!(
            lapsed.expire(0, "stopped", NOW),
            Err(TransitionRefused::NotHeld { .. })
        ));
        let ended = lapsed.expire(1, "stopped", NOW).unwrap();
        assert_eq!(ended.status(), JobStatus::Failed);
        assert_eq!(ended.lease(), None);
        assert!(ended.expire(1, "again", NOW).is_err());
    }

    #[test]
    fn progress_is_recorded_only_while_processing() {
        let p = CrawlProgress::default();
        assert!(queued().record_progress(p, NOW).is_err());
        let job = claimed(now_ms() + Duration::from_secs(60));
        assert_eq!(job.record_progress(p, NOW).unwrap().progress, Some(p));
        let done = job.complete(1, job.job_id.agent_id(), &[], NOW).unwrap();
        assert!(done.record_progress(p, NOW).is_err());
    }
}
