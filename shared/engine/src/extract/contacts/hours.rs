//! Opening hours in visible text: "Mon–Fri 9am–5pm", "Monday to Friday: 8:30 - 17:30",
//! "Mon-Thu 9:00am-5:00pm, Fri 9-3", "Closed Sundays", "Sunday: Closed", "24/7", and day/time
//! tables (a day and its times on one line, or the times on the next line).
//!
//! The text is read as a stream of tokens (day names, times, "closed", "daily", "24/7"); what
//! lies between two tokens decides whether they belong together (`-`/`to` makes a range, `,`/
//! `&` a list, `:` or a line break nothing, any other words end the rule). A rule is emitted when
//! a time range or "closed" follows a set of days, or days follow a time range ("9am-5pm
//! Mon-Fri"). Time ranges with no days count only after words such as "hours" or "open", and
//! bare numbers (`9-5`) only right after days, unless an hour word follows them (`9 Uhr`, `9h`).
//!
//! Every word is data: day names, abbreviations and one-letter ranges, range and list words,
//! hour words, "closed", "by appointment" and context words come from each language folder's
//! `reading.toml` (`Mo–Fr 8–18 Uhr`, `du lundi au vendredi de 9h à 18h`, `Ma t/m vr 9.00 tot
//! 17.30 uur`, `L-V 9:00-14:00 y 17:00-20:00`, `Segunda a Sexta das 9h às 18h`).

use std::sync::LazyLock;

use std::collections::{HashMap, HashSet};

use regex::Regex;

use crate::extract::facts::WEEKDAYS;
use crate::extract::facts::{Hours, Origin, Provenance};
use crate::lang;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundHours {
    pub text: String,
    /// Monday first, full English names.
    pub days: Vec<String>,
    pub opens: Option<String>,
    pub closes: Option<String>,
    pub closed: bool,
    pub start: usize,
    pub end: usize,
}

impl FoundHours {
    pub fn into_fact(self, source: &str) -> Hours {
        let evidence = self.text.clone();
        Hours {
            text: self.text,
            days: self.days,
            opens: self.opens,
            closes: self.closes,
            closed: self.closed,
            provenance: Provenance::new(source, Origin::Text, Some(&evidence)),
        }
    }
}

const MAX_TOKENS: usize = 5_000;
/// Most token candidates looked at: a page of digits yields one per digit pair.
const MAX_CANDIDATES: usize = 50_000;
const MAX_FOUND: usize = 60;
/// Longest gap between two tokens of one rule, in bytes.
const MAX_GAP: usize = 40;
const ALL_WEEK: u8 = 0b111_1111;

/// The hour-reading words of every language folder (`shared/engine/lang/*/reading.toml`),
/// compiled once: day names, ranges, lists, hour words, "closed", "by appointment", context words.
struct Vocabulary {
    token: Regex,
    context: Regex,
    /// `^` a range connector then a day: a lower-case abbreviation that starts a day range.
    followed_by_day: Regex,
    /// `^` a colon then a time or "closed", or a time with minutes or "closed" right after: a
    /// lower-case abbreviation in an hours list ("ma: gesloten", "di 09:30-17:30", "zo gesloten").
    followed_by_time: Regex,
    connectors: HashSet<String>,
    range: HashSet<String>,
    list: HashSet<String>,
    range_phrases: Vec<String>,
    hour_words: Vec<String>,
    day_index: HashMap<String, u32>,
    /// Per language code, every day word of that language, its short ones included: a page's
    /// language decides what "Do" or "Ma" means.
    by_language: HashMap<String, HashMap<String, u32>>,
    abbreviations: HashSet<String>,
    /// Per language, Monday first: the capital letter of each day ("L-V", "M-F").
    letters: Vec<Vec<Option<char>>>,
}

/// Words as regex alternatives; a space inside a phrase matches any run of whitespace.
fn alternation(words: &[String]) -> String {
    words
        .iter()
        .map(|w| phrase_pattern(w))
        .collect::<Vec<_>>()
        .join("|")
}

fn phrase_pattern(phrase: &str) -> String {
    phrase
        .split_whitespace()
        .map(regex::escape)
        .collect::<Vec<_>>()
        .join(r"\s+")
}

