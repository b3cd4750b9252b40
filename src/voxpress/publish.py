"""Publishing: everything derived from the exact timeline, written beside the MP3.

Transcripts (WebVTT by sentence and by word, SRT, Podcasting 2.0 JSON), chapters (Podcasting 2.0
JSON; the ID3 CHAP frames are written by :mod:`voxpress.audio`), the manifest (the basis for
incremental re-rendering, and what the player reads), the stand-alone player page and the snippet
that embeds the player in a publisher's article page. Nothing here is estimated: every time comes
from sample counts in the timeline; word times are the engine's, moved onto the written words by
:mod:`voxpress.words`.
"""

from __future__ import annotations

import hashlib
import html
import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from . import player
from .audio import Chapter
from .models import Article, TimedSegment, Timeline
from .sanitize import safe_url
from .words import written_words

__all__ = [
    "Cue",
    "chapters",
    "chapters_json",
    "cues",
    "embed_snippet",
    "manifest",
    "playback",
    "player_page",
    "settings_hash",
    "text_hash",
    "to_srt",
    "to_vtt",
    "to_word_vtt",
    "transcript_json",
    "word_timing",
]


@dataclass(frozen=True)
class Cue:
    """One transcript cue: a spoken sentence, as written in the article."""

    start: float
    """Start in seconds."""
    end: float
    """End in seconds."""
    text: str
    """Text as written (not the normalized spoken form)."""
    kind: str
    """Segment kind (title, byline, heading, sentence, intro, outro)."""
    block: int | None
    """Index of the article block, or None."""


def cues(timeline: Timeline) -> list[Cue]:
    """One cue per segment. Cues tile the programme: each runs until the next begins."""
    rate = timeline.sample_rate
    out: list[Cue] = []
    segs = timeline.segments
    for n, ts in enumerate(segs):
        start = 0 if n == 0 else ts.start
        end = segs[n + 1].start if n + 1 < len(segs) else timeline.total_samples
        text = ts.segment.written or ts.segment.text
        out.append(Cue(start / rate, end / rate, text, ts.segment.kind, ts.segment.block))
    return out


def _stamp(seconds: float, sep: str) -> str:
    ms = round(seconds * 1000)
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def _vtt_text(text: str) -> str:
    """Cue text with WebVTT's three special characters escaped."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_vtt(items: list[Cue]) -> str:
    """WebVTT text."""
    lines = ["WEBVTT", ""]
    for n, c in enumerate(items, 1):
        lines += [str(n), f"{_stamp(c.start, '.')} --> {_stamp(c.end, '.')}", _vtt_text(c.text), ""]
    return "\n".join(lines)


def to_word_vtt(timeline: Timeline) -> str:
    """WebVTT by sentence with a timestamp tag before each word (``<00:00:01.250>word``), the
    karaoke-style cue text WebVTT defines; a cue whose words were not timed has none."""
    lines = ["WEBVTT", ""]
    rate = timeline.sample_rate
    for n, (cue, ts) in enumerate(zip(cues(timeline), timeline.segments), 1):
        text, done, last = cue.text, 0, round(cue.start * 1000)
        parts: list[str] = []
        end_ms = round(cue.end * 1000)
        for k, word in enumerate(written_words(ts) or ()):
            ms = round(word.start * 1000 / rate)
            if k == 0 and ms <= last:
                continue  # the first word starts with the cue: no tag needed
            ms = max(ms, last + 1)  # tags must increase strictly, and stay inside the cue
            if ms >= end_ms:
                break
            parts += [_vtt_text(text[done : word.offset]), f"<{_stamp(ms / 1000, '.')}>"]
            done, last = word.offset, ms
        parts.append(_vtt_text(text[done:]))
        lines += [
            str(n),
            f"{_stamp(cue.start, '.')} --> {_stamp(cue.end, '.')}",
            "".join(parts),
            "",
        ]
    return "\n".join(lines)


def to_srt(items: list[Cue]) -> str:
    """SubRip text."""
    lines: list[str] = []
    for n, c in enumerate(items, 1):
        lines += [str(n), f"{_stamp(c.start, ',')} --> {_stamp(c.end, ',')}", c.text, ""]
    return "\n".join(lines)


def chapters(timeline: Timeline, article: Article) -> list[Chapter]:
    """An opening chapter (title, byline, text before the first heading), then one per heading."""
    rate = timeline.sample_rate
    starts: list[tuple[str, int]] = [(article.title, 0)]
    for ts in timeline.segments:
        if ts.segment.kind == "heading":
            title = ts.segment.written or ts.segment.text
            if ts.start == 0:
                starts[0] = (title, 0)
            else:
                starts.append((title, ts.start))
    total_ms = round(timeline.total_samples * 1000 / rate)
    out = []
    for n, (title, start) in enumerate(starts):
        end_ms = round(starts[n + 1][1] * 1000 / rate) if n + 1 < len(starts) else total_ms
        out.append(Chapter(title, round(start * 1000 / rate), end_ms))
    return out


def chapters_json(items: list[Chapter]) -> str:
    """Podcasting 2.0 JSON chapters (version 1.2.0)."""
    return (
        json.dumps(
            {
                "version": "1.2.0",
                "chapters": [
                    {"startTime": c.start_ms / 1000, "endTime": c.end_ms / 1000, "title": c.title}
                    for c in items
                ],
            },
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    )


def settings_hash(settings: dict[str, Any]) -> str:
    """Short stable hash of a render's settings (see ``render.render_settings``)."""
    return hashlib.sha256(json.dumps(settings, sort_keys=True, default=str).encode()).hexdigest()[
        :16
    ]


