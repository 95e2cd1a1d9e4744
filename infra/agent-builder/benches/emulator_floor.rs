//! The local emulators' own floor: a bare AWS SDK call in a loop at a fixed concurrency, with
//! nothing of ours around it. Beside the API's figures under a load generator it shows how much
//! of a request's time is the emulator's.
//!
//!   OP=get  — DynamoDB GetItem of one ~1 KB item (what get-job costs the store)
//!   OP=put  — DynamoDB PutItem of a fresh ~1 KB item
//!   OP=transact — DynamoDB TransactWriteItems of create-job's shape: add 1 to a counter item
//!                 (one per worker, so they never collide) and put a fresh ~1 KB item if absent
//!   OP=send — SQS SendMessage of a small body (what create-job costs the queue)
//!
//!   eval "$(bash infra/emulators.sh env)"
//!   OP=get CONCURRENCY=16 DURATION_S=10 cargo bench -p agent-builder --bench emulator_floor
//!
//! Needs AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL_SQS pointing at the emulators.

use aws_sdk_dynamodb::types::{
    AttributeDefinition, AttributeValue, BillingMode, KeySchemaElement, KeyType, Put,
    ScalarAttributeType, TransactWriteItem, Update,
};
use std::sync::Arc;
use std::time::{Duration, Instant};

const TABLE: &str = "bench-emulator-floor";
const QUEUE: &str = "bench-emulator-floor";

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

#[derive(Clone)]
enum Op {
    Get(aws_sdk_dynamodb::Client),
    Put(aws_sdk_dynamodb::Client),
    Transact(aws_sdk_dynamodb::Client),
    Send(aws_sdk_sqs::Client, String),
}

impl Op {
    async fn once(&self, worker: usize, n: u64) -> Result<(), String> {
        match self {
            Op::Get(ddb) => ddb
                .get_item()
                .table_name(TABLE)
                .key("pk", AttributeValue::S("job#1".into()))
                .send()
                .await
                .map(|_| ())
                .map_err(|e| format!("{e:?}")),
            Op::Put(ddb) => ddb
                .put_item()
                .table_name(TABLE)
                .set_item(Some(item(&format!("put#{n}"))))
                .send()
                .await
                .map(|_| ())
                .map_err(|e| format!("{e:?}")),
            Op::Transact(ddb) => {
                let counter = Update::builder()
                    .table_name(TABLE)
                    .key("pk", AttributeValue::S(format!("quota#{worker}")))
                    .update_expression("ADD used :one")
                    .expression_attribute_values(":one", AttributeValue::N("1".into()))
                    .build()
                    .unwrap();
                let put = Put::builder()
                    .table_name(TABLE)
                    .set_item(Some(item(&format!("tx#{n}"))))
                    .condition_expression("attribute_not_exists(pk)")
                    .build()
                    .unwrap();
                ddb.transact_write_items()
                    .transact_items(TransactWriteItem::builder().update(counter).build())
                    .transact_items(TransactWriteItem::builder().put(put).build())
                    .send()
                    .await
                    .map(|_| ())
                    .map_err(|e| format!("{e:?}"))
            }
            Op::Send(sqs, url) => sqs
                .send_message()
                .queue_url(url)
                .message_body(format!(r#"{{"job_id":"{n:032x}"}}"#))
                .send()
                .await
                .map(|_| ())
                .map_err(|e| format!("{e:?}")),
        }
    }
}

/// About the size of a job record.
fn item(pk: &str) -> std::collections::HashMap<String, AttributeValue> {
    let mut item = std::collections::HashMap::new();
    item.insert("pk".to_owned(), AttributeValue::S(pk.to_owned()));
    item.insert("status".to_owned(), AttributeValue::S("queued".to_owned()));
    item.insert(
        "website_url".to_owned(),
        AttributeValue::S("https://example.com/".to_owned()),
    );
    item.insert(
        "instructions".to_owned(),
        AttributeValue::S("x".repeat(900)),
    );
    item
}

async fn ensure_table(ddb: &aws_sdk_dynamodb::Client) {
    let created = ddb
        .create_table()
        .table_name(TABLE)
        .billing_mode(BillingMode::PayPerRequest)
        .attribute_definitions(
            AttributeDefinition::builder()
                .attribute_name("pk")
                .attribute_type(ScalarAttributeType::S)
                .build()
                .unwrap(),
        )
        .key_schema(
            KeySchemaElement::builder()
                .attribute_name("pk")
                .key_type(KeyType::Hash)
                .build()
                .unwrap(),
        )
        .send()
        .await;
    if let Err(e) = created {
        let exists = e
            .as_service_error()
            .is_some_and(|s| s.is_resource_in_use_exception());
        assert!(exists, "creating {TABLE} failed: {e:?}");
    }
    ddb.put_item()
        .table_name(TABLE)
        .set_item(Some(item("job#1")))
        .send()
        .await
        .expect("seeding the item failed");
}

#[tokio::main]
async fn main() {
    let op_name = std::env::var("OP").unwrap_or_else(|_| "get".to_owned());
    let concurrency = env_number("CONCURRENCY", 16) as usize;
    let seconds = env_number("DURATION_S", 10);
    let sdk = aws_config::load_from_env().await;
    let op = match op_name.as_str() {
        "get" | "put" | "transact" => {
            let ddb = aws_sdk_dynamodb::Client::new(&sdk);
            ensure_table(&ddb).await;
            match op_name.as_str() {
                "get" => Op::Get(ddb),
                "put" => Op::Put(ddb),
                _ => Op::Transact(ddb),
            }
        }
        "send" => {
            let sqs = aws_sdk_sqs::Client::new(&sdk);
            let url = sqs
                .create_queue()
                .queue_name(QUEUE)
                .send()
                .await
                .expect("creating the queue failed")
                .queue_url
                .expect("no queue URL");
            Op::Send(sqs, url)
        }
        other => panic!("OP must be get, put, transact or send, not {other}"),
    };
    // Item keys unique to this run: the emulator keeps the items of earlier runs.
    let counter = Arc::new(std::sync::atomic::AtomicU64::new(
        u64::from(std::process::id()) << 32,
    ));
    // Warm the connection pool before timing.
    for worker in 0..concurrency {
        let n = counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        op.once(worker, n).await.expect("warm-up request failed");
    }

    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let workers: Vec<_> = (0..concurrency)
        .map(|worker| {
            let (op, counter) = (op.clone(), counter.clone());
            tokio::spawn(async move {
                let mut samples = Vec::new();
                let mut errors = 0u64;
                while Instant::now() < deadline {
                    let n = counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let t = Instant::now();
                    match op.once(worker, n).await {
                        Ok(()) => samples.push(t.elapsed()),
                        Err(_) => errors += 1,
                    }
                }
                (samples, errors)
            })
        })
        .collect();
    let mut samples = Vec::new();
    let mut errors = 0;
    for worker in workers {
        let (s, e) = worker.await.unwrap();
        samples.extend(s);
        errors += e;
    }
    let wall = started.elapsed();
    samples.sort();
    println!(
        "emulator floor {op_name}: concurrency {concurrency}, {} requests in {:.1} s = {:.0} req/s, p50 {:.2} ms, p99 {:.2} ms, {errors} errors",
        samples.len(),
        wall.as_secs_f64(),
        samples.len() as f64 / wall.as_secs_f64(),
        percentile(&samples, 0.50).as_secs_f64() * 1e3,
        percentile(&samples, 0.99).as_secs_f64() * 1e3,
    );
}
