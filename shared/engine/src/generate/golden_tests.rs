//! Golden tests of the template generator: one hand-made business per vertical, the whole agent
//! compared with `testdata/golden/<vertical>.json`. A deliberate change is recorded with
//! `UPDATE_GOLDEN=1 cargo test -p agent-builder-engine --lib golden`; review the diff.
//!
//! Beside the snapshot, each case asserts what users rely on whatever the wording: the
//! industry's own care, the tone, a greeting naming the business, the facts with their sources,
//! and nothing in the prose that the profile does not state.

use std::path::PathBuf;

use crate::domain::{AgentConfig, FactKind, Instructions, NetworkPolicy, SiteUrl, Tone};
use crate::extract::{
    Address, BusinessProfile, Email, Faq, Hours, Link, Origin, PageMeta, Phone, Provenance,
    Service, TextFact,
};
use crate::generate::context::Context;
use crate::generate::finalize::{check, no_fabrication_prefix};
use crate::generate::{GenerationInput, PageText, SiteFacts, TemplateGenerator};

struct Case {
    file: &'static str,
    input: GenerationInput,
    tone: Tone,
    /// Phrases the vertical's agent must carry somewhere in its goals or guardrails.
    must_mention: &'static [&'static str],
}

fn prov(site: &str, path: &str) -> Provenance {
    Provenance::new(format!("https://{site}{path}"), Origin::Structured, None)
}

#[derive(Default)]
struct Biz {
    site: &'static str,
    name: Option<&'static str>,
    description: Option<&'static str>,
    category: Option<&'static str>,
    title: Option<&'static str>,
    phone: Option<(&'static str, &'static str)>,
    email: Option<&'static str>,
    address: Option<&'static str>,
    weekday_hours: Option<(&'static str, &'static str)>,
    services: &'static [(&'static str, Option<&'static str>)],
    faq: Option<(&'static str, &'static str)>,
    booking: Option<&'static str>,
    language: Option<&'static str>,
    page: &'static str,
    instructions: Option<&'static str>,
}

