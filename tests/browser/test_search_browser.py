"""Search in a real browser: Pagefind's JS API and the search page, at / and /repo/."""

from __future__ import annotations

import functools
import json
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace

import pytest
from jinja2 import ChoiceLoader, DictLoader, Environment, FileSystemLoader, select_autoescape

from edition.build.pagefind import index_site
from edition.citations.registry import read_registry
from edition.site.archive_pages import file_entries, level_label
from edition.site.render import PACKAGED
from edition.site.search_markup import annotate_blocks, annotate_html, register, search_kinds
from edition.site.words import english

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTICLE = "/articles/test/"
DELO = "/archives/rgani/fond-3/opis-14/delo-463/"
FOND = "/archives/rgani/fond-3/"
EXTRA = 12  # pages that hold "Quernstone": past the first screen of 10

BASE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test</title>
{% block head %}{% endblock %}</head><body>
<header>{% include "_searchbox.html" %}</header>
<main {% block main_attrs %}{% endblock %}>{% block content %}{% endblock %}</main>
</body></html>"""

PARAGRAPHS = [
    "The Albanian minister Arben Mëhilli wrote to Nikita Khrushchev in 1960.",
    "Swiss historian Lüthi and the Yugoslav Bakić describe how Mikoyan saw it.",
    "Milovan Đilas had warned of this years before.",
]
NOTES = [
    "Velichanskaia 2002, 14.",
    "RGANI, f. 3, op. 14, d. 463, l. 5. Suslov to Khrushchev, 3 May 1961.",
    "Lalaj 2010, 88.",
]
BIB = {"lalaj": "Lalaj, Ana. Albania and the Warsaw Pact. Tirana, 2010."}

# A second article: a name in many paragraphs, initials in its bibliography, an
# apparatus after its notes, and notes citing a file in two styles.
MANY = "/articles/many/"
MANY_PARAGRAPHS = [
    *(f"Paragraph {n} again names Mehmet Shehu and the Presidium." for n in range(1, 10)),
    "Nobody is named here, only the weather in Durrës.",
]
MANY_NOTES = [
    "RGANI, F 3, inv. 14, f. 463, p. 9.",
    "RGANI, f. 3, op. 14, d. 463, l. 12.",
    "The final report, a foreign view: RGANI, F 5, inv. 30, f. 12.",
]
MANY_BIB = {"kapo1960": "Kapo, K. and V. Velichanskaia. Notes. Tirana, 1960."}
CITATIONS = [
    {"article": "many", "note": 1, "text": "RGANI, F 3, inv. 14, f. 463, p. 9", "archive": "RGANI",
     "archive_slug": "rgani", "levels": {"fond": "3", "opis": "14", "delo": "463"},
     "sheets": ["9"], "url": "archives/rgani/fond-3/opis-14/delo-463/"},
    {"article": "many", "note": 2, "text": "RGANI, f. 3, op. 14, d. 463, l. 12", "archive": "RGANI",
     "archive_slug": "rgani", "levels": {"fond": "3", "opis": "14", "delo": "463"},
     "sheets": ["12"], "url": "archives/rgani/fond-3/opis-14/delo-463/"},
    {"article": "many", "note": 3, "text": "RGANI, F 5, inv. 30, f. 12", "archive": "RGANI",
     "archive_slug": "rgani", "levels": {"fond": "5", "opis": "30", "delo": "12"},
     "sheets": [], "url": "archives/rgani/fond-5/opis-30/delo-12/"},
]  # fmt: skip


def article_page(env: Environment) -> str:
    parts = ['<h1 data-pagefind-meta="title">Tirana and Moscow, 1960–1961</h1>']
    parts += [f'<p id="p-{n}">{annotate_html(t)}</p>' for n, t in enumerate(PARAGRAPHS, 1)]
    parts.append('<h2>Notes</h2><ol class="notes">')
    parts += [f'<li id="fn-{n}">{annotate_html(t)}</li>' for n, t in enumerate(NOTES, 1)]
    parts.append("</ol><h2>Bibliography</h2><ul>")
    parts += [f'<li id="bib-{k}">{annotate_html(t)}</li>' for k, t in BIB.items()]
    parts.append("</ul>")
    head = "".join(
        f'<meta data-pagefind-filter="{key}[content]" content="{value}">'
        for key, value in [
            ("kind", "Article text"),
            ("kind", "Note"),
            ("kind", "Bibliography"),
            ("archive", "RGANI"),
            ("fond", "RGANI, fond 3"),
        ]
    )
    return page(env, head, "".join(parts))


# An article in Russian: its page's lang gives it an index of its own, stemmed as Russian.
RUSSIAN_PAGE = """<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Т</title>
<meta data-pagefind-filter="kind[content]" content="Article text"></head><body>
<main data-pagefind-body><h1 data-pagefind-meta="title">Письма из Тираны</h1>
<p id="p-1">Энвер Ходжа отвечал Никите Хрущёву из Тираны в ноябре.</p>
<p id="p-2">Об этом говорится в документах посольства; документальные свидетельства позже.</p>
</main></body></html>"""


def many_page(env: Environment) -> str:
    blocks = [f'<p id="p-{n}">{t}</p>' for n, t in enumerate(MANY_PARAGRAPHS, 1)]
    marker = '<a class="note-ref" href="#fn-1" id="fnref-1">1</a>'
    blocks[0] = blocks[0].replace("Shehu", f"Shehu.{marker}")
    blocks += ['<h2 id="notes-h">Notes</h2><ol>']
    blocks += [
        f'<li id="fn-{n}">{t} <a class="backref" href="#fnref-{n}">↩&#xFE0E;</a></li>'
        for n, t in enumerate(MANY_NOTES, 1)
    ]
    blocks += ['</ol><h2 id="apparatus-h">Editorial apparatus</h2>']
    blocks += ["<ol><li>paragraph 10: Durazzo → Durrës. The Presidium spelling kept.</li></ol>"]
    blocks += ['<h2 id="bib-h">Bibliography</h2><ul>']
    blocks += [f'<li id="bib-{k}">{t}</li>' for k, t in MANY_BIB.items()] + ["</ul>"]
    html = "".join(str(b) for b in annotate_blocks(blocks))
    head = "".join(
        f'<meta data-pagefind-filter="kind[content]" content="{kind}">'
        for kind in search_kinds("article")
    )
    # The words the scripts show, as an article page carries them (site/words.py).
    words = english().script_words()
    head += f'<script type="application/json" id="edition-words">{words}</script>'
    head += '<script type="module" src="../../assets/hits.js"></script>'
    return page(env, head, '<h1 data-pagefind-meta="title">Many hits</h1>' + html)


def unit(level: str, number: str, url: str, path: tuple, children=()) -> SimpleNamespace:
    return SimpleNamespace(
        archive="rgani",
        level=level,
        number=number,
        url=url,
        path=path,
        title="",
        children=children,
        files=1,
        citation_count=2,
    )


DELO_NODE = unit("delo", "463", DELO[1:], (("fond", "3"), ("opis", "14"), ("delo", "463")))
FOND_NODE = unit(
    "fond",
    "3",
    FOND[1:],
    (("fond", "3"),),
    (
        unit(
            "opis",
            "14",
            "archives/rgani/fond-3/opis-14/",
            (("fond", "3"), ("opis", "14")),
            (DELO_NODE,),
        ),
    ),
)
RGANI = SimpleNamespace(
    short="RGANI",
    name="Rossiiskii gosudarstvennyi arkhiv noveishei istorii",
    name_english="Russian State Archive of Contemporary History",
    city="Moscow",
)


def fond_page(env: Environment) -> str:
    """The fond's page as archive_unit.html makes it: it holds the file's search entry."""
    return env.get_template("archive_unit.html").render(
        root="../../../",
        node=FOND_NODE,
        archive=RGANI,
        label="Fond 3",
        breadcrumbs=[],
        level_label=level_label,
        file_entries=file_entries(FOND_NODE, "RGANI"),
        site=SITE,
    )


def delo_page(env: Environment) -> str:
    """The file's own page: not indexed (no data-pagefind-body), opened from its entry."""
    return env.from_string(
        '{% extends "base.html" %}{% block content %}<h1>RGANI, fond 3, opis 14, delo 463</h1>'
        '<p>Cited in <a href="../../../../../articles/test/#fn-2">note 2</a>.</p>{% endblock %}'
    ).render(root="../" * 5)


