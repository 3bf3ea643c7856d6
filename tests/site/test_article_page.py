"""The article and home pages as HTML: structure, metadata, citation formats."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import build_project, make_project

from edition.config import Config
from edition.model import Article, Author, BibEntry, Cover, Metadata, TocEntry
from edition.site import cite

SLUG = "balcanica-2019-edemskiy"


def make_article(**changes) -> Article:
    cover = Cover(
        journal="Balcanica",
        subtitle="",
        volume="L",
        volume_number=50,
        year=2019,
        academy="",
        institute="Institute for Balkan Studies",
        place="Belgrade",
        issn="0350-7653",
        eissn="2406-0801",
        udc="",
        url="",
        toc=(TocEntry(("A. B",), "A Title"),),
    )
    article = Article(
        slug="x-2019",
        source="sources/x.txt",
        cover=cover,
        title="Moscow and *Tirana*",
        authors=(Author("Ann Marie Smith", "Some Institute", "", ""),),
        abstract="An abstract </script><b>.",
        keywords=("one", "two"),
        paragraphs=(),
        notes=(),
        page_breaks=(),
        bibliography=(
            BibEntry("k1", "Literature", "misc", (), "Doe, J. *A Book*. 2001.", 1),
            BibEntry("k2", "Literature", "misc", (), 'Roe, R. "Paper" </script>', 2),
        ),
    )
    return replace(article, **changes)


@pytest.mark.parametrize(
    ("authors", "url", "metadata", "expected"),
    [
        (
            ("Ann Marie Smith",),
            "",
            Metadata(),
            "Smith, Ann Marie. “Moscow and Tirana.” <i>Balcanica</i> 50 (2019).",
        ),
        (
            ("Ann Smith", "Bo Li"),
            "https://e.org/a/",
            Metadata(),
            "Smith, Ann and Bo Li. “Moscow and Tirana.” <i>Balcanica</i> 50 (2019). https://e.org/a/.",
        ),
        (
            ("A Smith", "B Li", "C Wu"),
            "",
            Metadata(first_page="3", last_page="9", doi="10.1/x"),
            "Smith, A, B Li, and C Wu. “Moscow and Tirana.” <i>Balcanica</i> 50 (2019): 3–9. "
            "https://doi.org/10.1/x.",
        ),
    ],
)
def test_chicago(authors, url, metadata, expected) -> None:
    article = make_article(authors=tuple(Author(a, "", "", "") for a in authors), metadata=metadata)
    assert str(cite.chicago(article, url)) == expected


def test_chicago_escapes_untrusted_text() -> None:
    article = make_article(title="<script>x</script>")
    assert "<script>" not in str(cite.chicago(article, ""))


def test_bibtex_entry() -> None:
    text = cite.bibtex(make_article(title="The {Broken} Title"), "https://e.org/a/")
    assert text.startswith("@article{smith2019broken,\n")
    assert "  author = {Smith, Ann Marie},\n" in text
    assert "  title = {The Broken Title},\n" in text
    assert "  url = {https://e.org/a/}," in text
    assert text.count("{") == text.count("}")
    assert "pages" not in text  # unknown pages are left out, not invented


def test_ris_record() -> None:
    text = cite.ris(make_article(), "")
    lines = text.split("\r\n")
    assert lines[0] == "TY  - JOUR"
    assert "AU  - Smith, Ann Marie" in lines
    assert "TI  - Moscow and Tirana" in lines
    assert "KW  - two" in lines
    assert lines[-2:] == ["ER  - ", ""]
    assert not any(line.startswith("UR") for line in lines)


def test_highwire_has_one_reference_per_entry() -> None:
    tags = cite.highwire(make_article(), "")
    refs = [v for k, v in tags if k == "citation_reference"]
    assert refs == ["Doe, J. A Book. 2001.", 'Roe, R. "Paper" </script>']
    assert ("citation_issn", "2406-0801") in tags
    assert not any(k == "citation_fulltext_html_url" for k, _ in tags)


def test_json_ld_cannot_close_its_script() -> None:
    text = str(cite.json_ld(make_article(), "https://e.org/a/", "en"))
    assert "</" not in text and "<" not in text
    data = json.loads(text)
    assert data["@type"] == "ScholarlyArticle"
    assert data["abstract"] == "An abstract </script><b>."
    assert data["author"][0]["affiliation"]["name"] == "Some Institute"
    assert len(data["citation"]) == 2


@pytest.mark.parametrize(
    ("site_url", "base_url", "expected"),
    [
        ("", "/", ""),
        ("https://x.github.io", "/repo/", "https://x.github.io/repo/articles/s/"),
        ("https://x.org/", "/", "https://x.org/articles/s/"),
    ],
)
def test_article_url(site_url, base_url, expected) -> None:
    assert cite.article_url(Config(site_url=site_url, base_url=base_url), "s") == expected


# The built pages ----------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("front"))
    assert build_project(project, "--no-search") == 0
    return project / "_site"


@pytest.fixture(scope="module")
def article_html(site: Path) -> str:
    return (site / "articles" / SLUG / "index.html").read_text()


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        self._in_script = tag == "script"

    def handle_data(self, data) -> None:
        if self._in_script:
            self.scripts.append(data)

    def handle_endtag(self, tag) -> None:
        self._in_script = False


def parse(html: str) -> _Collect:
    collector = _Collect()
    collector.feed(html)
    return collector


def test_no_inline_script_style_or_handlers(site: Path) -> None:
    for page in site.rglob("*.html"):
        doc = parse(page.read_text())
        for tag, attrs in doc.tags:
            assert "style" not in attrs, (page, tag)
            assert not any(a.startswith("on") for a in attrs), (page, tag)
            if tag == "script":
                # Data blocks (JSON-LD, the scripts' words) are never run.
                data = attrs.get("type") in ("application/ld+json", "application/json")
                assert attrs.get("src") or data, page
        assert not any(tag == "style" for tag, _ in doc.tags), page


def test_every_page_has_lang_skip_link_and_landmarks(site: Path) -> None:
    for page in site.rglob("index.html"):
        html = page.read_text()
        assert re.search(r'<html lang="[a-z]{2}', html), page
        assert 'class="skip" href="#main"' in html and 'id="main"' in html, page
        for landmark in ("<header", "<main", "<footer", "<nav"):
            assert landmark in html, (page, landmark)


def test_head_metadata(article_html: str) -> None:
    doc = parse(article_html)
    metas = [
        (a.get("name") or a.get("property"), a.get("content")) for t, a in doc.tags if t == "meta"
    ]
    names = [n for n, _ in metas]
    for name in (
        "citation_title",
        "citation_author",
        "citation_journal_title",
        "citation_volume",
        "citation_publication_date",
        "citation_issn",
        "og:title",
        "og:type",
        "description",
    ):
        assert name in names, name
    refs = names.count("citation_reference")
    assert refs == article_html.count('<li id="bib-') and refs > 0
    (ld,) = [text for text in doc.scripts if '"@context"' in text]  # not the words' JSON
    assert json.loads(ld)["headline"].startswith("Additional Evidence")


def test_article_header(article_html: str) -> None:
    for text in (
        "Balcanica",
        "Andrey Edemskiy",
        "Institute for Slavic Studies",
        "Additional Evidence on the Final Break",
        "Abstract",
        "Keywords:",
        "RGANI",
    ):
        assert text in article_html, text


def test_paragraph_anchors_and_markers(article_html: str) -> None:
    paragraphs = re.findall(r'<p><a class="pn" id="p-(\d+)" href="#p-\1"', article_html)
    assert [int(n) for n in paragraphs] == list(range(1, len(paragraphs) + 1))
    for n in re.findall(r'href="#fn-(\d+)" id="fnref-\1"', article_html):
        assert f'<li id="fn-{n}"' in article_html
        assert f'class="backref" href="#fnref-{n}"' in article_html
    # Page breaks show the page that begins there; the bundled one's numbers are counted.
    assert 'class="pb counted" id="page-1" data-pagefind-ignore' in article_html
    assert '[p.&#160;2<span class="visually-hidden"> of the print, counted</span>]' in article_html
    assert 'role="separator"' not in article_html
    # The ¶ links are out of the tab order; markers are named "Note N", not the backlink.
    pns = re.findall(r'<a class="pn" [^>]*>', article_html)
    assert pns and all('tabindex="-1"' in a and "data-pages=" in a for a in pns)
    for n in re.findall(r'id="fnref-(\d+)"', article_html):
        assert f'aria-label="Note {n}" aria-describedby="fnt-{n}"' in article_html
        assert f'<span class="note-text" id="fnt-{n}">' in article_html


def test_cite_section_and_downloads(site: Path, article_html: str) -> None:
    assert 'id="cite"' in article_html and "<i>Balcanica</i> 50 (2019)" in article_html
    assert "@article{edemskiy2019additional," in article_html
    folder = site / "articles" / SLUG
    for href in (f"{SLUG}.ris", f"{SLUG}.bib", f"{SLUG}.tei.xml", "article.yaml", "references.bib"):
        assert f'href="{href}" download' in article_html, href
        assert (site / "articles" / SLUG / href).exists(), href
    for kind in ("chicago", "bibtex", "ris", "csl"):
        assert f'id="cite-{kind}"' in article_html
    assert (folder / f"{SLUG}.ris").read_text().startswith("TY  - JOUR")
    assert (folder / f"{SLUG}.bib").read_text().startswith("@article{")


def test_curly_quotes_in_the_text(article_html: str) -> None:
    assert "“personality cult”" in article_html


def test_assets_are_local(site: Path) -> None:
    for page in site.rglob("*.html"):
        for tag, attrs in parse(page.read_text()).tags:
            for attr in ("src", "href"):
                if tag in ("link", "script", "img") and attr in attrs:
                    assert not re.match(r"(https?:)?//", attrs[attr]), (page, attrs)
    css = (site / "assets" / "style.css").read_text()
    assert "@import" not in css and "url(" not in css and "@font-face" not in css


def test_home_lists_the_volume(site: Path) -> None:
    html = (site / "index.html").read_text()
    assert f'href="articles/{SLUG}/"' in html
    assert html.count("<li>") >= 20  # the whole table of contents, linked or not
    assert 'href="archives/"' in html and 'href="search/"' in html


def test_size_budget(site: Path) -> None:
    """HTML+CSS+JS of the article page <= 40 KB gzip, its JS <= 5 KB (issues 4, 18, 17)."""
    import gzip

    def gz(path: Path) -> int:
        return len(gzip.compress(path.read_bytes(), 9))

    page = site / "articles" / SLUG / "index.html"
    loaded = re.findall(r'<script[^>]* src="\.\./\.\./assets/([^"]+)"', page.read_text())
    assert loaded, "the article page loads no script"
    # What the article page loads; the name cards' script is the register's (below).
    js = sum(gz(site / "assets" / name) for name in loaded if name != "names.js")
    html = page.read_bytes()
    # The register of names (issue 17: the hidden spellings for search, the name
    # cards and the links to them, their script) has a budget of its own: at most
    # 30 KB gzip; the page a reader gets is measured without it.
    forms = re.compile(rb'<span class="search-forms" hidden>.*?</span>', re.S)
    cards = re.compile(rb'<div class="name-cards".*?<script src="[^"]*names\.js" defer>', re.S)
    refs = re.compile(rb'<a class="name-ref"[^>]*>(.*?)</a>', re.S)
    reading = len(gzip.compress(refs.sub(rb"\1", cards.sub(b"<script>", forms.sub(b"", html))), 9))
    register = len(gzip.compress(html, 9)) - reading + gz(site / "assets" / "names.js")
    total = reading + gz(site / "assets" / "style.css") + js
    assert js <= 5 * 1024 and total <= 40 * 1024, (js, total)
    assert register <= 30 * 1024, register


def test_home_leads_with_the_edited_articles(site: Path) -> None:
    html = (site / "index.html").read_text()
    edited, toc = html.index('class="edited"'), html.index('class="toc"')
    assert edited < toc and html.index(f'href="articles/{SLUG}/"') < toc
    items = re.findall(r"<li(?: [^>]*)?>.*?</li>", html[toc:], re.S)
    linked = [i for i in items if "<a href=" in i]
    assert len(linked) == 1 and "Moscow and Tirana" in linked[0] and "in this edition" in linked[0]
    assert all("<cite>" in i for i in items if i not in linked)


@pytest.fixture(scope="module")
def emended(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str, str, str]:
    """The article with its first bibliography entry's first word emended (html, key, sic, corr)."""
    import yaml

    project = make_project(tmp_path_factory.mktemp("emended"))
    assert build_project(project, "--no-search") == 0
    data = yaml.safe_load((project / "content" / SLUG / "article.yaml").read_text())
    entry = data["bibliography"][0]
    sic = entry["original"].split()[0]
    corr = sic.upper() + "Q"
    (project / "content" / SLUG / "editorial.yaml").write_text(
        f"emendations:\n  - sic: {json.dumps(sic)}\n    corr: {json.dumps(corr)}\n"
        f"    bib: {entry['key']}\n    reason: a test\n    who: T\n    when: 2026-01-01\n"
    )
    assert build_project(project, "--no-search") == 0
    html = (project / "_site" / "articles" / SLUG / "index.html").read_text()
    return html, entry["key"], sic, corr