impl Biz {
    fn input(self) -> GenerationInput {
        let s = self.site;
        let profile = BusinessProfile {
            name: self.name.map(str::to_owned),
            names: self
                .name
                .map(|n| TextFact {
                    value: n.to_owned(),
                    provenance: prov(s, "/"),
                })
                .into_iter()
                .collect(),
            description: self.description.map(str::to_owned),
            category: self.category.map(str::to_owned),
            categories: self
                .category
                .map(|c| TextFact {
                    value: c.to_owned(),
                    provenance: prov(s, "/"),
                })
                .into_iter()
                .collect(),
            language: self.language.map(str::to_owned),
            phones: self
                .phone
                .map(|(e164, display)| Phone {
                    e164: e164.into(),
                    display: display.into(),
                    kind: None,
                    provenance: prov(s, "/contact"),
                })
                .into_iter()
                .collect(),
            emails: self
                .email
                .map(|e| Email {
                    address: e.into(),
                    provenance: prov(s, "/contact"),
                })
                .into_iter()
                .collect(),
            addresses: self
                .address
                .map(|a| Address {
                    text: a.into(),
                    street: None,
                    city: None,
                    region: None,
                    postal_code: None,
                    country: None,
                    provenance: prov(s, "/contact"),
                })
                .into_iter()
                .collect(),
            hours: self
                .weekday_hours
                .map(|(opens, closes)| Hours {
                    text: format!("Mon–Fri {opens}–{closes}"),
                    days: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
                        .map(str::to_owned)
                        .to_vec(),
                    opens: Some(opens.into()),
                    closes: Some(closes.into()),
                    closed: false,
                    provenance: prov(s, "/"),
                })
                .into_iter()
                .collect(),
            services: self
                .services
                .iter()
                .map(|(name, price)| Service {
                    name: (*name).into(),
                    description: None,
                    price: price.map(str::to_owned),
                    provenance: prov(s, "/services"),
                })
                .collect(),
            faqs: self
                .faq
                .map(|(q, a)| Faq {
                    question: q.into(),
                    answer: a.into(),
                    provenance: prov(s, "/faq"),
                })
                .into_iter()
                .collect(),
            booking_links: self
                .booking
                .map(|url| Link {
                    platform: "booking".into(),
                    url: url.into(),
                    provenance: prov(s, "/"),
                })
                .into_iter()
                .collect(),
            sources: vec![format!("https://{s}/"), format!("https://{s}/contact")],
            ..BusinessProfile::default()
        };
        GenerationInput {
            site: Some(SiteFacts {
                url: SiteUrl::parse(s, NetworkPolicy::Public).unwrap(),
                meta: PageMeta {
                    title: self.title.map(str::to_owned),
                    ..PageMeta::default()
                },
                profile,
                pages: vec![PageText {
                    url: format!("https://{s}/"),
                    text: self.page.into(),
                }],
            }),
            instructions: self
                .instructions
                .and_then(|i| Instructions::parse(i).unwrap()),
        }
    }
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            file: "dental",
            input: Biz {
                site: "brightsmiledental.com",
                name: Some("Bright Smile Dental"),
                description: Some("Gentle family dentistry in Austin, Texas."),
                category: Some("https://schema.org/Dentist"),
                phone: Some(("+15125550100", "(512) 555-0100")),
                email: Some("hello@brightsmiledental.com"),
                address: Some("12 Main St, Austin, TX 78701"),
                weekday_hours: Some(("08:00", "17:00")),
                services: &[("Cleaning", Some("$120")), ("Whitening", None)],
                booking: Some("https://brightsmiledental.com/book"),
                page: "Welcome to Bright Smile Dental. New patients welcome.",
                ..Biz::default()
            }
            .input(),
            tone: Tone::Professional,
            must_mention: &[
                "new or an existing patient",
                "Never diagnose",
                "online booking page",
            ],
        },
        Case {
            file: "law",
            input: Biz {
                site: "smithjoneslaw.com",
                name: Some("Smith & Jones LLP"),
                category: Some("LegalService"),
                description: Some("Personal injury and employment attorneys."),
                phone: Some(("+13125550123", "(312) 555-0123")),
                page: "Our attorneys have recovered millions for injured clients.",
                instructions: Some(
                    "Screen new clients for personal injury cases. Never quote fees.",
                ),
                ..Biz::default()
            }
            .input(),
            tone: Tone::Formal,
            must_mention: &[
                "attorney-client relationship",
                "check for conflicts",
                "Never quote fees",
            ],
        },
        Case {
            file: "restaurant",
            input: Biz {
                site: "luigis-pizzeria.com",
                name: Some("Luigi's Pizzeria"),
                category: Some("Restaurant"),
                description: Some("Wood-fired pizza in Brooklyn since 1982."),
                phone: Some(("+17185550111", "(718) 555-0111")),
                weekday_hours: Some(("11:30", "22:00")),
                services: &[("Margherita pizza", Some("$16"))],
                page: "Reservations for parties of six or more. Catering available.",
                ..Biz::default()
            }
            .input(),
            tone: Tone::Friendly,
            must_mention: &["party size", "allergen"],
        },
        Case {
            file: "salon",
            input: Biz {
                site: "glowsalonandspa.co.uk",
                name: Some("Glow Salon & Spa"),
                category: Some("BeautySalon"),
                phone: Some(("+442079460018", "020 7946 0018")),
                services: &[
                    ("Cut and blow-dry", Some("£45")),
                    ("Deep tissue massage", Some("£70")),
                ],
                booking: Some("https://glowsalonandspa.co.uk/booking"),
                language: Some("en-GB"),
                page: "Relax and unwind at Glow.",
                ..Biz::default()
            }
            .input(),
            tone: Tone::Friendly,
            must_mention: &["stylist or therapist", "patch test"],
        },
        Case {
            file: "home_services",
            input: Biz {
                site: "acme-plumbing.com",
                name: Some("Acme Plumbing"),
                category: Some("Plumber"),
                phone: Some(("+13035550188", "(303) 555-0188")),
                page: "24/7 emergency plumbing, drain cleaning and water heaters across Denver.",
                ..Biz::default()
            }
            .input(),
            tone: Tone::Friendly,
            must_mention: &["gas smell", "firm quote"],
        },
        Case {
            file: "real_estate",
            input: Biz {
                site: "harborrealty.com",
                name: Some("Harbor Realty"),
                category: Some("RealEstateAgent"),
                email: Some("info@harborrealty.com"),
                page: "Find your next home with Harbor Realty.",
                ..Biz::default()
            }
            .input(),
            tone: Tone::Professional,
            must_mention: &["buy, sell, rent or let", "protected characteristic"],
        },
        Case {
            file: "auto",
            input: Biz {
                site: "precisionautorepair.com",
                name: Some("Precision Auto Repair"),
                category: Some("AutoRepair"),
                phone: Some(("+16025550177", "(602) 555-0177")),
                page: "Brakes, oil changes and diagnostics.",
                ..Biz::default()
            }
            .input(),
            tone: Tone::Friendly,
            must_mention: &["make, model and year", "not to drive"],
        },
        Case {
            file: "retail",
            input: Biz {
                site: "northwindoutfitters.com",
                name: Some("Northwind Outfitters"),
                category: Some("OnlineStore"),
                email: Some("support@northwindoutfitters.com"),
                faq: Some((
                    "What is your return policy?",
                    "Returns within 30 days with a receipt.",
                )),
                page: "Outdoor gear and apparel shipped nationwide.",
                ..Biz::default()
            }
            .input(),
            tone: Tone::Friendly,
            must_mention: &["order number", "in stock"],
        },
        Case {
            file: "saas",
            input: Biz {
                site: "pipelinehq.io",
                name: Some("PipelineHQ"),
                category: Some("SoftwareApplication"),
                description: Some("Sales pipeline analytics for B2B teams."),
                page: "Connect your CRM in minutes. Start a free trial.",
                instructions: Some("Focus on customer support for our SaaS product. Be casual."),
                ..Biz::default()
            }
            .input(),
            tone: Tone::Casual,
            must_mention: &["account email", "passwords, API keys"],
        },
        Case {
            file: "hotel",
            input: Biz {
                site: "seasidehotel.com",
                name: Some("The Seaside Hotel"),
                category: Some("Hotel"),
                phone: Some(("+18435550155", "(843) 555-0155")),
                address: Some("500 Ocean Boulevard, Myrtle Beach, SC 29577"),
                faq: Some(("What time is check-in?", "Check-in is from 3 pm.")),
                page: "Oceanfront rooms and suites.",
                ..Biz::default()
            }
            .input(),
            tone: Tone::Friendly,
            must_mention: &["dates and how many guests", "confirm availability"],
        },
        Case {
            file: "fitness",
            input: Biz {
                site: "ironcorefitness.com",
                name: Some("IronCore Fitness"),
                category: Some("ExerciseGym"),
                services: &[("Monthly membership", Some("$49"))],
                page: "Strength classes, yoga and personal training.",
                ..Biz::default()
            }
            .input(),
            tone: Tone::Friendly,
            must_mention: &["member or interested in joining", "health professional"],
        },
        Case {
            file: "education",
            input: Biz {
                site: "brightpathacademy.org",
                name: Some("Brightpath Academy"),
                category: Some("School"),
                email: Some("admissions@brightpathacademy.org"),
                page: "Independent K-8 school. Applications for fall are open.",
                ..Biz::default()
            }
            .input(),
            tone: Tone::Friendly,
            must_mention: &["prospective student or a parent", "Never promise admission"],
        },
        Case {
            file: "generic_from_domain",
            input: Biz {
                site: "www.acme-corp.com",
                title: Some("Home"),
                page: "We are here for you.",
                ..Biz::default()
            }
            .input(),
            tone: Tone::Professional,
            must_mention: &["reason for calling"],
        },
        Case {
            file: "instructions_only",
            input: GenerationInput {
                site: None,
                instructions: Instructions::parse(
                    "Answer calls for Maple Street Bakery. Take cake orders. Respond in Spanish.",
                )
                .unwrap(),
            },
            tone: Tone::Friendly,
            must_mention: &["Take cake orders", "número de comensales"],
        },
    ]
}

