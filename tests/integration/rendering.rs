//! Sites only a browser sees, each through the whole job on the local stack (dev server →
//! DynamoDB + SQS → worker → headless Chromium behind the guard proxy): client-routed apps,
//! pages hydrated from an API, framework data read without a browser, timers, spinners, and
//! pages that try to get out — to another local port, the metadata address, a private network —
//! or to take the machine down with windows, memory or downloads.
//!
//! These tests need Chromium: `bash infra/test.sh` installs Debian's `chromium-headless-shell`.

use bytes::Bytes;
use http_body_util::Full;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::net::TcpListener;

use agent_builder_core::domain::{NetworkPolicy, SiteUrl};
use agent_builder_engine::crawl::NoProgress;
use agent_builder_engine::render::{browser::find_browser, RenderMode};
use agent_builder_engine::wiring;
use agent_builder_local::local_config::LocalConfig;

use crate::helpers::{serve_with, stack, Api, TestStack};

/// Requests a fixture site received, by path.
type Hits = Arc<Mutex<HashMap<String, usize>>>;

fn respond(status: u16, content_type: &str, body: &str) -> hyper::Response<Full<Bytes>> {
    hyper::Response::builder()
        .status(status)
        .header("content-type", content_type)
        .body(Full::new(Bytes::from(body.to_owned())))
        .unwrap()
}

/// Serves `routes` (path → content type, body; content type "redirect": a 302 to the body);
/// 404 elsewhere. Counts every request.
async fn site(routes: Vec<(&'static str, &'static str, String)>) -> (String, Hits) {
    let hits: Hits = Arc::default();
    let counted = hits.clone();
    let routes: HashMap<&'static str, (&'static str, String)> = routes
        .into_iter()
        .map(|(path, ct, body)| (path, (ct, body)))
        .collect();
    let base = serve_with(Arc::new(move |path: &str| {
        *counted.lock().unwrap().entry(path.to_owned()).or_default() += 1;
        match routes.get(path) {
            // A redirect: the body is where to.
            Some((ct, to)) if *ct == "redirect" => hyper::Response::builder()
                .status(302)
                .header("location", to.as_str())
                .body(Full::new(Bytes::new()))
                .unwrap(),
            Some((ct, body)) => respond(200, ct, body),
            None => respond(404, "text/html", "<h1>Not found</h1>"),
        }
    }))
    .await;
    (base, hits)
}

fn hits_of(hits: &Hits, path: &str) -> usize {
    hits.lock().unwrap().get(path).copied().unwrap_or(0)
}

/// A port that counts every TCP connection made to it (whatever protocol follows).
async fn counting_port() -> (u16, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let count = Arc::new(AtomicUsize::new(0));
    let counter = count.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            counter.fetch_add(1, Ordering::SeqCst);
            drop(stream);
        }
    });
    (port, count)
}

fn shell(title: &str, script_path: &str) -> String {
    format!(
        r#"<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<script type="module" src="{script_path}"></script></head>
<body><noscript>You need to enable JavaScript to run this app.</noscript><div id="root"></div></body></html>"#
    )
}

fn require_browser() {
    assert!(
        find_browser(std::env::var_os("CHROMIUM_PATH").map(std::path::PathBuf::from).as_deref()).is_some(),
        "the rendering tests need Chromium: run them through `bash infra/test.sh`, which installs chromium-headless-shell"
    );
}

/// The stack's config with everything guarded except exactly `site`'s origin.
fn guarded_config(stack: &TestStack, site: &str) -> LocalConfig {
    let mut config = stack.config(50);
    config.network_policy = NetworkPolicy::Public
        .with_allowed_origins(&[site.to_owned()])
        .unwrap();
    config.render.mode = RenderMode::Auto;
    config.chromium.page_timeout = Duration::from_secs(15);
    config.crawl.budget = Duration::from_secs(40);
    config
}

