//! The Python lab's state and rules, in one value changed only by [`PyLabState::apply`], as
//! `app::AppState::apply` is for the main lab: the settings as typed and as parsed, the code
//! and where it came from, the notices, the run in progress and its result. Plain Rust; the
//! view (`ui::python`) renders it and dispatches [`PyLabAction`]s, its runner drives the
//! interpreters (`web::python_workers`) and reports each mode's [`Ending`].

use super::code_link;
use super::record::{FORMAT, PyModeRecord, PyRunRecord};
use super::settings::{PyKey, PyLink, PyMode, PySettings};
use super::templates::{TEMPLATES, Template, default_template, template};
use crate::settings::query::Notice;
use std::collections::BTreeMap;
use std::rc::Rc;

/// How a mode's run ended, besides its log.
#[derive(Clone, Debug, PartialEq)]
pub enum Ending {
    /// Every task ended (some may have raised).
    Finished,
    /// The code did not define (the traceback): no mode can run it.
    CodeFailed(String),
    /// Cancelled by the student.
    Cancelled,
    /// Ended at the time limit.
    TimedOut,
    /// A worker failed outside Python.
    Broken(String),
}

impl Ending {
    /// Whether no later mode runs after a mode that ended so.
    pub fn ends_run(&self) -> bool {
        matches!(
            self,
            Ending::CodeFailed(_) | Ending::Cancelled | Ending::TimedOut
        )
    }
}

/// What a run works on, taken when it starts: later edits do not change it.
#[derive(Clone, Debug, PartialEq)]
pub struct RunRequest {
    /// The settings.
    pub settings: PySettings,
    /// The code.
    pub code: String,
}

/// The run in progress.
#[derive(Clone, Debug, PartialEq)]
pub struct Running {
    /// What it runs.
    pub request: RunRequest,
    /// The sentence the page says when it ends, if a mode stopped it.
    pub ended: Option<String>,
}

/// What the page says when the code did not define.
pub const CODE_FAILED: &str =
    "Your code did not run: its traceback is under the editor. Nothing was timed.";
/// What the page says when a run ended with every mode.
pub const DONE: &str = "Done.";
/// What the page says when a file's code replaced the editor's.
pub const FILE_OPENED: &str = "The file's code is in the editor.";
/// Why the lab never follows `run=1`.
pub const NEVER_RUNS_BY_ITSELF: &str =
    "run: the Python lab never runs code by itself; press Run when you have read it.";

/// Everything the Python lab shows and allows. Changed only by [`PyLabState::apply`].
#[derive(Clone, Debug, PartialEq)]
pub struct PyLabState {
    /// The cores the browser reports (the record names them).
    pub cores: u32,
    /// The last valid settings.
    pub settings: PySettings,
    /// What each field holds, as typed (the modes as their names, comma-separated).
    pub fields: BTreeMap<PyKey, String>,
    /// The sentence next to each field that holds something invalid.
    pub errors: BTreeMap<PyKey, String>,
    /// The code in the editor.
    pub code: String,
    /// Changes whenever the state replaces the editor's code (a template, a file, a link's
    /// code); an edit in the editor does not change it.
    pub generation: u32,
    /// The template the select shows.
    pub chosen_template: &'static str,
    /// Notices about the link the page was opened with.
    pub notices: Vec<Notice>,
    /// The link's code, compressed, until the browser has unpacked it.
    pub unpacking: Option<Vec<u8>>,
    /// What the run is doing now.
    pub status: Option<String>,
    /// The sentence under the buttons: how the last run, or the last file, went.
    pub message: Option<String>,
    /// The traceback of code that did not define.
    pub code_error: Option<String>,
    /// The modes finished so far in the run going on.
    pub partial: Vec<PyModeRecord>,
    /// The last run's record.
    pub finished: Option<Rc<PyRunRecord>>,
    /// The run going on, if one is.
    pub running: Option<Running>,
    /// The link to this code and these settings (for Copy link), or why there is none.
    pub link: Option<Result<String, String>>,
}

