//! robots.txt for our product token: allow/disallow through the `robotstxt` crate (a port of
//! Google's parser: groups, `*`, `$`, longest match wins), plus the Sitemap and Crawl-delay lines
//! it leaves to us.
//!
//! The crate is an older port than Google's current parser, so we read the file once with its
//! line parser and hand its matcher a compact body of only the User-agent, Allow and Disallow
//! lines. That gives today's Google grouping (a Sitemap or unknown line no longer ends a group),
//! makes each [`RobotsRules::is_allowed`] cheap, and, with [`clean_lines`] and [`LinearMatch`],
//! keeps any robots.txt from making the crate panic or spend quadratic time.

use robotstxt::matcher::{RobotsMatchStrategy, RobotsMatcher};
use robotstxt::{parse_robotstxt, RobotsParseHandler};
use std::time::Duration;
use url::Url;

pub const PRODUCT_TOKEN: &str = "AgentBuilderBot";
/// Largest robots.txt we read (Google: 500 KiB); the rest is ignored.
pub const MAX_ROBOTS_BYTES: usize = 500 * 1024;
/// Most Sitemap: URLs kept from one robots.txt.
pub const MAX_SITEMAPS: usize = 50;
/// Google keeps the first 2083 * 8 - 1 bytes of a line and drops the rest.
const MAX_LINE_BYTES: usize = 2083 * 8 - 1;

#[derive(Debug, Clone)]
pub struct RobotsRules {
    /// The User-agent, Allow and Disallow lines the matcher reads on every check.
    rules: String,
    agent: String,
    crawl_delay: Option<Duration>,
    sitemaps: Vec<Url>,
}

impl RobotsRules {
    /// Parses a robots.txt body fetched from `robots_url` (Sitemap: lines resolve against it).
    pub fn parse(body: &str, robots_url: &Url) -> Self {
        Self::parse_for(body, robots_url, PRODUCT_TOKEN)
    }

    /// The same rules read for another crawler's token (the evaluation against peer suites).
    pub fn parse_for(body: &str, robots_url: &Url, agent: &str) -> Self {
        let collector = collect(body, agent, Some(robots_url));
        Self {
            crawl_delay: collector.crawl_delay(),
            sitemaps: collector.sitemaps,
            rules: collector.rules,
            agent: agent.to_owned(),
        }
    }

    /// Rules when robots.txt answered 4xx: everything allowed (RFC 9309).
    pub fn allow_all() -> Self {
        Self {
            rules: String::new(),
            agent: PRODUCT_TOKEN.to_owned(),
            crawl_delay: None,
            sitemaps: Vec::new(),
        }
    }

    pub fn is_allowed(&self, url: &Url) -> bool {
        self.rules.is_empty() || matcher_allows(&self.rules, &self.agent, url.as_str())
    }

    /// Crawl-delay from the group that applies to us (our token's group, else `*`), if any.
    /// A Crawl-delay written before any User-agent line belongs to `*`.
    pub fn crawl_delay(&self) -> Option<Duration> {
        self.crawl_delay
    }

    /// Sitemap: URLs (absolute, http/https only, deduplicated, at most 50).
    pub fn sitemaps(&self) -> &[Url] {
        &self.sitemaps
    }
}

/// Whether `user_agent` may fetch `url` under `body`, with Google's semantics. `url` may be a
/// full URL or a bare path. For the evaluation; the crawler uses [`RobotsRules`].
pub fn agent_allowed(body: &str, user_agent: &str, url: &str) -> bool {
    matcher_allows(&collect(body, user_agent, None).rules, user_agent, url)
}

fn matcher_allows(rules: &str, agent: &str, url: &str) -> bool {
    RobotsMatcher::<LinearMatch>::default().one_agent_allowed_by_robots(rules, agent, url)
}

fn collect<'a>(body: &str, agent: &'a str, robots_url: Option<&'a Url>) -> Collector<'a> {
    let body = crate::html::truncate_at_char(body, MAX_ROBOTS_BYTES);
    let body = body.strip_prefix('\u{feff}').unwrap_or(body);
    let mut collector = Collector::new(agent, robots_url);
    parse_robotstxt(&clean_lines(body), &mut collector);
    collector
}

