//! A whole Python program for the lab's program form:
//! one or more files, the main one, and the command-line arguments, as `python3 main.py ARGS`
//! would run them. Its link is `program=1.` followed by base64url (no padding) of the raw
//! DEFLATE of the UTF-8 JSON `{"main": "procs.py", "files": {"procs.py": "…"}, "argv": ["2"]}`,
//! at most [`code_link::MAX_LINK_CHARS`] characters, as code links are; the compression itself
//! is the browser's (`CompressionStream("deflate-raw")`). This reads and checks the JSON, and
//! reads and writes the form's part of a link.

use super::code_link::{self, MAX_CODE_BYTES};
use crate::settings::query::Notice;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The most files a program may have.
pub const MAX_FILES: usize = 16;

/// The most command-line arguments.
pub const MAX_ARGS: usize = 32;

/// A program: its files by name, the one run as `__main__`, and its arguments.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Program {
    /// The file run as `python3 MAIN ARGS`.
    pub main: String,
    /// Every file, by name (`name.py`), with its text.
    pub files: BTreeMap<String, String>,
    /// `sys.argv[1:]`.
    #[serde(default)]
    pub argv: Vec<String>,
}

/// Whether `name` can be a module file another file imports: `name.py`, the stem an identifier.
fn importable(name: &str) -> bool {
    name.strip_suffix(".py").is_some_and(|stem| {
        let mut chars = stem.chars();
        chars
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
    })
}

impl Program {
    /// Reads and checks a program's JSON.
    ///
    /// # Errors
    /// A sentence for the page that says what is wrong.
    pub fn parse(json: &str) -> Result<Program, String> {
        let program: Program = serde_json::from_str(json)
            .map_err(|e| format!("program: the link's program does not read ({e})."))?;
        program.check()?;
        Ok(program)
    }

    /// The program's JSON, as its link carries it before compression.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Checks the files, the main one and the arguments against the lab's limits.
    ///
    /// # Errors
    /// A sentence for the page that says what is wrong.
    pub fn check(&self) -> Result<(), String> {
        if self.files.is_empty() || self.files.len() > MAX_FILES {
            return Err(format!(
                "program: a program has 1 to {MAX_FILES} files; this one has {}.",
                self.files.len()
            ));
        }
        if let Some(bad) = self.files.keys().find(|name| !importable(name)) {
            return Err(format!(
                "program: {:?} is not a file name a program can import (name.py, the name a \
                 Python identifier).",
                bad.chars().take(40).collect::<String>()
            ));
        }
        if !self.files.contains_key(&self.main) {
            return Err(format!(
                "program: its main file {:?} is not among its files.",
                self.main.chars().take(40).collect::<String>()
            ));
        }
        let bytes: usize = self.files.values().map(String::len).sum();
        if bytes > MAX_CODE_BYTES {
            return Err(format!(
                "program: its files hold {bytes} bytes, over the {MAX_CODE_BYTES} the lab accepts."
            ));
        }
        if self.argv.len() > MAX_ARGS {
            return Err(format!(
                "program: it has {} arguments, over the {MAX_ARGS} the lab accepts.",
                self.argv.len()
            ));
        }
        Ok(())
    }
}

/// The `program` value for a program compressed to `compressed`, or `None` if it is too long
/// for a link (it travels as files then).
pub fn encode(compressed: &[u8]) -> Option<String> {
    code_link::encode(compressed)
}

/// The compressed bytes a link's `program` value carries.
///
/// # Errors
/// A sentence for the page (worded for `program`).
pub fn decode(value: &str) -> Result<Vec<u8>, String> {
    code_link::decode(value).map_err(|why| {
        why.replacen("code:", "program:", 1)
            .replace("the link's code", "the link's program")
            .replace("the link carries no code", "the link carries no program")
    })
}

/// What a link says to the program form: whether it opens it (`program=…` or `form=program`),
/// the compressed program it carries, and notices about what it could not read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProgramLink {
    /// Whether the page opens in the program form.
    pub form: bool,
    /// The compressed program, if the link carries a readable one.
    pub program: Option<Vec<u8>>,
    /// What the link got wrong, for the page.
    pub notices: Vec<Notice>,
}

