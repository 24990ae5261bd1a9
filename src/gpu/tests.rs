//! The GPU mode's plain Rust: the kernels' work emulated on the CPU gives the CPU's checksum,
//! every number is dispatched once, the dispatches stay short, and the record reads in order.

use super::emulate::{self, collatz_in_halves};
use super::kernel::{Kernel, MAX_INVOCATIONS, NotOnGpu};
use super::sizer::{Sizer, TARGET_MS};
use super::{AdapterFacts, GpuRun, GpuSupport};
use crate::engine::assemble;
use crate::model::record::IntervalKind;
use crate::settings::{Mode, Precision, Settings, Split, WorkloadKind};
use crate::workloads::collatz::stopping_time;
use crate::workloads::{Calibration, Plan, WorkloadResult, run_to_end};

fn settings(workload: WorkloadKind, tasks: u32) -> Settings {
    let mut s = Settings::defaults(2);
    s.workload = workload;
    s.tasks = tasks;
    s.limit = 300_000;
    s.numbers = 200_000;
    s.chains = 24;
    s.rounds = 1500;
    s
}

fn on_cpu(plan: &Plan) -> WorkloadResult {
    let outs: Vec<_> = plan
        .tasks
        .iter()
        .map(|t| run_to_end(&mut t.start()))
        .collect();
    WorkloadResult::fold(&outs)
}

#[test]
fn the_gpu_computes_the_cpus_result_for_every_exact_workload() {
    for (kind, tasks) in [
        (WorkloadKind::Primes, 1),
        (WorkloadKind::Primes, 7),
        (WorkloadKind::Collatz, 3),
        (WorkloadKind::Hashes, 4),
        (WorkloadKind::Mandelbrot, 5),
    ] {
        for ms_per_unit in [1e-5, 1e-3, 0.5] {
            let mut s = settings(kind, tasks);
            s.split = Split::Uneven;
            s.precision = Precision::F32;
            let plan = Plan::new(&s, Calibration::default());
            let record = assemble(emulate::run(&plan, s.clone(), ms_per_unit)).record;
            assert_eq!(record.result, on_cpu(&plan), "{kind} in {tasks} tasks");
            // Each task's own part, though dispatches span tasks.
            for task in &record.tasks {
                let cpu = run_to_end(&mut plan.tasks[task.index as usize].start());
                assert_eq!(task.checksum, cpu.checksum, "{kind}, task {}", task.index);
            }
            assert_eq!(record.mode, Mode::Gpu);
            assert_eq!(record.tasks.len(), tasks as usize);
        }
    }
}

#[test]
fn the_gpus_mandelbrot_image_is_the_cpus_pixel_for_pixel_when_computed_alike() {
    let mut s = settings(WorkloadKind::Mandelbrot, 3);
    (s.width, s.height, s.iterations, s.precision) = (97, 61, 300, Precision::F32);
    let plan = Plan::new(&s, Calibration::default());
    let gpu = emulate::result(&plan, s.clone(), 1e-3);
    let cpu_pixels: Vec<u32> = plan
        .tasks
        .iter()
        .flat_map(|t| run_to_end(&mut t.start()).pixels.expect("a band's pixels"))
        .collect();
    assert_eq!(gpu.image.expect("an image").counts, cpu_pixels);
    assert_eq!(gpu.record.result, on_cpu(&plan));
    assert!(gpu.record.gpu.as_ref().is_some_and(|g| g.approximate));
    // In 64-bit floats the GPU has no kernel, and says which floats to choose.
    s.precision = Precision::F64;
    let why = GpuRun::new(&Plan::new(&s, Calibration::default())).expect_err("f64");
    assert!(why.reason().contains("precision=f32"), "{}", why.reason());
}

#[test]
fn the_collatz_kernels_halves_count_as_64_bit_integers_do() {
    for n in (0..100_000).chain((99_000_000..99_020_000).step_by(7)) {
        assert_eq!(
            u64::from(collatz_in_halves(n)),
            stopping_time(u64::from(n)),
            "n = {n}"
        );
    }
    // 77,031 climbs to 21,933,016 and 837,799 (the longest below a million) past 2^32.
    assert_eq!(collatz_in_halves(837_799), 524);
}