def test_emendation_copies_as_the_correction_with_the_printed_marked(emended) -> None:
    html, key, sic, corr = emended
    (span,) = re.findall(rf'<span class="emendation" id="em-bib-{key}[^"]*".*?</span></span>', html)

    class Text(HTMLParser):
        text = ""

        def handle_data(self, data: str) -> None:
            self.text += data

    parser = Text()
    parser.feed(span)
    assert parser.text == f"{corr} [printed: {sic}]"


def test_apparatus_shows_no_bibtex_keys(emended) -> None:
    html, key, sic, corr = emended
    apparatus = html[html.index('class="apparatus"') :]
    apparatus = apparatus[: apparatus.index("</section>")]
    visible = re.sub(r"<[^>]+>", "", apparatus)
    assert f'href="#bib-{key}"' in apparatus and key not in visible
    assert f"printed {sic}, read {corr}" in visible


# Rendering made-up articles --------------------------------------------------


def _made_up(**changes) -> Article:
    from test_tei import make_article

    return make_article(**changes)


def test_a_break_inside_a_word_is_shown_after_the_word_with_the_printed_page() -> None:
    from edition.model import PageBreak
    from edition.site.render import article_context
    from edition.site.site import Site

    text = "The result was obvious to all.[^1]"
    article = _made_up(
        paragraphs=[text],
        breaks=[PageBreak(1, 1, text.index("ous"), 4)],
        metadata=Metadata(first_page="351"),
    )
    context = article_context(article, Site(Config(), [article]))
    html = str(context["paragraphs"][0]["html"])
    assert 'obvious<span class="pb" id="page-1" data-pagefind-ignore>' in html
    assert "[p.&#160;352]" in html and "counted" not in html
    assert context["paragraphs"][0]["pages"] == "pp. 351–352"
    assert str(context["first_marker"]).count("[p.&#160;351]") == 1


def test_a_multi_article_edition_lists_its_articles_by_volume() -> None:
    from edition.site.render import home_context
    from edition.site.site import Site

    def cover(number: int, year: int) -> Cover:
        return Cover("Annales", "", str(number), number, year, "", "", "", "", "", "", "", ())

    one = _made_up(slug="b-late", cover=cover(12, 2021), title="Late")
    two = _made_up(slug="a-early", cover=cover(3, 2012), title="Early")
    three = _made_up(slug="c-late", cover=cover(12, 2021), title="Also late")
    volumes = home_context(Site(Config(), [one, two, three]))["volumes"]
    assert [v["cover"].volume_number for v in volumes] == [3, 12]
    assert [[a.slug for a in v["articles"]] for v in volumes] == [["a-early"], ["b-late", "c-late"]]
    assert [v["linked"] for v in volumes] == [1, 2]  # none printed in a contents: still listed
