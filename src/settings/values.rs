//! The settings of a run as typed values, read from and written to text by name, with the
//! checks that involve more than one setting.

use super::names::{Experiment, GilVersion, Mode, Precision, Split, WorkloadKind};
use super::spec::{Key, MAX_PIXELS};
use crate::format::group_thousands;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Every setting of a run.
///
/// Settings sit inside versioned files (a shared run, and each of its records): a field the
/// text lacks takes its default ([`Settings::default`]), so that a file written before a
/// setting existed still reads, as what that page ran.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
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
    /// Mandelbrot: the floats the pixels are computed in.
    pub precision: Precision,
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
    /// Convoy: how many times the first task waits.
    pub waits: u32,
    /// Convoy: each of its waits, ms.
    pub wait_ms: u32,
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
    /// Locks lab: which experiment.
    pub experiment: Experiment,
    /// Locks lab: threads (or processes, or coroutines) sharing the counter.
    pub threads: u32,
    /// Locks lab: increments per thread.
    pub increments: u32,
    /// Locks lab: the share of each step done while holding the lock, percent.
    pub lock_share: u32,
    /// Locks lab: steps of work in the contention experiment, split among the threads.
    pub steps: u32,
    /// Locks lab: producer threads.
    pub producers: u32,
    /// Locks lab: consumer threads.
    pub consumers: u32,
    /// Locks lab: the queue's capacity.
    pub capacity: u32,
    /// Locks lab: items passed through the queue.
    pub items: u32,
}

/// A setting that was given a value it does not accept, with the sentence the page shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SettingError {
    /// The setting to mark on the page.
    pub setting: Key,
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
    fn cross(setting: Key, message: String) -> Self {
        SettingError { setting, message }
    }
}

/// The defaults on one core: the same on every machine, so that a file read here is not given
/// this machine's cores. Only what depends on the cores differs from a page's defaults (its
/// workers and threads), and those are in every file since version 1; a setting added later
/// takes the value under which pages ran before it existed, its default.
impl Default for Settings {
    fn default() -> Self {
        Settings::defaults(1)
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
            precision: Precision::F64,
            chains: 64,
            rounds: 20_000,
            numbers: 3_000_000,
            split: Split::Uneven,
            latency_ms: 200,
            jitter_ms: 0,
            io_ms: 50,
            cpu_ms: 50,
            waits: 100,
            wait_ms: 1,
            seed: 1,
            modes: Mode::DEFAULTS.to_vec(),
            workers: cores.clamp(1, 64),
            switch_ms: 5.0,
            gil: GilVersion::New,
            ticks: 1,
            yield_every: 0,
            main_thread: false,
            experiment: Experiment::Counters,
            threads: cores.clamp(2, 16),
            increments: 200_000,
            lock_share: 50,
            steps: 200,
            producers: 2,
            consumers: 2,
            capacity: 8,
            items: 20_000,
        }
    }

    /// The value of a setting as text, as the form and the URL show it.
    pub fn get(&self, key: Key) -> String {
        key.spec().accepts.format(self)
    }

    /// Sets a setting from text. On error the settings are unchanged and the error's sentence
    /// names the setting and what it accepts.
    pub fn set(&mut self, key: Key, text: &str) -> Result<(), SettingError> {
        let spec = key.spec();
        spec.accepts
            .set_named(spec.name(), self, text)
            .map_err(|message| SettingError {
                setting: key,
                message,
            })
    }

    /// The problems that involve more than one setting, each attached to the setting the page
    /// should mark. Single settings are already valid by construction.
    pub fn check(&self) -> Vec<SettingError> {
        let mut problems = Vec::new();
        let mut tasks_at_most = |most: u32, why: String| {
            if self.tasks > most {
                problems.push(SettingError::cross(Key::Tasks, format!("tasks: {why}")));
            }
        };
        match self.workload {
            WorkloadKind::Primes => tasks_at_most(
                self.limit,
                format!(
                    "{} tasks cannot split the {} numbers below {}; use at most {}.",
                    self.tasks, self.limit, self.limit, self.limit
                ),
            ),
            WorkloadKind::Mandelbrot => tasks_at_most(
                self.height,
                format!(
                    "each task is a band of rows, so there can be at most {} (the height).",
                    self.height
                ),
            ),
            WorkloadKind::Hashes => tasks_at_most(
                self.chains,
                format!(
                    "each task computes whole chains, so there can be at most {} (the chains).",
                    self.chains
                ),
            ),
            WorkloadKind::Collatz => tasks_at_most(
                self.numbers,
                format!(
                    "{} tasks cannot split {} numbers; use at most {}.",
                    self.tasks, self.numbers, self.numbers
                ),
            ),
            WorkloadKind::Downloads | WorkloadKind::Mixed | WorkloadKind::Convoy => {}
        }
        let pixels = u64::from(self.width) * u64::from(self.height);
        if self.workload == WorkloadKind::Mandelbrot && pixels > MAX_PIXELS {
            let message = format!(
                "height: a {}×{} image has {} pixels; the most is {}.",
                self.width,
                self.height,
                group_thousands(pixels),
                group_thousands(MAX_PIXELS)
            );
            problems.insert(0, SettingError::cross(Key::Height, message));
        }
        if self.main_thread && !self.modes.iter().any(|m| m.can_run_on_main_thread()) {
            problems.push(SettingError::cross(
                Key::MainThread,
                MAIN_THREAD_MODES.to_owned(),
            ));
        }
        problems
    }
}

const MAIN_THREAD_MODES: &str = "main_thread: only Sequential and Coroutines can run on the \
    page's main thread; choose one of them in modes.";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_setting_round_trips_through_text() {
        let defaults = Settings::defaults(4);
        for &key in Key::ALL {
            let mut copy = Settings::defaults(1);
            copy.set(key, &defaults.get(key))
                .expect("a default is accepted");
            assert_eq!(copy.get(key), defaults.get(key), "{key}");
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
            let key = Key::from_name(name).expect("a setting");
            let err = s.set(key, text).expect_err(text);
            assert_eq!(err.setting, key);
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
        s.set(Key::Modes, " gil, sequential,gil ").expect("valid");
        assert_eq!(s.modes, vec![Mode::Gil, Mode::Sequential]);
        assert_eq!(s.get(Key::Modes), "gil,sequential");
    }

    #[test]
    fn cross_checks_name_the_field_to_fix() {
        let mut s = Settings::defaults(2);
        s.workload = WorkloadKind::Mandelbrot;
        s.width = 4000;
        s.height = 4000;
        let problems = s.check();
        assert_eq!(problems[0].setting, Key::Height);
        s.height = 4;
        s.tasks = 8;
        assert!(s.check().iter().any(|p| p.setting == Key::Tasks));
        let mut s = Settings::defaults(2);
        s.main_thread = true;
        s.modes = vec![Mode::Threads];
        assert_eq!(s.check()[0].setting, Key::MainThread);
        assert!(Settings::defaults(2).check().is_empty());
    }
}
