//! Phone numbers written in visible text. A loose pattern finds runs of digits and phone
//! punctuation; each run (or, when the run holds more than one number, its longest valid
//! sub-runs) must then be a valid number for its country according to libphonenumber's metadata.
//! Context rules drop the usual look-alikes: dates, year ranges, prices, ZIP+4 codes, numbers
//! glued to words or inside URLs, and numbers introduced as order/reference/account numbers.

use std::sync::LazyLock;

use regex::Regex;

use super::phone::{parse_phone, ParsedPhone};

use super::region::PhoneRegions;

/// A number found in text, with the byte span it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextPhone {
    pub phone: ParsedPhone,
    pub start: usize,
    pub end: usize,
    /// The page calls it a fax number.
    pub fax: bool,
}

/// Most candidate runs examined, and numbers returned, per page: parsing is the expensive step.
const MAX_CANDIDATES: usize = 400;
const MAX_FOUND: usize = 200;
const MIN_DIGITS: usize = 7;
const MAX_DIGITS: usize = 15;

static RUN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[+(]?\d[\d().\-/ \u{a0}\u{2010}-\u{2013}]{4,120}\d").expect("phone run pattern")
});
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\d{1,2}[./-]\d{1,2}[./-](?:\d{2}|\d{4})|\d{4}[./-]\d{1,2}[./-]\d{1,2})$")
        .expect("date pattern")
});
static YEARS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:19|20)\d\d\s*[-/\u{2013}]\s*(?:(?:19|20)\d\d|\d\d)$").expect("year pattern")
});
/// Words that introduce numbers that are not phones.
static NOT_A_PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:order|invoice|ref|reference|account|acct|sku|isbn|item|part|serial|model|case|ticket|licen[cs]e|lic|reg|registration|registered|company|patent|vat|abn|acn|ein|tin|routing|iban|swift|tracking|id)\b\s*(?:number|num|no|nr|#)?\s*[.:#]?\s*$",
    )
    .expect("not-a-phone pattern")
});
static PHONE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:tel|telephone|phone|ph|call|fax|mobile|cell|mob|whatsapp|contact|number)\b|\b[tpfm]\s*[.:]")
        .expect("phone word pattern")
});
static PHONE_LABEL_AT_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:tel|telephone|phone|fax|mobile|call)$").expect("phone label at end")
});
/// A word of letters only (at least three, or a connector) right before the number.
static GLUED_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[^\p{L}\d])(?:\p{L}{3,}|or|on|at)$").expect("glued word"));
static FAX_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:\b(?:e-?fax|fax|facsimile|telefax)\b\s*(?:\(?\s*\w+\s*\)?)?|\bf\s*[.:]|\dfax\s*[.:]?)\s*[.:]?\s*$",
    )
    .expect("fax pattern")
});
/// "| F +44 20 7629 1317": a lone capital F before the number.
static FAX_LETTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[\s|•·,;(])F\s*$").expect("fax letter"));
/// "202.299.1148 fax", "707.665.9184 (Fax)": the label after the number (not a label that
/// introduces the next number: "555-1234 Fax: 555-9999").
static FAX_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*[(\[]?\s*(?:fax|facsimile|telefax)\b\s*[)\]]?\s*(?P<next>.?)")
        .expect("fax after pattern")
});
static VOICE_AND_FAX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:tel|phone|ph)\s*[/&]\s*fax|fax\s*[/&]\s*(?:tel|phone)").expect("tel/fax")
});

/// Every valid number in `text`, read in the first of `regions` where it is valid (numbers
/// written with `+` are read as international wherever they appear).
pub fn phones_in_text(text: &str, regions: &PhoneRegions) -> Vec<TextPhone> {
    let mut found = Vec::new();
    for m in RUN.find_iter(text).take(MAX_CANDIDATES) {
        let (start, end) = trim_run(text, m.start(), m.end());
        if start >= end {
            continue;
        }
        for (start, end) in segments(text, start, end) {
            if read_segment(text, start, end, regions, &mut found) {
                return found;
            }
        }
    }
    found
}