/// Everything that changes the state.
#[derive(Clone, Debug, PartialEq)]
pub enum PyLabAction {
    /// A field was edited.
    Edit(PyKey, String),
    /// A mode's checkbox was switched on (true) or off.
    ToggleMode(PyMode, bool),
    /// A template was chosen in the select (by its id).
    ChooseTemplate(String),
    /// The chosen template replaces the code.
    LoadTemplate,
    /// The student edited the code.
    CodeEdited(String),
    /// The browser unpacked the link's code, or said why it could not.
    LinkCodeUnpacked(Result<String, String>),
    /// A file's text was read, or why not.
    FileOpened(Result<String, String>),
    /// The link to the code and settings was made (its address), or why it carries no code.
    LinkMade(Result<String, String>),
    /// Run was pressed.
    RunStarted,
    /// What the run is doing now.
    Progress(String),
    /// A mode ended so, with its record.
    ModeFinished(PyModeRecord, Ending),
    /// The run ended; the interpreter's version, if one started.
    RunEnded {
        /// `sys.version`'s first word.
        python: Option<String>,
    },
}

impl PyLabState {
    /// The state for a link read on a machine reporting `cores` cores; `saved` is the code
    /// kept from the last visit. The code is the link's (once unpacked), else the template it
    /// names, else the saved code, else the default template.
    pub fn new(link: PyLink, saved: Option<String>, cores: u32) -> Self {
        let mut notices = link.notices;
        if link.asked_to_run {
            notices.push(Notice {
                setting: "run".to_owned(),
                message: NEVER_RUNS_BY_ITSELF.to_owned(),
            });
        }
        let code = if link.code.is_some() {
            String::new()
        } else if let Some(t) = link.template {
            t.code.to_owned()
        } else {
            saved
                .filter(|c| !c.trim().is_empty())
                .unwrap_or_else(|| default_template().code.to_owned())
        };
        let fields = PyKey::ALL
            .into_iter()
            .map(|key| (key, link.settings.get(key)))
            .collect();
        PyLabState {
            cores,
            settings: link.settings,
            fields,
            errors: BTreeMap::new(),
            code,
            generation: 0,
            chosen_template: link.template.unwrap_or_else(default_template).id,
            notices,
            unpacking: link.code,
            status: None,
            message: None,
            code_error: None,
            partial: Vec::new(),
            finished: None,
            running: None,
            link: None,
        }
    }

    /// Changes the state as `action` says.
    pub fn apply(&mut self, action: PyLabAction) {
        match action {
            PyLabAction::Edit(key, text) => {
                self.fields.insert(key, text);
                self.validate();
            }
            PyLabAction::ToggleMode(mode, on) => {
                let names: Vec<&str> = PyMode::ALL
                    .into_iter()
                    .filter(|&m| if m == mode { on } else { self.mode_checked(m) })
                    .map(PyMode::name)
                    .collect();
                self.apply(PyLabAction::Edit(PyKey::Modes, names.join(",")));
            }
            PyLabAction::ChooseTemplate(id) => {
                if let Some(t) = template(&id) {
                    self.chosen_template = t.id;
                }
            }
            PyLabAction::LoadTemplate => {
                if let Some(t) = template(self.chosen_template) {
                    self.replace_code(t.code.to_owned());
                }
            }
            PyLabAction::CodeEdited(text) => self.code = text,
            PyLabAction::LinkCodeUnpacked(read) => self.link_code_unpacked(read),
            PyLabAction::FileOpened(read) => {
                match read.and_then(|text| code_link::check_code(&text).map(|()| text)) {
                    Ok(text) => {
                        self.replace_code(text);
                        self.message = Some(FILE_OPENED.to_owned());
                    }
                    Err(error) => self.message = Some(error),
                }
            }
            PyLabAction::LinkMade(link) => self.link = Some(link),
            PyLabAction::RunStarted => match self.run_request() {
                Ok(request) => {
                    self.running = Some(Running {
                        request,
                        ended: None,
                    });
                    self.message = None;
                    self.code_error = None;
                    self.finished = None;
                    self.partial.clear();
                }
                Err(why) => self.message = Some(why),
            },
            PyLabAction::Progress(text) => {
                if self.running.is_some() {
                    self.status = Some(text);
                }
            }
            PyLabAction::ModeFinished(record, ending) => self.mode_finished(record, ending),
            PyLabAction::RunEnded { python } => self.run_ended(python),
        }
    }

