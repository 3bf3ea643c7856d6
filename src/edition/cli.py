"""The `edition` command: init, import, build, check, serve."""

from __future__ import annotations

import argparse
import errno
import gc
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

from edition.build.workers import collector_paused
from edition.errors import BuildError, Problem

if TYPE_CHECKING:
    from edition.config import Config


def _config(args: argparse.Namespace) -> Config:
    from edition.config import CONFIG_FILE, load_config, normalise_base_url, value_problem

    root = Path(args.root).resolve() if getattr(args, "root", None) else Path.cwd()
    config, problems = load_config(root)
    for key in ("site_url", "base_url"):
        given = getattr(args, key, None)
        wrong = value_problem(key, given) if given else ""
        if wrong:
            problems.append(
                Problem("error", f"--{key.replace('_', '-')}", 0, f"{wrong}: {given!r}")
            )
    if problems:
        raise BuildError(problems)
    if not (root / CONFIG_FILE).exists():
        print(
            f"no {CONFIG_FILE} in {root}: using the defaults (title {config.title!r}, "
            f"language {config.language!r}, sources/, content/, templates/, out _site/); "
            "`edition init` writes one to edit",
            file=sys.stderr,
        )
    return config.with_overrides(
        sources=Path(args.sources).resolve() if getattr(args, "sources", None) else None,
        content=Path(args.content).resolve() if getattr(args, "content", None) else None,
        out=Path(args.out).resolve() if getattr(args, "out", None) else None,
        base_url=normalise_base_url(args.base_url) if getattr(args, "base_url", None) else None,
        site_url=args.site_url.rstrip("/") if getattr(args, "site_url", None) else None,
    )