/// Reads the numbers of one segment into `found`; true when `found` is full.
fn read_segment(
    text: &str,
    start: usize,
    end: usize,
    regions: &PhoneRegions,
    found: &mut Vec<TextPhone>,
) -> bool {
    let before = &text[..start];
    let line_before = line_tail(before, 40);
    // "Telephone0844 800 1500", "Sales01625 856 505", "or0207 515 7774": cells glued to a
    // word are still numbers when the word is a plain word and the number is grouped
    // (IDs such as "SKU12345678" mix letters and bare digits).
    let glued_to_label = PHONE_LABEL_AT_END.is_match(line_before)
        || (GLUED_WORD.is_match(line_before)
            && text[start..end].contains([' ', '-', '.', '(', ')']));
    if (glued_before(before) && !glued_to_label) || priced(before) || text[end..].starts_with('%') {
        return false;
    }
    if NOT_A_PHONE.is_match(line_before) {
        return false;
    }
    let candidate = &text[start..end];
    let labelled = PHONE_WORD.is_match(line_before);
    for (s, e, phone) in numbers_in_run(candidate, regions, labelled) {
        let abs_start = start + s;
        let fax = is_fax(line_tail(&text[..abs_start], 24)) || fax_after(&text[start + e..]);
        if found.len() >= MAX_FOUND {
            return true;
        }
        found.push(TextPhone {
            phone,
            start: abs_start,
            end: start + e,
            fax,
        });
    }
    false
}

/// A run cut into the stretches that may hold phone numbers: times and time ranges
/// (`08.00-18.00`, `9-17`, `24/7`), dates, year ranges and a price at the start are not part of
/// any number, so they split the run and are dropped.
fn segments(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let run = &text[start..end];
    let mut out = Vec::new();
    let mut from: Option<usize> = None;
    let mut last_end = start;
    let mut first = true;
    for (offset, token) in tokens(run) {
        let (t_start, t_end) = (start + offset, start + offset + token.len());
        let foreign = not_part_of_a_number(token) || (first && priced(&text[..t_start]));
        first = false;
        if foreign {
            if let Some(f) = from.take() {
                out.push(trim_run(text, f, last_end));
            }
        } else {
            from.get_or_insert(t_start);
            last_end = t_end;
        }
    }
    if let Some(f) = from {
        out.push(trim_run(text, f, last_end));
    }
    out.retain(|(s, e)| s < e);
    out
}

/// Whitespace-separated tokens of `run` with their byte offsets.
fn tokens(run: &str) -> impl Iterator<Item = (usize, &str)> {
    run.split([' ', '\u{a0}'])
        .scan(0usize, |offset, token| {
            let at = *offset;
            *offset += token.len()
                + if run[at + token.len()..].starts_with('\u{a0}') {
                    2
                } else {
                    1
                };
            Some((at, token))
        })
        .filter(|(_, t)| !t.is_empty())
}

static TIME_LIKE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:\d{1,2}[.:h]\d{2}(?:\s*[-\u{2010}-\u{2013}/]\s*\d{1,2}(?:[.:h]\d{2})?)?|\d{1,2}(?:[.:h]\d{2})?[-\u{2010}-\u{2013}/]\d{1,2}[.:h]\d{2}|24/7|\d{1,2}/7)$",
    )
    .expect("time pattern")
});
static HOUR_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,2})[-\u{2010}-\u{2013}](\d{1,2})$").expect("hour range pattern")
});

/// A time, a time range, an hour range ("9-17") or "24/7"; a date; a year range.
fn not_part_of_a_number(token: &str) -> bool {
    let token = token.trim_matches(|c: char| matches!(c, '(' | ')' | '.' | ','));
    if TIME_LIKE.is_match(token) || DATE.is_match(token) || YEARS.is_match(token) {
        return true;
    }
    HOUR_RANGE.captures(token).is_some_and(|c| {
        let a: u32 = c[1].parse().unwrap_or(99);
        let b: u32 = c[2].parse().unwrap_or(99);
        a < b && b <= 24
    })
}

