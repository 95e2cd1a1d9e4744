//! The local dev server: routes HTTP requests to the same handler functions the Lambdas run,
//! and polls the job queue, handing the worker handler real `SqsEvent` batches as the event
//! source mapping would (deleting what succeeded, leaving failures for redelivery). Like the
//! job reaper on AWS it also consumes the dead-letter queue and sweeps lapsed leases on an
//! interval, with the same code.

use aws_lambda_events::sqs::{SqsEvent, SqsMessage};
use aws_sdk_sqs::types::MessageSystemAttributeName;
use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use lambda_http::http::header::{HeaderValue, ALLOW};
use lambda_http::http::{Method, StatusCode};
use lambda_http::RequestExt;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::watch;

use agent_builder_api::{create_job, envelope, get_agent, get_job, CreateJobDeps, GetJobDeps};
use agent_builder_core::time::{Deadline, UnixMillis};
use agent_builder_engine::reaper::{handle_dead_letters, sweep, ReaperDeps};
use agent_builder_engine::worker::{handle_batch, WorkerDeps};

use crate::head_errors::JsonHeadErrors;

/// Bodies beyond this are cut off before the handler sees them (it rejects > 64 KiB anyway).
const MAX_READ_BYTES: usize = 1024 * 1024;
/// API Gateway HTTP API's limit on the request line plus headers.
const MAX_HEADER_BYTES: usize = 10 * 1024;
/// What the template gives the worker Lambda.
const WORKER_TIMEOUT: Duration = Duration::from_secs(180);
/// The template's event source mapping batch size.
const BATCH_SIZE: i32 = 5;
/// What the template gives the job reaper Lambda.
const REAPER_TIMEOUT: Duration = Duration::from_secs(60);
/// Header lines hyper accepts before answering 431 itself (its default is 100). API Gateway
/// counts bytes, not lines, so a request under 10 KiB of headers must reach `route`, which
/// applies the byte limit with the JSON envelope.
const MAX_HEADER_LINES: usize = 1024;
/// How often the dev server sweeps lapsed leases unless told otherwise.
pub const DEFAULT_SWEEP_INTERVAL: Duration = Duration::from_secs(30);

pub struct DevServer {
    pub create: CreateJobDeps,
    pub get: GetJobDeps,
    pub worker: WorkerDeps,
    pub reaper: ReaperDeps,
    pub sqs: aws_sdk_sqs::Client,
    pub job_queue_url: String,
    pub dead_letter_queue_url: String,
    /// How often lapsed leases are swept (the schedule of the reaper on AWS).
    pub sweep_interval: Duration,
}

/// A running server; dropping it does not stop it, [`DevServerHandle::shutdown`] does.
pub struct DevServerHandle {
    pub addr: SocketAddr,
    stop: watch::Sender<bool>,
    tasks: Vec<tokio::task::JoinHandle<()>>,
}

impl DevServerHandle {
    pub async fn shutdown(self) {
        let _ = self.stop.send(true);
        for task in self.tasks {
            let _ = task.await;
        }
    }

    /// Runs until Ctrl-C.
    pub async fn wait_for_ctrl_c(self) {
        let _ = tokio::signal::ctrl_c().await;
        self.shutdown().await;
    }
}

impl DevServer {
    pub fn start(self, listener: TcpListener) -> std::io::Result<DevServerHandle> {
        let addr = listener.local_addr()?;
        let server = Arc::new(self);
        let (stop, stopped) = watch::channel(false);
        let http = tokio::spawn(serve_http(server.clone(), listener, stopped.clone()));
        let poller = tokio::spawn(poll_queue(server.clone(), Source::Jobs, stopped.clone()));
        let dead_letters = tokio::spawn(poll_queue(
            server.clone(),
            Source::DeadLetters,
            stopped.clone(),
        ));
        let sweeper = tokio::spawn(sweep_leases(server, stopped));
        Ok(DevServerHandle {
            addr,
            stop,
            tasks: vec![http, poller, dead_letters, sweeper],
        })
    }
}

