//! The jobs table, and the transactions that tie a job to the quota counter and to its agent.

use async_trait::async_trait;
use aws_sdk_dynamodb::error::SdkError;
use aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError;
use aws_sdk_dynamodb::operation::update_item::UpdateItemError;
use aws_sdk_dynamodb::types::{
    Put, ReturnValue, ReturnValuesOnConditionCheckFailure, TransactWriteItem, Update,
};
use backon::{ExponentialBuilder, Retryable};
use std::time::Duration;
use time::OffsetDateTime;

use super::item::{get_s, get_str_list, get_ts, n, opt_bool, opt_n, opt_s, s, str_list, ts, Item};
use super::{backend, build_error, DynamoJobs};
use crate::domain::idempotency::IdempotencyClaim;
use crate::domain::job::JOB_SCHEMA_VERSION;
use crate::domain::progress::{CrawlProgress, SkippedPages, Stage};
use crate::domain::webhook::{WebhookDelivery, WebhookStatus};
use crate::domain::{
    Agent, AgentId, Job, JobId, JobState, JobStatus, Lease, SiteUrl, UtcDay, WorkspaceId,
};
use crate::store::{ClaimOutcome, JobStore, QuotaUsage, StoreError};
use agent_builder_core::time::UnixMillis;
use aws_sdk_dynamodb::types::AttributeValue;

const CONDITION_FAILED: &str = "ConditionalCheckFailed";
/// The jobs table's sparse index on `lease_expires_at`, which only `processing` jobs carry.
const LEASE_INDEX: &str = "lease_expires_at-index";

pub(super) fn job_to_item(job: &Job) -> Item {
    let mut item = Item::new();
    item.insert("job_id".into(), s(job.job_id.to_string()));
    item.insert("workspace_id".into(), s(job.workspace_id.as_str()));
    item.insert("status".into(), s(job.status().as_str()));
    if let Some(url) = &job.website_url {
        item.insert("website_url".into(), s(url.as_str()));
    }
    if let Some(text) = &job.instructions {
        item.insert("instructions".into(), s(text.as_str()));
    }
    match &job.state {
        JobState::Queued => {}
        JobState::Processing { lease } => {
            item.insert("lease_expires_at".into(), n(lease.expires_at.as_millis()));
            item.insert(
                "last_delivery".into(),
                AttributeValue::Bool(lease.last_delivery),
            );
        }
        JobState::Completed { agent_id } => {
            item.insert("agent_id".into(), s(agent_id.to_string()));
        }
        JobState::Failed { error } => {
            item.insert("error".into(), s(error.as_str()));
        }
    }
    item.insert("created_at".into(), ts(job.created_at));
    item.insert("updated_at".into(), ts(job.updated_at));
    item.insert("attempts".into(), n(job.attempts));
    item.insert("expires_at".into(), n(job.expires_at));
    if let Some(progress) = &job.progress {
        item.insert("progress".into(), progress_to_value(progress));
    }
    if !job.warnings.is_empty() {
        item.insert("warnings".into(), str_list(&job.warnings));
    }
    if let Some(url) = &job.callback_url {
        item.insert("callback_url".into(), s(url.as_str()));
    }
    if let Some(delivery) = &job.webhook {
        item.insert("webhook".into(), webhook_to_value(delivery));
    }
    item.insert("schema_version".into(), n(JOB_SCHEMA_VERSION));
    item
}

fn progress_to_value(p: &CrawlProgress) -> AttributeValue {
    let skipped = &p.pages_skipped;
    AttributeValue::M(Item::from([
        ("stage".to_owned(), s(p.stage.as_str())),
        ("pages_discovered".to_owned(), n(p.pages_discovered)),
        ("pages_fetched".to_owned(), n(p.pages_fetched)),
        ("pages_rendered".to_owned(), n(p.pages_rendered)),
        (
            "pages_skipped".to_owned(),
            AttributeValue::M(Item::from([
                ("robots".to_owned(), n(skipped.robots)),
                ("non_html".to_owned(), n(skipped.non_html)),
                ("error".to_owned(), n(skipped.error)),
                ("budget".to_owned(), n(skipped.budget)),
            ])),
        ),
    ]))
}

