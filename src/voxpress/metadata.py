"""Article metadata from a parsed page: JSON-LD, OpenGraph and meta tags, then the page itself."""

from __future__ import annotations

import html
import json
import logging
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from lxml import etree

log = logging.getLogger(__name__)

ARTICLE_TYPES = {
    "article",
    "newsarticle",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "blogposting",
    "opinionnewsarticle",
    "reviewnewsarticle",
    "backgroundnewsarticle",
    "scholarlyarticle",
    "techarticle",
    "report",
    "liveblogposting",
    "posting",
    "socialmediaposting",
    "webpage",
}
_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:·•»]\s+|\s+::\s+|\s*_(?=[^\W\d_])")
_WS = re.compile(r"\s+")


@dataclass
class Metadata:
    """What a page says about its article, each field None when unknown."""

    title: str | None = None
    """Headline."""
    byline: str | None = None
    """Author name(s)."""
    published: str | None = None
    """ISO 8601 publication date."""
    site_name: str | None = None
    """Publisher name."""
    language: str | None = None
    """Declared language (primary subtag, lower case)."""
    url: str | None = None
    """Canonical URL."""
    body: str | None = None
    """JSON-LD ``articleBody``, when the page gives one."""


def clean_space(text: str) -> str:
    """Collapse runs of white space (including non-breaking spaces) to one space."""
    return _WS.sub(" ", text.replace("\u00ad", "").replace("\u200b", "")).strip()


def clean_meta(text: str) -> str:
    """A metadata value: entities left encoded by the CMS ('&#8217;', '&amp;quot;') decoded."""
    for _ in range(2):
        if "&" not in text:
            break
        text = html.unescape(text)
    return clean_space(text)


Tree = Any
"""A parsed page: an lxml (``lxml.html``) element, the whole document or the <html> element."""


def _text(el: Tree) -> str:
    return clean_space(" ".join(el.itertext()))


class MetaTags:
    """Every <meta> tag's content by lower-cased property, name and itemprop (one pass)."""

    def __init__(self, tree: Tree) -> None:
        self.values: dict[str, str] = {}
        for tag in tree.iter("meta"):
            content = tag.get("content")
            if not content or not content.strip():
                continue
            for attr in ("property", "name", "itemprop", "http-equiv"):
                key = tag.get(attr)
                if attr == "itemprop" and _in_nested_item(tag):
                    continue  # the author of a cited paper, the name of the publisher
                if key and key.lower() not in self.values:
                    self.values[key.lower()] = content

    def get(self, *names: str) -> str | None:
        """The first of ``names`` present, cleaned."""
        for name in names:
            value = self.values.get(name.lower())
            if value:
                return clean_meta(value)
        return None


def _in_nested_item(tag: Tree) -> bool:
    """Whether a microdata property belongs to an item inside another (itemprop + itemscope)."""
    for parent in tag.iterancestors():
        if parent.get("itemscope") is not None:
            return parent.get("itemprop") is not None
    return False


def _jsonld_objects(tree: Tree) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []

    def visit(node: Any) -> None:
        if isinstance(node, list):
            for item in node:
                visit(item)
        elif isinstance(node, dict):
            found.append(node)
            if "@graph" in node:
                visit(node["@graph"])
            main = node.get("mainEntity")
            if isinstance(main, (dict, list)):
                visit(main)

    for script in tree.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        raw = script.text
        if not raw or not raw.strip():
            continue
        try:
            visit(json.loads(raw.strip().rstrip(";")))
        except (ValueError, RecursionError):
            log.debug("skipping unparsable JSON-LD block")
    return found


def _types(obj: dict[str, Any]) -> set[str]:
    t = obj.get("@type")
    items = t if isinstance(t, list) else [t]
    return {str(x).lower() for x in items if x}


