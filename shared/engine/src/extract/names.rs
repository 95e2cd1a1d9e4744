//! The business's name from page titles and the domain, for when structured data and
//! `og:site_name` are silent: the title segment that matches the domain, else the segment most
//! of the site's titles share ("About | Acme Plumbing", "Contact | Acme Plumbing").

const MAX_NAME_CHARS: usize = 80;

/// Title fragments that name a page or a site section, never a business.
const GENERIC: &[&str] = &[
    "home",
    "homepage",
    "home page",
    "welcome",
    "index",
    "official site",
    "official website",
    "main page",
    "untitled",
    "untitled document",
    "default",
    "website",
    "about",
    "about us",
    "contact",
    "contact us",
    "services",
    "our services",
    "blog",
    "news",
    "faq",
    "faqs",
    "locations",
    "location",
    "our team",
    "team",
    "gallery",
    "products",
    "shop",
    "menu",
    "careers",
    "privacy policy",
    "terms",
    "404",
    "page not found",
    "not found",
];

/// A plausible business name, trimmed; `None` for generic, empty or overlong text.
pub fn acceptable_name(raw: &str) -> Option<String> {
    let name = raw
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches(|c: char| {
            matches!(c, '|' | '-' | '–' | '—' | ':' | '·' | '»') || c.is_whitespace()
        })
        .to_owned();
    let lower = name.to_lowercase();
    let ok = !name.is_empty()
        && name.chars().count() <= MAX_NAME_CHARS
        && !GENERIC.contains(&lower.as_str())
        && !super::shell::is_shell_title(&name)
        && name.chars().any(char::is_alphabetic);
    ok.then_some(name)
}

/// Splits a title on the separators sites put between the page's name and the brand.
pub fn title_segments(title: &str) -> Vec<String> {
    let trimmed = title.trim();
    let trimmed = ["welcome to ", "welcome "]
        .iter()
        .find_map(|p| {
            trimmed
                .get(..p.len())
                .filter(|head| head.eq_ignore_ascii_case(p))
                .map(|_| &trimmed[p.len()..])
        })
        .unwrap_or(trimmed);
    let mut parts = vec![trimmed];
    for sep in [
        " | ", "|", " - ", " – ", " — ", " · ", " :: ", " » ", ": ", " / ",
    ] {
        parts = parts.into_iter().flat_map(|p| p.split(sep)).collect();
    }
    parts.into_iter().filter_map(acceptable_name).collect()
}

