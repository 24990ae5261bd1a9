//! What the GPU wrote, folded into the tasks' outputs exactly as the CPU workloads fold theirs:
//! the same items, the same totals, the same checksum. A dispatch may span several tasks (the
//! GPU takes the whole plan's numbers or chains at once); each item goes to the task whose range
//! holds it.

use super::kernel::Kernel;
use super::work::Dispatch;
use crate::workloads::TaskOutput;

/// The task whose range of items (`bounds`, in order, each `start..end`) holds `item`.
pub fn task_of(bounds: &[(u32, u32)], item: u32) -> Option<usize> {
    let index = bounds.partition_point(|&(_, end)| end <= item);
    bounds
        .get(index)
        .is_some_and(|&(start, _)| start <= item)
        .then_some(index)
}

/// Folds the words read back after `dispatch` into the outputs of the tasks whose ranges
/// (`bounds`) hold their items.
pub fn fold(
    kernel: Kernel,
    dispatch: &Dispatch,
    words: &[u32],
    outputs: &mut [TaskOutput],
    bounds: &[(u32, u32)],
) {
    let [first, count, ..] = dispatch.params;
    for i in 0..count {
        let item = first + i;
        let Some(task) = task_of(bounds, item) else {
            continue;
        };
        let out = &mut outputs[task];
        let at = i as usize;
        match kernel {
            Kernel::Primes => {
                if words[at / 32] >> (i % 32) & 1 == 1 {
                    let n = u64::from(item);
                    out.items += 1;
                    out.total += n;
                    out.checksum.add_item(n);
                }
            }
            Kernel::Collatz => {
                let (n, steps) = (u64::from(item), u64::from(words[at]));
                out.items += 1;
                out.total += steps;
                out.checksum.add_item((n << 24) ^ steps);
            }
            Kernel::Mandelbrot => {
                let count = words[at];
                out.items += 1;
                out.total += u64::from(count);
                out.checksum
                    .add_item(u64::from(item) << 20 ^ u64::from(count));
                out.pixels.get_or_insert_with(Vec::new).push(count);
            }
            Kernel::Hashes => {
                let head = digest_head(words[at * 8], words[at * 8 + 1]);
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
