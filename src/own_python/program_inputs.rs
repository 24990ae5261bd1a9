//! What the program form takes as typed beside its files: the command-line arguments (split as
//! a shell splits them) and the run's time limit (whole seconds). Each keeps its last valid
//! value, and the text typed with why it is not one, if it is not.

use super::program_lab::ProgramLab;
use super::settings::MAX_TIME_LIMIT_S;
use crate::settings::accepts::parse_whole;

/// A run's time limit unless the student types another, s.
pub const DEFAULT_TIME_LIMIT_S: u32 = 120;

impl ProgramLab {
    /// The arguments were edited to `text`.
    pub(super) fn edit_args(&mut self, text: String) {
        match shell_words::split(&text) {
            Ok(argv) => {
                self.program.argv = argv;
                self.args_error = None;
            }
            Err(_) => {
                self.args_error =
                    Some("The arguments do not split: a quote is not closed.".to_owned());
            }
        }
        self.args = text;
    }

    /// The time limit was edited to `text`.
    pub(super) fn edit_limit(&mut self, text: String) {
        match parse_whole(text.trim(), 1, MAX_TIME_LIMIT_S) {
            Ok(seconds) => {
                self.limit_s = seconds;
                self.limit_error = None;
            }
            Err(why) => {
                self.limit_error = Some(format!(
                    "Time limit: {why}; it takes a whole number of seconds from 1 to \
                     {MAX_TIME_LIMIT_S}."
                ));
            }
        }
        self.limit = text;
    }

    /// Why what is typed cannot run, if it cannot.
    pub(super) fn input_error(&self) -> Option<&String> {
        self.args_error.as_ref().or(self.limit_error.as_ref())
    }
}
