//! The scaling sweep: Threads and Processes with 1, 2, ... workers, their speedup over
//! Sequential plotted against workers, with the ideal line and an Amdahl's-law fit for each.

use super::runner::run_sweep;
use super::text;
use crate::app::state::SweepPoint;
use crate::model::amdahl::{fit, predicted};
use crate::settings::Mode;
use crate::ui::shell::context::use_app;
use yew::prelude::*;

const W: f64 = 480.0;
const H: f64 = 300.0;
const PAD: f64 = 40.0;

/// A mode's points `(workers, speedup)` and its fitted parallel fraction.
type Series = (Mode, Vec<(f64, f64)>, Option<f64>);

/// The sweep section: its button (which starts `runner::run_sweep`) and, once points exist,
/// the chart, the fits and the same points as a table.
#[component]
#[optimize(size)]
pub fn SweepChart() -> Html {
    let app = use_app();
    let state = &app.state;
    let max_workers = state.settings.workers;
    let start = {
        let app = app.clone();
        move |_| app.start(run_sweep)
    };
    let points = &state.sweep;
    let top_x = f64::from(
        points
            .iter()
            .map(|p| p.workers)
            .max()
            .unwrap_or(max_workers)
            .max(2),
    );
    let top_y = points
        .iter()
        .map(|p| p.speedup)
        .fold(top_x, f64::max)
        .ceil();
    let sx = |n: f64| PAD + (n - 1.0) / (top_x - 1.0) * (W - 2.0 * PAD);
    let sy = |s: f64| H - PAD - s / top_y * (H - 2.0 * PAD);
    let cores = f64::from(state.env.cores);
    let series = series(points, cores);
    let curve = |p: f64| -> String {
        (0..=50)
            .map(|i| {
                let n = 1.0 + (top_x - 1.0) * f64::from(i) / 50.0;
                format!("{:.1},{:.1}", sx(n), sy(predicted(p, n).min(top_y)))
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let fits = fit_sentences(&series, cores);
    html! {
        <section class="sweep" aria-labelledby="sweep-heading">
            <h2 id="sweep-heading">{ "Scaling sweep" }</h2>
            <p class="explain">{ text::sweep_explain(max_workers) }</p>
            <button id="sweep" onclick={start} disabled={!state.can_run()}>{ format!("Run the sweep (1 to {max_workers} workers)") }</button>
            if !points.is_empty() {
                <svg class="sweep-chart" viewBox={format!("0 0 {W} {H}")} role="img" aria-labelledby="sweep-fits">
                    <line class="axis-line" x1={PAD.to_string()} y1={sy(0.0).to_string()} x2={(W - PAD).to_string()} y2={sy(0.0).to_string()} />
                    <line class="axis-line" x1={PAD.to_string()} y1={sy(0.0).to_string()} x2={PAD.to_string()} y2={PAD.to_string()} />
                    for n in 1..=(top_x as u32) {
                        <text class="axis-text" x={sx(f64::from(n)).to_string()} y={(H - PAD + 16.0).to_string()} text-anchor="middle">{ n }</text>
                    }
                    for s in 0..=(top_y as u32) {
                        <text class="axis-text" x={(PAD - 8.0).to_string()} y={(sy(f64::from(s)) + 4.0).to_string()} text-anchor="end">{ format!("{s}×") }</text>
                    }
                    <text class="axis-text" x={(W / 2.0).to_string()} y={(H - 4.0).to_string()} text-anchor="middle">{ "workers" }</text>
                    <line class="ideal" x1={sx(1.0).to_string()} y1={sy(1.0).to_string()} x2={sx(top_x.min(top_y)).to_string()} y2={sy(top_x.min(top_y)).to_string()} />
                    for (mode, pts, p) in series.iter() {
                        if let Some(p) = p { <polyline class={classes!("fit", mode.name())} points={curve(*p)} /> }
                        for (n, s) in pts.iter() {
                            <circle class={classes!("point", mode.name())} cx={sx(*n).to_string()} cy={sy(*s).to_string()} r="4">
                                <title>{ format!("{} with {n} workers: {s:.2}×", mode.title()) }</title>
                            </circle>
                        }
                    }
                </svg>
                <p id="sweep-fits" class="fits">{ fits.join(". ") }{ "." }</p>
                <table class="sweep-table">
                    <caption>{ "Speedup over Sequential by workers" }</caption>
                    <thead><tr><th scope="col">{ "Mode" }</th><th scope="col">{ "Workers" }</th><th scope="col">{ "Speedup" }</th></tr></thead>
                    <tbody>
                        for p in points.iter() {
                            <tr><td>{ p.mode.title() }</td><td>{ p.workers }</td><td>{ format!("{:.2}×", p.speedup) }</td></tr>
                        }
                    </tbody>
                </table>
            }
        </section>
    }
}

/// Each swept mode's points and its Amdahl fit, fitted only where there are cores to use
/// (beyond them CPU-bound work cannot speed up).
fn series(points: &[SweepPoint], cores: f64) -> Vec<Series> {
    [Mode::Threads, Mode::Processes]
        .into_iter()
        .map(|mode| {
            let pts: Vec<(f64, f64)> = points
                .iter()
                .filter(|p| p.mode == mode)
                .map(|p| (f64::from(p.workers), p.speedup))
                .collect();
            let within: Vec<(f64, f64)> =
                pts.iter().copied().filter(|(n, _)| *n <= cores).collect();
            let p = fit(&within);
            (mode, pts, p)
        })
        .filter(|(_, pts, _)| !pts.is_empty())
        .collect()
}

/// A sentence per mode: its fitted parallel fraction, or that it has too few points.
fn fit_sentences(series: &[Series], cores: f64) -> Vec<String> {
    series
        .iter()
        .map(|(mode, _, p)| match p {
            Some(p) => format!(
                "{}: parallel fraction p = {:.3} (Amdahl fit over 1–{} workers)",
                mode.title(),
                p,
                cores
            ),
            None => format!("{}: not enough points to fit", mode.title()),
        })
        .collect()
}