def _names(value: Any, ids: dict[str, dict[str, Any]] | None = None) -> list[str]:
    """Names in a JSON-LD author or publisher value; a bare {"@id": …} reference is looked up
    in ``ids`` (the page's objects by @id, as Yoast's graph writes its authors)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        if "name" not in value and ids and isinstance(value.get("@id"), str):
            value = ids.get(value["@id"], value)
        name = value.get("name")
        if isinstance(name, str):
            return [name]
        if isinstance(name, list):
            return [n for n in name if isinstance(n, str)]
        return []
    if isinstance(value, list):
        out: list[str] = []
        for v in value:
            out.extend(_names(v, ids))
        return out
    return []


def normalize_date(value: str | None) -> str | None:
    """Parse a date-time string into ISO 8601 (a date alone stays a date); None when unparsable."""
    if not value:
        return None
    value = value.strip()
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            from dateutil import parser as dateparser

            parsed = dateparser.parse(value, fuzzy=False)
        except (ValueError, OverflowError, TypeError):
            return None
    if parsed.year < 1900 or parsed.year > 2100:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return parsed.date().isoformat()
    return parsed.isoformat()


_CREDIT_LEAD = re.compile(
    r"^(?:(?:written |words |story |text |reporting |posted )?by|von|par|por|di|door|av|de|auteur|autor[a]?|author|"
    r"texto|text|tekst)\s*:?\s+",
    re.IGNORECASE,
)
_RUN_ON = re.compile(
    r"\s*(?:\||•|·)?\s*(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d|\d{1,2}[./:]\d|\d{4}\b|"
    r"\d{1,2}\.?\s+[^\W\d_]{3,}\.?(?:\s+\d|$)|(?:Mo|Di|Mi|Do|Fr|Sa|So|Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,\s*\d|"
    r"\d+\s*$|\d+\s+(?:min|hour|hodin|stund|hora|heure|godzin)|"
    r"(?:updated|published|publicado|publié|veröffentlicht|aktualisiert|před|hace|il y a|vor|"
    r"posted (?:in|on|at)|發表(?:在|於)|发表(?:在|于))\b).*$",
    re.IGNORECASE,
)


PLACEHOLDER_CREDITS = {
    "by",
    "von",
    "par",
    "por",
    "di",
    "de",
    "author",
    "autor",
    "auteur",
    "unknown",
    "anonymous",
    "anónimo",
    "anonimo",
    "anonyme",
    "anonym",
    "admin",
    "administrator",
    "guest",
    "user",
    "tag",
    "red",
    "invitation",
}
"""What a credit slot says when no one is named ('By', 'Unknown', 'red.'): not read."""


def normalize_byline(value: str | None) -> str | None:
    """Strip 'By', URLs and stray punctuation from an author credit."""
    if not value:
        return None
    value = clean_space(value)
    if re.match(
        r"^https?://|^(last )?(updated|published|posted|modified)\b(?!\s+by\b)",
        value,
        re.IGNORECASE,
    ):
        return None  # a date line ('Last Updated: January 7'), not a credit
    value = _CREDIT_LEAD.sub("", value).strip(" ,;|-–—")
    # a date or time run on after the name: 'GILLIAN MOHNEY March 11, 2015 3:46 PM',
    # 'Aleš Vávra před 2 hodinami', 'Jacobo Betancur | Publicado hace 3 horas'
    for _ in range(2):
        value = _RUN_ON.sub("", value).strip(" ,;|-–—")
    value = re.sub(r"\s+[-–—|]\s+.*$", "", value)  # 'Kiran C Nair - Chrome Safe Browsing team''
    value = _LEAD_IN.sub("", value)  # 'Analysis by Name', 'Insights from Name'
    value = _after_name(value)
    if not value or len(value) > 120 or not re.search(r"[^\W\d_]", value):
        return None
    if value.lower().strip(" .") in PLACEHOLDER_CREDITS or value[0].isdigit():
        return None  # an empty slot, or a date ('3 de Mayo de')
    if not _name_shaped(value) or _FILE.search(value):
        return None  # a sentence or a login ('subscribing you agree to…', 'andrew.keaveney')
    return value


_LEAD_IN = re.compile(r"^(?:[^\W\d_][\w'’-]*\s+){1,5}?(?:by|from)\s+(?=[^\W\d_])", re.IGNORECASE)
"""Words before the credit's 'by' ('Analysis by', 'Guide by', 'This post was written by')."""
_ROLES = {
    "founder", "co-founder", "editor", "editor-at-large", "writer", "director", "reviewer",
    "expert", "contributor", "reporter", "correspondent", "columnist", "manager", "officer",
    "ceo", "cto", "cfo", "president", "consultant", "specialist", "analyst", "producer",
    "journalist", "winemaker",
}  # fmt: skip
"""Words of a role run on after the name ('Name Founder & Lead Reviewer', 'Name, Site
Editor-at-large'); what comes before them in the same words qualifies them."""
_QUALIFIERS = {
    "former", "senior", "junior", "lead", "chief", "deputy", "associate", "managing",
    "contributing", "staff", "head", "executive", "certified", "marketing", "digital", "tech",
    "site", "news", "sports", "political", "food", "travel", "science", "health", "the",
}  # fmt: skip
_LINK_WORDS = {"view", "read", "more", "see", "follow"}
"""A link run on after the name ('A. J. Neal View In Digital Edition')."""
_DOMAIN = re.compile(
    r"(?<=\S)\s*,?\s+(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}\b.*$", re.IGNORECASE
)
"""The site's address run on after the name ('Name, site.com')."""
_FILE = re.compile(r"\.(txt|html?|php|aspx?|xml|json)$", re.IGNORECASE)
"""A file, not a person: the 'humans.txt' a page links as its authors."""
_HONORIFICS = {"dr", "mr", "mrs", "ms", "mx", "prof", "st", "jr", "sr", "rev", "sen", "gov", "gen"}
_PARTICLES = {
    "de", "da", "del", "della", "di", "du", "la", "le", "van", "von", "der", "den", "ter", "y",
    "e", "et", "and", "und", "i", "bin", "al", "el", "dos", "das", "do", "of", "the",
}  # fmt: skip
"""Lower-case words a list of names holds ('Juan de la Cruz', 'A and B', 'The Upwork Team')."""


