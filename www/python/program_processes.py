"""multiprocessing and concurrent.futures.ProcessPoolExecutor for the Python lab's programs,
with the spawn start method, as CPython has them on macOS and Windows: every child is a fresh
interpreter in its own Web Worker, started by the page (never nested in another worker), which
imports the main file as __mp_main__ and unpickles its target and arguments. Queues, locks,
events and values live on shared memory (www/python/shared_memory.js); every blocking call
waits with Atomics.wait, using no core. Arguments, queue items and results cross pickled; the
shared objects among a Process's arguments cross as references to their memory.

What cannot exist here raises an exception that names it (fork, Manager, Pipe, ...). The
page hands in `cp` (the JavaScript side: spawn, join, terminate and the shared objects), this
process's pid, its parent's, its name and the cores the browser reports.
"""

import concurrent.futures
import concurrent.futures._base as futures_base
import io
import itertools
import os
import pickle
import sys
import traceback

import multiprocessing
import multiprocessing.pool

cp = None  # the JavaScript side, set by setup()
ME = {"pid": 1, "parent": 0, "name": "MainProcess", "cores": 1, "bootstrapping": False}
MAX_RUNNING = 16
QUEUE_BYTES = 1 << 20
_children = []
_counter = itertools.count(1)
_shared = {}  # id -> shared object, in this process
_ids = itertools.count(1)


def _unavailable(what, why):
    def refuse(*args, **kwargs):
        raise NotImplementedError(f"{what}: {why}")

    return refuse


NO_SHARED_MEMORY = (
    "starting a process needs shared memory, which the browser gives only to a page that is "
    "cross-origin isolated. Open the page from a host that sends the isolation headers (the "
    "README's serve command does), or let its service worker reload it once."
)
BOOTSTRAPPING = """
        An attempt has been made to start a new process before the
        current process has finished its bootstrapping phase.

        This probably means that you are not using fork to start your
        child processes and you have forgotten to use the proper idiom
        in the main module:

            if __name__ == '__main__':
                freeze_support()
                ...

        The "freeze_support()" line can be omitted if the program
        is not going to be frozen to produce an executable.

        To fix this issue, refer to the "Safe importing of main module"
        section in https://docs.python.org/3/library/multiprocessing.html
        """


# Shared objects cross as persistent ids: (kind, id); their memory rides beside the pickle.
class _Pickler(pickle.Pickler):
    def __init__(self, file, memory):
        super().__init__(file)
        self.memory = memory

    def persistent_id(self, obj):
        if isinstance(obj, _SharedObject):
            self.memory[str(obj._id)] = obj._sab
            return (type(obj).__name__, obj._id, obj._state())
        return None


class _Unpickler(pickle.Unpickler):
    def __init__(self, file, memory):
        super().__init__(file)
        self.memory = memory

    def persistent_load(self, pid):
        kind, ident, state = pid
        if ident in _shared:
            return _shared[ident]
        obj = _KINDS[kind].__new__(_KINDS[kind])
        obj._attach(ident, self.memory[str(ident)], state)
        _shared[ident] = obj
        return obj


def dumps(obj, memory=None):
    begun = cp.now()
    buffer = io.BytesIO()
    _Pickler(buffer, {} if memory is None else memory).dump(obj)
    cp.pickled(begun, cp.now())
    return buffer.getvalue()


def loads(data, memory=None):
    begun = cp.now()
    obj = _Unpickler(io.BytesIO(data), memory or {}).load()
    cp.pickled(begun, cp.now())
    return obj


def queue_counts():
    """Every queue this process knows: (id, items ever put, bytes ever put)."""
    return [(ident, *cp.queueCounts(q._sab).to_py()[1:]) for ident, q in _shared.items() if isinstance(q, Queue)]


class _SharedObject:
    """An object on shared memory: a fresh one in the process that makes it, or attached to
    the same memory in a process that receives it as an argument."""

    def _new(self, sab, state):
        self._attach(next(_ids) + ME["pid"] * 1_000_000, sab, state)
        _shared[self._id] = self

    def _attach(self, ident, sab, state):
        self._id, self._sab = ident, sab
        self._set_state(state)

    def _state(self):
        return None

    def _set_state(self, state):
        pass

    def __reduce__(self):
        raise RuntimeError(
            f"multiprocessing: a {type(self).__name__} crosses to another process only as an "
            "argument of a Process (or a Pool's initargs), as with the spawn start method"
        )


