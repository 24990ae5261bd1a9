//! What a link opens, read once from the URL's query: the view, the settings and page flags
//! (`settings::query`), and the test-only fault. Every name of the query is read here, and
//! only here; adding a view is a variant of [`View`] and its name in [`View::read`].

use crate::engine::Fault;
use crate::settings::Key;
use crate::settings::names::Mode;
use crate::settings::query::{Link, Notice, PageFlags, SCHEME_VERSION, read_pairs};
use crate::settings::values::Settings;

/// A view of the page a link can open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum View {
    /// The main lab: settings, a comparison run, its results (the default).
    Lab,
    /// The lessons' index (`lessons=1`).
    Lessons,
    /// One lesson (`lesson=ID`).
    Lesson(String),
    /// The lab with a classmate's run beside its own (`compare=1`): the import lives there.
    Compare,
    /// The lab on locks, contention and queues (`lab=locks`).
    LocksLab,
    /// Students' own Python (`lab=python`).
    PythonLab,
    /// Be the scheduler (`lab=scheduler`): its levels, or one (`level=ID`, read by the view).
    Scheduler,
}

impl View {
    /// Whether the views module (`dist/views/`, fetched when one of its views opens) shows
    /// this view, rather than the main module that the page loads first.
    pub fn in_views_module(&self) -> bool {
        !matches!(self, View::Lab)
    }

    /// Whether this page has the view yet; the others show the main lab with a notice.
    pub fn available(&self) -> bool {
        matches!(
            self,
            View::Lab
                | View::Lessons
                | View::Lesson(_)
                | View::Compare
                | View::LocksLab
                | View::PythonLab
                | View::Scheduler
        )
    }

    /// Whether the view is the lessons' index or a lesson (they need the lessons file).
    pub fn is_lessons(&self) -> bool {
        matches!(self, View::Lessons | View::Lesson(_))
    }

    /// Whether the view keeps the address in step and follows `run=1` itself (the lessons'
    /// views and the locks lab, from the views module), rather than the page's own effects.
    pub fn has_own_effects(&self) -> bool {
        self.is_lessons() || matches!(self, View::LocksLab | View::PythonLab | View::Scheduler)
    }

    /// Whether the view runs only its own interpreters, so the page need not measure the
    /// machine (calibrate and count cores) when it opens.
    pub fn skips_calibration(&self) -> bool {
        matches!(self, View::Lessons | View::PythonLab | View::Scheduler)
    }

    /// What the page says when it opens the main lab instead of this view (every view is
    /// here now; a view added before it is ready names itself here).
    pub fn unavailable_notice(&self) -> Option<Notice> {
        None
    }

    /// The query that opens this view (with its `?`), read back by [`View::read`]: the one
    /// place a view's address is written, so every link the page renders to a view is typed.
    pub fn query(&self) -> String {
        match self {
            View::Lab => "?".to_owned(),
            View::Lessons => "?lessons=1".to_owned(),
            View::Lesson(id) => format!(
                "?lesson={}",
                form_urlencoded::byte_serialize(id.as_bytes()).collect::<String>()
            ),
            View::Compare => "?compare=1".to_owned(),
            View::LocksLab => "?lab=locks".to_owned(),
            View::PythonLab => "?lab=python".to_owned(),
            View::Scheduler => "?lab=scheduler".to_owned(),
        }
    }

    /// The views the nav bar links to, in its order.
    pub const NAV: [View; 5] = [
        View::Lab,
        View::Lessons,
        View::LocksLab,
        View::PythonLab,
        View::Scheduler,
    ];

    /// Reads a view's name and value, if `name` names a view: `Ok` with the view, or `Err`
    /// with the notice for a value that names none.
    fn read(name: &str, value: &str) -> Option<Result<View, Notice>> {
        let unknown = |message: String| {
            Err(Notice {
                setting: name.to_owned(),
                message,
            })
        };
        Some(match (name, value.trim()) {
            ("lessons", "1") => Ok(View::Lessons),
            ("lessons", "0") => Ok(View::Lab),
            ("lessons", _) => unknown("lessons: it takes 1; the main lab is shown.".to_owned()),
            ("lesson", id) if !id.is_empty() => Ok(View::Lesson(id.chars().take(40).collect())),
            ("lesson", _) => {
                unknown("lesson: no lesson is named; the main lab is shown.".to_owned())
            }
            ("compare", "1") => Ok(View::Compare),
            ("compare", "0") => Ok(View::Lab),
            ("compare", _) => unknown("compare: it takes 1; the main lab is shown.".to_owned()),
            ("lab", "main") => Ok(View::Lab),
            ("lab", "locks") => Ok(View::LocksLab),
            ("lab", "python") => Ok(View::PythonLab),
            ("lab", "scheduler") => Ok(View::Scheduler),
            ("lab", _) => unknown(
                "lab: it takes main, locks, python or scheduler; the main lab is shown.".to_owned(),
            ),
            _ => return None,
        })
    }
}

