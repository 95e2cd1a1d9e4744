//! Closures and special hours on public holidays and set dates: "an Feiertagen geschlossen",
//! "cerrado festivos", "Jours fériés : 10h-13h", "Bank holidays: closed", "24.12. geschlossen".
//! The weekday reader treats holiday words as connectors; this reads the clause around them
//! into its own rule, whose day is schema.org's `PublicHolidays` (or none for a set date, whose
//! text then says when). Every word is a language folder's (`hours.holidays`,
//! `hours.public_holidays`, `hours.closed`).

use std::sync::LazyLock;

use regex::Regex;

use super::hours::{hours_in_text, FoundHours};
use crate::lang;
use crate::lang::words::contains_term;

/// The day name a holiday rule carries, as schema.org's `DayOfWeek` names it.
pub const PUBLIC_HOLIDAYS: &str = "PublicHolidays";

/// Longest clause read as one rule: longer ones are prose ("opening times may differ on …").
const MAX_CLAUSE_CHARS: usize = 120;
const MAX_FOUND: usize = 10;

struct Words {
    holidays: Vec<String>,
    closed: Vec<String>,
    /// The first full day name of the first language: the weekday reader's stand-in for the
    /// holiday, so its time reading ("10h-13h", "9 bis 13 Uhr") is reused unchanged.
    stand_in: String,
}

static WORDS: LazyLock<Words> = LazyLock::new(|| Words {
    holidays: lang::collect(|l| {
        Box::new(if l.hours.public_holidays.is_empty() {
            l.hours.holidays.iter()
        } else {
            l.hours.public_holidays.iter()
        })
    }),
    closed: lang::collect(|l| Box::new(l.hours.closed.iter())),
    stand_in: lang::all()
        .iter()
        .find_map(|l| l.days.names[0].first().cloned())
        .unwrap_or_default(),
});

/// "24.12.", "31/12", "1/1/2027": a day and a month.
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|[^\d.:/])(?:0?[1-9]|[12]\d|3[01])(?:\.(?:0?[1-9]|1[0-2])\.|/(?:0?[1-9]|1[0-2])(?:[^\d:]|$))",
    )
    .expect("date pattern")
});

pub fn holiday_hours_in_text(text: &str) -> Vec<FoundHours> {
    let words = &*WORDS;
    let mut out = Vec::new();
    for (start, clause) in clauses(text) {
        if out.len() >= MAX_FOUND {
            break;
        }
        let trimmed = clause.trim();
        if trimmed.is_empty() || trimmed.chars().count() > MAX_CLAUSE_CHARS {
            continue;
        }
        let lower = trimmed.to_lowercase();
        let holiday = words.holidays.iter().any(|w| contains_term(&lower, w));
        // "24/7" is always open, not the 24th of July.
        let dated = DATE.find_iter(&lower).any(|m| {
            !m.as_str()
                .trim_start_matches(|c: char| !c.is_ascii_digit())
                .starts_with("24/7")
        });
        if !holiday && !dated {
            continue;
        }
        let closed = words.closed.iter().any(|w| contains_term(&lower, w));
        let timed = hours_in_text(&format!("{} {trimmed}", words.stand_in))
            .into_iter()
            .find(|r| r.opens.is_some() && r.closes.is_some() && !r.closed);
        if !closed && timed.is_none() {
            continue;
        }
        let offset = start + (clause.len() - clause.trim_start().len());
        out.push(FoundHours {
            text: trimmed.split_whitespace().collect::<Vec<_>>().join(" "),
            days: if holiday {
                vec![PUBLIC_HOLIDAYS.to_owned()]
            } else {
                Vec::new()
            },
            opens: timed
                .as_ref()
                .and_then(|r| r.opens.clone())
                .filter(|_| !closed),
            closes: timed.and_then(|r| r.closes).filter(|_| !closed),
            closed,
            start: offset,
            end: offset + trimmed.len(),
        });
    }
    out
}

/// The text's clauses with their byte offsets: lines, and the parts of a line between `;`,
/// `|`, `•` and a comma followed by a space (a list of rules on one line).
fn clauses(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        let ends =
            matches!(c, '\n' | ';' | '|' | '•') || (c == ',' && bytes.get(i + 1) == Some(&b' '));
        if ends {
            out.push((start, &text[start..i]));
            start = i + c.len_utf8();
        }
    }
    out.push((start, &text[start..]));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `(text, days, opens, closes, closed)` per rule.
    type Rule = (String, Vec<String>, Option<String>, Option<String>, bool);

    fn rules(text: &str) -> Vec<Rule> {
        holiday_hours_in_text(text)
            .into_iter()
            .map(|r| (r.text, r.days, r.opens, r.closes, r.closed))
            .collect()
    }

    fn closed_on_holidays(text: &str) -> bool {
        rules(text)
            .iter()
            .any(|(_, days, _, _, closed)| *closed && days == &[PUBLIC_HOLIDAYS.to_owned()])
    }

    #[test]
    fn holiday_closures_in_every_language() {
        for text in [
            "Mo–Fr 8:00–18:00 Uhr\nSa 9:00–13:00 Uhr, an Feiertagen geschlossen",
            "Lunes a viernes de 10:00 a 20:00. Domingos y festivos cerrado",
            "Du mardi au samedi de 9h à 19h ; fermé les jours fériés",
            "Ma t/m vr 9.00 tot 17.30 uur | Gesloten op feestdagen",
            "Mon–Fri 9am–5pm\nClosed on bank holidays",
            "Chiuso la domenica e nei giorni festivi",
            "Segunda a sexta 9h-19h. Encerrado aos feriados",
        ] {
            assert!(closed_on_holidays(text), "{text}");
        }
    }

    #[test]
    fn special_hours_on_holidays_and_set_dates() {
        let found = rules("Feiertags 10:00 – 14:00 Uhr");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].2.as_deref(), Some("10:00"));
        assert_eq!(found[0].3.as_deref(), Some("14:00"));
        assert!(!found[0].4);

        let found = rules("Öffnungszeiten: Mo–Fr 8–18 Uhr\n24.12. und 31.12. geschlossen");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "24.12. und 31.12. geschlossen");
        assert!(found[0].1.is_empty() && found[0].4);

        let found = rules("Cerrado el 25/12 y el 1/1");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].4);
    }

    #[test]
    fn holiday_words_without_a_rule_are_not_hours() {
        assert!(rules("Öffnungszeiten an Feiertagen können abweichen.").is_empty());
        assert!(rules("We are a family business since 1982. Happy holidays!").is_empty());
        assert!(rules("Mo–Fr 8:00–18:00 Uhr").is_empty());
        assert!(rules("Call 12.30 or 14/15 guests").is_empty());
        assert!(rules("Summer holidays: closed 1-15 August").is_empty());
        assert!(rules("eLearning 24/7 Blog").is_empty());
        assert!(rules("Open 24/7, closed only for maintenance").is_empty());
    }
}
