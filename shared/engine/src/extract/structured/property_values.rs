//! schema.org property values: read one-or-many (`values`, `strings`, `objects`) and made into
//! fact fields — offer prices with their currency, email addresses, country codes, and text
//! freed of the HTML that FAQ answers and descriptions carry.

use serde_json::{Map, Value};

/// A price with its currency from an `Offer` (or `AggregateOffer`, or its
/// `priceSpecification`): `USD 30.00`, `from USD 30`, `USD 30–50`. `None` without an amount.
pub fn offer_price(offer: &Map<String, Value>) -> Option<String> {
    let spec = objects(offer.get("priceSpecification")).into_iter().next();
    let field = |key: &str| -> Option<String> {
        offer
            .get(key)
            .or_else(|| spec.and_then(|s| s.get(key)))
            .and_then(amount)
    };
    let currency = strings(offer.get("priceCurrency"))
        .first()
        .copied()
        .or_else(|| spec.and_then(|s| strings(s.get("priceCurrency")).first().copied()))
        .map(str::trim)
        .filter(|c| !c.is_empty() && c.len() <= 5);
    let with_currency = |amount: String| -> String {
        match currency {
            Some(c) if !amount.contains(|ch: char| ch.is_alphabetic() || "$£€¥".contains(ch)) =>
            {
                format!("{c} {amount}")
            }
            _ => amount,
        }
    };
    if let Some(price) = field("price") {
        return Some(with_currency(price));
    }
    let low = field("lowPrice").or_else(|| field("minPrice"));
    let high = field("highPrice").or_else(|| field("maxPrice"));
    match (low, high) {
        (Some(low), Some(high)) if low != high => Some(with_currency(format!("{low}–{high}"))),
        (Some(low), _) => Some(format!("from {}", with_currency(low))),
        (None, Some(high)) => Some(format!("up to {}", with_currency(high))),
        (None, None) => None,
    }
}

/// A price amount as written: a number (two decimals when it has a fraction) or a short string.
fn amount(value: &Value) -> Option<String> {
    match value {
        Value::Number(n) => match (n.as_u64(), n.as_f64()) {
            (Some(whole), _) => Some(whole.to_string()),
            (None, Some(f)) if f.is_finite() && f >= 0.0 => Some(format!("{f:.2}")),
            _ => None,
        },
        Value::String(s) => {
            let s = s.trim();
            (!s.is_empty() && s.len() <= 40 && s.contains(|c: char| c.is_ascii_digit()))
                .then(|| s.to_owned())
        }
        _ => None,
    }
}

/// `mailto:Info@Smile.EXAMPLE?subject=x` → `Info@smile.example`; `None` if not an address.
pub fn normalize_email(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let raw = if raw.len() >= 7 && raw[..7].eq_ignore_ascii_case("mailto:") {
        &raw[7..]
    } else {
        raw
    };
    let raw = raw.split('?').next().unwrap_or_default().trim();
    let (local, domain) = raw.rsplit_once('@')?;
    let valid = !local.is_empty()
        && local.len() <= 64
        && domain.contains('.')
        && domain.len() <= 253
        && !raw.contains(char::is_whitespace)
        && !local.contains('@')
        && domain
            .chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '-');
    valid.then(|| format!("{local}@{}", domain.to_lowercase()))
}

/// ISO alpha-2 for a country written as a code or a common name; otherwise as written.
pub fn country_code(country: &str) -> String {
    let upper = country.trim().to_uppercase();
    let code = match upper.as_str() {
        "USA" | "U.S.A." | "US" | "U.S." | "UNITED STATES" | "UNITED STATES OF AMERICA" => "US",
        "UK" | "U.K." | "GB" | "UNITED KINGDOM" | "GREAT BRITAIN" | "ENGLAND" | "SCOTLAND"
        | "WALES" => "GB",
        "CANADA" => "CA",
        "AUSTRALIA" => "AU",
        "NEW ZEALAND" => "NZ",
        "IRELAND" => "IE",
        "GERMANY" | "DEUTSCHLAND" => "DE",
        "FRANCE" => "FR",
        "SPAIN" | "ESPAÑA" => "ES",
        "ITALY" | "ITALIA" => "IT",
        "NETHERLANDS" | "THE NETHERLANDS" | "NEDERLAND" => "NL",
        "INDIA" => "IN",
        "SOUTH AFRICA" => "ZA",
        "MEXICO" | "MÉXICO" => "MX",
        _ if upper.len() == 2 && upper.chars().all(|c| c.is_ascii_alphabetic()) => {
            return upper;
        }
        _ => return country.trim().to_owned(),
    };
    code.to_owned()
}

