"""Running Pagefind over a built site (the markup it reads is site/search_markup.py's)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from edition.errors import BuildError, Problem


@dataclass(frozen=True)
class SearchStats:
    """What indexing cost and produced."""

    pages: int
    words: int
    seconds: float
    bundle_bytes: int  # everything Pagefind wrote
    index_bytes: int  # what the search page can load: pagefind.js, wasm, index, fragments
    files: int
    version: str


# Pagefind's own UI bundles: written every time, never loaded by our search page.
_UNUSED = re.compile(r"^pagefind-(component-|modular-)?ui\.|^pagefind-highlight\.js$")


def pagefind_command() -> list[str]:
    """The command that runs Pagefind, from the pagefind-bin package or PATH."""
    try:
        import pagefind_bin  # type: ignore[import-untyped]

        return [str(pagefind_bin.get_executable())]
    except (ImportError, FileNotFoundError):
        pass
    found = shutil.which("pagefind") or shutil.which("pagefind_extended")
    if found:
        return [found]
    raise BuildError(
        [
            Problem(
                "error",
                "pagefind",
                0,
                "Pagefind is not installed, so the site cannot be indexed for search",
                "install it with `pip install pagefind-bin`, or build with --no-search",
                "search-missing",
            )
        ]
    )


def index_site(site_dir: Path, base_url: str = "/", language: str | None = None) -> SearchStats:
    """Run Pagefind over a built site, writing `site_dir/pagefind/`.

    URLs in the index are relative to the site root; the search page prefixes the
    base path it is served under at run time, so `base_url` (checked, not
    stored) never needs baking into the index and the same index works offline.
    """
    return start_index(site_dir, base_url, language).wait()


class Indexing:
    """Pagefind at work on a site, in its own process: `wait()` for its stats.

    Pagefind reads only the HTML pages, and finds them when it starts: once
    every page is written, the build can go on writing the other files (TEI,
    downloads, feeds) while Pagefind indexes.
    """

    def __init__(self, site_dir: Path, command: list[str], bundle: Path | None = None) -> None:
        self.site_dir = site_dir
        self.bundle = bundle or site_dir / "pagefind"
        self.started = time.perf_counter()
        try:
            self.process = subprocess.Popen(
                command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
            )
        except OSError as exc:
            _fail(str(site_dir), f"Pagefind could not run: {exc}", "check the pagefind-bin install")

    def cancel(self) -> None:
        """Stop Pagefind (the build failed: its staging folder is being discarded)."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.communicate()

    def wait(self) -> SearchStats:
        site_dir = self.site_dir
        try:
            log, _ = self.process.communicate(timeout=600)
        except subprocess.TimeoutExpired as exc:
            self.cancel()
            _fail(str(site_dir), f"Pagefind could not run: {exc}", "check the pagefind-bin install")
        seconds = time.perf_counter() - self.started
        pages = _count(log, "page")
        if pages == 0 or "not able to build an index" in log:
            skipped = [line.strip() for line in log.splitlines() if line.strip().startswith("* ")]
            _fail(
                str(site_dir),
                "Pagefind found no page to index" + (f" ({skipped[0][2:]})" if skipped else ""),
                "pages need an <html lang> element and a data-pagefind-body element",
            )
        if self.process.returncode != 0:
            lines = dict.fromkeys(line.strip() for line in log.splitlines() if line.strip())
            tail = " / ".join(list(lines)[-4:])
            _fail(str(site_dir), f"Pagefind failed (exit {self.process.returncode}): {tail}", "")
        files = [p for p in self.bundle.rglob("*") if p.is_file()]
        return SearchStats(
            pages=pages,
            words=_count(log, "word"),
            seconds=round(seconds, 3),
            bundle_bytes=sum(p.stat().st_size for p in files),
            index_bytes=sum(p.stat().st_size for p in files if not _UNUSED.match(p.name)),
            files=len(files),
            version=_version(log),
        )


def start_index(
    site_dir: Path,
    base_url: str = "/",
    language: str | None = None,
    glob: str | None = None,
    bundle: str | Path = "pagefind",
) -> Indexing:
    """Start Pagefind over the pages written so far; see index_site.

    `glob` limits it to some pages (a shard, a delta) and `bundle` names the folder
    of the site it writes them to (a Path: a folder anywhere).
    """
    site_dir = Path(site_dir)
    if not (base_url.startswith("/") or "://" in base_url) or not base_url.endswith("/"):
        _fail(str(site_dir), f"base URL {base_url!r} must start and end with '/'", "e.g. /repo/")
    if not site_dir.is_dir():
        _fail(str(site_dir), "the built site is not there", "build the site before indexing it")
    where = "--output-path" if isinstance(bundle, Path) else "--output-subdir"
    output = [where, str(bundle)]
    command = [*pagefind_command(), "--site", str(site_dir), *output]
    if glob:
        command += ["--glob", glob]
    if language:
        command += ["--force-language", language]
    return Indexing(site_dir, command, site_dir / bundle)  # an absolute Path stays itself


def _count(log: str, what: str) -> int:
    found = re.search(rf"Indexed (\d+) {what}s?\b", log)
    return int(found.group(1)) if found else 0


def _version(log: str) -> str:
    found = re.search(r"Running Pagefind v(\S+)", log)
    return found.group(1) if found else ""


def _fail(path: str, message: str, hint: str) -> None:
    raise BuildError([Problem("error", path, 0, message, hint, "search-index")])


if __name__ == "__main__":  # python -m edition.build.pagefind SITE_DIR: index a built site
    print(index_site(Path(sys.argv[1])))
