"""The segmenter: sentence boundaries, clause splits, pauses, title and byline."""

from __future__ import annotations

import pytest

from voxpress.models import Article, Block
from voxpress.script import build_script, split_clauses, split_sentences
from voxpress.voices import Pauses, VoiceProfile


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Politico reported on Oct. 23, citing U.S. officials. Next.",
            ["Politico reported on Oct. 23, citing U.S. officials.", "Next."],
        ),
        ("J.K. Rowling met Dr. Smith. He said hi!", ["J.K. Rowling met Dr. Smith.", "He said hi!"]),
        ("It is in the U.S. The outlet said so.", ["It is in the U.S.", "The outlet said so."]),
        (
            "Sen. Warren and Gov. Newsom spoke. Then Mr. Biden.",
            ["Sen. Warren and Gov. Newsom spoke.", "Then Mr. Biden."],
        ),
        ("John F. Kennedy was shot. It was 1963.", ["John F. Kennedy was shot.", "It was 1963."]),
        ("He left at 5 p.m. He was tired.", ["He left at 5 p.m.", "He was tired."]),
        ("She was No. 2 in 2022. Then she quit.", ["She was No. 2 in 2022.", "Then she quit."]),
        ('"Hello." Then she left?! Yes.', ['"Hello."', "Then she left?!", "Yes."]),
        ("Apple Inc. said it would. Shares rose.", ["Apple Inc. said it would.", "Shares rose."]),
        (
            "Prices rose 3.5 percent. Analysts were surprised.",
            ["Prices rose 3.5 percent.", "Analysts were surprised."],
        ),
        ("Visit example.com for more. Or not.", ["Visit example.com for more.", "Or not."]),
        ("", []),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_long_sentence_splits_at_clause_boundary() -> None:
    sentence = (
        "Kyiv submitted its application to join in September 2022, and in July 2024 the alliance "
        "affirmed Ukraine's path to full integration, including membership — though Ukraine has not "
        "received any definitive news about its future accession to the alliance."
    )
    parts = split_clauses(sentence, 35)
    assert len(parts) == 2
    assert parts[1].startswith("though Ukraine")
    assert all(len(p.split()) <= 35 for p in parts)
    assert split_clauses("Short one.", 35) == ["Short one."]


def test_pauses_follow_the_profile() -> None:
    article = Article(
        title="A title",
        byline="Jane Doe",
        blocks=(
            Block("paragraph", "First sentence. Second sentence."),
            Block("heading", "A heading", 2),
            Block("list_item", "An item"),
        ),
    )
    profile = VoiceProfile(
        "t", pauses=Pauses(sentence_ms=300, paragraph_ms=700, heading_ms=1100, title_ms=1500)
    )
    segs = build_script(article, profile)
    assert [(s.kind, s.text, s.pause_after_ms, s.block) for s in segs] == [
        ("title", "A title", 1500, None),
        ("byline", "By Jane Doe.", 1500, None),
        ("sentence", "First sentence.", 300, 0),
        ("sentence", "Second sentence.", 700, 0),
        ("heading", "A heading", 1100, 1),
        ("sentence", "An item", 0, 2),
    ]


def test_title_and_byline_can_be_turned_off() -> None:
    article = Article(title="T", byline="B", blocks=(Block("paragraph", "Body text."),))
    segs = build_script(article, VoiceProfile("t", read_title=False, read_byline=False))
    assert [s.text for s in segs] == ["Body text."]
    segs = build_script(article, VoiceProfile("t", byline_template="Written by {byline}"))
    assert segs[1].text == "Written by B"


def test_the_languages_abbreviations_do_not_end_sentences() -> None:
    text = (
        "Die Stadt bekam 3,5 Mio. Euro vom Bund. Viele Gemeinden bzw. Landkreise gingen leer aus."
    )
    assert split_sentences(text) == [
        "Die Stadt bekam 3,5 Mio.",
        "Euro vom Bund.",
        "Viele Gemeinden bzw.",
        "Landkreise gingen leer aus.",
    ]
    assert split_sentences(text, frozenset({"mio", "bzw"})) == [
        "Die Stadt bekam 3,5 Mio. Euro vom Bund.",
        "Viele Gemeinden bzw. Landkreise gingen leer aus.",
    ]


