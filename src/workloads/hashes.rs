//! Iterated SHA-256 hash chains: chain `c` starts from the hash of the seed and `c`, and each
//! round hashes the previous digest. Chains are independent, so a task computes whole chains,
//! and the first 8 bytes of each final digest are folded into the checksum in any order.
//! SHA-256 itself comes from the `sha2` crate.

use super::{Step, TaskOutput};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Rounds per step: about 30–60 µs of work.
const ROUNDS_PER_STEP: u32 = 128;

/// Compute chains `first..first + count`, each of `rounds` rounds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainsTask {
    /// First chain's number.
    pub first: u32,
    /// How many chains.
    pub count: u32,
    /// SHA-256 applications per chain.
    pub rounds: u32,
    /// Seeds every chain's input.
    pub seed: u32,
}

/// Chains in progress.
#[derive(Clone, Debug)]
pub struct ChainsJob {
    task: ChainsTask,
    chain: u32,
    done_rounds: u32,
    digest: [u8; 32],
    out: TaskOutput,
}

impl ChainsTask {
    /// `tasks` tasks that share `chains` chains as evenly as whole chains allow.
    pub fn split(chains: u32, rounds: u32, seed: u32, tasks: u32) -> Vec<ChainsTask> {
        (0..tasks)
            .map(|i| {
                let first = (u64::from(i) * u64::from(chains) / u64::from(tasks)) as u32;
                let end = (u64::from(i + 1) * u64::from(chains) / u64::from(tasks)) as u32;
                ChainsTask {
                    first,
                    count: end - first,
                    rounds,
                    seed,
                }
            })
            .collect()
    }

    /// Starts the chains.
    pub fn start(&self) -> ChainsJob {
        ChainsJob {
            task: self.clone(),
            chain: 0,
            done_rounds: 0,
            digest: [0; 32],
            out: TaskOutput::default(),
        }
    }
}

/// The input of chain `chain`: the seed and the chain's number, each as 8 little-endian bytes.
pub fn chain_input(seed: u32, chain: u32) -> [u8; 16] {
    let mut input = [0u8; 16];
    input[..8].copy_from_slice(&u64::from(seed).to_le_bytes());
    input[8..].copy_from_slice(&u64::from(chain).to_le_bytes());
    input
}

/// Hashes `data` once.
#[inline]
pub fn sha256(data: &[u8]) -> [u8; 32] {
    Sha256::digest(data).into()
}

/// Applies SHA-256 `rounds` more times to `digest`. Never inlined, so that every call of it can
/// pick up the browser's optimized code (wasm engines do not replace a running call's code).
#[inline(never)]
#[optimize(speed)]
pub fn rehash(digest: &mut [u8; 32], rounds: u32) {
    for _ in 0..rounds {
        *digest = sha256(&digest[..]);
    }
}

impl ChainsJob {
    /// Computes up to a step's worth of rounds.
    #[inline(never)]
    #[optimize(speed)]
    pub fn step(&mut self) -> Step {
        let t = &self.task;
        if self.chain >= t.count || t.rounds == 0 {
            return Step::Done(std::mem::take(&mut self.out));
        }
        if self.done_rounds == 0 {
            self.digest = sha256(&chain_input(t.seed, t.first + self.chain));
            self.done_rounds = 1;
        }
        let now = ROUNDS_PER_STEP.min(t.rounds - self.done_rounds);
        rehash(&mut self.digest, now);
        self.done_rounds += now;
        if self.done_rounds == t.rounds {
            let head = u64::from_le_bytes(self.digest[..8].try_into().expect("8 bytes"));
            self.out.items += 1;
            self.out.total ^= head;
            self.out.checksum.add_item(head);
            self.chain += 1;
            self.done_rounds = 0;
        }
        Step::Computed
    }
}
