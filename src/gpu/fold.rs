//! What the GPU wrote, folded into a task's output exactly as the CPU workloads fold theirs:
//! the same items, the same totals, the same checksum.

use super::kernel::Kernel;
use super::work::Dispatch;
use crate::workloads::TaskOutput;

/// Folds the words read back after `dispatch` into `out`.
pub fn fold(kernel: Kernel, dispatch: &Dispatch, words: &[u32], out: &mut TaskOutput) {
    let [first, count, ..] = dispatch.params;
    match kernel {
        Kernel::Primes => {
            for i in 0..count {
                if words[(i / 32) as usize] >> (i % 32) & 1 == 1 {
                    let n = u64::from(first + i);
                    out.items += 1;
                    out.total += n;
                    out.checksum.add_item(n);
                }
            }
        }
        Kernel::Collatz => {
            for (i, &steps) in words.iter().take(count as usize).enumerate() {
                let n = u64::from(first) + i as u64;
                let steps = u64::from(steps);
                out.items += 1;
                out.total += steps;
                out.checksum.add_item((n << 24) ^ steps);
            }
        }
        Kernel::Hashes => {
            for digest in words.chunks_exact(8).take(count as usize) {
                let head = digest_head(digest[0], digest[1]);
                out.items += 1;
                out.total ^= head;
                out.checksum.add_item(head);
            }
        }
    }
}

/// The first 8 bytes of a digest read as a little-endian u64, as the CPU workload reads them,
/// from its first two state words (which SHA-256 writes big-endian).
pub fn digest_head(h0: u32, h1: u32) -> u64 {
    u64::from(h0.swap_bytes()) | u64::from(h1.swap_bytes()) << 32
}
