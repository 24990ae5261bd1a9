//! Reading a shared run back: [`parse`] takes any text and returns the run only if every part of
//! it is what this page writes (its format and version, settings the page accepts, numbers in
//! range, records that hold together, no markup in any string). Otherwise an [`ImportError`]
//! whose sentence names what is wrong; nothing in the text is ever evaluated.

use super::{FORMAT, MAX_BYTES, SharedRun, VERSION};
use crate::model::record::RunRecord;
use crate::settings::{Key, Mode, Settings};
use serde_json::Value;
use std::fmt;

/// The `format` of a generated program's result line (`python::result_line::FORMAT`, which
/// this layer does not reach), recognized to say where such a line goes.
pub const CPYTHON_LINE: &str = "concurrency-playground-python";
/// The longest time accepted, ms (a day).
const MAX_MS: f64 = 86_400_000.0;
/// The most intervals accepted over all records.
const MAX_INTERVALS: usize = 1_000_000;
/// The longest name accepted (a lane's label, the browser's name).
const MAX_NAME: usize = 80;

/// Why a text is not a shared run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError(pub String);

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ImportError {}

fn fail<T>(message: impl Into<String>) -> Result<T, ImportError> {
    Err(ImportError(message.into()))
}

/// Reads a shared run from `text`, or says what is wrong with it.
pub fn parse(text: &str) -> Result<SharedRun, ImportError> {
    if text.len() > MAX_BYTES {
        return fail(format!(
            "The text is {} KB; a run's file is at most {} KB, so this is not one.",
            text.len() / 1024,
            MAX_BYTES / 1024
        ));
    }
    if text.trim().is_empty() {
        return fail("There is nothing to read: choose, drop or paste a run's file.");
    }
    let value: Value = serde_json::from_str(text).map_err(|e| {
        let what = if e.is_eof() {
            "is cut short (truncated)"
        } else {
            "is not valid JSON"
        };
        ImportError(format!("The file {what}: {e}."))
    })?;
    let Some(object) = value.as_object() else {
        return fail("The file is JSON but not an object: it is not a run's file.");
    };
    match object.get("format").and_then(Value::as_str) {
        Some(FORMAT) => {}
        Some(CPYTHON_LINE) => {
            return fail(
                "That is a CPython program's line: paste it under \"CPython beside the page\".",
            );
        }
        _ => {
            return fail(format!(
                "The file is JSON but not a Concurrency Playground run (its \"format\" is not \"{FORMAT}\")."
            ));
        }
    }
    match object.get("version").and_then(Value::as_u64) {
        Some(v) if v == u64::from(VERSION) => {}
        Some(v) => {
            return fail(format!(
                "The file is of version {v}; this page reads version {VERSION}. Export the run again from an up-to-date page."
            ));
        }
        None => return fail("The file has no version number."),
    }
    if let Some(path) = markup_at(&value) {
        return fail(format!(
            "The file holds markup (< or >) in a string, at {}: a run's file never does.",
            path.trim_start_matches('.')
        ));
    }
    let run: SharedRun = serde_json::from_value(value)
        .map_err(|e| ImportError(format!("The file is missing or misstates a field: {e}.")))?;
    run.check()?;
    Ok(run)
}

/// Where the first string holding `<` or `>` is, as a path (`.records[0].lanes[1].label`).
fn markup_at(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => s.contains(['<', '>']).then(String::new),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, v)| markup_at(v).map(|p| format!("[{i}]{p}"))),
        Value::Object(map) => map.iter().find_map(|(k, v)| {
            if k.contains(['<', '>']) {
                Some(".(a field's name)".to_owned())
            } else {
                markup_at(v).map(|p| format!(".{k}{p}"))
            }
        }),
        _ => None,
    }
}

fn time_ok(ms: f64) -> bool {
    ms.is_finite() && (0.0..=MAX_MS).contains(&ms)
}

fn name_ok(name: &str) -> bool {
    name.chars().count() <= MAX_NAME && !name.chars().any(char::is_control)
}

/// Checks each setting against what the page accepts (as if typed in the form), then together.
fn settings_ok(settings: &Settings) -> Result<(), String> {
    let mut probe = settings.clone();
    for &key in Key::ALL {
        probe
            .set(key, &settings.get(key))
            .map_err(|e| e.to_string())?;
    }
    settings
        .check()
        .first()
        .map_or(Ok(()), |e| Err(e.to_string()))
}