/// Each line cut at [`MAX_LINE_BYTES`] (on a character boundary) and then trimmed, NULs
/// dropped. Google does the same cut and trim; the crate counts a long line's skipped tail in
/// characters while slicing in bytes (multi-byte text there makes it panic) and trims only lines
/// with a comment (so an indented "disallow /" was lost). NULs are never meant: "Disallow:
/// /private\0" keeps its evident meaning.
fn clean_lines(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while !rest.is_empty() {
        let end = rest.find(['\n', '\r']).unwrap_or(rest.len());
        let line = crate::html::truncate_at_char(&rest[..end], MAX_LINE_BYTES);
        let line = line.trim_matches(|c: char| c.is_ascii_whitespace() || c == '\0');
        out.extend(line.chars().filter(|c| *c != '\0'));
        let after = rest[end..].chars().next().map_or(0, char::len_utf8);
        out.push_str(&rest[end..end + after]);
        rest = &rest[end + after..];
    }
    out
}

/// Google's pattern semantics (`*` any run, `$` at the very end anchors, otherwise a prefix
/// match) in linear time. The crate's own matcher inserts into a vector for every position and
/// walks the path with `chars().nth`, which a robots.txt full of `*` turns into minutes.
#[derive(Debug, Default)]
struct LinearMatch;

impl RobotsMatchStrategy for LinearMatch {
    fn match_allow(&self, path: &str, pattern: &str) -> i32 {
        priority(path, pattern)
    }

    fn match_disallow(&self, path: &str, pattern: &str) -> i32 {
        priority(path, pattern)
    }

    fn matches(path: &str, pattern: &str) -> bool {
        pattern_matches(path, pattern)
    }
}

/// Longest match wins: the priority is the pattern's length, -1 when it does not match.
fn priority(path: &str, pattern: &str) -> i32 {
    if pattern_matches(path, pattern) {
        i32::try_from(pattern.len()).unwrap_or(i32::MAX)
    } else {
        -1
    }
}

fn pattern_matches(path: &str, pattern: &str) -> bool {
    let (pattern, anchored) = match pattern.strip_suffix('$') {
        Some(p) => (p, true),
        None => (pattern, false),
    };
    let mut pieces = pattern.split('*');
    let first = pieces.next().unwrap_or_default();
    let Some(mut rest) = path.strip_prefix(first) else {
        return false;
    };
    let tail: Vec<&str> = pieces.collect();
    let Some((last, middle)) = tail.split_last() else {
        return !anchored || rest.is_empty();
    };
    // Taking each middle piece at its leftmost match leaves the most room for the others.
    for piece in middle {
        match rest.find(piece) {
            Some(at) => rest = &rest[at + piece.len()..],
            None => return false,
        }
    }
    if anchored {
        rest.ends_with(last)
    } else {
        rest.contains(last)
    }
}

/// Reads the file once: the compact rules for the matcher, the Sitemap lines, and the
/// Crawl-delay of the group that applies to `agent` (its own if the file names it anywhere, else
/// `*`). As in Google's parser, consecutive User-agent lines form one group and an Allow or
/// Disallow ends its list of agents; a valid Crawl-delay ends it too (it is that group's rule),
/// while Sitemap and unknown lines belong to no group.
///
/// Rules written before any User-agent line are read as a `*` group. Google drops them, but
/// "Disallow: /private" at the top of a file plainly means every crawler, and being wrong the
/// other way costs the site.
struct Collector<'a> {
    agent: &'a str,
    /// Where relative Sitemap: paths resolve; None when only the rules are wanted.
    robots_url: Option<&'a Url>,
    rules: String,
    in_agent_lines: bool,
    seen_agent: bool,
    group_is_ours: bool,
    group_is_global: bool,
    /// The file has a group for `agent`: the `*` rules do not apply to it.
    has_own_group: bool,
    ours: Option<Duration>,
    global: Option<Duration>,
    sitemaps: Vec<Url>,
}

impl<'a> Collector<'a> {
    fn new(agent: &'a str, robots_url: Option<&'a Url>) -> Self {
        Self {
            agent,
            robots_url,
            rules: String::new(),
            in_agent_lines: false,
            seen_agent: false,
            group_is_ours: false,
            group_is_global: false,
            has_own_group: false,
            ours: None,
            global: None,
            sitemaps: Vec::new(),
        }
    }

    fn crawl_delay(&self) -> Option<Duration> {
        if self.has_own_group {
            self.ours
        } else {
            self.global
        }
    }

    /// A rule before any User-agent line opens the `*` group it is read as.
    fn open_leading_group(&mut self) {
        if !self.seen_agent {
            self.handle_user_agent(0, "*");
        }
    }

    /// One directive for the matcher. Values come back trimmed, without comments and already
    /// escaped (escaping again changes nothing).
    fn keep_rule(&mut self, key: &str, value: &str) {
        self.rules.push_str(key);
        self.rules.push_str(": ");
        self.rules.push_str(value);
        self.rules.push('\n');
    }

