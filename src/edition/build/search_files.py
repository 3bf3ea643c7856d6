"""Tidy Pagefind's bundle after it ran: one byte-for-byte index per input, nothing stale.

Pagefind writes each filter's values in hash-map order (upstream issue 638),
so two builds of one site differ in `filter/*.pf_filter`, in the hashes that
name them, and so in the `pf_meta` and `pagefind-entry.json` that name those.
Here each filter's values are sorted and the files renamed by a hash of what
they hold; the search page only fetches files by the names the entry and
meta give, so renaming is safe. Every file is decoded and re-encoded only when
re-encoding reproduces Pagefind's own bytes (so the format is understood);
otherwise the bundle is left as Pagefind wrote it.

The bundle is written over the recycled tree's (Pagefind skips a hashed file
that exists): the hashed files the new meta no longer names are removed here.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import struct
from collections.abc import Callable
from pathlib import Path
from typing import Any

_MAGIC = b"pagefind_dcd"
_HASHED = (".pf_meta", ".pf_fragment", ".pf_index", ".pf_filter")


class _Unknown(Exception):
    """A file whose format this module does not know: the bundle is left as it is."""


def tidy_index(bundle: Path) -> None:
    """Canonicalise the filters, rename what names them, remove unnamed hashed files."""
    entry_path = bundle / "pagefind-entry.json"
    try:
        entry = json.loads(entry_path.read_text(encoding="utf-8"))
        languages = entry["languages"]
        named: set[Path] = {entry_path}
        for language in languages.values():
            language["hash"] = _tidy_language(bundle, language["hash"], named)
    except (OSError, ValueError, KeyError, TypeError, _Unknown):
        return
    text = json.dumps(entry, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    _replace(entry_path, text.encode("utf-8"))
    # os.walk, not rglob: a bundle holds some 10,000 files a shard, and only the
    # hashed ones need a Path (a tenth of the time on this disk).
    for folder, _, names in os.walk(bundle):
        for name in names:
            if name.endswith(_HASHED) and (path := Path(folder, name)) not in named:
                path.unlink()


def _tidy_language(bundle: Path, meta_hash: str, named: set[Path]) -> str:
    meta_path = bundle / f"pagefind.{meta_hash}.pf_meta"
    meta = _read(meta_path)
    if not (isinstance(meta, list) and len(meta) >= 4 and isinstance(meta[3], list)):
        raise _Unknown(meta_path)
    lang = meta_hash.split("_", 1)[0]
    for page in meta[1]:
        named.add(bundle / "fragment" / f"{page[0]}.pf_fragment")
    for chunk in meta[2]:
        named.add(bundle / "index" / f"{chunk[2]}.pf_index")
    filters, folder = [], bundle / "filter"
    for name, filter_hash in meta[3]:
        path = folder / f"{filter_hash}.pf_filter"
        data = _read(path)
        if not (isinstance(data, list) and len(data) == 2 and isinstance(data[1], list)):
            raise _Unknown(path)
        data[1] = sorted(data[1], key=lambda value: _encode(value[0]))
        new = f"{lang}_" + _write_hashed(
            data, 7, lambda digest: folder / f"{lang}_{digest}.pf_filter"
        )
        named.add(bundle / "filter" / f"{new}.pf_filter")
        filters.append([name, new])
    meta[3] = sorted(filters, key=lambda pair: _encode(pair[0]))
    new_meta = f"{lang}_" + _write_hashed(
        meta, 10, lambda digest: bundle / f"pagefind.{lang}_{digest}.pf_meta"
    )
    named.add(bundle / f"pagefind.{new_meta}.pf_meta")
    return new_meta


def _read(path: Path) -> Any:
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(_MAGIC):
        raise _Unknown(path)
    value, end = _decode(raw, len(_MAGIC))
    if end != len(raw) or _MAGIC + _encode(value) != raw:
        raise _Unknown(path)  # not re-encoded byte for byte: leave it as it is
    return value


def _write_hashed(value: Any, size: int, path_of: Callable[[str], Path]) -> str:
    """Write `value` under a name made of its hash (gzip without a time); return the hash."""
    raw = _MAGIC + _encode(value)
    digest = hashlib.sha256(raw).hexdigest()[:size]
    _replace(path_of(digest), gzip.compress(raw, mtime=0))
    return digest


def _replace(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _decode(data: bytes, at: int) -> tuple[Any, int]:
    """One CBOR item (the subset Pagefind writes) from `data` at `at`."""
    if at >= len(data):
        raise _Unknown("truncated")
    major, info = data[at] >> 5, data[at] & 31
    at += 1
    if info < 24:
        arg = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        arg = int.from_bytes(data[at : at + size], "big")
        at += size
    else:
        raise _Unknown("indefinite length")
    if major == 0:
        return arg, at
    if major == 1:
        return -1 - arg, at
    if major in (2, 3):
        chunk = data[at : at + arg]
        return (chunk if major == 2 else chunk.decode("utf-8")), at + arg
    if major == 4:
        items = []
        for _ in range(arg):
            item, at = _decode(data, at)
            items.append(item)
        return items, at
    if major == 7 and arg in (20, 21, 22):
        return {20: False, 21: True, 22: None}[arg], at
    raise _Unknown(f"CBOR major type {major}")


def _head(major: int, arg: int) -> bytes:
    if arg < 24:
        return bytes([major << 5 | arg])
    for info, fmt in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
        if arg < 1 << (8 << (info - 24)):
            return bytes([major << 5 | info]) + struct.pack(fmt, arg)
    raise _Unknown("integer too large")


def _encode(value: Any) -> bytes:
    if value is False or value is True or value is None:
        return bytes([0xE0 | {False: 20, True: 21, None: 22}[value]])
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(_encode(item) for item in value)
    raise _Unknown(type(value).__name__)
