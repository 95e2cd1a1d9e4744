//! Industry and tone: an explicit instruction wins, then the industry the site describes.

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

/// Keyword → industry, most specific first. Words are matched whole, case-insensitively.
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

pub fn detect_industry(text: &str) -> Industry {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != 'é')
        .filter(|w| !w.is_empty())
        .collect();
    let mut best = (Industry::General, 0usize);
    for (industry, keywords) in KEYWORDS {
        let hits = words.iter().filter(|w| keywords.contains(w)).count();
        if hits > best.1 {
            best = (*industry, hits);
        }
    }
    best.0
}

/// "be casual", "formal tone", "keep it friendly": the caller's word wins.
pub fn explicit_tone(instructions: &str) -> Option<Tone> {
    let lower = instructions.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    for (i, word) in words.iter().enumerate() {
        let tone = match *word {
            "casual" | "casually" | "laid" => Tone::Casual,
            "formal" | "formally" => Tone::Formal,
            "friendly" | "warm" => Tone::Friendly,
            "professional" | "professionally" => Tone::Professional,
            _ => continue,
        };
        // "not formal", "don't be casual": a negated tone is no instruction to use it.
        let negated = i > 0
            && matches!(
                words[i - 1],
                "not" | "never" | "t" | "too" | "overly" | "no"
            );
        if !negated {
            return Some(tone);
        }
    }
    None
}

pub fn choose_tone(industry: Industry, instructions: Option<&str>) -> Tone {
    instructions
        .and_then(explicit_tone)
        .unwrap_or_else(|| industry.default_tone())
}

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
    fn tone_follows_industry_unless_instructed() {
        assert_eq!(choose_tone(Industry::Legal, None), Tone::Formal);
        assert_eq!(choose_tone(Industry::Restaurant, None), Tone::Friendly);
        assert_eq!(choose_tone(Industry::YouthBrand, None), Tone::Casual);
        assert_eq!(
            choose_tone(Industry::Legal, Some("Please be casual with callers")),
            Tone::Casual
        );
        assert_eq!(
            choose_tone(Industry::Restaurant, Some("Keep it formal.")),
            Tone::Formal
        );
        assert_eq!(
            choose_tone(Industry::Restaurant, Some("Don't be too formal")),
            Tone::Friendly
        );
    }
}
