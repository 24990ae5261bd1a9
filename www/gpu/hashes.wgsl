// SHA-256 hash chains on the GPU: one invocation per chain, exact (SHA-256 is defined on 32-bit
// words). A chain's digest stays in the state buffer between dispatches, so a long chain is
// spread over dispatches of a bounded number of rounds. The first dispatch hashes the chain's
// 16-byte input (the seed and the chain's number, each as 8 little-endian bytes); every round
// after it hashes the previous 32-byte digest, as the CPU workload does.

struct Params { first: u32, count: u32, rounds: u32, start: u32, seed: u32, pad0: u32, pad1: u32, pad2: u32 }

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read_write> state: array<u32>;

var<private> K: array<u32, 64> = array<u32, 64>(
  0x428a2f98u, 0x71374491u, 0xb5c0fbcfu, 0xe9b5dba5u, 0x3956c25bu, 0x59f111f1u, 0x923f82a4u, 0xab1c5ed5u,
  0xd807aa98u, 0x12835b01u, 0x243185beu, 0x550c7dc3u, 0x72be5d74u, 0x80deb1feu, 0x9bdc06a7u, 0xc19bf174u,
  0xe49b69c1u, 0xefbe4786u, 0x0fc19dc6u, 0x240ca1ccu, 0x2de92c6fu, 0x4a7484aau, 0x5cb0a9dcu, 0x76f988dau,
  0x983e5152u, 0xa831c66du, 0xb00327c8u, 0xbf597fc7u, 0xc6e00bf3u, 0xd5a79147u, 0x06ca6351u, 0x14292967u,
  0x27b70a85u, 0x2e1b2138u, 0x4d2c6dfcu, 0x53380d13u, 0x650a7354u, 0x766a0abbu, 0x81c2c92eu, 0x92722c85u,
  0xa2bfe8a1u, 0xa81a664bu, 0xc24b8b70u, 0xc76c51a3u, 0xd192e819u, 0xd6990624u, 0xf40e3585u, 0x106aa070u,
  0x19a4c116u, 0x1e376c08u, 0x2748774cu, 0x34b0bcb5u, 0x391c0cb3u, 0x4ed8aa4au, 0x5b9cca4fu, 0x682e6ff3u,
  0x748f82eeu, 0x78a5636fu, 0x84c87814u, 0x8cc70208u, 0x90befffau, 0xa4506cebu, 0xbef9a3f7u, 0xc67178f2u);

var<private> H0: array<u32, 8> = array<u32, 8>(0x6a09e667u, 0xbb67ae85u, 0x3c6ef372u, 0xa54ff53au,
                         0x510e527fu, 0x9b05688cu, 0x1f83d9abu, 0x5be0cd19u);

fn rotr(x: u32, n: u32) -> u32 { return (x >> n) | (x << (32u - n)); }

fn swap_bytes(x: u32) -> u32 {
  return (x << 24u) | ((x & 0xff00u) << 8u) | ((x >> 8u) & 0xff00u) | (x >> 24u);
}

// SHA-256 of one padded block (the message fits in one block: 16 or 32 bytes).
fn compress(block: array<u32, 16>) -> array<u32, 8> {
  var w: array<u32, 64>;
  for (var t = 0u; t < 16u; t = t + 1u) { w[t] = block[t]; }
  for (var t = 16u; t < 64u; t = t + 1u) {
    let s0 = rotr(w[t - 15u], 7u) ^ rotr(w[t - 15u], 18u) ^ (w[t - 15u] >> 3u);
    let s1 = rotr(w[t - 2u], 17u) ^ rotr(w[t - 2u], 19u) ^ (w[t - 2u] >> 10u);
    w[t] = w[t - 16u] + s0 + w[t - 7u] + s1;
  }
  var h = H0;
  for (var t = 0u; t < 64u; t = t + 1u) {
    let e = h[4];
    let a = h[0];
    let t1 = h[7] + (rotr(e, 6u) ^ rotr(e, 11u) ^ rotr(e, 25u)) + ((e & h[5]) ^ (~e & h[6])) + K[t] + w[t];
    let t2 = (rotr(a, 2u) ^ rotr(a, 13u) ^ rotr(a, 22u)) + ((a & h[1]) ^ (a & h[2]) ^ (h[1] & h[2]));
    h[7] = h[6]; h[6] = h[5]; h[5] = h[4]; h[4] = h[3] + t1;
    h[3] = h[2]; h[2] = h[1]; h[1] = h[0]; h[0] = t1 + t2;
  }
  var out: array<u32, 8>;
  for (var i = 0u; i < 8u; i = i + 1u) { out[i] = H0[i] + h[i]; }
  return out;
}

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  let i = id.x;
  if (i >= params.count) { return; }
  var digest: array<u32, 8>;
  var rounds = params.rounds;
  if (params.start == 1u) {
    // The input: seed (8 bytes LE) then the chain's number (8 bytes LE), read as big-endian
    // words, then the padding and the length (128 bits).
    var block: array<u32, 16>;
    block[0] = swap_bytes(params.seed);
    block[2] = swap_bytes(params.first + i);
    block[4] = 0x80000000u;
    block[15] = 128u;
    digest = compress(block);
    rounds = rounds - 1u;
  } else {
    for (var k = 0u; k < 8u; k = k + 1u) { digest[k] = state[i * 8u + k]; }
  }
  for (var r = 0u; r < rounds; r = r + 1u) {
    var block: array<u32, 16>;
    for (var k = 0u; k < 8u; k = k + 1u) { block[k] = digest[k]; }
    block[8] = 0x80000000u;
    block[15] = 256u;
    digest = compress(block);
  }
  for (var k = 0u; k < 8u; k = k + 1u) { state[i * 8u + k] = digest[k]; }
}
