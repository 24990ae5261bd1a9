// What a program's processes share, on shared memory (SharedArrayBuffer, where the page is
// cross-origin isolated): the process table the page keeps (each process's state and exit
// code), and the objects of `multiprocessing` that cross between processes: queues (a ring of
// pickled items), locks, events and values. Blocking calls wait with Atomics.wait, so a process
// that waits uses no core; each waits at most `timeout` ms (a negative timeout waits for ever).
// The runtime (program_runtime.py, program_processes.py) calls these through `self`.

const ANY = Infinity;
const deadline = (timeout) => (timeout < 0 ? ANY : performance.now() + timeout);
const left = (end) => (end === ANY ? ANY : Math.max(0, end - performance.now()));

// The process table (made by the page: src/web/python_program.rs): slot i is [state, exit
// code] at 2i, 2i+1 (state 0 free, 1 running, 2 ended); slot 0 is [next pid, children running].
export const slots = (table) => table.length / 2;

// Waits until process `pid` has ended or `timeout` ms pass: its exit code, or undefined (None
// in Python; null would be Pyodide's jsnull).
export function join(table, pid, timeout) {
  const end = deadline(timeout);
  for (;;) {
    if (Atomics.load(table, 2 * pid) === 2) return Atomics.load(table, 2 * pid + 1);
    const wait = left(end);
    if (wait === 0) return undefined;
    Atomics.wait(table, 2 * pid, 1, wait);
  }
}

// A process's state: 'running', 'ended' or 'unknown', and its exit code once ended.
export function processState(table, pid) {
  const state = Atomics.load(table, 2 * pid);
  return [state === 1 ? 'running' : state === 2 ? 'ended' : 'unknown', Atomics.load(table, 2 * pid + 1)];
}

// A lock word: 0 free, 1 held. True once taken, false if `timeout` passed first.
export function lockAcquire(words, at, timeout) {
  const end = deadline(timeout);
  for (;;) {
    if (Atomics.compareExchange(words, at, 0, 1) === 0) return true;
    const wait = left(end);
    if (wait === 0) return false;
    Atomics.wait(words, at, 1, wait);
  }
}

export function lockRelease(words, at) {
  if (Atomics.compareExchange(words, at, 1, 0) !== 1) throw new Error('release of an unlocked lock');
  Atomics.notify(words, at, 1);
}

// An event word: 0 clear, 1 set.
export function eventWait(words, at, timeout) {
  const end = deadline(timeout);
  for (;;) {
    if (Atomics.load(words, at) === 1) return true;
    const wait = left(end);
    if (wait === 0) return false;
    Atomics.wait(words, at, 0, wait);
  }
}

export function eventSet(words, at, value) {
  Atomics.store(words, at, value);
  if (value === 1) Atomics.notify(words, at);
}

// A queue: a header of Int32 words, then a ring of bytes holding items, each a 4-byte length
// and the pickled bytes. Header: lock, items, head, tail, used bytes, changes (a counter every
// put and get bumps, which waiters wait on), the most items (0: no limit), unfinished tasks
// (JoinableQueue), items ever put, bytes ever put.
const LOCK = 0; const ITEMS = 1; const HEAD = 2; const TAIL = 3; const USED = 4; const CHANGES = 5;
const MAX_ITEMS = 6; const UNFINISHED = 7; const PUT_ITEMS = 8; const PUT_BYTES = 9;
const HEADER = 16 * 4;

export function newQueue(capacity, maxItems) {
  const sab = new SharedArrayBuffer(HEADER + capacity);
  new Int32Array(sab, 0, 16)[MAX_ITEMS] = maxItems;
  return sab;
}

const views = (sab) => ({ words: new Int32Array(sab, 0, 16), ring: new Uint8Array(sab, HEADER) });

function copyIn(ring, at, bytes) {
  const first = Math.min(bytes.length, ring.length - at);
  ring.set(bytes.subarray(0, first), at);
  if (first < bytes.length) ring.set(bytes.subarray(first), 0);
  return (at + bytes.length) % ring.length;
}

function copyOut(ring, at, length) {
  const out = new Uint8Array(length);
  const first = Math.min(length, ring.length - at);
  out.set(ring.subarray(at, at + first));
  if (first < length) out.set(ring.subarray(0, length - first), first);
  return [out, (at + length) % ring.length];
}

