"""Data tables: left out of the reading, with a spoken note where they were (configurable)."""

from __future__ import annotations

from voxpress.extract import extract_html, extract_markdown
from voxpress.models import Article, Block
from voxpress.script import build_script
from voxpress.voices import VoiceProfile

PARA = (
    "The council met on Tuesday evening to debate the budget, and after four hours of argument "
    "it voted to raise the library's funding by a small margin, officials said."
)
PAGE = f"""<html><head><title>Council budget vote</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Council budget vote</h1>
<p>{PARA}</p>
<p>{PARA.replace("Tuesday", "Monday")}</p>
<table><caption>How each member voted</caption>
<tr><th>Member</th><th>Vote</th></tr><tr><td>Smith</td><td>Yes</td></tr><tr><td>Jones</td><td>No</td></tr>
</table>
<p>{PARA.replace("Tuesday", "Wednesday")}</p>
<p>{PARA.replace("Tuesday", "Thursday")}</p>
</article><footer>Copyright</footer></body></html>"""


def test_data_table_becomes_a_table_block_in_place() -> None:
    article = extract_html(PAGE.encode())
    kinds = [b.kind for b in article.blocks]
    assert kinds == ["paragraph", "paragraph", "table", "paragraph", "paragraph"]
    table = article.blocks[2]
    assert table.text == "How each member voted"
    assert not any("Smith" in b.text for b in article.blocks)  # cells are never read


def test_layout_table_is_read() -> None:
    page = PAGE.replace("<article>", "<article><table><tr><td>").replace(
        "</article>", "</td></tr></table></article>"
    )
    page = page.replace(
        "<table><caption>How each member voted</caption>", "<div><table><caption>Votes</caption>"
    )
    page = page.replace("</table>\n<p>", "</table></div>\n<p>", 1)
    article = extract_html(page.encode())
    assert sum(b.kind == "paragraph" for b in article.blocks) == 4


def test_markdown_table_is_a_table_block() -> None:
    md = f"# Title\n\n{PARA}\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n{PARA}\n"
    article = extract_markdown(md)
    assert [b.kind for b in article.blocks] == ["paragraph", "table", "paragraph"]


def _spoken(profile: VoiceProfile) -> list[str]:
    article = Article(
        title="T",
        blocks=(
            Block("paragraph", "Before."),
            Block("table", "Votes"),
            Block("paragraph", "After."),
        ),
    )
    return [s.text for s in build_script(article, profile)]


def test_note_is_spoken_and_configurable() -> None:
    base = VoiceProfile(name="t", read_byline=False)
    assert _spoken(base) == ["T", "Before.", "A table is left out here.", "After."]
    assert _spoken(base.with_overrides(table_note="Table: {caption}.")) == [
        "T",
        "Before.",
        "Table: Votes.",
        "After.",
    ]
    assert _spoken(base.with_overrides(table_note="")) == ["T", "Before.", "After."]


FILMS = [
    (
        "Repeat Performance",
        "1947",
        "A woman who shot her husband on New Year's Eve wishes she could live the year again.",
    ),
    (
        "Groundhog Day",
        "1993",
        "A weatherman is forced to relive the same day over and over, until he changes.",
    ),
    (
        "Run Lola Run",
        "1998",
        "A woman has twenty minutes to find the money that will save her boyfriend's life.",
    ),
]


def test_a_table_of_sentences_is_read_row_by_row() -> None:
    rows = "".join(f"<tr><td>{t}</td><td>{y}</td><td>{d}</td></tr>" for t, y, d in FILMS)
    table = (
        f"<table class='wikitable'><tr><th>Title</th><th>Year</th><th>Plot</th></tr>{rows}</table>"
    )
    page = PAGE.replace(
        "<table><caption>How each member voted</caption>",
        table + "<table><caption>How each member voted</caption>",
    )
    article = extract_html(page.encode())
    kinds = [b.kind for b in article.blocks]
    assert kinds == [
        "paragraph",
        "paragraph",
        "list_item",
        "list_item",
        "list_item",
        "table",
        "paragraph",
        "paragraph",
    ]
    assert article.blocks[3] == Block("list_item", "Groundhog Day. 1993. " + FILMS[1][2])
    assert not any("Plot" in b.text for b in article.blocks)  # the header row is not read


def test_a_box_drawn_with_a_table_is_not_a_data_table() -> None:
    box = '<table><tr><td rowspan="2">“</td><td>“A birthday gift? That\'s very kind of you!”</td></tr><tr><td></td></tr></table>'
    page = PAGE.replace(
        "<table><caption>How each member voted</caption>",
        box + "<table><caption>How each member voted</caption>",
    )
    article = extract_html(page.encode())
    assert [b.kind for b in article.blocks].count("table") == 1  # only the vote table gets a note
