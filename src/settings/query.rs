//! The permalink scheme: every setting as `name=value` in the URL query, plus the page flags
//! `run=1`, `embed=1` and the scheme version `v=1`. Reading a query never fails: an unknown
//! name or a bad value leaves the default in place and adds a notice that names the setting
//! and what it accepts.

use super::spec::Key;
use super::values::Settings;
use std::borrow::Cow;

/// The version of this scheme, written as `v=1`.
pub const SCHEME_VERSION: u32 = 1;

/// Flags of the page itself, not of a run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PageFlags {
    /// Start the run on load (within the limits the page sets).
    pub run: bool,
    /// Show the compact view for embedding.
    pub embed: bool,
}

/// Something in a link that was not used as given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// The name as it appeared in the link.
    pub setting: String,
    /// A sentence saying what was wrong and what was used instead.
    pub message: String,
}

/// What a link asks for.
#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    /// The settings, with defaults wherever the link was silent or wrong.
    pub settings: Settings,
    /// `run=1` and `embed=1`, as the link gave them.
    pub flags: PageFlags,
    /// One notice for each thing that was not used as given.
    pub notices: Vec<Notice>,
}

/// Reads a URL query (with or without its leading `?`) that holds only settings and page
/// flags.
pub fn parse_query(query: &str, cores: u32) -> Link {
    let query = query.strip_prefix('?').unwrap_or(query);
    read_pairs(form_urlencoded::parse(query.as_bytes()), cores)
}

/// Reads a query's `name=value` pairs as settings and page flags (the page's link reader,
/// `app::link`, takes out the names that are neither first).
pub fn read_pairs<'a>(
    pairs: impl Iterator<Item = (Cow<'a, str>, Cow<'a, str>)>,
    cores: u32,
) -> Link {
    let defaults = Settings::defaults(cores);
    let mut link = Link {
        settings: defaults.clone(),
        flags: PageFlags::default(),
        notices: Vec::new(),
    };
    for (name, value) in pairs {
        read_pair(&mut link, &defaults, name.trim(), &value);
    }
    let (settings, notices) = (&mut link.settings, &mut link.notices);
    // Problems between settings: put the named setting back to its default until none is left.
    for _ in 0..Key::ALL.len() {
        let Some(problem) = settings.check().into_iter().next() else {
            break;
        };
        let default = defaults.get(problem.setting);
        settings
            .set(problem.setting, &default)
            .expect("a default is accepted");
        notices.push(notice(
            problem.setting.name(),
            default_used(&problem.message, &default),
        ));
    }
    if !settings.check().is_empty() {
        *settings = defaults;
        notices.push(notice("", DO_NOT_FIT.to_owned()));
    }
    link
}

/// A link's notice for a value that was not used: the parser's sentence and the default used
/// instead (every lab's links say so).
pub fn default_used(message: &str, default: &str) -> String {
    format!("{message} The default, {default}, is used.")
}

const DO_NOT_FIT: &str = "The link's settings do not fit together; the defaults are used.";

fn read_pair(link: &mut Link, defaults: &Settings, name: &str, value: &str) {
    let notices = &mut link.notices;
    match name {
        "" => {}
        "run" | "embed" => {
            let on = match value.trim() {
                "1" => true,
                "0" => false,
                other => {
                    let message = format!(
                        "{name}: {} is neither 0 nor 1, so 0 is used.",
                        shorten(other)
                    );
                    notices.push(notice(name, message));
                    false
                }
            };
            if name == "run" {
                link.flags.run = on;
            } else {
                link.flags.embed = on;
            }
        }
        "v" if value.trim() != SCHEME_VERSION.to_string() => notices.push(notice(
            "v",
            format!(
                "v: this page reads links of version {SCHEME_VERSION}; {} may be read differently.",
                shorten(value)
            ),
        )),
        "v" => {}
        _ => match Key::from_name(name) {
            Some(key) => {
                if let Err(err) = link.settings.set(key, value) {
                    let message = default_used(&err.message, &defaults.get(key));
                    notices.push(notice(name, message));
                }
            }
            None => notices.push(notice(
                name,
                format!(
                    "{} is not a setting of this page and was ignored.",
                    shorten(name)
                ),
            )),
        },
    }
}

