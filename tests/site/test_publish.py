"""Site files for publishing: URLs, sitemap, robots.txt, Atom feed, 404, downloads."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import bibtexparser
import pytest
import yaml
from conftest import build_project, make_project
from test_tei import make_article

from edition.config import Config
from edition.content.article_yaml import load_article
from edition.site.publish import (
    ATOM_NS,
    SITEMAP_NS,
    atom_feed,
    page_paths,
    page_url,
    robots_txt,
    sitemap_xml,
)

ATOM = {"a": ATOM_NS}


@pytest.mark.parametrize(
    ("site_url", "base_url", "path", "expected"),
    [
        ("", "/", "", "/"),
        ("", "/repo/", "articles/x/", "/repo/articles/x/"),
        ("https://o.github.io", "/repo/", "", "https://o.github.io/repo/"),
        ("https://o.github.io/", "/repo/", "feed.xml", "https://o.github.io/repo/feed.xml"),
        ("https://example.org", "/", "articles/x/", "https://example.org/articles/x/"),
    ],
)
def test_page_url(site_url, base_url, path, expected):
    assert page_url(Config(site_url=site_url, base_url=base_url), path) == expected


def test_page_paths_are_the_index_files():
    files = ["index.html", "articles/a/index.html", "articles/a/a.tei.xml", "404.html"]
    assert page_paths(files) == ["", "articles/a/"]


@pytest.mark.parametrize(
    ("site_url", "expected"),
    [
        ("https://o.github.io", ["https://o.github.io/repo/", "https://o.github.io/repo/a/"]),
        ("", ["/repo/", "/repo/a/"]),
    ],
)
def test_sitemap_lists_every_page(site_url, expected):
    data = sitemap_xml(Config(site_url=site_url, base_url="/repo/"), ["", "a/"])
    root = ET.fromstring(data)
    assert root.tag == f"{{{SITEMAP_NS}}}urlset"
    assert [loc.text for loc in root.iter(f"{{{SITEMAP_NS}}}loc")] == expected


@pytest.mark.parametrize(
    ("site_url", "line"),
    [
        ("https://o.github.io", "Sitemap: https://o.github.io/repo/sitemap.xml"),
        ("", "# Sitemap: /repo/sitemap.xml (set site_url in edition.yaml to make this absolute)"),
    ],
)
def test_robots_points_to_the_sitemap(site_url, line):
    lines = robots_txt(Config(site_url=site_url, base_url="/repo/")).decode().splitlines()
    assert line in lines
    assert "User-agent: *" in lines
    assert sum(x.startswith("Sitemap:") for x in lines) == (1 if site_url else 0)


def test_feed_has_an_entry_per_article_newest_first():
    old = make_article(["x"], slug="old")
    new = make_article(["x"], slug="new", cover=replace(old.cover, year=2021, volume="LII"))
    config = Config(title="Ed <&>", site_url="https://o.github.io", base_url="/r/")
    root = ET.fromstring(atom_feed(config, [old, new]))
    assert root.findtext("a:title", namespaces=ATOM) == "Ed <&>"
    entries = root.findall("a:entry", ATOM)
    assert [e.findtext("a:id", namespaces=ATOM) for e in entries] == [
        "https://o.github.io/r/articles/new/",
        "https://o.github.io/r/articles/old/",
    ]
    assert entries[0].findtext("a:updated", namespaces=ATOM) == "2021-01-01T00:00:00Z"
    assert entries[0].findtext("a:author/a:name", namespaces=ATOM) == "Ana Autor"
    assert entries[0].findtext("a:title", namespaces=ATOM) == "A Test Title"
    assert root.find("a:link[@rel='self']", ATOM).get("href") == "https://o.github.io/r/feed.xml"


def test_feed_ids_are_absolute_without_site_url():
    root = ET.fromstring(atom_feed(Config(), [make_article(["x"])]))
    for element in root.iter(f"{{{ATOM_NS}}}id"):
        assert re.match(r"^[a-z]+:", element.text)


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled article built under /repo/ with a site_url."""
    project = make_project(tmp_path_factory.mktemp("published"))
    config = project / "edition.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace('site_url: ""', "site_url: https://owner.github.io"))
    assert build_project(project, "--no-search", "--base-url", "/repo/") == 0
    return project


def test_built_site_has_the_publishing_files(published):
    site = published / "_site"
    for name in ("sitemap.xml", "robots.txt", "feed.xml", "404.html", "assets/favicon.svg"):
        assert (site / name).is_file(), name
    locs = [e.text for e in ET.parse(site / "sitemap.xml").iter(f"{{{SITEMAP_NS}}}loc")]
    assert "https://owner.github.io/repo/" in locs
    assert "https://owner.github.io/repo/articles/balcanica-2019-edemskiy/" in locs
    assert not any("404" in loc for loc in locs)
    ET.fromstring((site / "assets" / "favicon.svg").read_bytes())


def test_pages_carry_canonical_feed_and_icon_links(published):
    html = (published / "_site/articles/balcanica-2019-edemskiy/index.html").read_text()
    assert (
        '<link rel="canonical" '
        'href="https://owner.github.io/repo/articles/balcanica-2019-edemskiy/">' in html
    )
    assert 'type="application/atom+xml"' in html and 'href="../../feed.xml"' in html
    assert 'rel="icon" type="image/svg+xml" href="../../assets/favicon.svg"' in html
    home = (published / "_site/index.html").read_text()
    assert '<link rel="canonical" href="https://owner.github.io/repo/">' in home


def test_404_links_are_absolute_from_base_url(published):
    html = (published / "_site/404.html").read_text()
    links = re.findall(r'(?:href|src)="([^"]*)"', html)
    assert links
    for link in links:
        assert link.startswith(("/repo/", "#", "data:")), link
    assert 'rel="canonical"' not in html


def test_downloads_parse(published):
    folder = published / "_site/articles/balcanica-2019-edemskiy"
    article = load_article(published / "content/balcanica-2019-edemskiy/article.yaml")
    assert (folder / "article.yaml").read_bytes() == (
        published / "content/balcanica-2019-edemskiy/article.yaml"
    ).read_bytes()
    root = ET.parse(folder / "balcanica-2019-edemskiy.tei.xml").getroot()
    assert len(root.findall(".//{http://www.tei-c.org/ns/1.0}note")) == len(article.notes)
    library = bibtexparser.parse_string((folder / "references.bib").read_text(encoding="utf-8"))
    assert not library.failed_blocks
    assert len(library.entries) == len(article.bibliography)


def test_pages_workflow_tests_checks_builds_and_deploys():
    from conftest import ROOT

    workflow = yaml.safe_load((ROOT / ".github/workflows/pages.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as True
    assert triggers["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert workflow["concurrency"]["group"] == "pages"
    build = workflow["jobs"]["build"]["steps"]
    runs = "\n".join(step.get("run", "") for step in build)
    uses = [step.get("uses", "").split("@")[0] for step in build]
    assert "pytest" in runs and "edition check --strict" in runs
    assert re.search(r"build\.py --base-url", runs)
    assert runs.index("pytest") < runs.index("edition check") < runs.index("build.py")
    assert "actions/upload-pages-artifact" in uses
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
