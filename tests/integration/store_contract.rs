//! The store contract (`agent_builder_core::store::contract`) against the DynamoDB adapter on
//! DynamoDB Local: the same checks the in-memory adapter passes in its unit tests.

use agent_builder_core::store::contract;

use crate::helpers::stack;

#[tokio::test]
async fn the_dynamodb_store_keeps_the_store_contract() {
    let stack = stack().await;
    // A fresh workspace prefix per run: the tables are shared with the other tests.
    let prefix = format!("contract-{}", uuid::Uuid::new_v4().simple());
    contract::all(stack.store.as_ref(), &prefix).await;
}
