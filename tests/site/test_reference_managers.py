"""What a reference manager saves of the edition's pages, and imports of its downloads.

Pages are read with the readers' own rules (reference_readers.py); downloads with
real parsers: rispy for RIS, bibtexparser for BibTeX, the published CSL-JSON schema.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlparse

import bibtexparser
import jsonschema
import pytest
import rispy
from conftest import ROOT, SOURCE, build_project, make_project
from reference_readers import RIS_FIELDS, read_page, scholar_problems, zotero_item
from test_article_page import make_article

from edition.config import Config
from edition.content.article_yaml import load_article
from edition.model import Metadata
from edition.site import cite, cite_article
from edition.site.markup import plain

SECOND = ROOT / "tests" / "fixtures" / "second-article.txt"
SLUG, OTHER = SOURCE.stem, SECOND.stem
ORIGIN = "https://owner.github.io"
DOI = "10.2298/BALC1950347E"
SCHEMA = json.loads((ROOT / "tests/fixtures/csl/csl-data.json").read_text("utf-8"))
# A file both articles cite (RGANI, f. 3, op. 14, d. 463).
SHARED = "archives/rgani/fond-3/opis-14/delo-463/"
# How each site is built: (base_url, site_url).
SITES = {"root": ("/", ""), "repo": ("/repo/", ORIGIN), "repo-bare": ("/repo/", "")}


def _build(tmp: Path, base_url: str, site_url: str) -> Path:
    project = make_project(tmp, [SOURCE, SECOND])
    config = project / "edition.yaml"
    config.write_text(
        config.read_text("utf-8").replace('site_url: ""', f'site_url: "{site_url}"'), "utf-8"
    )
    editorial = project / "content" / SLUG / "editorial.yaml"
    editorial.parent.mkdir(parents=True, exist_ok=True)
    editorial.write_text(
        f"metadata:\n  doi: {DOI}\n  pages: 347–370\n  issued: 2019-12-20\n  licence: CC BY 4.0\n",
        "utf-8",
    )
    assert build_project(project, "--no-search", "--base-url", base_url) == 0
    return project


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return {
        name: _build(tmp_path_factory.mktemp(name), base, origin)
        for name, (base, origin) in SITES.items()
    }


def _page(project: Path, path: str):
    return read_page((project / "_site" / path / "index.html").read_text("utf-8"))


def _location(name: str, path: str) -> str:
    """Where the page is served: the origin is the site's, or any host without site_url."""
    base, origin = SITES[name]
    return f"{origin or 'http://127.0.0.1:8000'}{base}{path}"


def _article(project: Path, slug: str):
    return load_article(project / "content" / slug / "article.yaml")


# --- the article page -------------------------------------------------------------------


@pytest.mark.parametrize("name", SITES)
def test_zotero_saves_the_article_with_abstract_keywords_pages_doi_and_url(sites, name):
    project = sites[name]
    path = f"articles/{SLUG}/"
    article = _article(project, SLUG)
    item = zotero_item(_page(project, path), _location(name, path))
    abstract = " ".join(plain(article.abstract).split())
    assert len(abstract) > 300  # the short description would cut it
    assert item == {
        "itemType": "journalArticle",
        "title": plain(article.title),
        "creators": [a.name for a in article.authors],
        "publicationTitle": article.cover.journal,
        "volume": str(article.cover.volume_number),
        "date": "2019/12/20",
        "pages": "347-370",
        "DOI": DOI,
        "ISSN": f"{article.cover.issn}, {article.cover.eissn}",
        "language": "en",
        "abstractNote": abstract,
        "publisher": article.cover.institute,
        "rights": "CC BY 4.0",
        "url": _location(name, path),
        "libraryCatalog": urlparse(_location(name, path)).netloc,
        "tags": [],  # Zotero drops the keywords it reads when a page is saved...
        "keywords read": list(article.keywords),  # ...but they are there for a parent translator
    }


@pytest.mark.parametrize("name", SITES)
def test_an_article_without_a_record_gets_no_pages_or_doi(sites, name):
    item = zotero_item(_page(sites[name], f"articles/{OTHER}/"), "http://h/")
    assert item["itemType"] == "journalArticle"
    assert "pages" not in item and "DOI" not in item and "rights" not in item
    assert item["date"] == str(_article(sites[name], OTHER).cover.year)


