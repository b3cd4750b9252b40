"""Written-word timings and what is published from them: the manifest's words, the word-level
WebVTT and the Podcasting 2.0 transcript. Timelines are built by hand here, in samples, so every
expected time is exact; the real engines' word times are tested end to end in test_player.py."""

from __future__ import annotations

import json
import re

from voxpress import publish
from voxpress.models import Article, Block, Segment, TimedSegment, Timeline, WordTime
from voxpress.words import WrittenWord, align, written_words

RATE = 1000  # one sample per millisecond keeps the arithmetic readable


def said(spoken: str, spans: list[tuple[int, int]]) -> tuple[WordTime, ...]:
    """Word times for the words of ``spoken``, in order, one (start, end) span each."""
    words = [(m.start(), len(m.group())) for m in re.finditer(r"\S+", spoken)]
    assert len(words) == len(spans)
    return tuple(WordTime(o, n, a, b) for (o, n), (a, b) in zip(words, spans))


def test_identical_words_take_the_spoken_times() -> None:
    times = said("Kyiv said no.", [(0, 300), (350, 600), (650, 800)])
    assert align("Kyiv said no.", "Kyiv said no.", times) == (
        WrittenWord("Kyiv", 0, 0, 300),
        WrittenWord("said", 5, 350, 600),
        WrittenWord("no.", 10, 650, 800),
    )


def test_a_written_number_spans_all_the_words_it_is_read_as() -> None:
    spoken = "It cost one point five billion dollars last year."
    times = said(spoken, [(0, 100), (100, 300), (300, 500), (500, 650), (650, 800)] + [
        (800, 1000), (1000, 1300), (1300, 1500), (1500, 1800)
    ])  # fmt: skip
    words = align("It cost $1.5bn last year.", spoken, times)
    assert [(w.text, w.start, w.end) for w in words] == [
        ("It", 0, 100),
        ("cost", 100, 300),
        ("$1.5bn", 300, 1300),  # from "one" to "dollars"
        ("last", 1300, 1500),
        ("year.", 1500, 1800),
    ]


def test_unmatched_words_share_the_span_by_length_and_punctuation_is_no_word() -> None:
    # "U.S." said as two letters, then a dash that is not said
    spoken = "The U S — and NATO agree"
    times = said(spoken, [(0, 100), (100, 200), (200, 300), (300, 300), (300, 400)] + [
        (400, 600), (600, 900)
    ])  # fmt: skip
    words = align("The U.S. — and NATO agree", spoken, times)
    assert [w.text for w in words] == ["The", "U.S.", "and", "NATO", "agree"]
    assert (words[1].start, words[1].end) == (100, 300)
    # two written words for four spoken ones: shared in proportion to length (6:10 letters)
    spoken = "one two three fifty"
    words = align("One-two three-fifty", spoken, said(spoken, [(0, 100), (100, 200)] + [
        (200, 400), (400, 700)
    ]))  # fmt: skip
    assert [(w.text, w.start, w.end) for w in words] == [
        ("One-two", 0, 262),
        ("three-fifty", 262, 700),
    ]


def test_written_words_never_said_sit_in_the_gap_between_their_neighbours() -> None:
    spoken = "Hello world"
    words = align("Hello (AFP) world", spoken, said(spoken, [(0, 200), (300, 500)]))
    assert [(w.text, w.start, w.end) for w in words] == [
        ("Hello", 0, 200),
        ("(AFP)", 200, 300),
        ("world", 300, 500),
    ]


def test_no_word_times_means_none() -> None:
    seg = Segment("Hello world", "sentence", 0, 0, "Hello world")
    assert written_words(TimedSegment(seg, 0, 500)) is None
    assert written_words(TimedSegment(seg, 0, 500, ())) is None
    music = Segment("", "intro", 0, None, "[music]")
    assert written_words(TimedSegment(music, 0, 500, ())) is None


ARTICLE = Article(
    title="Budget <agreed>",
    blocks=(
        Block("paragraph", "It cost $1.5bn & more."),
        Block("heading", "Next", 2),
        Block("paragraph", "Nobody knows."),
    ),
    language="en",
)


def timeline(words: bool = True) -> Timeline:
    """Title, a sentence with a number, a heading and a sentence, the last without word times."""
    title = Segment("Budget agreed", "title", 500, None, "Budget <agreed>")
    spoken = "It cost one point five billion dollars and more."
    first = Segment(spoken, "sentence", 700, 0, "It cost $1.5bn & more.")
    heading = Segment("Next", "heading", 500, 1, "Next")
    last = Segment("Nobody knows.", "sentence", 0, 2, "Nobody knows.")
    spans = [(1600 + 200 * k, 1780 + 200 * k) for k in range(9)]
    segs = (
        TimedSegment(
            title, 10, 1000, said(title.text, [(10, 400), (450, 1000)]) if words else None
        ),
        TimedSegment(first, 1600, 3400, said(first.text, spans) if words else None),
        TimedSegment(heading, 4100, 4500, said("Next", [(4100, 4500)]) if words else None),
        TimedSegment(last, 5000, 6000),
    )
    return Timeline(RATE, 6500, segs)


