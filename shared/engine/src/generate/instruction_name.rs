//! The business's name, and the agent's persona name, from written instructions — the ways
//! people write them in the seven languages: "We are Bright Smile Dental", "X is a family
//! dentist", "This is X", "I own X", "Our company, X, …", "Name: X", "Business name - X", "My
//! salon is X", "Voice agent for the X team", "…called X", quoted names, "for X", "at X";
//! "Wir sind X", "Nous sommes X", "Somos X", "Wij zijn X", "Siamo X", and their kin.
//!
//! Every cue proposes a candidate with a strength; the strongest wins, the earliest among
//! equals. A candidate is the run of name words after (or before) its cue: capitalised words,
//! numbers, initials and abbreviations (`H.`, `Dr.`, `St.` never end a name), and the small words
//! names contain (`&`, `of`, `de`, `van`, `'s`).

use std::sync::LazyLock;

use regex::Regex;

/// What the instructions call the business and the agent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InstructionNames {
    pub business: Option<String>,
    /// A persona the instructions give the agent ("an agent named Ava").
    pub persona: Option<String>,
}

/// Longest name kept, in words.
const MAX_NAME_WORDS: usize = 8;
/// Instructions read, in bytes: names are given early.
const MAX_READ_BYTES: usize = 8 * 1024;

