"""Write the site atomically: a new folder is filled, then swapped in."""

from __future__ import annotations

import json
import os
import shutil
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import BuildError, Problem


def swap_in(staging: Path, target: Path) -> None:
    """Replace `target` by `staging` with renames, keeping the old site until the end."""
    old = target.with_name(f".{target.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        os.replace(target, old)
    os.replace(staging, target)
    if old.exists():
        shutil.rmtree(old)


def discard(staging: Path) -> None:
    if staging.exists():
        shutil.rmtree(staging)


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write a content file only when its bytes differ (keeps mtimes and diffs quiet)."""
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return True


@dataclass(frozen=True)
class Output:
    """A file of the site: its path, the hash of all it is made from, how to make it."""

    path: str
    key: str
    make: Callable[[], bytes]


MANIFEST = "outputs.json"
# Below this many files to make, a process pool costs more than it saves.
POOL_MIN = 400


def load_manifest(cache_folder: Path | None) -> dict[str, str]:
    """The keys of the files the last build wrote ({} when unknown)."""
    if cache_folder is None:
        return {}
    try:
        return json.loads((cache_folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def save_manifest(cache_folder: Path | None, outputs: Iterable[Output]) -> None:
    if cache_folder is None:
        return
    try:
        cache_folder.mkdir(parents=True, exist_ok=True)
        data = json.dumps({o.path: o.key for o in outputs}, sort_keys=True)
        write_if_changed(cache_folder / MANIFEST, data.encode("utf-8"))
    except OSError:
        pass  # a manifest that cannot be written only makes the next build slower


def begin_staging(target: Path) -> Path:
    """A fresh, empty sibling of `target` to build the new site in."""
    staging = target.with_name(f".{target.name}.new")
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    return staging


def write_file(staging: Path, rel: str, data: bytes) -> None:
    path = staging / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def produce(
    outputs: Sequence[Output],
    manifest: dict[str, str],
    previous: Path,
    staging: Path,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[int, int]:
    """Write every output into `staging`: made anew if its key changed, else linked.

    An unchanged file of the previous site is hard-linked, costing no copy.
    Making is done in a pool of forked processes when there is a lot of it;
    each worker writes what it makes, so no page travels between processes.
    Returns (files made, files reused).
    """
    pending = []
    for output in outputs:
        old = previous / output.path
        if manifest.get(output.path) == output.key and old.is_file():
            new = staging / output.path
            new.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(old, new)
            except OSError:
                shutil.copyfile(old, new)
        else:
            pending.append(output)
    _make_all(pending, staging, progress)
    return len(pending), len(outputs) - len(pending)


_PENDING: Sequence[Output] = ()
_STAGING = Path()


def _make_at(index: int) -> list[Problem]:
    output = _PENDING[index]
    try:
        write_file(_STAGING, output.path, output.make())
    except BuildError as exc:  # its problems travel back; the exception would not pickle
        return exc.problems
    return []


def _make_all(
    pending: Sequence[Output], staging: Path, progress: Callable[[int, int], None] | None
) -> None:
    global _PENDING, _STAGING
    total = len(pending)
    report = progress or (lambda done, total: None)
    cores = os.cpu_count() or 1
    if total < POOL_MIN or cores < 2 or threading.active_count() > 1:
        for done, output in enumerate(pending, 1):
            write_file(staging, output.path, output.make())
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
