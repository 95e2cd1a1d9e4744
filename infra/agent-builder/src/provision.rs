//! Creates the tables and queues of `template.yaml` on whatever DynamoDB and SQS endpoints the
//! SDK is pointed at (the local emulators). The template is the single source of truth: key
//! schemas, indexes, TTL, streams and redrive are read from it, so local and AWS cannot drift.

use aws_sdk_dynamodb::types::{
    AttributeDefinition, BillingMode, GlobalSecondaryIndex, KeySchemaElement, KeyType, Projection,
    ProjectionType, ScalarAttributeType, StreamSpecification, StreamViewType,
    TimeToLiveSpecification,
};
use aws_sdk_sqs::types::QueueAttributeName;
use serde_yaml_ng::Value;

use agent_builder_engine::config::TableNames;

/// The deployed template, embedded at build time.
pub const TEMPLATE: &str = include_str!("../../../template.yaml");

#[derive(Debug, thiserror::Error)]
pub enum ProvisionError {
    #[error("template.yaml: {0}")]
    Template(String),
    #[error("creating {what} failed: {source}")]
    Aws {
        what: String,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}

fn template_error(msg: impl Into<String>) -> ProvisionError {
    ProvisionError::Template(msg.into())
}

#[derive(Debug, Clone, PartialEq)]
pub struct KeySpec {
    pub name: String,
    pub key_type: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IndexSpec {
    pub name: String,
    pub keys: Vec<KeySpec>,
    pub projection: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TableSpec {
    pub logical_id: String,
    pub keys: Vec<KeySpec>,
    /// (name, S | N | B)
    pub attributes: Vec<(String, String)>,
    pub indexes: Vec<IndexSpec>,
    pub ttl_attribute: Option<String>,
    pub stream_view: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct QueueSpec {
    pub logical_id: String,
    pub visibility_timeout: Option<i64>,
    pub retention_period: Option<i64>,
    /// (dead-letter queue logical id, maxReceiveCount)
    pub redrive: Option<(String, i64)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StackSpec {
    pub tables: Vec<TableSpec>,
    pub queues: Vec<QueueSpec>,
}

/// Logical ids the services rely on, and the suffix each gets locally.
pub const TABLES: [(&str, &str); 6] = [
    ("JobsTable", "jobs"),
    ("QuotaTable", "quota"),
    ("AgentsTable", "agents"),
    ("ApiKeysTable", "api-keys"),
    ("IdempotencyTable", "idempotency"),
    ("WorkspacesTable", "workspaces"),
];
pub const JOB_QUEUE: &str = "JobQueue";
pub const DEAD_LETTER_QUEUE: &str = "JobDeadLetterQueue";

impl StackSpec {
    pub fn from_template(yaml: &str) -> Result<Self, ProvisionError> {
        let doc: Value =
            serde_yaml_ng::from_str(yaml).map_err(|e| template_error(e.to_string()))?;
        let resources = doc
            .get("Resources")
            .and_then(Value::as_mapping)
            .ok_or_else(|| template_error("no Resources"))?;
        let parameters = doc.get("Parameters").cloned().unwrap_or(Value::Null);
        let mut tables = Vec::new();
        let mut queues = Vec::new();
        for (id, resource) in resources {
            let id = id.as_str().unwrap_or_default().to_owned();
            let kind = resource
                .get("Type")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let props = resource.get("Properties").cloned().unwrap_or(Value::Null);
            match kind {
                "AWS::DynamoDB::Table" => tables.push(table_spec(id, &props)?),
                "AWS::SQS::Queue" => queues.push(queue_spec(id, &props, &parameters)?),
                _ => {}
            }
        }
        Ok(Self { tables, queues })
    }

    pub fn table(&self, logical_id: &str) -> Option<&TableSpec> {
        self.tables.iter().find(|t| t.logical_id == logical_id)
    }

    pub fn queue(&self, logical_id: &str) -> Option<&QueueSpec> {
        self.queues.iter().find(|q| q.logical_id == logical_id)
    }
}

fn str_field(v: &Value, key: &str) -> Result<String, ProvisionError> {
    v.get(key)
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| template_error(format!("missing {key}")))
}

fn keys(v: Option<&Value>) -> Result<Vec<KeySpec>, ProvisionError> {
    v.and_then(Value::as_sequence)
        .ok_or_else(|| template_error("missing KeySchema"))?
        .iter()
        .map(|k| {
            Ok(KeySpec {
                name: str_field(k, "AttributeName")?,
                key_type: str_field(k, "KeyType")?,
            })
        })
        .collect()
}

fn table_spec(logical_id: String, props: &Value) -> Result<TableSpec, ProvisionError> {
    let attributes = props
        .get("AttributeDefinitions")
        .and_then(Value::as_sequence)
        .ok_or_else(|| template_error(format!("{logical_id}: missing AttributeDefinitions")))?
        .iter()
        .map(|a| {
            Ok((
                str_field(a, "AttributeName")?,
                str_field(a, "AttributeType")?,
            ))
        })
        .collect::<Result<_, ProvisionError>>()?;
    let indexes = props
        .get("GlobalSecondaryIndexes")
        .and_then(Value::as_sequence)
        .map(|seq| {
            seq.iter()
                .map(|g| {
                    Ok(IndexSpec {
                        name: str_field(g, "IndexName")?,
                        keys: keys(g.get("KeySchema"))?,
                        projection: g
                            .get("Projection")
                            .map(|p| str_field(p, "ProjectionType"))
                            .transpose()?
                            .unwrap_or_else(|| "ALL".to_owned()),
                    })
                })
                .collect::<Result<Vec<_>, ProvisionError>>()
        })
        .transpose()?
        .unwrap_or_default();
    let ttl_attribute = props
        .get("TimeToLiveSpecification")
        .filter(|t| t.get("Enabled").and_then(Value::as_bool).unwrap_or(false))
        .map(|t| str_field(t, "AttributeName"))
        .transpose()?;
    let stream_view = props
        .get("StreamSpecification")
        .map(|s| str_field(s, "StreamViewType"))
        .transpose()?;
    Ok(TableSpec {
        keys: keys(props.get("KeySchema"))
            .map_err(|e| template_error(format!("{logical_id}: {e}")))?,
        logical_id,
        attributes,
        indexes,
        ttl_attribute,
        stream_view,
    })
}

/// A number written literally or as `!Ref Parameter` (its Default).
fn number(v: Option<&Value>, parameters: &Value) -> Option<i64> {
    match v? {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.parse().ok(),
        Value::Tagged(tagged) if tagged.tag == "Ref" => {
            let name = tagged.value.as_str()?;
            number(parameters.get(name)?.get("Default"), &Value::Null)
        }
        Value::Mapping(m) => {
            let name = m.get("Ref")?.as_str()?;
            number(parameters.get(name)?.get("Default"), &Value::Null)
        }
        _ => None,
    }
}

/// The logical id in `!GetAtt X.Arn` / `{"Fn::GetAtt": [X, Arn]}`.
fn get_att_target(v: &Value) -> Option<String> {
    match v {
        Value::Tagged(tagged) if tagged.tag == "GetAtt" => match &tagged.value {
            Value::String(s) => s.split('.').next().map(str::to_owned),
            Value::Sequence(seq) => seq.first()?.as_str().map(str::to_owned),
            _ => None,
        },
        Value::Mapping(m) => m
            .get("Fn::GetAtt")?
            .as_sequence()?
            .first()?
            .as_str()
            .map(str::to_owned),
        _ => None,
    }
}

fn queue_spec(
    logical_id: String,
    props: &Value,
    parameters: &Value,
) -> Result<QueueSpec, ProvisionError> {
    let redrive = match props.get("RedrivePolicy") {
        None => None,
        Some(policy) => {
            let target = policy
                .get("deadLetterTargetArn")
                .and_then(get_att_target)
                .ok_or_else(|| {
                    template_error(format!(
                        "{logical_id}: deadLetterTargetArn must be !GetAtt <Queue>.Arn"
                    ))
                })?;
            let max = number(policy.get("maxReceiveCount"), parameters)
                .ok_or_else(|| template_error(format!("{logical_id}: maxReceiveCount")))?;
            Some((target, max))
        }
    };
    Ok(QueueSpec {
        visibility_timeout: number(props.get("VisibilityTimeout"), parameters),
        retention_period: number(props.get("MessageRetentionPeriod"), parameters),
        redrive,
        logical_id,
    })
}

/// What provisioning created, by local name.
#[derive(Debug, Clone)]
pub struct LocalResources {
    pub tables: TableNames,
    pub job_queue_url: String,
    pub dead_letter_queue_url: String,
    pub max_receive_count: u32,
}

/// Creates (or finds) every table and queue, named `{prefix}-{suffix}`.
pub async fn provision(
    dynamodb: &aws_sdk_dynamodb::Client,
    sqs: &aws_sdk_sqs::Client,
    prefix: &str,
) -> Result<LocalResources, ProvisionError> {
    let spec = StackSpec::from_template(TEMPLATE)?;
    let mut names = Vec::new();
    for (logical_id, suffix) in TABLES {
        let table = spec
            .table(logical_id)
            .ok_or_else(|| template_error(format!("no table {logical_id}")))?;
        let name = format!("{prefix}-{suffix}");
        create_table(dynamodb, &name, table).await?;
        names.push(name);
    }
    let dlq_spec = spec
        .queue(DEAD_LETTER_QUEUE)
        .ok_or_else(|| template_error(format!("no queue {DEAD_LETTER_QUEUE}")))?;
    let dlq_url = create_queue(sqs, &format!("{prefix}-jobs-dlq"), dlq_spec, None).await?;
    let dlq_arn = queue_arn(sqs, &dlq_url).await?;
    let job_spec = spec
        .queue(JOB_QUEUE)
        .ok_or_else(|| template_error(format!("no queue {JOB_QUEUE}")))?;
    let job_queue_url =
        create_queue(sqs, &format!("{prefix}-jobs"), job_spec, Some(&dlq_arn)).await?;
    let [jobs, quota, agents, api_keys, idempotency, workspaces]: [String; 6] =
        names.try_into().expect("six tables");
    Ok(LocalResources {
        tables: TableNames {
            jobs,
            quota,
            agents,
            api_keys,
            idempotency,
            workspaces,
        },
        job_queue_url,
        dead_letter_queue_url: dlq_url,
        max_receive_count: job_spec.redrive.as_ref().map_or(3, |(_, n)| *n as u32),
    })
}

fn aws_error(
    what: impl Into<String>,
    e: impl std::error::Error + Send + Sync + 'static,
) -> ProvisionError {
    ProvisionError::Aws {
        what: what.into(),
        source: Box::new(e),
    }
}

fn key_elements(keys: &[KeySpec]) -> Result<Vec<KeySchemaElement>, ProvisionError> {
    keys.iter()
        .map(|k| {
            KeySchemaElement::builder()
                .attribute_name(&k.name)
                .key_type(KeyType::from(k.key_type.as_str()))
                .build()
                .map_err(|e| aws_error("key schema", e))
        })
        .collect()
}

async fn create_table(
    client: &aws_sdk_dynamodb::Client,
    name: &str,
    spec: &TableSpec,
) -> Result<(), ProvisionError> {
    let mut request = client
        .create_table()
        .table_name(name)
        .billing_mode(BillingMode::PayPerRequest)
        .set_key_schema(Some(key_elements(&spec.keys)?));
    for (attr, kind) in &spec.attributes {
        request = request.attribute_definitions(
            AttributeDefinition::builder()
                .attribute_name(attr)
                .attribute_type(ScalarAttributeType::from(kind.as_str()))
                .build()
                .map_err(|e| aws_error("attribute definition", e))?,
        );
    }
    for index in &spec.indexes {
        request = request.global_secondary_indexes(
            GlobalSecondaryIndex::builder()
                .index_name(&index.name)
                .set_key_schema(Some(key_elements(&index.keys)?))
                .projection(
                    Projection::builder()
                        .projection_type(ProjectionType::from(index.projection.as_str()))
                        .build(),
                )
                .build()
                .map_err(|e| aws_error("index", e))?,
        );
    }
    if let Some(view) = &spec.stream_view {
        request = request.stream_specification(
            StreamSpecification::builder()
                .stream_enabled(true)
                .stream_view_type(StreamViewType::from(view.as_str()))
                .build()
                .map_err(|e| aws_error("stream specification", e))?,
        );
    }
    match request.send().await {
        Ok(_) => {}
        Err(e)
            if e.as_service_error()
                .is_some_and(|s| s.is_resource_in_use_exception()) =>
        {
            return Ok(())
        }
        Err(e) => return Err(aws_error(format!("table {name}"), e)),
    }
    if let Some(attr) = &spec.ttl_attribute {
        client
            .update_time_to_live()
            .table_name(name)
            .time_to_live_specification(
                TimeToLiveSpecification::builder()
                    .attribute_name(attr)
                    .enabled(true)
                    .build()
                    .map_err(|e| aws_error("TTL", e))?,
            )
            .send()
            .await
            .map_err(|e| aws_error(format!("TTL on {name}"), e))?;
    }
    Ok(())
}

async fn create_queue(
    client: &aws_sdk_sqs::Client,
    name: &str,
    spec: &QueueSpec,
    dead_letter_arn: Option<&str>,
) -> Result<String, ProvisionError> {
    let mut request = client.create_queue().queue_name(name);
    if let Some(v) = spec.visibility_timeout {
        request = request.attributes(QueueAttributeName::VisibilityTimeout, v.to_string());
    }
    if let Some(v) = spec.retention_period {
        request = request.attributes(QueueAttributeName::MessageRetentionPeriod, v.to_string());
    }
    if let (Some((_, max)), Some(arn)) = (&spec.redrive, dead_letter_arn) {
        let policy = serde_json::json!({ "deadLetterTargetArn": arn, "maxReceiveCount": max });
        request = request.attributes(QueueAttributeName::RedrivePolicy, policy.to_string());
    }
    let out = request
        .send()
        .await
        .map_err(|e| aws_error(format!("queue {name}"), e))?;
    out.queue_url()
        .map(str::to_owned)
        .ok_or_else(|| template_error(format!("queue {name}: no URL returned")))
}

async fn queue_arn(client: &aws_sdk_sqs::Client, url: &str) -> Result<String, ProvisionError> {
    let out = client
        .get_queue_attributes()
        .queue_url(url)
        .attribute_names(QueueAttributeName::QueueArn)
        .send()
        .await
        .map_err(|e| aws_error("queue ARN", e))?;
    out.attributes()
        .and_then(|a| a.get(&QueueAttributeName::QueueArn))
        .cloned()
        .ok_or_else(|| template_error("queue has no ARN"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_defines_what_the_services_use() {
        let spec = StackSpec::from_template(TEMPLATE).unwrap();
        let jobs = spec.table("JobsTable").unwrap();
        assert_eq!(
            jobs.keys,
            vec![KeySpec {
                name: "job_id".into(),
                key_type: "HASH".into()
            }]
        );
        assert_eq!(jobs.ttl_attribute.as_deref(), Some("expires_at"));
        assert_eq!(jobs.stream_view.as_deref(), Some("NEW_AND_OLD_IMAGES"));
        let quota = spec.table("QuotaTable").unwrap();
        let quota_keys: Vec<&str> = quota.keys.iter().map(|k| k.name.as_str()).collect();
        assert_eq!(quota_keys, ["workspace_id", "day"]);
        assert_eq!(quota.ttl_attribute.as_deref(), Some("expires_at"));
        assert_eq!(spec.table("AgentsTable").unwrap().keys[0].name, "agent_id");
        assert_eq!(spec.table("ApiKeysTable").unwrap().keys[0].name, "key_hash");
        let queue = spec.queue(JOB_QUEUE).unwrap();
        let (dlq, max) = queue.redrive.clone().unwrap();
        assert_eq!(dlq, DEAD_LETTER_QUEUE);
        assert!(max >= 1);
        assert!(
            queue.visibility_timeout.unwrap() >= 6 * 180,
            "visibility timeout must be >= 6x the worker timeout"
        );
    }

    /// Every read is by key (nothing calls Query), so no index may copy whole items: that
    /// would pay for every progress write twice.
    #[test]
    fn no_index_copies_whole_items() {
        let spec = StackSpec::from_template(TEMPLATE).unwrap();
        for table in &spec.tables {
            for index in &table.indexes {
                assert_ne!(
                    index.projection, "ALL",
                    "{}: {}",
                    table.logical_id, index.name
                );
            }
        }
        assert!(spec.table("AgentsTable").unwrap().indexes.is_empty());
        assert!(spec.table("ApiKeysTable").unwrap().indexes.is_empty());
    }
}
