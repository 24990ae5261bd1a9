//! What a lesson's runs produced, as the page holds it: per run, each mode's
//! [`ModeResult`] (its record and the longest frame gap the page saw while it ran), and the
//! modes that could not run, with why; or, in a lesson of the locks lab, the lab's report with
//! the settings it ran; and the cores the browser reports.

use crate::engine::ModeResult;
use crate::locks::LocksReport;
use crate::model::record::RunRecord;
use crate::settings::{Mode, Settings};
use std::rc::Rc;

/// One run of a lesson: every mode it compared.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RunOutcome {
    /// The modes that finished, in the order they ran.
    pub modes: Vec<ModeResult>,
    /// The modes that could not run, with the page's reason (in the locks lab, the mode whose
    /// units the experiment needed: `locks::plan::units_mode`).
    pub failures: Vec<(Mode, String)>,
    /// The locks lab's report and the settings it ran, in a lesson of that lab.
    pub locks: Option<Rc<(Settings, LocksReport)>>,
}

/// Everything a lesson's explanation is computed from.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Observation {
    /// One outcome per run of the lesson, in order.
    pub runs: Vec<RunOutcome>,
    /// The cores the browser reports.
    pub cores: u32,
}

impl RunOutcome {
    /// The record of this mode, if it finished.
    pub fn record(&self, mode: Mode) -> Option<&RunRecord> {
        self.mode_run(mode).map(|m| &*m.record)
    }

    /// This mode's record and frame gap, if it finished.
    pub fn mode_run(&self, mode: Mode) -> Option<&ModeResult> {
        self.modes.iter().find(|m| m.record.mode == mode)
    }

    /// Why this mode could not run, if it failed.
    pub fn failure(&self, mode: Mode) -> Option<&str> {
        self.failures
            .iter()
            .find(|(m, _)| *m == mode)
            .map(|(_, why)| why.as_str())
    }

    /// The records, in order.
    pub fn records(&self) -> Vec<&RunRecord> {
        self.modes.iter().map(|m| &*m.record).collect()
    }
}

impl Observation {
    /// Run `index` (0-based), if it happened.
    pub fn run(&self, index: usize) -> Option<&RunOutcome> {
        self.runs.get(index)
    }
}
