"""The parts of an article, then its vocabulary items, made side by side in forked processes.

A worker is forked after the dictionaries and the models are loaded, so that it shares them
with its parent instead of loading its own (the collector is told to leave them alone, or it
would write to every page they are on and unshare them). Results come back in order. A
job's big inputs, the sentences of a book, reach the workers the same way rather than pickled
(:meth:`Workers.share`).

numpy's BLAS would start a thread per core in every worker, and workers and threads would
then fight over the same cores (reading 300,000 characters in two workers took three times
as long). It runs one thread, in workers and in a lone process alike, so that the model's
arithmetic, and so the deck, is the same whatever the number of workers.

Only on Linux: elsewhere forking a process that has loaded numpy is not safe, and the parts
are read one after another.
"""

from __future__ import annotations

import itertools
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")
_SHARED: dict[int, object] = {}  # what jobs find by number: in a forked worker, as it was at the fork
_NUMBERS = itertools.count()


@dataclass(frozen=True)
class Shared(Generic[T]):
    """A value a job reaches without its being pickled: a worker has it from its fork, and
    the job carries this number alone (see :meth:`Workers.share`)."""

    number: int

    @property
    def value(self) -> T:
        return _SHARED[self.number]  # type: ignore[return-value]


def how_many(jobs: int, workers: int | None) -> int:
    """Worker processes for ``jobs`` parts: ``workers`` (default one per core), at most one per
    part; 1 (read here) where forking is not to be had."""
    if not sys.platform.startswith("linux"):
        return 1
    return max(1, min(jobs, workers or os.cpu_count() or 1))


class Workers:
    """This process and ``workers - 1`` forked ones, for the jobs of one lesson.

    The processes are forked at the first :meth:`map_in_order` with more than one job, after
    ``warm_up`` has loaded what every job needs, and serve every later call too (the parts of
    the text, then the vocabulary items and English words). Use as a context manager: leaving
    it stops them, and on Ctrl-C or an error drops the jobs not started rather than run them
    (a job already running ends first).
    """

    def __init__(self, workers: int, warm_up: Callable[[], None]) -> None:
        self.workers = workers
        self._warm_up = warm_up
        self._pool = None
        self._blas = one_blas_thread()
        self._shared: dict[int, Shared] = {}  # by the value's id
        self._shared_since_fork = False

    def __enter__(self) -> Workers:
        self._blas.__enter__()
        return self

    def __exit__(self, kind, error, traceback) -> None:
        try:
            self._stop(cancel=kind is not None)
        finally:
            for handle in self._shared.values():
                del _SHARED[handle.number]
            self._blas.__exit__(kind, error, traceback)

    def share(self, value: T) -> Shared[T]:
        """A handle on ``value`` for the jobs of this pool to carry instead of the value.

        A job's arguments are pickled on their way to a worker and rebuilt there: for the
        sentences of a book, more work than the job. A worker forked after this call has the
        value already (the workers running now are replaced at the next :meth:`map_in_order`).
        Sharing the same object again gives the same handle; the pool lets go of it on exit.
        """
        handle = self._shared.get(id(value))
        if handle is None:
            handle = self._shared[id(value)] = Shared(next(_NUMBERS))
            _SHARED[handle.number] = value
            self._shared_since_fork = True
        return handle

    def afresh(self) -> None:
        """Stop the workers: the next :meth:`map_in_order` forks new ones from this process as it
        is then. A stage's workers do not carry the last stage's caches into the next."""
        self._stop(cancel=False)

    def _stop(self, cancel: bool) -> None:
        """Shut the workers down and wait for them (``cancel``: drop the jobs not started; one
        running ends first), with Ctrl-C held back until they are gone.

        A Ctrl-C in the middle of a shutdown, or a shutdown that does not wait, left the pool's
        thread to close its pipes while Python was exiting, which then wrote to one of them and
        printed a traceback ("Bad file descriptor") after the one line that says "interrupted".
        """
        if self._pool is None:
            return
        import gc

        pool, self._pool = self._pool, None
        with ctrl_c_held():
            pool.shutdown(wait=True, cancel_futures=cancel)
        gc.unfreeze()

    def map_in_order(self, function: Callable[..., T], jobs: Sequence[tuple]) -> Iterator[T]:
        """``function(*job)`` for each job, in order: the jobs go to the workers at once, and
        this process runs every workers-th job itself, as the results are read, rather than wait."""
        if self.workers <= 1 or len(jobs) <= 1:
            return here(function, jobs)
        if self._shared_since_fork:
            self.afresh()  # its workers were forked before the value was shared
        pool = self._start()
        # the pool forks its processes as the first jobs go in: a Ctrl-C in the middle of a fork
        # would leave a worker the pool does not know of, so it waits until the jobs are in
        with ctrl_c_held():
            futures = {index: pool.submit(function, *job) for index, job in enumerate(jobs) if index % self.workers}
        return self._in_order(function, jobs, futures)

    @staticmethod
    def _in_order(function: Callable[..., T], jobs: Sequence[tuple], futures: dict) -> Iterator[T]:
        try:
            for index, job in enumerate(jobs):
                # popped: a future holds its result, a part of a book, for as long as it is kept
                yield futures.pop(index).result() if index in futures else function(*job)
        finally:
            for future in futures.values():
                future.cancel()  # a no-op for the jobs done; stops the rest on an error

    def _start(self):
        if self._pool is None:
            import gc
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            self._warm_up()
            # what the workers inherit stays shared: the collector does not touch it. (No
            # collection first: over a book's sentences it took a third of a second, and the
            # holes it leaves would be filled in the parent, unsharing their pages.)
            gc.freeze()
            self._pool = ProcessPoolExecutor(self.workers - 1, mp_context=multiprocessing.get_context("fork"),
                                             initializer=_start_worker, initargs=(gc.get_threshold(), os.getpid()))
            self._shared_since_fork = False
        return self._pool


