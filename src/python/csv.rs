//! The comparison as CSV for spreadsheets: one row per mode with the results table's columns,
//! CPython's columns when its lines were brought back, the machine, and every setting by its
//! name in links. Fields are quoted as RFC 4180 asks when they hold a comma, quote or line end.

use super::beside;
use super::result_line::PythonRun;
use crate::model::comparison::compare;
use crate::model::record::RunRecord;
use crate::settings::Key;

fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

fn number(value: Option<f64>) -> String {
    value.map_or_else(String::new, |v| format!("{v:.3}"))
}

/// The CSV text: a header line, then one line per mode in the records' order. `machine` is
/// (column, value) pairs describing where the page ran (browser, cores, isolation).
pub fn comparison_csv(
    records: &[&RunRecord],
    machine: &[(&str, String)],
    cpython: &[PythonRun],
) -> String {
    let rows = compare(records);
    let beside = beside::rows(records, cpython);
    let mut header: Vec<String> = [
        "mode",
        "workers",
        "wall_ms",
        "speedup",
        "efficiency",
        "startup_ms",
        "speedup_with_startup",
        "checksum",
        "result_differs",
        "cpython_wall_ms",
        "cpython_speedup",
        "cpython_version",
        "cpython_cpu_count",
    ]
    .map(str::to_owned)
    .to_vec();
    header.extend(machine.iter().map(|(name, _)| (*name).to_owned()));
    header.extend(Key::ALL.iter().map(|k| k.name().to_owned()));
    let mut out = header.join(",") + "\n";
    for (row, record) in rows.iter().zip(records) {
        let py = beside.iter().find(|b| b.mode == row.mode);
        let run = cpython.iter().find(|r| r.mode == row.mode);
        let mut fields = vec![
            row.mode.name().to_owned(),
            row.workers.to_string(),
            number(Some(row.wall_ms)),
            number(row.speedup),
            number(row.efficiency),
            number(Some(row.startup_ms)),
            number(row.speedup_with_startup),
            row.checksum.to_string(),
            row.agreement.differs().to_string(),
            number(py.and_then(|p| p.cpython_ms)),
            number(py.and_then(|p| p.cpython_speedup)),
            run.map_or_else(String::new, |r| {
                format!("{} {}", r.implementation, r.python)
            }),
            run.and_then(|r| r.cpu_count)
                .map_or_else(String::new, |c| c.to_string()),
        ];
        fields.extend(machine.iter().map(|(_, value)| value.clone()));
        fields.extend(Key::ALL.iter().map(|&k| record.settings.get(k)));
        let line: Vec<String> = fields.iter().map(|f| field(f)).collect();
        out.push_str(&line.join(","));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::{Mode, Settings};
    use crate::workloads::{Checksum, WorkloadResult};

    fn record(mode: Mode, wall_ms: f64) -> RunRecord {
        RunRecord {
            mode,
            settings: Settings::defaults(2),
            on_main_thread: false,
            lanes: Vec::new(),
            tasks: Vec::new(),
            wall_ms,
            startup_ms: 1.5,
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

    #[test]
    fn one_row_per_mode_with_the_settings_and_the_machine() {
        let records = [record(Mode::Sequential, 10.0), record(Mode::Gil, 8.0)];
        let records: Vec<&RunRecord> = records.iter().collect();
        let machine = [("browser", "Chromium 156, \"headless\"".to_owned())];
        let text = comparison_csv(&records, &machine, &[]);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[0].starts_with("mode,workers,wall_ms,speedup,"));
        assert!(lines[0].contains(",browser,workload,tasks,limit,"));
        assert!(lines[2].starts_with("gil,2,8.000,1.250,0.625,1.500,"));
        assert!(
            lines[2].contains(
                ",00000000000000ff,false,,,,,\"Chromium 156, \"\"headless\"\"\",primes,8,"
            )
        );
        assert!(lines[2].contains(",\"sequential,threads,gil,processes,coroutines\","));
        let columns = lines[0].split(',').count();
        assert_eq!(columns, 13 + 1 + Key::ALL.len());
    }
}