/// Everything a link asks for.
#[derive(Clone, Debug, PartialEq)]
pub struct PageLink {
    /// The view it opens.
    pub view: View,
    /// The settings, page flags and notices.
    pub link: Link,
    /// A task to fail or panic on purpose (`fault=panic@3`; tests only, and not a setting).
    pub fault: Option<Fault>,
    /// The settings the link names, as given (a lesson applies them over its own).
    pub given: Vec<(String, String)>,
}

/// Reads a URL query (with or without its `?`) on a machine reporting `cores` cores; its
/// `fault` is obeyed only if the tests switched faults on (see [`super::faults`]).
pub fn read_link(query: &str, cores: u32, faults_switched_on: bool) -> PageLink {
    let query = query.strip_prefix('?').unwrap_or(query);
    let mut view = View::Lab;
    let mut fault_text = None;
    let mut view_notices = Vec::new();
    let mut given = Vec::new();
    let rest = form_urlencoded::parse(query.as_bytes()).filter(|(name, value)| {
        if crate::settings::Key::from_name(name.trim()).is_some() {
            given.push((name.trim().to_owned(), value.trim().to_owned()));
        }
        if name.trim() == "fault" {
            fault_text = Some(value.trim().to_owned());
            return false;
        }
        match View::read(name.trim(), value) {
            Some(Ok(read)) => view = read,
            Some(Err(notice)) => view_notices.push(notice),
            None => return true,
        }
        false
    });
    let mut link = read_pairs(rest, cores);
    link.notices.extend(view_notices);
    link.notices.extend(view.unavailable_notice());
    let (fault, fault_notice) = super::faults::admit(fault_text.as_deref(), faults_switched_on);
    link.notices.extend(fault_notice);
    PageLink {
        view,
        link,
        fault,
        given,
    }
}

/// The main lab's query with only these modes chosen and every other setting at its default:
/// links between views name modes by their typed names, never by hand.
pub fn lab_with_modes(modes: &[Mode], cores: u32) -> String {
    let settings = Settings {
        modes: modes.to_vec(),
        ..Settings::defaults(cores)
    };
    format!(
        "?{}",
        crate::settings::query::to_query(&settings, PageFlags::default())
    )
}

