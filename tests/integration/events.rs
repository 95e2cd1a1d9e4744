//! Job events reach EventBridge (moto's, locally): a rule on the bus forwards them to a queue,
//! as an integration's subscription would.

use aws_sdk_eventbridge::types::Target;
use serde_json::{json, Value};
use std::collections::HashMap;

use crate::helpers::{closed_port, fixture_site, html, stack};

#[tokio::test]
async fn completed_and_failed_jobs_are_published_to_the_bus() {
    let stack = stack().await;
    let events = aws_sdk_eventbridge::Client::new(&stack.sdk);
    // A bus of this test's own, subscribed to by a queue.
    let bus = format!("{}-bus", stack.resources.tables.jobs);
    events.create_event_bus().name(&bus).send().await.unwrap();
    let inbox = stack
        .sqs
        .create_queue()
        .queue_name(format!("{bus}-inbox"))
        .send()
        .await
        .unwrap();
    let inbox_url = inbox.queue_url().unwrap().to_owned();
    let inbox_arn = stack
        .sqs
        .get_queue_attributes()
        .queue_url(&inbox_url)
        .attribute_names(aws_sdk_sqs::types::QueueAttributeName::QueueArn)
        .send()
        .await
        .unwrap()
        .attributes()
        .unwrap()[&aws_sdk_sqs::types::QueueAttributeName::QueueArn]
        .clone();
    events
        .put_rule()
        .name("agent-builder-jobs")
        .event_bus_name(&bus)
        .event_pattern(json!({"source": ["agent-builder"]}).to_string())
        .send()
        .await
        .unwrap();
    events
        .put_targets()
        .rule("agent-builder-jobs")
        .event_bus_name(&bus)
        .targets(
            Target::builder()
                .id("inbox")
                .arn(inbox_arn)
                .build()
                .unwrap(),
        )
        .send()
        .await
        .unwrap();

    let mut config = stack.config(50);
    config.event_bus_name = Some(bus.clone());
    let server = stack.dev_server(&config).await;
    let api = crate::helpers::Api::new(
        format!("http://{}", server.addr),
        stack.api_key("ws-events").await,
    );
    let site = fixture_site(HashMap::from([(
        "/",
        html("<title>Pine Street Yoga</title>"),
    )]))
    .await;
    let (_, _, ok) = api.create(json!({ "website_url": site })).await;
    let ok_id = ok["data"]["job_id"].as_str().unwrap().to_owned();
    let down = format!("http://127.0.0.1:{}/", closed_port().await);
    let (_, _, bad) = api.create(json!({ "website_url": down })).await;
    let bad_id = bad["data"]["job_id"].as_str().unwrap().to_owned();
    let completed = api.wait_for_job(&ok_id).await;
    let failed = api.wait_for_job(&bad_id).await;

    let mut received: HashMap<String, Value> = HashMap::new();
    for _ in 0..20 {
        let out = stack
            .sqs
            .receive_message()
            .queue_url(&inbox_url)
            .max_number_of_messages(10)
            .wait_time_seconds(1)
            .send()
            .await
            .unwrap();
        for message in out.messages() {
            let event: Value = serde_json::from_str(message.body().unwrap()).unwrap();
            received.insert(
                event["detail"]["job_id"].as_str().unwrap().to_owned(),
                event,
            );
        }
        if received.len() == 2 {
            break;
        }
    }
    assert_eq!(received.len(), 2, "{received:?}");
    let event = &received[&ok_id];
    assert_eq!(event["source"], "agent-builder");
    assert_eq!(event["detail-type"], "Agent Builder Job Completed");
    assert_eq!(event["detail"]["workspace_id"], "ws-events");
    assert_eq!(event["detail"]["agent_id"], completed["agent_id"]);
    assert_eq!(event["detail"]["status"], "completed");
    let event = &received[&bad_id];
    assert_eq!(event["detail-type"], "Agent Builder Job Failed");
    assert_eq!(event["detail"]["error"], failed["error"]);
    server.shutdown().await;
}
