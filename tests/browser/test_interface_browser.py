"""A Russian article's popovers speak Russian: the note's, and the passage's ¶ box."""

from __future__ import annotations

from dataclasses import replace

import pytest
from conftest import build_project, make_project
from playwright.sync_api import expect
from support.articles import text_article

from edition.content.article_yaml import dump_article

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def russian_url(tmp_path_factory: pytest.TempPathFactory, serve) -> str:
    project = make_project(tmp_path_factory.mktemp("russian"), sources=[])
    article = text_article(
        ["Москва ответила Тиране осенью 1960 года.[^1] Зерно так и не пришло."],
        ["Архивный документ, без подробностей."],
    )
    article = replace(article, slug="ru", language="ru")
    (project / "content" / "ru").mkdir()
    (project / "content" / "ru" / "article.yaml").write_text(dump_article(article), "utf-8")
    assert build_project(project, "--no-search") == 0
    return serve(project / "_site") + "articles/ru/"


def test_the_note_popover_of_a_russian_article_is_in_russian(page, russian_url):
    page.goto(russian_url)
    page.locator("#fnref-1").click()
    pop = page.locator("#note-pop")
    expect(pop).to_be_visible()
    expect(pop.locator("#note-pop-title")).to_have_text("Примечание 1")
    close = pop.get_by_role("button", name="Закрыть примечание")
    expect(close).to_be_visible()
    # Nothing in it is marked as another language than the page's.
    assert pop.evaluate("p => p.closest('[lang]').lang") == "ru"
    assert pop.locator("[lang]").count() == 0
    close.click()
    expect(pop).to_be_hidden()


def test_the_passage_box_of_a_russian_article_is_in_russian(page, russian_url):
    page.goto(russian_url)
    link = page.locator("a.pn").first
    expect(link).to_have_attribute("aria-label", "Абзац 1, p. 1 (counted): ссылка и цитирование")
    link.click()
    box = page.get_by_role("dialog", name="Ссылка на фрагмент и цитирование")
    expect(box).to_be_visible()
    expect(box.get_by_role("button", name="Копировать ссылку на ¶ 1")).to_have_text(
        "Копировать ссылку"
    )
    expect(box.locator(".note-pop-head")).to_contain_text("Абзац 1")