def _report(problems: list[Problem]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


def cmd_import(args: argparse.Namespace) -> int:
    from edition.pipeline import import_changed

    config = _config(args)
    with collector_paused():
        imported, problems = import_changed(config, force=args.force)
    _report(problems.items)
    for slug in imported:
        print(f"imported {slug}")
    return 1 if problems.errors else 0


def progress_display(stream: TextIO) -> Callable[[int, int], None] | None:
    """Counts on one terminal line for long builds; nothing in CI or when piped."""
    if os.environ.get("CI") == "true" or not stream.isatty():
        return None

    def show(done: int, total: int) -> None:
        if total < 20:
            return  # a short build needs no progress line
        end = "\n" if done == total else ""
        stream.write(f"\rrendering articles: {done}/{total}{end}")
        stream.flush()

    return show


def cmd_build(args: argparse.Namespace) -> int:
    from edition.build.cache import open_cache
    from edition.build.lock import owned_out
    from edition.pipeline import ImportFailed, run

    started = time.perf_counter()
    config = _config(args)
    cache = open_cache(config.sources.parent, enabled=not args.no_cache)
    # What is kept about the live site will not be kept up to date without the cache.
    forget = open_cache(config.sources.parent) if args.no_cache else None
    with collector_paused(), owned_out(config, cache.folder):
        try:
            result = run(
                config,
                search=not args.no_search,
                strict=args.strict,
                cache=cache,
                progress=progress_display(sys.stderr),
                forget=forget,
            )
        except ImportFailed as exc:
            _report(exc.problems)
            print(f"build stopped: the sources have errors; {_site_state(config)}", file=sys.stderr)
            return 1
    _report(result.warnings)
    elapsed = time.perf_counter() - started
    if args.timings:
        stages = {**result.timings, "total": elapsed}
        print(json.dumps({k: round(v, 4) for k, v in stages.items()}), file=sys.stderr)
    print(
        f"built {result.pages} pages into {config.out} in {elapsed:.2f} s"
        + (f" (imported {_names(result.imported)})" if result.imported else "")
    )
    return 0


def _site_state(config: Config) -> str:
    """What became of the site: said only as it is."""
    return _state_of(config.out)


def _state_of(out: Path) -> str:
    """"The previous site … is unchanged" only where there is a site this tool made."""
    from edition.build.outfolder import is_ours

    return f"the previous site in {out} is unchanged" if is_ours(out) else "no site was written"


def cmd_init(args: argparse.Namespace) -> int:
    from edition.init import init_edition

    folder = Path(args.folder).resolve()
    problems = init_edition(folder, args.title)
    _report(problems)
    if problems:
        return 1
    print(f"made a new edition in {folder}")
    print("next: put an article (PDF or text) in sources/, then run `edition build`")
    return 0


def _names(slugs: list[str], most: int = 5) -> str:
    """A few names, then how many more: a first build of a whole journal run is long."""
    if len(slugs) <= most:
        return ", ".join(slugs)
    return f"{', '.join(slugs[:most])} and {len(slugs) - most} more"


def cmd_check(args: argparse.Namespace) -> int:
    from edition.build.cache import open_cache
    from edition.build.outfolder import out_problems
    from edition.check import check_project, exit_code, format_json, format_text

    config = _config(args)
    # What a build would refuse before it starts: the output folder.
    problems = out_problems(config, open_cache(config.sources.parent).folder)
    problems += check_project(config)
    out = format_json(problems) if args.format == "json" else format_text(problems)
    sys.stdout.write(out)
    return exit_code(problems, args.strict)


def cmd_serve(args: argparse.Namespace) -> int:
    gc.enable()  # a long-lived process collects its cycles (run() paused the collector)
    from edition.serve import serve

    return serve(_config(args), host=args.host, port=args.port, search=args.search)


def add_paths(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--root", help="project folder holding edition.yaml (default: .)")
    parser.add_argument("--sources", help="folder of source texts")
    parser.add_argument("--content", help="folder of structured content")
    parser.add_argument("--out", help="output folder (default: _site)")
    parser.add_argument("--base-url", help="path the site is served under, e.g. /repo/")
    parser.add_argument("--site-url", help="origin for canonical links, e.g. https://x.github.io")


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="edition", description=__doc__)
    sub = main.add_subparsers(dest="command", required=True)
    p = sub.add_parser("init", help="make a new edition in a folder (never overwrites)")
    p.add_argument("folder", nargs="?", default=".", help="the new edition's folder (default: .)")
    p.add_argument("--title", default="Scholarly Edition", help="the site's title")
    p.set_defaults(func=cmd_init)
    p = sub.add_parser("import", help="parse sources/*.txt into content/<slug>/")
    add_paths(p)
    p.add_argument("--force", action="store_true", help="re-import unchanged sources too")
    p.set_defaults(func=cmd_import)
    p = sub.add_parser("build", help="import changed sources, then build the site")
    add_paths(p)
    p.add_argument("--no-search", action="store_true", help="skip the Pagefind index")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.add_argument("--timings", action="store_true", help="print stage timings as JSON")
    p.add_argument("--no-cache", action="store_true", help="parse and render everything anew")
    p.set_defaults(func=cmd_build)
    p = sub.add_parser("check", help="report problems for the editor; changes nothing")
    add_paths(p)
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--strict", action="store_true", help="exit non-zero on warnings too")
    p.set_defaults(func=cmd_check)
    p = sub.add_parser("serve", help="preview locally, rebuilding and reloading on change")
    add_paths(p)
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    p.add_argument("--search", action="store_true", help="also build the search index")
    p.set_defaults(func=cmd_serve)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except BuildError as exc:
        _report(exc.problems)
        state = _stopped_state(args)
        said = "" if state.startswith("no ") else f"; {state}"  # "no site/file": said already
        print(f"stopped: nothing was written{said}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except OSError as exc:  # a read-only folder, a full disk: the system's word, located
        if os.environ.get("EDITION_DEBUG") == "1":
            raise
        _report([os_problem(exc)])
        print(f"stopped: {_stopped_state(args)}", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - the last resort: one line, not a traceback
        if os.environ.get("EDITION_DEBUG") == "1":
            raise
        where = _where(exc)
        print(
            f"{where}: error: internal error: {type(exc).__name__}: {exc}"[:2000]
            + "\n  hint: this is a bug in edition; please report it with the input that"
            " caused it (EDITION_DEBUG=1 shows the traceback)",
            file=sys.stderr,
        )
        return 2


_OS_HINTS = {
    errno.ENOSPC: "the disk is full: free some space and build again",
    errno.EDQUOT: "the disk quota is exceeded: free some space and build again",
    errno.EACCES: "check the folder's permissions (is it read-only?)",
    errno.EPERM: "check the folder's permissions (is it read-only?)",
    errno.EROFS: "the file system is read-only: build into another folder (--out)",
    errno.ELOOP: "a symbolic link loops: remove it",
}


def os_problem(exc: OSError) -> Problem:
    """An OSError as `path: error: what` with a hint for the usual causes."""
    path = exc.filename if exc.filename is not None else "edition"
    what = exc.strerror or str(exc)
    return Problem("error", str(path), 0, what, _OS_HINTS.get(exc.errno or 0, ""), "os-error")


def _where(exc: BaseException) -> str:
    """The innermost frame of the package that raised, as `file:line`."""
    tb, found = exc.__traceback__, "edition"
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if "edition" in name:
            found = f"{Path(name).name}:{tb.tb_lineno}"
        tb = tb.tb_next
    return found


def _stopped_state(args: argparse.Namespace) -> str:
    if args.command not in ("build", "serve"):
        return "no file was changed"
    root = Path(args.root).resolve() if getattr(args, "root", None) else Path.cwd()
    out = Path(args.out).resolve() if getattr(args, "out", None) else root / "_site"
    return _state_of(out)


def run(argv: list[str] | None = None) -> NoReturn:
    """Run a command and leave at once: the process's objects need no freeing one by one.

    A build holds millions of small objects; tearing them down one at a time
    (what a normal interpreter exit does) took 0.3 s at 200 articles. Every
    file is closed by then, so only the standard streams need flushing. The
    cyclic collector is paused from the start, while some 300 modules are
    imported (~10 ms saved on the bundled article): a one-shot command leaves
    before its cycles could matter; `serve` turns it back on.
    """
    gc.disable()
    code = main(argv)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