impl SharedRun {
    /// Checks that the parts hold together and every number is in range.
    fn check(&self) -> Result<(), ImportError> {
        settings_ok(&self.settings)
            .map_err(|problem| ImportError(format!("The file's settings: {problem}")))?;
        let m = &self.machine;
        let measured_ok = m
            .cores_measured
            .is_none_or(|c| c.is_finite() && (0.0..=4096.0).contains(&c));
        if !(1..=4096).contains(&m.cores) || !measured_ok {
            return fail("The file's machine has a number of cores out of range (1 to 4,096).");
        }
        if !m.timer_resolution_ms.is_finite() || !(0.0..=1000.0).contains(&m.timer_resolution_ms) {
            return fail("The file's machine has a clock step out of range (0 to 1,000 ms).");
        }
        if !name_ok(&m.browser) {
            return fail("The file's browser name is too long or holds control characters.");
        }
        if self.records.is_empty() || self.records.len() > Mode::ALL.len() {
            return fail("The file must hold the records of 1 to 5 modes.");
        }
        if self.results.len() != self.records.len() {
            return fail("The file's results and records do not pair up (one row per record).");
        }
        let intervals: usize = self
            .records
            .iter()
            .flat_map(|r| &r.lanes)
            .map(|l| l.intervals.len())
            .sum();
        if intervals > MAX_INTERVALS {
            return fail(format!(
                "The file's timelines hold {intervals} intervals; at most {MAX_INTERVALS} are read."
            ));
        }
        for (i, (row, record)) in self.results.iter().zip(&self.records).enumerate() {
            if self.records[..i].iter().any(|r| r.mode == record.mode) {
                return fail(format!("The file holds {} twice.", record.mode.title()));
            }
            let speedup_ok = row
                .speedup
                .is_none_or(|s| s.is_finite() && s > 0.0 && s < 1e6);
            if row.mode != record.mode
                || !time_ok(row.wall_ms)
                || !time_ok(row.startup_ms)
                || !row.frame_gap_ms.is_none_or(time_ok)
                || !row.playhead_ms.is_none_or(time_ok)
                || !speedup_ok
            {
                return fail(format!(
                    "The file's results row {} is out of range or not its record's mode.",
                    i + 1
                ));
            }
            if record.settings != self.settings {
                return fail(format!(
                    "The file's {} record ran other settings than the file states.",
                    record.mode.title()
                ));
            }
            check_record(record).map_err(|why| {
                ImportError(format!("The file's {} record: {why}.", record.mode.title()))
            })?;
        }
        Ok(())
    }
}

/// Checks one record's numbers, names and references; says what is wrong.
fn check_record(record: &RunRecord) -> Result<(), String> {
    let times = [record.wall_ms, record.startup_ms, record.serialize_ms];
    if !times.into_iter().all(time_ok) {
        return Err("wall_ms, startup_ms or serialize_ms is out of range (0 to a day)".into());
    }
    if !record.timer_resolution_ms.is_finite()
        || !(0.0..=1000.0).contains(&record.timer_resolution_ms)
        || !record.origin_ms.is_finite()
    {
        return Err("its clock (timer_resolution_ms, origin_ms) is out of range".into());
    }
    let tasks = record.settings.tasks;
    if record.tasks.len() != tasks as usize {
        return Err(format!(
            "it holds {} tasks, not the {tasks} its settings split the work into",
            record.tasks.len()
        ));
    }
    let lanes = record.lanes.len();
    if lanes == 0 || lanes > 2 * tasks as usize + 70 {
        return Err(format!("{lanes} lanes is out of range for {tasks} tasks"));
    }
    for task in &record.tasks {
        let times_ok = time_ok(task.start) && time_ok(task.end) && task.end >= task.start;
        if task.index >= tasks || task.lane as usize >= lanes || !times_ok {
            return Err(format!(
                "task {} is out of range (its number, lane or times)",
                task.index
            ));
        }
    }
    for lane in &record.lanes {
        if !name_ok(&lane.label) {
            return Err("a lane's label is too long or holds control characters".into());
        }
        for iv in &lane.intervals {
            let ok = iv.start.is_finite()
                && iv.end.is_finite()
                && (-MAX_MS..=MAX_MS).contains(&iv.start)
                && iv.end <= MAX_MS
                && iv.end >= iv.start
                && iv.task.is_none_or(|t| t < tasks);
            if !ok {
                return Err(format!("an interval of {} is out of range", lane.label));
            }
        }
    }
    Ok(())
}
