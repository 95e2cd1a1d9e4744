//! EventBridge adapter.

use async_trait::async_trait;
use aws_sdk_eventbridge::types::PutEventsRequestEntry;

use crate::events::{EventError, JobEvent, JobEvents, SOURCE};

pub struct EventBridgeEvents {
    client: aws_sdk_eventbridge::Client,
    bus: String,
}

impl EventBridgeEvents {
    pub fn new(client: aws_sdk_eventbridge::Client, bus: impl Into<String>) -> Self {
        Self {
            client,
            bus: bus.into(),
        }
    }
}

#[async_trait]
impl JobEvents for EventBridgeEvents {
    async fn publish(&self, event: &JobEvent) -> Result<(), EventError> {
        let entry = PutEventsRequestEntry::builder()
            .event_bus_name(&self.bus)
            .source(SOURCE)
            .detail_type(event.detail_type)
            .detail(event.detail.to_string())
            .build();
        let out = self
            .client
            .put_events()
            .entries(entry)
            .send()
            .await
            .map_err(|e| EventError(Box::new(e)))?;
        // PutEvents succeeds as a call even when an entry was refused.
        if out.failed_entry_count() > 0 {
            let reason = out
                .entries()
                .iter()
                .find_map(|e| e.error_message().map(str::to_owned))
                .unwrap_or_else(|| "entry refused".to_owned());
            return Err(EventError(reason.into()));
        }
        Ok(())
    }
}
