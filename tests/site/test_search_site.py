"""Search on real editions, through the search page in Chromium: the bundled article
with the multi-article fixture beside it, and the bundled article alone under /repo/.

The queries come from the edition's own data (its register of names, its citation
index, its editorial decisions), so they test every name and file, not a chosen few.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from conftest import ROOT, SOURCE, build_project, make_project

from edition.content.article_yaml import load_article
from edition.text.register import gather_register, shipped_names
from edition.text.spellings import default_rules, to_latin

pytestmark = pytest.mark.browser

SECOND = ROOT / "tests" / "fixtures" / "second-article.txt"
SLUG = SOURCE.stem
ARTICLE = f"articles/{SLUG}/"

RESULTS = """() => ({
  status: document.querySelector("[data-search-status]").textContent,
  files: [...document.querySelectorAll("[data-citation-results] > li")].map((li) => ({
    href: li.querySelector("a").getAttribute("href"),
    notes: [...li.querySelectorAll(":scope ul a")].map((a) => a.getAttribute("href")),
  })),
  pages: [...document.querySelectorAll("[data-search-results] > li")].map((li) => ({
    href: li.querySelector("h2 a").getAttribute("href"),
    count: li.querySelector(".search-count").textContent,
    subs: [...li.querySelectorAll(".search-subresults > li")].map((s) => ({
      kind: s.querySelector(".search-kind").textContent,
      link: s.querySelector("a").textContent,
      href: s.querySelector("a").getAttribute("href"),
      text: s.querySelector(".search-excerpt").textContent,
      marks: [...s.querySelectorAll("mark")].map((m) => m.textContent),
    })),
  })),
})"""


def bare(word: str) -> str:
    word = unicodedata.normalize("NFD", word.lower())
    word = "".join(c for c in word if not unicodedata.combining(c))
    return re.sub(r"['’]s$", "", re.sub(r"^\W+|\W+$", "", word))


def related(word: str, term: str) -> bool:
    """Could `word` be a form of the query word `term`? The same word, one it begins
    (Pagefind completes a word), or four letters in common at the start, three in short
    words (inflections: treaty, treaties; заседание, заседаниях; Куба, Кубы; Дэн, Дэна).
    Deliberately looser than the search page's own test, and independent of it: a hit
    that fails this holds no form of the query ("K." for Khrushchyov, "final" for f. 463).
    """
    if not word or not term:
        return False
    if word == term:
        return True
    if any(c.isdigit() for c in word + term) or min(len(word), len(term)) < 3:
        return False
    same = len(os.path.commonprefix([word, term]))
    return word.startswith(term) or same >= min(4, max(3, min(len(word), len(term)) - 1))


def hidden_forms(html: str) -> dict[str, set[str]]:
    """The forms a page's hidden groups give each visible word (⁅word: form form;⁆)."""
    forms: dict[str, set[str]] = {}
    for group in re.findall("\u2045([^\u2046]*)\u2046", html):
        for part in group.split(";"):
            word, _, given = part.partition(":")
            if given:
                key = bare(word.strip().lstrip("@"))
                forms.setdefault(key, set()).update(bare(f) for f in given.split())
    return forms