def _after_name(value: str) -> str:
    """The credit without what pages run on after the name: a role, a link, the site's
    address, a second sentence ('Name. Agency Name.')."""
    words = value.split()
    for k, word in enumerate(words):
        key = word.strip(".,;&").lower()
        if k >= 2 and (key in _ROLES or key in _LINK_WORDS and word[0].isupper()):
            head = words[:k]
            comma = next((i for i in range(k - 1, 0, -1) if head[i - 1].endswith(",")), None)
            if comma is not None:
                head = head[:comma]
            while len(head) > 2 and head[-1].strip(",;&").lower() in _QUALIFIERS:
                head.pop()
            value = " ".join(head)
            break
    value = value.strip(" ,;&")
    value = _DOMAIN.sub("", value).strip(" ,;")
    for m in re.finditer(r"([^\W\d_]+)\.\s+\S", value):
        if len(m.group(1)) >= 2 and m.group(1).lower() not in _HONORIFICS:
            return value[: m.start(1) + len(m.group(1))]
    return value


def _name_shaped(value: str) -> bool:
    """A name or a list of names (a login, 'aawoods', counts), not a sentence: at most one
    lower-case word that is not a particle ('Center for Drug Evaluation and Research')."""
    words = re.findall(r"[^\W\d_][\w'’.-]*", value)
    lower = [w for w in words if w[0].islower() and w.lower() not in _PARTICLES]
    return bool(words) and (len(words) <= 2 or len(lower) <= 1)


def normalize_language(value: str | None) -> str | None:
    """Primary language subtag in lower case: 'en-US' -> 'en'."""
    if not value:
        return None
    m = re.match(r"^\s*([A-Za-z]{2,3})(?:[-_]|$)", value)
    return m.group(1).lower() if m else None


def strip_site_suffix(title: str, site_name: str | None, h1s: tuple[str, ...] = ()) -> str:
    """Remove ' | Site name' suffixes (and 'Site name - ' prefixes, section names, dates).

    A page heading that the title starts with, followed by a separator, wins outright.
    """
    for h in h1s:
        rest = title[len(h) :] if title.startswith(h) else ""
        if len(h.split()) >= 3 and rest and _TITLE_SEPARATORS.match(rest):
            return h
        lead = title[: -len(h)] if title.endswith(h) and len(title) > len(h) else ""
        if len(h.split()) >= 3 and lead and re.search(r"\s[|:·•–—-]+\s*$", lead):
            return h  # "Gregory Szorc's Digital Home | Mercurial's Journey to …"

    def same(a: str, b: str) -> bool:
        sa, sb = re.sub(r"\W", "", a).lower(), re.sub(r"\W", "", b).lower()
        return bool(sa) and bool(sb) and (sa == sb or sa in sb or sb in sa)

    if site_name:
        for sep in (" | ", " - ", " – ", " — ", " · ", " :: ", " • "):
            title = title.removesuffix(sep + site_name)
            title = title.removeprefix(site_name + sep)
    for _ in range(4):
        parts = _TITLE_SEPARATORS.split(title)
        if len(parts) < 2:
            break
        last = parts[-1]
        seps = _TITLE_SEPARATORS.findall(title)
        head = _join_title(title, parts[:-1])
        site_like = bool(site_name) and same(last, site_name or "")
        date_like = bool(re.fullmatch(r"[\d./-]+", last.strip()))
        short = seps[-1].strip() in ("|", "–", "—", "-", "·", "•", "::") and len(last.split()) <= 4
        if (site_like or date_like or short) and len(head.split()) >= 3:
            title = head
            continue
        if site_name and same(parts[0], site_name):
            title = _join_title(title, parts[1:])
            continue
        break
    return title