#[test]
fn every_number_is_dispatched_once_and_no_dispatch_is_too_large() {
    let s = settings(WorkloadKind::Primes, 3);
    let plan = Plan::new(&s, Calibration::default());
    let mut run = GpuRun::new(&plan).expect("primes run on the GPU");
    let mut next = 0;
    let mut dispatches = 0;
    while let Some(d) = run.next_dispatch() {
        let [first, count, ..] = d.params;
        assert_eq!(first, next, "dispatches follow each other");
        assert!((1..=MAX_INVOCATIONS).contains(&count));
        assert_eq!(d.read_words, count.div_ceil(32));
        next = first + count;
        dispatches += 1;
        let t = (f64::from(dispatches), f64::from(dispatches) + 0.1);
        // A fast GPU: a microsecond per number.
        let compute = (t.1, t.1 + count as f64 * 1e-3);
        let words = vec![0; d.read_words as usize];
        run.finished(
            &d,
            super::DispatchTimes {
                upload: t,
                compute,
                read_back: Some((compute.1, compute.1)),
                gpu_ms: None,
            },
            &words,
        );
    }
    assert_eq!(next, s.limit);
    assert_eq!(run.tasks_done(), 3);
    assert!(
        dispatches > 3,
        "the sizer starts small: {dispatches} dispatches"
    );
}

#[test]
fn long_chains_are_spread_over_dispatches_and_read_back_once() {
    // Four tasks' chains start together: one invocation per chain of the whole plan.
    let mut s = settings(WorkloadKind::Hashes, 4);
    s.rounds = 100_000;
    let plan = Plan::new(&s, Calibration::default());
    let mut run = GpuRun::new(&plan).expect("hashes run on the GPU");
    let (mut rounds, mut reads, mut starts) = (0, 0, 0);
    while let Some(d) = run.next_dispatch() {
        let [_, count, now, start, ..] = d.params;
        assert_eq!(count, s.chains);
        rounds += now;
        starts += start;
        reads += u32::from(d.read_words > 0);
        let compute = (0.0, d.units as f64 * 1e-3);
        let words = vec![0; d.read_words as usize];
        run.finished(
            &d,
            super::DispatchTimes {
                upload: (0.0, 0.0),
                compute,
                read_back: None,
                gpu_ms: None,
            },
            &words,
        );
    }
    assert_eq!((rounds, reads, starts), (s.rounds, 1, 1));
    assert!(run.dispatches() > 3);
}

#[test]
fn the_sizer_aims_at_its_target_and_grows_at_most_fourfold() {
    let mut sizer = Sizer::new(4096, 1_000_000);
    sizer.observe(4096, 2.0);
    assert_eq!(sizer.units(), 4 * 4096, "fast: grows, but by four at most");
    sizer.observe(16_384, 200.0);
    assert_eq!(sizer.units(), 4096, "slow: shrinks to aim at the target");
    sizer.observe(4096, TARGET_MS);
    assert_eq!(sizer.units(), 4096, "on target: stays");
    sizer.observe(1_000_000, 0.0);
    assert!(sizer.units() <= 1_000_000, "never above the most");
    sizer.observe(1, 1e9);
    assert_eq!(sizer.units(), 1, "never below one");
}

fn plan_again() -> Plan {
    Plan::new(&settings(WorkloadKind::Collatz, 2), Calibration::default())
}

#[test]
fn without_the_gpus_time_the_whole_wait_is_compute() {
    let times = super::DispatchTimes {
        upload: (0.0, 1.0),
        compute: (1.0, 11.0),
        read_back: None,
        gpu_ms: None,
    };
    assert_eq!(times.queue_wait(), (None, (1.0, 11.0)));
    // A GPU time longer than the wait (clocks that disagree) is not believed.
    let odd = super::DispatchTimes {
        gpu_ms: Some(12.0),
        ..times
    };
    assert_eq!(odd.queue_wait(), (None, (1.0, 11.0)));
    let timed = super::DispatchTimes {
        gpu_ms: Some(4.0),
        ..times
    };
    assert_eq!(timed.queue_wait(), (Some((1.0, 7.0)), (7.0, 11.0)));
}

