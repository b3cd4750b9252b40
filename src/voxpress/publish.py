"""Publishing: everything derived from the exact timeline, written beside the MP3.

Transcripts (WebVTT, SRT), chapters (Podcasting 2.0 JSON; the ID3 CHAP frames are written by
:mod:`voxpress.audio`), the manifest (the basis for incremental re-rendering) and the accessible
player page. Nothing here is estimated: every time comes from sample counts in the timeline.
"""

from __future__ import annotations

import hashlib
import html
import json
from dataclasses import dataclass
from typing import Any

from .audio import Chapter
from .models import Article, Timeline
from .sanitize import safe_url

__all__ = [
    "Cue",
    "chapters",
    "chapters_json",
    "cues",
    "manifest",
    "player_page",
    "settings_hash",
    "text_hash",
    "to_srt",
    "to_vtt",
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


def to_vtt(items: list[Cue]) -> str:
    """WebVTT text."""
    lines = ["WEBVTT", ""]
    for n, c in enumerate(items, 1):
        lines += [
            str(n),
            f"{_stamp(c.start, '.')} --> {_stamp(c.end, '.')}",
            c.text.replace("-->", "->"),
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
    """The render's manifest: what was rendered, how, and where every segment sits.

    ``file_bytes`` is the size of every companion file: a reader trusts a file only when it
    matches (the manifest is published last, see :mod:`voxpress.outputs`)."""
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
        "settings": settings,
        "settings_hash": settings_hash(settings),
        "files": files,
        "file_bytes": file_bytes or {},
        "segments": [
            {
                "kind": ts.segment.kind,
                "block": ts.segment.block,
                "text_hash": text_hash(ts.segment.text),
                "start": round(ts.start / rate, 4),
                "end": round(ts.end / rate, 4),
                "start_sample": ts.start,
                "end_sample": ts.end,
                "text": ts.segment.text,
            }
            for ts in timeline.segments
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


_PLAYER_CSS = """
:root{color-scheme:light dark;--hl:#ffe28a;--hl-text:#111;--accent:#0b57d0}
body{font:1.15rem/1.65 Georgia,'Times New Roman',serif;max-width:42rem;margin:0 auto;padding:1rem 1.25rem 6rem}
header p{margin:.2rem 0;color:GrayText;font-family:system-ui,sans-serif;font-size:.95rem}
.player{position:sticky;top:0;background:Canvas;padding:.75rem 0;border-bottom:1px solid GrayText;
 display:flex;flex-wrap:wrap;gap:.75rem;align-items:center;font-family:system-ui,sans-serif;z-index:1}
.player audio{flex:1 1 20rem;min-width:16rem}
.s{cursor:pointer;border-radius:.2rem}
.s:hover{text-decoration:underline}
.s:focus{outline:3px solid var(--accent);outline-offset:2px}
.s.current{background:var(--hl);color:var(--hl-text)}
.notice{font-family:system-ui,sans-serif;font-size:.9rem;color:GrayText}
@media (prefers-reduced-motion:reduce){html{scroll-behavior:auto}}
"""

_PLAYER_JS = """
(function(){
  var audio=document.getElementById('audio');
  var spans=Array.prototype.slice.call(document.querySelectorAll('.s'));
  var speed=document.getElementById('speed');
  var current=null;
  function find(t){
    var lo=0,hi=spans.length-1,found=null;
    while(lo<=hi){var mid=(lo+hi)>>1;
      if(parseFloat(spans[mid].dataset.start)<=t){found=spans[mid];lo=mid+1;}else{hi=mid-1;}}
    return found;
  }
  function update(){
    var s=find(audio.currentTime+0.001);
    if(s===current)return;
    if(current){current.classList.remove('current');current.removeAttribute('aria-current');}
    current=s;
    if(s){s.classList.add('current');s.setAttribute('aria-current','true');
      var reduce=window.matchMedia&&window.matchMedia('(prefers-reduced-motion: reduce)').matches;
      s.scrollIntoView({block:'center',behavior:reduce?'auto':'smooth'});}
  }
  function seek(s){audio.currentTime=parseFloat(s.dataset.start);update();
    if(audio.paused){var p=audio.play();if(p&&p.catch)p.catch(function(){});}}
  spans.forEach(function(s){
    s.addEventListener('click',function(){seek(s);});
    s.addEventListener('keydown',function(e){
      if(e.key==='Enter'||e.key===' '){e.preventDefault();seek(s);}
    });
  });
  audio.addEventListener('timeupdate',update);
  audio.addEventListener('seeked',update);
  speed.addEventListener('change',function(){audio.playbackRate=parseFloat(speed.value);});
  document.addEventListener('keydown',function(e){
    if(e.target&&(e.target.tagName==='SELECT'||e.target.tagName==='AUDIO'))return;
    if(e.key==='k'){audio.paused?audio.play():audio.pause();}
    if(e.key==='j'){audio.currentTime=Math.max(0,audio.currentTime-10);}
    if(e.key==='l'){audio.currentTime=audio.currentTime+10;}
  });
  window.voxpressUpdate=update;
})();
"""


def player_page(article: Article, timeline: Timeline, mp3_name: str, notice: str) -> str:
    """A self-contained, accessible HTML page: audio player plus the article, sentence-synced."""
    esc = html.escape
    rate = timeline.sample_rate
    by_block: dict[int | None, list[str]] = {}
    order: list[int | None] = []
    head: list[str] = []
    for n, ts in enumerate(timeline.segments):
        seg = ts.segment
        label = seg.written or seg.text
        span = (
            f'<span class="s" id="s{n}" role="button" tabindex="0" data-start="{ts.start / rate:.3f}" '
            f'data-end="{ts.end / rate:.3f}" aria-label="Play from: {esc(label[:80], quote=True)}">{esc(label)}</span>'
        )
        if seg.block is None:
            head.append(span)
            continue
        if seg.block not in by_block:
            by_block[seg.block] = []
            order.append(seg.block)
        by_block[seg.block].append(span)
    body: list[str] = []
    list_open = False
    for b in order:
        assert b is not None
        block = article.blocks[b]
        spans = " ".join(by_block[b])
        if block.kind == "list_item":
            if not list_open:
                body.append("<ul>")
                list_open = True
            body.append(f"<li>{spans}</li>")
            continue
        if list_open:
            body.append("</ul>")
            list_open = False
        if block.kind == "heading":
            level = min(6, max(2, block.level or 2))
            body.append(f"<h{level}>{spans}</h{level}>")
        elif block.kind == "quote":
            body.append(f"<blockquote><p>{spans}</p></blockquote>")
        else:
            body.append(f"<p>{spans}</p>")
    if list_open:
        body.append("</ul>")
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
    opening = f'<p class="opening">{" ".join(head)}</p>' if head else ""
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(article.title)} (audio)</title>
<style>{_PLAYER_CSS}</style>
</head>
<body>
<a href="#article" class="notice">Skip to the article text</a>
<header>
<h1>{esc(article.title)}</h1>
{f"<p>{meta}</p>" if meta else ""}
{source}
</header>
<div class="player" role="region" aria-label="Audio player">
<audio id="audio" controls preload="metadata" src="{esc(mp3_name, quote=True)}" aria-label="Listen to this article"></audio>
<label for="speed">Speed
<select id="speed" aria-label="Playback speed">
<option value="0.75">0.75×</option><option value="1" selected>1×</option><option value="1.25">1.25×</option>
<option value="1.5">1.5×</option><option value="1.75">1.75×</option><option value="2">2×</option>
</select></label>
</div>
<p class="notice" role="note">{esc(notice)} Select any sentence to play from there; keys: k play/pause, j back 10 s, l forward 10 s.</p>
<main id="article" aria-label="Article text">
{opening}
{chr(10).join(body)}
</main>
<script>{_PLAYER_JS}</script>
</body>
</html>
"""
