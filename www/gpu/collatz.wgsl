// Collatz stopping times on the GPU: one invocation per number. WGSL has no 64-bit integers
// and a trajectory outgrows 32 bits (27 climbs to 9,232; numbers below 100 million climb past
// 2^32), so the value is kept as two u32 halves with the carry done by hand (emulated u64).
// Steps are counted as the CPU workload counts them: each halving and each 3n + 1 is a step.

struct Params { first: u32, count: u32 }

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read_write> steps: array<u32>;

fn stopping_time(n: u32) -> u32 {
  if (n <= 1u) { return 0u; }
  var lo = n;
  var hi = 0u;
  var count = 0u;
  loop {
    if (hi == 0u && lo == 1u) { break; }
    if ((lo & 1u) == 0u) {
      lo = (lo >> 1u) | (hi << 31u);
      hi = hi >> 1u;
    } else {
      // 3n + 1 = n + 2n + 1, with the carries of both additions.
      let lo2 = lo << 1u;
      let hi2 = (hi << 1u) | (lo >> 31u);
      let sum = lo + lo2;
      var carry = select(0u, 1u, sum < lo);
      let plus_one = sum + 1u;
      carry = carry + select(0u, 1u, plus_one < sum);
      hi = hi + hi2 + carry;
      lo = plus_one;
    }
    count = count + 1u;
  }
  return count;
}

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  let i = id.x;
  if (i >= params.count) { return; }
  steps[i] = stopping_time(params.first + i);
}
