//! The settings of a run as typed values, read from and written to text by name, with the
//! checks that involve more than one setting.

use super::names::{GilVersion, Mode, Split, WorkloadKind};
use super::spec::{self, Accepts, MAX_PIXELS, SettingSpec};
use crate::model::format::group_thousands;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Every setting of a run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// What the tasks compute or wait for.
    pub workload: WorkloadKind,
    /// How many tasks the work is split into.
    pub tasks: u32,
    /// Primes: count the primes below this.
    pub limit: u32,
    /// Mandelbrot: image width in pixels.
    pub width: u32,
    /// Mandelbrot: image height in pixels.
    pub height: u32,
    /// Mandelbrot: the iteration cap.
    pub iterations: u32,
    /// Hashes: how many chains.
    pub chains: u32,
    /// Hashes: SHA-256 applications per chain.
    pub rounds: u32,
    /// Collatz: the numbers 1..=numbers.
    pub numbers: u32,
    /// Collatz: how the numbers are divided among tasks.
    pub split: Split,
    /// Downloads: network latency per download.
    pub latency_ms: u32,
    /// Downloads: the most extra latency, drawn from the seed.
    pub jitter_ms: u32,
    /// Mixed: the wait of each task.
    pub io_ms: u32,
    /// Mixed: the computing of each task, in calibrated milliseconds.
    pub cpu_ms: u32,
    /// Seeds the inputs, payloads and jitter.
    pub seed: u32,
    /// The modes to run, in order.
    pub modes: Vec<Mode>,
    /// Threads or processes in a pool.
    pub workers: u32,
    /// The new GIL's switch interval.
    pub switch_ms: f64,
    /// Which GIL is modelled.
    pub gil: GilVersion,
    /// The old GIL's check interval, in steps.
    pub ticks: u32,
    /// Coroutine compute steps between yields (0: never).
    pub yield_every: u32,
    /// Run Sequential and Coroutines on the page's main thread.
    pub main_thread: bool,
}

/// A setting that was given a value it does not accept, with the sentence the page shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SettingError {
    /// The setting's name.
    pub setting: &'static str,
    /// A full sentence naming the setting and what it accepts.
    pub message: String,
}

impl fmt::Display for SettingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for SettingError {}

impl SettingError {
    fn new(spec: &SettingSpec, problem: &str) -> Self {
        SettingError {
            setting: spec.name,
            message: format!(
                "{}: {problem}; it takes {}.",
                spec.name,
                spec.accepts.describe()
            ),
        }
    }

    fn cross(setting: &'static str, message: String) -> Self {
        SettingError { setting, message }
    }
}

impl Settings {
    /// The defaults on a machine whose browser reports `cores` cores.
    pub fn defaults(cores: u32) -> Self {
        Settings {
            workload: WorkloadKind::Primes,
            tasks: 8,
            limit: 2_000_000,
            width: 800,
            height: 600,
            iterations: 1000,
            chains: 64,
            rounds: 20_000,
            numbers: 3_000_000,
            split: Split::Uneven,
            latency_ms: 200,
            jitter_ms: 0,
            io_ms: 50,
            cpu_ms: 50,
            seed: 1,
            modes: Mode::ALL.to_vec(),
            workers: cores.clamp(1, 64),
            switch_ms: 5.0,
            gil: GilVersion::New,
            ticks: 1,
            yield_every: 0,
            main_thread: false,
        }
    }

    /// The value of a setting as text, as the form and the URL show it.
    ///
    /// # Panics
    /// If `name` is not in [`spec::SETTINGS`]: names come from that table.
    pub fn get(&self, name: &str) -> String {
        match name {
            "workload" => self.workload.name().to_owned(),
            "tasks" => self.tasks.to_string(),
            "limit" => self.limit.to_string(),
            "width" => self.width.to_string(),
            "height" => self.height.to_string(),
            "iterations" => self.iterations.to_string(),
            "chains" => self.chains.to_string(),
            "rounds" => self.rounds.to_string(),
            "numbers" => self.numbers.to_string(),
            "split" => self.split.name().to_owned(),
            "latency_ms" => self.latency_ms.to_string(),
            "jitter_ms" => self.jitter_ms.to_string(),
            "io_ms" => self.io_ms.to_string(),
            "cpu_ms" => self.cpu_ms.to_string(),
            "seed" => self.seed.to_string(),
            "modes" => self
                .modes
                .iter()
                .map(|m| m.name())
                .collect::<Vec<_>>()
                .join(","),
            "workers" => self.workers.to_string(),
            "switch_ms" => format_decimal(self.switch_ms),
            "gil" => self.gil.name().to_owned(),
            "ticks" => self.ticks.to_string(),
            "yield_every" => self.yield_every.to_string(),
            "main_thread" => u8::from(self.main_thread).to_string(),
            other => panic!("no setting is named {other}"),
        }
    }

