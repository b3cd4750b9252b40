"""What the normalizer leaves for espeak-ng to spell out or misread, found on real pages.

Every page of ../shared/corpus is extracted (cached in benchmarks/.cache/), scripted exactly as
``voxpress render`` would (the default profile, the article's language, lexicons and normalizer),
and every spoken token is judged by espeak-ng itself, in the page's language:

- **symbol**: a character espeak-ng names ('→' "right arrow", '*' "asterisk", '/' "slash");
- **letters+digits**: a token that mixes letters and digits ('A321neo', 'i9-12900K');
- **spelled**: a word espeak-ng reads letter by letter (its phonemes equal those of its letters
  read one by one) that may be a misreading: after a number (a unit: 'kWh', 'dB'), or in
  capitals and not known. Initialisms (listed in ``normalize/acronyms.txt``, or two to five
  capitals without a vowel, which can only be said as letters) and other tokens that are not
  words ('txt', 'iOS', 'PhD') are counted apart, outside the headline: spelling them is right;
- **full stop in a word**: 'said.The', read "said dot the";
- and, outside the headline figure, **abbreviation** (a word with a full stop inside a sentence:
  'Fla.', 'Maj.'), **digits** left to espeak-ng in an English sentence, and **parenthesis** (a
  short aside in parentheses read between two pauses).

The headline figure is symbol + letters+digits + spelled + full stop in a word, per 1,000 written
words; a second line leaves out the capitals not in the acronym list (most are initialisms espeak-ng
spells rightly; which are words said wrong cannot be told without a listener). Pages are split by a stable hash of their id into a *tune* half (looked at
while fixing) and a *check* half (not looked at); both are reported, check first.

    python benchmarks/unspoken.py [--corpus ../shared/corpus] [--part check|tune|all]
        [--lang en] [--top 30] [--examples 2] [--refresh]

To measure another version of the code with this script and the same acronym list, run it with
``PYTHONPATH=<that checkout>/src``.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import itertools
import json
import logging
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from voxpress.engines.espeak import phonemes
from voxpress.errors import VoxpressError
from voxpress.extract import extract_html
from voxpress.models import Article, Block, Segment, primary_language
from voxpress.render import script_for
from voxpress.voices import load_profile

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "benchmarks" / ".cache"
ACRONYMS = ROOT / "src" / "voxpress" / "normalize" / "acronyms.txt"
HEADLINE = ("symbol", "letters+digits", "spelled", "full stop in a word")
VOICES = {"en": "gmw/en-us", "pt": "pt-br"}
log = logging.getLogger("unspoken")


# ------------------------------------------------------------------ the corpus, extracted once


def corpus_pages(corpus: Path) -> list[tuple[str, Path, str | None]]:
    """(page id, path, url) for every page of the corpus."""
    index = {}
    with open(corpus / "index.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            index[row["path"]] = row
    pages: list[tuple[str, Path, str | None]] = []
    for d in sorted((corpus / "readability").iterdir()):
        if (d / "source.html").exists():
            row = index.get(f"readability/{d.name}/source.html", {})
            pages.append((f"readability/{d.name}", d / "source.html", row.get("url")))
    for p in sorted((corpus / "trafilatura" / "pages").glob("*.html")):
        row = index.get(f"trafilatura/pages/{p.name}", {})
        pages.append((f"trafilatura/{p.stem}", p, row.get("url")))
    truth = json.loads((corpus / "wcxb" / "ground-truth.json").read_text(encoding="utf-8"))
    for p in sorted((corpus / "wcxb" / "html").glob("*.html.gz")):
        page_id = p.name.removesuffix(".html.gz")
        pages.append((f"wcxb/{page_id}", p, truth.get(page_id, {}).get("url")))
    return pages


def load_articles(corpus: Path, refresh: bool = False) -> dict[str, Article]:
    """Every page's extracted article, from the cache when it is there."""
    cache = CACHE / "articles.json"
    if cache.exists() and not refresh:
        data = json.loads(cache.read_text(encoding="utf-8"))
    else:
        data = {}
        pages = corpus_pages(corpus)
        t0 = time.perf_counter()
        for n, (page_id, path, url) in enumerate(pages, 1):
            raw = path.read_bytes()
            if path.suffix == ".gz":
                raw = gzip.decompress(raw)
            try:
                a = extract_html(raw, url=url, source=page_id)
            except VoxpressError as exc:
                log.warning("%s: %s", page_id, exc)
                continue
            data[page_id] = {
                "title": a.title,
                "byline": a.byline,
                "language": a.language,
                "url": a.url,
                "blocks": [[b.kind, b.text, b.level] for b in a.blocks],
            }
            if n % 100 == 0:
                log.info("extracted %d/%d pages (%.0f s)", n, len(pages), time.perf_counter() - t0)
        CACHE.mkdir(parents=True, exist_ok=True)
        cache.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return {
        page_id: Article(
            title=d["title"],
            blocks=tuple(Block(kind, text, level) for kind, text, level in d["blocks"]),
            byline=d["byline"],
            language=d["language"],
            url=d["url"],
            source=page_id,
        )
        for page_id, d in data.items()
    }


