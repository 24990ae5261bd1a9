//! The program form's templates against Python itself: each runs under this machine's
//! `python3` as the page runs it, and the corpus's copies of templates (tests/programs/, which
//! the browser tests compare with native CPython) are the templates' files as they are.

use concurrency_playground::own_python::program_templates::PROGRAM_TEMPLATES;

#[test]
fn every_program_template_runs_in_native_python3_as_the_page_runs_it() {
    for t in PROGRAM_TEMPLATES {
        let mut program = t.program();
        // Smaller jobs than the templates' own, so that the test is quick.
        for arg in &mut program.argv {
            if arg == "200000" {
                *arg = "2000".into();
            }
        }
        let dir = std::env::temp_dir().join(format!("cp-template-{}-{}", t.id, std::process::id()));
        std::fs::create_dir_all(&dir).expect("a directory");
        for (name, text) in &program.files {
            std::fs::write(dir.join(name), text).expect("written");
        }
        let Ok(out) = std::process::Command::new("python3")
            .arg(&program.main)
            .args(&program.argv)
            .current_dir(&dir)
            .output()
        else {
            return; // no python3 here
        };
        let _ = std::fs::remove_dir_all(&dir);
        let printed = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{}: {}",
            t.id,
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!printed.trim().is_empty(), "{} printed nothing", t.id);
    }
}

#[test]
fn the_corpus_copies_of_templates_are_the_templates_as_they_are() {
    // tests/programs/<id>/ holds a template's files for the browser tests, with smaller
    // arguments: its files must not drift from the template's.
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/programs");
    let mut compared = 0;
    for t in PROGRAM_TEMPLATES {
        let Ok(entries) = std::fs::read_dir(corpus.join(t.id)) else {
            continue;
        };
        let mut names: Vec<String> = entries
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|name| name.ends_with(".py"))
            .collect();
        names.sort();
        let mut template: Vec<&str> = t.files.iter().map(|&(name, _)| name).collect();
        template.sort_unstable();
        assert_eq!(names, template, "tests/programs/{}/", t.id);
        for &(name, text) in t.files {
            let copy = std::fs::read_to_string(corpus.join(t.id).join(name)).expect("readable");
            assert_eq!(
                copy, text,
                "tests/programs/{}/{name} differs from the template",
                t.id
            );
            compared += 1;
        }
    }
    assert!(
        compared >= 3,
        "the corpus holds the sequential and spinner templates"
    );
}
