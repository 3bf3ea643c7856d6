"""One build at a time per output folder: a lock file beside it, held with flock.

`build` and `serve`'s rebuilds take the same lock, so an editor's build and a
preview's rebuild never write one site at once. The lock dies with its
process (the kernel drops a flock), so a killed build never leaves it held.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Iterator
from pathlib import Path

from edition.build.outfolder import out_problems
from edition.config import Config
from edition.errors import BuildError, Problem

WAIT = 60.0  # seconds a second build waits for the first (EDITION_LOCK_WAIT overrides)


def lock_path(out: Path) -> Path:
    return out.with_name(f".{out.name}.lock")


@contextlib.contextmanager
def site_lock(out: Path, wait: float | None = None) -> Iterator[None]:
    """Hold the output folder's lock; wait a bounded time for another build to end."""
    if wait is None:
        try:
            wait = float(os.environ.get("EDITION_LOCK_WAIT", WAIT))
        except ValueError:
            wait = WAIT
    path = lock_path(out)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise BuildError(
            [_problem(path, f"cannot create the build lock: {exc.strerror}")]
        ) from None
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
                    raise BuildError(
                        [
                            _problem(
                                path,
                                f"another build (pid {holder}) is writing {out}",
                                "wait for it to finish, or stop it; then build again",
                            )
                        ]
                    ) from None
                time.sleep(0.05)
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        os.close(fd)  # releases the lock


@contextlib.contextmanager
def owned_out(config: Config, cache_folder: Path | None) -> Iterator[None]:
    """Refuse an output folder that is not ours, then hold its lock."""
    found = out_problems(config, cache_folder)
    if found:
        raise BuildError(found)
    with site_lock(config.out):
        yield


def _problem(path: Path, message: str, hint: str = "") -> Problem:
    return Problem("error", str(path), 0, message, hint, "build-lock")
