//! Postal addresses in visible text. Each address is anchored on its most distinctive part, the
//! postal line: `City, ST 12345(-6789)` (US), a UK postcode, a Canadian `A1A 1A1`, an Australian
//! `STATE 1234`, or a European `12345 City` under a `Street 12` line. The street is then looked
//! for on the same line before the city, or on the two lines above (`123 Main St`, `PO Box 5`,
//! `Hauptstraße 5`). Lines come from the visible-text walk, so `<br>`s and blocks separate them.
//! `<address>` blocks are read the same way; their lines are the strongest evidence.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::extract::facts::{Address, Origin, Provenance};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundAddress {
    /// The address on one line, as written (line breaks become `, `).
    pub text: String,
    pub street: Option<String>,
    pub city: Option<String>,
    pub region: Option<String>,
    pub postal_code: Option<String>,
    /// ISO 3166-1 alpha-2 when the format or the site says which country.
    pub country: Option<String>,
    pub start: usize,
    pub end: usize,
    /// Found inside an `<address>` element.
    pub in_address_block: bool,
}

impl FoundAddress {
    pub fn into_fact(self, source: &str) -> Address {
        let evidence = self.text.clone();
        Address {
            text: self.text,
            street: self.street,
            city: self.city,
            region: self.region,
            postal_code: self.postal_code,
            country: self.country,
            provenance: Provenance::new(source, Origin::Text, Some(&evidence)),
        }
    }
}

const MAX_FOUND: usize = 50;
/// Lines above the postal line searched for the street.
const STREET_LINES_ABOVE: usize = 3;
/// Longest line read as a street on its own.
const MAX_STREET_LINE_BYTES: usize = 80;
/// Longest line considered; longer "lines" are paragraphs, not address lines.
const MAX_LINE_BYTES: usize = 400;

const US_STATES: &str = "AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR";
const US_STATE_NAMES: &str = "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|District of Columbia|Florida|Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming|Puerto Rico";
const CA_PROVINCES: &str = "AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT|Alberta|British Columbia|Manitoba|New Brunswick|Newfoundland and Labrador|Nova Scotia|Ontario|Prince Edward Island|Quebec|Québec|Saskatchewan|Yukon";
const AU_STATES: &str = "NSW|VIC|QLD|WA|SA|TAS|ACT|NT|New South Wales|Victoria|Queensland|Western Australia|South Australia|Tasmania";

const STREET_SUFFIXES: &str = "street|st|avenue|ave|av|road|rd|boulevard|blvd|drive|dr|lane|ln|way|court|ct|place|pl|parkway|pkwy|highway|hwy|circle|cir|terrace|ter|square|sq|trail|trl|pike|loop|plaza|plz|row|alley|route|rte|turnpike|tpke|expressway|expy|freeway|fwy|crescent|cres|close|grove|gardens|gdns|mews|hill|walk|park|green|parade|esplanade|broadway|center|centre|ctr|commons|point|crossing|run|path|pass|ridge|heights|estate|market|yard|wharf|quay|gate|bypass|causeway|cswy|landing|view|vista|circuit|cct";

