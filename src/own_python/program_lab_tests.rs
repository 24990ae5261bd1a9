//! The program form's rules (`program_lab`), its link and its record's sentences.

use super::program::{TOO_LONG_FOR_LINK, program_query, read_program_link};
use super::program_lab::{ProgramAction, ProgramLab, chunk};
use super::program_protocol::{FromProgram, Stream, ToProgram};
use super::program_record::Ending;
use super::program_templates::PROGRAM_TEMPLATES;

fn lab() -> ProgramLab {
    ProgramLab::new(None, None, Vec::new(), 2)
}

#[test]
fn the_form_starts_from_the_first_template_with_its_main_file_shown() {
    let lab = lab();
    assert_eq!(lab.program, PROGRAM_TEMPLATES[0].program());
    assert_eq!(lab.shown, "sequential.py");
    assert_eq!(lab.program.argv, vec!["8", "200000"]);
    assert_eq!(lab.args, "8 200000");
    assert!(lab.can_run());
}

#[test]
fn every_template_is_a_valid_program_whose_main_has_the_guard() {
    for t in PROGRAM_TEMPLATES {
        let program = t.program();
        program.check().expect("valid");
        assert!(
            program.files[&program.main].contains("if __name__ == \"__main__\":"),
            "{}",
            t.id
        );
    }
}

#[test]
fn files_are_added_shown_edited_and_removed_and_the_main_one_stays() {
    let mut lab = lab();
    lab.apply(ProgramAction::AddFile("helpers".into()));
    assert_eq!(lab.shown, "helpers.py");
    lab.apply(ProgramAction::Edit("X = 1\n".into()));
    assert_eq!(lab.program.files["helpers.py"], "X = 1\n");
    lab.apply(ProgramAction::AddFile("helpers.py".into()));
    assert_eq!(
        lab.message.as_deref(),
        Some("There is a file helpers.py already.")
    );
    lab.apply(ProgramAction::AddFile("bad-name".into()));
    assert!(
        lab.message
            .as_deref()
            .unwrap_or("")
            .contains("not a file name"),
        "{:?}",
        lab.message
    );
    lab.apply(ProgramAction::Show("sequential.py".into()));
    lab.apply(ProgramAction::RemoveShown);
    assert!(
        lab.message
            .as_deref()
            .unwrap_or("")
            .contains("main file cannot be removed")
    );
    lab.apply(ProgramAction::Show("helpers.py".into()));
    lab.apply(ProgramAction::MakeMain);
    assert_eq!(lab.program.main, "helpers.py");
    lab.apply(ProgramAction::Show("primes.py".into()));
    lab.apply(ProgramAction::RemoveShown);
    assert!(!lab.program.files.contains_key("primes.py"));
    assert_eq!(lab.shown, "helpers.py");
}

#[test]
fn arguments_split_as_a_shell_splits_them_and_an_open_quote_stops_run() {
    let mut lab = lab();
    lab.apply(ProgramAction::EditArgs("3 'two words' \"x\"".into()));
    assert_eq!(lab.program.argv, vec!["3", "two words", "x"]);
    lab.apply(ProgramAction::EditArgs("3 'open".into()));
    assert_eq!(lab.program.argv, vec!["3", "two words", "x"]);
    assert!(lab.run_request().expect_err("refused").contains("quote"));
    lab.apply(ProgramAction::RunStarted(1.0));
    assert!(lab.running.is_none());
}

