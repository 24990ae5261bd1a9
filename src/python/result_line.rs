//! The JSON line a generated program prints last, read back: [`PythonRun`], checked before the
//! page uses any of it. Text that is not such a line (other JSON, another version, a truncated
//! line, megabytes of text, numbers out of range, settings the page does not accept) gives a
//! [`LineError`] whose sentence names what is wrong. Nothing in the text is ever evaluated.

use crate::settings::{Key, Mode, Settings};
use crate::workloads::Checksum;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// The `format` every line carries.
pub const FORMAT: &str = "concurrency-playground-python";
/// The version of the line's scheme this page reads.
pub const VERSION: u32 = 1;
/// The longest text accepted, in bytes (a line of 1,000 tasks is about 120 KB).
pub const MAX_BYTES: usize = 512 * 1024;
/// The longest time accepted, ms (a day).
const MAX_MS: f64 = 86_400_000.0;

/// One task as CPython ran it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PythonTask {
    /// Its number in the plan.
    pub index: u32,
    /// The thread, process or coroutine that ran it.
    pub unit: String,
    /// Its start, ms from the mode's start.
    pub start_ms: f64,
    /// Its end, ms from the mode's start.
    pub end_ms: f64,
    /// Its part of the checksum, 16 hex digits.
    pub checksum: String,
}

/// A generated program's run, as its last line reports it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PythonRun {
    /// Always [`FORMAT`].
    pub format: String,
    /// The scheme's version, [`VERSION`].
    pub version: u32,
    /// The mode the program stands for, by its name in links.
    #[serde(with = "mode_name")]
    pub mode: Mode,
    /// The settings, by their names in links.
    pub settings: BTreeMap<String, serde_json::Value>,
    /// The result's checksum, 16 hex digits.
    pub checksum: String,
    /// From the first task's start to the last task's end, ms.
    pub wall_ms: f64,
    /// From the mode's start to the first task's start, ms.
    pub startup_ms: f64,
    /// Every task.
    pub tasks: Vec<PythonTask>,
    /// The Python version, `3.11.7`.
    pub python: String,
    /// `CPython`, `PyPy`...
    pub implementation: String,
    /// `os.cpu_count()`, if Python knew it.
    pub cpu_count: Option<u32>,
    /// Whether the GIL was on (false under free-threaded CPython).
    pub gil_enabled: bool,
    /// The switch interval the program set (Threads + GIL only), ms.
    #[serde(default)]
    pub switch_interval_ms: Option<f64>,
}

/// A mode as its name in links (`gil`), as the programs write it.
mod mode_name {
    use crate::settings::Mode;
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    pub fn serialize<S: Serializer>(mode: &Mode, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(mode.name())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Mode, D::Error> {
        let name = String::deserialize(d)?;
        Mode::from_name(&name).ok_or_else(|| {
            D::Error::custom(format!("the mode is not one of {}", Mode::NAMES.join(", ")))
        })
    }
}

/// Why a text is not a program's line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineError(pub String);

impl fmt::Display for LineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for LineError {}

fn fail<T>(message: impl Into<String>) -> Result<T, LineError> {
    Err(LineError(message.into()))
}

/// Reads one line (the last non-empty line of `text`, so a whole pasted output works too).
pub fn parse(text: &str) -> Result<PythonRun, LineError> {
    if text.len() > MAX_BYTES {
        return fail(format!(
            "The text is {} KB; a program's JSON line is at most {} KB. Paste only its last line.",
            text.len() / 1024,
            MAX_BYTES / 1024
        ));
    }
    let Some(line) = text.lines().map(str::trim).rfind(|l| !l.is_empty()) else {
        return fail("There is nothing to read: paste the last line the program printed.");
    };
    let value: serde_json::Value = serde_json::from_str(line).map_err(|e| {
        let what = if e.is_eof() {
            "is cut short (truncated)"
        } else {
            "is not JSON"
        };
        LineError(format!(
            "The last line {what}: {e}. Paste the whole last line the program printed."
        ))
    })?;
    let Some(object) = value.as_object() else {
        return fail("The line is JSON but not an object: it is not a program's result line.");
    };
    if object.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return fail(format!(
            "The line is JSON but not a Concurrency Playground result (its \"format\" is not \"{FORMAT}\")."
        ));
    }
    match object.get("version").and_then(|v| v.as_u64()) {
        Some(v) if v == u64::from(VERSION) => {}
        Some(v) => {
            return fail(format!(
                "The line is of version {v}; this page reads version {VERSION}. Generate the program again from this page."
            ));
        }
        None => return fail("The line has no version number."),
    }
    let run: PythonRun = serde_json::from_value(value)
        .map_err(|e| LineError(format!("The line is missing or misstates a field: {e}.")))?;
    run.check()?;
    Ok(run)
}

