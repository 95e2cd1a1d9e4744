//! Parsing the create-job request body into validated types.

use lambda_http::http::header::{HeaderMap, CONTENT_TYPE};
use serde_json::Value;

use super::ApiError;
use crate::domain::instructions::InstructionsTooLong;
use crate::domain::site_url::InvalidUrl;
use crate::domain::{Instructions, NetworkPolicy, SiteUrl};

/// Largest accepted request body.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

#[derive(Debug, Clone, PartialEq)]
pub struct CreateJobCommand {
    pub website_url: Option<SiteUrl>,
    /// Where to POST the job record when it ends (validated like `website_url`).
    pub callback_url: Option<SiteUrl>,
    pub instructions: Option<Instructions>,
}

/// Checks the content type, size and shape of a create-job body. Unknown fields are ignored.
pub fn parse_create_job(
    headers: &HeaderMap,
    body: &[u8],
    policy: NetworkPolicy,
) -> Result<CreateJobCommand, ApiError> {
    check_content_type(headers)?;
    if body.len() > MAX_BODY_BYTES {
        return Err(ApiError::bad_request("Request body is larger than 64 KiB"));
    }
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::bad_request(
            "Request body is empty: send a JSON object with website_url and/or instructions",
        ));
    }
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| ApiError::bad_request(format!("Request body is not valid JSON ({e})")))?;
    let Value::Object(fields) = value else {
        return Err(ApiError::bad_request("Request body must be a JSON object"));
    };
    let invalid_url = |e: InvalidUrl| ApiError::bad_request(format!("Invalid URL: {e}"));
    let too_long = |e: InstructionsTooLong| ApiError::bad_request(capitalise(&e.to_string()));
    let website_url = optional_string(&fields, "website_url", SiteUrl::MAX_LEN, || {
        invalid_url(InvalidUrl::TooLong)
    })?
    .map(|raw| SiteUrl::parse(raw, policy).map_err(invalid_url))
    .transpose()?;
    let instructions =
        match optional_string(&fields, "instructions", Instructions::MAX_CHARS, || {
            too_long(InstructionsTooLong)
        })? {
            None => None,
            Some(raw) => Instructions::parse(raw).map_err(too_long)?,
        };
    let callback_url = optional_string(&fields, "callback_url", SiteUrl::MAX_LEN, || {
        ApiError::bad_request(format!("Invalid callback_url: {}", InvalidUrl::TooLong))
    })?
    .map(|raw| {
        SiteUrl::parse(raw, policy)
            .map_err(|e| ApiError::bad_request(format!("Invalid callback_url: {e}")))
    })
    .transpose()?;
    if website_url.is_none() && instructions.is_none() {
        return Err(ApiError::bad_request(
            "Either website_url or instructions must be provided",
        ));
    }
    Ok(CreateJobCommand {
        website_url,
        callback_url,
        instructions,
    })
}

/// A string field of at most `max_chars` characters as sent (surrounding whitespace included, as
/// the published limits count them); absent or `null` is `None`, a blank string is `None` too.
fn optional_string<'a>(
    fields: &'a serde_json::Map<String, Value>,
    name: &str,
    max_chars: usize,
    too_long: impl FnOnce() -> ApiError,
) -> Result<Option<&'a str>, ApiError> {
    match fields.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.chars().count() > max_chars => Err(too_long()),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.as_str())),
        Some(_) => Err(ApiError::bad_request(format!("{name} must be a string"))),
    }
}