    fn add_sitemap(&mut self, value: &str) {
        let Some(robots_url) = self.robots_url else {
            return;
        };
        if self.sitemaps.len() >= MAX_SITEMAPS {
            return;
        }
        // Absolute URLs, or a path on the robots.txt's site; a bare word is not a location.
        let url = match Url::parse(value) {
            Ok(url) => url,
            Err(_) if value.starts_with('/') => match robots_url.join(value) {
                Ok(url) => url,
                Err(_) => return,
            },
            Err(_) => return,
        };
        if matches!(url.scheme(), "http" | "https")
            && url.host().is_some()
            && !self.sitemaps.contains(&url)
        {
            self.sitemaps.push(url);
        }
    }

    fn add_crawl_delay(&mut self, value: &str) {
        let Some(delay) = parse_delay(value) else {
            return;
        };
        if !self.seen_agent {
            // Before any group: `*`'s, without opening a group the next agents would join.
            self.global.get_or_insert(delay);
            return;
        }
        self.in_agent_lines = false;
        if self.group_is_ours {
            self.ours.get_or_insert(delay);
        }
        if self.group_is_global {
            self.global.get_or_insert(delay);
        }
    }
}

impl RobotsParseHandler for Collector<'_> {
    fn handle_robots_start(&mut self) {}

    fn handle_robots_end(&mut self) {}

    fn handle_user_agent(&mut self, _line: u32, user_agent: &str) {
        self.keep_rule("user-agent", user_agent);
        if !self.in_agent_lines {
            self.group_is_ours = false;
            self.group_is_global = false;
        }
        self.in_agent_lines = true;
        self.seen_agent = true;
        if is_global_agent(user_agent) {
            self.group_is_global = true;
        } else if product_token(user_agent).eq_ignore_ascii_case(self.agent) {
            self.group_is_ours = true;
            self.has_own_group = true;
        }
    }

    fn handle_allow(&mut self, _line: u32, value: &str) {
        self.open_leading_group();
        self.keep_rule("allow", value);
        self.in_agent_lines = false;
    }

    fn handle_disallow(&mut self, _line: u32, value: &str) {
        self.open_leading_group();
        self.keep_rule("disallow", value);
        self.in_agent_lines = false;
    }

    fn handle_sitemap(&mut self, _line: u32, value: &str) {
        self.add_sitemap(value);
    }

    fn handle_unknown_action(&mut self, _line: u32, action: &str, value: &str) {
        // "Crawl-delay", "crawl delay", "crawldelay"; "site map" (the crate knows "site-map").
        let key: String = action
            .chars()
            .filter(|c| !matches!(c, '-' | '_' | ' ' | '\t'))
            .flat_map(char::to_lowercase)
            .collect();
        match key.as_str() {
            "crawldelay" => self.add_crawl_delay(value),
            "sitemap" => self.add_sitemap(value),
            _ => {}
        }
    }
}

/// `*` alone or followed by whitespace, as the matcher reads it.
fn is_global_agent(user_agent: &str) -> bool {
    user_agent
        .strip_prefix('*')
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(char::is_whitespace))
}

/// The product token of a User-agent value: its leading letters, `-` and `_` ("FooBot/2.1" →
/// "FooBot"), as Google compares them.
fn product_token(user_agent: &str) -> &str {
    let end = user_agent
        .find(|c: char| !(c.is_ascii_alphabetic() || c == '-' || c == '_'))
        .unwrap_or(user_agent.len());
    &user_agent[..end]
}