/// Reads every result line in `text` (each line that starts with `{`), as pasted from one or
/// several programs' output; one bad line refuses them all.
pub fn parse_many(text: &str) -> Result<Vec<PythonRun>, LineError> {
    if text.len() > MAX_BYTES {
        return parse(text).map(|run| vec![run]);
    }
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with('{'))
        .collect();
    if lines.is_empty() {
        return parse(text).map(|run| vec![run]);
    }
    lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            parse(line).map_err(|e| match lines.len() {
                1 => e,
                _ => LineError(format!("Line {} of {}: {e}", i + 1, lines.len())),
            })
        })
        .collect()
}

fn is_checksum(text: &str) -> bool {
    text.len() == 16
        && text
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

fn time_ok(ms: f64) -> bool {
    ms.is_finite() && (0.0..=MAX_MS).contains(&ms)
}

impl PythonRun {
    /// Checks every number, name and setting.
    fn check(&self) -> Result<(), LineError> {
        if !is_checksum(&self.checksum) {
            return fail("The line's checksum is not 16 lowercase hex digits.");
        }
        if !time_ok(self.wall_ms) || !time_ok(self.startup_ms) {
            return fail("The line's wall_ms or startup_ms is out of range (0 to a day).");
        }
        if self.tasks.is_empty() || self.tasks.len() > 1000 {
            return fail("The line must have 1 to 1,000 tasks.");
        }
        for task in &self.tasks {
            if !time_ok(task.start_ms) || !time_ok(task.end_ms) || task.end_ms < task.start_ms {
                return fail(format!(
                    "Task {}'s start_ms and end_ms are out of range.",
                    task.index
                ));
            }
            if !is_checksum(&task.checksum) || task.unit.chars().count() > 200 {
                return fail(format!(
                    "Task {}'s checksum or unit is malformed.",
                    task.index
                ));
            }
        }
        if self.python.chars().count() > 40 || self.implementation.chars().count() > 40 {
            return fail("The line's python or implementation is too long to be a version.");
        }
        if self.cpu_count.is_some_and(|c| c == 0 || c > 4096) {
            return fail("The line's cpu_count is out of range (1 to 4,096).");
        }
        self.to_settings(&Settings::defaults(1)).map(|_| ())
    }

    /// The run's settings, over `base` for the ones the line does not carry.
    pub fn to_settings(&self, base: &Settings) -> Result<Settings, LineError> {
        let mut settings = base.clone();
        let workload = self.settings.get("workload").and_then(|w| w.as_str());
        settings
            .set(Key::Workload, workload.unwrap_or(""))
            .map_err(|e| LineError(format!("The line's settings: {e}")))?;
        for (name, value) in &self.settings {
            let text = match value {
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Number(n) => n.to_string(),
                _ => {
                    return fail(format!(
                        "The line's setting {name:?} is neither a number nor a name."
                    ));
                }
            };
            let key = match Key::from_name(name) {
                Some(Key::Modes | Key::MainThread) => {
                    return fail(format!(
                        "The line's settings carry {name:?}, which a program never does."
                    ));
                }
                Some(key) => key,
                None => {
                    return fail(format!(
                        "The line's settings name {name:?}: there is no setting named so."
                    ));
                }
            };
            settings
                .set(key, &text)
                .map_err(|e| LineError(format!("The line's settings: {e}")))?;
        }
        if let Some(problem) = settings.check().first() {
            return fail(format!("The line's settings: {problem}"));
        }
        Ok(settings)
    }

    /// The checksum as the page's type.
    pub fn checksum(&self) -> Checksum {
        Checksum(u64::from_str_radix(&self.checksum, 16).unwrap_or(0))
    }
}