/// JSON (any `application/json` or `+json` type, with parameters) or no Content-Type at all,
/// which many simple clients omit.
fn check_content_type(headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(value) = headers.get(CONTENT_TYPE) else {
        return Ok(());
    };
    let essence = value
        .to_str()
        .map_err(|_| ApiError::UnsupportedMediaType)?
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    if essence == "application/json" || essence.ends_with("+json") {
        Ok(())
    } else {
        Err(ApiError::UnsupportedMediaType)
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lambda_http::http::HeaderValue;

    fn parse(body: &str) -> Result<CreateJobCommand, String> {
        parse_create_job(&HeaderMap::new(), body.as_bytes(), NetworkPolicy::Public)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn accepts_either_or_both_fields_and_ignores_unknown_ones() {
        let c = parse(r#"{"website_url":"example.com"}"#).unwrap();
        assert_eq!(c.website_url.unwrap().as_str(), "https://example.com/");
        assert!(c.instructions.is_none());
        let c = parse(r#"{"instructions":"Be brief","extra":[1,2]}"#).unwrap();
        assert_eq!(c.instructions.unwrap().as_str(), "Be brief");
        let c =
            parse(r#"{"website_url":"https://a.example","instructions":"x","website":1}"#).unwrap();
        assert!(c.website_url.is_some() && c.instructions.is_some());
    }

    #[test]
    fn neither_or_blank_is_rejected() {
        for body in [
            r#"{}"#,
            r#"{"website_url":"  ","instructions":""}"#,
            r#"{"website_url":null}"#,
        ] {
            assert_eq!(
                parse(body).unwrap_err(),
                "Either website_url or instructions must be provided"
            );
        }
    }

    #[test]
    fn shape_errors_name_the_problem() {
        assert!(parse("").unwrap_err().contains("empty"));
        assert!(parse("not json")
            .unwrap_err()
            .starts_with("Request body is not valid JSON"));
        assert_eq!(
            parse("[1]").unwrap_err(),
            "Request body must be a JSON object"
        );
        assert_eq!(
            parse(r#""https://a.example""#).unwrap_err(),
            "Request body must be a JSON object"
        );
        assert_eq!(
            parse(r#"{"website_url":42}"#).unwrap_err(),
            "website_url must be a string"
        );
        assert_eq!(
            parse(r#"{"instructions":{"a":1}}"#).unwrap_err(),
            "instructions must be a string"
        );
        let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert!(parse(&deep)
            .unwrap_err()
            .starts_with("Request body is not valid JSON"));
        let invalid_utf8 = parse_create_job(
            &HeaderMap::new(),
            b"{\"instructions\":\"\xff\"}",
            NetworkPolicy::Public,
        );
        assert!(matches!(invalid_utf8, Err(ApiError::BadRequest(_))));
    }

    #[test]
    fn callback_urls_are_checked_like_website_urls() {
        let c = parse(r#"{"instructions":"x","callback_url":"hooks.example.com/agent"}"#).unwrap();
        assert_eq!(
            c.callback_url.unwrap().as_str(),
            "https://hooks.example.com/agent"
        );
        for bad in [
            "http://169.254.169.254/",
            "http://localhost/hook",
            "ftp://example.com/",
            "https://example.com:8080/",
        ] {
            let body = format!(r#"{{"instructions":"x","callback_url":"{bad}"}}"#);
            assert!(
                parse(&body)
                    .unwrap_err()
                    .starts_with("Invalid callback_url"),
                "{bad}"
            );
        }
        assert_eq!(
            parse(r#"{"instructions":"x","callback_url":5}"#).unwrap_err(),
            "callback_url must be a string"
        );
    }

    #[test]
    fn size_limits() {
        let big = format!(r#"{{"instructions":"{}"}}"#, "a".repeat(MAX_BODY_BYTES));
        assert_eq!(
            parse(&big).unwrap_err(),
            "Request body is larger than 64 KiB"
        );
        let long = format!(r#"{{"instructions":"{}"}}"#, "a".repeat(10_001));
        assert_eq!(
            parse(&long).unwrap_err(),
            "Instructions must be at most 10000 characters"
        );
    }

    #[test]
    fn length_limits_count_the_field_as_sent() {
        // Surrounding whitespace counts: the documented maxLength is of the JSON string.
        let padded = format!(r#"{{"instructions":"\t{}"}}"#, "a".repeat(10_000));
        assert_eq!(
            parse(&padded).unwrap_err(),
            "Instructions must be at most 10000 characters"
        );
        let blank = format!(
            r#"{{"website_url":"example.com","instructions":"{}"}}"#,
            " ".repeat(10_001)
        );
        assert_eq!(
            parse(&blank).unwrap_err(),
            "Instructions must be at most 10000 characters"
        );
        let exact = format!(r#"{{"instructions":"{}"}}"#, "é".repeat(10_000));
        assert!(parse(&exact).is_ok());
        let url = format!(
            r#"{{"website_url":" https://example.com/{}"}}"#,
            "a".repeat(2028)
        );
        assert_eq!(url.len() - r#"{"website_url":""}"#.len(), 2049);
        assert_eq!(
            parse(&url).unwrap_err(),
            "Invalid URL: the URL is longer than 2048 characters"
        );
        assert!(parse(&url.replacen(' ', "", 1)).is_ok());
    }

    #[test]
    fn invalid_urls_are_400_invalid_url() {
        for url in [
            "ftp://example.com",
            "http://127.0.0.1/",
            "http://0x7f000001/",
            "intranet",
            "https://u:p@example.com",
        ] {
            let body = format!(r#"{{"website_url":"{url}"}}"#);
            assert!(
                parse(&body).unwrap_err().starts_with("Invalid URL"),
                "{url}"
            );
        }
    }

    #[test]
    fn content_type_must_be_json_when_given() {
        let mut h = HeaderMap::new();
        h.insert(
            CONTENT_TYPE,
            HeaderValue::from_static("application/json; charset=utf-8"),
        );
        assert!(parse_create_job(&h, br#"{"instructions":"x"}"#, NetworkPolicy::Public).is_ok());
        h.insert(CONTENT_TYPE, HeaderValue::from_static("text/html"));
        assert!(matches!(
            parse_create_job(&h, br#"{"instructions":"x"}"#, NetworkPolicy::Public),
            Err(ApiError::UnsupportedMediaType)
        ));
    }
}
