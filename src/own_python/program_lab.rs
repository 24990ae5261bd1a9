//! The program form of the Python lab: its state and rules in one value changed only by
//! [`ProgramLab::apply`]. The program's files (one shown in the editor), its main file and its
//! arguments as typed, the template picker, the link's program until the browser has unpacked
//! it, the run going on with its terminal, and the last run's record. Plain Rust; the view
//! (`ui::python::program`) renders it and its runner (`web::python_program`) runs it.

use super::processes::Processes;
use super::program::{MAX_FILES, Program};
use super::program_inputs::DEFAULT_TIME_LIMIT_S;
use super::program_protocol::Stream;
use super::program_record::{Chunk, Ending, ProgramRecord};
use super::program_templates::{PROGRAM_TEMPLATES, ProgramTemplate, program_template};
use super::terminal::Terminal;
use crate::settings::query::Notice;
use std::rc::Rc;

/// The run going on.
#[derive(Clone, Debug, PartialEq)]
pub struct ProgramRun {
    /// What it runs (later edits do not change it).
    pub program: Program,
    /// When Run was pressed (ms, the page's clock).
    pub pressed: f64,
    /// Its processes, the main one first.
    pub processes: Processes,
    /// The interpreter's version, once one is ready.
    pub python: Option<String>,
    /// Whether `time.sleep` blocks without spinning, once an interpreter is ready.
    pub sleep_blocks: Option<bool>,
    /// The main process's queues, once it has ended.
    pub queues: Vec<(u64, u64, u64)>,
    /// Every write so far.
    pub output: Vec<Chunk>,
}

/// Everything the program form shows and allows.
#[derive(Clone, Debug, PartialEq)]
pub struct ProgramLab {
    /// The cores the browser reports.
    pub cores: u32,
    /// The program: its files, main file and arguments (the last valid ones).
    pub program: Program,
    /// The arguments as typed.
    pub args: String,
    /// Why the arguments as typed do not split, if they do not.
    pub args_error: Option<String>,
    /// The time limit as typed, its last valid value (s), and why the text is not one.
    pub limit: String,
    /// See `limit`.
    pub limit_s: u32,
    /// See `limit`.
    pub limit_error: Option<String>,
    /// The file in the editor.
    pub shown: String,
    /// Changes whenever the state replaces the editor's text.
    pub generation: u32,
    /// The template the picker shows.
    pub chosen_template: &'static str,
    /// Notices about the link the page was opened with.
    pub notices: Vec<Notice>,
    /// The link's program, compressed, until the browser has unpacked it.
    pub unpacking: Option<Vec<u8>>,
    /// The sentence under the buttons.
    pub message: Option<String>,
    /// The run going on.
    pub running: Option<ProgramRun>,
    /// What the terminal shows: the run going on's output, or the last run's.
    pub terminal: Terminal,
    /// The last run's record.
    pub last: Option<Rc<ProgramRecord>>,
    /// The link to this program (for Copy link), or why there is none.
    pub link: Option<Result<String, String>>,
}

/// Everything that changes the program form.
#[derive(Clone, Debug, PartialEq)]
pub enum ProgramAction {
    /// Show this file in the editor.
    Show(String),
    /// The shown file was edited.
    Edit(String),
    /// Add an empty file of this name and show it.
    AddFile(String),
    /// Remove the shown file.
    RemoveShown,
    /// Make the shown file the main one.
    MakeMain,
    /// The arguments were edited.
    EditArgs(String),
    /// The time limit was edited.
    EditLimit(String),
    /// A template was chosen in the picker.
    ChooseTemplate(String),
    /// The chosen template replaces the program.
    LoadTemplate,
    /// Files were opened (name and text each), or why not: a program's JSON replaces the
    /// program; `.py` files join it (replacing those of the same name).
    FilesOpened(Result<Vec<(String, String)>, String>),
    /// The browser unpacked the link's program, or said why not.
    LinkUnpacked(Result<String, String>),
    /// The link to the program was made, or why it carries none.
    LinkMade(Result<String, String>),
    /// Run was pressed at this time.
    RunStarted(f64),
    /// Process `pid`'s interpreter is ready at this time: its version, whether sleep blocks.
    Ready(u32, f64, String, bool),
    /// A child was asked for: pid, parent, name, daemonic, when.
    Spawned(u32, u32, String, bool, f64),
    /// A child ended by itself: pid, exit code, when it began, when it ended.
    Exited(u32, i32, f64, f64),
    /// A process said what it waited on: pid, its waits, how many it dropped.
    Waited(u32, Vec<(String, f64, f64)>, u64),
    /// The main process's queues: id, items ever put, bytes ever put.
    Queues(Vec<(u64, u64, u64)>),
    /// A child was ended from outside: pid, when, exit code, why.
    EndedFromOutside(u32, f64, i32, String),
    /// The program wrote these, in order.
    Out(Vec<Chunk>),
    /// The run ended so.
    Ended(Ending),
}