def page(env: Environment, head: str, body: str) -> str:
    template = env.from_string(
        '{% extends "base.html" %}{% block head %}' + head + "{% endblock %}"
        "{% block main_attrs %}data-pagefind-body{% endblock %}"
        "{% block content %}" + body + "{% endblock %}"
    )
    return template.render(root="../" * 2)


class SITE:  # what search.html reads of the Site: the registry, for citation_terms
    registry = read_registry(str(ROOT / "content" / "archives.yaml"))
    known = None  # the site's known forms, for archive_unit.html's entries


def build_site(site: Path) -> None:
    env = Environment(
        loader=ChoiceLoader([DictLoader({"base.html": BASE}), FileSystemLoader(PACKAGED)]),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )
    register(env)
    env.globals["t"] = english()  # the packaged templates' interface words, as a build gives them
    pages = {
        "index.html": env.get_template("base.html").render(root=""),
        "articles/test/index.html": article_page(env),
        "articles/many/index.html": many_page(env),
        "articles/ru/index.html": RUSSIAN_PAGE,
        "archives/rgani/fond-3/index.html": fond_page(env),
        "archives/rgani/fond-3/opis-14/delo-463/index.html": delo_page(env),
        "search/index.html": env.get_template("search.html").render(root="../", site=SITE),
    }
    kind = '<meta data-pagefind-filter="kind[content]" content="Article text">'
    for n in range(1, EXTRA + 1):  # more pages than the search page shows at once
        body = f'<h1 data-pagefind-meta="title">Ledger {n}</h1><p id="p-1">Quernstone {n}.</p>'
        pages[f"articles/ledger-{n}/index.html"] = page(env, kind, body)
    for name, html in pages.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(html, encoding="utf-8")
    (site / "assets").mkdir()
    for asset in (ROOT / "src/edition/templates/assets").glob("*.js"):
        shutil.copy(asset, site / "assets" / asset.name)
    (site / "archives/citations.json").write_text(json.dumps(CITATIONS), encoding="utf-8")


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def stats_and_servers(tmp_path_factory):
    www = tmp_path_factory.mktemp("www")
    site = www / "repo"  # the same site at / (its own server) and at /repo/
    site.mkdir()
    build_site(site)
    stats = index_site(site, "/repo/")
    servers = {}
    for prefix, directory in [("/", site), ("/repo/", www)]:
        server = ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(Quiet, directory=directory)
        )
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers[prefix] = (server, f"http://127.0.0.1:{server.server_address[1]}{prefix}")
    yield stats, {p: url for p, (_, url) in servers.items()}, site
    for server, _ in servers.values():
        server.shutdown()


