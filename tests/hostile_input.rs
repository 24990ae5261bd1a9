//! Hostile input, natively: every link and form input of the generated corpus (`hostile/`) is
//! read by the page's own code (`app::link::read_link`, `AppState::apply(Edit)`) without a
//! panic, with a notice (or a field error) naming the setting, and with no notice long enough
//! to carry a pasted 100 KB string back onto the page. Property tests add arbitrary text.
//! The browser tests load a sample of the corpus, kept in `tests/browser/hostile-links.json`
//! (regenerate it with `UPDATE_HOSTILE_SAMPLE=1 cargo test --release --test hostile_input`).

mod hostile;

use concurrency_playground::app::environment::Environment;
use concurrency_playground::app::link::read_link;
use concurrency_playground::app::{Action, AppState};
use concurrency_playground::model::threads_support::ThreadsSupport;
use concurrency_playground::settings::{Key, Settings, WorkloadKind};
use concurrency_playground::workloads::Calibration;
use hostile::{Case, corpus};
use proptest::prelude::*;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// The longest notice the page may show, in bytes: enough for any sentence, too short to
/// echo a long value.
const LONGEST_NOTICE: usize = 400;

fn env() -> Environment {
    Environment {
        cores: 4,
        isolated: true,
        threads: ThreadsSupport::Available,
        threads_unavailable: None,
        workers_unavailable: None,
        in_frame: false,
        browser: "Test 1".to_owned(),
        timer_resolution_ms: 0.005,
        gpu: concurrency_playground::gpu::GpuSupport::Unknown,
    }
}

/// Reads a case as a link (with faults switched on or off) and then, for one setting's value,
/// as a form input; returns what is wrong, if anything.
fn check(case: &Case, faults: bool) -> Option<String> {
    let page = read_link(&case.query(), 4, faults);
    let notices = &page.link.notices;
    if !notices.iter().any(|n| n.setting == case.notice) {
        return Some(format!("no notice names {:?}: {notices:?}", case.notice));
    }
    if let Some(long) = notices.iter().find(|n| n.message.len() > LONGEST_NOTICE) {
        return Some(format!("a notice of {} bytes", long.message.len()));
    }
    if case.kind == "workload x modes" {
        let asked = &case.pairs[..2];
        let settings = &page.link.settings;
        if settings.workload.name() != asked[0].1 || settings.get(Key::Modes) != asked[1].1 {
            return Some("the good settings beside the bad one were lost".to_owned());
        }
    }
    // The page's rules read the result without trouble.
    let mut state = AppState::new(page, env());
    state.apply(Action::Calibrated(Calibration::default()));
    let _ = (state.autorun_refusal(), state.estimated_freeze_ms());
    let key = case.key?;
    // The same value typed into the form: the field says what is wrong.
    let workload = case
        .pairs
        .iter()
        .find(|(name, _)| name == "workload")
        .map_or("primes", |(_, value)| value.as_str());
    // A locks lab setting is typed into the locks lab's form (the main lab's form leaves it
    // out), with an experiment that uses it.
    let lab = concurrency_playground::settings::Experiment::ALL
        .iter()
        .find(|&&e| key.spec().scope.in_locks_lab(e));
    let form_link = match lab {
        Some(experiment) => format!("lab=locks&experiment={experiment}"),
        None => format!("workload={workload}"),
    };
    let mut form = AppState::new(read_link(&form_link, 4, false), env());
    form.apply(Action::Edit(key, case.value.clone()));
    match form.errors.get(&key) {
        Some(message) if message.starts_with(key.name()) && message.len() <= LONGEST_NOTICE => None,
        other => Some(format!("the form's {key} field said {other:?}")),
    }
}

