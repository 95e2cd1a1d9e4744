//! Whose contact a number or address is. Pages give other organisations' contacts too: the
//! data-protection authority on a privacy page, the chamber or supervisory authority in an
//! imprint, an emergency or on-call service, the web designer or host in a footer credit. Such a
//! contact is introduced as theirs ("Aufsichtsbehörde:", "Website by", "hébergé par",
//! "emergency services"), a few lines before it or on its own line; the business's own block
//! comes before those (an imprint names the business first).

use std::sync::LazyLock;

use regex::Regex;

/// How far back an introduction reaches: its own line and the two before, within this many bytes.
const LOOKBACK_LINES: usize = 3;
const LOOKBACK_BYTES: usize = 240;

/// Introductions of another organisation, in the seven languages.
static OTHER_ORGANISATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?:",
        // Regulators, supervisory authorities, chambers, dispute resolution.
        r"\bdata protection (?:authority|commission(?:er)?|supervisor|regulator|board)|\bsupervisory authority|\binformation commissioner|\bICO\b|\bregulat(?:or|ory (?:authority|body))\b|\bregulated by\b|\bombudsman\b|\btrading standards\b|\bchamber of commerce\b|\bcompetent (?:authority|chamber)\b|\bprofessional body\b|\bdispute resolution\b",
        r"|datenschutzbehörde|aufsichtsbehörde|landesbeauftragte|datenschutzaufsicht|zuständige kammer|(?:ärzte|zahnärzte|handwerks|rechtsanwalts|steuerberater|architekten|apotheker|tierärzte|ingenieur)kammer\b|\bIHK\b|industrie- und handelskammer|streitschlichtung|schlichtungsstelle|berufsrechtliche regelungen",
        r"|\bCNIL\b|autorité de contrôle|autorité de protection|\bordre des\b|chambre de commerce|chambre des métiers|médiateur de la consommation|médiation",
        r"|\bAEPD\b|agencia española de protección de datos|autoridad de control|colegio oficial|cámara de comercio",
        r"|autoriteit persoonsgegevens|toezichthouder|kamer van koophandel|\bKvK\b|geschillencommissie",
        r"|garante per la protezione|garante privacy|autorità di controllo|camera di commercio|ordine dei",
        r"|\bCNPD\b|comissão nacional de proteção de dados|autoridade de controlo|câmara de comércio|ordem dos",
        // Emergency and on-call services.
        r"|\bemergency services\b|\bin (?:an|case of(?: an)?) emergency,? (?:please )?(?:call|dial|contact)\b|\bpoison (?:control|centre|center)\b|\bpolice (?:station|non-emergency)\b|\bcall the police\b|\bambulance service\b|\bfire (?:brigade|department)\b|\bNHS 111\b|\bout[- ]of[- ]hours (?:doctor|gp|service)\b|\bsamaritans\b|\bcrisis line\b",
        r"|\bnotruf\b|giftnotruf|bereitschaftsdienst|ärztlicher notdienst|zahnärztlicher notdienst|\bpolizei\b|\bfeuerwehr\b|\brettungsdienst\b",
        // A bare "Urgences"/"Urgencias"/"Urgência" is usually the business's own emergency line
        // (a vet's, a plumber's): only the public services and "in an emergency, call …" count.
        r"|\bservices? d'urgences?\b|\ben cas d'urgence,? (?:appelez|composez|contactez|faites)\b|\bSAMU\b|\bpompiers\b|centre antipoison|médecin de garde|pharmacie de garde",
        r"|\bservicios? de (?:emergencias?|urgencias?)\b|\ben caso de (?:emergencia|urgencia),? (?:llame|llama|marque|marca|contacte|acuda)\b|\burgencias (?:del hospital|hospitalarias)\b|\bpolicía\b|\bbomberos\b|farmacia de guardia",
        r"|\balarmnummer\b|huisartsenpost|\bpolitie\b|\bbrandweer\b|\bspoedpost\b|\bdienstapotheek\b",
        r"|pronto soccorso|guardia medica|\bcarabinieri\b|\bvigili del fuoco\b|numero di emergenza",
        r"|\bserviços? de (?:emergência|urgência)\b|\bem caso de (?:emergência|urgência),? (?:ligue|contacte|marque)\b|\bbombeiros\b|\bpolícia\b",
        // Web designers, developers and hosts.
        r"|\b(?:web ?site|web|site)\s+(?:design(?:ed)?|built|developed|made|created|hosted|hosting)?\s*(?:and|&)?\s*(?:design(?:ed)?|built|developed|made|created)?\s*by\b|\bdesigned (?:and|&|\+) (?:built|developed|hosted) by\b|\b(?:designed|developed|powered|hosted|built|crafted|made) (?:with .{1,20} )?by\b|\bhosting (?:by|provider)\b|\bhosted at\b",
        r"|\bwebdesign(?: von| durch| by|:)|\b(?:realisierung|umsetzung|gestaltung|programmierung|konzeption)(?: und (?:design|gestaltung|umsetzung))?\s*(?::|von|durch)|\bhosting(?: durch|:)|\bgehostet (?:bei|von)\b|\berstellt (?:von|durch)\b|\bentwickelt von\b",
        r"|\bréalis(?:é|ation)(?: du site)?\s*(?:par|:)|\bconception(?: du site| et réalisation)?\s*(?:par|:)|\bhébergeur\b|\bhébergé par\b|\bhébergement(?: du site)?\s*:|\bcréation (?:du )?site\b|\bdéveloppé par\b",
        r"|\bdiseño web(?: por|:)|\bdiseñad[oa] por\b|\bdesarrollad[oa] por\b|\balojamiento(?: web)?\s*:|\balojad[oa] (?:por|en)\b|\bhosting:",
        r"|\bwebdesign door\b|\bontwerp(?: en realisatie)?(?: door|:)|\bontwikkeld door\b|\bgemaakt door\b|\bwebsite door\b|\bgehost door\b|\bhosting door\b",
        r"|\brealizzat[oa] da\b|\bsviluppat[oa] da\b|\bprogettat[oa] da\b|\bcreato da\b|\bhosting:|\bospitat[oa] da\b",
        r"|\bdesenvolvid[oa] por\b|\bcriad[oa] por\b|\bdesenhad[oa] por\b|\balojamento\s*:|\bhospedagem\s*:|\bhospedad[oa] por\b",
        r")"
    ))
    .expect("other organisation pattern")
});

