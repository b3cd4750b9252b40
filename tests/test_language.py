"""The article's language: the declaration is trusted when the text plainly agrees, and checked
by the language model otherwise."""

from __future__ import annotations

from voxpress.extract.language import _plainly_in, check_language
from voxpress.models import Block

ENGLISH = (
    "The council met on Tuesday evening to debate the budget for the coming year, and after four "
    "hours of argument it voted to raise the funding of the library that was closed on weekends."
)
GERMAN = (
    "Der Stadtrat hat am Dienstagabend über den Haushalt für das kommende Jahr beraten, und nach "
    "vier Stunden Streit hat er beschlossen, die Bibliothek mit mehr Geld auszustatten, die am "
    "Wochenende nicht mehr geöffnet war."
)


def test_a_text_plainly_in_its_declared_language_needs_no_model() -> None:
    assert _plainly_in("en", ENGLISH)
    assert not _plainly_in("de", ENGLISH)
    assert _plainly_in("de", GERMAN)
    assert not _plainly_in("en", GERMAN)


def test_a_template_language_is_overruled_by_the_text() -> None:
    blocks = [Block("paragraph", GERMAN)] * 2
    assert check_language("en", blocks) == "de"
    assert check_language("en", [Block("paragraph", ENGLISH)] * 2) == "en"
