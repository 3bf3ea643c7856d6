"""Issue 18 in Chromium: print pages, sidenotes, citing a passage, keyboard and phone fixes."""

from __future__ import annotations

import datetime
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ARTICLE = "articles/balcanica-2019-edemskiy/"
WIDTHS = [360, 1280, 1600]


@pytest.fixture
def at(browser):
    """at(width) -> a page of that width (a phone below 600 px); closed after the test."""
    contexts = []

    def make(width: int, **options):
        phone = {"has_touch": True, "is_mobile": True} if width < 600 else {}
        context = browser.new_context(viewport={"width": width, "height": 900}, **phone, **options)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


# JS: the text just before and after each page marker, in document order.
AROUND_MARKERS = """() => Array.from(document.querySelectorAll('.body .pb'), pb => {
  const before = document.createRange(), after = document.createRange();
  before.setStart(pb.closest('p'), 0); before.setEndBefore(pb);
  after.setStartAfter(pb); after.setEndAfter(pb.closest('p'));
  return [before.toString().slice(-1), after.toString().slice(0, 1), pb.innerText, pb.textContent];
})"""


def test_page_markers_are_readable_and_never_split_a_word(at, site_url: str) -> None:
    page = at(1280)
    page.goto(site_url + ARTICLE)
    around = page.evaluate(AROUND_MARKERS)
    assert len(around) >= 2
    for before, after, shown, spoken in around:
        assert not (re.match(r"\w", before) and re.match(r"\w", after)), (before, after)
        assert re.match(r"\[p\.\s\w+", shown), shown
        assert spoken.startswith("[p.") and spoken.endswith("]")
    # Contrast of the number: axe checks it; here, that it is not hidden or tiny.
    box = page.locator(".body .pb-n").nth(1).bounding_box()
    assert box["height"] >= 10 and box["width"] >= 30


@pytest.mark.parametrize("width", WIDTHS)
def test_page_markers_in_the_margin_on_wide_screens_inline_on_phones(at, site_url, width) -> None:
    page = at(width)
    page.goto(site_url + ARTICLE)
    marker = page.locator(".body .pb-n").nth(1)
    paragraph = page.locator(".body > p:has(.pb)").nth(1).bounding_box()
    box = marker.bounding_box()
    if width >= 1200:
        assert box["x"] + box["width"] <= paragraph["x"], (box, paragraph)
    else:
        assert (
            box["x"] >= paragraph["x"]
            and box["x"] + box["width"] <= paragraph["x"] + paragraph["width"]
        )


def _boxes(page, selector: str) -> list[dict]:
    return page.evaluate(
        f"""() => Array.from(document.querySelectorAll({selector!r}), e => {{
          const r = e.getBoundingClientRect();
          return {{x: r.x, y: r.y + scrollY, w: r.width, h: r.height}};
        }})"""
    )


def test_sidenotes_stand_beside_their_paragraphs_without_overlap(at, site_url: str) -> None:
    page = at(1600)
    page.goto(site_url + ARTICLE)
    markers = page.locator(".body a.note-ref")
    sides = page.locator(".body .sidenote")
    assert sides.count() == markers.count() > 0
    text = page.locator(".body").bounding_box()
    boxes = _boxes(page, ".body .sidenote")
    for box in boxes:
        assert box["x"] >= text["x"] + text["width"] and box["x"] + box["w"] <= 1600, box
    for a, b in zip(boxes, boxes[1:], strict=False):
        assert a["y"] + a["h"] <= b["y"] + 0.5, (a, b)  # stacked, never overlapping
    # Wherever the reader is, the notes of the lines in view are in view beside them.
    for n in page.eval_on_selector_all(".body a.note-ref", "refs => refs.map(a => a.dataset.note)"):
        page.evaluate(f"document.getElementById('fnref-{n}').scrollIntoView({{block: 'center'}})")
        expect(page.locator(f"#fnref-{n} + .sidenote")).to_be_in_viewport()
    assert page.locator(".body .sidenote a[tabindex='0'], .body .sidenote [id]").count() == 0


def test_no_sidenotes_below_1200px(at, site_url: str) -> None:
    page = at(1100)
    page.goto(site_url + ARTICLE)
    assert page.locator(".body .sidenote:visible").count() == 0
    assert page.locator(".notes li").first.is_visible()  # the endnotes stay


def test_popover_closes_when_focus_leaves_it(at, site_url: str) -> None:
    page = at(1100)
    page.goto(site_url + ARTICLE)
    page.locator("#fnref-3").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#note-pop")).to_be_visible()
    for _ in range(12):
        page.keyboard.press("Tab")
        if not page.evaluate(
            "document.getElementById('note-pop').contains(document.activeElement)"
        ):
            break
    expect(page.locator("#note-pop")).to_be_hidden()


def test_markers_are_named_note_n(at, site_url: str) -> None:
    page = at(1280)
    page.goto(site_url + ARTICLE)
    marker = page.locator("#fnref-3")
    expect(marker).to_have_accessible_name("Note 3")
    description = page.evaluate(
        "document.getElementById(document.getElementById('fnref-3')"
        ".getAttribute('aria-describedby')).textContent"
    )
    assert description and "Back to note" not in description


