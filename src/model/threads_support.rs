//! Whether the Threads modes can run in this browser and, if not, the real cause, named with
//! what the student can do about it. The page finds the facts ([`Offers`], in
//! `web::isolation`); this decides from them, in the order in which each one depends on the
//! last: workers at all, then cross-origin isolation, then `SharedArrayBuffer`, then
//! WebAssembly over shared memory.

use super::browser::name_from_user_agent;
use super::isolation::{dip_supported, frame_reason};

/// What the browser context offers, as the page found it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Offers {
    /// It may start Web Workers (a sandboxed frame without `allow-same-origin` may not).
    pub workers: bool,
    /// `crossOriginIsolated` is true.
    pub isolated: bool,
    /// `SharedArrayBuffer` exists.
    pub shared_array_buffer: bool,
    /// A WebAssembly module with a shared memory validates, and such a memory can be created.
    pub wasm_threads: bool,
    /// The page is inside a frame of another page.
    pub in_frame: bool,
}

/// Why the Threads modes can or cannot run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ThreadsSupport {
    /// They can.
    Available,
    /// No worker may start here (a sandboxed frame).
    WorkersRefused,
    /// The page is not cross-origin isolated (its server, or the page that embeds it, does not
    /// send the headers).
    NotIsolated {
        /// Whether the page is embedded in another.
        in_frame: bool,
    },
    /// Isolated, but the browser offers no `SharedArrayBuffer` (WebKitGTK by default, Safari
    /// before 15.2).
    NoSharedArrayBuffer,
    /// Shared memory, but no WebAssembly threads (an engine without the threads proposal).
    NoWasmThreads,
}

impl ThreadsSupport {
    /// Decides from what the browser offers.
    pub fn of(offers: Offers) -> Self {
        if !offers.workers {
            ThreadsSupport::WorkersRefused
        } else if !offers.isolated {
            ThreadsSupport::NotIsolated {
                in_frame: offers.in_frame,
            }
        } else if !offers.shared_array_buffer {
            ThreadsSupport::NoSharedArrayBuffer
        } else if !offers.wasm_threads {
            ThreadsSupport::NoWasmThreads
        } else {
            ThreadsSupport::Available
        }
    }

    /// Why the Threads modes cannot run and what to do, as sentences; `None` if they can. In a
    /// frame that is not isolated, the reason names what the browser (by its `user_agent`)
    /// lacks, from [`frame_reason`].
    pub fn reason(self, user_agent: &str) -> Option<String> {
        let text = match self {
            ThreadsSupport::Available => return None,
            ThreadsSupport::WorkersRefused => WORKERS_REFUSED,
            ThreadsSupport::NotIsolated { in_frame: true } => {
                return Some(frame_reason(
                    dip_supported(user_agent),
                    &name_from_user_agent(user_agent),
                ));
            }
            ThreadsSupport::NotIsolated { in_frame: false } => {
                "Threads need memory shared between workers, which browsers allow only when the server sends the \
                 cross-origin isolation headers (COOP and COEP), and this server does not. Open the playground \
                 from a host that sends them (the README says how); every other mode works here."
            }
            ThreadsSupport::NoSharedArrayBuffer => {
                "Threads need memory shared between workers. This page is cross-origin isolated (the server's \
                 headers are right), but this browser does not offer SharedArrayBuffer: Safari before 15.2 lacks \
                 it, and WebKitGTK (Epiphany, MiniBrowser) leaves it off unless started with \
                 JSC_useSharedArrayBuffer=1. Use a newer Safari, Chromium or Firefox for the Threads modes; \
                 every other mode works here."
            }
            ThreadsSupport::NoWasmThreads => {
                "Threads need WebAssembly over shared memory. This browser offers shared memory, but cannot run \
                 WebAssembly on it (it lacks WebAssembly threads). Use a current Chromium, Firefox or Safari \
                 for the Threads modes; every other mode works here."
            }
        };
        Some(text.to_owned())
    }

