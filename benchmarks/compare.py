"""Side by side, in turn, in one process: old code against new, and us against mkdocs-material.

    python benchmarks/compare.py fix --sizes 200,1000 --runs 3 [--old main] [--new HEAD]
    python benchmarks/compare.py mkdocs --sizes 1,200 --runs 3

`fix`: the one-note fix with search, on two copies of one edition, one built by the old
code, one by the new (git revisions, exported), alternating run by run.
`mkdocs`: a first build of ours (import, render, Pagefind) against `mkdocs build` of the
same text, each article one Markdown page with its footnotes, Material's own search
plugin; alternating. Then the bytes of a first query of each, in Chromium.

This machine is shared and its speed drifts: only the ratios of one run compare.
Clean-ups rename a tree aside; the trees are deleted once everything is timed, since
creating many files right after deleting many is slow on this disk.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from benchmarks import mkdocs_site, run  # noqa: E402


class Trash:
    """Trees renamed aside during a run, deleted at its end."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.count = 0

    def throw(self, path: Path) -> None:
        if path.exists():
            self.folder.mkdir(exist_ok=True)
            self.count += 1
            path.rename(self.folder / f"{self.count}-{path.name}")

    def empty(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def export_code(revision: str, folder: Path) -> Path:
    """The package's source at a git revision, compiled as an installed one is."""
    folder.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", revision, "src"], capture_output=True, check=True
    )
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(folder / "src")], check=True)
    return folder / "src"


def fix(sizes: list[int], runs: int, old: str, new: str, tmp: Path) -> str:
    # Both exported: the build's keys hash its code, so code edited during a run
    # would turn every rebuild into a full one.
    codes = {"old": export_code(old, tmp / "old-code"), "new": export_code(new, tmp / "new-code")}
    lines = [
        f"One-note fix with search, {old} (old) against {new} (new), in turn.",
        "",
        "| articles | old (s) | new (s) | new / old | new: Pagefind (s) | new: index |",
        "|---:|---:|---:|---:|---:|---|",
    ]
    first: dict[str, list[dict]] = {"old": [], "new": []}
    for count in sizes:
        projects = {}
        for name, src in codes.items():
            project = run.make_project(tmp / name, count)
            first[name].append(run.run_build(project, src=src))  # the first build, with search
            # Settled, as an edition being corrected is: the first rebuild links every
            # file of the live site into a new tree; the second recycles the one before.
            for _ in range(2):
                run.run_build(project, src=src)
            projects[name] = project
        times: dict[str, list[dict]] = {"old": [], "new": []}
        for _ in range(runs):
            for name in ("old", "new"):
                run.touch_one_note(projects[name])
                times[name].append(run.run_build(projects[name], src=codes[name]))
        old_s, new_s = (statistics.median(r["wall"] for r in times[n]) for n in ("old", "new"))
        delta = (projects["new"] / "_site" / "search-index.json").read_text(encoding="utf-8")
        kind = "delta" if '"delta": "' in delta else "full"
        lines.append(
            f"| {count} | {old_s:.2f} | {new_s:.2f} | {new_s / old_s:.3f}"
            f" | {statistics.median(r.get('pagefind', 0) for r in times['new']):.2f} | {kind} |"
        )
        print(lines[-1], file=sys.stderr)
    lines += [
        "",
        "The first builds of those editions (one each, old then new, not in turn):",
        "",
        "| articles | code | wall (s) | Pagefind (s) | peak RSS ours (MB)"
        " | peak RSS of one Pagefind process (MB) |",
        "|---:|---|---:|---:|---:|---:|",
    ]
    for n, count in enumerate(sizes):
        for name in ("old", "new"):
            r = first[name][n]
            lines.append(
                f"| {count} | {name} | {r['wall']:.1f} | {r.get('pagefind', 0):.1f}"
                f" | {r['self_kb'] / 1024:.0f} | {r['children_kb'] / 1024:.0f} |"
            )
    return "\n".join(lines)


def mkdocs(sizes: list[int], runs: int, tmp: Path) -> str:
    trash = Trash(tmp / "trash")
    lines = [
        "First build, ours against mkdocs-material on the same text, in turn.",
        "",
        "| articles | ours (s) | mkdocs-material (s) | ours / mkdocs | ours: pages"
        " | mkdocs: pages | first query ours, sent (KB) | first query mkdocs, sent (KB)"
        " | query bytes ours / mkdocs |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for count in sizes:
        project = run.make_project(tmp / "ours", count)
        docs = mkdocs_site.write_project(project / "sources", tmp / f"mkdocs-{count}")
        ours, theirs = [], []
        for _ in range(runs):
            cold = [project / "_site", project / ".edition-cache", *project.glob("content/*/")]
            for path in cold:
                trash.throw(path)
            ours.append(run.run_build(project)["wall"])
            trash.throw(docs / "site")
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=docs, check=True)
            theirs.append(time.perf_counter() - started)
        site = project / "_site"
        _, sent = run.first_query_bytes(site)
        mk_sent = mkdocs_site.first_query_bytes(docs / "site")
        a, b = statistics.median(ours), statistics.median(theirs)
        pages = sum(1 for _ in site.rglob("*.html"))
        mk_pages = sum(1 for _ in (docs / "site").rglob("*.html"))
        lines.append(
            f"| {count} | {a:.2f} | {b:.2f} | {a / b:.2f} | {pages} | {mk_pages}"
            f" | {sent / 1024:.1f} | {mk_sent / 1024:.1f} | {sent / mk_sent:.3f} |"
        )
        print(lines[-1], file=sys.stderr)
        trash.throw(project.parent)
    trash.empty()
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("what", choices=["fix", "mkdocs"])
    parser.add_argument("--sizes", default="200")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--old", default="main", help="the git revision of the old code")
    parser.add_argument("--new", default="HEAD", help="the git revision of the new code")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=True)
    with tempfile.TemporaryDirectory(prefix="edition-compare-") as tmp:
        if args.what == "fix":
            out = fix(sizes, args.runs, args.old, args.new, Path(tmp))
        else:
            out = mkdocs(sizes, args.runs, Path(tmp))
    print(f"Machine: {run.machine()}. Median of {args.runs} runs.\n\n{out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
