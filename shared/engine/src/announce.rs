//! Telling the world a job ended: an EventBridge event, and the caller's webhook when it gave a
//! `callback_url`. Used by the worker and by the reaper alike, so every ending is announced the
//! same way.

use std::time::Duration;

use crate::clock::Clock;
use crate::domain::Job;
use crate::error::error_chain;
use crate::events::{JobEvent, JobEvents};
use crate::store::{JobStore, WorkspaceStore};
use crate::webhooks::WebhookSender;
use agent_builder_core::time::{Deadline, UnixMillis};

pub struct Announcer<'a> {
    pub jobs: &'a dyn JobStore,
    pub events: &'a dyn JobEvents,
    pub workspaces: &'a dyn WorkspaceStore,
    pub webhooks: &'a dyn WebhookSender,
    pub clock: &'a dyn Clock,
}

impl Announcer<'_> {
    /// Neither step can change the outcome, which is already stored: a failed publish is
    /// logged (the jobs stream carries it durably) and a webhook's fate is recorded on the job.
    pub async fn announce(&self, job: &Job, deadline: Deadline) {
        if let Some(event) = JobEvent::for_job(job) {
            if let Err(err) = self.events.publish(&event).await {
                tracing::warn!(error = %error_chain(&err), "could not publish the job event");
            }
        }
        let Some(url) = &job.callback_url else { return };
        let secret = match self.workspaces.webhook_secret(&job.workspace_id).await {
            Ok(secret) => secret,
            Err(err) => {
                tracing::error!(error = %error_chain(&err), "no webhook secret; webhook not sent");
                return;
            }
        };
        // Two seconds are kept back to record how the delivery went.
        let budget = deadline
            .remaining(UnixMillis::now(self.clock))
            .saturating_sub(Duration::from_secs(2));
        // One id per job outcome: a receiver de-duplicates redeliveries by it.
        let message_id = format!("{}:{}", job.job_id, job.status());
        let body = crate::job_view::public_job_record(job).to_string();
        let delivery = self
            .webhooks
            .deliver(url.as_str(), &secret, &message_id, &body, budget)
            .await;
        tracing::info!(
            status = delivery.status.as_str(),
            attempts = delivery.attempts,
            "webhook delivery"
        );
        if let Err(err) = self
            .jobs
            .record_webhook(job.job_id, &delivery, self.clock.now())
            .await
        {
            tracing::warn!(error = %error_chain(&err), "could not record the webhook delivery");
        }
    }
}