@pytest.mark.parametrize("name", SITES)
@pytest.mark.parametrize("slug", [SLUG, OTHER])
def test_google_scholar_finds_what_it_needs(sites, name, slug):
    page = _page(sites[name], f"articles/{slug}/")
    assert scholar_problems(page) == []
    assert page.first("citation_firstpage") == ("347" if slug == SLUG else "")


@pytest.mark.parametrize("name", SITES)
def test_the_canonical_link_is_absolute_or_absent(sites, name):
    """Only an absolute site_url makes a canonical URL; else the page's own address is right."""
    origin = SITES[name][1]
    for path in (f"articles/{SLUG}/", SHARED, "archives/rgani/", "archives/", ""):
        page = _page(sites[name], path)
        expected = f"{origin}/repo/{path}" if origin else ""
        assert page.link("canonical") == expected, path
        if path:  # the home page is the site's: it has no og:url of its own
            assert page.first("og:url") == expected, path


# --- the archival file page -------------------------------------------------------------


@pytest.mark.parametrize("name", SITES)
def test_zotero_saves_a_file_page_as_an_archival_document(sites, name):
    project = sites[name]
    first, second = _article(project, SLUG), _article(project, OTHER)
    page = _page(project, SHARED)
    item = zotero_item(page, _location(name, SHARED))
    abstract = item.pop("abstractNote")
    assert item == {
        "itemType": "manuscript",
        "title": "RGANI, f. 3, op. 14, d. 463",
        "archive": "Rossiiskii gosudarstvennyi arkhiv noveishei istorii (RGANI)",
        "archiveLocation": f"f. 3, op. 14, d. 463, ll. {_sheets(project)}",
        "place": "Moscow",
        "url": _location(name, SHARED),
        "language": "en",  # Zotero's own fallback, <html lang>: the page's language
        "libraryCatalog": urlparse(_location(name, SHARED)).netloc,
        "creators": [],
        "tags": [],
        "keywords read": [],
    }
    assert plain(first.title) in abstract and plain(second.title) in abstract
    assert "Russian State Archive of Contemporary History, Moscow" in abstract
    config_description = "A reading edition of articles from Balcanica"
    assert config_description not in " ".join(v for _, v in page.metas)
    # A journal title would make Zotero save a journal article instead.
    assert not page.first("citation_journal_title")


def _sheets(project: Path) -> str:
    html = (project / "_site" / SHARED / "index.html").read_text("utf-8")
    start = html.index('<ul class="sheets">')
    items = html[start : html.index("</ul>", start)]
    return ", ".join(part.split("l. ")[-1].split("</li>")[0] for part in items.split("<li")[1:])


def test_the_file_page_links_its_ris_record(sites):
    folder = sites["repo"] / "_site" / SHARED
    html = (folder / "index.html").read_text("utf-8")
    name = "rgani-fond-3-opis-14-delo-463.ris"
    assert f'<a href="{name}" download>RIS</a>' in html
    (record,) = rispy.loads((folder / name).read_text("utf-8"))
    assert record == {
        "type_of_reference": "MANSCPT",
        "title": "RGANI, f. 3, op. 14, d. 463",
        "name_of_database": "Rossiiskii gosudarstvennyi arkhiv noveishei istorii (RGANI)",
        "accession_number": f"f. 3, op. 14, d. 463, ll. {_sheets(sites['repo'])}",
        "place_published": "Moscow",
        "urls": [f"{ORIGIN}/repo/{SHARED}"],
        "abstract": zotero_item(_page(sites["repo"], SHARED), "")["abstractNote"],
    }


def test_every_file_page_is_an_archival_document_with_its_ris(sites):
    site = sites["root"] / "_site"
    files = [p for p in (site / "archives").rglob("*.ris")]
    assert len(files) > 10
    for ris in files:
        item = zotero_item(read_page((ris.parent / "index.html").read_text("utf-8")), "x")
        (record,) = rispy.loads(ris.read_text("utf-8"))
        assert item["itemType"] == "manuscript", ris
        assert item["archiveLocation"] == record["accession_number"], ris
        assert item["archiveLocation"].startswith(item["title"].split(", ", 1)[1]), ris
        assert item["archive"] == record["name_of_database"], ris
        assert "urls" not in record  # no site_url: no URL rather than a wrong one