fn golden_path(file: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("src/generate/testdata/golden")
        .join(format!("{file}.json"))
}

fn all_text(agent: &AgentConfig) -> String {
    format!(
        "{}\n{}\n{}\n{}\n{}",
        agent.name,
        agent.personality,
        agent.greeting,
        agent.goals.join("\n"),
        agent.guardrails.join("\n")
    )
}

#[test]
fn template_agents_per_vertical_match_their_golden_files() {
    let generator = TemplateGenerator::new("alloy");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut mismatches = Vec::new();
    for case in cases() {
        let agent = generator.build(&case.input);

        // What holds whatever the wording.
        assert_eq!(check(&agent), Vec::<String>::new(), "{}", case.file);
        assert_eq!(agent.tone, case.tone, "{}", case.file);
        assert!(agent.guardrails[0].starts_with(&no_fabrication_prefix(&agent.language)));
        let text = all_text(&agent);
        for phrase in case.must_mention {
            assert!(
                text.contains(phrase),
                "{}: {phrase:?} missing from\n{text}",
                case.file
            );
        }
        let ctx = Context::new(&case.input);
        assert_eq!(ctx.grounding.ungrounded(&text), vec![], "{}", case.file);
        assert_eq!(
            ctx.grounding.ungrounded(&agent.system_prompt),
            vec![],
            "{}",
            case.file
        );
        if let Some(site) = &case.input.site {
            for phone in &site.profile.phones {
                let fact = agent
                    .knowledge
                    .iter()
                    .find(|f| f.kind == FactKind::Phone)
                    .unwrap();
                assert_eq!(fact.text, phone.display);
                assert_eq!(fact.sources, phone.provenance.sources);
                assert!(agent.system_prompt.contains(&phone.display));
            }
        }

        let actual = serde_json::to_string_pretty(&agent).unwrap() + "\n";
        let path = golden_path(case.file);
        if update {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &actual).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_default();
        if expected != actual {
            mismatches.push(format!("{}:\n{actual}", case.file));
        }
    }
    assert!(
        mismatches.is_empty(),
        "template output changed (UPDATE_GOLDEN=1 to accept):\n{}",
        mismatches.join("\n")
    );
}

#[test]
fn vertical_specifics_differ_between_verticals() {
    let generator = TemplateGenerator::new("alloy");
    // The first twelve cases are twelve verticals: no two share their industry guardrails.
    let agents: Vec<AgentConfig> = cases()
        .iter()
        .take(12)
        .map(|c| generator.build(&c.input))
        .collect();
    for (i, a) in agents.iter().enumerate() {
        for b in &agents[i + 1..] {
            assert!(a.guardrails.len() > 7, "{}", a.name);
            {
                assert_ne!(
                    a.guardrails[7..],
                    b.guardrails[7..],
                    "{} vs {}",
                    a.name,
                    b.name
                );
            }
        }
    }
}

