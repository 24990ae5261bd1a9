// The thread of the `bare` and `classic` variants: a worker that loads nothing and only says it
// runs.
self.postMessage({ type: 'thread running', at: performance.timeOrigin + performance.now() });
