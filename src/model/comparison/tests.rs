//! The comparison's tests: speedups, agreement, the flags for a speedup beyond the cores.
use super::*;
use crate::settings::Settings;
use crate::workloads::WorkloadResult;

fn record(mode: Mode, wall_ms: f64, startup_ms: f64, checksum: u64) -> RunRecord {
    RunRecord {
        mode,
        settings: Settings::defaults(4),
        on_main_thread: false,
        lanes: vec![],
        tasks: vec![],
        wall_ms,
        startup_ms,
        bytes_serialized: 0,
        serialize_ms: 0.0,
        gil_switches: 0,
        result: WorkloadResult {
            checksum: Checksum(checksum),
            items: 0,
            total: 0,
        },
        timer_resolution_ms: 0.005,
        origin_ms: 0.0,
        stopped: None,
        gpu: None,
    }
}

fn with_workers(mut record: RunRecord, workers: u32) -> RunRecord {
    record.settings.workers = workers;
    record
}

#[test]
fn an_efficiency_over_100_percent_is_flagged_not_clamped() {
    // The WebKit first run: Sequential slowed, Threads 2.33x on 2 workers (117 %).
    let seq = record(Mode::Sequential, 2100.0, 50.0, 7);
    let threads = with_workers(record(Mode::Threads, 900.0, 50.0, 7), 2);
    let rows = compare(&[&seq, &threads]);
    assert_eq!(
        rows[1].efficiency,
        Some(2100.0 / 900.0 / 2.0),
        "kept as measured"
    );
    let flag = beyond_cores(&rows[1], true, 2).expect("flagged");
    assert_eq!(flag.limit, 2.0);
    assert_eq!(flag.because, Limit::Workers(2));
    assert_eq!(beyond_cores(&rows[0], true, 2), None, "Sequential never is");
    // The same run on more cores is still over its workers.
    assert_eq!(
        beyond_cores(&rows[1], true, 8).map(|b| b.because),
        Some(Limit::Workers(2))
    );
}

#[test]
fn a_speedup_over_the_reported_cores_is_flagged_for_computing_only() {
    // 4 workers on 2 reported cores: 2.5x cannot come from computing...
    let seq = record(Mode::Sequential, 1000.0, 0.0, 7);
    let processes = with_workers(record(Mode::Processes, 400.0, 0.0, 7), 4);
    let rows = compare(&[&seq, &processes]);
    assert_eq!(rows[1].efficiency, Some(0.625), "under 100 %");
    let flag = beyond_cores(&rows[1], true, 2).expect("flagged");
    assert_eq!((flag.limit, flag.because), (2.0, Limit::Cores(2)));
    // ...but can from overlapping waits, where only the workers limit it.
    assert_eq!(beyond_cores(&rows[1], false, 2), None);
    // A WebKit that reports 4 cores on 2 cannot raise the limit over the workers.
    assert_eq!(beyond_cores(&rows[1], true, 4), None);
}

#[test]
fn within_the_tables_rounding_is_not_flagged() {
    let seq = record(Mode::Sequential, 1000.0, 0.0, 7);
    let at_100 = with_workers(record(Mode::Threads, 499.0, 0.0, 7), 2);
    let at_102 = with_workers(record(Mode::Threads, 490.0, 0.0, 7), 2);
    let rows = compare(&[&seq, &at_100, &at_102]);
    assert_eq!(
        beyond_cores(&rows[1], true, 2),
        None,
        "100.2 % prints as 100%"
    );
    assert!(
        beyond_cores(&rows[2], true, 2).is_some(),
        "102 % is flagged"
    );
}

#[test]
fn coroutines_that_only_compute_share_one_thread() {
    let seq = record(Mode::Sequential, 1000.0, 0.0, 7);
    let coroutines = record(Mode::Coroutines, 800.0, 0.0, 7);
    let rows = compare(&[&seq, &coroutines]);
    let flag = beyond_cores(&rows[1], true, 8).expect("1.25x on one thread");
    assert_eq!(flag.because, Limit::OneThread);
    assert_eq!(beyond_cores(&rows[1], false, 8), None, "waits overlap");
    assert_eq!(
        beyond_cores(&compare(&[&coroutines])[0], true, 8),
        None,
        "no baseline"
    );
}

