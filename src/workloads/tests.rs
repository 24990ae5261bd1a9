//! Known answers for every workload, and the checksum's independence from the split.

use super::*;
use crate::settings::Split;
use proptest::prelude::*;

fn run_all(tasks: &[TaskSpec]) -> WorkloadResult {
    let outputs: Vec<TaskOutput> = tasks.iter().map(|t| run_to_end(&mut t.start())).collect();
    WorkloadResult::fold(&outputs)
}

fn plan_for(workload: WorkloadKind, tasks: u32, edit: impl FnOnce(&mut Settings)) -> Plan {
    let mut s = Settings::defaults(2);
    s.workload = workload;
    s.tasks = tasks;
    edit(&mut s);
    assert!(s.check().is_empty(), "{:?}", s.check());
    Plan::new(&s, Calibration::default())
}

#[test]
fn prime_counts_are_known() {
    for (limit, count) in [
        (2, 0),
        (3, 1),
        (10, 4),
        (100, 25),
        (1000, 168),
        (1_000_000, 78_498),
    ] {
        assert_eq!(primes::count(limit).0, count, "primes below {limit}");
    }
}

#[test]
fn primes_below_five_million() {
    assert_eq!(primes::count(5_000_000).0, 348_513);
}

#[test]
fn primes_split_like_the_python_reference() {
    let tasks = primes::PrimesTask::split(1_000_000, 8);
    assert_eq!(
        tasks[0],
        primes::PrimesTask {
            from: 0,
            to: 125_000
        }
    );
    assert_eq!(tasks[7].to, 1_000_000);
    let whole = run_all(
        &tasks
            .iter()
            .cloned()
            .map(TaskSpec::Primes)
            .collect::<Vec<_>>(),
    );
    assert_eq!(whole.items, 78_498);
    assert_eq!(whole.checksum, primes::count(1_000_000).1);
}

#[test]
fn mandelbrot_pixels_are_known() {
    use mandelbrot::escape_time;
    assert_eq!(escape_time(0.0, 0.0, 500), 500, "the origin is inside");
    assert_eq!(
        escape_time(-1.0, 0.0, 500),
        500,
        "-1 cycles between -1 and 0"
    );
    assert_eq!(escape_time(-2.5, -1.25, 500), 1, "|c| > 2 escapes at once");
    assert_eq!(escape_time(1.0, 0.0, 500), 3, "0, 1, 2, 5");
    assert_eq!(escape_time(0.5, 0.0, 500), 5, "0.5, 0.75, 1.06, 1.63, 3.15");
    assert_eq!(
        escape_time(0.0, 1.0, 500),
        500,
        "i cycles between -1+i and -i"
    );
}

#[test]
fn mandelbrot_bands_cover_the_image() {
    let plan = plan_for(WorkloadKind::Mandelbrot, 7, |s| {
        s.width = 64;
        s.height = 48;
        s.iterations = 200;
    });
    let outputs: Vec<TaskOutput> = plan
        .tasks
        .iter()
        .map(|t| run_to_end(&mut t.start()))
        .collect();
    let pixels: usize = outputs
        .iter()
        .map(|o| o.pixels.as_ref().map_or(0, Vec::len))
        .sum();
    assert_eq!(pixels, 64 * 48);
    let centre_row = &outputs[3].pixels.as_ref().expect("pixels");
    assert!(centre_row.contains(&200), "the middle band crosses the set");
}