/// The business's own block starts again: an imprint's "Verantwortlich", "Anbieter", a privacy
/// page's "controller". An introduction before such a line no longer applies.
static OWN_AGAIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:controller|data controller|responsible (?:party|for)|our (?:contact|details|office|address)|contact us|verantwortlich(?:e[rn]?)?|anbieter|diensteanbieter|angaben gemäß|responsable (?:du traitement|de la publication)|éditeur|responsable del tratamiento|titular|verantwoordelijke|titolare|responsável)\b",
    )
    .expect("own block pattern")
});

/// Whether the contact at byte `pos` of `text` is introduced as another organisation's. An
/// introduction that names the site itself ("Web Site Design by Tropical Web Works" on
/// tropicalwebworks.com: the designer's own site) is the business's own.
pub fn other_organisation(text: &str, pos: usize, own_label: Option<&str>) -> bool {
    let mut pos = pos.min(text.len());
    while !text.is_char_boundary(pos) {
        pos -= 1;
    }
    let mut floor = pos.saturating_sub(LOOKBACK_BYTES);
    while !text.is_char_boundary(floor) {
        floor += 1;
    }
    let window = &text[floor..pos];
    let mut lines: Vec<&str> = window.rsplit('\n').take(LOOKBACK_LINES).collect();
    // On the contact's own line only its own sentence counts: "Regulated by the FCA. Tel 0113…"
    // is the business's number.
    if let Some(own) = lines.first_mut() {
        let sentence_end = own
            .match_indices(". ")
            .filter(|(i, _)| !abbreviated(&own[..*i]))
            .map(|(i, _)| i + 2)
            .last();
        let cut = ["\t"]
            .iter()
            .filter_map(|sep| own.rfind(sep).map(|i| i + sep.len()))
            .chain(sentence_end)
            .max();
        if let Some(cut) = cut {
            *own = &own[cut..];
        }
    }
    // Nearest line first: the nearest introduction wins.
    let own = |line: &str| {
        own_label.is_some_and(|label| {
            let label = crate::extract::names::compact(label);
            label.len() >= 4 && crate::extract::names::compact(line).contains(&label)
        })
    };
    for line in lines {
        if OTHER_ORGANISATION.is_match(line) {
            return !own(line);
        }
        if OWN_AGAIN.is_match(line) {
            return false;
        }
    }
    false
}

/// Whether the word ending `before` is an abbreviation ("Tel", "Nr", "Dr", an initial), so the
/// period after it does not end a sentence.
fn abbreviated(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default()
        .to_lowercase();
    word.chars().count() <= 2
        || matches!(
            word.as_str(),
            "tel"
                | "tél"
                | "fax"
                | "mob"
                | "str"
                | "inc"
                | "ltd"
                | "nr"
                | "no"
                | "tlf"
                | "telf"
                | "corp"
                | "bros"
                | "apt"
                | "ste"
                | "ave"
                | "blvd"
                | "rd"
                | "sq"
        )
}

