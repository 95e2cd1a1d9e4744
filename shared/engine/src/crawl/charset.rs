//! Decoding page bytes to text: charset from the Content-Type header, then a BOM, then
//! `<meta charset>` in the first 1024 bytes, else UTF-8 (the HTML default today).

use encoding_rs::{Encoding, UTF_8};

pub fn decode_html(bytes: &[u8], content_type: Option<&str>) -> String {
    decode_html_cow(bytes, content_type).into_owned()
}

fn decode_html_cow<'a>(bytes: &'a [u8], content_type: Option<&str>) -> std::borrow::Cow<'a, str> {
    let encoding = content_type
        .and_then(charset_param)
        .and_then(|label| Encoding::for_label(label.as_bytes()))
        .or_else(|| Encoding::for_bom(bytes).map(|(e, _)| e))
        .or_else(|| meta_charset(&bytes[..bytes.len().min(1024)]))
        .unwrap_or(UTF_8);
    // `decode` sniffs and strips a BOM itself, which wins over the header per the HTML spec.
    let (text, _, _) = encoding.decode(bytes);
    text
}

/// [`decode_html`] taking the bytes: UTF-8 (the common case) becomes the text without a copy.
pub fn decode_html_owned(bytes: Vec<u8>, content_type: Option<&str>) -> String {
    let decoded = decode_html_cow(&bytes, content_type);
    // Borrowed and whole: the bytes were already the text (valid UTF-8, no BOM stripped).
    let whole = matches!(&decoded, std::borrow::Cow::Borrowed(text) if text.len() == bytes.len());
    if !whole {
        return decoded.into_owned();
    }
    match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => String::from_utf8_lossy(err.as_bytes()).into_owned(),
    }
}

fn charset_param(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (key, value) = param.split_once('=')?;
        key.trim().eq_ignore_ascii_case("charset").then(|| {
            value
                .trim()
                .trim_matches(|c| c == '"' || c == '\'')
                .to_owned()
        })
    })
}

/// `<meta charset="x">` or `<meta http-equiv="Content-Type" content="text/html; charset=x">`.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    let mut rest = text.as_str();
    while let Some(pos) = rest.find("charset") {
        rest = &rest[pos + "charset".len()..];
        let value = rest.trim_start().strip_prefix('=')?.trim_start();
        let value = value.trim_start_matches(['"', '\'']);
        let end = value
            .find(|c: char| {
                !(c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == ':' || c == '.')
            })
            .unwrap_or(value.len());
        if let Some(encoding) = Encoding::for_label(&value.as_bytes()[..end]) {
            // A page that claims UTF-16 in ASCII-compatible bytes is really UTF-8 (HTML spec).
            return Some(encoding.output_encoding());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_charset_wins_over_meta() {
        let bytes = b"<meta charset=\"utf-8\"><title>Caf\xe9</title>";
        assert!(decode_html(bytes, Some("text/html; charset=windows-1252")).contains("Café"));
    }

    #[test]
    fn meta_charset_is_honoured() {
        let bytes = b"<html><head><meta charset=windows-1252><title>Caf\xe9</title>";
        assert!(decode_html(bytes, Some("text/html")).contains("Café"));
        let sjis = encoding_rs::SHIFT_JIS.encode("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\"><title>東京</title>").0;
        assert!(decode_html(&sjis, None).contains("東京"));
    }

    #[test]
    fn defaults_to_utf8_and_survives_garbage() {
        assert!(decode_html("<p>naïve</p>".as_bytes(), None).contains("naïve"));
        // Owned bytes decode to the same text, a stripped BOM and another charset included.
        for (bytes, ct) in [
            ("<p>naïve</p>".as_bytes().to_vec(), None),
            (b"\xef\xbb\xbf<p>bom</p>".to_vec(), None),
            (
                b"<p>Caf\xe9</p>".to_vec(),
                Some("text/html; charset=windows-1252"),
            ),
        ] {
            assert_eq!(
                decode_html_owned(bytes.clone(), ct),
                decode_html(&bytes, ct)
            );
        }
        assert_eq!(
            decode_html_owned(b"\xef\xbb\xbf<p>bom</p>".to_vec(), None),
            "<p>bom</p>"
        );
        assert!(!decode_html(b"\xff\xfe\xfd", Some("text/html; charset=nonsense")).is_empty());
    }
}
