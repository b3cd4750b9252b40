"""The newsreader normalizer, table-driven from tests/data/speech_cases.tsv, plus lexicon rules."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from voxpress.errors import ProfileError
from voxpress.lexicon import load_lexicon, parse
from voxpress.normalize import Normalizer

CASES = Path(__file__).resolve().parent / "data" / "speech_cases.tsv"


def load_cases() -> list[tuple[str, str]]:
    rows = []
    for line in CASES.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        written, spoken = line.split("\t")
        rows.append((written, spoken))
    return rows


@pytest.fixture(scope="module")
def english() -> Normalizer:
    return Normalizer("en", [load_lexicon("en-news")])


def test_the_table_has_at_least_300_cases() -> None:
    assert len(load_cases()) >= 300


@pytest.mark.parametrize(("written", "spoken"), load_cases())
def test_case(english: Normalizer, written: str, spoken: str) -> None:
    assert english(written) == spoken


def test_no_english_rules_for_other_languages() -> None:
    german = Normalizer("de")
    assert german("Am 3. Oktober kamen 25 Gäste, Dr. Müller auch.") == (
        "Am dritten Oktober kamen fünfundzwanzig Gäste, Dr. Müller auch."
    )
    assert german("Der 1. Mai 1999 und seit 7. Juli, 1500 Menschen.") == (
        "Der erste Mai neunzehnhundertneunundneunzig und seit siebtem Juli, fünfzehnhundert Menschen."
    )
    assert Normalizer("fr")("Il y a 3 chats.") == "Il y a trois chats."


def test_other_languages_read_dates_times_and_ordinals_and_leave_decimals_to_espeak() -> None:
    # '19.10.2019' was once read 'eins9.10.2019' and '12,5' 'eins2,5', and French '1 200' 'un deux
    # cents'; then they were left to espeak-ng, which said 'neunzehn Punkt zehn Punkt …', 'fünfzehn
    # Uhr dreißig Uhr', 'der drei Platz' and 'sept hache trente-six'. Grouped numbers and decimals
    # are still left to espeak-ng, which reads those right in the voice's language.
    german = Normalizer("de")
    assert german("Am 19.10.2019 um 15:30 Uhr kamen 1.200 Menschen, 12,5 Prozent mehr.") == (
        "Am neunzehnten Oktober zweitausendneunzehn um fünfzehn Uhr dreißig kamen 1.200 Menschen,"
        " 12,5 Prozent mehr."
    )
    assert german("Der 3. Platz, zum 2. Mal, im 20. Jahrhundert.") == (
        "Der dritte Platz, zum zweiten Mal, im zwanzigsten Jahrhundert."
    )
    assert (
        Normalizer("fr")("À 07h36, 1 200 personnes et 3 chats.")
        == "À sept heures trente-six, 1 200 personnes et trois chats."
    )
    assert Normalizer("es")("Pagaron $300 el 4 de mayo.") == "Pagaron $300 el cuatro de mayo."


def test_brazilian_pages_get_brazilian_numbers() -> None:
    sentence = "Foram 19 mortos e 16 feridos às 20h13."
    assert Normalizer("pt-BR")(sentence) == (
        "Foram dezenove mortos e dezesseis feridos às vinte horas e treze minutos."
    )
    assert Normalizer("pt")(sentence).startswith("Foram dezanove mortos e dezasseis")
    from voxpress.models import Article, Block
    from voxpress.render import normalizer_for
    from voxpress.voices import load_profile

    page = Article(
        "T", (Block("paragraph", sentence),), language="pt", url="https://g1.globo.com.br/a"
    )
    assert normalizer_for(page, load_profile())(sentence).startswith("Foram dezenove")


def test_polish_dates_are_read_as_ordinals_in_the_genitive() -> None:
    polish = Normalizer("pl")
    assert polish("w terminie 20 października 2020 r., w składzie") == (
        "w terminie dwudziestego października dwa tysiące dwudziestego roku, w składzie"
    )
    assert polish("Było 3 maja.") == "Było trzeciego maja."


def test_lexicon_case_and_word_boundaries() -> None:
    lex = parse("US = United States\nkyiv = keev\nair raid = air-raid  # a phrase\n")
    assert lex.apply("The US and us.") == "The United States and us."
    assert lex.apply("KYIV, Kyiv's and Kyivstar") == "Keev, Keev's and Kyivstar"
    assert lex.apply("An air raid alert") == "An air-raid alert"


def test_malformed_lexicon_line_is_named() -> None:
    with pytest.raises(ProfileError, match="line 2: expected 'written = spoken'"):
        parse("ok = fine\nnot an entry\n", "mine")


def test_normalizing_a_long_article_is_fast(english: Normalizer) -> None:
    """Not a timing assertion: guards against accidental quadratic behaviour (generous bound)."""
    sentences = [w for w, _ in load_cases()] * 40
    start = time.perf_counter()
    for s in sentences:
        english(s)
    assert time.perf_counter() - start < 30


NEWSY = "0123456789 ,./:-–%$£€xXpPsSkKmMbnthaAGNH()'\"&+#@"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=NEWSY, max_size=80), st.sampled_from(["en", "de", "fr", "es", "pl"]))
def test_any_mix_of_digits_and_signs_is_read_without_error(text: str, language: str) -> None:
    spoken = Normalizer(language)(text)
    assert isinstance(spoken, str)


def test_a_run_of_thousands_of_digits_is_read_digit_by_digit() -> None:
    # int() refuses strings of more than 4,300 digits; such runs are IDs, not amounts.
    spoken = Normalizer("en")("A" * 50 + "1" * 5000)
    assert spoken.endswith("one one one")


def test_an_article_gets_its_languages_abbreviations_and_not_the_english_respellings() -> None:
    from voxpress.models import Article, Block
    from voxpress.render import normalizer_for
    from voxpress.voices import load_profile

    profile = load_profile("default")  # English, with the en-news lexicon

    def spoken(language: str, text: str) -> str:
        article = Article(title="T", blocks=(Block("paragraph", text),), language=language)
        return normalizer_for(article, profile)(text)

    assert spoken("de", "Es kam z.B. ein Brief über 3,5 Mio. Euro.") == (
        "Es kam zum Beispiel ein Brief über 3,5 Millionen Euro."
    )
    assert spoken("fr", "M. Macron a parlé.") == "Monsieur Macron a parlé."  # not 'Mah-cron'
    assert spoken("es", "Los EE.UU. votaron.") == "Los Estados Unidos votaron."
    assert spoken("en", "Macron spoke in Kyiv.") == "Mah-cron spoke in Keev."


def test_every_language_lexicon_parses() -> None:
    folder = Path(__file__).resolve().parent.parent / "voices" / "lexicons" / "languages"
    files = sorted(folder.glob("*.txt"))
    assert len(files) >= 6
    for path in files:
        assert parse(path.read_text(encoding="utf-8"), path.stem).entries