/// Reads both names.
pub fn names_from_instructions(text: &str) -> InstructionNames {
    let mut end = text.len().min(MAX_READ_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let text = &text[..end];
    let persona = persona(text);
    let mut best: Option<(u8, usize, String)> = None;
    let mut offer = |strength: u8, at: usize, name: Option<String>| {
        let Some(name) = name.filter(|n| plausible(n)) else {
            return;
        };
        if persona.as_deref() == Some(name.as_str()) {
            return;
        }
        let better = match &best {
            None => true,
            Some((s, a, _)) => strength > *s || (strength == *s && at < *a),
        };
        if better {
            best = Some((strength, at, name));
        }
    };
    for (pattern, strength) in CUES.iter() {
        for caps in pattern.captures_iter(text).take(20) {
            let Some(m) = caps.name("after") else {
                continue;
            };
            // A quoted name right after the cue is taken whole.
            let name = quoted_at(text, m.end()).or_else(|| name_after(&text[m.end()..]));
            offer(*strength, m.start(), name);
        }
    }
    for (pattern, strength) in CUES_BEFORE.iter() {
        for caps in pattern.captures_iter(text).take(20) {
            let Some(m) = caps.name("before") else {
                continue;
            };
            offer(*strength, m.start(), name_before(&text[..m.start()]));
        }
    }
    // A quoted name anywhere is the weakest cue: quotes also hold phrases to say.
    for m in QUOTED.captures_iter(text).take(20) {
        if let Some(inner) = m.get(1) {
            offer(2, inner.start(), clean_quoted(inner.as_str()));
        }
    }
    InstructionNames {
        business: best.map(|(_, _, name)| name),
        persona,
    }
}

/// The business name alone.
pub fn business_from_instructions(text: &str) -> Option<String> {
    names_from_instructions(text).business
}

/// Cues followed by the name, with their strength.
static CUES: LazyLock<Vec<(Regex, u8)>> = LazyLock::new(|| {
    let cue = |pattern: &str, strength: u8| {
        (
            Regex::new(&format!(r"(?i)(?:{pattern})(?P<after>\s*[:\-–—=]?\s*)")).expect("name cue"),
            strength,
        )
    };
    vec![
        // "Name: X", "Business name - X", "Firma: X", "Nom de l'entreprise : X".
        cue(
            r"(?m)^\s*[-*•]?\s*(?:(?:the\s+)?(?:business|company|shop|store|practice|clinic|salon|firm|brand|restaurant|organi[sz]ation)(?:'s)?\s+name|business|company|name|brand|firmenname|firma|unternehmen|name des unternehmens|nom(?: de l'entreprise| de la société| commercial)?|entreprise|société|nombre(?: de la empresa| del negocio)?|empresa|negocio|bedrijfsnaam|bedrijf|naam|nome(?: dell'azienda| da empresa)?|azienda|ragione sociale)\s*[:\-–—=]",
            10,
        ),
        // "…called X", "…named X" (not the agent's persona: see `persona`).
        cue(
            r"\b(?:called|named|known as|trading as|heißt|namens|genannt|s'appelle|appelée?|nommée?|se llama|llamad[oa]|denominad[oa]|heet|genaamd|si chiama|chiamat[oa]|se chama|chamad[oa])\b",
            9,
        ),
        // "We are X", "We're X", "This is X", "I own X", "I run X", "Our company, X,".
        cue(
            r"(?:^|[.!?\n]\s*|\b(?:hi|hello|hey),?\s+)(?:we are|we're|this is|here at|i own|i run|i manage|we own|we run|we manage|i am the owner of|i'm the owner of|i own and run|our (?:company|business|practice|clinic|salon|shop|firm|restaurant|studio|agency),|my (?:company|business|practice|clinic|salon|shop|firm|restaurant|studio|agency|store|bakery|garage) is(?: called)?|our (?:company|business|practice|clinic|salon|shop|firm|restaurant|studio|agency|store|bakery|garage) is(?: called)?)\b",
            8,
        ),
        // German, French, Spanish, Dutch, Italian, Portuguese kin.
        cue(
            r"(?:^|[.!?\n]\s*)(?:wir sind|das ist|hier ist|ich betreibe|ich führe|mein(?:e)? (?:firma|praxis|salon|laden|geschäft|restaurant|bäckerei|werkstatt|kanzlei|studio) (?:ist|heißt)|unser(?:e)? (?:firma|praxis|salon|laden|geschäft|restaurant|bäckerei|werkstatt|kanzlei|studio) (?:ist|heißt)|nous sommes|c'est|ici|je dirige|je gère|mon (?:entreprise|salon|cabinet|restaurant|magasin|garage|studio) (?:est|s'appelle)|notre (?:entreprise|société|salon|cabinet|restaurant|boulangerie|agence) (?:est|s'appelle)|somos|esto es|aquí|soy (?:el )?dueñ[oa] de|dirijo|mi (?:empresa|negocio|salón|clínica|restaurante|tienda|panadería|taller) (?:es|se llama)|nuestra? (?:empresa|clínica|tienda|panadería) (?:es|se llama)|wij zijn|we zijn|dit is|ik heb|ik run|mijn (?:bedrijf|salon|praktijk|zaak|winkel|bakkerij|restaurant) (?:is|heet)|ons (?:bedrijf|restaurant) (?:is|heet)|onze (?:praktijk|zaak|winkel|bakkerij|salon) (?:is|heet)|siamo|questo è|qui|gestisco|il mio (?:salone|studio|negozio|ristorante|panificio) (?:è|si chiama)|la mia (?:azienda|clinica|pizzeria|panetteria) (?:è|si chiama)|este é|esta é|aqui é|sou (?:o )?dono d[aeo]|minha (?:empresa|clínica|loja|padaria) (?:é|se chama)|meu (?:salão|restaurante|negócio) (?:é|se chama))\b",
            8,
        ),
        // "…for our restaurant, X", "…our clinic, X, …".
        cue(
            r"\b(?:our|my|unser(?:e|em)?|notre|nuestr[oa]|ons|onze|il nostro|la nostra|nosso|nossa) (?:company|business|practice|clinic|salon|shop|firm|restaurant|studio|agency|store|bakery|garage|firma|praxis|laden|entreprise|cabinet|empresa|clínica|bedrijf|praktijk|zaak|azienda|studio|negozio|loja),",
            8,
        ),
        // "Welcome to X", "on behalf of X", "Willkommen bei X", "Bienvenue chez X".
        cue(
            r"\b(?:welcome (?:callers|customers|people|guests|visitors|everyone|patients|clients) to|welcome to|on behalf of|representing|willkommen bei|im auftrag von|bienvenue chez|bienvenue à|au nom de|bienvenid[oa]s? a|en nombre de|welkom bij|namens|benvenut[oi] (?:da|a|presso)|per conto di|bem-vind[oa]s? (?:à|ao|a)|em nome d[aeo])\b",
            7,
        ),
        // "…for X", "…at X", "für X", "pour X", "para X", "voor X", "per X", "bei X", "chez X".
        cue(
            r"\b(?:for|für|pour|para|voor|per)(?:\s+(?:the|die|das|den|la|le|les|el|los|de|het|il|lo|a|o))?\b",
            4,
        ),
        cue(r"\b(?:at|bei|chez|en|bij|presso|na|no)\b", 3),
    ]
});

/// Cues that follow the name: "X is a family dentist", "the X team", "X ist eine Praxis".
static CUES_BEFORE: LazyLock<Vec<(Regex, u8)>> = LazyLock::new(|| {
    let cue = |pattern: &str, strength: u8| {
        (
            Regex::new(&format!(r"(?i)(?P<before>{pattern})")).expect("name cue"),
            strength,
        )
    };
    vec![
        cue(
            r"\s+(?:is|are)\s+(?:a|an|the|our|my)\s|\s+ist\s+(?:ein|eine|unser|unsere|die|der|das)\s|\s+est\s+(?:un|une|le|la|notre)\s|\s+es\s+(?:un|una|el|la|nuestr[oa])\s|\s+is\s+(?:een|de|het|ons|onze)\s|\s+è\s+(?:un|una|il|la|lo|il nostro|la nostra)\s|\s+é\s+(?:um|uma|o|a|nossa?|nosso)\s",
            7,
        ),
        cue(r"[\s-]+(?:team|-team|team's)\b", 6),
    ]
});

/// Quoted names: “Bright Smile”, "Sunrise Bakery", «Chez Paul», „Müller & Söhne“.
static QUOTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"["“”«„‚‘]\s*([^"“”«»„‚‘’\n]{2,60}?)\s*["“”»’]"#).expect("quoted name")
});

