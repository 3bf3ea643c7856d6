"""How long Pagefind takes over one built edition indexed in different ways (issue #19).

    python benchmarks/pagefind_variants.py [--articles 200] [--runs 3] [--site DIR]

Builds a synthetic edition once without search (or takes a built `--site`), makes a
copy of it per variant, each page changed as the variant's templates would write it,
and runs Pagefind over each copy as build/pagefind.py does, the variants in turn,
each run from scratch. Prints, per variant, the pages Pagefind indexed, the median
wall and CPU time, and the bundle it wrote (files, bytes).

Variants (what the archival file pages and the archive, fond and opis pages hold):
  now           the site as built
  file-lede     file pages index only their heading, hidden forms and lede
  no-files      file pages not indexed (articles, home, names only)
  no-files+units  file pages not indexed; archive, fond and opis pages indexed
  now tmpfs     as built, Pagefind's bundle written to memory (is it the disk?)
  ... glob      Pagefind given a --glob of the indexed pages: it reads no other page
  build glob    the glob a build gives Pagefind (site/search_markup.py: INDEXED)

With `--site A --site B`, every variant runs over each (B's names end in "@2"), in turn.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from benchmarks.run import clean, make_project, probe_ms, run_build  # noqa: E402
from edition.build.pagefind import pagefind_command  # noqa: E402
from edition.site.search_markup import indexed_glob  # noqa: E402

_FILE = re.compile(r"archives/.+/delo-[^/]+/index\.html$")
_UNIT = re.compile(r"archives/.+/index\.html$")
_BODY = " data-pagefind-body"
_SHEETS = re.compile(r'<p class="catalogue">.*?(?=<section aria-labelledby="cited-h")', re.S)

Change = Callable[[str, str], str]  # (page path from the site root, its HTML) -> new HTML


def _file_lede(rel: str, page: str) -> str:
    return _SHEETS.sub("", page) if _FILE.search(rel) else page


def _no_files(rel: str, page: str) -> str:
    return page.replace(_BODY, "", 1) if _FILE.search(rel) else page


def _no_files_units(rel: str, page: str) -> str:
    if _FILE.search(rel):
        return page.replace(_BODY, "", 1)
    if _UNIT.search(rel):
        return page.replace(
            '<main id="main" tabindex="-1">', f'<main id="main" tabindex="-1"{_BODY}>', 1
        )
    return page


def _indexed_glob(site: Path, units: bool) -> str:
    """A --glob of the pages a variant indexes, so Pagefind never reads the file pages."""
    pages = ["index.html", "names/index.html", "articles/*/index.html"]
    if units:
        pages += sorted(
            p.relative_to(site).as_posix()
            for p in (site / "archives").rglob("index.html")
            if not _FILE.search(p.relative_to(site).as_posix())
        )
    return "{" + ",".join(pages) + "}"


@dataclass(frozen=True)
class Variant:
    change: Change | None = None
    in_memory: bool = False  # the bundle written to /dev/shm
    glob: Callable[[Path], str] | None = None


VARIANTS: dict[str, Variant] = {
    "now": Variant(),
    "file-lede": Variant(_file_lede),
    "no-files": Variant(_no_files),
    "no-files glob": Variant(_no_files, glob=lambda site: _indexed_glob(site, False)),
    "no-files+units": Variant(_no_files_units),
    "no-files+units glob": Variant(_no_files_units, glob=lambda site: _indexed_glob(site, True)),
    "now tmpfs": Variant(in_memory=True),
    "build glob": Variant(glob=lambda site: indexed_glob()),  # what a build gives Pagefind
}


def make_copy(site: Path, target: Path, change: Change | None) -> None:
    """The site under `target`, each HTML page passed through `change` (others linked)."""
    for path in site.rglob("*"):
        rel = path.relative_to(site).as_posix()
        out = target / rel
        if path.is_dir():
            out.mkdir(parents=True, exist_ok=True)
        elif change and rel.endswith(".html"):
            out.write_text(change(rel, path.read_text(encoding="utf-8")), encoding="utf-8")
        else:
            os.link(path, out)


def run_pagefind(site: Path, bundle: Path, glob: str | None) -> tuple[float, float, int, int, int]:
    """One run from scratch: (wall, CPU, pages indexed, bundle files, bundle bytes)."""
    shutil.rmtree(bundle, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [*pagefind_command(), "--site", str(site), "--output-path", str(bundle)]
        + (["--glob", glob] if glob else []),
        capture_output=True,
        text=True,
        check=True,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    found = re.search(r"Indexed (\d+) pages?", done.stdout)
    files = [p for p in bundle.rglob("*") if p.is_file()]
    return (
        wall,
        cpu,
        int(found.group(1)) if found else 0,
        len(files),
        sum(p.stat().st_size for p in files),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--site", type=Path, action="append", help="a site built with --no-search")
    parser.add_argument("--only", help="comma-separated variant names")
    args = parser.parse_args(argv)
    kinds = args.only.split(",") if args.only else list(VARIANTS)
    with tempfile.TemporaryDirectory(prefix="edition-variants-") as tmp:
        sites = args.site
        if not sites:
            project = make_project(Path(tmp), args.articles)
            clean(project)
            run_build(project, "--no-search")
            sites = [project / "_site"]
        named = {
            f"{k}@{n}" if n > 1 else k: (k, site) for n, site in enumerate(sites, 1) for k in kinds
        }
        names = list(named)
        with tempfile.TemporaryDirectory(prefix="edition-bundle-", dir="/dev/shm") as shm:
            copies, bundles, globs = {}, {}, {}
            for n, name in enumerate(names):
                kind, site = named[name]
                variant = VARIANTS[kind]
                copies[name] = Path(tmp) / f"v{n}"
                make_copy(site, copies[name], variant.change)
                bundles[name] = (Path(shm) if variant.in_memory else copies[name]) / "pagefind"
                globs[name] = variant.glob(copies[name]) if variant.glob else None
            runs: dict[str, list[tuple[float, float, int, int, int]]] = {n: [] for n in names}
            for _ in range(args.runs):
                for name in names:  # in turn, so a drift of the machine hits every variant
                    runs[name].append(run_pagefind(copies[name], bundles[name], globs[name]))
    print(
        f"Pagefind over {', '.join(map(str, sites))}, median of {args.runs} runs in turn;"
        f" speed probe {probe_ms():.0f} ms, load {os.getloadavg()[0]:.1f}.\n\n"
        "| variant | pages indexed | wall (s) | CPU (s) | bundle files | bundle (KB) | walls (s) |"
        "\n"
        "|---|---:|---:|---:|---:|---:|---|"
    )
    for name in names:
        r = runs[name]
        wall = statistics.median(x[0] for x in r)
        cpu = statistics.median(x[1] for x in r)
        walls = ", ".join(f"{x[0]:.2f}" for x in r)
        size = f"{r[0][3]} | {r[0][4] / 1024:.0f}"
        print(f"| {name} | {r[0][2]} | {wall:.2f} | {cpu:.2f} | {size} | {walls} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
