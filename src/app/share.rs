//! What the page shares and what it is given beside its own run: the current comparison as a
//! shared run (the file it downloads), a classmate's run read back from such a file, and
//! CPython's timings read back from the generated programs' lines. Every text is checked before
//! it changes anything; a refusal leaves the state as it was. The page's state asks these types
//! (`AppState::read_classmate` and the methods beside it); nothing here knows the page's state.

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
    /// Where their replays' playheads were, ms, in the order of `results`.
    pub playheads: Vec<Option<f64>>,
}

impl Classmate {
    /// Their run, its records kept as this page keeps its own.
    pub fn new(run: SharedRun) -> Self {
        let playheads = run.results.iter().map(|row| row.playhead_ms).collect();
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
            playheads,
        }
    }
}

impl Classmate {
    /// Reads a classmate's file: their run if it is one and did the same work as `compared`
    /// (the page's run).
    ///
    /// # Errors
    /// Why the text is not such a file.
    pub fn read(text: &str, compared: &Settings) -> Result<Classmate, ImportError> {
        let run = exchange::parse(text)?;
        fit::admit(&run, compared)?;
        Ok(Classmate::new(run))
    }

    /// Reads the run the lab handed to the compare view (its own file, kept for the tab): its
    /// modes, if the text is such a file of the same work as `settings`.
    pub fn carried(text: &str, settings: &Settings) -> Option<Vec<ModeResult>> {
        let run = exchange::parse(text).ok()?;
        fit::same_work(&run.settings, settings).then(|| Classmate::new(run).results)
    }
}

impl CpythonRuns {
    /// Reads CPython's lines beside the page's `results`: every run known so far with these
    /// added, and a sentence.
    ///
    /// # Errors
    /// Why the text is not such lines, or not of this run's programs.
    pub fn read(
        &self,
        text: &str,
        results: &[ModeResult],
    ) -> Result<(Vec<PythonRun>, String), LineError> {
        let records: Vec<_> = results.iter().map(|r| &*r.record).collect();
        beside::take(text, &records, self)
    }
}

/// The settings of the run on the page, or (before any) of the form.
pub fn compared_settings<'a>(results: &'a [ModeResult], form: &'a Settings) -> &'a Settings {
    results.first().map_or(form, |r| &r.record.settings)
}

/// The page's last comparison as a file, or None before any mode finished.
pub fn shared_run(results: &[ModeResult], machine: Machine) -> Option<SharedRun> {
    let records: Vec<_> = results.iter().map(|r| &*r.record).collect();
    let gaps: Vec<Option<f64>> = results.iter().map(|r| r.frame_gap_ms).collect();
    SharedRun::new(&records, &gaps, machine)
}
