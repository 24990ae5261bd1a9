//! Ending a mode's units before the next mode's clock starts. A terminated worker may go on
//! computing until it next yields (WebKit showed it: Processes after another mode reached 1.3x
//! instead of 1.7x), so the page asks each unit to answer a ping first: a unit answers only when
//! its event loop is free, so none is computing when it is ended. A unit that does not answer
//! within [`ANSWER_LIMIT_MS`] is ended anyway, and the record says so.

use serde::{Deserialize, Serialize};

/// The longest the page waits for a unit's answer before ending it anyway, ms. A free unit
/// answers within a few ms; this allows for a busy machine.
pub const ANSWER_LIMIT_MS: f64 = 2000.0;

/// The answers awaited from a mode's units, numbered from 0.
#[derive(Clone, Debug, PartialEq)]
pub struct Answers {
    heard: Vec<bool>,
}

impl Answers {
    /// Awaiting an answer from each of `units`.
    pub fn awaiting(units: usize) -> Self {
        Answers {
            heard: vec![false; units],
        }
    }

    /// Unit `unit` answered (a repeated answer, or one from a unit not asked, counts nothing).
    pub fn heard(&mut self, unit: usize) {
        if let Some(slot) = self.heard.get_mut(unit) {
            *slot = true;
        }
    }

    /// Whether every unit has answered.
    pub fn complete(&self) -> bool {
        self.heard.iter().all(|&h| h)
    }

    /// The units that have not answered.
    pub fn missing(&self) -> Vec<usize> {
        (0..self.heard.len()).filter(|&u| !self.heard[u]).collect()
    }

    /// How the units were ended: `asked_at` when the pings went out and `ended_at` when the
    /// units were terminated, ms on the record's clock.
    pub fn stopped(&self, asked_at: f64, ended_at: f64) -> Stopped {
        Stopped {
            units: self.heard.len() as u32,
            unanswered: self.missing().len() as u32,
            waited_ms: ended_at - asked_at,
            ended_ms: ended_at,
        }
    }
}

/// How a mode's units were ended, in its record.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stopped {
    /// The unit workers asked to answer before being ended.
    pub units: u32,
    /// Of those, how many did not answer within [`ANSWER_LIMIT_MS`] and were ended anyway.
    pub unanswered: u32,
    /// How long the page waited for the answers, ms.
    pub waited_ms: f64,
    /// When the units were terminated, ms on the record's clock (0 = the mode's start). The next
    /// mode's clock starts after this.
    pub ended_ms: f64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn complete_only_when_every_unit_answered_once_each() {
        let mut answers = Answers::awaiting(3);
        assert!(!answers.complete());
        answers.heard(1);
        answers.heard(1);
        answers.heard(7);
        assert_eq!(
            answers.missing(),
            vec![0, 2],
            "a repeat or a stranger counts nothing"
        );
        answers.heard(0);
        answers.heard(2);
        assert!(answers.complete());
        assert_eq!(answers.stopped(10.0, 12.5).unanswered, 0);
    }

    #[test]
    fn no_units_are_answered_at_once() {
        assert!(Answers::awaiting(0).complete());
    }

    #[test]
    fn the_record_counts_the_units_ended_without_an_answer() {
        let mut answers = Answers::awaiting(2);
        answers.heard(0);
        let stopped = answers.stopped(100.0, 2101.0);
        assert_eq!(
            stopped,
            Stopped {
                units: 2,
                unanswered: 1,
                waited_ms: 2001.0,
                ended_ms: 2101.0,
            }
        );
        assert_eq!(Answers::awaiting(2).stopped(0.0, 2000.0).unanswered, 2);
    }
}