    /// A few words for the machine panel: what is missing.
    pub fn short(self) -> &'static str {
        match self {
            ThreadsSupport::Available => "available",
            ThreadsSupport::WorkersRefused => "unavailable: no workers in a sandboxed frame",
            ThreadsSupport::NotIsolated { .. } => {
                "unavailable: the page is not cross-origin isolated"
            }
            ThreadsSupport::NoSharedArrayBuffer => {
                "unavailable: isolated, but the browser offers no SharedArrayBuffer"
            }
            ThreadsSupport::NoWasmThreads => {
                "unavailable: shared memory, but no WebAssembly threads"
            }
        }
    }
}

/// Why no worker can start here, and what to do.
pub const WORKERS_REFUSED: &str = "This page runs in a sandboxed frame, where the browser does not let it start Web Workers; \
     only the runs on the page's own thread (main_thread=1) work here. Open it in its own tab for the rest.";

#[cfg(test)]
mod tests {
    use super::{Offers, ThreadsSupport};

    const FIREFOX: &str = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0";
    const CHROME: &str = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36";

    const ALL: Offers = Offers {
        workers: true,
        isolated: true,
        shared_array_buffer: true,
        wasm_threads: true,
        in_frame: false,
    };

    #[test]
    fn names_the_first_missing_piece() {
        assert_eq!(ThreadsSupport::of(ALL), ThreadsSupport::Available);
        assert_eq!(ThreadsSupport::Available.reason(FIREFOX), None);
        let no_workers = Offers {
            workers: false,
            ..Offers::default()
        };
        assert_eq!(
            ThreadsSupport::of(no_workers),
            ThreadsSupport::WorkersRefused
        );
        // Not isolated: no SharedArrayBuffer follows from it, so the headers are the cause.
        let plain = Offers {
            isolated: false,
            shared_array_buffer: false,
            ..ALL
        };
        assert_eq!(
            ThreadsSupport::of(plain),
            ThreadsSupport::NotIsolated { in_frame: false }
        );
        let framed = Offers {
            in_frame: true,
            ..plain
        };
        assert_eq!(
            ThreadsSupport::of(framed),
            ThreadsSupport::NotIsolated { in_frame: true }
        );
        let webkitgtk = Offers {
            shared_array_buffer: false,
            wasm_threads: false,
            ..ALL
        };
        assert_eq!(
            ThreadsSupport::of(webkitgtk),
            ThreadsSupport::NoSharedArrayBuffer
        );
        let old_engine = Offers {
            wasm_threads: false,
            ..ALL
        };
        assert_eq!(
            ThreadsSupport::of(old_engine),
            ThreadsSupport::NoWasmThreads
        );
    }

    #[test]
    fn each_reason_says_what_to_do() {
        let isolated_no_sab = ThreadsSupport::NoSharedArrayBuffer
            .reason(FIREFOX)
            .unwrap_or_default();
        assert!(isolated_no_sab.contains("SharedArrayBuffer"));
        assert!(isolated_no_sab.contains("headers are right"));
        assert!(!isolated_no_sab.contains("this server does not"));
        let plain = ThreadsSupport::NotIsolated { in_frame: false }
            .reason(FIREFOX)
            .unwrap_or_default();
        assert!(plain.contains("cross-origin isolation headers"));
        let framed = ThreadsSupport::NotIsolated { in_frame: true }
            .reason(FIREFOX)
            .unwrap_or_default();
        assert!(framed.contains("lacks Document-Isolation-Policy"));
        assert!(framed.contains("own tab"));
        let framed_chromium = ThreadsSupport::NotIsolated { in_frame: true }
            .reason(CHROME)
            .unwrap_or_default();
        assert!(framed_chromium.contains("sends no Document-Isolation-Policy header"));
        assert!(
            ThreadsSupport::NoWasmThreads
                .reason(FIREFOX)
                .unwrap_or_default()
                .contains("WebAssembly threads")
        );
        assert!(
            ThreadsSupport::WorkersRefused
                .reason(FIREFOX)
                .unwrap_or_default()
                .contains("sandboxed frame")
        );
    }
}
