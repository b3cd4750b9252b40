"""Metadata read from the markup: who wrote the article, and its headline."""

from __future__ import annotations

import json

from voxpress.extract import parse_html
from voxpress.metadata import normalize_byline, read_metadata


def meta(head: str, body: str, html_class: str = "") -> tuple[str | None, str | None]:
    tree = parse_html(f"<html class='{html_class}'><head>{head}</head><body>{body}</body></html>")
    md = read_metadata(tree)
    return md.title, md.byline


def test_a_json_ld_author_given_by_reference_is_looked_up() -> None:
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "Article",
                "headline": "Lemon trees indoors",
                "author": {"@id": "https://x.test/#/person/1"},
            },
            {"@type": "Person", "@id": "https://x.test/#/person/1", "name": "Florina Ionescu"},
        ],
    }
    head = f'<script type="application/ld+json">{json.dumps(graph)}</script>'
    assert meta(head, "<p>Text</p>")[1] == "Florina Ionescu"


def test_microdata_author_names_and_cited_authors() -> None:
    body = (
        '<article><span itemprop="author" itemscope><meta itemprop="name" content="Chokri Gharbi"></span>'
        '<ol><li itemprop="citation" itemscope><meta itemprop="author" content="NH. Shear, SP. Spielberg"></li></ol>'
        "</article>"
    )
    assert meta("", body)[1] == "Chokri Gharbi"


def test_a_labelled_credit_is_found_whatever_the_page_classes_say() -> None:
    body = (
        '<article><div class="article__author">By Scott Cunningham</div><p>Text</p></article>'
        '<footer><ul><li><span class="author">Kate May</span></li></ul></footer>'
    )
    # Modernizr writes 'flexbox' on <html>; a footer list credits other posts.
    assert meta("", body, html_class="js flexbox canvas")[1] == "Scott Cunningham"


def test_date_lines_and_containers_are_not_credits() -> None:
    assert normalize_byline("Last Updated: January 7, 2025") is None
    body = (
        '<article class="hentry author-pamela-anderson">'
        + "<p>Many words of the story. </p>" * 20
        + "</article>"
    )
    assert meta("", body)[1] is None


def test_a_site_name_before_the_headline_is_cut() -> None:
    head = "<title>Gregory Szorc's Digital Home | Mercurial's Journey to and Reflections on Python 3</title>"
    body = "<h2>Mercurial's Journey to and Reflections on Python 3</h2><p>Text</p>"
    assert meta(head, body)[0] == "Mercurial's Journey to and Reflections on Python 3"


def test_credits_written_posted_and_several_names() -> None:
    body = (
        '<div class="post"><noscript><span class="byline-author">Posted by Nathan Parker, Varun Khaneja, '
        "Eric Mill and Kiran C Nair - Chrome Safe Browsing team</span></noscript><p>Text</p></div>"
    )
    assert (
        meta(
            "<meta name='author' content='Google'><meta property='og:site_name' content='Google Online Security Blog'>",
            body,
        )[1]
        == "Nathan Parker, Varun Khaneja, Eric Mill and Kiran C Nair"
    )
    body = '<div class="wrote_by">By <a href="/a/jose">Jose de la Cruz</a></div><p>Text</p>'
    assert (
        meta(
            "<meta name='author' content='Jobs & Hire'><meta property='og:site_name' content='Jobs & Hire'>",
            body,
        )[1]
        == "Jose de la Cruz"
    )
    assert normalize_byline("Updated 3 hours ago") is None


def test_where_a_credit_was_posted_is_not_part_of_it() -> None:
    assert normalize_byline("Jane Doe posted in Politics") == "Jane Doe"
    assert (
        normalize_byline("史蒂文的家_藍天 發表在 痞客邦 PIXNET 留言 (42) 人氣(")
        == "史蒂文的家_藍天"
    )


def test_a_credit_whose_name_is_a_link() -> None:
    body = (
        '<p><em>Written by: <a href="https://example.org/x">Julie Mollins</a> </em></p><p>Text</p>'
    )
    assert (
        meta(
            "<meta name='author' content='The Planetary Press'><meta property='og:site_name' "
            "content='The Planetary Press'>",
            body,
        )[1]
        == "Julie Mollins"
    )


def test_a_meta_title_cut_at_a_quote_loses_to_the_whole_headline() -> None:
    head = (
        '<title>Senador republicano califica a Biden de "incapacitado"</title>'
        '<meta property="og:title" content="Senador republicano califica a Biden de "incapacitado"">'
    )
    body = '<h2>Senador republicano califica a Biden de "incapacitado"</h2><p>Text</p>'
    assert meta(head, body)[0] == 'Senador republicano califica a Biden de "incapacitado"'


def test_a_title_ending_in_a_separator_is_trimmed() -> None:
    assert (
        meta("<title>National Rail Enquiries -</title>", "<p>Text</p>")[0]
        == "National Rail Enquiries"
    )


def test_a_menu_entry_starting_with_by_is_not_a_credit() -> None:
    body = "<div class='banner'>\n  <ul>\n <li><a href='/r'>By Course or Type</a></li><li>Main Course</li></ul></div><p>Text</p>"
    assert meta("", body)[1] is None


def test_a_report_error_link_is_not_a_reporter() -> None:
    body = "<div class='reportError'><a href='/kontakt'>Zgłoś błąd na stronie</a></div><p>Text</p>"
    assert meta(
        '<script type=\'application/ld+json\'>{"@type": "NewsArticle", "author": '
        '{"@type": "Organization", "name": "Redakcja Forsal.pl"}}</script>'
        "<meta property='og:site_name' content='Forsal.pl'>",
        body,
    )[1] != ("Zgłoś błąd na stronie")


def test_an_empty_credit_slot_is_no_byline() -> None:
    for empty in ("By", "Unknown", "anónimo", "red.", "3 de Mayo de"):
        assert normalize_byline(empty) is None
    assert normalize_byline("Red Smith") == "Red Smith"


def test_what_pages_run_on_around_a_name_is_not_read_as_the_credit() -> None:
    cases = {
        "By Analysis by Jane Doe, Site Editor-at-large.": "Jane Doe",
        "Jane Doe, example.com": "Jane Doe",
        "Jane Doe. Agence France-Presse.": "Jane Doe",
        "Dr. Jane Doe": "Dr. Jane Doe",
        "A. J. Neal View In Digital Edition": "A. J. Neal",
        "Rasmus Barslund Founder & Lead Reviewer": "Rasmus Barslund",
        "Guide by Will Judd Former Deputy Tech Editor": "Will Judd",
        "Center for Drug Evaluation and Research": "Center for Drug Evaluation and Research",
        "aawoods": "aawoods",
    }
    assert {raw: normalize_byline(raw) for raw in cases} == cases
    assert normalize_byline("humans.txt") is None
    assert normalize_byline("subscribing, you agree to our Privacy Policy") is None


def test_the_claimant_a_fact_check_reviews_is_not_its_author() -> None:
    body = (
        '<div itemscope itemtype="https://schema.org/ClaimReview">'
        '<div itemprop="itemReviewed" itemscope itemtype="https://schema.org/Claim">'
        '<span itemprop="author" itemscope itemtype="https://schema.org/Person">'
        '<span itemprop="name">Sam Claimant</span></span></div>'
        '<p class="byline">By Riley Checker</p><p>The claim is false.</p></div>'
    )
    assert meta("<title>Fact check</title>", body)[1] == "Riley Checker"
