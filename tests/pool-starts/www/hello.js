// The `bare` variant's thread: a module worker that loads nothing and only says it runs.
self.postMessage({ type: 'thread running', at: performance.timeOrigin + performance.now() });
