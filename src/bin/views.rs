//! The views module's entry point: the page fetches it (`dist/views/`) only when a link opens
//! one of the views it holds besides the main lab, so they cost nothing on the first load.
//! The same wasm also starts in every worker the views start, where there is nothing to mount
//! but the locks lab's job, which only this module's units can run.

fn main() {
    #[cfg(target_arch = "wasm32")]
    {
        use concurrency_playground::{ui, web};
        web::in_unit::set_locks_job(web::locks::run_encoded);
        ui::start(ui::shell::views::VIEWS);
    }
}
