//! The GPU mode carried out with WebGPU (web-sys's bindings, behind `web_sys_unstable_apis`):
//! detecting the adapter, and running a `gpu::GpuRun` on it. Each dispatch is three awaited
//! steps timed on the page's clock (its parameters written, the compute pass submitted until
//! the queue says it is done, the output copied back and mapped), so the page's main thread
//! never blocks and Cancel is heard between dispatches. Where the adapter has timestamp
//! queries, the GPU also times each compute pass itself, read back with the output. A lost
//! device ends the run with its reason; the next run asks for a new one.

use super::gpu_timer::{TIMESTAMPS, Timer, device};
use super::inbox::{Inbox, RunError};
use super::js_error::describe;
use super::platform::{now_ms, resolution_ms};
use crate::engine::fault::FaultKind;
use crate::engine::{ModeResult, RunRequest, assemble};
use crate::gpu::{AdapterFacts, Dispatch, DispatchTimes, GpuRun, GpuSupport, Kernel};
use js_sys::{Reflect, Uint8Array, Uint32Array};
use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    GpuAdapter, GpuBindGroup, GpuBindGroupDescriptor, GpuBindGroupEntry, GpuBuffer,
    GpuBufferDescriptor, GpuComputePassDescriptor, GpuComputePassTimestampWrites,
    GpuComputePipeline, GpuComputePipelineDescriptor, GpuDevice, GpuProgrammableStage,
    GpuShaderModuleDescriptor, gpu_buffer_usage as usage, gpu_map_mode,
};

/// What detection found: an adapter and its facts, or why there is none.
pub async fn detect() -> GpuSupport {
    match adapter().await {
        Ok(adapter) => GpuSupport::Available(facts(&adapter)),
        Err(support) => support,
    }
}

async fn adapter() -> Result<GpuAdapter, GpuSupport> {
    let navigator = web_sys::window()
        .map(|w| w.navigator())
        .ok_or_else(GpuSupport::no_webgpu)?;
    let has_gpu = Reflect::get(&navigator, &JsValue::from_str("gpu"))
        .is_ok_and(|gpu| !gpu.is_undefined() && !gpu.is_null());
    if !has_gpu {
        return Err(GpuSupport::no_webgpu());
    }
    match JsFuture::from(navigator.gpu().request_adapter()).await {
        Ok(adapter) => adapter.into_option().ok_or_else(GpuSupport::no_adapter),
        Err(error) => Err(GpuSupport::Unavailable(format!(
            "WebGPU refused an adapter: {}",
            describe(&error)
        ))),
    }
}

fn facts(adapter: &GpuAdapter) -> AdapterFacts {
    let info = adapter.info();
    let limits = adapter.limits();
    AdapterFacts {
        vendor: info.vendor(),
        architecture: info.architecture(),
        device: info.device(),
        description: info.description(),
        fallback: info.is_fallback_adapter(),
        timestamps: adapter.features().has(TIMESTAMPS),
        max_invocations_per_workgroup: limits.max_compute_invocations_per_workgroup(),
        max_workgroups_per_dimension: limits.max_compute_workgroups_per_dimension(),
        max_storage_binding: limits.max_storage_buffer_binding_size() as u64,
    }
}

/// The device's loss, once it is lost: the sentence that says why.
pub(super) type Lost = Rc<RefCell<Option<String>>>;

/// Awaits `step`; if the device was lost meanwhile (a lost device resolves what was
/// awaited, or rejects it), says so rather than what the step returned.
async fn unless_lost<T>(
    step: impl Future<Output = Result<T, JsValue>>,
    why: &Lost,
    what: &str,
) -> Result<T, RunError> {
    let result = step.await;
    if let Some(reason) = why.borrow().clone() {
        return Err(RunError::Failed(reason));
    }
    result.map_err(|e| RunError::Failed(format!("The GPU failed while {what}: {}", describe(&e))))
}

thread_local! {
    /// Whether the test-only fault `lose@N` has struck in this page (it strikes once, so that
    /// the next run shows that a new device works).
    static LOST_ONCE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The run's failure with the browser's error after `what` (a sentence without its reason).
pub(super) fn failed(what: &str) -> impl Fn(JsValue) -> RunError + '_ {
    move |e| RunError::Failed(format!("{what}: {}", describe(&e)))
}

/// What the page says of a lost device.
fn lost_message(info: &web_sys::GpuDeviceLostInfo) -> String {
    format!(
        "The GPU device was lost ({:?}: {}). The next run asks for a new one.",
        info.reason(),
        info.message()
    )
}

/// The buffers and pipeline of one run.
struct Gpu {
    device: GpuDevice,
    pipeline: GpuComputePipeline,
    bind_group: GpuBindGroup,
    params: GpuBuffer,
    output: GpuBuffer,
    read: GpuBuffer,
    timer: Option<Timer>,
}

