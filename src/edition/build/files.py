"""Writing one file: whole or not at all, never into a file another tree shares."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


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


def write_file(staging: Path, rel: str, data: bytes) -> None:
    """Write a new file in place; replace an existing one by rename.

    A file already in the staging tree may be a hard link shared with the live
    site, so it is never written into. Most files of a build are new: they are
    created exclusively, without the extra rename, and their folder made only
    when missing.
    """
    path = staging / rel
    try:
        _create(path, data)
        return
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            _create(path, data)
            return
        except FileExistsError:
            pass
    except FileExistsError:
        pass
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _create(path: Path, data: bytes) -> None:
    with open(path, "xb") as handle:
        handle.write(data)