/// The persona the agent is given: "an agent named Ava", "your name is Max", "call yourself
/// Sophie", "Du heißt Anna", "Tu t'appelles Léa", "Te llamas Lucía", "Je heet Eva", "Ti chiami
/// Giulia", "Você se chama Ana".
static PERSONA: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:(?:agent|assistant|receptionist|bot|persona|voice|ai|host|concierge|assistent(?:in)?|empfangskraft|agente|asistente|recepcionista|assistente|receptionniste|réceptionniste|assistant(?:e)?)\s+(?:named|called|namens|genannt|nommée?|appelée?|llamad[oa]|chiamat[oa]|chamad[oa]|genaamd)|your name is|you are called|call yourself|introduce yourself as|du heißt|ihr name ist|dein name ist|tu t'appelles|vous vous appelez|ton nom est|votre nom est|te llamas|tu nombre es|je heet|jouw naam is|uw naam is|ti chiami|il tuo nome è|você se chama|seu nome é|o teu nome é)\s+(?P<name>\p{Lu}[\p{L}'’-]{1,20})",
    )
    .expect("persona pattern")
});

fn persona(text: &str) -> Option<String> {
    PERSONA
        .captures(text)
        .and_then(|c| c.name("name"))
        .map(|m| m.as_str().trim_end_matches(['\'', '’']).to_owned())
        .filter(|n| !STOP_WORDS.contains(&n.to_lowercase().as_str()))
}

/// Small words a name may contain between its capitalised words.
const CONNECTORS: &[&str] = &[
    "&", "and", "of", "the", "de", "del", "della", "di", "da", "do", "dos", "das", "du", "des",
    "la", "le", "les", "van", "der", "den", "von", "und", "et", "y", "e", "zum", "zur", "'s", "+",
    "n'", "'n'",
];

/// Lower-case articles a cue may end with.
const ARTICLES: &[&str] = &[
    "the", "a", "an", "die", "der", "das", "den", "ein", "eine", "la", "le", "les", "l'", "un",
    "une", "el", "los", "las", "una", "de", "het", "een", "il", "lo", "o", "um", "uma",
];

