"""Lists are read as items, sub-lists with the item they belong to."""

from __future__ import annotations

from voxpress.extract import extract_html
from voxpress.models import Block

PARA = (
    "The browser team shipped four fixes this week, and the release managers said the next "
    "build would reach testers on Thursday after a final round of checks."
)
BUGS = [
    "Bug 1677080 – Fullscreen window is affected by switching video source",
    "Bug 1677107 – Add telemetry for tracking multiple windows",
    "Bug 1681796 – Prevent superfluous actors from being associated with each tab",
]
SUB_LIST = "".join(
    f'<li><a href="https://bugs.example.org/{i}">{bug}</a></li>' for i, bug in enumerate(BUGS)
)
PAGE = f"""<html><head><title>These weeks in the browser</title></head><body>
<nav><ul><li>Products<ul><li><a href="/a">Browser</a></li><li><a href="/b">Mail</a></li></ul></li></ul></nav>
<article><h1>These weeks in the browser</h1>
<p>{PARA}</p>
<ul>
<li>We have got the green light for another round of students hacking on the player next semester.</li>
<li>In progress:<ul>{SUB_LIST}</ul></li>
</ul>
<p>{PARA.replace("four", "five")}</p>
<p>{PARA.replace("four", "six")}</p>
</article><footer>Copyright</footer></body></html>"""


def test_sub_list_of_links_is_read_with_its_item() -> None:
    blocks = extract_html(PAGE.encode()).blocks
    texts = [b.text for b in blocks]
    start = texts.index("In progress:")
    assert blocks[start] == Block("list_item", "In progress:")
    assert list(blocks[start + 1 : start + 4]) == [Block("list_item", bug) for bug in BUGS]


def test_sub_list_of_a_menu_is_not_read() -> None:
    texts = [b.text for b in extract_html(PAGE.encode()).blocks]
    assert not {"Products", "Browser", "Mail"} & set(texts)


def test_paragraph_inside_an_item_is_an_item() -> None:
    page = PAGE.replace("<li>We have got", "<li><p>We have got").replace(
        "next semester.</li>", "next semester.</p></li>"
    )
    blocks = extract_html(page.encode()).blocks
    assert (
        Block(
            "list_item",
            "We have got the green light for another round of students hacking on the player "
            "next semester.",
        )
        in blocks
    )
