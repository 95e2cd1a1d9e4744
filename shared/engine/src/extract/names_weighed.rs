//! The business name's candidates weighed against each other and against what the site's pages
//! say, after [`super::profile`] has ranked them by source:
//!
//! - a site-section suffix is not part of the name ("Perk Help Center" → "Perk");
//! - a structured-data name that spells neither the domain nor anything the titles show (a
//!   person with credentials, a parent company) loses to the name that spells the domain and
//!   repeats across the titles;
//! - a fragment loses to the fuller name the pages use ("Callows" when every page says "Callows
//!   Audio"), unless the extra words are a place;
//! - a place suffix is dropped when the site also names the business without it ("Acme Plumbing
//!   Leeds" when the pages say "Acme Plumbing" and the address is in Leeds).

use std::collections::HashMap;

use super::facts::{Origin, PageFacts, TextFact};
use super::names::{acceptable_name, compact, matches_domain};

/// Trailing words that name a part of a site (its help centre, blog, shop front), not the
/// business, in the languages the extractor reads. Lower-cased words, compared word by word.
const SECTION_SUFFIXES: &[&[&str]] = &[
    &["help", "center"],
    &["help", "centre"],
    &["helpcenter"],
    &["support", "center"],
    &["support", "centre"],
    &["support"],
    &["customer", "support"],
    &["customer", "service"],
    &["knowledge", "base"],
    &["blog"],
    &["careers"],
    &["jobs"],
    &["developers"],
    &["developer", "portal"],
    &["docs"],
    &["documentation"],
    &["community"],
    &["forum"],
    &["forums"],
    &["newsroom"],
    &["press", "room"],
    &["hilfe"],
    &["hilfecenter"],
    &["kundenservice"],
    &["centre", "d", "aide"],
    &["centro", "de", "ayuda"],
    &["centro", "assistenza"],
    &["centro", "de", "ajuda"],
    &["klantenservice"],
    &["helpcentrum"],
];

/// Words that join a name to its place ("of Connecticut", "de Madrid", "am See"), lower-case.
const PLACE_CONNECTORS: &[&str] = &[
    "of", "in", "at", "on", "for", "the", "and", "de", "del", "della", "di", "du", "des", "la",
    "le", "van", "von", "am", "im", "zu", "aan", "en", "y", "e", "et", "und",
];

/// Most words of a page's text examined (all a page's facts keep); a hostile page cannot make
/// the weighing slow.
const MAX_WORDS_PER_PAGE: usize = super::facts::MAX_MAIN_TEXT_WORDS;
/// Most extra words a fuller name may have over its fragment.
const MAX_EXTRA_WORDS: usize = 3;

/// A name's words as compared: whitespace-separated, letters and digits only, lower-cased
/// ("MotoClassifieds.US" is one word; "callows.com" is not "callows").
fn words(s: &str) -> Vec<String> {
    s.split_whitespace()
        .map(compact)
        .filter(|w| !w.is_empty())
        .collect()
}

