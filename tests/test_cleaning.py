"""Speech cleaning inside the article: what is read, what is left out, word by word."""

from __future__ import annotations

from voxpress.clean import filter_blocks
from voxpress.extract import extract_html
from voxpress.metadata import Metadata
from voxpress.models import Block

PARA = (
    "The council met on Tuesday evening to debate the budget, and after four hours of argument "
    "it voted to raise the library's funding by a small margin, officials said."
)


def page(body: str) -> bytes:
    filler = "".join(
        f"<p>{PARA.replace('Tuesday', day)}</p>" for day in ("Monday", "Friday", "Sunday")
    )
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
    body = (
        "<p>To load the data, call <code>fetch()</code> on the window and wait for the answer "
        "before the page is drawn again.</p>"
        "<pre><code>fetch('/data.json')\n  .then(r => r.json())</code></pre>"
        "<div><code>" + "x = 1; " * 20 + "</code></div>"
    )
    got = texts(page(body))
    assert any("call fetch() on the window" in t for t in got)
    assert not any("r.json" in t or "x = 1" in t for t in got)


def test_a_labelled_link_inside_a_sentence_is_a_word_of_it() -> None:
    body = (
        '<p>"I would prefer not to," said <a class="popup" href="#">Bartleby</a>, and he went back '
        'to his <span class="sr-only">(opens in a new window)</span>desk behind the screen.</p>'
    )
    got = texts(page(body))
    assert any("said Bartleby, and he went back to his desk" in t for t in got)
    assert not any("new window" in t for t in got)


def test_furniture_beside_the_dateline_is_not_read() -> None:
    got = texts(page(""))
    assert not any("przeczytasz" in t or "06:29" in t for t in got)


def _kept(*lines: str) -> list[str]:
    blocks = [Block("paragraph", line) for line in lines]
    return [b.text for b in filter_blocks(blocks, Metadata())]


def test_teasers_appeals_and_promos_are_dropped_in_several_languages() -> None:
    junk = [
        "Czytaj też: Wyścig zbrojeń ruszył z kopyta",
        "VEA TAMBIÉN: Entre heces y guaricha: Estrella de la educación no brilla",
        "Lire aussi : Les critiques de la CNIL contre le projet de loi",
        "Hacemos periodismo desde hace 106 años. HAZTE MIEMBRO Y DISFRUTA DE BENEFICIOS EXCLUSIVOS",
        "Tú también puedes hacer periodismo incómodo. Cancela cuando quieras.",
        "Follow The Gleaner on Twitter and Instagram @JamaicaGleaner.",
        "¡Mira lo que tiene nuestro canal de YouTube!",
        (
            "This post contains references to products from one or more of our advertisers. "
            "We may receive compensation when you click on links to those products."
        ),
        "January 13, 2020 at 08:45 AM | categories: Python, Mercurial | View Comments",
        "BVINEWS.COM",
        "MIRA: Madre se acerca a conocer los motivos de captura de su hijo",
        "LE PUEDE INTERESAR: La ficha de Juan Orlando Hernández",
        "Siguenos en Telegram, Instagram, Facebook y Twitter para recibir todas nuestras actualizaciones",
        "¿Ya sabías que tenemos canal de Telegram? Únete desde tu celular en este enlace.",
        "Puede escribirnos a nuno@esmateria.com o suscribirse aquí a nuestra newsletter.",
        "Zapraszamy też do subskrypcji tygodnika – www.example.pl.",
        "【美国The Next Web作品的中文相关权益归腾讯公司独家所有。未经授权，不得转载、摘编等。】",
        "© 2024 Example Media. All rights reserved.",
        "Peter Macdiarmid/Getty Images",
        "Oli Scarff | Getty Images",
        "EPA/ANDREW GOMBERT",
        "This is a modal window.",
        "Image credit: www.apple.com/in/",
        "Fotos: Sasi Ponchaisang/123RF",
        "Photo : YONHAP News",
        "featured image: Tetbir Salim via Unsplash",
        "Top photo by Joan Bardeletti",
        "Getty",
        "2011 Getty Images",
        "Comments (74 posted)",
        (
            "This website uses cookies to improve your experience while you navigate through the website. "
            "Out of these cookies, the cookies that are categorized as necessary are stored on your browser."
        ),
        "Nous utilisons des cookies pour améliorer l'offre que nous vous proposons.",
        "I have read and understood the Privacy Notice. Do not show this message again.",
        "Close",
        "Hide Images",
        "Lunes 18 abril, 2022",
        "July 13, 2020",
        "Last updated: 13 July 2020",
        "Créé: 12.12.2019, 07h36",
        "Si te parece valioso el trabajo de El Faro, apóyanos para seguir.",
        "When you join The Times family, you’ll get unlimited digital access to high-quality journalism.",
        "ZOBACZ WIDEO Bartosz Zmarzlik zostanie ojcem. Wiemy, dlaczego nowiną podzielił się w Pradze",
        "Seguir leyendo:",
        "28 kwietnia 2021, 06:29",
        "Home",
        "Courtesy of Forests News",
        "[What you need to know to start the day: Get New York Today in your inbox.]",
        "Next",
        "Lea más: (Video) Carlos Alvarado sobre ataque de hackers",
        "https://www.facebook.com/ShelbourneBar/posts/4731875523504429",
        "This feature is temporarily unavailable. Please try again later.",
        "Now check your email account on your mobile phone to download your new app.",
        "Our Standards: The Thomson Reuters Trust Principles.",
        "Submit your letter to the editor via this form. Read more Letters to the Editor.",
        "Zum Angebot: Borussia Dortmund gegen Gladbach bei SKY TICKET gucken",
    ]
    assert [
        line for line in junk if _kept(line)
    ] == []  # each on its own: no line hides behind another