#[test]
fn speedup_and_efficiency_against_sequential() {
    let seq = record(Mode::Sequential, 400.0, 50.0, 7);
    let threads = record(Mode::Threads, 100.0, 100.0, 7);
    let coroutines = record(Mode::Coroutines, 400.0, 10.0, 8);
    let rows = compare(&[&seq, &threads, &coroutines]);
    assert_eq!(rows[0].speedup, Some(1.0));
    assert_eq!(rows[0].efficiency, Some(1.0));
    assert_eq!(rows[1].workers, 4);
    assert_eq!(rows[1].speedup, Some(4.0));
    assert_eq!(rows[1].speedup_with_startup, Some(2.0));
    assert_eq!(rows[1].efficiency, Some(1.0));
    assert_eq!(
        rows[1].agreement,
        Agreement::Compared {
            with: Mode::Sequential,
            same: true
        }
    );
    assert_eq!(
        rows[2].efficiency, None,
        "one thread: efficiency does not apply"
    );
    assert!(rows[2].agreement.differs());
    assert_eq!(
        rows[0].agreement,
        Agreement::Reference {
            others: 2,
            differ: 1
        },
        "Sequential is compared with the others, not with itself"
    );
    assert_eq!(
        rows[0].agreement.verdict(),
        "✗ 1 of the 2 other modes differ"
    );
    assert_eq!(rows[1].agreement.verdict(), "✓ same as Sequential");
    assert_eq!(
        agreement_summary(&rows).as_deref(),
        Some("Coroutines computed another result than Sequential: that would be a bug.")
    );
}

#[test]
fn without_sequential_the_first_mode_is_the_reference() {
    let threads = record(Mode::Threads, 100.0, 0.0, 7);
    let processes = record(Mode::Processes, 120.0, 0.0, 7);
    let rows = compare(&[&threads, &processes]);
    assert_eq!(
        rows[0].agreement,
        Agreement::Reference {
            others: 1,
            differ: 0
        }
    );
    assert_eq!(
        rows[1].agreement,
        Agreement::Compared {
            with: Mode::Threads,
            same: true
        }
    );
    assert_eq!(rows[0].agreement.verdict(), "✓ the other mode agrees");
    assert_eq!(
        agreement_summary(&rows).as_deref(),
        Some("The 2 modes that ran computed the same result (checksum 0000000000000007).")
    );
}

#[test]
fn the_in_order_bound_shows_load_imbalance() {
    // Even tasks: two workers can double the speed.
    assert_eq!(in_order_bound(&[1.0; 8], 2), Some(2.0));
    // Growing tasks handed out in order: the last, longest one leaves a worker idle.
    let growing = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0];
    let bound = in_order_bound(&growing, 2).expect("bound");
    assert!((bound - 36.0 / 20.0).abs() < 1e-9, "{bound}");
    assert_eq!(in_order_bound(&growing, 8), Some(36.0 / 8.0));
    assert_eq!(in_order_bound(&[], 2), None);
}

#[test]
fn imbalance_is_claimed_only_where_the_clock_can_show_it() {
    let growing = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0];
    assert!(load_imbalance(&growing, 2, 0.005).is_some());
    assert_eq!(load_imbalance(&[1.0; 8], 2, 0.005), None, "even tasks");
    // Equal 6 ms tasks read from a 1 ms clock: 5, 6 or 7 ms each.
    let coarse = [5.0, 7.0, 6.0, 6.0, 5.0, 7.0, 7.0, 7.0];
    assert!(in_order_bound(&coarse, 2).is_some_and(|b| b < 1.94));
    assert_eq!(
        load_imbalance(&coarse, 2, 1.0),
        None,
        "rounding, not imbalance"
    );
    assert_eq!(load_imbalance(&[], 2, 0.005), None);
}

