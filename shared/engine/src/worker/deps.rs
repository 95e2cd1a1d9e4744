//! What the worker runs with: its settings and its ports.

use std::sync::Arc;
use std::time::Duration;

use crate::announce::Announcer;
use crate::clock::Clock;
use crate::domain::NetworkPolicy;
use crate::events::JobEvents;
use crate::metrics::Metrics;
use crate::pipeline::Pipeline;
use crate::queue::Redelivery;
use crate::store::{JobStore, WorkspaceStore};
use crate::webhooks::WebhookSender;
use agent_builder_core::time::{Deadline, UnixMillis};

#[derive(Debug, Clone)]
pub struct WorkerSettings {
    /// The queue's `maxReceiveCount`: the delivery on which a failing job is ended for good.
    pub max_receive_count: u32,
    pub network_policy: NetworkPolicy,
    /// Messages of one batch processed at once.
    pub concurrency: usize,
    /// Time kept back from the invocation deadline to record the outcome.
    pub finish_margin: Duration,
    /// Time kept back from the crawl for generating the agent.
    pub generation_reserve: Duration,
    /// The invocation's length when Lambda gives no usable deadline (`cargo lambda watch`
    /// sends one in 1970): the function's timeout in `template.yaml`.
    pub unknown_deadline_budget: Duration,
    /// How long a message that failed in a way worth retrying waits before its next delivery:
    /// the first entry after the first receive, the second after the second, the last one
    /// after any later receive.
    pub retry_delays: Vec<Duration>,
}

impl Default for WorkerSettings {
    fn default() -> Self {
        Self {
            max_receive_count: 3,
            network_policy: NetworkPolicy::Public,
            concurrency: 4,
            finish_margin: Duration::from_secs(10),
            generation_reserve: Duration::from_secs(15),
            unknown_deadline_budget: Duration::from_secs(180),
            retry_delays: vec![Duration::from_secs(30), Duration::from_secs(120)],
        }
    }
}

impl WorkerSettings {
    /// The wait before the next delivery of a message received `receive_count` times.
    pub fn retry_delay(&self, receive_count: u32) -> Duration {
        let index = (receive_count.max(1) - 1) as usize;
        self.retry_delays
            .get(index)
            .or(self.retry_delays.last())
            .copied()
            .unwrap_or(Duration::from_secs(30))
    }
}

pub struct WorkerDeps {
    pub jobs: Arc<dyn JobStore>,
    pub pipeline: Pipeline,
    pub clock: Arc<dyn Clock>,
    pub metrics: Arc<dyn Metrics>,
    pub events: Arc<dyn JobEvents>,
    pub workspaces: Arc<dyn WorkspaceStore>,
    pub webhooks: Arc<dyn WebhookSender>,
    /// Brings a retried message back after its backoff rather than the visibility timeout.
    pub redelivery: Arc<dyn Redelivery>,
    pub settings: WorkerSettings,
}

impl WorkerDeps {
    /// The deadline of an invocation Lambda says ends at `lambda_deadline_ms` (Unix ms): one
    /// already past as it starts is unknown, and the invocation gets
    /// [`WorkerSettings::unknown_deadline_budget`].
    pub fn deadline(&self, lambda_deadline_ms: u64) -> Deadline {
        Deadline::from_lambda(
            lambda_deadline_ms,
            UnixMillis::now(self.clock.as_ref()),
            self.settings.unknown_deadline_budget,
        )
    }

    pub(super) fn announcer(&self) -> Announcer<'_> {
        Announcer {
            jobs: self.jobs.as_ref(),
            events: self.events.as_ref(),
            workspaces: self.workspaces.as_ref(),
            webhooks: self.webhooks.as_ref(),
            clock: self.clock.as_ref(),
        }
    }
}
