//! The smallest Lambda function the runtime allows: it answers every event with `null`. The
//! cold-start benchmark runs it beside the real functions, in the same run and built with the
//! same profile, as the floor their init is compared with.

use lambda_runtime::{run, service_fn, Error, LambdaEvent};

#[tokio::main]
async fn main() -> Result<(), Error> {
    run(service_fn(|_: LambdaEvent<serde_json::Value>| async {
        Ok::<_, Error>(serde_json::Value::Null)
    }))
    .await
}
