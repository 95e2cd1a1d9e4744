//! Phone numbers, parsed and validated with the `phonenumber` crate (libphonenumber's metadata):
//! national numbers are read in the site's region, and only numbers valid for their country are
//! kept.

use phonenumber::country;
use phonenumber::Mode;

/// A valid number: E.164 for machines, the national form for people in its country.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedPhone {
    pub e164: String,
    pub display: String,
    /// The number's country, ISO 3166-1 alpha-2, when the metadata knows it.
    pub country: Option<String>,
    /// What kind of line it is, from libphonenumber's number types.
    pub line: LineType,
    /// Read through an international dialling prefix (`011 34 …`, `00 44 …`) into a country
    /// other than the region it was read in.
    pub via_dialling_prefix: bool,
}

/// libphonenumber's number types, as far as they matter to a caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineType {
    /// Fixed line, mobile, or either; VoIP.
    Ordinary,
    TollFree,
    /// Premium-rate, shared-cost, personal, pager, UAN and voicemail numbers: a caller pays
    /// more or reaches someone else. Never the business's phone unless it gives them itself in
    /// its own markup.
    Costly,
    Unknown,
}

impl LineType {
    fn of(number: &phonenumber::PhoneNumber) -> Self {
        use phonenumber::Type;
        match number.number_type(&phonenumber::metadata::DATABASE) {
            Type::FixedLine | Type::Mobile | Type::FixedLineOrMobile | Type::Voip => Self::Ordinary,
            Type::TollFree => Self::TollFree,
            Type::PremiumRate
            | Type::SharedCost
            | Type::PersonalNumber
            | Type::Pager
            | Type::Uan
            | Type::Voicemail => Self::Costly,
            _ => Self::Unknown,
        }
    }
}

/// Longest input worth parsing: real numbers with an extension fit easily.
const MAX_INPUT_CHARS: usize = 40;

/// Parses `raw` (`(415) 555-0100`, `+44 20 7946 0958`, `tel:+1-415-555-0100`) in `region`
/// (ISO alpha-2, used for numbers written without a country code). `None` when it is not a
/// valid number.
pub fn parse_phone(raw: &str, region: Option<&str>) -> Option<ParsedPhone> {
    let raw = raw.trim();
    if raw.is_empty() || raw.chars().count() > MAX_INPUT_CHARS {
        return None;
    }
    let region: Option<country::Id> = region.and_then(|r| r.to_ascii_uppercase().parse().ok());
    let number = phonenumber::parse(region, raw).ok()?;
    if !phonenumber::is_valid(&number) {
        return None;
    }
    let country = number.country().id();
    if !raw.starts_with('+') && !written_as_in(raw, &number) {
        return None;
    }
    let display_mode = match (country, region) {
        (Some(c), Some(r)) if c == r => Mode::National,
        (_, None) if country == Some(country::Id::US) => Mode::National,
        _ => Mode::International,
    };
    let via_dialling_prefix = !raw.starts_with('+')
        && region.is_some()
        && country != region
        && dialling_prefix_first(raw);
    Some(ParsedPhone {
        e164: number.format().mode(Mode::E164).to_string(),
        display: number.format().mode(display_mode).to_string(),
        country: country.map(|c| c.as_ref().to_owned()),
        line: LineType::of(&number),
        via_dialling_prefix,
    })
}

/// Written starting with an international dialling prefix (`00`, `011`, `0011`, `010`).
fn dialling_prefix_first(raw: &str) -> bool {
    let digits: String = raw.chars().filter(char::is_ascii_digit).take(4).collect();
    digits.starts_with("00") || digits.starts_with("011") || digits.starts_with("010")
}

/// A national number must be written the way its country writes them: where the national
/// format starts with a trunk `0` (`020 7946 0958` in the UK), digits without the `0` and
/// without the country code are some other country's number (`206-588-2075` is not London's
/// `020 6588 2075`).
fn written_as_in(raw: &str, number: &phonenumber::PhoneNumber) -> bool {
    let national = number.format().mode(Mode::National).to_string();
    let national_digits: String = national.chars().filter(char::is_ascii_digit).collect();
    if !national_digits.starts_with('0') {
        return true;
    }
    let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
    let code = number.code().value().to_string();
    digits.starts_with('0') || digits.starts_with(&code) || digits.starts_with("00")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_national_numbers_in_the_region_and_international_ones_anywhere() {
        let us = parse_phone("(415) 555-2671", Some("US")).unwrap();
        assert_eq!(us.e164, "+14155552671");
        assert_eq!(us.display, "(415) 555-2671");
        let gb = parse_phone("020 7946 0958", Some("GB")).unwrap();
        assert_eq!(gb.e164, "+442079460958");
        let intl = parse_phone("+44 20 7946 0958", Some("US")).unwrap();
        assert_eq!(intl.e164, "+442079460958");
        assert_eq!(intl.display, "+44 20 7946 0958");
        assert_eq!(intl.country.as_deref(), Some("GB"));
    }

    #[test]
    fn rejects_what_is_not_a_valid_number() {
        assert_eq!(parse_phone("12345", Some("US")), None);
        assert_eq!(parse_phone("2019-2024", Some("US")), None);
        assert_eq!(parse_phone("", None), None);
        // Without its trunk 0 this is a US number, not a London one.
        assert_eq!(parse_phone("206-588-2075", Some("GB")), None);
        assert!(parse_phone("44 (0) 1621 862 145", Some("GB")).is_some());
        assert_eq!(parse_phone(&"9".repeat(500), Some("US")), None);
    }

    #[test]
    fn line_types_come_from_the_metadata() {
        let line = |raw: &str, region: &str| parse_phone(raw, Some(region)).map(|p| p.line);
        assert_eq!(line("0113 496 0321", "GB"), Some(LineType::Ordinary));
        assert_eq!(line("0800 123 4567", "GB"), Some(LineType::TollFree));
        // Premium-rate (UK 09, US 1-900, DE 0900, FR 089, ES 806, NL 0906), shared-cost (UK
        // 0845), personal (UK 070).
        assert_eq!(line("0906 123 4567", "GB"), Some(LineType::Costly));
        assert_eq!(line("1-900-555-0199", "US"), Some(LineType::Costly));
        assert_eq!(line("0900 1234567", "DE"), Some(LineType::Costly));
        assert_eq!(line("08 99 12 34 56", "FR"), Some(LineType::Costly));
        assert_eq!(line("806 123 456", "ES"), Some(LineType::Costly));
        assert_eq!(line("0906 123 4567", "NL"), Some(LineType::Costly));
        assert_eq!(line("0845 123 4567", "GB"), Some(LineType::Costly));
        assert_eq!(line("070 1234 5678", "GB"), Some(LineType::Costly));
    }

    #[test]
    fn a_reading_through_a_dialling_prefix_is_marked() {
        let p = parse_phone("011 34 960 32 12 47", Some("US")).unwrap();
        assert_eq!(p.e164, "+34960321247");
        assert!(p.via_dialling_prefix);
        let p = parse_phone("0113 496 0321", Some("GB")).unwrap();
        assert!(!p.via_dialling_prefix);
        assert!(
            !parse_phone("+34 960 32 12 47", Some("US"))
                .unwrap()
                .via_dialling_prefix
        );
    }
}
