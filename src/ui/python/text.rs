//! The Python lab's prose: what the page says around the code, the settings and the results.

/// The page's title.
pub const TITLE: &str = "Your own Python";

/// Under the title.
pub const LEAD: &str = "Run Python for real: a task sequentially, in worker processes that each hold their own interpreter (as multiprocessing does) and as coroutines on one asyncio event loop, or a whole program as you would run it with python3, multiprocessing and asyncio included. The interpreter is CPython compiled to WebAssembly (Pyodide), running in this browser.";

/// Why there are no Threads modes, before the link to the main lab's.
pub const NO_THREADS: &str = "Threads are not offered for Python code: the default Pyodide build has no threads (CPython for WebAssembly is built without them), so threading here could not run two things at once or show the GIL. The ";
/// The link to the main lab's Threads modes.
pub const THREADS_LINK: &str = "main lab's Threads modes";
/// After that link.
pub const THREADS_AFTER: &str =
    " run the same experiments on real threads, with and without a GIL.";

/// What the code must define.
pub const ABOUT_TASK: &str = "Define task(i, n): task i of n, returning a value. Coroutines run task_async(i, n) if you define it (otherwise they call task). What a task prints is shown beside it.";

/// Above the traceback of code that did not define.
pub const DID_NOT_RUN: &str = "Your code did not run:";

/// The code's label for assistive technology.
pub const LINK_LABEL: &str = "Link to this code and these settings";
