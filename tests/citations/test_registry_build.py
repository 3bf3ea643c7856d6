"""An edition with no content/archives.yaml builds, and cites in the forms publications use."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import SOURCE, build_project, make_project
from test_styles_site import ARTICLE, file_links

SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")

# (note text, the file pages its archival citations link to, in order). The forms are
# those of published notes: each style, papka, suffixed fonds, provenance words between
# sheet ranges, a second file in the same note, Там же chains across prose.
NOTES = [
    ("RGANI, F 3, inv. 14, f. 463, pp. 11–14.", ["rgani/fond-3/opis-14/delo-463"]),
    ("RGANI, f. 5, op. 49, d. 131, ll. 193–194.", ["rgani/fond-5/opis-49/delo-131"]),
    ("RGANI. F. 3. Op. 16. D. 294. L. 219.", ["rgani/fond-3/opis-16/delo-294"]),
    ("РГАНИ. Ф. 3. Оп. 14. Д. 463. Л. 9.", ["rgani/fond-3/opis-14/delo-463"]),
    ("Там же. Л. 12–13.", ["rgani/fond-3/opis-14/delo-463"]),
    ("Об этом подробнее см. в предыдущей главе.", []),
    ("Там же. Оп. 16. Д. 294. Л. 3.", ["rgani/fond-3/opis-16/delo-294"]),
    (
        "RGASPI, f. 17, op. 162, d. 39, l. 27. Original. Typewritten text. L. 31–32.",
        ["rgaspi/fond-17/opis-162/delo-39"],
    ),
    ("RGASPI. F. 558. Op. 11. D. 1373. L. 1–3. Copy.", ["rgaspi/fond-558/opis-11/delo-1373"]),
    ("GARF, f. R-9401, op. 2, d. 64, ll. 9–11.", ["garf/fond-r-9401/opis-2/delo-64"]),
    (
        "ГАРФ. Ф. Р-5446. Оп. 1а. Д. 12. Л. 5 об. Машинопись. Подлинник. Л. 7.",
        ["garf/fond-r-5446/opis-1a/delo-12"],
    ),
    (
        "AVP RF, f. 06, op. 9, p. 18, d. 234, l. 5.",
        ["avp-rf/fond-06/opis-9/papka-18/delo-234"],
    ),
    (
        "АВП РФ. Ф. 0129. Оп. 35. П. 206. Д. 5. Л. 30–31.",
        ["avp-rf/fond-0129/opis-35/papka-206/delo-5"],
    ),
    ("AP RF, f. 3, op. 64, d. 848, ll. 15–16.", ["ap-rf/fond-3/opis-64/delo-848"]),
    ("АП РФ. Ф. 45. Оп. 1. Д. 204. Л. 3.", ["ap-rf/fond-45/opis-1/delo-204"]),
    ("TsA FSB, f. 3, op. 5, d. 12, ll. 4–5.", ["tsa-fsb/fond-3/opis-5/delo-12"]),
    ("ЦА ФСБ России. Ф. 4-ос. Оп. 6. Д. 11. Л. 2.", ["tsa-fsb/fond-4-os/opis-6/delo-11"]),
    (
        "RGANI, f. 5, op. 30, d. 335, l. 4; d. 450, l. 1.",
        ["rgani/fond-5/opis-30/delo-335", "rgani/fond-5/opis-30/delo-450"],
    ),
    (
        "RGANI. F. 5. Op. 30. D. 1. L. 3. Original. Ibid. Op. 31. D. 2. L. 5.",
        ["rgani/fond-5/opis-30/delo-1", "rgani/fond-5/opis-31/delo-2"],
    ),
    ("RGVA, f. 4, op. 14, d. 1, l. 3.", ["rgva/fond-4/opis-14/delo-1"]),
    ("РГАЭ. Ф. 4372. Оп. 66. Д. 3а. Л. 12.", ["rgae/fond-4372/opis-66/delo-3a"]),
    ("ЦАМО РФ. Ф. 32. Оп. 11289. Д. 1. Л. 5.", ["tsamo/fond-32/opis-11289/delo-1"]),
    # In doubt: kept, and linked no further than certain (nothing here).
    ("RGANI, f. 3.", []),
]


def source_with_notes(texts: list[str]) -> str:
    """The bundled source with its first notes' text replaced by `texts`."""
    lines = SOURCE.read_text(encoding="utf-8").split("\n")
    notes = [i for i, line in enumerate(lines) if re.match(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+ ", line)]
    assert len(notes) >= len(texts)
    for i, text in zip(notes, texts, strict=False):
        marker = lines[i].split(" ", 1)[0]
        lines[i] = f"{marker} {text}"
    return "\n".join(lines)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("no-registry")
    variant = tmp / "src" / SOURCE.name
    variant.parent.mkdir()
    variant.write_text(source_with_notes([t for t, _ in NOTES]), encoding="utf-8")
    project = make_project(tmp, [variant])
    (project / "content" / "archives.yaml").unlink(missing_ok=True)
    (project / "content" / "balcanica-2019-edemskiy").mkdir()  # no editorial decisions
    assert build_project(project, "--no-search") == 0
    assert not (project / "content" / "archives.yaml").exists()
    return project / "_site"


def test_every_citation_links_to_the_file_it_names(built: Path) -> None:
    links: dict[int, list[str]] = {}
    for note, href in file_links(built):
        links.setdefault(int(note), []).append(href.removeprefix("archives/").rstrip("/"))
    for n, (text, want) in enumerate(NOTES, 1):
        assert links.get(n, []) == want, (n, text)
    for pages in links.values():
        for page in pages:
            assert (built / "archives" / page / "index.html").exists(), page


def test_a_file_page_says_which_note_an_ibid_repeats(built: Path) -> None:
    html = (built / "archives/rgani/fond-3/opis-14/delo-463/index.html").read_text("utf-8")
    assert "(via Ibid. in note 5, repeating" in html
    assert re.search(r'#fn-4">note 4</a>\)', html)
    assert (built / ARTICLE).exists()


def test_check_reports_the_reading_in_doubt(tmp_path: Path, capsys) -> None:
    from edition.cli import main

    variant = tmp_path / "src" / SOURCE.name
    variant.parent.mkdir()
    variant.write_text(source_with_notes([t for t, _ in NOTES]), encoding="utf-8")
    project = make_project(tmp_path, [variant])
    (project / "content" / "archives.yaml").unlink(missing_ok=True)
    main(["check", "--root", str(project)])
    out = capsys.readouterr().out
    line = next(
        i
        for i, text in enumerate(variant.read_text("utf-8").splitlines(), 1)
        if text.endswith(" RGANI, f. 3.")
    )
    assert (
        f'sources/{SOURCE.name}:{line}: warning: note {len(NOTES)}: "RGANI, f. 3" can be read '
        "in more than one style" in out
    )
