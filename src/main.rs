//! The page's entry point: mounts the app (nothing else). The same wasm also starts in every
//! worker, where there is no window and so nothing to mount.

fn main() {
    #[cfg(target_arch = "wasm32")]
    concurrency_playground::ui::start();
}
