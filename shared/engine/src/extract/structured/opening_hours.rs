//! schema.org opening hours: `openingHours` strings (`Mo-Fr 09:00-17:00`, `Mo,Tu,We 08:00-12:00`,
//! `Sa 10:00-14:00; Su closed`) and `openingHoursSpecification` values (`dayOfWeek` as a name or
//! URL, `opens`/`closes` as `HH:MM[:SS]`), as rules of full day names with `HH:MM` times.

use crate::extract::facts::WEEKDAYS;

/// One rule: the days (Monday first), and the times or `closed`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HoursRule {
    /// The rule as written (or assembled from a specification).
    pub text: String,
    pub days: Vec<String>,
    pub opens: Option<String>,
    pub closes: Option<String>,
    pub closed: bool,
}

/// Most rules read from one string; a week rarely needs more than a dozen.
const MAX_RULES: usize = 50;

/// The day index (Monday = 0) of `Mo`, `Mon`, `monday`, `https://schema.org/Monday`.
pub fn day_index(raw: &str) -> Option<usize> {
    let name = raw
        .trim()
        .rsplit(['/', '#', ':'])
        .next()?
        .trim()
        .trim_end_matches('.');
    if name.len() < 2 {
        return None;
    }
    let lower = name.to_ascii_lowercase();
    // Every two-letter prefix of a day name is unique, so any prefix of two or more letters
    // names one day (`Mo`, `Tue`, `Thurs`, `Sunday`).
    WEEKDAYS
        .iter()
        .position(|day| day.to_ascii_lowercase().starts_with(&lower))
}

/// `Mo-Fr`, `Mo,We,Fr`, `Mo-We,Sa`, `Fr-Mo` (wrapping) → day indexes in week order.
fn parse_days(token: &str) -> Option<Vec<usize>> {
    let mut days = [false; 7];
    let mut any = false;
    for part in token.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        match part.split_once(['-', '–']) {
            Some((from, to)) => {
                let (from, to) = (day_index(from)?, day_index(to)?);
                let mut d = from;
                loop {
                    days[d] = true;
                    if d == to {
                        break;
                    }
                    d = (d + 1) % 7;
                }
            }
            None => days[day_index(part)?] = true,
        }
        any = true;
    }
    any.then(|| (0..7).filter(|d| days[*d]).collect())
}

/// `9:00`, `09:00:00`, `0900`, `9am`, `5:30 PM` → `HH:MM`; `24:00` is kept (end of day).
pub fn normalize_time(raw: &str) -> Option<String> {
    let t = raw.trim().to_ascii_lowercase();
    let (t, meridiem) = if let Some(rest) = t.strip_suffix("am").or_else(|| t.strip_suffix("a.m."))
    {
        (rest.trim().to_owned(), Some(false))
    } else if let Some(rest) = t.strip_suffix("pm").or_else(|| t.strip_suffix("p.m.")) {
        (rest.trim().to_owned(), Some(true))
    } else {
        (t, None)
    };
    // Drop a timezone or seconds: `09:00:00`, `09:00+01:00`, `09:00Z`.
    let t = t.split(['+', 'z']).next().unwrap_or_default();
    let mut parts = t.split([':', '.']);
    let (hour, minute) = match (parts.next(), parts.next()) {
        (Some(h), Some(m)) => (
            h.trim().parse::<u32>().ok()?,
            m.trim().get(..2)?.parse::<u32>().ok()?,
        ),
        (Some(hm), None) if hm.len() == 4 && meridiem.is_none() => {
            (hm[..2].parse().ok()?, hm[2..].parse().ok()?)
        }
        // `9am`, and a bare hour as in `Mo-Fr 9-17`.
        (Some(h), None) if meridiem.is_some() || (1..=2).contains(&h.trim().len()) => {
            (h.trim().parse().ok()?, 0)
        }
        _ => return None,
    };
    let hour = match meridiem {
        Some(_) if !(1..=12).contains(&hour) => return None,
        Some(false) => hour % 12,
        Some(true) => hour % 12 + 12,
        None => hour,
    };
    if hour > 24 || minute > 59 || (hour == 24 && minute != 0) {
        return None;
    }
    Some(format!("{hour:02}:{minute:02}"))
}

fn day_names(days: &[usize]) -> Vec<String> {
    days.iter().map(|d| WEEKDAYS[*d].to_owned()).collect()
}

/// Rules from an `openingHours` string. Tokens are read in order: a day list sets the days for
/// the time ranges (or `closed`) that follow it; a time range with no day list means every day
/// (schema.org's `08:00-17:00` form).
pub fn parse_opening_hours(text: &str) -> Vec<HoursRule> {
    let mut rules = Vec::new();
    // `09:00 - 17:00` → `09:00-17:00` and `9:00 AM` → `9:00AM`, so a range is one token.
    let mut compact = text
        .replace(" - ", "-")
        .replace(" – ", "-")
        .replace(" to ", "-");
    for meridiem in [
        " AM", " PM", " am", " pm", " a.m.", " p.m.", " A.M.", " P.M.",
    ] {
        if compact.contains(meridiem) {
            compact = compact.replace(meridiem, meridiem.trim_start());
        }
    }
    let mut days: Option<(Vec<usize>, String)> = None;
    for token in compact
        .split(|c: char| c.is_whitespace() || c == ';' || c == '|')
        .map(|t| t.trim_matches([',', ':']))
        .filter(|t| !t.is_empty())
    {
        if rules.len() >= MAX_RULES {
            break;
        }
        if let Some(parsed) = parse_days(token) {
            days = Some((parsed, token.to_owned()));
            continue;
        }
        let lower = token.to_ascii_lowercase();
        let (day_list, day_text) = days
            .clone()
            .unwrap_or_else(|| ((0..7).collect(), String::new()));
        if matches!(lower.as_str(), "closed" | "off" | "geschlossen" | "fermé") {
            rules.push(HoursRule {
                text: format!("{day_text} {token}").trim().to_owned(),
                days: day_names(&day_list),
                opens: None,
                closes: None,
                closed: true,
            });
            continue;
        }
        let Some((from, to)) = token.split_once(['-', '–']) else {
            continue;
        };
        if let (Some(opens), Some(closes)) = (normalize_time(from), normalize_time(to)) {
            rules.push(HoursRule {
                text: format!("{day_text} {token}").trim().to_owned(),
                days: day_names(&day_list),
                opens: Some(opens),
                closes: Some(closes),
                closed: false,
            });
        }
    }
    rules
}

