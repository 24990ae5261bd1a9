// Prime counting on the GPU: one invocation per number, trial division by 2, 3, 4, ... while
// d * d <= n (written d <= n / d, which cannot overflow u32), as the CPU workload does. Each
// prime sets its bit in the output; the page folds the bits into the checksum.

struct Params { first: u32, count: u32 }

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read_write> bits: array<atomic<u32>>;

fn is_prime(n: u32) -> bool {
  if (n < 2u) { return false; }
  var d = 2u;
  loop {
    if (d > n / d) { break; }
    if (n % d == 0u) { return false; }
    d = d + 1u;
  }
  return true;
}

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  let i = id.x;
  if (i >= params.count) { return; }
  if (is_prime(params.first + i)) {
    atomicOr(&bits[i / 32u], 1u << (i % 32u));
  }
}