@pytest.fixture(params=["/", "/repo/"])
def site(request, stats_and_servers):
    return stats_and_servers[1][request.param], request.param


API_SEARCH = """async ([bundle, base, query]) => {
  const pagefind = await import(bundle + "pagefind/pagefind.js");
  await pagefind.options({ baseUrl: base });
  const search = await pagefind.search(query);
  const out = [];
  for (const hit of search.results) {
    const d = await hit.data();
    const ids = d.anchors.filter((a) => /^(p|fn)-|^bib-/.test(a.id))
      .sort((a, b) => a.location - b.location);
    const regions = d.locations.map((at) => {
      let id = "";
      for (const a of ids) if (a.location <= at) id = a.id;
      return id;
    });
    out.push({ url: d.url, regions, title: d.meta.title, excerpt: d.excerpt });
  }
  return out;
}"""

# query -> (page, region of a hit on it)
EXPECTED = [
    ("Mehilli", ARTICLE, "p-1"),
    ("Luthi", ARTICLE, "p-2"),
    ("Bakic", ARTICLE, "p-2"),
    ("Djilas", ARTICLE, "p-3"),
    ("Хрущёв", ARTICLE, "p-1"),
    ("Хрущев", ARTICLE, "fn-2"),
    ("Микоян", ARTICLE, "p-2"),
    ("Суслов", ARTICLE, "fn-2"),
    ("Velichanskaya", ARTICLE, "fn-1"),
    ("Velichanskaja", ARTICLE, "fn-1"),
    ("Величанская", ARTICLE, "fn-1"),
    ("Khrushchev", ARTICLE, "fn-2"),
    ("delo 463", FOND, ""),  # the file's entry on its fond's page
    ("дело 463", FOND, ""),
    ("Lalaj", ARTICLE, "bib-lalaj"),
]