class Searcher:
    """One search page, asked one query after another.

    Every answer is checked: each marked word of a hit is a form of a query word, or
    a word whose hidden forms (on its page) hold one; and each page's hits are all
    listed (the count it gives is the number of places under it).
    """

    def __init__(self, page, url: str, site: Path | None = None) -> None:
        self.page, self.url, self.site = page, url, site
        self.forms: dict[str, dict[str, set[str]]] = {}
        page.goto(f"{url}search/")

    def ask(self, query: str, every_page: bool = False) -> dict:
        self.page.fill("#search-q", query)
        self.page.press("#search-q", "Enter")
        self.page.wait_for_function(
            # The answer quotes the query, in any shipped language's quotation marks.
            "q => ['“', '«', '„', '« '].some((mark) =>"
            " document.querySelector('[data-search-status]').textContent.includes(mark + q))",
            arg=query,
            timeout=20000,
        )
        if every_page:  # "More results" until every page is listed
            more = self.page.locator("[data-search-more]")
            while more.is_visible():
                more.click()  # sets the list busy at once, until the pages are read
                self.page.wait_for_function(
                    "() => !document.querySelector('[data-search-results]').ariaBusy"
                )
        result = self.page.evaluate(RESULTS)
        self.check(query, result)
        return result

    def check(self, query: str, result: dict) -> None:
        terms = [bare(w) for w in re.split(r"[^\w]+", query) if bare(w)]
        hrefs = [page["href"] for page in result["pages"]]
        assert len(hrefs) == len(set(hrefs)), (query, hrefs)  # each page once
        wrong = []
        for page in result["pages"]:
            places = int(re.search(r"\d+", page["count"]).group())  # " — 3 places on this page"
            subs = page["subs"] or [None]  # a page of one region shows its excerpt alone
            assert places == len(subs), (query, page["href"], page["count"], len(subs))
            forms = self.page_forms(page["href"])
            for mark in {m for s in page["subs"] for m in s["marks"]}:
                word = bare(mark)
                if not any(related(w, t) for w in {word} | forms.get(word, set()) for t in terms):
                    wrong.append((page["href"], mark))
        assert wrong == [], (query, wrong)

    def page_forms(self, href: str) -> dict[str, set[str]]:
        if self.site is None:
            return {}
        base = urlsplit(self.url).path
        path = urlsplit(urljoin(self.url, href)).path.removeprefix(base)
        if path not in self.forms:
            file = (
                self.site / path / "index.html" if not path.endswith(".html") else self.site / path
            )
            html = file.read_text(encoding="utf-8") if file.is_file() else ""
            self.forms[path] = hidden_forms(html)
        return self.forms[path]


@pytest.fixture(scope="module")
def edition(tmp_path_factory, serve):
    """The bundled article and the second fixture article, built at /."""
    project = make_project(tmp_path_factory.mktemp("two-articles"), [SOURCE, SECOND])
    editorial = ROOT / "content" / SLUG / "editorial.yaml"  # the editors' decisions
    (project / "content" / SLUG).mkdir()
    (project / "content" / SLUG / "editorial.yaml").write_bytes(editorial.read_bytes())
    assert build_project(project) == 0
    return serve(project / "_site"), project


@pytest.fixture
def searcher(browser, edition):
    page = browser.new_page()
    yield Searcher(page, edition[0], edition[1] / "_site")
    page.close()


def article_hits(result: dict, path: str = ARTICLE) -> list[dict]:
    return [s for p in result["pages"] if p["href"].endswith(path) for s in p["subs"]]


def test_every_name_of_the_register_is_found_by_every_form(searcher, edition):
    _, project = edition
    article = load_article(project / "content" / SLUG / "article.yaml")
    entries = gather_register(article, shipped_names())
    assert len(entries) > 20  # the register found the article's names at all
    lc = next(s for s in default_rules().systems if s.name == "lc")
    failures = []
    for entry in entries:
        printed = {bare(w) for form in entry.printed for w in form.split()}
        queries = {entry.printed[0], *entry.name.russian}
        for russian in [r for r in entry.name.russian if not r.isupper()][:1]:
            latin = " ".join(to_latin(w.lower(), lc) for w in russian.split())
            if latin and bare(latin) not in printed:
                queries.add(latin)  # another transliteration: Ходжа → khodzha
        for query in sorted(queries):
            hits = article_hits(searcher.ask(query))
            marked = {bare(m) for s in hits for m in s["marks"]}
            if not marked & printed:
                failures.append((entry.name.name, query, sorted(marked)[:5]))
    assert failures == [], "\n".join(map(str, failures))


def genitive(word: str) -> str:
    """A Russian word in the genitive, by the textbook rules (no exceptions): Москва ->
    Москвы, Хрущёв -> Хрущёва, Советский -> Советского; "" for a word that does not
    decline (Мао, КПСС)."""
    if word.isupper() or len(word) < 3:
        return ""
    for ending, replaced in (("ий", "ого"), ("ый", "ого"), ("ой", "ого"), ("ая", "ой"),
                             ("ое", "ого"), ("ка", "ки"), ("га", "ги"), ("жа", "жи"),
                             ("ча", "чи"), ("ша", "ши"), ("ща", "щи"), ("ха", "хи"),
                             ("а", "ы"), ("я", "и"), ("й", "я"), ("ь", "я")):  # fmt: skip
        if word.endswith(ending):
            return word[: -len(ending)] + replaced
    return "" if word[-1] in "оеиуюыэё" else word + "а"


