//! A small Chrome DevTools Protocol client over `--remote-debugging-pipe`: the browser reads
//! NUL-terminated JSON commands on its fd 3 and writes replies and events on its fd 4. No port
//! is opened, so nothing else on the machine can drive the browser.

use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::unix::pipe;
use tokio::sync::{mpsc, oneshot};

/// Largest message accepted from the browser (a DOM snapshot is the biggest).
const MAX_MESSAGE_BYTES: usize = 64 * 1024 * 1024;

#[derive(Debug, Clone, thiserror::Error)]
pub enum CdpError {
    #[error("the browser closed its DevTools pipe")]
    Closed,
    #[error("{method} failed: {message}")]
    Command { method: String, message: String },
    #[error("the browser sent an unreadable message")]
    Protocol,
}

/// An event from the browser, with the session it belongs to (if any).
#[derive(Debug, Clone)]
pub struct Event {
    pub method: String,
    pub params: Value,
    pub session_id: Option<String>,
}

type Pending = Arc<Mutex<HashMap<u64, oneshot::Sender<Result<Value, CdpError>>>>>;

pub struct Cdp {
    writer: tokio::sync::Mutex<pipe::Sender>,
    pending: Pending,
    next_id: AtomicU64,
    reader: tokio::task::JoinHandle<()>,
}

impl Cdp {
    /// Starts reading `from_browser`; events go to the returned receiver.
    pub fn new(
        to_browser: pipe::Sender,
        from_browser: pipe::Receiver,
    ) -> (Self, mpsc::UnboundedReceiver<Event>) {
        let pending: Pending = Arc::new(Mutex::new(HashMap::new()));
        let (events_tx, events_rx) = mpsc::unbounded_channel();
        let reader = tokio::spawn(read_loop(from_browser, pending.clone(), events_tx));
        (
            Self {
                writer: tokio::sync::Mutex::new(to_browser),
                pending,
                next_id: AtomicU64::new(1),
                reader,
            },
            events_rx,
        )
    }

    /// Sends one command and waits for its reply (the caller bounds the wait).
    pub async fn call(
        &self,
        method: &str,
        params: Value,
        session_id: Option<&str>,
    ) -> Result<Value, CdpError> {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let mut message = json!({ "id": id, "method": method, "params": params });
        if let Some(session) = session_id {
            message["sessionId"] = Value::String(session.to_owned());
        }
        let (tx, rx) = oneshot::channel();
        self.pending
            .lock()
            .expect("pending poisoned")
            .insert(id, tx);
        let mut bytes = serde_json::to_vec(&message).map_err(|_| CdpError::Protocol)?;
        bytes.push(0);
        {
            let mut writer = self.writer.lock().await;
            if writer.write_all(&bytes).await.is_err() {
                self.pending.lock().expect("pending poisoned").remove(&id);
                return Err(CdpError::Closed);
            }
        }
        match rx.await {
            Ok(Ok(result)) => Ok(result),
            Ok(Err(CdpError::Command { message, .. })) => Err(CdpError::Command {
                method: method.to_owned(),
                message,
            }),
            Ok(Err(e)) => Err(e),
            Err(_) => Err(CdpError::Closed),
        }
    }
}

impl Drop for Cdp {
    fn drop(&mut self) {
        self.reader.abort();
    }
}

async fn read_loop(
    mut from_browser: pipe::Receiver,
    pending: Pending,
    events: mpsc::UnboundedSender<Event>,
) {
    let mut buffer: Vec<u8> = Vec::new();
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        let n = match from_browser.read(&mut chunk).await {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        buffer.extend_from_slice(&chunk[..n]);
        while let Some(end) = buffer.iter().position(|b| *b == 0) {
            let message: Vec<u8> = buffer.drain(..=end).collect();
            dispatch(&message[..message.len() - 1], &pending, &events);
        }
        if buffer.len() > MAX_MESSAGE_BYTES {
            break;
        }
    }
    // The browser is gone: every waiting command learns so.
    for (_, waiter) in pending.lock().expect("pending poisoned").drain() {
        let _ = waiter.send(Err(CdpError::Closed));
    }
}

fn dispatch(message: &[u8], pending: &Pending, events: &mpsc::UnboundedSender<Event>) {
    let Ok(value) = serde_json::from_slice::<Value>(message) else {
        return;
    };
    if let Some(id) = value.get("id").and_then(Value::as_u64) {
        let waiter = pending.lock().expect("pending poisoned").remove(&id);
        if let Some(waiter) = waiter {
            let reply = match value.get("error") {
                Some(error) => Err(CdpError::Command {
                    method: String::new(),
                    message: error
                        .get("message")
                        .and_then(Value::as_str)
                        .unwrap_or("unknown error")
                        .to_owned(),
                }),
                None => Ok(value.get("result").cloned().unwrap_or(Value::Null)),
            };
            let _ = waiter.send(reply);
        }
        return;
    }
    if let Some(method) = value.get("method").and_then(Value::as_str) {
        let _ = events.send(Event {
            method: method.to_owned(),
            params: value.get("params").cloned().unwrap_or(Value::Null),
            session_id: value
                .get("sessionId")
                .and_then(Value::as_str)
                .map(str::to_owned),
        });
    }
}