/// `<state> <zip>`; the city is read from what precedes it.
static US_POSTAL: LazyLock<Regex> = LazyLock::new(|| {
    // "Az." and "Ca." as some sites write them: title case only with the dot.
    let dotted: Vec<String> = US_STATES
        .split('|')
        .map(|s| format!("{}{}\\.", &s[..1], s[1..].to_ascii_lowercase()))
        .collect();
    Regex::new(&format!(
        r"(?:\b(?P<abbr>{US_STATES}|{})(?:\b\.?|\B)|\b(?P<name>{US_STATE_NAMES})\b)[,\s]+(?P<zip>\d{{5}}(?:-\d{{4}})?)\b",
        dotted.join("|")
    ))
    .expect("US postal pattern")
});
/// `Ahmedabad 380 009`, `Mumbai-400072`: an Indian PIN after its city.
static IN_POSTAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?P<city>\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+)?)\s?[-–]?\s?(?P<zip>[1-9]\d{2} ?\d{3})\b",
    )
    .expect("Indian postal pattern")
});
/// A street named without a number, on a line of its own: `Hall Lane`, `Ashram Road`.
static NAMED_STREET_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:\p{{Lu}}[\p{{L}}'’.\-]*\s+){{1,4}}(?i:{STREET_SUFFIXES}|business park|industrial estate|trading estate)\.?,?$"
    ))
    .expect("named street line")
});
static ADDRESS_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:address|location|office|visit us(?: at)?|find us(?: at)?)\s*:?\s*")
        .expect("address label")
});
static CITY_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\p{Lu}[\p{L}.'’\-]*(?: \p{Lu}[\p{L}.'’\-]*){0,3},?$").expect("city line")
});
static NAMED_STREET_IN_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:\p{Lu}[\p{L}'’.\-]*\s+){1,4}(?:Street|Road|Lane|Avenue|Way|Drive|Close|Crescent|Court|Place|Square|Parade|Terrace|Grove|Gardens|Mews|Hill|Walk|Row|Business Park|Industrial Estate|Trading Estate)\b",
    )
    .expect("named street in line")
});
static ZIP_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{5}(?:-\d{4})?$").expect("zip line"));
static UK_POSTAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?P<zip>(?:[A-Z]{1,2}\d[A-Z\d]?|GIR) ?\d[A-Z]{2})\b").expect("UK postcode")
});
static CA_POSTAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:\b(?P<prov>{CA_PROVINCES})\b\.?[,\s]+)?\b(?P<zip>[ABCEGHJ-NPRSTVXY]\d[A-Z] ?\d[A-Z]\d)\b"
    ))
    .expect("Canadian postal pattern")
});
static AU_POSTAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?P<state>{AU_STATES})[,\s]+(?P<zip>\d{{4}})\b"
    ))
    .expect("Australian postal pattern")
});
/// `12345 City` / `1015 CJ City` / `D-80331 München`, read only under or after a street.
static EU_POSTAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|[,\s])(?:(?P<cc>[A-Z]{1,2})-)?(?P<zip>\d{4}-\d{3}|\d{4} ?[A-Z]{2}\b|\d{4,5})\s+(?P<city>\p{Lu}[\p{L}'\-]+(?:[ \-](?:\p{Ll}{1,3}|\p{Lu}[\p{L}'\-]+)){0,3})",
    )
    .expect("European postal pattern")
});
/// `123 Main St`, `200 West 20th Street # 1505`, `1435 North McDowell Blvd. Suite 300`.
static STREET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b\d{{1,6}}(?:[-–]?[a-z]\b)?(?:\s?[-–]\s?\d{{1,6}}[a-z]?)?(?:\s[-–])?,?\s+(?:(?:n|s|e|w|north|south|east|west)\.?\s+\d{{1,3}}(?:st|nd|rd|th)?\s+)?(?:[\p{{L}}\d'’.&\-]*\p{{L}}[\p{{L}}\d'’.&\-]*\s+){{0,4}}(?:{STREET_SUFFIXES})\b\.?(?:\s+(?:n|s|e|w|ne|nw|se|sw|north|south|east|west)\b\.?)?(?:,?\s*(?:suite|ste|unit|apt|floor|fl|bldg|building|room|rm|#)\.?\s*#?\s*[a-z0-9\-]{{1,6}}(?:/[a-z0-9]{{1,4}})?\b)?"
    ))
    .expect("street pattern")
});
static PO_BOX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bP\.?\s?O\.?\s?Box\s*:?\s*\d{1,6}\b").expect("PO box pattern")
});
/// `Hauptstraße 5`, `Keizersgracht 123`, `Via Roma 1/A`: name first, number after.
static EU_STREET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b\p{L}[\p{L}.'’\-/]*(?:\s+\p{L}[\p{L}.'’\-]*){0,4}\s+\d{1,4}[a-zA-Z]?(?:\s?[-/]\s?\d{1,4}[a-zA-Z]?)?\b",
    )
    .expect("European street pattern")
});
/// `12 rue de la Paix`, `5 Via Roma`: number first, then a street word.
static EU_STREET_NUMBER_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b\d{1,4}[a-z]?,?\s+(?:rue|avenue|av\.|boulevard|bd|place|chemin|all[ée]e|impasse|quai|cours|route|via|viale|piazza|corso|calle|avenida|plaza|paseo|carrer|rua)\b[^,\n\t|]{1,40}",
    )
    .expect("European number-first street pattern")
});
static EU_STREET_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)str\.|(?:stra(?:ss|ß)e|weg|gasse|platz|allee|ring|damm|ufer|laan|straat|gracht|plein|kade|dijk|gata|gatan|vej|vägen)\b|\b(?:rue|avenue|boulevard|chemin|place|quai|via|viale|piazza|corso|calle|avenida|avda|plaza|paseo|carrer|rua|travessa|largo|praça|estrada|rambla|ronda|camino|carretera|vicolo|strada)\b|(?:^|\s)c/")
        .expect("European street word")
});
static LINE_DELIMITER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[,|•·\t;]| [-–—] ").expect("delimiter"));