impl ProgramLab {
    /// The form for a program from a link (`unpacking`, compressed), else the saved one, else
    /// the default template.
    pub fn new(
        unpacking: Option<Vec<u8>>,
        saved: Option<Program>,
        notices: Vec<Notice>,
        cores: u32,
    ) -> Self {
        let program = saved.unwrap_or_else(|| PROGRAM_TEMPLATES[0].program());
        ProgramLab {
            cores,
            args: shell_words::join(&program.argv),
            args_error: None,
            limit: DEFAULT_TIME_LIMIT_S.to_string(),
            limit_s: DEFAULT_TIME_LIMIT_S,
            limit_error: None,
            shown: program.main.clone(),
            program,
            generation: 0,
            chosen_template: PROGRAM_TEMPLATES[0].id,
            notices,
            unpacking,
            message: None,
            running: None,
            terminal: Terminal::new(),
            last: None,
            link: None,
        }
    }

    /// Changes the state as `action` says.
    pub fn apply(&mut self, action: ProgramAction) {
        match action {
            ProgramAction::Show(name) => {
                if self.program.files.contains_key(&name) {
                    self.shown = name;
                    self.generation += 1;
                }
            }
            ProgramAction::Edit(text) => {
                if let Some(file) = self.program.files.get_mut(&self.shown) {
                    *file = text;
                }
            }
            ProgramAction::AddFile(name) => self.add_file(name.trim()),
            ProgramAction::RemoveShown => self.remove_shown(),
            ProgramAction::MakeMain => self.program.main = self.shown.clone(),
            ProgramAction::EditArgs(text) => self.edit_args(text),
            ProgramAction::EditLimit(text) => self.edit_limit(text),
            ProgramAction::ChooseTemplate(id) => {
                if let Some(t) = program_template(&id) {
                    self.chosen_template = t.id;
                }
            }
            ProgramAction::LoadTemplate => {
                if let Some(t) = program_template(self.chosen_template) {
                    self.replace(t.program());
                }
            }
            ProgramAction::FilesOpened(read) => self.files_opened(read),
            ProgramAction::LinkUnpacked(read) => self.link_unpacked(read),
            ProgramAction::LinkMade(link) => self.link = Some(link),
            ProgramAction::RunStarted(at) => self.run_started(at),
            ProgramAction::Ended(ending) => self.ended(ending),
            heard => self.hear(heard),
        }
    }

    /// What the run's processes said: writes, readiness, starts, ends, waits and queues.
    fn hear(&mut self, action: ProgramAction) {
        let Some(run) = &mut self.running else {
            return;
        };
        match action {
            ProgramAction::Ready(pid, at, version, sleep_blocks) => {
                run.processes.ready(pid, at);
                run.python.get_or_insert(version);
                run.sleep_blocks.get_or_insert(sleep_blocks);
            }
            ProgramAction::Spawned(pid, parent, name, daemon, at) => {
                run.processes.spawned(pid, parent, name, daemon, at);
            }
            ProgramAction::Exited(pid, code, begun, ended) => {
                run.processes.exited(pid, code, begun, ended);
            }
            ProgramAction::Waited(pid, waits, dropped) => {
                run.processes.waited(pid, waits, dropped);
            }
            ProgramAction::Queues(queues) => {
                run.queues = queues;
            }
            ProgramAction::EndedFromOutside(pid, at, code, why) => {
                run.processes.ended(pid, at, code, &why);
            }
            ProgramAction::Out(chunks) => {
                for chunk in chunks {
                    self.terminal.write(chunk.stream, &chunk.text);
                    run.output.push(chunk);
                }
            }
            _ => {}
        }
    }

