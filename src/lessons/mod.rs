//! Lessons: the lecture as guided experiments. A lesson is data, read from the lessons file
//! (`www/lessons/lessons.json`, fetched only when a lesson view opens): the settings it runs
//! (the permalink scheme's names), a question with three or four answers and the one the
//! lecture expects, the rule (in Rust, [`rules`]) that decides from the record whether this run
//! showed what the lecture says (and if not, why), and explanation texts that name quantities of
//! the record ([`quantity`]) which [`explain`] fills in, as the results table prints them. An
//! instructor rewords or adds a lesson by editing the file. A lesson runs in the main lab (its
//! modes, compared) or, with `"lab": "locks"`, in the locks lab (one of its experiments), whose
//! report's quantities are [`lab`]'s. Plain Rust, no browser types.

pub mod explain;
pub mod lab;
pub mod observed;
pub mod plan;
pub mod progress;
pub mod quantity;
pub mod rules;

pub use explain::{Explanation, Piece, explain};
pub use observed::{Observation, RunOutcome};
pub use plan::plan;
pub use progress::Progress;
pub use rules::{Reason, Rule, Verdict};

use serde::Deserialize;
use std::collections::BTreeMap;

/// The whole lessons file.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LessonBook {
    /// The file's format version (1).
    pub version: u32,
    /// The sentences that tell a student whether their prediction held.
    pub prediction: PredictionTexts,
    /// Why a run may not show what the lecture says: one sentence per [`Reason`], by its key.
    pub reasons: BTreeMap<String, String>,
    /// The lessons, in the lecture's order.
    pub lessons: Vec<Lesson>,
}

/// Whether the prediction held, in words; `{expected}` is the lecture's answer.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PredictionTexts {
    /// The student chose the lecture's answer and the run showed it.
    pub held: String,
    /// The student chose another answer, and the run showed the lecture's.
    pub missed: String,
    /// The student chose the lecture's answer, but the run did not show it.
    pub expected_not_shown: String,
    /// The student chose another answer, and the run did not show the lecture's either.
    pub other_not_shown: String,
    /// The student skipped the question.
    pub skipped: String,
}

/// One lesson.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lesson {
    /// Its stable id, used in links (`?lesson=ID`).
    pub id: String,
    /// Its title.
    pub title: String,
    /// The lecture's section it illustrates.
    pub section: String,
    /// What the experiment does, before the question.
    pub intro: String,
    /// Which lab runs it (the main lab when the file does not say).
    #[serde(default)]
    pub lab: LessonLab,
    /// Settings by their permalink names, as text. `workers` may be `cores` or `cores*N`.
    pub settings: BTreeMap<String, String>,
    /// When the lesson compares runs: each run's own settings, over [`Lesson::settings`].
    #[serde(default)]
    pub runs: Vec<RunSpec>,
    /// The question.
    pub question: String,
    /// Three or four answers.
    pub answers: Vec<String>,
    /// The index of the answer the lecture expects.
    pub expected: usize,
    /// The rule that decides whether the run showed it (by its name in the file; an unknown
    /// name does not read).
    pub rule: Rule,
    /// The explanation texts.
    pub explain: ExplainTexts,
}

/// The lab a lesson runs in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LessonLab {
    /// The main lab: the lesson's modes, compared.
    #[default]
    Modes,
    /// The locks lab: the experiment its settings name (`experiment`).
    Locks,
}

/// One run of a lesson that compares runs.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunSpec {
    /// Its name on the page ("switch interval 1 ms").
    pub label: String,
    /// Its settings, over the lesson's.
    pub settings: BTreeMap<String, String>,
}

/// A lesson's explanation: `{quantity}` marks a number from the record (see [`quantity`]).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExplainTexts {
    /// What happened, with the run's numbers; always shown.
    pub numbers: String,
    /// What it means, when the run showed what the lecture says.
    pub shown: String,
    /// What it means, when it did not (the reasons follow).
    pub not_shown: String,
}

impl LessonBook {
    /// Reads the lessons file.
    ///
    /// # Errors
    /// A sentence naming what is wrong: bad JSON, or a lesson that does not check.
    pub fn parse(json: &str) -> Result<LessonBook, String> {
        let book: LessonBook = serde_json::from_str(json)
            .map_err(|e| format!("The lessons file is not valid: {e}"))?;
        let problems = book.problems();
        if problems.is_empty() {
            Ok(book)
        } else {
            Err(format!(
                "The lessons file has problems: {}",
                problems.join(" ")
            ))
        }
    }

