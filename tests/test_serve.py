"""`edition serve`: base path, injected reload, rebuild on change, last good site kept."""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import make_project

from edition.cli import parser
from edition.config import load_config
from edition.serve import Preview, make_server, watch

SLUG = "balcanica-2019-edemskiy"


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[Preview, str]]:
    project = make_project(tmp_path)
    config, _ = load_config(project)
    config = config.with_overrides(base_url="/repo/")
    preview = Preview(config)
    assert preview.rebuild()
    server = make_server(preview, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield preview, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _get(url: str) -> tuple[int, str]:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object) -> None:
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Location", "")


def test_serves_under_the_base_path_with_the_reload_script(preview) -> None:
    state, url = preview
    status, html = _get(f"{url}/repo/articles/{SLUG}/")
    assert status == 200
    assert (
        '<script src="/repo/__edition/reload.js" data-build-id="/repo/__edition/build-id">'
        "</script></body>"
    ) in html
    assert _get(f"{url}/repo/__edition/build-id") == (200, "1")
    assert "location.reload()" in _get(f"{url}/repo/__edition/reload.js")[1]
    assert _get(f"{url}/articles/{SLUG}/")[0] == 404
    assert _get(f"{url}/") == (302, "/repo/")
    # The published site holds no trace of the preview.
    published = (state.config.out / "articles" / SLUG / "index.html").read_text()
    assert "__edition" not in published


def test_a_failed_rebuild_keeps_the_last_good_site(
    preview, capsys: pytest.CaptureFixture[str]
) -> None:
    state, url = preview
    good = _get(f"{url}/repo/articles/{SLUG}/")[1]
    editorial = state.config.content / SLUG / "editorial.yaml"
    editorial.write_text("emendations: !!python/object:os.system {}\n")
    capsys.readouterr()
    assert not state.rebuild()
    err = capsys.readouterr().err
    assert (
        f"content/{SLUG}/editorial.yaml:1: error: YAML tag "
        "'tag:yaml.org,2002:python/object:os.system' is not allowed"
    ) in err
    assert "rebuild failed: still serving the last good site" in err
    assert _get(f"{url}/repo/articles/{SLUG}/")[1] == good
    assert _get(f"{url}/repo/__edition/build-id")[1] == "1"


def test_relevant_changes(preview) -> None:
    state, _ = preview
    root = state.config.sources.parent
    assert state.relevant(str(root / "sources" / "x.txt"))
    assert state.relevant(str(root / "content" / SLUG / "editorial.yaml"))
    assert state.relevant(str(root / "templates" / "base.html"))
    assert not state.relevant(str(root / "content" / SLUG / "article.yaml"))
    assert not state.relevant(str(root / "_site" / "index.html"))
    assert not state.relevant(str(root / "._site.new" / "index.html"))
    assert not state.relevant(str(root / ".edition-cache" / "page" / "ab"))


def test_a_change_rebuilds_and_the_build_id_moves(preview) -> None:
    state, url = preview
    stop = threading.Event()
    thread = threading.Thread(target=watch, args=(state, stop, state.rebuild), daemon=True)
    thread.start()
    time.sleep(0.5)
    editorial = state.config.content / SLUG / "editorial.yaml"
    editorial.write_text(
        "emendations:\n  - {sic: 22th CPSU, corr: 22nd CPSU, p: 22, reason: r, who: w, when: d}\n"
    )
    deadline = time.monotonic() + 60  # a loaded machine rebuilds slowly
    while _get(f"{url}/repo/__edition/build-id")[1] == "1" and time.monotonic() < deadline:
        time.sleep(0.1)
    stop.set()
    assert _get(f"{url}/repo/__edition/build-id")[1] == "2"
    assert '<ins class="corr">22nd CPSU</ins>' in _get(f"{url}/repo/articles/{SLUG}/")[1]


def test_binds_to_localhost_by_default() -> None:
    args = parser().parse_args(["serve"])
    assert (args.host, args.port) == ("127.0.0.1", 8000)
