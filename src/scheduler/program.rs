//! A level as a CPython program to download: the same lines on real threads (or coroutines on
//! asyncio's loop), run many times with CPython choosing the order, counting the runs that reach
//! the level's goal. Threads sleep 0 s after each line, a point where the scheduler may switch,
//! as a preemption may between any two bytecodes; a run whose threads are still waiting after
//! a second is reported as deadlocked (the threads are daemons, so the program still ends).

use super::{Goal, Level, Op, Style};
use std::fmt::Write as _;

/// How many times the program runs the level.
pub const TRIALS: u32 = 200;

/// The file name the page offers: `scheduler_lost_update.py`.
pub fn file_name(level: &Level) -> String {
    format!("scheduler_{}.py", level.id.replace('-', "_"))
}

/// The unit's body as Python: its own `python` lines if it has them (a level that shows
/// bytecodes), else its lines; threads sleep 0 s after each.
fn body(level: &Level, unit: usize) -> String {
    let u = &level.units[unit];
    let mut out = String::new();
    let globals: Vec<&str> = level.shared.keys().map(String::as_str).collect();
    if !globals.is_empty() {
        let _ = writeln!(out, "    global {}", globals.join(", "));
    }
    let lines: Vec<(u8, String, bool)> = match &u.python {
        Some(python) => python.iter().map(|l| (0, l.clone(), false)).collect(),
        None => u
            .lines
            .iter()
            .map(|l| {
                (
                    l.indent,
                    l.text.trim().to_owned(),
                    matches!(l.op, Op::IfAtLeast { .. }),
                )
            })
            .collect(),
    };
    for (indent, text, opens) in lines {
        let pad = "    ".repeat(usize::from(indent) + 1);
        let _ = writeln!(out, "{pad}{text}");
        if level.style == Style::Threads {
            let pad = "    ".repeat(usize::from(indent) + 1 + usize::from(opens));
            let _ = writeln!(out, "{pad}time.sleep(0)  # the scheduler may switch here");
        }
    }
    out
}

/// What a trial returns in Python: whether it reached the goal.
fn goal_expression(level: &Level) -> String {
    match &level.goal {
        Goal::Ends { var, value } => format!("not stuck and {var} == {value}"),
        Goal::Deadlock => "bool(stuck)".to_owned(),
        Goal::WaitsOnEmpty { unit } => format!("\"{}\" in waited", level.units[*unit].name),
    }
}

/// The goal in words for the program's last line.
fn goal_words(level: &Level) -> String {
    match &level.goal {
        Goal::Ends { var, value } => format!("ended with {var} = {value}"),
        Goal::Deadlock => "deadlocked".to_owned(),
        Goal::WaitsOnEmpty { unit } => {
            format!("made {} wait on the empty queue", level.units[*unit].name)
        }
    }
}

/// The program for `level`.
pub fn program(level: &Level) -> String {
    let mut out = format!(
        "\"\"\"Concurrency Playground, be the scheduler: {title}.\n\n{task}\n\nThe same lines on \
         real {what}, run {TRIALS} times: here CPython chooses the order, not you, and the \
         program counts the runs that {goal}.\nRun it: python3 {file}\n\"\"\"\n",
        title = level.title,
        task = level.task,
        what = match level.style {
            Style::Threads => "threads",
            Style::Coroutines => "coroutines on asyncio's event loop",
        },
        goal = goal_words(level)
            .replace("ended", "end")
            .replace("deadlocked", "deadlock")
            .replace("made", "make"),
        file = file_name(level),
    );
    out.push_str(match level.style {
        Style::Threads => "import queue\nimport threading\nimport time\n\n",
        Style::Coroutines => "import asyncio\n\n",
    });
    let _ = writeln!(out, "TRIALS = {TRIALS}");
    for (var, value) in &level.shared {
        let _ = writeln!(out, "{var} = {value}");
    }
    let _ = writeln!(out, "waited = []");
    let _ = writeln!(out, "took = set()");
    out.push('\n');
    for (unit, u) in level.units.iter().enumerate() {
        let def = match level.style {
            Style::Threads => "def",
            Style::Coroutines => "async def",
        };
        let _ = write!(out, "\n{def} {}():\n{}\n", u.name, body(level, unit));
    }
    match level.style {
        Style::Threads => threads_main(level, &mut out),
        Style::Coroutines => coroutines_main(level, &mut out),
    }
    out
}

