"""A first build at growing sizes, up to 10,000 synthetic articles: time, memory, query bytes.

    nice python benchmarks/scale.py [--sizes 10,100,1000,10000] [--markdown FILE]

One cold build with search a size (import, render, Pagefind, swap), in a child process
as `edition build` runs. While it runs, the process tree is sampled from /proc every
0.2 s: the peak resident memory of our process, of each Pagefind process, and of
everything at once (ours, the pool's workers and the Pagefind processes together).
Then the bytes a first query fetches, in Chromium, as sent by a host that gzips.
Linux only (/proc).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from benchmarks import run  # noqa: E402


@dataclass
class Peaks:
    """Peak resident memory (KB) seen by sampling: by process, and of the whole tree."""

    by_pid: dict[int, tuple[str, int]] = field(default_factory=dict)  # pid -> (name, KB)
    total_kb: int = 0


def _processes() -> dict[int, tuple[int, str, int]]:
    """Every process: pid -> (parent pid, name, resident KB)."""
    found = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            status = Path(entry.path, "status").read_text()
        except OSError:
            continue  # gone meanwhile
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        rss = int(fields.get("VmRSS", "0 kB").split()[0])
        found[int(entry.name)] = (int(fields["PPid"]), fields["Name"].strip(), rss)
    return found


def sample(root: int, peaks: Peaks, stop: threading.Event, every: float = 0.2) -> None:
    """Record the peaks of `root` and its descendants until `stop` is set."""
    while not stop.is_set():
        table = _processes()
        tree, frontier = set(), {root}
        while frontier:
            tree |= frontier
            frontier = {pid for pid, (ppid, _, _) in table.items() if ppid in frontier} - tree
        total = 0
        for pid in tree & table.keys():
            _, name, rss = table[pid]
            total += rss
            if rss > peaks.by_pid.get(pid, ("", 0))[1]:
                peaks.by_pid[pid] = (name, rss)
        peaks.total_kb = max(peaks.total_kb, total)
        stop.wait(every)


def measure(project: Path) -> dict:
    """One build with search of `project`, sampled."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "CI": "true"}
    argv = [sys.executable, "-c", run.CHILD, "build", "--root", str(project), "--timings"]
    peaks, stop = Peaks(), threading.Event()
    started = time.perf_counter()
    child = subprocess.Popen(argv, env=env, stderr=subprocess.PIPE, text=True)
    sampler = threading.Thread(target=sample, args=(child.pid, peaks, stop))
    sampler.start()
    _, err = child.communicate()
    wall = time.perf_counter() - started
    stop.set()
    sampler.join()
    if child.returncode != 0:
        raise SystemExit(f"build failed in {project}:\n{err[-2000:]}")
    lines = [line for line in err.splitlines() if line.startswith("{")]
    stages, memory = json.loads(lines[-2]), json.loads(lines[-1])
    pagefind = [kb for name, kb in peaks.by_pid.values() if "pagefind" in name]
    return {
        "wall": wall,
        **stages,
        **memory,
        "pagefind_kb": sorted(pagefind, reverse=True),
        "total_kb": peaks.total_kb,
    }


def bench(count: int, folder: Path) -> dict:
    project = run.make_project(folder, count)
    probe = run.probe_ms()
    load = os.getloadavg()[0]
    result = measure(project)
    _, sent = run.first_query_bytes(project / "_site")
    pages = sum(1 for _ in (project / "_site").rglob("*.html"))
    return {"count": count, **result, "sent": sent, "pages": pages, "probe": probe, "load": load}


def table(results: list[dict]) -> str:
    lines = [
        "| articles | pages | wall (s) | per article (ms) | CPU, all processes (s)"
        " | CPU per article (ms) | import (s) | render (s) | Pagefind (s) | peak RSS ours (MB)"
        " | peak RSS of each Pagefind process (MB) | peak RSS all at once (MB)"
        " | first query, sent (KB) | load average | speed probe (ms) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|",
    ]
    for r in results:
        n, cpu = r["count"], r["cpu_self"] + r["cpu_children"]
        shards = ", ".join(f"{kb / 1024:.0f}" for kb in r["pagefind_kb"]) or "–"
        sent = f"{r['sent'] / 1024:.1f}" if r["sent"] >= 0 else "–"
        lines.append(
            f"| {n} | {r['pages']} | {r['wall']:.1f} | {1000 * r['wall'] / n:.1f} | {cpu:.1f}"
            f" | {1000 * cpu / n:.1f} | {r.get('import', 0):.1f} | {r.get('render', 0):.1f}"
            f" | {r.get('pagefind', 0):.1f} | {r['self_kb'] / 1024:.0f} | {shards}"
            f" | {r['total_kb'] / 1024:.0f} | {sent} | {r['load']:.1f} | {r['probe']:.0f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10,100,1000,10000")
    parser.add_argument("--markdown", type=Path, help="also write the table to this file")
    args = parser.parse_args(argv)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=True)
    results = []
    with tempfile.TemporaryDirectory(prefix="edition-scale-") as tmp:
        for count in (int(s) for s in args.sizes.split(",")):
            print(f"building {count} article(s)…", file=sys.stderr)
            results.append(bench(count, Path(tmp)))
            print(table(results[-1:]).splitlines()[-1], file=sys.stderr)
    out = f"Machine: {run.machine()}.\n\n{table(results)}\n"
    print(out)
    if args.markdown:
        args.markdown.write_text(out, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