def test_tag_lists_and_a_closing_agency_credit_are_dropped() -> None:
    assert _kept("The vote passed.", "Temas", "Congreso", "Senado") == ["The vote passed."]
    assert _kept(
        "The vote passed.", "Más sobre La Tercera AM", "El nudo por el estado de excepción"
    ) == ["The vote passed."]
    assert _kept("The vote passed.", "More games news:", "Sony cuts the price of its headset") == [
        "The vote passed."
    ]
    assert _kept("RIRM", "CAMERA", "The camera follows the ball.", "aja/PAP") == [
        "RIRM",
        "CAMERA",
        "The camera follows the ball.",
    ]


def test_reporting_that_mentions_the_same_words_is_kept() -> None:
    news = [
        "The minister said she would follow the advice, and posted the letter on Twitter on Monday.",
        "Subscriptions to the paper's newsletter doubled last year, its publisher said.",
        "Lucas Nolan is a reporter covering online censorship. Follow him on Twitter @LucasNolan_.",
        "Children who read more at home do better at school, the study found.",
        "Score: 3 | 2",
        "Kyiv submitted its application to join in September 2022, but membership talks have not begun.",
        "The court ruled that copyright in the photograph belonged to the agency, not the paper.",
        "Reuters reported the deal on Monday.",
        "Photographs by the agency's staff were shown at the trial, the court heard.",
        "Pictures of the flood spread online within minutes.",
        "Credit card debt rose by a fifth, the central bank said.",
        "Google said it would stop using third-party cookies in Chrome next year.",
        "Close to 500 people attended the vigil on Sunday.",
        "Updated rules take effect today.",
        "Posted guards stood at every gate.",
        "Watch videos of the launch, the agency said, were viewed a million times.",
        "Additional reporting by Steve Gorman; Editing by Marguerita Choy and Nick Zieminski",
    ]
    assert _kept(*news) == news


def test_what_closes_the_story_with_nothing_after_it_is_dropped() -> None:
    story = Block("paragraph", "The vote passed.")
    closing = [
        Block("paragraph", "Ein Beitrag von:"),
        Block("paragraph", "NAJNOWSZE"),
        Block("paragraph", "PM DJV/fh"),
        Block("heading", "More from the desk", 2),
        Block("heading", "Music Bank Lineup (EP.1184 November 3rd)", 3),
    ]
    assert list(filter_blocks([story, *closing], Metadata())) == [story]
    pull_quote = Block("heading", "Relotius legt ein Fake-Profil an. Es stützt seine Version.", 2)
    assert list(filter_blocks([story, pull_quote], Metadata())) == [story, pull_quote]
    assert list(filter_blocks([Block("heading", "Contents", 2)], Metadata())) == [
        Block("heading", "Contents", 2)
    ]