/// Byte spans of street lines in `text` (`12 Main St`, `Hauptstraße 5`, `12 rue de la Paix`):
/// the extractor's street recognisers, shared with grounding. At most `max`.
pub fn street_spans(text: &str, max: usize) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = STREET
        .find_iter(text)
        .chain(EU_STREET_NUMBER_FIRST.find_iter(text))
        .chain(
            EU_STREET
                .find_iter(text)
                .filter(|m| named_street_first(m.as_str())),
        )
        .take(max)
        .map(|m| (m.start(), m.end()))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// `Hauptstraße 5`, `Keizersgracht 123`, `Via Roma 1`: capitalised, and a word that is a
/// street word or ends in one with a name before it ("Bring 2" is not a street).
fn named_street_first(m: &str) -> bool {
    if !m.starts_with(char::is_uppercase) {
        return false;
    }
    m.split_whitespace().any(|word| {
        let lower = word.to_lowercase();
        EU_STREET_WORD.find(&lower).is_some_and(|hit| {
            let whole = hit.start() == 0 && hit.end() == lower.len();
            let suffix = hit.end() == lower.len() && hit.start() >= 3;
            whole && !matches!(lower.as_str(), "ring" | "weg") || suffix
        })
    })
}

/// The street words the extractor knows (`street`, `ave`, `crescent`, …).
pub fn street_suffixes() -> impl Iterator<Item = &'static str> {
    STREET_SUFFIXES.split('|')
}

pub fn addresses_in_text(
    text: &str,
    address_blocks: &[Range<usize>],
    site_region: Option<&str>,
) -> Vec<FoundAddress> {
    let lines = merge_zip_lines(text, line_spans(text));
    let mut found: Vec<FoundAddress> = Vec::new();
    // Streets are not looked for above the previous address's end.
    let mut floor = 0;
    for (index, line) in lines.iter().enumerate() {
        if found.len() >= MAX_FOUND {
            break;
        }
        let line_text = &text[line.clone()];
        if line_text.len() > MAX_LINE_BYTES || !line_text.contains(|c: char| c.is_ascii_digit()) {
            continue;
        }
        for postal in postal_lines(line_text, site_region) {
            let abs = line.start + postal.start;
            if found.iter().any(|f| f.start <= abs && abs < f.end) {
                continue;
            }
            let needs_street = postal.needs_street;
            let address = assemble(text, &lines, index, postal, address_blocks, floor);
            // `12345 Word` alone is too common in prose to be an address.
            if needs_street && address.street.is_none() {
                continue;
            }
            floor = address.end;
            found.push(address);
        }
    }
    standalone_streets(text, &lines, address_blocks, &mut found);
    found.sort_by_key(|f| f.start);
    found
}

/// A line that is nothing but a street (`154 Attorney St., #405`, `1617 3rd Avenue`), or an
/// `Address:` label and one, is an address even without its postal line.
fn standalone_streets(
    text: &str,
    lines: &[Range<usize>],
    address_blocks: &[Range<usize>],
    found: &mut Vec<FoundAddress>,
) {
    for line in lines {
        if found.len() >= MAX_FOUND {
            return;
        }
        if found
            .iter()
            .any(|f| f.start < line.end && line.start < f.end)
        {
            continue;
        }
        let mut cell_start = line.start;
        for cell in text[line.clone()].split('\t') {
            let here = cell_start;
            cell_start += cell.len() + 1;
            let lead = cell.len() - cell.trim_start().len();
            let mut body = cell.trim();
            let mut offset = here + lead;
            if let Some(label) = ADDRESS_LABEL.find(body) {
                offset += label.end();
                body = &body[label.end()..];
            }
            let body = body.trim_end_matches(['.', ',', ';', ' ', '#']);
            if body.is_empty() || body.len() > MAX_STREET_LINE_BYTES {
                continue;
            }
            let Some(m) = STREET.find(body).or_else(|| PO_BOX.find(body)) else {
                continue;
            };
            let rest = body[m.end()..].trim_matches(|c: char| c == '.' || c == ',' || c == ' ');
            if m.start() != 0 || !rest.is_empty() {
                continue;
            }
            let street = one_line(m.as_str());
            let (start, end) = (offset, offset + m.end());
            found.push(FoundAddress {
                text: street.clone(),
                street: Some(street),
                city: None,
                region: None,
                postal_code: None,
                country: None,
                start,
                end,
                in_address_block: address_blocks
                    .iter()
                    .any(|b| b.start <= start && end <= b.end),
            });
        }
    }
}

