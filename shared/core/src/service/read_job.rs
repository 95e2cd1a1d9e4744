//! Reading a job or an agent for its workspace: another workspace's is indistinguishable from
//! one that does not exist.

use serde_json::Value;

use super::ServiceError;
use crate::domain::{Agent, AgentId, JobId, WorkspaceId};
use crate::job_view::public_job_record;
use crate::store::{AgentStore, JobStore};

pub const JOB_NOT_FOUND: &str = "Job not found";
pub const AGENT_NOT_FOUND: &str = "Agent not found";

/// The job as its workspace sees it ([`public_job_record`]).
pub async fn read_job(
    jobs: &dyn JobStore,
    workspace: &WorkspaceId,
    job_id: JobId,
) -> Result<Value, ServiceError> {
    let job = jobs
        .get_job(job_id)
        .await?
        .filter(|job| &job.workspace_id == workspace)
        .ok_or(ServiceError::NotFound(JOB_NOT_FOUND))?;
    Ok(public_job_record(&job))
}

/// An agent of the caller's workspace.
pub async fn read_agent(
    agents: &dyn AgentStore,
    workspace: &WorkspaceId,
    agent_id: AgentId,
) -> Result<Agent, ServiceError> {
    agents
        .get_agent(agent_id)
        .await?
        .filter(|agent| &agent.workspace_id == workspace)
        .ok_or(ServiceError::NotFound(AGENT_NOT_FOUND))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{AgentConfig, Job, UtcDay};
    use crate::store::memory::MemoryStore;
    use crate::time::UnixMillis;
    use time::OffsetDateTime;

    fn ws(name: &str) -> WorkspaceId {
        WorkspaceId::parse(name).unwrap()
    }

    #[tokio::test]
    async fn a_job_is_read_by_its_own_workspace_only() {
        let store = MemoryStore::new();
        let now = OffsetDateTime::now_utc();
        let job = Job::new_queued(
            JobId::new(),
            ws("owner"),
            None,
            Some("Take bookings".into()),
            now,
            30,
        );
        store
            .create_job(&job, UtcDay::containing(now), 5, None)
            .await
            .unwrap();

        let view = read_job(&store, &ws("owner"), job.job_id).await.unwrap();
        assert_eq!(view["job_id"], job.job_id.to_string());
        assert_eq!(view["status"], "queued");

        for (workspace, job_id) in [(ws("other"), job.job_id), (ws("owner"), JobId::new())] {
            let err = read_job(&store, &workspace, job_id).await.unwrap_err();
            assert!(
                matches!(err, ServiceError::NotFound(JOB_NOT_FOUND)),
                "{err:?}"
            );
            assert_eq!(err.http_status(), 404);
        }
    }

    #[tokio::test]
    async fn an_agent_is_read_by_its_own_workspace_only() {
        let store = MemoryStore::new();
        let now = OffsetDateTime::now_utc();
        let job = Job::new_queued(JobId::new(), ws("owner"), None, None, now, 30);
        store
            .create_job(&job, UtcDay::containing(now), 5, None)
            .await
            .unwrap();
        let lease = UnixMillis::from(now + time::Duration::minutes(5));
        store
            .claim_job(job.job_id, now, lease, false)
            .await
            .unwrap();
        let agent = Agent {
            agent_id: job.job_id.agent_id(),
            workspace_id: ws("owner"),
            job_id: job.job_id,
            config: AgentConfig::default(),
            created_at: now,
        };
        store
            .complete_job(job.job_id, 1, &agent, &[], now)
            .await
            .unwrap();
        assert_eq!(
            read_agent(&store, &ws("owner"), agent.agent_id)
                .await
                .unwrap(),
            agent
        );
        let err = read_agent(&store, &ws("other"), agent.agent_id)
            .await
            .unwrap_err();
        assert!(matches!(err, ServiceError::NotFound(AGENT_NOT_FOUND)));
    }
}
