//! Fetching one page: rustls, no proxies, a guarded resolver, redirects checked hop by hop,
//! connect and whole-request timeouts, and a cap on (decompressed) body bytes.

use async_trait::async_trait;
use reqwest::redirect;
use std::sync::Arc;
use std::time::Duration;
use url::Url;

use super::charset::decode_html_owned;
use super::guard::{is_blocked, GuardedResolver};
use super::page_bytes::{HeldBytes, PageBytes};
use crate::domain::{NetworkPolicy, SiteUrl};

#[derive(Debug, Clone)]
pub struct FetchSettings {
    pub connect_timeout: Duration,
    pub request_timeout: Duration,
    pub max_body_bytes: usize,
    pub max_redirects: usize,
    pub user_agent: String,
}

impl Default for FetchSettings {
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(5),
            request_timeout: Duration::from_secs(15),
            max_body_bytes: 2 * 1024 * 1024,
            max_redirects: 5,
            user_agent: concat!(
                "AgentBuilderBot/",
                env!("CARGO_PKG_VERSION"),
                " (+https://github.com/agent-builder/agent-builder)"
            )
            .to_owned(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct FetchedPage {
    /// Where the page came from after redirects.
    pub url: Url,
    pub status: u16,
    pub content_type: Option<String>,
    /// Decoded text of an HTML page; empty for other types.
    pub text: String,
    /// The raw bytes of anything that is not HTML (robots.txt, sitemaps); empty for HTML,
    /// whose bytes live on only as `text`.
    pub body: Vec<u8>,
    /// Bytes read (after decompression), at most the configured cap.
    pub bytes: usize,
    /// The body was longer than the cap and was cut; the prefix is still usable.
    pub truncated: bool,
    /// `Retry-After` on a 429 or 503, in seconds or as an HTTP date.
    pub retry_after: Option<std::time::Duration>,
}

impl FetchedPage {
    pub fn is_html(&self) -> bool {
        self.content_type.as_deref().is_none_or(|ct| {
            let essence = ct
                .split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase();
            essence == "text/html" || essence == "application/xhtml+xml"
        })
    }
}

#[derive(Debug, Clone, thiserror::Error)]
pub enum FetchError {
    #[error("blocked address (private or local network)")]
    Blocked,
    #[error("{0}")]
    InvalidUrl(String),
    #[error("timed out")]
    Timeout,
    #[error("connection refused")]
    ConnectionRefused,
    #[error("the host name could not be resolved")]
    Dns,
    #[error("could not connect ({0})")]
    Connect(String),
    #[error("too many redirects")]
    TooManyRedirects,
    #[error("{0}")]
    Other(String),
}

#[async_trait]
pub trait Fetcher: Send + Sync {
    /// Fetches `url`, reading at most `max_bytes` of body (`None`: the configured page cap).
    async fn fetch_capped(
        &self,
        url: &Url,
        max_bytes: Option<usize>,
    ) -> Result<FetchedPage, FetchError>;

    /// Fetches a page under the configured page cap.
    async fn fetch(&self, url: &Url) -> Result<FetchedPage, FetchError> {
        self.fetch_capped(url, None).await
    }

    /// Fetches a page under the configured page cap, its body counted against `bytes` while it
    /// is read and until the returned [`HeldBytes`] is dropped.
    async fn fetch_held(
        &self,
        url: &Url,
        bytes: &Arc<PageBytes>,
    ) -> Result<(FetchedPage, HeldBytes), FetchError> {
        // A fetcher that cannot wait mid-body counts the page once it has it.
        let page = self.fetch(url).await?;
        let size = page.text.capacity() + page.body.capacity();
        let mut held = bytes.start_reading();
        held.grow_to(size).await;
        held.finish_reading(size);
        Ok((page, held))
    }
}

/// The smallest step a body's buffer grows by when its length is not known up front.
const MIN_BODY_STEP: usize = 64 * 1024;

#[derive(Clone)]
pub struct HttpFetcher {
    client: reqwest::Client,
    settings: FetchSettings,
    policy: NetworkPolicy,
}

/// Marks a redirect we refused, so the error can say why.
#[derive(Debug, thiserror::Error)]
enum RedirectRefused {
    #[error("too many redirects")]
    TooMany,
    #[error("redirected to a blocked address")]
    Blocked,
    #[error("redirected to an unsupported URL")]
    Invalid,
}

impl HttpFetcher {
    pub fn new(settings: FetchSettings, policy: NetworkPolicy) -> Result<Self, reqwest::Error> {
        let max_redirects = settings.max_redirects;
        let redirect_policy = redirect::Policy::custom(move |attempt| {
            if attempt.previous().len() > max_redirects {
                return attempt.error(RedirectRefused::TooMany);
            }
            match SiteUrl::check(attempt.url(), policy) {
                Ok(()) => attempt.follow(),
                Err(crate::domain::site_url::InvalidUrl::PrivateAddress) => {
                    attempt.error(RedirectRefused::Blocked)
                }
                Err(_) => attempt.error(RedirectRefused::Invalid),
            }
        });
        let client = reqwest::Client::builder()
            .user_agent(settings.user_agent.clone())
            .connect_timeout(settings.connect_timeout)
            .redirect(redirect_policy)
            .no_proxy()
            .dns_resolver(Arc::new(GuardedResolver { policy }))
            .gzip(true)
            .deflate(true)
            .build()?;
        Ok(Self {
            client,
            settings,
            policy,
        })
    }
}

#[async_trait]
impl Fetcher for HttpFetcher {
    async fn fetch_capped(
        &self,
        url: &Url,
        max_bytes: Option<usize>,
    ) -> Result<FetchedPage, FetchError> {
        self.fetch_with(url, max_bytes, None)
            .await
            .map(|(page, _)| page)
    }

    async fn fetch_held(
        &self,
        url: &Url,
        bytes: &Arc<PageBytes>,
    ) -> Result<(FetchedPage, HeldBytes), FetchError> {
        let (page, held) = self.fetch_with(url, None, Some(bytes)).await?;
        Ok((page, held.expect("a budgeted fetch holds its bytes")))
    }
}

impl HttpFetcher {
    /// The request; with `bytes`, the body's buffer grows only as the budget allows. The
    /// request's timeout counts the server's time (connecting, answering, sending the body),
    /// not the time a read waits for page bytes held by pages not yet parsed.
    async fn fetch_with(
        &self,
        url: &Url,
        max_bytes: Option<usize>,
        bytes: Option<&Arc<PageBytes>>,
    ) -> Result<(FetchedPage, Option<HeldBytes>), FetchError> {
        SiteUrl::check(url, self.policy).map_err(|e| match e {
            crate::domain::site_url::InvalidUrl::PrivateAddress => FetchError::Blocked,
            other => FetchError::InvalidUrl(other.to_string()),
        })?;
        let mut server_time = ServerTime::new(self.settings.request_timeout);
        let request = self
            .client
            .get(url.clone())
            .header(
                reqwest::header::ACCEPT,
                "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
            )
            .send();
        let mut response = server_time
            .run(request)
            .await
            .ok_or(FetchError::Timeout)?
            .map_err(classify)?;
        // reqwest hands back a redirect it would not follow (no Location, a non-http scheme).
        if response.status().is_redirection() {
            return Err(FetchError::InvalidUrl(
                "redirected to an unsupported URL".into(),
            ));
        }
        let status = response.status().as_u16();
        let final_url = response.url().clone();
        let content_type = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let retry_after = response
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(parse_retry_after);
        // Images, audio, video and fonts are never read: their bytes are of no use to us.
        let cap = if page_is_media(content_type.as_deref()) {
            0
        } else {
            max_bytes.unwrap_or(self.settings.max_body_bytes)
        };
        // Sized from Content-Length up front: growing by doubling would hold up to twice the cap.
        let expected = response
            .content_length()
            .map_or(0, |n| usize::try_from(n).unwrap_or(usize::MAX).min(cap));
        let mut held = bytes.map(|b| b.start_reading());
        if let Some(held) = &mut held {
            held.grow_to(expected).await;
        }
        let mut body = Vec::with_capacity(expected);
        let mut truncated = false;
        loop {
            let Some(next) = server_time.run(response.chunk()).await else {
                // Out of time: a body cut short by the clock is still worth reading.
                if body.is_empty() {
                    return Err(FetchError::Timeout);
                }
                truncated = true;
                break;
            };
            match next {
                Ok(Some(chunk)) => {
                    let room = cap - body.len();
                    let take = chunk.len().min(room);
                    let needed = body.len() + take;
                    if needed > body.capacity() {
                        // Grown here rather than by `extend`, so the budget sees each step first.
                        let grown = needed.max(body.capacity() * 2).max(MIN_BODY_STEP).min(cap);
                        if let Some(held) = &mut held {
                            held.grow_to(grown).await;
                        }
                        body.reserve_exact(grown - body.len());
                    }
                    body.extend_from_slice(&chunk[..take]);
                    if chunk.len() > room {
                        truncated = true;
                        break;
                    }
                }
                Ok(None) => break,
                // A body cut short by the server or the clock is still worth reading.
                Err(_) if !body.is_empty() => {
                    truncated = true;
                    break;
                }
                Err(e) => return Err(classify(e)),
            }
        }
        let mut page = FetchedPage {
            url: final_url,
            status,
            content_type,
            text: String::new(),
            body: Vec::new(),
            bytes: body.len(),
            truncated,
            retry_after,
        };
        if held.is_some() && body.capacity() - body.len() > body.len() / 8 {
            // Kept until its page is parsed: no room left over (a large buffer is remapped).
            body.shrink_to_fit();
        }
        if page.is_html() {
            page.text = decode_html_owned(body, page.content_type.as_deref());
        } else {
            page.body = body;
        }
        if let Some(held) = &mut held {
            held.finish_reading(page.text.capacity() + page.body.capacity());
        }
        Ok((page, held))
    }
}

/// The time a request may spend waiting for the server, spent only while it waits for it.
struct ServerTime {
    left: Duration,
}

impl ServerTime {
    fn new(limit: Duration) -> Self {
        Self { left: limit }
    }

    /// `step`'s output, or `None` when the time ran out first.
    async fn run<T>(&mut self, step: impl std::future::Future<Output = T>) -> Option<T> {
        let started = tokio::time::Instant::now();
        let out = tokio::time::timeout(self.left, step).await.ok();
        self.left = self.left.saturating_sub(started.elapsed());
        out
    }
}

/// `Retry-After: 120` or `Retry-After: Wed, 21 Oct 2026 07:28:00 GMT`.
fn parse_retry_after(value: &str) -> Option<std::time::Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(std::time::Duration::from_secs(seconds));
    }
    let at =
        time::OffsetDateTime::parse(value, &time::format_description::well_known::Rfc2822).ok()?;
    let wait = at - time::OffsetDateTime::now_utc();
    Some(std::time::Duration::from_secs(
        wait.whole_seconds().max(0) as u64
    ))
}

