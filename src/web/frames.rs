//! Main-thread responsiveness: while a run is in progress, the page asks for every animation
//! frame and keeps the longest gap between two of them. A page that keeps painting has gaps of
//! about 16 ms; a frozen page has one gap as long as the freeze.

use super::platform::now_ms;
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;

struct State {
    last: f64,
    longest: f64,
    request: i32,
}

type FrameCallback = Rc<RefCell<Option<Closure<dyn FnMut()>>>>;

/// Measures the gaps between animation frames until stopped.
pub struct FrameMonitor {
    state: Rc<RefCell<State>>,
    callback: FrameCallback,
}

impl FrameMonitor {
    /// Starts measuring.
    pub fn start() -> Self {
        let state = Rc::new(RefCell::new(State {
            last: now_ms(),
            longest: 0.0,
            request: 0,
        }));
        let callback: FrameCallback = Rc::new(RefCell::new(None));
        let state_in = state.clone();
        let weak: Weak<_> = Rc::downgrade(&callback);
        *callback.borrow_mut() = Some(Closure::new(move || {
            let now = now_ms();
            {
                let mut s = state_in.borrow_mut();
                s.longest = s.longest.max(now - s.last);
                s.last = now;
            }
            if let Some(callback) = weak.upgrade() {
                request(&callback, &state_in);
            }
        }));
        request(&callback, &state);
        FrameMonitor { state, callback }
    }

    /// Stops, and returns the longest gap, counting the one still open now (ms).
    pub fn stop(self) -> f64 {
        let s = self.state.borrow();
        if let Some(window) = web_sys::window() {
            let _ = window.cancel_animation_frame(s.request);
        }
        self.callback.borrow_mut().take();
        s.longest.max(now_ms() - s.last)
    }
}

fn request(callback: &FrameCallback, state: &Rc<RefCell<State>>) {
    if let (Some(window), Some(closure)) = (web_sys::window(), callback.borrow().as_ref())
        && let Ok(id) = window.request_animation_frame(closure.as_ref().unchecked_ref())
    {
        state.borrow_mut().request = id;
    }
}
