//! The machine a run was made on, as a shared run describes it: the browser, the cores it
//! reports (and those measured, if they were), whether the page was cross-origin isolated,
//! and its clock's step.

use serde::{Deserialize, Serialize};

/// Where a run ran.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Machine {
    /// The browser's name and version ("Firefox 140"), from its user agent.
    pub browser: String,
    /// The cores the browser reports (`navigator.hardwareConcurrency`).
    pub cores: u32,
    /// The cores counted by spinning workers, if they were counted.
    pub cores_measured: Option<f64>,
    /// Whether the page was cross-origin isolated (so threads could run).
    pub isolated: bool,
    /// The finest step of the page's clock, ms.
    pub timer_resolution_ms: f64,
}

impl Machine {
    /// "Firefox 140, 8 cores reported (7.6 measured), cross-origin isolated, clock step 0.020 ms".
    pub fn describe(&self) -> String {
        let measured = self
            .cores_measured
            .map_or_else(String::new, |c| format!(" ({c:.1} measured)"));
        let isolated = if self.isolated {
            "cross-origin isolated"
        } else {
            "not cross-origin isolated (no threads)"
        };
        format!(
            "{}, {} cores reported{measured}, {isolated}, clock step {:.3} ms",
            self.browser, self.cores, self.timer_resolution_ms
        )
    }
}