    /// What Run would run now, or why it cannot.
    ///
    /// # Errors
    /// The sentence the page says instead of running.
    pub fn run_request(&self) -> Result<RunRequest, String> {
        if self.running.is_some() {
            return Err("A run is going on; cancel it first.".to_owned());
        }
        if self.unpacking.is_some() {
            return Err("The link's code is still being unpacked; press Run again.".to_owned());
        }
        if !self.errors.is_empty() {
            return Err("A setting is not valid (see the form); nothing was run.".to_owned());
        }
        code_link::check_code(&self.code)?;
        Ok(RunRequest {
            settings: self.settings.clone(),
            code: self.code.clone(),
        })
    }

    /// Whether Run is enabled.
    pub fn can_run(&self) -> bool {
        self.running.is_none() && self.unpacking.is_none() && self.errors.is_empty()
    }

    /// Whether a mode's checkbox is on.
    pub fn mode_checked(&self, mode: PyMode) -> bool {
        self.fields
            .get(&PyKey::Modes)
            .is_some_and(|text| text.split(',').any(|n| n.trim() == mode.name()))
    }

    /// The code to keep for the next visit (none while the link's code is unpacked: the editor
    /// is empty then).
    pub fn code_to_keep(&self) -> Option<&str> {
        self.unpacking.is_none().then_some(self.code.as_str())
    }

    /// The template whose code the editor holds, if it holds one's: the link names it instead
    /// of carrying the code.
    pub fn code_template(&self) -> Option<&'static Template> {
        TEMPLATES.iter().find(|t| t.code == self.code)
    }

    fn replace_code(&mut self, code: String) {
        self.code = code;
        self.generation += 1;
    }

    fn validate(&mut self) {
        self.errors.clear();
        let mut settings = self.settings.clone();
        for (&key, text) in &self.fields {
            if let Err(error) = settings.set(key, text) {
                self.errors.insert(key, error);
            }
        }
        if self.errors.is_empty() {
            self.settings = settings;
        }
    }

    /// The link's code, unpacked: shown if it is code this page takes, else the default
    /// template with a notice naming `code`.
    fn link_code_unpacked(&mut self, read: Result<String, String>) {
        self.unpacking = None;
        let checked = match read {
            Ok(text) => code_link::check_code(&text)
                .map(|()| text)
                .map_err(|e| format!("code: {e} The template is shown instead.")),
            Err(why) => Err(format!(
                "code: the link's code could not be unpacked ({why}); the template is shown instead."
            )),
        };
        match checked {
            Ok(text) => self.replace_code(text),
            Err(message) => {
                self.notices.push(Notice {
                    setting: "code".to_owned(),
                    message,
                });
                let shown = default_template();
                self.chosen_template = shown.id;
                self.replace_code(shown.code.to_owned());
            }
        }
    }

    /// A mode ended: its record (marked with why it did not finish) joins the run's, and a
    /// mode that stops the run says why.
    fn mode_finished(&mut self, mut record: PyModeRecord, ending: Ending) {
        let Some(run) = &mut self.running else {
            return;
        };
        let limit = run.request.settings.time_limit_s;
        match ending {
            Ending::Finished => {}
            Ending::CodeFailed(traceback) => {
                self.code_error = Some(traceback);
                run.ended = Some(CODE_FAILED.to_owned());
                return;
            }
            Ending::Cancelled => {
                record.failure = Some("cancelled; its workers were ended.".to_owned());
                run.ended = Some("Cancelled: the running interpreters were ended.".to_owned());
            }
            Ending::TimedOut => {
                record.failure = Some(format!(
                    "still running after the time limit of {limit} s, so its workers were ended (is there an endless loop?)."
                ));
                run.ended = Some(format!("Stopped at the time limit of {limit} s."));
            }
            Ending::Broken(error) => record.failure = Some(error),
        }
        self.partial.push(record);
    }

    /// The run ended: its modes' records become the run's record (if any mode ran).
    fn run_ended(&mut self, python: Option<String>) {
        let Some(run) = self.running.take() else {
            return;
        };
        let modes = std::mem::take(&mut self.partial);
        if !modes.is_empty() {
            self.finished = Some(Rc::new(PyRunRecord {
                format: FORMAT.to_owned(),
                version: 1,
                python: python.unwrap_or_default(),
                cores: self.cores,
                settings: run.request.settings,
                code: run.request.code,
                modes,
            }));
        }
        self.status = None;
        self.message = Some(run.ended.unwrap_or_else(|| DONE.to_owned()));
    }
}