/// Decimal seconds; negative, infinite, NaN and anything that is not a number are ignored.
fn parse_delay(value: &str) -> Option<Duration> {
    let value = value.trim();
    if !value
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'+'))
    {
        return None;
    }
    let secs: f64 = value.parse().ok()?;
    Duration::try_from_secs_f64(secs).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    fn robots_url() -> Url {
        Url::parse("https://example.com/robots.txt").unwrap()
    }

    fn rules(body: &str) -> RobotsRules {
        RobotsRules::parse(body, &robots_url())
    }

    fn url(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    #[test]
    fn our_group_wins_over_the_global_one() {
        let r = rules(
            "User-agent: *\nDisallow: /\n\nUser-agent: AgentBuilderBot\nDisallow: /private\n",
        );
        assert!(r.is_allowed(&url("https://example.com/about")));
        assert!(!r.is_allowed(&url("https://example.com/private/x")));
    }

    #[test]
    fn global_group_applies_when_we_are_not_named() {
        let r = rules("User-agent: OtherBot\nDisallow: /\n\nUser-agent: *\nDisallow: /admin\n");
        assert!(r.is_allowed(&url("https://example.com/")));
        assert!(!r.is_allowed(&url("https://example.com/admin/login")));
    }

    #[test]
    fn longest_match_wildcards_and_anchors() {
        let r = rules("User-agent: *\nDisallow: /shop\nAllow: /shop/about\nDisallow: /*.pdf$\n");
        assert!(!r.is_allowed(&url("https://example.com/shop/cart")));
        assert!(r.is_allowed(&url("https://example.com/shop/about-us")));
        assert!(!r.is_allowed(&url("https://example.com/files/menu.pdf")));
        assert!(r.is_allowed(&url("https://example.com/files/menu.pdf?v=2")));
    }

    #[test]
    fn allow_all_and_empty_bodies_allow_everything() {
        assert!(RobotsRules::allow_all().is_allowed(&url("https://example.com/x")));
        assert!(rules("").is_allowed(&url("https://example.com/x")));
        assert!(rules("garbage\n\0\0 no rules here").is_allowed(&url("https://example.com/x")));
    }

    #[test]
    fn token_matches_by_prefix_and_case() {
        let r = rules("User-agent: agentbuilderbot/1.0\nDisallow: /\n");
        assert!(!r.is_allowed(&url("https://example.com/")));
        // Another bot whose name merely starts like ours is not us.
        let r = rules("User-agent: AgentBuilderBotX\nDisallow: /\n");
        assert!(r.is_allowed(&url("https://example.com/")));
    }

    #[test]
    fn crawl_delay_comes_from_our_group_else_global() {
        let body =
            "User-agent: *\nCrawl-delay: 5\n\nUser-agent: AgentBuilderBot\nCrawl-delay: 1.5\n";
        assert_eq!(rules(body).crawl_delay(), Some(Duration::from_millis(1500)));
        let body = "User-agent: OtherBot\nCrawl-delay: 60\n\nUser-agent: *\nCrawl-delay: 2\n";
        assert_eq!(rules(body).crawl_delay(), Some(Duration::from_secs(2)));
        let body = "Crawl-delay: 9\nUser-agent: *\nDisallow: /x\n";
        assert_eq!(rules(body).crawl_delay(), Some(Duration::from_secs(9)));
        let body = "User-agent: OtherBot\nCrawl-delay: 60\n";
        assert_eq!(rules(body).crawl_delay(), None);
        // Our own group applies, delay or not; `*` is then not ours.
        let body = "User-agent: *\nCrawl-delay: 5\n\nUser-agent: AgentBuilderBot\nDisallow: /x\n";
        assert_eq!(rules(body).crawl_delay(), None);
    }

    #[test]
    fn rules_before_any_user_agent_are_everyones() {
        let r = rules("Disallow: /private\n\nUser-agent: OtherBot\nDisallow: /\n");
        assert!(!r.is_allowed(&url("https://example.com/private/a")));
        assert!(r.is_allowed(&url("https://example.com/about")));
        // A leading Crawl-delay opens no group that the next agents would join.
        let r = rules("Crawl-delay: 3\nUser-agent: OtherBot\nDisallow: /\n");
        assert!(r.is_allowed(&url("https://example.com/about")));
        assert_eq!(r.crawl_delay(), Some(Duration::from_secs(3)));
    }

    #[test]
    fn indented_lines_nuls_and_missing_colons_are_forgiven() {
        let r = rules("User-agent: *\n   disallow /a\n\tDisallow: /b\0\0\n");
        assert!(!r.is_allowed(&url("https://example.com/a")));
        assert!(!r.is_allowed(&url("https://example.com/b")));
        assert!(r.is_allowed(&url("https://example.com/c")));
    }

    #[test]
    fn crawl_delay_ignores_garbage() {
        for value in ["-1", "NaN", "inf", "soon", "1e400", "", "5 seconds", "0x10"] {
            let body = format!("User-agent: *\nCrawl-delay: {value}\n");
            assert_eq!(rules(&body).crawl_delay(), None, "{value:?}");
        }
        assert_eq!(
            rules("User-agent: *\nCrawl delay: 3\n").crawl_delay(),
            Some(Duration::from_secs(3))
        );
    }

    #[test]
    fn sitemaps_are_absolute_deduplicated_and_capped() {
        let mut body = String::from(
            "Sitemap: https://example.com/sitemap.xml\nsitemap: /news.xml\nSitemap: https://example.com/sitemap.xml\nSitemap: ftp://example.com/s.xml\nSitemap: junk\n",
        );
        let r = rules(&body);
        let got: Vec<&str> = r.sitemaps().iter().map(Url::as_str).collect();
        assert_eq!(
            got,
            [
                "https://example.com/sitemap.xml",
                "https://example.com/news.xml"
            ]
        );
        for i in 0..100 {
            body.push_str(&format!("Sitemap: https://example.com/s{i}.xml\n"));
        }
        assert_eq!(rules(&body).sitemaps().len(), MAX_SITEMAPS);
    }

    #[test]
    fn a_byte_order_mark_does_not_hide_the_first_line() {
        let r = rules("\u{feff}User-agent: *\nDisallow: /\n");
        assert!(!r.is_allowed(&url("https://example.com/page")));
    }

    #[test]
    fn long_multibyte_lines_do_not_panic() {
        let line = "é".repeat(20_000);
        let body = format!("User-agent: *\nDisallow: /{line}\nDisallow: /private\n");
        let r = rules(&body);
        assert!(!r.is_allowed(&url("https://example.com/private")));
        assert!(r.is_allowed(&url("https://example.com/public")));
    }

    #[test]
    fn oversized_bodies_are_cut_at_the_cap() {
        let filler = "# padding\n".repeat(MAX_ROBOTS_BYTES / 10 + 10);
        let body = format!("User-agent: *\n{filler}Disallow: /\n");
        assert!(rules(&body).is_allowed(&url("https://example.com/page")));
    }

    #[test]
    fn star_heavy_rules_stay_fast() {
        let pattern = format!("/{}", "*a".repeat(2_000));
        let line = format!("Disallow: {pattern}\n");
        let body = format!("User-agent: *\n{}", line.repeat(50));
        let r = rules(&body);
        let target = url(&format!("https://example.com/{}", "a".repeat(1_500)));
        let start = Instant::now();
        assert!(r.is_allowed(&target));
        assert!(start.elapsed() < Duration::from_secs(2));
    }

    #[test]
    fn pattern_semantics_match_google() {
        assert!(pattern_matches("/fish.php?id=1", "/fish*.php"));
        assert!(pattern_matches("/fish", "/fish$"));
        assert!(!pattern_matches("/fish/", "/fish$"));
        assert!(pattern_matches("/a$b", "/a$b"));
        assert!(pattern_matches("/x/y.php", "/*.php$"));
        assert!(!pattern_matches("/x/y.php5", "/*.php$"));
        assert!(pattern_matches("/anything", ""));
        assert!(!pattern_matches("/", "$"));
        assert!(pattern_matches("/abcabc", "/*abc$"));
    }

    /// A sample of Google's robots_test.cc and texting_robots' tests, copied so the tests run
    /// without the peer suites (see testdata/robots_cases.LICENSE).
    #[test]
    fn peer_suite_sample() {
        #[derive(serde::Deserialize)]
        struct Suite {
            cases: Vec<Case>,
        }
        #[derive(serde::Deserialize)]
        struct Case {
            kind: String,
            robots_txt: String,
            user_agent: String,
            url: Option<String>,
            expected_allowed: Option<bool>,
            expected_crawl_delay: Option<f64>,
            expected_sitemaps: Option<Vec<String>>,
            source: String,
        }
        let suite: Suite =
            serde_json::from_str(include_str!("testdata/robots_cases.json")).unwrap();
        assert!(suite.cases.len() >= 10);
        for case in suite.cases {
            let rules = RobotsRules::parse_for(&case.robots_txt, &robots_url(), &case.user_agent);
            match case.kind.as_str() {
                "allowed" => {
                    let target = case.url.unwrap_or_default();
                    assert_eq!(
                        agent_allowed(&case.robots_txt, &case.user_agent, &target),
                        case.expected_allowed.unwrap(),
                        "{}",
                        case.source
                    );
                }
                "crawl_delay" => assert_eq!(
                    rules.crawl_delay().map(|d| d.as_secs_f64()),
                    case.expected_crawl_delay,
                    "{}",
                    case.source
                ),
                "sitemaps" => {
                    let expected: Vec<Url> = case
                        .expected_sitemaps
                        .unwrap()
                        .iter()
                        .map(|s| robots_url().join(s).unwrap())
                        .collect();
                    assert_eq!(rules.sitemaps(), expected.as_slice(), "{}", case.source);
                }
                other => panic!("unknown kind {other}"),
            }
        }
    }
}
