"""Benchmark the whole pipeline on synthetic editions of 1 to 1,000 articles.

    python benchmarks/run.py [--sizes 1,10,100,1000] [--runs 3] [--markdown FILE]

Each size gets a fresh project in a temporary folder. Every figure is the
median of `--runs` runs of a separate process (interpreter start-up
included), so it is what an editor waits for. Prints one table per aspect.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from benchmarks import corpus  # noqa: E402

# Runs the build in a child process and reports its own peak memory apart from
# Pagefind's (a grandchild): RUSAGE_SELF vs RUSAGE_CHILDREN.
# It leaves as `edition` does (cli.run): at once, without freeing objects one by one.
CHILD = """
import json, os, resource, sys
from edition.cli import main
code = main(sys.argv[1:])
me, kids = (resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
print(json.dumps({
    "code": code,
    "cpu_self": me.ru_utime + me.ru_stime,
    "cpu_children": kids.ru_utime + kids.ru_stime,
    "self_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    "children_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
}), file=sys.stderr)
sys.stdout.flush()
sys.stderr.flush()
os._exit(code)
"""


def make_project(folder: Path, count: int) -> Path:
    """A project with `count` articles: the bundled one alone, or a synthetic corpus."""
    project = folder / f"edition-{count}"
    (project / "content").mkdir(parents=True)
    shutil.copy(ROOT / "edition.yaml", project / "edition.yaml")
    shutil.copy(ROOT / "content" / "archives.yaml", project / "content" / "archives.yaml")
    shutil.copytree(ROOT / "templates", project / "templates")
    sources = project / "sources"
    if count == 1:
        sources.mkdir()
        shutil.copy(corpus.BUNDLED, sources / corpus.BUNDLED.name)
    else:
        corpus.write_corpus(sources, count, seed=1)
    return project


def clean(project: Path) -> None:
    """Forget every earlier import and build, for a cold run."""
    for path in project.glob("content/*/"):
        shutil.rmtree(path)
    for name in ("_site", ".edition-cache"):
        shutil.rmtree(project / name, ignore_errors=True)


def run_build(project: Path, *flags: str, src: Path = ROOT / "src") -> dict:
    """One `edition build` in a child process, of the code in `src`."""
    env = {**os.environ, "PYTHONPATH": str(src), "CI": "true"}
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", CHILD, "build", "--root", str(project), "--timings", *flags],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"build failed in {project}:\n{done.stderr[-2000:]}")
    lines = [line for line in done.stderr.splitlines() if line.startswith("{")]
    stages, memory = json.loads(lines[-2]), json.loads(lines[-1])
    return {"wall": wall, **stages, **memory}


def touch_one_note(project: Path) -> None:
    """Change one word of one note, as an editor's correction would."""
    source = sorted((project / "sources").glob("*.txt"))[0]
    text = source.read_text(encoding="utf-8")
    marker = "\n¹ "
    at = text.index(marker) + len(marker)
    source.write_text(text[:at] + "See " + text[at:], encoding="utf-8")


def touch_front_matter(project: Path) -> None:
    """Change one word of one abstract: the home page and the feed show it (a full build)."""
    source = sorted((project / "sources").glob("*.txt"))[0]
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("Abstract: ", "Abstract: In short, ", 1), encoding="utf-8")


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 9))


def page_bytes(site: Path) -> dict[str, int]:
    article = next(site.glob("articles/*/index.html"))
    css = list((site / "assets").glob("*.css"))
    js = [p for p in (site / "assets").glob("*.js") if p.name != "search.js"]
    search = site / "pagefind"
    return {
        "html": article.stat().st_size,
        "html_gz": gz(article),
        "css_gz": sum(gz(p) for p in css),
        "js_gz": sum(gz(p) for p in js),
        "total_gz": gz(article) + sum(gz(p) for p in css + js),
        "index": sum(p.stat().st_size for p in search.rglob("*") if p.is_file())
        if search.exists()
        else 0,
    }


def first_query_bytes(site: Path, query: str = "Khrushchev") -> tuple[int, int]:
    """Bytes a first query fetches through the search page, measured in Chromium.

    Returns (as stored, as sent by a server that gzips text): Pagefind's .pf_*
    files are gzipped already; pagefind.js and JSON compress on any host that
    gzips, GitHub Pages included.
    """
    if not Path("/usr/bin/chromium").exists():
        return -1, -1
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    total, sent = 0, 0
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=[
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                ],
            )
            page = browser.new_page()
            seen: list[tuple[int, int]] = []

            def count(response) -> None:
                # The base, its shards, a delta, and the manifest naming them.
                url = response.url
                if not response.ok or ("/pagefind" not in url and "search-index.json" not in url):
                    return
                body = response.body()
                text = response.url.split("?")[0].endswith((".js", ".json"))
                seen.append((len(body), len(gzip.compress(body, 6)) if text else len(body)))

            # Listen before loading: the search page may fetch pagefind.js at once.
            page.on("response", count)
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/search/")
            page.fill("#search-q", query)
            page.keyboard.press("Enter")
            page.wait_for_selector("[data-search-results] li", timeout=15000)
            page.wait_for_timeout(300)
            total, sent = sum(a for a, _ in seen), sum(b for _, b in seen)
            browser.close()
    finally:
        server.shutdown()
    return total, sent


