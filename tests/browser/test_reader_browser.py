"""What a reader does on the article and home pages, in Chromium."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ARTICLE = "articles/balcanica-2019-edemskiy/"
# Pages axe-core must pass; the lead appends archive pages here.
AXE_PAGES = [
    "",
    ARTICLE,
    "archives/",
    "archives/rgani/",
    "archives/rgani/fond-3/",
    "archives/rgani/fond-3/opis-14/delo-463/",
    "search/",
]


def _inside_viewport(page, selector: str) -> None:
    box = page.locator(selector).bounding_box()
    width = page.viewport_size["width"]
    assert box is not None
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, box


def _open_popover(page) -> str:
    return page.evaluate("document.querySelector('#note-pop:popover-open') ? 'open' : ''")


def test_click_opens_the_note_by_its_marker(page, site_url: str) -> None:
    page.goto(site_url + ARTICLE)
    marker = page.locator("#fnref-3")
    marker.click()
    pop = page.locator("#note-pop")
    assert _open_popover(page) == "open"
    expect(marker).to_have_attribute("aria-expanded", "true")
    note = page.locator("#fn-3 .note-text").inner_text()
    assert note.strip()[:40] in pop.inner_text()
    # Opened next to the marker, not somewhere else on the page.
    m, p = marker.bounding_box(), pop.bounding_box()
    assert abs(p["y"] - (m["y"] + m["height"])) < 40 or abs(p["y"] + p["height"] - m["y"]) < 40
    assert page.url.endswith(ARTICLE)  # no jump to the endnotes


def test_click_outside_closes(page, site_url: str) -> None:
    page.goto(site_url + ARTICLE)
    page.locator("#fnref-1").click()
    page.mouse.click(5, 5)
    assert _open_popover(page) == ""
    expect(page.locator("#fnref-1")).to_have_attribute("aria-expanded", "false")


def test_opening_does_not_shift_layout(page, site_url: str) -> None:
    page.goto(site_url + ARTICLE)
    where = (
        "[...document.querySelectorAll('.body > p')].map(p => p.offsetTop + ':' + p.offsetHeight)"
    )
    page.locator("#fnref-1").scroll_into_view_if_needed()
    before = page.evaluate(where)
    page.locator("#fnref-1").click()
    assert _open_popover(page) == "open"
    assert page.evaluate(where) == before


def test_keyboard_enter_escape_returns_focus(page, site_url: str) -> None:
    page.goto(site_url + ARTICLE)
    page.locator("#fnref-1").focus()
    page.keyboard.press("Tab")  # Tab moves on to the next marker
    assert page.evaluate("document.activeElement.id") == "fnref-2"
    page.keyboard.press("Enter")
    assert _open_popover(page) == "open"
    assert page.evaluate("document.getElementById('note-pop').contains(document.activeElement)")
    page.keyboard.press("Escape")
    assert _open_popover(page) == ""
    expect(page.locator("#fnref-2")).to_be_focused()


def test_tab_reaches_links_inside_the_popover(page, site_url: str) -> None:
    page.goto(site_url + ARTICLE)
    page.locator("#fnref-1").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.getElementById('note-pop').contains(document.activeElement)")


def test_link_inside_popover_navigates(page, site_url: str) -> None:
    page.goto(site_url + ARTICLE)
    page.locator("#fnref-5").click()
    link = page.locator("#note-pop #note-pop-title")
    link.click()
    assert page.url.endswith("#fn-5")
    assert _open_popover(page) == ""


def test_external_link_inside_popover_is_a_real_link(page, site_url: str) -> None:
    page.goto(site_url + ARTICLE)
    n = page.evaluate(
        "[...document.querySelectorAll('.notes li')]"
        ".find(li => li.querySelector('.note-text a[href^=\"http\"]')).value"
    )
    page.locator(f"#fnref-{n}").click()
    href = page.locator('#note-pop .note-pop-body a[href^="http"]').first.get_attribute("href")
    assert href.startswith("http")


def test_phone_tap_keeps_popover_inside_viewport(phone, site_url: str, artifacts) -> None:
    phone.goto(site_url + ARTICLE)
    for n in (1, 3, 8):
        phone.locator(f"#fnref-{n}").scroll_into_view_if_needed()
        phone.locator(f"#fnref-{n}").tap()
        assert _open_popover(phone) == "open"
        _inside_viewport(phone, "#note-pop")
        box = phone.locator("#note-pop").bounding_box()
        scroll = phone.evaluate("scrollY")
        assert box["y"] >= 0 and box["y"] + box["height"] <= 740 + 1, (box, scroll)
        phone.screenshot(path=str(artifacts / f"article-360-popover-{n}.png"))
        phone.locator("#note-pop .note-pop-close").tap()
        assert _open_popover(phone) == ""


def test_no_javascript_marker_jumps_to_note(browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + ARTICLE)
    page.locator("#fnref-4").click()
    assert page.url.endswith("#fn-4")
    page.locator("#fn-4 .backref").click()
    assert page.url.endswith("#fnref-4")
    context.close()


def test_no_horizontal_scroll_on_a_phone(phone, site_url: str) -> None:
    for path in ("", ARTICLE):
        phone.goto(site_url + path)
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360


def test_no_console_errors_or_csp_violations(page, site_url: str) -> None:
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(site_url + ARTICLE)
    page.locator("#fnref-1").click()
    assert errors == []


@pytest.mark.parametrize("path", AXE_PAGES)
def test_axe_finds_no_violations(page, site_url: str, path: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page.goto(site_url + path)
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("path", ["", ARTICLE])
def test_screenshots(browser, site_url: str, artifacts, width: int, path: str) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(site_url + path)
    name = "article" if path else "home"
    page.screenshot(path=str(artifacts / f"{name}-{width}.png"))
    if path:
        page.locator("#fnref-3").click()
        page.screenshot(path=str(artifacts / f"{name}-{width}-popover.png"))
    context.close()


def test_dark_mode_and_print(browser, site_url: str, artifacts) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    page = context.new_page()
    page.goto(site_url + ARTICLE)
    background = page.evaluate("getComputedStyle(document.documentElement).backgroundColor")
    assert background != "rgb(253, 252, 248)"
    page.screenshot(path=str(artifacts / "article-1280-dark.png"))
    page.locator("#fnref-3").click()
    page.emulate_media(media="print")
    assert page.locator("#note-pop").is_hidden()
    assert page.locator("#fn-3").is_visible()  # notes print as notes
    assert page.locator(".site-header").is_hidden()
    after = "(a) => getComputedStyle(a, '::after').content"
    autolink = page.locator(".notes a.url").first
    assert autolink.inner_text().startswith("http")
    assert autolink.evaluate(after) == "none"  # its text is already the URL
    page.evaluate(
        "const a = document.createElement('a'); a.id = 'ext'; a.href = 'https://example.org/x';"
        "a.textContent = 'a source'; document.querySelector('#fn-3 .note-text').append(a)"
    )
    assert "https://example.org/x" in page.locator("#ext").evaluate(after)
    page.pdf(path=str(artifacts / "article-print.pdf"))
    context.close()


def test_axe_with_a_note_open(page, site_url: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page.goto(site_url + ARTICLE)
    page.locator("#fnref-8").click()
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_hover_previews_and_the_preview_is_hoverable(page, site_url: str) -> None:
    page.set_viewport_size({"width": 1100, "height": 900})  # wider, the note is in the margin
    page.goto(site_url + ARTICLE)
    marker = page.locator("#fnref-6")
    marker.hover()
    expect(page.locator("#note-pop")).to_be_visible()
    assert page.evaluate("document.activeElement === document.body")  # no focus theft
    page.locator("#note-pop .note-pop-body").hover()  # moving onto it keeps it (1.4.13)
    page.wait_for_timeout(600)
    assert _open_popover(page) == "open"
    page.mouse.move(5, 5)
    expect(page.locator("#note-pop")).to_be_hidden()
    marker.hover()
    expect(page.locator("#note-pop")).to_be_visible()
    marker.click()  # a click pins the preview open
    page.mouse.move(5, 5)
    page.wait_for_timeout(600)
    assert _open_popover(page) == "open"


def test_second_click_closes_and_another_marker_switches(page, site_url: str) -> None:
    page.goto(site_url + ARTICLE)
    first, second = page.locator("#fnref-1"), page.locator("#fnref-3")
    first.click()
    first.click()
    assert _open_popover(page) == ""
    first.click()
    second.click()
    assert _open_popover(page) == "open"
    assert "Note 3" in page.locator("#note-pop").inner_text()
    expect(first).to_have_attribute("aria-expanded", "false")
    expect(second).to_have_attribute("aria-expanded", "true")


@pytest.mark.parametrize("where", ["start", "center", "end"])
@pytest.mark.parametrize("size", [(360, 740), (740, 360)])
def test_phone_popover_fits_on_screen(browser, site_url: str, size, where: str) -> None:
    width, height = size
    context = browser.new_context(
        viewport={"width": width, "height": height}, has_touch=True, is_mobile=True
    )
    phone = context.new_page()
    phone.goto(site_url + ARTICLE)
    # The longest note, its marker scrolled to the top, middle or bottom of the screen.
    longest = phone.evaluate(
        "[...document.querySelectorAll('.notes li')]"
        ".sort((a, b) => b.textContent.length - a.textContent.length)[0].value"
    )
    phone.evaluate(
        f"document.getElementById('fnref-{longest}').scrollIntoView({{block: '{where}'}})"
    )
    phone.locator(f"#fnref-{longest}").tap()
    box = phone.locator("#note-pop").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    assert box["y"] >= 0 and box["y"] + box["height"] <= height
    mark = phone.locator(f"#fnref-{longest}").bounding_box()
    assert box["y"] >= mark["y"] + mark["height"] or box["y"] + box["height"] <= mark["y"]
    context.close()
