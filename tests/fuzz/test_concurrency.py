"""Two builds of one site at once: one waits for the other, or says who holds the lock."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from pathlib import Path

from fuzzkit import ROOT, copy, edit_note, fresh, run, tree


def _start(project: Path, wait: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "EDITION_LOCK_WAIT": wait}
    return subprocess.Popen(
        [sys.executable, "-m", "edition.cli", "build", "--root", ".", "--no-search"],
        cwd=project,
        env=env,
        stderr=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


def test_two_builds_at_once_leave_one_complete_site(tmp_path: Path) -> None:
    project = fresh(tmp_path, "p")
    assert run(project, "build", "--root", ".", "--no-search")[0] == 0
    edit_note(project)
    expected = copy(project, tmp_path / "expected")
    assert run(expected, "build", "--root", ".", "--no-search")[0] == 0
    builds = [_start(project, "120") for _ in range(3)]
    results = [(b.wait(timeout=300), b.stderr.read()) for b in builds]
    for code, err in results:
        assert code == 0, err
    assert tree(project / "_site") == tree(expected / "_site")


def test_a_build_that_cannot_get_the_lock_names_its_holder(tmp_path: Path) -> None:
    project = fresh(tmp_path, "p")
    lock = project / "._site.lock"
    with open(lock, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        handle.write("4242")
        handle.flush()
        code, err = run(project, "build", "--root", ".", "--no-search")
    assert code == 1
    assert "._site.lock: error: another build (pid 4242) is writing" in err
    assert "hint: wait for it to finish" in err
    assert not (project / "_site").exists()
    assert run(project, "build", "--root", ".", "--no-search")[0] == 0  # released: goes on


def test_serve_and_build_share_the_lock(tmp_path: Path) -> None:
    from edition.build.lock import lock_path
    from edition.config import load_config
    from edition.serve import Preview

    project = fresh(tmp_path, "p")
    config, _ = load_config(project)
    preview = Preview(config)
    with open(lock_path(config.out), "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        os.environ["EDITION_LOCK_WAIT"] = "0.2"
        try:
            assert not preview.rebuild()
        finally:
            del os.environ["EDITION_LOCK_WAIT"]
    assert preview.rebuild()
