//! Mixed work: each task waits `io_ms`, then computes a fixed number of SHA-256 rounds worth
//! about `cpu_ms` on this machine. The number is calibrated once and fixed in the plan, so every
//! mode does exactly the same work; the clock never decides when computing stops.

use super::hashes::{chain_input, rehash, sha256};
use super::{Step, TaskOutput};
use serde::{Deserialize, Serialize};

/// Rounds per step, as for the hash chains.
const ROUNDS_PER_STEP: u32 = 128;

/// How fast this machine computes, measured once and fixed in the plan.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Calibration {
    /// SHA-256 rounds (of a 32-byte digest) per millisecond.
    pub hash_rounds_per_ms: f64,
    /// Whether this was measured here (false: a fixed guess, used before measuring).
    pub measured: bool,
}

impl Default for Calibration {
    fn default() -> Self {
        Calibration {
            hash_rounds_per_ms: 2000.0,
            measured: false,
        }
    }
}

impl Calibration {
    /// Measures the hash speed for about `budget_ms`, reading the time with `now_ms`, after
    /// hashing as long again unmeasured so that the browser has compiled the code with its
    /// optimizing tier first.
    pub fn measure(now_ms: impl Fn() -> f64, budget_ms: f64) -> Calibration {
        let mut digest = sha256(b"calibration");
        let warm_until = now_ms() + budget_ms;
        while now_ms() < warm_until {
            rehash(&mut digest, 256);
        }
        let start = now_ms();
        let mut rounds = 0u64;
        let mut elapsed = 0.0;
        while elapsed < budget_ms {
            rehash(&mut digest, 256);
            rounds += 256;
            elapsed = now_ms() - start;
        }
        std::hint::black_box(digest);
        Calibration {
            hash_rounds_per_ms: rounds as f64 / elapsed.max(1e-3),
            measured: true,
        }
    }

    /// The rounds worth `ms` milliseconds here.
    pub fn rounds_for(&self, ms: u32) -> u32 {
        (self.hash_rounds_per_ms * f64::from(ms))
            .round()
            .min(f64::from(u32::MAX)) as u32
    }
}

/// Wait `io_ms`, then apply SHA-256 `rounds` times.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MixedTask {
    /// Which task this is (picks its input).
    pub index: u32,
    /// The wait.
    pub io_ms: f64,
    /// The computing, in SHA-256 rounds.
    pub rounds: u32,
    /// Seeds the input.
    pub seed: u32,
}

/// A mixed task in progress.
#[derive(Clone, Debug)]
pub struct MixedJob {
    task: MixedTask,
    waited: bool,
    done_rounds: u32,
    digest: [u8; 32],
}

impl MixedTask {
    /// `tasks` equal tasks.
    pub fn split(
        tasks: u32,
        io_ms: u32,
        cpu_ms: u32,
        seed: u32,
        calibration: &Calibration,
    ) -> Vec<MixedTask> {
        let rounds = calibration.rounds_for(cpu_ms);
        (0..tasks)
            .map(|index| MixedTask {
                index,
                io_ms: f64::from(io_ms),
                rounds,
                seed,
            })
            .collect()
    }

    /// Starts the task.
    pub fn start(&self) -> MixedJob {
        MixedJob {
            task: self.clone(),
            waited: false,
            done_rounds: 0,
            digest: sha256(&chain_input(self.seed, self.index)),
        }
    }
}

impl MixedJob {
    /// Waits first (if there is a wait), then computes step by step.
    #[inline(never)]
    #[optimize(speed)]
    pub fn step(&mut self) -> Step {
        if !self.waited {
            self.waited = true;
            if self.task.io_ms > 0.0 {
                return Step::Wait {
                    ms: self.task.io_ms,
                };
            }
        }
        if self.done_rounds < self.task.rounds {
            let now = ROUNDS_PER_STEP.min(self.task.rounds - self.done_rounds);
            rehash(&mut self.digest, now);
            self.done_rounds += now;
            return Step::Computed;
        }
        let head = u64::from_le_bytes(self.digest[..8].try_into().expect("8 bytes"));
        let mut out = TaskOutput {
            items: 1,
            total: u64::from(self.task.rounds),
            ..TaskOutput::default()
        };
        out.checksum.add_item(head);
        Step::Done(out)
    }
}
