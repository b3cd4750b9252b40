"""Speech cleaning inside the article: what is read, what is left out, word by word."""

from __future__ import annotations

from voxpress.extract import extract_html

PARA = ("The council met on Tuesday evening to debate the budget, and after four hours of argument "
        "it voted to raise the library's funding by a small margin, officials said.")


def page(body: str) -> bytes:
    filler = "".join(f"<p>{PARA.replace('Tuesday', day)}</p>" for day in ("Monday", "Friday", "Sunday"))
    return f"""<html><head><title>Council budget vote</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Council budget vote</h1>
<div class="meta"><span class="timestamp">28 April 2021, 06:29</span>
<span class="reading-time">Ten tekst przeczytasz w mniej niż minutę</span></div>
<p>{PARA}</p>{body}{filler}
</article><footer>Copyright</footer></body></html>""".encode()


def texts(html: bytes) -> list[str]:
    return [b.text for b in extract_html(html).blocks]


def test_inline_code_is_read_as_a_word_and_code_blocks_are_skipped() -> None:
    body = ("<p>To load the data, call <code>fetch()</code> on the window and wait for the answer "
            "before the page is drawn again.</p>"
            "<pre><code>fetch('/data.json')\n  .then(r => r.json())</code></pre>"
            "<div><code>" + "x = 1; " * 20 + "</code></div>")
    got = texts(page(body))
    assert any("call fetch() on the window" in t for t in got)
    assert not any("r.json" in t or "x = 1" in t for t in got)


def test_a_labelled_link_inside_a_sentence_is_a_word_of_it() -> None:
    body = ('<p>"I would prefer not to," said <a class="popup" href="#">Bartleby</a>, and he went back '
            'to his <span class="sr-only">(opens in a new window)</span>desk behind the screen.</p>')
    got = texts(page(body))
    assert any('said Bartleby, and he went back to his desk' in t for t in got)
    assert not any("new window" in t for t in got)


def test_furniture_beside_the_dateline_is_not_read() -> None:
    got = texts(page(""))
    assert not any("przeczytasz" in t or "06:29" in t for t in got)
