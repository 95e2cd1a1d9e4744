//! The browser's only way out: an HTTP proxy on loopback that applies the crawler's guard to
//! every request Chromium makes — plain `GET`/`POST` by URL, and `CONNECT host:port` for HTTPS
//! and WebSockets — resolving host names itself and connecting only to permitted addresses, so
//! neither a page's script nor a rebinding DNS answer reaches a private network.

use bytes::Bytes;
use http::{Method, Request, Response, StatusCode};
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use url::Url;

use crate::domain::{NetworkPolicy, SiteUrl};
use crate::guard::GuardedResolver;

/// Largest request body a page may send (a form post).
const MAX_REQUEST_BYTES: usize = 1024 * 1024;
/// Largest response passed back to the browser (a script bundle, a JSON API reply).
const MAX_RESPONSE_BYTES: usize = 8 * 1024 * 1024;
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// Requests the proxy let through and refused.
#[derive(Debug, Default)]
pub struct ProxyStats {
    pub allowed: AtomicU64,
    pub blocked: AtomicU64,
}

pub struct GuardProxy {
    addr: SocketAddr,
    stop: watch::Sender<bool>,
    pub stats: Arc<ProxyStats>,
}

#[derive(Clone)]
struct Guard {
    policy: NetworkPolicy,
    client: reqwest::Client,
    stats: Arc<ProxyStats>,
}

impl GuardProxy {
    /// Listens on an ephemeral loopback port until dropped.
    pub async fn start(policy: NetworkPolicy, request_timeout: Duration) -> std::io::Result<Self> {
        let listener = TcpListener::bind((IpAddr::from([127, 0, 0, 1]), 0)).await?;
        let addr = listener.local_addr()?;
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(request_timeout)
            .dns_resolver(Arc::new(GuardedResolver { policy }))
            .gzip(true)
            .deflate(true)
            .build()
            .map_err(std::io::Error::other)?;
        let stats = Arc::new(ProxyStats::default());
        let guard = Guard {
            policy,
            client,
            stats: stats.clone(),
        };
        let (stop, stopped) = watch::channel(false);
        tokio::spawn(accept_loop(listener, guard, stopped));
        Ok(Self { addr, stop, stats })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }
}

impl Drop for GuardProxy {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
    }
}

async fn accept_loop(listener: TcpListener, guard: Guard, mut stopped: watch::Receiver<bool>) {
    loop {
        let stream = tokio::select! {
            _ = stopped.changed() => return,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(_) => continue,
            },
        };
        let guard = guard.clone();
        let mut stopped = stopped.clone();
        tokio::spawn(async move {
            let service = service_fn(move |req| {
                let guard = guard.clone();
                async move { Ok::<_, std::convert::Infallible>(guard.handle(req).await) }
            });
            let connection = http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .with_upgrades();
            tokio::select! {
                _ = stopped.changed() => {}
                _ = connection => {}
            }
        });
    }
}

fn refuse(status: StatusCode, why: &'static str) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from_static(why.as_bytes())));
    *response.status_mut() = status;
    response
}

impl Guard {
    async fn handle(&self, req: Request<Incoming>) -> Response<Full<Bytes>> {
        let response = if req.method() == Method::CONNECT {
            self.connect(req).await
        } else {
            self.forward(req).await
        };
        if response.status() == StatusCode::FORBIDDEN {
            self.stats.blocked.fetch_add(1, Ordering::Relaxed);
        } else {
            self.stats.allowed.fetch_add(1, Ordering::Relaxed);
        }
        response
    }

    /// `CONNECT host:port`: the tunnel opens only to a permitted address on a permitted port.
    async fn connect(&self, req: Request<Incoming>) -> Response<Full<Bytes>> {
        let Some(authority) = req.uri().authority().cloned() else {
            return refuse(StatusCode::BAD_REQUEST, "CONNECT needs host:port");
        };
        let host = authority.host().to_owned();
        let port = authority.port_u16().unwrap_or(443);
        let addrs = match self.connect_targets(&host, port).await {
            Some(addrs) => addrs,
            None => {
                tracing::debug!(%host, port, "browser CONNECT refused by the guard");
                return refuse(StatusCode::FORBIDDEN, "blocked by the network guard");
            }
        };
        let upstream =
            match tokio::time::timeout(CONNECT_TIMEOUT, TcpStream::connect(&addrs[..])).await {
                Ok(Ok(stream)) => stream,
                _ => return refuse(StatusCode::BAD_GATEWAY, "could not connect"),
            };
        tokio::spawn(async move {
            if let Ok(upgraded) = hyper::upgrade::on(req).await {
                let mut upgraded = TokioIo::new(upgraded);
                let mut upstream = upstream;
                let _ = tokio::io::copy_bidirectional(&mut upgraded, &mut upstream).await;
            }
        });
        Response::new(Full::new(Bytes::new()))
    }

