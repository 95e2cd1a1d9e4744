//! The daily quota counters: one item per workspace per UTC day.

use async_trait::async_trait;
use aws_sdk_dynamodb::types::Update;

use super::item::{n, opt_n, s};
use super::{backend, build_error, condition_held, DynamoQuota};
use crate::domain::{UtcDay, WorkspaceId};
use crate::store::{QuotaStore, StoreError};

/// The transaction step that takes one unit, conditioned on the counter being under `limit`.
pub(super) fn take_unit(
    table: &str,
    workspace: &WorkspaceId,
    day: UtcDay,
    limit: u32,
) -> Result<Update, StoreError> {
    Update::builder()
        .table_name(table)
        .key("workspace_id", s(workspace.as_str()))
        .key("day", s(day.key()))
        .update_expression("ADD #used :one SET #expires = if_not_exists(#expires, :expires)")
        .condition_expression("attribute_not_exists(#used) OR #used < :limit")
        .expression_attribute_names("#used", "used")
        .expression_attribute_names("#expires", "expires_at")
        .expression_attribute_values(":one", n(1))
        .expression_attribute_values(":limit", n(limit))
        .expression_attribute_values(":expires", n(day.expires_at().unix_timestamp()))
        .build()
        .map_err(build_error)
}

/// The transaction step that gives one unit back, conditioned on the counter being above zero.
pub(super) fn give_back_unit(
    table: &str,
    workspace: &WorkspaceId,
    day: UtcDay,
) -> Result<Update, StoreError> {
    Update::builder()
        .table_name(table)
        .key("workspace_id", s(workspace.as_str()))
        .key("day", s(day.key()))
        .update_expression("ADD #used :minus_one")
        .condition_expression("#used > :zero")
        .expression_attribute_names("#used", "used")
        .expression_attribute_values(":minus_one", n(-1))
        .expression_attribute_values(":zero", n(0))
        .build()
        .map_err(build_error)
}

pub(super) async fn read_used(
    client: &aws_sdk_dynamodb::Client,
    table: &str,
    workspace: &WorkspaceId,
    day: UtcDay,
) -> Result<u32, StoreError> {
    let out = client
        .get_item()
        .table_name(table)
        .key("workspace_id", s(workspace.as_str()))
        .key("day", s(day.key()))
        .consistent_read(true)
        .send()
        .await
        .map_err(backend)?;
    Ok(match out.item() {
        Some(item) => opt_n(item, "used")?.unwrap_or(0),
        None => 0,
    })
}

#[async_trait]
impl QuotaStore for DynamoQuota {
    async fn release_quota(&self, workspace: &WorkspaceId, day: UtcDay) -> Result<(), StoreError> {
        let result = self
            .client
            .update_item()
            .table_name(&self.table)
            .key("workspace_id", s(workspace.as_str()))
            .key("day", s(day.key()))
            .update_expression("ADD #used :minus_one")
            .condition_expression("#used > :zero")
            .expression_attribute_names("#used", "used")
            .expression_attribute_values(":minus_one", n(-1))
            .expression_attribute_values(":zero", n(0))
            .send()
            .await;
        // Not held: already at zero (or never taken), so nothing to give back.
        condition_held(result).map(|_| ())
    }

    async fn quota_used(&self, workspace: &WorkspaceId, day: UtcDay) -> Result<u32, StoreError> {
        read_used(&self.client, &self.table, workspace, day).await
    }
}
