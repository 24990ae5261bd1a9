//! CPython beside the page: the runs a student brought back from the generated programs, set
//! next to the page's own rows (wall time, and speedup over each side's own Sequential), and
//! the sentence that compares their shapes. A line is taken only if it ran this run's settings
//! and computed this run's checksum.

use super::result_line::{LineError, PythonRun};
use crate::model::comparison::speedup;
use crate::model::record::RunRecord;
use crate::settings::Mode;

/// One mode, on the page and in CPython.
#[derive(Clone, Debug, PartialEq)]
pub struct BesideRow {
    /// The mode.
    pub mode: Mode,
    /// The page's wall time, ms, if the mode ran here.
    pub page_ms: Option<f64>,
    /// The page's speedup over its Sequential.
    pub page_speedup: Option<f64>,
    /// CPython's wall time, ms, if its line was brought back.
    pub cpython_ms: Option<f64>,
    /// CPython's speedup over CPython's own Sequential.
    pub cpython_speedup: Option<f64>,
}

/// Checks that `run` belongs beside `records` (the same settings and the same result).
pub fn admit(run: &PythonRun, records: &[&RunRecord]) -> Result<(), LineError> {
    let Some(first) = records.first() else {
        return Err(LineError(
            "Run the comparison on the page first, then paste the program's line.".into(),
        ));
    };
    let settings = run.to_settings(&first.settings)?;
    let mut theirs = settings.clone();
    theirs.modes = first.settings.modes.clone();
    theirs.main_thread = first.settings.main_thread;
    if theirs != first.settings {
        let differ: Vec<&str> = super::setting_keys(first.settings.workload)
            .filter(|&k| settings.get(k) != first.settings.get(k))
            .map(|k| k.name())
            .collect();
        return Err(LineError(format!(
            "That line is from a program of other settings ({}): generate the program from this run and run it again.",
            differ.join(", ")
        )));
    }
    if run.checksum() != first.result.checksum {
        return Err(LineError(format!(
            "That line's checksum {} is not this run's {}: it computed something else.",
            run.checksum, first.result.checksum
        )));
    }
    Ok(())
}

/// Adds `run` to `runs`, replacing an earlier line of the same mode.
pub fn add(runs: &mut Vec<PythonRun>, run: PythonRun) {
    runs.retain(|r| r.mode != run.mode);
    runs.push(run);
}

/// Reads the lines in `text`, checks each belongs beside `records`, and returns `current` with
/// them added and a sentence saying what was added; on any error, nothing is added.
pub fn take(
    text: &str,
    records: &[&RunRecord],
    current: &[PythonRun],
) -> Result<(Vec<PythonRun>, String), LineError> {
    let lines = super::result_line::parse_many(text)?;
    for line in &lines {
        admit(line, records)?;
    }
    let said: Vec<String> = lines
        .iter()
        .map(|l| format!("{} on {} {}", l.mode.title(), l.implementation, l.python))
        .collect();
    let mut next = current.to_vec();
    lines.into_iter().for_each(|l| add(&mut next, l));
    Ok((next, format!("Added CPython's times: {}.", said.join(", "))))
}

/// One row per mode that ran on the page or in CPython, in the page's order of modes.
pub fn rows(records: &[&RunRecord], runs: &[PythonRun]) -> Vec<BesideRow> {
    let page = |m: Mode| records.iter().find(|r| r.mode == m).map(|r| r.wall_ms);
    let cpython = |m: Mode| runs.iter().find(|r| r.mode == m).map(|r| r.wall_ms);
    let (page_base, cpython_base) = (page(Mode::Sequential), cpython(Mode::Sequential));
    Mode::ALL
        .iter()
        .filter(|&&m| page(m).is_some() || cpython(m).is_some())
        .map(|&mode| BesideRow {
            mode,
            page_ms: page(mode),
            page_speedup: page_base.zip(page(mode)).and_then(|(b, t)| speedup(b, t)),
            cpython_ms: cpython(mode),
            cpython_speedup: cpython_base
                .zip(cpython(mode))
                .and_then(|(b, t)| speedup(b, t)),
        })
        .collect()
}

