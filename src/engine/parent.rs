//! The Processes mode's parent, as a state machine the page drives: it hands each idle process
//! the next task, pickled ([`Parent::next_message`]), takes the process's reply
//! ([`Parent::take_reply`]), and at the end turns what everyone did into the mode's logs
//! ([`Parent::finish`]). It never waits or sends anything itself, so it runs natively in tests
//! exactly as on the page; `web` only carries the bytes. Tasks go out one at a time to whichever
//! process is idle, as `multiprocessing.Pool.imap` with a chunk size of 1 does.

use super::assemble::RunLogs;
use super::lanes::Prepared;
use super::platform::Platform;
use super::processes::{ProcessReply, TaskMessage, decode_output, encode};
use super::unit_log::{TaskDone, UnitLog};
use crate::model::record::IntervalKind;
use crate::settings::{Mode, Settings};
use crate::workloads::TaskSpec;
use std::collections::VecDeque;

/// The parent of a Processes run.
#[derive(Debug)]
pub struct Parent {
    tasks: Vec<TaskSpec>,
    queue: VecDeque<u32>,
    /// The task each process is working on.
    busy: Vec<Option<u32>>,
    finished: u32,
    /// The parent's own lane: its serializing.
    own: UnitLog,
    /// One lane per process.
    children: Vec<UnitLog>,
    /// How far each process's clock runs ahead of the page's, ms.
    clocks: Vec<f64>,
    /// When each task was sent, page's clock.
    sent_at: Vec<f64>,
    bytes: u64,
    origin: f64,
    ready_at: f64,
    resolution_ms: f64,
}

impl Parent {
    /// A parent for these tasks and `processes` processes, started at `origin` (absolute ms).
    pub fn new(tasks: Vec<TaskSpec>, processes: usize, origin: f64) -> Self {
        let count = tasks.len();
        Parent {
            queue: (0..count as u32).collect(),
            tasks,
            busy: vec![None; processes],
            finished: 0,
            own: UnitLog::new("main thread (parent)"),
            children: (1..=processes)
                .map(|i| UnitLog::new(format!("process {i}")))
                .collect(),
            clocks: vec![0.0; processes],
            sent_at: vec![0.0; count],
            bytes: 0,
            origin,
            ready_at: origin,
            resolution_ms: f64::INFINITY,
        }
    }

    /// Process `process` is `prepared`, as it says on its clock, which runs `clock_offset` ms
    /// ahead of the page's. The mode's start-up lasts until the last process had started (its
    /// warm-up is drawn, not counted).
    pub fn ready(&mut self, process: usize, clock_offset: f64, prepared: Prepared) {
        self.clocks[process] = clock_offset;
        self.children[process]
            .intervals
            .extend(prepared.intervals(self.origin, clock_offset));
        self.ready_at = self.ready_at.max(prepared.ready_at - clock_offset);
        self.resolution_ms = self.resolution_ms.min(prepared.resolution_ms);
    }

    /// The next task for `process`, pickled, if the process is idle and a task is left; the
    /// pickling is drawn on the parent's lane.
    pub fn next_message(&mut self, process: usize, platform: &dyn Platform) -> Option<Vec<u8>> {
        if self.busy[process].is_some() {
            return None;
        }
        let index = self.queue.pop_front()?;
        self.busy[process] = Some(index);
        let t0 = platform.now_ms();
        let pickled = encode(&TaskMessage {
            index,
            spec: self.tasks[index as usize].clone(),
        });
        self.bytes += pickled.len() as u64;
        self.own
            .push(IntervalKind::Serialize, Some(index), t0, platform.now_ms());
        self.sent_at[index as usize] = t0;
        Some(pickled)
    }

    /// Takes `process`'s reply: unpickles the result (drawn on the parent's lane) and adds what
    /// the process did to its lane. Returns the tasks finished so far.
    ///
    /// # Errors
    /// The task's error, or why its result could not be read.
    pub fn take_reply(
        &mut self,
        process: usize,
        reply: ProcessReply,
        platform: &dyn Platform,
    ) -> Result<u32, String> {
        let t0 = platform.now_ms();
        let pickled = reply.result?;
        let output = decode_output(&pickled)?;
        let t1 = platform.now_ms();
        self.bytes += pickled.len() as u64;
        self.own
            .push(IntervalKind::Serialize, Some(reply.index), t0, t1);
        let mut child = reply.log;
        child.shift(self.clocks[process]);
        let lane = &mut self.children[process];
        lane.intervals.extend(child.intervals);
        lane.tasks.push(TaskDone {
            index: reply.index,
            start: self.sent_at[reply.index as usize],
            end: t1,
            output,
        });
        if self.busy[process].take().is_some() {
            self.finished += 1;
        }
        Ok(self.finished)
    }