def _ms(timeout):
    return -1 if timeout is None else max(0.0, float(timeout)) * 1000.0


class Queue(_SharedObject):
    def __init__(self, maxsize=0):
        _need_shared_memory()
        self._new(cp.newQueue(QUEUE_BYTES, int(maxsize) if maxsize and maxsize > 0 else 0), None)

    def put(self, obj, block=True, timeout=None):
        data = dumps(obj)
        said = cp.queuePut(self._sab, data, _ms(timeout) if block else 0)
        if said == "too-big":
            raise ValueError(f"multiprocessing: an item of {len(data)} bytes pickled is larger than a queue here holds ({QUEUE_BYTES} bytes)")
        if said == "full":
            import queue
            raise queue.Full

    def get(self, block=True, timeout=None):
        data = cp.queueGet(self._sab, _ms(timeout) if block else 0)
        if data is None:
            import queue
            raise queue.Empty
        return loads(data.to_bytes())

    def put_nowait(self, obj):
        return self.put(obj, False)

    def get_nowait(self):
        return self.get(False)

    def qsize(self):
        return cp.queueCounts(self._sab)[0]

    def empty(self):
        return self.qsize() == 0

    def full(self):
        return False

    def close(self):
        pass

    def join_thread(self):
        pass

    def cancel_join_thread(self):
        pass


class SimpleQueue(Queue):
    def __init__(self):
        super().__init__()


class JoinableQueue(Queue):
    def task_done(self):
        if not cp.queueTaskDone(self._sab):
            raise ValueError("task_done() called too many times")

    def join(self):
        cp.queueJoin(self._sab, -1)


class Lock(_SharedObject):
    def __init__(self):
        _need_shared_memory()
        self._new(cp.newValues("i", 1), None)

    def acquire(self, block=True, timeout=None):
        return bool(cp.lockAcquire(cp.valueLock(self._sab), 0, _ms(timeout) if block else 0))

    def release(self):
        cp.lockRelease(cp.valueLock(self._sab), 0)

    __enter__ = acquire

    def __exit__(self, *exc):
        self.release()


class Event(_SharedObject):
    def __init__(self):
        _need_shared_memory()
        self._new(cp.newValues("i", 1), None)

    def is_set(self):
        return bool(cp.eventWait(cp.valueLock(self._sab), 1, 0))

    def set(self):
        cp.eventSet(cp.valueLock(self._sab), 1, 1)

    def clear(self):
        cp.eventSet(cp.valueLock(self._sab), 1, 0)

    def wait(self, timeout=None):
        return bool(cp.eventWait(cp.valueLock(self._sab), 1, _ms(timeout)))


class Array(_SharedObject):
    """multiprocessing.Array (and Value, an Array of one): numbers on shared memory, with a lock
    of their own unless lock=False. value += 1 is a read and a write: without the lock, two
    processes lose each other's updates."""

    def __init__(self, typecode, size_or_values, *, lock=True):
        _need_shared_memory()
        values = [0] * size_or_values if isinstance(size_or_values, int) else list(size_or_values)
        if cp.typeSize(typecode) == 0:
            raise TypeError(f"multiprocessing: typecode {typecode!r} is not one of b B h H i I l L q Q f d")
        self._new(cp.newValues(typecode, len(values)), (typecode, len(values), lock))
        for i, v in enumerate(values):
            self[i] = v

    def _state(self):
        return (self._typecode, self._length, self._locked)

    def _set_state(self, state):
        self._typecode, self._length, self._locked = state
        self._lock = _LockOn(self._sab)

    def __len__(self):
        return self._length

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self._length))]
        if not -self._length <= i < self._length:
            raise IndexError("array index out of range")
        return cp.valueGet(self._sab, self._typecode, i % self._length)

    def __setitem__(self, i, v):
        if not -self._length <= i < self._length:
            raise IndexError("array assignment index out of range")
        cp.valueSet(self._sab, self._typecode, i % self._length, v)

    def get_lock(self):
        if not self._locked:
            raise AttributeError("'c_int' object has no attribute 'get_lock' (made with lock=False)")
        return self._lock

    def get_obj(self):
        return self

    def __iter__(self):
        return iter(self[:])