#[test]
fn a_run_draws_its_output_and_its_record_says_how_it_ended() {
    let mut lab = lab();
    lab.apply(ProgramAction::RunStarted(1000.0));
    assert!(!lab.can_run());
    lab.apply(ProgramAction::Ready(1, 2500.0, "3.14.2".into(), true));
    lab.apply(ProgramAction::Spawned(
        2,
        1,
        "Process-1".into(),
        false,
        2650.0,
    ));
    lab.apply(ProgramAction::Ready(2, 2900.0, "3.14.2".into(), true));
    lab.apply(ProgramAction::Exited(2, 0, 2910.0, 3000.0));
    lab.apply(ProgramAction::Spawned(
        3,
        1,
        "Process-2".into(),
        true,
        2660.0,
    ));
    lab.apply(ProgramAction::Out(vec![chunk(
        1,
        Stream::Stdout,
        "job 0\n".into(),
        2600.0,
    )]));
    lab.apply(ProgramAction::Out(vec![chunk(
        1,
        Stream::Stderr,
        "took 1 s\n".into(),
        2700.0,
    )]));
    assert_eq!(lab.terminal.text(), "job 0\ntook 1 s\n");
    lab.apply(ProgramAction::Ended(Ending::Exited {
        status: 3,
        cut: false,
        begun: 2550.0,
        ended: 3800.0,
    }));
    let record = lab.last.clone().expect("a record");
    assert_eq!(record.status(), Some(3));
    assert_eq!(record.startup_ms(), Some(1550.0));
    assert_eq!(record.ran_ms(), Some(1250.0));
    assert_eq!(record.output.len(), 2);
    let exits: Vec<_> = record
        .processes
        .list
        .iter()
        .map(|p| (p.pid, p.exit_code))
        .collect();
    assert_eq!(exits, vec![(1, Some(3)), (2, Some(0)), (3, Some(-15))]);
    assert_eq!(
        record.processes.list[2].ended_by.as_deref(),
        Some("the main process ended")
    );
    assert_eq!(record.processes.list[1].startup_ms(), Some(250.0));
    let said = lab.message.clone().expect("said");
    assert!(
        said.starts_with(
            "Exited with status 3: the program ran 1.250 s (Python 3.14.2), after 1.550 s"
        ),
        "{said}"
    );
    let json = record.to_json();
    assert!(json.contains("\"format\": \"concurrency-playground-python-program\""));
    // Output after the end is not drawn.
    lab.apply(ProgramAction::Out(vec![chunk(
        1,
        Stream::Stdout,
        "late".into(),
        4000.0,
    )]));
    assert_eq!(lab.terminal.text(), "job 0\ntook 1 s\n");
}

#[test]
fn cancel_and_the_time_limit_are_said_from_the_record() {
    let mut lab = lab();
    lab.apply(ProgramAction::RunStarted(0.0));
    lab.apply(ProgramAction::Ended(Ending::Cancelled {
        at: 1500.0,
        workers_ended: 3,
    }));
    assert_eq!(
        lab.message.as_deref(),
        Some("Cancelled after 1.500 s: its 3 workers were ended, none left running.")
    );
    lab.apply(ProgramAction::RunStarted(0.0));
    lab.apply(ProgramAction::Ended(Ending::TimedOut {
        at: 9.0,
        limit_s: 30,
        workers_ended: 1,
    }));
    assert!(
        lab.message
            .as_deref()
            .unwrap_or("")
            .starts_with("Stopped at the time limit of 30 s: its 1 worker was ended")
    );
}

#[test]
fn a_link_opens_the_form_and_a_bad_program_shows_the_template_with_a_notice() {
    let link = read_program_link("?lab=python&program=1.AQID");
    assert!(link.form);
    assert_eq!(link.program, Some(vec![1, 2, 3]));
    assert!(read_program_link("lab=python&form=program").form);
    assert!(!read_program_link("lab=python&form=task").form);
    let bad = read_program_link("lab=python&program=2.AQID");
    assert!(bad.form && bad.program.is_none());
    assert!(
        bad.notices[0]
            .message
            .starts_with("program: the link's program is in version")
    );
    let mut lab = ProgramLab::new(Some(vec![1]), None, Vec::new(), 2);
    assert!(!lab.can_run());
    assert!(lab.program_to_keep().is_none());
    lab.apply(ProgramAction::LinkUnpacked(Ok("{\"main\": 1}".into())));
    assert!(lab.notices[0].message.contains("does not read"));
    assert!(
        lab.notices[0]
            .message
            .ends_with("The template is shown instead.")
    );
    assert!(lab.can_run());
    lab.apply(ProgramAction::LinkUnpacked(Ok(
        r#"{"main": "a.py", "files": {"a.py": "print(1)"}, "argv": ["x y"]}"#.into(),
    )));
    assert_eq!(lab.shown, "a.py");
    assert_eq!(lab.args, "'x y'");
}

#[test]
fn the_link_carries_the_program_or_says_why_not() {
    let (query, carried) = program_query(&[1, 2, 3]);
    assert_eq!(query, "lab=python&program=1.AQID");
    assert_eq!(carried, Ok(()));
    let (query, carried) = program_query(&vec![7; 6000]);
    assert_eq!(query, "lab=python&form=program");
    assert_eq!(carried, Err(TOO_LONG_FOR_LINK.to_owned()));
}

