//! The `agent-builder build` command as a user runs it: a real process against a site served
//! on 127.0.0.1, with no AWS anywhere.

use serde_json::Value;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::process::Command;

/// Serves one HTML page at `/` (everything else is 404), from a thread; returns the base URL.
fn serve_page(html: &'static str) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut buf = [0u8; 4096];
            let n = stream.read(&mut buf).unwrap_or(0);
            let request = String::from_utf8_lossy(&buf[..n]);
            let home = request.starts_with("GET / ");
            let (status, body) = if home {
                ("200 OK", html)
            } else {
                ("404 Not Found", "not found")
            };
            let response = format!(
                "HTTP/1.1 {status}\r\ncontent-type: text/html; charset=utf-8\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = stream.write_all(response.as_bytes());
        }
    });
    format!("http://{addr}")
}

fn agent_builder(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_agent-builder"))
        .args(args)
        .env("DEFAULT_VOICE", "cli-voice")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn build_json_prints_the_agent_and_the_pages_read() {
    let site = serve_page(
        r#"<html lang="en"><head><title>Northside Dental | Family Dentistry</title>
        <meta name="description" content="Family dentistry in Minneapolis."></head><body>Hi</body></html>"#,
    );
    let (code, stdout, stderr) =
        agent_builder(&["build", &site, "--json", "--allow-private-network"]);
    assert_eq!(code, 0, "{stderr}");
    let out: Value = serde_json::from_str(&stdout).unwrap();
    let agent = &out["agent"];
    assert_eq!(agent["name"], "Northside Dental");
    assert_eq!(agent["tone"], "Professional");
    assert_eq!(agent["voice"], "cli-voice");
    assert!(agent["greeting"]
        .as_str()
        .unwrap()
        .contains("Northside Dental"));
    assert!(agent["goals"].as_array().unwrap().len() >= 4);
    assert!(agent["guardrails"]
        .as_array()
        .unwrap()
        .iter()
        .any(|g| g.as_str().unwrap().contains("Never make up")));
    // The home page, then the common paths tried on a site with no sitemap and no links.
    let pages = out["pages"].as_array().unwrap();
    assert_eq!(pages[0]["url"], format!("{site}/").as_str());
    assert_eq!(pages[0]["status"], 200);
    assert!(pages[0]["bytes"].as_u64().unwrap() > 100);
    assert!(
        pages.len() > 1 && pages[1..].iter().all(|p| p["status"] == 404),
        "{pages:?}"
    );
    assert_eq!(out["progress"]["pages_fetched"], 1);
    // The facts behind the agent, with the page they came from.
    let profile = &out["profile"];
    assert_eq!(profile["name"], "Northside Dental");
    assert_eq!(profile["description"], "Family dentistry in Minneapolis.");
    assert_eq!(profile["language"], "en");
    assert_eq!(profile["sources"][0], format!("{site}/").as_str());
}

#[test]
fn extract_prints_one_saved_pages_facts() {
    let dir = std::env::temp_dir().join(format!("ab-cli-extract-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("contact.html");
    std::fs::write(
        &file,
        r#"<html lang="en-GB"><head><title>Contact | Smith's Plumbing</title>
        <meta name="description" content="Emergency plumbers in Leeds."></head><body></body></html>"#,
    )
    .unwrap();
    let file = file.to_str().unwrap();
    let url = "https://www.smiths-plumbing.co.uk/contact";
    let (code, stdout, stderr) = agent_builder(&["extract", file, "--url", url, "--json"]);
    assert_eq!(code, 0, "{stderr}");
    let out: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(out["name"], "Smith's Plumbing");
    assert_eq!(out["url"], url);
    assert_eq!(out["language"], "en-GB");
    assert_eq!(out["description"], "Emergency plumbers in Leeds.");
    assert!(out["phones"].is_array() && out["hours"].is_array());
    let (code, stdout, _) = agent_builder(&["extract", file, "--url", url]);
    assert_eq!(code, 0);
    assert!(stdout.contains("Smith's Plumbing"), "{stdout}");
    let (code, _, stderr) = agent_builder(&["extract", "/nonexistent/page.html"]);
    assert_ne!(code, 0);
    assert!(stderr.contains("cannot read"), "{stderr}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn build_refuses_local_sites_without_the_flag() {
    let site = serve_page("<title>x</title>");
    let (code, _, stderr) = agent_builder(&["build", &site]);
    assert_eq!(code, 2);
    assert!(stderr.contains("invalid URL"), "{stderr}");
}

#[test]
fn build_from_instructions_alone() {
    let (code, stdout, stderr) = agent_builder(&[
        "build",
        "--instructions",
        "Answer calls for Bluebird Cafe. Be casual.",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("Name:        Bluebird Cafe"), "{stdout}");
    assert!(stdout.contains("Tone:        Casual"), "{stdout}");
    let (code, _, stderr) = agent_builder(&["build"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--instructions"), "{stderr}");
}

#[test]
fn an_unreachable_site_exits_non_zero_with_the_reason() {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}/");
    let (code, stdout, _) = agent_builder(&["build", &url, "--json", "--allow-private-network"]);
    assert_eq!(code, 1);
    let out: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        out["error"],
        format!("Could not reach {url}: connection refused").as_str()
    );
}
