//! Delivering one webhook: SSRF-guarded like every request to a user's URL, no redirects
//! followed (a redirect is a failed delivery), bounded time, retries with backoff.

use async_trait::async_trait;
use std::sync::Arc;
use std::time::Duration;
use url::Url;

use super::signature::sign;
use crate::domain::webhook::{WebhookDelivery, WebhookStatus};
use crate::domain::{NetworkPolicy, SiteUrl};
use crate::guard::GuardedResolver;

#[async_trait]
pub trait WebhookSender: Send + Sync {
    /// Delivers `body` (the job record) to `url` within `budget`, retrying; reports how it went.
    async fn deliver(
        &self,
        url: &str,
        secret: &str,
        message_id: &str,
        body: &str,
        budget: Duration,
    ) -> WebhookDelivery;
}

pub struct HttpWebhookSender {
    client: reqwest::Client,
    policy: NetworkPolicy,
    attempts: u32,
    first_backoff: Duration,
}

impl HttpWebhookSender {
    pub fn new(policy: NetworkPolicy, user_agent: &str) -> Result<Self, reqwest::Error> {
        let client = reqwest::Client::builder()
            .user_agent(user_agent)
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(10))
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .dns_resolver(Arc::new(GuardedResolver { policy }))
            .build()?;
        Ok(Self {
            client,
            policy,
            attempts: 3,
            first_backoff: Duration::from_secs(1),
        })
    }

    /// Fewer, faster retries (tests).
    pub fn with_retries(mut self, attempts: u32, first_backoff: Duration) -> Self {
        self.attempts = attempts.max(1);
        self.first_backoff = first_backoff;
        self
    }
}

#[async_trait]
impl WebhookSender for HttpWebhookSender {
    async fn deliver(
        &self,
        url: &str,
        secret: &str,
        message_id: &str,
        body: &str,
        budget: Duration,
    ) -> WebhookDelivery {
        let started = tokio::time::Instant::now();
        let mut delivery = WebhookDelivery {
            status: WebhookStatus::Failed,
            attempts: 0,
            last_response_status: None,
        };
        let target = match Url::parse(url) {
            Ok(target) if SiteUrl::check(&target, self.policy).is_ok() => target,
            _ => return delivery,
        };
        let mut backoff = self.first_backoff;
        for attempt in 1..=self.attempts {
            delivery.attempts = attempt;
            let timestamp = time::OffsetDateTime::now_utc().unix_timestamp();
            let Ok(signature) = sign(secret, message_id, timestamp, body) else {
                return delivery;
            };
            let sent = self
                .client
                .post(target.clone())
                .header("content-type", "application/json")
                .header("webhook-id", message_id)
                .header("webhook-timestamp", timestamp.to_string())
                .header("webhook-signature", signature)
                .body(body.to_owned())
                .send()
                .await;
            match sent {
                Ok(response) => {
                    let status = response.status();
                    delivery.last_response_status = Some(status.as_u16());
                    if status.is_success() {
                        delivery.status = WebhookStatus::Delivered;
                        return delivery;
                    }
                    // A 4xx other than 408/429 will not change on retry.
                    let retryable =
                        status.is_server_error() || matches!(status.as_u16(), 408 | 429);
                    if !retryable {
                        return delivery;
                    }
                }
                Err(err) => {
                    tracing::info!(error = %err, attempt, "webhook delivery failed");
                }
            }
            if attempt == self.attempts || started.elapsed() + backoff >= budget {
                break;
            }
            tokio::time::sleep(backoff).await;
            backoff *= 2;
        }
        delivery
    }
}