/// Runs one job through a dev server over `config`; returns the job's data and the agent (if
/// completed).
async fn run_job(stack: &TestStack, config: &LocalConfig, body: Value) -> (Value, Option<Value>) {
    let server = stack.dev_server(config).await;
    let api = Api::new(
        format!("http://{}", server.addr),
        stack.api_key("ws-render").await,
    );
    let outcome = run_on(&api, body).await;
    server.shutdown().await;
    outcome
}

async fn run_on(api: &Api, body: Value) -> (Value, Option<Value>) {
    let (status, _, created) = api.create(body).await;
    assert_eq!(status, 201, "{created}");
    let job_id = created["data"]["job_id"].as_str().unwrap().to_owned();
    let data = wait_long(api, &job_id).await;
    let agent = match data["agent_id"].as_str() {
        Some(id) => {
            let (status, agent) = api.get_agent(id).await;
            assert_eq!(status, 200, "{agent}");
            Some(agent["data"].clone())
        }
        None => None,
    };
    (data, agent)
}

/// Like `Api::wait_for_job`, with room for a few browser starts.
async fn wait_long(api: &Api, job_id: &str) -> Value {
    for _ in 0..1200 {
        let (status, body) = api.get(job_id).await;
        assert_eq!(status, 200, "{body}");
        let state = body["data"]["status"].as_str().unwrap().to_owned();
        if state == "completed" || state == "failed" {
            return body["data"].clone();
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("job {job_id} did not finish within 120 s");
}

fn digits(v: &Value) -> String {
    v.to_string().chars().filter(char::is_ascii_digit).collect()
}

fn rendered(data: &Value) -> u64 {
    data["progress"]["pages_rendered"].as_u64().unwrap_or(0)
}

const SPA_APP: &str = r#"
const views = {
  "/": `<h1>Blue Fern Yoga</h1><p>Blue Fern Yoga is a neighbourhood yoga studio in Portland offering small classes for every level, from gentle beginners' flow to strong vinyasa, with experienced teachers and a warm community.</p>`,
  "/contact": `<h1>Contact Blue Fern Yoga</h1><p>Call the studio on (503) 555-0142 or email hello@bluefernyoga.com.</p><p>1420 SE Hawthorne Blvd, Portland, OR 97214</p><p>Open Monday to Friday 7am to 8pm, Saturday 9am to 1pm.</p>`,
  "/classes": `<h1>Classes</h1><ul><li>Vinyasa Flow</li><li>Gentle Yoga for Beginners</li><li>Prenatal Yoga</li><li>Yin and Meditation</li></ul><p>All classes run for sixty minutes and mats are provided.</p>`,
};
function draw() {
  const view = views[location.pathname] || "<h1>Not found</h1>";
  document.title = "Blue Fern Yoga";
  document.getElementById("root").innerHTML =
    `<nav><a href="/">Home</a> <a href="/classes">Classes</a> <a href="/contact">Contact</a></nav><main>${view}</main>`;
}
document.addEventListener("click", (e) => {
  const a = e.target.closest("a");
  if (a) { e.preventDefault(); history.pushState({}, "", a.getAttribute("href")); draw(); }
});
draw();
"#;

#[tokio::test]
async fn a_client_routed_app_is_rendered_route_by_route() {
    require_browser();
    let stack = stack().await;
    let page = shell("Loading…", "/assets/app.js");
    let (base, _) = site(vec![
        ("/", "text/html; charset=utf-8", page.clone()),
        ("/contact", "text/html; charset=utf-8", page.clone()),
        ("/classes", "text/html; charset=utf-8", page),
        ("/assets/app.js", "text/javascript", SPA_APP.to_owned()),
    ])
    .await;
    let config = guarded_config(&stack, &base);
    let (data, agent) = run_job(&stack, &config, json!({ "website_url": base })).await;
    assert_eq!(data["status"], "completed", "{data}");
    // The home page, and the two routes its rendered navigation links to.
    assert_eq!(rendered(&data), 3, "{data}");
    let agent = agent.unwrap();
    assert_eq!(agent["name"], "Blue Fern Yoga", "{agent}");
    assert!(digits(&agent).contains("5035550142"), "{agent}");
    let text = agent.to_string();
    assert!(text.contains("Hawthorne"), "{agent}");
    assert!(!text.contains("Loading"), "{agent}");
}

const HYDRATE_APP: &str = r#"
fetch("/api/business.json").then(r => r.json()).then(b => {
  document.title = b.name;
  document.getElementById("root").innerHTML =
    `<header><h1>${b.name}</h1></header><p>${b.about}</p>` +
    `<section><h2>Contact</h2><p>Phone: ${b.phone}</p><p>Email: ${b.email}</p><p>${b.street}, ${b.city}</p>` +
    `<h2>Opening hours</h2><p>${b.hours}</p></section>`;
});
"#;

const HYDRATE_JSON: &str = r#"{"name":"Castle Rock Plumbing","about":"Family-run plumbers serving Denver since 1994: leaks, water heaters, drains and emergency repairs, with upfront prices.","phone":"(720) 555-0117","email":"service@castlerockplumbing.com","street":"88 Larimer Street","city":"Denver, CO 80205","hours":"Monday to Saturday 7am to 7pm"}"#;

#[tokio::test]
async fn a_page_hydrated_from_a_json_api_gives_its_contacts() {
    require_browser();
    let stack = stack().await;
    let (base, hits) = site(vec![
        (
            "/",
            "text/html; charset=utf-8",
            shell("React App", "/static/js/main.js"),
        ),
        (
            "/static/js/main.js",
            "text/javascript",
            HYDRATE_APP.to_owned(),
        ),
        (
            "/api/business.json",
            "application/json",
            HYDRATE_JSON.to_owned(),
        ),
    ])
    .await;
    let config = guarded_config(&stack, &base);
    let (data, agent) = run_job(&stack, &config, json!({ "website_url": base })).await;
    assert_eq!(data["status"], "completed", "{data}");
    assert_eq!(rendered(&data), 1, "{data}");
    assert_eq!(hits_of(&hits, "/api/business.json"), 1);
    let agent = agent.unwrap();
    assert_eq!(agent["name"], "Castle Rock Plumbing", "{agent}");
    assert!(digits(&agent).contains("7205550117"), "{agent}");
    let text = agent.to_string();
    assert!(text.contains("service@castlerockplumbing.com"), "{agent}");
    assert!(text.contains("Larimer"), "{agent}");
}

#[tokio::test]
async fn next_data_is_read_without_a_browser() {
    let stack = stack().await;
    let page = r#"<!doctype html><html><head><title>Loading</title><script src="/_next/static/chunks/main.js" defer></script></head>
<body><div id="__next"></div><script id="__NEXT_DATA__" type="application/json">{"props":{"pageProps":{"shop":{"name":"Golden Crust Pizzeria","telephone":"(312) 555-0186","address":{"streetAddress":"2210 N Clark St","addressLocality":"Chicago","addressRegion":"IL"},"openingHours":"Tuesday to Sunday 11am to 10pm","about":"Thin-crust and deep-dish pizza baked in a wood-fired oven, for dine-in, pickup and delivery."}}},"page":"/","query":{},"buildId":"k2j3h4"}</script></body></html>"#;
    let (base, hits) = site(vec![
        ("/", "text/html; charset=utf-8", page.to_owned()),
        // The bundle would blank the page if a browser ran it: it must not be fetched.
        (
            "/_next/static/chunks/main.js",
            "text/javascript",
            "document.body.innerHTML='';".to_owned(),
        ),
    ])
    .await;
    let config = guarded_config(&stack, &base);
    let (data, agent) = run_job(&stack, &config, json!({ "website_url": base })).await;
    assert_eq!(data["status"], "completed", "{data}");
    assert_eq!(rendered(&data), 0, "{data}");
    assert_eq!(hits_of(&hits, "/_next/static/chunks/main.js"), 0);
    let agent = agent.unwrap();
    assert!(digits(&agent).contains("3125550186"), "{agent}");
    assert!(agent.to_string().contains("Clark"), "{agent}");
    assert_eq!(agent["name"], "Golden Crust Pizzeria", "{agent}");
}

#[tokio::test]
async fn content_drawn_after_a_timer_is_waited_for() {
    require_browser();
    let stack = stack().await;
    let app = r#"setTimeout(() => {
  document.title = "Harbor Light Veterinary Clinic";
  document.getElementById("root").innerHTML = "<h1>Harbor Light Veterinary Clinic</h1><p>Caring for cats, dogs and small pets in Halifax for twenty years. Vaccinations, dental care, surgery and nutrition advice. Call (902) 555-0163 to book a visit.</p>";
}, 4000);"#;
    let (base, _) = site(vec![
        (
            "/",
            "text/html; charset=utf-8",
            shell("Loading…", "/app.js"),
        ),
        ("/app.js", "text/javascript", app.to_owned()),
    ])
    .await;
    let config = guarded_config(&stack, &base);
    let (data, agent) = run_job(&stack, &config, json!({ "website_url": base })).await;
    assert_eq!(data["status"], "completed", "{data}");
    assert_eq!(rendered(&data), 1, "{data}");
    let agent = agent.unwrap();
    assert_eq!(agent["name"], "Harbor Light Veterinary Clinic", "{agent}");
    assert!(digits(&agent).contains("9025550163"), "{agent}");
}

