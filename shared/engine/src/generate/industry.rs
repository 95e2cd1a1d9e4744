//! Which kind of business the site is: its schema.org types first, then the words it uses about
//! itself. The industry picks the template's playbook and the default tone.

use crate::domain::Tone;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Industry {
    Dental,
    Medical,
    Legal,
    Finance,
    Restaurant,
    Salon,
    HomeServices,
    RealEstate,
    Auto,
    Retail,
    Software,
    Hospitality,
    Fitness,
    Education,
    YouthBrand,
    General,
}

impl Industry {
    /// The industry's name in language folders (`home_services`) and message ids.
    pub fn key(&self) -> &'static str {
        match self {
            Self::Dental => "dental",
            Self::Medical => "medical",
            Self::Legal => "legal",
            Self::Finance => "finance",
            Self::Restaurant => "restaurant",
            Self::Salon => "salon",
            Self::HomeServices => "home_services",
            Self::RealEstate => "real_estate",
            Self::Auto => "auto",
            Self::Retail => "retail",
            Self::Software => "software",
            Self::Hospitality => "hospitality",
            Self::Fitness => "fitness",
            Self::Education => "education",
            Self::YouthBrand => "youth_brand",
            Self::General => "general",
        }
    }

    /// A phrase for prompts: "a dental practice".
    pub fn describe(&self) -> &'static str {
        match self {
            Self::Dental => "a dental practice",
            Self::Medical => "a medical practice",
            Self::Legal => "a law firm",
            Self::Finance => "a financial services firm",
            Self::Restaurant => "a restaurant",
            Self::Salon => "a salon and spa",
            Self::HomeServices => "a home services company",
            Self::RealEstate => "a real estate agency",
            Self::Auto => "an automotive business",
            Self::Retail => "a store",
            Self::Software => "a software company",
            Self::Hospitality => "a hotel",
            Self::Fitness => "a fitness studio",
            Self::Education => "a school",
            Self::YouthBrand => "a lifestyle brand",
            Self::General => "a business",
        }
    }

    pub fn default_tone(&self) -> Tone {
        match self {
            Self::Legal | Self::Finance => Tone::Formal,
            Self::Dental | Self::Medical | Self::Software | Self::RealEstate | Self::General => {
                Tone::Professional
            }
            Self::Restaurant
            | Self::Salon
            | Self::Retail
            | Self::Hospitality
            | Self::Fitness
            | Self::HomeServices
            | Self::Auto
            | Self::Education => Tone::Friendly,
            Self::YouthBrand => Tone::Casual,
        }
    }
}

/// Keyword → industry, most specific first (ties go to the earlier entry).
const KEYWORDS: &[(Industry, &[&str])] = &[
    (
        Industry::Dental,
        &[
            "dental",
            "dentist",
            "dentistry",
            "orthodontic",
            "orthodontist",
            "teeth",
            "smile",
        ],
    ),
    (
        Industry::Legal,
        &[
            "law",
            "lawyer",
            "lawyers",
            "attorney",
            "attorneys",
            "legal",
            "solicitor",
            "solicitors",
            "litigation",
        ],
    ),
    (
        Industry::Medical,
        &[
            "clinic",
            "medical",
            "doctor",
            "physician",
            "health",
            "healthcare",
            "therapy",
            "pediatric",
            "veterinary",
            "vet",
        ],
    ),
    (
        Industry::Finance,
        &[
            "finance",
            "financial",
            "bank",
            "banking",
            "insurance",
            "accounting",
            "accountant",
            "accountants",
            "tax",
            "wealth",
            "mortgage",
        ],
    ),
    (
        Industry::Restaurant,
        &[
            "restaurant",
            "cafe",
            "café",
            "coffee",
            "bistro",
            "pizza",
            "pizzeria",
            "bakery",
            "bar",
            "grill",
            "menu",
            "dining",
            "kitchen",
            "diner",
        ],
    ),
    (
        Industry::Salon,
        &[
            "salon",
            "spa",
            "barber",
            "barbershop",
            "beauty",
            "nails",
            "hair",
            "massage",
        ],
    ),
    (
        Industry::HomeServices,
        &[
            "plumbing",
            "plumber",
            "plumbers",
            "hvac",
            "electrician",
            "electrical",
            "roofing",
            "cleaning",
            "landscaping",
            "pest",
            "handyman",
            "contractor",
            "repair",
            "repairs",
        ],
    ),
    (
        Industry::RealEstate,
        &[
            "realty",
            "realtor",
            "realtors",
            "estate",
            "property",
            "properties",
            "homes",
            "apartments",
            "rentals",
        ],
    ),
    (
        Industry::Auto,
        &[
            "auto",
            "automotive",
            "car",
            "cars",
            "dealership",
            "garage",
            "mechanic",
            "tires",
            "tyres",
        ],
    ),
    (
        Industry::Software,
        &[
            "software",
            "saas",
            "platform",
            "app",
            "cloud",
            "api",
            "startup",
            "analytics",
        ],
    ),
    (
        Industry::Hospitality,
        &[
            "hotel", "hotels", "resort", "inn", "motel", "travel", "tours", "vacation", "hostel",
        ],
    ),
    (
        Industry::Fitness,
        &[
            "gym", "fitness", "yoga", "pilates", "crossfit", "trainer", "training",
        ],
    ),
    (
        Industry::Education,
        &[
            "school",
            "academy",
            "tutoring",
            "courses",
            "university",
            "college",
            "learning",
            "education",
        ],
    ),
    (
        Industry::YouthBrand,
        &[
            "surf",
            "skate",
            "skateboard",
            "skateboards",
            "streetwear",
            "gaming",
            "esports",
            "snowboard",
        ],
    ),
    (
        Industry::Retail,
        &["shop", "store", "boutique", "retail", "ecommerce", "outlet"],
    ),
];