fn webhook_to_value(d: &WebhookDelivery) -> AttributeValue {
    let mut map = Item::from([
        ("status".to_owned(), s(d.status.as_str())),
        ("attempts".to_owned(), n(d.attempts)),
    ]);
    if let Some(code) = d.last_response_status {
        map.insert("last_response_status".to_owned(), n(code));
    }
    AttributeValue::M(map)
}

fn webhook_from_value(value: &AttributeValue) -> Result<WebhookDelivery, StoreError> {
    let corrupt = || StoreError::Corrupt("webhook is not a delivery record".into());
    let map = value.as_m().map_err(|_| corrupt())?;
    Ok(WebhookDelivery {
        status: opt_s(map, "status")?
            .and_then(WebhookStatus::parse)
            .ok_or_else(corrupt)?,
        attempts: opt_n(map, "attempts")?.unwrap_or(0),
        last_response_status: opt_n(map, "last_response_status")?,
    })
}

fn progress_from_value(value: &AttributeValue) -> Result<CrawlProgress, StoreError> {
    let corrupt = || StoreError::Corrupt("progress is not a map of counters".into());
    let map = value.as_m().map_err(|_| corrupt())?;
    let skipped = map
        .get("pages_skipped")
        .and_then(|v| v.as_m().ok())
        .ok_or_else(corrupt)?;
    let count = |m: &Item, name: &str| opt_n::<u32>(m, name).map(Option::unwrap_or_default);
    let stage = match map.get("stage") {
        // Records written before stages existed were crawling.
        None => Stage::Fetching,
        Some(AttributeValue::S(text)) => text.parse().map_err(|_| corrupt())?,
        Some(_) => return Err(corrupt()),
    };
    Ok(CrawlProgress {
        stage,
        pages_discovered: count(map, "pages_discovered")?,
        pages_fetched: count(map, "pages_fetched")?,
        // Absent on records written before rendering existed.
        pages_rendered: count(map, "pages_rendered")?,
        pages_skipped: SkippedPages {
            robots: count(skipped, "robots")?,
            non_html: count(skipped, "non_html")?,
            error: count(skipped, "error")?,
            budget: count(skipped, "budget")?,
        },
    })
}

pub(super) fn job_from_item(item: &Item) -> Result<Job, StoreError> {
    let corrupt = |what: &str| StoreError::Corrupt(what.to_owned());
    let url = |name: &str| -> Result<Option<SiteUrl>, StoreError> {
        opt_s(item, name)?
            .map(|raw| {
                SiteUrl::from_stored(raw)
                    .map_err(|e| StoreError::Corrupt(format!("attribute {name:?}: {e}")))
            })
            .transpose()
    };
    let status: JobStatus = get_s(item, "status")?
        .parse()
        .map_err(|e: crate::domain::job::UnknownStatus| corrupt(&e.to_string()))?;
    let state = match status {
        JobStatus::Queued => JobState::Queued,
        JobStatus::Processing => JobState::Processing {
            lease: Lease {
                // A `processing` item without a lease (written by hand or by an older
                // version) has no worker holding it: its lease lapsed long ago.
                expires_at: opt_n(item, "lease_expires_at")?
                    .map_or(UnixMillis::EPOCH, UnixMillis::from_millis),
                last_delivery: opt_bool(item, "last_delivery")?.unwrap_or(false),
            },
        },
        JobStatus::Completed => JobState::Completed {
            agent_id: AgentId::parse(get_s(item, "agent_id")?)
                .ok_or_else(|| corrupt("agent_id is not a UUID"))?,
        },
        JobStatus::Failed => JobState::Failed {
            error: get_s(item, "error")?.to_owned(),
        },
    };
    Ok(Job {
        job_id: JobId::parse(get_s(item, "job_id")?)
            .ok_or_else(|| corrupt("job_id is not a UUID"))?,
        workspace_id: WorkspaceId::parse(get_s(item, "workspace_id")?)
            .map_err(|_| corrupt("workspace_id is invalid"))?,
        state,
        website_url: url("website_url")?,
        instructions: opt_s(item, "instructions")?.map(str::to_owned),
        created_at: get_ts(item, "created_at")?,
        updated_at: get_ts(item, "updated_at")?,
        attempts: opt_n(item, "attempts")?.unwrap_or(0),
        expires_at: opt_n(item, "expires_at")?.unwrap_or(0),
        progress: item.get("progress").map(progress_from_value).transpose()?,
        warnings: get_str_list(item, "warnings")?,
        callback_url: url("callback_url")?,
        webhook: item.get("webhook").map(webhook_from_value).transpose()?,
    })
}