const SPINNER: &str = r#"let n = 0;
setInterval(() => { document.getElementById("root").textContent = "Loading" + ".".repeat(n++ % 4); }, 50);
fetch("/api/never");"#;

#[tokio::test]
async fn a_spinner_that_never_finishes_fails_the_job_clearly_or_leaves_the_instructions() {
    require_browser();
    let stack = stack().await;
    let (base, _) = site(vec![
        (
            "/",
            "text/html; charset=utf-8",
            shell("Loading…", "/spin.js"),
        ),
        ("/spin.js", "text/javascript", SPINNER.to_owned()),
    ])
    .await;
    let mut config = guarded_config(&stack, &base);
    config.chromium.page_timeout = Duration::from_secs(8);
    let server = stack.dev_server(&config).await;
    let api = Api::new(
        format!("http://{}", server.addr),
        stack.api_key("ws-render").await,
    );
    let (data, agent) = run_on(&api, json!({ "website_url": base })).await;
    assert_eq!(data["status"], "failed", "{data}");
    assert!(agent.is_none());
    let error = data["error"].to_string();
    assert!(error.contains("built by JavaScript"), "{error}");

    let (data, agent) = run_on(
        &api,
        json!({ "website_url": base, "instructions": "Answer questions about our opening times for Spinning Top Toys." }),
    )
    .await;
    assert_eq!(data["status"], "completed", "{data}");
    let warnings = data["warnings"].to_string();
    assert!(warnings.contains("built by JavaScript"), "{warnings}");
    assert!(warnings.contains("instructions"), "{warnings}");
    assert_ne!(agent.unwrap()["name"], "Loading…");
    server.shutdown().await;
}

