//! Simulated downloads, the lecture's IO-bound example: each task waits for a network latency
//! (plus jitter drawn from the seed, so runs are reproducible), then parses a small JSON payload
//! with `serde_json` and sums a field. How the wait happens is the mode's business.

use super::{Step, TaskOutput};
use rand::{RngExt, SeedableRng};
use rand_pcg::Pcg64;
use serde::{Deserialize, Serialize};

/// Records in each payload (about 3 KB of JSON).
const RECORDS: u32 = 48;

/// Wait `wait_ms`, then parse payload number `index`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DownloadTask {
    /// Which download this is (picks its payload).
    pub index: u32,
    /// How long the network takes, jitter included.
    pub wait_ms: f64,
    /// Seeds the payload.
    pub seed: u32,
}

/// A download in progress.
#[derive(Clone, Debug)]
pub struct DownloadJob {
    task: DownloadTask,
    waited: bool,
}

/// One record of a payload.
#[derive(Deserialize)]
struct Record {
    id: u64,
    #[allow(dead_code)]
    name: String,
    price_cents: u64,
}

impl DownloadTask {
    /// `tasks` downloads, each waiting `latency_ms` plus up to `jitter_ms` drawn from `seed`.
    pub fn split(tasks: u32, latency_ms: u32, jitter_ms: u32, seed: u32) -> Vec<DownloadTask> {
        let mut rng = Pcg64::seed_from_u64(u64::from(seed));
        (0..tasks)
            .map(|index| {
                let jitter = if jitter_ms == 0 {
                    0.0
                } else {
                    rng.random_range(0.0..=f64::from(jitter_ms))
                };
                DownloadTask {
                    index,
                    wait_ms: f64::from(latency_ms) + jitter,
                    seed,
                }
            })
            .collect()
    }

    /// Starts the download.
    pub fn start(&self) -> DownloadJob {
        DownloadJob {
            task: self.clone(),
            waited: false,
        }
    }
}

/// The JSON payload of download `index`.
pub fn payload(seed: u32, index: u32) -> String {
    let mut rng = Pcg64::seed_from_u64((u64::from(seed) << 32) | u64::from(index));
    let records: Vec<String> = (0..RECORDS)
        .map(|k| {
            let id = u64::from(index) * 1000 + u64::from(k);
            let price: u32 = rng.random_range(100..100_000);
            format!(r#"{{"id":{id},"name":"item-{index}-{k}","price_cents":{price}}}"#)
        })
        .collect();
    format!("[{}]", records.join(","))
}

impl DownloadJob {
    /// First asks to wait for the network, then parses the payload in one step.
    #[inline(never)]
    #[optimize(speed)]
    pub fn step(&mut self) -> Step {
        if !self.waited {
            self.waited = true;
            return Step::Wait {
                ms: self.task.wait_ms,
            };
        }
        let text = payload(self.task.seed, self.task.index);
        let records: Vec<Record> = serde_json::from_str(&text).expect("the payload is valid JSON");
        let mut out = TaskOutput::default();
        for record in records {
            out.items += 1;
            out.total += record.price_cents;
            out.checksum
                .add_item((record.id << 24) ^ record.price_cents);
        }
        Step::Done(out)
    }
}
