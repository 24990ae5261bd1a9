//! The comparison of modes that ran the same plan: speedup over Sequential (with and without
//! start-up), efficiency, and whether each result agrees with the others. Agreement is claimed
//! only where two results were compared: with Sequential's when it ran, else with the first mode
//! that ran; a mode that ran alone is "not compared". A result computed in floats on the GPU
//! (Mandelbrot in f32) may differ a little from the CPU's and is compared within a tolerance:
//! the same pixels, and a total of iterations within [`APPROXIMATE_TOLERANCE`].

use super::record::RunRecord;
use crate::settings::Mode;
use crate::workloads::Checksum;

/// One row of the results table.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The mode this row measures.
    pub mode: Mode,
    /// Threads or processes (1 for the single-unit modes).
    pub workers: u32,
    /// From the first task's start to the last task's end, ms.
    pub wall_ms: f64,
    /// From the mode's start until its units could take work, ms (not in the wall time).
    pub startup_ms: f64,
    /// Sequential's wall time over this one's, if Sequential ran.
    pub speedup: Option<f64>,
    /// Sequential's wall time over this one's wall time plus its start-up.
    pub speedup_with_startup: Option<f64>,
    /// Speedup per worker, for the modes with several workers (Sequential: 1).
    pub efficiency: Option<f64>,
    /// What this row's checksum was compared with, and whether it was equal.
    pub agreement: Agreement,
    /// The result this mode computed, folded, as the table shows it.
    pub checksum: Checksum,
}

/// What a row's result was compared with.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Agreement {
    /// The reference (Sequential, or the first mode that ran without it): `differ` of the
    /// `others` modes compared with it computed another result.
    Reference {
        /// How many other modes were compared with it.
        others: usize,
        /// How many of them differ.
        differ: usize,
    },
    /// Compared with the reference mode: `same` says whether the checksums are equal.
    Compared {
        /// The mode compared with.
        with: Mode,
        /// Whether the checksums are equal.
        same: bool,
    },
    /// An approximate result (floats on the GPU) compared with the reference mode's: the same
    /// items, and its total `off` by this fraction of the reference's.
    Approximate {
        /// The mode compared with.
        with: Mode,
        /// |total − reference's total| / reference's total.
        off: f64,
        /// Whether it has the same items and is off by at most [`APPROXIMATE_TOLERANCE`].
        within: bool,
    },
    /// The only mode that ran: nothing to compare with.
    NotCompared,
}

/// How far an approximate result's total (Mandelbrot: the iterations of every pixel) may be from
/// the reference's: 1%. A pixel that a fused multiply-add moves across the set's edge changes
/// its count by up to the iteration cap, and a few such pixels in a hundred thousand stay far
/// below this; a wrong kernel (another image, other iterations) is far above it.
pub const APPROXIMATE_TOLERANCE: f64 = 0.01;

/// A fraction as a percentage with two decimals: "0.02%".
fn percent(fraction: f64) -> String {
    format!("{:.2}%", fraction * 100.0)
}

impl Agreement {
    /// Whether this row shows a difference (a bug, were it ever to happen).
    pub fn differs(self) -> bool {
        match self {
            Agreement::Reference { differ, .. } => differ > 0,
            Agreement::Compared { same, .. } => !same,
            Agreement::Approximate { within, .. } => !within,
            Agreement::NotCompared => false,
        }
    }

    /// The row's words: "✓ same as Sequential", "✓ the 4 other modes agree", "not compared".
    pub fn verdict(self) -> String {
        match self {
            Agreement::Compared { with, same: true } => format!("✓ same as {}", with.title()),
            Agreement::Compared { with, same: false } => format!("✗ differs from {}", with.title()),
            Agreement::Approximate {
                with,
                off,
                within: true,
            } => format!(
                "≈ within {} of {} (floats: approximate)",
                percent(off),
                with.title()
            ),
            Agreement::Approximate { with, off, .. } => format!(
                "✗ {} off {} (more than the {} allowed for floats)",
                percent(off),
                with.title(),
                percent(APPROXIMATE_TOLERANCE)
            ),
            Agreement::Reference {
                others: 1,
                differ: 0,
            } => "✓ the other mode agrees".to_owned(),
            Agreement::Reference { others, differ: 0 } => {
                format!("✓ the {others} other modes agree")
            }
            Agreement::Reference { others, differ } => {
                format!("✗ {differ} of the {others} other modes differ")
            }
            Agreement::NotCompared => "not compared: it ran alone".to_owned(),
        }
    }
}

