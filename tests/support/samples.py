"""The sample articles: the bundled one, and small synthetic ones in other languages.

The synthetic ones are made to exercise what the bundled article lacks:
headings, Cyrillic and Latin diacritics, archives cited in several styles,
"Ibid."/"Там же" chains, markers before punctuation and one long note that
no page can hold whole.
"""

from __future__ import annotations

from collections.abc import Callable

from .bundled import bundled_doc, short_title
from .doc import (
    Author,
    Bibliography,
    BibSection,
    Doc,
    Front,
    Heading,
    Labels,
    Note,
    Paragraph,
    text,
)


def _body(blocks: list[tuple[int, str]]) -> tuple[Paragraph | Heading, ...]:
    """(0, paragraph) or (level, heading) in mini-markup."""
    return tuple(Heading(k, text(s)) if k else Paragraph(text(s)) for k, s in blocks)


def _notes(notes: list[str]) -> tuple[Note, ...]:
    return tuple(Note(i, text(s)) for i, s in enumerate(notes, 1))


def _sentences(pool: list[str], start: int, count: int) -> str:
    """A paragraph of `count` sentences taken round the pool from `start`."""
    return " ".join(pool[(start + i) % len(pool)] for i in range(count))


_RU_POOL = [
    "Советское руководство внимательно следило за развитием событий в регионе.",
    "Переписка посольства с центром свидетельствует о нарастании взаимного недоверия.",
    "Вопрос о поставках зерна неоднократно обсуждался на заседаниях Президиума.",
    "Албанская сторона настаивала на пересмотре условий торгового соглашения.",
    "В документах того времени отчётливо прослеживается стремление избежать открытой полемики.",
    "Представители министерства иностранных дел готовили всё новые справки и проекты решений.",
    "Однако уже к осени ситуация изменилась коренным образом.",
]


def russian_doc() -> Doc:
    """A Russian-language article: Cyrillic labels, archives cited in Russian, Там же."""
    pool = _RU_POOL
    body = [
        (1, "Введение"),
        (0, _sentences(pool, 0, 5) + " Историография вопроса обширна[^1], но архивные "
         "материалы введены в оборот лишь частично[^2]."),
        (0, "Исследователи обращались к фондам *Российского государственного архива новейшей "
         "истории*[^3]. " + _sentences(pool, 2, 6) + " Особый интерес представляют рабочие "
         "записи заседаний[^4]."),
        (1, "Архивные источники"),
        (2, "Фонды ЦК КПСС"),
        (0, _sentences(pool, 4, 6) + " Решение было принято без обсуждения[^5], а его "
         "исполнение поручено МИД СССР[^6]. " + _sentences(pool, 1, 4)),
        (2, "Документы МИД"),
        (0, "Материалы Архива внешней политики позволяют уточнить хронологию[^7]. "
         + _sentences(pool, 3, 7) + " Посол получил указание действовать «твёрдо, но "
         "без резкостей»[^8]."),
        (0, _sentences(pool, 5, 8) + " Эти сведения подтверждаются и другими источниками[^9]."),
        (1, "Заключение"),
        (0, _sentences(pool, 6, 6) + " Разрыв стал необратимым к концу 1961 г.[^10]"),
        (0, _sentences(pool, 0, 7)),
    ]
    notes = [
        "См.: *Советско-албанские отношения, 1945–1968*. М., 2012. С. 5–17.",
        "РГАНИ. Ф. 3. Оп. 14. Д. 463. Л. 9.",
        "Там же. Л. 10–11.",
        "Там же. Д. 475. Л. 11 об.",
        "ГАРФ. Ф. Р-9401. Оп. 2. Д. 65. Л. 1–3.",
        "АВП РФ. Ф. 0129. Оп. 47. П. 355. Д. 14. Л. 7.",
        "Там же. Л. 8–9. Ср.: РГАСПИ. Ф. 17. Оп. 128. Д. 1. Л. 5.",
        "Подробнее см.: " + " ".join(
            f"РГАНИ. Ф. 3. Оп. 14. Д. {400 + k}. Л. {k + 1}–{k + 4}; в этом деле сохранились "
            "черновые записи, правленные рукой секретаря, и несколько вариантов проекта "
            "постановления, различающихся формулировками вводной части."
            for k in range(9)
        ),
        "*Правда*. 1961. 4 января. С. 2.",
        "Там же.",
    ]
    front = Front(
        journal="Славянский альманах",
        volume="12",
        year=2021,
        first_page=118,
        issn="2073-5731",
        authors=(Author("Анна Сергеевна Петрова", "Институт славяноведения РАН",
                        "petrova@example.org"),),
        title="Советско-албанский разрыв в документах российских архивов",
        short_title="Советско-албанский разрыв",
        abstract=text("В статье на материалах *РГАНИ* и АВП РФ рассматривается история "
                      "советско-албанского разрыва 1960–1961 гг. " + _sentences(pool, 1, 3)),
        keywords=("СССР", "Албания", "архивы", "внешняя политика"),
        labels=Labels("Аннотация:", "Ключевые слова:"),
    )
    bibliography = Bibliography("Литература", (
        BibSection("Архивные источники", (text("РГАНИ. Ф. 3. Оп. 14."),
                                          text("АВП РФ. Ф. 0129. Оп. 47."))),
        BibSection("", (text("*Советско-албанские отношения, 1945–1968*. М., 2012."),
                        text("Улунян А. А. Готовился ли переворот в Албании? // "
                             "*Славяноведение*. 2012. № 1. С. 16–32."))),
    ))
    return Doc(front, _body(body), _notes(notes), bibliography)