def _join_title(title: str, parts: list[str]) -> str:
    """Re-join the kept parts with the separators they had in ``title``."""
    if not parts:
        return title
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return title[start:end].strip() if start >= 0 and end > start else " ".join(parts)


def read_metadata(tree: Tree, url: str | None = None) -> Metadata:
    """Collect metadata, preferring JSON-LD, then OpenGraph and meta tags, then page markup."""
    md = Metadata()
    titles: list[str] = []  # what the page offers as its title, most trusted first
    objects = _jsonld_objects(tree)
    ids = {o["@id"]: o for o in objects if isinstance(o.get("@id"), str)}
    articles = [o for o in objects if _types(o) & ARTICLE_TYPES]
    articles.sort(key=lambda o: "webpage" in _types(o))  # real article types first
    for obj in articles:
        for key in ("headline", "name"):
            if isinstance(obj.get(key), str) and obj[key].strip():
                titles.append(clean_meta(obj[key]))
        if not md.byline:
            names = [clean_space(n) for n in _names(obj.get("author"), ids) if n.strip()]
            if names:
                md.byline = normalize_byline(_join_names(names))
        if not md.published:
            md.published = normalize_date(
                _first_str(obj.get("datePublished") or obj.get("dateCreated"))
            )
        if not md.site_name:
            pub = _names(obj.get("publisher"), ids)
            md.site_name = clean_space(pub[0]) if pub else None
        if not md.language:
            md.language = normalize_language(_first_str(obj.get("inLanguage")))
        if not md.body and isinstance(obj.get("articleBody"), str):
            md.body = obj["articleBody"]

    meta = MetaTags(tree)
    titles += [
        t for t in (meta.get(k) for k in ("og:title", "twitter:title", "dc.title", "headline")) if t
    ]
    md.site_name = md.site_name or meta.get("og:site_name", "application-name", "twitter:site")
    if md.site_name and md.site_name.startswith("@"):
        md.site_name = None
    if not md.byline:
        md.byline = normalize_byline(
            meta.get(
                "author", "article:author", "dc.creator", "byl", "parsely-author", "sailthru.author"
            )
        )
    if not md.byline or _is_organization(md.byline, md.site_name):
        md.byline = _byline_from_markup(tree, md.site_name) or md.byline
    if not md.published:
        md.published = normalize_date(
            meta.get(
                "article:published_time",
                "datePublished",
                "pubdate",
                "publishdate",
                "date",
                "dc.date",
                "dc.date.issued",
                "og:published_time",
                "sailthru.date",
                "parsely-pub-date",
                "article.published",
            )
        )
    md.published = _publication_date(tree, url, md.published)
    root = tree.getroottree().getroot()
    if not md.language and root.tag == "html":
        md.language = normalize_language(
            root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang") or ""
        )
    md.language = md.language or normalize_language(
        meta.get("og:locale", "content-language", "language", "dc.language")
    )

    canonical = tree.xpath(
        "//link[contains(concat(' ', normalize-space(@rel), ' '), ' canonical ')]/@href"
    )
    href = str(canonical[0]) if canonical else None
    md.url = (href if href and href.startswith("http") else None) or meta.get("og:url") or url

    h1s = [h for h in (_text(h) for h in tree.iter("h1")) if h]
    page_title = next(tree.iter("title"), None)
    doc_title = _text(page_title) if page_title is not None else ""
    md.title = _choose_title(tree, titles, doc_title, h1s, md.site_name)
    return md