def map_sharing(pool: Workers | None, function: Callable[..., T], value, jobs: Sequence[tuple]) -> Iterator[T]:
    """``function(value, *job)`` for each job, in order: on the pool's processes, ``value``
    shared with them (:meth:`Workers.share`), or here without a pool. ``function`` gets its
    value through :func:`shared_value`."""
    if pool is None:
        return here(function, [(value, *job) for job in jobs])
    shared = pool.share(value)
    return pool.map_in_order(function, [(shared, *job) for job in jobs])


def shared_value(value: Shared[T] | T) -> T:
    """What a job was given: the value a :class:`Shared` handle stands for, or the value
    itself (a job run without a pool gets it as it is)."""
    return value.value if isinstance(value, Shared) else value


def here(function: Callable[..., T], jobs: Sequence[tuple]) -> Iterator[T]:
    """``function(*job)`` for each job, in order, in this process: :meth:`Workers.map_in_order`
    without workers."""
    return (function(*job) for job in jobs)


@contextmanager
def ctrl_c_held() -> Iterator[None]:
    """Hold a Ctrl-C back while the block runs, then raise it as usual.

    Blocking SIGINT in this thread is not enough: the kernel then hands it to another thread
    (numpy's), and Python raises KeyboardInterrupt here all the same, in the middle of a fork
    or a shutdown. So for the block Python's own handler is swapped for one that only notes
    the Ctrl-C, and the signal is blocked too (no system call is cut short by it).
    """
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread handles signals
        return
    noted: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda number, _frame: noted.append(number))
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        signal.signal(signal.SIGINT, signal.SIG_DFL if previous is None else previous)  # None: not Python's
    if noted:
        signal.raise_signal(signal.SIGINT)  # to the handler now in place: KeyboardInterrupt, as a rule


def die_with_parent(parent: int) -> None:
    """Have the kernel end this worker when the process that started it dies (Linux): a parent
    killed outright (SIGKILL, the OOM killer) left its workers running, each holding its memory."""
    import signal

    if not sys.platform.startswith("linux"):
        return
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # it died before the call
        os._exit(1)


def _start_worker(threshold: tuple[int, int, int], parent: int) -> None:
    import gc
    import signal

    die_with_parent(parent)
    gc.set_threshold(*threshold)  # the parent's, as the build set it
    # Ctrl-C reaches the workers too: a worker stops without a traceback, and the parent,
    # which has dropped the parts not started, says "interrupted" once
    signal.signal(signal.SIGINT, _stop_quietly)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # blocked while it was forked


def _stop_quietly(_signal, _frame) -> None:
    raise SystemExit(130)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Run Python's cycle collector less often while the block runs.

    A build makes millions of small tuples and few cycles; with the default thresholds the
    collector ran often enough to cost a tenth of a long build, and as much again while the
    deck of a lesson that big was written.
    """
    import gc

    before = gc.get_threshold()
    gc.set_threshold(50_000, 20, 100)
    try:
        yield
    finally:
        gc.set_threshold(*before)


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """numpy's BLAS on one thread while the block runs (in forked workers too)."""
    from importlib import import_module

    from threadpoolctl import threadpool_limits

    import_module("numpy")  # first: threadpoolctl limits the BLAS libraries loaded already

    with threadpool_limits(limits=1, user_api="blas"):
        yield
