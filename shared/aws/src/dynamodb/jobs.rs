//! The jobs table, and the transactions that tie a job to the quota counter and to its agent.

use async_trait::async_trait;
use aws_sdk_dynamodb::error::SdkError;
use aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError;
use aws_sdk_dynamodb::operation::update_item::UpdateItemError;
use aws_sdk_dynamodb::types::{
    Put, ReturnValue, ReturnValuesOnConditionCheckFailure, TransactWriteItem,
};
use backon::{ExponentialBuilder, Retryable};
use std::time::Duration;
use time::OffsetDateTime;

use super::item::{get_s, get_str_list, get_ts, n, opt_bool, opt_n, opt_s, s, str_list, ts, Item};
use super::{backend, build_error, condition_held, DynamoJobs};
use crate::domain::idempotency::IdempotencyClaim;
use crate::domain::job::JOB_SCHEMA_VERSION;
use crate::domain::progress::{CrawlProgress, SkippedPages, Stage};
use crate::domain::webhook::{WebhookDelivery, WebhookStatus};
use crate::domain::{Agent, AgentId, Job, JobId, JobStatus, UtcDay, WorkspaceId};
use crate::store::{ClaimOutcome, JobStore, QuotaUsage, StoreError};
use aws_sdk_dynamodb::types::AttributeValue;

const CONDITION_FAILED: &str = "ConditionalCheckFailed";
/// The jobs table's sparse index on `lease_expires_at`, which only `processing` jobs carry.
const LEASE_INDEX: &str = "lease_expires_at-index";

pub(super) fn job_to_item(job: &Job) -> Item {
    let mut item = Item::new();
    item.insert("job_id".into(), s(job.job_id.to_string()));
    item.insert("workspace_id".into(), s(job.workspace_id.as_str()));
    item.insert("status".into(), s(job.status.as_str()));
    if let Some(url) = &job.website_url {
        item.insert("website_url".into(), s(url.as_str()));
    }
    if let Some(text) = &job.instructions {
        item.insert("instructions".into(), s(text.as_str()));
    }
    if let Some(agent_id) = job.agent_id {
        item.insert("agent_id".into(), s(agent_id.to_string()));
    }
    if let Some(error) = &job.error {
        item.insert("error".into(), s(error.as_str()));
    }
    item.insert("created_at".into(), ts(job.created_at));
    item.insert("updated_at".into(), ts(job.updated_at));
    item.insert("attempts".into(), n(job.attempts));
    if let Some(lease) = job.lease_expires_at {
        item.insert("lease_expires_at".into(), n(lease));
    }
    if job.attempts > 0 {
        item.insert(
            "last_delivery".into(),
            AttributeValue::Bool(job.last_delivery),
        );
    }
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
    Ok(Job {
        job_id: JobId::parse(get_s(item, "job_id")?)
            .ok_or_else(|| corrupt("job_id is not a UUID"))?,
        workspace_id: WorkspaceId::parse(get_s(item, "workspace_id")?)
            .map_err(|_| corrupt("workspace_id is invalid"))?,
        status: get_s(item, "status")?
            .parse()
            .map_err(|e: crate::domain::job::UnknownStatus| corrupt(&e.to_string()))?,
        website_url: opt_s(item, "website_url")?.map(str::to_owned),
        instructions: opt_s(item, "instructions")?.map(str::to_owned),
        agent_id: opt_s(item, "agent_id")?
            .map(|v| AgentId::parse(v).ok_or_else(|| corrupt("agent_id is not a UUID")))
            .transpose()?,
        error: opt_s(item, "error")?.map(str::to_owned),
        created_at: get_ts(item, "created_at")?,
        updated_at: get_ts(item, "updated_at")?,
        attempts: opt_n(item, "attempts")?.unwrap_or(0),
        lease_expires_at: opt_n(item, "lease_expires_at")?,
        last_delivery: opt_bool(item, "last_delivery")?.unwrap_or(false),
        expires_at: opt_n(item, "expires_at")?.unwrap_or(0),
        progress: item.get("progress").map(progress_from_value).transpose()?,
        warnings: get_str_list(item, "warnings")?,
        callback_url: opt_s(item, "callback_url")?.map(str::to_owned),
        webhook: item.get("webhook").map(webhook_from_value).transpose()?,
    })
}

fn job_key(job_id: JobId) -> (String, aws_sdk_dynamodb::types::AttributeValue) {
    ("job_id".to_owned(), s(job_id.to_string()))
}

/// One conditional write to a job item: its `SET`/`REMOVE` clauses, the condition the item must
/// meet, and the names and values both use. Every single-item transition goes through
/// [`DynamoJobs::update_job_if`]; `Conflict` when the condition does not hold.
struct JobUpdate<'a> {
    update: &'a str,
    condition: &'a str,
    names: &'a [(&'a str, &'a str)],
    values: Vec<(&'a str, AttributeValue)>,
}