def _choose_title(
    tree: Tree, offered: list[str], doc_title: str, h1s: list[str], site_name: str | None
) -> str | None:
    """The headline the page's sources agree on.

    Metadata titles, the <title> and the first page headings are candidates (site names
    stripped); each scores one point for every other source that contains it, so a generic
    og:title ('Yahoo News - Latest News') or a section heading ('Allergies Health Center')
    loses to the headline that the <title> and an <h1> share. Ties go to the most trusted.
    """

    def key(text: str) -> str:
        return " ".join(re.findall(r"\w+", text.lower()))

    sources: list[tuple[str, bool]] = []  # (text, is a page heading), copies dropped
    for text, heading in [
        *((t, False) for t in offered),
        (doc_title, False),
        *((h, True) for h in h1s[:3]),
    ]:
        if text and key(text) and all(key(text) != key(t) for t, _ in sources):
            sources.append((text, heading))
    keys = [key(t) for t, _ in sources]
    # A heading the <title> is cut around; some blogs head their post with an <h2>.
    heads = tuple(h1s) or tuple(h for h in (_text(h) for h in tree.iter("h2")) if h)[:1]
    best, best_score = None, -9
    for i, (text, heading) in enumerate(sources):
        cand = strip_site_suffix(text, site_name, heads).rstrip(
            " |-–—:·•"
        )  # 'National Rail Enquiries -'
        k = key(cand)
        if not k:
            continue
        score = sum(1 for j, other in enumerate(keys) if j != i and k in other)
        truncated = cand.rstrip().endswith(("...", "…")) or _cut_at_quote(cand, sources)
        if (" " not in k and len(k) < 12) or truncated:
            score -= 2  # 'Opinion', a truncated og:title
        if heading and len(h1s) > 1:
            score -= 1  # one heading among several is weak evidence
        if score > best_score:
            best, best_score = cand, score
    return best


def _cut_at_quote(title: str, sources: list[tuple[str, bool]]) -> bool:
    """A meta title cut short where the headline quotes a word: the page wrote
    content="… califica a Biden de "incapacitado"" and the attribute ends at the inner quote."""
    return any(text.startswith(title.rstrip() + ' "') for text, _ in sources)


def _publication_date(tree: Tree, url: str | None, declared: str | None) -> str | None:
    """The original publication date: htmldate's reading of the page (its URL, headers, markup
    and text, preferring the original date over updates), kept at full precision when the
    page's own metadata names the same day."""
    try:
        from htmldate import find_date

        # Not its extensive search: that hands free text to dateparser with every locale,
        # which took 3.3 s on one page of the corpus, for 4 more right dates in 148.
        found = find_date(tree, url=url, original_date=True, extensive_search=False)
    except Exception as exc:  # noqa: BLE001 - htmldate is a helper: a failure leaves the declared date
        log.debug("htmldate failed: %s", exc)
        found = None
    if not found or (declared and declared[:10] == found):
        return declared
    return found