/// Text from structured data made readable: tags removed (FAQ answers often carry HTML), common
/// entities decoded, whitespace collapsed, cut at `max_chars`. `None` when nothing is left.
pub fn clean_text(raw: &str, max_chars: usize) -> Option<String> {
    let mut text = String::with_capacity(raw.len().min(max_chars * 4));
    let mut in_tag = false;
    for c in raw.chars() {
        match c {
            '<' if !in_tag => {
                in_tag = true;
                text.push(' ');
            }
            '>' if in_tag => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = if text.contains('&') {
        text.replace("&nbsp;", " ")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&#039;", "'")
            .replace("&apos;", "'")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&")
    } else {
        text
    };
    let mut out = String::new();
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
        if out.len() >= max_chars * 4 {
            break;
        }
    }
    // No space before punctuation that a removed tag left behind.
    for p in [" ,", " .", " !", " ?", " ;", " :"] {
        if out.contains(p) {
            out = out.replace(p, &p[1..]);
        }
    }
    if out.chars().count() > max_chars {
        out = out.chars().take(max_chars).collect();
    }
    (!out.is_empty()).then_some(out)
}

/// A property's values: one value, or each member of an array.
pub fn values(value: Option<&Value>) -> Vec<&Value> {
    match value {
        Some(Value::Array(values)) => values.iter().collect(),
        Some(Value::Null) | None => Vec::new(),
        Some(other) => vec![other],
    }
}

/// A property's string values (also the `@value` of a JSON-LD value object).
pub fn strings(value: Option<&Value>) -> Vec<&str> {
    values(value)
        .into_iter()
        .filter_map(|v| match v {
            Value::String(s) => Some(s.as_str()),
            Value::Object(o) => o.get("@value").and_then(Value::as_str),
            _ => None,
        })
        .collect()
}

/// A property's object values.
pub fn objects(value: Option<&Value>) -> Vec<&Map<String, Value>> {
    values(value)
        .into_iter()
        .filter_map(Value::as_object)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn price(offer: Value) -> Option<String> {
        offer_price(offer.as_object().unwrap())
    }

    #[test]
    fn prices_keep_their_currency_and_never_appear_from_nothing() {
        assert_eq!(
            price(json!({"price": "30.00", "priceCurrency": "USD"})).as_deref(),
            Some("USD 30.00")
        );
        assert_eq!(
            price(json!({"price": 30.5, "priceCurrency": "EUR"})).as_deref(),
            Some("EUR 30.50")
        );
        assert_eq!(price(json!({"price": "$30"})).as_deref(), Some("$30"));
        assert_eq!(
            price(json!({"price": "$30", "priceCurrency": "USD"})).as_deref(),
            Some("$30")
        );
        assert_eq!(
            price(json!({"lowPrice": 10, "priceCurrency": "GBP"})).as_deref(),
            Some("from GBP 10")
        );
        assert_eq!(
            price(json!({"priceSpecification": {"price": 99, "priceCurrency": "CAD"}})).as_deref(),
            Some("CAD 99")
        );
        assert_eq!(price(json!({"priceCurrency": "USD"})), None);
        assert_eq!(price(json!({"price": "call us"})), None);
    }

    #[test]
    fn emails_and_text_are_cleaned() {
        assert_eq!(
            normalize_email("MAILTO:Info@Smile.EXAMPLE?subject=hi").as_deref(),
            Some("Info@smile.example")
        );
        assert_eq!(normalize_email("not an email"), None);
        assert_eq!(normalize_email("a@b"), None);
        assert_eq!(
            clean_text("<p>Yes , <b>we</b> do.</p>", 100).as_deref(),
            Some("Yes, we do.")
        );
        assert_eq!(clean_text("  <br> ", 100), None);
        assert_eq!(
            clean_text(&"é".repeat(500), 10).unwrap().chars().count(),
            10
        );
        assert_eq!(country_code("United Kingdom"), "GB");
        assert_eq!(country_code("de"), "DE");
        assert_eq!(country_code("Atlantis"), "Atlantis");
    }
}
