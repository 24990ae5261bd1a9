//! The GPU timing its own compute passes (timestamp queries), where the adapter can: the device
//! asked for with the feature, and the two nanosecond counts of each pass written, resolved and
//! read back by the page. Without the feature the page's clock alone times the GPU's work.

use super::gpu::{Lost, buffer, failed, read_mapped};
use super::inbox::RunError;
use js_sys::{BigUint64Array, JsString};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    GpuAdapter, GpuBuffer, GpuDevice, GpuDeviceDescriptor, GpuQuerySet, GpuQuerySetDescriptor,
    GpuQueryType, gpu_buffer_usage as usage,
};

/// The feature that lets the GPU time its own passes.
pub const TIMESTAMPS: &str = "timestamp-query";

/// Where the GPU writes the start and end of each compute pass by its own clock (two
/// nanosecond counts), resolved into a buffer and copied to one the page maps.
pub struct Timer {
    /// The pass's two timestamps.
    pub queries: GpuQuerySet,
    /// Where they are resolved.
    pub resolved: GpuBuffer,
    /// What the page maps to read them.
    pub read: GpuBuffer,
}

impl Timer {
    /// The queries and buffers on `device`, which has the feature.
    pub fn new(device: &GpuDevice) -> Result<Timer, RunError> {
        let queries = device
            .create_query_set(&GpuQuerySetDescriptor::new(2, GpuQueryType::Timestamp))
            .map_err(failed("The GPU refused its timestamp queries"))?;
        Ok(Timer {
            queries,
            resolved: buffer(device, 16, usage::QUERY_RESOLVE | usage::COPY_SRC)?,
            read: buffer(device, 16, usage::MAP_READ | usage::COPY_DST)?,
        })
    }

    /// The pass's duration by the GPU's clock, ms (`None` if the counts make no sense).
    pub async fn read_ms(&self, why: &Lost) -> Result<Option<f64>, RunError> {
        let ns = read_mapped(&self.read, why, "timestamps", |mapped| {
            BigUint64Array::new_with_byte_offset_and_length(mapped, 0, 2).to_vec()
        })
        .await?;
        Ok(ns[1].checked_sub(ns[0]).map(|d| d as f64 / 1e6))
    }
}

/// A device from `adapter`, with timestamp queries if it has them (and without, if asking for
/// them is refused); and whether it has them.
pub async fn device(adapter: &GpuAdapter, timestamps: bool) -> Result<(GpuDevice, bool), RunError> {
    if timestamps {
        let descriptor = GpuDeviceDescriptor::new();
        descriptor.set_required_features(&[JsString::from(TIMESTAMPS)]);
        if let Ok(device) =
            JsFuture::from(adapter.request_device_with_descriptor(&descriptor)).await
        {
            return Ok((device, true));
        }
    }
    let device = JsFuture::from(adapter.request_device())
        .await
        .map_err(failed("The GPU gave no device"))?;
    Ok((device, false))
}