class Value(Array):
    def __init__(self, typecode, value=0, *, lock=True):
        super().__init__(typecode, [value], lock=lock)

    @property
    def value(self):
        return self[0]

    @value.setter
    def value(self, v):
        self[0] = v

    def __repr__(self):
        return f"<Synchronized wrapper for c_{self._typecode}({self.value})>"


class _LockOn:
    """The lock of a Value or Array: its first word."""

    def __init__(self, sab):
        self._sab = sab

    def acquire(self, block=True, timeout=None):
        return bool(cp.lockAcquire(cp.valueLock(self._sab), 0, _ms(timeout) if block else 0))

    def release(self):
        cp.lockRelease(cp.valueLock(self._sab), 0)

    __enter__ = acquire

    def __exit__(self, *exc):
        self.release()


def RawValue(typecode, value=0):
    return Value(typecode, value, lock=False)


def RawArray(typecode, size_or_values):
    return Array(typecode, size_or_values, lock=False)


_KINDS = {k.__name__: k for k in (Queue, SimpleQueue, JoinableQueue, Lock, Event, Array, Value)}


def _need_shared_memory():
    if cp is None or not cp.sharedMemory():
        raise RuntimeError("multiprocessing: " + NO_SHARED_MEMORY)


class Process:
    """A child process: a fresh interpreter in its own worker, started by the page."""

    def __init__(self, group=None, target=None, name=None, args=(), kwargs=None, *, daemon=None):
        number = next(_counter)
        self._identity = ME.get("identity", ()) + (number,)
        self._target, self._args, self._kwargs = target, tuple(args), dict(kwargs or {})
        self.name = name or "Process-" + ":".join(map(str, self._identity))
        self.daemon = bool(daemon) if daemon is not None else False
        self.pid = None
        self._exitcode = None
        self._parent_pid = ME["pid"]

    def run(self):
        if self._target:
            self._target(*self._args, **self._kwargs)

    def start(self):
        if self.pid is not None:
            raise AssertionError("cannot start a process twice")
        if ME["bootstrapping"]:
            raise RuntimeError(BOOTSTRAPPING)
        _need_shared_memory()
        if cp.running() >= MAX_RUNNING:
            raise RuntimeError(
                f"multiprocessing: at most {MAX_RUNNING} processes may run at once here (this one "
                "would be one more); join some before starting others"
            )
        memory = {}
        try:
            payload = dumps(self, memory)
        except Exception as error:
            raise pickle.PicklingError(
                f"multiprocessing: the process's target and arguments must be picklable to "
                f"cross to a new interpreter (spawn): {error}"
            ) from error
        sys.stdout.flush()
        self.pid = cp.spawn(payload, memory, self.name, self.daemon, list(self._identity))
        _children.append(self)

    def __getstate__(self):
        state = dict(self.__dict__)
        state["pid"] = None
        return state

    def join(self, timeout=None):
        if self.pid is None:
            raise AssertionError("can only join a started process")
        code = cp.join(self.pid, _ms(timeout))
        if code is not None:
            self._exitcode = code
            if self in _children:
                _children.remove(self)

    def is_alive(self):
        if self.pid is None:
            return False
        state = cp.processState(self.pid).to_py()
        return state[0] == "running"

    @property
    def exitcode(self):
        if self.pid is not None and self._exitcode is None:
            state, code = cp.processState(self.pid).to_py()
            if state == "ended":
                self._exitcode = code
        return self._exitcode

    def terminate(self):
        if self.pid is not None and self.is_alive():
            cp.terminate(self.pid)

    kill = terminate

    def close(self):
        pass

    @property
    def ident(self):
        return self.pid

    def __repr__(self):
        code = self.exitcode
        state = "initial" if self.pid is None else ("started" if code is None else f"stopped exitcode={code}")
        return f"<Process name={self.name!r} pid={self.pid} parent={self._parent_pid} {state}{' daemon' if self.daemon else ''}>"


