//! hyper answers a request head it cannot take (too many header lines, a head larger than its
//! buffer, a malformed request line) by itself, with an empty body, before any handler runs.
//! This connection wrapper gives those answers the JSON error envelope every other error has:
//! it recognises hyper's own error response — a complete 4xx head with `content-length: 0` and
//! nothing after it, which `route` never writes — and sends the envelope in its place.

use std::io;
use std::pin::Pin;
use std::task::{ready, Context, Poll};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

pub struct JsonHeadErrors<S> {
    inner: S,
    /// The envelope response being written in place of hyper's: its bytes, how many are out,
    /// and how many bytes hyper handed over (reported back once all are out).
    pending: Option<(Vec<u8>, usize, usize)>,
}

impl<S> JsonHeadErrors<S> {
    pub fn new(inner: S) -> Self {
        Self {
            inner,
            pending: None,
        }
    }
}

/// hyper's bare error answer → the same status with the envelope, or `None` for anything else.
pub fn envelope_for(written: &[u8]) -> Option<Vec<u8>> {
    let head = std::str::from_utf8(written).ok()?;
    let status_line = head.strip_prefix("HTTP/1.1 ")?;
    if !head.ends_with("\r\n\r\n") || head.matches("\r\n\r\n").count() != 1 {
        return None;
    }
    let lines: Vec<&str> = head.trim_end().split("\r\n").collect();
    if !lines
        .iter()
        .any(|l| l.eq_ignore_ascii_case("content-length: 0"))
    {
        return None;
    }
    let code: u16 = status_line.get(..3)?.parse().ok()?;
    let message = match code {
        431 => "Request headers are too large or too many",
        414 => "Request URI is too long",
        400 => "Malformed HTTP request",
        _ => return None,
    };
    let status = http::StatusCode::from_u16(code).ok()?;
    let body = serde_json::json!({
        "statusCode": code,
        "message": message,
        "error": status.canonical_reason().unwrap_or("Error"),
    })
    .to_string();
    let mut out = String::new();
    out.push_str(lines[0]);
    out.push_str("\r\n");
    for line in &lines[1..] {
        if !line.to_ascii_lowercase().starts_with("content-length:") {
            out.push_str(line);
            out.push_str("\r\n");
        }
    }
    out.push_str("content-type: application/json\r\n");
    out.push_str(&format!("content-length: {}\r\n", body.len()));
    // hyper closes the connection after such an answer; say so.
    out.push_str("connection: close\r\n\r\n");
    out.push_str(&body);
    Some(out.into_bytes())
}

impl<S: AsyncRead + Unpin> AsyncRead for JsonHeadErrors<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for JsonHeadErrors<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = &mut *self;
        if this.pending.is_none() {
            match envelope_for(buf) {
                Some(replacement) => this.pending = Some((replacement, 0, buf.len())),
                None => return Pin::new(&mut this.inner).poll_write(cx, buf),
            }
        }
        let Some((bytes, written, handed)) = this.pending.as_mut() else {
            unreachable!("set above")
        };
        while *written < bytes.len() {
            let n = ready!(Pin::new(&mut this.inner).poll_write(cx, &bytes[*written..]))?;
            if n == 0 {
                return Poll::Ready(Err(io::ErrorKind::WriteZero.into()));
            }
            *written += n;
        }
        let handed = *handed;
        this.pending = None;
        Poll::Ready(Ok(handed))
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hypers_bare_431_becomes_the_envelope() {
        let bare = b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-length: 0\r\ndate: Mon, 30 Nov 2026 12:00:00 GMT\r\n\r\n";
        let out = String::from_utf8(envelope_for(bare).unwrap()).unwrap();
        let (head, body) = out.split_once("\r\n\r\n").unwrap();
        assert!(head.starts_with("HTTP/1.1 431 Request Header Fields Too Large\r\n"));
        assert!(head.contains("date: Mon, 30 Nov 2026"));
        assert!(head.contains("content-type: application/json"));
        assert!(head.contains(&format!("content-length: {}", body.len())));
        let body: serde_json::Value = serde_json::from_str(body).unwrap();
        assert_eq!(
            body,
            serde_json::json!({"statusCode": 431, "message": "Request headers are too large or too many", "error": "Request Header Fields Too Large"})
        );
    }

    #[test]
    fn responses_with_a_body_or_a_success_status_pass_unchanged() {
        // The handlers' own envelope answers.
        assert!(envelope_for(b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-type: application/json\r\ncontent-length: 20\r\n\r\n{\"statusCode\":431}\r\n").is_none());
        assert!(envelope_for(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n").is_none());
        // A head followed by a body in the same write.
        assert!(envelope_for(
            b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\nHTTP/1.1 200 OK\r\n\r\n"
        )
        .is_none());
        // Bytes that are not a response head at all (a body chunk).
        assert!(envelope_for(b"{\"status\":201}").is_none());
        assert!(envelope_for(&[0xff, 0xfe]).is_none());
    }
}
