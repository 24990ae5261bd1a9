//! The prose of the widgets every view shares: the timeline lanes' hint and the note on
//! intervals a long run did not keep.

/// The details line before a bar is chosen.
pub const TIMELINE_HINT: &str =
    "Point at a lane, or reach it with Tab and use the arrow keys, to see what each bar was.";

/// Under a timeline whose units' logs filled up: how many intervals are not drawn, and why.
pub fn dropped_note(lanes: &[crate::model::record::Lane], kept: usize) -> Option<String> {
    let dropped: u64 = lanes.iter().map(|l| l.dropped).sum();
    (dropped > 0).then(|| {
        format!(
            "{} more intervals are not drawn: each lane keeps its first {}, so that a long run's \
             record stays small. Totals and counts in the table include them.",
            crate::format::group_thousands(dropped),
            crate::format::group_thousands(kept as u64)
        )
    })
}
