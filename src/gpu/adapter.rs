//! What the browser says of its GPU: whether it has WebGPU at all, and if so the adapter's
//! name, vendor and the limits that matter. Found by detection, never assumed.

use crate::format::{bytes, group_thousands};
use serde::{Deserialize, Serialize};

/// The adapter the browser gave, as it reports itself.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdapterFacts {
    /// The vendor (may be empty: browsers hide it from some pages).
    pub vendor: String,
    /// The architecture (for SwiftShader: "swiftshader").
    pub architecture: String,
    /// The device, if reported.
    pub device: String,
    /// The description, if reported.
    pub description: String,
    /// Whether the browser says it is a fallback (software) adapter.
    pub fallback: bool,
    /// Whether it can time work on the GPU itself (timestamp queries).
    pub timestamps: bool,
    /// Invocations per workgroup, at most.
    pub max_invocations_per_workgroup: u32,
    /// Workgroups per dimension of a dispatch, at most.
    pub max_workgroups_per_dimension: u32,
    /// Bytes one storage buffer binding may hold.
    pub max_storage_binding: u64,
}

impl AdapterFacts {
    /// Whether the GPU is emulated on the CPU (SwiftShader, or a fallback adapter): its times
    /// then say nothing about a real GPU.
    pub fn is_software(&self) -> bool {
        self.fallback
            || [
                &self.vendor,
                &self.architecture,
                &self.device,
                &self.description,
            ]
            .iter()
            .any(|s| {
                let s = s.to_ascii_lowercase();
                s.contains("swiftshader") || s.contains("llvmpipe") || s.contains("software")
            })
    }

    /// The adapter's name as the browser reports it: its vendor, architecture, device and
    /// description, those it gave.
    pub fn name(&self) -> String {
        let parts: Vec<&str> = [
            &self.vendor,
            &self.architecture,
            &self.device,
            &self.description,
        ]
        .into_iter()
        .map(String::as_str)
        .filter(|s| !s.is_empty())
        .collect();
        if parts.is_empty() {
            "an adapter that does not name itself".to_owned()
        } else {
            parts.join(" · ")
        }
    }
}

/// Whether this browser can run the GPU mode, from detection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GpuSupport {
    /// Not yet asked (the adapter is requested once, as the page opens).
    Unknown,
    /// An adapter was given.
    Available(AdapterFacts),
    /// No WebGPU here, and the reason detection found.
    Unavailable(String),
}

impl GpuSupport {
    /// The reason when there is no `navigator.gpu`.
    pub fn no_webgpu() -> GpuSupport {
        GpuSupport::Unavailable(
            "this browser has no WebGPU (navigator.gpu is missing: the engine does not \
             support it, or not on this system, or the page is not a secure context)"
                .to_owned(),
        )
    }

    /// The reason when `requestAdapter` gave nothing.
    pub fn no_adapter() -> GpuSupport {
        GpuSupport::Unavailable(
            "WebGPU is here but gave no adapter (no usable GPU or driver, the GPU is blocked \
             for this browser, or the frame is not allowed to use it)"
                .to_owned(),
        )
    }

    /// One word for it: unknown, available or unavailable.
    pub fn word(&self) -> &'static str {
        match self {
            GpuSupport::Unknown => "unknown",
            GpuSupport::Available(_) => "available",
            GpuSupport::Unavailable(_) => "unavailable",
        }
    }

    /// What the machine panel says: the adapter as the browser reports it, the limits that
    /// matter, and whether it is emulated; or why there is none.
    pub fn summary(&self) -> String {
        match self {
            GpuSupport::Unknown => "asking WebGPU…".to_owned(),
            GpuSupport::Unavailable(why) => format!("unavailable: {why}"),
            GpuSupport::Available(a) => {
                let mut text = format!(
                    "{}; up to {} invocations a workgroup, {} workgroups a dispatch, {} a \
                     storage buffer; {}",
                    a.name(),
                    a.max_invocations_per_workgroup,
                    group_thousands(u64::from(a.max_workgroups_per_dimension)),
                    bytes(a.max_storage_binding),
                    if a.timestamps {
                        "timestamp queries"
                    } else {
                        "no timestamp queries"
                    }
                );
                if a.is_software() {
                    text.push_str(
                        ". This adapter is emulated on the CPU (a software renderer): its times \
                         say nothing about a real GPU",
                    );
                }
                text
            }
        }
    }

    /// Why the GPU mode cannot run, if it cannot.
    pub fn unavailable_reason(&self) -> Option<String> {
        match self {
            GpuSupport::Unknown => Some("WebGPU has not answered yet".to_owned()),
            GpuSupport::Available(_) => None,
            GpuSupport::Unavailable(why) => Some(why.clone()),
        }
    }
}