def api_search(browser, url: str, prefix: str, query: str) -> list[dict]:
    """Query through /pagefind/pagefind.js itself, as any script on the site could."""
    page = browser.new_page()
    page.goto(url)
    results = page.evaluate(API_SEARCH, [url, prefix, query])
    page.close()
    return results


@pytest.mark.parametrize(("query", "path", "region"), EXPECTED)
def test_pagefind_api_finds_every_spelling(browser, site, query, path, region):
    url, prefix = site
    results = api_search(browser, url, prefix, query)
    urls = [r["url"] for r in results]
    assert prefix.rstrip("/") + path in urls, (query, urls)
    hit = results[urls.index(prefix.rstrip("/") + path)]
    assert region in hit["regions"], (query, hit)


def test_file_number_ranks_the_files_fond_first_and_never_the_file_page(browser, site):
    url, prefix = site
    page = browser.new_page()
    page.goto(url)
    results = page.evaluate(API_SEARCH, [url, prefix, "delo 463"])
    page.close()
    assert results[0]["url"] == prefix + FOND[1:]
    assert prefix + DELO[1:] not in [r["url"] for r in results]  # not indexed itself


def search_ui(browser, url: str, query: str, **params: str):
    page = browser.new_page()
    extra = "".join(f"&{k}={v}" for k, v in params.items())
    page.goto(f"{url}search/?q={query}{extra}")
    page.wait_for_function(
        "document.querySelector('[data-search-status]').textContent.match(/match/i)"
    )
    return page


@pytest.mark.parametrize(
    ("query", "link", "marked"),
    [
        ("Хрущёв", "Note 2", "Khrushchev"),
        ("Mehilli", "Paragraph 1", "Mëhilli"),
        ("Velichanskaya", "Note 1", "Velichanskaia"),
        ("Djilas", "Paragraph 3", "Đilas"),
    ],
)
def test_search_page_shows_notes_and_paragraphs_without_hidden_forms(
    browser, site, query, link, marked
):
    url, prefix = site
    page = search_ui(browser, url, query)
    anchor = page.get_by_role("link", name=link)
    href = anchor.get_attribute("href")
    assert href.startswith(prefix + "articles/test/?pagefind-highlight=")
    marks = page.locator(".search-results mark").all_inner_texts()
    assert any(m.startswith(marked) for m in marks), marks
    text = page.locator("[data-search-results]").inner_text()
    assert "\u2045" not in text and "хрущев" not in text.lower()
    assert page.locator("[data-search-status]").get_attribute("aria-live") == "polite"
    anchor.click()
    page.wait_for_url(f"**{href[href.index('?') :]}")
    page.close()


