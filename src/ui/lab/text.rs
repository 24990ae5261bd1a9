//! The page's prose: the sentences the components show, kept here so that a component reads as
//! structure and a sentence can be read (and reworded) in one place. A sentence built from a
//! run's numbers is a function of those numbers; nothing here carries a number of its own.
//! Short labels (a button's word, a column's heading) stay in their components.

use crate::model::comparison::{BeyondCores, Limit};

// The page's header.

/// The lead paragraph under the title: what the page does.
pub const LEAD: &str = "Run the lecture's experiments for real, on this machine: the same tasks \
    sequentially, in threads (with and without a GIL), in processes and as coroutines. Every run \
    is measured; compare the numbers, then look at what each unit did and when.";

/// The link from the main lab to the locks lab (a navigation: it loads the views module).
pub const TO_LOCKS_LAB: &str = "Locks, contention and queues: lost updates on real threads";
/// The main lab's link to the Python lab.
pub const TO_PYTHON_LAB: &str = "Your own Python: write the task, run it in real CPython";

// The settings form.

/// Why Primes' equal ranges make unequal tasks.
pub const PRIMES_UNEVEN: &str =
    "Equal ranges are unequal tasks here: larger numbers need more divisions.";

/// Why Mandelbrot's bands make unequal tasks.
pub const MANDELBROT_UNEVEN: &str = "Bands through the middle of the set take longest.";

/// The warning beside the main-thread setting, with the cap on the main thread in seconds.
pub fn main_thread_warning(limit_s: f64) -> String {
    format!(
        "Sequential and Coroutines will run on this page's own thread. While they compute, the \
         page will not answer at all, not even Cancel, for up to {limit_s:.0} s (the limit). \
         Nothing is broken: that is the lesson."
    )
}

// The run bar.

/// The note under Run when the estimate is long; `duration` is already rounded for reading.
pub fn long_run_warning(duration: &str) -> String {
    format!("This run is expected to take about {duration}. It can be cancelled at any time.")
}

// The embed box.

/// The label over the embedding snippet.
pub const EMBED_INTRO: &str =
    "Put this in your course page to embed the playground with these settings:";

/// What Chromium-based browsers get in a frame, up to the header's name.
pub const EMBED_CHROMIUM: &str = "Chromium-based browsers (Chrome, Edge, 137 and later): every \
    mode, Threads too, in any course page. This playground's host sends ";

/// What Chromium-based browsers get, after the header's name.
pub const EMBED_CHROMIUM_AFTER: &str = ", which isolates the frame on its own (the release \
    build's _headers file sends it on hosts that read it; elsewhere the playground's service \
    worker adds it, after one reload of the frame).";

/// What Firefox and Safari get in a frame, up to the headers' names.
pub const EMBED_OTHERS: &str = "Firefox and Safari: every mode but Threads, whose rows say why \
    and link to the playground in its own tab; Threads too only if the course page itself is \
    cross-origin isolated (it sends ";

// The results table.

/// The summary's sentence on threads without and with the GIL (speedups over Sequential).
pub fn threads_and_gil(threads: f64, gil: f64) -> String {
    format!(
        "Without a GIL the threads ran {threads:.2}× as fast as one worker; under the GIL, \
         {gil:.2}×."
    )
}

/// The summary's sentence on processes (speedup over Sequential).
pub fn processes_speedup(processes: f64) -> String {
    format!("Processes ran {processes:.2}× as fast, each in its own memory.")
}

/// The summary's sentence on coroutines (speedup over Sequential).
pub fn coroutines_speedup(coroutines: f64) -> String {
    format!("Coroutines on one thread: {coroutines:.2}×.")
}

/// The summary's sentence on load imbalance: the best speedup `workers` could reach when
/// Sequential's task times are handed out in order.
pub fn load_imbalance_note(workers: u32, bound: f64) -> String {
    format!(
        "These tasks are uneven: handed out in order, as a pool does, they let {workers} workers \
         reach at most {bound:.2}× even with no overhead at all (load imbalance)."
    )
}

/// The flag in a row whose speedup is more than the machine allows (the numbers stay as
/// measured).
pub fn beyond_cores(flag: &BeyondCores) -> String {
    let limit = match flag.because {
        Limit::Workers(n) => format!(
            "{n} worker{} can be at most {n}× as fast as one (efficiency at most 100%)",
            if n == 1 { "" } else { "s" }
        ),
        Limit::Cores(n) => format!(
            "work that only computes gets at most {n}× from the {n} cores the browser reports"
        ),
        Limit::OneThread => {
            "coroutines that only compute share one thread: at most 1× as fast".to_owned()
        }
    };
    format!(
        "⚠ Not possible: {limit}, and this is {:.2}×. Sequential's time was probably slowed \
         (code the browser had not finished optimizing, or a busy machine): do not trust this \
         ratio; run again.",
        flag.speedup
    )
}

// The machine panel.

/// The measured core count, and how many workers spun to measure it.
pub fn cores_measured(cores: f64, workers: u32) -> String {
    format!("{cores:.1} (of {workers} workers spinning at once, this many ran at full speed)")
}

