"""The quick rebuild's state file: what is saved is what is read, and junk reads as none."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from edition.build.cache import Cache
from edition.build.incremental import STATE_FILE, ArticleState, load_state, save_state
from edition.errors import Problem


def _rows(*rows: dict) -> str:
    """Rows as article_state writes them: one JSON object a line, comma-joined."""
    return ",\n".join(json.dumps(row, ensure_ascii=False) for row in rows)


def _state(n: int, rows: str, warnings: tuple[Problem, ...] = ()) -> ArticleState:
    return ArticleState(
        input=f"in{n}",
        summary=f"sum{n}",
        outline=f"out{n}",
        files=tuple(f"archives/a/fond-{n}/delo-{k}/" for k in range(n)),
        rows=rows,
        warnings=warnings,
    )


STATES = {
    "b-second": _state(
        2,
        _rows(
            {"text": "line\nbreak\tand tab", "note": 3},
            {"text": "Величанская, «f. 3»", "quote": 'a "b" \\ c'},
        ),
        (Problem("warning", "sources/b.txt", 12, "a note\twith a tab", "hint", "code"),),
    ),
    "a-first": _state(1, _rows({"text": "RGANI, F 3, op. 14, d. 7, l. 11"})),
    "c-none": _state(0, ""),
}


def test_the_state_reads_back_as_saved(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    save_state(cache, "base-key", STATES)
    assert load_state(cache) == ("base-key", STATES)


def test_each_article_is_one_line_with_its_rows_unescaped(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    save_state(cache, "base-key", STATES)
    lines = (tmp_path / STATE_FILE).read_text(encoding="utf-8").split("\n")
    assert len(lines) == 1 + len(STATES)
    assert [json.loads(line.split("\t", 1)[0])[0] for line in lines[1:]] == sorted(STATES)
    assert "Величанская" in lines[2]  # the rows as they are, not \u-escaped again


@pytest.mark.parametrize(
    "junk",
    [
        b"",
        b"\xff\xfe",
        b'{"version": 1, "base": "x", "articles": {}}',  # the earlier format
        b'{"version": 2, "base": "x"}\nnot a line',
        b'{"version": 2, "base": "x"}\n["a", "i", "s", "o", [], []]',  # no tab, no rows
        b'{"version": 2, "base": "x"}\n["a", "i", "s"]\t',
        b'{"version": 2, "base": "x"}\n["a", 5, "s", "o", [], []]\t',
        b'{"version": 2, "base": "x"}\n["a", "i", "s", "o", [], [{"bad": 1}]]\t',
        b'{"version": 2}\n',
    ],
)
def test_a_state_not_as_this_code_writes_it_is_none(tmp_path: Path, junk: bytes) -> None:
    (tmp_path / STATE_FILE).write_bytes(junk)
    assert load_state(Cache(tmp_path)) is None
