//! The views module's entry point: the page fetches it (`dist/views/`) only when a link opens
//! one of the views it holds besides the main lab, so they cost nothing on the first load.
//! The same wasm also starts in every worker the views start, where there is nothing to mount.

fn main() {
    #[cfg(target_arch = "wasm32")]
    concurrency_playground::ui::start(concurrency_playground::ui::views::VIEWS);
}
