"""Making the pending outputs of a build: here, in a forked child, or in a pool."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from edition.build.files import Output, write_file
from edition.build.workers import can_fork, in_child
from edition.errors import BuildError, Problem

# Below this many files to make, a process pool costs more than it saves.
POOL_MIN = 400
# From this many pages to make, a small build shares them with one forked child.
SPLIT_MIN = 8


_PENDING: Sequence[Output] = ()
_STAGING = Path()


def _make_at(index: int) -> list[Problem]:
    output = _PENDING[index]
    try:
        write_file(_STAGING, output.path, output.make())
    except BuildError as exc:  # its problems travel back; the exception would not pickle
        return exc.problems
    return []


def _make_split(outputs: Sequence[Output], staging: Path) -> None:
    """Make outputs in two processes: every other one in a forked child, the rest here.

    A small build would otherwise leave the second core idle. The child sends
    back its problems; if it fails otherwise, its share is made here.
    """
    mine, theirs = outputs[0::2], outputs[1::2]

    def make_theirs() -> list[Problem]:
        try:
            for output in theirs:
                write_file(staging, output.path, output.make())
        except BuildError as exc:
            return exc.problems
        return []

    problems = in_child(make_theirs)
    try:
        for output in mine:
            write_file(staging, output.path, output.make())
    finally:
        found = problems()  # the child is waited for even when this share failed
    if found is None:  # the child failed: its share is made here, raising the real error
        found = make_theirs()
    if found:
        raise BuildError(found)


def make_all(
    pending: Sequence[Output],
    staging: Path,
    progress: Callable[[int, int], None] | None,
    pages_done: Callable[[], None],
) -> None:
    """Make every pending output, pages first; call `pages_done` once the pages are made.

    Made in this process, the other files are made while the indexer that
    `pages_done` starts works on the other core. A pool keeps both cores busy,
    so there `pages_done` comes after everything: Pagefind and the pool slow
    each other down more than they overlap (measured at 200 articles).
    """
    global _PENDING, _STAGING
    total = len(pending)
    pages = sum(output.path.endswith(".html") for output in pending)
    report = progress or (lambda done, total: None)
    cores = os.cpu_count() or 1
    if total < POOL_MIN or cores < 2 or threading.active_count() > 1:
        done = 0
        if pages >= SPLIT_MIN and can_fork():
            _make_split(pending[:pages], staging)
            done = pages
            report(done, total)
        for output in pending[done:pages]:
            write_file(staging, output.path, output.make())
            done += 1
            report(done, total)
        pages_done()
        for output in pending[pages:]:
            write_file(staging, output.path, output.make())
            done += 1
            report(done, total)
        return
    # Forked workers inherit the gathered site: nothing is pickled but problems.
    import multiprocessing

    _PENDING, _STAGING = pending, staging
    done = 0
    try:
        context = multiprocessing.get_context("fork")
        with context.Pool(cores) as pool:
            for problems in pool.imap_unordered(_make_at, range(total), chunksize=32):
                if problems:
                    raise BuildError(problems)
                done += 1
                report(done, total)
    finally:
        _PENDING, _STAGING = (), Path()
    pages_done()