/// Words that start a clause, never a name; and names that are not a business.
const STOP_WORDS: &[&str] = &[
    "i",
    "we",
    "our",
    "my",
    "you",
    "your",
    "the",
    "a",
    "an",
    "it",
    "they",
    "he",
    "she",
    "this",
    "that",
    "please",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "english",
    "spanish",
    "french",
    "german",
    "dutch",
    "italian",
    "portuguese",
    "ai",
    "us",
    "them",
    "me",
    "all",
    "any",
    "every",
    "each",
    "new",
    "more",
    "calls",
    "callers",
    "customers",
    "clients",
    "patients",
    "people",
    "appointments",
    "bookings",
    "questions",
    "support",
    "sales",
    "voice",
    "agent",
    "assistant",
    "receptionist",
    "phone",
    "hours",
    "business",
    "company",
    "today",
    "tomorrow",
    "now",
    "here",
    "there",
    "wir",
    "ich",
    "sie",
    "du",
    "nous",
    "je",
    "vous",
    "nosotros",
    "yo",
    "wij",
    "ik",
    "noi",
    "io",
    "nós",
    "eu",
    "und",
    "et",
    "y",
    "en",
    "die",
    "der",
    "das",
    "le",
    "la",
    "el",
    "het",
    "il",
    "lo",
    "o",
    "de",
];

/// The run of name words at the start of `rest`.
fn name_after(rest: &str) -> Option<String> {
    let rest = rest.trim_start();
    // Names do not run across lines.
    let rest = rest.split('\n').next().unwrap_or_default();
    let mut words: Vec<&str> = Vec::new();
    let mut tokens = rest.split_whitespace().peekable();
    // An article after the cue ("Wir sind die Praxis X", "Siamo la Pizzeria X") is the cue's.
    while tokens.peek().is_some_and(|w| ARTICLES.contains(w)) {
        tokens.next();
    }
    for raw in tokens {
        if words.len() >= MAX_NAME_WORDS {
            break;
        }
        let (word, ends) = split_end(raw);
        if word.is_empty() {
            break;
        }
        let lower = word.to_lowercase();
        let capital = word
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        let connector = CONNECTORS.contains(&lower.as_str());
        if !(capital || (connector && !words.is_empty())) {
            // "The" may open a name: "The Smile Studio".
            break;
        }
        words.push(word);
        if ends {
            break;
        }
    }
    while words
        .last()
        .is_some_and(|w| CONNECTORS.contains(&w.to_lowercase().as_str()))
    {
        words.pop();
    }
    // "the X" at the start belongs to the cue unless the name is written with it.
    if words
        .first()
        .is_some_and(|w| *w == "the" || *w == "die" || *w == "het")
    {
        words.remove(0);
    }
    let name = words.join(" ");
    (!name.is_empty()).then_some(name)
}

/// The run of name words that ends `before` (for "X is a…", "the X team").
fn name_before(before: &str) -> Option<String> {
    // Within the current sentence or line.
    let start = before
        .rfind(['\n', '!', '?', ';', ':', '(', ','])
        .map_or(0, |i| i + 1);
    let sentence_start = sentence_start(&before[start..]) + start;
    let span = &before[sentence_start..];
    let words: Vec<&str> = span.split_whitespace().collect();
    let mut taken: Vec<&str> = Vec::new();
    for word in words.iter().rev() {
        if taken.len() >= MAX_NAME_WORDS {
            break;
        }
        let lower = word.to_lowercase();
        let capital = word
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        let connector = CONNECTORS.contains(&lower.as_str()) && !taken.is_empty();
        if !(capital || connector) {
            break;
        }
        taken.push(word);
    }
    taken.reverse();
    while taken
        .first()
        .is_some_and(|w| CONNECTORS.contains(&w.to_lowercase().as_str()))
    {
        taken.remove(0);
    }
    let name = taken
        .join(" ")
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '&' && c != '\'' && c != '.')
        .to_owned();
    (!name.is_empty()).then_some(name)
}

/// Where the last sentence of `text` starts: after a period that ends a sentence (not an
/// initial or an abbreviation).
fn sentence_start(text: &str) -> usize {
    let mut start = 0;
    for (i, _) in text.match_indices(". ") {
        let word = text[..i]
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or_default();
        if !abbreviation(word) {
            start = i + 2;
        }
    }
    start
}

