// The Mandelbrot image on the GPU: one invocation per pixel, in 32-bit floats (WGSL has no
// 64-bit floats). The page's f32 workload (`precision=f32`) computes each pixel's point and its
// iterations with the same operations in the same order, but WGSL lets an implementation fuse a
// multiply and an add and round them once, so a few pixels near the set's edge may differ: the
// page compares the result within a stated tolerance and marks it approximate.

struct Params { first: u32, count: u32, width: u32, height: u32, cap: u32 }

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read_write> counts: array<u32>;

fn escape_time(c_re: f32, c_im: f32, cap: u32) -> u32 {
  var re = 0.0;
  var im = 0.0;
  for (var i = 1u; i <= cap; i = i + 1u) {
    let next_re = re * re - im * im + c_re;
    im = 2.0 * re * im + c_im;
    re = next_re;
    if (re * re + im * im > 4.0) { return i; }
  }
  return cap;
}

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  let i = id.x;
  if (i >= params.count) { return; }
  let pixel = params.first + i;
  let x = pixel % params.width;
  let y = pixel / params.width;
  // Real parts from -2.5 to 1.0; imaginary parts on the same scale, centred on 0.
  let scale = 3.5 / f32(params.width);
  let im_top = 0.0 - scale * f32(params.height) / 2.0;
  let c_re = -2.5 + (f32(x) + 0.5) * scale;
  let c_im = im_top + (f32(y) + 0.5) * scale;
  counts[i] = escape_time(c_re, c_im, params.cap);
}