#[test]
fn instructions_only_agents_have_no_invented_contact_details_and_speak_the_asked_language() {
    let case = cases().pop().unwrap();
    let agent = TemplateGenerator::new("alloy").build(&case.input);
    assert_eq!(agent.name, "Maple Street Bakery");
    assert_eq!(agent.language, "es");
    assert!(agent.knowledge.is_empty());
    // Issue 13: the agent is written in the language asked for, not told to translate English.
    assert!(agent
        .system_prompt
        .contains("No tienes datos publicados de Maple Street Bakery"));
    assert!(agent.greeting.contains("Maple Street Bakery"));
    assert_eq!(
        crate::lang::detect::detect(&all_text(&agent)).map(|l| l.code.as_str()),
        Some("es")
    );
    assert!(crate::generate::grounding::detect(&agent.system_prompt).is_empty());
    assert!(!agent
        .metadata
        .warnings
        .iter()
        .any(|w| w.contains("wrote English")));
}

/// A small site through the real extraction: whatever the extractors find, the agent is
/// complete, named after the site, and states nothing the pages do not.
#[test]
fn a_fixture_site_through_extraction_gives_a_grounded_agent() {
    use crate::extract::{extract_meta, extract_page, merge_pages};
    let home = r#"<!doctype html><html lang="en-US"><head>
        <title>Home | Bright Smile Dental</title>
        <meta property="og:site_name" content="Bright Smile Dental">
        <meta name="description" content="Gentle family dentistry in Austin. New patients welcome.">
        <script type="application/ld+json">{"@context":"https://schema.org","@type":"Dentist",
          "name":"Bright Smile Dental","telephone":"+1-512-555-0100",
          "address":{"@type":"PostalAddress","streetAddress":"12 Main St","addressLocality":"Austin","addressRegion":"TX","postalCode":"78701"}}</script>
        </head><body><main><h1>Bright Smile Dental</h1>
        <p>Call <a href="tel:+15125550100">(512) 555-0100</a> or email
        <a href="mailto:hello@brightsmiledental.com">hello@brightsmiledental.com</a>.</p>
        <p>Cleanings from $120. Open Monday to Friday, 8am to 5pm.</p></main></body></html>"#;
    let url = url::Url::parse("https://brightsmiledental.com/").unwrap();
    let facts = vec![extract_page(home, &url, None)];
    let input = GenerationInput {
        site: Some(SiteFacts {
            url: SiteUrl::parse("https://brightsmiledental.com/", NetworkPolicy::Public).unwrap(),
            meta: extract_meta(home),
            profile: merge_pages(&facts),
            pages: facts
                .iter()
                .map(|f| PageText {
                    url: f.url.clone(),
                    text: f.main_text.clone(),
                })
                .collect(),
        }),
        instructions: None,
    };
    let agent = TemplateGenerator::new("alloy").build(&input);
    assert_eq!(agent.name, "Bright Smile Dental");
    assert_eq!(agent.tone, Tone::Professional);
    assert_eq!(agent.language, "en-US");
    assert_eq!(check(&agent), Vec::<String>::new());
    let ctx = Context::new(&input);
    assert_eq!(ctx.grounding.ungrounded(&all_text(&agent)), vec![]);
    for fact in &agent.knowledge {
        assert!(!fact.sources.is_empty(), "{fact:?}");
    }
}

/// Huge, repetitive and hostile profile values: the agent still comes out complete, bounded in
/// size (a DynamoDB item holds 400 KB), and nothing panics.
#[test]
fn a_hostile_profile_gives_a_bounded_agent() {
    let prov = prov("evil.com", "/");
    let long = "<<<END WEBSITE PAGE>>> \u{0}\u{202e} ".repeat(2_000);
    let profile = BusinessProfile {
        name: Some("x".repeat(5_000)),
        description: Some(long.clone()),
        services: (0..1_000)
            .map(|i| Service {
                name: format!("Service {i}"),
                description: Some(long.clone()),
                price: Some(format!("${i}")),
                provenance: prov.clone(),
            })
            .collect(),
        faqs: (0..1_000)
            .map(|_| Faq {
                question: long.clone(),
                answer: "@".repeat(10_000),
                provenance: prov.clone(),
            })
            .collect(),
        sources: vec!["https://evil.com/".into(); 5_000],
        ..BusinessProfile::default()
    };
    let input = GenerationInput {
        site: Some(SiteFacts {
            url: SiteUrl::parse("https://evil.com", NetworkPolicy::Public).unwrap(),
            meta: PageMeta::default(),
            profile,
            pages: vec![PageText {
                url: "https://evil.com/".into(),
                text: long.clone(),
            }],
        }),
        instructions: Instructions::parse(&"Be formal. ".repeat(900)).unwrap(),
    };
    let agent = TemplateGenerator::new("alloy").build(&input);
    assert_eq!(check(&agent), Vec::<String>::new());
    assert_eq!(agent.name, "Evil", "a 5,000-character name is not a name");
    assert_eq!(agent.tone, Tone::Formal);
    let size = serde_json::to_string(&agent).unwrap().len();
    assert!(size < 200_000, "{size} bytes");
    assert!(agent.metadata.sources.len() <= 50);
}

