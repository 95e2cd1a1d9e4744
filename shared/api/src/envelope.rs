//! Response envelopes of the public API: `{"status","message","data"}` on success,
//! `{"statusCode","message","error"}` on failure.

use lambda_http::http::header::{HeaderMap, HeaderName, HeaderValue, CONTENT_TYPE};
use lambda_http::http::StatusCode;
use lambda_http::{Body, Response};
use serde_json::{json, Value};

pub fn success(status: StatusCode, message: &str, data: Value) -> Response<Body> {
    json_response(
        status,
        &json!({ "status": status.as_u16(), "message": message, "data": data }),
    )
}

pub fn error(status: StatusCode, message: &str) -> Response<Body> {
    json_response(
        status,
        &json!({
            "statusCode": status.as_u16(),
            "message": message,
            "error": status.canonical_reason().unwrap_or("Error"),
        }),
    )
}

fn json_response(status: StatusCode, body: &Value) -> Response<Body> {
    let mut response = Response::new(Body::Text(body.to_string()));
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

/// Inserts a header whose value we built ourselves (digits, paths): never fails in practice,
/// and a value that cannot be a header is dropped rather than panicking.
pub fn insert_header(headers: &mut HeaderMap, name: &'static str, value: String) {
    if let Ok(value) = HeaderValue::try_from(value) {
        headers.insert(HeaderName::from_static(name), value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body_json(response: &Response<Body>) -> Value {
        serde_json::from_slice(response.body().as_ref()).unwrap()
    }

    #[test]
    fn success_envelope_matches_the_public_api() {
        let r = success(
            StatusCode::CREATED,
            "Agent builder job created",
            json!({"job_id": "x"}),
        );
        assert_eq!(r.status(), 201);
        assert_eq!(r.headers()[CONTENT_TYPE], "application/json");
        assert_eq!(
            body_json(&r),
            json!({"status": 201, "message": "Agent builder job created", "data": {"job_id": "x"}})
        );
    }

    #[test]
    fn error_envelope_carries_the_reason_phrase() {
        let r = error(StatusCode::UNAUTHORIZED, "Invalid or missing API key");
        assert_eq!(
            body_json(&r),
            json!({"statusCode": 401, "message": "Invalid or missing API key", "error": "Unauthorized"})
        );
        let r = error(StatusCode::TOO_MANY_REQUESTS, "x");
        assert_eq!(body_json(&r)["error"], "Too Many Requests");
    }
}