fn job_key(job_id: JobId) -> (String, aws_sdk_dynamodb::types::AttributeValue) {
    ("job_id".to_owned(), s(job_id.to_string()))
}

/// A lapsed lease, as in [`Lease::lapsed`]: it ran out before `:now_ms` (an item without one
/// reads as lapsed).
macro_rules! lapsed {
    () => {
        "(attribute_not_exists(#lease) OR #lease < :now_ms)"
    };
}

/// The domain's transitions as conditions on the stored item: each states what the method of
/// the same name on [`Job`] requires of the job.
mod precondition {
    /// [`Job::claim`](super::Job::claim): `queued`, or `processing` with a lapsed lease.
    pub(super) const CLAIM: &str = concat!(
        "attribute_exists(job_id) AND (#status = :queued OR (#status = :processing AND ",
        lapsed!(),
        "))"
    );
    /// [`Job::complete`](super::Job::complete), [`Job::release`](super::Job::release):
    /// `processing` under the writer's claim.
    pub(super) const HELD: &str = "#status = :processing AND #attempts = :attempt";
    /// [`Job::fail`](super::Job::fail): not ended, and under the writer's claim.
    pub(super) const OPEN: &str = "#status IN (:queued, :processing) AND #attempts = :attempt";
    /// [`Job::expire`](super::Job::expire): under the claim read, and `queued` or `processing`
    /// with a lapsed lease.
    pub(super) const STOPPED: &str = concat!(
        "#attempts = :attempt AND (#status = :queued OR (#status = :processing AND ",
        lapsed!(),
        "))"
    );
    /// [`Job::record_progress`](super::Job::record_progress).
    pub(super) const PROCESSING: &str = "#status = :processing";
    pub(super) const EXISTS: &str = "attribute_exists(job_id)";
}

/// The attribute behind each `#name` the job updates use.
const ATTRIBUTE_NAMES: &[(&str, &str)] = &[
    ("#status", "status"),
    ("#lease", "lease_expires_at"),
    ("#last", "last_delivery"),
    ("#attempts", "attempts"),
    ("#updated", "updated_at"),
    ("#agent", "agent_id"),
    ("#warnings", "warnings"),
    ("#error", "error"),
    ("#progress", "progress"),
    ("#webhook", "webhook"),
];

/// One conditional write to a job item: its `SET`/`REMOVE`/`ADD` clauses, the condition the
/// item must meet (one of [`precondition`]'s), and the values both use. Every change of a job
/// goes through it, alone ([`DynamoJobs::update_job_if`]) or as a transaction's item
/// ([`JobUpdate::transact_item`]); the `#names` and the status words (`:queued`, …) the
/// expressions mention are filled in here.
struct JobUpdate {
    update: &'static str,
    condition: &'static str,
    values: Vec<(&'static str, AttributeValue)>,
}

impl JobUpdate {
    fn new(update: &'static str, condition: &'static str) -> Self {
        Self {
            update,
            condition,
            values: Vec::new(),
        }
    }

    fn value(mut self, name: &'static str, value: AttributeValue) -> Self {
        self.values.push((name, value));
        self
    }

    /// `#name` → attribute for every name the expressions use (DynamoDB refuses unused ones).
    fn names(&self) -> Vec<(&'static str, &'static str)> {
        ATTRIBUTE_NAMES
            .iter()
            .filter(|(name, _)| self.mentions(name))
            .copied()
            .collect()
    }