    /// Whether every task has finished.
    pub fn all_done(&self) -> bool {
        self.finished as usize == self.tasks.len()
    }

    /// Everything the run did, ready to assemble: the parent's lane first, then the processes'.
    pub fn finish(self, settings: Settings) -> RunLogs {
        let mut units = self.children;
        units.insert(0, self.own);
        RunLogs {
            mode: Mode::Processes,
            settings,
            on_main_thread: false,
            origin: self.origin,
            ready_at: self.ready_at,
            units,
            bytes_serialized: self.bytes,
            gil_switches: 0,
            timer_resolution_ms: self.resolution_ms,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::platform::NativePlatform;
    use crate::engine::processes::serve_task;
    use crate::workloads::{Calibration, Plan};

    fn tasks(count: u32) -> Vec<TaskSpec> {
        let mut settings = Settings::defaults(2);
        settings.limit = 10_000;
        settings.tasks = count;
        Plan::new(&settings, Calibration::default()).tasks
    }

    #[test]
    fn a_busy_process_gets_nothing_more_until_it_replies() {
        let platform = NativePlatform::new();
        let mut parent = Parent::new(tasks(3), 2, 0.0);
        assert!(parent.next_message(0, &platform).is_some());
        assert!(
            parent.next_message(0, &platform).is_none(),
            "process 1 is busy"
        );
        let second = parent
            .next_message(1, &platform)
            .expect("process 2 is idle");
        let reply = serve_task(&second, &platform, None, "process 2");
        assert_eq!(reply.index, 1);
        assert_eq!(parent.take_reply(1, reply, &platform), Ok(1));
        assert!(parent.next_message(1, &platform).is_some(), "the last task");
        assert!(parent.next_message(1, &platform).is_none());
        assert!(!parent.all_done());
    }

    #[test]
    fn a_process_clock_is_moved_onto_the_page() {
        let platform = NativePlatform::new();
        let mut parent = Parent::new(tasks(1), 1, 0.0);
        let prepared = Prepared {
            ready_at: 1005.0,
            warmed_at: 1009.0,
            resolution_ms: 0.1,
        };
        parent.ready(0, 1000.0, prepared);
        let message = parent.next_message(0, &platform).expect("a task");
        let mut reply = serve_task(&message, &platform, None, "process 1");
        reply.log.shift(-1000.0);
        parent
            .take_reply(0, reply, &platform)
            .expect("the task succeeds");
        assert!(parent.all_done());
        let logs = parent.finish(Settings::defaults(1));
        assert_eq!(logs.ready_at, 5.0);
        assert_eq!(logs.timer_resolution_ms, 0.1);
        let lane = &logs.units[1];
        assert_eq!(lane.intervals[0].kind, IntervalKind::Startup);
        assert_eq!(lane.intervals[1].kind, IntervalKind::WarmUp);
        assert_eq!(lane.intervals[1].end, 9.0);
        let last = lane.intervals.last().expect("the process's work");
        assert!(last.end < 900.0, "still on the process's clock: {last:?}");
    }

    #[test]
    fn a_failed_task_or_a_bad_result_is_an_error() {
        let platform = NativePlatform::new();
        let mut parent = Parent::new(tasks(2), 1, 0.0);
        let message = parent.next_message(0, &platform).expect("a task");
        let mut reply = serve_task(&message, &platform, None, "process 1");
        reply.result = Err("task 0 failed".to_owned());
        assert_eq!(
            parent.take_reply(0, reply.clone(), &platform),
            Err("task 0 failed".to_owned())
        );
        reply.result = Ok(vec![0xff; 3]);
        let error = parent
            .take_reply(0, reply, &platform)
            .expect_err("unreadable");
        assert!(error.contains("could not be read"), "{error}");
    }
}