/// A ZIP code alone on its line belongs to the line above (`New York NY` / `10128`).
fn merge_zip_lines(text: &str, lines: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::with_capacity(lines.len());
    for line in lines {
        if ZIP_LINE.is_match(text[line.clone()].trim()) {
            if let Some(prev) = out.last_mut() {
                prev.end = line.end;
                continue;
            }
        }
        out.push(line);
    }
    out
}

/// What a postal line says, with offsets inside the line.
#[derive(Debug)]
struct Postal {
    /// Where the postal part (city or state) begins: the street must end before it.
    start: usize,
    end: usize,
    city: Option<String>,
    region: Option<String>,
    postal_code: String,
    country: Option<&'static str>,
    /// European form: `12345 City`, city after the code; needs a street to count.
    needs_street: bool,
}

fn postal_lines(line: &str, site_region: Option<&str>) -> Vec<Postal> {
    let mut out = Vec::new();
    for caps in US_POSTAL.captures_iter(line) {
        let (Some(whole), Some(zip)) = (caps.get(0), caps.name("zip")) else {
            continue;
        };
        let state = caps.name("abbr").or_else(|| caps.name("name"));
        let Some(state) = state else { continue };
        let (city, city_start) = city_before(line, whole.start());
        out.push(Postal {
            start: city_start.unwrap_or(whole.start()),
            end: whole.end(),
            city,
            region: Some(state.as_str().to_owned()),
            postal_code: zip.as_str().to_owned(),
            country: Some("US"),
            needs_street: false,
        });
    }
    for caps in CA_POSTAL.captures_iter(line) {
        let (Some(whole), Some(zip)) = (caps.get(0), caps.name("zip")) else {
            continue;
        };
        if overlaps(&out, whole.start(), whole.end()) {
            continue;
        }
        let (city, city_start) = city_before(line, whole.start());
        out.push(Postal {
            start: city_start.unwrap_or(whole.start()),
            end: whole.end(),
            city,
            region: caps.name("prov").map(|p| p.as_str().to_owned()),
            postal_code: zip.as_str().to_owned(),
            country: Some("CA"),
            needs_street: false,
        });
    }
    for caps in UK_POSTAL.captures_iter(line) {
        let (Some(whole), Some(zip)) = (caps.get(0), caps.name("zip")) else {
            continue;
        };
        if overlaps(&out, whole.start(), whole.end())
            || !zip.as_str().contains(' ') && zip.len() < 5
        {
            continue;
        }
        let (city, city_start) = city_before(line, whole.start());
        out.push(Postal {
            start: city_start.unwrap_or(whole.start()),
            end: whole.end(),
            city,
            region: None,
            postal_code: zip.as_str().to_owned(),
            country: Some("GB"),
            needs_street: false,
        });
    }
    for caps in AU_POSTAL.captures_iter(line) {
        let (Some(whole), Some(state), Some(zip)) =
            (caps.get(0), caps.name("state"), caps.name("zip"))
        else {
            continue;
        };
        if overlaps(&out, whole.start(), whole.end()) {
            continue;
        }
        let (city, city_start) = city_before(line, whole.start());
        out.push(Postal {
            start: city_start.unwrap_or(whole.start()),
            end: whole.end(),
            city,
            region: Some(state.as_str().to_owned()),
            postal_code: zip.as_str().to_owned(),
            country: Some("AU"),
            needs_street: false,
        });
    }
    let short = line.trim().len() <= 80;
    if out.is_empty() && short && site_region.is_none_or(|r| r.eq_ignore_ascii_case("IN")) {
        for caps in IN_POSTAL.captures_iter(line) {
            let (Some(whole), Some(city), Some(zip)) =
                (caps.get(0), caps.name("city"), caps.name("zip"))
            else {
                continue;
            };
            if STREET
                .find(&line[zip.start()..])
                .is_some_and(|m| m.start() == 0)
            {
                continue;
            }
            out.push(Postal {
                start: whole.start(),
                end: whole.end(),
                city: Some(city.as_str().to_owned()),
                region: None,
                postal_code: zip.as_str().to_owned(),
                country: Some("IN"),
                needs_street: true,
            });
        }
    }
    if out.is_empty() && short {
        for caps in EU_POSTAL.captures_iter(line) {
            let (Some(zip), Some(city)) = (caps.name("zip"), caps.name("city")) else {
                continue;
            };
            // `80331 München` ends its line or its part of it; prose goes on.
            let after = line[city.end()..].trim_start();
            if !(after.is_empty() || after.starts_with([',', '(', '|', '\t'])) {
                continue;
            }
            // `8105 Birch Bay Square Street` is a street, not a postcode and a city.
            if STREET
                .find(&line[zip.start()..])
                .is_some_and(|m| m.start() == 0)
            {
                continue;
            }
            let start = caps.name("cc").map_or(zip.start(), |c| c.start());
            let country = caps
                .name("cc")
                .and_then(|c| eu_country_prefix(c.as_str()))
                .or_else(|| site_region.and_then(eu_country));
            out.push(Postal {
                start,
                end: city.end(),
                city: Some(city.as_str().to_owned()),
                region: None,
                postal_code: zip.as_str().to_owned(),
                country,
                needs_street: true,
            });
        }
    }
    out.sort_by_key(|p| p.start);
    out
}