class _Current:
    def __init__(self):
        self.name = ME["name"]
        self.pid = ME["pid"]
        self.ident = ME["pid"]
        self.daemon = ME.get("daemon", False)
        self._identity = ME.get("identity", ())

    def __repr__(self):
        return f"<_MainProcess name={self.name!r} parent={ME['parent'] or None} started>" if self.pid == 1 else f"<Process name={self.name!r} parent={ME['parent']} started>"


def current_process():
    return _Current()


def parent_process():
    return None if ME["parent"] == 0 else _Parent()


class _Parent:
    def __init__(self):
        self.pid = ME["parent"]
        self.name = "MainProcess" if ME["parent"] == 1 else "Process"


def active_children():
    return [p for p in list(_children) if p.is_alive()]


def cpu_count():
    return ME["cores"]


def _bootstrap(process):
    """In a child: runs the process as CPython's spawn does; returns its exit code."""
    code = 0
    try:
        process.run()
    except SystemExit as leaving:
        if leaving.code is None:
            code = 0
        elif isinstance(leaving.code, int):
            code = leaving.code
        else:
            sys.stderr.write(str(leaving.code) + "\n")
            code = 1
    except BaseException as error:
        sys.stderr.write(f"Process {process.name}:\n")
        tb = error.__traceback__.tb_next if error.__traceback__ else None
        sys.stderr.write("".join(traceback.format_exception(type(error), error, tb)))
        code = 1
    _at_exit()
    return code


def _at_exit():
    """As multiprocessing does at exit: daemonic children are ended, the others joined."""
    for child in list(_children):
        if child.daemon:
            child.terminate()
    for child in list(_children):
        child.join()


def _pool_worker(tasks, results, initializer, initargs):
    """A Pool's worker process: runs tasks until the sentinel (None)."""
    if initializer is not None:
        initializer(*initargs)
    while True:
        task = tasks.get()
        if task is None:
            return
        job, index, func, args, kwds = task
        try:
            result = (True, func(*args, **kwds))
        except Exception as error:
            result = (False, error)
        try:
            results.put((job, index) + result)
        except Exception as error:
            results.put((job, index, False, pickle.PicklingError(f"the result could not be pickled: {error}")))


def _mapstar(func, chunk):
    return [func(*args) for args in chunk]


class AsyncResult:
    """A Pool's result to come: the pool's result queue is read while someone waits for it."""

    def __init__(self, pool, parts, callback, error_callback, single):
        self._pool, self._parts, self._single = pool, parts, single
        self._callback, self._error_callback = callback, error_callback
        self._values, self._error, self._done = {}, None, 0

    def _set(self, index, ok, value):
        if ok:
            self._values[index] = value
        elif self._error is None:
            self._error = value
        self._done += 1
        if self._done == self._parts:
            if self._error is not None:
                if self._error_callback:
                    self._error_callback(self._error)
            elif self._callback:
                self._callback(self._value())

    def _value(self):
        if self._single:
            return self._values[0]
        return [v for i in sorted(self._values) for v in self._values[i]]

    def ready(self):
        return self._done == self._parts

    def successful(self):
        if not self.ready():
            raise ValueError(f"{self!r} not ready")
        return self._error is None

    def wait(self, timeout=None):
        self._pool._pump_until(self.ready, timeout)

    def get(self, timeout=None):
        self.wait(timeout)
        if not self.ready():
            raise multiprocessing.TimeoutError
        if self._error is not None:
            raise self._error
        return self._value()


