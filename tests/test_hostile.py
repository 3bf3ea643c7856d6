"""Hostile input is inert: markup, scripts, links and template syntax arrive as text."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import SOURCE, build_project, make_project

SLUG = "balcanica-2019-edemskiy"
ANCHOR = "Even such a relatively passive conduct of Kapo annoyed Khrushchev."
HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(2)">',
    "[click](javascript:alert(3))",
    "<javascript:alert(4)>",
    '<a href="javascript:alert(5)" onclick="alert(6)">x</a>',
    "{{ 1000 + 337 }} {% include 'base.html' %} {# c #}",
    "<style>body{display:none}</style>",
    "[see the file](https://evil.example/x)",
    "![picture](https://evil.example/i.png)",
    "<mailto:a@evil.example>",
    "<https://ok.example/page>",
]
FORGED = "relatively \\ue00399\\ue003 passive \\ue0100\\ue013x\\ue011"


@pytest.fixture(scope="module")
def article_html(tmp_path_factory: pytest.TempPathFactory) -> str:
    project = make_project(tmp_path_factory.mktemp("hostile"))
    text = SOURCE.read_text(encoding="utf-8")
    assert ANCHOR in text
    source = project / "sources" / SOURCE.name
    source.write_text(text.replace(ANCHOR, ANCHOR + " " + " ".join(HOSTILE), 1))
    editorial = project / "content" / SLUG / "editorial.yaml"
    editorial.parent.mkdir(parents=True, exist_ok=True)
    editorial.write_text(
        "emendations:\n"
        "  - sic: annoyed Khrushchev.\n"
        "    corr: 'annoyed <script>alert(7)</script>'\n"
        "    p: 5\n"
        "    reason: '\"><script>alert(8)</script>'\n"
        "    who: '{{ 2000 + 448 }}'\n"
        "    when: <b onmouseover=alert(9)>\n"
        "  - sic: relatively passive\n"
        f'    corr: "{FORGED}"\n'
        "    p: 5\n"
        "    reason: markers of the renderers, written by hand\n"
        "    who: w\n"
        "    when: d\n"
    )
    assert build_project(project, "--no-search") == 0
    folder = project / "_site" / "articles" / SLUG
    return (folder / "index.html").read_text() + (folder / f"{SLUG}.tei.xml").read_text()


class _Elements(HTMLParser):
    """Every element and attribute the browser would see."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def test_no_script_or_handler_survives(article_html: str) -> None:
    assert "alert(1)" in article_html  # the text is there, as text
    elements = _Elements()
    elements.feed(article_html)
    tags = {tag for tag, _ in elements.tags}
    assert not tags & {"style", "img", "b"}
    # The site's own scripts (if any) are files; no inline script came from the text.
    scripts = [dict(attrs) for tag, attrs in elements.tags if tag == "script"]
    # ...or is the JSON-LD metadata block or the interface words' JSON (site/words.py):
    # data a browser never runs.
    data = {"application/ld+json", "application/json"}
    assert all(s.get("src") or s.get("type") in data for s in scripts)
    assert [s.get("id") for s in scripts if s.get("type") == "application/json"] in (
        [],
        ["edition-words"],
    )
    assert "<script>alert" not in article_html
    handlers = [name for _, attrs in elements.tags for name, _ in attrs if name.startswith("on")]
    assert handlers == []
    hrefs = [v or "" for _, attrs in elements.tags for n, v in attrs if n == "href"]
    assert not [h for h in hrefs if h.strip().lower().startswith("javascript:")]


def test_no_javascript_link(article_html: str) -> None:
    assert not re.search(r"href=\"\s*javascript:", article_html, re.I)


def test_markdown_links_and_images_stay_text(article_html: str) -> None:
    assert "evil.example" in article_html  # shown, as text
    assert not re.search(r"(href|src)=\"[^\"]*evil\.example", article_html)
    assert "[see the file](https://evil.example/x)" in article_html
    assert "![picture](https://evil.example/i.png)" in article_html
    assert (
        '<a href="https://ok.example/page" class="url">https://ok.example/page</a>' in article_html
    )


def test_marker_characters_in_input_cannot_forge_markup(article_html: str) -> None:
    assert 'id="page-99"' not in article_html
    assert '<pb n="99"' not in article_html and 'pb n="99"' not in article_html
    assert "relatively \ufffd99\ufffd passive" in article_html  # replaced, one for one
    # In the apparatus the correction is quoted as the editor typed it, as text.
    assert '<ins class="corr">relatively \ue00399\ue003 passive' in article_html


def test_template_syntax_is_text(article_html: str) -> None:
    assert "{{ 1000 + 337 }}" in article_html
    assert "1337" not in article_html
    assert "{{ 2000 + 448 }}" in article_html and "2448" not in article_html


def test_hostile_emendation_is_escaped(article_html: str) -> None:
    assert '<ins class="corr">annoyed &lt;script&gt;alert(7)&lt;/script&gt;</ins>' in article_html
    assert 'title="&#34;&gt;&lt;script&gt;alert(8)&lt;/script&gt;' in article_html


def test_yaml_tags_in_editorial_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_project(tmp_path)
    editorial = project / "content" / SLUG / "editorial.yaml"
    editorial.parent.mkdir(parents=True)
    editorial.write_text("metadata:\n  doi: !!python/object/apply:os.system ['touch pwned']\n")
    assert build_project(project, "--no-search") == 1
    err = capsys.readouterr().err
    assert (
        f"content/{SLUG}/editorial.yaml:2: error: YAML tag "
        "'tag:yaml.org,2002:python/object/apply:os.system' is not allowed\n"
        "  hint: editorial.yaml holds plain text, numbers, lists and mappings only"
    ) in err
    assert not (project / "pwned").exists() and not Path("pwned").exists()