def test_word_timing_says_how_much_is_known() -> None:
    assert publish.word_timing(timeline()) == "partial"
    assert publish.word_timing(timeline(words=False)) == "none"
    full = timeline()
    full = Timeline(RATE, 6500, full.segments[:3])
    assert publish.word_timing(full) == "measured"


def test_the_manifest_gives_every_written_word_its_time() -> None:
    m = json.loads(
        publish.manifest(
            ARTICLE,
            timeline(),
            mp3="budget.mp3",
            mp3_bytes=1,
            engine="test",
            voice="test",
            settings={},
            files={},
            version="0",
        )
    )
    assert m["word_timing"] == "partial"
    title, first, _, last = m["segments"]
    assert title["written"] == "Budget <agreed>"
    assert [w["text"] for w in title["words"]] == ["Budget", "<agreed>"]
    assert first["words"][2] == {"text": "$1.5bn", "offset": 8, "start": 2.0, "end": 3.18}
    assert [w["text"] for w in first["words"]] == ["It", "cost", "$1.5bn", "more."]
    assert last["words"] is None and last["written"] == "Nobody knows."
    assert m["chapters"] == [
        {"title": "Budget <agreed>", "start": 0.0, "end": 4.1},
        {"title": "Next", "start": 4.1, "end": 6.5},
    ]


def test_word_vtt_tags_each_word_inside_its_cue_and_escapes_the_text() -> None:
    vtt = publish.to_word_vtt(timeline())
    blocks = vtt.split("\n\n")
    assert blocks[0] == "WEBVTT"
    assert (
        blocks[1]
        == "1\n00:00:00.000 --> 00:00:01.600\n<00:00:00.010>Budget <00:00:00.450>&lt;agreed&gt;"
    )
    assert blocks[2] == (
        "2\n00:00:01.600 --> 00:00:04.100\n"
        "It <00:00:01.800>cost <00:00:02.000>$1.5bn &amp; <00:00:03.200>more."
    )  # "It" starts with the cue: no tag; "&" is no word and is not said apart
    assert blocks[3] == "3\n00:00:04.100 --> 00:00:05.000\nNext"
    assert blocks[4].startswith("4\n00:00:05.000 --> 00:00:06.500\nNobody knows.")
    # and the sentence VTT escapes the same way
    assert "Budget &lt;agreed&gt;" in publish.to_vtt(publish.cues(timeline()))


def test_podcasting_transcript_is_by_word_where_known_else_by_sentence() -> None:
    data = json.loads(publish.transcript_json(timeline()))
    assert data["version"] == "1.0.0"
    bodies = [s["body"] for s in data["segments"]]
    assert bodies == [
        "Budget",
        "<agreed>",
        "It",
        "cost",
        "$1.5bn",
        "more.",
        "Next",
        "Nobody knows.",
    ]
    assert data["segments"][4] == {"startTime": 2.0, "endTime": 3.18, "body": "$1.5bn"}
    assert data["segments"][-1] == {"startTime": 5.0, "endTime": 6.0, "body": "Nobody knows."}


def test_the_embed_snippet_escapes_and_only_links_http() -> None:
    snippet = publish.embed_snippet(
        'a"b.json', "a b.mp3", 'AI <said> "so"', "https://cdn.example/au/"
    )
    assert 'src="https://cdn.example/au/a%22b.json"' in snippet
    assert 'src="https://cdn.example/au/a%20b.mp3"' in snippet
    assert 'notice="AI &lt;said&gt; &quot;so&quot;"' in snippet
    assert '<script src="https://cdn.example/au/voxpress-player.js" defer></script>' in snippet
    assert 'src="x.json"' in publish.embed_snippet("x.json", "x.mp3", "n")
    for bad in ("javascript:alert(1)", "ftp://example.com/", "//example.com/"):
        try:
            publish.embed_snippet("x.json", "x.mp3", "n", bad)
        except ValueError:
            continue
        raise AssertionError(f"{bad} accepted")


def test_the_player_page_carries_its_data_safely() -> None:
    hostile = Article(
        title="</script><script>alert(1)</script>",
        blocks=(Block("paragraph", "A <b>bold</b> claim & more."),),
        language="en",
        url="javascript:alert(1)",
    )
    seg = Segment("A bold claim and more.", "sentence", 0, 0, "A <b>bold</b> claim & more.")
    tl = Timeline(RATE, 2000, (TimedSegment(seg, 0, 1500),))
    page = publish.player_page(hostile, tl, "x.mp3", "Made with AI.")
    assert page.count("</script>") == 2  # the data's and the player's: nothing from the article
    assert "<b>" not in page and "&lt;b&gt;bold&lt;/b&gt;" in page
    assert "javascript:" not in page and "Original article" not in page
    data = re.search(r'<script type="application/json">(.*?)</script>', page, re.DOTALL)
    assert data and json.loads(data.group(1))["segments"][0]["written"] == seg.written
