"""Run a batch of work (an import, a build): the collector paused, a second core used."""

from __future__ import annotations

import gc
import os
import pickle
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic collector for one batch of work; restore it after.

    A build allocates millions of small objects (articles, notes, citations,
    tree nodes) that live until it ends. With the collector on, each
    generation-2 pass walks all of them again, so the time it takes grows with
    the square of the edition: at 1,000 articles it was half of a rebuild.
    What a build leaves as garbage is almost all freed by reference counting;
    the cycles left are collected once, when the collector resumes (in a
    long-lived `edition serve`), or with the process.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def can_fork() -> bool:
    """Whether a second core can take work in a forked child here.

    Not with one core, not without fork (Windows), and not with other threads
    running (`edition serve`): a child forked then may inherit a held lock.
    """
    return (os.cpu_count() or 1) > 1 and hasattr(os, "fork") and threading.active_count() == 1


def in_child(work: Callable[[], T]) -> Callable[[], T | None]:
    """Start `work()` in a forked child; the returned call waits and gives its result.

    The result comes back pickled through a pipe (a fork costs a few
    milliseconds, a process pool tens). It is None if the child failed in any
    way: the caller then does the work itself, so a real error is raised there.
    """
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: work, send, leave without running the parent's exit code
        os.close(read)
        code = 0
        try:
            with os.fdopen(write, "wb") as out:
                pickle.dump(work(), out, pickle.HIGHEST_PROTOCOL)
        except BaseException:  # noqa: BLE001 - the caller does it again and reports it
            code = 1
        os._exit(code)
    os.close(write)

    def result() -> T | None:
        with os.fdopen(read, "rb") as inp:
            sent = inp.read()
        _, status = os.waitpid(pid, 0)
        return pickle.loads(sent) if sent and status == 0 else None

    return result
