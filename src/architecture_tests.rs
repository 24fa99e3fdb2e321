//! The invariants of docs/architecture.md that a grep can prove: the domain and the layout
//! hold no web code, no view imports another view, and no edit result is dropped.

use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).expect("a source folder") {
        let path = entry.expect("a folder entry").path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

/// The lines of code (comments left out) of every Rust file under `src/<folder>`.
fn code_lines(folder: &str) -> Vec<(String, usize, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(folder);
    let files = rust_files(&root);
    assert!(!files.is_empty(), "no Rust files under {}", root.display());
    files
        .into_iter()
        .flat_map(|f| {
            let text = fs::read_to_string(&f).expect("a readable source file");
            let name = f.display().to_string();
            text.lines()
                .enumerate()
                .filter(|(_, l)| !l.trim_start().starts_with("//"))
                .map(|(n, l)| (name.clone(), n + 1, l.to_string()))
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn the_domain_and_the_layout_hold_no_web_code() {
    for folder in ["domain", "layout"] {
        for (file, n, line) in code_lines(folder) {
            for web in ["leptos", "web_sys", "wasm_bindgen", "js_sys", "gloo_"] {
                assert!(!line.contains(web), "{file}:{n} uses {web}: {line}");
            }
        }
    }
}

#[test]
fn no_view_imports_another_view() {
    for (file, n, line) in code_lines("views") {
        assert!(!line.contains("crate::views::"), "{file}:{n} reaches into another view: {line}");
        assert!(!line.contains("super::super::"), "{file}:{n} reaches into another view: {line}");
    }
}

#[test]
fn no_edit_result_is_dropped() {
    for folder in ["views", "ui"] {
        for (file, n, line) in code_lines(folder) {
            let dropped = line.contains("let _ =") && (line.contains(".edit(") || line.contains(".edit_merging("));
            assert!(!dropped, "{file}:{n} drops an edit's refusal: {line}");
        }
    }
}
