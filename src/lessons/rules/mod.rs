//! The rules that decide, from the record, whether a run showed what the lecture says, and if
//! not, why not: a mode that could not run here, one core, one worker, one task, a clock too
//! coarse for the effect, or (when nothing else explains it) a machine busy with other work.
//! Thresholds are generous: the machine is shared and noisy, and a lesson should not call a
//! clear effect a failure.
//!
//! A rule belongs to a family, one file each: one run's speedups ([`speedup`]), runs of one mode
//! compared ([`runs`]), what the timeline shows ([`timeline`]) and the locks lab's experiments
//! ([`lab`]). Every `match` on a rule is exhaustive, so a new rule does not compile until it is
//! checked (and, in the locks lab, until it names its experiment).

pub mod lab;
pub mod runs;
pub mod speedup;
pub mod timeline;

pub use lab::LabRule;
pub use runs::RunsRule;
pub use speedup::SpeedupRule;
pub use timeline::TimelineRule;

use super::observed::Observation;
use super::quantity::Name;
use crate::engine::ModeResult;
use crate::locks::LocksReport;
use crate::settings::{Experiment, Mode, Settings};

/// Why a run did not show what the lecture says.
#[derive(Clone, Debug, PartialEq)]
pub enum Reason {
    /// A mode the lesson needs could not run here (the page's reason).
    Unavailable {
        /// The mode.
        mode: Mode,
        /// Why, as the results table says it.
        why: String,
    },
    /// A mode the lesson needs was not among the modes run.
    NotRun {
        /// The mode.
        mode: Mode,
    },
    /// The browser reports one core.
    OneCore,
    /// The run had one worker.
    OneWorker,
    /// The run had one task.
    OneTask,
    /// No more workers than cores, so nothing had to share a core.
    NoOversubscription,
    /// The clock is too coarse for what should be measured.
    CoarseClock,
    /// Nothing in the settings explains it: other work on the machine, most likely.
    Noisy,
}

impl Reason {
    /// Every reason's key in the lessons file.
    pub const KEYS: &'static [&'static str] = &[
        "unavailable",
        "not_run",
        "one_core",
        "one_worker",
        "one_task",
        "no_oversubscription",
        "coarse_clock",
        "noisy",
    ];

    /// This reason's key.
    pub fn key(&self) -> &'static str {
        match self {
            Reason::Unavailable { .. } => "unavailable",
            Reason::NotRun { .. } => "not_run",
            Reason::OneCore => "one_core",
            Reason::OneWorker => "one_worker",
            Reason::OneTask => "one_task",
            Reason::NoOversubscription => "no_oversubscription",
            Reason::CoarseClock => "coarse_clock",
            Reason::Noisy => "noisy",
        }
    }

    /// Whether a key names a reason.
    pub fn from_key(key: &str) -> Option<&'static str> {
        Self::KEYS.iter().copied().find(|k| *k == key)
    }
}

/// Whether a run showed what the lecture says.
#[derive(Clone, Debug, PartialEq)]
pub struct Verdict {
    /// It did.
    pub shown: bool,
    /// If not, why not (most telling first).
    pub reasons: Vec<Reason>,
}

impl Verdict {
    fn shown() -> Self {
        Verdict {
            shown: true,
            reasons: vec![],
        }
    }

    fn not(reason: Reason) -> Self {
        Verdict {
            shown: false,
            reasons: vec![reason],
        }
    }
}

/// Defines a family of rules from one row per rule: its variant, its name in the lessons file,
/// and what it says.
macro_rules! rule_family {
    ($(#[$meta:meta])* $family:ident {
        $($variant:ident = $name:literal: $doc:literal),+ $(,)?
    }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum $family {
            $(#[doc = $doc] $variant),+
        }

        impl $family {
            /// Every rule of the family, in the lecture's order.
            pub const ALL: &'static [$family] = &[$($family::$variant),+];

            /// Its name in the lessons file.
            pub fn name(self) -> &'static str {
                match self { $($family::$variant => $name),+ }
            }
        }
    };
}
pub(crate) use rule_family;

