"""Where a first build's own CPU goes: cProfile of import and render, by package folder.

    python benchmarks/profile_build.py [--articles 20] [--top 25]

One process, no pool or fork (os.cpu_count is made 1), no search: the figures are our
Python's only. Prints per-article milliseconds of each stage and of each folder's own
functions (edition/text, citations, content, site, build; Jinja, YAML, markdown-it, ...).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from benchmarks import run  # noqa: E402


def _owner(filename: str) -> str:
    """The folder a function belongs to: edition/<stage>, a library, or Python itself."""
    path = filename.replace("\\", "/")
    if "/edition/" in path:
        rest = path.split("/edition/", 1)[1].split("/")
        return "edition/" + (rest[0] if len(rest) > 1 else rest[0].removesuffix(".py"))
    if "site-packages/" in path:
        return path.split("site-packages/", 1)[1].split("/")[0]
    return "python" if path.startswith(("/", "<")) else path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=20)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--callers", help="also print the callers of functions matching this")
    args = parser.parse_args(argv)
    os.cpu_count = lambda: 1  # everything in this process, where cProfile sees it
    from edition.build.cache import open_cache
    from edition.config import load_config
    from edition.pipeline import run as build

    with tempfile.TemporaryDirectory(prefix="edition-profile-") as tmp:
        project = run.make_project(Path(tmp), args.articles)
        config, _ = load_config(project)
        profile = cProfile.Profile()
        started, cpu = time.perf_counter(), time.process_time()
        profile.enable()
        result = build(config, search=False, cache=open_cache(project))
        profile.disable()
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    n = args.articles
    print(
        f"{n} articles, {wall:.2f} s in all (profiled), {1000 * wall / n:.1f} ms an article;"
        f" CPU {cpu:.2f} s, {1000 * cpu / n:.1f} ms an article (wall drifts with the load)"
    )
    for stage, seconds in result.timings.items():
        print(f"  {stage:8} {1000 * seconds / n:8.1f} ms an article")
    stats = pstats.Stats(profile)
    if args.callers:
        stats.sort_stats("tottime").print_callers(args.callers)
    by_owner: dict[str, float] = defaultdict(float)
    rows = []
    for (filename, line, name), (_, calls, own, cumulative, _) in stats.stats.items():  # type: ignore[attr-defined]
        by_owner[_owner(filename)] += own
        rows.append(
            (own, cumulative, calls, f"{_owner(filename)}:{Path(filename).name}:{line} {name}")
        )
    print("\nown time by folder (ms an article):")
    for owner, own in sorted(by_owner.items(), key=lambda item: -item[1])[:15]:
        print(f"  {1000 * own / n:8.2f}  {owner}")
    print(f"\ntop {args.top} functions by own time (ms an article, own / cumulative, calls):")
    for own, cumulative, calls, where in sorted(rows, reverse=True)[: args.top]:
        print(f"  {1000 * own / n:7.2f} {1000 * cumulative / n:8.2f} {calls:9d}  {where}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