_DE_POOL = [
    "Die sowjetische Führung beobachtete die Entwicklung mit wachsender Unruhe.",
    "Die Berichte der Botschaft zeichnen ein widersprüchliches Bild der Lage.",
    "Über die Getreidelieferungen wurde im Präsidium mehrfach verhandelt.",
    "Die albanische Seite bestand auf einer Überprüfung des Handelsabkommens.",
    "Eine offene Polemik sollte um jeden Preis vermieden werden.",
    "Außenpolitische Überlegungen überlagerten dabei wirtschaftliche Interessen.",
]


def german_doc() -> Doc:
    """A German article: umlauts, „quotes“, markers before punctuation, Ebd. chains."""
    pool = _DE_POOL
    body = [
        (1, "Einleitung"),
        (0, _sentences(pool, 0, 4) + " Die Forschung hat diese Frage oft gestellt[^1]; "
         "beantwortet wurde sie selten[^2]."),
        (0, "Die Akten des *Politischen Archivs* erlauben einen neuen Blick[^3]. "
         + _sentences(pool, 2, 5) + " Der Botschafter sprach von einer „Vertrauenskrise“[^4]."),
        (1, "Die Quellen"),
        (2, "Moskauer Archive"),
        (0, _sentences(pool, 1, 6) + " Der Beschluss fiel ohne Aussprache[^5], die "
         "Ausführung übernahm das Außenministerium[^6]."),
        (2, "Tiranaer Überlieferung"),
        (0, _sentences(pool, 3, 7) + " Die Überlieferung ist lückenhaft[^7]."),
        (0, _sentences(pool, 4, 6) + " Ähnliches berichtet die Gegenseite[^8]."),
    ]
    notes = [
        "Vgl. M. Lüthi, *The Sino-Soviet Split* (Princeton, 2008), S. 202.",
        "RGASPI, f. 17, op. 128, d. 1, l. 5.",
        "GARF. F. R-9401. Op. 2. D. 65. L. 1–3.",
        "Ebd., L. 4.",
        "AVP RF, f. 0129, op. 47, p. 355, d. 14, l. 7.",
        "Ebd., l. 8–9; ausführlicher dazu " + " ".join(
            f"RGANI, f. 3, op. 14, d. {440 + k}, l. {2 * k + 1}, wo die Entwürfe mit den "
            "handschriftlichen Korrekturen der Referenten erhalten sind."
            for k in range(14)
        ),
        "Ibid., l. 10.",
        "*Neues Deutschland*, 5. Januar 1961, S. 2.",
    ]
    front = Front(
        journal="Südosteuropäische Hefte",
        volume="XLVII",
        year=2018,
        first_page=51,
        issn="0038-3090",
        authors=(Author("Jürgen Müller", "Universität Göttingen"),),
        title="Moskau, Tirana und das Ende einer Freundschaft: Neue Quellen zur Krise "
              "der Jahre 1960–1961",
        short_title=short_title("Moskau, Tirana und das Ende einer Freundschaft"),
        abstract=text(_sentences(pool, 0, 3)),
        keywords=("Sowjetunion", "Albanien", "Kalter Krieg"),
        labels=Labels("Zusammenfassung:", "Schlagwörter:"),
    )
    bibliography = Bibliography("Literaturverzeichnis", (
        BibSection("", (text("Lüthi, M. *The Sino-Soviet Split*. Princeton, 2008."),
                        text("Mëhilli, E. *From Stalin to Mao*. Ithaca, 2017."))),
    ))
    return Doc(front, _body(body), _notes(notes), bibliography)


