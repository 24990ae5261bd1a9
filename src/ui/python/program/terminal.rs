//! The terminal: what the program printed, as a terminal draws it (stderr in its own colour),
//! what was left out past the cap, and, when the program tried to start a thread, where to see
//! threads instead (read from what it printed).

use super::state::use_program_form;
use crate::app::link::{View, lab_with_modes};
use crate::own_python::program_protocol::Stream;
use crate::own_python::terminal::MAX_CHARS;
use crate::settings::names::Mode;
use yew::prelude::*;

/// The mark of the runtime's message when a program starts a thread.
const THREADS_MARK: &str = "threading: this page's Python";
/// The mark of CPython's message when a child starts a process while importing the main file.
const BOOTSTRAP_MARK: &str =
    "before the\n        current process has finished its bootstrapping phase";

/// The terminal, and the notes its output calls for.
#[component]
pub fn TerminalPane() -> Html {
    let form = use_program_form();
    let state = &form.state;
    let left_out = state.terminal.left_out();
    let tried_threads = state.last.as_ref().is_some_and(|record| {
        record
            .output
            .iter()
            .any(|c| c.stream == Stream::Stderr && c.text.contains(THREADS_MARK))
    });
    let unguarded = state.last.as_ref().is_some_and(|record| {
        record
            .output
            .iter()
            .any(|c| c.stream == Stream::Stderr && c.text.contains(BOOTSTRAP_MARK))
    });
    let threads = lab_with_modes(&[Mode::Gil, Mode::Threads], state.cores);
    html! {
        <div class="terminal-pane">
            <h3 id="terminal-label">{ "Terminal" }</h3>
            <pre id="terminal" class="terminal" role="log" aria-labelledby="terminal-label" tabindex="0">
                for run in state.terminal.runs() {
                    if run.stderr { <span class="stderr">{ run.text }</span> } else { { run.text } }
                }
            </pre>
            if left_out > 0 {
                <p class="note terminal-cut" role="note">{ format!("{left_out} more characters were printed than the terminal keeps ({MAX_CHARS}); they were left out.") }</p>
            }
            if unguarded {
                <p class="note unguarded-main" role="note">
                    { "A child process here starts as with spawn: a fresh interpreter that imports your main file again. Code at the top of that file runs again in the child, so a Process started there would start another from inside the child; CPython stops it with the message above. Start processes only under if __name__ == \"__main__\":, which is true in the program you ran and false in its children." }
                </p>
            }
            if tried_threads {
                <p class="note threads-unavailable" role="note">
                    { "This program tried to start a thread, and Python here has none. See threads for real in the " }
                    <a href={threads}>{ "main lab's Threads + GIL mode" }</a>
                    { ", and the GIL at work in " }<a href={View::Lesson("gil-cpu".to_owned()).query()}>{ "the GIL lesson" }</a>{ "." }
                </p>
            }
        </div>
    }
}