    /// Sets a setting from text. On error the settings are unchanged and the error's sentence
    /// names the setting and what it accepts.
    pub fn set(&mut self, name: &str, text: &str) -> Result<(), SettingError> {
        let spec = spec::find(name).ok_or_else(|| SettingError {
            setting: "?",
            message: format!("There is no setting named {name:?}."),
        })?;
        let text = text.trim();
        match spec.accepts {
            Accepts::Whole { min, max } => {
                let value = parse_whole(spec, text, min, max)?;
                let value = u32::try_from(value).expect("every whole range fits in u32");
                match name {
                    "tasks" => self.tasks = value,
                    "limit" => self.limit = value,
                    "width" => self.width = value,
                    "height" => self.height = value,
                    "iterations" => self.iterations = value,
                    "chains" => self.chains = value,
                    "rounds" => self.rounds = value,
                    "numbers" => self.numbers = value,
                    "latency_ms" => self.latency_ms = value,
                    "jitter_ms" => self.jitter_ms = value,
                    "io_ms" => self.io_ms = value,
                    "cpu_ms" => self.cpu_ms = value,
                    "seed" => self.seed = value,
                    "workers" => self.workers = value,
                    "ticks" => self.ticks = value,
                    "yield_every" => self.yield_every = value,
                    _ => unreachable!("{name} is not a whole-number setting"),
                }
            }
            Accepts::Decimal { min, max } => {
                let value = parse_decimal(spec, text, min, max)?;
                match name {
                    "switch_ms" => self.switch_ms = value,
                    _ => unreachable!("{name} is not a decimal setting"),
                }
            }
            Accepts::OneOf(_) => {
                let unknown =
                    || SettingError::new(spec, &format!("{} is not a choice", quote(text)));
                match name {
                    "workload" => {
                        self.workload = WorkloadKind::from_name(text).ok_or_else(unknown)?
                    }
                    "split" => self.split = Split::from_name(text).ok_or_else(unknown)?,
                    "gil" => self.gil = GilVersion::from_name(text).ok_or_else(unknown)?,
                    _ => unreachable!("{name} is not a choice setting"),
                }
            }
            Accepts::ListOf(_) => {
                let mut modes = Vec::new();
                for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                    let mode = Mode::from_name(part).ok_or_else(|| {
                        SettingError::new(spec, &format!("{} is not a mode", quote(part)))
                    })?;
                    if !modes.contains(&mode) {
                        modes.push(mode);
                    }
                }
                if modes.is_empty() {
                    return Err(SettingError::new(spec, "no mode is chosen"));
                }
                self.modes = modes;
            }
            Accepts::Flag => {
                self.main_thread = match text {
                    "0" => false,
                    "1" => true,
                    _ => {
                        return Err(SettingError::new(
                            spec,
                            &format!("{} is neither 0 nor 1", quote(text)),
                        ));
                    }
                };
            }
        }
        Ok(())
    }

    /// The problems that involve more than one setting, each attached to the setting the page
    /// should mark. Single settings are already valid by construction.
    pub fn check(&self) -> Vec<SettingError> {
        let mut problems = Vec::new();
        match self.workload {
            WorkloadKind::Primes if self.tasks > self.limit => problems.push(SettingError::cross(
                "tasks",
                format!("tasks: {} tasks cannot split the {} numbers below {}; use at most {}.",
                    self.tasks, self.limit, self.limit, self.limit),
            )),
            WorkloadKind::Mandelbrot => {
                let pixels = u64::from(self.width) * u64::from(self.height);
                if pixels > MAX_PIXELS {
                    problems.push(SettingError::cross(
                        "height",
                        format!("height: a {}×{} image has {} pixels; the most is {}.",
                            self.width, self.height, group_thousands(pixels), group_thousands(MAX_PIXELS)),
                    ));
                }
                if self.tasks > self.height {
                    problems.push(SettingError::cross(
                        "tasks",
                        format!("tasks: each task is a band of rows, so there can be at most {} (the height).", self.height),
                    ));
                }
            }
            WorkloadKind::Hashes if self.tasks > self.chains => problems.push(SettingError::cross(
                "tasks",
                format!("tasks: each task computes whole chains, so there can be at most {} (the chains).", self.chains),
            )),
            WorkloadKind::Collatz if self.tasks > self.numbers => problems.push(SettingError::cross(
                "tasks",
                format!("tasks: {} tasks cannot split {} numbers; use at most {}.", self.tasks, self.numbers, self.numbers),
            )),
            _ => {}
        }
        if self.main_thread && !self.modes.iter().any(|m| m.can_run_on_main_thread()) {
            problems.push(SettingError::cross(
                "main_thread",
                "main_thread: only Sequential and Coroutines can run on the page's main thread; choose one of them in modes.".to_owned(),
            ));
        }
        problems
    }
}

fn quote(text: &str) -> String {
    const MAX: usize = 24;
    if text.chars().count() > MAX {
        format!("\"{}…\"", text.chars().take(MAX).collect::<String>())
    } else {
        format!("\"{text}\"")
    }
}

