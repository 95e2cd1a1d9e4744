//! DynamoDB adapter: every port over the six tables named in [`TableNames`]. Item mapping stays
//! in here; the domain never sees an `AttributeValue`.

mod agents;
mod api_keys;
mod idempotency;
mod item;
mod jobs;
mod quota;
mod workspaces;

use aws_sdk_dynamodb::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_dynamodb::operation::update_item::UpdateItemError;
use aws_sdk_dynamodb::Client;
use std::error::Error as StdError;
use std::fmt::Debug;

use crate::config::TableNames;
use crate::store::StoreError;

#[derive(Clone, Debug)]
pub struct DynamoStore {
    client: Client,
    tables: TableNames,
}

impl DynamoStore {
    pub fn new(client: Client, tables: TableNames) -> Self {
        Self { client, tables }
    }

    pub fn client(&self) -> &Client {
        &self.client
    }

    pub fn tables(&self) -> &TableNames {
        &self.tables
    }
}

/// Service error codes that mean "try again later".
const RETRYABLE_CODES: &[&str] = &[
    "ProvisionedThroughputExceededException",
    "ThrottlingException",
    "RequestLimitExceeded",
    "InternalServerError",
    "ServiceUnavailable",
    "TransactionConflictException",
    "TransactionInProgressException",
];

/// Keeps the SDK error as the cause (for the log) and records whether it is worth retrying.
pub(crate) fn backend<E, R>(err: SdkError<E, R>) -> StoreError
where
    E: ProvideErrorMetadata + StdError + Send + Sync + 'static,
    R: Debug + Send + Sync + 'static,
{
    let retryable = match &err {
        SdkError::ServiceError(service) => service
            .err()
            .code()
            .is_some_and(|code| RETRYABLE_CODES.contains(&code)),
        SdkError::TimeoutError(_) | SdkError::DispatchFailure(_) | SdkError::ResponseError(_) => {
            true
        }
        _ => false,
    };
    StoreError::Backend {
        source: Box::new(err),
        retryable,
    }
}

/// A request we built was rejected by the SDK's own validation: a bug, not retryable.
pub(crate) fn build_error(err: aws_sdk_dynamodb::error::BuildError) -> StoreError {
    StoreError::Backend {
        source: Box::new(err),
        retryable: false,
    }
}

/// An update whose condition may not hold: `Ok(false)` when it did not (nothing was written).
pub(crate) fn condition_held<T>(
    result: Result<T, SdkError<UpdateItemError, aws_sdk_dynamodb::config::http::HttpResponse>>,
) -> Result<bool, StoreError> {
    match result {
        Ok(_) => Ok(true),
        Err(SdkError::ServiceError(service))
            if matches!(
                service.err(),
                UpdateItemError::ConditionalCheckFailedException(_)
            ) =>
        {
            Ok(false)
        }
        Err(e) => Err(backend(e)),
    }
}
