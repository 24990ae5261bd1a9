//! A corpus of hostile links and form inputs, generated from the settings table
//! (`settings::spec`): for every setting, values of the wrong type, out of range, 30 digits
//! long, negative zero, NaN and exponents, empty, unicode and right-to-left text, markup and
//! script, and 100 KB strings; repeated and unknown names; the page flags, views and the
//! test-only fault with bad values; and every combination of workload and modes with one bad
//! value. Each case says which name the page's notice must carry.

use concurrency_playground::settings::accepts::Accepts;
use concurrency_playground::settings::{Key, Mode, WorkloadKind};

/// One hostile input.
#[derive(Clone, Debug)]
pub struct Case {
    /// The query's name=value pairs, in order.
    pub pairs: Vec<(String, String)>,
    /// The name the notice must carry (as the page shortens it).
    pub notice: String,
    /// The setting, when the case is one setting's bad value (also tried as a form input).
    pub key: Option<Key>,
    /// The value, raw (for the form).
    pub value: String,
    /// What kind of hostility, for the report.
    pub kind: &'static str,
}

/// 100 KB strings.
fn huge() -> Vec<String> {
    vec![
        "9".repeat(100_000),
        "a".repeat(100_000),
        "<script>alert(1)</script>".repeat(4_000),
        "\u{202E}".repeat(33_334),
    ]
}

/// Values no setting accepts.
const ANY: &[&str] = &[
    "",
    "   ",
    "NaN",
    "nan",
    "inf",
    "-inf",
    "Infinity",
    "1e3",
    "1E+2",
    "0x1F",
    "abc",
    "true",
    "null",
    "undefined",
    "[]",
    "{}",
    "١٢٣",
    "１２",
    "\u{202E}321",
    "שלום",
    "مرحبا",
    "💥",
    "\u{0}",
    "\u{FEFF}",
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "<b>bold</b>",
    "' OR 1=1 --",
    "%00",
    "&amp;",
];

/// Values no number setting accepts.
const NUMBERS: &[&str] = &[
    "-0",
    "-1",
    "-0.0",
    "123456789012345678901234567890",
    "-123456789012345678901234567890",
    "4294967296",
    "18446744073709551616",
    "5 5",
    "1,000",
    "1_000",
    "0.1e1",
    "--1",
    ".",
    "-",
    "1.2.3",
];

/// Values a whole-number setting refuses, for its range.
fn whole(min: u32, max: u32) -> Vec<String> {
    let mut out = vec![
        (u64::from(max) + 1).to_string(),
        "+5".to_owned(),
        "1.0".to_owned(),
        "0.5".to_owned(),
    ];
    if min > 0 {
        out.push((min - 1).to_string());
    }
    out
}

/// The hostile values for one setting, from its row of the table.
pub fn values_for(key: Key) -> Vec<String> {
    let mut out: Vec<String> = ANY.iter().map(|s| (*s).to_owned()).collect();
    out.extend(huge());
    match key.spec().accepts {
        Accepts::Whole { min, max, .. } => {
            out.extend(NUMBERS.iter().map(|s| (*s).to_owned()));
            out.extend(whole(min, max));
        }
        Accepts::Decimal { min, max, .. } => {
            out.extend(NUMBERS.iter().map(|s| (*s).to_owned()));
            out.extend([
                format!("{}", min / 2.0),
                format!("{}", max + 1.0),
                "0".into(),
            ]);
        }
        Accepts::OneOf { names, .. } => {
            for name in names {
                out.push(name.to_uppercase());
                out.push(format!("{name}2"));
                out.push(format!("{name},{name}"));
            }
        }
        Accepts::Modes { .. } => {
            out.extend(
                [
                    ",",
                    ",,,",
                    "THREADS",
                    "threads;gil",
                    "threads gil",
                    "threads,fibers",
                ]
                .map(str::to_owned),
            );
            out.push("sequential,<script>".to_owned());
        }
        Accepts::Flag { .. } => {
            out.extend(["2", "-0", "01", "1.0", "yes", "on"].map(str::to_owned));
        }
    }
    out
}

impl Case {
    /// The URL query, encoded as a browser would send it.
    pub fn query(&self) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        for (name, value) in &self.pairs {
            out.append_pair(name, value);
        }
        out.finish()
    }
}

fn owned(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
        .collect()
}

/// A name as the page's notices show it (cut to 40 characters).
pub fn shortened(name: &str) -> String {
    if name.chars().count() > 40 {
        format!("{}…", name.chars().take(40).collect::<String>())
    } else {
        name.to_owned()
    }
}