def part_of(page_id: str) -> str:
    """'tune' or 'check', by a stable hash of the page id (half and half)."""
    return "tune" if hashlib.sha1(page_id.encode()).digest()[0] % 2 == 0 else "check"


# ------------------------------------------------------------------ judging tokens by espeak-ng


def known_acronyms() -> set[str]:
    """The acronyms the normalizer knows (spelled or said as words): spelling them is no fault."""
    if not ACRONYMS.exists():
        return set()
    known = set()
    for line in ACRONYMS.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            known.add(line.split("=", 1)[0].strip())
    return known


def key(text: str, voice: str) -> str:
    return re.sub(r"[\s'_,:;!.%=|-]+", "", phonemes(text, voice))


class Judge:
    """espeak-ng's reading of one token, cached on disk across runs."""

    def __init__(self) -> None:
        self.path = CACHE / "judgements.json"
        self.cache: dict[str, bool] = {}
        if self.path.exists():
            self.cache = json.loads(self.path.read_text(encoding="utf-8"))
        self.dirty = False

    def _ask(self, question: str, voice: str, a: str, b: str) -> bool:
        k = f"{question}\t{voice}\t{a}"
        if k not in self.cache:
            self.cache[k] = key(a, voice) == key(b, voice)
            self.dirty = True
        return self.cache[k]

    def spelled(self, word: str, voice: str) -> bool:
        """espeak-ng reads ``word`` letter by letter."""
        return self._ask("spelled", voice, word, ".".join(word) + ".")

    def silent(self, token: str, char: str, voice: str) -> bool:
        """``char`` in ``token`` adds nothing to what espeak-ng says (a pause at most)."""
        return self._ask(f"silent {char}", voice, token, token.replace(char, " "))

    def save(self) -> None:
        if self.dirty:
            CACHE.mkdir(parents=True, exist_ok=True)
            self.path.write_text(json.dumps(self.cache, ensure_ascii=False), encoding="utf-8")


QUIET = set("'\"()[]{}.,;:!?-–—…«»“”‘’")
CURRENCY = set("$€£¥₹₴₽₩")
_EDGE = re.compile(r"^[\"'“‘«(\[{]+|[\"'”’»)\]},;:!?]+$")
_INITIALS = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]?\.?$")
_ABBREVIATION = re.compile(r"^[A-Za-z][a-z]{1,4}\.$")
_VOWEL = re.compile(r"[AEIOUY]")
_LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿ]+$")
_CANDIDATE = re.compile(r"[A-Z].*[A-Z]|^[^aeiouyAEIOUYà-ÿ]+$|[a-z][A-Z]")
_NUMBER_WORD = re.compile(
    r"^(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-\w+)?|zero|one|two|three|"
    r"four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|hundred|thousand|million|billion)$",
    re.IGNORECASE,
)
_NUMBERISH = re.compile(
    r"\d|^(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|\w+ty|"
    r"\w+ty-\w+|hundred|thousand|million|billion)$"
)
_GLUED = re.compile(r"(?<![\w.])([a-z]{2,})\.([A-Z][a-z]+)(?![\w.])")
_CJK_STOP = re.compile(r"[。！？]")
LONGEST = 60
"""A token longer than this is reported ('token over 60 characters')."""