pub(super) fn buffer(device: &GpuDevice, bytes: u32, usage: u32) -> Result<GpuBuffer, RunError> {
    device
        .create_buffer(&GpuBufferDescriptor::new(bytes.max(4), usage))
        .map_err(failed("The GPU refused a buffer"))
}

async fn start(run: &GpuRun, why: &Lost) -> Result<(Gpu, AdapterFacts), RunError> {
    let refused =
        |support: GpuSupport| RunError::Failed(support.unavailable_reason().unwrap_or_default());
    let kernel = run.kernel();
    let source = super::page::fetch_text(kernel.file())
        .await
        .map_err(|what| {
            RunError::Failed(format!(
                "The {} kernel could not be fetched ({what}).",
                kernel.name()
            ))
        })?;
    let adapter = adapter().await.map_err(refused)?;
    let facts = facts(&adapter);
    let (device, timed) = device(&adapter, facts.timestamps).await?;
    let lost_reason = why.clone();
    wasm_bindgen_futures::spawn_local({
        let lost = device.lost();
        async move {
            if let Ok(info) = JsFuture::from(lost).await {
                *lost_reason.borrow_mut() = Some(lost_message(&info));
            }
        }
    });
    let module = device.create_shader_module(&GpuShaderModuleDescriptor::new(&source));
    let stage = GpuProgrammableStage::new(&module);
    stage.set_entry_point("main");
    let descriptor = GpuComputePipelineDescriptor::new_with_gpu_auto_layout_mode(
        web_sys::GpuAutoLayoutMode::Auto,
        &stage,
    );
    let pipeline = JsFuture::from(device.create_compute_pipeline_async(&descriptor))
        .await
        .map_err(|e| {
            RunError::Failed(format!(
                "The GPU could not compile the {} kernel: {}",
                run.kernel().name(),
                describe(&e)
            ))
        })?;
    let bytes = run.output_words() * 4;
    let params = buffer(&device, 32, usage::UNIFORM | usage::COPY_DST)?;
    let output = buffer(
        &device,
        bytes,
        usage::STORAGE | usage::COPY_SRC | usage::COPY_DST,
    )?;
    let read = buffer(&device, bytes, usage::MAP_READ | usage::COPY_DST)?;
    let entries = [
        GpuBindGroupEntry::new_with_gpu_buffer(0, &params),
        GpuBindGroupEntry::new_with_gpu_buffer(1, &output),
    ];
    let bind_group = device.create_bind_group(&GpuBindGroupDescriptor::new(
        &entries,
        &pipeline.get_bind_group_layout(0),
    ));
    let timer = if timed {
        Some(Timer::new(&device)?)
    } else {
        None
    };
    let gpu = Gpu {
        device,
        pipeline,
        bind_group,
        params,
        output,
        read,
        timer,
    };
    Ok((gpu, facts))
}

impl Drop for Gpu {
    fn drop(&mut self) {
        self.device.destroy();
    }
}

/// The commands of `dispatch`'s compute pass (with the output cleared first if the kernel asks,
/// and the GPU's timestamps of the pass resolved and copied for the page after it).
fn compute_pass(
    gpu: &Gpu,
    kernel: Kernel,
    dispatch: &Dispatch,
) -> Result<web_sys::GpuCommandBuffer, RunError> {
    let encoder = gpu.device.create_command_encoder();
    if kernel.clears_output() {
        encoder.clear_buffer(&gpu.output);
    }
    let pass = match &gpu.timer {
        Some(timer) => {
            let writes = GpuComputePassTimestampWrites::new(&timer.queries);
            writes.set_beginning_of_pass_write_index(0);
            writes.set_end_of_pass_write_index(1);
            let descriptor = GpuComputePassDescriptor::new();
            descriptor.set_timestamp_writes(&writes);
            encoder.begin_compute_pass_with_descriptor(&descriptor)
        }
        None => encoder.begin_compute_pass(),
    };
    pass.set_pipeline(&gpu.pipeline);
    pass.set_bind_group(0, Some(&gpu.bind_group));
    pass.dispatch_workgroups(
        dispatch
            .invocations
            .div_ceil(crate::gpu::kernel::WORKGROUP_SIZE),
    );
    pass.end();
    if let Some(timer) = &gpu.timer {
        encoder.resolve_query_set_with_u32(&timer.queries, 0, 2, &timer.resolved, 0);
        encoder
            .copy_buffer_to_buffer_with_u32_and_u32_and_u32(&timer.resolved, 0, &timer.read, 0, 16)
            .map_err(failed("The GPU refused to copy its timestamps"))?;
    }
    Ok(encoder.finish())
}