fn parse_whole(spec: &SettingSpec, text: &str, min: u64, max: u64) -> Result<u64, SettingError> {
    if text.is_empty() {
        return Err(SettingError::new(spec, "it is empty"));
    }
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        let problem = if text.starts_with('-') && text[1..].bytes().all(|b| b.is_ascii_digit()) {
            format!("{} is negative", quote(text))
        } else {
            format!("{} is not a whole number", quote(text))
        };
        return Err(SettingError::new(spec, &problem));
    }
    match text.parse::<u64>() {
        Ok(value) if value < min => Err(SettingError::new(
            spec,
            &format!("{} is too small", quote(text)),
        )),
        Ok(value) if value > max => Err(SettingError::new(
            spec,
            &format!("{} is too large", quote(text)),
        )),
        Ok(value) => Ok(value),
        Err(_) => Err(SettingError::new(
            spec,
            &format!("{} is too large", quote(text)),
        )),
    }
}

fn parse_decimal(spec: &SettingSpec, text: &str, min: f64, max: f64) -> Result<f64, SettingError> {
    if text.is_empty() {
        return Err(SettingError::new(spec, "it is empty"));
    }
    let plain = text
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-');
    match text.parse::<f64>() {
        Ok(value) if plain && value.is_finite() => {
            if value < min {
                Err(SettingError::new(
                    spec,
                    &format!("{} is too small", quote(text)),
                ))
            } else if value > max {
                Err(SettingError::new(
                    spec,
                    &format!("{} is too large", quote(text)),
                ))
            } else {
                Ok(value)
            }
        }
        _ => Err(SettingError::new(
            spec,
            &format!("{} is not a number", quote(text)),
        )),
    }
}

fn format_decimal(value: f64) -> String {
    let text = format!("{value:.3}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_setting_round_trips_through_text() {
        let defaults = Settings::defaults(4);
        for spec in spec::SETTINGS {
            let mut copy = Settings::defaults(1);
            copy.set(spec.name, &defaults.get(spec.name))
                .expect("a default is accepted");
            assert_eq!(
                copy.get(spec.name),
                defaults.get(spec.name),
                "{}",
                spec.name
            );
        }
    }

    #[test]
    fn bad_values_name_the_setting_and_the_range() {
        let mut s = Settings::defaults(2);
        let before = s.clone();
        for (name, text, needle) in [
            (
                "limit",
                "",
                "limit: it is empty; it takes a whole number from 2 to 100,000,000.",
            ),
            ("limit", "-5", "\"-5\" is negative"),
            ("limit", "abc", "\"abc\" is not a whole number"),
            (
                "limit",
                "1000000000000000",
                "\"1000000000000000\" is too large",
            ),
            ("limit", "99999999999999999999999", "too large"),
            (
                "tasks",
                "0",
                "tasks: \"0\" is too small; it takes a whole number from 1 to 1,000.",
            ),
            (
                "workers",
                "1000",
                "workers: \"1000\" is too large; it takes a whole number from 1 to 64.",
            ),
            ("switch_ms", "fast", "switch_ms: \"fast\" is not a number"),
            ("switch_ms", "inf", "not a number"),
            ("switch_ms", "0.01", "too small"),
            (
                "gil",
                "py3",
                "gil: \"py3\" is not a choice; it takes one of new, old.",
            ),
            ("modes", "threads,fibers", "\"fibers\" is not a mode"),
            ("modes", ",", "no mode is chosen"),
            ("main_thread", "yes", "neither 0 nor 1"),
            ("workload", "<script>", "\"<script>\" is not a choice"),
        ] {
            let err = s.set(name, text).expect_err(text);
            assert_eq!(err.setting, name);
            assert!(
                err.message.contains(needle),
                "{} should contain {needle}",
                err.message
            );
        }
        assert_eq!(
            s, before,
            "a rejected value leaves the settings as they were"
        );
    }

    #[test]
    fn modes_are_deduplicated_in_order() {
        let mut s = Settings::defaults(2);
        s.set("modes", " gil, sequential,gil ").expect("valid");
        assert_eq!(s.modes, vec![Mode::Gil, Mode::Sequential]);
        assert_eq!(s.get("modes"), "gil,sequential");
    }

    #[test]
    fn cross_checks_name_the_field_to_fix() {
        let mut s = Settings::defaults(2);
        s.workload = WorkloadKind::Mandelbrot;
        s.width = 4000;
        s.height = 4000;
        let problems = s.check();
        assert_eq!(problems[0].setting, "height");
        s.height = 4;
        s.tasks = 8;
        assert!(s.check().iter().any(|p| p.setting == "tasks"));
        let mut s = Settings::defaults(2);
        s.main_thread = true;
        s.modes = vec![Mode::Threads];
        assert_eq!(s.check()[0].setting, "main_thread");
        assert!(Settings::defaults(2).check().is_empty());
    }
}