#[test]
fn hash_chains_match_sha256sum() {
    // The input of chain 2 with seed 1, and digests computed by the shell:
    // printf '\x01\0\0\0\0\0\0\0\x02\0\0\0\0\0\0\0' | sha256sum, then
    // h=...; for i in $(seq 999); do h=$(echo -n $h | xxd -r -p | sha256sum | cut -c1-64); done
    let once = hashes::sha256(&hashes::chain_input(1, 2));
    assert_eq!(
        hex(&once),
        "0c730b69905c5ef7a4ca5269f72365400bde2dd2c04eaf9bbb3d1c4a265a0131"
    );
    let mut twice = once;
    hashes::rehash(&mut twice, 1);
    assert_eq!(
        hex(&twice),
        "3b4bb100b32348c17933754ddf5af270c918ad20ad7ebd5c939ebb9796b01f71"
    );
    let task = TaskSpec::Hashes(hashes::ChainsTask {
        first: 2,
        count: 1,
        rounds: 1000,
        seed: 1,
    });
    let out = run_to_end(&mut task.start());
    let expected = u64::from_le_bytes([0xea, 0xcf, 0x11, 0x68, 0x54, 0x4a, 0x62, 0x99]);
    assert_eq!(out.total, expected, "1000 rounds: eacf1168544a6299...");
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn collatz_steps_are_known() {
    assert_eq!(collatz::stopping_time(1), 0);
    assert_eq!(collatz::stopping_time(6), 8);
    assert_eq!(collatz::stopping_time(27), 111);
    assert_eq!(collatz::stopping_time(97), 118);
}

#[test]
fn collatz_shortcuts_count_every_step_of_the_plain_definition() {
    fn plain(mut n: u64) -> u64 {
        let mut steps = 0;
        while n > 1 {
            n = if n.is_multiple_of(2) {
                n / 2
            } else {
                3 * n + 1
            };
            steps += 1;
        }
        steps
    }
    for n in (0..20_000).chain([77_031, 837_799, 63_728_127]) {
        assert_eq!(collatz::stopping_time(n), plain(n), "n = {n}");
    }
}

#[test]
fn an_uneven_split_gives_the_last_task_the_most() {
    let tasks = collatz::CollatzTask::split(1000, 4, Split::Uneven);
    let sizes: Vec<u32> = tasks.iter().map(|t| t.to - t.from).collect();
    assert_eq!(sizes, vec![100, 200, 300, 400]);
    assert_eq!(tasks[0].from, 1);
    assert_eq!(tasks[3].to, 1001);
    let even = collatz::CollatzTask::split(1000, 4, Split::Even);
    assert!(even.iter().all(|t| t.to - t.from == 250));
}

#[test]
fn downloads_wait_then_parse() {
    let plan = plan_for(WorkloadKind::Downloads, 3, |s| {
        s.latency_ms = 100;
        s.jitter_ms = 50;
    });
    let mut job = plan.tasks[0].start();
    let Step::Wait { ms } = job.step() else {
        panic!("a download waits first")
    };
    assert!((100.0..=150.0).contains(&ms));
    let Step::Done(out) = job.step() else {
        panic!("then it parses")
    };
    assert_eq!(out.items, 48);
    let again = plan_for(WorkloadKind::Downloads, 3, |s| {
        s.latency_ms = 100;
        s.jitter_ms = 50;
    });
    assert_eq!(plan, again, "the jitter is drawn from the seed");
}

#[test]
fn mixed_work_is_fixed_by_the_calibration() {
    let calibration = Calibration {
        hash_rounds_per_ms: 1000.0,
        measured: true,
    };
    let tasks = mixed::MixedTask::split(2, 10, 3, 1, &calibration);
    assert_eq!(tasks[0].rounds, 3000);
    let mut job = TaskSpec::Mixed(tasks[0].clone()).start();
    assert!(matches!(job.step(), Step::Wait { ms } if ms == 10.0));
    assert_eq!(run_to_end(&mut job).total, 3000);
    let measured = Calibration::measure(
        {
            let start = std::time::Instant::now();
            move || start.elapsed().as_secs_f64() * 1000.0
        },
        5.0,
    );
    assert!(measured.hash_rounds_per_ms > 10.0);
}

#[test]
fn mixed_computing_gives_a_known_checksum() {
    // 3 tasks of seed 5, each 3,000 SHA-256 rounds after its input, folded with SplitMix64,
    // computed independently with Python's hashlib:
    //   d = sha256(pack('<QQ', 5, i)); 3000 times d = sha256(d); sum mix(first 8 bytes, LE)
    let calibration = Calibration {
        hash_rounds_per_ms: 1000.0,
        measured: true,
    };
    let tasks = mixed::MixedTask::split(3, 0, 3, 5, &calibration);
    let outputs: Vec<_> = tasks
        .iter()
        .map(|t| run_to_end(&mut TaskSpec::Mixed(t.clone()).start()))
        .collect();
    let result = WorkloadResult::fold(&outputs);
    assert_eq!(result.checksum.to_string(), "8c1ecb84c4345274");
    assert_eq!(result.total, 9000, "rounds computed");
}

fn checksum_of(workload: WorkloadKind, tasks: u32) -> WorkloadResult {
    let plan = plan_for(workload, tasks, |s| {
        s.limit = 20_000;
        s.width = 40;
        s.height = 30;
        s.iterations = 300;
        s.chains = 30;
        s.rounds = 300;
        s.numbers = 5000;
        s.latency_ms = 0;
        s.cpu_ms = 1;
    });
    run_all(&plan.tasks)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn the_checksum_does_not_depend_on_the_split(tasks in 1u32..=30, pick in 0usize..4) {
        // The CPU-bound workloads divide a fixed amount of work; a download or a mixed task is
        // itself the unit of work, so there `tasks` is how much work there is.
        let workload = [WorkloadKind::Primes, WorkloadKind::Mandelbrot, WorkloadKind::Hashes, WorkloadKind::Collatz][pick];
        let one = checksum_of(workload, 1);
        let many = checksum_of(workload, tasks);
        prop_assert_eq!(one.checksum, many.checksum);
        prop_assert_eq!(one.items, many.items);
    }

    #[test]
    fn the_collatz_checksum_does_not_depend_on_evenness(tasks in 1u32..=40) {
        let even = collatz::CollatzTask::split(3000, tasks, Split::Even);
        let uneven = collatz::CollatzTask::split(3000, tasks, Split::Uneven);
        let a = run_all(&even.into_iter().map(TaskSpec::Collatz).collect::<Vec<_>>());
        let b = run_all(&uneven.into_iter().map(TaskSpec::Collatz).collect::<Vec<_>>());
        prop_assert_eq!(a, b);
    }

    #[test]
    fn the_order_of_outputs_does_not_matter(seed in 0u32..1000) {
        let plan = plan_for(WorkloadKind::Hashes, 6, |s| { s.chains = 12; s.rounds = 5; s.seed = seed; });
        let mut outputs: Vec<TaskOutput> = plan.tasks.iter().map(|t| run_to_end(&mut t.start())).collect();
        let forward = WorkloadResult::fold(&outputs);
        outputs.reverse();
        prop_assert_eq!(forward, WorkloadResult::fold(&outputs));
    }
}
