//! Each rule on real runs and on made-up ones: what the lecture says holds, and a run that
//! contradicts it says so, and why.

use super::native;
use super::{book, observe};
use crate::engine::ModeResult;
use crate::lessons::explain::{Answer, plain};
use crate::lessons::observed::{Observation, RunOutcome};
use crate::lessons::rules::{LabRule, SpeedupRule};
use crate::lessons::{Lesson, LessonLab, Reason, Rule, explain, plan};
use crate::settings::Mode;
use std::rc::Rc;

/// The locks lab's lessons hold on real threads (lost updates need two cores: see
/// `locks::tests` for the machine that cannot show them).
#[test]
fn the_locks_labs_lessons_hold_on_real_threads() {
    let book = book();
    for id in ["process-copies", "coroutine-await", "queue", "atomic-add"] {
        let lesson = book.find(id).expect("there");
        let seen = observe(lesson, 2, false);
        let text = explain(&book, lesson, &seen, Answer::Chose(lesson.expected));
        assert!(text.verdict.shown, "{id}: {:?}", text.paragraphs());
        assert_eq!(text.held, Some(true), "{id}");
    }
}

/// The locks lab's rules say why a run could not show the lesson: threads unavailable, one
/// core, one thread; and a lesson of one lab with a rule of the other is refused.
#[test]
fn the_locks_labs_lessons_say_why_not() {
    let book = book();
    let lesson = book.find("lost-updates").expect("there");
    let mut seen = observe(lesson, 2, false);
    seen.cores = 1;
    let text = explain(&book, lesson, &seen, Answer::Chose(1));
    assert_eq!(text.verdict.reasons, [Reason::OneCore]);
    let unavailable = Observation {
        runs: vec![RunOutcome {
            failures: vec![(
                Mode::Threads,
                "this page is not cross-origin isolated.".into(),
            )],
            ..RunOutcome::default()
        }],
        cores: 2,
    };
    let text = explain(&book, lesson, &unavailable, Answer::Chose(1));
    assert_eq!(
        plain(&text.reasons[0]),
        "Threads could not run here: this page is not cross-origin isolated."
    );
    assert!(
        plain(&text.numbers).contains("ended at –"),
        "{}",
        plain(&text.numbers)
    );
    let contention = book.find("lock-contention").expect("there");
    let one = plan(contention, &[("threads".into(), "1".into())], 2).expect("valid");
    assert_eq!(one[0].lock_share, 100, "the run fixes its share");
    let mut wrong = contention.clone();
    wrong.rule = Rule::Speedup(SpeedupRule::SumOfTasks);
    assert!(
        wrong
            .problems()
            .iter()
            .any(|p| p.contains("main lab's modes"))
    );
    let mut wrong = lesson.clone();
    wrong.lab = LessonLab::Modes;
    assert!(
        wrong
            .problems()
            .iter()
            .any(|p| p.contains("judges the locks lab"))
    );
    let mut wrong = lesson.clone();
    wrong.rule = Rule::Lab(LabRule::QueueExactlyOnce);
    assert!(
        wrong
            .problems()
            .iter()
            .any(|p| p.contains("judges the queue experiment"))
    );
}

/// The GIL lesson's rule on real threads: two CPU-bound threads under the GIL are never much
/// faster than one.
#[test]
fn the_gil_lesson_holds_on_real_threads() {
    let book = book();
    let lesson = book.find("gil-cpu").expect("there");
    // At full size: tasks of a few ms are too short to compare under a shared machine's noise.
    // Other work on the machine can slow Sequential (run first) alone: up to three tries.
    let mut text = None;
    for _ in 0..3 {
        let seen = observe(lesson, 2, false);
        let t = explain(&book, lesson, &seen, Answer::Chose(0));
        let shown = t.verdict.shown;
        text = Some(t);
        if shown {
            break;
        }
    }
    let text = text.expect("tried");
    assert!(text.verdict.shown, "{:?}", text.paragraphs());
    assert_eq!(text.held, Some(false), "the student said twice as fast");
    assert!(plain(&text.prediction).starts_with("Your prediction did not hold."));
}

fn synthetic(lesson: &Lesson, cores: u32, wall: &[(Mode, f64)]) -> Observation {
    let settings = plan(lesson, &[], cores).expect("valid").remove(0);
    let modes = wall
        .iter()
        .map(|&(mode, wall_ms)| {
            let mut s = settings.clone();
            s.modes = vec![mode];
            let mut result = native::run_all(&{
                let mut small = s.clone();
                native::shrink(&mut small);
                small.limit = 1000;
                small
            })
            .modes
            .remove(0);
            let record = Rc::make_mut(&mut result.record);
            record.settings = settings.clone();
            record.wall_ms = wall_ms;
            ModeResult {
                frame_gap_ms: Some(5.0),
                ..result
            }
        })
        .collect();
    Observation {
        runs: vec![RunOutcome {
            modes,
            ..RunOutcome::default()
        }],
        cores,
    }
}