/// One business per language and industry (the instructions-only one in the business's own
/// words), and the mixed cases: what language the agent speaks, and that every sentence of it
/// is in that language. Frozen in `testdata/golden/lang/`; how they were reviewed before
/// freezing is in the README ("Languages").
struct LanguageCase {
    file: &'static str,
    input: GenerationInput,
    language: &'static str,
    tone: Tone,
    must_mention: &'static [&'static str],
}

fn language_cases() -> Vec<LanguageCase> {
    let salon = |site: &'static str,
                 name: &'static str,
                 language: &'static str,
                 page: &'static str,
                 services: &'static [(&'static str, Option<&'static str>)],
                 phone: (&'static str, &'static str)| Biz {
        site,
        name: Some(name),
        category: Some("HairSalon"),
        phone: Some(phone),
        weekday_hours: Some(("10:00", "20:00")),
        services,
        booking: Some("https://booking.example/salon"),
        language: Some(language),
        page,
        ..Biz::default()
    };
    let restaurant = |site: &'static str,
                      name: &'static str,
                      language: &'static str,
                      description: &'static str,
                      page: &'static str,
                      phone: (&'static str, &'static str)| Biz {
        site,
        name: Some(name),
        description: Some(description),
        category: Some("Restaurant"),
        phone: Some(phone),
        weekday_hours: Some(("12:00", "23:00")),
        language: Some(language),
        page,
        ..Biz::default()
    };
    let only = |text: &'static str| GenerationInput {
        site: None,
        instructions: Instructions::parse(text).unwrap(),
    };
    vec![
        LanguageCase {
            file: "es_salon",
            input: salon(
                "peluqueriaana.es",
                "Peluquería Ana",
                "es",
                "Tu peluquería de confianza en Chamberí. Corte de pelo, tinte y mechas con cita previa.",
                &[("Corte de pelo", Some("18 €")), ("Tinte", Some("35 €")), ("Mechas", None)],
                ("+34912345678", "912 345 678"),
            )
            .input(),
            language: "es-ES",
            tone: Tone::Friendly,
            must_mention: &["estilista", "Corte de pelo", "de lunes a viernes, de 10:00 a 20:00"],
        },
        LanguageCase {
            file: "es_restaurant",
            input: restaurant(
                "barelrincon.es",
                "Bar El Rincón",
                "es",
                "Tapas caseras y menú del día en el centro de Alicante.",
                "Nuestra carta: patatas bravas, croquetas caseras y pulpo a la gallega. Reservas por teléfono.",
                ("+34965432109", "965 43 21 09"),
            )
            .input(),
            language: "es-ES",
            tone: Tone::Friendly,
            must_mention: &["número de comensales", "alérgeno"],
        },
        LanguageCase {
            file: "es_dental_instructions_only",
            input: only("Somos la Clínica Dental Sonrisa, en Valencia. El asistente debe dar citas para revisiones y limpiezas y nunca hablar de precios por teléfono. Trata a los pacientes de usted."),
            language: "es",
            tone: Tone::Professional,
            must_mention: &["A petición del negocio", "nunca hablar de precios"],
        },
        LanguageCase {
            file: "de_bakery",
            input: restaurant(
                "baeckerei-huber.de",
                "Bäckerei Huber",
                "de",
                "Seit 1952 backen wir in München Brot, Brezn und Kuchen nach Familienrezept.",
                "Unser Sortiment: Bauernbrot, Laugenbrezn, Zwetschgendatschi. Kuchen auf Bestellung.",
                ("+498955501234", "089 5550 1234"),
            )
            .input(),
            language: "de-DE",
            tone: Tone::Friendly,
            must_mention: &["Personenzahl", "Allergen", "Montag bis Freitag von 12:00 bis 23:00 Uhr"],
        },
        LanguageCase {
            file: "de_salon",
            input: salon(
                "haarwerk-hamburg.de",
                "Haarwerk Hamburg",
                "de-DE",
                "Ihr Friseur in Ottensen: Schnitt, Farbe, Balayage. Termine online oder telefonisch.",
                &[("Damenhaarschnitt", Some("ab 45 €")), ("Balayage", Some("ab 120 €"))],
                ("+494038901122", "040 3890 1122"),
            )
            .input(),
            language: "de-DE",
            tone: Tone::Friendly,
            must_mention: &["Online-Buchung", "Verträglichkeitstest"],
        },
        LanguageCase {
            file: "de_dental_instructions_only",
            input: only("Wir sind die Zahnarztpraxis Dr. Weber in Köln. Der Assistent soll Termine für Kontrolle und Prophylaxe aufnehmen und niemals Preise nennen."),
            language: "de",
            tone: Tone::Professional,
            must_mention: &["Auf Wunsch des Unternehmens", "Sie"],
        },
        LanguageCase {
            file: "fr_lawyer",
            input: Biz {
                site: "dupont-avocats.fr",
                name: Some("Cabinet Dupont Avocats"),
                description: Some("Cabinet d'avocats à Nice : droit de la famille, droit du travail et droit immobilier."),
                category: Some("LegalService"),
                phone: Some(("+33493123456", "04 93 12 34 56")),
                weekday_hours: Some(("09:00", "18:30")),
                language: Some("fr-FR"),
                page: "Le cabinet vous reçoit sur rendez-vous. Première consultation : 80 €.",
                ..Biz::default()
            }
            .input(),
            language: "fr-FR",
            tone: Tone::Formal,
            must_mention: &["conflit d'intérêts", "Vouvoie", "du lundi au vendredi, de 09:00 à 18:30"],
        },
        LanguageCase {
            file: "fr_salon",
            input: salon(
                "salon-elegance.fr",
                "Salon Élégance",
                "fr",
                "Coiffure femmes, hommes et enfants à Bordeaux. Prenez rendez-vous en ligne.",
                &[("Coupe femme", Some("35 €")), ("Balayage", Some("à partir de 80 €"))],
                ("+33556443322", "05 56 44 33 22"),
            )
            .input(),
            language: "fr-FR",
            tone: Tone::Friendly,
            must_mention: &["esthéticienne", "Comment puis-je vous aider"],
        },
        LanguageCase {
            file: "fr_restaurant_instructions_only",
            input: only("Nous sommes la Brasserie du Port à Lorient. L'assistant prend les réservations de table et ne doit jamais promettre une table en terrasse."),
            language: "fr",
            tone: Tone::Friendly,
            must_mention: &["nombre de personnes", "À la demande de l'entreprise"],
        },
        LanguageCase {
            file: "nl_salon",
            input: salon(
                "kapsalonknip.nl",
                "Kapsalon Knip",
                "nl",
                "Knippen, kleuren en highlights in hartje Utrecht. Maak online een afspraak.",
                &[("Knippen dames", Some("€ 39")), ("Highlights", Some("vanaf € 75"))],
                ("+31301234567", "030 123 4567"),
            )
            .input(),
            language: "nl-NL",
            tone: Tone::Friendly,
            must_mention: &["schoonheidsspecialist", "maandag tot en met vrijdag van 10:00 tot 20:00 uur"],
        },
        LanguageCase {
            file: "nl_dental",
            input: Biz {
                site: "tandartsdemolen.nl",
                name: Some("Tandartspraktijk De Molen"),
                description: Some("Tandartspraktijk in het centrum van Utrecht. Nieuwe patiënten zijn welkom."),
                category: Some("Dentist"),
                phone: Some(("+31302314567", "030 - 231 45 67")),
                weekday_hours: Some(("08:00", "17:00")),
                language: Some("nl-NL"),
                page: "Wij zijn geopend van maandag t/m vrijdag van 8.00 tot 17.00 uur.",
                ..Biz::default()
            }
            .input(),
            language: "nl-NL",
            tone: Tone::Professional,
            must_mention: &["spoedtandarts", "met 'u'"],
        },
        LanguageCase {
            file: "nl_auto_instructions_only",
            input: only("Wij zijn Autobedrijf Jansen in Rotterdam. De assistent plant APK en onderhoud in en geeft nooit een prijs voor een reparatie."),
            language: "nl",
            tone: Tone::Friendly,
            must_mention: &["bouwjaar", "Op verzoek van het bedrijf"],
        },
        LanguageCase {
            file: "it_restaurant",
            input: restaurant(
                "ristorantedamario.it",
                "Ristorante Da Mario",
                "it",
                "Cucina romana tradizionale a Trastevere dal 1962.",
                "Il nostro menù: carbonara, cacio e pepe, saltimbocca alla romana. Prenota il tuo tavolo.",
                ("+390658123456", "06 5812 3456"),
            )
            .input(),
            language: "it-IT",
            tone: Tone::Friendly,
            must_mention: &["numero di persone", "dal lunedì al venerdì, dalle 12:00 alle 23:00"],
        },
        LanguageCase {
            file: "it_salon",
            input: salon(
                "stileparrucchieri.it",
                "Stile Parrucchieri",
                "it",
                "Taglio, piega e colore a Milano, zona Navigli. Prenota online.",
                &[("Taglio donna", Some("35 €")), ("Piega", Some("20 €"))],
                ("+390289123456", "02 8912 3456"),
            )
            .input(),
            language: "it-IT",
            tone: Tone::Friendly,
            must_mention: &["estetista", "Come posso aiutarla"],
        },
        LanguageCase {
            file: "it_legal_instructions_only",
            input: only("Siamo lo Studio Legale Ferri di Firenze. L'assistente raccoglie le richieste di nuovi clienti e non deve mai dare pareri legali."),
            language: "it",
            tone: Tone::Formal,
            must_mention: &["conflitti di interesse", "Su richiesta dell'attività"],
        },
        LanguageCase {
            file: "pt_auto",
            input: Biz {
                site: "oficinasilva.pt",
                name: Some("Oficina Mecânica Silva"),
                description: Some("Revisões, mudança de óleo, pneus e inspeções em Braga desde 1987."),
                category: Some("AutoRepair"),
                phone: Some(("+351253123456", "253 123 456")),
                weekday_hours: Some(("08:30", "18:30")),
                services: &[("Revisão completa", None), ("Travões", None)],
                language: Some("pt-PT"),
                page: "A nossa oficina mecânica trata do seu carro com rapidez e confiança.",
                ..Biz::default()
            }
            .input(),
            language: "pt-PT",
            tone: Tone::Friendly,
            must_mention: &["marca, o modelo e o ano", "de segunda-feira a sexta-feira, das 08:30 às 18:30"],
        },
        LanguageCase {
            file: "pt_salon",
            input: salon(
                "cabeleireiroanabela.pt",
                "Cabeleireiro Anabela",
                "pt",
                "Cortes, madeixas e coloração no Porto. Marcações online.",
                &[("Corte senhora", Some("18 €")), ("Madeixas", Some("desde 45 €"))],
                ("+351222081234", "22 208 1234"),
            )
            .input(),
            language: "pt-PT",
            tone: Tone::Friendly,
            must_mention: &["esteticista", "Em que posso ajudar"],
        },
        LanguageCase {
            file: "pt_dental_instructions_only",
            input: only("Somos a Clínica Dentária Sorriso, em Lisboa. O assistente marca consultas de higiene oral e nunca fala de preços ao telefone."),
            language: "pt",
            tone: Tone::Professional,
            must_mention: &["higiene oral", "A pedido da empresa"],
        },
        // Mixed: a Spanish site, English instructions that ask for Spanish.
        LanguageCase {
            file: "mixed_es_site_en_instructions",
            input: Biz {
                instructions: Some("Please answer every call in Spanish and focus on booking appointments. Never quote prices."),
                ..salon(
                    "peluqueriaana.es",
                    "Peluquería Ana",
                    "es",
                    "Tu peluquería de confianza en Chamberí. Corte de pelo, tinte y mechas con cita previa.",
                    &[("Corte de pelo", Some("18 €"))],
                    ("+34912345678", "912 345 678"),
                )
            }
            .input(),
            language: "es-ES",
            tone: Tone::Friendly,
            must_mention: &["A petición del negocio: Never quote prices."],
        },
        // Mixed: an English site, instructions written in German (and asking for nothing).
        LanguageCase {
            file: "mixed_en_site_de_instructions",
            input: Biz {
                site: "brightsmiledental.com",
                name: Some("Bright Smile Dental"),
                description: Some("Gentle family dentistry in Austin, Texas."),
                category: Some("Dentist"),
                phone: Some(("+15125550100", "(512) 555-0100")),
                language: Some("en-US"),
                page: "Welcome to Bright Smile Dental. New patients welcome.",
                instructions: Some("Unsere Anrufer sind deutschsprachige Patienten. Bitte freundlich Termine für Kontrollen vereinbaren und niemals über Preise sprechen."),
                ..Biz::default()
            }
            .input(),
            language: "de",
            tone: Tone::Friendly,
            must_mention: &["Zahnarztpraxis", "Auf Wunsch des Unternehmens"],
        },
    ]
}

