//! The Python lab's settings and link (`lab=python&v=1&...`): which modes, how many tasks and
//! worker processes, the time limit, the template and the code. Every value is checked, and a
//! wrong one gives a notice naming it, as the main lab's settings do.

use super::code_link;
use super::templates::{self, Template};
use crate::settings::query::Notice;

/// A mode that real Python runs in a browser.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PyMode {
    /// One interpreter runs task 0, then 1, … n-1.
    Sequential,
    /// k workers, each with its own interpreter, as `multiprocessing` has.
    Processes,
    /// One interpreter runs every `task_async` on its event loop.
    Coroutines,
}

impl PyMode {
    /// Every mode, in the table's order.
    pub const ALL: [PyMode; 3] = [PyMode::Sequential, PyMode::Processes, PyMode::Coroutines];

    /// Its name in links and exports.
    pub fn name(self) -> &'static str {
        match self {
            PyMode::Sequential => "sequential",
            PyMode::Processes => "processes",
            PyMode::Coroutines => "coroutines",
        }
    }

    /// Its name on the page.
    pub fn label(self) -> &'static str {
        match self {
            PyMode::Sequential => "Sequential",
            PyMode::Processes => "Processes",
            PyMode::Coroutines => "Coroutines (asyncio)",
        }
    }

    /// What one lane of its timeline is.
    pub fn lane_unit(self) -> &'static str {
        match self {
            PyMode::Coroutines => "interpreter and coroutine",
            _ => "interpreter",
        }
    }

    fn from_name(name: &str) -> Option<Self> {
        PyMode::ALL.into_iter().find(|m| m.name() == name)
    }
}

/// The most tasks.
pub const MAX_TASKS: u32 = 64;
/// The most worker processes: each holds its own interpreter (tens of MB).
pub const MAX_WORKERS: u32 = 8;
/// The longest time limit, s.
pub const MAX_TIME_LIMIT_S: u32 = 600;

/// The lab's settings. They sit inside the run's downloaded file ([`super::record::PyRunRecord`]):
/// a field the text lacks takes its default, so that a file written before a setting existed
/// still reads.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct PySettings {
    /// The modes to run, in the table's order.
    pub modes: Vec<PyMode>,
    /// How many tasks: `task(i, n)` for i in 0..n.
    pub tasks: u32,
    /// How many worker processes the Processes mode starts.
    pub workers: u32,
    /// A mode still running after this many seconds is ended.
    pub time_limit_s: u32,
}

/// The defaults on one core: the same on every machine, so that a file read here is not given
/// this machine's cores.
impl Default for PySettings {
    fn default() -> Self {
        PySettings::defaults(1)
    }
}

impl PySettings {
    /// The defaults on a machine reporting `cores` cores.
    pub fn defaults(cores: u32) -> Self {
        PySettings {
            modes: PyMode::ALL.to_vec(),
            tasks: 4,
            workers: cores.clamp(2, 4),
            time_limit_s: 60,
        }
    }
}

/// What a Python lab link asks for.
#[derive(Clone, Debug, PartialEq)]
pub struct PyLink {
    /// The settings, checked.
    pub settings: PySettings,
    /// The template it names, if it names one.
    pub template: Option<&'static Template>,
    /// The compressed code it carries (see [`code_link`]), if it carries readable code.
    pub code: Option<Vec<u8>>,
    /// Whether it asked to run by itself (`run=1`), which the lab never does.
    pub asked_to_run: bool,
    /// What was wrong in it, one notice per setting.
    pub notices: Vec<Notice>,
}

/// Names of the query that belong to the page, not to this lab's settings.
const PAGE_NAMES: [&str; 4] = ["lab", "v", "embed", "fault"];

