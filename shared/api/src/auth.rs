//! `Authorization: Bearer <api key>` → the key's workspace.

use lambda_http::http::header::{HeaderMap, AUTHORIZATION};

use super::ApiError;
use crate::domain::{ApiKey, WorkspaceId};
use crate::store::ApiKeyStore;

/// Longest token we look up; real keys are 43 characters.
const MAX_TOKEN_LEN: usize = 256;

/// Resolves the caller's workspace. Every way of failing — no header, two headers, another
/// scheme, unknown or revoked key — is the same 401, so probing learns nothing.
pub async fn authenticate(
    keys: &dyn ApiKeyStore,
    headers: &HeaderMap,
) -> Result<WorkspaceId, ApiError> {
    let token = bearer_token(headers).ok_or(ApiError::Unauthorized)?;
    let record = keys
        .find_api_key(&ApiKey::from_presented(token).hash())
        .await?
        .ok_or(ApiError::Unauthorized)?;
    if record.revoked {
        return Err(ApiError::Unauthorized);
    }
    Ok(record.workspace_id)
}

fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    let mut values = headers.get_all(AUTHORIZATION).iter();
    let value = values.next()?;
    if values.next().is_some() {
        return None;
    }
    let (scheme, token) = value.to_str().ok()?.trim().split_once([' ', '\t'])?;
    let token = token.trim();
    let well_formed = scheme.eq_ignore_ascii_case("bearer")
        && !token.is_empty()
        && token.len() <= MAX_TOKEN_LEN
        && token.bytes().all(|b| b.is_ascii_graphic());
    well_formed.then_some(token)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lambda_http::http::HeaderValue;

    fn headers(values: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in values {
            h.append(AUTHORIZATION, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn bearer_scheme_is_case_insensitive() {
        assert_eq!(bearer_token(&headers(&["Bearer abc"])), Some("abc"));
        assert_eq!(bearer_token(&headers(&["bearer abc"])), Some("abc"));
        assert_eq!(bearer_token(&headers(&["BEARER   abc  "])), Some("abc"));
    }

    #[test]
    fn malformed_authorization_is_rejected() {
        assert_eq!(bearer_token(&headers(&[])), None);
        assert_eq!(bearer_token(&headers(&["Basic abc"])), None);
        assert_eq!(bearer_token(&headers(&["Bearer"])), None);
        assert_eq!(bearer_token(&headers(&["Bearer "])), None);
        assert_eq!(bearer_token(&headers(&["Bearer a b"])), None);
        assert_eq!(bearer_token(&headers(&["abc"])), None);
        assert_eq!(bearer_token(&headers(&["Bearer a", "Bearer b"])), None);
        let long = format!("Bearer {}", "a".repeat(257));
        assert_eq!(bearer_token(&headers(&[&long])), None);
    }
}
