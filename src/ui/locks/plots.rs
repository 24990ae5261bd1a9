//! The locks lab's two plots, as SVG: throughput against threads for the two lock shares
//! (with the cores marked), and the queue's depth over time (with its capacity).

use crate::locks::contention::ContentionPoint;
use yew::prelude::*;

const W: f64 = 480.0;
const H: f64 = 260.0;
const PAD: f64 = 42.0;

fn polyline(points: &[(f64, f64)]) -> String {
    points
        .iter()
        .map(|(x, y)| format!("{x:.1},{y:.1}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Props: the sweep's points and the cores the browser reports.
#[derive(Properties, PartialEq)]
pub struct ThroughputProps {
    /// Every point, both shares.
    pub points: Vec<ContentionPoint>,
    /// Cores reported.
    pub cores: u32,
}

/// Steps per ms against threads, one line per lock share.
#[component]
pub fn ThroughputPlot(props: &ThroughputProps) -> Html {
    let points = &props.points;
    let top_x = points.iter().map(|p| p.threads).max().unwrap_or(2).max(2) as f64;
    let top_y = points
        .iter()
        .map(ContentionPoint::throughput)
        .fold(1e-9, f64::max)
        * 1.1;
    let sx = |n: f64| PAD + (n - 1.0) / (top_x - 1.0) * (W - 2.0 * PAD);
    let sy = |t: f64| H - PAD - t / top_y * (H - 2.0 * PAD);
    let mut shares: Vec<u32> = points.iter().map(|p| p.lock_share).collect();
    shares.dedup();
    let series: Vec<(u32, String)> = shares
        .iter()
        .map(|&share| {
            let line: Vec<(f64, f64)> = points
                .iter()
                .filter(|p| p.lock_share == share)
                .map(|p| (sx(f64::from(p.threads)), sy(p.throughput())))
                .collect();
            (share, polyline(&line))
        })
        .collect();
    let cores_x = sx(f64::from(props.cores.max(1)));
    html! {
        <figure>
            <svg class="locks-plot throughput-plot" viewBox={format!("0 0 {W} {H}")} role="img"
                aria-label="Throughput (steps per ms) against threads, one line per share of each step inside the lock">
                <line class="axis-line" x1={PAD.to_string()} y1={(H - PAD).to_string()} x2={(W - PAD).to_string()} y2={(H - PAD).to_string()} />
                <line class="axis-line" x1={PAD.to_string()} y1={PAD.to_string()} x2={PAD.to_string()} y2={(H - PAD).to_string()} />
                if props.cores as f64 <= top_x {
                    <line class="cores" x1={cores_x.to_string()} y1={PAD.to_string()} x2={cores_x.to_string()} y2={(H - PAD).to_string()} />
                    <text x={(cores_x + 4.0).to_string()} y={(PAD + 10.0).to_string()}>{ format!("{} cores", props.cores) }</text>
                }
                for n in 1..=(top_x as u32) {
                    <text x={sx(f64::from(n)).to_string()} y={(H - PAD + 16.0).to_string()} text-anchor="middle">{ n }</text>
                }
                <text x={(W / 2.0).to_string()} y={(H - 6.0).to_string()} text-anchor="middle">{ "threads" }</text>
                <text x="4" y={(PAD - 10.0).to_string()}>{ format!("steps per ms (top {:.0})", top_y) }</text>
                for (i, (share, line)) in series.iter().enumerate() {
                    <polyline class={format!("s{i}")} points={line.clone()} data-share={share.to_string()} />
                }
            </svg>
            <figcaption>
                <ul class="legend">
                    for (i, (share, _)) in series.iter().enumerate() {
                        <li><span class={classes!("swatch", if i == 0 { "compute" } else { "lock-wait" })}></span>{ format!("{share}% of each step inside the lock") }</li>
                    }
                </ul>
            </figcaption>
        </figure>
    }
}

/// Props: the depth samples and the queue's capacity.
#[derive(Properties, PartialEq)]
pub struct DepthProps {
    /// (ms, items in the queue).
    pub samples: Vec<(f64, u32)>,
    /// The most it holds.
    pub capacity: u32,
}

/// The queue's depth over time.
#[component]
pub fn DepthPlot(props: &DepthProps) -> Html {
    let end = props.samples.last().map_or(1.0, |s| s.0).max(1e-3);
    let top = f64::from(props.capacity.max(1));
    let sx = |t: f64| PAD + t / end * (W - 2.0 * PAD);
    let sy = |d: f64| H - PAD - d / top * (H - 2.0 * PAD);
    let line: Vec<(f64, f64)> = props
        .samples
        .iter()
        .map(|&(t, d)| (sx(t), sy(f64::from(d))))
        .collect();
    html! {
        <figure>
            <svg class="locks-plot depth-plot" viewBox={format!("0 0 {W} {H}")} role="img"
                aria-label={format!("Items in the queue over {end:.1} ms, capacity {}", props.capacity)}>
                <line class="axis-line" x1={PAD.to_string()} y1={(H - PAD).to_string()} x2={(W - PAD).to_string()} y2={(H - PAD).to_string()} />
                <line class="axis-line" x1={PAD.to_string()} y1={PAD.to_string()} x2={PAD.to_string()} y2={(H - PAD).to_string()} />
                <text x="4" y={(PAD - 10.0).to_string()}>{ format!("items in the queue (capacity {})", props.capacity) }</text>
                <text x={(W / 2.0).to_string()} y={(H - 6.0).to_string()} text-anchor="middle">{ format!("time, 0 to {end:.1} ms") }</text>
                <polyline class="depth" points={polyline(&line)} />
            </svg>
        </figure>
    }
}
