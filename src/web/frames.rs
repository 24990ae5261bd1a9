//! Animation frames. `AnimationLoop` calls a function on every frame the browser paints until
//! the function says stop or the loop is dropped: the replay's playhead moves on it. On it,
//! `FrameMonitor` measures main-thread responsiveness while a run is in progress, keeping the
//! longest gap between two frames: a page that keeps painting has gaps of about 16 ms; a frozen
//! page has one gap as long as the freeze.

use super::platform::now_ms;
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;

type FrameCallback = Rc<RefCell<Option<Closure<dyn FnMut()>>>>;

/// Calls its function on every animation frame, with the time (ms), until the function returns
/// false or the loop is dropped.
pub struct AnimationLoop {
    callback: FrameCallback,
    request: Rc<Cell<i32>>,
}

impl AnimationLoop {
    /// Starts calling `on_frame` from the next frame on.
    pub fn start(mut on_frame: impl FnMut(f64) -> bool + 'static) -> Self {
        let callback: FrameCallback = Rc::new(RefCell::new(None));
        let request = Rc::new(Cell::new(0));
        let weak: Weak<_> = Rc::downgrade(&callback);
        let request_in = request.clone();
        *callback.borrow_mut() = Some(Closure::new(move || {
            if on_frame(now_ms())
                && let Some(callback) = weak.upgrade()
            {
                ask(&callback, &request_in);
            }
        }));
        ask(&callback, &request);
        AnimationLoop { callback, request }
    }
}

impl Drop for AnimationLoop {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            let _ = window.cancel_animation_frame(self.request.get());
        }
        // The closure may be running now (it can end its own loop): free it afterwards.
        if let Ok(mut slot) = self.callback.try_borrow_mut() {
            slot.take();
        }
    }
}

fn ask(callback: &FrameCallback, request: &Cell<i32>) {
    if let (Some(window), Ok(slot)) = (web_sys::window(), callback.try_borrow())
        && let Some(closure) = slot.as_ref()
        && let Ok(id) = window.request_animation_frame(closure.as_ref().unchecked_ref())
    {
        request.set(id);
    }
}

/// Measures the gaps between animation frames until stopped.
pub struct FrameMonitor {
    state: Rc<Cell<(f64, f64)>>,
    _frames: AnimationLoop,
}

impl FrameMonitor {
    /// Starts measuring.
    pub fn start() -> Self {
        let state = Rc::new(Cell::new((now_ms(), 0.0_f64)));
        let state_in = state.clone();
        let frames = AnimationLoop::start(move |now| {
            let (last, longest) = state_in.get();
            state_in.set((now, longest.max(now - last)));
            true
        });
        FrameMonitor {
            state,
            _frames: frames,
        }
    }

    /// Stops, and returns the longest gap, counting the one still open now (ms).
    pub fn stop(self) -> f64 {
        let (last, longest) = self.state.get();
        longest.max(now_ms() - last)
    }
}
