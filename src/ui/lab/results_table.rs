//! The comparison table: one row per mode, with wall time, speedup over Sequential (also with
//! start-up counted), efficiency, start-up, the longest frame gap, and whether the result
//! agrees with Sequential's. Modes that could not run say why in their row. CPython's wall time
//! and speedup over its own Sequential join as columns once its lines are read back; the run
//! downloads as a file, and the lab links to the compare view (the views module's
//! `crate::ui::compare::page`), which imports a classmate's file beside it.

use super::cpython_beside::cpython_summary;
use super::text;
use crate::app::lesson::LessonRun;
use crate::app::link::View;
use crate::app::share::CARRIED_KEY;
use crate::engine::ModeResult;
use crate::format::{bytes, millis};
use crate::model::comparison::BeyondCores;
use crate::model::comparison::{Row, agreement_summary, beyond_cores, compare, load_imbalance};
use crate::model::record::RunRecord;
use crate::model::stopping::ANSWER_LIMIT_MS;
use crate::model::threads_support::ThreadsSupport;
use crate::python::beside::{self, BesideRow};
use crate::settings::Mode;
use crate::settings::query::{PageFlags, to_query};
use crate::ui::shell::context::use_app;
use crate::ui::widgets::replay::playhead_of;
use crate::web::page;
use yew::prelude::*;

fn ms(value: f64) -> String {
    format!("{value:.1}")
}

fn times(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_owned(), |v| format!("{v:.2}×"))
}

fn percent(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_owned(), |v| format!("{:.0}%", v * 100.0))
}

/// What the table shows: the last comparison (no props), or one run of a lesson.
#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    /// A lesson's finished run, instead of the comparison in progress or last made.
    #[prop_or_default]
    pub run: Option<LessonRun>,
    /// The heading (default "Comparison").
    #[prop_or_default]
    pub title: Option<AttrValue>,
    /// Added to the ids of the table, its heading and its summary, to keep them unique.
    #[prop_or_default]
    pub suffix: AttrValue,
}

/// The results table and the sentences under it; for the last comparison (not a lesson's run),
/// CPython's columns once its lines are in, the run's download and the link to compare it.
#[component]
#[optimize(size)]
pub fn ResultsTable(props: &ResultsProps) -> Html {
    let app = use_app();
    let state = &app.state;
    let lab = props.run.is_none();
    let (results, failures) = match &props.run {
        Some(run) => (&run.results, &run.failures),
        None => (&state.results, &state.failures),
    };
    if results.is_empty() && failures.is_empty() {
        return html! {};
    }
    let suffix = &props.suffix;
    let records: Vec<_> = results.iter().map(|r| &*r.record).collect();
    let rows = compare(&records);
    let settings = records.first().map_or(&state.settings, |r| &r.settings);
    let caption = match records.first() {
        Some(r) => format!(
            "Results: {} in {} tasks",
            r.result.describe(settings),
            settings.tasks
        ),
        None => "Results".to_owned(),
    };
    let beside = if lab {
        beside::rows(&records, &state.cpython)
    } else {
        Vec::new()
    };
    let columns = if beside.iter().any(|b| b.cpython_ms.is_some()) {
        10
    } else {
        8
    };
    let failed = failures.iter().map(|(mode, reason)| {
        html! {
            <tr data-mode={mode.name()} class="failed">
                <th scope="row">{ mode.title() }</th>
                <td colspan={columns.to_string()} class="reason">
                    { failure_text(*mode, reason, state.unavailable(*mode).as_deref() == Some(reason.as_str())) }
                    if mode.needs_shared_memory() && state.env.threads == (ThreadsSupport::NotIsolated { in_frame: true }) {
                        { " " }<a href={page::link(&state.settings, PageFlags::default())} target="_blank" rel="noopener">{ "Open the playground in a new tab" }</a>
                    }
                </td>
            </tr>
        }
    });
    html! {
        <section class="results" aria-labelledby={format!("results-heading{suffix}")}>
            <h2 id={format!("results-heading{suffix}")}>{ props.title.clone().unwrap_or("Comparison".into()) }</h2>
            { table(&format!("results{suffix}"), &caption, results, &beside, state.env.cores, failed.collect::<Html>()) }
            <p class="explain">
                { TABLE_NOTE }
            </p>
            { summary(results, &rows, suffix) }
            if lab { { cpython_summary(&state.cpython, &beside, state.env.cores) } }
            if lab && !state.flags.embed && !results.is_empty() { { exports(state) } }
        </section>
    }
}

