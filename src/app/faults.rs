//! Whether a link's `fault=` is obeyed. Faults exist so the page's own tests can check that a
//! failing task or a crashing worker is reported; a student must not trigger them by following
//! a link. So `fault=` is obeyed only where the tests have switched faults on (the page's local
//! storage holds [`SWITCH`] = `1`, which no link can set); anywhere else it is ignored, with a
//! notice.

use crate::engine::Fault;
use crate::settings::accepts::quote;
use crate::settings::query::Notice;

/// The local-storage key the tests set to `1` to let links inject faults.
pub const SWITCH: &str = "playground-test-faults";

/// The fault to inject, from the `fault=` value of a link (if it had one), and the notice to
/// show when the value is ignored.
pub fn admit(value: Option<&str>, tests_switched_it_on: bool) -> (Option<Fault>, Option<Notice>) {
    let Some(value) = value else {
        return (None, None);
    };
    let notice = |message: String| Notice {
        setting: "fault".to_owned(),
        message,
    };
    if !tests_switched_it_on {
        return (
            None,
            Some(notice(
                "fault: ignored. It makes tasks fail on purpose, for the page's own tests only."
                    .to_owned(),
            )),
        );
    }
    match Fault::parse(value) {
        Some(fault) => (Some(fault), None),
        None => (
            None,
            Some(notice(format!(
                "fault: {} is not panic@N, error@N, linger@N or lose@N; no fault was injected.",
                quote(value)
            ))),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::fault::FaultKind;

    #[test]
    fn a_link_alone_cannot_inject_a_fault() {
        let (fault, notice) = admit(Some("panic@1"), false);
        assert_eq!(fault, None);
        let notice = notice.expect("says it was ignored");
        assert_eq!(notice.setting, "fault");
        assert!(notice.message.contains("ignored"), "{}", notice.message);
    }

    #[test]
    fn where_the_tests_switched_faults_on_a_link_injects_one() {
        let (fault, notice) = admit(Some("error@2"), true);
        assert_eq!(
            fault,
            Some(Fault {
                kind: FaultKind::Error,
                task: 2
            })
        );
        assert_eq!(notice, None);
        assert!(admit(Some("boom"), true).1.is_some(), "a bad value says so");
        let long = admit(Some(&"9".repeat(100_000)), true).1.expect("a notice");
        assert!(long.message.len() < 200, "a long value is not echoed whole");
        assert_eq!(admit(None, false), (None, None));
    }
}