fn overlaps(found: &[Postal], start: usize, end: usize) -> bool {
    found.iter().any(|p| start < p.end && p.start < end)
}

/// The city written just before the state or postcode, after the last delimiter on the line:
/// at most four capitalised words without digits or street words. Returns its start too.
fn city_before(line: &str, end: usize) -> (Option<String>, Option<usize>) {
    let head = line[..end].trim_end_matches([',', ' ', '\u{a0}']);
    let segment_start = LINE_DELIMITER.find_iter(head).last().map_or(0, |m| m.end());
    let segment = &head[segment_start..];
    let mut words: Vec<(usize, &str)> = Vec::new();
    let mut offset = segment.len();
    for word in segment.rsplit(' ') {
        let word_start = offset - word.len();
        offset = word_start.saturating_sub(1);
        if word.is_empty() {
            continue;
        }
        let first = word.chars().next().unwrap_or(' ');
        let is_street_word =
            STREET_WORDS.contains(&word.trim_end_matches('.').to_ascii_lowercase().as_str());
        if words.len() >= 4
            || word.contains(|c: char| c.is_ascii_digit())
            || !(first.is_uppercase() || matches!(word, "de" | "la" | "of" | "du" | "le"))
            || (is_street_word && !words.is_empty() && !matches!(word, "St." | "Ft." | "Mt."))
            || (is_street_word && words.is_empty())
            || word.ends_with(['.', ':']) && !matches!(word, "St." | "Ft." | "Mt.")
        {
            break;
        }
        words.push((segment_start + word_start, word));
    }
    // A city does not start with a lower-case particle.
    while words
        .last()
        .is_some_and(|(_, w)| w.chars().next().is_some_and(char::is_lowercase))
    {
        words.pop();
    }
    let Some(&(start, _)) = words.last() else {
        return (None, None);
    };
    let city: Vec<&str> = words.iter().rev().map(|(_, w)| *w).collect();
    (Some(city.join(" ")), Some(start))
}

const STREET_WORDS: &[&str] = &[
    "street",
    "st",
    "avenue",
    "ave",
    "road",
    "rd",
    "boulevard",
    "blvd",
    "drive",
    "dr",
    "lane",
    "ln",
    "way",
    "court",
    "ct",
    "place",
    "pl",
    "parkway",
    "pkwy",
    "highway",
    "hwy",
    "circle",
    "cir",
    "suite",
    "ste",
    "unit",
    "floor",
    "box",
    "building",
    "bldg",
    "apt",
    "room",
];

