//! The locks lab's prose, kept out of its components (as `text` does for the main lab).

use crate::settings::Experiment;

/// The title.
pub const TITLE: &str = "Locks, contention and queues";

/// The link to the lessons, where this lab's own are listed under their heading.
pub const TO_LESSONS: &str = "Lessons: predict, run, explain (this lab's are at the end)";

/// The lead under the title: what the lab is about, before any scrolling.
pub const LEAD: &str = "Threads that share data need care. Lost updates: several threads add 1 \
    to one counter without a lock, and some of their additions vanish. Locks: a mutex makes the \
    count exact, but threads then wait for it, and a lock held for most of each step turns \
    parallel work back into sequential work. Queues: producers and consumers hand items over \
    through a bounded queue, safely, each item taken exactly once. Everything here runs on real \
    threads sharing real memory in this browser.";

/// What each experiment shows, under the choice.
pub fn about(experiment: Experiment) -> &'static str {
    match experiment {
        Experiment::Counters => {
            "N threads each add 1 to a shared counter M times, three ways: reading and then \
             writing it with no lock (another thread's update between the two is overwritten), \
             inside a mutex, and with one atomic add."
        }
        Experiment::Contention => {
            "A fixed amount of work is split among 1, 2, … threads, and a share of each step is \
             done while holding one lock. The plot shows throughput against threads for that \
             share and for the other end of the scale; the dashed line marks the cores."
        }
        Experiment::Queue => {
            "Producers put numbered items into a bounded queue and consumers take them out; a \
             producer waits while the queue is full, a consumer while it is empty. When the last \
             producer is done it puts one sentinel per consumer, which tells each to stop."
        }
        Experiment::Processes => {
            "Each process gets its own copy of the counter and increments that copy. The parent's \
             counter never changes: the total is right only when each process sends its count \
             back as a message."
        }
        Experiment::Coroutines => {
            "Coroutines on one event loop take turns only where they await. With no await \
             between reading and writing the counter, nothing is lost without a lock; with one, \
             the others run in between and their updates are lost, unless an asyncio.Lock is \
             held across it. On the same loop, producers and consumers pass items through a \
             small queue that needs no lock either, as asyncio.Queue."
        }
    }
}

/// Why the experiment cannot run here (threads need cross-origin isolation).
pub fn unavailable(reason: &str) -> String {
    format!(
        "This experiment needs threads sharing memory, which are unavailable on this page: \
         {reason} The coroutines experiment runs without them."
    )
}

/// Whether every item went through the queue exactly once, in words.
pub fn queue_verdict(run: &crate::locks::queue::QueueRun) -> String {
    if run.exactly_once() {
        format!(
            "Every one of the {} items was consumed exactly once, and each of the {} consumers \
             stopped at its own sentinel.",
            crate::format::group_thousands(run.params.items),
            run.params.consumers
        )
    } else {
        format!(
            "Not exactly once: {} taken twice or more, {} never taken, {} sentinels for {} \
             consumers.",
            run.duplicates, run.missing, run.sentinels, run.params.consumers
        )
    }
}

/// Whether the coroutines' queue on the loop delivered every item once, from its numbers.
pub fn loop_queue_verdict(run: &crate::locks::loop_queue::LoopQueueRun) -> String {
    let items = crate::format::group_thousands(run.items);
    if run.exactly_once() {
        format!(
            "On the same loop, every one of the {items} items through the queue was taken \
             exactly once, with no lock: puts waited {} times on a full queue, gets {} times on \
             an empty one.",
            run.full_waits, run.empty_waits
        )
    } else {
        format!(
            "The queue on the loop did not deliver every item once: {} taken twice or more, {} \
             never taken, {} sentinels for {} consumers.",
            run.duplicates, run.missing, run.sentinels, run.consumers
        )
    }
}

/// A note on the counters' result, from its numbers.
pub fn counters_note(lost: u64, expected: u64, cores: u32) -> String {
    if lost > 0 {
        format!(
            "The unsynchronized counter lost {lost} of {expected} updates: two threads read the \
             same value and both wrote it back plus one. The mutex and the atomic add lost none."
        )
    } else if cores < 2 {
        "No update was lost this time: with one core, a thread is rarely interrupted between its \
         read and its write. Try again, or with more increments."
            .to_owned()
    } else {
        "No update was lost this time: the threads may not have overlapped. Run again, or with \
         more increments."
            .to_owned()
    }
}

/// Honest about the processes variant.
pub const PROCESSES_NOTE: &str = "Here each process is a Web Worker with its own WebAssembly \
    instance and memory, as in the main lab's Processes mode: the counter is a global of the \
    module, so each process has its own copy of it, and the counts come back as messages, as \
    multiprocessing's children send theirs through a pipe.";
