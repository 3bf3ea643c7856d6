"""Write the site atomically: a new folder is filled, then swapped in."""

from __future__ import annotations

import json
import os
import shutil
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import BuildError, Problem


def write_tree(
    target: Path,
    files: Mapping[str, bytes],
    copies: Iterable[tuple[Path, str]] = (),
    links: Iterable[tuple[Path, str]] = (),
) -> Path:
    """Write `files` (site path -> bytes) and copies into a fresh sibling of `target`.

    Returns the staging folder; `swap_in` replaces `target` with it. Nothing
    touches `target` until every file is written.
    """
    staging = target.with_name(f".{target.name}.new")
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    for rel, data in files.items():
        path = staging / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    for source, rel in copies:
        path = staging / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, path)
    for source, rel in links:
        # An unchanged file of the previous site: a hard link costs no copy.
        path = staging / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, path)
        except OSError:
            shutil.copyfile(source, path)
    return staging


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


def produce(
    outputs: Sequence[Output],
    manifest: dict[str, str],
    previous: Path,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[dict[str, bytes], list[tuple[Path, str]]]:
    """Make what changed; list what the previous site already holds, unchanged.

    Returns (files to write, (old file, path) pairs to link). Making is done in
    a pool of forked processes when there is a lot of it.
    """
    reuse, pending = [], []
    for output in outputs:
        old = previous / output.path
        if manifest.get(output.path) == output.key and old.is_file():
            reuse.append((old, output.path))
        else:
            pending.append(output)
    made = _make_all(pending, progress)
    return dict(zip((o.path for o in pending), made, strict=True)), reuse


_PENDING: Sequence[Output] = ()


def _make_at(index: int) -> bytes | list[Problem]:
    try:
        return _PENDING[index].make()
    except BuildError as exc:  # its problems travel back; the exception would not pickle
        return exc.problems


def _make_all(
    pending: Sequence[Output], progress: Callable[[int, int], None] | None
) -> list[bytes]:
    global _PENDING
    total = len(pending)
    report = progress or (lambda done, total: None)
    cores = os.cpu_count() or 1
    if total < POOL_MIN or cores < 2 or threading.active_count() > 1:
        made = []
        for done, output in enumerate(pending, 1):
            made.append(output.make())
            report(done, total)
        return made
    # Forked workers inherit the gathered site: nothing is pickled but the bytes made.
    import multiprocessing

    _PENDING = pending
    made = []
    try:
        context = multiprocessing.get_context("fork")
        with context.Pool(cores) as pool:
            for result in pool.imap(_make_at, range(total), chunksize=32):
                made.append(result)
                report(len(made), total)
    finally:
        _PENDING = ()
    for result in made:
        if isinstance(result, list):
            raise BuildError(result)
    return made