#[test]
fn without_sequential_there_is_no_baseline() {
    let rows = compare(&[&record(Mode::Threads, 100.0, 0.0, 1)]);
    assert_eq!(rows[0].speedup, None);
    assert_eq!(rows[0].agreement, Agreement::NotCompared, "it ran alone");
    assert!(!rows[0].agreement.differs());
    assert_eq!(rows[0].agreement.verdict(), "not compared: it ran alone");
    assert_eq!(
        agreement_summary(&rows).as_deref(),
        Some(
            "Only Threads ran, so its result (checksum 0000000000000001) was not compared with another mode."
        )
    );
    assert_eq!(speedup(0.0, 1.0), None);
}

/// A Mandelbrot result in f32 from the GPU: `items` pixels, `total` iterations.
fn gpu_image(checksum: u64, items: u64, total: u64) -> RunRecord {
    let mut r = record(Mode::Gpu, 10.0, 5.0, checksum);
    r.result.items = items;
    r.result.total = total;
    r.gpu = Some(crate::model::record::GpuFacts {
        adapter: "test".into(),
        software: true,
        invocations: 64,
        dispatches: 1,
        exactness: "approximate".into(),
        approximate: true,
        timing: "test".into(),
    });
    r
}

#[test]
fn a_gpus_float_result_is_compared_within_the_tolerance() {
    let mut seq = record(Mode::Sequential, 400.0, 0.0, 7);
    (seq.result.items, seq.result.total) = (10_000, 2_000_000);
    let mut threads = record(Mode::Threads, 200.0, 0.0, 7);
    threads.result = seq.result.clone();
    // Two pixels moved across the edge: 1,998 iterations fewer.
    let close = gpu_image(9, 10_000, 1_998_002);
    let rows = compare(&[&seq, &threads, &close]);
    assert_eq!(
        rows[2].agreement,
        Agreement::Approximate {
            with: Mode::Sequential,
            off: 1998.0 / 2_000_000.0,
            within: true
        }
    );
    assert!(!rows[2].agreement.differs());
    assert_eq!(
        rows[2].agreement.verdict(),
        "≈ within 0.10% of Sequential (floats: approximate)"
    );
    assert_eq!(
        rows[0].agreement,
        Agreement::Reference {
            others: 2,
            differ: 0
        }
    );
    assert_eq!(
        agreement_summary(&rows).as_deref(),
        Some(
            "The 2 modes that ran computed the same result (checksum 0000000000000007). GPU \
             computed it in floats, approximately: as many pixels, and iterations within 0.10% \
             of Sequential's (the tolerance is 1.00%)."
        )
    );
    // Alone with Sequential.
    let rows = compare(&[&seq, &close]);
    assert!(
        agreement_summary(&rows)
            .is_some_and(|s| s.starts_with("Sequential computed checksum 0000000000000007. GPU"))
    );
    // Too far off, or another image: a difference.
    for far in [
        gpu_image(9, 10_000, 2_100_000),
        gpu_image(9, 9_999, 2_000_000),
    ] {
        let rows = compare(&[&seq, &far]);
        assert!(rows[1].agreement.differs(), "{:?}", rows[1].agreement);
        assert!(rows[1].agreement.verdict().starts_with('✗'));
        assert_eq!(
            rows[0].agreement,
            Agreement::Reference {
                others: 1,
                differ: 1
            }
        );
    }
    // The same checksum is the same result, floats or not; an exact mode is never let off.
    let rows = compare(&[&seq, &gpu_image(7, 10_000, 2_000_000)]);
    assert_eq!(
        rows[1].agreement,
        Agreement::Compared {
            with: Mode::Sequential,
            same: true
        }
    );
    let mut off_exact = threads.clone();
    off_exact.result.checksum = Checksum(8);
    assert!(compare(&[&seq, &off_exact])[1].agreement.differs());
}