/// Reads a query (with or without its `?`) on a machine reporting `cores` cores.
pub fn read_link(query: &str, cores: u32) -> PyLink {
    let query = query.strip_prefix('?').unwrap_or(query);
    let mut settings = PySettings::defaults(cores);
    let mut link = PyLink {
        settings: settings.clone(),
        template: None,
        code: None,
        asked_to_run: false,
        notices: Vec::new(),
    };
    let mut seen: Vec<String> = Vec::new();
    for (name, value) in form_urlencoded::parse(query.as_bytes()) {
        let name = name.trim();
        let value = value.trim();
        let shown: String = name.chars().take(40).collect();
        let mut notice = |message: String| {
            link.notices.push(Notice {
                setting: shown.clone(),
                message,
            });
        };
        if seen.iter().any(|s| s == name) && !PAGE_NAMES.contains(&name) {
            notice(format!("{shown}: given more than once; the first is used."));
            continue;
        }
        seen.push(name.to_owned());
        match name {
            "tasks" => match whole(value, 1, MAX_TASKS) {
                Ok(n) => settings.tasks = n,
                Err(why) => notice(format!("tasks: {why}; {} is used.", settings.tasks)),
            },
            "workers" => match whole(value, 1, MAX_WORKERS) {
                Ok(n) => settings.workers = n,
                Err(why) => notice(format!("workers: {why}; {} is used.", settings.workers)),
            },
            "time_limit" => match whole(value, 1, MAX_TIME_LIMIT_S) {
                Ok(n) => settings.time_limit_s = n,
                Err(why) => notice(format!(
                    "time_limit: {why}; {} s is used.",
                    settings.time_limit_s
                )),
            },
            "modes" => match read_modes(value) {
                Ok(modes) => settings.modes = modes,
                Err(why) => notice(format!("modes: {why}")),
            },
            "template" => match templates::template(value) {
                Some(t) => link.template = Some(t),
                None => notice(format!(
                    "template: there is no template {:?}; it takes {}.",
                    value.chars().take(40).collect::<String>(),
                    templates::TEMPLATES.map(|t| t.id).join(", ")
                )),
            },
            "code" => match code_link::decode(value) {
                Ok(bytes) => link.code = Some(bytes),
                Err(why) => notice(why),
            },
            "run" => link.asked_to_run = value == "1",
            _ if PAGE_NAMES.contains(&name) => {}
            _ => notice(format!(
                "{shown}: the Python lab has no setting of this name; it is ignored."
            )),
        }
    }
    link.settings = settings;
    link
}

fn whole(text: &str, min: u32, max: u32) -> Result<u32, String> {
    let shown: String = text.chars().take(24).collect();
    match text.parse::<u64>() {
        Ok(n) if (u64::from(min)..=u64::from(max)).contains(&n) => {
            Ok(u32::try_from(n).unwrap_or(max))
        }
        Ok(_) => Err(format!("{shown:?} is outside {min} to {max}")),
        Err(_) if text.is_empty() => Err("no value was given".to_owned()),
        Err(_) => Err(format!(
            "{shown:?} is not a whole number from {min} to {max}"
        )),
    }
}

fn read_modes(text: &str) -> Result<Vec<PyMode>, String> {
    let mut modes = Vec::new();
    for name in text.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        match PyMode::from_name(name) {
            Some(mode) if !modes.contains(&mode) => modes.push(mode),
            Some(_) => {}
            None if name.starts_with("threads") => {
                return Err(format!(
                    "{name:?}: Python code cannot run on threads here (the default Pyodide build has no threads); the modes are left as they were."
                ));
            }
            None => {
                return Err(format!(
                    "{:?} is not a mode of the Python lab (sequential, processes, coroutines); the modes are left as they were.",
                    name.chars().take(24).collect::<String>()
                ));
            }
        }
    }
    if modes.is_empty() {
        return Err("no mode was given; the modes are left as they were.".to_owned());
    }
    modes.sort_by_key(|m| PyMode::ALL.iter().position(|x| x == m));
    Ok(modes)
}

/// The lab's link query for these settings: the template's name when the code is the
/// template's, or the encoded code (`code_value`) when it fits in a link.
pub fn link_query(
    settings: &PySettings,
    template: Option<&Template>,
    code_value: Option<&str>,
    embed: bool,
) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    query.append_pair("lab", "python").append_pair("v", "1");
    query.append_pair(
        "modes",
        &settings
            .modes
            .iter()
            .map(|m| m.name())
            .collect::<Vec<_>>()
            .join(","),
    );
    query.append_pair("tasks", &settings.tasks.to_string());
    query.append_pair("workers", &settings.workers.to_string());
    query.append_pair("time_limit", &settings.time_limit_s.to_string());
    if let Some(t) = template {
        query.append_pair("template", t.id);
    } else if let Some(code) = code_value {
        query.append_pair("code", code);
    }
    if embed {
        query.append_pair("embed", "1");
    }
    query.finish()
}

/// The setting `name` of the form set to `text`, checked as a link's value is.
///
/// # Errors
/// A sentence naming the setting and its range; `settings` is left as it was.
pub fn edit(settings: &mut PySettings, name: &str, text: &str) -> Result<(), String> {
    let text = text.trim();
    match name {
        "tasks" => {
            settings.tasks = whole(text, 1, MAX_TASKS).map_err(|e| format!("Tasks: {e}."))?
        }
        "workers" => {
            settings.workers =
                whole(text, 1, MAX_WORKERS).map_err(|e| format!("Worker processes: {e}."))?;
        }
        "time_limit" => {
            settings.time_limit_s = whole(text, 1, MAX_TIME_LIMIT_S)
                .map_err(|e| format!("Time limit: {e} seconds."))?;
        }
        "modes" => settings.modes = read_modes(text).map_err(|e| format!("Modes: {e}"))?,
        _ => return Err(format!("There is no setting {name:?}.")),
    }
    Ok(())
}
