//! The lessons views' prose, as `ui::text` keeps the lab's: named sentences, so that the
//! components read as structure. The lessons themselves (questions, explanations) are data, in
//! the lessons file.

/// The index's title.
pub const INDEX_TITLE: &str = "Lessons";

/// The index's lead paragraph.
pub const INDEX_LEAD: &str = "The lecture as short experiments, in its order. Each asks you to \
    predict what will happen, runs the experiment on this machine, then explains what happened \
    with the numbers your machine produced.";

/// The link from the main lab to the index.
pub const TO_LESSONS: &str = "Lessons: the lecture, one experiment at a time";

/// The link from a lesson or the index to the main lab.
pub const TO_LAB: &str = "The playground";

/// The link from a lesson to the index.
pub const ALL_LESSONS: &str = "All lessons";

/// While the lessons file is fetched.
pub const LOADING: &str = "Loading the lessons…";

/// Where the browser keeps progress.
pub const PROGRESS_STORED: &str = "Your progress (lessons done, answers) is kept in this \
    browser's local storage only; nothing leaves this machine.";

/// Where the browser refuses storage.
pub const PROGRESS_NOT_STORED: &str = "This browser refuses this page's local storage (as some \
    frames do), so your progress lasts for this visit only.";

/// A lesson's settings, above the form.
pub const SETTINGS_NOTE: &str = "The settings this lesson runs. Change any of them and run \
    again: the explanation follows the new numbers, and the address keeps your variation.";

/// Above the list of a lesson's runs.
pub const RUNS_NOTE: &str = "This lesson compares runs, one after another; each sets its own:";

/// The "skip" answer.
pub const SKIP: &str = "Skip: run without predicting";

/// Under Run until the question is answered.
pub const ANSWER_FIRST: &str = "Answer the question (or skip it) to run.";

/// Under Run when the link asked to run by itself.
pub const AUTORUN_WAITS: &str = "This link starts the lesson by itself once you answer the \
    question or skip it.";

/// When the run did not show what the lecture says, before the reasons.
pub const CONTRADICTS: &str = "This run contradicts what the lecture says.";

/// The new-tab link where threads cannot run in this frame.
pub const OPEN_IN_TAB: &str = "Open this lesson in a new tab";

/// Where a lesson needs units (`what`: threads, workers) that cannot run here; `why` is the
/// page's reason.
pub fn needs(what: &str, why: &str) -> String {
    format!("This lesson needs {what}, which cannot run here: {why}")
}

/// How many lessons are done.
pub fn done_count(done: usize, all: usize) -> String {
    format!("{done} of {all} lessons done.")
}

/// A run's heading.
pub fn run_heading(index: usize, count: usize, label: Option<&str>) -> String {
    match label {
        Some(label) if count > 1 => format!("Run {} of {count}: {label}", index + 1),
        _ => "Comparison".to_owned(),
    }
}

/// The heading over the scheduler's levels that belong to a lesson.
pub const BE_THE_SCHEDULER: &str = "Be the scheduler: cause it yourself, one step at a time";