// Waits, the queue's lock released, until `ready(words)` or the deadline: true if ready, with
// the lock held again.
function waitUntil(words, end, ready) {
  for (;;) {
    lockAcquire(words, LOCK, -1);
    if (ready(words)) return true;
    const seen = Atomics.load(words, CHANGES);
    lockRelease(words, LOCK);
    const wait = left(end);
    if (wait === 0) return false;
    Atomics.wait(words, CHANGES, seen, wait);
  }
}

function changed(words) {
  Atomics.add(words, CHANGES, 1);
  lockRelease(words, LOCK);
  Atomics.notify(words, CHANGES);
}

// Puts `bytes`: 'ok', 'full' (timeout passed) or 'too-big' (it could never fit).
export function queuePut(sab, bytes, timeout) {
  const { words, ring } = views(sab);
  const need = bytes.length + 4;
  if (need > ring.length) return 'too-big';
  const room = (w) => ring.length - w[USED] >= need && (w[MAX_ITEMS] === 0 || w[ITEMS] < w[MAX_ITEMS]);
  if (!waitUntil(words, deadline(timeout), room)) return 'full';
  const length = new Uint8Array(new Uint32Array([bytes.length]).buffer);
  words[TAIL] = copyIn(ring, copyIn(ring, words[TAIL], length), bytes);
  words[USED] += need;
  words[ITEMS] += 1;
  words[UNFINISHED] += 1;
  words[PUT_ITEMS] += 1;
  words[PUT_BYTES] += bytes.length;
  changed(words);
  return 'ok';
}

// Takes the oldest item's bytes, or undefined (None in Python) if `timeout` passed first.
export function queueGet(sab, timeout) {
  const { words, ring } = views(sab);
  if (!waitUntil(words, deadline(timeout), (w) => w[ITEMS] > 0)) return undefined;
  const [length, at] = copyOut(ring, words[HEAD], 4);
  const size = new Uint32Array(length.buffer)[0];
  const [bytes, next] = copyOut(ring, at, size);
  words[HEAD] = next;
  words[USED] -= size + 4;
  words[ITEMS] -= 1;
  changed(words);
  return bytes;
}

// [items now, items ever put, bytes ever put].
export function queueCounts(sab) {
  const { words } = views(sab);
  return [Atomics.load(words, ITEMS), Atomics.load(words, PUT_ITEMS), Atomics.load(words, PUT_BYTES)];
}

// JoinableQueue: one task done; false if more were marked done than were put.
export function queueTaskDone(sab) {
  const { words } = views(sab);
  lockAcquire(words, LOCK, -1);
  if (words[UNFINISHED] <= 0) { lockRelease(words, LOCK); return false; }
  words[UNFINISHED] -= 1;
  changed(words);
  return true;
}

// JoinableQueue: waits until every item put has been marked done.
export function queueJoin(sab, timeout) {
  const { words } = views(sab);
  const done = waitUntil(words, deadline(timeout), (w) => w[UNFINISHED] === 0);
  if (done) lockRelease(words, LOCK);
  return done;
}

// A value: a lock word, then 8 bytes read and written as `typecode` (array's codes).
const TYPES = { b: 'Int8', B: 'Uint8', h: 'Int16', H: 'Uint16', i: 'Int32', I: 'Uint32', l: 'Int32', L: 'Uint32', q: 'BigInt64', Q: 'BigUint64', f: 'Float32', d: 'Float64', c: 'Uint8' };
export const typeSize = (code) => ({ b: 1, B: 1, c: 1, h: 2, H: 2, i: 4, I: 4, l: 4, L: 4, f: 4, q: 8, Q: 8, d: 8 })[code] ?? 0;

export function newValues(code, count) {
  return new SharedArrayBuffer(8 + Math.max(8, typeSize(code) * count));
}

export function valueGet(sab, code, index) {
  const view = new DataView(sab, 8);
  const value = view[`get${TYPES[code]}`](index * typeSize(code), true);
  return typeof value === 'bigint' ? Number(value) : value;
}

export function valueSet(sab, code, index, value) {
  const view = new DataView(sab, 8);
  const kind = TYPES[code];
  view[`set${kind}`](index * typeSize(code), kind.startsWith('Big') ? BigInt(value) : value, true);
}

export const valueLock = (sab) => new Int32Array(sab, 0, 2);
