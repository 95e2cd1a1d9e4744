//! How likely a URL is to describe the business, from its path alone: the home page, contact,
//! about, services, prices, opening hours… first; blog posts, legal pages and archives last;
//! assets, carts and logins never. Path words are matched whole ("facebook" is not "book"),
//! in every language with a folder under `shared/engine/lang/` (its `[paths]`), with accents
//! folded ("über-uns" → "uber-uns").

use std::sync::LazyLock;

use url::Url;

use super::canonical::{canonicalize, same_site};
use crate::lang;

/// Paths tried when the site's sitemap and links gave few pages.
pub const COMMON_PATHS: &[&str] = &[
    "/about",
    "/about-us",
    "/contact",
    "/contact-us",
    "/services",
    "/products",
    "/pricing",
    "/faq",
    "/locations",
    "/hours",
    "/menu",
    "/team",
    "/book",
    "/appointments",
    "/reservations",
    "/impressum",
];

const HOME: i32 = 1000;
const LANGUAGE_HOME: i32 = 950;
/// A page that matched no word: worth reading after the business pages.
const ORDINARY: i32 = 300;
const BLOG_INDEX: i32 = 150;
const BLOG_POST: i32 = 100;
const LEGAL: i32 = 60;
const DATED: i32 = 50;
const TAXONOMY: i32 = 40;
/// Each path segment below the first (a language prefix does not count).
const DEPTH_PENALTY: i32 = 60;
const QUERY_PENALTY: i32 = 100;
const PAGINATION_PENALTY: i32 = 250;

/// Business pages, best first. A phrase is hyphen-separated words that must appear in that order
/// within one path segment; one-word phrases also match inside longer segments ("our-services").
const CATEGORIES: &[(i32, &[&str])] = &[
    (
        900,
        &[
            "contact",
            "contactus",
            "contacts",
            "get-in-touch",
            "kontakt",
            "contacto",
            "contactenos",
            "contatti",
            "contato",
            "nous-contacter",
            "contactez-nous",
        ],
    ),
    (
        880,
        &[
            "about",
            "aboutus",
            "who-we-are",
            "our-story",
            "company",
            "uber-uns",
            "ueber-uns",
            "a-propos",
            "apropos",
            "qui-sommes-nous",
            "quienes-somos",
            "sobre-nosotros",
            "nosotros",
            "chi-siamo",
            "over-ons",
            "sobre-nos",
            "unternehmen",
        ],
    ),
    (
        800,
        &[
            "services",
            "service",
            "what-we-do",
            "solutions",
            "treatments",
            "products",
            "product",
            "features",
            "leistungen",
            "dienstleistungen",
            "angebot",
            "servicios",
            "productos",
            "prestations",
            "produits",
            "servizi",
            "prodotti",
            "produkte",
        ],
    ),
    (
        760,
        &[
            "pricing", "prices", "price", "plans", "rates", "fees", "tarifs", "tarifas", "preise",
            "precios", "prix", "prezzi",
        ],
    ),
    (
        740,
        &[
            "faq",
            "faqs",
            "frequently-asked-questions",
            "questions",
            "preguntas-frecuentes",
            "haufige-fragen",
        ],
    ),
    (
        720,
        &[
            "locations",
            "location",
            "find-us",
            "directions",
            "hours",
            "opening-hours",
            "offnungszeiten",
            "horaires",
            "horario",
            "horarios",
            "standorte",
            "standort",
            "anfahrt",
            "store-locator",
            "visit",
        ],
    ),
    (
        700,
        &[
            "menu",
            "menus",
            "speisekarte",
            "carta",
            "carte",
            "food",
            "drinks",
        ],
    ),
    (
        680,
        &[
            "team",
            "our-team",
            "staff",
            "people",
            "leadership",
            "doctors",
            "providers",
            "equipo",
            "equipe",
        ],
    ),
    (
        660,
        &[
            "book",
            "booking",
            "book-now",
            "appointments",
            "appointment",
            "schedule",
            "reservations",
            "reservation",
            "reserve",
            "reservar",
            "reserver",
            "reservierung",
            "termin",
            "termine",
        ],
    ),
    (
        550,
        &[
            "reviews",
            "testimonials",
            "bewertungen",
            "opiniones",
            "avis",
        ],
    ),
    (
        500,
        &[
            "impressum",
            "imprint",
            "legal-notice",
            "mentions-legales",
            "aviso-legal",
            "colofon",
        ],
    ),
];

