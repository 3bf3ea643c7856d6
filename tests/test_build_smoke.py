"""The bundled article builds into a site with its pages."""

import os
import re
import shutil
from pathlib import Path

from conftest import build_project, make_project


def test_bundled_article_builds(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    assert build_project(project, "--no-search") == 0
    article = (
        project / "_site" / "articles" / "balcanica-2019-edemskiy" / "index.html"
    ).read_text()
    assert 'id="fn-45"' in article
    assert 'href="#fn-1" id="fnref-1"' in article
    assert (project / "content" / "balcanica-2019-edemskiy" / "article.yaml").exists()


def test_a_long_import_is_summed_up_on_one_line() -> None:
    from edition.cli import _names

    assert _names(["a", "b"]) == "a, b"
    slugs = [f"article-{n:04d}" for n in range(1, 201)]
    assert _names(slugs) == (
        "article-0001, article-0002, article-0003, article-0004, article-0005 and 195 more"
    )


def test_the_committed_content_is_what_import_makes_now(tmp_path: Path) -> None:
    """content/ in the repository is current: a fresh clone's first build changes nothing."""
    from conftest import ROOT

    project = make_project(tmp_path)
    assert build_project(project, "--no-search") == 0
    for name in ("article.yaml", "references.bib"):
        made = project / "content" / "balcanica-2019-edemskiy" / name
        committed = ROOT / "content" / "balcanica-2019-edemskiy" / name
        assert made.read_bytes() == committed.read_bytes(), f"re-import {name}: python build.py"


def test_build_py_exits_with_the_build_s_code_and_its_output(tmp_path: Path) -> None:
    """build.py leaves at once (cli.run): its output is still all there, and so is its code."""
    import subprocess
    import sys

    from conftest import ROOT

    project = make_project(tmp_path)
    shutil.copy(ROOT / "build.py", project / "build.py")
    (project / "src").symlink_to(ROOT / "src")
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}

    def build_py() -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "build.py", "--no-search"]
        return subprocess.run(
            command, cwd=project, capture_output=True, text=True, env=env, timeout=120
        )

    done = build_py()
    assert done.returncode == 0, done.stderr
    assert re.match(r"built \d+ pages into ", done.stdout)
    assert "(imported balcanica-2019-edemskiy)" in done.stdout
    (project / "sources" / "broken.txt").write_bytes(b"\xff\xfe not text")
    done = build_py()
    assert done.returncode == 1
    assert "sources/broken.txt" in done.stderr
    assert done.stderr.rstrip().endswith(f"the previous site in {project / '_site'} is unchanged")