@dataclass
class Tally:
    """Findings of one part of the corpus."""

    words: int = 0
    pages: int = 0
    counts: Counter[tuple[str, str]] = field(default_factory=Counter)
    examples: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))

    def add(self, cls: str, item: str, example: str, keep: int) -> None:
        self.counts[cls, item] += 1
        if len(self.examples[cls, item]) < keep:
            self.examples[cls, item].append(example)

    def by_class(self) -> Counter[str]:
        out: Counter[str] = Counter()
        for (cls, _), n in self.counts.items():
            out[cls] += n
        return out

    def headline(self, sure: bool = False) -> int:
        """Tokens read letter by letter or as a symbol; ``sure``: leaving out capitals that are
        not in the acronym list (mostly initialisms read right, but some words read wrong)."""
        return sum(
            n
            for (cls, item), n in self.counts.items()
            if cls in HEADLINE and not (sure and item.endswith("(capitals)"))
        )


def _glitch(token: str) -> bool:
    """'said.The' (a sentence with no space after its full stop) or 'nine.five' (a decimal whose
    point was lost): a full stop espeak-ng reads "dot" where a listener expects none."""
    if _GLUED.search(token):
        return True
    left, dot, right = token.partition(".")
    return bool(dot) and bool(_NUMBER_WORD.match(left)) and bool(_NUMBER_WORD.match(right))


def scan(
    text: str, written: str, voice: str, english: bool, judge: Judge, known: set[str]
) -> list[tuple[str, str]]:
    """(class, item) for everything in one spoken segment that espeak-ng would spell or misread."""
    found: list[tuple[str, str]] = []
    tokens = text.split()
    for i, raw in enumerate(tokens):
        token = _EDGE.sub("", raw)
        if not token:
            continue
        if len(token) > LONGEST:
            found.append(("token over 60 characters", f"{len(token) // 100 * 100}+ characters"))
            continue
        bare = token.rstrip(".")
        marks = {c for c in token if not c.isalnum() and c not in QUIET}
        for ch in sorted(c for c in marks if not unicodedata.category(c).startswith("M")):
            if not english and (ch == "%" or ch in CURRENCY):
                continue  # left to espeak-ng, which says them in the page's language
            if not judge.silent(token, ch, voice):
                found.append(("symbol", ch))
        if "." in token and _glitch(token) and not judge.silent(token, ".", voice):
            found.append(("full stop in a word", token))
        if re.search(r"\d", token):
            if re.search(r"[A-Za-z]", token) and token.isascii():
                found.append(("letters+digits", bare))
            elif english:
                found.append(("digits", re.sub(r"\d", "0", bare)))
            continue
        if _INITIALS.match(token):
            continue
        if (
            _ABBREVIATION.match(token)
            and i < len(tokens) - 1
            and not _NUMBER_WORD.match(bare)
            and not tokens[i + 1][:1].isupper()
        ):
            found.append(("abbreviation", token))
        for word in re.split(r"[-/.]", bare):
            word = re.sub(r"'s$", "", word)
            if len(word) < 2 or not _LATIN.match(word) or not _CANDIDATE.search(word):
                continue
            if not judge.spelled(word, voice):
                continue
            core = word[:-1] if word.endswith("s") and word[:-1].isupper() else word
            if core in known or core.isupper() and len(core) <= 5 and not _VOWEL.search(core):
                found.append(("initialism", word))  # listed, or without a vowel: letters
            elif i and _NUMBERISH.search(_EDGE.sub("", tokens[i - 1])):
                found.append(("spelled", f"{word} (after a number)"))  # a unit espeak-ng spells
            elif word.isupper():
                found.append(("spelled", f"{word} (capitals)"))  # a word, or a new initialism?
            else:
                found.append(("spelled, not a word", word))  # 'txt', 'iOS', 'PhD': letters
    for m in re.finditer(r"\(([a-z][a-z -]{0,30})\)(?=\s+[a-z])", written):
        inner = m.group(1).strip()
        if len(inner.split()) <= 2 and re.search(rf",\s*{re.escape(inner)}\s*,", text):
            found.append(("parenthesis", "a word or two in parentheses read between pauses"))
    if _CJK_STOP.search(text.rstrip('。！？」』”’"）) ')):
        found.append(("sentence split", "Chinese, Japanese or Korean paragraph not split"))
    return found


