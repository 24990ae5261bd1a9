//! What a Python lab run showed, in sentences built from its record: each number is the
//! record's, printed as the table prints it, and a run that did not show the usual shape says
//! so and why.

use super::record::{PyModeRecord, Row, rows};
use super::settings::PyMode;
use crate::format::{bytes, millis};

/// A speed-up as the table prints it.
pub fn times(ratio: f64) -> String {
    format!("{ratio:.2}x")
}

/// The sentences under the table, one per finding.
pub fn explain(modes: &[PyModeRecord], cores: u32) -> Vec<String> {
    let mut out = Vec::new();
    let table = rows(modes);
    let sequential = modes
        .iter()
        .find(|m| m.mode == PyMode::Sequential && m.failure.is_none());
    for (record, row) in modes.iter().zip(&table) {
        if let Some(failure) = &record.failure {
            out.push(format!("{}: {failure}", record.mode.label()));
            continue;
        }
        match record.mode {
            PyMode::Sequential => out.push(format!(
                "Sequential: one interpreter ran the {} tasks one after another in {} (each task's time added up: {}); starting the interpreter took {}.",
                record.tasks.len(),
                millis(record.wall_ms),
                millis(record.tasks.iter().map(|t| t.end - t.start).sum()),
                millis(record.startup_ms),
            )),
            PyMode::Processes => out.push(processes_sentence(record, row, sequential, cores)),
            PyMode::Coroutines => out.push(coroutines_sentence(record)),
        }
    }
    if let Some(s) = sequential.and_then(|s| s.values()) {
        let differing: Vec<String> = modes
            .iter()
            .filter(|m| m.mode != PyMode::Sequential && m.failure.is_none())
            .filter_map(|m| {
                let values = m.values()?;
                let at = values.iter().zip(&s).position(|(a, b)| a != b)?;
                Some(format!(
                    "{} returned {} for task {at}, Sequential {}",
                    m.mode.label(),
                    values[at],
                    s[at]
                ))
            })
            .collect();
        if differing.is_empty() && modes.len() > 1 {
            out.push("Every mode returned the same values as Sequential.".to_owned());
        } else if !differing.is_empty() {
            out.push(format!("Not the same values: {}.", differing.join("; ")));
        }
    }
    out
}

fn processes_sentence(
    record: &PyModeRecord,
    row: &Row,
    sequential: Option<&PyModeRecord>,
    cores: u32,
) -> String {
    let mut sentence = format!(
        "Processes: {} interpreters, one per worker, ran the {} tasks in {}",
        record.interpreters,
        record.tasks.len(),
        millis(record.wall_ms)
    );
    if let (Some(s), Some(speedup)) = (sequential, row.speedup) {
        sentence.push_str(&format!(
            ", against {} sequentially: {} on {cores} reported cores",
            millis(s.wall_ms),
            times(speedup)
        ));
    }
    sentence.push_str(&format!(
        ". Starting them took {}; {} crossed as messages and pickled results (pickling took {})",
        millis(record.startup_ms),
        bytes(record.bytes),
        millis(record.serialize_ms)
    ));
    if let Some(total) = row.speedup_total {
        sentence.push_str(&format!(
            "; counting start-up, {} against Sequential's",
            times(total)
        ));
    }
    sentence.push('.');
    if let Some(speedup) = row.speedup.filter(|s| *s < 1.2) {
        sentence.push_str(&format!(" No real speed-up ({}): ", times(speedup)));
        sentence.push_str(if record.interpreters < 2 {
            "there was one worker."
        } else if cores < 2 {
            "the browser reports one core, so the workers took turns."
        } else if record.wall_ms < 50.0 {
            "the tasks are too short for the messages and the start to pay off."
        } else {
            "the tasks did not run at the same time here (is the machine busy, or do they wait rather than compute?)."
        });
    }
    sentence
}

fn coroutines_sentence(record: &PyModeRecord) -> String {
    let durations: f64 = record.tasks.iter().map(|t| t.end - t.start).sum();
    let longest = record
        .lanes
        .iter()
        .flat_map(|l| l.intervals.iter())
        .filter(|i| i.kind == crate::model::record::IntervalKind::Compute)
        .map(|i| i.duration())
        .fold(0.0, f64::max);
    let mut sentence = format!(
        "Coroutines: one interpreter's event loop ran the {} coroutines in {}; their own times add up to {}, and the longest the loop ran one coroutine without a break was {}.",
        record.tasks.len(),
        millis(record.wall_ms),
        millis(durations),
        millis(longest),
    );
    if record.tasks.len() > 1 && record.wall_ms > 0.0 {
        if durations > 1.5 * record.wall_ms {
            sentence
                .push_str(" Their waits overlapped: while one awaited, the loop ran the others.");
        } else if longest > 0.5 * record.wall_ms / record.tasks.len() as f64 {
            sentence.push_str(" They ran one after another: a coroutine that computes (or calls a blocking function) without awaiting keeps the loop until it returns.");
        }
    }
    sentence
}