def test_tap_targets_are_at_least_24px(at, site_url: str) -> None:
    page = at(360)
    page.goto(site_url + ARTICLE)
    for selector in ("a.note-ref", ".backref", ".pn", ".pn-note", ".cited-in a"):
        for box in _boxes(page, selector)[:40]:
            if box["w"]:
                assert box["w"] >= 24 and box["h"] >= 24, (selector, box)


def test_anchors_land_below_the_top_edge(at, site_url: str) -> None:
    page = at(1280)
    page.goto(site_url + ARTICLE + "#fn-5")
    page.wait_for_timeout(200)
    top = page.locator("#fn-5").bounding_box()["y"]
    assert 20 <= top <= 200, top


def test_paragraph_links_leave_the_tab_order_but_stay_reachable(at, site_url: str) -> None:
    page = at(1280)
    page.goto(site_url + ARTICLE)
    tabbable = page.evaluate(
        "Array.from(document.querySelectorAll('a[href], button, [tabindex]'))"
        ".filter(e => e.tabIndex >= 0 && e.offsetParent !== null)"
        # A name's first mark is a stop of its own (issue 17: test_register_browser.py).
        ".filter(e => !e.matches('a.name-ref')).length"
    )
    paragraphs = page.locator(".body > p").count()
    assert page.locator(".body a.pn[tabindex='-1']").count() == paragraphs
    assert tabbable < 257 - paragraphs + 20, tabbable  # one ¶ stop per paragraph is gone
    # The paragraph's first stop: its first note marker or a name's first mark.
    stops = "a.note-ref, a.name-ref:not([tabindex='-1'])"
    marker = page.locator(f".body > p:has(a.note-ref) :is({stops})").first
    marker.focus()
    page.keyboard.press("Shift+Tab")  # through the paragraph: back to its ¶
    assert page.evaluate("document.activeElement.classList.contains('pn')")


def _today(long: bool) -> str:
    today = datetime.date.today()
    return f"{today:%B} {today.day}, {today.year}" if long else today.isoformat()


def test_cite_this_copies_each_format_with_address_and_date(at, site_url: str) -> None:
    page = at(1280, permissions=["clipboard-read", "clipboard-write"])
    page.goto(site_url + ARTICLE)
    for kind, name in (
        ("chicago", "Chicago"),
        ("bibtex", "BibTeX"),
        ("ris", "RIS"),
        ("csl", "CSL-JSON"),
    ):
        page.get_by_role("button", name=f"Copy the {name} citation").click()
        copied = page.evaluate("navigator.clipboard.readText()")
        assert site_url + ARTICLE in copied, kind
        assert _today(kind == "chicago") in copied, kind
        assert "[date]" not in copied and "[the address" not in copied
    expect(page.get_by_role("status")).to_have_text("CSL-JSON copied")


def test_a_passage_is_cited_with_its_permalink_and_page(at, site_url: str) -> None:
    page = at(1280, permissions=["clipboard-read", "clipboard-write"])
    page.goto(site_url + ARTICLE)
    link = page.locator("#p-4")
    pages = link.get_attribute("data-pages")
    link.click()
    box = page.get_by_role("dialog", name="Link and cite this passage")
    expect(box).to_be_visible()
    assert page.url.endswith("#p-4")
    box.get_by_role("button", name="Copy the citation of ¶ 4").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert f"{pages}, ¶ 4" in copied and f"{site_url}{ARTICLE}#p-4" in copied
    box.get_by_role("button", name="Copy the link to ¶ 4").click()
    assert page.evaluate("navigator.clipboard.readText()") == f"{site_url}{ARTICLE}#p-4"
    # A note too, from the endnotes' ¶.
    note = page.locator("#fn-3 a.pn-note")
    note.click()
    expect(box).to_contain_text("Note 3")
    expect(box).to_contain_text(page.locator("#fn-3").get_attribute("data-pages"))


def test_home_leads_to_the_article_on_a_phone(at, site_url: str) -> None:
    page = at(360)
    page.goto(site_url)
    link = page.locator(".edited a").first
    assert link.bounding_box()["y"] < 740  # on the first screen
    assert page.locator(".toc .in-edition .mark-edited").count() >= 1


@pytest.mark.parametrize("width", WIDTHS)
def test_axe_and_screenshots(at, site_url: str, artifacts, width: int) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page = at(width)
    page.goto(site_url + ARTICLE + "#p-4")
    page.wait_for_timeout(300)
    page.screenshot(path=str(artifacts / f"reading-article-{width}.png"))
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    page.locator("#p-4").click()  # the passage box open
    page.screenshot(path=str(artifacts / f"reading-passage-{width}.png"))
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    page.goto(site_url)
    page.screenshot(path=str(artifacts / f"reading-home-{width}.png"))
    assert Axe().run(page).violations_count == 0


def test_print_shows_page_numbers_and_endnotes(at, site_url: str, artifacts) -> None:
    page = at(1280)
    page.goto(site_url + ARTICLE)
    page.emulate_media(media="print")
    assert page.locator(".body .pb-n").first.is_visible()
    assert page.locator(".body .sidenote:visible").count() == 0
    assert page.locator(".notes li").first.is_visible()
    page.pdf(path=str(artifacts / "reading-print.pdf"))
