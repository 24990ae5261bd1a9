//! The GPU mode as a Python program: what a student would write to put the same work on a GPU
//! from Python, a Numba CUDA kernel. It needs an NVIDIA GPU and packages (numba, numpy), so the
//! page's CPython check does not run it; the header says so. Only the workloads whose kernel is
//! short in Numba have one: primes and Collatz.

use super::common;
use crate::settings::{Settings, WorkloadKind};

const PRIMES: &str = r#"
@cuda.jit
def kernel(first, out):
    """One thread per number: trial division, as the page's WGSL kernel does."""
    i = cuda.grid(1)
    if i < out.size:
        n = first + i
        prime = n >= 2
        d = 2
        while d * d <= n:
            if n % d == 0:
                prime = False
                break
            d += 1
        out[i] = prime


def fold(first, out):
    found = [first + i for i in np.flatnonzero(out).tolist()]
    checksum = sum(mix(n) for n in found) & MASK64
    return len(found), checksum
"#;

const COLLATZ: &str = r#"
@cuda.jit
def kernel(first, out):
    """One thread per number: its Collatz stopping time (CUDA has 64-bit integers; WGSL has
    not, so the page's kernel keeps each value in two 32-bit halves)."""
    i = cuda.grid(1)
    if i < out.size:
        n = np.uint64(first + i)
        one = np.uint64(1)
        steps = 0
        while n > one:
            if n & one == 0:
                n = n >> one
            else:
                n = np.uint64(3) * n + one
            steps += 1
        out[i] = steps


def fold(first, out):
    checksum = sum(mix(((first + i) << 24) ^ s) for i, s in enumerate(out.tolist())) & MASK64
    return len(out), checksum
"#;

/// The program for the GPU mode on these settings, or `None` for a workload it has no kernel
/// for (the page's row says why).
pub fn program(settings: &Settings) -> Option<String> {
    let (kernel, count, dtype) = match settings.workload {
        WorkloadKind::Primes => (PRIMES, settings.limit, "np.bool_"),
        WorkloadKind::Collatz => (COLLATZ, settings.numbers, "np.uint32"),
        _ => return None,
    };
    let first = u32::from(settings.workload == WorkloadKind::Collatz);
    Some(format!(
        r#""""Concurrency Playground, the GPU mode as a Python program: {title}.

NOT RUN BY THE PAGE. It needs an NVIDIA GPU with CUDA, and packages:
    pip install numba numpy
    python3 playground_{workload}_gpu.py
It is what a student would write to put the page's work on a GPU from Python: a Numba CUDA
kernel, one GPU thread per number, thousands at once. It prints the page's checksum (folded on
the CPU from what the GPU found) and the kernel's time. CuPy's RawKernel or ElementwiseKernel
would do the same. The first call compiles the kernel: time the second, as here.
"""
import time

import numpy as np
from numba import cuda

FIRST = {first}
COUNT = {count}
{checksum}
{kernel}

def main():
    out = cuda.device_array(COUNT, dtype={dtype})
    threads = 256
    blocks = (out.size + threads - 1) // threads
    kernel[blocks, threads](FIRST, out)  # compiles the kernel
    cuda.synchronize()
    began = time.perf_counter()
    kernel[blocks, threads](FIRST, out)
    cuda.synchronize()
    ms = (time.perf_counter() - began) * 1000
    items, checksum = fold(FIRST, out.copy_to_host())
    print(f"{{items}} items, checksum {{checksum:016x}}, kernel {{ms:.1f}} ms on {{cuda.get_current_device().name}}")


if __name__ == "__main__":
    main()
"#,
        title = settings.workload.title(),
        workload = settings.workload.name(),
        checksum = common::CHECKSUM,
    ))
}