/// The valid numbers of one run: the whole run, or else its longest valid pieces (split at
/// spaces and slashes), left to right without overlap.
fn numbers_in_run(
    run: &str,
    regions: &PhoneRegions,
    labelled: bool,
) -> Vec<(usize, usize, ParsedPhone)> {
    let whole = read(run, regions, labelled);
    if let Some(p) = whole.as_ref().filter(|p| !p.via_dialling_prefix) {
        return vec![(0, run.len(), p.clone())];
    }
    // Piece boundaries: byte offsets where a piece may start or end.
    let mut cuts = vec![0];
    for (i, c) in run.char_indices() {
        if c == ' ' || c == '\u{a0}' || c == '/' {
            cuts.push(i);
            cuts.push(i + c.len_utf8());
        }
    }
    cuts.push(run.len());
    if cuts.len() > 24 {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut from = 0;
    'outer: while from < cuts.len() {
        let s = cuts[from];
        for to in (from + 1..cuts.len()).rev() {
            let e = cuts[to];
            if e <= s || (s == 0 && e == run.len()) {
                continue;
            }
            let piece = run[s..e].trim_matches(|c: char| c == ' ' || c == '/' || c == '\u{a0}');
            if piece.is_empty() {
                continue;
            }
            if let Some(p) = read(piece, regions, labelled).filter(|p| !p.via_dialling_prefix) {
                let offset = s + run[s..].find(piece).unwrap_or(0);
                out.push((offset, offset + piece.len(), p));
                from = to;
                continue 'outer;
            }
        }
        from += 1;
    }
    // "0113 496 0321 – 24/7" read through the US prefix `011` is a Spanish number; the pieces
    // read in their own country are the better reading when there are any.
    match whole {
        Some(p) if out.iter().all(|(_, _, q)| q.via_dialling_prefix) => {
            vec![(0, run.len(), p)]
        }
        _ => out,
    }
}

fn read(piece: &str, regions: &PhoneRegions, labelled: bool) -> Option<ParsedPhone> {
    let digits = piece.chars().filter(char::is_ascii_digit).count();
    if !(MIN_DIGITS..=MAX_DIGITS).contains(&digits) {
        return None;
    }
    let piece = piece.trim_start_matches(')').trim();
    if DATE.is_match(piece) || YEARS.is_match(piece) {
        return None;
    }
    let grouped = piece.contains(|c: char| !c.is_ascii_digit());
    // An unformatted run of digits is an ID more often than a phone, unless the page says so.
    if !grouped && !labelled {
        return None;
    }
    // "(+7-495) 5807377" loses its opening parenthesis to the run pattern.
    let balanced;
    let piece = if piece.matches('(').count() != piece.matches(')').count() {
        balanced = piece.replace(['(', ')'], " ");
        balanced.trim()
    } else {
        piece
    };
    if piece.starts_with('+') {
        return parse_phone(piece, None);
    }
    super::region::parse_in_regions(piece, regions).or_else(|| {
        // International pages list offices abroad with their country code and no `+`
        // ("Tel: 971 4 8131941", "Tel: 44 20 7946 0958"): read so when the page labels it a
        // phone, no national reading exists, and the metadata knows the result.
        let plain_international = labelled
            && digits >= 9
            && !piece.starts_with('0')
            && piece.starts_with(|c: char| c.is_ascii_digit());
        plain_international
            .then(|| parse_phone(&format!("+{piece}"), None))
            .flatten()
    })
}

/// Drops leading `(`s that do not open an area code, trailing punctuation and a dangling `(`.
fn trim_run(text: &str, mut start: usize, mut end: usize) -> (usize, usize) {
    let run = &text[start..end];
    let opens = run.matches('(').count();
    let closes = run.matches(')').count();
    if run.starts_with('(') && opens > closes {
        start += 1;
    }
    while end > start && !text[..end].ends_with(|c: char| c.is_ascii_digit()) {
        end -= text[..end].chars().next_back().map_or(1, char::len_utf8);
    }
    (start, end)
}

