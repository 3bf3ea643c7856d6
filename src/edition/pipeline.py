"""The pipeline, top to bottom: import what changed, gather all data, then write the site.

`run` is the one build entry: the CLI, `build.py` and `serve` call it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from edition.build.cache import Cache
from edition.build.imports import start_import
from edition.config import Config
from edition.errors import BuildError, Problem, Problems


@dataclass
class BuildResult:
    pages: int = 0
    files: int = 0
    warnings: list[Problem] = field(default_factory=list)
    search: object | None = None
    timings: dict[str, float] = field(default_factory=dict)
    quick: bool = False  # only what shows the changed articles was considered
    made: int = 0  # files rendered or read anew (the rest were already right)
    imported: list[str] = field(default_factory=list)  # slugs of the sources imported


class ImportFailed(Exception):
    """The changed sources have errors: nothing was built."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


def import_changed(config: Config, force: bool = False) -> tuple[list[str], Problems]:
    """Import the sources that changed (all of them with `force`); build nothing."""
    return start_import(config, force).wait()


def run(
    config: Config,
    search: bool = True,
    strict: bool = False,
    cache: Cache | None = None,
    progress: Callable[[int, int], None] | None = None,
    forget: Cache | None = None,
) -> BuildResult:
    """Import every source that changed, then build the site (the whole pipeline).

    Import problems are reported with the build's warnings; import errors raise
    ImportFailed carrying every problem found. `forget` is a cache whose
    knowledge of the live site is dropped first (a build that will not keep it).
    """
    started = time.perf_counter()
    importing = start_import(config, cache=cache)
    # The rendering modules (Jinja, markdown-it, TEI: some 80 ms) load meanwhile.
    import edition.build.outputs  # noqa: F401
    import edition.build.writer  # noqa: F401

    imported, problems = importing.wait()
    import_seconds = time.perf_counter() - started
    if forget is not None:
        forget_site(forget)
    if problems.errors:
        raise ImportFailed(problems.items)
    try:
        result = build(config, search=search, strict=strict, cache=cache, progress=progress)
    except BuildError as exc:
        exc.problems[:0] = problems.items
        raise
    result.warnings[:0] = problems.items
    result.imported = imported
    result.timings = {"import": import_seconds, **result.timings}
    return result


def build(
    config: Config,
    search: bool = True,
    strict: bool = False,
    cache: Cache | None = None,
    progress: Callable[[int, int], None] | None = None,
    quick: bool = True,
) -> BuildResult:
    """Build the site into config.out; the previous site survives any failure.

    With a cache, a build after a small change is a quick one (incremental.py):
    only what shows the changed articles is made, the rest carried over.
    """
    from edition.build import incremental
    from edition.build.cache import digest
    from edition.build.gather import base_key, gather
    from edition.build.outputs import Pages, render_site
    from edition.build.search_step import SearchStep
    from edition.build.writer import SiteWriter, StaleSite

    clock = time.perf_counter()
    timings: dict[str, float] = {}

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[stage] = now - clock
        clock = now

    # First gather all data: parse, resolve, check.
    cache = cache or Cache(None)
    base = base_key(config)
    writer = SiteWriter(config.out, cache.folder)
    plan = incremental.quick_plan(config, cache, base, writer.live_key) if quick else None
    if plan:
        site, problems, found = plan.site, plan.problems, {}
    else:
        site, problems, found = gather(config, cache)
    if problems.errors or (strict and problems.warnings):
        raise BuildError(problems.errors + (problems.warnings if strict else []))
    pages = Pages(site, base, cache.folder)
    if plan:
        states = plan.states
        outputs = [o for article in plan.changed for o in pages.article(article)]
        inputs = {slug: state.input for slug, state in states.items()}
        assert site.tree is not None  # a quick plan is made only with the tree
        outputs += [
            o for url in plan.files for o in pages.file_outputs(site.tree.by_url[url], inputs)
        ]
        outputs.append(pages.citations({slug: state.rows for slug, state in states.items()}))
    else:
        states = incremental.states_of(site, found)
        rows = {slug: state.rows for slug, state in states.items()}
        outputs = render_site(site, pages, base, rows)
    lap("gather")

    # Then write: everything into a staging folder, indexed, then swapped in. The
    # live site is untouched until the swap; any failure discards the staging folder.
    incremental.clear_state(cache)
    staging = writer.begin(search)
    searching = SearchStep.start(config, cache, staging, search)
    if searching is not None and plan:
        searching.plan_delta(writer.live, outputs)

    try:
        try:
            made, reused = writer.produce(
                outputs,
                progress,
                keep_live=plan is not None,
                pages_done=searching.pages_done(writer.written) if searching else None,
            )
        except StaleSite:  # the live site lost a file it should have: make it all
            writer.discard()
            return build(config, search, strict, cache, progress, quick=False)
        cache.hits += reused
        cache.misses += made
        lap("render")
        result = BuildResult(
            pages=sum(path.endswith("index.html") for path in writer.written),
            files=len(writer.written),
            warnings=problems.warnings,
            quick=plan is not None,
            made=made,
        )
        if searching is not None:
            # Pagefind may have been indexing the pages while the other files were written.
            result.search = searching.wait(writer.written)
            lap("search")
            timings["pagefind"] = result.search.seconds
            searching.before_swap()
    except BaseException:
        if searching is not None:
            searching.cancel()
        writer.discard()
        raise
    writer.finish()
    incremental.save_state(cache, digest(base, writer.left_key), states)
    cache.hashes.save()
    lap("swap")
    result.timings = timings
    return result


def forget_site(cache: Cache) -> None:
    """Drop what the cache knows of the live site (before a build that will not update it)."""
    from edition.build import incremental
    from edition.build.writer import MANIFESTS

    incremental.clear_state(cache)
    for name in MANIFESTS:
        cache.remove_file(name)