/// Builds the address around the postal line at `lines[index]`.
fn assemble(
    text: &str,
    lines: &[Range<usize>],
    index: usize,
    mut postal: Postal,
    address_blocks: &[Range<usize>],
    floor: usize,
) -> FoundAddress {
    let line = &lines[index];
    let line_text = &text[line.clone()];
    let mut first_line = index;
    // "Farmington" / ", NM 87401": the city on the line above.
    if postal.city.is_none()
        && line_text[..postal.start]
            .trim_matches([',', ' '])
            .is_empty()
        && index > 0
        && lines[index - 1].start >= floor
    {
        let above = text[lines[index - 1].clone()].trim();
        if CITY_LINE.is_match(above) {
            postal.city = Some(above.trim_end_matches(',').to_owned());
            first_line = index - 1;
        }
    }
    // The street: on the same line before the postal part, else on the lines above.
    let mut street: Option<(usize, usize)> = None;
    if let Some(m) = last_street(&line_text[..postal.start], postal.needs_street) {
        street = Some((line.start + m.0, line.start + m.1));
    } else if let Some(m) = NAMED_STREET_IN_LINE
        .find_iter(&line_text[..postal.start])
        .last()
    {
        // "Pentland House Village Way Wilmslow SK9 2GH": a named street before the city.
        street = Some((line.start + m.start(), line.start + m.end()));
    } else {
        for above in (first_line.saturating_sub(STREET_LINES_ABOVE)..first_line).rev() {
            let span = &lines[above];
            if span.start < floor {
                break;
            }
            let above_text = &text[span.clone()];
            if above_text.len() > MAX_LINE_BYTES {
                break;
            }
            if let Some(m) = last_street(above_text, postal.needs_street) {
                street = Some((span.start + m.0, span.start + m.1));
                break;
            }
            let trimmed = above_text.trim();
            if NAMED_STREET_LINE.is_match(trimmed) {
                let lead = above_text.len() - above_text.trim_start().len();
                let s = span.start + lead;
                street = Some((s, s + trimmed.trim_end_matches(',').len()));
                break;
            }
        }
    }
    let start = street.map_or(line.start + postal.start, |s| s.0);
    let end = line.start + postal.end;
    let in_address_block = address_blocks
        .iter()
        .any(|b| b.start <= start && end <= b.end);
    let street_text = street.map(|(s, e)| one_line(&text[s..e]));
    FoundAddress {
        text: one_line(&text[start..end]),
        street: street_text,
        city: postal.city,
        region: postal.region,
        postal_code: Some(postal.postal_code),
        country: postal.country.map(str::to_owned),
        start,
        end,
        in_address_block,
    }
}

/// The last street on `segment` (byte range), by the number-first pattern, a PO box, or (for
/// European postal lines) the name-first pattern with a street word.
fn last_street(segment: &str, european: bool) -> Option<(usize, usize)> {
    let number_first = STREET
        .find_iter(segment)
        .last()
        .map(|m| (m.start(), m.end()));
    let po_box = || {
        PO_BOX
            .find_iter(segment)
            .last()
            .map(|m| (m.start(), m.end()))
    };
    let name_first = || {
        european
            .then(|| {
                EU_STREET
                    .find_iter(segment)
                    .filter(|m| {
                        let before = segment[..m.start()].trim_end();
                        (before.is_empty() || before.ends_with([',', '|', ':', '·', '•']))
                            && EU_STREET_WORD.is_match(m.as_str())
                    })
                    .last()
                    .or_else(|| EU_STREET_NUMBER_FIRST.find_iter(segment).last())
                    .map(|m| (m.start(), m.end()))
            })
            .flatten()
    };
    // "45 avenue Jean Médecin": in Europe the street name follows the street word, so the
    // number-first pattern's "45 avenue" gives way to the longer European reading.
    let number_first = number_first.map(|(start, end)| {
        if !european {
            return (start, end);
        }
        EU_STREET_NUMBER_FIRST
            .find_iter(segment)
            .find(|m| m.start() == start && m.end() > end)
            .map_or((start, end), |m| (m.start(), m.end()))
    });
    number_first.or_else(po_box).or_else(name_first)
}

