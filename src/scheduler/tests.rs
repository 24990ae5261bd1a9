//! The levels file and the model: each level's goal reachable or not as the level means it,
//! the counts of orders equal to a brute-force enumeration, moves read from a link and undone,
//! what the page says of a run, and the CPython programs.

use super::step::Run;
use super::story::{counts_words, move_words, story, unit_status};
use super::{Level, LevelBook, count_orders, program};
use std::process::Command;

fn book() -> LevelBook {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/www/scheduler/levels.json"
    ))
    .expect("the levels file");
    LevelBook::parse(&text).expect("the levels file reads")
}

fn level(id: &str) -> Level {
    book().find(id).expect("the level").clone()
}

/// Every sequence of moves (a letter per unit), tried one by one from the start: those that
/// end with no unit able to step, whatever the model's own walk says.
fn brute_force(level: &Level) -> (u64, u64) {
    let steps: usize = level.units.iter().map(|u| u.lines.len()).sum();
    let letters: Vec<char> = (0..level.units.len()).map(Level::letter).collect();
    let (mut orders, mut reaching) = (0, 0);
    let mut frontier = vec![String::new()];
    for _ in 0..=steps {
        let mut next = Vec::new();
        for moves in frontier {
            let Ok(run) = Run::from_moves(level, &moves) else {
                continue;
            };
            if run.state().over(level) {
                orders += 1;
                reaching += u64::from(run.reached(level));
                continue;
            }
            next.extend(letters.iter().map(|l| format!("{moves}{l}")));
        }
        frontier = next;
    }
    assert!(
        frontier.is_empty(),
        "{}: runs longer than its lines",
        level.id
    );
    (orders, reaching)
}

#[test]
fn every_level_reads_and_its_goal_is_reachable_as_meant() {
    let book = book();
    assert!(book.levels.len() >= 8);
    for (id, reachable) in [
        ("lost-update", true),
        ("gil-bytecodes", true),
        ("with-lock", false),
        ("check-then-act", true),
        ("deadlock", true),
        ("lock-order", false),
        ("bounded-queue", true),
        ("await-inside", true),
        ("no-await-inside", false),
    ] {
        let counts = count_orders(&level(id)).expect("small enough to count");
        assert_eq!(counts.reachable(), reachable, "{id}: {counts:?}");
    }
}

#[test]
fn the_counts_of_orders_equal_a_brute_force_enumeration() {
    for level in book().levels {
        let counts = count_orders(&level).expect("counted");
        assert_eq!(
            (counts.orders, counts.reaching),
            brute_force(&level),
            "{} (model, then brute force)",
            level.id
        );
    }
    // Two threads of read, add, write: 6!/(3!3!) orders, all but the two one-after-the-other.
    let lost = level("lost-update");
    let counts = count_orders(&lost).expect("counted");
    assert_eq!((counts.orders, counts.reaching), (20, 18));
    assert_eq!(
        counts_words(&lost, counts),
        "18 of the 20 possible orders end with counter = 1."
    );
    // Coroutines switch only at an await: who starts, and who goes on after each await, make 6
    // orders, and the 4 in which both read before either writes lose the update.
    let counts = count_orders(&level("await-inside")).expect("counted");
    assert_eq!((counts.orders, counts.reaching), (6, 4));
    let counts = count_orders(&level("deadlock")).expect("counted");
    assert!(counts.stuck > 0 && counts.stuck == counts.reaching);
}

#[test]
fn a_lost_update_is_told_from_the_moves() {
    let lost = level("lost-update");
    let counts = count_orders(&lost).expect("counted");
    let mut run = Run::from_moves(&lost, "ABAB").expect("valid moves");
    assert_eq!(story(&lost, &run, counts), None, "not over yet");
    assert_eq!(unit_status(&lost, run.state(), 0), "next: counter = tmp");
    run.step(&lost, 0).expect("A writes");
    run.step(&lost, 1).expect("B writes");
    assert!(run.reached(&lost));
    assert_eq!(run.moves_text(), "ABABAB");
    assert_eq!(
        move_words(&lost, &run, 1),
        "2. B: tmp = counter (read counter = 0)"
    );
    assert_eq!(
        move_words(&lost, &run, 5),
        "6. B: counter = tmp (counter = 1)"
    );
    let told = story(&lost, &run, counts).expect("over");
    assert!(
        told.starts_with(
            "B read counter = 0 at move 2. A then wrote counter = 1 at move 5. B went on from \
             what it had seen and wrote counter = 1 at move 6: A's write was lost"
        ),
        "{told}"
    );
    // Step back undoes; an order without loss says the run is over without the goal.
    assert!(run.back() && run.back());
    assert_eq!(run.moves_text(), "ABAB");
    let serial = Run::from_moves(&lost, "AAABBB").expect("valid");
    assert!(!serial.reached(&lost));
    assert!(
        story(&lost, &serial, counts)
            .is_some_and(|s| s.contains("Step back") && s.contains("18 of the 20"))
    );
}