/// The locks lab's link: `lab=locks`, the scheme version, the experiment and the settings it
/// uses (the main lab's settings are left out), then the page flags.
pub fn locks_query(settings: &Settings, flags: PageFlags) -> String {
    let mut out = form_urlencoded::Serializer::new(String::new());
    out.append_pair("lab", "locks");
    out.append_pair("v", &SCHEME_VERSION.to_string());
    for &key in Key::ALL {
        if key.spec().scope.in_locks_lab(settings.experiment) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::WorkloadKind;

    #[test]
    fn a_plain_link_opens_the_lab_with_its_settings() {
        let page = read_link("?workload=hashes&tasks=4", 2, false);
        assert_eq!(page.view, View::Lab);
        assert_eq!(page.link.settings.tasks, 4);
        assert!(page.link.notices.is_empty(), "{:?}", page.link.notices);
        assert_eq!(page.fault, None);
    }

    #[test]
    fn every_view_reads_back_from_its_own_query() {
        for view in [
            View::Lab,
            View::Lessons,
            View::Lesson("gil & more".to_owned()),
            View::Compare,
            View::LocksLab,
            View::PythonLab,
            View::Scheduler,
        ] {
            let opened = read_link(&view.query(), 2, false);
            assert_eq!(opened.view, view);
            assert!(opened.link.notices.is_empty(), "{view:?}");
        }
    }

    #[test]
    fn a_lab_link_with_modes_opens_them_without_a_notice() {
        let query = lab_with_modes(&[Mode::Gil, Mode::Threads], 2);
        let opened = read_link(&query, 2, false);
        assert_eq!(opened.view, View::Lab);
        assert!(opened.link.notices.is_empty(), "{:?}", opened.link.notices);
        assert_eq!(opened.link.settings.modes, vec![Mode::Gil, Mode::Threads]);
    }

    #[test]
    fn views_are_read_from_the_link() {
        for (query, view) in [
            ("lessons=1", View::Lessons),
            ("lesson=gil-1&tasks=3", View::Lesson("gil-1".to_owned())),
        ] {
            let page = read_link(query, 2, false);
            assert_eq!(page.view, view, "{query}");
            assert!(page.view.available() && page.view.is_lessons());
            assert!(page.link.notices.is_empty(), "{query}");
        }
        let python = read_link("lab=python", 2, false);
        assert_eq!(python.view, View::PythonLab);
        assert!(python.view.available() && python.view.in_views_module());
        assert!(python.view.has_own_effects() && python.view.skips_calibration());
        let compare = read_link("compare=1&workload=hashes&run=1", 2, false);
        assert_eq!(compare.view, View::Compare);
        assert!(compare.view.available() && compare.view.in_views_module());
        assert!(!compare.view.is_lessons() && compare.link.notices.is_empty());
        assert_eq!(compare.link.settings.workload, WorkloadKind::Hashes);
        let lesson = read_link("lesson=gil-1&tasks=3&run=1&bogus=2", 2, false);
        assert_eq!(lesson.link.settings.tasks, 3);
        assert_eq!(lesson.given, [("tasks".to_owned(), "3".to_owned())]);
        let locks = read_link("lab=locks", 2, false);
        assert_eq!(locks.view, View::LocksLab);
        assert!(locks.view.available() && !locks.view.is_lessons());
        assert!(locks.link.notices.is_empty());
        let odd = read_link("lab=chess", 2, false);
        assert_eq!(odd.view, View::Lab);
        assert_eq!(odd.link.notices[0].setting, "lab");
    }

    #[test]
    fn a_locks_link_carries_its_experiments_settings_only() {
        let mut s = Settings::defaults(2);
        s.experiment = crate::settings::Experiment::Queue;
        s.producers = 3;
        s.capacity = 1;
        let query = locks_query(&s, PageFlags::default());
        assert_eq!(
            query,
            "lab=locks&v=1&experiment=queue&producers=3&consumers=2&capacity=1&items=20000"
        );
        let page = read_link(&query, 2, false);
        assert_eq!(page.view, View::LocksLab);
        assert_eq!(page.link.settings, s);
        let mut counters = Settings::defaults(2);
        counters.threads = 4;
        let query = locks_query(
            &counters,
            PageFlags {
                run: true,
                embed: false,
            },
        );
        assert_eq!(
            query,
            "lab=locks&v=1&experiment=counters&threads=4&increments=200000&run=1"
        );
    }

    #[test]
    fn bad_locks_settings_give_a_notice_and_the_default() {
        let page = read_link(
            "lab=locks&threads=0&lock_share=150&capacity=x&experiment=dice",
            2,
            false,
        );
        let defaults = Settings::defaults(2);
        assert_eq!(page.link.settings, defaults);
        let named: Vec<&str> = page
            .link
            .notices
            .iter()
            .map(|n| n.setting.as_str())
            .collect();
        assert_eq!(
            named[..4],
            ["threads", "lock_share", "capacity", "experiment"]
        );
        assert!(page.link.notices[1].message.contains(
            "lock_share: \"150\" is too large; it takes a whole number from 0 to 100. The default, 50, is used."
        ), "{:?}", page.link.notices[1]);
    }

    #[test]
    fn the_fault_is_taken_apart_from_the_settings() {
        let page = read_link("fault=panic@3&tasks=5", 2, true);
        assert_eq!(page.fault, Fault::parse("panic@3"));
        assert_eq!(page.link.settings.tasks, 5);
        assert!(
            page.link.notices.is_empty(),
            "fault is not an unknown setting"
        );
        let plain = read_link("fault=panic@3&tasks=5", 2, false);
        assert_eq!(plain.fault, None, "a link alone injects no fault");
        assert_eq!(plain.link.notices[0].setting, "fault");
    }
}
