//! The idempotency table: "<workspace_id>#<key>" → the job a keyed request created.

use async_trait::async_trait;
use aws_sdk_dynamodb::types::Put;
use time::OffsetDateTime;

use super::item::{get_s, n, opt_n, s, ts, Item};
use super::{backend, build_error, DynamoIdempotency};
use crate::domain::idempotency::{IdempotencyClaim, IdempotencyKey, IdempotencyRecord};
use crate::domain::{JobId, WorkspaceId};
use crate::store::{IdempotencyStore, StoreError};

/// Workspace ids never contain '#', so the composite key is unambiguous.
fn item_key(workspace: &WorkspaceId, key: &IdempotencyKey) -> String {
    format!("{}#{}", workspace.as_str(), key.as_str())
}

/// The transaction step recording a key; it fails while an unexpired record exists (TTL
/// deletes lazily, so expiry is checked here too).
pub(super) fn claim_put(
    table: &str,
    claim: &IdempotencyClaim,
    job_id: JobId,
    now: OffsetDateTime,
) -> Result<Put, StoreError> {
    let item = Item::from([
        (
            "idempotency_key".to_owned(),
            s(item_key(&claim.workspace_id, &claim.key)),
        ),
        ("workspace_id".to_owned(), s(claim.workspace_id.as_str())),
        ("job_id".to_owned(), s(job_id.to_string())),
        ("request_hash".to_owned(), s(claim.request_hash.as_str())),
        ("created_at".to_owned(), ts(now)),
        ("expires_at".to_owned(), n(claim.expires_at)),
    ]);
    Put::builder()
        .table_name(table)
        .set_item(Some(item))
        .condition_expression("attribute_not_exists(idempotency_key) OR expires_at < :now")
        .expression_attribute_values(":now", n(now.unix_timestamp()))
        .build()
        .map_err(build_error)
}

#[async_trait]
impl IdempotencyStore for DynamoIdempotency {
    async fn find_idempotency(
        &self,
        workspace: &WorkspaceId,
        key: &IdempotencyKey,
        now: OffsetDateTime,
    ) -> Result<Option<IdempotencyRecord>, StoreError> {
        let out = self
            .client
            .get_item()
            .table_name(&self.table)
            .key("idempotency_key", s(item_key(workspace, key)))
            .consistent_read(true)
            .send()
            .await
            .map_err(backend)?;
        let Some(item) = out.item() else {
            return Ok(None);
        };
        if opt_n::<i64>(item, "expires_at")?.unwrap_or(0) <= now.unix_timestamp() {
            return Ok(None);
        }
        Ok(Some(IdempotencyRecord {
            job_id: JobId::parse(get_s(item, "job_id")?)
                .ok_or_else(|| StoreError::Corrupt("job_id is not a UUID".into()))?,
            request_hash: get_s(item, "request_hash")?.to_owned(),
        }))
    }

    async fn forget_idempotency(
        &self,
        workspace: &WorkspaceId,
        key: &IdempotencyKey,
    ) -> Result<(), StoreError> {
        self.client
            .delete_item()
            .table_name(&self.table)
            .key("idempotency_key", s(item_key(workspace, key)))
            .send()
            .await
            .map_err(backend)?;
        Ok(())
    }
}
