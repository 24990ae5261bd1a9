//! The processes of one run of a program: the main one and every child it (or a child) started,
//! each with its parent, its name, when it was asked for, when its interpreter was ready, when it
//! ran and ended, and its exit code (negative when it was ended from outside, as a signal ends a
//! process: -15 for terminate). Kept by the program form's state as the page hears of them, and
//! kept in the run's record.

use serde::{Deserialize, Serialize};

/// The exit code of a process ended from outside (`terminate`, Cancel, the end of its parent's
/// program): -SIGTERM, as CPython reports it.
pub const TERMINATED: i32 = -15;

/// One process.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProcessInfo {
    /// Its id (the main one is 1).
    pub pid: u32,
    /// Its parent's (0 for the main one).
    pub parent: u32,
    /// `current_process().name`.
    pub name: String,
    /// Whether it is daemonic.
    pub daemon: bool,
    /// When it was asked for: Run, or its parent's `start()` (ms, absolute).
    pub asked: f64,
    /// When its interpreter was ready.
    pub ready: Option<f64>,
    /// When it began to run the program.
    pub begun: Option<f64>,
    /// When it ended.
    pub ended: Option<f64>,
    /// Its exit code, once ended.
    pub exit_code: Option<i32>,
    /// Why it was ended from outside, if it was.
    pub ended_by: Option<String>,
    /// What it waited on, and when: what, from, to (ms, absolute).
    #[serde(default)]
    pub waits: Vec<(String, f64, f64)>,
    /// Waits it did not keep, past its cap.
    #[serde(default)]
    pub waits_dropped: u64,
}

impl ProcessInfo {
    /// From being asked for to its interpreter being ready: its start-up, ms.
    pub fn startup_ms(&self) -> Option<f64> {
        self.ready.map(|ready| ready - self.asked)
    }

    /// Whether it is still running (or starting).
    pub fn running(&self) -> bool {
        self.exit_code.is_none()
    }
}

/// Every process of a run, in the order they were asked for.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Processes {
    /// The processes.
    pub list: Vec<ProcessInfo>,
}

impl Processes {
    /// The main process alone, asked for at `pressed`.
    pub fn main(pressed: f64) -> Self {
        Processes {
            list: vec![ProcessInfo {
                pid: 1,
                parent: 0,
                name: "MainProcess".to_owned(),
                daemon: false,
                asked: pressed,
                ready: None,
                begun: None,
                ended: None,
                exit_code: None,
                ended_by: None,
                waits: Vec::new(),
                waits_dropped: 0,
            }],
        }
    }

    /// The process `pid`, if there is one.
    pub fn get_mut(&mut self, pid: u32) -> Option<&mut ProcessInfo> {
        self.list.iter_mut().find(|p| p.pid == pid)
    }

    /// A child was asked for.
    pub fn spawned(&mut self, pid: u32, parent: u32, name: String, daemon: bool, at: f64) {
        if self.get_mut(pid).is_none() {
            self.list.push(ProcessInfo {
                pid,
                parent,
                name,
                daemon,
                asked: at,
                ready: None,
                begun: None,
                ended: None,
                exit_code: None,
                ended_by: None,
                waits: Vec::new(),
                waits_dropped: 0,
            });
        }
    }

    /// Its interpreter is ready.
    pub fn ready(&mut self, pid: u32, at: f64) {
        if let Some(p) = self.get_mut(pid) {
            p.ready = Some(at);
        }
    }

    /// It ended by itself with `code`.
    pub fn exited(&mut self, pid: u32, code: i32, begun: f64, ended: f64) {
        if let Some(p) = self.get_mut(pid).filter(|p| p.running()) {
            p.begun = Some(begun);
            p.ended = Some(ended);
            p.exit_code = Some(code);
        }
    }

    /// What it waited on, as it said when it ended.
    pub fn waited(&mut self, pid: u32, waits: Vec<(String, f64, f64)>, dropped: u64) {
        if let Some(p) = self.get_mut(pid) {
            p.waits = waits;
            p.waits_dropped = dropped;
        }
    }

    /// It was ended from outside at `at`, for `why`, with `code`.
    pub fn ended(&mut self, pid: u32, at: f64, code: i32, why: &str) {
        if let Some(p) = self.get_mut(pid).filter(|p| p.running()) {
            p.ended = Some(at);
            p.exit_code = Some(code);
            p.ended_by = Some(why.to_owned());
        }
    }

    /// Every process still running is ended at `at`, for `why`.
    pub fn end_all(&mut self, at: f64, why: &str) {
        let running: Vec<u32> = self
            .list
            .iter()
            .filter(|p| p.running())
            .map(|p| p.pid)
            .collect();
        for pid in running {
            self.ended(pid, at, TERMINATED, why);
        }
    }

    /// How many children were started.
    pub fn children(&self) -> usize {
        self.list.len().saturating_sub(1)
    }

    /// The most processes that ran at once.
    pub fn most_at_once(&self) -> usize {
        let mut moments: Vec<(f64, i32)> = Vec::new();
        for p in &self.list {
            moments.push((p.asked, 1));
            moments.push((p.ended.unwrap_or(f64::INFINITY), -1));
        }
        moments.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let mut now = 0;
        let mut most = 0;
        for (_, change) in moments {
            now += change;
            most = most.max(now);
        }
        most as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_keeps_each_process_from_its_asking_to_its_exit() {
        let mut ps = Processes::main(0.0);
        ps.ready(1, 2000.0);
        ps.spawned(2, 1, "Process-1".into(), false, 2100.0);
        ps.spawned(3, 1, "Process-2".into(), true, 2150.0);
        ps.ready(2, 2300.0);
        ps.exited(2, 0, 2310.0, 3000.0);
        assert_eq!(ps.list[1].startup_ms(), Some(200.0));
        assert!(!ps.list[1].running() && ps.list[2].running());
        ps.ended(3, 3100.0, TERMINATED, "terminated by process 1");
        ps.exited(3, 0, 0.0, 0.0);
        assert_eq!(
            ps.list[2].exit_code,
            Some(-15),
            "an ended process stays ended"
        );
        ps.exited(1, 0, 2050.0, 3200.0);
        ps.end_all(4000.0, "cancelled");
        assert_eq!(ps.list[0].exit_code, Some(0));
        assert_eq!(ps.children(), 2);
        assert_eq!(ps.most_at_once(), 3);
    }
}
