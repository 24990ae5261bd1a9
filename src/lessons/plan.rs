//! A lesson's settings for each of its runs: the defaults, then the lesson's settings, then the
//! ones a link gives (a student's variation), then each run's own. `workers` may read `cores`
//! or `cores*N`: the cores the browser reports.

use super::Lesson;
use crate::settings::Settings;
use crate::settings::spec::Key;

/// The settings of each run of `lesson` on a machine reporting `cores` cores, with `overrides`
/// (name, value) from the link applied over the lesson's own.
///
/// # Errors
/// A sentence naming the setting that is not accepted, or the settings that do not fit.
pub fn plan(
    lesson: &Lesson,
    overrides: &[(String, String)],
    cores: u32,
) -> Result<Vec<Settings>, String> {
    let base = base(lesson, overrides, cores)?;
    let specs: Vec<_> = if lesson.runs.is_empty() {
        vec![None]
    } else {
        lesson.runs.iter().map(Some).collect()
    };
    let mut out = Vec::with_capacity(specs.len());
    for spec in specs {
        let mut settings = base.clone();
        if let Some(spec) = spec {
            for (name, value) in &spec.settings {
                set(&mut settings, name, value, cores)?;
            }
        }
        if let Some(problem) = settings.check().into_iter().next() {
            return Err(problem.message);
        }
        out.push(settings);
    }
    Ok(out)
}

/// The settings every run of `lesson` starts from: the defaults, the lesson's, then `overrides`
/// (each run then sets its own). This is what the lesson's form shows.
///
/// # Errors
/// A sentence naming the setting that is not accepted.
pub fn base(
    lesson: &Lesson,
    overrides: &[(String, String)],
    cores: u32,
) -> Result<Settings, String> {
    let mut base = Settings::defaults(cores);
    for (name, value) in &lesson.settings {
        set(&mut base, name, value, cores)?;
    }
    for (name, value) in overrides {
        set(&mut base, name, value, cores)?;
    }
    Ok(base)
}

/// The names a lesson fixes for one of its runs, which a link cannot change.
pub fn fixed_by_run(lesson: &Lesson, run: usize) -> Vec<&str> {
    lesson
        .runs
        .get(run)
        .map(|r| r.settings.keys().map(String::as_str).collect())
        .unwrap_or_default()
}

fn set(settings: &mut Settings, name: &str, value: &str, cores: u32) -> Result<(), String> {
    let key = Key::from_name(name).ok_or_else(|| format!("There is no setting named {name:?}."))?;
    let value = resolve(name, value, cores);
    settings.set(key, &value).map_err(|e| e.message)
}

/// `cores` and `cores*N` as a number of workers (at most 64).
fn resolve(name: &str, value: &str, cores: u32) -> String {
    let value = value.trim();
    if name != "workers" {
        return value.to_owned();
    }
    let factor = match value.strip_prefix("cores") {
        Some("") => 1,
        Some(rest) => match rest
            .strip_prefix('*')
            .and_then(|n| n.trim().parse::<u32>().ok())
        {
            Some(n) => n,
            None => return value.to_owned(),
        },
        None => return value.to_owned(),
    };
    cores.max(1).saturating_mul(factor).min(64).to_string()
}

#[cfg(test)]
mod tests {
    use super::resolve;

    #[test]
    fn workers_follow_the_cores() {
        assert_eq!(resolve("workers", "cores", 4), "4");
        assert_eq!(resolve("workers", "cores*4", 2), "8");
        assert_eq!(resolve("workers", "cores*4", 32), "64");
        assert_eq!(resolve("workers", "3", 2), "3");
        assert_eq!(
            resolve("workers", "cores*x", 2),
            "cores*x",
            "left to be refused"
        );
        assert_eq!(resolve("tasks", "cores", 2), "cores");
    }
}