    /// The addresses a tunnel to `host:port` may use: none unless the guard permits them.
    async fn connect_targets(&self, host: &str, port: u16) -> Option<Vec<SocketAddr>> {
        let bare = host.trim_start_matches('[').trim_end_matches(']');
        let lifted = self.policy.allows_host_port(bare, port);
        let policy = if lifted {
            NetworkPolicy::AllowPrivate
        } else {
            self.policy
        };
        if !lifted && policy != NetworkPolicy::AllowPrivate && !matches!(port, 80 | 443) {
            return None;
        }
        if let Ok(ip) = bare.parse::<IpAddr>() {
            return policy.permits(ip).then(|| vec![SocketAddr::new(ip, port)]);
        }
        // The same host-name rules as a crawled URL (no `localhost`, `*.internal`, …).
        let as_url = Url::parse(&format!("https://{bare}/")).ok()?;
        if !lifted && SiteUrl::check(&as_url, policy).is_err() {
            return None;
        }
        let resolved: Vec<SocketAddr> = tokio::net::lookup_host((bare, port))
            .await
            .ok()?
            .filter(|a| policy.permits(a.ip()))
            .collect();
        (!resolved.is_empty()).then_some(resolved)
    }

    /// A plain-HTTP request by absolute URL: checked like a crawled URL, sent through the
    /// guarded client (which re-checks every resolved address), answered in full.
    async fn forward(&self, req: Request<Incoming>) -> Response<Full<Bytes>> {
        let Ok(url) = Url::parse(&req.uri().to_string()) else {
            return refuse(StatusCode::BAD_REQUEST, "absolute URL expected");
        };
        if SiteUrl::check(&url, self.policy).is_err() {
            tracing::debug!(%url, "browser request refused by the guard");
            return refuse(StatusCode::FORBIDDEN, "blocked by the network guard");
        }
        let (parts, body) = req.into_parts();
        let Ok(body) = Limited::new(body, MAX_REQUEST_BYTES).collect().await else {
            return refuse(StatusCode::PAYLOAD_TOO_LARGE, "request body too large");
        };
        let mut headers = parts.headers;
        for hop in [
            "connection",
            "proxy-connection",
            "keep-alive",
            "proxy-authorization",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade",
            "host",
            // The client negotiates and decodes compression itself.
            "accept-encoding",
        ] {
            headers.remove(hop);
        }
        let sent = self
            .client
            .request(parts.method, url)
            .headers(headers)
            .body(body.to_bytes())
            .send()
            .await;
        let mut upstream = match sent {
            Ok(response) => response,
            Err(err) if crate::guard::is_blocked(&err) => {
                return refuse(StatusCode::FORBIDDEN, "blocked by the network guard")
            }
            Err(_) => return refuse(StatusCode::BAD_GATEWAY, "upstream failed"),
        };
        let status = upstream.status();
        let media = upstream
            .headers()
            .get(http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(is_media);
        if media {
            // Images, audio, video and fonts are never fetched for a page's text.
            return refuse(StatusCode::FORBIDDEN, "media is not fetched");
        }
        let mut body = Vec::new();
        loop {
            match upstream.chunk().await {
                Ok(Some(chunk)) => {
                    if body.len() + chunk.len() > MAX_RESPONSE_BYTES {
                        return refuse(StatusCode::BAD_GATEWAY, "response too large");
                    }
                    body.extend_from_slice(&chunk);
                }
                Ok(None) => break,
                Err(_) => return refuse(StatusCode::BAD_GATEWAY, "upstream failed"),
            }
        }
        let mut response = Response::new(Full::new(Bytes::from(body)));
        *response.status_mut() = status;
        for (name, value) in upstream.headers() {
            let name_str = name.as_str();
            if !matches!(
                name_str,
                "connection"
                    | "keep-alive"
                    | "transfer-encoding"
                    | "content-length"
                    | "content-encoding"
                    | "proxy-authenticate"
                    | "upgrade"
                    | "alt-svc"
            ) {
                response.headers_mut().append(name.clone(), value.clone());
            }
        }
        response
    }
}

fn is_media(content_type: &str) -> bool {
    let ct = content_type.trim_start().to_ascii_lowercase();
    ["image/", "audio/", "video/", "font/", "application/font"]
        .iter()
        .any(|p| ct.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    /// A loopback port that counts connections and answers each with a tiny HTTP page.
    async fn counted_server() -> (u16, Arc<AtomicU64>) {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let count = Arc::new(AtomicU64::new(0));
        let seen = count.clone();
        tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                seen.fetch_add(1, Ordering::SeqCst);
                tokio::spawn(async move {
                    let mut buf = [0u8; 2048];
                    let _ = stream.read(&mut buf).await;
                    let _ = stream
                        .write_all(b"HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok")
                        .await;
                });
            }
        });
        (port, count)
    }

    /// Sends one raw request to the proxy and returns the status line.
    async fn ask(proxy: SocketAddr, request: &str) -> String {
        let mut stream = TcpStream::connect(proxy).await.unwrap();
        stream.write_all(request.as_bytes()).await.unwrap();
        let mut buf = vec![0u8; 4096];
        let n = tokio::time::timeout(Duration::from_secs(10), stream.read(&mut buf))
            .await
            .unwrap()
            .unwrap();
        String::from_utf8_lossy(&buf[..n])
            .lines()
            .next()
            .unwrap_or_default()
            .to_owned()
    }

    #[tokio::test]
    async fn only_the_allowed_origin_is_reached_by_get_or_connect() {
        let (allowed_port, allowed_hits) = counted_server().await;
        let (other_port, other_hits) = counted_server().await;
        let policy = NetworkPolicy::Public
            .with_allowed_origins(&[format!("http://127.0.0.1:{allowed_port}")])
            .unwrap();
        let proxy = GuardProxy::start(policy, Duration::from_secs(5))
            .await
            .unwrap();
        let get = |port: u16, host: &str| {
            format!("GET http://{host}:{port}/x HTTP/1.1\r\nhost: {host}:{port}\r\n\r\n")
        };
        let status = ask(proxy.addr(), &get(allowed_port, "127.0.0.1")).await;
        assert!(status.contains("200"), "{status}");
        assert_eq!(allowed_hits.load(Ordering::SeqCst), 1);

        for request in [
            get(other_port, "127.0.0.1"),
            get(other_port, "localhost"),
            get(other_port, "[::ffff:127.0.0.1]"),
            format!("CONNECT 127.0.0.1:{other_port} HTTP/1.1\r\nhost: 127.0.0.1:{other_port}\r\n\r\n"),
            format!("CONNECT localhost:{other_port} HTTP/1.1\r\nhost: localhost:{other_port}\r\n\r\n"),
            "GET http://169.254.169.254/latest/meta-data/ HTTP/1.1\r\nhost: 169.254.169.254\r\n\r\n".to_owned(),
            "CONNECT 169.254.169.254:443 HTTP/1.1\r\nhost: 169.254.169.254:443\r\n\r\n".to_owned(),
            "CONNECT 10.0.0.1:443 HTTP/1.1\r\nhost: 10.0.0.1:443\r\n\r\n".to_owned(),
            "GET http://192.168.1.1/ HTTP/1.1\r\nhost: 192.168.1.1\r\n\r\n".to_owned(),
            "CONNECT [::1]:443 HTTP/1.1\r\nhost: [::1]:443\r\n\r\n".to_owned(),
            "CONNECT metadata.google.internal:80 HTTP/1.1\r\nhost: metadata.google.internal:80\r\n\r\n".to_owned(),
            // A public host on a non-web port (an SSH or database port).
            "CONNECT example.com:22 HTTP/1.1\r\nhost: example.com:22\r\n\r\n".to_owned(),
        ] {
            let status = ask(proxy.addr(), &request).await;
            assert!(status.contains("403"), "{request:?} → {status}");
        }
        assert_eq!(other_hits.load(Ordering::SeqCst), 0);
        assert_eq!(proxy.stats.blocked.load(Ordering::SeqCst), 12);

        // The allowed origin's host and port open a tunnel (a WebSocket, say).
        let status = ask(
            proxy.addr(),
            &format!("CONNECT 127.0.0.1:{allowed_port} HTTP/1.1\r\nhost: 127.0.0.1:{allowed_port}\r\n\r\n"),
        )
        .await;
        assert!(status.contains("200"), "{status}");
    }
}