def test_every_name_is_found_by_its_russian_form_declined(searcher, edition):
    _, project = edition
    article = load_article(project / "content" / SLUG / "article.yaml")
    failures, asked = [], 0
    for entry in gather_register(article, shipped_names()):
        if entry.name.kind not in ("persons", "places"):
            continue  # an organisation's name declines its head word only
        printed = {bare(w) for form in entry.printed for w in form.split()}
        for russian in entry.name.russian[:1]:
            words = [genitive(w) for w in russian.split()]
            if not all(words):
                continue
            query = " ".join(words)
            asked += 1
            hits = article_hits(searcher.ask(query))
            marked = {bare(m) for s in hits for m in s["marks"]}
            if not marked & printed:
                failures.append((entry.name.name, query, sorted(marked)[:5]))
    assert asked > 10 and failures == [], "\n".join(map(str, failures))


def _script(letter: str) -> str:
    return unicodedata.name(letter, "?").split()[0]  # LATIN, CYRILLIC, GREEK, CJK


def test_every_hidden_form_is_a_word_in_one_script(edition):
    _, project = edition
    odd, seen = [], 0
    for page in sorted((project / "_site").rglob("*.html")):
        for group in re.findall("\u2045([^\u2046]*)\u2046", page.read_text(encoding="utf-8")):
            for part in group.split(";"):
                for form in part.partition(":")[2].split() if ":" in part else part.split():
                    seen += 1
                    scripts = {_script(c) for c in form if c.isalpha()}
                    if not re.fullmatch(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", form) or len(scripts) != 1:
                        odd.append((page.parent.name, part.partition(":")[0].strip(), form))
    assert seen > 100 and odd == [], (seen, odd[:20])


@pytest.mark.parametrize("query", ["Khrushchyev", "Velichanskya", "Mikoyn", "Kruschev"])
def test_a_misspelt_name_finds_nothing_rather_than_initials(searcher, query):
    result = searcher.ask(query)
    marks = [m for p in result["pages"] for s in p["subs"] for m in s["marks"]]
    assert not [m for m in marks if len(bare(m)) <= 2], (query, marks)


def test_every_mention_of_a_name_can_be_opened_from_the_results(searcher, edition):
    _, project = edition
    article = load_article(project / "content" / SLUG / "article.yaml")
    entry = max(
        (e for e in gather_register(article, shipped_names()) if e.name.kind == "persons"),
        key=lambda e: len(e.mentions),
    )
    surname = entry.name.name.split()[-1]
    hits = article_hits(searcher.ask(surname))
    anchors = {s["href"].rsplit("#", 1)[-1] for s in hits}
    wanted = {f"{'p' if m.target == 'p' else 'fn'}-{m.n}" for m in entry.mentions}
    assert wanted <= anchors, sorted(wanted - anchors)
    assert len(wanted) > 4  # more than the four shown at first: the rest must be reachable


def test_excerpts_hold_no_hidden_forms_or_backlinks(searcher):
    for query in ("Хрущёв", "Albania", "Moscow"):
        hits = article_hits(searcher.ask(query))
        assert hits
        for sub in hits:
            text = sub["text"]
            assert "\u2045" not in text and "↩" not in text, (query, text)
            assert "хрущ" not in text.lower(), (query, text)


# The text of each paragraph, note and entry of a page as a reader sees it: without
# hidden forms, page markers, note numbers or backlinks.
REGION_TEXTS = """() => Object.fromEntries(
  [...document.querySelectorAll("[id^=p-], [id^=fn-], [id^=bib-]")].map((el) => {
    const block = el.closest("p, li, dd") || el;
    const copy = block.cloneNode(true);
    copy.querySelectorAll("[hidden], [data-pagefind-ignore], .note-ref, .backref")
      .forEach((x) => x.remove());
    return [el.id, copy.textContent.replace(/[^\\p{L}\\p{N}_]+/gu, "")];
  }))"""


def test_every_excerpt_is_the_text_of_its_region_without_note_numbers(browser, searcher, edition):
    url, project = edition
    article = load_article(project / "content" / SLUG / "article.yaml")
    entries = gather_register(article, shipped_names())
    # The names mentioned most, in print and in Russian, and the archive cited most.
    names = sorted(entries, key=lambda e: -len(e.mentions))[:3]
    archives = [r["archive"] for r in citations(project)]
    queries = [e.printed[0] for e in names] + [r for e in names for r in e.name.russian[:1]]
    queries.append(max(set(archives), key=archives.count))
    static = browser.new_context(java_script_enabled=False)  # as built: no sidenotes
    page = static.new_page()
    page.goto(url + ARTICLE)
    texts = page.evaluate(REGION_TEXTS)
    static.close()
    checked = 0
    for query in queries:
        for sub in article_hits(searcher.ask(query)):
            region = sub["href"].rsplit("#", 1)[-1]
            if region not in texts:
                continue
            # Letters and digits only: Pagefind ends a block with a full stop of its own.
            for piece in re.split(r"\s*…\s*", sub["text"]):
                assert re.sub(r"\W+", "", piece) in texts[region], (query, region, sub["text"])
            checked += 1
    assert checked > 10


def test_every_page_and_place_of_an_answer_can_be_reached(searcher, edition):
    _, project = edition
    archives = [r["archive"] for r in citations(project)]
    query = max(set(archives), key=archives.count)  # its articles, its page and its fonds'
    result = searcher.ask(query, every_page=True)
    found = re.search(r"(\d+) places? on (\d+) pages?", result["status"])
    assert found and "at least" not in result["status"], result["status"]
    places, pages = int(found.group(1)), int(found.group(2))
    fonds = {r["levels"]["fond"] for r in citations(project) if r["archive"] == query}
    assert pages >= 1 + len(fonds)  # "More results" past 10 pages: test_search_browser.py
    assert len(result["pages"]) == pages
    assert sum(len(p["subs"]) or 1 for p in result["pages"]) == places


def test_a_hit_opens_as_hit_n_of_m_and_steps_through_every_hit(browser, searcher, edition):
    _, project = edition
    article = load_article(project / "content" / SLUG / "article.yaml")
    entry = max(
        (e for e in gather_register(article, shipped_names()) if e.name.kind == "persons"),
        key=lambda e: len(e.mentions),
    )
    hits = article_hits(searcher.ask(entry.name.name.split()[-1]))
    sub = next(s for s in hits[1:] if "#p-" in s["href"])  # not the first: start mid-page
    page = searcher.page
    page.goto(urljoin(page.url, sub["href"]))
    page.wait_for_selector("nav.search-hits")
    status = page.locator("nav.search-hits [role=status]")
    first = re.fullmatch(r"Hit (\d+) of (\d+)", status.inner_text())
    assert first, status.inner_text()
    start, total = int(first.group(1)), int(first.group(2))
    marks = page.locator("mark.pagefind-highlight:visible")
    assert marks.count() == total >= len(hits)
    block = sub["href"].rsplit("#", 1)[-1]
    inside = page.evaluate(
        "([id, n]) => document.getElementById(id).closest('p, li')"
        ".contains(document.querySelectorAll('mark.pagefind-highlight')[n - 1])",
        [block, start],
    )
    assert inside, (block, start)  # the hit opened is the one in the region clicked
    seen = []
    for _ in range(total):
        page.get_by_role("button", name="Next hit").click()
        seen.append(int(status.inner_text().split()[1]))
    assert sorted(seen) == list(range(1, total + 1)) and seen[-1] == start
    page.get_by_role("button", name="Previous hit").click()
    assert status.inner_text() == f"Hit {(start - 2) % total + 1} of {total}"


def test_the_apparatus_is_an_editorial_note(searcher, edition):
    _, project = edition
    editorial = yaml.safe_load((project / "content" / SLUG / "editorial.yaml").read_text())
    printed = [
        w
        for e in editorial.get("emendations", [])
        for w in e["sic"].split()
        if re.search(r"\d", w) and w not in e["corr"]
    ]
    assert printed  # an emendation of a number: `22th`
    hits = article_hits(searcher.ask(printed[0]))
    assert hits and {s["link"] for s in hits} == {"Editorial note"}, hits


def citations(project: Path) -> list[dict]:
    return json.loads((project / "_site" / "archives" / "citations.json").read_text())


STYLES = [
    "F {fond}, inv. {opis}, f. {delo}",
    "f. {fond}, op. {opis}, d. {delo}",
    "ф. {fond}, оп. {opis}, д. {delo}",
    "Ф. {fond}. Оп. {opis}. Д. {delo}",
    "fond {fond} opis {opis} delo {delo}",
    "delo {delo}",
    "f. {delo}",
]


# The files a reference names, with their notes, stand above the full-text results.
CITATIONS_FIRST = """() => {
  const box = document.querySelector("[data-search-citations]");
  const list = document.querySelector("[data-search-results]");
  return !box.hidden && !!(box.compareDocumentPosition(list) & Node.DOCUMENT_POSITION_FOLLOWING);
}"""


@pytest.mark.parametrize("style", STYLES)
def test_a_reference_in_any_style_finds_the_file_and_its_notes_first(searcher, edition, style):
    url, project = edition
    rows = citations(project)
    by_file: dict[str, set[str]] = {}
    for row in rows:
        if row.get("url"):
            by_file.setdefault(row["url"], set()).add(
                f"articles/{row['article']}/#fn-{row['note']}"
            )
    for file_url, notes in sorted(by_file.items()):
        levels = next(r["levels"] for r in rows if r.get("url") == file_url)
        if set(levels) != {"fond", "opis", "delo"}:
            continue
        query = style.format(**levels)
        result = searcher.ask(query)
        files = {f["href"]: f["notes"] for f in result["files"]}
        assert url + file_url in files, (query, list(files))
        assert {n.removeprefix(url) for n in files[url + file_url]} == notes, query
        marks = [bare(m) for p in result["pages"] for s in p["subs"] for m in s["marks"]]
        assert not [m for m in marks if m.startswith(("final", "foreign", "fundament"))], query
        assert searcher.page.evaluate(CITATIONS_FIRST), query


def test_a_partial_reference_finds_every_file_below_it(searcher, edition):
    url, project = edition
    rows = [r for r in citations(project) if r.get("url") and "opis" in r["levels"]]
    fond, opis = rows[0]["levels"]["fond"], rows[0]["levels"]["opis"]
    below = {
        url + r["url"]
        for r in rows
        if r["levels"]["fond"] == fond
        and r["levels"]["opis"] == opis
        and r["archive"] == rows[0]["archive"]
    }
    result = searcher.ask(f"F {fond} inv. {opis}")
    assert below <= {f["href"] for f in result["files"]}


def test_a_name_in_both_articles_finds_both_and_a_file_both_cite_lists_both(searcher, edition):
    url, project = edition
    result = searcher.ask("Тирана")
    pages = {p["href"] for p in result["pages"]}
    assert {"/" + ARTICLE, "/articles/second-article/"} <= pages
    rows = citations(project)
    shared = {r["url"] for r in rows if r["article"] == "second-article"} & {
        r["url"] for r in rows if r["article"] == SLUG
    }
    file_url = sorted(u for u in shared if u)[0]
    levels = next(r["levels"] for r in rows if r.get("url") == file_url)
    result = searcher.ask("F {fond}, inv. {opis}, f. {delo}".format(**levels))
    notes = next(f["notes"] for f in result["files"] if f["href"] == url + file_url)
    assert {n.split("/")[-2] for n in notes} == {SLUG, "second-article"}


def test_the_register_page_lists_the_names_with_their_mentions(browser, edition):
    url, project = edition
    page = browser.new_page()
    page.goto(f"{url}names/")
    article = load_article(project / "content" / SLUG / "article.yaml")
    entry = gather_register(article, shipped_names())[0]
    term = page.locator(f"#{entry.name.key}")
    assert entry.name.name in term.inner_text()
    mentions = page.locator(f"#{entry.name.key} + dd .mentions a")
    assert mentions.count() >= len(entry.mentions)
    mentions.first.click()
    page.wait_for_url(f"**/{ARTICLE}#*")
    page.close()


@pytest.fixture(scope="module")
def under_repo(tmp_path_factory, serve):
    project = make_project(tmp_path_factory.mktemp("search-repo"))
    webroot = project / "webroot"
    assert build_project(project, "--out", str(webroot / "repo"), "--base-url", "/repo/") == 0
    return serve(webroot) + "repo/", webroot / "repo"


@pytest.mark.parametrize(
    ("query", "anchor"), [("Velichanskaya", "#fn-"), ("Ходжа", "#p-"), ("delo 463", "")]
)
def test_search_works_under_a_base_path(browser, under_repo, query, anchor):
    page = browser.new_page()
    result = Searcher(page, *under_repo).ask(query)
    hrefs = [s["href"] for p in result["pages"] for s in p["subs"]] + [
        f["href"] for f in result["files"]
    ]
    assert hrefs and all("/repo/" in h for h in hrefs), hrefs
    assert any(anchor in h for h in hrefs)
    page.close()