    /// The explicit values and the status words the expressions use.
    fn all_values(&self) -> Vec<(String, AttributeValue)> {
        let statuses = [
            JobStatus::Queued,
            JobStatus::Processing,
            JobStatus::Completed,
            JobStatus::Failed,
        ];
        let words = statuses.into_iter().filter_map(|status| {
            let name = format!(":{}", status.as_str());
            self.mentions(&name).then(|| (name, s(status.as_str())))
        });
        self.values
            .iter()
            .map(|(name, value)| ((*name).to_owned(), value.clone()))
            .chain(words)
            .collect()
    }

    /// Whether `placeholder` (`#status`, `:queued`) occurs whole in either expression.
    fn mentions(&self, placeholder: &str) -> bool {
        [self.update, self.condition].iter().any(|expr| {
            expr.match_indices(placeholder).any(|(at, _)| {
                !expr[at + placeholder.len()..]
                    .starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
            })
        })
    }

    /// The same write as an item of a transaction.
    fn transact_item(&self, table: &str, job_id: JobId) -> Result<TransactWriteItem, StoreError> {
        let (key, value) = job_key(job_id);
        let mut update = Update::builder()
            .table_name(table)
            .key(key, value)
            .update_expression(self.update)
            .condition_expression(self.condition);
        for (name, attribute) in self.names() {
            update = update.expression_attribute_names(name, attribute);
        }
        for (name, value) in self.all_values() {
            update = update.expression_attribute_values(name, value);
        }
        Ok(TransactWriteItem::builder()
            .update(update.build().map_err(build_error)?)
            .build())
    }

    /// [`Job::claim`].
    fn claim(now: OffsetDateTime, lease_until: UnixMillis, last_delivery: bool) -> Self {
        Self::new(
            "SET #status = :processing, #lease = :lease, #last = :last, #updated = :now ADD #attempts :one",
            precondition::CLAIM,
        )
        .value(":lease", n(lease_until.as_millis()))
        .value(":last", AttributeValue::Bool(last_delivery))
        .value(":now", ts(now))
        .value(":now_ms", n(UnixMillis::from(now).as_millis()))
        .value(":one", n(1))
    }

    /// [`Job::complete`] (the agent is put in the same transaction).
    fn complete(attempt: u32, agent_id: AgentId, warnings: &[String], now: OffsetDateTime) -> Self {
        Self::new(
            "SET #status = :completed, #agent = :agent, #warnings = :warnings, #updated = :now REMOVE #lease",
            // The writer must still hold the claim: a stale worker cannot end a job that a
            // later delivery has taken over.
            precondition::HELD,
        )
        .value(":attempt", n(attempt))
        .value(":agent", s(agent_id.to_string()))
        .value(":warnings", str_list(warnings))
        .value(":now", ts(now))
    }

    /// [`Job::fail`].
    fn fail(attempt: u32, error: &str, now: OffsetDateTime) -> Self {
        Self::new(
            "SET #status = :failed, #error = :error, #updated = :now REMOVE #lease",
            precondition::OPEN,
        )
        .value(":attempt", n(attempt))
        .value(":error", s(error))
        .value(":now", ts(now))
    }

    /// [`Job::release`]: the lease lapsed as of `now`.
    fn release(attempt: u32, now: OffsetDateTime) -> Self {
        let lapsed = UnixMillis::from(now) - std::time::Duration::from_millis(1);
        Self::new("SET #lease = :lapsed, #updated = :now", precondition::HELD)
            .value(":attempt", n(attempt))
            .value(":lapsed", n(lapsed.as_millis()))
            .value(":now", ts(now))
    }

    /// [`Job::expire`] (the quota unit is given back in the same transaction).
    fn expire(attempt: u32, error: &str, now: OffsetDateTime) -> Self {
        Self::new(
            "SET #status = :failed, #error = :error, #updated = :now REMOVE #lease",
            // Nobody claimed it since it was read, and nobody holds it now.
            precondition::STOPPED,
        )
        .value(":attempt", n(attempt))
        .value(":error", s(error))
        .value(":now", ts(now))
        .value(":now_ms", n(UnixMillis::from(now).as_millis()))
    }