/// "Download this run (JSON)", and in the main lab the link to the compare view, which hands
/// it this run (kept for the tab) so that a classmate's can be imported beside it.
fn exports(state: &UseReducerHandle<crate::app::AppState>) -> Html {
    let export = {
        let state = state.clone();
        move |_| {
            if let Some(mut run) = state.shared_run() {
                for row in &mut run.results {
                    // The lab's own timelines are its only elements with a replay and a mode.
                    let chart = format!("[data-mode=\"{}\"]", row.mode.name());
                    row.playhead_ms = playhead_of(&chart);
                }
                page::download(&run.file_name(), "application/json", &run.to_json());
            }
        }
    };
    let carry = {
        let state = state.clone();
        move |_| {
            if let Some(run) = state.shared_run() {
                page::keep_in_tab(CARRIED_KEY, &run.to_json());
            }
        }
    };
    let compare = format!(
        "?compare=1&{}",
        to_query(state.compared_settings(), PageFlags::default())
    );
    html! {
        <div class="exports">
            <button id="export-run" onclick={export}>{ "Download this run (JSON)" }</button>
            if state.view == View::Lab {
                <a id="to-compare" href={compare} onclick={carry}>{ text::TO_COMPARE }</a>
            }
        </div>
    }
}

/// A comparison table of these results, made on a machine whose browser reports `cores`, with
/// CPython's columns when `beside` holds any of its runs, and `extra` rows at the end.
pub fn table(
    id: &str,
    caption: &str,
    results: &[ModeResult],
    beside: &[BesideRow],
    cores: u32,
    extra: Html,
) -> Html {
    let records: Vec<_> = results.iter().map(|r| &*r.record).collect();
    let rows = compare(&records);
    let cpu_bound = records
        .first()
        .is_some_and(|r| r.settings.workload.is_cpu_bound());
    let cpython = beside.iter().any(|b| b.cpython_ms.is_some());
    html! {
        <div class="table-scroll">
            <table id={id.to_owned()}>
                <caption>{ caption }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Mode" }</th>
                        <th scope="col">{ "Workers" }</th>
                        <th scope="col">{ "Wall time (ms)" }</th>
                        <th scope="col">{ "Speedup" }</th>
                        <th scope="col">{ "Efficiency" }</th>
                        <th scope="col">{ "Start-up (ms)" }</th>
                        <th scope="col">{ "Speedup with start-up" }</th>
                        <th scope="col">{ "Longest frame gap (ms)" }</th>
                        if cpython {
                            <th scope="col">{ "CPython wall time (ms)" }</th>
                            <th scope="col">{ "CPython speedup" }</th>
                        }
                        <th scope="col">{ "Result" }</th>
                    </tr>
                </thead>
                <tbody>
                    for (row, result) in rows.iter().zip(results) {
                        { row_html(row, result, beyond_cores(row, cpu_bound, cores), cpython.then(|| beside.iter().find(|b| b.mode == row.mode)).flatten()) }
                    }
                    { extra }
                </tbody>
            </table>
        </div>
    }
}

/// One mode's row; `beyond` flags a speedup the machine does not allow (the speedup and
/// efficiency cells marked, the sentence in the result cell); `cpython` is its CPython
/// columns, when the table has them.
fn row_html(
    row: &Row,
    result: &ModeResult,
    beyond: Option<BeyondCores>,
    cpython: Option<&BesideRow>,
) -> Html {
    let record = &result.record;
    let verdict = html! {
        <span class={if row.agreement.differs() { "differs" } else { "agrees" }}>{ row.agreement.verdict() }</span>
    };
    let extra = if record.bytes_serialized > 0 {
        format!(
            "{} serialized in {}",
            bytes(record.bytes_serialized),
            millis(record.serialize_ms)
        )
    } else if record.gil_switches > 0 {
        format!("{} GIL hand-overs", record.gil_switches)
    } else {
        String::new()
    };
    let where_ = if record.on_main_thread {
        " (main thread)"
    } else {
        ""
    };
    let flagged = beyond.is_some().then_some("beyond-cores");
    html! {
        <tr data-mode={row.mode.name()}>
            <th scope="row">{ row.mode.title() }{ where_ }</th>
            <td data-col="workers">{ row.workers }</td>
            <td data-col="wall">{ ms(row.wall_ms) }</td>
            <td data-col="speedup" class={classes!(flagged)}>{ times(row.speedup) }</td>
            <td data-col="efficiency" class={classes!(flagged)}>{ percent(row.efficiency) }</td>
            <td data-col="startup">{ ms(row.startup_ms) }</td>
            <td data-col="speedup-startup">{ times(row.speedup_with_startup) }</td>
            <td data-col="frame-gap">{ result.frame_gap_ms.map_or_else(|| "–".to_owned(), ms) }</td>
            if let Some(py) = cpython {
                <td data-col="cpython-wall">{ py.cpython_ms.map_or_else(|| "–".to_owned(), ms) }</td>
                <td data-col="cpython-speedup">{ times(py.cpython_speedup) }</td>
            }
            <td data-col="result" data-checksum={row.checksum.to_string()}
                data-gil-switches={record.gil_switches.to_string()} data-bytes={record.bytes_serialized.to_string()}>
                { verdict }<br/><code>{ row.checksum.to_string() }</code>
                if !extra.is_empty() { <br/><small>{ extra }</small> }
                { stop_note(record) }
                if let Some(flag) = beyond {
                    <br/><small class="beyond-cores" data-limit={flag.limit.to_string()}>{ text::beyond_cores(&flag) }</small>
                }
            </td>
        </tr>
    }
}