fn eu_country(region: &str) -> Option<&'static str> {
    const EU: &[&str] = &[
        "DE", "AT", "CH", "FR", "BE", "NL", "LU", "ES", "PT", "IT", "DK", "SE", "NO", "FI", "PL",
        "CZ",
    ];
    let upper = region.to_ascii_uppercase();
    EU.iter().find(|c| **c == upper).copied()
}

fn eu_country_prefix(prefix: &str) -> Option<&'static str> {
    Some(match prefix {
        "D" => "DE",
        "A" => "AT",
        "CH" => "CH",
        "F" => "FR",
        "B" => "BE",
        "NL" => "NL",
        "E" => "ES",
        "I" => "IT",
        "L" => "LU",
        _ => return None,
    })
}

/// Line breaks as `, `, tabs and runs of spaces as one space, stray separators trimmed.
fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, line) in s.split('\n').enumerate() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        let line = line.trim_matches(|c: char| c == ',' || c == ' ');
        if line.is_empty() {
            continue;
        }
        if i > 0 && !out.is_empty() {
            out.push_str(", ");
        }
        out.push_str(line);
    }
    out
}

fn line_spans(text: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c == '\n' {
            spans.push(start..i);
            start = i + 1;
        }
    }
    spans.push(start..text.len());
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str, region: Option<&str>) -> FoundAddress {
        let mut found = addresses_in_text(text, &[], region);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        found.remove(0)
    }

    #[test]
    fn reads_us_addresses_on_one_or_several_lines() {
        let a = one(
            "Visit us\n122 Doty Circle\nWest Springfield, MA 01089\n(413) 732-8702",
            None,
        );
        assert_eq!(a.street.as_deref(), Some("122 Doty Circle"));
        assert_eq!(a.city.as_deref(), Some("West Springfield"));
        assert_eq!(a.region.as_deref(), Some("MA"));
        assert_eq!(a.postal_code.as_deref(), Some("01089"));
        assert_eq!(a.country.as_deref(), Some("US"));
        assert_eq!(a.text, "122 Doty Circle, West Springfield, MA 01089");

        let a = one(
            "Address: 1435 North McDowell Blvd. Suite 300, Petaluma, California 94954-1234",
            None,
        );
        assert_eq!(
            a.street.as_deref(),
            Some("1435 North McDowell Blvd. Suite 300")
        );
        assert_eq!(a.city.as_deref(), Some("Petaluma"));
        assert_eq!(a.region.as_deref(), Some("California"));
        assert_eq!(a.postal_code.as_deref(), Some("94954-1234"));

        let a = one("PO Box 306\nWichita KS 67206-2504", None);
        assert_eq!(a.street.as_deref(), Some("PO Box 306"));
        assert_eq!(a.city.as_deref(), Some("Wichita"));
    }

    #[test]
    fn reads_uk_canadian_australian_and_european_addresses() {
        let a = one("3rd Floor\n24 Endell Street\nLondon WC2H 9HQ", None);
        assert_eq!(a.street.as_deref(), Some("24 Endell Street"));
        assert_eq!(a.city.as_deref(), Some("London"));
        assert_eq!(a.postal_code.as_deref(), Some("WC2H 9HQ"));
        assert_eq!(a.country.as_deref(), Some("GB"));

        let a = one("4 Main St, Toronto, ON M9C 1A3", None);
        assert_eq!(a.city.as_deref(), Some("Toronto"));
        assert_eq!(a.region.as_deref(), Some("ON"));
        assert_eq!(a.country.as_deref(), Some("CA"));

        let a = one("12 George Street, Sydney NSW 2000", None);
        assert_eq!(a.city.as_deref(), Some("Sydney"));
        assert_eq!(a.postal_code.as_deref(), Some("2000"));

        let a = one("Landshuter Allee 8-10\n80637 München", Some("DE"));
        assert_eq!(a.street.as_deref(), Some("Landshuter Allee 8-10"));
        assert_eq!(a.city.as_deref(), Some("München"));
        assert_eq!(a.country.as_deref(), Some("DE"));

        let a = one("12 rue de la Paix, 75002 Paris", Some("FR"));
        assert_eq!(a.street.as_deref(), Some("12 rue de la Paix"));
        assert_eq!(a.city.as_deref(), Some("Paris"));
    }

    #[test]
    fn reads_each_countrys_own_address_formats() {
        // (text, site region, street, postcode, city)
        for (text, region, street, zip, city) in [
            (
                "C/ de Fuencarral 123, 28010 Madrid",
                "ES",
                "C/ de Fuencarral 123",
                "28010",
                "Madrid",
            ),
            (
                "Rua do Raio 210, 4710-923 Braga",
                "PT",
                "Rua do Raio 210",
                "4710-923",
                "Braga",
            ),
            (
                "Molenstraat 12\n3512 AB Utrecht",
                "NL",
                "Molenstraat 12",
                "3512 AB",
                "Utrecht",
            ),
            (
                "Bäckerei Huber · Weißenburger Str. 12 · 81667 München",
                "DE",
                "Weißenburger Str. 12",
                "81667",
                "München",
            ),
            (
                "45 avenue Jean Médecin\n06000 Nice",
                "FR",
                "45 avenue Jean Médecin",
                "06000",
                "Nice",
            ),
            (
                "Via della Lungaretta 80, 00153 Roma",
                "IT",
                "Via della Lungaretta 80",
                "00153",
                "Roma",
            ),
        ] {
            let a = one(text, Some(region));
            assert_eq!(a.street.as_deref(), Some(street), "{text}");
            assert_eq!(a.postal_code.as_deref(), Some(zip), "{text}");
            assert_eq!(a.city.as_deref(), Some(city), "{text}");
        }
    }

    #[test]
    fn reads_split_postal_lines_named_streets_and_street_lines() {
        let a = one("1617 3rd Avenue\nSuite 7080\nNew York NY\n10128", None);
        assert_eq!(a.street.as_deref(), Some("1617 3rd Avenue"));
        assert_eq!(a.postal_code.as_deref(), Some("10128"));
        assert_eq!(a.city.as_deref(), Some("New York"));

        let a = one("Hall Lane\nNr Ormskirk\nLancashire\nL40 5UF", None);
        assert_eq!(a.street.as_deref(), Some("Hall Lane"));

        let a = one(
            "7400 E. Pinnacle Peak Rd. Suite # 200\nScottsdale Az. 85255",
            None,
        );
        assert_eq!(
            a.street.as_deref(),
            Some("7400 E. Pinnacle Peak Rd. Suite # 200")
        );
        assert_eq!(a.region.as_deref(), Some("Az."));

        let a = one("Pentland House Village Way Wilmslow Cheshire SK9 2GH", None);
        assert_eq!(a.street.as_deref(), Some("Pentland House Village Way"));

        let a = one("Listings\n225 E 57 ST. # 1R\tCondo", None);
        assert_eq!(a.street.as_deref(), Some("225 E 57 ST. # 1R"));
        assert_eq!(a.postal_code, None);
        let a = one("Tel: 972 447 8230\t701 Evans Avenue", None);
        assert_eq!(a.street.as_deref(), Some("701 Evans Avenue"));
        let a = one("Postal address\nP.O. Box 1999", None);
        assert_eq!(a.street.as_deref(), Some("P.O. Box 1999"));

        let a = one(
            "Contact\n8105 Birch Bay Square Street\nSuite 205\nBlaine WA 98230",
            None,
        );
        assert_eq!(a.street.as_deref(), Some("8105 Birch Bay Square Street"));
        assert_eq!(a.city.as_deref(), Some("Blaine"));
    }

    #[test]
    fn ignores_look_alikes() {
        for text in [
            "We opened in 1998 and have 2000 happy customers",
            "Call 1-800-330-8247 today",
            "Copyright 2014 Acme Inc. All rights reserved",
            "Order 12345 shipped to you",
            "On February 12 we moved\n2014 Pilkington Spacia acknowledged as market leader",
            "Reply via fax or email within 24\n80331 München",
            "We have 5 locations in the Main Street area of town",
        ] {
            assert!(addresses_in_text(text, &[], None).is_empty(), "{text}");
        }
    }

    #[test]
    fn survives_hostile_text() {
        let digits = "1".repeat(1_000_000);
        assert!(addresses_in_text(&digits, &[], None).is_empty());
        let many = "1 Main St, Springfield, IL 62701\n".repeat(10_000);
        assert_eq!(addresses_in_text(&many, &[], None).len(), MAX_FOUND);
    }
}
