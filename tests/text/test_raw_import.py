

def test_a_marker_after_a_german_closing_quote_and_a_lost_one_skipped() -> None:
    from edition.text.raw import _markers

    assert _markers("die „Vertrauenskrise“4. Dann", 4) == ("die „Vertrauenskrise“[^4]. Dann", 5)
    # Marker 5 was lost by the extractor: 6 is taken, so the sequence reads on.
    assert _markers("erst hier6 und", 5) == ("erst hier[^6] und", 7)


def test_a_short_numbered_heading_is_no_note() -> None:
    from edition.text.raw import _numbered_heading

    assert _numbered_heading("2. Archival Sources")
    assert _numbered_heading("2.1 Фонды ЦК КПСС")
    assert not _numbered_heading("2. Ibid., p. 4.")
    assert not _numbered_heading("3 Rossiiskii gosudarstvennyi arkhiv noveishei")
