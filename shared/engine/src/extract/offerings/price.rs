//! Prices as written next to a service: `$120`, `£45`, `€30`, `30 €`, `from $99`, `USD 30`,
//! `$100–$200`. Only text that carries a currency counts: a bare number is never a price.

pub(crate) const SYMBOLS: &[char] = &['$', '£', '€', '¥', '₹', '₩', '₽', '₺', '₪', '฿', '₱', '₫'];
pub(crate) const CODES: &[&str] = &[
    "USD", "EUR", "GBP", "CAD", "AUD", "NZD", "CHF", "JPY", "INR", "SEK", "NOK", "DKK", "ZAR",
    "MXN", "BRL", "SGD", "HKD", "PLN", "CZK", "AED", "ILS",
];
const PREFIXES: &[&str] = &["from ", "starting at ", "starting from ", "only ", "just "];

/// The first price in `text`, as written (with a `from`-style prefix and a range's upper end).
pub fn find_price(text: &str) -> Option<&str> {
    let (start, end) = find_price_span(text)?;
    Some(&text[start..end])
}

/// Byte span of the first price in `text`.
pub fn find_price_span(text: &str) -> Option<(usize, usize)> {
    let mut search = 0;
    while search < text.len() {
        let (start, end) = next_amount(text, search)?;
        if end > start {
            let end = extend_range(text, end);
            return Some((with_prefix(text, start), end));
        }
        search = start + text[start..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// Byte spans of every price in `text` (at most `max`): the one recogniser of prices, shared
/// with grounding.
pub fn price_spans(text: &str, max: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut search = 0;
    while search < text.len() && out.len() < max {
        let Some((start, end)) = next_amount(text, search) else {
            break;
        };
        if end > start {
            let end = extend_range(text, end);
            out.push((with_prefix(text, start), end));
            search = end.max(start + 1);
        } else {
            search = start + text[start..].chars().next().map_or(1, char::len_utf8);
        }
        while !text.is_char_boundary(search.min(text.len())) {
            search += 1;
        }
    }
    out
}

/// The next currency amount at or after `from`: `(start, end)`, or `(at, at)` when the
/// currency marker at `at` has no number.
fn next_amount(text: &str, from: usize) -> Option<(usize, usize)> {
    let rest = &text[from..];
    let marker = rest.char_indices().find_map(|(i, c)| {
        if SYMBOLS.contains(&c) {
            return Some((from + i, from + i + c.len_utf8()));
        }
        let at = from + i;
        CODES
            .iter()
            .find(|code| {
                text[at..].starts_with(**code)
                    && !text[..at].ends_with(|c: char| c.is_alphanumeric())
                    && !text[at + 3..].starts_with(|c: char| c.is_alphabetic())
            })
            .map(|code| (at, at + code.len()))
    });
    let digits_before = |at: usize| -> Option<usize> {
        // `30 €`, `30€`, `1,200 USD`.
        let before = text[..at].trim_end_matches(' ');
        let start = number_start(before)?;
        Some(start)
    };
    let (m_start, m_end) = marker?;
    // Letters glued before a `$` belong to it: `US$`, `A$`, `NZ$`.
    let glued = text[..m_start]
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_uppercase())
        .last()
        .map_or(m_start, |(i, _)| i);
    let glued = if m_start - glued <= 2 && !text[..glued].ends_with(|c: char| c.is_alphanumeric()) {
        glued
    } else {
        m_start
    };
    let after = &text[m_end..];
    let skipped = after.len() - after.trim_start_matches(' ').len();
    if let Some(len) = number_len(&after[skipped..]) {
        return Some((glued, m_end + skipped + len));
    }
    if let Some(start) = digits_before(m_start) {
        return Some((start, m_end));
    }
    Some((m_start, m_start))
}

/// Length of the number `text` starts with (`1,200.50`, `45`), if it starts with a digit.
fn number_len(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    if !bytes.first()?.is_ascii_digit() {
        return None;
    }
    let mut end = 0;
    while end < bytes.len() {
        let b = bytes[end];
        let separator_then_digit =
            matches!(b, b',' | b'.') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit);
        if b.is_ascii_digit() || separator_then_digit {
            end += 1;
        } else {
            break;
        }
    }
    Some(end)
}

/// Where the number `text` ends with starts, if it ends with a digit.
fn number_start(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    if !bytes.last()?.is_ascii_digit() {
        return None;
    }
    let mut start = bytes.len();
    while start > 0 {
        let b = bytes[start - 1];
        let separator = matches!(b, b',' | b'.') && start >= 2 && bytes[start - 2].is_ascii_digit();
        if b.is_ascii_digit() || separator {
            start -= 1;
        } else {
            break;
        }
    }
    // A number glued to letters (`A4`, `2x30€`) is not an amount.
    if text[..start].ends_with(|c: char| c.is_alphabetic()) {
        return None;
    }
    Some(start)
}

/// Extends an amount over `–$200` / `- 200` when a range follows.
fn extend_range(text: &str, end: usize) -> usize {
    let rest = &text[end..];
    let trimmed = rest.trim_start_matches(' ');
    let Some(after_dash) = trimmed
        .strip_prefix('-')
        .or_else(|| trimmed.strip_prefix('–'))
        .or_else(|| trimmed.strip_prefix("to "))
    else {
        return end;
    };
    let after_dash = after_dash.trim_start_matches(' ');
    let symbol_len = after_dash
        .chars()
        .next()
        .filter(|c| SYMBOLS.contains(c))
        .map_or(0, char::len_utf8);
    match number_len(&after_dash[symbol_len..]) {
        Some(len) => text.len() - after_dash.len() + symbol_len + len,
        None => end,
    }
}

/// Moves `start` back over a `from `-style word.
fn with_prefix(text: &str, start: usize) -> usize {
    let before = &text[..start];
    PREFIXES
        .iter()
        .find(|p| {
            before.len() >= p.len()
                && before.is_char_boundary(before.len() - p.len())
                && before[before.len() - p.len()..].eq_ignore_ascii_case(p)
        })
        .map_or(start, |p| start - p.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_prices_with_their_currency_as_written() {
        assert_eq!(find_price("Teeth whitening – $120"), Some("$120"));
        assert_eq!(find_price("Cut & style £45.50 per visit"), Some("£45.50"));
        assert_eq!(find_price("Massage 30 €"), Some("30 €"));
        assert_eq!(find_price("Massage 30€"), Some("30€"));
        assert_eq!(find_price("Consultation from $99"), Some("from $99"));
        assert_eq!(find_price("Plan: USD 30 monthly"), Some("USD 30"));
        assert_eq!(find_price("Fee 1,200 USD"), Some("1,200 USD"));
        assert_eq!(
            find_price("Implants $1,000 - $2,500"),
            Some("$1,000 - $2,500")
        );
        assert_eq!(find_price("Cleaning A$120"), Some("A$120"));
    }

    #[test]
    fn never_invents_a_price() {
        assert_eq!(find_price("Open since 1998, 24 staff"), None);
        assert_eq!(find_price("Call 555-0100"), None);
        assert_eq!(find_price("We accept $ and €"), None);
        assert_eq!(find_price("USDA certified"), None);
        assert_eq!(find_price(""), None);
        assert_eq!(find_price("€"), None);
    }
}