#[test]
fn a_deadlock_a_check_then_act_and_an_empty_queue_are_told() {
    let deadlock = level("deadlock");
    let counts = count_orders(&deadlock).expect("counted");
    let run = Run::from_moves(&deadlock, "AB").expect("valid");
    assert!(run.state().stuck(&deadlock));
    assert_eq!(
        story(&deadlock, &run, counts).expect("over"),
        "A holds a and waits for b, which B holds; B holds b and waits for a, which A holds; \
         none can go on, and none ever will: a deadlock. A takes a then b; B takes b then a."
    );
    assert_eq!(
        unit_status(&deadlock, run.state(), 0),
        "waits for b, which B holds"
    );
    assert_eq!(
        Run::from_moves(&deadlock, "ABA").expect_err("A waits"),
        "Move 3 (A) cannot be made: it waits for b, which B holds."
    );
    let check = level("check-then-act");
    let counts = count_orders(&check).expect("counted");
    let run = Run::from_moves(&check, "ABAB").expect("valid");
    assert!(run.reached(&check));
    let told = story(&check, &run, counts).expect("over");
    assert!(told.starts_with("B checked balance >= 10 (balance was 10) at move 2. A then wrote balance = 0 at move 3."), "{told}");
    assert!(
        told.ends_with("its check no longer held when it acted (balance was 0), because checking and acting were separate steps and the scheduler ran A between them."),
        "{told}"
    );
    let queue = level("bounded-queue");
    let counts = count_orders(&queue).expect("counted");
    let run = Run::from_moves(&queue, "AB").expect("valid");
    assert!(
        run.reached(&queue),
        "the consumer's second get finds the queue empty"
    );
    assert_eq!(
        story(&queue, &run, counts).expect("reached"),
        "consumer reached second = q.get() with q empty (1 put and 1 taken so far): it waits \
         until producer puts one."
    );
    assert!(
        Run::from_moves(&queue, "AAB").is_err(),
        "the second put waits on the full queue"
    );
}

#[test]
fn where_the_goal_cannot_be_reached_the_page_says_why_from_the_lines() {
    let locked = level("with-lock");
    let counts = count_orders(&locked).expect("counted");
    let run = Run::from_moves(&locked, "AAAAABBBBB").expect("valid");
    let told = story(&locked, &run, counts).expect("over");
    assert!(
        told.starts_with("Every unit ended (counter = 2). None of the"),
        "{told}"
    );
    assert!(
        told.contains("every read and write of counter was made holding lock"),
        "{told}"
    );
    let ordered = level("lock-order");
    let counts = count_orders(&ordered).expect("counted");
    let run = Run::from_moves(&ordered, "AAAABBBB").expect("valid");
    let told = story(&ordered, &run, counts).expect("over");
    assert!(told.contains("the same order (a then b)"), "{told}");
    let no_await = level("no-await-inside");
    let counts = count_orders(&no_await).expect("counted");
    let run = Run::from_moves(&no_await, "AAAABBBB").expect("valid");
    let told = story(&no_await, &run, counts).expect("over");
    assert!(
        told.contains("no coroutine awaits between reading counter and writing it"),
        "{told}"
    );
    // A coroutine that has not awaited keeps the loop.
    assert!(
        Run::from_moves(&no_await, "AB")
            .expect_err("A has not awaited")
            .contains("A is running and has not reached an await")
    );
}

#[test]
fn a_bad_file_says_what_is_wrong() {
    assert!(LevelBook::parse("{").is_err());
    let mut text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/www/scheduler/levels.json"
    ))
    .expect("the file");
    text = text.replacen("\"lock\": \"b\"", "\"lock\": \"c\"", 1);
    let why = LevelBook::parse(&text).expect_err("names no lock c");
    assert!(why.contains("names no lock c"), "{why}");
}

