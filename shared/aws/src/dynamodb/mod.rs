//! DynamoDB adapters, one per capability, each built from the names of just the tables it
//! touches: [`DynamoJobs`] (the jobs table, plus the quota, idempotency and agents tables its
//! transactions write when the function uses them), [`DynamoQuota`], [`DynamoAgents`],
//! [`DynamoApiKeys`], [`DynamoIdempotency`], [`DynamoWorkspaces`]. [`DynamoStore`] puts all six
//! of one stack behind every port, for the tools and tests that reach them all. Item mapping
//! stays in here; the domain never sees an `AttributeValue`.

mod agents;
mod api_keys;
mod idempotency;
mod item;
mod jobs;
mod quota;
mod stack;
mod workspaces;

pub use stack::DynamoStore;

use aws_sdk_dynamodb::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_dynamodb::operation::update_item::UpdateItemError;
use aws_sdk_dynamodb::Client;
use std::error::Error as StdError;
use std::fmt::Debug;

use crate::store::StoreError;

/// An adapter over one table: the client and the table's name.
macro_rules! single_table_adapter {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug)]
        pub struct $name {
            client: Client,
            table: String,
        }

        impl $name {
            pub fn new(client: Client, table: impl Into<String>) -> Self {
                Self {
                    client,
                    table: table.into(),
                }
            }
        }
    };
}

single_table_adapter!(
    /// The daily quota counters (`QUOTA_TABLE`): reading and giving back units.
    DynamoQuota
);
single_table_adapter!(
    /// The agents table (`AGENTS_TABLE`): reading an agent.
    DynamoAgents
);
single_table_adapter!(
    /// The API keys table (`API_KEYS_TABLE`).
    DynamoApiKeys
);
single_table_adapter!(
    /// The idempotency table (`IDEMPOTENCY_TABLE`): reading and forgetting a keyed request.
    DynamoIdempotency
);
single_table_adapter!(
    /// The workspaces table (`WORKSPACES_TABLE`): webhook signing secrets.
    DynamoWorkspaces
);

/// The jobs port over the jobs table, and over the other tables its transactions write where the
/// function calls them: `create_job` takes a quota unit and may record an idempotency key,
/// `abandon_job` gives the unit back, `complete_job` writes the agent. A function gives only
/// the tables of the operations it calls ([`DynamoJobs::with_quota`] and so on); calling
/// another is a [`TableNotGiven`] error.
#[derive(Clone, Debug)]
pub struct DynamoJobs {
    client: Client,
    tables: JobTables,
}

#[derive(Clone, Debug)]
struct JobTables {
    jobs: String,
    quota: Option<String>,
    idempotency: Option<String>,
    agents: Option<String>,
}

impl JobTables {
    fn quota(&self) -> Result<&str, TableNotGiven> {
        self.quota.as_deref().ok_or(TableNotGiven("quota"))
    }

    fn idempotency(&self) -> Result<&str, TableNotGiven> {
        self.idempotency
            .as_deref()
            .ok_or(TableNotGiven("idempotency"))
    }

    fn agents(&self) -> Result<&str, TableNotGiven> {
        self.agents.as_deref().ok_or(TableNotGiven("agents"))
    }
}

impl DynamoJobs {
    /// Reads and single-item transitions of the jobs table only.
    pub fn new(client: Client, jobs_table: impl Into<String>) -> Self {
        Self {
            client,
            tables: JobTables {
                jobs: jobs_table.into(),
                quota: None,
                idempotency: None,
                agents: None,
            },
        }
    }

    /// The quota counters, for `create_job` and `abandon_job`.
    pub fn with_quota(mut self, table: impl Into<String>) -> Self {
        self.tables.quota = Some(table.into());
        self
    }

    /// The idempotency records, for a keyed `create_job`.
    pub fn with_idempotency(mut self, table: impl Into<String>) -> Self {
        self.tables.idempotency = Some(table.into());
        self
    }

    /// The agents table, for `complete_job`.
    pub fn with_agents(mut self, table: impl Into<String>) -> Self {
        self.tables.agents = Some(table.into());
        self
    }
}

/// An operation reached a table its adapter was not built with: the function's wiring does
/// not match what it calls (a bug, never retryable).
#[derive(Debug, thiserror::Error)]
#[error("this job store was built without the {0} table")]
pub struct TableNotGiven(pub &'static str);

impl From<TableNotGiven> for StoreError {
    fn from(err: TableNotGiven) -> Self {
        StoreError::Backend {
            source: Box::new(err),
            retryable: false,
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Job, JobId, UtcDay, WorkspaceId};
    use crate::store::JobStore;

    /// A client that is never sent anything: the checks below fail before a request is made.
    fn offline_client() -> Client {
        Client::from_conf(
            aws_sdk_dynamodb::Config::builder()
                .behavior_version_latest()
                .region(aws_sdk_dynamodb::config::Region::new("eu-west-1"))
                .endpoint_url("http://127.0.0.1:9")
                .build(),
        )
    }

    #[tokio::test]
    async fn a_jobs_adapter_without_the_quota_table_refuses_to_create_a_job() {
        let now = time::OffsetDateTime::now_utc();
        let job = Job::new_queued(
            JobId::new(),
            WorkspaceId::parse("ws").unwrap(),
            None,
            Some("Take bookings".into()),
            now,
            30,
        );
        let reader = DynamoJobs::new(offline_client(), "jobs");
        let err = reader
            .create_job(&job, UtcDay::containing(now), 5, None)
            .await
            .unwrap_err();
        assert!(!err.is_retryable());
        let chain = agent_builder_core::error::error_chain(&err);
        assert!(chain.contains("built without the quota table"), "{chain}");
    }
}
