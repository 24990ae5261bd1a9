// A unit of the reproducer, like the app's www/unit-worker.js: a module worker that loads the
// glue, instantiates the module the page compiled (its own memory), starts a pool of rayon
// threads, runs a small job on it and reports every step to the page with its time. It answers
// `ping` while its event loop is free, so the page can tell a blocked unit from a waiting one.
//
// With wasm-bindgen-rayon the crate starts the threads' workers from here (nested workers), and
// so does the `nested` variant, with our spawn handler. To see which of them started and which
// message never came, `Worker` and `fetch` are wrapped below: the wrappers only report, the
// crate's own code runs unchanged.
const clock = () => performance.timeOrigin + performance.now();
const report = (what, extra = {}) => self.postMessage({ type: 'step', what, at: clock(), ...extra });

self.addEventListener('message', (event) => {
  if (event.data?.type === 'ping') self.postMessage({ type: 'pong', at: clock() });
});

let nested = 0;
// The threads this unit starts itself, kept referenced (see Firefox bug 1702191).
const kept = [];
const PlainWorker = self.Worker;
if (PlainWorker) {
  self.Worker = class ReportedWorker extends PlainWorker {
    constructor(url, options) {
      const k = nested++;
      report(`nested worker ${k} being constructed`);
      super(url, options);
      report(`nested worker ${k} created`);
      this.addEventListener('message', ({ data }) => {
        if (data?.type) report(`nested worker ${k} sent ${data.type}`);
      });
      this.addEventListener('error', (e) => report(`nested worker ${k} error: ${e.message ?? 'no message'}`));
      this.addEventListener('messageerror', () => report(`nested worker ${k} messageerror`));
    }
  };
}
let fetches = 0;
const plainFetch = self.fetch.bind(self);
self.fetch = (...args) => {
  const k = fetches++;
  report(`fetch ${k} started`);
  return plainFetch(...args).then(
    (response) => { report(`fetch ${k} answered ${response.status}`); return response; },
    (error) => { report(`fetch ${k} failed: ${error}`); throw error; },
  );
};

self.addEventListener('message', async function start(event) {
  const data = event.data;
  if (data?.type !== 'unit-init') return;
  self.removeEventListener('message', start);
  try {
    report('unit started');
    if (data.pool === 'bare' || data.pool === 'classic') return await bare(data);
    const glue = await import(data.glue);
    await glue.default({ module_or_path: data.module });
    report('instantiated');
    const poolFrom = performance.now();
    if (data.pool === 'crate') {
      await glue.initThreadPool(data.threads);
    } else if (data.pool === 'nested') {
      // Our spawn handler, but the unit starts the threads itself, from the plain address of
      // thread.js: nested workers without the crate (and without its blob: addresses).
      const { module, memory, threads } = glue.start_pool(data.threads);
      for (const thread of threads) {
        const worker = new Worker(new URL('thread.js', import.meta.url), { type: 'module' });
        worker.postMessage({ type: 'pool-init', glue: data.glue, module, memory, thread });
        kept.push(worker);
      }
      while (glue.started_threads() < data.threads) await new Promise((r) => setTimeout(r, 1));
    } else {
      // As src/web/pool.rs: the page starts the threads, the unit polls every millisecond.
      self.postMessage({ type: 'spawn-threads', glue: data.glue, ...glue.start_pool(data.threads) });
      while (glue.started_threads() < data.threads) await new Promise((r) => setTimeout(r, 1));
    }
    const poolMs = performance.now() - poolFrom;
    report('pool started', { poolMs });
    const [sum, threads] = glue.run_job(data.n);
    report('job done', { sum, threads });
  } catch (error) {
    report(`failed: ${(error && error.message) || error}`);
  }
});

// The `bare` variant: no wasm, no shared memory, no rayon. The unit starts two module workers
// from a plain address (hello.js), as the `nested` variant does, and waits for their hello; the
// "job" is the same sum, in JavaScript. If this hangs, the fault is in nested workers alone.
// `classic` is the same with classic workers.
async function bare(data) {
  const poolFrom = performance.now();
  const hellos = [];
  for (let k = 0; k < data.threads; k++) {
    const type = data.pool === 'classic' ? 'classic' : 'module';
    const worker = new Worker(new URL('hello.js', import.meta.url), { type });
    kept.push(worker);
    hellos.push(new Promise((resolve) => worker.addEventListener('message', resolve, { once: true })));
  }
  await Promise.all(hellos);
  report('pool started', { poolMs: performance.now() - poolFrom });
  let sum = 0;
  for (let i = 0; i < data.n; i++) sum += i;
  report('job done', { sum, threads: (1 << data.threads) - 1 });
}