    /// [`Job::record_progress`].
    fn progress(progress: &CrawlProgress, now: OffsetDateTime) -> Self {
        Self::new(
            "SET #progress = :progress, #updated = :now",
            precondition::PROCESSING,
        )
        .value(":progress", progress_to_value(progress))
        .value(":now", ts(now))
    }

    fn webhook(delivery: &WebhookDelivery, now: OffsetDateTime) -> Self {
        Self::new(
            "SET #webhook = :webhook, #updated = :now",
            precondition::EXISTS,
        )
        .value(":webhook", webhook_to_value(delivery))
        .value(":now", ts(now))
    }
}

/// What a conditional write found: the item after it, or — its condition failing — the item as
/// it was (`None` when there was none).
enum Written {
    Changed(Option<Item>),
    Refused(Option<Item>),
}

impl DynamoJobs {
    /// Applies `change` to the job when its condition holds; `Conflict` when it does not.
    async fn update_job_if(&self, job_id: JobId, change: JobUpdate) -> Result<(), StoreError> {
        match self.write_job_if(job_id, &change, false).await? {
            Written::Changed(_) => Ok(()),
            Written::Refused(_) => Err(StoreError::Conflict),
        }
    }

    /// The one conditional `update_item` on a job; `returning`: with the item after the write,
    /// or as it was when the condition failed.
    async fn write_job_if(
        &self,
        job_id: JobId,
        change: &JobUpdate,
        returning: bool,
    ) -> Result<Written, StoreError> {
        let (key, value) = job_key(job_id);
        let mut request = self
            .client
            .update_item()
            .table_name(&self.tables.jobs)
            .key(key, value)
            .update_expression(change.update)
            .condition_expression(change.condition);
        for (name, attribute) in change.names() {
            request = request.expression_attribute_names(name, attribute);
        }
        for (name, value) in change.all_values() {
            request = request.expression_attribute_values(name, value);
        }
        if returning {
            request = request
                .return_values(ReturnValue::AllNew)
                .return_values_on_condition_check_failure(
                    ReturnValuesOnConditionCheckFailure::AllOld,
                );
        }
        match request.send().await {
            Ok(out) => Ok(Written::Changed(out.attributes)),
            Err(SdkError::ServiceError(service))
                if matches!(
                    service.err(),
                    UpdateItemError::ConditionalCheckFailedException(_)
                ) =>
            {
                let UpdateItemError::ConditionalCheckFailedException(failed) = service.into_err()
                else {
                    unreachable!("matched above")
                };
                Ok(Written::Refused(failed.item))
            }
            Err(e) => Err(backend(e)),
        }
    }