/// `H`, `Dr`, `St`, `Co`, `Ltd`, `Inc`, `Mr`: a period after these does not end a name.
fn abbreviation(word: &str) -> bool {
    let w = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    let letters = w.chars().count();
    letters == 1 && w.chars().all(char::is_uppercase)
        || matches!(
            w.to_lowercase().as_str(),
            "dr" | "st"
                | "mr"
                | "mrs"
                | "ms"
                | "co"
                | "inc"
                | "ltd"
                | "jr"
                | "sr"
                | "bros"
                | "mt"
                | "ste"
                | "hr"
                | "fr"
                | "sra"
                | "sr.ª"
                | "dott"
                | "prof"
                | "ing"
                | "mag"
        )
}

/// The word without trailing punctuation, and whether that punctuation ends the name. A period
/// after an initial or a title (`H.`, `Dr.`, `St.`) is kept and the name goes on; after a
/// company suffix (`Ltd.`, `Co.`) it is kept and the name ends.
fn split_end(raw: &str) -> (&str, bool) {
    let body = raw.trim_start_matches(['(', '"', '“', '«', '„']);
    let word = body.trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '"', '”', '»', '’']);
    if word.len() == body.len() {
        return (word, false);
    }
    let tail = &body[word.len()..];
    if tail.starts_with('.') && !tail.starts_with("..") {
        let with_period = &body[..word.len() + 1];
        if company_suffix(word) {
            return (with_period, true);
        }
        if tail == "." && abbreviation(word) {
            return (with_period, false);
        }
    }
    (word, true)
}

fn company_suffix(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "ltd"
            | "inc"
            | "co"
            | "corp"
            | "llc"
            | "llp"
            | "plc"
            | "gmbh"
            | "ag"
            | "bv"
            | "b.v"
            | "nv"
            | "sa"
            | "sl"
            | "s.l"
            | "srl"
            | "spa"
            | "s.p.a"
            | "sas"
            | "sarl"
            | "kg"
            | "ug"
            | "lda"
            | "pty"
            | "e.k"
            | "e.v"
    )
}

/// A quoted name starting right after `at` (allowing spaces).
fn quoted_at(text: &str, at: usize) -> Option<String> {
    let rest = text[at..].trim_start();
    let m = QUOTED.captures(rest)?;
    if m.get(0)?.start() != 0 {
        return None;
    }
    clean_quoted(m.get(1)?.as_str())
}

fn clean_quoted(inner: &str) -> Option<String> {
    let inner = inner.trim();
    let words = inner.split_whitespace().count();
    // A name's words are capitalised or small connectors; a quoted phrase ("Thank you for
    // calling") or sentence is not a name.
    let name_like = inner.split_whitespace().all(|w| {
        w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || c == '&')
            || CONNECTORS.contains(&w.to_lowercase().as_str())
    });
    (name_like && (1..=MAX_NAME_WORDS).contains(&words) && !inner.ends_with(['.', '!', '?']))
        .then(|| inner.to_owned())
}