#[test]
fn the_interpreters_messages_read_and_the_run_message_is_what_it_reads() {
    let ready = FromProgram::read(
        r#"{"kind":"ready","started":1,"ready":2,"version":"3.14.2","sleep_blocks":true}"#,
    )
    .expect("reads");
    assert!(matches!(
        ready,
        FromProgram::Ready {
            sleep_blocks: true,
            ..
        }
    ));
    let out = FromProgram::read(r#"{"kind":"out","pid":2,"stream":"stderr","text":"x","t":3}"#)
        .expect("reads");
    assert!(matches!(
        out,
        FromProgram::Out {
            stream: Stream::Stderr,
            ..
        }
    ));
    assert!(FromProgram::read(r#"{"kind":"other"}"#).is_err());
    let run = ToProgram::Run {
        main: "a.py".into(),
        files: [("a.py".to_owned(), "print(1)".to_owned())].into(),
        argv: vec!["1".into()],
        pid: 2,
        parent: 1,
        name: "Process-1".into(),
        daemon: false,
        identity: vec![1],
        cores: 2,
        child: true,
    };
    assert_eq!(
        run.text(),
        r#"{"kind":"run","main":"a.py","files":{"a.py":"print(1)"},"argv":["1"],"pid":2,"parent":1,"name":"Process-1","daemon":false,"identity":[1],"cores":2,"child":true}"#
    );
    let spawn = FromProgram::read(
        r#"{"kind":"spawn","pid":2,"parent":1,"name":"Process-1","daemon":false,"identity":[1],"t":5}"#,
    )
    .expect("reads");
    assert!(matches!(
        spawn,
        FromProgram::Spawn {
            pid: 2,
            parent: 1,
            ..
        }
    ));
}

#[test]
fn opened_files_join_the_program_and_a_programs_json_replaces_it() {
    let mut lab = lab();
    lab.apply(ProgramAction::FilesOpened(Ok(vec![
        ("extra.py".into(), "X = 2\n".into()),
        (
            "primes.py".into(),
            "def count_primes(a, b):\n    return 0\n".into(),
        ),
    ])));
    assert_eq!(lab.message.as_deref(), Some("Opened 2 files."));
    assert_eq!(lab.shown, "extra.py");
    assert_eq!(lab.program.files.len(), 3);
    assert!(lab.program.files["primes.py"].contains("return 0"));
    lab.apply(ProgramAction::FilesOpened(Ok(vec![(
        "bad name.py".into(),
        String::new(),
    )])));
    assert!(
        lab.message
            .as_deref()
            .unwrap_or("")
            .contains("not a file name")
    );
    assert_eq!(lab.program.files.len(), 3, "a refused file changes nothing");
    let json = PROGRAM_TEMPLATES[1].program().to_json();
    lab.apply(ProgramAction::FilesOpened(Ok(vec![(
        "program.json".into(),
        json,
    )])));
    assert_eq!(lab.program, PROGRAM_TEMPLATES[1].program());
    assert_eq!(lab.shown, PROGRAM_TEMPLATES[1].main);
    lab.apply(ProgramAction::FilesOpened(Err("too big".into())));
    assert_eq!(lab.message.as_deref(), Some("too big"));
}

#[test]
fn a_time_limit_typed_wrong_says_why_and_keeps_the_last_good_one() {
    let mut lab = lab();
    assert_eq!(lab.limit_s, 120);
    lab.apply(ProgramAction::EditLimit("5".into()));
    assert_eq!((lab.limit_s, lab.limit_error.as_ref()), (5, None));
    lab.apply(ProgramAction::EditLimit("0".into()));
    assert_eq!(lab.limit_s, 5);
    let said = "Time limit: \"0\" is too small; it takes a whole number of seconds from 1 to 600.";
    assert_eq!(lab.limit_error.as_deref(), Some(said));
    assert_eq!(lab.run_request(), Err(said.to_owned()));
    lab.apply(ProgramAction::EditLimit("ten".into()));
    assert!(
        lab.limit_error
            .as_deref()
            .is_some_and(|e| e.contains("not a whole number"))
    );
    lab.apply(ProgramAction::EditLimit(" 600 ".into()));
    assert_eq!((lab.limit_s, lab.limit_error.as_ref()), (600, None));
}