/// The first `words` words of the output, copied back and mapped.
async fn read_output(gpu: &Gpu, words: u32, why: &Lost) -> Result<Vec<u32>, RunError> {
    let encoder = gpu.device.create_command_encoder();
    encoder
        .copy_buffer_to_buffer_with_u32_and_u32_and_u32(&gpu.output, 0, &gpu.read, 0, words * 4)
        .map_err(failed("The GPU refused the copy back"))?;
    gpu.device.queue().submit(&[encoder.finish()]);
    read_mapped(&gpu.read, why, "output", |mapped| {
        Uint32Array::new_with_byte_offset_and_length(mapped, 0, words).to_vec()
    })
    .await
}

/// Maps `buffer` for reading (unless the device is lost meanwhile), reads it with `read`, and
/// unmaps it; `what` names it in errors ("output", "timestamps").
pub(super) async fn read_mapped<T>(
    buffer: &GpuBuffer,
    why: &Lost,
    what: &str,
    read: impl FnOnce(&js_sys::ArrayBuffer) -> T,
) -> Result<T, RunError> {
    unless_lost(
        JsFuture::from(buffer.map_async(gpu_map_mode::READ)),
        why,
        &format!("reading back its {what}"),
    )
    .await?;
    let mapped = buffer.get_mapped_range().map_err(|e| {
        RunError::Failed(format!(
            "The GPU's {what} could not be read: {}",
            describe(&e)
        ))
    })?;
    let value = read(&mapped);
    buffer.unmap();
    Ok(value)
}

/// One dispatch: its parameters written, its compute pass submitted, its output (and the GPU's
/// timestamps) read back, each awaited and timed on the page's clock.
async fn dispatch_once(
    gpu: &Gpu,
    kernel: Kernel,
    dispatch: &Dispatch,
    why: &Lost,
) -> Result<(DispatchTimes, Vec<u32>), RunError> {
    let queue = gpu.device.queue();
    let upload_start = now_ms();
    let bytes: Vec<u8> = dispatch
        .params
        .iter()
        .flat_map(|w| w.to_le_bytes())
        .collect();
    queue
        .write_buffer_with_u32_and_buffer_source(&gpu.params, 0, &Uint8Array::from(&bytes[..]))
        .map_err(failed("The GPU refused the parameters"))?;
    unless_lost(
        JsFuture::from(queue.on_submitted_work_done()),
        why,
        "uploading",
    )
    .await?;
    let upload = (upload_start, now_ms());

    let commands = compute_pass(gpu, kernel, dispatch)?;
    let compute_start = now_ms();
    queue.submit(&[commands]);
    unless_lost(
        JsFuture::from(queue.on_submitted_work_done()),
        why,
        "computing",
    )
    .await?;
    let compute = (compute_start, now_ms());

    let read_start = now_ms();
    let gpu_ms = match &gpu.timer {
        Some(timer) => timer.read_ms(why).await?,
        None => None,
    };
    let words = if dispatch.read_words > 0 {
        read_output(gpu, dispatch.read_words, why).await?
    } else {
        Vec::new()
    };
    // Reading the timestamps back counts as reading back.
    let read_back =
        (dispatch.read_words > 0 || gpu.timer.is_some()).then(|| (read_start, now_ms()));
    let times = DispatchTimes {
        upload,
        compute,
        read_back,
        gpu_ms,
    };
    Ok((times, words))
}

/// Runs `request` on the GPU. Cancel is heard between dispatches.
///
/// # Errors
/// If there is no adapter, the kernel does not compile, the device is lost, or Cancel.
pub async fn run_gpu(
    request: RunRequest,
    inbox: &mut Inbox,
    progress: &mut dyn FnMut(u32),
) -> Result<ModeResult, RunError> {
    let mut run = GpuRun::new(&request.plan).map_err(|why| RunError::Failed(why.reason()))?;
    let why: Lost = Rc::default();
    let origin = now_ms();
    let (gpu, facts) = start(&run, &why).await?;
    let ready_at = now_ms();
    run.started(origin, ready_at);
    while let Some(dispatch) = run.next_dispatch() {
        if inbox.cancel_pending() {
            return Err(RunError::Cancelled);
        }
        if request
            .fault
            .is_some_and(|f| f.kind == FaultKind::LoseGpu && f.task == dispatch.task)
            && !LOST_ONCE.replace(true)
        {
            // The test-only fault, once a page: the device ends as a driver reset would end it.
            gpu.device.destroy();
            let info = JsFuture::from(gpu.device.lost()).await;
            let why = info.map_or_else(|e| describe(&e), |info| lost_message(&info));
            return Err(RunError::Failed(why));
        }
        let (times, words) = dispatch_once(&gpu, run.kernel(), &dispatch, &why).await?;
        if run.finished(&dispatch, times, &words) {
            progress(run.tasks_done());
        }
    }
    let gpu_facts = run.facts(&facts, &run.timing());
    drop(gpu);
    let logs = run.into_logs(&facts, request.settings, origin, ready_at, resolution_ms());
    let mut finished = assemble(logs);
    std::rc::Rc::make_mut(&mut finished.record).gpu = Some(gpu_facts);
    Ok(finished)
}