def test_kind_filter_keeps_only_notes(browser, site):
    url, _ = site
    page = search_ui(browser, url, "Khrushchev", kind="Note")
    links = page.locator(".search-subresults a").all_inner_texts()
    assert links == ["Note 2"]
    page.close()


def test_archival_file_filter_finds_the_file_page(browser, site):
    url, prefix = site
    page = search_ui(browser, url, "463", kind="Archival file")
    hrefs = [a.get_attribute("href") for a in page.locator(".search-result h2 a").all()]
    assert hrefs == [prefix + FOND[1:]]
    page.close()


@pytest.mark.parametrize("query", ["delo 463", "RGANI 463", "fond 3 delo 463", "дело 463"])
def test_a_files_reference_finds_and_opens_the_file_page(browser, site, query):
    url, prefix = site
    page = search_ui(browser, url, query)
    entry = page.locator(".search-subresults a", has_text="RGANI, fond 3, opis 14, delo 463")
    assert entry.count() == 1
    href = entry.get_attribute("href")
    assert href.startswith(prefix + DELO[1:] + "?pagefind-highlight="), href
    entry.click()
    page.wait_for_url(f"**{DELO}?pagefind-highlight=*")
    assert page.locator("h1").inner_text() == "RGANI, fond 3, opis 14, delo 463"
    page.close()


def test_more_results_reaches_every_page_and_place(browser, site):
    url, _ = site
    page = search_ui(browser, url, "Quernstone")
    status = page.locator("[data-search-status]")
    assert status.inner_text().startswith("at least 10 places on 10 pages")
    page.locator("[data-search-more]").click()
    page.wait_for_function("() => !document.querySelector('[data-search-results]').ariaBusy")
    assert status.inner_text() == f"{EXTRA} places on {EXTRA} pages match “Quernstone”."
    assert page.locator(".search-result").count() == EXTRA
    assert not page.locator("[data-search-more]").is_visible()
    page.close()


def test_keyboard_only_search(browser, site):
    url, _ = site
    page = browser.new_page()
    page.goto(f"{url}search/")
    page.locator("#search-q").focus()
    page.keyboard.type("Suslov")
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('[data-search-status]').textContent.match(/1/)")
    status = page.locator("[data-search-status]").inner_text()
    assert status == "1 place on 1 page matches “Suslov”."
    in_results = "!!document.activeElement.closest('[data-search-results]')"
    for _ in range(12):  # past the button and the filters to the first result
        page.keyboard.press("Tab")
        if page.evaluate(in_results):
            break
    page.keyboard.press("Tab")  # the page title, then its note
    assert page.evaluate("document.activeElement.textContent") == "Note 2"
    page.keyboard.press("Enter")
    page.wait_for_url("**/articles/test/?pagefind-highlight=Suslov#fn-2")
    page.close()


def test_header_searchbox_works_without_javascript(browser, site):
    url, _ = site
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(url)
    page.locator("#searchbox-q").fill("Mikoyan")
    page.locator("#searchbox-q").press("Enter")
    page.wait_for_url("**/search/?q=Mikoyan")
    context.close()


