//! Every explanation renders from runs recorded natively on real threads, each number printed
//! as the results table (or the locks lab's table) prints it.

use super::{book, observe};
use crate::lessons::explain;
use crate::lessons::explain::{Answer, numbers};
use crate::lessons::lab::LabKind;
use crate::lessons::observed::RunOutcome;
use crate::lessons::quantity::{Format, Kind, Name};
use crate::model::comparison::compare;
use crate::settings::Mode;

/// Every explanation renders from runs recorded natively on real threads: every number is
/// there, printed as the results table prints it.
#[test]
fn every_explanation_renders_from_recorded_runs() {
    let book = book();
    for lesson in &book.lessons {
        let seen = observe(lesson, 2, true);
        let text = explain(&book, lesson, &seen, Answer::Chose(lesson.expected));
        for (name, shown) in numbers(&text) {
            assert_ne!(shown, "–", "{}: {name} has no value", lesson.id);
            let parsed = Name::parse(name, lesson.run_count()).expect("checked");
            match parsed {
                Name::Mode { kind, mode, run } => {
                    check_against_table(kind, mode, &seen.runs[run], shown);
                }
                Name::Lab { kind, run } => check_against_lab_table(kind, &seen.runs[run], shown),
                _ => {}
            }
        }
        let all = text.paragraphs().join(" ");
        assert!(!all.contains('{'), "{}: {all}", lesson.id);
        assert_eq!(text.reasons.is_empty(), text.verdict.shown, "{}", lesson.id);
    }
}

/// The numbers the table shows, as the table's own formatting prints them from its rows.
fn check_against_table(kind: Kind, mode: Mode, run: &RunOutcome, shown: &str) {
    let records = run.records();
    let rows = compare(&records);
    let row = rows.iter().find(|r| r.mode == mode).expect("the mode ran");
    let table = match kind {
        Kind::Wall => Format::Ms.show(row.wall_ms),
        Kind::Speedup => Format::Times.show(row.speedup.expect("Sequential ran")),
        Kind::Startup => Format::Ms.show(row.startup_ms),
        Kind::Workers => row.workers.to_string(),
        _ => return,
    };
    assert_eq!(shown, table, "{}.{}", kind.name(), mode.name());
}

/// A number of the locks lab that its table shows is one of the table's cells, as printed.
fn check_against_lab_table(kind: LabKind, run: &RunOutcome, shown: &str) {
    if !kind.meaning().ends_with("(table)") {
        return;
    }
    let report = &run.locks.as_ref().expect("the lab ran").1;
    let tables = [
        Some(crate::locks::tables::table(report)),
        crate::locks::tables::second_table(report),
    ];
    let cells: Vec<&str> = tables
        .iter()
        .flatten()
        .flat_map(|t| t.rows.iter())
        .flat_map(|r| r.cells.iter().map(|c| c.text.as_str()))
        .collect();
    assert!(
        cells.contains(&shown),
        "lab.{} = {shown} is not in {cells:?}",
        kind.name()
    );
}

/// Prints every lesson's explanation from a native run at full size:
/// `cargo test --release -- --ignored print_lessons --nocapture`.
#[test]
#[ignore = "prints, for reading"]
fn print_lessons() {
    let book = book();
    for lesson in &book.lessons {
        let seen = observe(lesson, 2, false);
        let text = explain(&book, lesson, &seen, Answer::Chose(lesson.expected));
        println!("== {} (shown: {})", lesson.id, text.verdict.shown);
        for p in text.paragraphs() {
            println!("  {p}");
        }
    }
}
