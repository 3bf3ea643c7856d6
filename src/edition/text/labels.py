"""The words journals print before the parts of an article (`data/labels.yaml`).

A label opens the abstract or the keywords, or is a whole-line heading
(`Bibliography`, `Литература`); a notice is a line of identifiers, the kind
of paper or dates that a first page prints beside the title.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import yaml

from edition.text.blocks import Block


@cache
def labels() -> dict[str, tuple[str, ...]]:
    """Each label kind (abstract, keywords, bibliography, notes) -> its words, longest first."""
    text = resources.files("edition").joinpath("data/labels.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    return {
        kind: tuple(sorted({w for words in by_lang.values() for w in words}, key=len, reverse=True))
        for kind, by_lang in data.items()
    }


@cache
def _label_pattern(kind: str) -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in labels()[kind])
    # A label may be set in italics or bold: `*Abstract:*`.
    return re.compile(rf"^\s*\**\s*(?:{words})\s*(?:[:.]\**\s*|\**\s*$)", re.I)


def label_rest(kind: str, line: str) -> str | None:
    """The text after a label of `kind` that starts `line`, or None if it has none."""
    match = _label_pattern(kind).match(line)
    return line[match.end() :] if match else None


def is_heading_label(kind: str, line: str) -> bool:
    """Is `line` just a heading such as 'Bibliography' or 'Литература'?"""
    rest = label_rest(kind, line)
    return rest is not None and not rest.strip()


@cache
def _notice_pattern() -> re.Pattern[str]:
    text = resources.files("edition").joinpath("data/labels.yaml").read_text("utf-8")
    words = sorted({w for ws in yaml.safe_load(text)["notices"].values() for w in ws}, key=len)
    return re.compile(r"^\s*\**\s*(?:" + "|".join(re.escape(w) for w in words[::-1]) + ")", re.I)


def is_notice(block: Block) -> bool:
    """`UDC 94(470)`, `DOI: 10.1/x`, `Original scientific paper`, `Received: 3 May 2020`."""
    for _, text in block.lines:
        found = _notice_pattern().match(text)
        rest = text[found.end() :].strip(" .:*") if found else ""
        if not found or len(text) > 160 or (rest and not re.search(r"\d", rest)):
            return False
    return len(block.lines) <= 3
