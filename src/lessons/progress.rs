//! A student's progress through the lessons: which lessons they finished and what they
//! answered. It lives in the browser's local storage only (as the JSON [`Progress::to_text`]
//! writes); text that does not read as progress is taken as none, never as an error.

use super::explain::Answer;
use std::collections::{BTreeMap, BTreeSet};

/// The key under which the page keeps progress in local storage.
pub const STORAGE_KEY: &str = "playground-lessons-progress";

/// Lessons finished and answers given, by lesson id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// The lessons whose runs all finished.
    pub done: BTreeSet<String>,
    /// The last answer given to each lesson's question.
    pub answers: BTreeMap<String, Answer>,
}

#[derive(serde::Serialize, serde::Deserialize, Default)]
struct Stored {
    #[serde(default)]
    done: Vec<String>,
    /// An answer's index, or `"skip"`.
    #[serde(default)]
    answers: BTreeMap<String, String>,
}

impl Progress {
    /// Reads stored progress; anything unreadable is taken as no progress.
    pub fn from_text(text: &str) -> Progress {
        let stored: Stored = serde_json::from_str(text).unwrap_or_default();
        let answers = stored
            .answers
            .into_iter()
            .filter_map(|(id, a)| {
                let answer = match a.as_str() {
                    "skip" => Answer::Skipped,
                    n => Answer::Chose(n.parse().ok()?),
                };
                Some((id, answer))
            })
            .collect();
        Progress {
            done: stored.done.into_iter().collect(),
            answers,
        }
    }

    /// The text to store.
    pub fn to_text(&self) -> String {
        let stored = Stored {
            done: self.done.iter().cloned().collect(),
            answers: self
                .answers
                .iter()
                .map(|(id, a)| {
                    let text = match a {
                        Answer::Skipped => "skip".to_owned(),
                        Answer::Chose(i) => i.to_string(),
                    };
                    (id.clone(), text)
                })
                .collect(),
        };
        serde_json::to_string(&stored).unwrap_or_default()
    }

    /// Whether nothing is recorded.
    pub fn is_empty(&self) -> bool {
        self.done.is_empty() && self.answers.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_survives_a_round_trip_and_bad_text_is_none() {
        let mut p = Progress::default();
        p.done.insert("gil-cpu".to_owned());
        p.answers.insert("gil-cpu".to_owned(), Answer::Chose(1));
        p.answers.insert("convoy".to_owned(), Answer::Skipped);
        assert_eq!(Progress::from_text(&p.to_text()), p);
        assert!(Progress::from_text("not json").is_empty());
        assert!(Progress::from_text("{\"answers\":{\"x\":\"maybe\"}}").is_empty());
    }
}
