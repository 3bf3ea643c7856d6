"""A new edition from nothing: `edition init`, defaults, overrides, the installed wheel."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SOURCE

from edition.cli import main

SLUG = SOURCE.stem


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_init_makes_every_file_an_edition_needs(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "new"
    assert main(["init", str(folder), "--title", "Letters from Tirana"]) == 0
    made = sorted(_files(folder))
    assert made == [
        ".github/workflows/pages.yml",
        ".gitignore",
        "README.md",
        "content/.gitkeep",
        "edition.yaml",
        "sources/README.md",
        "templates/README.md",
    ]
    config = (folder / "edition.yaml").read_text("utf-8")
    assert "title: Letters from Tirana\n" in config
    assert config.count("\n# ") >= 8  # every key is explained
    assert "_site/" in (folder / ".gitignore").read_text("utf-8")
    workflow = (folder / ".github/workflows/pages.yml").read_text("utf-8")
    assert "edition build --base-url" in workflow and "upload-pages-artifact" in workflow
    assert "put an article" in capsys.readouterr().out


def test_init_overwrites_nothing(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "edition.yaml").write_text("title: Mine\n")
    assert main(["init", str(folder)]) == 1
    err = capsys.readouterr().err
    assert f"{folder / 'edition.yaml'}: error: already exists" in err
    assert _files(folder) == {"edition.yaml": b"title: Mine\n"}  # nothing else written


def test_init_then_an_article_builds_with_its_file_pages(tmp_path: Path) -> None:
    folder = tmp_path / "new"
    assert main(["init", str(folder)]) == 0
    shutil.copy(SOURCE, folder / "sources" / SOURCE.name)
    assert main(["build", "--root", str(folder), "--no-search"]) == 0
    site = folder / "_site"
    assert (site / "articles" / SLUG / "index.html").is_file()
    files = list((site / "archives").rglob("delo-*/index.html"))
    assert len(files) >= 20  # the article's archival citations have their file pages
    assert "Scholarly Edition" in (site / "index.html").read_text("utf-8")
    assert "Balcanica Digital Edition" not in (site / "index.html").read_text("utf-8")


def test_a_folder_with_only_sources_builds_with_defaults_and_says_so(
    tmp_path: Path, capsys
) -> None:
    (tmp_path / "sources").mkdir()
    shutil.copy(SOURCE, tmp_path / "sources" / SOURCE.name)
    assert main(["build", "--root", str(tmp_path), "--no-search"]) == 0
    err = capsys.readouterr().err
    assert f"no edition.yaml in {tmp_path}: using the defaults (title 'Scholarly Edition'" in err
    assert (tmp_path / "_site" / "articles" / SLUG / "index.html").is_file()


def test_a_failed_first_build_does_not_claim_a_previous_site(tmp_path: Path, capsys) -> None:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "broken.txt").write_bytes(b"\xff\xfe not text")
    assert main(["build", "--root", str(tmp_path), "--no-search"]) == 1
    err = capsys.readouterr().err
    assert "sources/broken.txt" in err
    assert "previous site" not in err and "no site was written" in err


def test_one_overridden_template_changes_only_its_page_kind(tmp_path: Path) -> None:
    def build(folder: Path) -> dict[str, bytes]:
        (folder / "sources").mkdir(parents=True)
        shutil.copy(SOURCE, folder / "sources" / SOURCE.name)
        assert main(["build", "--root", str(folder), "--no-search"]) == 0
        return _files(folder / "_site")

    plain = build(tmp_path / "plain")
    custom = tmp_path / "custom"
    (custom / "templates").mkdir(parents=True)
    (custom / "templates" / "archive_file.html").write_text(
        '{% extends "edition/archive_file.html" %}\n'
        "{% block title %}File · {{ super() }}{% endblock %}\n",
        "utf-8",
    )
    changed = build(custom)
    assert plain.keys() == changed.keys()
    differ = {path for path in plain if plain[path] != changed[path]}
    assert differ, "the override changed nothing"
    assert all("/delo-" in path for path in differ), sorted(differ)[:5]
    page = next(changed[p] for p in sorted(differ)).decode("utf-8")
    assert "<title>File · " in page


@pytest.mark.slow
def test_the_wheel_installed_in_a_fresh_venv_builds_an_edition(tmp_path: Path) -> None:
    """Everything a build needs is in the wheel: templates, assets, registry, data."""
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "-q",
            "-w",
            str(wheels),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    venv = tmp_path / "venv"
    # The dependencies come from this environment; the package only from the wheel.
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    python = venv / "bin" / "python"
    wheel = next(wheels.glob("edition-*.whl"))
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
        check=True,
        capture_output=True,
    )
    edition = tmp_path / "edition"
    (edition / "sources").mkdir(parents=True)
    shutil.copy(SOURCE, edition / "sources" / SOURCE.name)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    where = subprocess.run(
        [str(python), "-c", "import edition; print(edition.__file__)"],
        cwd=edition,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    assert str(venv) in where.stdout  # the installed wheel, not this checkout
    done = subprocess.run(
        [str(python), "-m", "edition.cli", "build", "--no-search"],
        cwd=edition,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert (edition / "_site" / "articles" / SLUG / "index.html").is_file()
    assert list((edition / "_site" / "archives").rglob("delo-*/index.html"))
    assert (edition / "_site" / "assets" / "style.css").is_file()


def test_a_refused_out_folder_claims_no_previous_site(tmp_path: Path, capsys) -> None:
    (tmp_path / "sources").mkdir()
    shutil.copy(SOURCE, tmp_path / "sources" / SOURCE.name)
    assert main(["build", "--root", str(tmp_path), "--out", str(tmp_path), "--no-search"]) == 1
    err = capsys.readouterr().err
    assert f"{tmp_path}: error: the output folder is the project" in err
    assert err.rstrip().endswith("stopped: nothing was written")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sources"]  # nothing touched
