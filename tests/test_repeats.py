"""Text read twice: copies of the story on the page are read once."""

from __future__ import annotations

from voxpress.extract.repeats import drop_repeats
from voxpress.models import Block

STORY = [
    (
        "The council met on Tuesday evening to debate the budget for the coming year, and after "
        "four hours of argument it voted to raise the library's funding by a small margin."
    ),
    (
        "Residents who spoke at the meeting said the reading room had been closed on weekends "
        "since the spring, and that children had nowhere to study after school."
    ),
    (
        "The mayor said the new money would reopen the room on Saturdays from the first of "
        "March, and that a second librarian would be hired before the summer holidays."
    ),
]


def paras(texts: list[str]) -> list[Block]:
    return [Block("paragraph", t) for t in texts]


def texts(blocks: list[Block]) -> list[str]:
    return [b.text for b in blocks]


def test_a_story_held_three_times_is_read_once() -> None:
    blocks = paras(STORY) + [Block("heading", "More from the council", 2)] + paras(STORY * 2)
    assert texts(drop_repeats(blocks)) == [*STORY, "More from the council"]


def test_a_teaser_of_the_lead_above_the_story_goes_and_the_story_stays() -> None:
    teaser = STORY[0][:120].rsplit(" ", 1)[0] + " …"
    got = texts(drop_repeats(paras([teaser, *STORY])))
    assert got == STORY


def test_a_second_copy_with_its_headings_run_into_the_paragraphs_goes() -> None:
    first = [Block("heading", "Weekend hours", 2), *paras(STORY)]
    second = [Block("paragraph", "Weekend hours" + STORY[0]), *paras(STORY[1:])]
    assert texts(drop_repeats(first + second)) == texts(first)


def test_a_template_filled_in_twice_is_what_the_page_says() -> None:
    event = (
        "Join us in {} for the regional security summit, where practitioners share what worked "
        "this year and what did not, over a full day of talks and workshops."
    )
    blocks = paras([event.format(city) for city in ("Seattle", "Denver", "Kansas City")])
    assert drop_repeats(blocks) == blocks


def test_a_table_of_contents_repeating_the_headings_is_left_out() -> None:
    heads = ["Why the room closed on weekends", "What the new money pays for"]
    toc = [Block("list_item", h) for h in heads]
    body = [Block("heading", heads[0], 2), *paras(STORY[:2]), Block("heading", heads[1], 2)]
    body += paras(STORY[2:])
    assert texts(drop_repeats(toc + body)) == texts(body)


def test_short_lines_read_twice_in_a_row_go_and_short_labels_stay() -> None:
    points = [
        "Library reopens on Saturdays",
        "A second librarian hired",
        "Funding up by two percent",
    ]
    blocks = [Block("list_item", p) for p in points] + paras(STORY)
    blocks += [Block("list_item", p) for p in points]
    assert texts(drop_repeats(blocks)) == points + STORY
    labelled = [Block("heading", "Pros", 3), *paras(STORY[:1]), Block("heading", "Pros", 3)]
    labelled += paras(STORY[1:2])
    assert drop_repeats(labelled) == labelled


def test_a_passage_held_twice_inside_one_block_is_read_once() -> None:
    whole = " ".join(STORY)
    blocks = [Block("paragraph", f"{whole} {whole}")]
    assert texts(drop_repeats(blocks)) == [whole]