/// Letters and digits only, lower-cased, for comparing names with domains and each other.
pub fn compact(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The label left of the public suffix: `www.smiths-plumbing.co.uk` → `smiths-plumbing`.
pub fn registrable_label(host: &str) -> Option<String> {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    if host.parse::<std::net::IpAddr>().is_ok() || host.starts_with('[') {
        return None;
    }
    let domain = psl::domain(host.as_bytes())?;
    // An unlisted suffix (`intranet.local`, `x.invalid`) says nothing about a business.
    if !domain.suffix().is_known() {
        return None;
    }
    let suffix_len = domain.suffix().as_bytes().len();
    let bytes = domain.as_bytes();
    let label = std::str::from_utf8(&bytes[..bytes.len().checked_sub(suffix_len + 1)?]).ok()?;
    (!label.is_empty()).then(|| label.to_owned())
}

/// `acme-corp` → "Acme Corp".
pub fn humanise_label(label: &str) -> String {
    label
        .split(['-', '_', '.'])
        .filter(|w| !w.is_empty())
        .map(|word| {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect::<String>(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Does `name` look like the domain's label (`Smith's Plumbing` ~ `smithsplumbing`,
/// `LeewardPro` ~ `leewardpro`, `Acme` ~ `acmecorp`)?
pub fn matches_domain(name: &str, label: &str) -> bool {
    let key = compact(name);
    let label = compact(label);
    if key.len() < 3 || label.len() < 3 {
        return false;
    }
    if key == label || label.contains(&key) || key.contains(&label) {
        return true;
    }
    // Initials: "Better Business Bureau" ~ "bbb".
    let initials: String = name
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_lowercase)
        .collect();
    initials.len() >= 3 && initials == label
}

/// How a title segment came to be a name candidate, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum TitleTier {
    /// It spells the domain's name ("Contact Balise Collision Repair" on balisecollision.com
    /// gives "Balise Collision Repair").
    DomainExact,
    /// It repeats across the site's titles ("… | The Paul Wilkinson Law Firm LLC").
    Repeated,
    /// It spells part of the domain's name ("Abacus" on abacusllc-group.com).
    DomainPartial,
}

/// A name found in the site's titles, with the titles' indices it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TitleName {
    pub value: String,
    pub titles: Vec<usize>,
    pub tier: TitleTier,
}

impl TitleName {
    fn words(&self) -> usize {
        self.value.split_whitespace().count()
    }
}

/// Words a business name goes on with after its distinctive part ("Balise Collision *Repair*",
/// "Advantage Engineering, *Inc.*"), lower-case.
const NAME_TAIL_WORDS: &[&str] = &[
    "inc",
    "llc",
    "ltd",
    "limited",
    "co",
    "corp",
    "corporation",
    "company",
    "group",
    "plc",
    "gmbh",
    "pty",
    "llp",
    "pc",
    "pllc",
    "sons",
    "associates",
    "partners",
    "services",
    "solutions",
    "repair",
    "clinic",
    "center",
    "centre",
    "studio",
    "studios",
    "store",
    "stores",
    "shop",
    "furniture",
    "real",
    "estate",
    "realty",
    "law",
    "firm",
    "dental",
    "dentistry",
    "plumbing",
    "construction",
    "renovation",
    "renovations",
    "builders",
    "homes",
    "restaurant",
    "cafe",
    "salon",
    "spa",
    "hotel",
    "insurance",
    "agency",
    "consulting",
    "design",
    "engineering",
    "electric",
    "heating",
    "roofing",
    "landscaping",
    "cleaning",
    "auto",
    "motors",
    "collision",
    "productions",
    "media",
    "marketing",
    "medical",
    "health",
    "pharmacy",
    "bakery",
    "grill",
    "kitchen",
    "academy",
    "school",
    "institute",
    "fitness",
    "photography",
    "travel",
    "rentals",
    "properties",
    "management",
    "financial",
    "accounting",
    "attorneys",
    "lawyers",
    "orthodontics",
    "dermatology",
    "veterinary",
    "hospital",
    "systems",
    "technologies",
    "software",
    "labs",
    "industries",
    "manufacturing",
    "supply",
    "supplies",
    "equipment",
    "products",
    "international",
    "enterprises",
    "holdings",
    "specialist",
    "specialists",
    "&",
    "and",
];

/// Legal-form endings a domain label may carry (`abacusllc`), stripped before matching.
const LABEL_SUFFIXES: &[&str] = &["llc", "inc", "ltd", "corp", "plc", "co", "group", "usa"];

/// The part of `segment` that spells the domain's name, from its first word to its last plus
/// the words a name goes on with; `exact` when the words spell the whole label.
pub fn domain_span(segment: &str, label: &str) -> Option<(String, bool)> {
    let mut core = compact(label);
    for suffix in LABEL_SUFFIXES {
        if core.len() >= suffix.len() + 4 && core.ends_with(suffix) {
            core.truncate(core.len() - suffix.len());
            break;
        }
    }
    if core.len() < 3 {
        return None;
    }
    let words: Vec<&str> = segment.split_whitespace().collect();
    let keys: Vec<String> = words.iter().map(|w| compact(w)).collect();
    let mut partial: Option<(usize, usize, usize)> = None;
    for start in 0..words.len() {
        if keys[start].is_empty() {
            continue;
        }
        let mut acc = String::new();
        for (end, key) in keys.iter().enumerate().skip(start) {
            acc.push_str(key);
            // "ToledoCars.com" spells "toledocars" with a little to spare.
            if acc == core || (acc.starts_with(&core) && acc.len() <= core.len() + 4) {
                return Some((with_tail(&words, start, end), true));
            }
            if !core.contains(&acc) {
                break;
            }
            let long_enough = acc.len() >= 4 && acc.len() * 2 >= core.len();
            if long_enough && partial.is_none_or(|(_, _, len)| acc.len() > len) {
                partial = Some((start, end, acc.len()));
            }
        }
    }
    partial.map(|(start, end, _)| (with_tail(&words, start, end), false))
}

/// `words[start..=end]` and the name words that follow, trimmed of trailing connectors.
fn with_tail(words: &[&str], start: usize, end: usize) -> String {
    let mut last = end;
    while last + 1 < words.len() && last < end + 3 {
        if words[last].ends_with([',', ';', ':', '|', '(', ')']) {
            // After a comma only a legal form carries on: "Advantage Engineering, Inc."
            let next = compact(words[last + 1]);
            if words[last].ends_with(',') && LABEL_SUFFIXES.contains(&next.as_str()) {
                last += 1;
            }
            break;
        }
        let next = words[last + 1].to_lowercase();
        let next = next.trim_matches(|c: char| !c.is_alphanumeric() && c != '&');
        if !NAME_TAIL_WORDS.contains(&next) {
            break;
        }
        last += 1;
    }
    while last > end && matches!(words[last].to_lowercase().as_str(), "&" | "and") {
        last -= 1;
    }
    let first = if start > 0 && words[start - 1].eq_ignore_ascii_case("the") {
        start - 1
    } else {
        start
    };
    let name = words[first..=last].join(" ");
    name.trim_end_matches([',', ';', ':', '-', '|'])
        .trim()
        .to_owned()
}

/// Name candidates from the site's page titles, best first: segments that spell the domain's
/// name, then segments repeated across titles (the brand suffix), then segments that spell part
/// of the domain's name.
pub fn names_from_titles(titles: &[&str], domain_label: Option<&str>) -> Vec<TitleName> {
    let mut found: Vec<TitleName> = Vec::new();
    let mut add = |value: String, index: usize, tier: TitleTier| {
        let key = compact(&value);
        match found.iter_mut().find(|n| compact(&n.value) == key) {
            Some(n) => {
                if !n.titles.contains(&index) {
                    n.titles.push(index);
                }
                n.tier = n.tier.min(tier);
            }
            None => found.push(TitleName {
                value,
                titles: vec![index],
                tier,
            }),
        }
    };
    let mut segment_titles: Vec<(String, Vec<usize>, usize)> = Vec::new();
    for (index, title) in titles.iter().enumerate() {
        let segments = title_segments(title);
        let count = segments.len();
        for (position, segment) in segments.into_iter().enumerate() {
            if let Some((span, exact)) = domain_label.and_then(|l| domain_span(&segment, l)) {
                if let Some(span) = acceptable_name(&span) {
                    let tier = if exact {
                        TitleTier::DomainExact
                    } else {
                        TitleTier::DomainPartial
                    };
                    add(span, index, tier);
                }
            }
            // Brands usually close a title ("Page | Brand"): later segments rank first.
            let from_end = count - 1 - position;
            let key = compact(&segment);
            match segment_titles
                .iter_mut()
                .find(|(s, _, _)| compact(s) == key)
            {
                Some((_, on, best)) => {
                    if !on.contains(&index) {
                        on.push(index);
                    }
                    *best = (*best).min(from_end);
                }
                None => segment_titles.push((segment, vec![index], from_end)),
            }
        }
    }
    // A lone segment is as likely the page's own name as the brand: only repetition promotes it.
    let mut repeated: Vec<(String, Vec<usize>, usize)> = segment_titles
        .into_iter()
        .filter(|(_, on, _)| on.len() >= 2 && on.len() * 2 >= titles.len().min(4))
        .collect();
    repeated.sort_by(|a, b| {
        let legal = |s: &str| {
            s.split_whitespace()
                .any(|w| LABEL_SUFFIXES.contains(&compact(w).as_str()))
        };
        b.1.len()
            .cmp(&a.1.len())
            .then(legal(&b.0).cmp(&legal(&a.0)))
            .then(a.2.cmp(&b.2))
    });
    for (value, on, _) in repeated {
        for index in on {
            add(value.clone(), index, TitleTier::Repeated);
        }
    }
    let mut ranked: Vec<(usize, TitleName)> = found.into_iter().enumerate().collect();
    // Among spellings of the domain, the fuller name ("Amenta Real Estate" over "Amenta").
    ranked.sort_by(|(ia, a), (ib, b)| {
        let fuller = |n: &TitleName| match n.tier {
            TitleTier::DomainExact => n.words(),
            _ => 0,
        };
        a.tier
            .cmp(&b.tier)
            .then(fuller(b).cmp(&fuller(a)))
            .then(b.titles.len().cmp(&a.titles.len()))
            .then(ia.cmp(ib))
    });
    ranked.into_iter().map(|(_, n)| n).collect()
}

/// The copyright holder in the page's visible text (footers), if a line names one.
pub fn copyright_in(doc: &scraper::Html) -> Option<(String, String)> {
    for node in doc.tree.nodes() {
        let Some(text) = node.value().as_text() else {
            continue;
        };
        if !(text.contains('©') || text.contains("opyright") || text.contains("OPYRIGHT")) {
            continue;
        }
        let parent = node.parent().and_then(scraper::ElementRef::wrap);
        if parent.is_some_and(|p| matches!(p.value().name(), "script" | "style" | "noscript")) {
            continue;
        }
        // "© 2024 <a>Acme Corp</a>": the holder may sit in a sibling element (but not in a
        // script that writes the year).
        let line: String = match parent {
            Some(p) => p
                .descendants()
                .filter(|d| {
                    !d.ancestors().take_while(|a| a.id() != p.id()).any(|a| {
                        a.value()
                            .as_element()
                            .is_some_and(|e| matches!(e.name(), "script" | "style"))
                    })
                })
                .filter_map(|d| d.value().as_text().map(|t| &**t))
                .flat_map(str::chars)
                .take(300)
                .collect(),
            None => text.chars().take(300).collect(),
        };
        if let Some(holder) = copyright_holder(&line) {
            return Some((holder, super::facts::snippet(&line)));
        }
    }
    None
}

/// Holders whose copyright lines come with embedded maps, themes and site builders, not the
/// business ("Map data ©2024 Google, INEGI").
const THIRD_PARTY_HOLDERS: &[&str] = &[
    "google",
    "inegi",
    "wordpress",
    "wix",
    "wixcom",
    "squarespace",
    "godaddy",
    "shopify",
    "weebly",
    "yelp",
    "facebook",
    "mapbox",
    "openstreetmap",
    "tomtom",
    "here",
    "microsoft",
    "bing",
    "apple",
    "yahoo",
    "twitter",
    "instagram",
    "youtube",
    "tripadvisor",
    "jquery",
];

/// The holder in a copyright line: "© 2024 Acme Corp. All rights reserved." → "Acme Corp",
/// "Copyright © 2010–2024 by Smith & Sons, Inc | Privacy" → "Smith & Sons, Inc".
pub fn copyright_holder(line: &str) -> Option<String> {
    let lower = line.to_lowercase();
    let at = lower
        .find('©')
        .map(|i| i + '©'.len_utf8())
        .or_else(|| lower.find("copyright").map(|i| i + "copyright".len()))
        .or_else(|| lower.find("(c)").map(|i| i + 3))?;
    let rest = line.get(at..)?;
    let mut words: Vec<&str> = Vec::new();
    let mut started = false;
    for raw in rest.split_whitespace() {
        let key = raw.to_lowercase();
        let bare = key.trim_matches(|c: char| !c.is_alphanumeric());
        let yearish = !bare.is_empty()
            && bare
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '-' | '–'));
        if !started {
            if yearish || matches!(bare, "" | "c" | "copyright" | "by") {
                continue;
            }
            started = true;
        }
        // The holder ends before a year, a separator, "All rights reserved" (in the seven
        // languages), a credit, or a street address's house number.
        let separator = matches!(raw, "·" | "•" | "–" | "—" | "-" | "|" | "/" | "::");
        let house_number =
            started && !words.is_empty() && bare.chars().next().is_some_and(|c| c.is_ascii_digit());
        if yearish
            || separator
            || house_number
            || raw.starts_with('|')
            || matches!(
                bare,
                "all"
                    | "powered"
                    | "designed"
                    | "website"
                    | "site"
                    | "web"
                    | "alle"
                    | "tous"
                    | "todos"
                    | "tutti"
                    | "tots"
                    | "reserved"
                    | "rights"
                    | "sitemap"
                    | "privacy"
                    | "impressum"
                    | "datenschutz"
            )
        {
            break;
        }
        words.push(raw);
        // "R.S. Pressman": initials do not end the name.
        let initials = raw.len() <= 8
            && raw.chars().filter(|c| *c == '.').count() >= 2
            && raw
                .chars()
                .all(|c| c.is_alphabetic() || c == '.' || c == ',');
        // "Autoservice H. Petrov", "Dr. Weber", "St. Mary's": an initial or a title does not
        // end the name either.
        let letters = raw.trim_end_matches(['.', ',']);
        let initial = letters.chars().count() == 1 && letters.chars().all(char::is_uppercase);
        let ends_sentence = raw.ends_with('.')
            && !initials
            && !initial
            && !matches!(
                bare,
                "inc"
                    | "ltd"
                    | "co"
                    | "corp"
                    | "llc"
                    | "l.l.c"
                    | "st"
                    | "pty"
                    | "dr"
                    | "mr"
                    | "mrs"
                    | "ms"
                    | "prof"
                    | "ing"
                    | "mag"
                    | "sr"
                    | "jr"
                    | "bros"
            );
        if ends_sentence || raw.ends_with(['|', ';']) || words.len() >= 8 {
            break;
        }
    }
    let name = words.join(" ");
    let name = name.trim_end_matches(['.', ',', '|', ';', ':', '-']).trim();
    let first = compact(name.split([' ', ',']).next().unwrap_or_default());
    if THIRD_PARTY_HOLDERS.contains(&first.as_str()) || name.contains(['(', ')', ';', '{', '=']) {
        return None;
    }
    acceptable_name(name).filter(|n| n.split_whitespace().count() <= 7)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_segment_matching_the_domain_wins() {
        let names = names_from_titles(
            &["Custom License Plates, Free Design | LeewardPro"],
            Some("leewardpro"),
        );
        assert_eq!(names[0].value, "LeewardPro");
        assert_eq!(names[0].tier, TitleTier::DomainExact);
    }

    #[test]
    fn the_domain_span_is_cut_from_its_segment_with_the_words_a_name_goes_on_with() {
        let span = |s: &str, l: &str| domain_span(s, l).map(|(v, _)| v);
        assert_eq!(
            span("Contact Balise Collision Repair", "balisecollision").as_deref(),
            Some("Balise Collision Repair")
        );
        assert_eq!(
            span(
                "Factory Contacts For Advantage Engineering, Inc.",
                "advantageengineering"
            )
            .as_deref(),
            Some("Advantage Engineering, Inc.")
        );
        assert_eq!(
            span("Mister Plumber in Toronto", "misterplumber").as_deref(),
            Some("Mister Plumber")
        );
        assert_eq!(
            span("Ace Braces O'Regan Orthodontics", "acebraces").as_deref(),
            Some("Ace Braces")
        );
        assert_eq!(
            span("ToledoCars.com -- Price Quotes", "toledocars").as_deref(),
            Some("ToledoCars.com")
        );
        assert_eq!(
            domain_span("Abacus Solutions", "abacusllc"),
            Some(("Abacus Solutions".to_owned(), true))
        );
        assert_eq!(
            domain_span("Naples Dermatology", "naples-dermatology-clinic-fl").map(|(_, e)| e),
            Some(false)
        );
        assert_eq!(span("Teeth Whitening", "brightsmile"), None);
    }

    #[test]
    fn copyright_holders_keep_initials_and_stop_before_addresses() {
        assert_eq!(
            copyright_holder("© 2024 Autoservice H. Petrov. Alle Rechte vorbehalten.").as_deref(),
            Some("Autoservice H. Petrov")
        );
        assert_eq!(
            copyright_holder("© Oakridge Plumbing Ltd, 12 Kirkstall Road, Leeds").as_deref(),
            Some("Oakridge Plumbing Ltd")
        );
        assert_eq!(
            copyright_holder("© 2023 Zahnarztpraxis Dr. Weber · Schweizer Straße 12").as_deref(),
            Some("Zahnarztpraxis Dr. Weber")
        );
        assert_eq!(
            copyright_holder("© 2024 Boulangerie Dupont – Tous droits réservés").as_deref(),
            Some("Boulangerie Dupont")
        );
    }

    #[test]
    fn copyright_lines_name_their_holder() {
        assert_eq!(
            copyright_holder("© 2024 Acme Corp. All rights reserved.").as_deref(),
            Some("Acme Corp")
        );
        assert_eq!(
            copyright_holder("Copyright © 2010–2024 by Smith & Sons, Inc. | Privacy").as_deref(),
            Some("Smith & Sons, Inc")
        );
        assert_eq!(
            copyright_holder("Copyright 2012 The Babcock Law Firm, LLC").as_deref(),
            Some("The Babcock Law Firm, LLC")
        );
        assert_eq!(
            copyright_holder("(c) Bluebird Cafe 2019").as_deref(),
            Some("Bluebird Cafe")
        );
        assert_eq!(copyright_holder("© 2024 | Website by Studio X"), None);
        assert_eq!(copyright_holder("All rights reserved"), None);
        assert_eq!(
            copyright_holder("Web site and all contents © 2001-2011 R.S. Pressman & Associates Inc. All rights reserved.").as_deref(),
            Some("R.S. Pressman & Associates Inc")
        );
        assert_eq!(copyright_holder("Map data ©2024 Google, INEGI"), None);
    }

    #[test]
    fn the_segment_most_titles_share_is_the_brand() {
        let titles = [
            "Dental Implants – Bright Smile Studio",
            "Contact – Bright Smile Studio",
            "Teeth Whitening – Bright Smile Studio",
        ];
        let names = names_from_titles(&titles, Some("brightsmiledds"));
        assert_eq!(names[0].value, "Bright Smile Studio");
        assert_eq!(names[0].titles, vec![0, 1, 2]);
        // A single title's page name is not promoted.
        assert!(names.iter().all(|n| n.value != "Dental Implants"));
        // Equal counts: the segment that closes the titles, and a legal form, win.
        let titles = ["Contact Us | Denver CO Lawyer | The Paul Wilkinson Law Firm LLC"; 2];
        assert_eq!(
            names_from_titles(&titles, Some("callpaul"))[0].value,
            "The Paul Wilkinson Law Firm LLC"
        );
    }

    #[test]
    fn generic_segments_and_junk_are_not_names() {
        assert_eq!(acceptable_name("Home"), None);
        assert_eq!(acceptable_name("  Contact Us "), None);
        assert_eq!(acceptable_name("12345"), None);
        assert_eq!(acceptable_name(&"x".repeat(200)), None);
        assert_eq!(
            acceptable_name(" | Acme Corp | ").as_deref(),
            Some("Acme Corp")
        );
        assert_eq!(
            title_segments("Welcome to Joe's Diner"),
            vec!["Joe's Diner"]
        );
    }

    #[test]
    fn domains_are_public_suffix_aware() {
        assert_eq!(
            registrable_label("www.smiths-plumbing.co.uk").as_deref(),
            Some("smiths-plumbing")
        );
        assert_eq!(humanise_label("acme-corp"), "Acme Corp");
        assert_eq!(registrable_label("127.0.0.1"), None);
        assert!(matches_domain("Smith's Plumbing", "smiths-plumbing"));
        assert!(!matches_domain("Dental Implants", "brightsmiledds"));
    }
}
