//! The workspaces table: per-workspace settings, for now the webhook signing secret.

use async_trait::async_trait;

use super::item::{get_s, s, ts};
use super::{backend, DynamoWorkspaces};
use crate::domain::WorkspaceId;
use crate::signature::generate_secret;
use crate::store::{StoreError, WorkspaceStore};

impl DynamoWorkspaces {
    async fn put_secret(
        &self,
        workspace: &WorkspaceId,
        secret: &str,
        only_if_new: bool,
    ) -> Result<bool, StoreError> {
        let mut put = self
            .client
            .put_item()
            .table_name(&self.table)
            .item("workspace_id", s(workspace.as_str()))
            .item("webhook_secret", s(secret))
            .item("updated_at", ts(time::OffsetDateTime::now_utc()));
        if only_if_new {
            put = put.condition_expression("attribute_not_exists(workspace_id)");
        }
        match put.send().await {
            Ok(_) => Ok(true),
            Err(e)
                if e.as_service_error()
                    .is_some_and(|e| e.is_conditional_check_failed_exception()) =>
            {
                Ok(false)
            }
            Err(e) => Err(backend(e)),
        }
    }
}

#[async_trait]
impl WorkspaceStore for DynamoWorkspaces {
    async fn webhook_secret(&self, workspace: &WorkspaceId) -> Result<String, StoreError> {
        let read = || async {
            self.client
                .get_item()
                .table_name(&self.table)
                .key("workspace_id", s(workspace.as_str()))
                .consistent_read(true)
                .send()
                .await
                .map_err(backend)
        };
        if let Some(item) = read().await?.item() {
            return Ok(get_s(item, "webhook_secret")?.to_owned());
        }
        // First use: create one; if another request won the race, use theirs.
        let fresh = generate_secret();
        if self.put_secret(workspace, &fresh, true).await? {
            return Ok(fresh);
        }
        let out = read().await?;
        let item = out
            .item()
            .ok_or_else(|| StoreError::Corrupt("workspace vanished".into()))?;
        Ok(get_s(item, "webhook_secret")?.to_owned())
    }

    async fn rotate_webhook_secret(&self, workspace: &WorkspaceId) -> Result<String, StoreError> {
        let fresh = generate_secret();
        self.put_secret(workspace, &fresh, false).await?;
        Ok(fresh)
    }
}