/// A page on the allowed origin that tries every way out of it: to another port on the same
/// machine, the cloud metadata address, and a private address.
fn escape_page(targets: &[String]) -> String {
    let mut tries = String::new();
    for (i, t) in targets.iter().enumerate() {
        let host = t.trim_start_matches("http://");
        tries.push_str(&format!(
            r#"
try {{ fetch("{t}/fetch", {{ mode: "no-cors" }}).catch(() => {{}}); }} catch (e) {{}}
try {{ const x = new XMLHttpRequest(); x.open("GET", "{t}/xhr"); x.send(); }} catch (e) {{}}
try {{ new WebSocket("ws://{host}/ws"); }} catch (e) {{}}
try {{ new EventSource("{t}/events"); }} catch (e) {{}}
try {{ navigator.sendBeacon("{t}/beacon", "x"); }} catch (e) {{}}
try {{ const s = document.createElement("script"); s.src = "{t}/script.js"; document.head.appendChild(s); }} catch (e) {{}}
try {{ const l = document.createElement("link"); l.rel = "prefetch"; l.href = "{t}/prefetch"; document.head.appendChild(l); }} catch (e) {{}}
try {{ const c = document.createElement("link"); c.rel = "stylesheet"; c.href = "{t}/style.css"; document.head.appendChild(c); }} catch (e) {{}}
try {{ const f = document.createElement("iframe"); f.src = "{t}/frame"; document.body.appendChild(f); }} catch (e) {{}}
try {{ const i = new Image(); i.src = "{t}/pixel.png"; }} catch (e) {{}}
try {{ fetch("https://{host}/tls").catch(() => {{}}); }} catch (e) {{}}
try {{ const form = document.createElement("form"); form.method = "POST"; form.action = "{t}/post"; form.target = "sink{i}"; const fr = document.createElement("iframe"); fr.name = "sink{i}"; document.body.appendChild(fr); document.body.appendChild(form); form.submit(); }} catch (e) {{}}
"#
        ));
    }
    let first = &targets[0];
    format!(
        r#"<!doctype html><html><head><meta charset="utf-8"><title>Loading…</title>
<link rel="dns-prefetch" href="{first}"><link rel="preconnect" href="{first}">
<script>
document.addEventListener("DOMContentLoaded", () => {{
  document.title = "Quiet Harbor Books";
  document.getElementById("root").innerHTML = "<h1>Quiet Harbor Books</h1><p>An independent bookshop in Bath with new and second-hand books, a children's corner and a reading group every Thursday. Call 01225 555 017.</p>";
  {tries}
  // The allowed origin's own /hop redirects to the first target: a redirect is checked too.
  try {{ fetch("/hop").catch(() => {{}}); }} catch (e) {{}}
  try {{ const h = document.createElement("iframe"); h.src = "/hop"; document.body.appendChild(h); }} catch (e) {{}}
  try {{ const hs = document.createElement("script"); hs.src = "/hop"; document.head.appendChild(hs); }} catch (e) {{}}
  if (navigator.serviceWorker) {{ navigator.serviceWorker.register("/sw.js").catch(() => {{}}); }}
  setTimeout(() => {{ location.href = "{first}/navigate"; }}, 500);
}});
</script></head><body><div id="root"></div>
<meta http-equiv="refresh" content="1;url={first}/refresh"></body></html>"#
    )
}