    /// The lesson with this id.
    pub fn find(&self, id: &str) -> Option<&Lesson> {
        self.lessons.iter().find(|l| l.id == id)
    }

    /// The lessons before and after this one, for previous and next links.
    pub fn neighbours(&self, id: &str) -> (Option<&Lesson>, Option<&Lesson>) {
        let Some(i) = self.lessons.iter().position(|l| l.id == id) else {
            return (None, None);
        };
        let previous = i.checked_sub(1).and_then(|p| self.lessons.get(p));
        (previous, self.lessons.get(i + 1))
    }

    /// Everything that does not check, one sentence each: ids unique and link-safe, 3 or 4
    /// answers, the expected one among them, known reasons, each rule of its lesson's lab,
    /// settings that parse, and texts that name only quantities that exist. (An unknown rule
    /// does not read: see [`Rule`]'s `Deserialize`.)
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        for key in self.reasons.keys() {
            if Reason::from_key(key).is_none() {
                out.push(format!("There is no reason named {key:?}."));
            }
        }
        for key in Reason::KEYS {
            if !self.reasons.contains_key(*key) {
                out.push(format!("The reason {key:?} has no sentence."));
            }
        }
        let p = &self.prediction;
        for text in [
            &p.held,
            &p.missed,
            &p.expected_not_shown,
            &p.other_not_shown,
            &p.skipped,
        ] {
            out.extend(explain::unknown_words(text, &["expected", "chosen"]));
        }
        for text in self.reasons.values() {
            out.extend(explain::unknown_words(text, &["mode", "why", "cores"]));
        }
        for (i, lesson) in self.lessons.iter().enumerate() {
            if self.lessons[..i].iter().any(|l| l.id == lesson.id) {
                out.push(format!("{}: the id is used twice.", lesson.id));
            }
            out.extend(
                lesson
                    .problems()
                    .into_iter()
                    .map(|p| format!("{}: {p}", lesson.id)),
            );
        }
        out
    }
}

impl Lesson {
    /// This lesson's problems (see [`LessonBook::problems`]).
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        let safe = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-';
        if self.id.is_empty() || !self.id.chars().all(safe) {
            out.push("an id is lower-case letters, digits and dashes.".to_owned());
        }
        if !(3..=4).contains(&self.answers.len()) {
            out.push(format!(
                "it has {} answers; a question has 3 or 4.",
                self.answers.len()
            ));
        }
        if self.expected >= self.answers.len() {
            out.push(format!(
                "the expected answer {} is not among them.",
                self.expected
            ));
        }
        out.extend(self.rule_problem());
        for cores in [1, 2, 8] {
            if let Err(e) = plan(self, &[], cores) {
                out.push(e);
                break;
            }
        }
        let runs = self.runs.len().max(1);
        for text in [
            &self.explain.numbers,
            &self.explain.shown,
            &self.explain.not_shown,
        ] {
            out.extend(explain::unknown_names(text, runs));
        }
        out
    }

    /// Whether the lesson's rule judges what it runs: a rule of the main lab for its lessons, and
    /// for the locks lab's, a rule of the experiment every run makes.
    fn rule_problem(&self) -> Option<String> {
        let runs = plan(self, &[], 2).ok()?;
        let rule = self.rule.name();
        match (self.lab, self.rule.experiment()) {
            (LessonLab::Modes, None) => None,
            (LessonLab::Modes, Some(_)) => Some(format!(
                "the rule {rule:?} judges the locks lab; add \"lab\": \"locks\"."
            )),
            (LessonLab::Locks, None) => Some(format!(
                "the rule {rule:?} judges the main lab's modes, not the locks lab."
            )),
            (LessonLab::Locks, Some(experiment)) => {
                runs.iter().any(|s| s.experiment != experiment).then(|| {
                    format!(
                        "the rule {rule:?} judges the {} experiment; set experiment to it.",
                        experiment.name()
                    )
                })
            }
        }
    }

    /// How many runs the lesson makes (1 unless it compares runs).
    pub fn run_count(&self) -> usize {
        self.runs.len().max(1)
    }
}

#[cfg(test)]
mod tests;
