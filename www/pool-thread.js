// A thread of a unit's rayon pool: a Web Worker that instantiates the app's wasm over the
// unit's shared memory and runs one rayon thread (`cp_pool_thread` in src/web/pool.rs).
self.addEventListener('message', async function start(event) {
  const data = event.data;
  if (!data || data.type !== 'cp-pool-init') return;
  self.removeEventListener('message', start);
  const glue = await import(data.glue);
  glue.initSync({ module: data.module, memory: data.memory });
  glue.cp_pool_thread(data.thread);
});
