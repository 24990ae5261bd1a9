//! What the page shares and what it is given beside its own run: the machine it runs on, the
//! current comparison as a shared run (the file it downloads), a classmate's run read back from
//! such a file, and CPython's timings read back from the generated programs' lines. Every text
//! is checked before it changes anything; a refusal leaves the state as it was.

use super::state::AppState;
use crate::engine::ModeResult;
use crate::model::exchange::{self, ImportError, Machine, SharedRun, fit};
use crate::python::beside;
use crate::python::result_line::{LineError, PythonRun};
use crate::settings::Settings;
use std::rc::Rc;

/// The tab's session-storage key under which the lab hands its run to the compare view.
pub const CARRIED_KEY: &str = "playground-carried-run";

/// CPython's runs beside the page's, compared by address: the page's state is compared on every
/// redraw, and comparing every line whole would cost code and time in each component.
#[derive(Clone, Debug, Default)]
pub struct CpythonRuns(pub Rc<Vec<PythonRun>>);

impl PartialEq for CpythonRuns {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for CpythonRuns {
    type Target = [PythonRun];
    fn deref(&self) -> &[PythonRun] {
        &self.0
    }
}

/// A classmate's run, read from their file, ready to be drawn beside this page's.
#[derive(Clone, Debug, PartialEq)]
pub struct Classmate {
    /// The settings they ran.
    pub settings: Settings,
    /// Where they ran it.
    pub machine: Machine,
    /// Their modes, as this page's results are kept (no Mandelbrot image).
    pub results: Vec<ModeResult>,
}

impl Classmate {
    /// Their run, its records kept as this page keeps its own.
    pub fn new(run: SharedRun) -> Self {
        let results = run
            .records
            .into_iter()
            .zip(&run.results)
            .map(|(record, row)| ModeResult {
                record: Rc::new(record),
                image: None,
                frame_gap_ms: row.frame_gap_ms,
            })
            .collect();
        Classmate {
            settings: run.settings,
            machine: run.machine,
            results,
        }
    }
}

impl AppState {
    /// This page's machine, as a shared run describes it.
    pub fn machine(&self) -> Machine {
        Machine {
            browser: self.env.browser.clone(),
            cores: self.env.cores,
            cores_measured: self.core_count.as_ref().map(|c| c.cores),
            isolated: self.env.isolated,
            timer_resolution_ms: self.env.timer_resolution_ms,
        }
    }

    /// The settings of the run on the page (or, before any, of the form): what a classmate's
    /// run and CPython's lines must match.
    pub fn compared_settings(&self) -> &Settings {
        self.results
            .first()
            .map_or(&self.settings, |r| &r.record.settings)
    }

    /// The last comparison as a file, or None before any mode finished.
    pub fn shared_run(&self) -> Option<SharedRun> {
        let records: Vec<_> = self.results.iter().map(|r| &*r.record).collect();
        let gaps: Vec<Option<f64>> = self.results.iter().map(|r| r.frame_gap_ms).collect();
        SharedRun::new(&records, &gaps, self.machine())
    }

    /// Reads a classmate's file: their run if it is one and did the same work as this page's.
    pub fn read_classmate(&self, text: &str) -> Result<Classmate, ImportError> {
        let run = exchange::parse(text)?;
        fit::admit(&run, self.compared_settings())?;
        Ok(Classmate::new(run))
    }

    /// Reads the run the lab handed to the compare view (its own file, kept for the tab): its
    /// modes, if the text is such a file of the same work as this page's settings.
    pub fn read_carried(&self, text: &str) -> Option<Vec<ModeResult>> {
        let run = exchange::parse(text).ok()?;
        fit::same_work(&run.settings, &self.settings).then(|| Classmate::new(run).results)
    }

    /// Reads CPython's lines: every run known so far with these added, and a sentence.
    pub fn read_cpython(&self, text: &str) -> Result<(Vec<PythonRun>, String), LineError> {
        let records: Vec<_> = self.results.iter().map(|r| &*r.record).collect();
        beside::take(text, &records, &self.cpython)
    }
}

#[cfg(test)]
#[path = "share_tests.rs"]
mod tests;