async fn serve_http(
    server: Arc<DevServer>,
    listener: TcpListener,
    mut stopped: watch::Receiver<bool>,
) {
    loop {
        let (stream, _) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(conn) => conn,
                Err(e) => {
                    tracing::warn!(error = %e, "accept failed");
                    continue;
                }
            },
            _ = stopped.changed() => return,
        };
        let server = server.clone();
        tokio::spawn(async move {
            let service = service_fn(move |req| {
                let server = server.clone();
                async move { Ok::<_, std::convert::Infallible>(route(&server, req).await) }
            });
            if let Err(e) = http1::Builder::new()
                .max_buf_size(64 * 1024)
                .max_headers(MAX_HEADER_LINES)
                .serve_connection(TokioIo::new(JsonHeadErrors::new(stream)), service)
                .await
            {
                tracing::debug!(error = %e, "connection ended with an error");
            }
        });
    }
}

async fn route(
    server: &DevServer,
    req: hyper::Request<hyper::body::Incoming>,
) -> hyper::Response<Full<Bytes>> {
    let (parts, body) = req.into_parts();
    // API Gateway refuses requests whose request line and headers exceed 10 KiB; so do we.
    let header_bytes: usize = parts.uri.to_string().len()
        + parts
            .headers
            .iter()
            .map(|(name, value)| name.as_str().len() + value.len())
            .sum::<usize>();
    if header_bytes > MAX_HEADER_BYTES {
        return to_hyper(envelope::error(
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            "Request headers are larger than 10 KiB",
        ));
    }
    let path = parts.uri.path().to_owned();
    let body = match Limited::new(body, MAX_READ_BYTES).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(_) => {
            return to_hyper(envelope::error(
                StatusCode::BAD_REQUEST,
                "Request body is larger than 64 KiB",
            ));
        }
    };
    let lambda_body = match String::from_utf8(body.to_vec()) {
        Ok(text) if text.is_empty() => lambda_http::Body::Empty,
        Ok(text) => lambda_http::Body::Text(text),
        Err(e) => lambda_http::Body::Binary(e.into_bytes()),
    };
    let request = lambda_http::Request::from_parts(parts, lambda_body);
    let segments: Vec<&str> = path.trim_end_matches('/').split('/').skip(1).collect();
    let response = match (request.method(), segments.as_slice()) {
        (&Method::POST, ["agent-builder"]) => create_job(&server.create, request).await,
        (&Method::GET, ["agent-builder", job_id]) => {
            let params = HashMap::from([("job_id".to_owned(), (*job_id).to_owned())]);
            get_job(&server.get, request.with_path_parameters(params)).await
        }
        (&Method::GET, ["agents", agent_id]) => {
            let params = HashMap::from([("agent_id".to_owned(), (*agent_id).to_owned())]);
            get_agent(&server.get, request.with_path_parameters(params)).await
        }
        (_, ["agent-builder"]) => method_not_allowed("POST"),
        (_, ["agent-builder", _]) | (_, ["agents", _]) => method_not_allowed("GET"),
        _ => envelope::error(StatusCode::NOT_FOUND, "Route not found"),
    };
    to_hyper(response)
}

/// 405 for a route that only answers `allowed`, with the `Allow` header RFC 9110 requires.
fn method_not_allowed(allowed: &'static str) -> lambda_http::Response<lambda_http::Body> {
    let mut response = envelope::error(
        StatusCode::METHOD_NOT_ALLOWED,
        "Method not allowed on this route",
    );
    response
        .headers_mut()
        .insert(ALLOW, HeaderValue::from_static(allowed));
    response
}

fn to_hyper(response: lambda_http::Response<lambda_http::Body>) -> hyper::Response<Full<Bytes>> {
    let (parts, body) = response.into_parts();
    let bytes = match body {
        lambda_http::Body::Empty => Bytes::new(),
        lambda_http::Body::Text(text) => Bytes::from(text),
        lambda_http::Body::Binary(data) => Bytes::from(data),
        _ => Bytes::new(),
    };
    hyper::Response::from_parts(parts, Full::new(bytes))
}

