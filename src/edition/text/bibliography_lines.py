"""A bibliography printed without `- ` markers: each line an entry, numbered or not.

The text form marks entries with `- ` (a PDF's layout gives the same). Another
journal's text may list them one a line, or numbered (`1. Иванов И. И. ...`,
`[2] Smith, J. ...`). Then every line is an entry, except a heading (a short
line with no full stop, set apart by blank lines or one of `data/labels.yaml`'s
section names) and a line that plainly goes on the one before (it starts in
lower case, or the line before ends in a hyphen, comma, colon or slash). The
caller says so in one warning, so an editor checks the split.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from edition.text.labels import is_heading_label

_NUMBER = re.compile(r"^(?:\d{1,3}[.)]|\[\d{1,3}\])\s+")
_GOES_ON = ("-", ",", ":", "/", "–", "—", "(")
_SUB = ("— ", "– ")


def is_unmarked(lines: Sequence[tuple[int, str]]) -> bool:
    """Does no line of the bibliography start with the `- ` entry marker (or a sub-line's)?"""
    texts = [t.strip() for _, t in lines if t.strip()]
    return not any(t.startswith("- ") for t in texts) and not all(t.startswith(_SUB) for t in texts)


def _heading(items: Sequence[tuple[int, str]], i: int) -> bool:
    text = items[i][1].strip()
    before = i == 0 or not items[i - 1][1].strip()
    after = i + 1 == len(items) or not items[i + 1][1].strip()
    known = is_heading_label("archives", text) or is_heading_label("bibliography", text)
    return (
        len(text) <= 80
        and text[0].isupper()
        and not re.search(r"[.,;:]$|\d", text)
        and (known or (before and after))
    )


def mark_entries(lines: Sequence[tuple[int, str]]) -> list[tuple[int, str]]:
    """The lines with `- ` before each entry's first line, headings set apart by blanks."""
    items = list(lines)
    out: list[tuple[int, str]] = []
    last = ""  # the entry text so far, to tell a wrapped line
    for i, (number, line) in enumerate(items):
        text = line.strip()
        if not text:
            out.append((number, ""))
        elif _heading(items, i):
            out += [(number, ""), (number, text), (number, "")]
            last = ""
        elif text.startswith(_SUB) or (last and (text[0].islower() or last.endswith(_GOES_ON))):
            out.append((number, text))
            last = text
        else:
            out.append((number, "- " + _NUMBER.sub("", text)))
            last = text
    return out