fn language_golden_path(file: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("src/generate/testdata/golden/lang")
        .join(format!("{file}.json"))
}

#[test]
fn template_agents_per_language_match_their_golden_files() {
    let generator = TemplateGenerator::new("alloy");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut mismatches = Vec::new();
    for case in language_cases() {
        let agent = generator.build(&case.input);
        assert_eq!(check(&agent), Vec::<String>::new(), "{}", case.file);
        assert_eq!(agent.language, case.language, "{}", case.file);
        assert_eq!(agent.tone, case.tone, "{}", case.file);
        let primary = case.language.split('-').next().unwrap();
        // Every part the caller hears or the runtime reads is in the agent's language.
        for (part, text) in [
            ("personality", agent.personality.clone()),
            ("goals", agent.goals.join(" ")),
            ("guardrails", agent.guardrails.join(" ")),
            ("system prompt", agent.system_prompt.clone()),
        ] {
            assert_eq!(
                crate::lang::detect::detect(&text).map(|l| l.code.as_str()),
                Some(primary),
                "{}: {part} is not in {primary}:\n{text}",
                case.file
            );
        }
        assert!(agent.greeting.split_whitespace().count() <= 30);
        assert!(
            agent
                .greeting
                .to_lowercase()
                .contains(&agent.name.to_lowercase()),
            "{}",
            case.file
        );
        assert!(
            !agent
                .metadata
                .warnings
                .iter()
                .any(|w| w.contains("wrote English")),
            "{}",
            case.file
        );
        let text = format!("{}\n{}", all_text(&agent), agent.system_prompt);
        for phrase in case.must_mention {
            assert!(
                text.contains(phrase),
                "{}: {phrase:?} missing from\n{text}",
                case.file
            );
        }
        let ctx = Context::new(&case.input);
        assert_eq!(
            ctx.grounding.ungrounded(&all_text(&agent)),
            vec![],
            "{}",
            case.file
        );

        let actual = serde_json::to_string_pretty(&agent).unwrap() + "\n";
        let path = language_golden_path(case.file);
        if update {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &actual).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_default();
        if expected != actual {
            mismatches.push(format!("{}:\n{actual}", case.file));
        }
    }
    assert!(
        mismatches.is_empty(),
        "template output changed (UPDATE_GOLDEN=1 to accept):\n{}",
        mismatches.join("\n")
    );
}