/// The honest notes: how fast WebAssembly is beside CPython.
pub const HONEST_SPEED: &str = "This is Rust compiled to WebAssembly, many times faster than \
    CPython: compare the shapes (ratios), not the absolute times, with Python's.";

/// The honest notes: what a process is here.
pub const HONEST_PROCESSES: &str = "Processes here are Web Workers, each with its own memory and \
    its own copy of the program. They are isolated like processes and exchange serialized bytes \
    like them, but they are not operating-system processes.";

/// The honest notes: what the GIL is here.
pub const HONEST_GIL: &str = "The GIL here is a faithful model of CPython's (its switch \
    interval, drop requests and forced hand-over) running on real threads; it is not CPython's \
    own lock.";

/// The honest notes: what a reported core may be.
pub const HONEST_HYPERTHREADS: &str = "With hyperthreads, a \"core\" the browser reports may be \
    half of a physical core: two threads on one core do not run twice as fast.";

/// The honest notes, when the page is not cross-origin isolated: its timers are coarse.
pub const HONEST_COARSE_TIMERS: &str = "This page is not cross-origin isolated, so browsers \
    coarsen its timers (to about 0.1 ms or worse): short intervals are less precise.";

// The sweep.

/// What the sweep does, with the largest worker count it tries.
pub fn sweep_explain(max_workers: u32) -> String {
    format!(
        "Runs Sequential once, then Threads and Processes with 1 to {max_workers} workers (the \
         Workers setting), and plots each speedup over Sequential. The dashed line is ideal \
         scaling; the curves are Amdahl's law, S(n) = 1 / ((1 − p) + p/n), fitted to the points."
    )
}

// The timelines.

/// What a timeline shows.
pub const TIMELINES_EXPLAIN: &str = "One lane per execution unit (the main thread, a worker, a \
    thread, a process, a coroutine); time runs left to right from the moment the mode was \
    started, on the same scale for every mode.";

/// The Mandelbrot canvas's accessible label: the mode's title and the image's size in pixels.
pub fn mandelbrot_label(mode: &str, width: u32, height: u32) -> String {
    format!(
        "The Mandelbrot image computed by {mode}, {width}×{height} pixels; the strip at the left \
         shows which unit computed each band of rows."
    )
}

/// The Mandelbrot image's caption, with the mode's title.
pub fn mandelbrot_caption(mode: &str) -> String {
    format!("{mode}: the strip at the left shows which unit computed each band.")
}

// The Python panel.

/// What the Python programs are and how to read their times.
pub const PYTHON_EXPLAIN: &str = "Each mode as a complete CPython program (3.10 or newer, no \
    packages): it computes the same tasks with the same split and seed, prints the checksum \
    shown above, and ends with a line of JSON with its timings. Expect it to take much longer \
    than the page: compare the ratios between modes, not the milliseconds.";

/// How to bring CPython's output back to the page.
pub const CPYTHON_HOW: &str = "Run one or more of the programs above, then paste their last \
    lines (or their whole output) here, or choose the file you saved the output in: CPython's \
    times join the comparison table. Nothing in the text is run.";

/// Under the comparison table: both machines' cores, then the shapes of the speedups.
pub fn cpython_machines(page_cores: u32, cpython: &str, cores: &str, shapes: &str) -> String {
    format!(
        "This page ran on {page_cores} cores (as the browser reports them), {cpython} on {cores} \
         cores (os.cpu_count()). {shapes}"
    )
}

// Compare with a classmate.

/// The compare view's heading.
pub const COMPARE_TITLE: &str = "Compare with a classmate";

/// The compare view's lead.
pub const COMPARE_LEAD: &str = "Your run comes with you from the playground (in this tab only); \
    or run these settings here. Then import your classmate's run of the same work below.";

/// The lab's link to the compare view.
pub const TO_COMPARE: &str = "Compare with a classmate";

/// What the import does.
pub const CLASSMATE_HOW: &str = "Import a run that a classmate downloaded with \"Download this \
    run (JSON)\" in another browser or on another machine, of the same work: choose the file, \
    drop it here, or paste its text. Their table and timelines appear beside yours, on one time \
    scale. Nothing in the file is run.";

/// The CPython summary before there is enough to compare.
pub const CPYTHON_NOTHING_YET: &str =
    "Add CPython's Sequential line and another mode's to compare speedups.";

/// The note in a mode's row when some of its workers did not answer before being ended.
pub fn workers_ended_unanswered(unanswered: u32, units: u32, limit_s: f64) -> String {
    let (who, were, they_were) = if units == 1 {
        ("The worker".to_owned(), "was", "it was")
    } else if unanswered == 1 {
        (format!("1 of {units} workers"), "was", "it was")
    } else {
        (
            format!("{unanswered} of {units} workers"),
            "were",
            "they were",
        )
    };
    format!(
        "{who} did not answer within {limit_s:.0} s after the last task and {were} ended anyway; \
         if {they_were} still computing, the next mode may have shared its cores for a while."
    )
}

/// Where the app would be, when the views module (lessons, the locks lab) cannot load; the
/// browser's reason follows in parentheses.
pub const VIEWS_MODULE_FAILED: &str = "This part of the playground could not load: its files \
     may be missing from this host, or the browser refused them. The main lab (the same address \
     without its view) may still work";
