//! The kernels' work done on the CPU, word for word as each WGSL kernel writes it, so that
//! `cargo test` can drive a whole `GpuRun` (cutting, folding, the record) without a GPU. The
//! Collatz kernel's emulated 64-bit arithmetic is mirrored step by step, and the Mandelbrot
//! kernel's f32 arithmetic without fused operations (so here it is exact); the browser tests
//! run the WGSL itself.

use super::kernel::Kernel;
use super::run::{DispatchTimes, GpuRun};
use super::work::Dispatch;
use crate::engine::RunLogs;
use crate::settings::Settings;
use crate::workloads::Plan;
use crate::workloads::hashes::{chain_input, rehash, sha256};
use crate::workloads::mandelbrot::{escape_time_f32, point_f32};

/// The Collatz kernel's `stopping_time`, with the value in two u32 halves as in WGSL.
pub fn collatz_in_halves(n: u32) -> u32 {
    if n <= 1 {
        return 0;
    }
    let (mut lo, mut hi, mut count) = (n, 0u32, 0u32);
    while !(hi == 0 && lo == 1) {
        if lo & 1 == 0 {
            lo = (lo >> 1) | (hi << 31);
            hi >>= 1;
        } else {
            let lo2 = lo << 1;
            let hi2 = (hi << 1) | (lo >> 31);
            let sum = lo.wrapping_add(lo2);
            let mut carry = u32::from(sum < lo);
            let plus_one = sum.wrapping_add(1);
            carry += u32::from(plus_one < sum);
            hi = hi.wrapping_add(hi2).wrapping_add(carry);
            lo = plus_one;
        }
        count += 1;
    }
    count
}

/// What the GPU would hold after `dispatch`: `state` is the chains' digests between dispatches.
pub fn dispatch_words(kernel: Kernel, dispatch: &Dispatch, state: &mut Vec<u32>) -> Vec<u32> {
    let [first, count, rounds, start, seed, ..] = dispatch.params;
    match kernel {
        Kernel::Primes => {
            let mut bits = vec![0u32; count.div_ceil(32) as usize];
            for i in 0..count {
                let n = first + i;
                if n >= 2 && (2..).take_while(|d| d <= &(n / d)).all(|d| n % d != 0) {
                    bits[(i / 32) as usize] |= 1 << (i % 32);
                }
            }
            bits
        }
        Kernel::Collatz => (0..count).map(|i| collatz_in_halves(first + i)).collect(),
        Kernel::Mandelbrot => {
            // The kernel's parameters after first and count: width, height, iteration cap.
            let [width, height, cap] = [rounds, start, seed];
            (0..count)
                .map(|i| {
                    let pixel = first + i;
                    let (c_re, c_im) = point_f32(pixel % width, pixel / width, width, height);
                    escape_time_f32(c_re, c_im, cap)
                })
                .collect()
        }
        Kernel::Hashes => {
            if start == 1 {
                state.clear();
            }
            for chain in 0..count {
                let at = chain as usize * 8;
                let mut digest = [0u8; 32];
                let mut left = rounds;
                if start == 1 {
                    digest = sha256(&chain_input(seed, first + chain));
                    left -= 1;
                    state.extend([0; 8]);
                } else {
                    for (k, word) in state[at..at + 8].iter().enumerate() {
                        digest[k * 4..k * 4 + 4].copy_from_slice(&word.to_be_bytes());
                    }
                }
                rehash(&mut digest, left);
                for (k, bytes) in digest.chunks_exact(4).enumerate() {
                    state[at + k] = u32::from_be_bytes(bytes.try_into().expect("4 bytes"));
                }
            }
            if dispatch.read_words > 0 {
                state.clone()
            } else {
                Vec::new()
            }
        }
    }
}

/// [`run`], assembled into the mode's result with the GPU's facts, as the page's is.
pub fn result(plan: &Plan, settings: Settings, ms_per_unit: f64) -> crate::engine::ModeResult {
    let mut run_facts = None;
    let logs = run_with(plan, settings, ms_per_unit, &mut run_facts);
    let mut result = crate::engine::assemble(logs);
    std::rc::Rc::make_mut(&mut result.record).gpu = run_facts;
    result
}

/// A whole GPU run with the kernels' work done on the CPU, each dispatch given `ms_per_unit`
/// of pretend GPU time per work unit (so that the sizer has something to learn from).
pub fn run(plan: &Plan, settings: Settings, ms_per_unit: f64) -> RunLogs {
    run_with(plan, settings, ms_per_unit, &mut None)
}

fn run_with(
    plan: &Plan,
    settings: Settings,
    ms_per_unit: f64,
    facts: &mut Option<crate::model::record::GpuFacts>,
) -> RunLogs {
    let mut run = GpuRun::new(plan).expect("a GPU workload");
    run.started(0.0, 5.0);
    let mut now = 5.0;
    let mut state = Vec::new();
    while let Some(dispatch) = run.next_dispatch() {
        let words = dispatch_words(run.kernel(), &dispatch, &mut state);
        let upload = (now, now + 0.1);
        let compute = (upload.1, upload.1 + dispatch.units as f64 * ms_per_unit);
        let read_back = (dispatch.read_words > 0).then_some((compute.1, compute.1 + 0.2));
        now = read_back.map_or(compute.1, |r| r.1);
        run.finished(
            &dispatch,
            DispatchTimes {
                upload,
                compute,
                read_back,
                // As a GPU with timestamp queries: its pass took nine tenths of the wait.
                gpu_ms: Some(0.9 * (compute.1 - compute.0)),
            },
            &words,
        );
    }
    let adapter = super::AdapterFacts {
        architecture: "emulated in cargo test".to_owned(),
        fallback: true,
        ..super::AdapterFacts::default()
    };
    *facts = Some(run.facts(&adapter, &run.timing()));
    run.into_logs(&adapter, settings, 0.0, 5.0, 0.005)
}
