//! One fetched sitemap document, whatever its format: XML `urlset` / `sitemapindex`, RSS 2.0,
//! Atom or plain text, gzipped or not. Read as a stream (never a DOM), with every size bounded:
//! the decompressed bytes, the number of entries and the length of one value. Entities are never
//! expanded: only the five XML ones and character references are decoded, and a value that uses
//! any other is dropped, so a billion-laughs DTD costs nothing.

use encoding_rs::{Encoding, UTF_8};
use flate2::read::MultiGzDecoder;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::Reader;
use quick_xml::XmlVersion;
use std::borrow::Cow;
use std::io::Read;
use url::Url;

use crate::domain::SiteUrl;

#[derive(Debug, Clone, PartialEq)]
pub struct SitemapEntry {
    pub url: Url,
    pub priority: Option<f32>,
    pub lastmod: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParsedSitemap {
    pub pages: Vec<SitemapEntry>,
    pub sitemaps: Vec<Url>,
    /// the document was cut short or malformed; what came before is kept
    pub damaged: bool,
    /// more than max_entries were listed; the rest were skipped
    pub capped: bool,
}

#[derive(Debug, Clone, Copy)]
pub struct SitemapLimits {
    /// Pages and child sitemaps together (the protocol allows 50,000 per file).
    pub max_entries: usize,
    /// After gzip decompression (the protocol allows 50 MB; we read less).
    pub max_decompressed_bytes: usize,
}

impl Default for SitemapLimits {
    fn default() -> Self {
        Self {
            max_entries: 50_000,
            max_decompressed_bytes: 10 * 1024 * 1024,
        }
    }
}

/// Longest text kept for one value; longer URLs are refused anyway.
const MAX_VALUE_CHARS: usize = 4 * 1024;
const MAX_LASTMOD_CHARS: usize = 64;
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// `bytes` as fetched (possibly gzip: detected by the magic bytes 1f 8b, never by name or
/// Content-Type; decompressed up to max_decompressed_bytes, the rest treated as cut off).
/// `base` resolves relative URLs. Formats: XML `urlset` and `sitemapindex` (any namespace
/// prefix or none), RSS 2.0 (`<item><link>`), Atom (`<entry><link href>` with rel absent or
/// "alternate"), and plain text (one absolute URL per line). Only http/https URLs are kept.
pub fn parse_sitemap(bytes: &[u8], base: &Url, limits: SitemapLimits) -> ParsedSitemap {
    let mut out = ParsedSitemap::default();
    let max = limits.max_decompressed_bytes;
    let raw: Cow<[u8]> = if bytes.starts_with(&GZIP_MAGIC) {
        let (data, complete) = gunzip(bytes, max);
        out.damaged |= !complete;
        Cow::Owned(data)
    } else if bytes.len() > max {
        out.damaged = true;
        Cow::Borrowed(&bytes[..max])
    } else {
        Cow::Borrowed(bytes)
    };
    let text = decode(&raw);
    let mut sink = Sink {
        out,
        base,
        max_entries: limits.max_entries,
    };
    if text.trim_start().starts_with('<') {
        parse_xml(&text, &mut sink);
    } else {
        parse_lines(&text, &mut sink);
    }
    sink.out
}

/// Decompresses at most `max` bytes; false when the stream was longer, cut or corrupt.
fn gunzip(bytes: &[u8], max: usize) -> (Vec<u8>, bool) {
    let mut decoder = MultiGzDecoder::new(bytes);
    let mut out = Vec::new();
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        match decoder.read(&mut chunk) {
            Ok(0) => return (out, true),
            Ok(n) => {
                let room = max - out.len();
                if n > room {
                    out.extend_from_slice(&chunk[..room]);
                    return (out, false);
                }
                out.extend_from_slice(&chunk[..n]);
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return (out, false),
        }
    }
}

/// A BOM, else the XML declaration's encoding, else UTF-8; invalid bytes become U+FFFD.
fn decode(bytes: &[u8]) -> String {
    let encoding = Encoding::for_bom(bytes)
        .map(|(e, _)| e)
        .or_else(|| declared_encoding(&bytes[..bytes.len().min(1024)]))
        .unwrap_or(UTF_8);
    // `decode` strips the BOM itself.
    let (text, _, _) = encoding.decode(bytes);
    text.into_owned()
}

/// `<?xml version="1.0" encoding="ISO-8859-1"?>`.
fn declared_encoding(head: &[u8]) -> Option<&'static Encoding> {
    let head = String::from_utf8_lossy(head);
    let decl = head.trim_start().strip_prefix("<?xml")?;
    let decl = &decl[..decl.find("?>")?];
    let value = decl
        .split_once("encoding")?
        .1
        .trim_start()
        .strip_prefix('=')?;
    let value = value.trim_start();
    let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let label = value[1..].split(quote).next()?;
    // Bytes that we can read this far are ASCII-compatible, whatever UTF-16 label they claim.
    Encoding::for_label(label.trim().as_bytes()).map(Encoding::output_encoding)
}