/// The sentence under the table on whether the modes agree, naming only what was compared.
pub fn agreement_summary(rows: &[Row]) -> Option<String> {
    let first = rows.first()?;
    let differing: Vec<&str> = rows
        .iter()
        .filter(|r| {
            matches!(
                r.agreement,
                Agreement::Compared { same: false, .. }
                    | Agreement::Approximate { within: false, .. }
            )
        })
        .map(|r| r.mode.title())
        .collect();
    let approximate: Vec<String> = rows
        .iter()
        .filter_map(|r| match r.agreement {
            Agreement::Approximate {
                with,
                off,
                within: true,
            } => Some(format!(
                " {} computed it in floats, approximately: as many pixels, and iterations within \
                 {} of {}'s (the tolerance is {}).",
                r.mode.title(),
                percent(off),
                with.title(),
                percent(APPROXIMATE_TOLERANCE)
            )),
            _ => None,
        })
        .collect();
    let reference = rows
        .iter()
        .find(|r| matches!(r.agreement, Agreement::Reference { .. }));
    let exact = rows.len() - approximate.len();
    Some(match (reference, differing.is_empty()) {
        (None, _) => format!(
            "Only {} ran, so its result (checksum {}) was not compared with another mode.",
            first.mode.title(),
            first.checksum
        ),
        (Some(reference), true) if exact == 1 => format!(
            "{} computed checksum {}.{}",
            reference.mode.title(),
            reference.checksum,
            approximate.concat()
        ),
        (Some(reference), true) => format!(
            "The {exact} modes that ran computed the same result (checksum {}).{}",
            reference.checksum,
            approximate.concat()
        ),
        (Some(reference), false) => format!(
            "{} computed another result than {}: that would be a bug.",
            differing.join(", "),
            reference.mode.title()
        ),
    })
}

/// How many units a mode computes with.
pub fn workers_of(record: &RunRecord) -> u32 {
    match record.mode {
        Mode::Threads | Mode::Gil | Mode::Processes => record.settings.workers,
        Mode::Sequential | Mode::Coroutines => 1,
        Mode::Gpu => record.gpu.as_ref().map_or(1, |gpu| gpu.invocations),
    }
}

/// `baseline / time`, when both are positive.
pub fn speedup(baseline_ms: f64, time_ms: f64) -> Option<f64> {
    (baseline_ms > 0.0 && time_ms > 0.0).then(|| baseline_ms / time_ms)
}

/// A speedup beyond what the machine allows, flagged beside the measured numbers (which are
/// never clamped: they are what was measured, and the flag says they cannot all be right). It
/// means the baseline was slowed, by code the browser had not optimized yet or a busy machine.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BeyondCores {
    /// The mode's measured speedup over Sequential.
    pub speedup: f64,
    /// The most it could be.
    pub limit: f64,
    /// What sets the limit.
    pub because: Limit,
}

/// What limits a mode's speedup.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    /// Its workers: each at most as fast as Sequential (efficiency at most 100 %).
    Workers(u32),
    /// The cores the browser reports, fewer than its workers, for work that only computes.
    Cores(u32),
    /// Coroutines that only compute share one thread: at most as fast as Sequential.
    OneThread,
}

/// How far past its limit a speedup must be to be flagged: what the table's rounding hides
/// (a "100%" efficiency is never flagged, a "101%" always is).
const BEYOND_MARGIN: f64 = 1.005;

/// Whether `row`'s speedup is more than its workers, or (when the work only computes,
/// `cpu_bound`) the `cores` the browser reports, allow.
pub fn beyond_cores(row: &Row, cpu_bound: bool, cores: u32) -> Option<BeyondCores> {
    let speedup = row.speedup?;
    let because = match row.mode {
        // A GPU's invocations are not the CPU's cores: nothing bounds its speedup here.
        Mode::Sequential | Mode::Gpu => return None,
        Mode::Coroutines if cpu_bound => Limit::OneThread,
        Mode::Coroutines => return None,
        Mode::Threads | Mode::Gil | Mode::Processes => {
            if cpu_bound && cores < row.workers {
                Limit::Cores(cores.max(1))
            } else {
                Limit::Workers(row.workers.max(1))
            }
        }
    };
    let limit = match because {
        Limit::Workers(n) | Limit::Cores(n) => f64::from(n),
        Limit::OneThread => 1.0,
    };
    (speedup > limit * BEYOND_MARGIN).then_some(BeyondCores {
        speedup,
        limit,
        because,
    })
}