def test_german_ordinals_do_not_end_sentences() -> None:
    text = "Am 3. Oktober stieg der 1. FC Köln in die 2. Bundesliga ab. Die Fans weinten."
    assert split_sentences(text, language="de") == [
        "Am 3. Oktober stieg der 1. FC Köln in die 2. Bundesliga ab.",
        "Die Fans weinten.",
    ]
    assert split_sentences("The score was 3. Then it rained.") == [
        "The score was 3.",
        "Then it rained.",
    ]


def test_a_german_article_is_scripted_with_german_abbreviations() -> None:
    from voxpress.render import normalizer_for

    article = Article(
        title="Ein Test",
        language="de",
        blocks=(
            Block("paragraph", "Die Stadt bekam z.B. 3,5 Mio. Euro vom Bund, sagte Dr. Müller."),
        ),
    )
    profile = VoiceProfile(name="test", read_title=False, read_byline=False)
    spoken = [s.text for s in build_script(article, profile, normalizer_for(article, profile))]
    assert (
        spoken[-1]
        == "Die Stadt bekam zum Beispiel 3,5 Millionen Euro vom Bund, sagte Doktor Müller."
    )


def test_an_article_in_another_language_says_by_and_the_table_note_in_it() -> None:
    article = Article(
        title="Ein Test",
        language="de",
        byline="Dennis Kochinky",
        blocks=(Block("paragraph", "Anpfiff ist um halb sieben."), Block("table", "")),
    )
    spoken = [s.text for s in build_script(article, VoiceProfile(name="test"))]
    assert spoken == [
        "Ein Test",
        "Von Dennis Kochinky.",
        "Anpfiff ist um halb sieben.",
        "Hier ist eine Tabelle ausgelassen.",
    ]
    english = Article(title="A test", language="en", byline="Jane Doe", blocks=article.blocks)
    assert [s.text for s in build_script(english, VoiceProfile(name="test"))][1] == "By Jane Doe."
    custom = VoiceProfile(name="test", table_note="Tabelle.")
    assert [s.text for s in build_script(article, custom)][-1] == "Tabelle."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("今天天气很好。我们去公园吧！你去吗？", ["今天天气很好。", "我们去公园吧！", "你去吗？"]),
        ("東京は晴れ。「行こう！」と彼は言った。", ["東京は晴れ。", "「行こう！」と彼は言った。"]),
        ("오늘은 맑음. 내일은 비.", ["오늘은 맑음.", "내일은 비."]),
    ],
)
def test_chinese_and_japanese_split_on_their_own_full_stops(text: str, expected: list[str]) -> None:
    assert split_sentences(text, language="zh") == expected


def test_a_paragraph_broken_mid_sentence_gets_no_paragraph_pause() -> None:
    article = Article(
        title="T",
        blocks=(
            Block("paragraph", "The report was written by the Ministry of"),
            Block("paragraph", "defence, officials said."),
            Block("paragraph", "A new paragraph."),
        ),
    )
    profile = VoiceProfile("p", pauses=Pauses(paragraph_ms=900, clause_ms=150))
    pauses = [s.pause_after_ms for s in build_script(article, profile)[1:]]
    assert pauses[0] == 150  # the sentence goes on in the next block
    assert pauses[1] == 900


def test_a_sentence_with_no_clause_to_cut_at_is_cut_between_words() -> None:
    sentence = " ".join(["word"] * 200)
    pieces = split_clauses(sentence, 40)
    assert len(pieces) == 5 and all(len(p.split()) == 40 for p in pieces)


def test_a_50000_character_token_is_dropped_and_the_rest_renders(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """espeak-ng crashed (exit 139) on one 'word' of 50,000 characters; the script drops any run
    of more than MAX_TOKEN characters, says so in the log, and the real engine reads the rest."""
    from voxpress.engines import create_engine
    from voxpress.normalize import Normalizer
    from voxpress.script import MAX_TOKEN
    from voxpress.voices import load_profile

    blob = ("x9Qz" * 12500)[:50000]
    long_word = "Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz"
    assert len(long_word) <= MAX_TOKEN
    article = Article(
        title="T", blocks=(Block("paragraph", f"Before {blob} after, and {long_word}."),)
    )
    profile = load_profile()
    with caplog.at_level("WARNING", logger="voxpress.script"):
        segments = build_script(article, profile, Normalizer("en"))
    assert "50000-character run" in caplog.text
    body = segments[-1].text
    assert blob[:100] not in body and "after" in body and long_word in body
    engine = create_engine(profile)
    clip = engine.synthesize(body)
    assert 1 < clip.duration < 15