/// The language folders' page kind for each entry of [`CATEGORIES`], in order.
const CATEGORY_KINDS: [&str; 11] = [
    "contact",
    "about",
    "services",
    "prices",
    "faq",
    "hours",
    "menu",
    "team",
    "booking",
    "reviews",
    "legal_notice",
];

/// [`CATEGORIES`] with the path words of every language folder (`/servicios`, `/leistungen`,
/// `/diensten`, `/tarifs`) added to each.
static BUSINESS: LazyLock<Vec<(i32, Vec<String>)>> = LazyLock::new(|| {
    CATEGORIES
        .iter()
        .zip(CATEGORY_KINDS)
        .map(|((rank, phrases), kind)| {
            let mut all: Vec<String> = phrases.iter().map(|p| (*p).to_owned()).collect();
            all.extend(lang::all().iter().flat_map(|l| l.path_words(kind)).cloned());
            all.dedup();
            (*rank, all)
        })
        .collect()
});

static BLOG: LazyLock<Vec<String>> = LazyLock::new(|| with_language_words(BLOG_SECTIONS, "blog"));
static LEGAL_PATHS: LazyLock<Vec<String>> =
    LazyLock::new(|| with_language_words(LEGAL_WORDS, "legal"));

fn with_language_words(base: &[&str], kind: &str) -> Vec<String> {
    let mut all: Vec<String> = base.iter().map(|p| (*p).to_owned()).collect();
    all.extend(lang::all().iter().flat_map(|l| l.path_words(kind)).cloned());
    all
}

/// Sections whose pages are posts: the section itself is a weak page, its children weaker.
const BLOG_SECTIONS: &[&str] = &[
    "blog",
    "blogs",
    "news",
    "press",
    "press-releases",
    "newsroom",
    "articles",
    "article",
    "posts",
    "post",
    "stories",
    "insights",
    "magazine",
    "events",
    "aktuelles",
    "neuigkeiten",
    "noticias",
    "actualites",
    "notizie",
];

const LEGAL_WORDS: &[&str] = &[
    "privacy",
    "privacy-policy",
    "terms",
    "terms-of-service",
    "terms-of-use",
    "terms-and-conditions",
    "tos",
    "cookies",
    "cookie-policy",
    "legal",
    "disclaimer",
    "gdpr",
    "datenschutz",
    "datenschutzerklarung",
    "agb",
    "accessibility",
    "sitemap",
];

const TAXONOMY_SEGMENTS: &[&str] = &[
    "tag",
    "tags",
    "category",
    "categories",
    "author",
    "authors",
    "topic",
    "topics",
    "archive",
    "archives",
    "label",
];

/// Segments (or `my-` forms of them) that mark a page we must not fetch: sessions, carts,
/// admin, feeds and search results change state or multiply without end.
const NEVER_SEGMENTS: &[&str] = &[
    "wp-admin",
    "wp-login",
    "wp-json",
    "wp-content",
    "wp-includes",
    "xmlrpc",
    "cgi-bin",
    "cdn-cgi",
    "admin",
    "cart",
    "basket",
    "checkout",
    "login",
    "log-in",
    "signin",
    "sign-in",
    "logout",
    "log-out",
    "signout",
    "sign-out",
    "signup",
    "sign-up",
    "register",
    "account",
    "lost-password",
    "forgot-password",
    "reset-password",
    "wishlist",
    "feed",
    "feeds",
    "rss",
    "search",
];

/// Query keys that make a URL an action or a search rather than a page.
const NEVER_QUERY_KEYS: &[&str] = &[
    "s",
    "q",
    "query",
    "search",
    "add-to-cart",
    "add_to_cart",
    "replytocom",
    "share",
    "action",
    "feed",
];

const PAGINATION_KEYS: &[&str] = &["page", "p", "pg", "paged", "offset", "start"];

