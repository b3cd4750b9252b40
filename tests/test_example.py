"""The example article: every body paragraph is spoken, none of the page chrome is."""

from __future__ import annotations

from pathlib import Path

from voxpress.extract import extract
from voxpress.render import RenderOptions, profile_for, script_for
from voxpress.sources import load

BODY_STARTS = [
    "Editor's note: This story was updated",
    "Belgium, Slovenia and Spain are among seven NATO countries",
    "While Germany and the U.S. are already known",
    "In mid-October, Zelensky unveiled his five-point victory plan",
    '"Countries like Belgium, Slovenia or Spain are hiding behind',
    'The nations "support it in the abstract',
    "Two other countries — Hungary and Slovakia",
    "Later on Oct.24 in a comment to Babel",
    "Zelensky said earlier this week that Germany has softened",
    '"But still, the U.S. will have an impact on this',
    "Kyiv submitted its application to join in September 2022",
    "According to the information obtained by the Kyiv Independent",
]
CHROME = [
    "Stand behind Ukrainian independent journalism",
    "Skip to content",
    "Edit post",
    "min read",
    "Kevin Dietsch",
    "joint press conference with former NATO Secretary",
    "This audio is created with AI assistance",
    "Is NATO ready for war with Russia",
    "braindead",
    "Independent journalism needs a community",
    "reach 20,000 members",
    "News Feed",
    "Trump",
    "MORE NEWS",
    "Editors' Picks",
    "Enter your email",
    "indicates required",
    "Subscribe",
    "Successfuly subscribed",
    "Share",
    "All rights reserved",
]


def test_example_extracts_metadata(example: Path) -> None:
    a = extract(load(str(example)))
    assert (
        a.title
        == "At least 7 countries resisting Ukraine's NATO membership invitation, Politico reports"
    )
    assert a.byline == "Kateryna Denisova"
    assert a.published == "2024-10-24T09:26:00+03:00"
    assert a.site_name == "The Kyiv Independent"
    assert a.language == "en"
    assert a.url and a.url.startswith("https://kyivindependent.com/at-least-7-countries")


def test_example_blocks_are_exactly_the_body(example: Path) -> None:
    a = extract(load(str(example)))
    assert [b.kind for b in a.blocks] == ["paragraph"] * len(BODY_STARTS)
    for block, start in zip(a.blocks, BODY_STARTS):
        assert block.text.startswith(start)
    assert a.blocks[-1].text.endswith("within the months, not years.")


def test_example_script_has_every_paragraph_and_no_chrome(example: Path) -> None:
    article = extract(load(str(example)))
    segments = script_for(article, profile_for(RenderOptions()))
    spoken_blocks = {s.block for s in segments if s.block is not None}
    assert spoken_blocks == set(range(len(article.blocks)))
    written = " ".join(s.written for s in segments)
    for start in BODY_STARTS:
        assert start.split()[1] in written
    for chrome in CHROME:
        assert chrome not in written, chrome
    assert segments[0].kind == "title" and segments[1].kind == "byline"
    assert segments[1].written == "By Kateryna Denisova."


def test_bylines_lose_run_on_dates() -> None:
    from voxpress.metadata import normalize_byline

    assert normalize_byline("By GILLIAN MOHNEY March 11, 2015 3:46 PM") == "GILLIAN MOHNEY"
    assert normalize_byline("by Jane Doe, Updated 3 hours ago") == "Jane Doe"
    assert normalize_byline("Kateryna Denisova") == "Kateryna Denisova"
    assert normalize_byline("https://example.com/author/x") is None
