"""The parts of a long article, read side by side in forked worker processes.

A worker is forked after the dictionaries and the models are loaded, so that it shares them
with its parent instead of loading its own (the collector is told to leave them alone, or it
would write to every page they are on and unshare them). Parts come back in order.

numpy's BLAS would start a thread per core in every worker, and workers and threads would
then fight over the same cores (reading 300,000 characters in two workers took three times
as long). It runs one thread, in workers and in a lone process alike, so that the model's
arithmetic, and so the deck, is the same whatever the number of workers.

Only on Linux: elsewhere forking a process that has loaded numpy is not safe, and the parts
are read one after another.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")


def how_many(jobs: int, workers: int | None) -> int:
    """Worker processes for ``jobs`` parts: ``workers`` (default one per core), at most one per
    part; 1 (read here) where forking is not to be had."""
    if not sys.platform.startswith("linux"):
        return 1
    return max(1, min(jobs, workers or os.cpu_count() or 1))


def map_in_order(function: Callable[..., T], jobs: Sequence[tuple], workers: int,
                 warm_up: Callable[[], None]) -> Iterator[T]:
    """``function(*job)`` for each job, in order: here, or here and in ``workers - 1`` forked
    processes (this one reads its share of the parts rather than wait).

    ``warm_up`` loads in this process what every job needs, before any worker is forked.
    """
    with one_blas_thread():
        if workers <= 1:
            for job in jobs:
                yield function(*job)
            return
        import gc
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        warm_up()
        gc.collect()
        gc.freeze()  # what the workers inherit stays shared: the collector does not touch it
        pool = ProcessPoolExecutor(workers - 1, mp_context=multiprocessing.get_context("fork"),
                                   initializer=_start_worker, initargs=(gc.get_threshold(),))
        finished = False
        try:
            # this process reads every workers-th part itself, the workers the others
            futures = {index: pool.submit(function, *job) for index, job in enumerate(jobs) if index % workers}
            for index, job in enumerate(jobs):
                yield futures[index].result() if index in futures else function(*job)
            finished = True
        finally:
            # on Ctrl-C or an error, the parts not started are dropped rather than read first
            pool.shutdown(wait=finished, cancel_futures=not finished)
            gc.unfreeze()


def _start_worker(threshold: tuple[int, int, int]) -> None:
    import gc
    import signal

    gc.set_threshold(*threshold)  # the parent's, as the build set it
    # Ctrl-C reaches the workers too: a worker stops without a traceback, and the parent,
    # which has dropped the parts not started, says "interrupted" once
    signal.signal(signal.SIGINT, _stop_quietly)


def _stop_quietly(_signal, _frame) -> None:
    raise SystemExit(130)


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """numpy's BLAS on one thread while the block runs (in forked workers too)."""
    from importlib import import_module

    from threadpoolctl import threadpool_limits

    import_module("numpy")  # first: threadpoolctl limits the BLAS libraries loaded already

    with threadpool_limits(limits=1, user_api="blas"):
        yield
