// A unit of a run (a worker, a process, an event loop, or the home of a thread pool): a Web
// Worker with its own instance of the app's wasm. The page sends the address of the app's
// wasm-bindgen glue and the compiled module; this loads them and hands over to Rust
// (`cp_unit_main` in src/web/in_unit.rs), which answers the page's messages from then on.
self.addEventListener('message', async function start(event) {
  const data = event.data;
  if (!data || data.type !== 'cp-init') return;
  self.removeEventListener('message', start);
  try {
    const glue = await import(data.glue);
    await glue.default({ module_or_path: data.module });
    glue.cp_unit_main(data.label);
  } catch (error) {
    self.postMessage({ type: 'cp-failed', message: String((error && error.message) || error) });
  }
});
