//! The shape of the code that the docs promise: the modules of `workflow/`
//! import each other without cycles (pure timeline and rules at the bottom,
//! the walk, then loading), `cli/` leaves git and file writes to the layers
//! below it, and prints only through its output layer.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

type Imports = BTreeMap<String, BTreeSet<String>>;

/// The first identifier of each path after `prefix` in `code`: `super::a`,
/// `super::{a, b::c, d::{e, f}}` name a, b and d.
fn named_after(code: &str, prefix: &str) -> BTreeSet<String> {
    let ident = |s: &str| s.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect::<String>();
    let mut names = BTreeSet::new();
    for (at, _) in code.match_indices(prefix) {
        let rest = &code[at + prefix.len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let (mut depth, mut start) = (0, 0);
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => {
                        names.insert(ident(group[start..i].trim()));
                        break;
                    }
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        names.insert(ident(group[start..i].trim()));
                        start = i + 1;
                    }
                    _ => {}
                }
            }
        } else {
            names.insert(ident(rest));
        }
    }
    names
}

/// `workflow` module → the `workflow` modules it uses (tests aside).
fn workflow_imports() -> Imports {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/workflow");
    let modules: BTreeSet<String> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.strip_suffix(".rs").map(str::to_string))
        .filter(|m| m != "mod")
        .collect();
    modules
        .iter()
        .map(|module| {
            let text = std::fs::read_to_string(dir.join(format!("{module}.rs"))).unwrap();
            let code = text.split("#[cfg(test)]").next().unwrap();
            let mut used = named_after(code, "super::");
            used.extend(named_after(code, "crate::workflow::"));
            used.retain(|m| m != module && modules.contains(m));
            (module.clone(), used)
        })
        .collect()
}

/// A cycle of imports, if there is one.
fn find_cycle(imports: &Imports) -> Option<Vec<String>> {
    fn visit(module: &str, imports: &Imports, path: &mut Vec<String>, done: &mut BTreeSet<String>) -> Option<Vec<String>> {
        if done.contains(module) {
            return None;
        }
        if let Some(at) = path.iter().position(|m| m == module) {
            let mut cycle = path[at..].to_vec();
            cycle.push(module.to_string());
            return Some(cycle);
        }
        path.push(module.to_string());
        for next in imports.get(module).into_iter().flatten() {
            if let Some(cycle) = visit(next, imports, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(module.to_string());
        None
    }
    let mut done = BTreeSet::new();
    imports.keys().find_map(|module| visit(module, imports, &mut Vec::new(), &mut done))
}

#[test]
fn workflow_modules_import_each_other_without_cycles() {
    let imports = workflow_imports();
    assert!(
        imports["engine"].contains("rules") && imports["history"].contains("engine"),
        "{imports:#?}"
    );
    assert_eq!(find_cycle(&imports), None, "{imports:#?}");
    for pure in ["timeline", "rules", "ancestry"] {
        for walk in ["engine", "history", "cache"] {
            assert!(!imports[pure].contains(walk), "{pure} must stay pure of {walk}: {imports:#?}");
        }
    }
    // The check finds a cycle where there is one.
    let mut cyclic = imports.clone();
    cyclic.get_mut("timeline").unwrap().insert("history".into());
    assert!(find_cycle(&cyclic).is_some());
    assert_eq!(
        named_after("use super::{self, a::B, c::{d, e}};\nuse super::f::G;", "super::"),
        ["a", "c", "f", "self"].map(String::from).into_iter().collect()
    );
}

/// `cli/` parses arguments, calls a domain operation and formats its
/// outcome; git and file writes belong below it.
#[test]
fn the_command_layer_neither_reaches_git_nor_writes_files() {
    const SIGNS: &[&str] = &[
        "DocRepo",
        "crate::repo",
        "git2",
        "History::load",
        "fs::write",
        "File::create",
        "OpenOptions",
        "create_dir",
        "remove_file",
        "commit_content",
        "Undo",
    ];
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/cli");
    let mut touching = Vec::new();
    for entry in std::fs::read_dir(&root).unwrap() {
        let path = entry.unwrap().path();
        let code = std::fs::read_to_string(&path).unwrap();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        for sign in SIGNS.iter().filter(|sign| code.contains(*sign)) {
            touching.push(format!("{name}: {sign}"));
        }
    }
    assert!(
        touching.is_empty(),
        "cli/ files reaching git or writing files; move that into a domain operation: {touching:?}"
    );
}

/// Each outside library lives behind one module of ours, so that replacing
/// it touches one folder: git behind `repo/`, templates and Markdown behind
/// `render/`, Word behind `word/`, the HTTP server and the file watcher
/// behind `preview/`.
#[test]
fn each_outside_library_is_behind_one_module() {
    const OWNERS: &[(&str, &str)] = &[
        ("git2::", "repo"),
        ("tera::", "render"),
        ("pulldown_cmark::", "render"),
        ("docx_rs::", "word"),
        ("axum::", "preview"),
        ("tokio::", "preview"),
        ("notify::", "preview"),
        ("rustix::", "handbook"),
    ];
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut strays = Vec::new();
    let mut files = vec![src.clone()];
    while let Some(path) = files.pop() {
        if path.is_dir() {
            files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let code = std::fs::read_to_string(&path).unwrap();
        let relative = path.strip_prefix(&src).unwrap();
        let module = relative.components().next().unwrap().as_os_str().to_string_lossy().into_owned();
        for (library, owner) in OWNERS {
            let used = code.match_indices(library).any(|(at, _)| {
                // `git2::` as a path, not the tail of another name.
                !code[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_')
            });
            if used && module != *owner {
                strays.push(format!("{}: {library}", relative.display()));
            }
        }
    }
    assert!(strays.is_empty(), "outside libraries used outside their module: {strays:?}");
}

/// Every command's output goes through one layer: `cli/output.rs` writes
/// results to stdout, and `Global` (cli/mod.rs) status lines, warnings,
/// notices and progress to stderr; no command file prints by itself.
#[test]
fn commands_print_only_through_the_output_layer() {
    const SIGNS: &[&str] = &["println!", "print!(", "eprint!", "io::stdout", "io::stderr"];
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/cli");
    let mut printing = Vec::new();
    for entry in std::fs::read_dir(&root).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if name == "output" || name == "mod" {
            continue;
        }
        let code = std::fs::read_to_string(&path).unwrap();
        if SIGNS.iter().any(|sign| code.contains(sign)) {
            printing.push(name);
        }
    }
    assert!(printing.is_empty(), "cli/ files printing by themselves: {printing:?}");
}
