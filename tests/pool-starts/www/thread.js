// A pool thread of the app's kind (www/pool-thread.js), started by the page (or, in the `nested`
// variant, by the unit): instantiates the module over the unit's memory and runs one rayon
// thread. It tells its starter once it is about to enter Rust, so a start that never finishes
// shows which thread did not get there.
self.addEventListener('message', async function start(event) {
  const data = event.data;
  if (data?.type !== 'pool-init') return;
  self.removeEventListener('message', start);
  const glue = await import(data.glue);
  glue.initSync({ module: data.module, memory: data.memory });
  self.postMessage({ type: 'thread running', at: performance.timeOrigin + performance.now() });
  glue.thread_main(data.thread);
});
