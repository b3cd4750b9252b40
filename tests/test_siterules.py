"""Site rules: a user's per-domain selectors to keep or drop parts of a page."""

from __future__ import annotations

from pathlib import Path

import pytest

from voxpress.errors import ExtractionError
from voxpress.extract import extract_html

PARA = (
    "The council met on Tuesday evening to debate the budget, and after four hours of argument "
    "it voted to raise the library's funding by a small margin, officials said."
)
PAGE = f"""<html><head><title>Council budget vote</title></head><body>
<article><h1>Council budget vote</h1>
<p>{PARA}</p>
<p class="house-note">Our shop sells council mugs, tote bags and posters at fair prices every single day of the week.</p>
<p>{PARA.replace("Tuesday", "Monday")}</p>
<p>{PARA.replace("Tuesday", "Wednesday")}</p>
</article>
<div class="letters"><p>A letter from a reader, who thinks the library should open on Sundays, because families need it, and says so at length.</p></div>
</body></html>""".encode()
URL = "https://news.example.com/2025/budget"


def rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    path = tmp_path / "sites.toml"
    path.write_text(text)
    monkeypatch.setenv("VOXPRESS_SITE_RULES", str(path))


def texts(url: str = URL) -> str:
    return " ".join(b.text for b in extract_html(PAGE, url=url).blocks)


def test_without_rules_the_house_note_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VOXPRESS_SITE_RULES", raising=False)
    monkeypatch.chdir(tmp_path)  # no ./voxpress-sites.toml
    assert "tote bags" in texts()
    assert "letter from a reader" not in texts()


def test_drop_applies_to_the_domain_and_its_subdomains(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rules(tmp_path, monkeypatch, '["example.com"]\ndrop = ["p.house-note"]\n')
    assert "tote bags" not in texts()
    assert "Monday" in texts()
    assert "tote bags" in texts("https://other.org/story")  # another site: untouched


def test_article_selector_is_read_as_the_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rules(tmp_path, monkeypatch, '["news.example.com"]\narticle = "div.letters"\n')
    assert texts().startswith("A letter from a reader")
    assert "Monday" not in texts()


def test_a_missing_rules_file_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VOXPRESS_SITE_RULES", str(tmp_path / "missing.toml"))
    with pytest.raises(ExtractionError, match="cannot read site rules"):
        texts()


def test_a_bad_selector_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rules(tmp_path, monkeypatch, '["example.com"]\ndrop = ["p[[["]\n')
    with pytest.raises(ExtractionError, match="bad selector"):
        texts()