/// Digits stuck to a word, an ID or a URL path are not a phone number.
fn glued_before(before: &str) -> bool {
    let mut rev = before.chars().rev();
    match rev.next() {
        None => false,
        Some(c) if c.is_alphanumeric() || matches!(c, '/' | '=' | '?' | '&' | '#' | '_') => true,
        Some('.' | ',' | '-') => rev.next().is_some_and(char::is_alphanumeric),
        Some(_) => false,
    }
}

fn priced(before: &str) -> bool {
    before
        .trim_end()
        .chars()
        .next_back()
        .is_some_and(|c| matches!(c, '$' | '€' | '£' | '¥' | '₹'))
}

/// The last `max` bytes (or fewer) of the current line of `before`.
fn line_tail(before: &str, max: usize) -> &str {
    &before[super::line_start_near(before, before.len(), max)..]
}

fn is_fax(label: &str) -> bool {
    (FAX_WORD.is_match(label) || FAX_LETTER.is_match(label)) && !VOICE_AND_FAX.is_match(label)
}

fn fax_after(rest: &str) -> bool {
    let head = &rest[..super::super::trust::injection::floor_char_boundary(rest, 24)];
    FAX_AFTER.captures(head).is_some_and(|c| {
        c.name("next").is_none_or(|n| {
            !n.as_str()
                .starts_with(|ch: char| ch == ':' || ch.is_ascii_digit() || ch == '+' || ch == '(')
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rs(regions: &[&str]) -> PhoneRegions {
        PhoneRegions {
            regions: regions.iter().map(|r| r.to_string()).collect(),
            from_domain: true,
        }
    }

    fn e164s(text: &str, regions: &[&str]) -> Vec<String> {
        phones_in_text(text, &rs(regions))
            .into_iter()
            .map(|p| p.phone.e164)
            .collect()
    }

    #[test]
    fn finds_numbers_in_the_usual_formats() {
        let text = "Call (415) 555-2671 or 415.555.2672\nToll free: 1-800-330-8247\n\
                    Local: 3 16-69 1-85 19 / 530.820.3090 x430";
        assert_eq!(
            e164s(text, &["US"]),
            [
                "+14155552671",
                "+14155552672",
                "+18003308247",
                "+13166918519",
                "+15308203090"
            ]
        );
        assert_eq!(
            e164s("Tel: +44 (0) 1621 862 145, 0191 276 3261", &["GB"]),
            ["+441621862145", "+441912763261"]
        );
    }

    #[test]
    fn splits_runs_that_hold_a_zip_and_a_number() {
        assert_eq!(
            e164s("West Springfield, MA 01089 (413) 732-8702", &["US"]),
            ["+14137328702"]
        );
    }

    #[test]
    fn labels_fax_numbers() {
        let found = phones_in_text("Phone: 316-691-8519\nFax: 316-682-0459", &rs(&["US"]));
        assert_eq!(found.len(), 2);
        assert!(!found[0].fax);
        assert!(found[1].fax);
        let both = phones_in_text("Tel/Fax: 316-691-8519", &rs(&["US"]));
        assert!(!both[0].fax);
        let faxes = |text: &str| -> Vec<bool> {
            phones_in_text(text, &rs(&["US", "GB"]))
                .iter()
                .map(|p| p.fax)
                .collect()
        };
        assert_eq!(faxes("202.999.3975 202.299.1148 fax"), [false, true]);
        assert_eq!(
            faxes("707.238.3700 (Local) 707.665.9184 (Fax)"),
            [false, true]
        );
        assert_eq!(faxes("Office:206-588-2075Fax:206-971-0313"), [false, true]);
        assert_eq!(
            faxes("T +44 (0) 20 3167 4997 | F +44 (0) 20 7629 1317"),
            [false, true]
        );
        assert_eq!(
            faxes("Phone: 316-691-8519 Fax: 316-682-0459"),
            [false, true]
        );
        assert_eq!(
            faxes("Phone : (970) 453 - 8025 eFax : (413) 403 - 8025"),
            [false, true]
        );
    }

    #[test]
    fn ignores_look_alikes() {
        for text in [
            "Posted 12/05/2023 and 2023-05-12",
            "Serving you 1998-2023",
            "Only $1,299.00 or $415 555 2671",
            "ZIP 67206-2504",
            "Order #415-555-2671",
            "Invoice no. 415 555 2671",
            "https://example.com/p/4155552671",
            "id4155552671",
            "ID 4155552671 and 4155552671",
            "GPS 40.7128, -74.0060",
        ] {
            assert_eq!(e164s(text, &["US"]), Vec::<String>::new(), "{text}");
        }
        assert_eq!(e164s("Phone: 4155552671", &["US"]), ["+14155552671"]);
        assert_eq!(e164s("Telephone0844 800 1500", &["GB"]), ["+448448001500"]);
        assert_eq!(e164s("Sales01625 856 505", &["GB"]), ["+441625856505"]);
        assert_eq!(e164s("SKU4155552671", &["US"]), Vec::<String>::new());
    }

    #[test]
    fn times_dates_and_prices_next_to_numbers_are_not_part_of_them() {
        for text in [
            "Maandag: 08.00-18.00",
            "Ma t/m vr 08.30 - 17.30",
            "Mo-Fr 9-17 Uhr",
            "Lundi 09h00-18h00",
            "Open 24/7 365",
        ] {
            assert_eq!(
                e164s(text, &["NL", "DE", "FR", "US"]),
                Vec::<String>::new(),
                "{text}"
            );
        }
        assert_eq!(
            e164s(
                "Call 0113 496 0321 – 24/7 emergency call-outs",
                &["GB", "US"]
            ),
            ["+441134960321"]
        );
        assert_eq!(
            e164s("Mon–Fri 08.00-18.00 0113 496 0321", &["GB"]),
            ["+441134960321"]
        );
        assert_eq!(e164s("Tel 020 7946 0958 9-17", &["GB"]), ["+442079460958"]);
        assert_eq!(
            e164s("Service £45.00 0113 496 0321", &["GB"]),
            ["+441134960321"]
        );
        assert_eq!(
            e164s("Booked 12/05/2024 0113 496 0321", &["GB"]),
            ["+441134960321"]
        );
    }

    #[test]
    fn a_dialling_prefix_is_read_only_when_nothing_better_is_there() {
        // On a site whose regions are GB then US, "0113…" is Leeds, not +34 through `011`.
        assert_eq!(
            e164s("Call 0113 496 0321 24/7", &["US", "GB"]),
            ["+441134960321"]
        );
        // Written as Americans dial abroad, with nothing else to read: the foreign number.
        assert_eq!(
            e164s("Madrid office: 011 34 91 123 45 67", &["US"]),
            ["+34911234567"]
        );
    }

    #[test]
    fn labelled_numbers_abroad_are_read_without_their_plus() {
        assert_eq!(e164s("Tel: 971 48131941", &["IN"]), ["+97148131941"]);
        assert_eq!(e164s("Tel: 86 10 6468 4666", &["IN"]), ["+861064684666"]);
        // Unlabelled, or with a national reading, nothing changes.
        assert_eq!(e164s("Ref 971 48131941", &["IN"]), Vec::<String>::new());
        assert_eq!(e164s("Phone: 415 555 2671", &["US"]), ["+14155552671"]);
    }

    #[test]
    fn survives_hostile_text() {
        let digits = "7".repeat(10 * 1024 * 1024);
        assert!(phones_in_text(&digits, &rs(&["US"])).is_empty());
        let runs = "415-555-2671 ".repeat(10_000);
        assert_eq!(phones_in_text(&runs, &rs(&["US"])).len(), MAX_FOUND);
    }
}
