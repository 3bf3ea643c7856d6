"""Issue 17 in Chromium: names in the text open their card; the register is searchable."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ARTICLE = "articles/balcanica-2019-edemskiy/"
OPEN = "document.querySelector('.name-card:popover-open')?.id || ''"


def _first_name(page, key: str):
    """The first marked mention of a register entry in the article's paragraphs."""
    return page.locator(f'.body a.name-ref[data-card="card-{key}"]').first


def test_a_click_opens_the_card_and_escape_gives_the_focus_back(page, site_url, artifacts):
    page.goto(site_url + ARTICLE)
    name = _first_name(page, "name-enver-hoxha")
    name.click()
    card = page.locator("#card-name-enver-hoxha")
    expect(card).to_be_visible()
    assert name.get_attribute("aria-expanded") == "true"
    assert page.evaluate("document.activeElement.id") == "card-name-enver-hoxha"
    assert "Person" in card.inner_text() and "Энвер Ходжа" in card.inner_text()
    assert "Mentioned in" in card.inner_text()
    page.screenshot(path=str(artifacts / "register-card-1280.png"))
    page.keyboard.press("Escape")
    expect(card).to_be_hidden()
    assert name.evaluate("n => n === document.activeElement")
    assert name.get_attribute("aria-expanded") == "false"


def test_the_keyboard_opens_a_card_and_its_link_leads_to_the_register(page, site_url):
    page.goto(site_url + ARTICLE)
    name = _first_name(page, "name-novikov")
    name.focus()
    page.keyboard.press("Enter")
    card = page.locator("#card-name-novikov")
    expect(card).to_be_visible()
    text = card.inner_text()
    # Not in the table: its Russian form is the rules' reading, and says so.
    assert "Новиков" in text and "not a recorded Russian form" in text
    assert "not in the edition’s table of names" in text
    page.keyboard.press("Tab")  # into the card: its close button, then its link
    assert page.evaluate("document.activeElement.closest('.name-card')?.id") == "card-name-novikov"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/names/#name-novikov")
    expect(page.locator("#name-novikov")).to_be_visible()


def test_the_close_button_closes_and_another_name_switches(page, site_url):
    page.goto(site_url + ARTICLE)
    _first_name(page, "name-enver-hoxha").click()
    page.locator("#card-name-enver-hoxha .name-card-close").click()
    assert page.evaluate(OPEN) == ""
    _first_name(page, "name-mehmet-shehu").click()
    assert page.evaluate(OPEN) == "card-name-mehmet-shehu"
    _first_name(page, "name-tirana").click()
    assert page.evaluate(OPEN) == "card-name-tirana"
    _first_name(page, "name-tirana").click()  # a second click closes it
    assert page.evaluate(OPEN) == ""


def test_a_card_fits_a_phone_screen(phone, site_url, artifacts):
    phone.goto(site_url + ARTICLE)
    name = _first_name(phone, "name-party-of-labour-of-albania")
    name.tap()
    card = phone.locator("#card-name-party-of-labour-of-albania")
    expect(card).to_be_visible()
    box = card.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360, box
    assert box["y"] >= 0 and box["y"] + box["height"] <= 740, box
    phone.screenshot(path=str(artifacts / "register-card-360.png"))


def test_axe_with_a_card_open(page, site_url):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(site_url + ARTICLE)
    _first_name(page, "name-mikhail-suslov").click()
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_without_script_a_name_is_a_link_to_its_entry(browser, site_url, artifacts):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + ARTICLE)
    _first_name(page, "name-novikov").click()
    page.wait_for_url("**/names/#name-novikov")
    page.screenshot(path=str(artifacts / "register-names-page.png"))
    entry = page.locator("#name-novikov + dd")
    assert "Found in the article’s text" in entry.inner_text()
    assert "Cyrillic reading" in entry.inner_text() and "Новиков" in entry.inner_text()
    assert page.locator(f'#name-novikov + dd a[href*="{ARTICLE}#p-"]').count() >= 1
    context.close()


SEARCH = """async ([base, query]) => {
  const pagefind = await import(base + "pagefind/pagefind.js");
  const search = await pagefind.search(query);
  const out = [];
  for (const hit of search.results) {
    const d = await hit.data();
    const ids = d.anchors.filter((a) => a.id.startsWith("name-"));
    const regions = d.locations.map((at) => {
      let id = "";
      for (const a of ids) if (a.location <= at) id = a.id;
      return id;
    });
    out.push({ url: d.url, regions });
  }
  return out;
}"""


@pytest.mark.parametrize("query", ["Novikov", "Новиков", "Fursenko", "Фурсенко", "Velichanskaya"])
def test_search_finds_a_person_the_table_lacks_in_the_register(page, site_url, query):
    page.goto(site_url)
    results = page.evaluate(SEARCH, [site_url, query])
    names = [r for r in results if r["url"].endswith("/names/")]
    assert names, (query, [r["url"] for r in results])
    assert any(region.startswith("name-") for region in names[0]["regions"]), names[0]


def test_a_keyboard_stops_once_per_name(page, site_url):
    page.goto(site_url + ARTICLE)
    stops = page.evaluate(
        "Array.from(document.querySelectorAll('a.name-ref'))"
        ".filter(a => a.tabIndex >= 0).map(a => a.dataset.card)"
    )
    marks = page.locator("a.name-ref").count()
    assert len(stops) == len(set(stops)) and marks > len(stops)
    assert set(stops) == set(
        page.evaluate("Array.from(document.querySelectorAll('.name-card'), c => c.id)")
    )


def test_a_name_in_a_notes_popover_or_in_the_margin_opens_its_card(browser, site_url):
    for width, where in ((1280, "#note-pop"), (1600, ".sidenote")):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        page.goto(site_url + ARTICLE)
        n = page.evaluate(
            "document.querySelector('.notes li:has(.note-text a.name-ref)').id.slice(3)"
        )
        if where == "#note-pop":
            page.locator(f"#fnref-{n}").click()
        name = page.locator(f"{where} a.name-ref").first
        card = name.get_attribute("data-card")
        name.click()
        assert page.evaluate(OPEN) == card, where
        assert page.locator("#note-pop").is_hidden()
        page.keyboard.press("Escape")
        assert page.evaluate(OPEN) == ""
        context.close()


def test_a_card_in_dark_mode(browser, site_url, artifacts):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    page = context.new_page()
    page.goto(site_url + ARTICLE)
    _first_name(page, "name-mehmet-shehu").click()
    card = page.locator("#card-name-mehmet-shehu")
    expect(card).to_be_visible()
    assert card.evaluate("c => getComputedStyle(c).backgroundColor") != "rgb(255, 255, 255)"
    page.screenshot(path=str(artifacts / "register-card-1280-dark.png"))
    context.close()


def test_axe_on_the_register_page(page, site_url):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(site_url + "names/")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