fn page_is_media(content_type: Option<&str>) -> bool {
    content_type.is_some_and(|ct| {
        let ct = ct.trim_start().to_ascii_lowercase();
        ["image/", "audio/", "video/", "font/"]
            .iter()
            .any(|p| ct.starts_with(p))
    })
}

/// Turns reqwest's error into the reason a person can act on.
fn classify(err: reqwest::Error) -> FetchError {
    if is_blocked(&err) {
        return FetchError::Blocked;
    }
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(&err);
    while let Some(e) = source {
        if let Some(refused) = e.downcast_ref::<RedirectRefused>() {
            return match refused {
                RedirectRefused::TooMany => FetchError::TooManyRedirects,
                RedirectRefused::Blocked => FetchError::Blocked,
                RedirectRefused::Invalid => {
                    FetchError::InvalidUrl("redirected to an unsupported URL".into())
                }
            };
        }
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            match io.kind() {
                std::io::ErrorKind::ConnectionRefused => return FetchError::ConnectionRefused,
                std::io::ErrorKind::TimedOut => return FetchError::Timeout,
                _ => {}
            }
            let text = io.to_string();
            if text.contains("failed to lookup address")
                || text.contains("Name or service not known")
            {
                return FetchError::Dns;
            }
        }
        source = e.source();
    }
    if err.is_timeout() {
        FetchError::Timeout
    } else if err.is_redirect() {
        FetchError::TooManyRedirects
    } else if err.is_connect() {
        FetchError::Connect(root_cause(&err))
    } else {
        FetchError::Other(root_cause(&err))
    }
}

fn root_cause(err: &(dyn std::error::Error + 'static)) -> String {
    let mut current = err;
    while let Some(next) = current.source() {
        current = next;
    }
    current.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_in_seconds_or_as_a_date() {
        assert_eq!(
            parse_retry_after(" 7 "),
            Some(std::time::Duration::from_secs(7))
        );
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(std::time::Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon"), None);
    }

    #[test]
    fn media_bodies_are_not_read() {
        assert!(page_is_media(Some("image/png")));
        assert!(page_is_media(Some("VIDEO/mp4")));
        assert!(!page_is_media(Some("text/html")));
        assert!(!page_is_media(Some("application/xml")));
        assert!(!page_is_media(None));
    }
}
