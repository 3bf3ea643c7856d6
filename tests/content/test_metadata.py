"""What editors record under `metadata:` in editorial.yaml reaches every place it shows."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import build_project, make_project

SLUG = "balcanica-2019-edemskiy"
DOI = "10.2298/BALC1950347E"


def test_a_recorded_doi_and_pages_reach_the_page_citations_and_downloads(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    editorial = project / "content" / SLUG / "editorial.yaml"
    editorial.parent.mkdir(parents=True, exist_ok=True)
    editorial.write_text(f"metadata:\n  doi: {DOI}\n  pages: 347–370\n", "utf-8")
    assert build_project(project, "--no-search") == 0
    folder = project / "_site" / "articles" / SLUG
    page = (folder / "index.html").read_text("utf-8")
    assert f'<meta name="citation_doi" content="{DOI}">' in page
    assert '<meta name="citation_firstpage" content="347">' in page
    assert '<meta name="citation_lastpage" content="370">' in page
    assert f"https://doi.org/{DOI}" in page  # the Chicago citation shown to readers
    ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert ld is not None
    data = json.loads(ld.group(1))
    assert (data["pageStart"], data["pageEnd"]) == ("347", "370")
    ris = (folder / f"{SLUG}.ris").read_bytes().decode("utf-8")
    assert f"DO  - {DOI}\r\n" in ris and "SP  - 347\r\n" in ris and "EP  - 370\r\n" in ris
    bib = (folder / f"{SLUG}.bib").read_text("utf-8")
    assert f"doi = {{{DOI}}}" in bib and "pages = {347--370}" in bib


def test_without_metadata_no_pages_or_doi_are_invented(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    assert build_project(project, "--no-search") == 0
    folder = project / "_site" / "articles" / SLUG
    page = (folder / "index.html").read_text("utf-8")
    assert "citation_doi" not in page and "citation_firstpage" not in page
    assert "DO  -" not in (folder / f"{SLUG}.ris").read_text("utf-8")


def _set_metadata(project: Path, text: str, slug: str = SLUG) -> None:
    editorial = project / "content" / slug / "editorial.yaml"
    editorial.parent.mkdir(parents=True, exist_ok=True)
    editorial.write_text(text, "utf-8")


def test_a_set_language_reaches_the_page_tei_citations_and_search(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    _set_metadata(project, "metadata:\n  doi: 10.1/x\n  language: sr-Latn\n")
    assert build_project(project) == 0
    site = project / "_site"
    folder = site / "articles" / SLUG
    page = (folder / "index.html").read_text("utf-8")
    assert '<html lang="sr-Latn">' in page  # and so the browser hyphenates as Serbian
    assert '<meta name="citation_language" content="sr-Latn">' in page
    tei = (folder / f"{SLUG}.tei.xml").read_text("utf-8")
    assert re.search(r'<TEI [^>]*xml:lang="sr-Latn"', tei)
    # Pagefind keeps one index per page language: the article's is its own.
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert any(lang.lower().startswith("sr") for lang in entry["languages"])
    home = (site / "index.html").read_text("utf-8")
    assert '<html lang="en">' in home  # the site's own pages keep the site's language


def test_without_a_set_language_the_page_has_the_sites(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    assert build_project(project, "--no-search") == 0
    folder = project / "_site" / "articles" / SLUG
    assert '<html lang="en">' in (folder / "index.html").read_text("utf-8")
    assert 'xml:lang="en"' in (folder / f"{SLUG}.tei.xml").read_text("utf-8")


@pytest.mark.parametrize("value", ["Russian", "r", "ru_RU", "'ru ru'"])
def test_a_language_that_is_not_a_tag_is_an_error_naming_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    project = make_project(tmp_path)
    _set_metadata(project, f"metadata:\n  doi: 10.1/x\n  language: {value}\n")
    capsys.readouterr()
    assert build_project(project, "--no-search") == 1
    err = capsys.readouterr().err
    shown = value.strip("'")
    assert (
        f"content/{SLUG}/editorial.yaml:3: error: metadata language {shown!r} "
        "must be a language tag, e.g. en or ru"
    ) in err
    assert "Traceback" not in err


RUSSIAN = """\
УДК 94(470)

И. И. Иванов

Институт славяноведения РАН, Москва

СОВЕТСКИЙ СОЮЗ И АЛБАНИЯ

Аннотация. В статье рассматривается разрыв советско-албанских отношений.

Ключевые слова: СССР, Албания

Советское руководство долго ждало ответа из Тираны, но так и не получило его.¹ \
Это было в тот год, когда всё изменилось, и никто не ждал перемен.

¹ РГАНИ. Ф. 3. Оп. 14. Д. 463. Л. 5.

Список литературы

Архивные источники

- РГАНИ. Ф. 3. Оп. 14. Д. 463.

Литература

- Улунян А. А. Балканский щит // Вопросы истории. 2012. № 5. С. 10–25.
"""


def test_a_russian_article_set_to_russian_is_built_in_russian(tmp_path: Path) -> None:
    source = tmp_path / "ru-2020-ivanov.txt"
    source.write_text(RUSSIAN, "utf-8")
    project = make_project(tmp_path, [source])
    _set_metadata(project, "metadata:\n  language: ru\n", "ru-2020-ivanov")
    assert build_project(project, "--no-search") == 0
    folder = project / "_site" / "articles" / "ru-2020-ivanov"
    page = (folder / "index.html").read_text("utf-8")
    assert '<html lang="ru">' in page
    assert "СОВЕТСКИЙ СОЮЗ И АЛБАНИЯ" in page and "И. И. Иванов" in page
    assert 'id="bib-rgani-f3-op14-d463"' in page and 'id="bib-ulunian2012balkanskii"' in page
    tei = (folder / "ru-2020-ivanov.tei.xml").read_text("utf-8")
    assert re.search(r'<TEI [^>]*xml:lang="ru"', tei)