/// What the table's columns measure, start-up above all, which means the same in every mode.
const TABLE_NOTE: &str = "Wall time runs from the first task's start to the last task's end. \
    Speedup is Sequential's wall time divided by the mode's; \"with start-up\" adds the mode's \
    start-up to its time. Start-up is the same in every mode: from the mode's start until its \
    workers could take work (spawning each worker and instantiating its WebAssembly; for the \
    Threads modes, also starting the pool's threads; nothing on the main thread). Before the \
    clock starts, each worker or thread then warms up on the first task's code until its speed \
    is steady (two probes in a row within 5%, for at most about a second; drawn in the timeline, \
    counted in neither column), so that no mode is timed on code the browser has not optimized \
    yet. Efficiency is speedup per worker; a speedup more than the workers (or, for work that \
    only computes, the cores the browser reports) allow is flagged, not hidden. The longest frame \
    gap is how long this page went without painting during the run.";

fn failure_text(mode: Mode, reason: &str, unavailable: bool) -> String {
    if mode.needs_shared_memory() || unavailable {
        format!("Unavailable: {reason}")
    } else {
        format!("Did not finish: {reason}")
    }
}

/// A sentence that puts the numbers in the lecture's words, from the table's rows.
fn summary(results: &[ModeResult], rows: &[Row], suffix: &str) -> Html {
    let records: Vec<_> = results.iter().map(|r| &*r.record).collect();
    let find = |m: Mode| rows.iter().find(|r| r.mode == m).and_then(|r| r.speedup);
    let mut lines = Vec::new();
    if let (Some(threads), Some(gil)) = (find(Mode::Threads), find(Mode::Gil)) {
        lines.push(text::threads_and_gil(threads, gil));
    }
    if let Some(processes) = find(Mode::Processes) {
        lines.push(text::processes_speedup(processes));
    }
    if let Some(coroutines) = find(Mode::Coroutines) {
        lines.push(text::coroutines_speedup(coroutines));
    }
    // How far uneven tasks limit a pool, from Sequential's own task times.
    if let Some(sequential) = records.iter().find(|r| r.mode == Mode::Sequential) {
        let durations: Vec<f64> = sequential.tasks.iter().map(|t| t.end - t.start).collect();
        let workers = sequential.settings.workers;
        let pooled = rows
            .iter()
            .any(|r| matches!(r.mode, Mode::Threads | Mode::Processes));
        if let Some(bound) =
            load_imbalance(&durations, workers, sequential.timer_resolution_ms).filter(|_| pooled)
        {
            lines.push(text::load_imbalance_note(workers, bound));
        }
    }
    let agree = agreement_summary(rows);
    html! {
        <p class="summary" id={format!("summary{suffix}")}>{ lines.join(" ") }{ " " }{ agree.unwrap_or_default() }</p>
    }
}

/// The note in a row whose workers did not all answer before they were ended (nothing
/// otherwise); its `data-unanswered` is the count.
fn stop_note(record: &RunRecord) -> Html {
    match record.stopped.filter(|s| s.unanswered > 0) {
        Some(s) => html! {
            <><br/><small class="unanswered" data-unanswered={s.unanswered.to_string()}>
                { text::workers_ended_unanswered(s.unanswered, s.units, ANSWER_LIMIT_MS / 1000.0) }
            </small></>
        },
        None => html! {},
    }
}