def test_measure_first_query(browser, stats_and_servers):
    stats, servers, site_dir = stats_and_servers
    page = browser.new_page()
    page.goto(servers["/"] + "articles/test/")
    sizes: dict[str, int] = {}

    def count(request) -> None:
        # A worker's script reports 0 bytes: count what is on disk instead.
        name = request.url.split("?")[0].rsplit("/", 1)[-1]
        local = site_dir / "pagefind" / name
        size = request.sizes()["responseBodySize"]
        sizes[name or request.url] = size or (local.stat().st_size if local.is_file() else 0)

    page.on("requestfinished", count)
    page.goto(servers["/"] + "search/?q=Khrushchev")
    page.wait_for_function(
        "document.querySelector('[data-search-status]').textContent.match(/match/)"
    )
    page.close()
    first_query = sum(sizes.values())
    pagefind_part = sum(v for k, v in sizes.items() if "pagefind" in k or "pf_" in k)
    # Each further language brings its rules, once: its own WebAssembly (the bundled
    # edition, in one language, loads none). The rest is held to the budget.
    entry = json.loads((site_dir / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    rules = {f"wasm.{index['wasm']}.pagefind" for index in entry["languages"].values()}
    loaded = [name for name in sizes if name.startswith("wasm.")]
    assert sorted(loaded) == sorted(rules), (loaded, rules)
    further = sum(sizes[name] for name in loaded if name != "wasm.en.pagefind")
    report = {
        "pages": stats.pages,
        "words": stats.words,
        "index_seconds": stats.seconds,
        "index_bytes": stats.index_bytes,
        "bundle_bytes": stats.bundle_bytes,
        "first_query_bytes_with_search_page": first_query,
        "first_query_bytes_pagefind_only": pagefind_part,
        "first_query_requests": sizes,
        "further_languages_rules_bytes": further,
    }
    out = ROOT / "test-artifacts"
    out.mkdir(exist_ok=True)
    (out / "search-measurements.json").write_text(json.dumps(report, indent=2))
    print(report)
    assert first_query - further <= 143_600 * 1.2  # issue 17: within 20 % of 143.6 KB


# --- every hit, and only hits -------------------------------------------------------


def results_of(page) -> list[dict]:
    """Each result: its title, its count, and every sub-result (kind, link, marks)."""
    return page.evaluate(
        """() => [...document.querySelectorAll("[data-search-results] > li")].map((li) => ({
          title: li.querySelector("h2 a").textContent,
          count: li.querySelector(".search-count").textContent,
          subs: [...li.querySelectorAll(".search-subresults > li")].map((s) => ({
            kind: s.querySelector(".search-kind").textContent,
            link: s.querySelector("a").textContent,
            href: s.querySelector("a").getAttribute("href"),
            text: s.querySelector(".search-excerpt").textContent,
            marks: [...s.querySelectorAll("mark")].map((m) => m.textContent),
          })),
        }))"""
    )


def test_every_hit_of_a_page_is_counted_and_reachable(browser, site):
    url, _ = site
    page = search_ui(browser, url, "Shehu")
    many = next(r for r in results_of(page) if r["title"] == "Many hits")
    assert many["count"] == " — 9 places on this page"
    assert sorted(s["link"] for s in many["subs"]) == sorted(f"Paragraph {n}" for n in range(1, 10))
    hidden = page.locator("details .search-subresults > li")
    assert hidden.count() == 9 - 4  # four shown, the rest one click away
    page.locator("details summary").first.click()
    assert hidden.first.is_visible()
    page.close()


@pytest.mark.parametrize("query", ["Velichanskya", "Kapoo", "Shehuu"])
def test_a_misspelt_name_finds_no_initials(browser, site, query):
    url, _ = site
    page = search_ui(browser, url, query)
    for result in results_of(page):
        for sub in result["subs"]:
            assert all(len(m.strip(".,")) > 2 for m in sub["marks"]), (query, sub)
    page.close()


def test_the_apparatus_is_an_editorial_note_and_excerpts_are_clean(browser, site):
    url, _ = site
    page = search_ui(browser, url, "Durazzo")
    subs = [s for r in results_of(page) for s in r["subs"]]
    assert [(s["kind"], s["link"]) for s in subs] == [("", "Editorial note")]
    page.close()
    page = search_ui(browser, url, "foreign")
    texts = [s["text"] for r in results_of(page) for s in r["subs"]]
    assert texts and not any("↩" in t or "\u2045" in t for t in texts), texts
    page.close()


@pytest.mark.parametrize(
    ("query", "notes"),
    [
        ("F 3, inv. 14, f. 463", ["Note 1", "Note 2"]),
        ("f. 463", ["Note 1", "Note 2"]),
        ("delo 463", ["Note 1", "Note 2"]),
        ("d. 463", ["Note 1", "Note 2"]),
        ("F 3 inv. 14", ["Note 1", "Note 2"]),
        ("RGANI f. 12", ["Note 3"]),
        ("оп. 30", ["Note 3"]),
    ],
)
def test_a_reference_as_printed_finds_its_file_and_notes_first(browser, site, query, notes):
    url, prefix = site
    page = search_ui(browser, url, query)
    box = page.locator("[data-search-citations]")
    assert box.is_visible()
    links = box.locator("a").all_inner_texts()
    assert [x for x in links if x.startswith("Note")] == notes
    files = box.locator("a[href*='/archives/']").all()
    assert files and all(f.get_attribute("href").startswith(url) for f in files)
    # Before the full-text results, which never stand on "final" or "foreign".
    assert page.evaluate(
        "document.querySelector('[data-search-citations]').compareDocumentPosition("
        "document.querySelector('[data-search-results]')) & Node.DOCUMENT_POSITION_FOLLOWING"
    )
    marks = page.locator("[data-search-results] mark").all_inner_texts()
    assert not [m for m in marks if m.lower().startswith(("final", "foreign"))], marks
    page.close()


def test_a_query_that_is_no_reference_shows_no_files(browser, site):
    url, _ = site
    page = search_ui(browser, url, "Shehu")
    assert not page.locator("[data-search-citations]").is_visible()
    page.close()


def test_a_hit_opens_highlighted_with_hit_n_of_m(browser, site):
    url, prefix = site
    page = search_ui(browser, url, "Shehu")
    page.locator("a", has_text="Paragraph 3").first.click()
    page.wait_for_selector("nav.search-hits")
    assert page.locator("nav.search-hits [role=status]").inner_text() == "Hit 3 of 9"
    visible = page.locator("mark.pagefind-highlight:visible")
    assert visible.count() == 9 and set(visible.all_inner_texts()) == {"Shehu"}
    page.get_by_role("button", name="Next hit").click()
    assert page.locator("nav.search-hits [role=status]").inner_text() == "Hit 4 of 9"
    page.close()


def test_excerpts_leave_out_note_markers(browser, site):
    url, _ = site
    page = search_ui(browser, url, "Shehu")
    first = next(
        s
        for r in results_of(page)
        if r["title"] == "Many hits"
        for s in r["subs"]
        if s["link"] == "Paragraph 1"
    )
    assert "Shehu. and" in first["text"], first
    page.close()


def test_a_russian_article_has_its_own_index_and_is_found_from_an_english_page(
    browser, site, stats_and_servers
):
    url, prefix = site
    bundle = stats_and_servers[2] / "pagefind"
    languages = json.loads((bundle / "pagefind-entry.json").read_text())["languages"]
    assert {"en", "ru"} <= set(languages)
    page = search_ui(browser, url, "Ходжа")
    links = page.locator("[data-search-results] h2 a").all()
    hrefs = [link.get_attribute("href") for link in links]
    assert prefix + "articles/ru/" in hrefs, hrefs
    page.close()


def test_a_russian_index_is_searched_with_russian_rules_from_an_english_page(browser, site):
    # "документа" begins "документальные" (stem документальн) but not "документах" (stem
    # документ): Pagefind finds the word it begins, and the stem of the query only with
    # Russian rules.
    url, prefix = site
    page = search_ui(browser, url, "документа")
    result = page.locator("[data-search-results] > li", has_text="Письма из Тираны")
    assert result.count() == 1, results_of(page)
    marks = [m.strip(".,;") for m in result.locator("mark").all_inner_texts()]
    assert {"документах", "документальные"} <= set(marks), marks
    page.close()
