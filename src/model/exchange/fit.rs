//! Which runs may sit side by side: those that did the same work (the workload, the tasks and
//! every setting of that workload, the seed too). How they ran (modes, workers, the GIL's
//! settings, yields, the main thread) may differ from one machine to another; those
//! differences are listed beside the two runs, not refused.

use super::{ImportError, SharedRun};
use crate::settings::spec::Scope;
use crate::settings::{Key, Settings};

/// The settings that decide the work (and so the result), for this workload.
fn work_keys(settings: &Settings) -> impl Iterator<Item = Key> + '_ {
    Key::ALL.iter().copied().filter(|&k| {
        let spec = k.spec();
        matches!(spec.scope, Scope::General | Scope::Workloads(_))
            && spec.scope.matters_to(settings.workload)
            && k != Key::Modes
    })
}

/// "limit 3000000 there, 2000000 here" for each key where the two differ.
fn differences(theirs: &Settings, ours: &Settings, keys: impl Iterator<Item = Key>) -> Vec<String> {
    keys.filter(|&k| theirs.get(k) != ours.get(k))
        .map(|k| format!("{} {} there, {} here", k.name(), theirs.get(k), ours.get(k)))
        .collect()
}

/// Checks that `run` did the same work as `ours` (the current run's settings, or the form's
/// before any run).
pub fn admit(run: &SharedRun, ours: &Settings) -> Result<(), ImportError> {
    let keys: Vec<Key> = if run.settings.workload == ours.workload {
        work_keys(ours).collect()
    } else {
        vec![Key::Workload]
    };
    let differ = differences(&run.settings, ours, keys.into_iter());
    if differ.is_empty() {
        return Ok(());
    }
    Err(ImportError(format!(
        "That run did other work ({}): set the same here and run, or ask for a run of these settings.",
        differ.join("; ")
    )))
}

/// Whether two settings do the same work.
pub fn same_work(theirs: &Settings, ours: &Settings) -> bool {
    theirs.workload == ours.workload && work_keys(ours).all(|k| theirs.get(k) == ours.get(k))
}

/// How the two runs differ in the way they ran (workers, the GIL, yields...), for people.
pub fn how_they_differ(theirs: &Settings, ours: &Settings) -> Vec<String> {
    let keys = Key::ALL.iter().copied().filter(|&k| {
        matches!(k.spec().scope, Scope::Modes(_) | Scope::Gil(_))
            && (k.spec().scope.changes(&theirs.modes, theirs.gil)
                || k.spec().scope.changes(&ours.modes, ours.gil))
    });
    differences(theirs, ours, keys)
}