def test_a_teaser_for_another_story_closing_the_page_is_dropped() -> None:
    story = [
        Block("heading", "Peychaud's Bitters, also?", 2),
        Block("paragraph", "Jap. Natürlich, mit ähnlichen Bitters."),
    ]
    teaser = [
        Block("heading", "9 Frauen aus den Anfängen des Rock'n'Rolls", 2),
        Block("paragraph", "Von der Musikgeschichtsschreibung meist ausgeblendet."),
        Block("paragraph", "Sechzig Jahre lang hat uns die gängige Meinung diktiert, dass …"),
    ]
    assert list(filter_blocks(story + teaser, Metadata())) == story
    trailing_off = [
        Block("heading", "Conclusion", 2),
        Block("paragraph", "If you need one, go check it out..."),
    ]
    assert list(filter_blocks(story + trailing_off, Metadata())) == story + trailing_off


def test_a_trailing_read_more_link_is_trimmed() -> None:
    assert _kept(
        "Głos w obronie Fundacji zabrała również Akcja Katolicka w Polsce. [czytaj więcej]",
        "The council will vote again in May. Read more »",
    ) == [
        "Głos w obronie Fundacji zabrała również Akcja Katolicka w Polsce.",
        "The council will vote again in May.",
    ]


def test_a_photo_gallery_inside_the_story_is_not_read() -> None:
    blocks = [
        Block("paragraph", "Hotels rarely wash the blankets, two founders said."),
        Block("heading", "Business news in pictures", 2),
        Block("heading", "1/50 United goin down", 2),
        Block("paragraph", "Manchester United's absence from the Champions League hurt revenues."),
        Block("heading", "2/50 Star Wars boosts economy", 2),
        Block(
            "paragraph", "Production of the next Star Wars movie brought £150 million to Britain."
        ),
        Block("heading", "Gallery: Xbox One X | 14 Photos", 3),
        Block("paragraph", "Killer Instinct runs in 4K at a smooth 60 frames a second."),
    ]
    assert [b.text for b in filter_blocks(blocks, Metadata())] == [
        "Hotels rarely wash the blankets, two founders said.",
        "Killer Instinct runs in 4K at a smooth 60 frames a second.",
    ]


def test_prose_the_locator_missed_between_located_paragraphs_is_kept() -> None:
    from voxpress.extract.locate import Evidence
    from voxpress.extract.locate import within as _within

    first = "The council met on Tuesday evening to debate the budget for the coming year."
    lead = "Officials had warned for weeks that the library would close without new money from the city."
    last = "The vote passed by a narrow margin after four hours of argument, officials said."
    blocks = [
        Block("paragraph", lead),
        Block("paragraph", first),
        Block("heading", "Sponsored", 3),
        Block("paragraph", "Promoted stories"),
        Block("paragraph", lead.replace("weeks", "months")),
        Block("heading", "What happens next", 2),
        Block("paragraph", last),
        Block(
            "paragraph",
            "Readers also liked the story about the mayor and the zoo, a very long teaser.",
        ),
    ]
    kept = [b.text for b in _within(blocks, Evidence(f"{first}\n{last}"))]
    assert kept == [lead, first, lead.replace("weeks", "months"), "What happens next", last]


def test_a_body_given_only_in_json_ld_is_read() -> None:
    import json

    story = [
        f"Paragraph {i}: the minister said the plan would be ready by spring, and the opposition "
        f"doubted it, pointing to three earlier deadlines that had passed."
        for i in range(8)
    ]
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Plan delayed",
        "articleBody": "\n".join(story),
    }
    html = (
        f'<html><head><title>Plan delayed</title><script type="application/ld+json">{json.dumps(ld)}</script>'
        "</head><body><h1>Plan delayed</h1><p>Subscribe to read the full story, and the rest of it.</p>"
        '<div id="app"></div></body></html>'
    )
    assert texts(html.encode()) == story