#[tokio::test]
async fn the_browser_cannot_reach_another_local_port_metadata_or_a_private_network() {
    require_browser();
    let stack = stack().await;
    let (second_port, second_hits) = counting_port().await;
    let second = format!("http://127.0.0.1:{second_port}");
    let targets = vec![
        second.clone(),
        format!("http://localhost:{second_port}"),
        "http://169.254.169.254".to_owned(),
        "http://10.0.0.1".to_owned(),
        "http://192.168.1.1:8080".to_owned(),
    ];
    let sw = format!("self.addEventListener('install', () => {{ fetch('{second}/from-worker').catch(() => {{}}); }});");
    let (base, hits) = site(vec![
        ("/", "text/html; charset=utf-8", escape_page(&targets)),
        ("/sw.js", "text/javascript", sw),
        ("/hop", "redirect", format!("{second}/redirected")),
    ])
    .await;
    let config = guarded_config(&stack, &base);
    let (data, agent) = run_job(&stack, &config, json!({ "website_url": base })).await;
    assert_eq!(data["status"], "completed", "{data}");
    assert_eq!(rendered(&data), 1, "{data}");
    assert_eq!(agent.unwrap()["name"], "Quiet Harbor Books");
    assert_eq!(
        second_hits.load(Ordering::SeqCst),
        0,
        "the second loopback port was reached"
    );
    // The allowed origin itself was read (the page, and its own worker script if registered).
    assert!(hits_of(&hits, "/") >= 1);
    // The redirect to the second port was requested (and its target then refused).
    assert!(
        hits_of(&hits, "/hop") >= 1,
        "the page never tried the redirect"
    );

    // The control: with the whole local network opened, the same page does reach the port —
    // so the zero above is the guard's doing, not a page that never tried.
    // (Through the pipeline: a second dev server on this stack's queue would race the first.)
    let mut open = config.clone();
    open.network_policy = NetworkPolicy::AllowPrivate;
    let url = SiteUrl::parse(&base, NetworkPolicy::AllowPrivate).unwrap();
    let _ = wiring::pipeline_from_config(&open)
        .unwrap()
        .build(Some(&url), None, Duration::from_secs(30), &NoProgress)
        .await;
    assert!(
        second_hits.load(Ordering::SeqCst) > 0,
        "the page never tried the port"
    );
}