/// Resets the shared variables, locks and queue at the start of a trial.
fn reset(level: &Level) -> String {
    let mut names: Vec<&str> = level.shared.keys().map(String::as_str).collect();
    names.extend(level.locks.iter().map(String::as_str));
    if let Some(q) = &level.queue {
        names.push(&q.name);
    }
    let mut out = if names.is_empty() {
        String::new()
    } else {
        format!("    global {}\n", names.join(", "))
    };
    for (var, value) in &level.shared {
        let _ = writeln!(out, "    {var} = {value}");
    }
    for lock in &level.locks {
        let _ = writeln!(out, "    {lock} = threading.Lock()");
    }
    if let Some(q) = &level.queue {
        let _ = writeln!(out, "    {} = WatchedQueue(maxsize={})", q.name, q.capacity);
    }
    out.push_str("    waited.clear()\n    took.clear()\n");
    out
}

fn threads_main(level: &Level, out: &mut String) {
    if level.queue.is_some() {
        out.push_str(
            "\nclass WatchedQueue(queue.Queue):\n    \"\"\"A queue that notes who, having taken an \
             item already, found it empty when getting (and so waited for more).\"\"\"\n\n    \
             def get(self, *args, **kwargs):\n        me = threading.current_thread().name\n        \
             if self.empty() and me in took:\n            waited.append(me)\n        item = \
             super().get(*args, **kwargs)\n        took.add(me)\n        return item\n\n",
        );
    }
    let units: Vec<String> = level
        .units
        .iter()
        .map(|u| {
            format!(
                "threading.Thread(target={0}, name=\"{0}\", daemon=True)",
                u.name
            )
        })
        .collect();
    let _ = write!(
        out,
        "\ndef trial():\n    \"\"\"One run of the level: whether it {goal}, and the threads \
         still waiting after 1 s.\"\"\"\n{reset}    threads = [{units}]\n    for t in threads:\n        \
         t.start()\n    for t in threads:\n        t.join(timeout=1.0)\n    stuck = [t.name for t in \
         threads if t.is_alive()]\n    return {expr}, stuck\n\n\ndef main():\n    reached = runs = 0\n    \
         for runs in range(1, TRIALS + 1):\n        hit, stuck = trial()\n        reached += hit\n        \
         if stuck:\n            print(f\"run {{runs}}: {{', '.join(stuck)}} still waiting after 1 s: \
         deadlocked (they wait for ever); stopping\")\n            break\n    print(f\"{{reached}} of \
         {{runs}} runs {goal}\")\n\n\nif __name__ == \"__main__\":\n    main()\n",
        goal = goal_words(level),
        reset = reset(level),
        units = units.join(", "),
        expr = goal_expression(level),
    );
}

fn coroutines_main(level: &Level, out: &mut String) {
    let units: Vec<String> = level
        .units
        .iter()
        .map(|u| format!("{}()", u.name))
        .collect();
    let _ = write!(
        out,
        "\nasync def trial():\n    \"\"\"One run of the level: whether it {goal}.\"\"\"\n{reset}    \
         await asyncio.gather({units})\n    stuck = []\n    return {expr}\n\n\ndef main():\n    \
         reached = sum(asyncio.run(trial()) for _ in range(TRIALS))\n    print(f\"{{reached}} of \
         {{TRIALS}} runs {goal}\")\n\n\nif __name__ == \"__main__\":\n    main()\n",
        goal = goal_words(level),
        reset = reset(level).replace("threading.Lock()", "asyncio.Lock()"),
        units = units.join(", "),
        expr = goal_expression(level),
    );
}
