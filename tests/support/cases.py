"""Fixture files of `input . expected .` blocks, as the bibliography tests keep them."""

from __future__ import annotations

from pathlib import Path


def read_blocks(path: Path) -> list[tuple[int, list[str], list[str]]]:
    """Read `input . expected .` blocks: (line of the block, input lines, expected lines)."""
    blocks, part, parts, start = [], [], [], 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line == ".":
            parts.append(part)
            part = []
            if len(parts) == 2:
                blocks.append((start, *parts))
                parts = []
        elif (line.startswith("#") or not line) and not part:
            continue
        else:
            start = number if not part and not parts else start
            part.append(line)
    return blocks