# A fixed piece of pure-Python work (parse and dump YAML-like text, hash it), timed in a
# fresh process before each size: this machine's speed drifts by up to 2x within an
# hour, and this figure says how fast it was while a row was measured.
PROBE = """
import hashlib, json, time
started = time.perf_counter()
rows = [{"n": n, "text": f"RGANI, F 3, inv. 14, f. {n}, pp. 11-14"} for n in range(60000)]
data = json.dumps(rows)
for row in json.loads(data):
    hashlib.sha256(row["text"].encode()).hexdigest()
print(time.perf_counter() - started)
"""


def probe_ms(runs: int = 3) -> float:
    """Median wall time of the probe, in milliseconds."""
    times = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True
        )
        times.append(float(done.stdout) * 1000)
    return statistics.median(times)


def median(rows: list[dict], key: str) -> float:
    return statistics.median(r.get(key, 0.0) for r in rows)


def bench(count: int, runs: int, folder: Path) -> dict:
    project = make_project(folder, count)
    probe = probe_ms()
    cold = []
    for _ in range(runs):
        clean(project)
        cold.append(run_build(project))
    # First as an editor previews (`edition serve` builds without search), then with it.
    render_only = [run_build(project, "--no-search") for _ in range(runs)]
    quick, front, incremental = [], [], []
    for _ in range(runs):
        touch_one_note(project)
        quick.append(run_build(project, "--no-search"))
    for _ in range(runs):
        touch_front_matter(project)
        front.append(run_build(project, "--no-search"))
    for _ in range(runs):
        touch_one_note(project)
        incremental.append(run_build(project))
    site = project / "_site"
    sizes = page_bytes(site)  # measured on the last build that indexed the site
    first_query = first_query_bytes(site) if count <= 100 else (-1, -1)
    return {
        "count": count,
        "cold": cold,
        "warm": render_only,
        "incremental": incremental,
        "quick": quick,
        "front": front,
        "bytes": sizes,
        "first_query": first_query,
        "probe": probe,
    }


def table(results: list[dict]) -> str:
    lines = [
        "| articles | total wall (s) | per article (ms) | import (s) | gather (s) | render (s)"
        " | Pagefind (s) | search wait (s) | peak RSS ours (MB) | peak RSS Pagefind (MB)"
        " | warm rebuild, no search (s) | one-note fix (s) | one-note fix, no search (s)"
        " | abstract fix, no search (s) | speed probe (ms) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        cold, n = r["cold"], r["count"]
        lines.append(
            f"| {n} | {median(cold, 'wall'):.2f} | {1000 * median(cold, 'wall') / n:.1f}"
            f" | {median(cold, 'import'):.2f} | {median(cold, 'gather'):.2f}"
            f" | {median(cold, 'render'):.2f} | {median(cold, 'pagefind'):.2f}"
            f" | {median(cold, 'search'):.2f}"
            f" | {median(cold, 'self_kb') / 1024:.0f} | {median(cold, 'children_kb') / 1024:.0f}"
            f" | {median(r['warm'], 'wall'):.2f} | {median(r['incremental'], 'wall'):.2f}"
            f" | {median(r['quick'], 'wall'):.2f} | {median(r['front'], 'wall'):.2f}"
            f" | {r['probe']:.0f} |"
        )
    lines += [
        "",
        "| articles | article HTML (KB) | HTML gz (KB) | CSS gz (KB) | JS gz (KB)"
        " | page total gz (KB) | search index (KB) | first query, stored (KB)"
        " | first query, sent gzipped (KB) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        b = r["bytes"]
        stored, sent = r["first_query"]
        query = f"{stored / 1024:.1f} | {sent / 1024:.1f}" if stored >= 0 else "– | –"
        lines.append(
            f"| {r['count']} | {b['html'] / 1024:.1f} | {b['html_gz'] / 1024:.1f}"
            f" | {b['css_gz'] / 1024:.1f} | {b['js_gz'] / 1024:.1f} | {b['total_gz'] / 1024:.1f}"
            f" | {b['index'] / 1024:.0f} | {query} |"
        )
    return "\n".join(lines)


def machine() -> str:
    cpus = os.cpu_count()
    memory = ""
    if Path("/proc/meminfo").exists():
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GB RAM"
    python = platform.python_version()
    return f"{platform.system()} {platform.machine()}, {cpus} cores{memory}, Python {python}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1,10,100,1000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--markdown", type=Path, help="also write the tables to this file")
    args = parser.parse_args(argv)
    # As an installed package is: its modules compiled to bytecode once (pip does it for
    # a wheel; an editable install leaves it to the first import, which may not write it).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=True)
    results = []
    with tempfile.TemporaryDirectory(prefix="edition-bench-") as tmp:
        for count in (int(s) for s in args.sizes.split(",")):
            print(f"benchmarking {count} article(s)…", file=sys.stderr)
            results.append(bench(count, args.runs, Path(tmp)))
    out = f"Machine: {machine()}. Median of {args.runs} runs.\n\n{table(results)}\n"
    print(out)
    if args.markdown:
        args.markdown.write_text(out, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