#[test]
fn every_levels_cpython_program_compiles_and_the_certain_ones_say_what_the_model_says() {
    let dir = std::env::temp_dir().join(format!("cp-scheduler-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    for level in book().levels {
        let file = dir.join(program::file_name(&level));
        std::fs::write(&file, program::program(&level)).expect("writes");
        let compiled = Command::new("python3")
            .args(["-m", "py_compile"])
            .arg(&file)
            .output()
            .expect("python3 runs");
        assert!(
            compiled.status.success(),
            "{}: {}",
            level.id,
            String::from_utf8_lossy(&compiled.stderr)
        );
    }
    // Deterministic on CPython: with the lock never; coroutines always lose with the await
    // inside and never without it.
    for (id, said) in [
        ("with-lock", "0 of 200 runs ended with counter = 1"),
        ("await-inside", "200 of 200 runs ended with counter = 1"),
        ("no-await-inside", "0 of 200 runs ended with counter = 1"),
    ] {
        let out = Command::new("python3")
            .arg(dir.join(program::file_name(&level(id))))
            .output()
            .expect("python3 runs");
        let text = String::from_utf8_lossy(&out.stdout);
        assert_eq!(
            text.trim(),
            said,
            "{id}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

fn levels_text() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/www/scheduler/levels.json"
    ))
    .expect("the file")
}

/// The page's notices, as it shows them.
fn messages(page: &super::lab::SchedulerLab) -> Vec<&str> {
    page.notices.iter().map(|n| n.message.as_str()).collect()
}

#[test]
fn the_page_plays_a_links_moves_and_keeps_its_address_in_step() {
    use super::lab::{Book, SchedulerAction, SchedulerLab};
    let mut page = SchedulerLab::new("?lab=scheduler&level=lost-update&moves=ABAB");
    assert_eq!(page.book, Book::Loading);
    page.apply(SchedulerAction::Loaded(Ok(levels_text())));
    assert!(messages(&page).is_empty(), "{:?}", page.notices);
    assert_eq!(
        page.run.as_ref().map(Run::moves_text).as_deref(),
        Some("ABAB")
    );
    assert_eq!(page.counts.map(|c| (c.orders, c.reaching)), Some((20, 18)));
    page.apply(SchedulerAction::Step(0));
    assert_eq!(page.announcement, "5. A: counter = tmp (counter = 1)");
    assert_eq!(page.query(), "lab=scheduler&level=lost-update&moves=ABABA");
    page.apply(SchedulerAction::Back);
    assert_eq!(page.announcement, "Move 5 undone.");
    assert_eq!(page.query(), "lab=scheduler&level=lost-update&moves=ABAB");
    page.apply(SchedulerAction::Restart);
    assert_eq!(page.query(), "lab=scheduler&level=lost-update");
    page.apply(SchedulerAction::Back);
    assert_eq!(page.announcement, "Nothing to undo: no move has been made.");
    assert_eq!(
        SchedulerLab::level_query("deadlock"),
        "?lab=scheduler&level=deadlock"
    );
}

#[test]
fn a_links_bad_level_or_moves_get_a_notice_and_the_page_goes_on() {
    use super::lab::{SchedulerAction, SchedulerLab};
    let mut page = SchedulerLab::new("lab=scheduler&level=nope&moves=AB");
    page.apply(SchedulerAction::Loaded(Ok(levels_text())));
    assert_eq!(page.level, None);
    assert_eq!(
        messages(&page),
        ["level: there is no level nope; the list of levels is shown."]
    );
    assert_eq!(page.notices[0].setting, "level");
    let mut page = SchedulerLab::new("lab=scheduler&level=deadlock&moves=ABAZ");
    page.apply(SchedulerAction::Loaded(Ok(levels_text())));
    assert_eq!(
        page.run.as_ref().map(Run::moves_text).as_deref(),
        Some("AB")
    );
    assert_eq!(
        messages(&page),
        [
            "moves: move 3 (A) cannot be made: it waits for b, which B holds; the moves before it are kept."
        ]
    );
    let mut page = SchedulerLab::new(&format!("level=deadlock&moves={}", "A".repeat(500)));
    page.apply(SchedulerAction::Loaded(Ok(levels_text())));
    assert!(messages(&page)[0].starts_with("moves: a link carries at most 200 moves"));
    assert_eq!(page.run.as_ref().map(|r| r.moves.len()), Some(0));
    let mut page = SchedulerLab::new("level=deadlock&moves=AB");
    page.apply(SchedulerAction::Step(0));
    page.apply(SchedulerAction::Loaded(Ok(levels_text())));
    page.apply(SchedulerAction::Step(0));
    assert_eq!(
        page.announcement,
        "A cannot step: it waits for b, which B holds."
    );
    let mut page = SchedulerLab::new("");
    page.apply(SchedulerAction::Loaded(Err("404".into())));
    assert!(matches!(page.book, super::lab::Book::Failed(ref why) if why.contains("404")));
}