/// Collects entries up to the cap.
struct Sink<'a> {
    out: ParsedSitemap,
    base: &'a Url,
    max_entries: usize,
}

impl Sink<'_> {
    /// False once the cap is reached: the caller stops reading.
    fn push(
        &mut self,
        kind: Kind,
        url: Url,
        priority: Option<f32>,
        lastmod: Option<String>,
    ) -> bool {
        if self.out.pages.len() + self.out.sitemaps.len() >= self.max_entries {
            self.out.capped = true;
            return false;
        }
        match kind {
            Kind::Sitemap => self.out.sitemaps.push(url),
            Kind::UrlsetUrl | Kind::FeedItem => self.out.pages.push(SitemapEntry {
                url,
                priority,
                lastmod,
            }),
        }
        true
    }
}

fn parse_lines(text: &str, sink: &mut Sink) {
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.len() > SiteUrl::MAX_LEN {
            continue;
        }
        // Plain-text sitemaps list absolute URLs; anything else on a line is junk.
        let Some(url) = Url::parse(line).ok().filter(is_http) else {
            continue;
        };
        if !sink.push(Kind::UrlsetUrl, url, None, None) {
            return;
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    /// `<url>` in a urlset.
    UrlsetUrl,
    /// `<sitemap>` in a sitemapindex.
    Sitemap,
    /// RSS `<item>` or Atom `<entry>`.
    FeedItem,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Field {
    Loc,
    Link,
    Priority,
    Lastmod,
}

/// The entry being read: its element's depth and the values seen so far.
struct Entry {
    kind: Kind,
    depth: usize,
    loc: Option<String>,
    link: Option<String>,
    priority: Option<f32>,
    lastmod: Option<String>,
}

/// The text of one field element, gathered across text, CDATA and reference events.
struct Capture {
    field: Field,
    depth: usize,
    text: String,
    /// An unknown entity or an over-long value: the field is dropped.
    spoiled: bool,
}

impl Capture {
    fn push(&mut self, s: &str) {
        if self.text.len() + s.len() > MAX_VALUE_CHARS {
            self.spoiled = true;
        } else if !self.spoiled {
            self.text.push_str(s);
        }
    }

    fn push_reference(&mut self, reference: &BytesRef) {
        if reference.is_char_ref() {
            match reference.resolve_char_ref() {
                Ok(Some(c)) => self.push(c.encode_utf8(&mut [0; 4])),
                _ => self.spoiled = true,
            }
        } else {
            match resolve_predefined_entity(&reference.xml10_content()) {
                Some(s) => self.push(s),
                // Declared in a DTD (or not at all): never expanded.
                None => self.spoiled = true,
            }
        }
    }
}

fn parse_xml(text: &str, sink: &mut Sink) {
    let mut reader = Reader::from_str(text);
    // `&` left bare in a URL's query is the most common sitemap mistake; keep it as text.
    reader.config_mut().allow_dangling_amp = true;
    let mut depth = 0usize;
    let mut entry: Option<Entry> = None;
    let mut capture: Option<Capture> = None;
    loop {
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(_) => {
                sink.out.damaged = true;
                break;
            }
        };
        match event {
            Event::Start(e) => {
                depth += 1;
                let name = local_name(&e);
                match entry.as_mut() {
                    None => entry = entry_kind(&name).map(|kind| Entry::new(kind, depth)),
                    Some(current) if depth == current.depth + 1 && capture.is_none() => {
                        capture = start_field(current, &name, &e, depth);
                    }
                    Some(_) => {}
                }
            }
            Event::Empty(e) => {
                if let Some(current) = entry.as_mut().filter(|c| depth == c.depth) {
                    if local_name(&e) == "link" {
                        take_atom_link(current, &e);
                    }
                }
            }
            Event::Text(t) => {
                if let Some(c) = capture.as_mut() {
                    c.push(&t.xml10_content());
                }
            }
            Event::CData(t) => {
                if let Some(c) = capture.as_mut() {
                    c.push(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                if let Some(c) = capture.as_mut() {
                    c.push_reference(&r);
                }
            }
            Event::End(_) => {
                if capture.as_ref().is_some_and(|c| c.depth == depth) {
                    if let (Some(c), Some(current)) = (capture.take(), entry.as_mut()) {
                        current.set(c);
                    }
                }
                if entry.as_ref().is_some_and(|e| e.depth == depth) {
                    if let Some(done) = entry.take() {
                        if !done.emit(sink) {
                            return;
                        }
                    }
                }
                depth = depth.saturating_sub(1);
            }
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::DocType(_) | Event::Comment(_) => {}
        }
    }
    if depth > 0 {
        // Cut short: an entry whose URL was complete is still good; a half-read field is not.
        sink.out.damaged = true;
        if let Some(done) = entry.take() {
            done.emit(sink);
        }
    }
}

fn local_name(e: &BytesStart) -> String {
    e.local_name().as_ref().to_ascii_lowercase()
}

fn entry_kind(name: &str) -> Option<Kind> {
    match name {
        "url" => Some(Kind::UrlsetUrl),
        "sitemap" => Some(Kind::Sitemap),
        "item" | "entry" => Some(Kind::FeedItem),
        _ => None,
    }
}

fn start_field(entry: &mut Entry, name: &str, e: &BytesStart, depth: usize) -> Option<Capture> {
    let field = match name {
        "loc" => Field::Loc,
        "priority" => Field::Priority,
        "lastmod" | "updated" | "pubdate" | "published" => Field::Lastmod,
        "link" if entry.kind == Kind::FeedItem => {
            // Atom puts the URL in href; RSS in the element's text.
            if take_atom_link(entry, e) {
                return None;
            }
            Field::Link
        }
        _ => return None,
    };
    Some(Capture {
        field,
        depth,
        text: String::new(),
        spoiled: false,
    })
}

/// An Atom `<link href>` with rel absent or "alternate" is the entry's page. True when the
/// element had an href (taken or not), so its text is not read as an RSS link.
fn take_atom_link(entry: &mut Entry, e: &BytesStart) -> bool {
    if entry.kind != Kind::FeedItem {
        return false;
    }
    let Ok(Some(href)) = e.try_get_attribute("href") else {
        return false;
    };
    let rel_ok = match e.try_get_attribute("rel") {
        Ok(None) => true,
        Ok(Some(rel)) => rel
            .normalized_value(XmlVersion::Implicit1_0)
            .is_ok_and(|r| r.trim().eq_ignore_ascii_case("alternate")),
        Err(_) => false,
    };
    if rel_ok && entry.link.is_none() {
        // An unknown entity makes unescaping fail: the link is dropped, never expanded.
        if let Ok(value) = href.normalized_value(XmlVersion::Implicit1_0) {
            entry.link = Some(value.into_owned());
        }
    }
    true
}

impl Entry {
    fn new(kind: Kind, depth: usize) -> Self {
        Self {
            kind,
            depth,
            loc: None,
            link: None,
            priority: None,
            lastmod: None,
        }
    }

    fn set(&mut self, capture: Capture) {
        if capture.spoiled {
            return;
        }
        let value = capture.text.trim();
        match capture.field {
            Field::Loc => self.loc = Some(value.to_owned()),
            Field::Link => {
                self.link.get_or_insert_with(|| value.to_owned());
            }
            Field::Priority => {
                self.priority = value
                    .parse::<f32>()
                    .ok()
                    .filter(|p| (0.0..=1.0).contains(p));
            }
            Field::Lastmod => {
                if !value.is_empty() && value.chars().count() <= MAX_LASTMOD_CHARS {
                    self.lastmod.get_or_insert_with(|| value.to_owned());
                }
            }
        }
    }

    /// Adds the entry when it names a usable URL; false once the cap is reached.
    fn emit(self, sink: &mut Sink) -> bool {
        let Some(url) = self
            .loc
            .or(self.link)
            .and_then(|raw| resolve(&raw, sink.base))
        else {
            return true;
        };
        sink.push(self.kind, url, self.priority, self.lastmod)
    }
}

/// An absolute http(s) URL, or a relative one (without spaces) resolved against `base`.
fn resolve(raw: &str, base: &Url) -> Option<Url> {
    let raw = raw.trim();
    if raw.is_empty() || raw.len() > SiteUrl::MAX_LEN {
        return None;
    }
    let url = match Url::parse(raw) {
        Ok(url) => url,
        Err(url::ParseError::RelativeUrlWithoutBase)
            if !raw.contains(|c: char| c.is_ascii_whitespace()) =>
        {
            base.join(raw).ok()?
        }
        Err(_) => return None,
    };
    Some(url).filter(is_http)
}

fn is_http(url: &Url) -> bool {
    matches!(url.scheme(), "http" | "https") && url.host().is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::GzEncoder;
    use flate2::Compression;
    use std::io::Write;
    use std::time::{Duration, Instant};

    fn base() -> Url {
        Url::parse("https://example.com/sitemap.xml").unwrap()
    }

    fn parse(doc: &str) -> ParsedSitemap {
        parse_sitemap(doc.as_bytes(), &base(), SitemapLimits::default())
    }

    fn page_urls(parsed: &ParsedSitemap) -> Vec<&str> {
        parsed.pages.iter().map(|p| p.url.as_str()).collect()
    }

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
        encoder.write_all(data).unwrap();
        encoder.finish().unwrap()
    }

    fn urlset(n: usize) -> String {
        let mut doc = String::from(
            r#"<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">"#,
        );
        for i in 0..n {
            doc.push_str(&format!(
                "<url><loc>https://example.com/p/{i}</loc></url>\n"
            ));
        }
        doc.push_str("</urlset>");
        doc
    }

    #[test]
    fn reads_a_urlset_with_priority_and_lastmod() {
        let parsed = parse(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
  <url>
    <loc>https://example.com/</loc>
    <lastmod>2024-01-02</lastmod>
    <priority>1.0</priority>
    <image:image><image:loc>https://example.com/logo.png</image:loc></image:image>
  </url>
  <url><loc>https://example.com/contact?a=1&amp;b=2</loc><priority>7</priority></url>
</urlset>"#,
        );
        assert!(!parsed.damaged && !parsed.capped);
        assert_eq!(
            parsed.pages,
            vec![
                SitemapEntry {
                    url: Url::parse("https://example.com/").unwrap(),
                    priority: Some(1.0),
                    lastmod: Some("2024-01-02".into()),
                },
                SitemapEntry {
                    url: Url::parse("https://example.com/contact?a=1&b=2").unwrap(),
                    priority: None,
                    lastmod: None,
                },
            ]
        );
    }

    #[test]
    fn any_namespace_prefix_whitespace_cdata_and_bom() {
        let doc = "\u{feff}<?xml version=\"1.0\"?>\n<sm:urlset xmlns:sm=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\
            <sm:url><sm:loc>\n\t  https://example.com/about  \n</sm:loc></sm:url>\
            <sm:url><sm:loc><![CDATA[https://example.com/menu?x=1&y=2]]></sm:loc></sm:url>\
            <sm:url><sm:loc> <![CDATA[ https://example.com/team ]]> </sm:loc></sm:url>\
            </sm:urlset>";
        let parsed = parse(doc);
        assert!(!parsed.damaged);
        assert_eq!(
            page_urls(&parsed),
            [
                "https://example.com/about",
                "https://example.com/menu?x=1&y=2",
                "https://example.com/team"
            ]
        );
    }

    #[test]
    fn reads_a_sitemap_index() {
        let parsed = parse(
            r#"<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://example.com/pages.xml</loc><lastmod>2024-01-01</lastmod></sitemap>
  <sitemap><loc>/posts.xml.gz</loc></sitemap>
</sitemapindex>"#,
        );
        let got: Vec<&str> = parsed.sitemaps.iter().map(Url::as_str).collect();
        assert_eq!(
            got,
            [
                "https://example.com/pages.xml",
                "https://example.com/posts.xml.gz"
            ]
        );
        assert!(parsed.pages.is_empty());
    }

    #[test]
    fn reads_rss_items_not_the_channel_link() {
        let parsed = parse(
            r#"<?xml version="1.0"?><rss version="2.0"><channel>
<title>News</title><link>https://example.com/</link>
<image><url>https://example.com/logo.png</url><link>https://example.com/</link></image>
<item><title>A</title><link>https://example.com/a</link><pubDate>Mon, 01 Jan 2024 00:00:00 GMT</pubDate></item>
<item><title>B</title><link> https://example.com/b </link></item>
</channel></rss>"#,
        );
        assert_eq!(
            page_urls(&parsed),
            ["https://example.com/a", "https://example.com/b"]
        );
        assert_eq!(
            parsed.pages[0].lastmod.as_deref(),
            Some("Mon, 01 Jan 2024 00:00:00 GMT")
        );
    }

    #[test]
    fn reads_atom_alternate_links() {
        let parsed = parse(
            r#"<feed xmlns="http://www.w3.org/2005/Atom">
<link rel="self" href="https://example.com/feed.atom"/>
<entry><link rel="edit" href="https://example.com/edit/1"/><link rel="alternate" href="https://example.com/one"/><updated>2024-02-03T00:00:00Z</updated></entry>
<entry><link href="/two"></link></entry>
<entry><link rel="enclosure" href="https://example.com/a.mp3"/></entry>
</feed>"#,
        );
        assert_eq!(
            page_urls(&parsed),
            ["https://example.com/one", "https://example.com/two"]
        );
        assert_eq!(
            parsed.pages[0].lastmod.as_deref(),
            Some("2024-02-03T00:00:00Z")
        );
    }

    #[test]
    fn reads_plain_text_and_skips_junk_lines() {
        let parsed = parse(
            "https://example.com/a\r\n\n  https://example.com/b  \nnot a url\n/relative\nftp://example.com/f\n# comment\nhttps://example.com/c",
        );
        assert_eq!(
            page_urls(&parsed),
            [
                "https://example.com/a",
                "https://example.com/b",
                "https://example.com/c"
            ]
        );
        assert!(!parsed.damaged);
    }

    #[test]
    fn keeps_only_http_urls() {
        let parsed = parse(
            r#"<urlset><url><loc>ftp://example.com/a</loc></url><url><loc>mailto:a@example.com</loc></url>
<url><loc>javascript:alert(1)</loc></url><url><loc>not a url</loc></url><url><loc>http://example.com/ok</loc></url></urlset>"#,
        );
        assert_eq!(page_urls(&parsed), ["http://example.com/ok"]);
    }

    #[test]
    fn truncated_xml_keeps_complete_entries() {
        let parsed = parse(
            "<urlset><url><loc>https://example.com/a</loc></url><url><loc>https://example.com/b</loc><lastmod>2024",
        );
        assert!(parsed.damaged);
        assert_eq!(
            page_urls(&parsed),
            ["https://example.com/a", "https://example.com/b"]
        );
        // A URL cut mid-way is never taken for a page.
        let parsed = parse(
            "<urlset><url><loc>https://example.com/a</loc></url><url><loc>https://example.com/lon",
        );
        assert!(parsed.damaged);
        assert_eq!(page_urls(&parsed), ["https://example.com/a"]);
    }

    #[test]
    fn malformed_xml_keeps_what_came_before() {
        let parsed = parse(
            "<urlset><url><loc>https://example.com/a</loc></url><url><loc>https://example.com/b</lock></url><url><loc>https://example.com/c</loc></url></urlset>",
        );
        assert!(parsed.damaged);
        assert_eq!(page_urls(&parsed), ["https://example.com/a"]);
    }

    #[test]
    fn a_dangling_ampersand_is_tolerated() {
        let parsed = parse("<urlset><url><loc>https://example.com/s?a=1&b=2</loc></url></urlset>");
        assert_eq!(page_urls(&parsed), ["https://example.com/s?a=1&b=2"]);
    }

    #[test]
    fn billion_laughs_is_never_expanded() {
        let mut dtd = String::from("<!DOCTYPE urlset [\n<!ENTITY lol0 \"lol\">\n");
        for i in 1..=9 {
            let prev = format!("&lol{};", i - 1);
            dtd.push_str(&format!("<!ENTITY lol{i} \"{}\">\n", prev.repeat(10)));
        }
        dtd.push_str("]>\n");
        let doc = format!(
            "<?xml version=\"1.0\"?>\n{dtd}<urlset><url><loc>&lol9;</loc></url>\
             <url><loc>https://example.com/&lol9;</loc></url>\
             <url><loc>https://example.com/ok</loc><lastmod>&lol9;</lastmod></url></urlset>"
        );
        let start = Instant::now();
        let parsed = parse(&doc);
        assert!(start.elapsed() < Duration::from_secs(1));
        assert_eq!(page_urls(&parsed), ["https://example.com/ok"]);
        assert_eq!(parsed.pages[0].lastmod, None);
        // Same in an Atom href.
        let doc =
            format!("{dtd}<feed><entry><link href=\"https://example.com/&lol9;\"/></entry></feed>");
        assert!(parse(&doc).pages.is_empty());
    }

    #[test]
    fn fifty_thousand_urls_fit_and_more_are_capped() {
        let parsed = parse(&urlset(50_000));
        assert_eq!(parsed.pages.len(), 50_000);
        assert!(!parsed.capped && !parsed.damaged);
        let parsed = parse(&urlset(60_000));
        assert_eq!(parsed.pages.len(), 50_000);
        assert!(parsed.capped);
        assert_eq!(
            parsed.pages.last().unwrap().url.as_str(),
            "https://example.com/p/49999"
        );
    }

    #[test]
    fn reads_gzip_by_magic_bytes() {
        let parsed = parse_sitemap(
            &gzip(urlset(3).as_bytes()),
            &base(),
            SitemapLimits::default(),
        );
        assert_eq!(parsed.pages.len(), 3);
        assert!(!parsed.damaged);
        let text = gzip(b"https://example.com/a\nhttps://example.com/b\n");
        assert_eq!(
            parse_sitemap(&text, &base(), SitemapLimits::default())
                .pages
                .len(),
            2
        );
    }

    #[test]
    fn a_cut_gzip_stream_keeps_its_prefix() {
        let full = gzip(urlset(2_000).as_bytes());
        let parsed = parse_sitemap(&full[..full.len() / 2], &base(), SitemapLimits::default());
        assert!(parsed.damaged);
        assert!(!parsed.pages.is_empty() && parsed.pages.len() < 2_000);
    }

    #[test]
    fn a_gzip_bomb_stops_at_the_cap() {
        // 1 GiB of zeros: 1,024 gzip members of 1 MiB each, about 1 MB on the wire.
        let member = gzip(&vec![0u8; 1024 * 1024]);
        let bomb: Vec<u8> = member.repeat(1024);
        assert!(bomb.len() < 2 * 1024 * 1024);
        let limits = SitemapLimits {
            max_entries: 50_000,
            max_decompressed_bytes: 4 * 1024 * 1024,
        };
        let start = Instant::now();
        let parsed = parse_sitemap(&bomb, &base(), limits);
        assert!(start.elapsed() < Duration::from_secs(5));
        assert!(parsed.damaged);
        assert!(parsed.pages.is_empty());
        // One member that inflates past the cap on its own.
        let single = gzip(&vec![b' '; 16 * 1024 * 1024]);
        let parsed = parse_sitemap(&single, &base(), limits);
        assert!(parsed.damaged && parsed.pages.is_empty());
    }

    #[test]
    fn honours_a_declared_legacy_encoding() {
        let mut doc = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel><item><link>https://example.com/caf".to_vec();
        doc.push(0xe9);
        doc.extend_from_slice(b"</link></item></channel></rss>");
        let parsed = parse_sitemap(&doc, &base(), SitemapLimits::default());
        assert_eq!(page_urls(&parsed), ["https://example.com/caf%C3%A9"]);
    }

    #[test]
    fn an_html_page_yields_nothing() {
        let parsed = parse("<!DOCTYPE html><html><head><link href=\"/style.css\" rel=\"stylesheet\"></head><body><a href=\"/a\">a</a></body></html>");
        assert!(parsed.pages.is_empty() && parsed.sitemaps.is_empty());
    }
}