const ASSET_EXTENSIONS: &[&str] = &[
    "pdf", "jpg", "jpeg", "png", "gif", "svg", "webp", "avif", "bmp", "tif", "tiff", "ico", "heic",
    "zip", "gz", "tgz", "tar", "rar", "7z", "mp4", "m4v", "mov", "avi", "webm", "mkv", "mp3",
    "wav", "ogg", "m4a", "flac", "css", "js", "mjs", "map", "xml", "json", "rss", "atom", "txt",
    "csv", "woff", "woff2", "ttf", "otf", "eot", "exe", "dmg", "apk", "msi", "doc", "docx", "xls",
    "xlsx", "ppt", "pptx", "ics", "vcf",
];

/// Higher is better; None means never fetch (other sites; assets: .pdf .jpg .png .gif .svg
/// .webp .zip .mp4 .css .js .xml .json .ico .woff…; wp-admin; cart/checkout/login/account/
/// logout/signup; feeds; search results).
pub fn score(url: &Url, root: &Url) -> Option<i32> {
    let url = canonicalize(url)?;
    if !same_site(&url, root) {
        return None;
    }
    let mut segments: Vec<String> = url
        .path_segments()
        .map(|s| s.filter(|s| !s.is_empty()).map(normalize).collect())
        .unwrap_or_default();
    if let Some(last) = segments.last_mut() {
        match last.rsplit_once('.') {
            Some((_, ext)) if ASSET_EXTENSIONS.contains(&ext) => return None,
            Some((stem, ext)) if is_page_extension(ext) => *last = stem.to_owned(),
            _ => {}
        }
    }
    if segments.iter().any(|s| is_never(s)) {
        return None;
    }
    let query: Vec<(String, String)> = url
        .query_pairs()
        .map(|(k, v)| (k.to_ascii_lowercase(), v.into_owned()))
        .collect();
    if query
        .iter()
        .any(|(k, _)| NEVER_QUERY_KEYS.contains(&k.as_str()))
    {
        return None;
    }
    if segments.last().is_some_and(|s| s == "index" || s == "home") {
        segments.pop();
    }
    // A language prefix ("/en/", "/de-at/") is not depth; alone it is that language's home.
    let language_home = segments.len() == 1 && is_language(&segments[0]);
    if segments.len() > 1 && is_language(&segments[0]) {
        segments.remove(0);
    }

    let paginated = is_paginated(&segments, &query);
    let mut rank = if segments.is_empty() {
        HOME
    } else if language_home {
        LANGUAGE_HOME
    } else {
        path_rank(&segments)
    };
    if !query.is_empty() {
        rank -= QUERY_PENALTY;
    }
    if paginated {
        rank -= PAGINATION_PENALTY;
    }
    Some(rank)
}

fn path_rank(segments: &[String]) -> i32 {
    let depth = i32::try_from(segments.len()).unwrap_or(i32::MAX);
    let depth_penalty = DEPTH_PENALTY.saturating_mul(depth - 1);
    if is_dated(segments) {
        return DATED - depth;
    }
    if let Some(at) = segments.iter().position(|s| matches_any(s, &BLOG)) {
        return if at + 1 == segments.len() {
            BLOG_INDEX - depth
        } else {
            BLOG_POST - depth
        };
    }
    if segments
        .iter()
        .any(|s| TAXONOMY_SEGMENTS.contains(&s.as_str()))
    {
        return TAXONOMY - depth;
    }
    let business = segments
        .iter()
        .filter_map(|s| {
            BUSINESS
                .iter()
                .find(|(_, phrases)| matches_any(s, phrases))
                .map(|(rank, _)| *rank)
        })
        .max();
    if let Some(rank) = business {
        return rank - depth_penalty;
    }
    if segments.iter().any(|s| matches_any(s, &LEGAL_PATHS)) {
        return LEGAL - depth;
    }
    ORDINARY - depth_penalty
}

/// Lower-cased, percent-decoded, accents folded.
fn normalize(segment: &str) -> String {
    percent_decode(segment)
        .chars()
        .flat_map(char::to_lowercase)
        .map(fold_accent)
        .collect()
}

fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ý' | 'ÿ' => 'y',
        'ß' => 's',
        other => other,
    }
}

/// The words of a segment: split on `-`, `_`, `.`, `+`, spaces and commas.
fn words(segment: &str) -> Vec<&str> {
    segment
        .split(['-', '_', '.', '+', ' ', ','])
        .filter(|w| !w.is_empty())
        .collect()
}

