//! A site's pages extracted together: what one page shows about the site's country (numbers
//! written with a country code) is evidence for reading the national numbers of the others.

use url::Url;

use super::{extract_page_in_site, PageFacts, PageMeta};

/// Most countries the site's numbers pass on to its other pages.
const MAX_SITE_COUNTRIES: usize = 3;

/// Every page's facts and metadata, in order. A page that writes no number with a country
/// code is read again with the countries the site's other pages write (`+353 …` in one page's
/// footer makes `(01) 677 0095` on another an Irish number), unless that changes nothing.
pub fn extract_site_pages(pages: &[(&Url, &str)]) -> Vec<(PageFacts, PageMeta)> {
    let mut out: Vec<(PageFacts, PageMeta)> = pages
        .iter()
        .map(|(url, html)| extract_page_in_site(html, url, None, &[]))
        .collect();
    let countries = site_countries(out.iter().flat_map(|(f, _)| f.phone_countries.iter()));
    if countries.is_empty() {
        return out;
    }
    for (i, (url, html)) in pages.iter().enumerate() {
        // A country-code domain decides the region alone: reading again would change nothing.
        let domain_decides = super::region_for(url, None).is_some();
        if out[i].0.phone_countries.is_empty() && !domain_decides {
            out[i] = extract_page_in_site(html, url, None, &countries);
        }
    }
    out
}

/// A country-code domain decides a page's phone region alone: reading it again with the site's
/// countries would change nothing.
pub fn domain_decides_region(url: &Url) -> bool {
    super::region_for(url, None).is_some()
}

/// The countries the pages write numbers in (their [`PageFacts::phone_countries`]), most
/// numbers first, at most [`MAX_SITE_COUNTRIES`].
pub fn site_countries<'a>(written: impl Iterator<Item = &'a String>) -> Vec<String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for country in written {
        match counts.iter_mut().find(|(c, _)| c == country) {
            Some((_, n)) => *n += 1,
            None => counts.push((country.clone(), 1)),
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    counts
        .into_iter()
        .take(MAX_SITE_COUNTRIES)
        .map(|(c, _)| c)
        .collect()
}
