//! The page's entry point, its main module: mounts the main lab, or fetches the views module
//! when the link opens one of its views (nothing else). The same wasm also starts in every
//! worker, where there is no window and so nothing to mount.

fn main() {
    #[cfg(target_arch = "wasm32")]
    concurrency_playground::ui::start(concurrency_playground::ui::Views::MAIN);
}
