//! A whole GPU run as the page drives it: the dispatches one after another, each timed in
//! intervals on the GPU's lane (upload of its parameters, compute, read-back; and where the GPU
//! timed its own pass, the rest of the queue's wait as dispatch), each
//! task's output folded from what was read back, and at the end the same `RunLogs` as every
//! other mode, with start-up (adapter, device, pipeline compilation) as its own interval.

use super::adapter::AdapterFacts;
use super::fold::{fold, task_of};
use super::kernel::{Kernel, MAX_INVOCATIONS, NotOnGpu};
use super::sizer::Sizer;
use super::work::{Cursor, Dispatch, GpuTask};
use crate::engine::RunLogs;
use crate::engine::unit_log::{TaskDone, UnitLog};
use crate::model::record::{GpuFacts, Interval, IntervalKind};
use crate::settings::{Mode, Precision, Settings};
use crate::workloads::{Plan, TaskOutput, TaskSpec};

/// The first dispatch's work units: small, so that a slow adapter shows its speed quickly.
const FIRST_UNITS: u64 = 4_096;

/// When one dispatch's phases began and ended, absolute ms on the page's clock.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DispatchTimes {
    /// Writing its parameters into the GPU's memory.
    pub upload: (f64, f64),
    /// From its submission until the GPU said the work was done.
    pub compute: (f64, f64),
    /// Copying the output back and mapping it, if it was read back.
    pub read_back: Option<(f64, f64)>,
    /// The compute pass's own duration by the GPU's clock (timestamp queries), ms, where the
    /// adapter has them.
    pub gpu_ms: Option<f64>,
}

impl DispatchTimes {
    /// The wait for the queue split in two where the GPU timed its pass: dispatch (submission,
    /// launch and the notice of the end; drawn first, though part of it is the notice after
    /// the pass) and compute (the GPU's own duration, ending when the queue said done). Without
    /// the GPU's time, all of it is compute.
    pub fn queue_wait(&self) -> (Option<(f64, f64)>, (f64, f64)) {
        let (submitted, done) = self.compute;
        match self.gpu_ms {
            Some(gpu) if gpu >= 0.0 && gpu < done - submitted => {
                (Some((submitted, done - gpu)), (done - gpu, done))
            }
            _ => (None, self.compute),
        }
    }
}

/// A GPU run in progress.
#[derive(Debug)]
pub struct GpuRun {
    kernel: Kernel,
    /// Each task's items, `start..end`, in order.
    bounds: Vec<(u32, u32)>,
    whole: Option<GpuTask>,
    cursor: Option<Cursor>,
    sizer: Sizer,
    log: UnitLog,
    outputs: Vec<TaskOutput>,
    starts: Vec<Option<f64>>,
    done: Vec<bool>,
    most_invocations: u32,
    dispatches: u32,
    /// Dispatches whose pass the GPU timed itself.
    gpu_timed: u32,
}

impl GpuRun {
    /// The run of `plan` on the GPU, or why the workload does not run there. The plan's tasks
    /// are taken as one piece of work, so that a dispatch may span several of them; each
    /// task's output and times are still its own.
    ///
    /// # Errors
    /// When no kernel computes the plan's workload.
    pub fn new(plan: &Plan) -> Result<GpuRun, NotOnGpu> {
        let precision = plan.tasks.iter().find_map(|spec| match spec {
            TaskSpec::Mandelbrot(band) => Some(band.precision),
            _ => None,
        });
        let kernel = Kernel::for_workload(plan.workload, precision.unwrap_or(Precision::F64))?;
        let tasks: Vec<GpuTask> = plan
            .tasks
            .iter()
            .filter_map(|spec| GpuTask::from_spec(kernel, spec))
            .collect();
        let whole = GpuTask::whole(&tasks);
        Ok(GpuRun {
            kernel,
            bounds: tasks.iter().map(|t| t.items()).collect(),
            cursor: whole.map(|work| Cursor::new(0, work)),
            whole,
            sizer: Sizer::new(FIRST_UNITS, u64::from(MAX_INVOCATIONS)),
            log: UnitLog::new("GPU"),
            outputs: vec![TaskOutput::default(); tasks.len()],
            starts: vec![None; tasks.len()],
            done: vec![false; tasks.len()],
            most_invocations: 0,
            dispatches: 0,
            gpu_timed: 0,
        })
    }

    /// The kernel it runs.
    pub fn kernel(&self) -> Kernel {
        self.kernel
    }

    /// The output words the GPU must hold at once (the buffers' size).
    pub fn output_words(&self) -> u32 {
        self.whole
            .map_or(1, |work| work.output_words(self.kernel))
            .max(1)
    }

    /// Records the start-up: adapter, device and pipeline, from `start` to `end`.
    pub fn started(&mut self, start: f64, end: f64) {
        self.log.intervals.push(Interval {
            kind: IntervalKind::Startup,
            task: None,
            start,
            end,
        });
    }

    /// The next dispatch (its `task` is the task of its first item), or `None` when every
    /// item is done.
    pub fn next_dispatch(&mut self) -> Option<Dispatch> {
        let mut dispatch = self
            .cursor
            .as_mut()?
            .next(self.kernel, self.sizer.units())?;
        dispatch.task = task_of(&self.bounds, dispatch.params[0]).unwrap_or(0) as u32;
        Some(dispatch)
    }