/// The rows for these records, in their order; Sequential (the first one found) is the baseline
/// for speedups, and the reference for agreement (or, without it, the first record).
pub fn compare(records: &[&RunRecord]) -> Vec<Row> {
    let baseline = records.iter().find(|r| r.mode == Mode::Sequential);
    let reference = records
        .iter()
        .position(|r| r.mode == Mode::Sequential)
        .or((!records.is_empty()).then_some(0));
    records
        .iter()
        .enumerate()
        .map(|(index, r)| {
            let workers = workers_of(r);
            let speedup_now = baseline.and_then(|b| speedup(b.wall_ms, r.wall_ms));
            let efficiency = match r.mode {
                Mode::Sequential => speedup_now.map(|_| 1.0),
                // Coroutines share one thread; a GPU invocation is no CPU worker: a speedup per
                // invocation would say nothing.
                Mode::Coroutines | Mode::Gpu => None,
                _ => speedup_now.map(|s| s / f64::from(workers)),
            };
            Row {
                mode: r.mode,
                workers,
                wall_ms: r.wall_ms,
                startup_ms: r.startup_ms,
                speedup: speedup_now,
                speedup_with_startup: baseline
                    .and_then(|b| speedup(b.wall_ms, r.wall_ms + r.startup_ms)),
                efficiency,
                agreement: agreement(records, reference, index),
                checksum: r.result.checksum,
            }
        })
        .collect()
}

/// Row `index`'s agreement with the reference record.
fn agreement(records: &[&RunRecord], reference: Option<usize>, index: usize) -> Agreement {
    let Some(reference) = reference else {
        return Agreement::NotCompared;
    };
    let with = records[reference];
    if index != reference {
        return versus(with, records[index]);
    }
    let others = records.len() - 1;
    if others == 0 {
        return Agreement::NotCompared;
    }
    let differ = records
        .iter()
        .enumerate()
        .filter(|&(i, r)| i != reference && versus(with, r).differs())
        .count();
    Agreement::Reference { others, differ }
}

/// `record`'s result compared with the reference's: by checksum, or within the tolerance for
/// an approximate one.
fn versus(reference: &RunRecord, record: &RunRecord) -> Agreement {
    let (mine, theirs) = (&record.result, &reference.result);
    let approximate = record.gpu.as_ref().is_some_and(|gpu| gpu.approximate);
    if !approximate || mine.checksum == theirs.checksum {
        return Agreement::Compared {
            with: reference.mode,
            same: mine.checksum == theirs.checksum,
        };
    }
    let off = if theirs.total == 0 {
        if mine.total == 0 { 0.0 } else { 1.0 }
    } else {
        mine.total.abs_diff(theirs.total) as f64 / theirs.total as f64
    };
    Agreement::Approximate {
        with: reference.mode,
        off,
        within: mine.items == theirs.items && off <= APPROXIMATE_TOLERANCE,
    }
}

/// The best speedup `workers` units can reach when tasks of these durations are handed out in
/// order to whichever unit is free first, as a pool does, with no overhead at all: the total work
/// over the time the last unit finishes. Below `workers` when the tasks are uneven and the long
/// ones come last (load imbalance).
pub fn in_order_bound(durations: &[f64], workers: u32) -> Option<f64> {
    let total: f64 = durations.iter().sum();
    if workers == 0 || total <= 0.0 {
        return None;
    }
    let mut free_at = vec![0.0f64; workers as usize];
    for &d in durations {
        let first_free = free_at
            .iter_mut()
            .min_by(|a, b| a.total_cmp(b))
            .expect("at least one worker");
        *first_free += d;
    }
    let makespan = free_at.into_iter().fold(0.0, f64::max);
    Some(total / makespan)
}

/// The in-order bound of tasks measured with a clock of this resolution, when it shows load
/// imbalance: below 97% of `workers`, and from tasks that last on average at least 50 of the
/// clock's steps (with a coarse clock, equal tasks measure unequal and would seem imbalanced).
pub fn load_imbalance(durations: &[f64], workers: u32, resolution_ms: f64) -> Option<f64> {
    let mean = durations.iter().sum::<f64>() / durations.len().max(1) as f64;
    if mean < 50.0 * resolution_ms {
        return None;
    }
    in_order_bound(durations, workers).filter(|bound| *bound < 0.97 * f64::from(workers))
}

#[cfg(test)]
mod tests;