/// `name` without a trailing site-section suffix, if it has one and something acceptable is left.
pub fn without_section_suffix(name: &str) -> Option<String> {
    let raw: Vec<&str> = name.split_whitespace().collect();
    let keys: Vec<String> = raw
        .iter()
        .map(|w| {
            w.split(|c: char| !c.is_alphanumeric())
                .filter(|p| !p.is_empty())
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    // Flatten so "d'aide" is two words, remembering which raw word each came from.
    let mut flat: Vec<(usize, &str)> = Vec::new();
    for (i, k) in keys.iter().enumerate() {
        flat.extend(k.split(' ').filter(|p| !p.is_empty()).map(|p| (i, p)));
    }
    for suffix in SECTION_SUFFIXES {
        if flat.len() <= suffix.len() {
            continue;
        }
        let tail = &flat[flat.len() - suffix.len()..];
        if tail.iter().map(|(_, w)| *w).eq(suffix.iter().copied()) {
            let first_raw = tail[0].0;
            if first_raw == 0 {
                return None;
            }
            return acceptable_name(&raw[..first_raw].join(" "));
        }
    }
    None
}

/// The words of every page's title and main text, for counting how the site names itself.
/// Words are kept as numbers into one vocabulary: a page's text is up to
/// [`MAX_WORDS_PER_PAGE`] words, and a `String` per word held for every page of a large site
/// cost tens of MiB of a job's peak memory.
struct Corpus {
    /// Every distinct word of the titles and main texts, numbered.
    vocabulary: HashMap<String, u32>,
    /// Per page: the title's words, then the main text's.
    pages: Vec<(Vec<u32>, Vec<u32>)>,
    /// Cities and regions of the site's addresses, compacted.
    places: Vec<String>,
}

impl Corpus {
    fn new(pages: &[PageFacts]) -> Self {
        let mut vocabulary = HashMap::new();
        let mut number = |word: String| -> u32 {
            let next = u32::try_from(vocabulary.len()).unwrap_or(u32::MAX);
            *vocabulary.entry(word).or_insert(next)
        };
        let page_words = pages
            .iter()
            .map(|p| {
                let title = p
                    .title
                    .as_deref()
                    .map(words)
                    .unwrap_or_default()
                    .into_iter()
                    .map(&mut number)
                    .collect();
                let text = p
                    .main_text
                    .split_whitespace()
                    .take(MAX_WORDS_PER_PAGE)
                    .map(compact)
                    .filter(|w| !w.is_empty())
                    .map(&mut number)
                    .collect();
                (title, text)
            })
            .collect();
        let places = pages
            .iter()
            .flat_map(|p| p.addresses.iter())
            .flat_map(|a| [a.city.as_deref(), a.region.as_deref()])
            .flatten()
            .map(compact)
            .filter(|p| !p.is_empty())
            .collect();
        Self {
            vocabulary,
            pages: page_words,
            places,
        }
    }

    /// The words' numbers; `None` when one of them is on no page.
    fn numbers(&self, words: &[String]) -> Option<Vec<u32>> {
        words
            .iter()
            .map(|w| self.vocabulary.get(w).copied())
            .collect()
    }

    /// Occurrences of `seq` in titles and main texts: all of them, those not followed by
    /// `ext` (when `ext` is not empty), and those in the main texts.
    fn count(&self, seq: &[String], ext: &[String]) -> Count {
        let mut count = Count::default();
        if seq.is_empty() {
            return count;
        }
        // A word on no page: `seq` occurs nowhere, and nothing is followed by `ext`.
        let Some(seq) = self.numbers(seq) else {
            return count;
        };
        let ext = self.numbers(ext);
        for (title, text) in &self.pages {
            for (in_text, page) in [(false, title), (true, text)] {
                for start in 0..page.len().saturating_sub(seq.len() - 1) {
                    if page[start..start + seq.len()] != *seq {
                        continue;
                    }
                    count.all += 1;
                    count.in_text += usize::from(in_text);
                    let after = &page[start + seq.len()..];
                    let followed = ext
                        .as_ref()
                        .is_some_and(|ext| !ext.is_empty() && after.starts_with(ext));
                    if !followed {
                        count.alone += 1;
                    }
                }
            }
        }
        count
    }

    /// Do the words name a place: a city or region of the site's addresses, or what the pages
    /// say they are "in", "near" or "serving"?
    fn is_place(&self, ext: &[String]) -> bool {
        let joined = ext.concat();
        if self.places.contains(&joined) {
            return true;
        }
        ["in", "near", "serving", "across", "around"]
            .iter()
            .any(|prep| {
                let mut seq = vec![(*prep).to_owned()];
                seq.extend(ext.iter().cloned());
                self.count(&seq, &[]).all > 0
            })
    }
}

#[derive(Debug, Default)]
struct Count {
    all: usize,
    alone: usize,
    in_text: usize,
}

/// `candidates` (best first) reordered or refined by the rules in the module's documentation.
pub fn weigh(
    mut candidates: Vec<TextFact>,
    pages: &[PageFacts],
    label: Option<&str>,
) -> Vec<TextFact> {
    for fact in &mut candidates {
        if fact.provenance.origin != Origin::Text {
            if let Some(short) = without_section_suffix(&fact.value) {
                fact.value = short;
            }
        }
    }
    let Some(top) = candidates
        .iter()
        .position(|c| acceptable_name(&c.value).is_some())
    else {
        return candidates;
    };
    if let Some(label) = label {
        prefer_domain_over_unrelated_structured(&mut candidates, top, label);
    }
    let corpus = Corpus::new(pages);
    prefer_fuller_name(&mut candidates, top, &corpus);
    drop_place_suffix(&mut candidates, top, &corpus);
    candidates
}

/// A structured-data name that spells neither the domain nor any title (a practitioner's
/// "Lovely C. Laban, GNP-C, MSN" on skinbylovely.com) gives way to the name that spells the
/// domain exactly and that at least two pages' titles show: two sources agreeing beat one.
fn prefer_domain_over_unrelated_structured(
    candidates: &mut Vec<TextFact>,
    top: usize,
    label: &str,
) {
    let machine = |c: &TextFact| c.provenance.origin != Origin::Text;
    if !machine(&candidates[top])
        || candidates
            .iter()
            .filter(|c| machine(c))
            .any(|c| matches_domain(&c.value, label))
    {
        return;
    }
    let spells_domain = candidates.iter().position(|c| {
        !machine(c)
            && c.provenance.count >= 2
            && c.provenance
                .evidence
                .as_deref()
                .is_some_and(|e| e.starts_with("title:"))
            && compact(&c.value) == compact(label)
    });
    if let Some(i) = spells_domain {
        let fact = candidates.remove(i);
        candidates.insert(top, fact);
    }
}

/// The top candidate is a fragment of another candidate ("Callows" of "Callows Audio",
/// "MotoClassifieds.US Auto" of "MotoClassifieds.US Auto Classifieds") that the pages use at
/// least twice and far more often than the fragment alone: the fuller name wins, unless its
/// extra words are a place.
fn prefer_fuller_name(candidates: &mut Vec<TextFact>, top: usize, corpus: &Corpus) {
    let short = words(&candidates[top].value);
    if short.is_empty() {
        return;
    }
    // The fullest name that qualifies: "Brightwater Dental Care" over "Brightwater Dental".
    let fuller = candidates.iter().enumerate().filter_map(|(i, c)| {
        let long = words(&c.value);
        let extra = long.len().checked_sub(short.len())?;
        if i == top || !(1..=MAX_EXTRA_WORDS).contains(&extra) || !long.starts_with(&short) {
            return None;
        }
        acceptable_name(&c.value)?;
        let ext = &long[short.len()..];
        if corpus.is_place(ext) {
            return None;
        }
        // The pages' prose must use the fuller name too: titles alone are often padded with
        // keywords ("Smith's Plumbing Leeds").
        let full = corpus.count(&long, &[]);
        let alone = corpus.count(&short, ext).alone;
        (full.all >= 2 && full.in_text >= 1 && alone * 2 < full.all).then_some((i, long.len()))
    });
    let fuller = fuller
        .fold(None, |best: Option<(usize, usize)>, (i, n)| match best {
            Some((_, m)) if m >= n => best,
            _ => Some((i, n)),
        })
        .map(|(i, _)| i);
    if let Some(i) = fuller {
        let fact = candidates.remove(i);
        candidates.insert(top, fact);
    }
}

/// The top candidate ends in a place ("Acme Plumbing Leeds") and the pages also name the
/// business without it: the name without the place wins.
fn drop_place_suffix(candidates: &mut [TextFact], top: usize, corpus: &Corpus) {
    let value = candidates[top].value.clone();
    let raw: Vec<&str> = value.split_whitespace().collect();
    for cut in 1..=2usize.min(raw.len().saturating_sub(1)) {
        let head = raw[..raw.len() - cut].join(" ");
        let head = head.trim_end_matches(|c: char| {
            c.is_whitespace() || matches!(c, '-' | '–' | '—' | ',' | '|' | '·' | '/' | ':')
        });
        let (Some(head), ext) = (
            acceptable_name(head),
            words(&raw[raw.len() - cut..].join(" ")),
        ) else {
            continue;
        };
        let short = words(&head);
        if ext.is_empty() || short.is_empty() || !corpus.is_place(&ext) {
            continue;
        }
        // "Mister Softee of Connecticut", "Bank of Ireland": a place after a connector is the
        // name's own.
        let connector = short
            .last()
            .is_some_and(|w| PLACE_CONNECTORS.contains(&w.as_str()));
        if connector {
            continue;
        }
        let alone = corpus.count(&short, &ext).alone;
        let elsewhere = candidates
            .iter()
            .any(|c| words(&c.value) == short && c.value != value);
        if alone > 0 || elsewhere {
            candidates[top].value = head;
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::facts::{Address, Provenance};

    fn fact(value: &str, origin: Origin, evidence: &str, count: u32) -> TextFact {
        let mut provenance = Provenance::new("https://a.example/", origin, Some(evidence));
        provenance.count = count;
        TextFact {
            value: value.to_owned(),
            provenance,
        }
    }

    fn page(title: &str, text: &str) -> PageFacts {
        PageFacts {
            url: "https://a.example/".to_owned(),
            title: Some(title.to_owned()),
            main_text: text.to_owned(),
            ..PageFacts::default()
        }
    }

    fn in_city(mut p: PageFacts, city: &str) -> PageFacts {
        p.addresses.push(Address {
            text: format!("1 High St, {city}"),
            street: Some("1 High St".to_owned()),
            city: Some(city.to_owned()),
            region: None,
            postal_code: None,
            country: None,
            provenance: Provenance::new("https://a.example/", Origin::Text, None),
        });
        p
    }

    fn first(c: &[TextFact]) -> &str {
        &c[0].value
    }

    #[test]
    fn section_suffixes_are_cut_from_site_names_only_when_a_name_is_left() {
        assert_eq!(
            without_section_suffix("Perk Help Center").as_deref(),
            Some("Perk")
        );
        assert_eq!(
            without_section_suffix("Zalando Kundenservice").as_deref(),
            Some("Zalando")
        );
        assert_eq!(
            without_section_suffix("Decathlon Centre d'aide").as_deref(),
            Some("Decathlon")
        );
        assert_eq!(without_section_suffix("Help Center"), None);
        assert_eq!(without_section_suffix("Blog"), None);
        // Words that merely contain a section word are the name.
        assert_eq!(without_section_suffix("Acme Supportive Care"), None);
        assert_eq!(without_section_suffix("Blogger Bakery"), None);
        let c = weigh(
            vec![fact(
                "Perk Help Center",
                Origin::Markup,
                "og:site_name: Perk Help Center",
                1,
            )],
            &[],
            Some("perk"),
        );
        assert_eq!(first(&c), "Perk");
        // A title segment is left as the site wrote it: only site names are cut.
        let c = weigh(
            vec![fact("Acme Blog", Origin::Text, "title: Acme Blog", 2)],
            &[],
            None,
        );
        assert_eq!(first(&c), "Acme Blog");
    }

    #[test]
    fn a_fragment_loses_to_the_fuller_name_the_pages_use() {
        let pages = [
            page(
                "Callows Audio",
                "Thank you for your interest in Callows Audio!",
            ),
            page(
                "Callows Audio",
                "Every hall in the south east is covered by Callows Audio. Mail info@callows.com",
            ),
        ];
        let c = weigh(
            vec![
                fact("Callows", Origin::Text, "title: Callows Audio", 2),
                fact("Callows Audio", Origin::Text, "title: Callows Audio", 2),
            ],
            &pages,
            Some("callows"),
        );
        assert_eq!(first(&c), "Callows Audio");
    }

    #[test]
    fn a_structured_fragment_loses_to_the_fuller_name_every_page_shows() {
        let page = |path: &str, title: &str| {
            let html = format!(
                r#"<html lang="en"><head><title>{title}</title>
                <script type="application/ld+json">{{"@type":"Dentist","name":"Brightwater"}}</script>
                </head><body><main><h1>{title}</h1>
                <p>Brightwater Dental Care has looked after families in the valley since 1998.
                New patients are welcome at Brightwater Dental Care.</p></main></body></html>"#
            );
            let url = url::Url::parse(&format!("https://brightwaterdental.com{path}")).unwrap();
            crate::extract::extract_page(&html, &url, None)
        };
        let pages = [
            page("/", "Brightwater Dental Care | Family dentist"),
            page("/whitening", "Teeth whitening | Brightwater Dental Care"),
        ];
        let profile = crate::extract::merge_pages(&pages);
        assert_eq!(profile.name.as_deref(), Some("Brightwater Dental Care"));
        // Where the pages call it "Brightwater" as often, the structured name stands.
        let mut pages = pages;
        for p in &mut pages {
            p.main_text = "At Brightwater we care. Brightwater is open late.".to_owned();
        }
        let profile = crate::extract::merge_pages(&pages);
        assert_eq!(profile.name.as_deref(), Some("Brightwater"));
    }

    #[test]
    fn a_fragment_stays_when_the_pages_use_it_alone_or_the_rest_is_a_place() {
        // The pages say "Occupa" on its own as often as the longer form.
        let pages = [
            page(
                "Occupa Commercial Property Consultants",
                "At Occupa, we help. Occupa specialises in offices.",
            ),
            page("Contact", "Occupa Commercial Property Consultants, London"),
        ];
        let cands = vec![
            fact("Occupa", Origin::Text, "title: Occupa", 2),
            fact(
                "Occupa Commercial Property Consultants",
                Origin::Text,
                "title: Occupa Commercial Property Consultants",
                1,
            ),
        ];
        assert_eq!(first(&weigh(cands, &pages, Some("occupa"))), "Occupa");
        // Every page says "Smith's Plumbing Leeds", but Leeds is where the business is.
        let pages = [
            in_city(
                page("Home | Smith's Plumbing Leeds", "Smith's Plumbing Leeds"),
                "Leeds",
            ),
            page("About | Smith's Plumbing Leeds", "Smith's Plumbing Leeds"),
        ];
        let cands = vec![
            fact("Smith's Plumbing", Origin::Text, "title: x", 2),
            fact("Smith's Plumbing Leeds", Origin::Text, "title: x", 2),
        ];
        assert_eq!(
            first(&weigh(cands.clone(), &pages, Some("smiths-plumbing"))),
            "Smith's Plumbing"
        );
        // Without the address, "plumbers in Leeds" in the text says the same.
        let pages = [
            page(
                "Home | Smith's Plumbing Leeds",
                "Emergency plumbers in Leeds.",
            ),
            page("About | Smith's Plumbing Leeds", "Smith's Plumbing Leeds"),
        ];
        assert_eq!(
            first(&weigh(cands, &pages, Some("smiths-plumbing"))),
            "Smith's Plumbing"
        );
    }

    #[test]
    fn a_place_suffix_goes_when_the_site_also_names_the_business_without_it() {
        let pages = [in_city(
            page(
                "Acme Plumbing Leeds",
                "Acme Plumbing has fixed boilers since 1990. Call Acme Plumbing today.",
            ),
            "Leeds",
        )];
        for name in [
            "Acme Plumbing Leeds",
            "Acme Plumbing – Leeds",
            "Acme Plumbing, Leeds",
        ] {
            let c = weigh(
                vec![fact(name, Origin::Structured, "schema.org", 1)],
                &pages,
                Some("acmeplumbing"),
            );
            assert_eq!(first(&c), "Acme Plumbing", "{name}");
        }
        // Nothing names the business without the place: it stays.
        let pages = [in_city(
            page("Leeds Building Society", "Leeds Building Society savings"),
            "Leeds",
        )];
        let c = weigh(
            vec![fact(
                "Acme Plumbing Leeds",
                Origin::Structured,
                "schema.org",
                1,
            )],
            &pages,
            None,
        );
        assert_eq!(first(&c), "Acme Plumbing Leeds");
        // A place after "of" is part of the name.
        let pages = [in_city(
            page(
                "Mister Softee",
                "Mister Softee trucks. Mister Softee of Connecticut",
            ),
            "Connecticut",
        )];
        let c = weigh(
            vec![fact(
                "Mister Softee of Connecticut",
                Origin::Text,
                "© 2013",
                2,
            )],
            &pages,
            None,
        );
        assert_eq!(first(&c), "Mister Softee of Connecticut");
        // The last word is not a place: nothing is cut.
        let pages = [page(
            "Acme Plumbing",
            "Acme Plumbing Heating is here. Acme Plumbing",
        )];
        let c = weigh(
            vec![fact(
                "Acme Plumbing Heating",
                Origin::Structured,
                "schema.org",
                1,
            )],
            &pages,
            None,
        );
        assert_eq!(first(&c), "Acme Plumbing Heating");
    }

    #[test]
    fn an_unrelated_structured_name_yields_to_the_domain_and_titles_agreeing() {
        let cands = || {
            vec![
                fact(
                    "Lovely C. Laban, GNP-C, MSN",
                    Origin::Structured,
                    "schema.org LocalBusiness name",
                    3,
                ),
                fact(
                    "Skin by Lovely",
                    Origin::Text,
                    "title: Leading Medical Spa | Skin by Lovely",
                    2,
                ),
            ]
        };
        assert_eq!(
            first(&weigh(cands(), &[], Some("skinbylovely"))),
            "Skin by Lovely"
        );
        // On another domain the structured name stands: the titles alone are one source.
        assert_eq!(
            first(&weigh(cands(), &[], Some("lovelyclinic"))),
            "Lovely C. Laban, GNP-C, MSN"
        );
        // A structured name that spells the domain stands.
        let mut c = cands();
        c[0].value = "Skin by Lovely Inc.".to_owned();
        c[1].value = "Skin by Lovely Spa".to_owned();
        assert_eq!(
            first(&weigh(c, &[], Some("skinbylovely"))),
            "Skin by Lovely Inc."
        );
        // A title seen once does not outweigh it.
        let mut c = cands();
        c[1].provenance.count = 1;
        assert_eq!(
            first(&weigh(c, &[], Some("skinbylovely"))),
            "Lovely C. Laban, GNP-C, MSN"
        );
    }
}