#[test]
fn the_record_reads_in_order_with_startup_apart() {
    let s = settings(WorkloadKind::Collatz, 2);
    let plan = Plan::new(&s, Calibration::default());
    let record = assemble(emulate::run(&plan, s, 1e-4)).record;
    let lane = &record.lanes[0];
    assert_eq!(lane.intervals[0].kind, IntervalKind::Startup);
    assert_eq!(record.startup_ms, 5.0);
    for pair in lane.intervals.windows(2) {
        assert!(pair[0].end <= pair[1].start + 1e-9, "{pair:?}");
    }
    // The emulated GPU timed its own passes: each wait for the queue is dispatch, then compute
    // of the GPU's duration.
    let kinds: Vec<_> = lane.intervals[1..5].iter().map(|iv| iv.kind).collect();
    assert_eq!(
        kinds,
        [
            IntervalKind::Upload,
            IntervalKind::Dispatch,
            IntervalKind::Compute,
            IntervalKind::ReadBack
        ]
    );
    let (dispatched, computed) = (&lane.intervals[2], &lane.intervals[3]);
    let wait = computed.end - dispatched.start;
    assert!(((computed.end - computed.start) - 0.9 * wait).abs() < 1e-9);
    let facts = emulate::result(&plan_again(), settings(WorkloadKind::Collatz, 2), 1e-4)
        .record
        .gpu
        .clone()
        .expect("facts");
    assert!(
        facts.timing.contains("timestamp queries"),
        "{}",
        facts.timing
    );
    assert!(
        lane.label
            .starts_with("GPU (emulated in cargo test, emulated on the CPU): "),
        "{}",
        lane.label
    );
}

#[test]
fn workloads_without_an_exact_kernel_say_why() {
    for kind in [
        WorkloadKind::Downloads,
        WorkloadKind::Mixed,
        WorkloadKind::Convoy,
    ] {
        let why = Kernel::for_workload(kind, Precision::F32)
            .expect_err("waits for IO")
            .reason();
        assert!(
            why.contains("waits for IO") && why.contains(kind.title()),
            "{why}"
        );
    }
    assert_eq!(
        Kernel::for_workload(WorkloadKind::Mandelbrot, Precision::F64),
        Err(NotOnGpu::NeedsF32)
    );
    assert!(NotOnGpu::NeedsF32.reason().contains("no 64-bit floats"));
    assert_eq!(
        Kernel::for_workload(WorkloadKind::Mandelbrot, Precision::F32),
        Ok(Kernel::Mandelbrot)
    );
}

#[test]
fn a_software_adapter_is_told_apart() {
    let swiftshader = AdapterFacts {
        vendor: "google".into(),
        architecture: "swiftshader".into(),
        ..AdapterFacts::default()
    };
    assert!(swiftshader.is_software());
    let summary = GpuSupport::Available(swiftshader.clone()).summary();
    assert!(summary.starts_with("google · swiftshader;"), "{summary}");
    assert!(summary.contains("emulated on the CPU"), "{summary}");
    assert_eq!(GpuSupport::no_adapter().word(), "unavailable");
    assert!(
        GpuSupport::no_adapter()
            .summary()
            .starts_with("unavailable: WebGPU is here")
    );
    assert_eq!(swiftshader.name(), "google · swiftshader");
    let real = AdapterFacts {
        vendor: "nvidia".into(),
        architecture: "ampere".into(),
        ..AdapterFacts::default()
    };
    assert!(!real.is_software());
    assert!(
        AdapterFacts::default()
            .name()
            .contains("does not name itself")
    );
    assert_eq!(GpuSupport::Available(real).unavailable_reason(), None);
    assert!(
        GpuSupport::no_webgpu()
            .unavailable_reason()
            .expect("a reason")
            .contains("navigator.gpu")
    );
}

#[test]
fn every_kernel_file_is_there_with_the_workgroup_size_the_page_dispatches() {
    for kernel in [
        Kernel::Primes,
        Kernel::Collatz,
        Kernel::Hashes,
        Kernel::Mandelbrot,
    ] {
        let path = format!("{}/www/{}", env!("CARGO_MANIFEST_DIR"), kernel.file());
        let source = std::fs::read_to_string(&path).expect("the kernel's file");
        let size = format!("@workgroup_size({})", super::kernel::WORKGROUP_SIZE);
        assert!(
            source.contains(&size) && source.contains("fn main("),
            "{path}"
        );
    }
}
