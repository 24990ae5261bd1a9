//! The lessons file checks (settings valid, quantities known, every lesson estimated under 10 s
//! on 2 cores: [`file`]), every explanation renders from runs recorded on real threads
//! ([`explanations`]), and each rule says plainly when a run contradicts the lecture, and why
//! ([`verdicts`]). [`native`] runs a lesson's settings on real threads.

mod explanations;
mod file;
mod native;
mod verdicts;

use super::observed::Observation;
use super::{Lesson, LessonBook, LessonLab, plan};

const FILE: &str = include_str!("../../../www/lessons/lessons.json");

fn book() -> LessonBook {
    LessonBook::parse(FILE).expect("the lessons file checks")
}

fn observe(lesson: &Lesson, cores: u32, shrink: bool) -> Observation {
    let runs = plan(lesson, &[], cores).expect("valid settings");
    let runs = runs
        .into_iter()
        .map(|mut s| {
            if lesson.lab == LessonLab::Locks {
                // The lab's lessons are small already; their effects need their full size.
                return native::run_lab(&s);
            }
            if shrink {
                native::shrink(&mut s);
            }
            native::run_all(&s)
        })
        .collect();
    Observation { runs, cores }
}