static VOCABULARY: LazyLock<Vocabulary> = LazyLock::new(|| {
    let collect = |f: fn(&'static crate::lang::Language) -> &'static [String]| {
        lang::collect(move |l| Box::new(f(l).iter()))
    };
    let days = lang::collect(|l| {
        Box::new(
            l.days
                .names
                .iter()
                .chain(&l.days.abbreviations)
                .chain(&l.days.short)
                .flatten(),
        )
    });
    let range = collect(|l| l.hours.range.as_slice());
    let token = format!(
        r"(?ix)
        (?P<always>24\s*/\s*7(?:\s*/\s*365)?|24\s*hours?\s+a\s+day|open\s+24\s*(?:hours|hrs|h)(?-u:\b)|24[\s-]*(?:hours?|hrs?|h)\s+(?:service|answering|emergency)|around\s+the\s+clock{always})
        |(?P<appointment>{appointment})
        |(?P<closed>{closed})
        |(?P<weekdays>{weekdays})
        |(?P<daily>{daily})
        |(?P<mf>(?-i:[A-Z])(?:\s?[-–]\s?|\s(?:a|al)\s)(?-i:[A-Z]))
        |(?P<day>{days})
        |(?P<time>(?P<h>\d{{1,2}})(?:[:.hu](?P<m>\d{{2}}))?(?:\s*(?P<mer>[ap]\.\s?m\.?|[ap]m))?|noon|midnight)
        ",
        always = collect(|l| l.hours.always.as_slice())
            .iter()
            .map(|w| format!("|{}", phrase_pattern(w)))
            .collect::<String>(),
        appointment = alternation(&collect(|l| l.hours.appointment.as_slice())),
        closed = alternation(&collect(|l| l.hours.closed.as_slice())),
        daily = alternation(&collect(|l| l.hours.daily.as_slice())),
        weekdays = alternation(&collect(|l| l.hours.weekdays.as_slice())),
        days = alternation(&days),
    );
    let context = format!(
        r"(?i)\b(?:{})\b",
        alternation(&collect(|l| l.hours.context.as_slice()))
    );
    let followed_by_day = format!(
        r"(?i)^\s*\.?\s*(?:-|–|{})\s*(?:{})(?:[^\p{{L}}]|$)",
        alternation(&range),
        alternation(&days)
    );
    let followed_by_time = format!(
        r"(?i)^\.?(?:\s*:\s*(?:\d|(?:{closed})(?:[^\p{{L}}]|$))|\s+(?:\d{{1,2}}[:.h]\d{{2}}|(?:{closed})(?:[^\p{{L}}]|$)))",
        closed = alternation(&collect(|l| l.hours.closed.as_slice()))
    );
    let mut connectors: HashSet<String> = CONNECTOR_PUNCTUATION
        .iter()
        .map(|w| (*w).to_owned())
        .collect();
    for words in [
        collect(|l| l.hours.range.as_slice()),
        collect(|l| l.hours.list.as_slice()),
        collect(|l| l.hours.neutral.as_slice()),
        collect(|l| l.hours.hour_words.as_slice()),
        collect(|l| l.hours.holidays.as_slice()),
    ] {
        connectors.extend(
            words
                .iter()
                .flat_map(|w| w.split_whitespace())
                .map(str::to_owned),
        );
    }
    let mut day_index = HashMap::new();
    let mut abbreviations = HashSet::new();
    for l in lang::all() {
        for (i, names) in l.days.names.iter().enumerate() {
            for n in names {
                day_index.entry(n.clone()).or_insert(i as u32);
            }
        }
        for (i, names) in l.days.abbreviations.iter().enumerate() {
            for n in names {
                day_index.entry(n.clone()).or_insert(i as u32);
                abbreviations.insert(n.clone());
            }
        }
        abbreviations.extend(l.days.short.iter().flatten().cloned());
    }
    let by_language = lang::all()
        .iter()
        .map(|l| {
            let own = l
                .days
                .names
                .iter()
                .chain(&l.days.abbreviations)
                .chain(&l.days.short)
                .enumerate()
                .flat_map(|(i, words)| words.iter().map(move |w| (w.clone(), (i % 7) as u32)))
                .collect();
            (l.code.clone(), own)
        })
        .collect();
    let letters = lang::all()
        .iter()
        .filter(|l| l.days.letters.len() == 7)
        .map(|l| l.days.letters.iter().map(|s| s.chars().next()).collect())
        .collect();
    Vocabulary {
        token: Regex::new(&token).expect("hours token pattern"),
        context: Regex::new(&context).expect("hours context"),
        followed_by_day: Regex::new(&followed_by_day).expect("day range pattern"),
        followed_by_time: Regex::new(&followed_by_time).expect("day list pattern"),
        connectors,
        range: range
            .into_iter()
            .chain(RANGE_PUNCTUATION.iter().map(|w| (*w).to_owned()))
            .collect(),
        list: collect(|l| l.hours.list.as_slice())
            .into_iter()
            .chain(LIST_PUNCTUATION.iter().map(|w| (*w).to_owned()))
            .collect(),
        range_phrases: collect(|l| l.hours.range_phrases.as_slice()),
        hour_words: collect(|l| l.hours.hour_words.as_slice()),
        day_index,
        by_language,
        abbreviations,
        letters,
    }
});

/// Punctuation (and English possessive bits) that may sit inside one rule in any language.
const CONNECTOR_PUNCTUATION: &[&str] = &[
    "s", "'s", "’s", "&", "-", "–", "—", "~", "\u{fffd}", ",", ":", ";", ".", "/", "(", ")", "|",
    "+", "@",
];
// U+FFFD: a dash lost to a wrong character encoding.
const RANGE_PUNCTUATION: &[&str] = &["-", "–", "—", "~", "\u{fffd}"];
const LIST_PUNCTUATION: &[&str] = &[",", "&", "/", "+"];

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Always,
    Closed,
    /// "by appointment", "nach Vereinbarung": the days are open, at no fixed times.
    Appointment,
    Daily,
    Days(u8),
    Time(Time),
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Time {
    hour: u32,
    minute: u32,
    /// `Some(true)` for pm, `Some(false)` for am.
    pm: Option<bool>,
    /// Written with minutes or a meridiem (not a bare `9`).
    explicit: bool,
    /// Written as 24-hour (`08:00`, `17:30`).
    twenty_four: bool,
}

#[derive(Debug, Clone, Copy)]
struct Token {
    kind: Kind,
    start: usize,
    end: usize,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Gap {
    /// Nothing but whitespace or a colon: the tokens belong together.
    Neutral,
    /// `-`, `to`, `through`: a range.
    Range,
    /// `,`, `&`, `and`: a list.
    List,
    /// Other words or a long gap: a new rule begins.
    Break,
}

pub fn hours_in_text(text: &str) -> Vec<FoundHours> {
    hours_in_text_in(text, None)
}

/// [`hours_in_text`] on a page written in `language` (a BCP 47 tag): that language's day
/// words come first, so "Do" is Sunday on a Spanish page and Thursday on a German one. Without
/// a language, words that mean different days in different languages are read the way the
/// languages with full abbreviation tables read them (German and Dutch).
pub fn hours_in_text_in(text: &str, language: Option<&str>) -> Vec<FoundHours> {
    let own = language
        .and_then(|tag| tag.split(['-', '_']).next())
        .map(str::to_ascii_lowercase)
        .and_then(|code| VOCABULARY.by_language.get(&code));
    let tokens = tokens(text, own);
    let mut out: Vec<FoundHours> = Vec::new();
    let mut state = State::default();
    let mut prev: Option<Token> = None;
    for token in tokens {
        if out.len() >= MAX_FOUND {
            break;
        }
        let gap = prev.map_or(Gap::Break, |p| classify_gap(&text[p.end..token.start]));
        if gap == Gap::Break {
            state.flush_closed(text, &mut out);
            state.flush_trailing(text, &mut out);
            state = State::default();
        }
        if !matches!(token.kind, Kind::Days(_) | Kind::Daily) {
            state.flush_trailing(text, &mut out);
        }
        match token.kind {
            Kind::Always => {
                out.push(FoundHours {
                    text: one_line(&text[token.start..token.end]),
                    days: day_names(ALL_WEEK),
                    opens: Some("00:00".into()),
                    closes: Some("23:59".into()),
                    closed: false,
                    start: token.start,
                    end: token.end,
                });
                state = State::default();
            }
            Kind::Daily if state.trailing.is_some() => {
                // "de 12h à 14h30, 7j/7": every day, after the times.
                if let Some(trailing) = state.trailing.as_mut() {
                    trailing.days = ALL_WEEK;
                    trailing.days_end = token.end;
                }
            }
            Kind::Daily => {
                state.start_days(token.start);
                state.days = ALL_WEEK;
                state.last_day = None;
            }
            Kind::Days(mask) => {
                // Days after times or after "closed" belong to them only on the same line: a
                // line that ends "… 17:00 Uhr" or "zo gesloten" does not take the next line's days.
                let same_line = prev.is_some_and(|p| !text[p.end..token.start].contains('\n'));
                if !same_line {
                    state.flush_closed(text, &mut out);
                    state.flush_trailing(text, &mut out);
                }
                if let Some(trailing) = state.trailing.as_mut() {
                    // "9am-5pm Monday - Friday": the days after the times.
                    trailing.days |= match (trailing.last_day, gap) {
                        (Some(from), Gap::Range) => day_range(from, mask),
                        _ => mask,
                    };
                    trailing.last_day = Some(mask);
                    trailing.days_end = token.end;
                } else if state.closed_prefix.is_some() {
                    state.closed_days |= mask;
                    state.closed_end = token.end;
                } else {
                    if state.used {
                        state = State::default();
                    }
                    state.start_days(token.start);
                    let juxtaposed = prev.is_some_and(|p| {
                        matches!(p.kind, Kind::Days(_))
                            && text[p.end..token.start].trim().trim_matches('.').is_empty()
                            && !text[p.end..token.start].contains(char::is_whitespace)
                    });
                    match (state.last_day, gap) {
                        (Some(from), Gap::Range) => state.days |= day_range(from, mask),
                        (Some(from), _) if juxtaposed => state.days |= day_range(from, mask),
                        _ => state.days |= mask,
                    }
                    state.last_day = Some(mask);
                }
            }
            Kind::Appointment => {
                state.flush_closed(text, &mut out);
                if state.days != 0 && !state.used {
                    let start = state.days_start.unwrap_or(token.start);
                    out.push(FoundHours {
                        text: one_line(&text[start..token.end]),
                        days: day_names(state.days),
                        opens: None,
                        closes: None,
                        closed: false,
                        start,
                        end: token.end,
                    });
                    state.used = true;
                }
            }
            Kind::Closed => {
                state.flush_closed(text, &mut out);
                if state.days != 0 && !state.used {
                    out.push(FoundHours {
                        text: one_line(&text[state.days_start.unwrap_or(token.start)..token.end]),
                        days: day_names(state.days),
                        opens: None,
                        closes: None,
                        closed: true,
                        start: state.days_start.unwrap_or(token.start),
                        end: token.end,
                    });
                    state.used = true;
                } else {
                    state = State::default();
                    state.closed_prefix = Some(token.start);
                    state.closed_end = token.end;
                }
            }
            Kind::Time(time) => {
                state.flush_closed(text, &mut out);
                match state.open_time {
                    Some((open, open_start))
                        if gap == Gap::Range
                            || gap == Gap::Neutral
                                && token.start == prev.map_or(0, |p| p.end)
                                && open.explicit
                                && time.explicit
                            // "8am 5pm": a dash lost between two am/pm times.
                            || gap == Gap::Neutral
                                && open.pm.is_some()
                                && time.pm.is_some()
                                && !text[prev.map_or(0, |p| p.end)..token.start].contains('\n') =>
                    {
                        state.open_time = None;
                        if state.days == 0 {
                            state.trailing = Trailing::new(text, open, open_start, time, token.end);
                        } else if let Some(rule) =
                            state.rule(text, open, open_start, time, token.end)
                        {
                            out.push(rule);
                        }
                    }
                    _ => state.open_time = Some((time, token.start)),
                }
            }
        }
        prev = Some(token);
    }
    state.flush_closed(text, &mut out);
    state.flush_trailing(text, &mut out);
    out.truncate(MAX_FOUND);
    out
}

/// A time range read before any day: its days may follow ("9am-5pm Mon-Fri"); with none, it
/// counts only where the line speaks of opening hours.
#[derive(Debug)]
struct Trailing {
    opens: String,
    closes: String,
    start: usize,
    end: usize,
    days: u8,
    last_day: Option<u8>,
    days_end: usize,
    in_hours_context: bool,
}

impl Trailing {
    fn new(text: &str, open: Time, start: usize, close: Time, end: usize) -> Option<Self> {
        // Bare numbers ("9-5") are times only right after days.
        if !open.explicit || !close.explicit {
            return None;
        }
        let (opens, closes) = resolve(open, close)?;
        let context_start = super::line_start_near(text, start, 60);
        Some(Self {
            opens,
            closes,
            start,
            end,
            days: 0,
            last_day: None,
            days_end: end,
            in_hours_context: VOCABULARY.context.is_match(&text[context_start..start]),
        })
    }
}

#[derive(Debug, Default)]
struct State {
    days: u8,
    days_start: Option<usize>,
    last_day: Option<u8>,
    /// The days already have a rule: the next day name starts a new set.
    used: bool,
    open_time: Option<(Time, usize)>,
    /// "Closed" came first ("Closed Sundays"): the days that follow are closed.
    closed_prefix: Option<usize>,
    closed_days: u8,
    closed_end: usize,
    trailing: Option<Trailing>,
}

impl State {
    fn flush_trailing(&mut self, text: &str, out: &mut Vec<FoundHours>) {
        let Some(t) = self.trailing.take() else {
            return;
        };
        if t.days == 0 && !t.in_hours_context {
            return;
        }
        let end = t.days_end.max(t.end);
        out.push(FoundHours {
            text: one_line(&text[t.start..end]),
            days: day_names(t.days),
            opens: Some(t.opens),
            closes: Some(t.closes),
            closed: false,
            start: t.start,
            end,
        });
        self.used = true;
    }

    fn start_days(&mut self, at: usize) {
        if self.days_start.is_none() {
            self.days_start = Some(at);
        }
    }

    fn flush_closed(&mut self, text: &str, out: &mut Vec<FoundHours>) {
        if let Some(start) = self.closed_prefix.take() {
            if self.closed_days != 0 {
                out.push(FoundHours {
                    text: one_line(&text[start..self.closed_end]),
                    days: day_names(self.closed_days),
                    opens: None,
                    closes: None,
                    closed: true,
                    start,
                    end: self.closed_end,
                });
            }
            self.closed_days = 0;
        }
    }

    fn rule(
        &mut self,
        text: &str,
        open: Time,
        open_start: usize,
        close: Time,
        end: usize,
    ) -> Option<FoundHours> {
        let (opens, closes) = resolve(open, close)?;
        let start = self.days_start.unwrap_or(open_start);
        self.used = true;
        Some(FoundHours {
            text: one_line(&text[start..end]),
            days: day_names(self.days),
            opens: Some(opens),
            closes: Some(closes),
            closed: false,
            start,
            end,
        })
    }
}

/// Both ends as `HH:MM` (24-hour), filling a missing am/pm from the other end.
fn resolve(open: Time, close: Time) -> Option<(String, String)> {
    let to24 = |t: Time, pm: bool| -> u32 {
        match (t.hour, pm) {
            (12, false) => 0,
            (12, true) => 12,
            (h, true) => h + 12,
            (h, false) => h,
        }
    };
    let (mut o, mut c) = (open.hour, close.hour);
    match (open.pm, close.pm) {
        (Some(op), Some(cp)) => {
            o = to24(open, op);
            c = to24(close, cp);
        }
        (None, Some(cp)) => {
            c = to24(close, cp);
            if !open.twenty_four {
                let same = to24(open, cp);
                o = if same * 60 + open.minute > c * 60 + close.minute || same == 12 && !cp {
                    to24(open, false)
                } else {
                    same
                };
            }
        }
        (Some(op), None) => {
            o = to24(open, op);
            if !close.twenty_four && c <= 12 && c * 60 + close.minute <= o * 60 + open.minute {
                c = to24(close, true);
            }
        }
        (None, None) => {
            if !close.twenty_four && c < 12 && c * 60 + close.minute <= o * 60 + open.minute {
                c += 12;
            }
        }
    }
    if o > 24 || c > 24 || open.minute > 59 || close.minute > 59 {
        return None;
    }
    let fmt = |h: u32, m: u32| format!("{:02}:{:02}", h % 24, m);
    Some((fmt(o, open.minute), fmt(c, close.minute)))
}

fn tokens(text: &str, own: Option<&HashMap<String, u32>>) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    // The fast search finds each token; groups are read only for the tokens found.
    let vocabulary = &*VOCABULARY;
    for (examined, m) in vocabulary.token.find_iter(text).enumerate() {
        // Candidates rejected (digits inside long numbers) cost a capture each: bounded too.
        if out.len() >= MAX_TOKENS || examined >= MAX_CANDIDATES {
            break;
        }
        let Some(caps) = vocabulary.token.captures_at(text, m.start()) else {
            continue;
        };
        let Some(whole) = caps.get(0) else { continue };
        let (start, end) = (whole.start(), whole.end());
        let glued = out.last().is_some_and(|t| t.end == start);
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        let bounded_left = glued || before.is_none_or(|c| !c.is_alphanumeric());
        let kind = if caps.name("always").is_some() {
            bounded_left.then_some(Kind::Always)
        } else if caps.name("closed").is_some() {
            // "FridayClosed" (cells glued together) still reads as closed.
            (bounded_left || before.is_some_and(char::is_lowercase))
                .then_some(Kind::Closed)
                .filter(|_| {
                    after.is_none_or(|c| !c.is_alphabetic()) || starts_with_day(&text[end..])
                })
        } else if caps.name("weekdays").is_some() {
            (bounded_left && after.is_none_or(|c| !c.is_alphabetic()))
                .then_some(Kind::Days(0b001_1111))
        } else if caps.name("daily").is_some() {
            bounded_left.then_some(Kind::Daily)
        } else if caps.name("appointment").is_some() {
            bounded_left
                .then_some(Kind::Appointment)
                .filter(|_| after.is_none_or(|c| !c.is_alphabetic()))
        } else if caps.name("mf").is_some() {
            // "M-F", "L-V", "L a V": a day range in one token.
            (bounded_left && after.is_none_or(|c| !c.is_alphanumeric()))
                .then(|| letter_range(vocabulary, whole.as_str()))
                .flatten()
                .map(Kind::Days)
        } else if let Some(day) = caps.name("day") {
            let after_range = out.last().is_some_and(|t| {
                matches!(t.kind, Kind::Days(_)) && classify_gap(&text[t.end..start]) == Gap::Range
            });
            day_token(text, day.as_str(), start, end, glued, after_range, own)
        } else {
            time_token(
                &caps,
                before,
                text[..start].chars().rev().nth(1),
                &text[end..],
                glued,
            )
        };
        let Some(kind) = kind else { continue };
        // A plural or possessive day ("Sundays", "Sunday's") keeps its `s` in the token.
        let end = match kind {
            Kind::Days(_) => end + plural_len(&text[end..]),
            _ => end,
        };
        out.push(Token { kind, start, end });
    }
    out
}

fn plural_len(after: &str) -> usize {
    ["'s", "’s", "s"]
        .iter()
        .find(|s| {
            after.starts_with(*s)
                && after[s.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric())
        })
        .map_or(0, |s| s.len())
}

/// The days of a one-letter range ("L-V"), read with the letters of the language that has both.
fn letter_range(vocabulary: &Vocabulary, token: &str) -> Option<u8> {
    let first = token.chars().next()?;
    let last = token.chars().next_back()?;
    vocabulary.letters.iter().find_map(|letters| {
        let from = letters.iter().position(|l| *l == Some(first))?;
        let to = letters.iter().position(|l| *l == Some(last))?;
        (from != to).then(|| day_range(1 << from, 1 << to))
    })
}

fn day_token(
    text: &str,
    word: &str,
    start: usize,
    end: usize,
    glued: bool,
    after_range: bool,
    own: Option<&HashMap<String, u32>>,
) -> Option<Kind> {
    let before = &text[..start];
    let prev = before.chars().next_back();
    // "5:30pmTuesday": a day glued to a time's am/pm is still a day.
    let tail: String = before
        .chars()
        .rev()
        .take(2)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let after_meridiem = tail == "ma" || tail == "mp" || before.ends_with('.');
    if !(glued || after_meridiem || prev.is_none_or(|c| !c.is_alphanumeric())) {
        return None;
    }
    let rest = &text[end..];
    let after = rest[plural_len(rest)..].chars().next();
    if after.is_some_and(char::is_alphabetic) {
        // "Monday9:00am" is fine, "Monument" is not; "MondayTuesday" cells are.
        let next_is_day = starts_with_day(rest);
        let next_is_closed = rest
            .get(..6)
            .is_some_and(|head| head.eq_ignore_ascii_case("closed"));
        if !(next_is_day || next_is_closed) {
            return None;
        }
    }
    let lower = word.to_lowercase();
    let vocabulary = &*VOCABULARY;
    // Abbreviations must be capitalised ("sat", "wed", "sun", "do" and "so" are words) unless
    // they are one end of a day range ("lun-ven", "Ma - do") or head an hours line
    // ("ma: gesloten"); ordinals ("2ª a 6ª") have no case.
    if vocabulary.abbreviations.contains(&lower)
        && word.starts_with(char::is_lowercase)
        && !after_range
        && !vocabulary.followed_by_day.is_match(rest)
        && !vocabulary.followed_by_time.is_match(rest)
    {
        return None;
    }
    let index = *own
        .and_then(|days| days.get(&lower))
        .or_else(|| vocabulary.day_index.get(&lower))?;
    Some(Kind::Days(1 << index))
}

/// `rest` begins with a full day name ("ClosedSunday", "MondayTuesday" cells run together).
fn starts_with_day(rest: &str) -> bool {
    WEEKDAYS.iter().any(|d| {
        rest.get(..d.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(d))
    })
}

fn time_token(
    caps: &regex::Captures<'_>,
    before: Option<char>,
    before_prev: Option<char>,
    after_text: &str,
    glued: bool,
) -> Option<Kind> {
    let after = after_text.chars().next();
    let whole = caps.get(0)?.as_str().to_ascii_lowercase();
    if whole == "noon" || whole == "midnight" {
        let hour = if whole == "noon" { 12 } else { 0 };
        return Some(Kind::Time(Time {
            hour,
            minute: 0,
            pm: None,
            explicit: true,
            twenty_four: true,
        }));
    }
    let h = caps.name("h")?.as_str();
    let minute: u32 = caps
        .name("m")
        .map_or(Some(0), |m| m.as_str().parse().ok())?;
    let hour: u32 = h.parse().ok()?;
    let pm = caps
        .name("mer")
        .map(|m| m.as_str().to_ascii_lowercase().starts_with('p'));
    let has_minutes = caps.name("m").is_some();
    // "9.00am" is a time, "1.425.32" is not: dotted minutes must not run into more digits.
    let dotted = caps.name("m").is_some_and(|m| {
        caps.get(0)
            .is_some_and(|w| w.as_str().as_bytes().get(m.start() - w.start() - 1) == Some(&b'.'))
    });
    // A full stop that ends the sentence ("bis 17.00.") is not more digits.
    let more_digits = after.is_some_and(|c| c.is_ascii_digit())
        || after == Some('.') && after_text[1..].starts_with(|c: char| c.is_ascii_digit());
    if dotted && pm.is_none() && more_digits {
        return None;
    }
    // Digits glued to other digits are part of a longer number (a year, a phone number),
    // unless they continue a time ("8:305:30" lost its dash).
    if !glued && before.is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    if !glued
        && matches!(before, Some('.' | ':' | ','))
        && before_prev.is_some_and(|c| c.is_ascii_digit())
    {
        return None;
    }
    if before.is_some_and(|c| c.is_alphabetic()) && !glued {
        return None;
    }
    if !has_minutes && pm.is_none() && after.is_some_and(|c| c.is_ascii_digit() || c == '%') {
        return None;
    }
    if pm.is_none() && after.is_some_and(|c| c == '/' || c == '$') {
        return None;
    }
    if hour > 24 || minute > 59 || (pm.is_some() && (hour == 0 || hour > 12)) {
        return None;
    }
    // "9 Uhr", "17 uur", "9h": an hour word makes a bare number a 24-hour time.
    let hour_word = pm.is_none() && followed_by_hour_word(after_text);
    Some(Kind::Time(Time {
        hour,
        minute,
        pm,
        explicit: has_minutes || pm.is_some() || hour_word,
        twenty_four: pm.is_none() && (hour > 12 || h.len() == 2 && h.starts_with('0') || hour_word),
    }))
}

fn followed_by_hour_word(after: &str) -> bool {
    let rest = after.strip_prefix(' ').unwrap_or(after);
    VOCABULARY.hour_words.iter().any(|w| {
        rest.get(..w.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(w))
            && rest[w.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphabetic())
    })
}

fn classify_gap(gap: &str) -> Gap {
    if gap.len() > MAX_GAP || gap.matches('\n').count() > 1 {
        return Gap::Break;
    }
    let vocabulary = &*VOCABULARY;
    let mut lower = gap.to_lowercase();
    let mut kind = Gap::Neutral;
    // "t/m", "tot en met": ranges written with punctuation or several words.
    for phrase in &vocabulary.range_phrases {
        if lower.contains(phrase.as_str()) {
            lower = lower.replace(phrase.as_str(), " ");
            kind = Gap::Range;
        }
    }
    for word in lower
        .split(|c: char| c.is_whitespace())
        .flat_map(split_punctuation)
        .filter(|w| !w.is_empty())
    {
        if !vocabulary.connectors.contains(word) {
            return Gap::Break;
        }
        if vocabulary.range.contains(word) {
            kind = Gap::Range;
        } else if kind != Gap::Range && vocabulary.list.contains(word) {
            kind = Gap::List;
        }
    }
    kind
}

/// `"Fri.,"` → `["Fri", ".", ","]`-style pieces: punctuation apart from words.
fn split_punctuation(word: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in word.char_indices() {
        if c.is_ascii_punctuation() && c != '\'' || matches!(c, '–' | '—' | '\u{fffd}') {
            if start < i {
                out.push(&word[start..i]);
            }
            out.push(&word[i..i + c.len_utf8()]);
            start = i + c.len_utf8();
        }
    }
    if start < word.len() {
        out.push(&word[start..]);
    }
    out
}

fn day_range(from: u8, to: u8) -> u8 {
    let a = from.trailing_zeros();
    let b = to.trailing_zeros();
    let mut mask = 0u8;
    let mut i = a;
    // Wraps around the week ("Fri-Mon").
    for _ in 0..7 {
        mask |= 1 << i;
        if i == b {
            break;
        }
        i = (i + 1) % 7;
    }
    mask | from | to
}

fn day_names(mask: u8) -> Vec<String> {
    (0..7)
        .filter(|i| mask & (1 << i) != 0)
        .map(|i| WEEKDAYS[i].to_owned())
        .collect()
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `(days, opens, closes, closed)` per rule.
    fn rules(text: &str) -> Vec<(String, Option<String>, Option<String>, bool)> {
        hours_in_text(text)
            .into_iter()
            .map(|h| {
                let days = h.days.iter().map(|d| &d[..3]).collect::<Vec<_>>().join(",");
                (days, h.opens, h.closes, h.closed)
            })
            .collect()
    }

    fn open(days: &str, o: &str, c: &str) -> (String, Option<String>, Option<String>, bool) {
        (days.into(), Some(o.into()), Some(c.into()), false)
    }

    fn shut(days: &str) -> (String, Option<String>, Option<String>, bool) {
        (days.into(), None, None, true)
    }

    const WEEKDAYS: &str = "Mon,Tue,Wed,Thu,Fri";

    /// [`rules`] on a page written in `language`.
    fn rules_in(text: &str, language: &str) -> Vec<(String, Option<String>, Option<String>, bool)> {
        hours_in_text_in(text, Some(language))
            .into_iter()
            .map(|h| {
                let days = h.days.iter().map(|d| &d[..3]).collect::<Vec<_>>().join(",");
                (days, h.opens, h.closes, h.closed)
            })
            .collect()
    }

    /// Two-letter days that mean different days in different languages are read by the
    /// page's language: "Do" is Thursday in German and Dutch, Sunday in Spanish and Italian;
    /// "Di" Tuesday in German and Dutch, Sunday in French; "Ma" Monday in Dutch, Tuesday in
    /// Spanish, French and Italian.
    #[test]
    fn short_day_words_are_read_in_the_pages_language() {
        assert_eq!(
            rules_in(
                "Mo–Mi 8:00–18:00 Uhr, Do 8:00–20:00 Uhr, Di geschlossen",
                "de"
            ),
            vec![
                open("Mon,Tue,Wed", "08:00", "18:00"),
                open("Thu", "08:00", "20:00"),
                shut("Tue")
            ]
        );
        assert_eq!(
            rules_in(
                "Ma - do 08.30 tot 17.00 uur\nVr 08.30 tot 12.00 uur\nZa, zo gesloten",
                "nl"
            ),
            vec![
                open("Mon,Tue,Wed,Thu", "08:30", "17:00"),
                open("Fri", "08:30", "12:00"),
                shut("Sat,Sun")
            ]
        );
        assert_eq!(
            rules_in(
                "Horario: Lu - Vi 10:00 - 20:00 · Sá 10:00 - 14:00 · Do cerrado",
                "es-ES"
            ),
            vec![
                open(WEEKDAYS, "10:00", "20:00"),
                open("Sat", "10:00", "14:00"),
                shut("Sun")
            ]
        );
        assert_eq!(
            rules_in("Ma - Sa : 9h - 19h\nDi : fermé", "fr"),
            vec![open("Tue,Wed,Thu,Fri,Sat", "09:00", "19:00"), shut("Sun")]
        );
        assert_eq!(
            rules_in("Orari: Lu-Ve 9:00-13:00 / Sa 9:00-12:00 / Do chiuso", "it"),
            vec![
                open(WEEKDAYS, "09:00", "13:00"),
                open("Sat", "09:00", "12:00"),
                shut("Sun")
            ]
        );
        // The same Spanish line without its language: "Do" is not guessed as Sunday.
        assert!(!rules("Lu - Vi 10:00 - 20:00 · Do cerrado")
            .iter()
            .any(|r| r.0 == "Sun"));
    }

    #[test]
    fn reads_day_ranges_and_times() {
        assert_eq!(rules("Mon–Fri 9am–5pm"), [open(WEEKDAYS, "09:00", "17:00")]);
        assert_eq!(
            rules("Monday to Friday: 8:30 - 17:30"),
            [open(WEEKDAYS, "08:30", "17:30")]
        );
        assert_eq!(
            rules("Mon-Thu 9:00am-5:00pm, Fri 9-3"),
            [
                open("Mon,Tue,Wed,Thu", "09:00", "17:00"),
                open("Fri", "09:00", "15:00")
            ]
        );
        assert_eq!(rules("Sat 10am – 2pm"), [open("Sat", "10:00", "14:00")]);
        assert_eq!(rules("M-F 7am-7pm"), [open(WEEKDAYS, "07:00", "19:00")]);
        assert_eq!(rules("M–F 8am 5pm MST"), [open(WEEKDAYS, "08:00", "17:00")]);
        assert_eq!(
            rules("Monday\u{fffd}Friday 8 a.m.\u{fffd}10 p.m. ET"),
            [open(WEEKDAYS, "08:00", "22:00")]
        );
        assert_eq!(
            rules("Mon.Fri. 8:305:30 Central Time"),
            [open(WEEKDAYS, "08:30", "17:30")]
        );
        let h = hours_in_text("Hours: Mon–Fri 9am–5pm. Call us!");
        assert_eq!(h[0].text, "Mon–Fri 9am–5pm");
    }

    #[test]
    fn reads_german_french_spanish_dutch_and_italian_days() {
        assert_eq!(
            rules("Mo–Fr 8:00–18:00 Uhr, Sa 9–13 Uhr, So geschlossen"),
            [
                open(WEEKDAYS, "08:00", "18:00"),
                open("Sat", "09:00", "13:00"),
                shut("Sun")
            ]
        );
        assert_eq!(
            rules("du lundi au vendredi de 9h00 à 18h00, samedi fermé"),
            [open(WEEKDAYS, "09:00", "18:00"), shut("Sat")]
        );
        assert_eq!(
            rules("Lunes a viernes: 9:00 - 14:00"),
            [open(WEEKDAYS, "09:00", "14:00")]
        );
        assert_eq!(
            rules("maandag tot vrijdag 09.00 - 17.30, zondag gesloten"),
            [open(WEEKDAYS, "09:00", "17:30"), shut("Sun")]
        );
        assert_eq!(
            rules("Sonnabend 10-14 Uhr"),
            [open("Sat", "10:00", "14:00")]
        );
        assert_eq!(rules("Do you open at 9? So 5 of us came"), Vec::new());
        assert_eq!(rules("dimanche fermé"), [shut("Sun")]);
        assert_eq!(
            rules("domingo 10:00-14:00"),
            [open("Sun", "10:00", "14:00")]
        );
    }

    #[test]
    fn reads_each_languages_own_formats() {
        const SAT: &str = "Sat";
        // Dutch: "uur", "t/m", "tot", lower-case abbreviations in a range or a list.
        assert_eq!(
            rules("van maandag t/m vrijdag van 9.00 tot 17.00 uur"),
            [open(WEEKDAYS, "09:00", "17:00")]
        );
        assert_eq!(
            rules("Ma - do 08.30 tot 17.00 uur"),
            [open("Mon,Tue,Wed,Thu", "08:30", "17:00")]
        );
        assert_eq!(
            rules("Di - Vr: 09:30 tot 17:30 uur"),
            [open("Tue,Wed,Thu,Fri", "09:30", "17:30")]
        );
        assert_eq!(
            rules("ma: gesloten\ndi: 09:30-17:30"),
            [shut("Mon"), open("Tue", "09:30", "17:30")]
        );
        assert_eq!(
            rules("dinsdag tot zaterdag van 6u30 tot 18u30"),
            [open("Tue,Wed,Thu,Fri,Sat", "06:30", "18:30")]
        );
        assert_eq!(
            rules("op werkdagen geopend van 8.00 tot 17.00 uur."),
            [open(WEEKDAYS, "08:00", "17:00")]
        );
        // German: "Uhr" makes bare hours times; "durchgehend", "Ruhetag", "nach Vereinbarung".
        assert_eq!(
            rules("Mo–Fr 8–18 Uhr durchgehend, Sa nach Vereinbarung, So Ruhetag"),
            [
                open(WEEKDAYS, "08:00", "18:00"),
                (SAT.into(), None, None, false),
                shut("Sun")
            ]
        );
        // French: "de 9h à 18h", "9h30", lunch breaks.
        assert_eq!(
            rules("Lundi au vendredi : 9h - 12h / 14h - 18h30"),
            [
                open(WEEKDAYS, "09:00", "12:00"),
                open(WEEKDAYS, "14:00", "18:30")
            ]
        );
        assert_eq!(
            rules("Service de 12h à 14h30, 7j/7"),
            [open("Mon,Tue,Wed,Thu,Fri,Sat,Sun", "12:00", "14:30")]
        );
        // Italian: "lun-ven 9:00-13:00 / 15:00-19:00", "dalle … alle".
        assert_eq!(
            rules("lun-ven 9:00-13:00 / 15:00-19:00"),
            [
                open(WEEKDAYS, "09:00", "13:00"),
                open(WEEKDAYS, "15:00", "19:00")
            ]
        );
        assert_eq!(
            rules("dal lunedì al venerdì dalle 9 alle 13"),
            [open(WEEKDAYS, "09:00", "13:00")]
        );
        // Spanish: one-letter ranges, "y" between two periods, "cerrado".
        assert_eq!(
            rules("L-J: 9:00-14:00 y 16:00-20:00"),
            [
                open("Mon,Tue,Wed,Thu", "09:00", "14:00"),
                open("Mon,Tue,Wed,Thu", "16:00", "20:00")
            ]
        );
        assert_eq!(
            rules("Martes a domingo de 13:00 a 23:00 hrs. Lunes cerrado."),
            [
                open("Tue,Wed,Thu,Fri,Sat,Sun", "13:00", "23:00"),
                shut("Mon")
            ]
        );
        // Portuguese: "-feira", "das … às", ordinals.
        assert_eq!(
            rules("Segunda a Sexta das 8h30 às 12h30"),
            [open(WEEKDAYS, "08:30", "12:30")]
        );
        assert_eq!(
            rules("2ª a 6ª feira 07:00 - 22:30"),
            [open(WEEKDAYS, "07:00", "22:30")]
        );
        // Still not hours: a price, a date, a Dutch "vrij" (free) and a French "je".
        for text in [
            "Curso intensivo del 1 al 31 de julio",
            "vrij parkeren van 9 tot 5",
            "je suis là de 9 à 5 ans",
        ] {
            assert_eq!(rules(text), Vec::new(), "{text}");
        }
    }

    #[test]
    fn a_line_ending_in_closed_or_times_does_not_take_the_next_lines_days() {
        assert_eq!(
            rules("Sa. 9.00 - 14.00 Uhr, Sonn- und Feiertage geschlossen\nMontag – Freitag 07:00 – 12:00 Uhr und 13:00 – 17:00 Uhr"),
            [
                open("Sat", "09:00", "14:00"),
                shut("Sun"),
                open(WEEKDAYS, "07:00", "12:00"),
                open(WEEKDAYS, "13:00", "17:00")
            ]
        );
        assert_eq!(
            rules("zo gesloten\nmaandag 13.00-18.00, dinsdag t/m vrijdag 09.00-18.00"),
            [
                shut("Sun"),
                open("Mon", "13:00", "18:00"),
                open("Tue,Wed,Thu,Fri", "09:00", "18:00")
            ]
        );
    }

    #[test]
    fn reads_closed_days_and_always_open() {
        assert_eq!(rules("Closed Sundays"), [shut("Sun")]);
        assert_eq!(rules("Sunday: Closed"), [shut("Sun")]);
        assert_eq!(rules("Closed on Saturday & Sunday"), [shut("Sat,Sun")]);
        assert_eq!(
            rules("We are open 24/7"),
            [open("Mon,Tue,Wed,Thu,Fri,Sat,Sun", "00:00", "23:59")]
        );
        assert_eq!(
            rules("Mon Tues Thurs Fri 9—12:30pm Wed CLOSED"),
            [open("Mon,Tue,Thu,Fri", "09:00", "12:30"), shut("Wed")]
        );
    }

    #[test]
    fn reads_day_tables() {
        let table = "Monday\t9:00am - 6:00pm\nTuesday\t8:00am - 5:00pm\nFriday\tClosed\n\
                     Saturday: 10:00am to 12:00pm Sunday: Closed";
        assert_eq!(
            rules(table),
            [
                open("Mon", "09:00", "18:00"),
                open("Tue", "08:00", "17:00"),
                shut("Fri"),
                open("Sat", "10:00", "12:00"),
                shut("Sun")
            ]
        );
        assert_eq!(
            rules("Monday:7:30am - 5:30pmTuesday: 7:30am - 5:30pmSaturday: ClosedSunday: Closed"),
            [
                open("Mon", "07:30", "17:30"),
                open("Tue", "07:30", "17:30"),
                shut("Sat"),
                shut("Sun")
            ]
        );
        assert_eq!(rules("Monday\n9am - 5pm"), [open("Mon", "09:00", "17:00")]);
    }

    #[test]
    fn ignores_times_that_are_not_opening_hours() {
        for text in [
            "Founded 1998-2014, 20 staff",
            "Call 800-330-8247",
            "The seminar runs 6pm-8pm",
            "We sat down at 9-5 jobs",
            "Pages 10-12 of the Monument guide",
            "Save 10-20% on Sundays",
            "Phone 1.425.32 hours",
        ] {
            assert_eq!(rules(text), Vec::new(), "{text}");
        }
        assert_eq!(
            rules("Office hours: 9am until 7pm"),
            [open("", "09:00", "19:00")]
        );
        assert_eq!(
            rules("9:00 AM - 5:00 PM Monday - Friday, Closed Sunday"),
            [open(WEEKDAYS, "09:00", "17:00"), shut("Sun")]
        );
        assert_eq!(
            rules("Open 8am–6pm Mon, Wed & Fri"),
            [open("Mon,Wed,Fri", "08:00", "18:00")]
        );
    }

    #[test]
    fn survives_hostile_text() {
        let digits = "9".repeat(1_000_000);
        assert!(hours_in_text(&digits).is_empty());
        let many = "Mon 9-5 ".repeat(100_000);
        assert!(hours_in_text(&many).len() <= MAX_FOUND);
    }
}
