//! The invariants of docs/architecture.md that a grep can prove: the domain and the layout
//! hold no web code, no view imports another view, no edit result is dropped, and the shell
//! reads and writes data only through the codec.

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

/// The shell (the main module of the split build) reads and writes data only through
/// `crate::codec`: a direct call would put serde_json back into the first screen.
#[test]
fn the_shell_reads_and_writes_data_through_the_codec() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut lines = code_lines("ui");
    for entry in fs::read_dir(&root).expect("src/") {
        let path = entry.expect("a folder entry").path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        // The codec itself; the benchmark page (its own chunk) times the stored format directly.
        if path.is_dir()
            || !name.ends_with(".rs")
            || name.ends_with("_tests.rs")
            || ["codec.rs", "bench.rs"].contains(&name.as_str())
        {
            continue;
        }
        let text = fs::read_to_string(&path).expect("a readable source file");
        let code = text.split("#[cfg(test)]").next().unwrap_or_default().to_string();
        lines.extend(
            code.lines()
                .enumerate()
                .filter(|(_, l)| !l.trim_start().starts_with("//"))
                .map(|(n, l)| (name.clone(), n + 1, l.to_string())),
        );
    }
    assert!(lines.iter().any(|(f, ..)| f == "state.rs"), "the shell's files were read");
    for (file, n, line) in lines {
        for direct in [
            "stored::encode",
            "stored::decode",
            "stored::unpack",
            "import_json(",
            "export_json(",
            "share_link::decode",
            "decode_list(",
            "encode_list(",
            "serde_json::",
            "gloo_storage",
        ] {
            assert!(!line.contains(direct), "{file}:{n} calls {direct} outside crate::codec: {line}");
        }
    }
}

/// Context comes through `crate::ui::context` (issue 14: Leptos's `expect_context` formats its
/// panic with Debug in each of its uses, which keeps that machinery in the first screen).
#[test]
fn context_comes_through_one_helper() {
    for folder in ["ui", "views"] {
        for (file, n, line) in code_lines(folder) {
            assert!(!line.contains("expect_context::<"), "{file}:{n} uses expect_context: {line}");
        }
    }
}
