"""Run a batch of work (an import, a build) with Python's cyclic garbage collector paused."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


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