fn matches_any<P: AsRef<str>>(segment: &str, phrases: &[P]) -> bool {
    let words = words(segment);
    phrases.iter().any(|phrase| {
        let wanted: Vec<&str> = phrase.as_ref().split('-').collect();
        words.windows(wanted.len()).any(|w| w == wanted.as_slice())
    })
}

fn is_never(segment: &str) -> bool {
    let stem = segment.strip_prefix("my-").unwrap_or(segment);
    let stem = stem.strip_suffix(".php").unwrap_or(stem);
    NEVER_SEGMENTS.contains(&stem)
}

fn is_page_extension(ext: &str) -> bool {
    matches!(
        ext,
        "html" | "htm" | "php" | "asp" | "aspx" | "jsp" | "cfm" | "shtml" | "xhtml"
    )
}

/// "en", "de", "pt-br", "zh-hans", "en_gb".
fn is_language(segment: &str) -> bool {
    let mut parts = segment.split(['-', '_']);
    let lang = parts.next().unwrap_or_default();
    let region = parts.next();
    parts.next().is_none()
        && lang.len() == 2
        && lang.bytes().all(|b| b.is_ascii_lowercase())
        && region.is_none_or(|r| {
            (2..=4).contains(&r.len()) && r.bytes().all(|b| b.is_ascii_alphabetic())
        })
}

/// `/2021/05/…`: a dated archive or a post inside one.
fn is_dated(segments: &[String]) -> bool {
    segments.windows(2).any(|w| {
        let year = w[0].len() == 4
            && w[0].bytes().all(|b| b.is_ascii_digit())
            && (w[0].starts_with("19") || w[0].starts_with("20"));
        let month = (1..=2).contains(&w[1].len()) && w[1].bytes().all(|b| b.is_ascii_digit());
        year && month
    })
}

