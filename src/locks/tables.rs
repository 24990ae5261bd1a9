//! What the page's results tables show for a report, as plain data (headers, rows, cells with
//! their classes), so that the numbers a student reads are computed and tested natively and the
//! view only draws them.

use super::LocksReport;
use super::counters::CounterKind;
use crate::format::group_thousands;

/// One cell: its text and its CSS classes ("lost bad", "expected").
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    /// What it says.
    pub text: String,
    /// Its classes.
    pub class: &'static str,
}

/// One row: a name for tests (`data-row`) and its cells (the first is the row's header).
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// `data-row`: "unsynchronized", "mutex", "inside", … ("" when rows have no name).
    pub name: String,
    /// The cells.
    pub cells: Vec<Cell>,
}

/// A table.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// Its class ("counters", "contention", "queue", "processes", "coroutines").
    pub class: &'static str,
    /// The column headers.
    pub headers: &'static [&'static str],
    /// The rows.
    pub rows: Vec<Row>,
}

fn cell(text: impl Into<String>, class: &'static str) -> Cell {
    Cell {
        text: text.into(),
        class,
    }
}

fn ms(value: f64) -> Cell {
    cell(format!("{value:.2}"), "")
}

fn whole(value: u64, class: &'static str) -> Cell {
    cell(group_thousands(value), class)
}

fn lost(value: u64) -> Cell {
    whole(value, if value > 0 { "lost bad" } else { "lost good" })
}

/// The report's table.
pub fn table(report: &LocksReport) -> Table {
    match report {
        LocksReport::Counters(runs) => counters(runs),
        LocksReport::Contention { points, .. } => contention(points),
        LocksReport::Queue(run) => queue(run),
        LocksReport::Processes(run) => processes(run),
        LocksReport::Coroutines(runs, _) => coroutines(runs),
    }
}

/// The report's second table, where it has one: the coroutines' queue on the loop.
pub fn second_table(report: &LocksReport) -> Option<Table> {
    let LocksReport::Coroutines(_, run) = report else {
        return None;
    };
    Some(Table {
        class: "loop-queue",
        headers: &[
            "Queue on the loop",
            "Items",
            "Consumed",
            "Duplicates",
            "Missing",
            "Sentinels",
            "Puts that waited on a full queue",
            "Gets that waited on an empty queue",
        ],
        rows: vec![Row {
            name: "loop-queue".to_owned(),
            cells: vec![
                cell(
                    format!(
                        "{} producers, {} consumers, capacity {}",
                        run.producers, run.consumers, run.capacity
                    ),
                    "",
                ),
                whole(run.items, ""),
                whole(run.consumed, "consumed"),
                whole(run.duplicates, "duplicates"),
                whole(run.missing, "missing"),
                cell(run.sentinels.to_string(), "sentinels"),
                whole(run.full_waits, "full-waits"),
                whole(run.empty_waits, "empty-waits"),
            ],
        }],
    })
}

fn counters(runs: &[super::counters::CounterRun]) -> Table {
    Table {
        class: "counters",
        headers: &[
            "Counter",
            "Expected",
            "Actual",
            "Lost",
            "Time (ms)",
            "Per increment (ns)",
            "Waiting for the lock (ms)",
        ],
        rows: runs
            .iter()
            .map(|r| Row {
                name: format!("{:?}", r.kind).to_lowercase(),
                cells: vec![
                    cell(r.kind.title(), ""),
                    whole(r.expected, "expected"),
                    whole(r.actual, "actual"),
                    lost(r.lost()),
                    ms(r.wall_ms),
                    cell(format!("{:.1}", r.ns_per_increment()), ""),
                    if r.kind == CounterKind::Mutex {
                        ms(r.lock_wait_ms())
                    } else {
                        cell("–", "")
                    },
                ],
            })
            .collect(),
    }
}

fn contention(points: &[super::contention::ContentionPoint]) -> Table {
    Table {
        class: "contention",
        headers: &[
            "Threads",
            "Inside the lock (%)",
            "Time (ms)",
            "Steps per ms",
            "Waiting for the lock (ms)",
            "Steps counted",
        ],
        rows: points
            .iter()
            .map(|p| Row {
                name: String::new(),
                cells: vec![
                    cell(p.threads.to_string(), ""),
                    cell(p.lock_share.to_string(), ""),
                    ms(p.wall_ms),
                    cell(format!("{:.1}", p.throughput()), "throughput"),
                    ms(p.lock_wait_ms),
                    cell(
                        format!(
                            "{} of {}",
                            group_thousands(p.total),
                            group_thousands(p.steps)
                        ),
                        "",
                    ),
                ],
            })
            .collect(),
    }
}

fn queue(run: &super::queue::QueueRun) -> Table {
    Table {
        class: "queue",
        headers: &[
            "Items",
            "Consumed",
            "Duplicates",
            "Missing",
            "Sentinels",
            "Time (ms)",
            "Producers blocked on a full queue (ms)",
            "Consumers waiting on an empty queue (ms)",
        ],
        rows: vec![Row {
            name: String::new(),
            cells: vec![
                whole(run.params.items, ""),
                whole(run.consumed, "consumed"),
                whole(run.duplicates, "duplicates"),
                whole(run.missing, "missing"),
                cell(run.sentinels.to_string(), ""),
                ms(run.wall_ms),
                ms(run.blocked_full_ms()),
                ms(run.blocked_empty_ms()),
            ],
        }],
    }
}

fn processes(run: &super::processes::ProcessesRun) -> Table {
    Table {
        class: "processes",
        headers: &[
            "Expected",
            "The parent's counter",
            "Total of the counts sent back",
            "Each process's count",
        ],
        rows: vec![Row {
            name: String::new(),
            cells: vec![
                whole(run.expected, "expected"),
                whole(run.parent_value, "parent bad"),
                whole(run.total_from_messages(), "messages good"),
                cell(
                    run.returned
                        .iter()
                        .map(|c| group_thousands(*c))
                        .collect::<Vec<_>>()
                        .join(", "),
                    "",
                ),
            ],
        }],
    }
}

fn coroutines(runs: &[super::coroutines::CoroutineRun]) -> Table {
    Table {
        class: "coroutines",
        headers: &[
            "Coroutines on one loop",
            "Expected",
            "Actual",
            "Lost",
            "Turns",
        ],
        rows: runs
            .iter()
            .map(|r| Row {
                name: format!("{:?}", r.await_at).to_lowercase(),
                cells: vec![
                    cell(r.await_at.title(), ""),
                    whole(r.expected, "expected"),
                    whole(r.actual, "actual"),
                    lost(r.lost()),
                    whole(r.turns, ""),
                ],
            })
            .collect(),
    }
}