#[test]
fn a_contradiction_says_so_and_why() {
    let book = book();
    let lesson = book.find("free-threaded").expect("there");
    // Scaling as the lecture says.
    let good = synthetic(
        lesson,
        2,
        &[(Mode::Sequential, 400.0), (Mode::Threads, 210.0)],
    );
    let text = explain(&book, lesson, &good, Answer::Chose(1));
    assert!(text.verdict.shown);
    assert_eq!(text.held, Some(true));
    assert!(
        plain(&text.numbers).contains("a speedup of 1.90×"),
        "{}",
        plain(&text.numbers)
    );
    // One core reported: not shown, and the reason names the cores.
    let one = synthetic(
        lesson,
        1,
        &[(Mode::Sequential, 400.0), (Mode::Threads, 390.0)],
    );
    let text = explain(&book, lesson, &one, Answer::Chose(1));
    assert_eq!(text.verdict.reasons, [Reason::OneCore]);
    assert!(plain(&text.reasons[0]).contains("reports 1 core"));
    assert!(plain(&text.prediction).starts_with("You predicted what the lecture says"));
    // Threads unavailable on an unisolated page.
    let mut unisolated = synthetic(lesson, 2, &[(Mode::Sequential, 400.0)]);
    unisolated.runs[0].failures.push((
        Mode::Threads,
        "this page is not cross-origin isolated.".into(),
    ));
    let text = explain(&book, lesson, &unisolated, Answer::Chose(0));
    assert!(!text.verdict.shown);
    assert_eq!(
        plain(&text.reasons[0]),
        "Threads could not run here: this page is not cross-origin isolated."
    );
    assert!(
        plain(&text.numbers).contains("took – ms"),
        "the missing numbers are not made up"
    );
    // Several cores but no speedup: a noisy machine.
    let slow = synthetic(
        lesson,
        4,
        &[(Mode::Sequential, 400.0), (Mode::Threads, 380.0)],
    );
    let text = explain(&book, lesson, &slow, Answer::Skipped);
    assert_eq!(text.verdict.reasons, [Reason::Noisy]);
    assert_eq!(text.held, None);
}

#[test]
fn one_worker_contradicts_the_gil_lesson() {
    let book = book();
    let lesson = book.find("gil-cpu").expect("there");
    let mut seen = synthetic(lesson, 2, &[(Mode::Sequential, 400.0), (Mode::Gil, 410.0)]);
    for m in &mut seen.runs[0].modes {
        Rc::make_mut(&mut m.record).settings.workers = 1;
    }
    let text = explain(&book, lesson, &seen, Answer::Chose(1));
    assert_eq!(text.verdict.reasons, [Reason::OneWorker]);
    assert!(plain(&text.meaning).contains("did not show"));
}

/// The GPU's lesson holds on runs whose GPU is emulated in Rust (a pretend microsecond a number:
/// fixed per number, while the CPU's cost per number grows with it, also pretended, so that a
/// busy machine cannot fail it), and says why where there is no WebGPU.
#[test]
fn the_gpu_lesson_holds_and_says_why_without_webgpu() {
    let book = book();
    let lesson = book.find("gpu").expect("there");
    assert_eq!(lesson.rule, Rule::Speedup(SpeedupRule::GpuGainsWithSize));
    let mut seen = observe(lesson, 2, false);
    // The CPU's times as a quiet machine's (a busy one slowed a small run's Sequential 100-fold
    // here): trial division costs about the square root of a number, 0.2 ns a division.
    for run in &mut seen.runs {
        for m in &mut run.modes {
            let record = Rc::make_mut(&mut m.record);
            let sequential = f64::from(record.settings.limit).powf(1.5) * 2e-7;
            match record.mode {
                Mode::Sequential => record.wall_ms = sequential,
                Mode::Threads => record.wall_ms = sequential / 1.9,
                _ => {}
            }
        }
    }
    let text = explain(&book, lesson, &seen, Answer::Chose(lesson.expected));
    assert!(text.verdict.shown, "{:?}", text.paragraphs());
    // The same runs where WebGPU gave nothing: the GPU failed with the page's reason.
    let mut unavailable = seen.clone();
    for run in &mut unavailable.runs {
        run.modes.retain(|m| m.record.mode != Mode::Gpu);
        run.failures.push((
            Mode::Gpu,
            "this browser has no WebGPU (navigator.gpu is missing)".into(),
        ));
    }
    let text = explain(&book, lesson, &unavailable, Answer::Chose(1));
    assert_eq!(
        plain(&text.reasons[0]),
        "GPU could not run here: this browser has no WebGPU (navigator.gpu is missing)"
    );
}
