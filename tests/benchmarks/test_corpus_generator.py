"""The synthetic corpus: coarse reader, re-pagination, synthesis, determinism."""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # `benchmarks` lives at the root, next to `src`
    sys.path.insert(0, str(ROOT))

from benchmarks import corpus  # noqa: E402

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "paginations"
MARKER = re.compile("[⁰¹²³⁴⁵⁶⁷⁸⁹]+")


def article(*body: str) -> str:
    """Wrap body blocks in a minimal header and bibliography."""
    return "\n\n".join(["Title", "Keywords: a, b", *body, "Bibliography", "- An entry."])


def markers(paragraphs: tuple[str, ...]) -> list[int]:
    digits = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
    return [int(m.translate(digits)) for text in paragraphs for m in MARKER.findall(text)]


def laid_out(seed: int, **options: object) -> str:
    return corpus.layout(corpus.bundled(), random.Random(seed), **options)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It ended.", True),
        ("It ended.¹", True),
        ("They said “no.”⁴⁵", True),
        ('Was it "over?"', True),
        ("in 1961.", True),
        ("Wow!", True),
        ("the", False),
        ("fulfil his duties", False),
        ("(still inaccessible to researchers)²²", False),
        ("given that the", False),
        ("obvi-", False),
    ],
)
def test_ends_sentence(text: str, expected: bool) -> None:
    assert corpus.ends_sentence(text) is expected


@pytest.mark.parametrize(
    ("left", "right", "pairs", "expected"),
    [
        ("Soviet", "Albanian", {}, True),  # a capital after the hyphen
        ("mid", "1950s", {}, True),  # a digit after the hyphen
        ("party", "state", {("party", "state"): 1}, True),  # written so elsewhere
        ("obvi", "ous", {}, False),
        ("agree", "ments", {("party", "state"): 1}, False),
        ("views", "ous¹", {}, False),
    ],
)
def test_keeps_hyphen(left: str, right: str, pairs: dict, expected: bool) -> None:
    assert corpus.keeps_hyphen(left, right, pairs) is expected


def test_hyphen_pairs_counts_pairs_within_lines_only() -> None:
    pairs = corpus.hyphen_pairs("Sino-Soviet-Albanian talks; Sino-Soviet split; a cross-\nborder")
    assert pairs == {("Sino", "Soviet"): 2, ("Soviet", "Albanian"): 1}


@pytest.mark.parametrize(
    ("body", "paragraphs", "kinds"),
    [
        (["One two", "¹ N.", "three four."], ["One two three four."], ["space"]),
        (["It is obvi-", "¹ N.", "ous now."], ["It is obvious now."], ["hyphen"]),
        (["The Soviet-", "¹ N.", "Albanian rift."], ["The Soviet-Albanian rift."], ["compound"]),
        (
            ["A spring-summer lull.", "In the spring-", "¹ N.", "summer of 1960."],
            ["A spring-summer lull.", "In the spring-summer of 1960."],
            ["compound"],
        ),
        (["One.¹", "¹ N.", "Two."], ["One.¹", "Two."], ["paragraph"]),
        (
            ["Page without notes and", "yet it goes on."],
            ["Page without notes and yet it goes on."],
            ["space"],
        ),
        (["One.", "Two."], ["One.", "Two."], []),
        (["One", "* a@b.c", "two."], ["One two."], ["space"]),
    ],
)
def test_parse_rejoins_paragraphs(body: list[str], paragraphs: list[str], kinds: list[str]) -> None:
    parsed = corpus.parse(article(*body))
    assert list(parsed.paragraphs) == paragraphs
    assert [b.kind for b in parsed.breaks] == kinds


def test_parse_splits_header_notes_and_bibliography() -> None:
    parsed = corpus.parse(article("Text.¹", "* me@example.org", "¹ A *note*.", "More.²", "² B."))
    assert parsed.header == "Title\n\nKeywords: a, b"
    assert parsed.notes == {1: "A *note*.", 2: "B."}
    assert parsed.author_note == "* me@example.org"
    assert parsed.bibliography == "Bibliography\n\n- An entry."


