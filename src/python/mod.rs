//! The Python program beside every run: for a run's settings and plan, a complete CPython 3.10+
//! program per mode (no packages) that computes the same tasks with the same split and seed,
//! prints the same checksum the page shows, and ends with one JSON line of its timings
//! ([`result_line`]) that the page can read back. Plain Rust: text in, text out.
//!
//! A program is assembled from parts, one file per concern: the shared helpers ([`common`]),
//! the workload ([`workloads`]) and the mode ([`modes`]).

pub mod beside;
pub mod common;
pub mod csv;
pub mod gpu;
pub mod locks;
pub mod modes;
pub mod result_line;
pub mod workloads;

use crate::model::record::RunRecord;
use crate::settings::accepts::Accepts;
use crate::settings::{Key, Mode, Settings, WorkloadKind};
use crate::workloads::{Calibration, Plan, TaskSpec};

/// The settings a program carries: those that matter to the workload, but not the choice of
/// modes nor where Sequential and Coroutines run on the page.
pub fn setting_keys(workload: WorkloadKind) -> impl Iterator<Item = Key> {
    Key::ALL
        .iter()
        .copied()
        .filter(move |k| k.spec().scope.matters_to(workload))
        .filter(|k| !matches!(k, Key::Modes | Key::MainThread))
}

/// The settings as a Python dict literal, numbers as numbers, names as strings.
fn settings_literal(settings: &Settings) -> String {
    let entries: Vec<String> = setting_keys(settings.workload)
        .map(|key| {
            let value = match key.spec().accepts {
                Accepts::Whole { get, .. } => get(settings).to_string(),
                Accepts::Decimal { get, .. } => format!("{:?}", get(settings)),
                _ => format!("\"{}\"", settings.get(key)),
            };
            format!("    \"{}\": {value},", key.name())
        })
        .collect();
    format!("SETTINGS = {{\n{}\n}}", entries.join("\n"))
}

/// The SHA-256 rounds of each Mixed task in the plan (calibrated on the page's machine).
fn mixed_rounds(plan: &Plan) -> u32 {
    plan.tasks
        .iter()
        .find_map(|t| match t {
            TaskSpec::Mixed(m) => Some(m.rounds),
            _ => None,
        })
        .unwrap_or(0)
}

/// The tasks of the plan a run's record was made from (its calibration is not kept). Every
/// workload's tasks but Mixed's follow from the settings; Mixed's rounds per task (calibrated
/// on the page when the run began) are read back from the record's result, whose total is the
/// rounds summed over its equal tasks.
pub fn plan_of(record: &RunRecord) -> Plan {
    let mut plan = Plan::new(&record.settings, Calibration::default());
    let result = &record.result;
    // Convoy: task 0's total is its waits; the computing tasks share the rest equally.
    let (total, items) = if record.settings.workload == WorkloadKind::Convoy {
        let waits = u64::from(record.settings.waits);
        (
            result.total.saturating_sub(waits),
            result.items.saturating_sub(1),
        )
    } else {
        (result.total, result.items)
    };
    if let Some(rounds) = total.checked_div(items) {
        for task in &mut plan.tasks {
            if let TaskSpec::Mixed(m) = task {
                m.rounds = u32::try_from(rounds).unwrap_or(u32::MAX);
            }
        }
    }
    plan
}

/// The file name a program is downloaded as: `playground_primes_gil.py`.
pub fn file_name(settings: &Settings, mode: Mode) -> String {
    format!("playground_{}_{}.py", settings.workload.name(), mode.name())
}

/// The program's docstring: what it is, how to run it, and what differs from the page.
fn header(settings: &Settings, mode: Mode) -> String {
    let title = format!(
        "{}: {}, {} tasks",
        mode.title(),
        settings.workload.title(),
        settings.tasks
    );
    format!(
        r#"#!/usr/bin/env python3
"""Concurrency Playground, as a CPython program. {title}.

Run it as it is with any CPython 3.10 or newer, no packages needed:
    python3 {file}
It computes the page's tasks (the same split, the same seed) and prints the checksum the page
showed for this run, then one line of JSON with its timings: paste that line into the page to
see CPython's times beside the page's.

{notes}

What differs from the page: the page runs Rust compiled to WebAssembly, which is far faster
than CPython, so expect much longer times here; compare the ratios between modes (speedups),
not the milliseconds. The page's threads, GIL and processes are models built on Web Workers;
here they are CPython's own, on this machine's cores. Timings are time.perf_counter() ms from
the moment the mode starts; wall time runs from the first task's start to the last one's end.
"""
"#,
        file = file_name(settings, mode),
        notes = modes::notes(mode, settings),
    )
}

/// The complete program for `mode`, computing `plan` (made from `settings`).
pub fn program(settings: &Settings, plan: &Plan, mode: Mode) -> String {
    if mode == Mode::Gpu {
        return gpu::program(settings).unwrap_or_else(|| {
            format!(
                "# The GPU mode has no Python program for {}: the page's GPU kernel for it has \n\
                 # no short equivalent in Numba or CuPy.\n",
                settings.workload.title()
            )
        });
    }
    let mut out = header(settings, mode);
    out.push_str("import hashlib\nimport json\nimport os\nimport platform\nimport struct\nimport sys\nimport time\n");
    out.push_str(modes::imports(mode));
    out.push_str("\n# The page's settings, by the names its links use.\n");
    out.push_str(&settings_literal(settings));
    out.push_str(&format!(
        "\nMODE = \"{}\"\nMODE_TITLE = \"{}\"\n",
        mode.name(),
        mode.title()
    ));
    if matches!(
        settings.workload,
        WorkloadKind::Mixed | WorkloadKind::Convoy
    ) {
        out.push_str(&format!(
            "# SHA-256 rounds per task: what the page measured as worth cpu_ms = {} ms on its\n\
             # machine. Kept as it is, so that this program does the same work and prints the same\n\
             # checksum (CPython takes longer for it).\nCPU_ROUNDS = {}\n",
            settings.cpu_ms,
            mixed_rounds(plan)
        ));
    }
    let mut parts = vec![common::CHECKSUM];
    if settings.workload == WorkloadKind::Downloads {
        parts.push(common::PCG64);
    }
    parts.push(workloads::source(settings.workload));
    if mode != Mode::Coroutines {
        parts.push(common::RUN_TASK);
    }
    parts.extend([common::REPORT, modes::source(mode)]);
    for part in parts {
        // Two blank lines between top-level definitions, as PEP 8 asks.
        out.push('\n');
        out.push_str(part);
    }
    out.push_str("\n\nif __name__ == \"__main__\":\n    main()\n");
    out
}

#[cfg(test)]
mod tests;
