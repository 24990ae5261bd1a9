//! Renders a lesson's explanation from what the runs recorded: whether the student's prediction
//! held, the run's numbers, what they mean (or why this run did not show what the lecture says),
//! every `{quantity}` filled in from the record. Pieces keep each number's name, so a view can
//! mark it and a test can compare it with the table.

use super::observed::Observation;
use super::quantity::Name;
use super::rules::{Reason, Verdict};
use super::{Lesson, LessonBook};

/// A piece of an explanation.
#[derive(Clone, Debug, PartialEq)]
pub enum Piece {
    /// Words.
    Text(String),
    /// A number from the record, with the quantity's name.
    Number {
        /// The quantity's name as the lessons file writes it.
        name: String,
        /// The number as the page shows it ("–" when the run has no such number).
        text: String,
    },
}

/// What the student answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// The answer with this index.
    Chose(usize),
    /// They pressed "skip".
    Skipped,
}

/// A rendered explanation.
#[derive(Clone, Debug, PartialEq)]
pub struct Explanation {
    /// The rule's decision.
    pub verdict: Verdict,
    /// Whether the prediction held (`None` when skipped or when the run settles nothing).
    pub held: Option<bool>,
    /// The sentence on the prediction.
    pub prediction: Vec<Piece>,
    /// What happened, with the numbers.
    pub numbers: Vec<Piece>,
    /// What it means, or that the run did not show it.
    pub meaning: Vec<Piece>,
    /// Why not, one sentence per reason (empty when shown).
    pub reasons: Vec<Vec<Piece>>,
}

impl Explanation {
    /// The whole explanation as plain text, paragraph by paragraph.
    pub fn paragraphs(&self) -> Vec<String> {
        let mut out = vec![
            plain(&self.prediction),
            plain(&self.numbers),
            plain(&self.meaning),
        ];
        out.extend(self.reasons.iter().map(|r| plain(r)));
        out
    }
}

/// Pieces as plain text.
pub fn plain(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .map(|p| match p {
            Piece::Text(t) => t.as_str(),
            Piece::Number { text, .. } => text.as_str(),
        })
        .collect()
}

/// Explains a lesson's runs to a student who gave `answer`.
pub fn explain(
    book: &LessonBook,
    lesson: &Lesson,
    seen: &Observation,
    answer: Answer,
) -> Explanation {
    let verdict = lesson.rule.verdict(seen);
    let runs = lesson.run_count();
    let fill = |text: &str, extra: &[(&str, &str)]| render(text, runs, seen, extra);
    let expected = lesson
        .answers
        .get(lesson.expected)
        .map_or("", String::as_str);
    let t = &book.prediction;
    let (template, held) = match (answer, verdict.shown) {
        (Answer::Skipped, _) => (&t.skipped, None),
        (Answer::Chose(i), true) if i == lesson.expected => (&t.held, Some(true)),
        (Answer::Chose(_), true) => (&t.missed, Some(false)),
        (Answer::Chose(i), false) if i == lesson.expected => (&t.expected_not_shown, None),
        (Answer::Chose(_), false) => (&t.other_not_shown, None),
    };
    let chosen = match answer {
        Answer::Chose(i) => lesson.answers.get(i).map_or("", String::as_str),
        Answer::Skipped => "",
    };
    let prediction = fill(template, &[("expected", expected), ("chosen", chosen)]);
    let numbers = fill(&lesson.explain.numbers, &[]);
    let meaning = fill(
        if verdict.shown {
            &lesson.explain.shown
        } else {
            &lesson.explain.not_shown
        },
        &[],
    );
    let reasons = verdict
        .reasons
        .iter()
        .map(|reason| {
            let text = book.reasons.get(reason.key()).map_or("", String::as_str);
            let (mode, why) = match reason {
                Reason::Unavailable { mode, why } => (mode.title(), why.as_str()),
                Reason::NotRun { mode } => (mode.title(), ""),
                Reason::OneCore
                | Reason::OneWorker
                | Reason::OneTask
                | Reason::NoOversubscription
                | Reason::CoarseClock
                | Reason::Noisy => ("", ""),
            };
            fill(text, &[("mode", mode), ("why", why)])
        })
        .collect();
    Explanation {
        verdict,
        held,
        prediction,
        numbers,
        meaning,
        reasons,
    }
}

/// The `{names}` in a text, in order.
fn placeholders(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find('{').map(|i| i + from) {
        let Some(close) = text[open..].find('}').map(|i| i + open) else {
            break;
        };
        out.push((open, close));
        from = close + 1;
    }
    out
}

fn render(text: &str, runs: usize, seen: &Observation, extra: &[(&str, &str)]) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut at = 0;
    let mut words = String::new();
    for (open, close) in placeholders(text) {
        words.push_str(&text[at..open]);
        let name = &text[open + 1..close];
        at = close + 1;
        if let Some((_, value)) = extra.iter().find(|(k, _)| *k == name) {
            words.push_str(value);
            continue;
        }
        if !words.is_empty() {
            out.push(Piece::Text(std::mem::take(&mut words)));
        }
        let shown = Name::parse(name, runs)
            .and_then(|n| n.text(seen))
            .unwrap_or_else(|| "–".to_owned());
        out.push(Piece::Number {
            name: name.to_owned(),
            text: shown,
        });
    }
    words.push_str(&text[at..]);
    if !words.is_empty() {
        out.push(Piece::Text(words));
    }
    out
}

/// The names in a lesson's text that are not quantities, one sentence each.
pub fn unknown_names(text: &str, runs: usize) -> Vec<String> {
    placeholders(text)
        .into_iter()
        .map(|(open, close)| &text[open + 1..close])
        .filter(|name| Name::parse(name, runs).is_none())
        .map(|name| format!("{{{name}}} is not a quantity of a lesson with {runs} run(s)."))
        .collect()
}

/// The names in a shared text (a reason, the prediction) that are not among `allowed`.
pub fn unknown_words(text: &str, allowed: &[&str]) -> Vec<String> {
    placeholders(text)
        .into_iter()
        .map(|(open, close)| &text[open + 1..close])
        .filter(|name| !allowed.contains(name))
        .map(|name| format!("{{{name}}} is not one of {}.", allowed.join(", ")))
        .collect()
}

/// The numbers of an explanation, by name (for tests and views).
pub fn numbers(explanation: &Explanation) -> Vec<(&str, &str)> {
    let all = [
        &explanation.prediction,
        &explanation.numbers,
        &explanation.meaning,
    ];
    all.into_iter()
        .chain(explanation.reasons.iter())
        .flat_map(|pieces| pieces.iter())
        .filter_map(|p| match p {
            Piece::Number { name, text } => Some((name.as_str(), text.as_str())),
            Piece::Text(_) => None,
        })
        .collect()
}