    /// `steps` in one transaction, retried while it collides with another; a step's condition
    /// failing is what `on_condition(index)` says.
    async fn transact(
        &self,
        steps: Vec<TransactWriteItem>,
        on_condition: impl Fn(usize) -> StoreError,
    ) -> Result<(), StoreError> {
        let attempt = || async {
            self.client
                .transact_write_items()
                .set_transact_items(Some(steps.clone()))
                .send()
                .await
                .map_err(|e| transaction_error(e, &on_condition))
        };
        attempt
            .retry(conflict_backoff())
            .when(|e| matches!(e, StoreError::Contention))
            .await?;
        Ok(())
    }
}

/// Contention on one counter item surfaces as `TransactionConflict`; a short jittered backoff
/// lets every contender through in turn. (Throttling and 5xx are retried by the SDK itself.)
fn conflict_backoff() -> ExponentialBuilder {
    ExponentialBuilder::default()
        .with_min_delay(Duration::from_millis(10))
        .with_max_delay(Duration::from_millis(400))
        .with_max_times(10)
        .with_jitter()
}

fn cancellation_codes(
    err: &SdkError<TransactWriteItemsError, aws_sdk_dynamodb::config::http::HttpResponse>,
) -> Option<Vec<String>> {
    match err {
        SdkError::ServiceError(service) => match service.err() {
            TransactWriteItemsError::TransactionCanceledException(cancelled) => Some(
                cancelled
                    .cancellation_reasons()
                    .iter()
                    .map(|r| r.code().unwrap_or("None").to_owned())
                    .collect(),
            ),
            _ => None,
        },
        _ => None,
    }
}

/// Maps a cancelled transaction: `on_condition(i)` says what item `i` failing its condition
/// means; a conflict with another transaction is retryable.
fn transaction_error(
    err: SdkError<TransactWriteItemsError, aws_sdk_dynamodb::config::http::HttpResponse>,
    on_condition: impl Fn(usize) -> StoreError,
) -> StoreError {
    if let Some(codes) = cancellation_codes(&err) {
        if let Some(index) = codes.iter().position(|c| c == CONDITION_FAILED) {
            return on_condition(index);
        }
        if codes.iter().any(|c| c == "TransactionConflict") {
            return StoreError::Contention;
        }
        if codes.iter().any(|c| c == "ThrottlingError") {
            return StoreError::Backend {
                source: Box::new(err),
                retryable: true,
            };
        }
    }
    backend(err)
}

#[async_trait]
impl JobStore for DynamoJobs {
    async fn create_job(
        &self,
        job: &Job,
        day: UtcDay,
        limit: u32,
        idempotency: Option<&IdempotencyClaim>,
    ) -> Result<QuotaUsage, StoreError> {
        // Order matters: a replayed key is reported before a full quota (index 0 fails first).
        // Each step with what its condition failing means.
        let mut steps: Vec<(TransactWriteItem, fn() -> StoreError)> = Vec::new();
        if let Some(claim) = idempotency {
            let put = super::idempotency::claim_put(
                self.tables.idempotency()?,
                claim,
                job.job_id,
                job.created_at,
            )?;
            steps.push((TransactWriteItem::builder().put(put).build(), || {
                StoreError::DuplicateRequest
            }));
        }
        let take_quota =
            super::quota::take_unit(self.tables.quota()?, &job.workspace_id, day, limit)?;
        steps.push((
            TransactWriteItem::builder().update(take_quota).build(),
            || StoreError::QuotaExceeded,
        ));
        let put_job = Put::builder()
            .table_name(&self.tables.jobs)
            .set_item(Some(job_to_item(job)))
            .condition_expression("attribute_not_exists(job_id)")
            .build()
            .map_err(build_error)?;
        steps.push((TransactWriteItem::builder().put(put_job).build(), || {
            StoreError::Conflict
        }));
        let items: Vec<TransactWriteItem> = steps.iter().map(|(item, _)| item.clone()).collect();
        let attempt = || async {
            self.client
                .transact_write_items()
                .set_transact_items(Some(items.clone()))
                .send()
                .await
                .map_err(|e| {
                    transaction_error(e, |index| {
                        steps
                            .get(index)
                            .map_or(StoreError::Conflict, |(_, on_fail)| on_fail())
                    })
                })
        };
        attempt
            .retry(conflict_backoff())
            .when(|e| matches!(e, StoreError::Contention))
            .await?;
        let used =
            super::quota::read_used(&self.client, self.tables.quota()?, &job.workspace_id, day)
                .await?;
        Ok(QuotaUsage {
            used: used.max(1).min(limit),
            limit,
        })
    }

    async fn get_job(&self, job_id: JobId) -> Result<Option<Job>, StoreError> {
        let out = self
            .client
            .get_item()
            .table_name(&self.tables.jobs)
            .key("job_id", s(job_id.to_string()))
            .consistent_read(true)
            .send()
            .await
            .map_err(backend)?;
        out.item().map(job_from_item).transpose()
    }

