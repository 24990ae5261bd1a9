//! A Mandelbrot image computed in bands of rows: each task is a band, and its result is the
//! iteration count of every pixel in it, which the page draws (and which crosses to the page
//! as bytes in the Processes mode, as a NumPy array would be pickled). The image is computed in
//! 64-bit floats, or in 32-bit ones (`precision=f32`), as a GPU computes it.

use super::{Step, TaskOutput};
use crate::settings::Precision;
use serde::{Deserialize, Serialize};
use std::ops::{Add, Mul, Sub};

/// The part of the complex plane drawn: real parts from -2.5 to 1.0.
const RE_MIN: f64 = -2.5;
const RE_MAX: f64 = 1.0;
/// Imaginary parts span the same range per pixel, centred on 0.
const IM_CENTRE: f64 = 0.0;

/// Iterations per step: about 20–50 µs of work.
const ITERATIONS_PER_STEP: u64 = 20_000;

/// Compute rows `rows_from..rows_to` of a `width`×`height` image.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BandTask {
    /// Image width in pixels.
    pub width: u32,
    /// Image height in pixels.
    pub height: u32,
    /// Iteration cap.
    pub iterations: u32,
    /// First row of the band.
    pub rows_from: u32,
    /// One past the last row of the band.
    pub rows_to: u32,
    /// The floats it is computed in (files written before f32 existed computed in f64).
    #[serde(default = "f64_precision")]
    pub precision: Precision,
}

/// What a band read from a file that does not name its floats was computed in.
fn f64_precision() -> Precision {
    Precision::F64
}

/// A band in progress.
#[derive(Clone, Debug)]
pub struct BandJob {
    task: BandTask,
    /// Index of the next pixel within the band.
    next: u64,
    pixels: Vec<u32>,
    out: TaskOutput,
}

impl BandTask {
    /// `tasks` bands of nearly equal height covering the image.
    pub fn split(
        width: u32,
        height: u32,
        iterations: u32,
        precision: Precision,
        tasks: u32,
    ) -> Vec<BandTask> {
        (0..tasks)
            .map(|i| BandTask {
                width,
                height,
                iterations,
                precision,
                rows_from: (u64::from(i) * u64::from(height) / u64::from(tasks)) as u32,
                rows_to: (u64::from(i + 1) * u64::from(height) / u64::from(tasks)) as u32,
            })
            .collect()
    }

    fn pixel_count(&self) -> u64 {
        u64::from(self.rows_to - self.rows_from) * u64::from(self.width)
    }

    /// Starts the band.
    pub fn start(&self) -> BandJob {
        BandJob {
            task: self.clone(),
            next: 0,
            pixels: Vec::with_capacity(self.pixel_count() as usize),
            out: TaskOutput::default(),
        }
    }
}

impl BandJob {
    /// Computes pixels until a step's worth of iterations is spent.
    #[inline(never)]
    #[optimize(speed)]
    pub fn step(&mut self) -> Step {
        let t = &self.task;
        let total = t.pixel_count();
        let scale = (RE_MAX - RE_MIN) / f64::from(t.width);
        let im_top = IM_CENTRE - scale * f64::from(t.height) / 2.0;
        let mut spent = 0u64;
        while self.next < total {
            let x = (self.next % u64::from(t.width)) as u32;
            let y = t.rows_from + (self.next / u64::from(t.width)) as u32;
            let count = match t.precision {
                Precision::F64 => {
                    let c_re = RE_MIN + (f64::from(x) + 0.5) * scale;
                    let c_im = im_top + (f64::from(y) + 0.5) * scale;
                    escape_time(c_re, c_im, t.iterations)
                }
                Precision::F32 => {
                    let (c_re, c_im) = point_f32(x, y, t.width, t.height);
                    escape_time_f32(c_re, c_im, t.iterations)
                }
            };
            spent += u64::from(count);
            self.pixels.push(count);
            let index = u64::from(y) * u64::from(t.width) + u64::from(x);
            self.out.items += 1;
            self.out.total += u64::from(count);
            self.out.checksum.add_item((index << 20) ^ u64::from(count));
            self.next += 1;
            if spent >= ITERATIONS_PER_STEP {
                return Step::Computed;
            }
        }
        let mut out = std::mem::take(&mut self.out);
        out.pixels = Some(std::mem::take(&mut self.pixels));
        Step::Done(out)
    }
}

/// How many iterations of z = z² + c (from z = 0) it takes for |z| to exceed 2, or `cap` if it
/// never does within the cap (the point counts as inside the set), in the floats `F` (f64 or
/// f32: every operation rounded to `F`). Never inlined: inlined into the band's loop, native
/// x86-64 code ran it 1.5× slower (wasm engines did not mind).
#[inline(never)]
#[optimize(speed)]
fn escape<F>(c_re: F, c_im: F, cap: u32) -> u32
where
    F: Copy + PartialOrd + From<f32> + Add<Output = F> + Sub<Output = F> + Mul<Output = F>,
{
    let (two, four) = (F::from(2.0), F::from(4.0));
    let (mut re, mut im) = (F::from(0.0), F::from(0.0));
    for i in 1..=cap {
        let next_re = re * re - im * im + c_re;
        im = two * re * im + c_im;
        re = next_re;
        if re * re + im * im > four {
            return i;
        }
    }
    cap
}

/// [`escape`] in 64-bit floats, Python's `float`.
pub fn escape_time(c_re: f64, c_im: f64, cap: u32) -> u32 {
    escape(c_re, c_im, cap)
}

/// [`escape`] in 32-bit floats, as a GPU computes it.
pub fn escape_time_f32(c_re: f32, c_im: f32, cap: u32) -> u32 {
    escape(c_re, c_im, cap)
}

/// Pixel (`x`, `y`)'s point of a `width`×`height` image in 32-bit floats, every operation
/// rounded to f32 in this order (the GPU's kernel, `www/gpu/mandelbrot.wgsl`, and the CPython
/// program's `point_f32` compute the same).
pub fn point_f32(x: u32, y: u32, width: u32, height: u32) -> (f32, f32) {
    let scale = (RE_MAX - RE_MIN) as f32 / width as f32;
    let im_top = IM_CENTRE as f32 - scale * height as f32 / 2.0;
    let c_re = RE_MIN as f32 + (x as f32 + 0.5) * scale;
    let c_im = im_top + (y as f32 + 0.5) * scale;
    (c_re, c_im)
}