/// Received messages as the `SqsEvent` Lambda's event source mapping would deliver them.
pub fn sqs_event(messages: Vec<aws_sdk_sqs::types::Message>) -> SqsEvent {
    let mut event = SqsEvent::default();
    for message in messages {
        let mut record = SqsMessage::default();
        record.message_id = message.message_id;
        record.receipt_handle = message.receipt_handle;
        record.body = message.body;
        record.md5_of_body = message.md5_of_body;
        record.attributes = message
            .attributes
            .unwrap_or_default()
            .into_iter()
            .map(|(k, v)| (k.as_str().to_owned(), v))
            .collect();
        record.event_source = Some("aws:sqs".to_owned());
        event.records.push(record);
    }
    event
}

/// Which queue a poller consumes, and which handler gets its batches.
#[derive(Clone, Copy)]
enum Source {
    Jobs,
    DeadLetters,
}

async fn poll_queue(server: Arc<DevServer>, source: Source, mut stopped: watch::Receiver<bool>) {
    let queue_url = match source {
        Source::Jobs => &server.job_queue_url,
        Source::DeadLetters => &server.dead_letter_queue_url,
    };
    loop {
        let received = tokio::select! {
            r = server
                .sqs
                .receive_message()
                .queue_url(queue_url)
                .max_number_of_messages(BATCH_SIZE)
                .wait_time_seconds(1)
                .message_system_attribute_names(MessageSystemAttributeName::All)
                .send() => r,
            _ = stopped.changed() => return,
        };
        let messages = match received {
            Ok(out) => out.messages.unwrap_or_default(),
            Err(e) => {
                tracing::warn!(error = %e, queue_url, "receiving from the queue failed");
                tokio::time::sleep(Duration::from_secs(1)).await;
                continue;
            }
        };
        if messages.is_empty() {
            continue;
        }
        let mut receipts: HashMap<String, String> = messages
            .iter()
            .filter_map(|m| Some((m.message_id.clone()?, m.receipt_handle.clone()?)))
            .collect();
        let event = sqs_event(messages);
        let response = match source {
            Source::Jobs => handle_batch(&server.worker, event, deadline(WORKER_TIMEOUT)).await,
            Source::DeadLetters => {
                handle_dead_letters(&server.reaper, event, deadline(REAPER_TIMEOUT)).await
            }
        };
        for failure in &response.batch_item_failures {
            receipts.remove(&failure.item_identifier);
        }
        for handle in receipts.into_values() {
            if let Err(e) = server
                .sqs
                .delete_message()
                .queue_url(queue_url)
                .receipt_handle(handle)
                .send()
                .await
            {
                tracing::warn!(error = %e, "deleting a processed message failed");
            }
        }
    }
}

/// The reaper's schedule: a sweep over lapsed leases every `sweep_interval`.
async fn sweep_leases(server: Arc<DevServer>, mut stopped: watch::Receiver<bool>) {
    let mut ticks = tokio::time::interval(server.sweep_interval.max(Duration::from_secs(1)));
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = ticks.tick() => {}
            _ = stopped.changed() => return,
        }
        sweep(&server.reaper, deadline(REAPER_TIMEOUT)).await;
    }
}

/// `timeout` from now: the deadline a Lambda invocation would get.
fn deadline(timeout: Duration) -> Deadline {
    Deadline::after(UnixMillis::from(time::OffsetDateTime::now_utc()), timeout)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn method_not_allowed_names_the_allowed_method() {
        let response = method_not_allowed("POST");
        assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
        assert_eq!(response.headers()[ALLOW], "POST");
        let body: serde_json::Value = serde_json::from_slice(response.body().as_ref()).unwrap();
        assert_eq!(
            body,
            serde_json::json!({"statusCode": 405, "message": "Method not allowed on this route", "error": "Method Not Allowed"})
        );
        assert_eq!(method_not_allowed("GET").headers()[ALLOW], "GET");
    }
}
