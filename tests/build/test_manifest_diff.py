"""The previous tree's manifest from the live one and their difference, never a stale one."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from edition.build.files import Output
from edition.build.writer import MANIFESTS, SiteWriter

DIFF = MANIFESTS[3]


def _site(tmp_path: Path, files: dict[str, str], cache: Path) -> None:
    """Build a site of `files` (path -> text) into tmp_path/_site."""
    writer = SiteWriter(tmp_path / "_site", cache)
    writer.begin()
    writer.produce([Output(p, f"key-{t}", lambda t=t: t.encode()) for p, t in files.items()])
    writer.finish()


def _many(changed: dict[str, str]) -> dict[str, str]:
    """Twenty files, a few of them changed: a small correction."""
    return {f"p{n}.html": str(n) for n in range(20)} | changed


def _prev_as_read(cache: Path) -> dict[str, str]:
    return json.loads((cache / MANIFESTS[1]).read_text())


def test_the_base_from_the_difference_is_the_previous_manifest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    _site(tmp_path, _many({}), cache)
    # One file changed, one gone, one new: the previous tree differs by each kind.
    _site(tmp_path, _many({"p3.html": "three", "new.html": "n"}) | {"p4.html": "4"}, cache)
    second = _many({"p3.html": "three", "new.html": "n"})
    del second["p5.html"]
    _site(tmp_path, second, cache)
    assert (cache / DIFF).is_file()
    writer = SiteWriter(tmp_path / "_site", cache)
    read = SiteWriter._manifest
    monkeypatch.setattr(
        SiteWriter, "_manifest", lambda self, which: read(self, which) if which == 0 else 1 / 0
    )
    writer.begin()  # the previous manifest is not read
    assert writer.base == _prev_as_read(cache)
    assert writer.base["p5.html"] == "key-5" and "p5.html" not in writer.live


@pytest.mark.parametrize("how", ["other-live", "other-prev", "junk"])
def test_a_difference_made_beside_other_manifests_is_not_used(tmp_path: Path, how: str) -> None:
    cache = tmp_path / "cache"
    _site(tmp_path, _many({}), cache)
    _site(tmp_path, _many({"p1.html": "one"}), cache)
    _site(tmp_path, _many({"p2.html": "two"}), cache)
    diff = json.loads((cache / DIFF).read_text())
    if how == "other-live":
        diff["paths"]["p7.html"] = "key-stale"
        diff["live"] = "0" * 64
    elif how == "other-prev":
        diff["paths"]["p7.html"] = "key-stale"
        prev = cache / MANIFESTS[1]
        prev.write_bytes(prev.read_bytes() + b" ")  # another file: another stat
    (cache / DIFF).write_text("{not json" if how == "junk" else json.dumps(diff))
    writer = SiteWriter(tmp_path / "_site", cache)
    writer.begin()
    assert writer.base == _prev_as_read(cache)  # read whole, as without a difference


def test_a_full_change_keeps_no_difference(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _site(tmp_path, _many({}), cache)
    _site(tmp_path, _many({"p1.html": "one"}), cache)
    assert (cache / DIFF).is_file()
    _site(tmp_path, {f"p{n}.html": f"new {n}" for n in range(20)}, cache)
    assert not (cache / DIFF).exists()  # the old one would pair with no tree now
    writer = SiteWriter(tmp_path / "_site", cache)
    writer.begin()
    assert writer.base == _prev_as_read(cache)


def test_a_recycled_tree_comes_out_as_a_fresh_build(tmp_path: Path) -> None:
    """Through the difference: every file of the new tree is what the outputs say."""
    cache = tmp_path / "cache"
    for k in range(4):
        _site(tmp_path, _many({f"p{k}.html": f"fix {k}", f"p{k + 1}.html": "fix"}), cache)
    site = tmp_path / "_site"
    files = {str(p.relative_to(site)): p.read_text() for p in site.rglob("*.html")}
    assert files == _many({"p3.html": "fix 3", "p4.html": "fix"})
    assert os.listdir(site).count(".edition-site") == 1
