//! House rules the README's codemap states, checked on the source text:
//! - `src/model` never names wasm-bindgen, web-sys, js-sys or plotters, does no I/O and reads no
//!   clock; `src/chart` never names the web crates; only `chart/svg.rs` names a drawing backend.
//! - `web.rs` holds no policy: no arithmetic beyond CSS px ↔ device px (no `f64` math calls).
//! - No reader-facing text cites a file of this repository, and the core names no data
//!   provider in its own words: providers come from the data's metadata (the detected format,
//!   a `# source:` line, the story file's `source_name` column).

use std::fs;
use std::path::Path;

fn rust_files(dir: &str) -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut out = Vec::new();
    for entry in fs::read_dir(&root).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "rs") {
            let text = fs::read_to_string(&path).unwrap();
            // The code outside its unit tests.
            let code = text.split("#[cfg(test)]").next().unwrap_or("").to_string();
            out.push((path.file_name().unwrap().to_string_lossy().into_owned(), code));
        }
    }
    out
}

/// The lines that are code, not comments.
fn code_lines(code: &str) -> impl Iterator<Item = &str> {
    code.lines().filter(|l| !l.trim_start().starts_with("//"))
}

#[test]
fn the_core_is_pure() {
    for (name, code) in rust_files("src/model") {
        for line in code_lines(&code) {
            for banned in ["wasm_bindgen", "web_sys", "js_sys", "plotters", "std::fs", "std::net", "std::io", "SystemTime", "Instant::now", "println!", "eprintln!"] {
                assert!(!line.contains(banned), "src/model/{name} names {banned}: {line}");
            }
        }
    }
}

#[test]
fn charts_draw_with_any_backend() {
    for (name, code) in rust_files("src/chart") {
        for line in code_lines(&code) {
            for banned in ["wasm_bindgen", "web_sys", "js_sys"] {
                assert!(!line.contains(banned), "src/chart/{name} names {banned}: {line}");
            }
            if name != "svg.rs" {
                for backend in ["SVGBackend", "CanvasBackend", "BitMapBackend"] {
                    assert!(!line.contains(backend), "src/chart/{name} names {backend}; only svg.rs may: {line}");
                }
            }
        }
    }
}

#[test]
fn the_web_layer_only_translates() {
    let code = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/web.rs")).unwrap();
    for line in code_lines(&code) {
        for banned in [".round()", ".floor()", ".ceil()", ".ln()", ".sqrt()", ".powf(", "Explainer::new", "ingest_any"] {
            assert!(!line.contains(banned), "src/web.rs does work that belongs to the core or the session ({banned}): {line}");
        }
    }
}

/// Double-quoted string literals of a line of Rust (a rough lexer: enough for this check).
fn literals(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur: Option<String> = None;
    let mut escaped = false;
    for ch in line.chars() {
        match (&mut cur, ch) {
            (Some(s), '\\') if !escaped => {
                escaped = true;
                s.push(ch);
                continue;
            }
            (Some(_), '"') if !escaped => out.push(cur.take().unwrap()),
            (Some(s), c) => s.push(c),
            (None, '"') => cur = Some(String::new()),
            (None, _) => {}
        }
        escaped = false;
    }
    out
}

#[test]
fn reader_facing_text_cites_no_repository_file_and_names_no_provider_of_its_own() {
    let files = ["domain.md", "SOURCES.md", "../shared", "shared/data", "story_figures.csv", "architecture.md"];
    let providers = ["Bitstamp", "Coinbase", "Binance", "Kraken", "CoinGecko", "CoinGlass", "AInvest", "Challenger"];
    for dir in ["src/model", "src/chart"] {
        for (name, code) in rust_files(dir) {
            for line in code_lines(&code) {
                for lit in literals(line) {
                    for f in files {
                        assert!(!lit.contains(f), "{dir}/{name}: a string cites a repository file ({f}): {lit}");
                    }
                    // The format reader and the provider mapping name exchanges for the formats
                    // they recognise: that is the data's metadata.
                    if !(name == "ingest.rs" || (name == "explainer.rs" && line.contains("DataFormat::"))) {
                        for p in providers {
                            assert!(!lit.contains(p), "{dir}/{name}: a string names the provider {p} instead of taking it from the data: {lit}");
                        }
                    }
                }
            }
        }
    }
    // The page and the bundled story file.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for file in ["www/index.html", "www/main.js", "www/data/story_figures.csv"] {
        let text = fs::read_to_string(root.join(file)).unwrap();
        let reader_text: String = text.lines().filter(|l| !l.starts_with('#') && !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n");
        for f in files.iter().filter(|f| **f != "story_figures.csv") {
            assert!(!reader_text.contains(f), "{file} cites a repository file ({f})");
        }
    }
}

#[test]
fn the_lexer_finds_literals() {
    assert_eq!(literals(r#"a("x \"y\" z", 'c', "w")"#), vec![r#"x \"y\" z"#.to_string(), "w".to_string()]);
}
