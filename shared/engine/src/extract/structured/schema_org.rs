//! schema.org entities → business facts. Businesses (`Organization`, `LocalBusiness` and their
//! subtypes) give names, categories, descriptions, phones, emails, addresses, hours and social
//! profiles; `Question`s give FAQs; `Product`, `Service`, `MenuItem` and `Offer` give services;
//! reserve/order actions give booking links. Entities are found anywhere: in `@graph`, arrays and
//! nested properties (`department`, `mainEntity`, `hasOfferCatalog`, `itemListElement`).

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::business_types::{is_business_type, short_type_name};
use super::opening_hours::{parse_opening_hours, rule_from_specification, HoursRule};
use super::property_values::{
    clean_text, country_code, normalize_email, objects, offer_price, strings, values,
};
use crate::extract::contacts::phone::parse_phone;
use crate::extract::facts::{
    Address, Email, Faq, Hours, Link, Origin, PageFacts, Phone, Provenance, Service, TextFact,
};
use crate::extract::platforms::{booking_platform, social_platform};
use crate::extract::PageContext;

/// Deepest nesting followed (real data rarely goes past 8).
const MAX_DEPTH: usize = 32;
/// Most objects visited on one page.
const MAX_OBJECTS: usize = 20_000;
/// Most facts of one kind added from one page.
const MAX_PER_KIND: usize = 200;
const MAX_NAME_CHARS: usize = 200;
const MAX_DESCRIPTION_CHARS: usize = 1_000;
const MAX_QUESTION_CHARS: usize = 300;
const MAX_ANSWER_CHARS: usize = 2_000;

/// Properties whose entities are not the business or its offerings: a product's brand, a
/// review's author, an article's creator.
const OTHER_PARTIES: &[&str] = &[
    "brand",
    "manufacturer",
    "review",
    "reviews",
    "author",
    "creator",
    "contributor",
    "editor",
    "funder",
    "sponsor",
    "performer",
    "competitor",
    "alumni",
    "employee",
    "employees",
    "founder",
    "founders",
    "member",
    "members",
    "isPartOf",
    "breadcrumb",
    "copyrightHolder",
    "parentOrganization",
];

/// Types whose entities are things offered.
const OFFERING_TYPES: &[&str] = &[
    "Product",
    "Service",
    "MenuItem",
    "Offer",
    "IndividualProduct",
    "ProductModel",
    "ProductGroup",
    "FoodService",
    "TaxiService",
    "FinancialProduct",
    "Course",
];

/// Adds the facts of every entity in `items` (JSON-LD items, or microdata items reshaped by
/// [`super::entities::entity_from_microdata`]).
pub fn collect_entities(items: &[Value], ctx: &PageContext, out: &mut PageFacts) {
    let mut mapper = Mapper {
        ctx,
        out,
        source: ctx.source(),
        objects: 0,
        ids: node_ids(items),
    };
    for item in items {
        mapper.walk(item, 0);
    }
}

/// Typed nodes by `@id`, at the top level and in `@graph`s: graphs (Yoast, Rank Math) link an
/// organization to its address or hours by `{"@id": …}` instead of nesting them.
fn node_ids(items: &[Value]) -> HashMap<&str, &Value> {
    let mut ids = HashMap::new();
    let graph_members = items
        .iter()
        .filter_map(|item| item.get("@graph"))
        .flat_map(|graph| values(Some(graph)));
    for node in items.iter().chain(graph_members) {
        if ids.len() >= MAX_OBJECTS {
            break;
        }
        if let (Some(id), true) = (
            node.get("@id").and_then(Value::as_str),
            node.get("@type").is_some(),
        ) {
            ids.entry(id).or_insert(node);
        }
    }
    ids
}

struct Mapper<'a, 'o> {
    ctx: &'o PageContext,
    out: &'o mut PageFacts,
    source: String,
    objects: usize,
    ids: HashMap<&'a str, &'a Value>,
}

