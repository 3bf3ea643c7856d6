"""Compiled templates kept between runs, like __pycache__."""

from __future__ import annotations

import os
from contextlib import suppress
from hashlib import sha1
from pathlib import Path

from jinja2 import BytecodeCache, FileSystemBytecodeCache
from jinja2.bccache import Bucket

from edition.site.render import AUTOESCAPE as _AUTOESCAPE
from edition.site.render import TEMPLATE_OPTIONS as _OPTIONS


class _UserBytecodeCache(FileSystemBytecodeCache):
    """Compiled templates in the user's cache, like __pycache__.

    Jinja keys an entry by template name and path and keeps the source's
    checksum in it, so a changed template is compiled again; the options go
    into the key too. A cache that cannot be written is skipped.
    """

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        key = f"{name}|{filename or ''}|{_AUTOESCAPE}|{_OPTIONS}"
        return sha1(key.encode("utf-8")).hexdigest()

    def dump_bytecode(self, bucket: Bucket) -> None:
        with suppress(OSError):  # read-only or full: the templates are compiled all the same
            super().dump_bytecode(bucket)


def user_cache_folder() -> Path | None:
    """`$XDG_CACHE_HOME/edition/jinja` or `~/.cache/edition/jinja`, made on demand."""
    try:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        folder = Path(base) / "edition" / "jinja"
        folder.mkdir(parents=True, exist_ok=True)
    except (OSError, RuntimeError):  # RuntimeError: no home directory
        return None
    return folder if os.access(folder, os.W_OK) else None


def bytecode_cache(cache_folder: Path | None = None) -> BytecodeCache | None:
    """Where compiled templates go: the user's cache folder, or `cache_folder/jinja`
    (the project's cache) when the user's is not writable; None when neither is.
    """
    bytecode: FileSystemBytecodeCache | None = None
    if (user := user_cache_folder()) is not None:
        bytecode = _UserBytecodeCache(str(user))
    elif cache_folder is not None:
        with suppress(OSError):
            (cache_folder / "jinja").mkdir(parents=True, exist_ok=True)
            bytecode = FileSystemBytecodeCache(str(cache_folder / "jinja"))
    return bytecode