/// schema.org `@type` (or a category as written) → industry. Accepts full IRIs
/// (`https://schema.org/Dentist`) and is case-insensitive.
pub fn industry_from_category(category: &str) -> Option<Industry> {
    let name = category
        .trim()
        .trim_end_matches('/')
        .rsplit(['/', '#', ':'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    let industry = match name.as_str() {
        "dentist" | "dentistry" | "orthodontist" => Industry::Dental,
        "medicalclinic"
        | "medicalbusiness"
        | "physician"
        | "hospital"
        | "medicalorganization"
        | "optician"
        | "pharmacy"
        | "veterinarycare"
        | "physiotherapy"
        | "diagnosticlab"
        | "medicalspecialty"
        | "chiropractor" => Industry::Medical,
        "legalservice" | "attorney" | "notary" | "lawfirm" => Industry::Legal,
        "financialservice" | "bankorcreditunion" | "accountingservice" | "insuranceagency"
        | "automatedteller" => Industry::Finance,
        "restaurant" | "foodestablishment" | "cafeorcoffeeshop" | "bakery" | "barorpub"
        | "fastfoodrestaurant" | "brewery" | "winery" | "icecreamshop" | "distillery" | "menu" => {
            Industry::Restaurant
        }
        "beautysalon"
        | "hairsalon"
        | "nailsalon"
        | "dayspa"
        | "healthandbeautybusiness"
        | "tattooparlor" => Industry::Salon,
        "homeandconstructionbusiness"
        | "plumber"
        | "electrician"
        | "hvacbusiness"
        | "roofingcontractor"
        | "generalcontractor"
        | "housepainter"
        | "locksmith"
        | "movingcompany"
        | "homeservice"
        | "drycleaningorlaundry" => Industry::HomeServices,
        "realestateagent" | "realestatelisting" | "apartmentcomplex" => Industry::RealEstate,
        "automotivebusiness" | "autorepair" | "autodealer" | "autobodyshop" | "autopartsstore"
        | "autowash" | "motorcycledealer" | "motorcyclerepair" | "autorental" | "gasstation" => {
            Industry::Auto
        }
        "softwareapplication" | "webapplication" | "mobileapplication" => Industry::Software,
        "lodgingbusiness" | "hotel" | "motel" | "resort" | "bedandbreakfast" | "hostel"
        | "travelagency" | "campground" | "vacationrental" | "touristattraction" => {
            Industry::Hospitality
        }
        "exercisegym" | "healthclub" | "sportsactivitylocation" | "sportsclub" | "yogastudio" => {
            Industry::Fitness
        }
        "educationalorganization"
        | "school"
        | "collegeoruniversity"
        | "preschool"
        | "elementaryschool"
        | "middleschool"
        | "highschool"
        | "course"
        | "childcare" => Industry::Education,
        "onlinestore" | "onlinebusiness" | "shoppingcenter" | "product" | "offercatalog" => {
            Industry::Retail
        }
        other if other.ends_with("store") || other.ends_with("shop") => Industry::Retail,
        _ => return None,
    };
    Some(industry)
}

/// What the site and the caller say, from most to least telling.
#[derive(Debug, Clone, Default)]
pub struct IndustrySignals<'a> {
    /// schema.org types and other categories the profile found.
    pub categories: Vec<&'a str>,
    /// The business's own name, description, page title, service names and the instructions.
    pub about: String,
    /// The site's main text (only its first few thousand characters are read).
    pub page_text: &'a str,
}

/// Characters of page text read for keywords: the top of the home page says what the business
/// is; reading everything lets a long blog post outvote it.
pub(crate) const PAGE_TEXT_CHARS: usize = 4_000;

/// The categories decide when one maps to an industry (the most frequent wins, ties to the
/// first); otherwise keywords, the business's own description weighing three times a page's.
pub fn detect(signals: &IndustrySignals<'_>) -> Industry {
    let mut by_category: Vec<(Industry, usize)> = Vec::new();
    for industry in signals
        .categories
        .iter()
        .filter_map(|c| industry_from_category(c))
    {
        match by_category.iter_mut().find(|(i, _)| *i == industry) {
            Some((_, n)) => *n += 1,
            None => by_category.push((industry, 1)),
        }
    }
    let mut best_category: Option<(Industry, usize)> = None;
    for (industry, n) in by_category {
        if best_category.is_none_or(|(_, best)| n > best) {
            best_category = Some((industry, n));
        }
    }
    if let Some((industry, _)) = best_category {
        return industry;
    }
    let page: String = signals.page_text.chars().take(PAGE_TEXT_CHARS).collect();
    let about = keyword_hits(&signals.about);
    let page = keyword_hits(&page);
    let mut best = (Industry::General, 0usize);
    for (i, (industry, _)) in KEYWORDS.iter().enumerate() {
        // A page's words alone need two hits: one stray "menu" or "app" is no evidence.
        let page_score = if page[i] >= 2 { page[i] } else { 0 };
        let score = about[i] * 3 + page_score;
        if score > best.1 {
            best = (*industry, score);
        }
    }
    best.0
}

/// Industry from one text alone (keywords only).
pub fn detect_industry(text: &str) -> Industry {
    detect(&IndustrySignals {
        about: text.to_owned(),
        ..IndustrySignals::default()
    })
}

/// Keyword hits per entry of [`KEYWORDS`], words matched whole and case-insensitively, with
/// the industry words of every language folder ("Peluquería", "Bäckerei", "Tandarts").
fn keyword_hits(text: &str) -> Vec<usize> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    KEYWORDS
        .iter()
        .zip(LANGUAGE_KEYWORDS.iter())
        .map(|((_, keywords), extra)| {
            words.iter().filter(|w| keywords.contains(w)).count()
                + crate::lang::words::count_terms(&lower, extra)
        })
        .collect()
}