    async fn claim_job(
        &self,
        job_id: JobId,
        now: OffsetDateTime,
        lease_until: UnixMillis,
        last_delivery: bool,
    ) -> Result<ClaimOutcome, StoreError> {
        let change = JobUpdate::claim(now, lease_until, last_delivery);
        match self.write_job_if(job_id, &change, true).await? {
            Written::Changed(item) => {
                let item =
                    item.ok_or_else(|| StoreError::Corrupt("claim returned no attributes".into()))?;
                Ok(ClaimOutcome::Claimed(Box::new(job_from_item(&item)?)))
            }
            Written::Refused(None) => Ok(ClaimOutcome::NotFound),
            // Why the job as stored refuses the claim, in the domain's words.
            Written::Refused(Some(old)) => {
                match ClaimOutcome::of(job_from_item(&old)?.claim(now, lease_until, last_delivery))
                {
                    // The condition and the domain disagree: only a concurrent change explains it.
                    ClaimOutcome::Claimed(_) => Err(StoreError::Conflict),
                    refused => Ok(refused),
                }
            }
        }
    }

    async fn complete_job(
        &self,
        job_id: JobId,
        attempt: u32,
        agent: &Agent,
        warnings: &[String],
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let put_agent = Put::builder()
            .table_name(self.tables.agents()?)
            .set_item(Some(super::agents::agent_to_item(agent)))
            .condition_expression("attribute_not_exists(agent_id)")
            .build()
            .map_err(build_error)?;
        let mark_completed = JobUpdate::complete(attempt, agent.agent_id, warnings, now)
            .transact_item(&self.tables.jobs, job_id)?;
        self.transact(
            vec![
                TransactWriteItem::builder().put(put_agent).build(),
                mark_completed,
            ],
            |_| StoreError::Conflict,
        )
        .await
    }

    async fn update_progress(
        &self,
        job_id: JobId,
        progress: &CrawlProgress,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        self.update_job_if(job_id, JobUpdate::progress(progress, now))
            .await
    }

    async fn record_webhook(
        &self,
        job_id: JobId,
        delivery: &WebhookDelivery,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        self.update_job_if(job_id, JobUpdate::webhook(delivery, now))
            .await
    }

    async fn fail_job(
        &self,
        job_id: JobId,
        attempt: u32,
        error: &str,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        self.update_job_if(job_id, JobUpdate::fail(attempt, error, now))
            .await
    }

    async fn release_job(
        &self,
        job_id: JobId,
        attempt: u32,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        self.update_job_if(job_id, JobUpdate::release(attempt, now))
            .await
    }

    async fn abandon_job(
        &self,
        job: &Job,
        error: &str,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let end_job = JobUpdate::expire(job.attempts, error, now)
            .transact_item(&self.tables.jobs, job.job_id)?;
        let day = UtcDay::containing(job.created_at);
        let give_back = super::quota::give_back_unit(self.tables.quota()?, &job.workspace_id, day)?;
        let with_quota = self
            .transact(
                vec![
                    end_job.clone(),
                    TransactWriteItem::builder().update(give_back).build(),
                ],
                |index| {
                    if index == 0 {
                        StoreError::Conflict
                    } else {
                        StoreError::QuotaExceeded
                    }
                },
            )
            .await;
        match with_quota {
            // The day's counter is already at zero or gone (expired): nothing to give back,
            // and the job must still end.
            Err(StoreError::QuotaExceeded) => {
                self.transact(vec![end_job], |_| StoreError::Conflict).await
            }
            other => other,
        }
    }

