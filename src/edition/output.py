"""Write the site atomically: a new folder is filled, then swapped in."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path


def write_tree(
    target: Path, files: Mapping[str, bytes], copies: Iterable[tuple[Path, str]] = ()
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
