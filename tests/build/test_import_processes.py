"""Import in other processes: a forked child for a few sources, a pool for many; same result."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import SOURCE, make_project

from edition.build import imports as importer
from edition.build import workers as batch
from edition.build.cache import open_cache
from edition.config import load_config

SECOND = Path(__file__).resolve().parents[1] / "fixtures" / "second-article.txt"


@pytest.fixture(autouse=True)
def _alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """As in a build: no other thread (a server another test started would stop the fork)."""
    monkeypatch.setattr(batch.threading, "active_count", lambda: 1)


def _import(project: Path) -> tuple[list[str], list[str], dict[str, bytes]]:
    config, problems = load_config(project)
    assert problems == []
    imported, found = importer.start_import(config, cache=open_cache(project)).wait()
    content = {
        str(p.relative_to(project / "content")): p.read_bytes()
        for p in sorted((project / "content").rglob("*"))
        if p.is_file() and p.suffix in (".yaml", ".bib") and p.parent != project / "content"
    }
    return imported, [str(p) for p in found.items], content


@pytest.mark.parametrize("how", ["child", "pool"])
def test_import_elsewhere_writes_what_import_here_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    here = make_project(tmp_path / "here", [SOURCE, SECOND])
    with monkeypatch.context() as patch:
        patch.setattr(os, "cpu_count", lambda: 1)  # in this process
        expected = _import(here)
    if how == "pool":
        monkeypatch.setattr(importer, "POOL_MIN", 2)
    forks = []
    fork = os.fork
    monkeypatch.setattr(os, "fork", lambda: forks.append(1) or fork())
    elsewhere = make_project(tmp_path / "elsewhere", [SOURCE, SECOND])
    assert _import(elsewhere) == expected
    assert expected[0] == ["balcanica-2019-edemskiy", "second-article"]
    if how == "child":
        assert forks == [1]  # the pool's workers start however multiprocessing starts them


def test_a_child_that_fails_has_its_sources_parsed_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project(tmp_path, [SOURCE, SECOND])
    parent, real = os.getpid(), importer._import_one

    def parse(job):  # noqa: ANN001, ANN202
        if os.getpid() != parent:
            raise RuntimeError("a bug that only bites in the child")
        return real(job)

    monkeypatch.setattr(importer, "_import_one", parse)
    imported, problems, content = _import(project)
    assert imported == ["balcanica-2019-edemskiy", "second-article"]
    assert "balcanica-2019-edemskiy/article.yaml" in content
    assert not [p for p in problems if ": error:" in p]
