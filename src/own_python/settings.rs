//! The Python lab's settings and link (`lab=python&v=1&...`): which modes, how many tasks and
//! worker processes, the time limit, the template and the code. Every value is read by the
//! main settings' parsers (`settings::accepts`, one [`Accepts`] per [`PyKey`]), and a wrong one
//! gives the same sentence, naming it, as the main lab's settings do.

use super::code_link;
use super::templates::{self, Template};
use crate::settings::accepts::Accepts;
use crate::settings::query::{Notice, default_used};

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
    /// Every mode's name, in the same order.
    pub const NAMES: [&'static str; 3] = ["sequential", "processes", "coroutines"];

    /// Its name in links and exports.
    pub fn name(self) -> &'static str {
        match self {
            PyMode::Sequential => Self::NAMES[0],
            PyMode::Processes => Self::NAMES[1],
            PyMode::Coroutines => Self::NAMES[2],
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

    /// A setting's value as the form and links show it.
    pub fn get(&self, key: PyKey) -> String {
        key.spec().accepts.format(self)
    }

    /// Sets a setting from text, through the main settings' parsers
    /// ([`Accepts::set_named`]).
    ///
    /// # Errors
    /// The sentence naming the setting and what it accepts; the settings are unchanged.
    pub fn set(&mut self, key: PyKey, text: &str) -> Result<(), String> {
        key.spec().accepts.set_named(key.name(), self, text)
    }
}

/// A setting of the Python lab, in the form's and the link's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PyKey {
    /// Which modes run.
    Modes,
    /// How many tasks.
    Tasks,
    /// How many worker processes.
    Workers,
    /// The time limit of a mode, s.
    TimeLimit,
}

/// One setting's row: its label, unit, what it accepts (with its field) and its meaning.
#[derive(Clone, Copy, Debug)]
pub struct PySpec {
    /// The label next to the field.
    pub label: &'static str,
    /// The unit of the value, or "" when it has none.
    pub unit: &'static str,
    /// What text it accepts, and its field of [`PySettings`].
    pub accepts: Accepts<PySettings>,
    /// A one-line meaning, shown under the field.
    pub meaning: &'static str,
}

impl PyKey {
    /// Every setting, in the form's order.
    pub const ALL: [PyKey; 4] = [PyKey::Modes, PyKey::Tasks, PyKey::Workers, PyKey::TimeLimit];

    /// Its one name, in the form (`field-<name>`) and links.
    pub fn name(self) -> &'static str {
        match self {
            PyKey::Modes => "modes",
            PyKey::Tasks => "tasks",
            PyKey::Workers => "workers",
            PyKey::TimeLimit => "time_limit",
        }
    }

    /// The setting of this name.
    pub fn from_name(name: &str) -> Option<Self> {
        PyKey::ALL.into_iter().find(|k| k.name() == name)
    }

    /// Its row.
    pub fn spec(self) -> PySpec {
        match self {
            PyKey::Modes => PySpec {
                label: "Modes",
                unit: "",
                accepts: Accepts::Modes {
                    names: &PyMode::NAMES,
                    get: |s| s.modes.iter().map(|m| m.name()).collect(),
                    set: |s, names| {
                        s.modes = PyMode::ALL
                            .into_iter()
                            .filter(|m| names.contains(&m.name()))
                            .collect();
                    },
                },
                meaning: "the modes to run and compare",
            },
            PyKey::Tasks => PySpec {
                label: "Tasks",
                unit: "",
                accepts: Accepts::Whole {
                    min: 1,
                    max: MAX_TASKS,
                    get: |s| s.tasks,
                    set: |s, v| s.tasks = v,
                },
                meaning: "task(i, n) runs for i = 0 … n-1",
            },
            PyKey::Workers => PySpec {
                label: "Worker processes",
                unit: "",
                accepts: Accepts::Whole {
                    min: 1,
                    max: MAX_WORKERS,
                    get: |s| s.workers,
                    set: |s, v| s.workers = v,
                },
                meaning: "for Processes; each holds its own interpreter",
            },
            PyKey::TimeLimit => PySpec {
                label: "Time limit",
                unit: "s",
                accepts: Accepts::Whole {
                    min: 1,
                    max: MAX_TIME_LIMIT_S,
                    get: |s| s.time_limit_s,
                    set: |s, v| s.time_limit_s = v,
                },
                meaning: "a mode still running after this (start-up included) is ended",
            },
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
        if let Some(key) = PyKey::from_name(name) {
            if let Err(error) = settings.set(key, value) {
                let mut message = default_used(&error, &settings.get(key));
                if key == PyKey::Modes && value.contains("threads") {
                    message.push_str(THREADS_REFUSED);
                }
                notice(message);
            }
            continue;
        }
        match name {
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
            // The program form's: `program_lab::read_program_link` reads them.
            "program" | "form" => {}
            _ if PAGE_NAMES.contains(&name) => {}
            _ => notice(format!(
                "{shown}: the Python lab has no setting of this name; it is ignored."
            )),
        }
    }
    link.settings = settings;
    link
}

/// Why a link's `threads` mode is not run.
const THREADS_REFUSED: &str =
    " Python code cannot run on threads here: the default Pyodide build has no threads.";

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
    for key in PyKey::ALL {
        query.append_pair(key.name(), &settings.get(key));
    }
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

/// Why the link carries the settings only, when the code is too long for it.
pub const TOO_LONG_FOR_LINK: &str = "The code is too long for a link: download it (Download code) and share the file; the link carries the settings only.";

/// The lab's link for `settings` and the code: its query, and the code's place in it (`Ok`) or
/// why it carries none. `compressed` is the code as the browser compressed it, or `None` when
/// the code is `template`'s, which the link names instead.
pub fn lab_link(
    settings: &PySettings,
    template: Option<&Template>,
    compressed: Option<Result<Vec<u8>, String>>,
) -> (String, Result<(), String>) {
    let value = match compressed {
        None => Ok(None),
        Some(Ok(bytes)) => code_link::encode(&bytes)
            .map(Some)
            .ok_or_else(|| TOO_LONG_FOR_LINK.to_owned()),
        Some(Err(error)) => Err(format!(
            "The code could not be compressed for a link: {error}"
        )),
    };
    let code = value.as_ref().ok().and_then(Option::as_deref);
    let query = link_query(settings, template, code, false);
    (query, value.map(|_| ()))
}