#[tokio::test]
async fn a_page_opening_a_hundred_windows_opens_none() {
    require_browser();
    let stack = stack().await;
    let app = r#"for (let i = 0; i < 100; i++) { try { window.open("/popup?n=" + i, "_blank"); } catch (e) {} }
document.title = "Maple Street Barbers";
document.getElementById("root").innerHTML = "<h1>Maple Street Barbers</h1><p>Classic cuts, fades and hot-towel shaves in Toronto since 2009. Walk in or call 416-555-0175 to book a chair.</p>";"#;
    let (base, hits) = site(vec![
        (
            "/",
            "text/html; charset=utf-8",
            shell("Loading…", "/app.js"),
        ),
        ("/app.js", "text/javascript", app.to_owned()),
        ("/popup", "text/html", "<h1>popup</h1>".to_owned()),
    ])
    .await;
    let config = guarded_config(&stack, &base);
    let (data, agent) = run_job(&stack, &config, json!({ "website_url": base })).await;
    assert_eq!(data["status"], "completed", "{data}");
    assert_eq!(rendered(&data), 1, "{data}");
    assert_eq!(agent.unwrap()["name"], "Maple Street Barbers");
    assert_eq!(hits_of(&hits, "/popup"), 0, "a window was opened");
}

#[tokio::test]
async fn a_page_allocating_until_it_dies_costs_only_that_page() {
    require_browser();
    let stack = stack().await;
    let home = r#"document.title = "Riverside Pottery Studio";
document.getElementById("root").innerHTML = "<h1>Riverside Pottery Studio</h1><p>Wheel-throwing and hand-building classes for adults in Leeds, open studio evenings and firing services. Call 0113 496 0741.</p><a href='/gallery'>Gallery</a>";"#;
    let bomb = r#"const hoard = [];
for (;;) { const b = new Uint8Array(64 * 1024 * 1024); b.fill(1); hoard.push(b); hoard.push(new Array(1e6).fill(Math.random())); }"#;
    let (base, _) = site(vec![
        (
            "/",
            "text/html; charset=utf-8",
            shell("Loading…", "/home.js"),
        ),
        ("/home.js", "text/javascript", home.to_owned()),
        (
            "/gallery",
            "text/html; charset=utf-8",
            shell("Loading…", "/bomb.js"),
        ),
        ("/bomb.js", "text/javascript", bomb.to_owned()),
    ])
    .await;
    let mut config = guarded_config(&stack, &base);
    config.chromium.max_rss_bytes = 512 * 1024 * 1024;
    let (data, agent) = run_job(&stack, &config, json!({ "website_url": base })).await;
    assert_eq!(data["status"], "completed", "{data}");
    assert_eq!(rendered(&data), 1, "{data}");
    assert_eq!(agent.unwrap()["name"], "Riverside Pottery Studio");
    let warnings = data["warnings"].to_string();
    assert!(warnings.contains("/gallery"), "{warnings}");
}