def _first_str(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    return value if isinstance(value, str) else None


def _join_names(names: list[str]) -> str:
    seen: list[str] = []
    for n in names:
        if n not in seen:
            seen.append(n)
    if len(seen) == 1:
        return seen[0]
    return ", ".join(seen[:-1]) + " and " + seen[-1]


def _has_word(attr: str, word: str) -> str:
    return f"contains(concat(' ', normalize-space(@{attr}), ' '), ' {word} ')"


BYLINE_XPATHS = tuple(
    etree.XPath(x)
    for x in (
        "//*[@itemprop='author']//*[@itemprop='name']",
        "//*[@itemprop='author']",
        f"//*[{_has_word('rel', 'author')}]",
        *(
            f"//*[{_has_word('class', c)}]"
            for c in ("byline__name", "author-name", "byline", "author", "article-author")
        ),
    )
)
"""Where pages put an author credit, best first."""


_CREDIT_ATTR = re.compile(
    r"author|byline|autor|auteur|contributor|writer|wrote|signature|firma|reporter(?!ror)",
    re.IGNORECASE,
)  # not 'reportError'
_NOT_CREDIT = re.compile(
    r"comment|repl|respon|avatar|photo|image|img|bio|about|desc|more|list|related|share",
    re.IGNORECASE,
)
_CREDIT_TEXT = re.compile(
    r"^(?:(?:written |words |story |reporting |posted )?by|von|par|por|auteur|autor[a]?|author)\s*:?\s+\S",
    re.IGNORECASE,
)
_NAME = re.compile(
    r"^[^\W\d_][\w.'’,-]*(?:\s+(?:[^\W\d_][\w.'’,-]*|de|da|del|la|van|von|der|y|and|und|et|e|,))*$"
)
_ORG_WORDS = re.compile(
    r"\b(news|media|press|online|times|post|journal|magazine|agenc\w*|redac\w*|staff|team|"
    r"group|inc|ltd|gmbh|\.com|\.de|editorial|desk|newsroom|wire)\b",
    re.IGNORECASE,
)


CREDIT_WORDS = 30
"""More words than this in an element is not a credit line."""


def element_labels(el: Tree) -> str:
    """An lxml element's class and id, the words pages label their parts with."""
    return f"{el.get('class') or ''} {el.get('id') or ''}"


def _in_furniture(el: Tree) -> bool:
    """Inside a sidebar, the navigation or the page's footer: credits there are other posts'.
    Inside the claim a fact-check reviews (schema.org itemReviewed): that is the claimant."""
    ancestors = list(el.iterancestors())
    in_article = any(a.tag == "article" for a in ancestors)
    return any(
        a.tag in ("aside", "nav")
        or (a.tag == "footer" and not in_article)
        or a.get("itemprop") == "itemReviewed"
        or (a.get("itemtype") or "").rstrip("/").endswith("schema.org/Claim")
        for a in ancestors
    )


def _is_organization(byline: str, site_name: str | None) -> bool:
    """A credit naming the publisher or a desk rather than a person."""
    key = re.sub(r"\W", "", byline).lower()
    site = re.sub(r"\W", "", site_name or "").lower()
    named_site = bool(site and key) and (
        site in key or (key in site and len(key) >= 6)
    )  # not 'Ela' of elavegan
    agency = re.fullmatch(r"[A-Z]{2,8}", byline.replace(".", "").replace(" ", ""))  # 'AFP', 'A.P.'
    return named_site or bool(agency) or bool(_ORG_WORDS.search(byline))


def _credible(text: str | None, site_name: str | None) -> bool:
    """A person's name, or a few of them ('A, B and C'), not a publisher or a desk."""
    if not text or _is_organization(text, site_name):
        return False
    names = re.split(r",\s*|\s+(?:and|und|et|y|e|i)\s+", text)
    return len(text.split()) <= 8 or (
        len(names) <= 6 and all(1 <= len(n.split()) <= 4 for n in names)
    )


def _leading_text(el: Tree) -> str:
    """An element's own opening text and its first child's ('Written by: <a>Julie Mollins</a>')."""
    first = "".join(el[0].itertext()) if len(el) and isinstance(el[0].tag, str) else ""
    return f"{el.text or ''} {first}".strip()


def _byline_from_markup(tree: Tree, site_name: str | None = None) -> str | None:
    """The first credible author credit in the markup: schema.org and rel markup first, then
    the first element labelled as a byline or reading 'By Name', in document order."""
    fallback: str | None = None  # a desk or the publisher, when no person is credited
    for xpath in BYLINE_XPATHS:
        for el in xpath(tree)[:50]:
            if _in_furniture(el):
                continue
            text = normalize_byline(
                el.get("content") if el.tag == "meta" else " ".join(el.itertext())
            )
            if _credible(text, site_name):
                return text
            if text and len(text.split()) <= 8:
                fallback = fallback or text
    body = tree.find("body")
    for el in body.iter() if body is not None else ():
        if not isinstance(el.tag, str) or el.tag in ("script", "style", "a"):
            continue
        attrs = element_labels(el)
        if len(attrs) > 1 and _CREDIT_ATTR.search(attrs):
            if _in_furniture(el) or any(
                _NOT_CREDIT.search(element_labels(a))
                for a in (el, *el.iterancestors())
                if a.tag not in ("html", "body")
            ):
                continue  # a credit in a list of other posts, a comment, a photo
        elif not (
            el.text
            and el.text.strip()
            and len(el.text) < 80
            and _CREDIT_TEXT.match(_leading_text(el))
        ):
            continue
        raw = " ".join(el.itertext())
        if len(raw.split()) > CREDIT_WORDS:
            continue  # a container labelled by its author ('article.author-pamela-anderson')
        text = normalize_byline(raw)
        if _credible(text, site_name) and _NAME.match(text or ""):
            return text
    return fallback