_SR_POOL = [
    "Sovjetsko rukovodstvo je pažljivo pratilo razvoj događaja na Balkanu.",
    "Izveštaji ambasade svedoče o sve većem međusobnom nepoverenju.",
    "Pitanje isporuka žita više puta je razmatrano na sednicama Prezidijuma.",
    "Jugoslovenska strana je sa zadovoljstvom beležila zahlađenje odnosa Moskve i Tirane.",
    "Ćutanje zvanične štampe bilo je rečitije od saopštenja.",
]


def serbian_doc() -> Doc:
    """A Serbian (Latin script) article: č ć š ž đ, Isto/Ibid. chains."""
    pool = _SR_POOL
    body = [
        (0, _sentences(pool, 0, 5) + " O tome svedoče dokumenti[^1], ali i memoari[^2]."),
        (0, _sentences(pool, 1, 6) + " Odluka je doneta bez rasprave[^3]."),
        (1, "Izvori"),
        (0, _sentences(pool, 2, 7) + " Ambasador je dobio uputstva[^4], koja je izvršio[^5]."),
        (0, _sentences(pool, 3, 6)),
        (0, _sentences(pool, 4, 8) + " Sve je to ostalo bez odgovora."),
        (0, _sentences(pool, 0, 9)),
        (0, _sentences(pool, 2, 9)),
    ]
    notes = [
        "Arhiv Jugoslavije, fond 507, CK SKJ, IX, 1/I-45.",
        "*Memoari*, Beograd 1990, 112–115.",
        "RGANI, F 3, inv. 14, f. 463, p. 9.",
        "Isto, p. 10.",
        "Ibid., pp. 11–12.",
    ]
    front = Front(
        journal="Istorijski zapisi",
        volume="3",
        year=2020,
        first_page=9,
        issn="0021-2652",
        authors=(Author("Đorđe Šćepanović", "Istorijski institut, Beograd"),
                 Author("Milica Živković", "Filozofski fakultet, Novi Sad")),
        title="Jugoslavija i sovjetsko-albanski raskol",
        short_title="Jugoslavija i sovjetsko-albanski raskol",
        abstract=text(_sentences(pool, 0, 2)),
        keywords=("Jugoslavija", "SSSR", "Albanija"),
        labels=Labels("Apstrakt:", "Ključne reči:"),
    )
    bibliography = Bibliography("Literatura", (
        BibSection("", (text("*Memoari*. Beograd, 1990."),)),
    ))
    return Doc(front, _body(body), _notes(notes), bibliography)


SAMPLES: dict[str, Callable[[], Doc]] = {
    "bundled": bundled_doc,
    "russian": russian_doc,
    "german": german_doc,
    "serbian": serbian_doc,
}
