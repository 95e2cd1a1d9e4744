//! The API keys table: SHA-256 hash of the key → workspace.

use async_trait::async_trait;
use aws_sdk_dynamodb::types::AttributeValue;

use super::item::{get_s, get_ts, opt_bool, s, ts, Item};
use super::{backend, DynamoApiKeys};
use crate::domain::{ApiKeyHash, ApiKeyRecord, WorkspaceId};
use crate::store::{ApiKeyStore, StoreError};

fn record_to_item(record: &ApiKeyRecord) -> Item {
    Item::from([
        ("key_hash".to_owned(), s(record.key_hash.as_str())),
        ("workspace_id".to_owned(), s(record.workspace_id.as_str())),
        ("label".to_owned(), s(record.label.as_str())),
        ("revoked".to_owned(), AttributeValue::Bool(record.revoked)),
        ("created_at".to_owned(), ts(record.created_at)),
    ])
}

fn record_from_item(item: &Item) -> Result<ApiKeyRecord, StoreError> {
    Ok(ApiKeyRecord {
        key_hash: ApiKeyHash::from_hex(get_s(item, "key_hash")?.to_owned()),
        workspace_id: WorkspaceId::parse(get_s(item, "workspace_id")?)
            .map_err(|_| StoreError::Corrupt("workspace_id is invalid".into()))?,
        label: get_s(item, "label").unwrap_or_default().to_owned(),
        revoked: opt_bool(item, "revoked")?.unwrap_or(false),
        created_at: get_ts(item, "created_at")?,
    })
}

#[async_trait]
impl ApiKeyStore for DynamoApiKeys {
    async fn find_api_key(&self, hash: &ApiKeyHash) -> Result<Option<ApiKeyRecord>, StoreError> {
        let out = self
            .client
            .get_item()
            .table_name(&self.table)
            .key("key_hash", s(hash.as_str()))
            .send()
            .await
            .map_err(backend)?;
        out.item().map(record_from_item).transpose()
    }

    async fn put_api_key(&self, record: &ApiKeyRecord) -> Result<(), StoreError> {
        self.client
            .put_item()
            .table_name(&self.table)
            .set_item(Some(record_to_item(record)))
            .condition_expression("attribute_not_exists(key_hash)")
            .send()
            .await
            .map_err(backend)?;
        Ok(())
    }

    async fn revoke_api_key(&self, hash: &ApiKeyHash) -> Result<(), StoreError> {
        self.client
            .update_item()
            .table_name(&self.table)
            .key("key_hash", s(hash.as_str()))
            .update_expression("SET revoked = :yes")
            .condition_expression("attribute_exists(key_hash)")
            .expression_attribute_values(":yes", AttributeValue::Bool(true))
            .send()
            .await
            .map_err(backend)?;
        Ok(())
    }
}