/// A workload this setting belongs to (the first), so the link is one a person could mean.
fn workload_for(key: Key) -> WorkloadKind {
    WorkloadKind::ALL
        .iter()
        .copied()
        .find(|&w| key.spec().scope.matters_to(w))
        .unwrap_or(WorkloadKind::Primes)
}

fn setting_case(key: Key, value: &str, kind: &'static str, pairs: &[(&str, &str)]) -> Case {
    Case {
        pairs: owned(pairs),
        notice: key.name().to_owned(),
        key: Some(key),
        value: value.to_owned(),
        kind,
    }
}

/// Every setting with every hostile value, alone and repeated.
fn settings_cases() -> Vec<Case> {
    let mut out = Vec::new();
    for &key in Key::ALL {
        let workload = workload_for(key).name();
        for value in values_for(key) {
            let pairs = if key == Key::Workload {
                vec![(key.name(), value.as_str())]
            } else {
                vec![("workload", workload), (key.name(), value.as_str())]
            };
            out.push(setting_case(key, &value, "bad value", &pairs));
        }
        let default = concurrency_playground::settings::Settings::defaults(2).get(key);
        for value in ["abc", "-1"] {
            let (name, default) = (key.name(), default.as_str());
            let pairs = [("workload", workload), (name, default), (name, value)];
            out.push(setting_case(key, value, "repeated name", &pairs));
            let pairs = [("workload", workload), (name, value), (name, default)];
            out.push(setting_case(key, value, "repeated name", &pairs));
        }
    }
    out
}

/// Names that are not settings, and the page's own flags and views with bad values.
fn other_cases() -> Vec<Case> {
    let mut out = Vec::new();
    let mut unknown: Vec<String> = [
        "colour",
        "Tasks",
        "WORKLOAD",
        "tasks[]",
        "tasks.",
        "__proto__",
        "constructor",
        "<script>alert(1)</script>",
        "\u{202E}sksat",
        "задачи",
        "🧵",
        "\u{0}",
        "%00",
        "on<b>load</b>",
    ]
    .map(str::to_owned)
    .to_vec();
    unknown.push("n".repeat(100_000));
    unknown.push("<img src=x onerror=alert(1)>".repeat(3_600));
    for name in &unknown {
        out.push(Case {
            pairs: owned(&[(name.as_str(), "1")]),
            notice: shortened(name.trim()),
            key: None,
            value: "1".to_owned(),
            kind: "unknown name",
        });
    }
    let mut flags: Vec<String> = ["2", "yes", "-0", "", "<script>", "NaN", "\u{202E}1"]
        .map(str::to_owned)
        .to_vec();
    flags.push("1".repeat(100_000));
    for name in ["run", "embed", "v", "lessons", "lab", "fault"] {
        for value in &flags {
            out.push(Case {
                pairs: owned(&[(name, value.as_str())]),
                notice: name.to_owned(),
                key: None,
                value: value.clone(),
                kind: "page flag",
            });
        }
    }
    out
}

/// Every workload with every non-empty set of modes, each with one bad value of a setting
/// that matters to that workload (taking the settings in turn).
fn combination_cases() -> Vec<Case> {
    let mut out = Vec::new();
    let relevant: Vec<Vec<Key>> = WorkloadKind::ALL
        .iter()
        .map(|&w| {
            Key::ALL
                .iter()
                .copied()
                .filter(|k| *k != Key::Workload && *k != Key::Modes)
                .filter(|k| k.spec().scope.matters_to(w))
                .collect()
        })
        .collect();
    let bad = [
        "abc",
        "-0",
        "NaN",
        "1e9",
        "123456789012345678901234567890",
        "<i>x</i>",
    ];
    let mut turn = 0;
    for (w, &workload) in WorkloadKind::ALL.iter().enumerate() {
        for mask in 1u32..(1 << Mode::ALL.len()) {
            let modes: Vec<&str> = Mode::ALL
                .iter()
                .enumerate()
                .filter(|(i, _)| mask & (1 << i) != 0)
                .map(|(_, m)| m.name())
                .collect();
            let modes = modes.join(",");
            let key = relevant[w][turn % relevant[w].len()];
            let value = bad[turn % bad.len()];
            turn += 1;
            let pairs = [
                ("workload", workload.name()),
                ("modes", modes.as_str()),
                (key.name(), value),
            ];
            out.push(setting_case(key, value, "workload x modes", &pairs));
        }
    }
    out
}

/// The whole corpus.
pub fn corpus() -> Vec<Case> {
    let mut out = settings_cases();
    out.extend(other_cases());
    out.extend(combination_cases());
    out
}