/// `/page/2`, `?page=2`, `?p=3`.
fn is_paginated(segments: &[String], query: &[(String, String)]) -> bool {
    let numeric = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    segments
        .windows(2)
        .any(|w| (w[0] == "page" || w[0] == "seite" || w[0] == "pagina") && numeric(&w[1]))
        || query
            .iter()
            .any(|(k, v)| PAGINATION_KEYS.contains(&k.as_str()) && numeric(v))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root() -> Url {
        Url::parse("https://example.com/").unwrap()
    }

    fn s(path: &str) -> Option<i32> {
        score(
            &Url::parse(&format!("https://example.com{path}")).unwrap(),
            &root(),
        )
    }

    #[test]
    fn business_pages_rise_and_noise_sinks() {
        let urls = [
            "/blog/2021/05/how-we-started",
            "/privacy-policy",
            "/contact",
            "/tag/plumbing",
            "/services/drain-cleaning",
            "/blog/page/3",
            "/about-us",
            "/news",
            "/terms",
            "/",
            "/category/tips",
            "/pricing",
            "/author/jane",
            "/faq",
            "/2020/11/",
            "/blog/10-tips-for-winter",
            "/our-team",
            "/locations/springfield",
            "/impressum",
            "/cookies",
            "/services?page=2",
            "/book-now",
            "/opening-hours",
            "/menu",
            "/careers",
            "/press/award-2022",
            "/gallery",
            "/en/contact",
            "/products/widget?color=red",
            "/blog",
        ];
        let mut ranked: Vec<(&str, i32)> = urls.iter().filter_map(|u| Some((*u, s(u)?))).collect();
        assert_eq!(ranked.len(), urls.len(), "every page above is fetchable");
        ranked.sort_by_key(|(_, rank)| std::cmp::Reverse(*rank));
        let order: Vec<&str> = ranked.iter().map(|(u, _)| *u).collect();
        assert_eq!(order[0], "/");
        let top: Vec<&str> = order[1..8].to_vec();
        for page in [
            "/contact",
            "/en/contact",
            "/about-us",
            "/pricing",
            "/faq",
            "/services/drain-cleaning",
        ] {
            assert!(top.contains(&page), "{page} in top 8: {order:?}");
        }
        let position = |p: &str| order.iter().position(|u| *u == p).unwrap();
        // Every business page beats every blog, legal, archive and paginated page.
        let business = [
            "/our-team",
            "/locations/springfield",
            "/book-now",
            "/opening-hours",
            "/menu",
            "/impressum",
            "/careers",
            "/gallery",
        ];
        let sinking = [
            "/blog/2021/05/how-we-started",
            "/privacy-policy",
            "/tag/plumbing",
            "/blog/page/3",
            "/news",
            "/terms",
            "/category/tips",
            "/author/jane",
            "/2020/11/",
            "/blog/10-tips-for-winter",
            "/cookies",
            "/press/award-2022",
            "/blog",
        ];
        for b in business {
            for n in sinking {
                assert!(position(b) < position(n), "{b} above {n}: {order:?}");
            }
        }
        // The imprint carries the address: below the business pages, above ordinary ones.
        assert!(position("/impressum") > position("/menu"));
        assert!(position("/impressum") < position("/careers"));
        assert!(s("/services?page=2") < s("/services"));
    }

    #[test]
    fn never_fetch_assets_accounts_feeds_and_search() {
        for path in [
            "/files/menu.pdf",
            "/img/logo.PNG",
            "/wp-content/uploads/2020/01/a.jpg",
            "/wp-admin/",
            "/wp-login.php",
            "/cart",
            "/checkout/step-1",
            "/my-account",
            "/login",
            "/logout",
            "/signup",
            "/feed/",
            "/blog/feed",
            "/search?q=plumber",
            "/?s=hours",
            "/shop/?add-to-cart=12",
            "/sitemap.xml",
            "/static/app.js",
            "/fonts/a.woff2",
        ] {
            assert_eq!(s(path), None, "{path}");
        }
        let other = Url::parse("https://other.com/contact").unwrap();
        assert_eq!(score(&other, &root()), None);
    }

    #[test]
    fn words_match_whole_and_in_other_languages() {
        let ordinary = s("/something").unwrap();
        for path in [
            "/kontakt",
            "/contacto",
            "/a-propos",
            "/%C3%BCber-uns",
            "/ueber-uns",
            "/preise",
            "/speisekarte",
            "/de/leistungen",
            "/quienes-somos",
            "/our-services",
            "/contact.html",
        ] {
            assert!(s(path).unwrap() > ordinary, "{path}");
        }
        // "facebook" is not "book", "aboutface" not "about".
        assert_eq!(s("/facebook-reviews-widget").map(|r| r > 600), Some(false));
        assert_eq!(s("/aboutface"), s("/something"));
    }

    #[test]
    fn every_language_folders_path_words_rank_their_pages() {
        let ordinary = s("/something").unwrap();
        // Business pages in the seven languages, above an ordinary page.
        for path in [
            "/servicios",
            "/tarifas",
            "/pedir-cita",
            "/leistungen",
            "/oeffnungszeiten",
            "/diensten",
            "/openingstijden",
            "/afspraak-maken",
            "/tarifs",
            "/prendre-rendez-vous",
            "/servizi",
            "/orari",
            "/prenota",
            "/servicos",
            "/marcacoes",
            "/precario",
        ] {
            assert!(s(path).unwrap() > ordinary, "{path}");
        }
        // Their legal and news pages below it (imprints, "aviso legal", stay above: they
        // carry the business's contacts).
        for path in [
            "/politica-de-cookies",
            "/privacyverklaring",
            "/cgv",
            "/politica-de-privacidade",
        ] {
            assert!(s(path).unwrap() < ordinary, "{path}");
        }
        assert!(s("/noticias/2024/nuevo-local").unwrap() < ordinary);
        assert!(s("/actualites").unwrap() < ordinary);
    }

    #[test]
    fn deeper_is_lower_and_queries_cost() {
        assert!(s("/services").unwrap() > s("/services/a").unwrap());
        assert!(s("/services/a").unwrap() > s("/services/a/b").unwrap());
        assert!(s("/about").unwrap() > s("/about?ref=nav").unwrap());
        assert_eq!(s("/index.html"), s("/"));
        assert!(s("/en/") < s("/") && s("/en/") > s("/contact"));
        assert_eq!(s("/home"), s("/"));
        assert!(s("/?page=2").unwrap() < s("/").unwrap());
    }

    #[test]
    fn every_common_path_is_a_business_page() {
        let ordinary = s("/something").unwrap();
        for path in COMMON_PATHS {
            assert!(s(path).unwrap() > ordinary, "{path}");
        }
    }
}