    /// Takes a finished dispatch: its times and the words read back after it (empty if none).
    /// Returns whether it ended a task.
    pub fn finished(&mut self, dispatch: &Dispatch, times: DispatchTimes, words: &[u32]) -> bool {
        let task = Some(dispatch.task);
        let mut push = |kind, (s, e): (f64, f64)| {
            self.log.intervals.push(Interval {
                kind,
                task,
                start: s,
                end: e,
            });
        };
        push(IntervalKind::Upload, times.upload);
        let (dispatched, computed) = times.queue_wait();
        if let Some(dispatched) = dispatched {
            push(IntervalKind::Dispatch, dispatched);
        }
        push(IntervalKind::Compute, computed);
        if let Some(read_back) = times.read_back {
            push(IntervalKind::ReadBack, read_back);
        }
        self.sizer
            .observe(dispatch.units, times.compute.1 - times.compute.0);
        if times.gpu_ms.is_some() {
            self.gpu_timed += 1;
        }
        self.most_invocations = self.most_invocations.max(dispatch.invocations);
        self.dispatches += 1;
        let (first, count) = (dispatch.params[0], dispatch.params[1]);
        let end = times.read_back.map_or(times.compute.1, |r| r.1);
        for (t, &(start, stop)) in self.bounds.iter().enumerate() {
            if start < first + count && first < stop {
                self.starts[t].get_or_insert(times.upload.0);
            }
        }
        if dispatch.read_words > 0 {
            fold(
                self.kernel,
                dispatch,
                words,
                &mut self.outputs,
                &self.bounds,
            );
        }
        // A task of numbers is done once its last number has been read back; chains, when
        // their last round has.
        let numbers = matches!(self.whole, Some(GpuTask::Items { .. }));
        let mut ended = false;
        for (t, &(_, stop)) in self.bounds.iter().enumerate() {
            let finished = if numbers {
                stop <= first + count
            } else {
                dispatch.ends_task
            };
            if finished && !self.done[t] {
                self.done[t] = true;
                ended = true;
                self.log.tasks.push(TaskDone {
                    index: t as u32,
                    start: self.starts[t].unwrap_or(times.upload.0),
                    end,
                    output: std::mem::take(&mut self.outputs[t]),
                });
            }
        }
        ended
    }

    /// Tasks finished so far.
    pub fn tasks_done(&self) -> u32 {
        self.done.iter().filter(|&&d| d).count() as u32
    }

    /// The most invocations one dispatch started (the GPU's units of work in flight).
    pub fn most_invocations(&self) -> u32 {
        self.most_invocations
    }

    /// How the run's intervals were timed, for the record: by the GPU's timestamps where it
    /// gave them, else by the page's clock.
    pub fn timing(&self) -> String {
        const PAGE: &str = "upload and read-back on the page's clock, awaited with \
             onSubmittedWorkDone and mapAsync";
        if self.gpu_timed == 0 {
            return format!(
                "{PAGE}; compute on the page's clock from submission to onSubmittedWorkDone"
            );
        }
        format!(
            "{PAGE}; compute by the GPU's own timestamp queries ({} of {} dispatches), drawn to \
             end when the queue said done, the rest of the queue's wait drawn as dispatch",
            self.gpu_timed, self.dispatches
        )
    }

    /// What the record says of the GPU: the adapter, the invocations, how exact and how timed.
    pub fn facts(&self, adapter: &AdapterFacts, timing: &str) -> GpuFacts {
        GpuFacts {
            adapter: adapter.name(),
            software: adapter.is_software(),
            invocations: self.most_invocations,
            dispatches: self.dispatches,
            exactness: self.kernel.exactness().to_owned(),
            approximate: self.kernel.approximate(),
            timing: timing.to_owned(),
        }
    }

    /// Dispatches so far.
    pub fn dispatches(&self) -> u32 {
        self.dispatches
    }

    /// The run's logs, as every mode's, on `adapter`: `origin` when the mode was started, `ready_at` when
    /// the pipeline was ready, both absolute ms.
    pub fn into_logs(
        mut self,
        adapter: &AdapterFacts,
        settings: Settings,
        origin: f64,
        ready_at: f64,
        timer_resolution_ms: f64,
    ) -> RunLogs {
        // Tasks with nothing to compute (an empty range) are done at once.
        for index in 0..self.done.len() {
            if !self.done[index] {
                self.log.tasks.push(TaskDone {
                    index: index as u32,
                    start: ready_at,
                    end: ready_at,
                    output: TaskOutput::default(),
                });
            }
        }
        let emulated = if adapter.is_software() {
            ", emulated on the CPU"
        } else {
            ""
        };
        let timed = if self.gpu_timed > 0 {
            ", each pass timed by the GPU's own clock"
        } else {
            ""
        };
        self.log.label = format!(
            "GPU ({}{emulated}): {} invocations at most per dispatch, {} dispatches{timed}",
            adapter.name(),
            crate::format::group_thousands(u64::from(self.most_invocations)),
            self.dispatches
        );
        RunLogs {
            mode: Mode::Gpu,
            settings,
            on_main_thread: false,
            origin,
            ready_at,
            units: vec![self.log],
            bytes_serialized: 0,
            gil_switches: 0,
            timer_resolution_ms,
        }
    }
}
