//! Compiles every language folder under `lang/` into the library: a new language is a new
//! folder (`lang/<code>/reading.toml`, optionally `agent.ftl`), no code.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    // Read at run time, not with `env!`: cargo reuses a compiled build script across checkouts
    // at other paths (the same target directory, another clone), and a path baked in at compile
    // time would point at the first one.
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&manifest_dir).join("lang");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut codes: Vec<String> = std::fs::read_dir(&root)
        .expect("shared/engine/lang exists")
        .filter_map(Result::ok)
        .filter(|e| e.path().join("reading.toml").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    codes.sort();
    let mut out = String::from("/// Every language folder: (code, reading.toml, agent.ftl).\n");
    out.push_str("pub const LANGUAGE_FILES: &[(&str, &str, Option<&str>)] = &[\n");
    for code in &codes {
        let dir = root.join(code);
        println!("cargo:rerun-if-changed={}", dir.display());
        println!(
            "cargo:rerun-if-changed={}",
            dir.join("reading.toml").display()
        );
        println!("cargo:rerun-if-changed={}", dir.join("agent.ftl").display());
        let ftl = dir.join("agent.ftl");
        let ftl = if ftl.is_file() {
            format!("Some(include_str!({:?}))", ftl.display().to_string())
        } else {
            "None".to_owned()
        };
        let _ = writeln!(
            out,
            "    ({code:?}, include_str!({:?}), {ftl}),",
            dir.join("reading.toml").display().to_string()
        );
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("languages.rs");
    std::fs::write(dest, out).expect("write languages.rs");
}