/// An email address at a host credited as designer or host elsewhere is not the business's,
/// nor one on a regulator's or public body's domain.
pub fn foreign_email(address: &str) -> bool {
    let domain = address
        .rsplit('@')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    const PUBLIC_BODIES: &[&str] = &[
        "ico.org.uk",
        "cnil.fr",
        "aepd.es",
        "autoriteitpersoonsgegevens.nl",
        "garanteprivacy.it",
        "cnpd.pt",
        "dataprotection.ie",
        "oaic.gov.au",
        "bfdi.bund.de",
    ];
    PUBLIC_BODIES
        .iter()
        .any(|d| domain == *d || domain.ends_with(&format!(".{d}")))
        || domain.ends_with(".gov.uk")
        || domain.ends_with(".gov.au")
        || domain.ends_with(".gouv.fr")
        || domain.ends_with(".bund.de")
        || domain.ends_with(".europa.eu")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, needle: &str) -> bool {
        other_organisation(text, text.find(needle).unwrap(), Some("acme"))
    }

    #[test]
    fn contacts_introduced_as_another_organisations_are_theirs() {
        for (text, needle) in [
            ("Supervisory authority: Information Commissioner's Office\nTel: 0303 123 1113", "0303"),
            ("Zuständige Aufsichtsbehörde:\nLandesärztekammer Hessen\nIm Vogelsgesang 3\nTel. 069 97672-0", "069"),
            ("Website by Pixel Studio – 0161 496 0000", "0161"),
            ("Site designed and built by Webfolk, hello@webfolk.example", "hello@"),
            ("Hébergeur : OVH SAS, 2 rue Kellermann, 59100 Roubaix – 09 72 10 10 07", "09 72"),
            ("In an emergency, call the out-of-hours service on 0113 496 0000", "0113"),
            ("Giftnotruf Berlin: 030 19240", "030"),
            ("En cas d'urgence, appelez le SAMU au 15 ou le 01 45 67 89 00", "01 45"),
            ("En caso de urgencia, llame al servicio de urgencias: 961 234 567", "961"),
            ("Diseño web: Estudio Sol · 912 345 678", "912"),
            ("Webdesign door Pixel BV, 020 123 4567", "020"),
            ("Webdesign: Pixelwerk GmbH, Tel. 069 9876543", "069"),
            ("Conception du site : Studio Lumière, 04 91 23 45 67", "04 91"),
            ("Data Protection Commission\n21 Fitzwilliam Square South\nTel: 01 765 0199", "01 765"),
        ] {
            assert!(at(text, needle), "{text}");
        }
    }

    #[test]
    fn the_business_own_contacts_stay_its_own() {
        for (text, needle) in [
            ("Call 0113 496 0321 – 24/7 emergency call-outs", "0113"),
            (
                "Impressum\nMüller Zahnarzt GmbH\nHauptstr. 1\nTel. 030 1234567",
                "030",
            ),
            (
                "Hosting: Strato AG\n\nVerantwortlich: Acme GmbH\nTel. 030 1234567",
                "030",
            ),
            ("Our emergency line: 0113 496 0321", "0113"),
            // The business's own emergency lines, and its other numbers on the lines after them.
            ("Urgences 24h/24 et 7j/7 : 06 98 76 54 32", "06 98"),
            (
                "Urgences 24h/24 et 7j/7 : 06 98 76 54 32\nBureau : 04 67 00 11 22",
                "04 67",
            ),
            (
                "Urgencias 24 horas: 626 112 233\nTeléfono de la clínica: 981 22 33 44",
                "981",
            ),
            ("Urgencias: 600 123 456", "600"),
            ("Urgência veterinária 24h: 912 345 678", "912"),
            (
                "Authorised and regulated by the FCA. Tel 0113 496 0321",
                "0113",
            ),
            ("Web design agency in Leeds – call 0113 496 0321", "0113"),
            ("All staff police-checked. Call 0113 496 0321", "0113"),
            (
                "Web Site Design by Acme Web Works\nPhone 0113 496 0321",
                "0113",
            ),
        ] {
            assert!(!at(text, needle), "{text}");
        }
    }

    #[test]
    fn public_bodies_email_domains_are_foreign() {
        assert!(foreign_email("casework@ico.org.uk"));
        assert!(foreign_email("x@cnil.fr"));
        assert!(!foreign_email("info@acme-dental.co.uk"));
    }
}