impl<'a> Mapper<'a, '_> {
    /// A property's values with `{"@id": …}` references replaced by the nodes they name.
    fn linked(&self, value: Option<&'a Value>) -> Vec<&'a Value> {
        values(value)
            .into_iter()
            .map(|v| match v.as_object() {
                Some(reference) if reference.len() == 1 => reference
                    .get("@id")
                    .and_then(Value::as_str)
                    .and_then(|id| self.ids.get(id).copied())
                    .unwrap_or(v),
                _ => v,
            })
            .collect()
    }

    fn linked_objects(&self, value: Option<&'a Value>) -> Vec<&'a Map<String, Value>> {
        self.linked(value)
            .into_iter()
            .filter_map(Value::as_object)
            .collect()
    }

    fn walk(&mut self, value: &'a Value, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        match value {
            Value::Array(values) => values.iter().for_each(|v| self.walk(v, depth + 1)),
            Value::Object(entity) => self.entity(entity, depth),
            _ => {}
        }
    }

    fn entity(&mut self, entity: &'a Map<String, Value>, depth: usize) {
        self.objects += 1;
        if self.objects > MAX_OBJECTS {
            return;
        }
        let types = type_names(entity);
        let mut skip: &[&str] = &[];
        if let Some(business) = types.iter().copied().find(|t| is_business_type(t)) {
            self.business(entity, business, &types);
        }
        if types.contains(&"Question") {
            self.question(entity);
            return;
        }
        if let Some(kind) = types.iter().copied().find(|t| OFFERING_TYPES.contains(t)) {
            if !types.iter().any(|t| is_business_type(t)) {
                self.offering(entity, kind);
                skip = &["offers", "itemOffered"];
            }
        }
        if types
            .iter()
            .any(|t| matches!(*t, "ReserveAction" | "OrderAction" | "ScheduleAction"))
        {
            self.booking_action(entity);
        }
        for (key, value) in entity {
            if key == "@graph" || !key.starts_with('@') {
                if OTHER_PARTIES.contains(&key.as_str()) || skip.contains(&key.as_str()) {
                    continue;
                }
                if matches!(value, Value::Object(_) | Value::Array(_)) {
                    self.walk(value, depth + 1);
                }
            }
        }
    }

    fn provenance(&self, evidence: &str) -> Provenance {
        Provenance::new(self.source.clone(), Origin::Structured, Some(evidence))
    }

    fn text_fact(&self, value: String, evidence: &str) -> TextFact {
        TextFact {
            value,
            provenance: self.provenance(evidence),
        }
    }

    fn business(&mut self, entity: &'a Map<String, Value>, business: &str, types: &[&str]) {
        for ty in types.iter().filter(|t| is_business_type(t)) {
            let fact = self.text_fact((*ty).to_owned(), &format!("schema.org @type: {ty}"));
            push_text(&mut self.out.categories, fact);
        }
        for prop in ["name", "legalName", "alternateName"] {
            for name in strings(entity.get(prop)) {
                let Some(name) = clean_text(name, MAX_NAME_CHARS) else {
                    continue;
                };
                let evidence = format!("schema.org {business} {prop}: {name}");
                let fact = self.text_fact(name, &evidence);
                push_text(&mut self.out.names, fact);
            }
        }
        for description in strings(entity.get("description")) {
            if let Some(text) = clean_text(description, MAX_DESCRIPTION_CHARS) {
                let evidence = format!("schema.org {business} description: {text}");
                let fact = self.text_fact(text, &evidence);
                push_text(&mut self.out.descriptions, fact);
            }
        }
        self.contact_points(entity, business);
        for point in self.linked_objects(entity.get("contactPoint")) {
            self.contact_points(point, business);
        }
        // Pages often put the telephone inside the address (or the place) rather than on the
        // business itself.
        for address in self.linked(entity.get("address")) {
            self.address(address, business);
            if let Some(parts) = address.as_object() {
                self.contact_points(parts, business);
            }
        }
        for place in self.linked_objects(entity.get("location")) {
            self.contact_points(place, business);
            for address in self.linked(place.get("address")) {
                self.address(address, business);
                if let Some(parts) = address.as_object() {
                    self.contact_points(parts, business);
                }
            }
        }
        for spec in self.linked_objects(entity.get("openingHoursSpecification")) {
            self.hours_specification(spec, business);
        }
        for text in strings(entity.get("openingHours")) {
            for rule in parse_opening_hours(text) {
                self.push_hours(rule, business);
            }
        }
        for url in strings(entity.get("sameAs")) {
            let url = url.trim();
            if let Some(platform) = social_platform(url) {
                let link = Link {
                    platform: platform.to_owned(),
                    url: url.to_owned(),
                    provenance: self.provenance(&format!("schema.org {business} sameAs: {url}")),
                };
                push_link(&mut self.out.socials, link);
            }
        }
        for url in strings(entity.get("acceptsReservations")) {
            self.booking_link(url, &format!("schema.org {business} acceptsReservations"));
        }
    }

    /// `telephone`, `faxNumber` and `email` of a business or one of its contact points.
    fn contact_points(&mut self, entity: &'a Map<String, Value>, business: &str) {
        for (prop, kind) in [("telephone", None), ("faxNumber", Some("fax"))] {
            let region = self.ctx.region.as_deref();
            let parse = |raw: &str| parse_phone(raw.trim().trim_start_matches("tel:"), region);
            // One string may hold several numbers (`(415) 555-2671 / (415) 555-2672`), but a
            // slash can also be part of one (`030/1234567`): the whole string is tried first.
            let numbers = strings(entity.get(prop))
                .into_iter()
                .flat_map(|raw| match parse(raw) {
                    Some(parsed) => vec![(raw.trim(), parsed)],
                    None => raw
                        .split(['/', ',', ';', '|'])
                        .filter_map(|part| Some((part.trim(), parse(part)?)))
                        .collect(),
                });
            for (raw, parsed) in numbers {
                if self.out.phones.len() >= MAX_PER_KIND
                    || self
                        .out
                        .phones
                        .iter()
                        .any(|p| p.e164 == parsed.e164 && p.kind.as_deref() == kind)
                {
                    continue;
                }
                let phone = Phone {
                    e164: parsed.e164,
                    display: parsed.display,
                    kind: kind.map(str::to_owned),
                    provenance: self.provenance(&format!("schema.org {business} {prop}: {raw}")),
                };
                self.out.phones.push(phone);
            }
        }
        let emails = strings(entity.get("email"))
            .into_iter()
            .flat_map(|raw| raw.split([',', ';', ' ', '/']));
        for raw in emails {
            let Some(address) = normalize_email(raw) else {
                continue;
            };
            if self.out.emails.len() >= MAX_PER_KIND
                || self.out.emails.iter().any(|e| e.address == address)
            {
                continue;
            }
            let email = Email {
                provenance: self.provenance(&format!("schema.org {business} email: {address}")),
                address,
            };
            self.out.emails.push(email);
        }
    }

    fn address(&mut self, value: &'a Value, business: &str) {
        let address = match value {
            Value::String(text) => {
                let Some(text) = clean_text(text, MAX_DESCRIPTION_CHARS) else {
                    return;
                };
                Address {
                    provenance: self.provenance(&format!("schema.org {business} address: {text}")),
                    text,
                    street: None,
                    city: None,
                    region: None,
                    postal_code: None,
                    country: None,
                }
            }
            Value::Object(parts) => {
                let part = |key: &str| -> Option<String> {
                    let joined = strings(parts.get(key)).join(", ");
                    clean_text(&joined, MAX_NAME_CHARS)
                };
                let street = part("streetAddress");
                let city = part("addressLocality");
                let region = part("addressRegion");
                let postal_code = part("postalCode");
                let country = match parts.get("addressCountry") {
                    Some(Value::Object(country)) => strings(country.get("name"))
                        .into_iter()
                        .chain(strings(country.get("identifier")))
                        .find_map(|c| clean_text(c, MAX_NAME_CHARS)),
                    _ => part("addressCountry"),
                }
                .map(|c| country_code(&c));
                let region_line = [region.as_deref(), postal_code.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" ");
                let text = [
                    street.as_deref(),
                    city.as_deref(),
                    Some(region_line.as_str()),
                    country.as_deref(),
                ]
                .into_iter()
                .flatten()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(", ");
                if text.is_empty() {
                    return;
                }
                Address {
                    provenance: self.provenance(&format!("schema.org {business} address: {text}")),
                    text,
                    street,
                    city,
                    region,
                    postal_code,
                    country,
                }
            }
            _ => return,
        };
        if self.out.addresses.len() < MAX_PER_KIND
            && !self.out.addresses.iter().any(|a| a.text == address.text)
        {
            self.out.addresses.push(address);
        }
    }

    fn hours_specification(&mut self, spec: &'a Map<String, Value>, business: &str) {
        let days = strings(spec.get("dayOfWeek"));
        let opens = strings(spec.get("opens")).first().copied();
        let closes = strings(spec.get("closes")).first().copied();
        if let Some(rule) = rule_from_specification(&days, opens, closes) {
            self.push_hours(rule, business);
        }
    }

    fn push_hours(&mut self, rule: HoursRule, business: &str) {
        let hours = Hours {
            provenance: self.provenance(&format!("schema.org {business} hours: {}", rule.text)),
            text: rule.text,
            days: rule.days,
            opens: rule.opens,
            closes: rule.closes,
            closed: rule.closed,
        };
        let duplicate = self.out.hours.iter().any(|h| {
            h.days == hours.days
                && h.opens == hours.opens
                && h.closes == hours.closes
                && h.closed == hours.closed
        });
        if !duplicate && self.out.hours.len() < MAX_PER_KIND {
            self.out.hours.push(hours);
        }
    }

    fn question(&mut self, entity: &'a Map<String, Value>) {
        let question = strings(entity.get("name"))
            .into_iter()
            .chain(strings(entity.get("text")))
            .find_map(|q| clean_text(q, MAX_QUESTION_CHARS));
        let answer = self
            .linked_objects(entity.get("acceptedAnswer"))
            .into_iter()
            .chain(self.linked_objects(entity.get("suggestedAnswer")))
            .flat_map(|a| strings(a.get("text")))
            .chain(strings(entity.get("acceptedAnswer")))
            .find_map(|a| clean_text(a, MAX_ANSWER_CHARS));
        let (Some(question), Some(answer)) = (question, answer) else {
            return;
        };
        if self.out.faqs.len() >= MAX_PER_KIND
            || self.out.faqs.iter().any(|f| f.question == question)
        {
            return;
        }
        let faq = Faq {
            provenance: self.provenance(&format!("schema.org Question: {question}")),
            question,
            answer,
        };
        self.out.faqs.push(faq);
    }

    fn offering(&mut self, entity: &'a Map<String, Value>, kind: &str) {
        let offered = self
            .linked_objects(entity.get("itemOffered"))
            .into_iter()
            .next();
        let name = strings(entity.get("name"))
            .into_iter()
            .chain(offered.into_iter().flat_map(|o| strings(o.get("name"))))
            .find_map(|n| clean_text(n, MAX_NAME_CHARS));
        let Some(name) = name else {
            return;
        };
        let description = strings(entity.get("description"))
            .into_iter()
            .chain(
                offered
                    .into_iter()
                    .flat_map(|o| strings(o.get("description"))),
            )
            .find_map(|d| clean_text(d, MAX_DESCRIPTION_CHARS));
        let price = if kind == "Offer" {
            offer_price(entity)
        } else {
            self.linked_objects(entity.get("offers"))
                .into_iter()
                .find_map(offer_price)
        };
        if self.out.services.len() >= MAX_PER_KIND
            || self
                .out
                .services
                .iter()
                .any(|s| s.name == name && s.price == price)
        {
            return;
        }
        let mut evidence = format!("schema.org {kind}: {name}");
        if let Some(price) = &price {
            evidence.push_str(&format!(" ({price})"));
        }
        let service = Service {
            provenance: self.provenance(&evidence),
            name,
            description,
            price,
        };
        self.out.services.push(service);
    }

    fn booking_action(&mut self, action: &Map<String, Value>) {
        let ty = type_names(action).first().copied().unwrap_or("Action");
        let mut urls: Vec<&str> = strings(action.get("target"));
        for entry in objects(action.get("target")) {
            urls.extend(strings(entry.get("urlTemplate")));
            urls.extend(strings(entry.get("url")));
        }
        for url in urls {
            self.booking_link(url, &format!("schema.org {ty} target"));
        }
    }

    fn booking_link(&mut self, url: &str, evidence: &str) {
        let url = url.trim();
        let is_web = url.starts_with("https://") || url.starts_with("http://");
        if !is_web
            || self.out.booking_links.len() >= MAX_PER_KIND
            || self.out.booking_links.iter().any(|l| l.url == url)
        {
            return;
        }
        let link = Link {
            platform: booking_platform(url).to_owned(),
            url: url.to_owned(),
            provenance: self.provenance(&format!("{evidence}: {url}")),
        };
        self.out.booking_links.push(link);
    }
}

/// `@type` names, shortened (`https://schema.org/Dentist` → `Dentist`).
fn type_names(entity: &Map<String, Value>) -> Vec<&str> {
    strings(entity.get("@type"))
        .into_iter()
        .map(short_type_name)
        .collect()
}

fn push_text(list: &mut Vec<TextFact>, fact: TextFact) {
    if list.len() < MAX_PER_KIND && !list.iter().any(|f| f.value == fact.value) {
        list.push(fact);
    }
}

fn push_link(list: &mut Vec<Link>, link: Link) {
    if list.len() < MAX_PER_KIND && !list.iter().any(|l| l.url == link.url) {
        list.push(link);
    }
}