fn plausible(name: &str) -> bool {
    // A name starts with a capital letter, or with digits that carry one ("3M", "7-Eleven");
    // "6am" and "24/7" are not names.
    let starts_well = name.chars().next().is_some_and(char::is_uppercase)
        || (name.starts_with(|c: char| c.is_ascii_digit()) && name.chars().any(char::is_uppercase));
    if !starts_well {
        return false;
    }
    let lower = name.to_lowercase();
    let first = lower.split_whitespace().next().unwrap_or_default();
    name.chars().any(char::is_alphabetic)
        && name.chars().count() >= 2
        && !(name.split_whitespace().count() == 1 && STOP_WORDS.contains(&first))
        && !STOP_WORDS.contains(&lower.as_str())
        && !matches!(
            first,
            "i" | "we" | "our" | "my" | "you" | "your" | "please" | "it"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Instruction phrasings, written the ways people write them, with the name each gives
    /// (`None`: no business name is there to find). The figure goes to the README.
    pub(crate) const PHRASINGS: &[(&str, Option<&str>)] = &[
        (
            "We are Bright Smile Dental, a family dentist in Austin. Book cleanings.",
            Some("Bright Smile Dental"),
        ),
        (
            "We are Sunrise Bakery and we open at 6am.",
            Some("Sunrise Bakery"),
        ),
        (
            "Oakridge Plumbing is a family-run plumber in Leeds. Take call-outs.",
            Some("Oakridge Plumbing"),
        ),
        (
            "This is Harbor View Realty. Answer questions about listings.",
            Some("Harbor View Realty"),
        ),
        (
            "I own Pawsome Grooming and need an agent to book appointments.",
            Some("Pawsome Grooming"),
        ),
        (
            "Our company, Northwind Logistics, ships across Europe.",
            Some("Northwind Logistics"),
        ),
        (
            "Name: Lakeside Physio\nBook sessions and answer pricing questions.",
            Some("Lakeside Physio"),
        ),
        (
            "Business name - Copper Kettle Cafe\nTake reservations.",
            Some("Copper Kettle Cafe"),
        ),
        (
            "My salon is Glow Hair Studio. Please book haircuts and colour.",
            Some("Glow Hair Studio"),
        ),
        (
            "Voice agent for the Greenleaf Landscaping team. Qualify leads.",
            Some("Greenleaf Landscaping"),
        ),
        (
            "Create a receptionist for Acme Dental. Focus on cleanings.",
            Some("Acme Dental"),
        ),
        (
            "Answer calls at Riverside Veterinary Clinic and triage emergencies.",
            Some("Riverside Veterinary Clinic"),
        ),
        (
            "We're a bakery called Rosie's Bakery, open daily.",
            Some("Rosie's Bakery"),
        ),
        (
            "Build an agent named Ava for Crescent City Realty.",
            Some("Crescent City Realty"),
        ),
        (
            "Company: Blue Ocean Travel Ltd.\nHandle booking changes.",
            Some("Blue Ocean Travel Ltd."),
        ),
        (
            "The business is called \"Maple & Oak Interiors\". Be friendly.",
            Some("Maple & Oak Interiors"),
        ),
        (
            "Answer the phone for “The Smile Studio” and book check-ups.",
            Some("The Smile Studio"),
        ),
        (
            "Hi, this is Dr. Patel's Family Practice, please help patients book.",
            Some("Dr. Patel's Family Practice"),
        ),
        (
            "Autoservice H. Petrov is a garage in Sofia. Book MOTs.",
            Some("Autoservice H. Petrov"),
        ),
        (
            "We run St. Mary's Guest House in Galway.",
            Some("St. Mary's Guest House"),
        ),
        (
            "Welcome callers to Bayside Yoga and explain class passes.",
            Some("Bayside Yoga"),
        ),
        (
            "I run Kiwi Electrical. Customers call about rewiring.",
            Some("Kiwi Electrical"),
        ),
        (
            "Business: Summit Roofing Co.\nGoals: schedule inspections.",
            Some("Summit Roofing Co."),
        ),
        (
            "On behalf of Lumen Law LLP, take enquiries from new clients.",
            Some("Lumen Law LLP"),
        ),
        (
            "Please handle bookings for our restaurant, Casa Lola.",
            Some("Casa Lola"),
        ),
        (
            "Our clinic is Westside Chiropractic and we treat back pain.",
            Some("Westside Chiropractic"),
        ),
        (
            "Handle support calls for the Pixel Forge team.",
            Some("Pixel Forge"),
        ),
        (
            "Wir sind die Zahnarztpraxis Dr. Müller in Berlin. Termine vereinbaren.",
            Some("Zahnarztpraxis Dr. Müller"),
        ),
        (
            "Firma: Schreinerei Holzwerk GmbH\nNimm Anfragen entgegen.",
            Some("Schreinerei Holzwerk GmbH"),
        ),
        (
            "Mein Salon heißt Haarmonie. Bitte Termine buchen.",
            Some("Haarmonie"),
        ),
        (
            "Das ist Bäckerei Sonnenschein, wir backen täglich frisch.",
            Some("Bäckerei Sonnenschein"),
        ),
        (
            "Nous sommes Boulangerie Dupont à Lyon. Prenez les commandes.",
            Some("Boulangerie Dupont"),
        ),
        (
            "Mon salon s'appelle Belle Époque. Réservez les rendez-vous.",
            Some("Belle Époque"),
        ),
        (
            "Un agent vocal pour le Cabinet Martin, avocats à Paris.",
            Some("Cabinet Martin"),
        ),
        (
            "Somos Clínica Dental Sonrisa en Madrid. Agenda citas.",
            Some("Clínica Dental Sonrisa"),
        ),
        (
            "Mi negocio se llama Taller Mecánico Ruiz. Atiende llamadas.",
            Some("Taller Mecánico Ruiz"),
        ),
        (
            "Wij zijn Fietsenmaker De Spaak uit Utrecht. Plan reparaties.",
            Some("Fietsenmaker De Spaak"),
        ),
        (
            "Mijn praktijk heet Fysio Centrum Oost. Maak afspraken.",
            Some("Fysio Centrum Oost"),
        ),
        (
            "Siamo la Pizzeria Da Mario a Napoli. Prendi le prenotazioni.",
            Some("Pizzeria Da Mario"),
        ),
        (
            "Il mio negozio si chiama Fiori di Luce. Rispondi ai clienti.",
            Some("Fiori di Luce"),
        ),
        (
            "Somos a Padaria Pão Quente em Lisboa. Atenda encomendas.",
            Some("Padaria Pão Quente"),
        ),
        (
            "Minha clínica se chama Vida Saudável. Marque consultas.",
            Some("Vida Saudável"),
        ),
        (
            "Your name is Max. You answer calls for Metro Auto Glass.",
            Some("Metro Auto Glass"),
        ),
        (
            "Be friendly and book appointments. Focus on new patients.",
            None,
        ),
        (
            "Answer support calls about our app and escalate billing issues.",
            None,
        ),
        ("Take messages when we are closed on Monday.", None),
    ];

    #[test]
    fn instruction_phrasings_give_the_business_name() {
        let mut right = 0;
        let mut wrong = Vec::new();
        for (text, expected) in PHRASINGS {
            let got = business_from_instructions(text);
            if got.as_deref() == *expected {
                right += 1;
            } else {
                wrong.push((text, expected, got));
            }
        }
        let share = right as f64 / PHRASINGS.len() as f64;
        println!(
            "instruction names: {right}/{} right ({share:.3}); wrong: {wrong:#?}",
            PHRASINGS.len()
        );
        assert!(PHRASINGS.len() >= 40);
        assert!(share >= 0.95, "{share:.3}: {wrong:#?}");
    }

    #[test]
    fn a_persona_is_the_agents_and_the_business_keeps_its_name() {
        let names = names_from_instructions("Build an agent named Ava for Crescent City Realty.");
        assert_eq!(names.persona.as_deref(), Some("Ava"));
        assert_eq!(names.business.as_deref(), Some("Crescent City Realty"));
        let names =
            names_from_instructions("Du heißt Anna und nimmst Anrufe für Autohaus Kraft an.");
        assert_eq!(names.persona.as_deref(), Some("Anna"));
        assert_eq!(names.business.as_deref(), Some("Autohaus Kraft"));
    }

    #[test]
    fn a_name_in_the_instructions_ends_with_its_sentence() {
        assert_eq!(
            business_from_instructions("Answer calls for Bright Smile Dental. Focus on cleanings.")
                .as_deref(),
            Some("Bright Smile Dental")
        );
        assert_eq!(
            business_from_instructions("We are a bakery called Rosie's Bakery, open daily")
                .as_deref(),
            Some("Rosie's Bakery")
        );
        assert_eq!(
            business_from_instructions("Focus on support for our app."),
            None
        );
    }

    #[test]
    fn hostile_instructions_are_bounded() {
        let long = "We are ".repeat(100_000);
        assert_eq!(business_from_instructions(&long), None);
        let caps = "Aaa ".repeat(100_000);
        let _ = business_from_instructions(&format!("We are {caps}"));
    }
}