#[tokio::test]
async fn a_page_starting_a_download_saves_nothing() {
    require_browser();
    let stack = stack().await;
    let app = r#"document.title = "Northwind Tax Advisers";
document.getElementById("root").innerHTML = "<h1>Northwind Tax Advisers</h1><p>Personal and small-business tax returns, bookkeeping and payroll in Auckland. Call 09 555 0134 for a free first meeting.</p>";
const a = document.createElement("a"); a.href = "/brochure.bin"; a.download = "brochure.bin"; document.body.appendChild(a); a.click();
setTimeout(() => { location.href = "/brochure.bin"; }, 200);"#;
    let hits: Hits = Arc::default();
    let counted = hits.clone();
    let base = serve_with(Arc::new(move |path: &str| {
        *counted.lock().unwrap().entry(path.to_owned()).or_default() += 1;
        match path {
            "/" => respond(
                200,
                "text/html; charset=utf-8",
                &shell("Loading…", "/app.js"),
            ),
            "/app.js" => respond(200, "text/javascript", app),
            "/brochure.bin" => hyper::Response::builder()
                .status(200)
                .header("content-type", "application/octet-stream")
                .header("content-disposition", "attachment; filename=brochure.bin")
                .body(Full::new(Bytes::from(vec![0u8; 1 << 20])))
                .unwrap(),
            _ => respond(404, "text/html", "<h1>Not found</h1>"),
        }
    }))
    .await;
    let downloads_before = downloaded_files();
    let config = guarded_config(&stack, &base);
    let (data, agent) = run_job(&stack, &config, json!({ "website_url": base })).await;
    assert_eq!(data["status"], "completed", "{data}");
    assert_eq!(rendered(&data), 1, "{data}");
    assert_eq!(agent.unwrap()["name"], "Northwind Tax Advisers");
    assert_eq!(
        downloaded_files(),
        downloads_before,
        "a file was downloaded"
    );
}

/// Files named like the fixture's download anywhere a browser would save it.
fn downloaded_files() -> usize {
    let mut dirs = vec![std::env::temp_dir()];
    if let Some(home) = std::env::var_os("HOME") {
        dirs.push(std::path::PathBuf::from(&home).join("Downloads"));
        dirs.push(std::path::PathBuf::from(home));
    }
    dirs.iter()
        .filter_map(|d| std::fs::read_dir(d).ok())
        .flat_map(|entries| entries.flatten())
        .filter(|e| e.file_name().to_string_lossy().starts_with("brochure"))
        .count()
}

#[tokio::test]
async fn server_rendered_fixture_sites_render_nothing_and_build_the_same_agent() {
    require_browser();
    let base = crate::extraction::dental_site().await;
    let build = |mode: RenderMode| {
        let base = base.clone();
        async move {
            let mut config = crate::extraction::offline_config();
            config.render.mode = mode;
            let pipeline = wiring::pipeline_from_config(&config).unwrap();
            let url = SiteUrl::parse(&base, NetworkPolicy::AllowPrivate).unwrap();
            pipeline
                .build(Some(&url), None, Duration::from_secs(20), &NoProgress)
                .await
                .unwrap()
        }
    };
    let auto = build(RenderMode::Auto).await;
    let never = build(RenderMode::Never).await;
    assert_eq!(auto.progress.unwrap().pages_rendered, 0);
    assert_eq!(auto.warnings, never.warnings);
    assert_eq!(auto.agent.name, never.agent.name);
    assert_eq!(auto.agent.system_prompt, never.agent.system_prompt);
    assert_eq!(
        serde_json::to_value(&auto.profile).unwrap(),
        serde_json::to_value(&never.profile).unwrap()
    );
}

