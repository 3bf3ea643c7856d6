"""Writing the site: pages first, so the search indexer can start before the rest is made."""

from __future__ import annotations

from pathlib import Path

import pytest

from edition import output
from edition.output import Output, SiteWriter


def _outputs(count: int) -> list[Output]:
    """Pages and other files, interleaved as a build lists them."""
    made = []
    for n in range(count):
        made.append(Output(f"p{n}/index.html", f"k{n}", lambda n=n: f"<p>{n}</p>".encode()))
        made.append(Output(f"p{n}/data.xml", f"x{n}", lambda n=n: f"<x>{n}</x>".encode()))
    return made


@pytest.mark.parametrize("pool", [False, True])
def test_pages_are_all_written_before_pages_done_and_nothing_else_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pool: bool
) -> None:
    monkeypatch.setattr(output, "POOL_MIN", 4 if pool else 10_000)
    writer = SiteWriter(tmp_path / "_site", None)
    staging = writer.begin()
    seen: list[tuple[int, int]] = []

    def pages_done() -> None:
        pages = len(list(staging.rglob("*.html")))
        others = len(list(staging.rglob("*.xml")))
        seen.append((pages, others))

    made, reused = writer.produce(_outputs(6), pages_done=pages_done)
    assert (made, reused) == (12, 0)
    assert seen == [(6, 0)]  # called once, between the pages and the rest
    assert len(list(staging.rglob("*.xml"))) == 6
    writer.finish()
    assert (tmp_path / "_site" / "p5" / "data.xml").read_bytes() == b"<x>5</x>"


def test_pages_done_is_called_even_with_nothing_to_make(tmp_path: Path) -> None:
    writer = SiteWriter(tmp_path / "_site", None)
    writer.begin()
    calls = []
    assert writer.produce([], pages_done=lambda: calls.append(1)) == (0, 0)
    assert calls == [1]
