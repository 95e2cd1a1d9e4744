//! Checks an AWS Signature Version 4 request the way AWS does: rebuild the canonical request
//! from what arrived, derive the signing key from the secret key, and compare signatures. A stub
//! that passes this check saw exactly what AWS would authenticate — service, region, the signed
//! path (model id or inference-profile ARN) and body.

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

/// What the signature covered, from its credential scope.
#[derive(Debug)]
pub struct Signed {
    pub access_key: String,
    pub region: String,
    pub service: String,
    pub signed_headers: Vec<String>,
}

fn hmac(key: &[u8], data: &str) -> Vec<u8> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("any key length");
    mac.update(data.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

/// RFC 3986 unreserved characters stay; everything else is %XX (upper case), as SigV4 wants.
fn uri_encode(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// Verifies `request`'s `Authorization` header against `secret_key`; the error says what
/// did not match.
pub fn verify(request: &wiremock::Request, secret_key: &str) -> Result<Signed, String> {
    let header = |name: &str| {
        request
            .headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let auth = header("authorization").ok_or("no Authorization header")?;
    let rest = auth
        .strip_prefix("AWS4-HMAC-SHA256 ")
        .ok_or_else(|| format!("not SigV4: {auth}"))?;
    let mut credential = None;
    let mut signed_headers = None;
    let mut signature = None;
    for part in rest.split(',').map(str::trim) {
        if let Some(v) = part.strip_prefix("Credential=") {
            credential = Some(v.to_owned());
        } else if let Some(v) = part.strip_prefix("SignedHeaders=") {
            signed_headers = Some(v.to_owned());
        } else if let Some(v) = part.strip_prefix("Signature=") {
            signature = Some(v.to_owned());
        }
    }
    let credential = credential.ok_or("no Credential")?;
    let signed_headers = signed_headers.ok_or("no SignedHeaders")?;
    let signature = signature.ok_or("no Signature")?;
    let scope: Vec<&str> = credential.split('/').collect();
    let [access_key, date, region, service, terminator] = scope[..] else {
        return Err(format!("bad credential scope {credential}"));
    };
    if terminator != "aws4_request" {
        return Err(format!("bad credential scope {credential}"));
    }
    let amz_date = header("x-amz-date").ok_or("no X-Amz-Date")?;
    if !amz_date.starts_with(date) {
        return Err(format!("X-Amz-Date {amz_date} is not in scope date {date}"));
    }
    let names: Vec<String> = signed_headers.split(';').map(str::to_owned).collect();
    for required in ["host", "x-amz-date"] {
        if !names.iter().any(|n| n == required) {
            return Err(format!("{required} is not signed"));
        }
    }

    // Non-S3 services sign each path segment URI-encoded once more than it was sent.
    let canonical_uri = request
        .url
        .path()
        .split('/')
        .map(uri_encode)
        .collect::<Vec<_>>()
        .join("/");
    let mut query: Vec<(String, String)> = request
        .url
        .query_pairs()
        .map(|(k, v)| (uri_encode(&k), uri_encode(&v)))
        .collect();
    query.sort();
    let canonical_query = query
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&");
    let mut canonical_headers = String::new();
    for name in &names {
        let values: Vec<String> = request
            .headers
            .get_all(name.as_str())
            .iter()
            .map(|v| {
                String::from_utf8_lossy(v.as_bytes())
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        if values.is_empty() {
            return Err(format!("signed header {name} did not arrive"));
        }
        canonical_headers.push_str(&format!("{name}:{}\n", values.join(",")));
    }
    let payload_hash = header("x-amz-content-sha256")
        .unwrap_or_else(|| hex::encode(Sha256::digest(&request.body)));
    let canonical_request = format!(
        "{}\n{canonical_uri}\n{canonical_query}\n{canonical_headers}\n{signed_headers}\n{payload_hash}",
        request.method.as_str()
    );
    let string_to_sign = format!(
        "AWS4-HMAC-SHA256\n{amz_date}\n{date}/{region}/{service}/aws4_request\n{}",
        hex::encode(Sha256::digest(canonical_request.as_bytes()))
    );
    let key = [date, region, service, "aws4_request"]
        .iter()
        .fold(format!("AWS4{secret_key}").into_bytes(), |key, part| {
            hmac(&key, part)
        });
    let expected = hex::encode(hmac(&key, &string_to_sign));
    if expected != signature {
        return Err(format!(
            "signature mismatch; canonical request was:\n{canonical_request}"
        ));
    }
    Ok(Signed {
        access_key: access_key.to_owned(),
        region: region.to_owned(),
        service: service.to_owned(),
        signed_headers: names,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// AWS's published example (IAM ListUsers, from the SigV4 documentation's test suite):
    /// the same key and request must give the documented signature.
    #[test]
    fn the_documented_example_verifies_and_a_changed_body_does_not() {
        let build = |body: &[u8]| {
            let mut headers = http::HeaderMap::new();
            headers.insert("host", "iam.amazonaws.com".parse().unwrap());
            headers.insert(
                "content-type",
                "application/x-www-form-urlencoded; charset=utf-8"
                    .parse()
                    .unwrap(),
            );
            headers.insert("x-amz-date", "20150830T123600Z".parse().unwrap());
            headers.insert(
                "authorization",
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, \
                 SignedHeaders=content-type;host;x-amz-date, \
                 Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7"
                    .parse()
                    .unwrap(),
            );
            wiremock::Request {
                url: url::Url::parse(
                    "https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08",
                )
                .unwrap(),
                method: http::Method::GET,
                headers,
                body: body.to_vec(),
            }
        };
        let secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
        let signed = verify(&build(b""), secret).unwrap();
        assert_eq!(signed.service, "iam");
        assert_eq!(signed.region, "us-east-1");
        assert!(verify(&build(b"tampered"), secret).is_err());
        assert!(verify(&build(b""), "another-secret").is_err());
    }
}
