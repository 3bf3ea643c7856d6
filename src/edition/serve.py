"""`edition serve`: a local preview that rebuilds on change and reloads the browser.

The reload script is injected by this server into the HTML it sends; it is
never written into the site, so nothing of it is ever published. A failed
rebuild prints its problems and the last good site stays served.
"""

from __future__ import annotations

import http.server
import sys
import threading
from collections.abc import Callable
from functools import partial
from pathlib import Path
from urllib.parse import unquote, urlsplit

from edition.build.cache import CACHE_DIR, open_cache
from edition.build.lock import owned_out
from edition.build.outfolder import out_problems
from edition.build.workers import collector_paused
from edition.config import Config
from edition.errors import BuildError

CONTROL = "__edition/"
RELOAD_JS = """\
(function () {
  var url = document.currentScript.dataset.buildId, seen = null;
  function poll() {
    fetch(url, {cache: "no-store"}).then(function (r) { return r.text(); }).then(function (id) {
      if (seen !== null && id !== seen) { location.reload(); }
      seen = id;
    }).catch(function () {}).finally(function () { setTimeout(poll, 700); });
  }
  poll();
})();
"""
GENERATED = {"article.yaml", "references.bib", "register.yaml"}  # written by our own import step


class Preview:
    """The state shared by the server and the watcher: the config and the last good build."""

    def __init__(self, config: Config, search: bool = False) -> None:
        self.config = config
        self.search = search
        self.build_id = 0
        self.lock = threading.Lock()
        self.cache = open_cache(config.sources.parent)  # kept warm across rebuilds

    def rebuild(self) -> bool:
        """Import what changed and build; on failure report and keep the last good site."""
        from edition.pipeline import ImportFailed, run

        with self.lock, collector_paused():
            try:
                # The lock `build` takes too: an editor's build and this one never overlap.
                with owned_out(self.config, self.cache.folder):
                    result = run(self.config, search=self.search, cache=self.cache)
            except (BuildError, ImportFailed) as exc:
                for problem in exc.problems:
                    print(problem, file=sys.stderr)
                print("rebuild failed: still serving the last good site", file=sys.stderr)
                return False
            for problem in result.warnings:
                print(problem, file=sys.stderr)
            self.build_id += 1
            print(f"rebuilt {result.pages} pages (build {self.build_id})", file=sys.stderr)
            return True

    def watched(self) -> list[Path]:
        root = self.config.sources.parent
        paths = [self.config.sources, self.config.content, self.config.templates]
        return [p for p in paths if p.exists()] + [root / "edition.yaml"]

    def relevant(self, path: str) -> bool:
        """Changes worth a rebuild: inputs, not our own output, cache or generated files."""
        p = Path(path)
        out = self.config.out
        for folder in (p, *p.parents):
            # The site, and our trees beside it: .new, .prev, .old, .trash, .lock.
            if folder.parent == out.parent and (
                folder == out or folder.name.startswith(f".{out.name}.")
            ):
                return False
        if CACHE_DIR in p.parts or p.name.endswith(".tmp") or p.name.startswith(".#"):
            return False
        return not (p.name in GENERATED and p.parent.parent == self.config.content)


def handler_for(preview: Preview) -> type[http.server.SimpleHTTPRequestHandler]:
    base = preview.config.base_url

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

        def translate_path(self, path: str) -> str:
            rel = unquote(urlsplit(path).path)[len(base) :]
            return super().translate_path("/" + rel)

        def do_GET(self) -> None:  # noqa: N802
            path = urlsplit(self.path).path
            if path == f"{base}{CONTROL}build-id":
                return self._send(str(preview.build_id).encode(), "text/plain")
            if path == f"{base}{CONTROL}reload.js":
                return self._send(RELOAD_JS.encode(), "text/javascript")
            if not path.startswith(base):
                if path.rstrip("/") == "":
                    self.send_response(302)
                    self.send_header("Location", base)
                    self.end_headers()
                    return None
                return self.send_error(404, f"the site is served under {base}")
            target = Path(self.translate_path(self.path))
            if target.is_dir() and (target / "index.html").is_file() and path.endswith("/"):
                target = target / "index.html"
            if target.suffix == ".html" and target.is_file():
                return self._send(inject(target.read_bytes(), base), "text/html; charset=utf-8")
            return super().do_GET()

        def _send(self, data: bytes, kind: str) -> None:
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)

    return Handler


def inject(html: bytes, base: str) -> bytes:
    """The page with the reload script added before </body> (served, never written)."""
    tag = (
        f'<script src="{base}{CONTROL}reload.js" data-build-id="{base}{CONTROL}build-id"></script>'
    ).encode()
    at = html.rfind(b"</body>")
    return html[:at] + tag + html[at:] if at >= 0 else html + tag


def make_server(preview: Preview, host: str, port: int) -> http.server.ThreadingHTTPServer:
    handler = partial(handler_for(preview), directory=str(preview.config.out))
    return http.server.ThreadingHTTPServer((host, port), handler)


def watch(preview: Preview, stop: threading.Event, on_change: Callable[[], object]) -> None:
    """Call `on_change` after each batch of relevant changes until `stop` is set."""
    import watchfiles

    for _ in watchfiles.watch(
        *preview.watched(),
        watch_filter=lambda _change, path: preview.relevant(path),
        stop_event=stop,
        debounce=200,
        rust_timeout=500,
        yield_on_timeout=False,
    ):
        on_change()


def serve(config: Config, host: str = "127.0.0.1", port: int = 8000, search: bool = False) -> int:
    """Build, serve, and rebuild on change until interrupted."""
    preview = Preview(config, search)
    refused = out_problems(config, preview.cache.folder)
    if refused:  # never serve (or write) a folder that is not ours
        for problem in refused:
            print(problem, file=sys.stderr)
        return 1
    if not preview.rebuild() and not config.out.exists():
        print("nothing to serve yet: fix the problems above and save", file=sys.stderr)
    server = make_server(preview, host, port)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    shown = f"http://{host}:{server.server_address[1]}{config.base_url}"
    print(f"serving {config.out} at {shown} (Ctrl-C stops)", file=sys.stderr)
    stop = threading.Event()
    try:
        watch(preview, stop, preview.rebuild)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.shutdown()
    return 0