/// Reads the program form's part of a query (with or without its `?`).
pub fn read_program_link(query: &str) -> ProgramLink {
    let query = query.strip_prefix('?').unwrap_or(query);
    let mut link = ProgramLink::default();
    let mut seen_program = false;
    for (name, value) in form_urlencoded::parse(query.as_bytes()) {
        match name.trim() {
            "form" if value.trim() == "program" => link.form = true,
            "form" if value.trim() != "task" => link.notices.push(Notice {
                setting: "form".to_owned(),
                message: format!(
                    "form: there is no form {:?}; it takes task or program.",
                    value.chars().take(40).collect::<String>()
                ),
            }),
            "program" if !seen_program => {
                seen_program = true;
                link.form = true;
                match decode(&value) {
                    Ok(bytes) => link.program = Some(bytes),
                    Err(why) => link.notices.push(Notice {
                        setting: "program".to_owned(),
                        message: why,
                    }),
                }
            }
            _ => {}
        }
    }
    link
}

/// Why a program's link carries no program, when it is too long for one.
pub const TOO_LONG_FOR_LINK: &str = "The program is too long for a link: download its files and share them; the link opens the program form only.";

/// The program form's link query: the program compressed to `compressed` when it fits, else
/// the form alone and why (`Err`).
pub fn program_query(compressed: &[u8]) -> (String, Result<(), String>) {
    let mut query = form_urlencoded::Serializer::new(String::new());
    query.append_pair("lab", "python");
    match encode(compressed) {
        Some(value) => {
            query.append_pair("program", &value);
            (query.finish(), Ok(()))
        }
        None => {
            query.append_pair("form", "program");
            (query.finish(), Err(TOO_LONG_FOR_LINK.to_owned()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn two_files() -> Program {
        Program {
            main: "procs.py".into(),
            files: BTreeMap::from([
                (
                    "procs.py".into(),
                    "import sys\nfrom primes import is_prime\n".into(),
                ),
                (
                    "primes.py".into(),
                    "def is_prime(n):\n    return n > 1\n".into(),
                ),
            ]),
            argv: vec!["2".into()],
        }
    }

    #[test]
    fn a_program_reads_back_from_its_json() {
        let program = two_files();
        let json = program.to_json();
        assert!(
            json.starts_with("{\"main\":\"procs.py\",\"files\":{"),
            "{json}"
        );
        assert_eq!(Program::parse(&json), Ok(program));
        // The arguments may be left out.
        let plain =
            Program::parse(r#"{"main": "a.py", "files": {"a.py": "print(1)"}}"#).expect("reads");
        assert!(plain.argv.is_empty());
    }

    #[test]
    fn a_bad_program_says_what_is_wrong() {
        let says = |json: &str| Program::parse(json).expect_err("refused");
        assert!(says("{").starts_with("program: the link's program does not read"));
        assert!(says(r#"{"main": "a.py", "files": {}}"#).contains("1 to 16 files"));
        assert!(
            says(r#"{"main": "b.py", "files": {"a.py": ""}}"#)
                .contains("main file \"b.py\" is not among its files")
        );
        assert!(
            says(r#"{"main": "1a.py", "files": {"1a.py": ""}}"#)
                .contains("\"1a.py\" is not a file name a program can import")
        );
        assert!(
            says(r#"{"main": "a.py", "files": {"a.py": ""}, "x": 1}"#).contains("does not read")
        );
        let mut big = two_files();
        big.files
            .insert("big.py".into(), "#".repeat(MAX_CODE_BYTES));
        assert!(
            big.check()
                .expect_err("too big")
                .contains("bytes, over the")
        );
        let mut args = two_files();
        args.argv = vec!["x".into(); MAX_ARGS + 1];
        assert!(args.check().expect_err("too many").contains("arguments"));
        assert!(importable("_a1.py") && !importable("a-b.py") && !importable("a.txt"));
    }

    #[test]
    fn the_link_value_is_versioned_and_worded_for_programs() {
        let value = encode(&[1, 2, 3]).expect("short");
        assert!(value.starts_with("1."));
        assert_eq!(decode(&value), Ok(vec![1, 2, 3]));
        let why = decode("2.AQID").expect_err("another version");
        assert!(
            why.starts_with("program: the link's program is in version"),
            "{why}"
        );
        assert!(
            decode("")
                .expect_err("empty")
                .contains("carries no program")
        );
    }
}