fn shape(rows: &[BesideRow], pick: impl Fn(&BesideRow) -> Option<f64>) -> String {
    rows.iter()
        .filter(|r| r.mode != Mode::Sequential)
        .filter_map(|r| pick(r).map(|s| format!("{} {s:.2}×", r.mode.title().to_lowercase())))
        .collect::<Vec<_>>()
        .join(", ")
}

/// "CPython: threads + gil 0.99×, processes 1.76×; this page: 0.97×, 1.83×", for the modes
/// both sides have a speedup for; None until CPython's Sequential and one more mode are in.
pub fn sentence(rows: &[BesideRow]) -> Option<String> {
    let both: Vec<BesideRow> = rows
        .iter()
        .filter(|r| r.cpython_speedup.is_some() && r.page_speedup.is_some())
        .cloned()
        .collect();
    if both.iter().all(|r| r.mode == Mode::Sequential) {
        return None;
    }
    Some(format!(
        "Speedups over each side's own Sequential. CPython: {}; this page: {}.",
        shape(&both, |r| r.cpython_speedup),
        shape(&both, |r| r.page_speedup)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::python::result_line::parse;
    use crate::settings::Settings;
    use crate::workloads::{Checksum, WorkloadResult};

    fn record(mode: Mode, wall_ms: f64) -> RunRecord {
        let mut settings = Settings::defaults(2);
        settings.limit = 1000;
        settings.tasks = 2;
        RunRecord {
            mode,
            settings,
            on_main_thread: false,
            lanes: Vec::new(),
            tasks: Vec::new(),
            wall_ms,
            startup_ms: 0.0,
            bytes_serialized: 0,
            serialize_ms: 0.0,
            gil_switches: 0,
            result: WorkloadResult {
                checksum: Checksum(255),
                items: 0,
                total: 0,
            },
            timer_resolution_ms: 0.005,
            origin_ms: 0.0,
            stopped: None,
            gpu: None,
        }
    }

    fn line(mode: &str, wall_ms: f64, limit: u32) -> PythonRun {
        parse(&format!(
            r#"{{"format":"concurrency-playground-python","version":1,"mode":"{mode}","settings":{{"workload":"primes","tasks":2,"limit":{limit},"workers":2,"switch_ms":5.0,"gil":"new","ticks":1,"yield_every":0}},"checksum":"00000000000000ff","wall_ms":{wall_ms},"startup_ms":0.5,"tasks":[{{"index":0,"unit":"t","start_ms":0.5,"end_ms":6.0,"checksum":"000000000000000f"}}],"python":"3.11.7","implementation":"CPython","cpu_count":2,"gil_enabled":true}}"#
        ))
        .expect("a good line")
    }

    #[test]
    fn cpython_sits_beside_the_page_with_its_own_baseline() {
        let records = [record(Mode::Sequential, 10.0), record(Mode::Processes, 5.0)];
        let records: Vec<&RunRecord> = records.iter().collect();
        let mut runs = Vec::new();
        for run in [
            line("sequential", 900.0, 1000),
            line("processes", 600.0, 1000),
            line("processes", 500.0, 1000),
        ] {
            admit(&run, &records).expect("same settings and result");
            add(&mut runs, run);
        }
        let rows = rows(&records, &runs);
        assert_eq!(rows.len(), 2);
        assert_eq!(
            rows[1].cpython_speedup,
            Some(1.8),
            "the later line replaced the earlier"
        );
        assert_eq!(rows[1].page_speedup, Some(2.0));
        assert_eq!(
            sentence(&rows).as_deref(),
            Some(
                "Speedups over each side's own Sequential. CPython: processes 1.80×; this page: processes 2.00×."
            )
        );
        assert_eq!(sentence(&rows[..1]), None);
    }

    #[test]
    fn lines_of_other_runs_are_refused() {
        let records = [record(Mode::Sequential, 10.0)];
        let records: Vec<&RunRecord> = records.iter().collect();
        let other = admit(&line("gil", 1.0, 2000), &records).expect_err("other settings");
        assert!(other.0.contains("other settings (limit)"), "{}", other.0);
        let mut wrong = line("gil", 1.0, 1000);
        wrong.checksum = "00000000000000fe".into();
        assert!(
            admit(&wrong, &records)
                .expect_err("other result")
                .0
                .contains("computed something else")
        );
        assert!(
            admit(&wrong, &[])
                .expect_err("no run")
                .0
                .contains("Run the comparison")
        );
    }
}
