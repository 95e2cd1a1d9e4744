//! Creating and revoking API keys (against the local stack or AWS, wherever the SDK points).

use time::OffsetDateTime;

use agent_builder_core::domain::{ApiKey, ApiKeyRecord, WorkspaceId};
use agent_builder_core::store::{ApiKeyStore, StoreError};

/// Creates a key for `workspace` and returns it: the only time its plaintext exists.
pub async fn create_api_key(
    store: &dyn ApiKeyStore,
    workspace: WorkspaceId,
    label: &str,
) -> Result<ApiKey, StoreError> {
    let key = ApiKey::generate();
    store.put_api_key(&record(&key, workspace, label)).await?;
    Ok(key)
}

/// Stores a known key (the dev server's saved demo key after an emulator restart).
pub async fn ensure_api_key(
    store: &dyn ApiKeyStore,
    key: &ApiKey,
    workspace: WorkspaceId,
    label: &str,
) -> Result<(), StoreError> {
    if store.find_api_key(&key.hash()).await?.is_some() {
        return Ok(());
    }
    store.put_api_key(&record(key, workspace, label)).await
}

fn record(key: &ApiKey, workspace: WorkspaceId, label: &str) -> ApiKeyRecord {
    ApiKeyRecord {
        key_hash: key.hash(),
        workspace_id: workspace,
        label: label.to_owned(),
        revoked: false,
        created_at: OffsetDateTime::now_utc(),
    }
}
