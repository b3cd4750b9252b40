"""Site rules: a user's own per-domain CSS selectors, the escape hatch for a page the cleaner
reads wrong.

A TOML file, one table per domain (subdomains included)::

    ["example.com"]
    article = "div.story-body"                  # the article's container: read it, skip locating
    drop = [".newsletter-box", "aside.related"] # never read these

Found at $VOXPRESS_SITE_RULES, else ./voxpress-sites.toml; none by default.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import tomllib

from .errors import ExtractionError


@dataclass(frozen=True)
class SiteRule:
    """What a user says about one site's pages."""

    domain: str
    """The domain the rule is for; it applies to its subdomains too."""
    article: str | None = None
    """CSS selector of the element holding the article, or None to locate it as usual."""
    drop: tuple[str, ...] = ()
    """CSS selectors of elements never read."""


def rules_path() -> Path | None:
    """The site-rules file in use, if any."""
    env = os.environ.get("VOXPRESS_SITE_RULES")
    if env:
        return Path(env)
    local = Path.cwd() / "voxpress-sites.toml"
    return local if local.is_file() else None


@lru_cache(maxsize=8)
def _load(path: str, mtime: float) -> dict[str, SiteRule]:
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ExtractionError(f"cannot read site rules {path}: {exc}") from exc
    rules: dict[str, SiteRule] = {}
    for domain, table in data.items():
        if not isinstance(table, dict) or set(table) - {"article", "drop"}:
            raise ExtractionError(f"site rules {path}: [{domain}] takes only 'article' and 'drop'")
        article, drop = table.get("article"), table.get("drop", [])
        if article is not None and not isinstance(article, str) or not isinstance(drop, list):
            raise ExtractionError(f"site rules {path}: [{domain}] article is a string, drop a list")
        rule = SiteRule(domain.lower().lstrip("."), article, tuple(str(d) for d in drop))
        for selector in (*([article] if article else []), *rule.drop):
            _xpath(selector, path)  # a bad selector fails at load, not on the 10,000th page
        rules[rule.domain] = rule
    return rules


@lru_cache(maxsize=256)
def _compile(selector: str) -> Any:
    from cssselect import GenericTranslator
    from lxml import etree

    return etree.XPath(GenericTranslator().css_to_xpath(selector))


def _xpath(selector: str, path: str) -> Any:
    """The compiled selector (compiled once: at load, then reused for every page)."""
    from cssselect import SelectorError
    from lxml import etree

    try:
        return _compile(selector)
    except (SelectorError, etree.XPathSyntaxError) as exc:
        raise ExtractionError(f"site rules {path}: bad selector {selector!r}: {exc}") from exc


def rule_for(url: str | None, path: Path | None = None) -> SiteRule | None:
    """The rule for ``url``'s host (or a parent domain), or None."""
    path = path or rules_path()
    if not url or path is None:
        return None
    try:
        rules = _load(str(path), path.stat().st_mtime)
    except OSError as exc:
        raise ExtractionError(f"cannot read site rules {path}: {exc}") from exc
    host = (urlsplit(url).hostname or "").lower()
    parts = host.split(".")
    for i in range(len(parts) - 1):
        rule = rules.get(".".join(parts[i:]))
        if rule:
            return rule
    return None


def apply_drops(tree: Any, rule: SiteRule) -> None:
    """Remove, in place, every element a ``drop`` selector matches."""
    for selector in rule.drop:
        for el in _xpath(selector, rule.domain)(tree):
            if el.getparent() is not None:
                el.drop_tree()  # lxml.html: the element goes, the text after it stays


def article_element(tree: Any, rule: SiteRule) -> Any | None:
    """The first element the ``article`` selector matches, or None."""
    if not rule.article:
        return None
    found = _xpath(rule.article, rule.domain)(tree)
    return found[0] if found else None
