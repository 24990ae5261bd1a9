//! A run shared between browsers and machines: the comparison a page ran, written as one
//! versioned JSON file (its format and version, the settings, the machine, a row per mode, and
//! every mode's record with its timeline), and read back on another page to sit beside that
//! page's own run. Reading checks everything before anything is used ([`read`]); nothing in a
//! file is ever evaluated. Which runs may sit side by side is [`fit`]'s rule. Plain Rust.

pub mod fit;
pub mod machine;
pub mod read;

pub use machine::Machine;
pub use read::{ImportError, parse};

use super::comparison::compare;
use super::record::RunRecord;
use crate::settings::{Mode, Settings};
use crate::workloads::Checksum;
use serde::{Deserialize, Serialize};

/// The `format` every file carries.
pub const FORMAT: &str = "concurrency-playground-run";
/// The version of the file's scheme this page writes and reads.
pub const VERSION: u32 = 1;
/// The largest file read, in bytes (a comparison with dense timelines is about 1 MB).
pub const MAX_BYTES: usize = 4 * 1024 * 1024;

/// One mode's row, as the results table showed it (for people and spreadsheets; the page
/// recomputes the table from the records).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModeRow {
    /// The mode.
    pub mode: Mode,
    /// Wall time, ms.
    pub wall_ms: f64,
    /// Start-up, ms.
    pub startup_ms: f64,
    /// Speedup over Sequential, if it ran.
    pub speedup: Option<f64>,
    /// The result's checksum.
    pub checksum: Checksum,
    /// The longest gap between the page's frames while the mode ran, ms (None from a run
    /// that no page drew).
    pub frame_gap_ms: Option<f64>,
    /// Where the mode's replay had its playhead when the file was made, ms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub playhead_ms: Option<f64>,
}

/// A comparison as a file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SharedRun {
    /// Always [`FORMAT`].
    pub format: String,
    /// The scheme's version, [`VERSION`].
    pub version: u32,
    /// The settings every mode ran with.
    pub settings: Settings,
    /// Where it ran.
    pub machine: Machine,
    /// A row per mode, in the order they ran.
    pub results: Vec<ModeRow>,
    /// Every mode's record, timelines included, in the same order.
    pub records: Vec<RunRecord>,
}

impl SharedRun {
    /// The file for these records (with each one's longest frame gap), or None without any.
    pub fn new(
        records: &[&RunRecord],
        frame_gaps: &[Option<f64>],
        machine: Machine,
    ) -> Option<Self> {
        let settings = records.first()?.settings.clone();
        let results = compare(records)
            .into_iter()
            .zip(frame_gaps)
            .map(|(row, &frame_gap_ms)| ModeRow {
                mode: row.mode,
                wall_ms: row.wall_ms,
                startup_ms: row.startup_ms,
                speedup: row.speedup,
                checksum: row.checksum,
                frame_gap_ms,
                playhead_ms: None,
            })
            .collect();
        Some(SharedRun {
            format: FORMAT.to_owned(),
            version: VERSION,
            settings,
            machine,
            results,
            records: records.iter().map(|&r| r.clone()).collect(),
        })
    }

    /// The file's text.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a run serializes")
    }

    /// The name it downloads as: `playground-primes-run.json`.
    pub fn file_name(&self) -> String {
        format!("playground-{}-run.json", self.settings.workload.name())
    }
}

#[cfg(test)]
pub(crate) mod tests;
