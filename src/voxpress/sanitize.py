"""What a page says about itself is made safe once, where the :class:`Article` is built.

- :func:`clean_text` drops the characters no output can hold: C0 and C1 controls (a NUL splits
  an ID3 title, XML refuses the rest), lone surrogates (UTF-8 cannot encode them) and
  noncharacters.
- :func:`safe_url` accepts a URL only as absolute http(s); a ``javascript:`` or ``data:`` URL
  taken from a page would become a link in the player page and the feed.
- :func:`cap_text` bounds plain text and Markdown like HTML, before they are parsed.

:func:`sanitized` applies the first two to extraction's output; publishing applies
:func:`safe_url` again to every URL it writes, in case an Article was built some other way.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import re
from collections.abc import Callable
from urllib.parse import urlsplit

from .models import Article, Block, Document

log = logging.getLogger(__name__)

_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
_URL_UNSAFE = re.compile(r"[\x00-\x20\x7f-\x9f\\\ud800-\udfff]")
MAX_URL = 8192


def clean_text(text: str) -> str:
    """``text`` without control characters (tab and newlines kept), lone surrogates and
    noncharacters."""
    return _UNSAFE.sub("", text) if _UNSAFE.search(text) else text


def safe_url(url: str | None) -> str | None:
    """``url`` if it is an absolute http(s) URL with a host and no whitespace or control
    characters; else None."""
    if not url:
        return None
    url = url.strip()
    if len(url) > MAX_URL or _URL_UNSAFE.search(url):
        return None
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host:
        return None
    return url


def _optional(text: str | None) -> str | None:
    if text is None:
        return None
    return clean_text(text).strip() or None


def clean_article(article: Article, fallback_url: str | None = None) -> Article:
    """``article`` with every text cleaned and its URL safe (else ``fallback_url``, if safe)."""
    blocks = tuple(
        b if not _UNSAFE.search(b.text) else Block(b.kind, clean_text(b.text).strip(), b.level)
        for b in article.blocks
    )
    url = safe_url(article.url)
    if article.url and url is None:
        log.warning(
            "%s: ignoring the page's URL %r (not http or https)", article.source, article.url
        )
    return dataclasses.replace(
        article,
        title=clean_text(article.title).strip() or "Untitled",
        blocks=tuple(b for b in blocks if b.text or b.kind == "table"),
        byline=_optional(article.byline),
        published=_optional(article.published),
        site_name=_optional(article.site_name),
        language=_optional(article.language),
        url=url or safe_url(fallback_url),
        source=article.source.encode("utf-8", "replace").decode("utf-8"),
    )


def sanitized(extract: Callable[[Document], Article]) -> Callable[[Document], Article]:
    """Decorate extraction's entry point: its Article comes out clean (see the module)."""

    @functools.wraps(extract)
    def wrapper(doc: Document) -> Article:
        return clean_article(extract(doc), doc.url)

    return wrapper


def cap_text(text: str, limit: int, label: str) -> str:
    """``text`` cut at the last paragraph break within its first ``limit`` characters."""
    if len(text) <= limit:
        return text
    cut = text.rfind("\n\n", 0, limit)
    log.warning(
        "%s has more than %d characters of text; reading only the first %d", label, limit, limit
    )
    return text[: cut if cut > limit // 2 else limit]
