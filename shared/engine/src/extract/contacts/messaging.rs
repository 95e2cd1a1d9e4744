//! Phone numbers carried by messaging links: `wa.me/447700900123`,
//! `api.whatsapp.com/send?phone=…`, `whatsapp://send?phone=…`, `viber://chat?number=…`,
//! `t.me/+447700900123`. They are the business's numbers, labelled as messaging.

use url::Url;

/// The number (with a leading `+`) a messaging link carries, if it is one.
pub fn number_in_link(href: &str) -> Option<String> {
    let href = href.trim();
    let lower = href.to_ascii_lowercase();
    let digits_of = |raw: &str| -> Option<String> {
        let raw = super::percent_decode(raw);
        let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
        (7..=15)
            .contains(&digits.len())
            .then(|| format!("+{digits}"))
    };
    if lower.starts_with("whatsapp:") || lower.starts_with("viber:") {
        let query = href.split_once('?')?.1;
        return query
            .split('&')
            .filter_map(|kv| kv.split_once('='))
            .find(|(k, _)| matches!(k.to_ascii_lowercase().as_str(), "phone" | "number"))
            .and_then(|(_, v)| digits_of(v));
    }
    let url = Url::parse(href).ok()?;
    let host = url
        .host_str()?
        .trim_start_matches("www.")
        .to_ascii_lowercase();
    match host.as_str() {
        "wa.me" => digits_of(url.path().trim_matches('/')),
        "api.whatsapp.com" | "web.whatsapp.com" | "whatsapp.com" => url
            .query_pairs()
            .find(|(k, _)| k == "phone")
            .and_then(|(_, v)| digits_of(&v)),
        "t.me" | "telegram.me" => {
            let path = url.path().trim_matches('/');
            path.starts_with('+').then(|| digits_of(path)).flatten()
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messaging_links_give_their_numbers() {
        assert_eq!(
            number_in_link("https://wa.me/447700900123").as_deref(),
            Some("+447700900123")
        );
        assert_eq!(
            number_in_link("https://api.whatsapp.com/send?phone=34612345678&text=Hola").as_deref(),
            Some("+34612345678")
        );
        assert_eq!(
            number_in_link("whatsapp://send?phone=%2B31612345678").as_deref(),
            Some("+31612345678")
        );
        assert_eq!(
            number_in_link("viber://chat?number=%2B491701234567").as_deref(),
            Some("+491701234567")
        );
        assert_eq!(
            number_in_link("https://t.me/+61412345678").as_deref(),
            Some("+61412345678")
        );
        assert_eq!(number_in_link("https://t.me/acmechannel"), None);
        assert_eq!(number_in_link("https://wa.me/"), None);
        assert_eq!(
            number_in_link("https://example.com/wa.me/447700900123"),
            None
        );
    }
}