    async fn expired_leases(
        &self,
        now: OffsetDateTime,
        limit: usize,
    ) -> Result<Vec<JobId>, StoreError> {
        // The index holds only jobs with a lease (those `processing`): a handful of items,
        // however many jobs the table keeps, so a scan of it is cheap.
        let mut found = Vec::new();
        let mut start = None;
        loop {
            let out = self
                .client
                .scan()
                .table_name(&self.tables.jobs)
                .index_name(LEASE_INDEX)
                .filter_expression("#lease < :now_ms")
                .expression_attribute_names("#lease", "lease_expires_at")
                .expression_attribute_values(":now_ms", n(UnixMillis::from(now).as_millis()))
                .set_exclusive_start_key(start)
                .send()
                .await
                .map_err(backend)?;
            for item in out.items() {
                if let Some(id) = item
                    .get("job_id")
                    .and_then(|v| v.as_s().ok())
                    .and_then(|v| JobId::parse(v))
                {
                    found.push(id);
                }
                if found.len() >= limit {
                    return Ok(found);
                }
            }
            start = out.last_evaluated_key().cloned();
            if start.is_none() {
                return Ok(found);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::NetworkPolicy;
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2026-11-29 12:00:00 UTC);

    fn queued() -> Job {
        Job {
            callback_url: Some(
                SiteUrl::parse("https://hooks.example.com/in", NetworkPolicy::Public).unwrap(),
            ),
            ..Job::new_queued(
                JobId::new(),
                WorkspaceId::parse("ws").unwrap(),
                Some(SiteUrl::parse("example.com/about", NetworkPolicy::Public).unwrap()),
                Some("Be brief".into()),
                NOW,
                30,
            )
        }
    }

    #[test]
    fn every_state_reads_back_as_written() {
        let job = queued();
        let claimed = job
            .claim(NOW, UnixMillis::from(NOW) + Duration::from_secs(60), true)
            .unwrap();
        let done = claimed
            .complete(1, job.job_id.agent_id(), &["A warning.".to_owned()], NOW)
            .unwrap();
        let failed = claimed.fail(1, "The site could not be read.", NOW).unwrap();
        for state in [job, claimed, done, failed] {
            assert_eq!(job_from_item(&job_to_item(&state)).unwrap(), state);
        }
    }

    #[test]
    fn a_stored_url_that_does_not_parse_is_corrupt() {
        for (name, raw) in [
            ("website_url", "not a url"),
            ("callback_url", "ftp://example.com/"),
            ("website_url", "https://user:pw@example.com/"),
        ] {
            let mut item = job_to_item(&queued());
            item.insert(name.into(), s(raw));
            let err = job_from_item(&item).unwrap_err();
            assert!(
                matches!(&err, StoreError::Corrupt(what) if what.contains(name)),
                "{name}={raw}: {err:?}"
            );
        }
    }

    #[test]
    fn a_state_missing_what_it_must_have_is_corrupt_but_a_leaseless_processing_job_is_lapsed() {
        let mut completed = job_to_item(&queued());
        completed.insert("status".into(), s("completed"));
        assert!(matches!(
            job_from_item(&completed),
            Err(StoreError::Corrupt(_))
        ));
        let mut failed = job_to_item(&queued());
        failed.insert("status".into(), s("failed"));
        assert!(matches!(
            job_from_item(&failed),
            Err(StoreError::Corrupt(_))
        ));

        // Written by hand or by an older version: nobody holds it.
        let mut processing = job_to_item(&queued());
        processing.insert("status".into(), s("processing"));
        processing.insert("attempts".into(), n(1));
        let job = job_from_item(&processing).unwrap();
        assert_eq!(job.lease_expires_at(), Some(UnixMillis::EPOCH));
        assert!(job.claim(NOW, UnixMillis::from(NOW), false).is_ok());
    }

    #[test]
    fn an_update_names_exactly_the_attributes_and_status_words_it_uses() {
        let claim = JobUpdate::claim(NOW, UnixMillis::from(NOW), false);
        let names: Vec<&str> = claim.names().iter().map(|(n, _)| *n).collect();
        assert_eq!(
            names,
            vec!["#status", "#lease", "#last", "#attempts", "#updated"]
        );
        let values: Vec<String> = claim.all_values().into_iter().map(|(n, _)| n).collect();
        for word in [":queued", ":processing", ":lease", ":now_ms"] {
            assert!(values.iter().any(|v| v == word), "{word}: {values:?}");
        }
        assert!(!values.iter().any(|v| v == ":failed"));

        let fail = JobUpdate::fail(1, "x", NOW);
        let names: Vec<&str> = fail.names().iter().map(|(n, _)| *n).collect();
        assert_eq!(
            names,
            vec!["#status", "#lease", "#attempts", "#updated", "#error"]
        );
        // `#last` is not taken for a prefix of a longer name.
        let update = JobUpdate::new("SET #lastly = :x", precondition::EXISTS);
        assert!(!update.mentions("#last"));
    }
}