class Pool:
    """multiprocessing.Pool: `processes` worker processes (cpu_count() by default) taking tasks
    from one queue and putting results on another, read as results are waited for."""

    def __init__(self, processes=None, initializer=None, initargs=(), maxtasksperchild=None):
        processes = processes or cpu_count()
        if processes < 1:
            raise ValueError("Number of processes must be at least 1")
        self._tasks, self._results = SimpleQueue(), SimpleQueue()
        self._jobs, self._pending, self._state = itertools.count(), {}, "RUN"
        self._pool = []
        for i in range(processes):
            worker = Process(target=_pool_worker, args=(self._tasks, self._results, initializer, initargs), daemon=True)
            worker.name = f"SpawnPoolWorker-{worker._identity[-1]}"
            worker.start()
            self._pool.append(worker)

    def _submit(self, parts, callback, error_callback, single):
        if self._state != "RUN":
            raise ValueError("Pool not running")
        job = next(self._jobs)
        result = AsyncResult(self, len(parts), callback, error_callback, single)
        self._pending[job] = result
        for index, (func, args, kwds) in enumerate(parts):
            self._tasks.put((job, index, func, args, kwds))
        if not parts and callback:
            callback([])
        return result

    def _pump(self, timeout=None):
        """Reads one result; False if none came within `timeout`."""
        try:
            job, index, ok, value = self._results.get(timeout=timeout)
        except Exception:
            return False
        result = self._pending.get(job)
        if result is not None:
            result._set(index, ok, value)
            if result.ready():
                del self._pending[job]
        return True

    def _pump_until(self, ready, timeout=None):
        import time
        end = None if timeout is None else time.monotonic() + timeout
        while not ready():
            left = None if end is None else max(0.0, end - time.monotonic())
            if not self._pump(left) and end is not None and time.monotonic() >= end:
                return

    def apply_async(self, func, args=(), kwds={}, callback=None, error_callback=None):
        return self._submit([(func, tuple(args), dict(kwds))], callback, error_callback, True)

    def apply(self, func, args=(), kwds={}):
        return self.apply_async(func, args, kwds).get()

    def _chunks(self, func, iterable, chunksize, star):
        items = [tuple(x) if star else (x,) for x in iterable]
        if chunksize is None:
            chunksize, extra = divmod(len(items), len(self._pool) * 4)
            chunksize += bool(extra)
        chunksize = max(1, chunksize)
        return [(_mapstar, (func, items[i:i + chunksize]), {}) for i in range(0, len(items), chunksize)]

    def map_async(self, func, iterable, chunksize=None, callback=None, error_callback=None):
        return self._submit(self._chunks(func, iterable, chunksize, False), callback, error_callback, False)

    def map(self, func, iterable, chunksize=None):
        return self.map_async(func, iterable, chunksize).get()

    def starmap_async(self, func, iterable, chunksize=None, callback=None, error_callback=None):
        return self._submit(self._chunks(func, iterable, chunksize, True), callback, error_callback, False)

    def starmap(self, func, iterable, chunksize=None):
        return self.starmap_async(func, iterable, chunksize).get()

    def imap(self, func, iterable, chunksize=1):
        results = [self.apply_async(_mapstar, (func, [(x,) for x in chunk])) for chunk in _split(iterable, chunksize)]
        for result in results:
            yield from result.get()

    def imap_unordered(self, func, iterable, chunksize=1):
        results = [self.apply_async(_mapstar, (func, [(x,) for x in chunk])) for chunk in _split(iterable, chunksize)]
        while results:
            ready = [r for r in results if r.ready()]
            if not ready:
                self._pump()
                continue
            for r in ready:
                results.remove(r)
                yield from r.get()

    def close(self):
        if self._state == "RUN":
            self._state = "CLOSE"
            for _ in self._pool:
                self._tasks.put(None)

    def terminate(self):
        self._state = "TERMINATE"
        for worker in self._pool:
            worker.terminate()

    def join(self):
        if self._state == "RUN":
            raise ValueError("Pool is still running")
        for worker in self._pool:
            worker.join()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.terminate()


def _split(iterable, size):
    it = iter(iterable)
    while chunk := list(itertools.islice(it, max(1, size))):
        yield chunk


class _Future(concurrent.futures.Future):
    """A ProcessPoolExecutor's future: waiting for it reads its pool's results."""

    def __init__(self, pool):
        super().__init__()
        self._pool = pool
        self.set_running_or_notify_cancel()

    def result(self, timeout=None):
        self._pool._pump_until(self.done, timeout)
        return super().result(0 if self.done() else timeout)

    def exception(self, timeout=None):
        self._pool._pump_until(self.done, timeout)
        return super().exception(0 if self.done() else timeout)