def test_chinese_paragraphs_after_a_related_heading_count_as_long() -> None:
    para = "这款产品具有极其重要的意义，因为这意味着未来的人工智能技术可能不需要人类来教它就能回答人类提出的问题。"
    assert _kept("精彩视频推荐", "视频一", para) == [para]


def test_a_sentence_in_japanese_or_chinese_counts_as_prose() -> None:
    from voxpress.extract.locate import is_prose as _prose

    assert _prose(
        Block("paragraph", "乗客の協力を得て、駅員に引き渡すまで犯人をその場で確保する。")
    )
    assert not _prose(Block("paragraph", "確保する。"))


def test_the_standfirst_under_the_headline_is_read_first() -> None:
    deck = "Damit Mitarbeiter gesund bleiben, müssen sich Unternehmen einiges einfallen lassen."
    html = page("").replace(
        b"<article><h1>Council budget vote</h1>",
        f"<header><h1>Council budget vote</h1><div class='card__summary'><span>Politik</span>"
        f"<h2>Other story</h2><p class='dek'>{deck}</p></div>"
        f"<aside class='teaser'>c't special Mac: Der bessere PC, Kaufberatung und Praxistipps Mehr…</aside></header>"
        f"<article>".encode(),
    )
    got = texts(html)
    assert got[0] == deck and got[1] == PARA
    assert texts(page(""))[0] == PARA  # no deck, nothing added


def test_code_after_a_self_closed_script_tag_is_not_read() -> None:
    body = '<script type="text/javascript"/>(function() { document.addEventListener("load", go); })();</script>'
    assert not any("function" in t for t in texts(page(body)))
    xhtml = '<script src="/a.js"/><p>A second paragraph, after a script closed the XHTML way, is still read.</p>'
    assert "A second paragraph, after a script closed the XHTML way, is still read." in texts(
        page(xhtml)
    )


def test_the_byline_repeated_in_the_body_is_not_read() -> None:
    md = Metadata(byline="Kenneth Surin")
    lines = [
        Block("paragraph", "---- by Kenneth Surin"),
        Block("paragraph", "Written by: Julie Mollins"),
        Block("paragraph", "The vote passed."),
    ]
    assert [b.text for b in filter_blocks(lines, md)] == ["The vote passed."]
    md = Metadata(byline="Johnny Castro")
    lines = [
        Block("paragraph", "Johnny Castro johnnycastro@example.net | Viernes 22 abril, 2022"),
        Block("paragraph", "Johnny Castro, the minister, said the vote passed."),
    ]
    assert [b.text for b in filter_blocks(lines, md)] == [
        "Johnny Castro, the minister, said the vote passed."
    ]


def test_an_article_after_a_premature_end_of_document_is_read() -> None:
    # Browsers read on after '</body></html>' (the content goes into the body); libxml2 stops.
    html = page("").replace(b"</article>", b"</article></body></html><div>", 1) + (
        f"<p>{PARA.replace('council', 'board')}</p></div>".encode()
    )
    got = texts(html)
    assert any("board met on Tuesday" in t for t in got)


def test_a_wire_dateline_keeps_its_place_and_loses_the_agency() -> None:
    from voxpress.extract.dateline import without_dateline

    cases = {
        "MOSCOW (AP) — An unmanned cargo ship broke up.": "Moscow. An unmanned cargo ship broke up.",
        "NEW YORK, March 3 (Reuters) - Stocks fell.": "New York. Stocks fell.",
        "KYIV, Ukraine — Russian forces shelled the city.": "Kyiv, Ukraine. Russian forces shelled the city.",
        "NASA said on Monday that the launch would slip.": "NASA said on Monday that the launch would slip.",
        "In 2020 — the year of the pandemic — sales fell.": "In 2020 — the year of the pandemic — sales fell.",
    }
    got = {t: without_dateline([Block("paragraph", t)])[0].text for t in cases}
    assert got == cases
    assert texts(
        page("").replace(PARA.encode(), b"WASHINGTON (AP) \xe2\x80\x94 " + PARA.encode(), 1)
    )[0].startswith("Washington. The council met")
