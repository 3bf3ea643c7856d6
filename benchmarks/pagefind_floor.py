"""How long Pagefind alone takes over parts of a built edition: the floor under a first build.

    python benchmarks/pagefind_floor.py [--articles 200] [--runs 3]

Builds a synthetic edition once (without search), then times Pagefind in a fresh
process over copies of: the whole site; the article pages alone; the article
pages reduced to their plain text (no markup, no hidden spellings: the least any
full-text index of these articles must read); the archival file pages alone.
Prints the median wall time and CPU time of each, and the speed probe of run.py.
"""

from __future__ import annotations

import argparse
import html
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from benchmarks.run import clean, make_project, probe_ms, run_build  # noqa: E402
from edition.site.search_markup import pagefind_command  # noqa: E402

_MAIN = re.compile(r"<main\b.*?</main>", re.S)
_HIDDEN = re.compile(r'<span class="search-forms" hidden>.*?</span>', re.S)
_TAG = re.compile(r"<[^>]+>")


def copy_pages(site: Path, target: Path, pattern: str, plain: bool = False) -> int:
    """Copy the pages matching `pattern` (relative glob) into `target`; returns how many."""
    count = 0
    for page in site.glob(pattern):
        out = target / page.relative_to(site)
        out.parent.mkdir(parents=True, exist_ok=True)
        if plain:
            found = _MAIN.search(page.read_text(encoding="utf-8"))
            text = html.unescape(_TAG.sub("", _HIDDEN.sub("", found.group(0) if found else "")))
            paragraphs = "".join(
                f"<p>{html.escape(block)}</p>\n" for block in text.split("\n\n") if block.strip()
            )
            out.write_text(
                '<!doctype html><html lang="en"><head><title>page</title></head>'
                f"<body><main>{paragraphs}</main></body></html>",
                encoding="utf-8",
            )
        else:
            shutil.copyfile(page, out)
        count += 1
    return count


def time_pagefind(site: Path, runs: int) -> tuple[float, float]:
    """Median (wall, CPU) seconds of Pagefind over `site`, each run from scratch."""
    walls, cpus = [], []
    for _ in range(runs):
        shutil.rmtree(site / "pagefind", ignore_errors=True)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(
            [*pagefind_command(), "--site", str(site), "--force-language", "en", "--silent"],
            check=True,
        )
        walls.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="edition-floor-") as tmp:
        project = make_project(Path(tmp), args.articles)
        clean(project)
        run_build(project, "--no-search")
        site = project / "_site"
        parts = {
            "whole site": ("**/*.html", False),
            "article pages": ("articles/*/index.html", False),
            "article pages, plain text": ("articles/*/index.html", True),
            "archival file pages": ("archives/**/delo-*/index.html", False),
        }
        rows = []
        for name, (pattern, plain) in parts.items():
            target = Path(tmp) / name.replace(" ", "-").replace(",", "")
            pages = copy_pages(site, target, pattern, plain)
            wall, cpu = time_pagefind(target, args.runs)
            rows.append(f"| {name} | {pages} | {wall:.2f} | {cpu:.2f} |")
    print(
        f"{args.articles} synthetic articles; Pagefind alone, median of {args.runs} runs;"
        f" speed probe {probe_ms():.0f} ms.\n\n"
        "| pages indexed | HTML files | wall (s) | CPU, user + system (s) |\n"
        "|---|---:|---:|---:|\n" + "\n".join(rows)
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