/// A rule from an `OpeningHoursSpecification`'s `dayOfWeek` values and `opens`/`closes`.
/// `00:00`–`00:00` means closed all day (schema.org's convention); `None` when no day or
/// time can be read.
pub fn rule_from_specification(
    day_values: &[&str],
    opens: Option<&str>,
    closes: Option<&str>,
) -> Option<HoursRule> {
    let mut days: Vec<usize> = day_values.iter().filter_map(|d| day_index(d)).collect();
    days.sort_unstable();
    days.dedup();
    let opens = opens.and_then(normalize_time);
    let closes = closes.and_then(normalize_time);
    if days.is_empty() && opens.is_none() {
        return None;
    }
    let closed = match (&opens, &closes) {
        (Some(o), Some(c)) => o == "00:00" && c == "00:00",
        (None, None) => true,
        _ => false,
    };
    let names = day_names(&days);
    let times = if closed {
        "closed".to_owned()
    } else {
        format!(
            "{}-{}",
            opens.as_deref().unwrap_or("?"),
            closes.as_deref().unwrap_or("?")
        )
    };
    Some(HoursRule {
        text: format!("{} {times}", names.join(", ")).trim().to_owned(),
        days: names,
        opens: if closed { None } else { opens },
        closes: if closed { None } else { closes },
        closed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(days: &[&str], opens: &str, closes: &str, text: &str) -> HoursRule {
        HoursRule {
            text: text.into(),
            days: days.iter().map(|d| d.to_string()).collect(),
            opens: Some(opens.into()),
            closes: Some(closes.into()),
            closed: false,
        }
    }

    #[test]
    fn reads_schema_org_opening_hours_strings() {
        assert_eq!(
            parse_opening_hours("Mo-Fr 09:00-17:00"),
            vec![rule(
                &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
                "09:00",
                "17:00",
                "Mo-Fr 09:00-17:00"
            )]
        );
        assert_eq!(
            parse_opening_hours("Mo,Tu,We 08:00-12:00"),
            vec![rule(
                &["Monday", "Tuesday", "Wednesday"],
                "08:00",
                "12:00",
                "Mo,Tu,We 08:00-12:00"
            )]
        );
        let rules = parse_opening_hours("Mo-Sa 11:00-14:30 17:00 - 21:30; Su closed");
        assert_eq!(rules.len(), 3);
        assert_eq!(rules[1].opens.as_deref(), Some("17:00"));
        assert_eq!(rules[1].days.len(), 6);
        assert!(rules[2].closed);
        assert_eq!(rules[2].days, vec!["Sunday"]);
        let wrap = parse_opening_hours("Fr-Mo 9am-5:30pm");
        assert_eq!(wrap[0].days, vec!["Monday", "Friday", "Saturday", "Sunday"]);
        assert_eq!(
            (wrap[0].opens.as_deref(), wrap[0].closes.as_deref()),
            (Some("09:00"), Some("17:30"))
        );
        let written = parse_opening_hours("Monday-Friday: 9:00 AM - 5:30 PM");
        assert_eq!(written.len(), 1);
        assert_eq!(written[0].days.len(), 5);
        assert_eq!(
            (written[0].opens.as_deref(), written[0].closes.as_deref()),
            (Some("09:00"), Some("17:30"))
        );
        let bare = parse_opening_hours("Mo-Fr 9-17");
        assert_eq!(
            (bare[0].opens.as_deref(), bare[0].closes.as_deref()),
            (Some("09:00"), Some("17:00"))
        );
        assert!(parse_opening_hours("call us").is_empty());
        assert!(parse_opening_hours("Mo-Fr 25:00-26:00").is_empty());
    }

    #[test]
    fn reads_specifications_with_urls_and_seconds() {
        let r = rule_from_specification(
            &["https://schema.org/Tuesday", "Monday"],
            Some("09:00:00"),
            Some("17:30"),
        )
        .unwrap();
        assert_eq!(r.days, vec!["Monday", "Tuesday"]);
        assert_eq!(r.opens.as_deref(), Some("09:00"));
        assert_eq!(r.closes.as_deref(), Some("17:30"));
        assert_eq!(r.text, "Monday, Tuesday 09:00-17:30");
        let closed = rule_from_specification(&["Sunday"], Some("00:00"), Some("00:00")).unwrap();
        assert!(closed.closed);
        assert_eq!(closed.opens, None);
        assert_eq!(rule_from_specification(&["Someday"], None, None), None);
    }
}
