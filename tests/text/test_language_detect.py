"""The article's language from its words; Croatian and Serbian in Latin script told apart."""

from __future__ import annotations

import pytest

from edition.text.language import detect_language

SHARED = "i da se na je u od za su sa kao iz o ali do što nije bio bili "  # both languages'


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("the end of the war and the peace of the world " * 5, "en"),
        ("это было не так и в то же время не на месте " * 5, "ru"),
        ("рат је био у граду и да се на тај начин што није " * 5, "sr"),
        ("der Krieg und die Welt in den Jahren von der Zeit " * 5, "de"),
        ("la guerre et la paix dans le monde de la France " * 5, "fr"),
        (SHARED * 2 + "tijekom rata prije svega gdje tisuća stoljeća", "hr"),
        (SHARED * 2 + "tokom rata pre svega gde hiljada veka", "sr"),
        (SHARED * 2, "sr"),  # no telling word: Serbian, as before the varieties were known
        ("a few words", ""),
    ],
)
def test_detect_language(text: str, language: str) -> None:
    assert detect_language([text]) == language


def test_a_croatian_text_quoting_a_serbian_word_stays_croatian() -> None:
    text = SHARED * 3 + "tijekom prije gdje vrijeme tisuća " * 3 + "tokom"
    assert detect_language([text]) == "hr"