# --- the index pages ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "title", "words"),
    [
        ("archives/", "Archival files cited", ["archival files the edition", "RGANI"]),
        ("archives/rgani/", "RGANI", ["Russian State Archive of Contemporary History"]),
        ("archives/rgani/fond-3/", "RGANI, f. 3", ["archival files cited"]),
        ("archives/rgani/fond-3/opis-14/", "RGANI, f. 3, op. 14", ["archival files cited"]),
    ],
)
@pytest.mark.parametrize("name", SITES)
def test_index_pages_describe_themselves(sites, name, path, title, words):
    page = _page(sites[name], path)
    item = zotero_item(page, _location(name, path))
    assert item["itemType"] == "webpage"
    assert item["title"] == title
    assert item["websiteTitle"] == "Balcanica Digital Edition"
    assert item["abstractNote"] == page.first("description") == page.first("og:description")
    for word in words:
        assert word in item["abstractNote"], word
    assert "A reading edition" not in item["abstractNote"]
    assert item["url"] == _location(name, path)


# --- the downloads ------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["root", "repo"])
def test_ris_imports_every_field(sites, name):
    project = sites[name]
    article = _article(project, SLUG)
    text = (project / "_site/articles" / SLUG / f"{SLUG}.ris").read_bytes().decode("utf-8")
    assert "\r\n" in text
    (record,) = rispy.loads(text)
    url = [f"{ORIGIN}/repo/articles/{SLUG}/"] if name == "repo" else None
    expected = {
        "type_of_reference": "JOUR",
        "authors": ["Edemskiy, Andrey"],
        "title": plain(article.title),
        "secondary_title": "Balcanica",
        "alternate_title3": "Balcanica",
        "volume": "50",
        "year": "2019",
        "date": "2019/12/20",
        "start_page": "347",
        "end_page": "370",
        "issn": "0350-7653, 2406-0801",
        "doi": DOI,
        "urls": url,
        "language": "en",
        "abstract": " ".join(plain(article.abstract).split()),
        "keywords": list(article.keywords),
    }
    assert record == {k: v for k, v in expected.items() if v}
    assert "journal_name" not in record  # JO is the abbreviation


@pytest.mark.parametrize("slug", [SLUG, OTHER])
def test_ris_tags_are_the_ones_zotero_imports_into_fields(sites, slug):
    """Zotero RIS.js: every tag lands in a field of the type, none in a note (JO would).

    A second, different value for a field is kept as a note: T2 and JF must agree.
    """
    folder = sites["repo"] / "_site"
    paths = [folder / "articles" / slug / f"{slug}.ris", *(folder / SHARED).glob("*.ris")]
    assert len(paths) == 2
    for path in paths:
        lines = [line for line in path.read_bytes().decode("utf-8").split("\r\n") if line]
        kind = lines[0].removeprefix("TY  - ")
        rows = [(line[:2], line[6:]) for line in lines[1:-1]]
        assert {tag for tag, _ in rows} <= set(RIS_FIELDS[kind]) - {"JO"}, path
        values: dict[str, set[str]] = {}
        for tag, value in rows:
            if tag not in ("AU", "KW", "SP", "EP", "PY", "DA"):  # lists, or parts of one field
                values.setdefault(RIS_FIELDS[kind][tag], set()).add(value)
        assert all(len(v) == 1 for v in values.values()), values


@pytest.mark.parametrize("name", ["root", "repo"])
def test_bibtex_imports_every_field(sites, name):
    project = sites[name]
    article = _article(project, SLUG)
    text = (project / "_site/articles" / SLUG / f"{SLUG}.bib").read_text("utf-8")
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks
    (entry,) = library.entries
    fields = {f.key: f.value for f in entry.fields}
    expected = {
        "author": "Edemskiy, Andrey",
        "title": plain(article.title),
        "journal": "Balcanica",
        "volume": "50",
        "year": "2019",
        "pages": "347--370",
        "issn": "0350-7653, 2406-0801",
        "doi": DOI,
        "url": f"{ORIGIN}/repo/articles/{SLUG}/" if name == "repo" else "",
        "langid": "english",
        "keywords": ", ".join(article.keywords),
        "abstract": " ".join(plain(article.abstract).split()),
    }
    assert entry.entry_type == "article"
    assert fields == {k: v for k, v in expected.items() if v}