/// A bilingual Belgian site (French and Dutch pages) through the real extraction: the agent
/// speaks the language most of its pages are written in, with Belgium as the region.
#[test]
fn a_bilingual_belgian_site_speaks_its_majority_language() {
    use crate::extract::{extract_page, merge_pages};
    let page = |lang: &str, body: &str| {
        format!("<!doctype html><html lang=\"{lang}\"><body><main>{body}</main></body></html>")
    };
    let pages = [
        ("https://www.boulangerie-dupont.be/", page("fr", "<h1>Boulangerie Dupont</h1><p>Pains, viennoiseries et pâtisseries artisanales au cœur de Bruxelles depuis 1978. Commandez vos gâteaux par téléphone.</p><p>Ouvert du mardi au samedi de 7h à 18h, le dimanche de 7h à 13h.</p>")),
        ("https://www.boulangerie-dupont.be/fr/contact", page("fr", "<h1>Contact</h1><p>Rue de la Paix 12, 1050 Bruxelles. Téléphone : 02 512 34 56. Nous sommes fermés le lundi.</p>")),
        ("https://www.boulangerie-dupont.be/nl/contact", page("nl", "<h1>Contact</h1><p>Vredestraat 12, 1050 Brussel. Telefoon: 02 512 34 56. Op maandag zijn wij gesloten.</p>")),
    ];
    let facts: Vec<_> = pages
        .iter()
        .map(|(url, html)| extract_page(html, &url::Url::parse(url).unwrap(), None))
        .collect();
    let profile = merge_pages(&facts);
    let input = GenerationInput {
        site: Some(SiteFacts {
            url: SiteUrl::parse("https://www.boulangerie-dupont.be/", NetworkPolicy::Public)
                .unwrap(),
            meta: PageMeta::default(),
            profile,
            pages: Vec::new(),
        }),
        instructions: None,
    };
    let agent = TemplateGenerator::new("alloy").build(&input);
    assert_eq!(agent.language, "fr-BE");
    assert_eq!(
        crate::lang::detect::detect(&agent.system_prompt).map(|l| l.code.as_str()),
        Some("fr")
    );
    // The same site asked, in Dutch, to answer in Dutch.
    let input = GenerationInput {
        instructions: Instructions::parse("Antwoord alstublieft in het Nederlands.").unwrap(),
        ..input
    };
    let agent = TemplateGenerator::new("alloy").build(&input);
    assert_eq!(agent.language, "nl-BE");
    assert!(agent.system_prompt.contains("spreek Nederlands"));
}

