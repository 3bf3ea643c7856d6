"""The build's index step: the whole site (in shards when large), or a quick rebuild's delta."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from edition.build import pagefind, search_delta, search_shards
from edition.build.cache import Cache
from edition.build.files import Output
from edition.build.pagefind import Indexing, SearchStats
from edition.build.search_files import tidy_index
from edition.config import Config

# Each page's own <html lang> decides its index: an article in Russian is stemmed as
# Russian, and the search page merges the other languages' indexes.
PAGE_LANGUAGE = None


class SearchStep:
    """Indexes a staging site: made at the start of the write, finished before the swap."""

    def __init__(self, config: Config, cache: Cache, staging: Path) -> None:
        self.config, self.cache, self.staging = config, cache, staging
        self.delta: search_delta.Delta | None = None
        self.indexing: Indexing | None = None
        self.bundles: list[str] = []
        # An earlier build's delta and manifest go now; its shards only once this build
        # is known to index anew. A quick rebuild keeps them: they are the live site's
        # (adopt_base checks), and linking 15,000 files in again took 0.3 to 0.6 s.
        search_delta.discard(staging, [p for p in search_delta.extras(staging) if not _shard(p)])

    @classmethod
    def start(cls, config: Config, cache: Cache, staging: Path, search: bool) -> SearchStep | None:
        """The step for a build with search; without, the staging site only loses any index."""
        if search:
            return cls(config, cache, staging)
        search_delta.clear(staging)  # a recycled tree's delta or manifest must not go live
        return None

    def plan_delta(self, live: dict[str, str], outputs: Sequence[Output]) -> None:
        """A quick rebuild: index only the pages whose key changed, if the live index allows."""
        remade = [o.path for o in outputs if live.get(o.path) != o.key]
        self.delta = search_delta.plan(self.config.out, self.cache, remade)
        if self.delta is not None:  # shards the live site no longer has must not go live
            kept = set(self.delta.bundles)
            self._clear_shards(lambda path: path.name not in kept)
        else:
            self._clear_shards()

    def _clear_shards(self, which: Callable[[Path], bool] = lambda path: True) -> None:
        shards = [p for p in search_delta.extras(self.staging) if _shard(p) and which(p)]
        search_delta.discard(self.staging, shards)

    def pages_done(self, written: dict[str, str]) -> Callable[[], None]:
        """What to call once the pages are written: a single index starts at once."""

        def start() -> None:
            if self.delta is not None:
                return
            self._clear_shards()  # this build indexes anew
            globs = search_shards.index_globs(written)
            if len(globs) == 1:
                config = self.config
                self.bundles = [search_shards.BASE]
                self.indexing = pagefind.start_index(
                    self.staging, config.base_url, PAGE_LANGUAGE, globs[0]
                )

        return start

    def wait(self, written: dict[str, str]) -> SearchStats:
        """Finish the index: the delta, the single index started, or every shard."""
        config = self.config
        if self.delta is not None:
            return search_delta.index_delta(
                self.staging, self.delta, config.base_url, PAGE_LANGUAGE
            )
        if self.indexing is not None:
            return self.indexing.wait()
        globs = search_shards.index_globs(written)
        self._clear_shards()
        self.bundles = [search_shards.bundle_name(n) for n in range(len(globs))]
        return search_shards.index_shards(self.staging, globs, config.base_url, PAGE_LANGUAGE)

    def before_swap(self) -> None:
        """A delta: the live base moves in. A full index: its manifest and page ids."""
        if self.delta is not None:
            search_delta.adopt_base(self.config.out, self.staging, self.delta.bundles)
        else:
            # Canonical first (the writer's finish would do it after): the page ids and
            # the entry recorded are then those of the index that goes live.
            if (self.staging / search_shards.BASE).is_dir():
                tidy_index(self.staging / search_shards.BASE)
            search_delta.finish_full(self.staging, self.cache, self.bundles)

    def cancel(self) -> None:
        if self.indexing is not None:
            self.indexing.cancel()


def _shard(path: Path) -> bool:
    """A shard's bundle (pagefind-1, ...), not the delta's."""
    return path.name.startswith("pagefind-") and path.name != search_delta.DELTA
