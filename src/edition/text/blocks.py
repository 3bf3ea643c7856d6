"""A text as blocks: runs of non-blank lines, each line with its number."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Block:
    """Consecutive non-blank lines; `lines` are (line number, text)."""

    lines: tuple[tuple[int, str], ...]

    @property
    def line(self) -> int:
        return self.lines[0][0]

    @property
    def first(self) -> str:
        return self.lines[0][1]


def split_blocks(lines: Sequence[tuple[int, str]]) -> list[Block]:
    """Group numbered lines into blocks separated by blank lines."""
    blocks: list[Block] = []
    current: list[tuple[int, str]] = []
    for number, text in lines:
        if text.strip():
            current.append((number, text.rstrip()))
        elif current:
            blocks.append(Block(tuple(current)))
            current = []
    if current:
        blocks.append(Block(tuple(current)))
    return blocks