@pytest.mark.parametrize("name", ["root", "repo"])
@pytest.mark.parametrize("slug", [SLUG, OTHER])
def test_csl_json_is_valid_and_complete(sites, name, slug):
    project = sites[name]
    folder = project / "_site/articles" / slug
    data = json.loads((folder / f"{slug}.json").read_text("utf-8"))
    jsonschema.validate(data, SCHEMA)
    (item,) = data
    article = _article(project, slug)
    assert item["type"] == "article-journal"
    assert item["title"] == plain(article.title)
    assert item["container-title"] == "Balcanica"
    assert item["author"][0] == dict(
        zip(("given", "family"), article.authors[0].name.split(), strict=True)
    )
    assert item["language"] == "en"
    assert item["abstract"] == " ".join(plain(article.abstract).split())
    assert item["keyword"] == ", ".join(article.keywords)
    assert item.get("URL", "") == (f"{ORIGIN}/repo/articles/{slug}/" if name == "repo" else "")
    if slug == SLUG:
        assert (item["page"], item["page-first"], item["DOI"]) == ("347-370", "347", DOI)
        assert item["issued"] == {"date-parts": [[2019, 12, 20]]}
    else:
        assert "page" not in item and "DOI" not in item
        assert item["issued"] == {"date-parts": [[article.cover.year]]}
    html = (folder / "index.html").read_text("utf-8")
    assert f'<a href="{slug}.json" download>Citation (CSL-JSON)</a>' in html


def test_the_file_pages_csl_json_is_valid(sites):
    html = (sites["root"] / "_site" / SHARED / "index.html").read_text("utf-8")
    start = html.index("<pre><code>") + len("<pre><code>")
    import html as html_module

    data = json.loads(html_module.unescape(html[start : html.index("</code>", start)]))
    jsonschema.validate([data], SCHEMA)


# --- the functions, on made-up articles ---------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "first", "last"),
    [
        ({}, "", ""),
        ({"first_page": "12", "last_page": "30"}, "12", "30"),  # what the import read
        ({"first_page": "12"}, "12", ""),  # the last page unknown: not guessed
        ({"first_page": "12", "metadata": Metadata(first_page="5", last_page="9")}, "5", "9"),
    ],
)
def test_pages_come_from_the_record_else_the_import(changes, first, last):
    article = make_article(**changes)
    tags = dict(cite.highwire(article, ""))
    assert tags.get("citation_firstpage", "") == first
    assert tags.get("citation_lastpage", "") == last
    rows = dict(line.split("  - ", 1) for line in cite.ris(article, "").split("\r\n")[:-2])
    assert rows.get("SP", "") == first and rows.get("EP", "") == (last if last != first else "")


@pytest.mark.parametrize(
    ("own", "site", "expected", "langid"),
    [("", "en", "en", "english"), ("sr", "en", "sr", "serbian"), ("xx", "en", "xx", "")],
)
def test_the_language_is_the_articles_else_the_sites(own, site, expected, langid):
    article = make_article(language=own)
    config = Config(language=site)
    head = cite_article.article_head(article, config)
    assert dict(head.names)["citation_language"] == expected
    assert dict(head.names)["DC.language"] == expected
    fields = {
        f.key: f.value
        for f in bibtexparser.parse_string(
            cite.downloads(article, config)[f"articles/{article.slug}/{article.slug}.bib"].decode()
        )
        .entries[0]
        .fields
    }
    assert fields.get("langid", "") == langid  # an unknown code gets none, not a guess


@pytest.mark.parametrize(
    ("issued", "scholar", "csl"),
    [("", "2019", [2019]), ("2019-12", "2019/12", [2019, 12]), ("Dec 2019", "2019", [2019])],
)
def test_the_date_of_issue(issued, scholar, csl):
    article = make_article(metadata=Metadata(issued=issued))
    assert dict(cite.highwire(article, ""))["citation_publication_date"] == scholar
    assert cite.csl_json(article, "")["issued"] == {"date-parts": [csl]}


def test_untrusted_text_stays_text_in_every_format():
    article = make_article(
        title='A "quoted" <b>title</b> {braced}',
        abstract="An abstract with <script>x</script> and } brace",
        authors=(replace(make_article().authors[0], name="Ann O'Brien"),),
    )
    head = cite_article.article_head(article, Config(site_url="https://e.org"))
    assert "</script>" not in str(head.json_ld)
    library = bibtexparser.parse_string(cite.bibtex(article, "", "en"))
    assert not library.failed_blocks and len(library.entries) == 1
    (record,) = rispy.loads(cite.ris(article, "", "en"))
    assert record["abstract"] == "An abstract with <script>x</script> and } brace"
    jsonschema.validate([cite.csl_json(article, "", "en")], SCHEMA)
