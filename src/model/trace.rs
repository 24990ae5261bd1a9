//! The record as a Chrome trace (the Trace Event Format's JSON), which Perfetto and
//! `chrome://tracing` open: one track per lane, one complete event ("X") per interval.

use super::record::RunRecord;
use serde_json::{Value, json};

/// The trace of one or more runs; each run becomes a process with a track per lane.
pub fn chrome_trace(records: &[&RunRecord]) -> Value {
    let mut events = Vec::new();
    for (pid, record) in records.iter().enumerate() {
        let pid = pid + 1;
        let where_ = if record.on_main_thread {
            " on the main thread"
        } else {
            ""
        };
        events.push(json!({
            "name": "process_name", "ph": "M", "pid": pid,
            "args": { "name": format!("{}{where_} ({} workers)", record.mode.title(), record.settings.workers) },
        }));
        for (lane, track) in record.lanes.iter().enumerate() {
            events.push(json!({
                "name": "thread_name", "ph": "M", "pid": pid, "tid": lane + 1,
                "args": { "name": track.label },
            }));
            events.push(json!({
                "name": "thread_sort_index", "ph": "M", "pid": pid, "tid": lane + 1,
                "args": { "sort_index": lane },
            }));
        }
        for (lane, iv) in record.intervals() {
            let name = match iv.task {
                Some(task) => format!("task {task}: {}", iv.kind.label()),
                None => iv.kind.label().to_owned(),
            };
            events.push(json!({
                "name": name, "cat": iv.kind.name(), "ph": "X", "pid": pid, "tid": lane + 1,
                "ts": iv.start * 1000.0, "dur": iv.duration() * 1000.0,
                "args": { "task": iv.task, "kind": iv.kind.name() },
            }));
        }
    }
    json!({ "traceEvents": events, "displayTimeUnit": "ms" })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::record::{Interval, IntervalKind, Lane};
    use crate::settings::{Mode, Settings};
    use crate::workloads::{Checksum, WorkloadResult};

    #[test]
    fn every_interval_becomes_a_complete_event_on_its_lane() {
        let record = RunRecord {
            mode: Mode::Gil,
            settings: Settings::defaults(2),
            on_main_thread: false,
            lanes: vec![
                Lane {
                    label: "thread 1".into(),
                    intervals: vec![Interval {
                        kind: IntervalKind::Compute,
                        task: Some(0),
                        start: 1.0,
                        end: 3.5,
                    }],
                    dropped: 0,
                },
                Lane {
                    label: "thread 2".into(),
                    intervals: vec![Interval {
                        kind: IntervalKind::GilWait,
                        task: Some(1),
                        start: 1.0,
                        end: 3.5,
                    }],
                    dropped: 0,
                },
            ],
            tasks: vec![],
            wall_ms: 2.5,
            startup_ms: 0.0,
            bytes_serialized: 0,
            serialize_ms: 0.0,
            gil_switches: 1,
            result: WorkloadResult {
                checksum: Checksum(1),
                items: 0,
                total: 0,
            },
            timer_resolution_ms: 0.005,
            origin_ms: 0.0,
            stopped: None,
            gpu: None,
        };
        let trace = chrome_trace(&[&record]);
        let events = trace["traceEvents"].as_array().expect("events");
        let complete: Vec<&Value> = events.iter().filter(|e| e["ph"] == "X").collect();
        assert_eq!(complete.len(), 2);
        assert_eq!(complete[1]["tid"], 2);
        assert_eq!(complete[1]["name"], "task 1: waiting for the GIL");
        assert_eq!(complete[0]["ts"], 1000.0);
        assert_eq!(complete[0]["dur"], 2500.0);
        assert!(
            events
                .iter()
                .any(|e| e["name"] == "thread_name" && e["args"]["name"] == "thread 2")
        );
        // It is plain JSON that round-trips.
        let text = serde_json::to_string(&trace).expect("serializes");
        assert!(serde_json::from_str::<Value>(&text).is_ok());
    }
}
