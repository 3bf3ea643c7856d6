"""The Nu HTML Checker (vnu-jar from npm, run with Java) finds no error on any page."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, build_project, make_project

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
SECOND = ROOT / "tests" / "fixtures" / "second-article.txt"
SOURCE = ROOT / "sources" / "balcanica-2019-edemskiy.txt"


@pytest.fixture(scope="module")
def vnu() -> list[str]:
    """The checker's command line; skips on a laptop without Java, never in CI."""
    java = shutil.which("java")
    missing = "java is not installed" if not java else "" if VNU.exists() else "run `npm ci`"
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"the Nu HTML Checker cannot run in CI: {missing}")
        pytest.skip(f"the Nu HTML Checker cannot run: {missing}")
    return [java, "-jar", str(VNU), "--errors-only", "--format", "json", "--also-check-svg"]


def check(vnu: list[str], files: list[Path]) -> list[str]:
    """Run vnu over `files`; its JSON report arrives on stderr."""
    run = subprocess.run([*vnu, *map(str, files)], capture_output=True, text=True, timeout=300)
    report = json.loads(run.stderr or '{"messages": []}')
    return [
        f"{m.get('url', '').rsplit('/_site/', 1)[-1]}:{m.get('lastLine', '?')}: {m['message']}"
        for m in report["messages"]
    ]


def test_every_page_kind_validates(tmp_path, vnu):
    project = make_project(tmp_path, [SOURCE, SECOND])
    assert build_project(project, "--base-url", "/repo/") == 0
    site = project / "_site"
    pages = sorted(p for p in site.rglob("*.html") if "pagefind" not in p.parts)
    kinds = {p.relative_to(site).parts[0] for p in pages}
    assert {"index.html", "404.html", "articles"} <= kinds
    assert check(vnu, [*pages, *site.rglob("*.svg")]) == []


def test_the_checker_reports_errors(tmp_path, vnu):
    bad = tmp_path / "bad.html"
    bad.write_text("<!doctype html><html lang=en><title>x</title><p><div></span>")
    assert check(vnu, [bad])