#[test]
fn every_hostile_input_is_read_without_a_panic_and_named_in_a_notice() {
    let cases = corpus();
    assert!(cases.len() >= 500, "only {} cases", cases.len());
    let (mut panics, mut problems, mut form_inputs) = (0, Vec::new(), 0);
    for case in &cases {
        form_inputs += usize::from(case.key.is_some());
        for faults in [false, true] {
            match catch_unwind(AssertUnwindSafe(|| check(case, faults))) {
                Ok(None) => {}
                Ok(Some(problem)) => problems.push(format!("{}: {problem}", case.query())),
                Err(_) => panics += 1,
            }
        }
    }
    let kinds: std::collections::BTreeSet<&str> = cases.iter().map(|c| c.kind).collect();
    println!(
        "hostile inputs: {} links (each with faults off and on), {form_inputs} form inputs; \
         kinds: {kinds:?}; panics: {panics}; missing notices: {}",
        cases.len(),
        problems.len()
    );
    let shown: Vec<String> = problems
        .iter()
        .take(10)
        .map(|p| p.chars().take(300).collect())
        .collect();
    assert_eq!(panics, 0);
    assert!(
        problems.is_empty(),
        "{} problems, e.g. {shown:#?}",
        problems.len()
    );
}

/// A string of repeats stored as its unit and count (so 100 KB values stay small in the file).
fn compact(text: &str) -> serde_json::Value {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() > 1000 {
        for unit in 1..=64.min(chars.len()) {
            if chars.len().is_multiple_of(unit) && chars.chunks(unit).all(|c| c == &chars[..unit]) {
                let unit: String = chars[..unit].iter().collect();
                return serde_json::json!({ "repeat": unit, "times": chars.len() / unit.chars().count() });
            }
        }
    }
    serde_json::Value::String(text.to_owned())
}

/// The sample the browser tests load: every 15th case of the corpus.
fn browser_sample() -> String {
    let sample: Vec<serde_json::Value> = corpus()
        .iter()
        .step_by(15)
        .map(|case| {
            let pairs: Vec<_> = case
                .pairs
                .iter()
                .map(|(n, v)| serde_json::json!([compact(n), compact(v)]))
                .collect();
            serde_json::json!({ "kind": case.kind, "notice": case.notice, "pairs": pairs })
        })
        .collect();
    format!("{}\n", serde_json::to_string_pretty(&sample).expect("json"))
}

#[test]
fn the_browser_sample_is_generated_from_the_corpus() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/browser/hostile-links.json"
    );
    let sample = browser_sample();
    if std::env::var_os("UPDATE_HOSTILE_SAMPLE").is_some() {
        std::fs::write(path, &sample).expect("write the sample");
    }
    let kept = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        kept == sample,
        "tests/browser/hostile-links.json is stale: UPDATE_HOSTILE_SAMPLE=1 cargo test --release --test hostile_input"
    );
    let count = serde_json::from_str::<Vec<serde_json::Value>>(&sample).map_or(0, |v| v.len());
    assert!(count >= 60, "{count} links in the browser sample");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Any text as any setting's value: accepted as given, or refused with a notice naming it.
    #[test]
    fn any_value_is_accepted_or_named(index in 0..Key::ALL.len(), value in "\\PC{0,40}|[-+.,eE0-9 ]{0,12}") {
        let key = Key::ALL[index];
        let query = hostile::Case {
            pairs: vec![(key.name().to_owned(), value.clone())],
            notice: String::new(), key: Some(key), value: value.clone(), kind: "property",
        }.query();
        let page = read_link(&query, 4, false);
        let named = page.link.notices.iter().any(|n| n.setting == key.name());
        let accepted = Settings::defaults(4).set(key, &value).is_ok();
        prop_assert!(named != accepted, "{key}={value:?}: named {named}, accepted {accepted}");
        prop_assert!(page.link.notices.iter().all(|n| n.message.len() <= LONGEST_NOTICE));
    }

    /// Any query at all (any bytes, percent-encoded or not) is read without a panic, into
    /// settings that pass their own checks.
    #[test]
    fn any_query_is_read(query in ".{0,200}", bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        for faults in [false, true] {
            let page = read_link(&query, 4, faults);
            prop_assert!(page.link.settings.check().is_empty());
            let raw = String::from_utf8_lossy(&bytes);
            let page = read_link(&raw, 1, faults);
            prop_assert!(page.link.settings.check().is_empty());
            prop_assert!(WorkloadKind::ALL.contains(&page.link.settings.workload));
        }
    }
}
