//! Which schema.org types describe a business: `Organization`, `LocalBusiness` and their many
//! subtypes (`Dentist`, `Restaurant`, `Plumber`, `AutoRepair`, …). schema.org has hundreds and
//! sites invent more (`PetGroomingBusiness`), so a table of exact names is backed by suffixes.

/// Types that are businesses though no suffix says so.
const BUSINESS_TYPES: &[&str] = &[
    "Organization",
    "Corporation",
    "LocalBusiness",
    "NGO",
    "Consortium",
    "Cooperative",
    "Airline",
    "Dentist",
    "Physician",
    "Attorney",
    "Notary",
    "Plumber",
    "Electrician",
    "Locksmith",
    "HousePainter",
    "Hotel",
    "Motel",
    "Hostel",
    "Resort",
    "SkiResort",
    "BedAndBreakfast",
    "Campground",
    "Bakery",
    "BarOrPub",
    "Brewery",
    "Winery",
    "Distillery",
    "CafeOrCoffeeShop",
    "IceCreamShop",
    "Pharmacy",
    "Optician",
    "Library",
    "ExerciseGym",
    "Hospital",
    "DaySpa",
    "TattooParlor",
    "AutoRepair",
    "AutoRental",
    "AutoWash",
    "GasStation",
    "MotorcycleRepair",
    "BankOrCreditUnion",
    "ChildCare",
    "DryCleaningOrLaundry",
    "Florist",
    "Casino",
    "VeterinaryCare",
    "Physiotherapy",
    "DiagnosticLab",
    "SelfStorage",
    "AmusementPark",
    "ArtGallery",
    "BowlingAlley",
    "MovieTheater",
    "Preschool",
    "School",
    "CollegeOrUniversity",
    "PerformingGroup",
    "MusicGroup",
    "DanceGroup",
    "TheaterGroup",
    "SportsTeam",
    "FuneralHome",
    "Crematorium",
    "Dermatologist",
];

/// Name endings of business types: `ShoeStore`, `HairSalon`, `MedicalClinic`, `LegalService`.
const BUSINESS_SUFFIXES: &[&str] = &[
    "Business",
    "Organization",
    "Store",
    "Shop",
    "Restaurant",
    "Clinic",
    "Office",
    "Agency",
    "Agent",
    "Service",
    "Contractor",
    "Center",
    "Centre",
    "Club",
    "Dealer",
    "Salon",
    "Establishment",
    "Practice",
    "Studio",
    "Company",
];

/// `Service` subtypes that are things offered, not businesses.
const OFFERED_SERVICES: &[&str] = &[
    "Service",
    "GovernmentService",
    "BroadcastService",
    "CableOrSatelliteService",
    "TaxiService",
    "WebAPI",
    "FinancialProduct",
    "FoodService",
];

/// `true` for a business type name (without the `schema.org/` prefix).
pub fn is_business_type(name: &str) -> bool {
    if name.is_empty() || OFFERED_SERVICES.contains(&name) {
        return false;
    }
    BUSINESS_TYPES.contains(&name) || BUSINESS_SUFFIXES.iter().any(|s| name.ends_with(s))
}

/// `https://schema.org/Dentist`, `schema:Dentist`, `Dentist` → `Dentist`.
pub fn short_type_name(raw: &str) -> &str {
    let raw = raw.trim();
    let name = raw.rsplit(['/', '#']).next().unwrap_or(raw);
    name.rsplit(':').next().unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_businesses_by_name_and_suffix() {
        for t in [
            "Organization",
            "LocalBusiness",
            "Dentist",
            "Restaurant",
            "FastFoodRestaurant",
            "LegalService",
            "Attorney",
            "HardwareStore",
            "HealthAndBeautyBusiness",
            "MedicalClinic",
            "Hotel",
            "RealEstateAgent",
            "HomeAndConstructionBusiness",
            "Plumber",
            "Electrician",
            "AutoRepair",
            "HVACBusiness",
            "PetGroomingBusiness",
        ] {
            assert!(is_business_type(t), "{t}");
        }
        for t in [
            "Service",
            "TaxiService",
            "Product",
            "Offer",
            "WebSite",
            "WebPage",
            "Person",
            "",
        ] {
            assert!(!is_business_type(t), "{t}");
        }
    }

    #[test]
    fn shortens_type_iris() {
        assert_eq!(short_type_name("https://schema.org/Dentist"), "Dentist");
        assert_eq!(short_type_name("http://schema.org/Dentist"), "Dentist");
        assert_eq!(short_type_name("schema:Dentist"), "Dentist");
        assert_eq!(short_type_name(" Dentist "), "Dentist");
    }
}