class ProcessPoolExecutor(concurrent.futures.Executor):
    """concurrent.futures.ProcessPoolExecutor over a Pool of worker processes."""

    def __init__(self, max_workers=None, mp_context=None, initializer=None, initargs=(), *, max_tasks_per_child=None):
        self._pool = Pool(max_workers, initializer, initargs)
        self._futures = []

    def submit(self, fn, /, *args, **kwargs):
        future = _Future(self._pool)
        self._pool.apply_async(fn, args, kwargs, callback=future.set_result, error_callback=future.set_exception)
        self._futures.append(future)
        return future

    def map(self, fn, *iterables, timeout=None, chunksize=1):
        futures = [self.submit(fn, *args) for args in zip(*iterables)]

        def results():
            for future in futures:
                yield future.result(timeout)

        return results()

    def shutdown(self, wait=True, *, cancel_futures=False):
        if wait:
            for future in self._futures:
                if not future.done():
                    future.exception()
        self._pool.close()
        if wait:
            self._pool.join()
        else:
            self._pool.terminate()


def _pools_of(futures):
    return {id(f._pool): f._pool for f in futures if isinstance(f, _Future)}.values()


def as_completed(fs, timeout=None):
    """concurrent.futures.as_completed, reading the pools' results while it waits."""
    import time
    end = None if timeout is None else time.monotonic() + timeout
    pending = list(dict.fromkeys(fs))
    while pending:
        done = [f for f in pending if f.done()]
        for f in done:
            pending.remove(f)
            yield f
        if not pending:
            return
        if end is not None and time.monotonic() >= end:
            raise TimeoutError(f"{len(pending)} (of {len(fs)}) futures unfinished")
        if not done:
            for pool in _pools_of(pending):
                pool._pump(None if end is None else max(0.0, end - time.monotonic()))
                break


def wait(fs, timeout=None, return_when=concurrent.futures.ALL_COMPLETED):
    """concurrent.futures.wait, reading the pools' results while it waits."""
    import time
    end = None if timeout is None else time.monotonic() + timeout
    fs = set(fs)

    def finished():
        done = {f for f in fs if f.done()}
        if return_when == concurrent.futures.FIRST_COMPLETED:
            return bool(done)
        if return_when == concurrent.futures.FIRST_EXCEPTION:
            return any(f.exception(0) for f in done if not f.cancelled()) or len(done) == len(fs)
        return len(done) == len(fs)

    while not finished() and (end is None or time.monotonic() < end):
        pools = list(_pools_of(f for f in fs if not f.done()))
        if not pools:
            break
        pools[0]._pump(None if end is None else max(0.0, end - time.monotonic()))
    done = {f for f in fs if f.done()}
    return futures_base.DoneAndNotDoneFutures(done, fs - done)


def get_context(method=None):
    if method not in (None, "spawn"):
        raise ValueError(f"multiprocessing: the {method!r} start method cannot exist here: a worker cannot be copied as a forked process is; only 'spawn' runs")
    return sys.modules["multiprocessing"]


def set_start_method(method, force=False):
    get_context(method)


def install(js, me):
    """Puts this module's classes and functions in place of multiprocessing's."""
    global cp
    cp = js
    ME.update(me)
    ME["identity"] = tuple(me.get("identity") or ())
    module = sys.modules["multiprocessing"]
    names = ["Process", "Queue", "SimpleQueue", "JoinableQueue", "Lock", "Event", "Value", "Array", "RawValue", "RawArray", "Pool", "current_process", "parent_process", "active_children", "cpu_count", "get_context", "set_start_method"]
    for name in names:
        setattr(module, name, globals()[name])
    module.RLock = Lock
    module.get_start_method = lambda allow_none=False: "spawn"
    module.get_all_start_methods = lambda: ["spawn"]
    module.freeze_support = lambda: None
    for name, why in [("Manager", "a manager process serves objects over sockets, which a page has not"), ("Pipe", "pipes between processes are not built here; use a Queue"), ("Semaphore", "not built here; use a Lock"), ("BoundedSemaphore", "not built here; use a Lock"), ("Condition", "not built here; use an Event or a Queue"), ("Barrier", "not built here; use a JoinableQueue")]:
        setattr(module, name, _unavailable("multiprocessing." + name, why))
    multiprocessing.pool.Pool = Pool
    concurrent.futures.ProcessPoolExecutor = ProcessPoolExecutor
    concurrent.futures.as_completed = as_completed
    concurrent.futures.wait = wait
    os.getpid = lambda: ME["pid"]
    os.getppid = lambda: ME["parent"]
    os.fork = _unavailable("os.fork", "a worker cannot be copied as a forked process is; processes here are spawned")
