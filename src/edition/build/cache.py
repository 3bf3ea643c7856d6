"""The build cache: parsed articles and rendered pages kept by content hash.

Timestamps lie (a checkout, a copy, a clock); hashes do not. Every entry is
stored under the SHA-256 of everything that shaped it, including the code
that made it, so a stale entry is never found, only left unused. The cache
holds JSON and HTML, never pickles: reading it executes nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

CACHE_DIR = ".edition-cache"


def digest(*parts: bytes | str) -> str:
    """SHA-256 over the parts, each length-prefixed so boundaries count."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def tree_digest(folder: Path) -> str:
    """A hash of every file under `folder` (names and bytes), e.g. the templates."""
    if not folder.exists():
        return digest("")
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    return digest(*(part for p in files for part in (str(p.relative_to(folder)), p.read_bytes())))


class Cache:
    """A folder of entries named by kind and key; missing or unreadable means a miss."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        # Parsed objects kept between builds of one process (`serve`): no JSON at all.
        self.objects: dict[str, Any] = {}
        self.hashes = FileHashes(folder / "hashes.json" if folder else None)
        self.hits = 0
        self.misses = 0

    def _path(self, kind: str, key: str) -> Path:
        assert self.folder is not None
        return self.folder / kind / key[:2] / key

    def get(self, kind: str, key: str) -> bytes | None:
        if self.folder is None:
            return None
        try:
            data = self._path(kind, key).read_bytes()
        except OSError:
            self.misses += 1
            return None
        self.hits += 1
        return data

    def put(self, kind: str, key: str, data: bytes) -> None:
        if self.folder is None:
            return
        keep(self._path(kind, key), data)

    def get_file(self, name: str) -> bytes | None:
        """A file kept at the top of the cache folder (the build state), if any."""
        if self.folder is None:
            return None
        try:
            return (self.folder / name).read_bytes()
        except OSError:
            return None

    def put_file(self, name: str, data: bytes) -> None:
        if self.folder is not None:
            keep(self.folder / name, data)

    def remove_file(self, name: str) -> None:
        if self.folder is not None:
            (self.folder / name).unlink(missing_ok=True)

    def get_json(self, kind: str, key: str) -> Any:
        data = self.get(kind, key)
        if data is None:
            return None
        try:
            return json.loads(data)
        except ValueError:
            return None

    def put_json(self, kind: str, key: str, value: Any) -> None:
        self.put(kind, key, json.dumps(value, ensure_ascii=False).encode("utf-8"))


def _entry(entry: Any, size: int) -> bool:
    """An entry of hashes.json as this code writes it: stat, hash, maybe a value."""
    return isinstance(entry, list) and len(entry) >= size and isinstance(entry[size - 1], str)


def keep(path: Path, data: bytes) -> None:
    """Write a cache file whole (a reader never sees half of it), or not at all.

    A cache that cannot be written only makes the next build slower.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        pass


def open_cache(root: Path, enabled: bool = True) -> Cache:
    """The project's cache (root/.edition-cache), or a cache that keeps nothing."""
    return Cache(root / CACHE_DIR if enabled else None)


class FileHashes:
    """SHA-256 of input files, re-read only when their stat changed.

    Hashes decide what changed; stats only say which files need hashing again
    (as git's index does). A file modified within `RACY` seconds of the stat
    being recorded is always hashed again, since its mtime may not have moved.
    """

    RACY = 2.0

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.known: dict[str, list] = {}
        if path is not None:
            try:
                known = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                known = {}
            self.known = known if isinstance(known, dict) else {}
        self.seen: dict[str, list] = {}

    def sha(self, path: Path) -> str:
        """The file's SHA-256 hex digest; "" when it does not exist."""
        name = str(path)
        try:
            st = os.stat(name)
        except OSError:
            return ""
        if not stat.S_ISREG(st.st_mode):
            return f"not-a-file-{stat.S_IFMT(st.st_mode)}"  # its reader says what is wrong
        stamp = [st.st_size, st.st_mtime_ns, st.st_ino]
        entry = self.known.get(name)
        if _entry(entry, 4) and entry[:3] == stamp and time.time() - st.st_mtime > self.RACY:
            sha = entry[3]
        else:
            with open(name, "rb") as handle:
                sha = hashlib.file_digest(handle, "sha256").hexdigest()
        self.seen[name] = [*stamp, sha]
        return sha

    def derived(self, path: Path, compute: Callable[[Path], str]) -> str:
        """A value computed from a file (a line of it, say), kept until the file's hash changes."""
        sha = self.sha(path)
        if not sha:
            return compute(path)
        name = str(path)
        entry = self.known.get(name)
        value = entry[4] if _entry(entry, 5) and entry[3] == sha else compute(path)
        self.seen[name] = [*self.seen[name][:4], value]
        return value

    def save(self) -> None:
        """Keep what was seen in this run (files not looked at are forgotten)."""
        self.known, self.seen = self.seen, {}
        if self.path is not None:
            keep(self.path, json.dumps(self.known).encode("utf-8"))