def scan_pauses(
    segments: list[Segment], blocks: tuple[Block, ...], paragraph_ms: int
) -> list[tuple[str, str, str]]:
    """A paragraph's pause where the sentence goes on: a block that ends without a full stop,
    followed by one that starts in lower case ('… the Ministry of' / 'defence said'); list items
    are left out, their pauses are right."""
    found = []
    for a, b in itertools.pairwise(segments):
        if (
            a.block is not None
            and b.block is not None
            and a.block != b.block
            and blocks[a.block].kind == blocks[b.block].kind == "paragraph"
            and a.kind == b.kind == "sentence"
            and a.pause_after_ms >= paragraph_ms
            and not re.search(r"[.!?:;。！？\"'”’)\]]$", a.written.strip())
            and b.written[:1].islower()
        ):
            found.append(
                (
                    "sentence split",
                    "paragraph pause inside a sentence",
                    a.written[-80:] + " | " + b.written[:80],
                )
            )
    return found


# ------------------------------------------------------------------ the report


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--corpus", type=Path, default=ROOT.parent.parent / "shared" / "corpus")
    ap.add_argument("--part", choices=["check", "tune", "all"], default="all")
    ap.add_argument("--lang", help="only pages in this language (primary subtag)")
    ap.add_argument("--top", type=int, default=30, help="items to list")
    ap.add_argument("--examples", type=int, default=1, help="example sentences per item")
    ap.add_argument("--refresh", action="store_true", help="extract the pages again")
    ap.add_argument("--json", type=Path, help="also write the tallies here")
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if not args.corpus.exists():
        args.corpus = Path("/work/shared/corpus")
    articles = load_articles(args.corpus, args.refresh)
    profile = load_profile()
    judge = Judge()
    known = known_acronyms()
    tallies = {"check": Tally(), "tune": Tally()}
    t0 = time.perf_counter()
    for page_id, article in sorted(articles.items()):
        part = part_of(page_id)
        lang = primary_language(article.language) or "en"
        if args.part != "all" and part != args.part or args.lang and lang != args.lang:
            continue
        voice = VOICES.get(lang, lang)
        tally = tallies[part]
        tally.pages += 1
        segments = script_for(article, profile)
        for seg in segments:
            tally.words += len(seg.written.split())
            for cls, item in scan(seg.text, seg.written, voice, lang == "en", judge, known):
                tally.add(cls, item, f"{page_id}: {seg.written[:160]!r} -> {seg.text[:160]!r}", 3)
        for cls, item, example in scan_pauses(
            segments, article.blocks, profile.pauses.paragraph_ms
        ):
            tally.add(cls, item, f"{page_id}: {example!r}", 3)
    judge.save()
    seconds = time.perf_counter() - t0
    parts = ["check", "tune"] if args.part == "all" else [args.part]
    print(f"scripted and judged in {seconds:.0f} s; acronym list: {len(known)} entries")
    classes = sorted(
        {c for p in parts for c in tallies[p].by_class()},
        key=lambda c: -sum(tallies[p].by_class()[c] for p in parts),
    )
    header = "".join(f"{p + ' /1k':>12}{'n':>7}" for p in parts)
    print(f"{'class':<22}{header}")
    for label, counts in [
        ("HEADLINE", {p: tallies[p].headline() for p in parts}),
        ("  without capitals", {p: tallies[p].headline(sure=True) for p in parts}),
    ] + [(c, {p: tallies[p].by_class()[c] for p in parts}) for c in classes]:
        row = "".join(
            f"{1000 * counts[p] / max(1, tallies[p].words):12.2f}{counts[p]:7d}" for p in parts
        )
        print(f"{label:<22}{row}")
    for p in parts:
        print(f"{p}: {tallies[p].pages} pages, {tallies[p].words} words")
    shown = [p for p in parts if p == "tune"] or parts
    merged: Counter[tuple[str, str]] = Counter()
    for p in shown:
        merged.update(tallies[p].counts)
    print(f"\nmost frequent items ({'+'.join(shown)} part; the check part is not listed):")
    for (cls, item), n in merged.most_common(args.top):
        print(f"{n:6d}  {cls:<20} {item}")
        for ex in tallies[shown[0]].examples.get((cls, item), [])[: args.examples]:
            print(f"          {ex}")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    p: {
                        "words": tallies[p].words,
                        "pages": tallies[p].pages,
                        "headline": tallies[p].headline(),
                        "headline_without_capitals": tallies[p].headline(sure=True),
                        "classes": dict(tallies[p].by_class()),
                        "items": {f"{c}\t{i}": n for (c, i), n in tallies[p].counts.items()},
                        "examples": {f"{c}\t{i}": e for (c, i), e in tallies[p].examples.items()},
                    }
                    for p in parts
                },
                ensure_ascii=False,
                indent=1,
            ),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