/// Defines [`Rule`] from its families, so that every family is listed once.
macro_rules! rules {
    ($($family:ident($rules:ident)),+ $(,)?) => {
        /// A lesson's rule, named in the lessons file: a rule of one family.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Rule {
            $(#[doc = concat!("A rule of [`", stringify!($rules), "`].")] $family($rules)),+
        }

        impl Rule {
            /// Every rule, family by family.
            pub fn all() -> impl Iterator<Item = Rule> {
                std::iter::empty()
                    $(.chain($rules::ALL.iter().map(|&r| Rule::$family(r))))+
            }

            /// Its name in the lessons file.
            pub fn name(self) -> &'static str {
                match self { $(Rule::$family(r) => r.name()),+ }
            }

            /// Decides from what the runs recorded, or says why the runs cannot tell.
            fn check(self, seen: &Observation) -> Result<Verdict, Reason> {
                match self { $(Rule::$family(r) => r.check(seen)),+ }
            }
        }
    };
}

rules! {
    Speedup(SpeedupRule),
    Runs(RunsRule),
    Timeline(TimelineRule),
    Lab(LabRule),
}

impl Rule {
    /// The rule with this name.
    pub fn from_name(name: &str) -> Option<Rule> {
        Rule::all().find(|r| r.name() == name)
    }

    /// The locks lab's experiment this rule judges (`None`: a rule of the main lab's modes).
    pub fn experiment(self) -> Option<Experiment> {
        match self {
            Rule::Lab(rule) => Some(rule.experiment()),
            Rule::Speedup(_) | Rule::Runs(_) | Rule::Timeline(_) => None,
        }
    }

    /// Decides from what the runs recorded.
    pub fn verdict(self, seen: &Observation) -> Verdict {
        match self.check(seen) {
            Ok(v) => v,
            Err(reason) => Verdict::not(reason),
        }
    }
}

/// The lessons file names a rule by its name; an unknown name is refused, saying so.
impl<'de> serde::Deserialize<'de> for Rule {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        Rule::from_name(&name).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "there is no rule named {name:?}; the rules are {}",
                Rule::all().map(Rule::name).collect::<Vec<_>>().join(", ")
            ))
        })
    }
}

/// A quantity's value in these runs, if they have it.
fn value(seen: &Observation, name: impl Into<Name>) -> Option<f64> {
    name.into().value(seen)
}

/// A quantity's value, NaN (which compares false) when the runs do not have it.
fn v(seen: &Observation, name: impl Into<Name>) -> f64 {
    value(seen, name).unwrap_or(f64::NAN)
}

/// Shown if `shown`; else, with nothing else to explain it, a noisy machine.
fn ok(shown: bool) -> Verdict {
    if shown {
        Verdict::shown()
    } else {
        Verdict::not(Reason::Noisy)
    }
}

/// A mode's outcome in run `run`, or why it is missing.
fn need(seen: &Observation, run: usize, mode: Mode) -> Result<&ModeResult, Reason> {
    let outcome = seen.run(run).ok_or(Reason::NotRun { mode })?;
    if let Some(why) = outcome.failure(mode) {
        return Err(Reason::Unavailable {
            mode,
            why: why.to_owned(),
        });
    }
    outcome.mode_run(mode).ok_or(Reason::NotRun { mode })
}

/// What in a mode's settings keeps it from showing parallel work: one core (if cores matter),
/// one worker, one task.
fn structural(seen: &Observation, m: &ModeResult, cores_matter: bool) -> Option<Reason> {
    let s = &m.record.settings;
    if cores_matter && seen.cores <= 1 {
        Some(Reason::OneCore)
    } else if s.workers <= 1 {
        Some(Reason::OneWorker)
    } else if s.tasks <= 1 {
        Some(Reason::OneTask)
    } else {
        None
    }
}

/// The locks lab's report of run 1, or why it is missing: the experiment could not run here
/// (its units' mode failed), or did not run.
fn need_lab(
    seen: &Observation,
    experiment: Experiment,
) -> Result<(&Settings, &LocksReport), Reason> {
    let mode = crate::locks::plan::units_mode(experiment);
    let outcome = seen.run(0).ok_or(Reason::NotRun { mode })?;
    if let Some((mode, why)) = outcome.failures.first() {
        return Err(Reason::Unavailable {
            mode: *mode,
            why: why.clone(),
        });
    }
    let locks = outcome.locks.as_ref().ok_or(Reason::NotRun { mode })?;
    Ok((&locks.0, &locks.1))
}
