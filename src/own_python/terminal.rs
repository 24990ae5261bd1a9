//! What a program's terminal shows: the text every write to stdout and stderr makes, in the
//! order written, as a terminal draws it: a newline starts a line, a carriage return goes back
//! to the line's start so that what follows overwrites it (a spinner spins in place), and each
//! character remembers whether stderr wrote it. At most [`MAX_CHARS`] characters are kept;
//! past that the rest is counted and the page says so.

use super::program_protocol::Stream;

/// The most characters the terminal keeps.
pub const MAX_CHARS: usize = 200_000;

/// A run of characters of one stream, within a line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run {
    /// Whether stderr wrote it.
    pub stderr: bool,
    /// The text.
    pub text: String,
}

/// The terminal: its lines, the cursor's column on the last, and what was left out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Terminal {
    /// Each line's characters, and whether stderr wrote each.
    lines: Vec<Vec<(char, bool)>>,
    /// The cursor's column on the last line.
    column: usize,
    /// Characters kept.
    kept: usize,
    /// Characters written past [`MAX_CHARS`].
    left_out: usize,
}

impl Terminal {
    /// An empty terminal.
    pub fn new() -> Self {
        Terminal::default()
    }

    /// Draws `text`, written to `stream`.
    pub fn write(&mut self, stream: Stream, text: &str) {
        let stderr = stream == Stream::Stderr;
        if self.lines.is_empty() {
            self.lines.push(Vec::new());
        }
        for c in text.chars() {
            let line = self.lines.last_mut().expect("a line");
            match c {
                '\r' => self.column = 0,
                _ if c != '\n' && self.column < line.len() => {
                    line[self.column] = (c, stderr);
                    self.column += 1;
                }
                _ if self.kept >= MAX_CHARS => self.left_out += 1,
                '\n' => {
                    self.lines.push(Vec::new());
                    self.column = 0;
                    self.kept += 1;
                }
                _ => {
                    line.push((c, stderr));
                    self.column += 1;
                    self.kept += 1;
                }
            }
        }
    }

    /// The text the terminal shows, lines joined with newlines.
    pub fn text(&self) -> String {
        let lines: Vec<String> = self
            .lines
            .iter()
            .map(|line| line.iter().map(|&(c, _)| c).collect())
            .collect();
        lines.join("\n")
    }

    /// The terminal's text as runs of one stream each (newlines inside them), for drawing.
    pub fn runs(&self) -> Vec<Run> {
        let mut runs: Vec<Run> = Vec::new();
        for (i, line) in self.lines.iter().enumerate() {
            // A newline belongs to the run it ends, whichever stream wrote it.
            let newline = (i > 0).then(|| ('\n', runs.last().is_some_and(|r| r.stderr)));
            for (c, stderr) in newline.into_iter().chain(line.iter().copied()) {
                match runs.last_mut() {
                    Some(run) if run.stderr == stderr => run.text.push(c),
                    _ => runs.push(Run {
                        stderr,
                        text: c.to_string(),
                    }),
                }
            }
        }
        runs
    }

    /// How many characters were written past [`MAX_CHARS`] and not kept.
    pub fn left_out(&self) -> usize {
        self.left_out
    }

    /// Whether nothing has been written.
    pub fn is_empty(&self) -> bool {
        self.lines.iter().all(Vec::is_empty)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_carriage_returns_are_drawn_as_a_terminal_draws_them() {
        let mut t = Terminal::new();
        t.write(Stream::Stdout, "one\ntwo");
        t.write(Stream::Stdout, "\r|");
        t.write(Stream::Stdout, "\r/");
        assert_eq!(t.text(), "one\n/wo");
        t.write(Stream::Stdout, "\rdone  \n");
        assert_eq!(t.text(), "one\ndone  \n");
        assert!(!t.is_empty());
        assert!(Terminal::new().is_empty());
    }

    #[test]
    fn stderr_is_kept_apart_in_runs() {
        let mut t = Terminal::new();
        t.write(Stream::Stdout, "a\n");
        t.write(Stream::Stderr, "Traceback\nError\n");
        t.write(Stream::Stdout, "b");
        let runs = t.runs();
        assert_eq!(
            runs,
            vec![
                Run {
                    stderr: false,
                    text: "a\n".into()
                },
                Run {
                    stderr: true,
                    text: "Traceback\nError\n".into()
                },
                Run {
                    stderr: false,
                    text: "b".into()
                },
            ]
        );
        let joined: String = runs.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(joined, t.text());
    }

    #[test]
    fn past_the_cap_characters_are_counted_not_kept() {
        let mut t = Terminal::new();
        t.write(Stream::Stdout, "ab\n");
        t.write(Stream::Stdout, &"x".repeat(MAX_CHARS + 10));
        t.write(Stream::Stdout, "\nmore");
        assert_eq!(t.left_out(), 3 + 10 + 5);
        assert_eq!(t.text().chars().count(), MAX_CHARS);
        // Overwriting kept characters is still drawn.
        t.write(Stream::Stdout, "\ry");
        assert!(t.text().starts_with("ab\nyxx"));
    }
}