#[tokio::test]
async fn without_a_browser_the_job_completes_and_names_the_unrendered_pages() {
    let stack = stack().await;
    let page = format!(
        r#"<!doctype html><html><head><title>Loading…</title><meta property="og:site_name" content="Saltmarsh Kayak Tours"><script src="/app.js"></script></head><body><div id="root"></div><footer><p>Saltmarsh Kayak Tours runs guided sea-kayak trips from Lewes along the Sussex coast, for beginners and families alike. Call 01273 555 019.</p>{}</footer></body></html>"#,
        ""
    );
    let (base, _) = site(vec![("/", "text/html; charset=utf-8", page)]).await;
    let mut config = guarded_config(&stack, &base);
    config.chromium.executable = Some("/nonexistent/chromium".into());
    let (data, agent) = run_job(&stack, &config, json!({ "website_url": base })).await;
    assert_eq!(data["status"], "completed", "{data}");
    assert_eq!(rendered(&data), 0, "{data}");
    let warnings = data["warnings"].to_string();
    assert!(warnings.contains(&format!("{base}/")), "{warnings}");
    assert!(warnings.contains("no browser is available"), "{warnings}");
    // The shell's title never names the business.
    assert_eq!(agent.unwrap()["name"], "Saltmarsh Kayak Tours");
}

#[tokio::test]
async fn the_browser_obeys_robots_txt_for_the_pages_it_navigates_to() {
    require_browser();
    let stack = stack().await;
    let app = r#"document.title = "Cedar Lane Dental";
document.getElementById("root").innerHTML = "<h1>Cedar Lane Dental</h1><p>Gentle family dentistry in Austin: check-ups, cleanings, fillings and emergency appointments. Call (512) 555-0190.</p>";
const f = document.createElement("iframe"); f.src = "/private/frame"; document.body.appendChild(f);
setTimeout(() => { location.href = "/private/next"; }, 300);"#;
    let (base, hits) = site(vec![
        (
            "/",
            "text/html; charset=utf-8",
            shell("Loading…", "/app.js"),
        ),
        ("/app.js", "text/javascript", app.to_owned()),
        (
            "/robots.txt",
            "text/plain",
            "User-agent: *\nDisallow: /private\n".to_owned(),
        ),
        ("/private/frame", "text/html", "<p>private</p>".to_owned()),
        ("/private/next", "text/html", "<p>private</p>".to_owned()),
    ])
    .await;
    let config = guarded_config(&stack, &base);
    let (data, agent) = run_job(&stack, &config, json!({ "website_url": base })).await;
    assert_eq!(data["status"], "completed", "{data}");
    assert_eq!(rendered(&data), 1, "{data}");
    // The page the browser was kept on is the one it rendered.
    assert_eq!(agent.unwrap()["name"], "Cedar Lane Dental");
    assert_eq!(hits_of(&hits, "/private/frame"), 0);
    assert_eq!(hits_of(&hits, "/private/next"), 0);
}

#[tokio::test]
async fn a_page_that_never_yields_is_killed_at_its_time_limit() {
    require_browser();
    let stack = stack().await;
    let home = r#"document.title = "Bright Path Tutoring";
document.getElementById("root").innerHTML = "<h1>Bright Path Tutoring</h1><p>Maths, English and science tutoring for primary and secondary pupils in Manchester, one to one or in small groups. Call 0161 496 0378.</p><a href='/timetable'>Timetable</a>";"#;
    let (base, hits) = site(vec![
        (
            "/",
            "text/html; charset=utf-8",
            shell("Loading…", "/home.js"),
        ),
        ("/home.js", "text/javascript", home.to_owned()),
        (
            "/timetable",
            "text/html; charset=utf-8",
            shell("Loading…", "/hang.js"),
        ),
        ("/hang.js", "text/javascript", "for (;;) {}".to_owned()),
    ])
    .await;
    let mut config = guarded_config(&stack, &base);
    config.chromium.page_timeout = Duration::from_secs(5);
    let (data, agent) = run_job(&stack, &config, json!({ "website_url": base })).await;
    assert_eq!(data["status"], "completed", "{data}");
    assert_eq!(rendered(&data), 1, "{data}");
    assert_eq!(agent.unwrap()["name"], "Bright Path Tutoring");
    let warnings = data["warnings"].to_string();
    assert!(warnings.contains("/timetable"), "{warnings}");
    assert!(warnings.contains("did not finish within 5s"), "{warnings}");
    assert_eq!(hits_of(&hits, "/hang.js"), 1);
}