def test_parse_mini_fixture() -> None:
    parsed = corpus.parse((FIXTURES / "mini.txt").read_text(encoding="utf-8"))
    expected = (FIXTURES / "mini.expected.txt").read_text(encoding="utf-8").splitlines()
    assert list(parsed.paragraphs) == expected
    assert [b.kind for b in parsed.breaks] == ["space", "compound", "hyphen", "paragraph"]
    assert sorted(parsed.notes) == [1, 2, 3]


def test_parse_bundled_article() -> None:
    parsed = corpus.bundled()
    assert sorted(parsed.notes) == list(range(1, 46))
    assert markers(parsed.paragraphs) == list(range(1, 46))
    assert parsed.author_note == "* and-edem@yandex.ru"
    assert any("it is obvious that the liberties" in p for p in parsed.paragraphs)
    assert all(corpus.ends_sentence(p) for p in parsed.paragraphs)
    assert parsed.header.endswith("failed Communist brotherhood")
    assert parsed.bibliography.startswith("Bibliography\n\nUnpublished sources")


@pytest.mark.parametrize("seed", range(12))
def test_repaginate_keeps_every_paragraph(seed: int) -> None:
    source = corpus.bundled()
    again = corpus.parse(laid_out(seed))
    assert again.paragraphs == source.paragraphs
    assert again.notes == source.notes
    assert (again.header, again.bibliography) == (source.header, source.bibliography)
    assert again.author_note == source.author_note


@pytest.mark.parametrize("seed", range(6))
def test_repaginate_keeps_every_word_in_order(seed: int) -> None:
    """Without the coarse reader: drop note blocks, then compare the letters in order."""
    text = laid_out(seed)
    body = text[len(corpus.bundled().header) : text.index("\n\nBibliography\n")]
    blocks = [b for b in body.split("\n\n") if b and not re.match("[⁰¹²³⁴⁵⁶⁷⁸⁹]+ |\\* ", b)]

    def letters(text: str) -> str:
        return re.sub(r"[\s-]", "", text)

    assert letters("".join(blocks)) == letters("".join(corpus.bundled().paragraphs))


@pytest.mark.parametrize("seed", range(6))
def test_repaginate_moves_the_page_breaks(seed: int) -> None:
    source = {(b.paragraph, b.offset) for b in corpus.bundled().breaks}
    again = {(b.paragraph, b.offset) for b in corpus.parse(laid_out(seed)).breaks}
    assert len(again) >= 10
    assert len(source & again) <= len(again) // 3


def test_repaginate_breaks_inside_words_and_after_compounds() -> None:
    seen: dict[str, str] = {}
    for seed in range(10):
        text = laid_out(seed)
        parsed = corpus.parse(text)
        for brk in parsed.breaks:
            paragraph = parsed.paragraphs[brk.paragraph]
            before = paragraph[: brk.offset]
            if brk.kind == "hyphen":
                # The fragment ended in "xyz-"; the paragraph has the word whole.
                left = re.search(r"\w+$", before).group()
                word = left + re.match(r"\w+", paragraph[brk.offset :]).group()
                assert f"{left}-\n\n" in text
                assert f"{left}-" not in paragraph
                seen.setdefault("hyphen", word)
            if brk.kind == "compound":
                assert before.endswith("-")
                assert f"{before.split()[-1]}\n\n" in text
                seen.setdefault("compound", before.split()[-1] + paragraph[brk.offset :].split()[0])
    assert {"hyphen", "compound"} <= set(seen), seen


def test_repaginate_round_trips_the_mini_fixture() -> None:
    mini = corpus.parse((FIXTURES / "mini.txt").read_text(encoding="utf-8"))
    for seed in range(20):
        options = {"first_page": (20, 60), "page": (30, 90), "hyphen_rate": 0.5}
        again = corpus.parse(corpus.layout(mini, random.Random(seed), **options))
        assert again.paragraphs == mini.paragraphs
        assert again.notes == mini.notes


def test_repaginate_refuses_an_ambiguous_paragraph() -> None:
    with pytest.raises(ValueError, match="paragraph 2 does not end a sentence"):
        corpus.repaginate(
            ["Fine.", "Not ended"], {}, random.Random(0), header="H", bibliography="B"
        )


def test_repaginate_refuses_a_marker_without_note() -> None:
    with pytest.raises(ValueError, match="note marker 2 has no note"):
        corpus.repaginate(["A.¹ B.²"], {1: "x"}, random.Random(0), header="H", bibliography="B")


