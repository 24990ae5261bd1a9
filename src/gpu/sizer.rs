//! How much work one dispatch gets. The GPU's speed is not known before it runs, and a
//! dispatch cannot be stopped once submitted, so the first dispatch is small and each next one
//! is sized from the speed the last one showed, aiming at [`TARGET_MS`]: Cancel then answers
//! within about that long, and no dispatch comes near the few seconds after which a GPU's
//! watchdog may end the device.

/// The time one dispatch aims at, ms.
pub const TARGET_MS: f64 = 50.0;
/// The most a dispatch may grow over the last one (the speed of small dispatches overstates
/// that of large ones, whose numbers are larger).
const MAX_GROWTH: f64 = 4.0;
/// Times shorter than this say little about speed (the browser's clock is coarse).
const SHORTEST_MS: f64 = 1.0;

/// The work units (numbers, or chain-rounds) of the next dispatch.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sizer {
    units: u64,
    max: u64,
}

impl Sizer {
    /// Starts at `first` units, never above `max`.
    pub fn new(first: u64, max: u64) -> Sizer {
        Sizer {
            units: first.clamp(1, max.max(1)),
            max: max.max(1),
        }
    }

    /// The units of the next dispatch.
    pub fn units(&self) -> u64 {
        self.units
    }

    /// Learns from a dispatch of `units` that took `ms`.
    pub fn observe(&mut self, units: u64, ms: f64) {
        let units = units.max(1) as f64;
        let per_ms = units / ms.max(SHORTEST_MS);
        let wanted = (per_ms * TARGET_MS).clamp(units / MAX_GROWTH, units * MAX_GROWTH);
        self.units = (wanted as u64).clamp(1, self.max);
    }
}