/// Per entry of [`KEYWORDS`], the language folders' words for that industry that the English
/// list does not already hold.
static LANGUAGE_KEYWORDS: std::sync::LazyLock<Vec<Vec<String>>> = std::sync::LazyLock::new(|| {
    KEYWORDS
        .iter()
        .map(|(industry, english)| {
            let mut extra: Vec<String> = crate::lang::all()
                .iter()
                .filter_map(|l| l.industries.get(industry.key()))
                .flatten()
                .filter(|w| !english.contains(&w.as_str()))
                .cloned()
                .collect();
            extra.sort();
            extra.dedup();
            extra
        })
        .collect()
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn industries_from_site_text() {
        assert_eq!(
            detect_industry("Bright Smile Dental — family dentistry in Austin"),
            Industry::Dental
        );
        assert_eq!(
            detect_industry("Smith & Jones LLP, personal injury attorneys"),
            Industry::Legal
        );
        assert_eq!(
            detect_industry("Luigi's Pizzeria: wood-fired pizza and pasta"),
            Industry::Restaurant
        );
        assert_eq!(
            detect_industry("Swell Surf Co. boards and wetsuits"),
            Industry::YouthBrand
        );
        assert_eq!(detect_industry("Acme Corp"), Industry::General);
    }

    #[test]
    fn industries_from_the_words_of_every_language() {
        for (text, want) in [
            (
                "Peluquería Ana — cortes de pelo, tintes y mechas en Madrid",
                Industry::Salon,
            ),
            (
                "Stadtbäckerei Huber: Brot und Brötchen aus München",
                Industry::Restaurant,
            ),
            ("Tandartspraktijk De Molen in Utrecht", Industry::Dental),
            (
                "Cabinet Dupont, avocats au barreau de Lyon",
                Industry::Legal,
            ),
            ("Ristorante Da Mario — cucina romana", Industry::Restaurant),
            ("Oficina mecânica Silva, revisões e pneus", Industry::Auto),
            ("Zahnarztpraxis Dr. Weber", Industry::Dental),
            ("Clínica Dental Sonrisa", Industry::Dental),
        ] {
            assert_eq!(detect_industry(text), want, "{text}");
        }
    }

    #[test]
    fn schema_org_types_decide_before_words() {
        assert_eq!(
            industry_from_category("https://schema.org/Dentist"),
            Some(Industry::Dental)
        );
        assert_eq!(industry_from_category("HairSalon"), Some(Industry::Salon));
        assert_eq!(industry_from_category("BikeStore"), Some(Industry::Retail));
        assert_eq!(industry_from_category("LocalBusiness"), None);
        let signals = IndustrySignals {
            categories: vec!["LocalBusiness", "Plumber"],
            about: "Smile Pro — we fix your pipes with a smile".into(),
            page_text: "",
        };
        assert_eq!(detect(&signals), Industry::HomeServices);
    }

    #[test]
    fn a_single_stray_word_in_page_text_is_not_enough() {
        let signals = IndustrySignals {
            categories: vec![],
            about: "Acme".into(),
            page_text: "See our menu of options.",
        };
        assert_eq!(detect(&signals), Industry::General);
        let signals = IndustrySignals {
            page_text: "Our hotel has 40 rooms. Book your hotel stay at the resort.",
            ..signals
        };
        assert_eq!(detect(&signals), Industry::Hospitality);
    }
}