def test_synthesize_is_deterministic() -> None:
    assert corpus.synthesize(7, 3) == corpus.synthesize(7, 3)
    assert corpus.synthesize(7, 3) != corpus.synthesize(7, 4)
    assert corpus.synthesize(7, 3) != corpus.synthesize(8, 3)


@pytest.mark.parametrize("index", range(1, 31))
def test_synthesized_notes_are_numbered_and_matched(index: int) -> None:
    parsed = corpus.parse(corpus.synthesize(0, index))
    numbers = markers(parsed.paragraphs)
    assert numbers == list(range(1, len(numbers) + 1))  # each marker once, in order
    assert sorted(parsed.notes) == numbers  # each marker has exactly one note
    truth = corpus.synthetic_article(0, index)
    assert parsed.paragraphs == truth.paragraphs
    assert parsed.notes == truth.notes


def test_synthesized_articles_vary() -> None:
    articles = [corpus.synthetic_article(1, i) for i in range(1, 41)]
    assert len({len(a.notes) for a in articles}) > 5
    titles = [a.header.split("\n\nAbstract:")[0].rsplit("\n", 1)[-1] for a in articles]
    assert len(set(titles)) == len(titles)
    authors = [a.author_note for a in articles]
    assert len(set(authors)) == len(authors)
    archives = {
        re.match(r"[A-Z ]+?(?=, F)", n).group()
        for a in articles
        for n in a.notes.values()
        if re.match(r"[A-Z ]+?, F", n)
    }
    assert archives == set(corpus.ARCHIVES)


@pytest.mark.parametrize("index", range(1, 11))
def test_synthesized_archives_are_spelled_out_once_and_listed(index: int) -> None:
    article = corpus.synthetic_article(2, index)
    spelled = [n for _, n in sorted(article.notes.items()) if re.search(r"\) \[.*\], F ", n)]
    first_archival = next(n for _, n in sorted(article.notes.items()) if re.search(r", F \d", n))
    assert first_archival in spelled and "[F - Fonds/*fond*;" in first_archival
    for archive, (name, english) in corpus.ARCHIVES.items():
        full = [n for n in spelled if n.startswith(f"{name} ({archive}) [{english}], F ")]
        short = any(n.startswith(f"{archive}, F ") for n in article.notes.values())
        assert len(full) <= 1
        assert not short or full, f"{archive} cited before it is spelled out"
        assert bool(full) == (f"- {name} [{english}], Moscow" in article.bibliography)


def test_synthesized_header_names_author_and_title_in_contents() -> None:
    article = corpus.synthetic_article(0, 5)
    lines = article.header.split("\n")
    author = next(line[:-1] for line in lines if line.endswith("*") and not line.startswith("*"))
    title = lines[next(i for i, line in enumerate(lines) if line.startswith("Abstract:")) - 2]
    first, *_, last = author.split()
    assert f"{first[0]}. {last.upper()}, *{title}*" in article.header
    assert "Edemskiy" not in author or "EDEMSKIY" in article.header


def test_write_corpus_is_byte_identical(tmp_path: Path) -> None:
    a = corpus.write_corpus(tmp_path / "a", 3, seed=5)
    b = corpus.write_corpus(tmp_path / "b", 3, seed=5)
    assert [p.name for p in a] == ["article-0001.txt", "article-0002.txt", "article-0003.txt"]
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]
    assert a[1].read_text(encoding="utf-8") == corpus.synthesize(5, 2)


def test_write_corpus_removes_articles_left_from_a_larger_run(tmp_path: Path) -> None:
    corpus.write_corpus(tmp_path, 4, seed=0)
    (tmp_path / "notes.md").write_text("kept")
    corpus.write_corpus(tmp_path, 2, seed=0)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "article-0001.txt",
        "article-0002.txt",
        "notes.md",
    ]


def test_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert corpus.main(["--count", "2", "--out", str(tmp_path), "--seed", "4"]) == 0
    assert f"wrote 2 articles to {tmp_path}" in capsys.readouterr().out
    assert (tmp_path / "article-0002.txt").read_text(encoding="utf-8") == corpus.synthesize(4, 2)