/// Writes the query that reproduces these settings: the scheme version, the general and mode
/// settings, and the settings that matter to the chosen workload (the others are left out).
pub fn to_query(settings: &Settings, flags: PageFlags) -> String {
    let mut out = form_urlencoded::Serializer::new(String::new());
    out.append_pair("v", &SCHEME_VERSION.to_string());
    for &key in Key::ALL {
        if key.spec().scope.matters_to(settings.workload) {
            out.append_pair(key.name(), &settings.get(key));
        }
    }
    if flags.run {
        out.append_pair("run", "1");
    }
    if flags.embed {
        out.append_pair("embed", "1");
    }
    out.finish()
}

fn notice(setting: &str, message: String) -> Notice {
    Notice {
        setting: shorten(setting),
        message,
    }
}

fn shorten(text: &str) -> String {
    const MAX: usize = 40;
    if text.chars().count() > MAX {
        format!("{}…", text.chars().take(MAX).collect::<String>())
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::names::{Mode, Split, WorkloadKind};

    #[test]
    fn a_link_reproduces_every_setting() {
        let mut s = Settings::defaults(2);
        s.workload = WorkloadKind::Collatz;
        s.numbers = 1234;
        s.split = Split::Even;
        s.modes = vec![Mode::Processes, Mode::Sequential];
        s.workers = 7;
        s.switch_ms = 0.5;
        s.main_thread = true;
        let flags = PageFlags {
            run: true,
            embed: true,
        };
        let query = to_query(&s, flags);
        assert!(query.starts_with("v=1&workload=collatz&tasks=8"));
        assert!(
            !query.contains("limit=") && !query.contains("seed="),
            "settings that do not matter to collatz are left out: {query}"
        );
        // The same cores as `s`'s defaults: the locks lab's `threads` is not in a main-lab link.
        let link = parse_query(&format!("?{query}"), 2);
        assert_eq!(link.settings, s);
        assert_eq!(link.flags, flags);
        assert!(link.notices.is_empty(), "{:?}", link.notices);
    }

    #[test]
    fn every_workload_round_trips() {
        for &kind in WorkloadKind::ALL {
            let mut s = Settings::defaults(3);
            s.workload = kind;
            if Key::Seed.spec().scope.matters_to(kind) {
                s.seed = 42;
            }
            let link = parse_query(&to_query(&s, PageFlags::default()), 3);
            assert_eq!(link.settings, s);
        }
    }

    #[test]
    fn broken_links_fall_back_with_a_notice() {
        let link = parse_query(
            "limit=abc&tasks=-1&workers=1000&colour=red&modes=&run=yes&v=9",
            4,
        );
        let defaults = Settings::defaults(4);
        assert_eq!(link.settings, defaults);
        let named: Vec<&str> = link.notices.iter().map(|n| n.setting.as_str()).collect();
        assert_eq!(
            named,
            ["limit", "tasks", "workers", "colour", "modes", "run", "v"]
        );
        assert!(
            link.notices[0]
                .message
                .contains("The default, 2000000, is used.")
        );
        assert!(link.notices[3].message.contains("not a setting"));
        assert!(!link.flags.run);
    }

    #[test]
    fn markup_and_long_values_are_quoted_and_shortened() {
        let long = "x".repeat(5000);
        let link = parse_query(&format!("workload=%3Cb%3E&{long}=1&seed={long}"), 2);
        assert_eq!(link.notices.len(), 3);
        assert!(
            link.notices.iter().all(|n| n.message.len() < 300),
            "{:?}",
            link.notices
        );
        assert!(link.notices[0].message.contains("\"<b>\""));
    }

    #[test]
    fn settings_that_do_not_fit_together_are_reset() {
        let link = parse_query("workload=mandelbrot&width=4000&height=4000", 2);
        assert_eq!(link.settings.height, 600);
        assert_eq!(link.notices[0].setting, "height");
    }
}