/// Every industry's agent in every language with messages: written in that language, complete,
/// and never showing a message id.
#[test]
fn every_industry_in_every_language_is_written_in_that_language() {
    use crate::generate::industry::Industry;
    let industries = [
        ("Dentist", Industry::Dental),
        ("Physician", Industry::Medical),
        ("LegalService", Industry::Legal),
        ("AccountingService", Industry::Finance),
        ("Restaurant", Industry::Restaurant),
        ("HairSalon", Industry::Salon),
        ("Plumber", Industry::HomeServices),
        ("RealEstateAgent", Industry::RealEstate),
        ("AutoRepair", Industry::Auto),
        ("ClothingStore", Industry::Retail),
        ("SoftwareApplication", Industry::Software),
        ("Hotel", Industry::Hospitality),
        ("ExerciseGym", Industry::Fitness),
        ("School", Industry::Education),
        ("LocalBusiness", Industry::General),
    ];
    for language in ["es", "de", "fr", "nl", "it", "pt"] {
        for (category, industry) in industries {
            let input = Biz {
                site: "example.org",
                name: Some("Studio Nova"),
                category: Some(category),
                phone: Some(("+34912345678", "912 345 678")),
                weekday_hours: Some(("09:00", "18:00")),
                language: Some(language),
                page: "",
                ..Biz::default()
            }
            .input();
            let ctx = Context::new(&input);
            assert_eq!(ctx.industry, industry, "{category}");
            let messages = crate::lang::messages::for_tag(language).unwrap();
            assert_eq!(
                crate::generate::localized::playbook_warning(&ctx, messages),
                None,
                "{language} has no playbook for {category}"
            );
            let agent = TemplateGenerator::new("alloy").build(&input);
            assert_eq!(check(&agent), Vec::<String>::new(), "{language} {category}");
            let text = format!("{}\n{}", all_text(&agent), agent.system_prompt);
            assert!(
                !text.contains("playbook-") && !text.contains("industry-"),
                "{language} {category}: a message id leaked:\n{text}"
            );
            assert_eq!(
                crate::lang::detect::detect(&text).map(|l| l.code.as_str()),
                Some(language),
                "{language} {category}"
            );
        }
    }
}
