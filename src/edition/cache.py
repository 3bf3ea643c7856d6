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
from functools import lru_cache
from pathlib import Path
from typing import Any

CACHE_DIR = ".edition-cache"
_PACKAGE = Path(__file__).parent


def digest(*parts: bytes | str) -> str:
    """SHA-256 over the parts, each length-prefixed so boundaries count."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


@lru_cache(maxsize=16)
def code_digest(names: tuple[str, ...]) -> str:
    """A hash of the package modules that shape a cached result (once per process)."""
    return digest(*(_PACKAGE.joinpath(name).read_bytes() for name in sorted(names)))


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
        path = self._path(kind, key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{key}.{os.getpid()}.tmp")
            tmp.write_bytes(data)
            os.replace(tmp, path)  # a reader never sees half an entry
        except OSError:
            pass  # a cache that cannot be written only makes the build slower

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


def open_cache(root: Path, enabled: bool = True) -> Cache:
    """The project's cache (root/.edition-cache), or a cache that keeps nothing."""
    return Cache(root / CACHE_DIR if enabled else None)