impl DynamoJobs {
    async fn update_job_if(&self, job_id: JobId, change: JobUpdate<'_>) -> Result<(), StoreError> {
        let (key, value) = job_key(job_id);
        let mut request = self
            .client
            .update_item()
            .table_name(&self.tables.jobs)
            .key(key, value)
            .update_expression(change.update)
            .condition_expression(change.condition);
        for (name, attribute) in change.names {
            request = request.expression_attribute_names(*name, *attribute);
        }
        for (name, value) in change.values {
            request = request.expression_attribute_values(name, value);
        }
        if condition_held(request.send().await)? {
            Ok(())
        } else {
            Err(StoreError::Conflict)
        }
    }
}

fn unix_ms(at: OffsetDateTime) -> i64 {
    (at.unix_timestamp_nanos() / 1_000_000) as i64
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
        lease_until_ms: i64,
        last_delivery: bool,
    ) -> Result<ClaimOutcome, StoreError> {
        let (key, value) = job_key(job_id);
        let result = self
            .client
            .update_item()
            .table_name(&self.tables.jobs)
            .key(key, value)
            .update_expression("SET #status = :processing, #lease = :lease, #last = :last, #updated = :now ADD #attempts :one")
            .condition_expression(
                "attribute_exists(job_id) AND (#status = :queued OR (#status = :processing AND #lease < :now_ms))",
            )
            .expression_attribute_names("#status", "status")
            .expression_attribute_names("#lease", "lease_expires_at")
            .expression_attribute_names("#updated", "updated_at")
            .expression_attribute_names("#attempts", "attempts")
            .expression_attribute_values(":processing", s(JobStatus::Processing.as_str()))
            .expression_attribute_values(":queued", s(JobStatus::Queued.as_str()))
            .expression_attribute_values(":lease", n(lease_until_ms))
            .expression_attribute_names("#last", "last_delivery")
            .expression_attribute_values(":last", AttributeValue::Bool(last_delivery))
            .expression_attribute_values(":now", ts(now))
            .expression_attribute_values(":now_ms", n(unix_ms(now)))
            .expression_attribute_values(":one", n(1))
            .return_values(ReturnValue::AllNew)
            .return_values_on_condition_check_failure(ReturnValuesOnConditionCheckFailure::AllOld)
            .send()
            .await;
        match result {
            Ok(out) => {
                let item = out
                    .attributes()
                    .ok_or_else(|| StoreError::Corrupt("claim returned no attributes".into()))?;
                Ok(ClaimOutcome::Claimed(Box::new(job_from_item(item)?)))
            }
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
                match failed.item() {
                    None => Ok(ClaimOutcome::NotFound),
                    Some(old) => {
                        let job = job_from_item(old)?;
                        if job.status.is_terminal() {
                            Ok(ClaimOutcome::Finished(job.status))
                        } else {
                            Ok(ClaimOutcome::Busy {
                                lease_expires_at: job.lease_expires_at,
                            })
                        }
                    }
                }
            }
            Err(e) => Err(backend(e)),
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
        let (key, value) = job_key(job_id);
        let mark_completed = aws_sdk_dynamodb::types::Update::builder()
            .table_name(&self.tables.jobs)
            .key(key, value)
            .update_expression(
                "SET #status = :completed, #agent = :agent, #warnings = :warnings, #updated = :now REMOVE #lease",
            )
            // The writer must still hold the claim: a stale worker cannot end a job that a
            // later delivery has taken over.
            .condition_expression("#status = :processing AND #attempts = :attempt")
            .expression_attribute_names("#status", "status")
            .expression_attribute_names("#attempts", "attempts")
            .expression_attribute_values(":attempt", n(attempt))
            .expression_attribute_names("#agent", "agent_id")
            .expression_attribute_names("#warnings", "warnings")
            .expression_attribute_names("#updated", "updated_at")
            .expression_attribute_names("#lease", "lease_expires_at")
            .expression_attribute_values(":warnings", str_list(warnings))
            .expression_attribute_values(":completed", s(JobStatus::Completed.as_str()))
            .expression_attribute_values(":processing", s(JobStatus::Processing.as_str()))
            .expression_attribute_values(":agent", s(agent.agent_id.to_string()))
            .expression_attribute_values(":now", ts(now))
            .build()
            .map_err(build_error)?;
        let attempt = || async {
            self.client
                .transact_write_items()
                .transact_items(TransactWriteItem::builder().put(put_agent.clone()).build())
                .transact_items(
                    TransactWriteItem::builder()
                        .update(mark_completed.clone())
                        .build(),
                )
                .send()
                .await
                .map_err(|e| transaction_error(e, |_| StoreError::Conflict))
        };
        attempt
            .retry(conflict_backoff())
            .when(|e| matches!(e, StoreError::Contention))
            .await?;
        Ok(())
    }

    async fn update_progress(
        &self,
        job_id: JobId,
        progress: &CrawlProgress,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        self.update_job_if(
            job_id,
            JobUpdate {
                update: "SET #progress = :progress, #updated = :now",
                condition: "#status = :processing",
                names: &[
                    ("#progress", "progress"),
                    ("#updated", "updated_at"),
                    ("#status", "status"),
                ],
                values: vec![
                    (":progress", progress_to_value(progress)),
                    (":processing", s(JobStatus::Processing.as_str())),
                    (":now", ts(now)),
                ],
            },
        )
        .await
    }

    async fn record_webhook(
        &self,
        job_id: JobId,
        delivery: &WebhookDelivery,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        self.update_job_if(
            job_id,
            JobUpdate {
                update: "SET #webhook = :webhook, #updated = :now",
                condition: "attribute_exists(job_id)",
                names: &[("#webhook", "webhook"), ("#updated", "updated_at")],
                values: vec![(":webhook", webhook_to_value(delivery)), (":now", ts(now))],
            },
        )
        .await
    }

    async fn fail_job(
        &self,
        job_id: JobId,
        attempt: u32,
        error: &str,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        self.update_job_if(
            job_id,
            JobUpdate {
                update: "SET #status = :failed, #error = :error, #updated = :now REMOVE #lease",
                condition: "#status IN (:queued, :processing) AND #attempts = :attempt",
                names: &[
                    ("#status", "status"),
                    ("#error", "error"),
                    ("#updated", "updated_at"),
                    ("#lease", "lease_expires_at"),
                    ("#attempts", "attempts"),
                ],
                values: vec![
                    (":failed", s(JobStatus::Failed.as_str())),
                    (":queued", s(JobStatus::Queued.as_str())),
                    (":processing", s(JobStatus::Processing.as_str())),
                    (":error", s(error)),
                    (":now", ts(now)),
                    (":attempt", n(attempt)),
                ],
            },
        )
        .await
    }

    async fn release_job(
        &self,
        job_id: JobId,
        attempt: u32,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        self.update_job_if(
            job_id,
            JobUpdate {
                // Lapsed as of `now`.
                update: "SET #lease = :lapsed, #updated = :now",
                condition: "#status = :processing AND #attempts = :attempt",
                names: &[
                    ("#status", "status"),
                    ("#lease", "lease_expires_at"),
                    ("#updated", "updated_at"),
                    ("#attempts", "attempts"),
                ],
                values: vec![
                    (":processing", s(JobStatus::Processing.as_str())),
                    (":lapsed", n(unix_ms(now) - 1)),
                    (":now", ts(now)),
                    (":attempt", n(attempt)),
                ],
            },
        )
        .await
    }

    async fn abandon_job(
        &self,
        job: &Job,
        error: &str,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let (key, value) = job_key(job.job_id);
        let end_job = aws_sdk_dynamodb::types::Update::builder()
            .table_name(&self.tables.jobs)
            .key(key, value)
            .update_expression(
                "SET #status = :failed, #error = :error, #updated = :now REMOVE #lease",
            )
            // Nobody claimed it since it was read, and nobody holds it now.
            .condition_expression(
                "#attempts = :attempt AND (#status = :queued OR (#status = :processing AND (attribute_not_exists(#lease) OR #lease < :now_ms)))",
            )
            .expression_attribute_names("#status", "status")
            .expression_attribute_names("#error", "error")
            .expression_attribute_names("#updated", "updated_at")
            .expression_attribute_names("#lease", "lease_expires_at")
            .expression_attribute_names("#attempts", "attempts")
            .expression_attribute_values(":failed", s(JobStatus::Failed.as_str()))
            .expression_attribute_values(":queued", s(JobStatus::Queued.as_str()))
            .expression_attribute_values(":processing", s(JobStatus::Processing.as_str()))
            .expression_attribute_values(":error", s(error))
            .expression_attribute_values(":now", ts(now))
            .expression_attribute_values(":now_ms", n(unix_ms(now)))
            .expression_attribute_values(":attempt", n(job.attempts))
            .build()
            .map_err(build_error)?;
        let day = UtcDay::containing(job.created_at);
        let give_back = super::quota::give_back_unit(self.tables.quota()?, &job.workspace_id, day)?;
        let with_quota = || async {
            self.client
                .transact_write_items()
                .transact_items(TransactWriteItem::builder().update(end_job.clone()).build())
                .transact_items(
                    TransactWriteItem::builder()
                        .update(give_back.clone())
                        .build(),
                )
                .send()
                .await
                .map_err(|e| {
                    transaction_error(e, |index| {
                        if index == 0 {
                            StoreError::Conflict
                        } else {
                            StoreError::QuotaExceeded
                        }
                    })
                })
        };
        let result = with_quota
            .retry(conflict_backoff())
            .when(|e| matches!(e, StoreError::Contention))
            .await;
        match result {
            // The day's counter is already at zero or gone (expired): nothing to give back,
            // and the job must still end.
            Err(StoreError::QuotaExceeded) => {
                let alone = || async {
                    self.client
                        .transact_write_items()
                        .transact_items(
                            TransactWriteItem::builder().update(end_job.clone()).build(),
                        )
                        .send()
                        .await
                        .map_err(|e| transaction_error(e, |_| StoreError::Conflict))
                };
                alone
                    .retry(conflict_backoff())
                    .when(|e| matches!(e, StoreError::Contention))
                    .await?;
                Ok(())
            }
            other => other.map(|_| ()),
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
                .expression_attribute_values(":now_ms", n(unix_ms(now)))
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
