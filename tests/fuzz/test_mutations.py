"""Seeded mutations of the source and of every YAML file: a message or a correct site.

Each case asserts the exit code (0 or 1, never the internal-error 2), the
form of every error (`path:line: error:` or `path: error:`), that no file
outside the output folder changed, that a failed build left the site as it
was, and that a site built is complete: its files are those its manifest lists.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import time
from pathlib import Path

import pytest
from conftest import build_project
from fuzzkit import fresh, outside_out, tree

SLUG = "balcanica-2019-edemskiy"
SEEDS = range(6)
MANY = range(6, 60)
PAYLOADS = [
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "*" * 50,
    "_" * 50,
    "[" * 50,
    "\ue003 7 \ue003",
    "\x00",
    "\x1b[31m",
    "9" * 80,
    "{{ 7 * 7 }}",
    "&a [*a]",
    "!!python/object/apply:os.system [ls]",
    "\u202e",
    "Ibid.",
    "RGANI, F 99999, inv. 0, f. 0, p. 0–",
    "\n\n\n",
    "---",
    ": : :",
]
_ERROR = re.compile(r"^(\S[^\n]*?)(:\d+)?: error: \S")


def _mutate(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 4)):
        op = rng.choice(("payload", "delete", "duplicate", "swap", "cut", "bytes"))
        at = rng.randrange(len(lines))
        if op == "payload":
            line = lines[at]
            pos = rng.randint(0, len(line))
            lines[at] = line[:pos] + rng.choice(PAYLOADS) + line[pos:]
        elif op == "delete" and len(lines) > 1:
            del lines[at]
        elif op == "duplicate":
            lines.insert(at, lines[at])
        elif op == "swap":
            other = rng.randrange(len(lines))
            lines[at], lines[other] = lines[other], lines[at]
        elif op == "cut":
            lines = lines[: max(1, at)]
        else:
            lines[at] += "".join(chr(rng.randint(0, 0x2FF)) for _ in range(rng.randint(1, 8)))
    return "\n".join(lines)


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = fresh(tmp_path_factory.mktemp("mutations"), "good")
    (project / "content" / SLUG).mkdir(parents=True, exist_ok=True)
    (project / "content" / SLUG / "editorial.yaml").write_text(
        "emendations:\n"
        "  - {sic: 22th CPSU, corr: 22nd CPSU, p: 22, reason: misprint, who: w, when: d}\n"
        "metadata:\n"
        "  doi: 10.2298/BALC1950001E\n"
        "reviewed:\n"
        "  - {code: ordinal, match: x, reason: as printed}\n",
        encoding="utf-8",
    )
    assert build_project(project, "--no-search") == 0
    return project


FILES = {
    "source": f"sources/{SLUG}.txt",
    "editorial": f"content/{SLUG}/editorial.yaml",
    "registry": "content/archives.yaml",
    "config": "edition.yaml",
}


def _case(good: Path, tmp_path: Path, kind: str, seed: int, capsys) -> None:  # noqa: ANN001
    project = tmp_path / f"{kind}-{seed}"
    shutil.copytree(good, project, symlinks=True)
    target = project / FILES[kind]
    rng = random.Random(f"{kind}-{seed}")
    data = target.read_text(encoding="utf-8")
    mutated = _mutate(data, rng)
    if rng.random() < 0.15:  # a bad byte, at a line of its own
        target.write_bytes(mutated.encode("utf-8", "surrogatepass") + b"\n\xff\xfe\n")
    else:
        target.write_text(mutated, encoding="utf-8")
    site = tree(project / "_site")
    out = _out_name(project)
    kept = outside_out(project, out)
    capsys.readouterr()
    started = time.monotonic()
    code = build_project(project, "--no-search")
    seconds = time.monotonic() - started
    err = capsys.readouterr().err
    where = f"{kind} seed {seed}"
    assert seconds < 60, where
    assert code in (0, 1), f"{where}: exit {code}\n{err}"
    assert "Traceback" not in err and "internal error" not in err, f"{where}\n{err}"
    for line in err.splitlines():
        if " error: " in line:
            assert _ERROR.match(line), f"{where}: {line!r}"
    assert outside_out(project, out) == kept, where
    if code == 1:
        assert tree(project / "_site") == site, where
        return
    manifest = json.loads((project / ".edition-cache" / "outputs.live.json").read_text())
    built = set(tree(project / out))
    assert built - {".edition-site"} == set(manifest), where


def _out_name(project: Path) -> str:
    """The output folder a mutated edition.yaml names (a mutation may rename it)."""
    from edition.config import load_config

    config, _ = load_config(project)
    out = config.out.resolve()
    return out.name if out.parent == project.resolve() else "_site"


@pytest.mark.parametrize("kind", list(FILES))
def test_mutations_give_a_message_or_a_correct_site(
    kind: str, good: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for seed in SEEDS:
        _case(good, tmp_path, kind, seed, capsys)


@pytest.mark.slow
@pytest.mark.parametrize("kind", list(FILES))
def test_many_mutations(
    kind: str, good: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for seed in MANY:
        _case(good, tmp_path, kind, seed, capsys)