    /// What Run would run now, or why it cannot.
    ///
    /// # Errors
    /// The sentence the page says instead of running.
    pub fn run_request(&self) -> Result<Program, String> {
        if self.running.is_some() {
            return Err("A program is running; cancel it first.".to_owned());
        }
        if self.unpacking.is_some() {
            return Err("The link's program is still being unpacked; press Run again.".to_owned());
        }
        if let Some(error) = self.input_error() {
            return Err(error.clone());
        }
        self.program.check()?;
        Ok(self.program.clone())
    }

    /// Whether Run is enabled.
    pub fn can_run(&self) -> bool {
        self.running.is_none() && self.unpacking.is_none()
    }

    /// The program to keep and link (none while the link's program is unpacked).
    pub fn program_to_keep(&self) -> Option<&Program> {
        self.unpacking.is_none().then_some(&self.program)
    }

    /// Every template, for the picker.
    pub fn templates() -> &'static [ProgramTemplate] {
        &PROGRAM_TEMPLATES
    }

    fn replace(&mut self, program: Program) {
        self.args = shell_words::join(&program.argv);
        self.args_error = None;
        self.shown = program.main.clone();
        self.program = program;
        self.generation += 1;
    }

    fn add_file(&mut self, name: &str) {
        let name = if name.ends_with(".py") {
            name.to_owned()
        } else {
            format!("{name}.py")
        };
        let mut next = self.program.clone();
        next.files.insert(name.clone(), String::new());
        let why = if self.program.files.contains_key(&name) {
            Some(format!("There is a file {name} already."))
        } else if next.files.len() > MAX_FILES {
            Some(format!("A program has at most {MAX_FILES} files."))
        } else {
            next.check().err()
        };
        match why {
            Some(why) => self.message = Some(why),
            None => {
                self.program = next;
                self.shown = name;
                self.generation += 1;
                self.message = None;
            }
        }
    }

    fn remove_shown(&mut self) {
        if self.shown == self.program.main {
            self.message = Some(
                "The main file cannot be removed: make another file the main one first.".to_owned(),
            );
            return;
        }
        self.program.files.remove(&self.shown);
        self.shown = self.program.main.clone();
        self.generation += 1;
    }

    fn files_opened(&mut self, read: Result<Vec<(String, String)>, String>) {
        let opened = read.and_then(|files| {
            if let [(name, json)] = files.as_slice()
                && name.ends_with(".json")
            {
                return Program::parse(json).map(|p| (p, 1));
            }
            let mut program = self.program.clone();
            let count = files.len();
            let first = files.first().map(|(name, _)| name.clone());
            program.files.extend(files);
            program.check()?;
            if let Some(first) = first {
                self.shown = first;
            }
            Ok((program, count))
        });
        match opened {
            Ok((program, count)) => {
                let shown = std::mem::take(&mut self.shown);
                self.replace(program);
                if self.program.files.contains_key(&shown) {
                    self.shown = shown;
                }
                let plural = if count == 1 { "" } else { "s" };
                self.message = Some(format!("Opened {count} file{plural}."));
            }
            Err(why) => self.message = Some(why),
        }
    }

    fn link_unpacked(&mut self, read: Result<String, String>) {
        self.unpacking = None;
        let read = read
            .map_err(|why| format!("program: the link's program could not be unpacked ({why})"))
            .and_then(|json| Program::parse(&json));
        match read {
            Ok(program) => self.replace(program),
            Err(why) => {
                self.notices.push(Notice {
                    setting: "program".to_owned(),
                    message: format!("{why} The template is shown instead."),
                });
                self.replace(PROGRAM_TEMPLATES[0].program());
            }
        }
    }

    fn run_started(&mut self, at: f64) {
        match self.run_request() {
            Ok(program) => {
                self.running = Some(ProgramRun {
                    program,
                    pressed: at,
                    processes: Processes::main(at),
                    python: None,
                    sleep_blocks: None,
                    queues: Vec::new(),
                    output: Vec::new(),
                });
                self.terminal = Terminal::new();
                self.message = None;
                self.last = None;
            }
            Err(why) => self.message = Some(why),
        }
    }

    fn ended(&mut self, ending: Ending) {
        let Some(run) = self.running.take() else {
            return;
        };
        let record = ProgramRecord::new(run, ending, self.cores, self.terminal.left_out());
        self.message = Some(record.summary());
        self.last = Some(Rc::new(record));
    }
}

/// A write of process `pid` to `stream` at `t`, as the record keeps it.
pub fn chunk(pid: u32, stream: Stream, text: String, t: f64) -> Chunk {
    Chunk {
        t,
        pid,
        stream,
        text,
    }
}
