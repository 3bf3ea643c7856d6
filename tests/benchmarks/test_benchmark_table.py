"""The benchmark's tables: every row has a cell under every heading."""

from __future__ import annotations

import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT))

from benchmarks import run  # noqa: E402


def _build(wall: float) -> dict:
    return {
        "wall": wall,
        "import": 0.1,
        "gather": 0.01,
        "render": 0.2,
        "pagefind": 0.07,
        "search": 0.03,
        "self_kb": 2048,
        "children_kb": 1024,
    }


def test_each_row_fills_every_column_and_shows_the_speed_probe() -> None:
    result = {
        "count": 2,
        "cold": [_build(0.5), _build(0.3), _build(0.4)],
        "warm": [_build(0.2)],
        "incremental": [_build(0.25)],
        "quick": [_build(0.21)],
        "front": [_build(0.22)],
        "bytes": {
            "html": 2048,
            "html_gz": 1024,
            "css_gz": 512,
            "js_gz": 256,
            "total_gz": 1792,
            "index": 4096,
        },
        "first_query": (-1, -1),
        "probe": 187.4,
    }
    lines = run.table([result]).splitlines()
    head, rule, row = lines[0], lines[1], lines[2]
    assert head.count("|") == rule.count("|") == row.count("|")
    cells = [c.strip() for c in row.strip("|").split("|")]
    names = [c.strip() for c in head.strip("|").split("|")]
    shown = dict(zip(names, cells, strict=True))
    assert shown["total wall (s)"] == "0.40"  # the median, not the mean or the first
    assert shown["per article (ms)"] == "200.0"
    assert shown["Pagefind (s)"] == "0.07"
    assert shown["search wait (s)"] == "0.03"
    assert shown["speed probe (ms)"] == "187"


def test_the_speed_probe_runs() -> None:
    assert 0 < run.probe_ms(runs=1) < 60_000