def text_hash(text: str) -> str:
    """Short content hash of a segment's spoken text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def word_timing(timeline: Timeline) -> str:
    """'measured' when every spoken segment has word times, 'partial' when some have, 'none'
    when the engine or voice gave none (then only sentence timing is known)."""
    spoken = [ts for ts in timeline.segments if ts.segment.text.strip()]
    timed = sum(1 for ts in spoken if written_words(ts))
    return "none" if not timed else "measured" if timed == len(spoken) else "partial"


def _seconds(samples: int, rate: int) -> float:
    return round(samples / rate, 4)


def _words(ts: TimedSegment, rate: int) -> list[dict[str, Any]] | None:
    found = written_words(ts)
    if found is None:
        return None
    return [
        {
            "text": w.text,
            "offset": w.offset,
            "start": _seconds(w.start, rate),
            "end": _seconds(w.end, rate),
        }
        for w in found
    ]


def _segment(ts: TimedSegment, rate: int) -> dict[str, Any]:
    replaced = {"replaced": ts.segment.replaced} if ts.segment.replaced else {}
    return {
        "kind": ts.segment.kind,
        "block": ts.segment.block,
        "text_hash": text_hash(ts.segment.text),
        "start": _seconds(ts.start, rate),
        "end": _seconds(ts.end, rate),
        "start_sample": ts.start,
        "end_sample": ts.end,
        "text": ts.segment.text,
        "written": ts.segment.written,
        "words": _words(ts, rate),
        **replaced,
    }


_PLAYBACK_KEYS = ("kind", "block", "start", "end", "written", "words")


def playback(article: Article, timeline: Timeline, mp3: str) -> dict[str, Any]:
    """What the player reads (a subset of the manifest): the audio, chapters, and every segment
    with its article block, its written text and, where known, the time of each written word."""
    rate = timeline.sample_rate
    return {
        "mp3": mp3,
        "duration": round(timeline.duration, 3),
        "word_timing": word_timing(timeline),
        "chapters": [
            {"title": c.title, "start": c.start_ms / 1000, "end": c.end_ms / 1000}
            for c in chapters(timeline, article)
        ],
        "segments": [
            {k: v for k, v in _segment(ts, rate).items() if k in _PLAYBACK_KEYS}
            for ts in timeline.segments
        ],
    }


def manifest(
    article: Article,
    timeline: Timeline,
    *,
    mp3: str,
    mp3_bytes: int,
    engine: str,
    voice: str,
    settings: dict[str, Any],
    files: dict[str, str],
    version: str,
    source_hash: str | None = None,
    file_bytes: dict[str, int] | None = None,
) -> str:
    """The render's manifest: what was rendered, how, and where every segment and word sits.

    Each segment has its spoken ``text`` and its ``written`` form; ``words`` lists the written
    words (``text``, character ``offset`` in ``written``, ``start`` and ``end`` in seconds), or is
    null where the engine gave no word times. ``word_timing`` sums it up: measured, partial, none.
    ``file_bytes`` is the size of every companion file: a reader trusts a file only when it
    matches (the manifest is published last, see :mod:`voxpress.outputs`).
    """
    rate = timeline.sample_rate
    data = {
        "voxpress": version,
        **article.metadata(),
        "source_hash": source_hash,
        "duration": round(timeline.duration, 3),
        "sample_rate": rate,
        "mp3": mp3,
        "mp3_bytes": mp3_bytes,
        "engine": engine,
        "voice": voice,
        "word_timing": word_timing(timeline),
        "settings": settings,
        "settings_hash": settings_hash(settings),
        "files": files,
        "file_bytes": file_bytes or {},
        "chapters": playback(article, timeline, mp3)["chapters"],
        "segments": [_segment(ts, rate) for ts in timeline.segments],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def transcript_json(timeline: Timeline) -> str:
    """The Podcasting 2.0 JSON transcript (application/json, version 1.0.0): one entry per
    written word where the words were timed, else one per sentence, as written."""
    rate = timeline.sample_rate
    out: list[dict[str, Any]] = []
    for ts in timeline.segments:
        found = written_words(ts)
        if found:
            out += [
                {
                    "startTime": _seconds(w.start, rate),
                    "endTime": _seconds(w.end, rate),
                    "body": w.text,
                }
                for w in found
            ]
        elif ts.segment.written or ts.segment.text:
            body = ts.segment.written or ts.segment.text
            out.append(
                {
                    "startTime": _seconds(ts.start, rate),
                    "endTime": _seconds(ts.end, rate),
                    "body": body,
                }
            )
    return json.dumps({"version": "1.0.0", "segments": out}, ensure_ascii=False, indent=2) + "\n"


_PAGE_CSS = """
:root{color-scheme:light}
body{font:1.15rem/1.65 Georgia,'Times New Roman',serif;max-width:42rem;margin:0 auto;
 padding:1rem 1.25rem 6rem;background:#fff;color:#14171c}
header p{margin:.2rem 0;color:#424955;font-family:system-ui,sans-serif;font-size:.95rem}
a{color:#174ea6}
voxpress-player{position:sticky;top:0;z-index:1;background:#fff;padding:.25rem 0}
"""

LABEL = "Listen to this article"
"""The player's default heading."""


def _script_json(data: dict[str, Any]) -> str:
    """JSON safe inside an HTML <script> element: no '<', '>' or '&' outside escapes."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _article_html(article: Article, timeline: Timeline) -> list[str]:
    """The spoken blocks of the article as HTML, text escaped, in reading order."""
    esc = html.escape
    spoken = sorted({ts.segment.block for ts in timeline.segments if ts.segment.block is not None})
    body: list[str] = []
    list_open = False
    for b in spoken:
        block = article.blocks[b]
        if block.kind == "list_item":
            if not list_open:
                body.append("<ul>")
                list_open = True
            body.append(f"<li>{esc(block.text)}</li>")
            continue
        if list_open:
            body.append("</ul>")
            list_open = False
        if block.kind == "heading":
            level = min(6, max(2, block.level or 2))
            body.append(f"<h{level}>{esc(block.text)}</h{level}>")
        elif block.kind == "quote":
            body.append(f"<blockquote><p>{esc(block.text)}</p></blockquote>")
        else:
            body.append(f"<p>{esc(block.text)}</p>")
    if list_open:
        body.append("</ul>")
    return body


def player_page(article: Article, timeline: Timeline, mp3_name: str, notice: str) -> str:
    """A stand-alone page: the embeddable player (inline, with its data) above the article text.

    Works from a web server and opened from disk alike: nothing is fetched but the MP3.
    """
    esc = html.escape
    meta = " · ".join(
        esc(x)
        for x in (
            article.byline and f"By {article.byline}",
            article.published and article.published[:10],
            article.site_name,
        )
        if x
    )
    lang = esc(article.language or "en", quote=True)
    url = safe_url(article.url)
    source = f'<p><a href="{esc(url, quote=True)}">Original article</a></p>' if url else ""
    code = player.script()
    if "</script" in code.lower():
        raise ValueError("the player script cannot be inlined")
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(article.title)} (audio)</title>
<style>{_PAGE_CSS}</style>
</head>
<body>
<main id="article">
<header>
<h1>{esc(article.title)}</h1>
{f"<p>{meta}</p>" if meta else ""}
{source}
</header>
<voxpress-player text="#article" label="{LABEL}" notice="{esc(notice, quote=True)}">
<script type="application/json">{_script_json(playback(article, timeline, mp3_name))}</script>
<audio controls preload="metadata" src="{esc(mp3_name, quote=True)}"></audio>
</voxpress-player>
{chr(10).join(_article_html(article, timeline))}
</main>
<script>{code}</script>
</body>
</html>
"""


def embed_snippet(
    manifest_name: str, mp3_name: str, notice: str, base_url: str | None = None
) -> str:
    """The HTML a publisher pastes into the article page, above the text: the player, a plain
    audio element for browsers without JavaScript, and the player's script.

    ``base_url`` is the public URL of the folder the render is served from; without it the
    names are relative (the files beside the page).
    """
    if base_url is not None and not safe_url(base_url):
        raise ValueError(f"the base URL must be http(s), not {base_url!r}")
    base = (base_url.rstrip("/") + "/") if base_url else ""

    def url(name: str) -> str:
        return html.escape(base + quote(name), quote=True)

    return f"""<!-- voxpress: "{LABEL}". Paste above the article text.
     text="…" is the CSS selector of the element holding the article's paragraphs (without it
     the player looks in <article>, then <main>); policy="https://…" links the notice to your AI
     policy. Served from another origin, {manifest_name} needs an Access-Control-Allow-Origin
     header. -->
<voxpress-player src="{url(manifest_name)}" label="{LABEL}" notice="{html.escape(notice, quote=True)}">
  <audio controls preload="none" src="{url(mp3_name)}"></audio>
</voxpress-player>
<script src="{url(player.SCRIPT_NAME)}" defer></script>
"""
