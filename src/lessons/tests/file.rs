//! The lessons file: it reads and checks, a broken one is refused with its problems, every
//! lesson is short enough, a link's settings go over a lesson's own, and names read as named.

use super::{FILE, book};
use crate::lessons::lab::LabKind;
use crate::lessons::quantity::{self, Format, Kind, Name};
use crate::lessons::{LessonBook, LessonLab, Rule, plan};
use crate::settings::Mode;
use crate::workloads::Calibration;
use crate::workloads::estimate::estimate;

#[test]
fn the_file_checks_and_follows_the_lecture() {
    let book = book();
    let ids: Vec<&str> = book.lessons.iter().map(|l| l.id.as_str()).collect();
    assert!(ids.len() >= 19, "{ids:?}");
    assert_eq!(
        ids[..4],
        ["sequential", "gil-cpu", "free-threaded", "processes"]
    );
    for lesson in &book.lessons {
        assert!(
            lesson.problems().is_empty(),
            "{}: {:?}",
            lesson.id,
            lesson.problems()
        );
    }
    assert_eq!(
        book.neighbours("gil-cpu").0.map(|l| l.id.as_str()),
        Some("sequential")
    );
    assert_eq!(book.neighbours("sequential").0, None);
}

#[test]
fn a_broken_lesson_is_refused_with_its_problems() {
    let broken = FILE
        .replacen("\"limit\": \"1000000\"", "\"limit\": \"-3\"", 1)
        .replacen("{wall.sequential}", "{wall.nonsense}", 1);
    let err = LessonBook::parse(&broken).expect_err("refused");
    assert!(err.contains("limit: \"-3\" is negative"), "{err}");
    assert!(err.contains("{wall.nonsense} is not a quantity"), "{err}");
    // A rule is read into its enum: an unknown name does not read, and says where it is.
    let magic = FILE.replacen("\"rule\": \"sum_of_tasks\"", "\"rule\": \"magic\"", 1);
    let err = LessonBook::parse(&magic).expect_err("refused");
    assert!(err.contains("no rule named \"magic\""), "{err}");
    assert!(err.contains("line "), "{err}");
    assert!(LessonBook::parse("{").is_err());
}

#[test]
fn every_lesson_is_estimated_under_ten_seconds_on_two_cores() {
    let calibration = Calibration::default();
    for lesson in &book().lessons {
        let total: f64 = plan(lesson, &[], 2)
            .expect("valid")
            .iter()
            .map(|s| match lesson.lab {
                LessonLab::Modes => estimate(s, &calibration).run_ms(s, 2),
                LessonLab::Locks => crate::locks::LocksPlan::new(s).estimated_ms(2),
            })
            .sum();
        assert!(total < 10_000.0, "{}: estimated {total:.0} ms", lesson.id);
    }
}

#[test]
fn link_settings_override_the_lessons_own() {
    let book = book();
    let lesson = book.find("free-threaded").expect("there");
    let runs = plan(
        lesson,
        &[
            ("workers".into(), "1".into()),
            ("limit".into(), "5000".into()),
        ],
        4,
    )
    .expect("valid");
    assert_eq!((runs[0].workers, runs[0].limit), (1, 5000));
    assert_eq!(
        plan(lesson, &[], 4).expect("valid")[0].workers,
        4,
        "workers=cores"
    );
    let switch = book.find("switch-interval").expect("there");
    let runs = plan(switch, &[("switch_ms".into(), "7".into())], 2).expect("valid");
    let intervals: Vec<f64> = runs.iter().map(|s| s.switch_ms).collect();
    assert_eq!(
        intervals,
        [1.0, 5.0, 50.0],
        "each run keeps its own setting"
    );
    assert!(plan(lesson, &[("workers".into(), "0".into())], 2).is_err());
}

#[test]
fn quantities_parse_only_as_named() {
    assert!(Name::parse("speedup.gil", 1).is_some());
    assert!(Name::parse("speedup.gil@2", 1).is_none(), "no run 2");
    assert!(Name::parse("speedup.gil@2", 2).is_some());
    assert!(Name::parse("setting.switch_ms@3", 3).is_some());
    assert!(Name::parse("setting.colour", 1).is_none());
    assert!(Name::parse("speed.gil", 1).is_none());
    assert!(Name::parse("cores", 1).is_some());
    assert_eq!(Format::Times.show(1.234), "1.23×");
    assert_eq!(Format::Percent.show(0.955), "96%");
    assert_eq!(quantity::median(vec![3.0, 1.0, 2.0, 10.0]), Some(2.5));
}

/// Every kind and rule reads back from its name, and no two share one.
#[test]
fn every_name_reads_back() {
    let mut seen = std::collections::BTreeSet::new();
    for &kind in Kind::ALL {
        assert_eq!(Kind::from_name(kind.name()), Some(kind));
        assert!(seen.insert(kind.name()), "{} twice", kind.name());
    }
    let mut seen = std::collections::BTreeSet::new();
    for &kind in LabKind::ALL {
        assert_eq!(LabKind::from_name(kind.name()), Some(kind));
        assert!(seen.insert(kind.name()), "lab.{} twice", kind.name());
    }
    let mut seen = std::collections::BTreeSet::new();
    for rule in Rule::all() {
        assert_eq!(Rule::from_name(rule.name()), Some(rule));
        assert!(seen.insert(rule.name()), "{} twice", rule.name());
    }
    assert_eq!(seen.len(), 20);
    assert_eq!(
        Name::parse("ready_max.coroutines@2", 2),
        Some(Kind::ReadyMax.of(Mode::Coroutines).at(2))
    );
    assert_eq!(
        Name::parse("lab.scaling", 1),
        Some(Name::from(LabKind::Scaling))
    );
}
