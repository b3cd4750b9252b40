"""The ``voxpress`` command: a thin typer layer over the library.

Each command parses its options, calls the library, and turns a :class:`VoxpressError` into one
line ``Error: …`` on stderr with exit status 1 (``--debug`` shows the traceback instead).
"""

from __future__ import annotations

import functools
import json
import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from . import __version__
from .errors import VoxpressError

if TYPE_CHECKING:
    from .models import Article

# Start-up is kept short (`voxpress --version` and `--help` import nothing heavy): each command
# imports the stages it needs, so trafilatura, bs4, httpx, pydub and the engines load only there.

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="Turn news articles into spoken audio: the 'Listen to this article' MP3, offline.",
    context_settings={"help_option_names": ["-h", "--help"]},
)

T = TypeVar("T")
_state = {"debug": False}


class Failed(Exception):
    """Raised inside a command after its error has been reported."""


def error(message: str) -> None:
    """Report one error line on stderr."""
    typer.echo(f"Error: {message}", err=True)


def attempt(fn: Callable[[], T]) -> T:
    """Run ``fn``; report a library error as ``Error: …`` and raise :class:`Failed`.

    An OS error the library did not name (a disk failing under it) is reported the same way:
    a user never sees a traceback without ``--debug``."""
    try:
        return fn()
    except (VoxpressError, OSError) as exc:
        if _state["debug"]:
            raise
        error(one_line(exc))
        raise Failed from exc


def one_line(exc: BaseException) -> str:
    """The message of ``exc`` on one line."""
    if isinstance(exc, OSError) and not isinstance(exc, VoxpressError):
        where = f" ({exc.filename})" if exc.filename else ""
        return f"{exc.strerror or exc}{where}"
    return " ".join(str(exc).split()) or type(exc).__name__


@contextmanager
def exit_status(failures: list[str]) -> Iterator[None]:
    """Exit 1 at the end of a command if any source failed."""
    yield
    if failures:
        raise typer.Exit(1)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"voxpress {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks and debug logs.")] = False,
    version: Annotated[
        bool | None,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = None,
) -> None:
    """Turn news articles into spoken audio: the 'Listen to this article' MP3, offline."""
    _state["debug"] = debug
    logging.basicConfig(
        level=logging.DEBUG if debug else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )


def article_dict(article: Article) -> dict[str, Any]:
    """The JSON shape of ``voxpress extract``."""
    return {
        **article.metadata(),
        "blocks": [{"kind": b.kind, "text": b.text, "level": b.level} for b in article.blocks],
    }


def article_text(article: Article) -> str:
    """A readable plain-text rendering of an extracted article."""
    lines = [article.title]
    meta = " · ".join(
        x
        for x in (article.byline and f"By {article.byline}", article.published, article.site_name)
        if x
    )
    if meta:
        lines.append(meta)
    for b in article.blocks:
        lines.append("")
        if b.kind == "heading":
            lines.append("#" * (b.level or 2) + " " + b.text)
        elif b.kind == "list_item":
            lines.append("- " + b.text)
        elif b.kind == "quote":
            lines.append("> " + b.text)
        elif b.kind == "table":
            lines.append(f"[table{': ' + b.text if b.text else ''}]")
        else:
            lines.append(b.text)
    return "\n".join(lines)


@app.command()
def extract(
    sources: Annotated[
        list[str], typer.Argument(help="HTML/text/Markdown files, http(s) URLs, or - for stdin.")
    ],
    format: Annotated[str, typer.Option("--format", "-f", help="text, json or jsonl.")] = "text",
) -> None:
    """Print the article found in each SOURCE: title, byline, date and body blocks.

    Examples:

      voxpress extract examples/kyiv-independent-nato.html

      voxpress extract https://example.com/news/story --format json
    """
    if format not in ("text", "json", "jsonl"):
        raise typer.BadParameter("must be text, json or jsonl", param_hint="--format")
    from .render import read_article

    failures: list[str] = []
    found: list[dict[str, Any]] = []
    with exit_status(failures):
        for source in sources:
            try:
                article = attempt(functools.partial(read_article, source))
            except Failed:
                failures.append(source)
                continue
            if format == "text":
                if found:
                    typer.echo("\n" + "=" * 72 + "\n")
                typer.echo(article_text(article))
            elif format == "jsonl":
                typer.echo(json.dumps(article_dict(article), ensure_ascii=False))
            found.append(article_dict(article))
        if format == "json" and found:
            payload: Any = found[0] if len(sources) == 1 else found
            typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))


@app.command()
def script(
    source: Annotated[
        str, typer.Argument(help="HTML/text/Markdown file, http(s) URL, or - for stdin.")
    ],
    format: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    voice: Annotated[
        str | None, typer.Option("--voice", "-v", help="Voice profile name or .toml path.")
    ] = None,
    lexicon: Annotated[
        list[str] | None,
        typer.Option("--lexicon", "-l", help="Extra pronunciation lexicon (repeatable)."),
    ] = None,
) -> None:
    """Print exactly what will be spoken for SOURCE, in order.

    In text form each line is one segment; a blank line marks a paragraph or heading pause.

    Examples:

      voxpress script examples/kyiv-independent-nato.html

      cat story.md | voxpress script - --format json
    """
    if format not in ("text", "json"):
        raise typer.BadParameter("must be text or json", param_hint="--format")
    from .render import RenderOptions, profile_for, read_article, script_for

    try:
        profile = attempt(lambda: profile_for(RenderOptions(voice=voice)))
        segments = attempt(lambda: script_for(read_article(source), profile, tuple(lexicon or ())))
    except Failed:
        raise typer.Exit(1) from None
    if format == "json":
        out = {
            "segments": [
                {
                    "text": s.text,
                    "kind": s.kind,
                    "pause_after_ms": s.pause_after_ms,
                    "block": s.block,
                }
                for s in segments
            ]
        }
        typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    for n, s in enumerate(segments):
        typer.echo(s.text)
        if s.pause_after_ms >= profile.pauses.paragraph_ms and n < len(segments) - 1:
            typer.echo("")


@app.command()
def render(
    sources: Annotated[
        list[str], typer.Argument(help="HTML/text/Markdown files, http(s) URLs, or - for stdin.")
    ],
    out_dir: Annotated[Path, typer.Option("--out-dir", "-o", help="Output folder.")] = Path(
        "output"
    ),
    voice: Annotated[
        str | None, typer.Option("--voice", "-v", help="Voice profile name or .toml path.")
    ] = None,
    rate: Annotated[
        int | None, typer.Option("--rate", "-r", help="Speaking rate in words per minute.")
    ] = None,
    bitrate: Annotated[
        int, typer.Option("--bitrate", "-b", help="MP3 bitrate in kbps.", min=8, max=320)
    ] = 64,
    lexicon: Annotated[
        list[str] | None,
        typer.Option("--lexicon", "-l", help="Extra pronunciation lexicon (repeatable)."),
    ] = None,
    loudness: Annotated[
        float,
        typer.Option(
            "--loudness", help="Integrated loudness target, LUFS (EBU R128).", min=-40, max=-5
        ),
    ] = -16.0,
    no_normalize: Annotated[
        bool, typer.Option("--no-normalize", help="Keep the level as synthesized.")
    ] = False,
    vtt: Annotated[bool, typer.Option("--vtt/--no-vtt", help="Write a WebVTT transcript.")] = True,
    srt: Annotated[bool, typer.Option("--srt", help="Also write an SRT transcript.")] = False,
    chapters: Annotated[
        bool, typer.Option("--chapters/--no-chapters", help="Write Podcasting 2.0 chapters JSON.")
    ] = True,
    manifest: Annotated[
        bool, typer.Option("--manifest/--no-manifest", help="Write the JSON manifest.")
    ] = True,
    player: Annotated[
        bool, typer.Option("--player", help="Also write an accessible HTML player page.")
    ] = False,
    embed: Annotated[
        bool,
        typer.Option("--embed", help="Also write <slug>.embed.html, the player for your page."),
    ] = False,
    base_url: Annotated[
        str | None,
        typer.Option("--base-url", help="Public http(s) URL of OUT_DIR, for the --embed links."),
    ] = None,
    transcript: Annotated[
        bool,
        typer.Option("--transcript/--no-transcript", help="Write a Podcasting 2.0 transcript."),
    ] = True,
    intro: Annotated[
        str | None,
        typer.Option(
            "--intro", help="Line spoken first, e.g. 'This audio is created with AI assistance.'"
        ),
    ] = None,
    outro: Annotated[str | None, typer.Option("--outro", help="Line spoken last.")] = None,
    intro_audio: Annotated[
        str | None, typer.Option("--intro-audio", help="Audio file played first (faded out).")
    ] = None,
    outro_audio: Annotated[
        str | None, typer.Option("--outro-audio", help="Audio file played last (faded in).")
    ] = None,
    table_note: Annotated[
        str | None,
        typer.Option(
            "--table-note",
            help="Said where a data table is left out ({caption} for its caption); '' for silence.",
        ),
    ] = None,
) -> None:
    """Render each SOURCE to OUT_DIR/<slug>.mp3 and print the path written.

    Beside the MP3 (chapters in its ID3 tag, loudness -16 LUFS) go <slug>.vtt (transcript),
    <slug>.words.vtt (timed word by word where the engine can), <slug>.transcript.json,
    <slug>.chapters.json and <slug>.json (manifest); --srt, --player and --embed add more.

    Examples:

      voxpress render examples/kyiv-independent-nato.html

      voxpress render https://example.com/news/story -o audio/ --rate 190 --player

      voxpress render story.html -o audio/ --embed --base-url https://cdn.example.com/audio/

      voxpress render story.md --intro "This audio is created with AI assistance."
    """
    from .render import Renderer, RenderOptions

    options = RenderOptions(
        out_dir=out_dir,
        voice=voice,
        rate=rate,
        bitrate_kbps=bitrate,
        lexicons=tuple(lexicon or ()),
        loudness_lufs=None if no_normalize else loudness,
        vtt=vtt,
        srt=srt,
        chapters=chapters,
        manifest=manifest,
        player=player,
        transcript=transcript,
        embed=embed,
        base_url=base_url,
        intro=intro,
        outro=outro,
        intro_audio=intro_audio,
        outro_audio=outro_audio,
        table_note=table_note,
    )
    if base_url is not None and not base_url.lower().startswith(("http://", "https://")):
        raise typer.BadParameter("must be an http(s) URL", param_hint="--base-url")
    failures: list[str] = []
    with exit_status(failures):
        try:
            renderer = attempt(lambda: Renderer(options))
        except Failed:
            raise typer.Exit(1) from None
        for source in sources:
            try:
                with _progress(source) as progress:
                    result = attempt(functools.partial(renderer.render_source, source, progress))
            except Failed:
                failures.append(source)
                continue
            typer.echo(result.mp3)


@contextmanager
def _progress(label: str) -> Iterator[Callable[[int, int], None] | None]:
    """A segment progress bar on an interactive stderr; nothing otherwise."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task(label[-40:], total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)


@app.command()
def batch(
    inputs: Annotated[
        list[str], typer.Argument(help="URLs, files, folders, @list.txt, RSS/Atom feeds, sitemaps.")
    ],
    out_dir: Annotated[Path, typer.Option("--out-dir", "-o", help="Output folder.")] = Path(
        "output"
    ),
    workers: Annotated[
        int | None,
        typer.Option("--workers", "-w", help="Worker processes (default: one per core).", min=1),
    ] = None,
    cluster: Annotated[
        str | None,
        typer.Option("--cluster", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786."),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            help="Publish to an fsspec URL (e.g. s3://bucket/audio/) instead of --out-dir.",
        ),
    ] = None,
    voice: Annotated[
        str | None, typer.Option("--voice", "-v", help="Voice profile name or .toml path.")
    ] = None,
    rate: Annotated[
        int | None, typer.Option("--rate", "-r", help="Speaking rate in words per minute.")
    ] = None,
    bitrate: Annotated[
        int, typer.Option("--bitrate", "-b", help="MP3 bitrate in kbps.", min=8, max=320)
    ] = 64,
    no_normalize: Annotated[
        bool, typer.Option("--no-normalize", help="Keep the level as synthesized.")
    ] = False,
    srt: Annotated[bool, typer.Option("--srt", help="Also write SRT transcripts.")] = False,
    player: Annotated[bool, typer.Option("--player", help="Also write HTML player pages.")] = False,
    cache_dir: Annotated[
        Path | None,
        typer.Option("--cache-dir", help="Clip cache folder (default OUT_DIR/.voxpress-cache)."),
    ] = None,
    cache_size: Annotated[
        int, typer.Option("--cache-size", help="Clip cache cap in MB.", min=1)
    ] = 2048,
    base_url: Annotated[
        str | None, typer.Option("--base-url", help="Public URL of OUT_DIR, to update feed.xml.")
    ] = None,
    fetch_deadline: Annotated[
        float,
        typer.Option(
            "--fetch-deadline", help="Seconds one fetch (page, feed, sitemap) may take.", min=1
        ),
    ] = 60.0,
) -> None:
    """Render many articles on every core, skipping what is unchanged; resumable after a crash.

    Prints progress, then a summary; writes OUT_DIR/batch-report.json and updates OUT_DIR/feed.xml.
    Exit status 1 if any source failed, each named with its reason.

    Examples:

      voxpress batch articles/ -o audio/

      voxpress batch https://example.com/feed.xml @backlog.txt --workers 2 --base-url https://example.com/audio/

      voxpress batch @archive.txt --cluster tcp://scheduler:8786 -o /shared/audio
    """
    from .batch import BatchOptions, iter_failures, run_batch
    from .render import RenderOptions

    render_options = RenderOptions(
        out_dir=out_dir,
        voice=voice,
        rate=rate,
        bitrate_kbps=bitrate,
        loudness_lufs=None if no_normalize else -16.0,
        srt=srt,
        player=player,
    )
    options = BatchOptions(
        render=render_options,
        output=output,
        workers=workers,
        cluster=cluster,
        cache_dir=cache_dir,
        cache_bytes=cache_size * 1024 * 1024,
        base_url=base_url,
        fetch_deadline_s=fetch_deadline,
    )
    with _batch_progress() as sink:
        try:
            report = attempt(lambda: run_batch(inputs, options, sink))
        except Failed:
            raise typer.Exit(1) from None
    counts = report.counts()
    hours = sum(r.duration for r in report.results if r.status == "rendered") / 3600
    typer.echo(
        f"{counts['rendered']} rendered, {counts['unchanged']} unchanged, {counts['failed']} failed "
        f"in {report.seconds:.1f} s ({hours:.3f} h of audio) -> {out_dir / 'batch-report.json'}"
    )
    for line in iter_failures(report):
        error(" ".join(line.split()))
    if report.failed:
        raise typer.Exit(1)


@contextmanager
def _batch_progress() -> Iterator[Callable[..., None]]:
    """A live rich display on a terminal; one plain line per article otherwise."""
    import time

    if not sys.stderr.isatty():

        def plain(event: str, res: Any, state: dict[str, Any]) -> None:
            if event == "done" and res is not None:
                what = res.mp3 if res.status != "failed" else res.error
                typer.echo(
                    f"[{state['done']}/{state['total']}] {res.status}: {res.source} -> {what}",
                    err=True,
                )

        yield plain
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    bar = Progress(
        TextColumn("batch"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn(
            "failed {task.fields[failed]} · in flight {task.fields[in_flight]} · "
            "{task.fields[hours]:.2f} h audio · {task.fields[rate]:.1f} articles/min"
        ),
        TimeRemainingColumn(),
        console=Console(stderr=True),
    )
    task = bar.add_task("batch", total=None, failed=0, in_flight=0, hours=0.0, rate=0.0)

    def live(event: str, res: Any, state: dict[str, Any]) -> None:
        minutes = max(1e-6, (time.perf_counter() - state["started"]) / 60)
        bar.update(
            task,
            total=state["total"],
            completed=state["done"],
            failed=state["failed"],
            in_flight=state["in_flight"],
            hours=state["audio"] / 3600,
            rate=state["done"] / minutes,
        )

    with bar:
        yield live


@app.command()
def feed(
    folder: Annotated[
        Path, typer.Argument(help="Output folder holding rendered MP3s and manifests.")
    ],
    base_url: Annotated[
        str, typer.Option("--base-url", help="Public URL the folder is served at.")
    ],
    title: Annotated[
        str | None, typer.Option("--title", help="Feed title (default: the site name).")
    ] = None,
    description: Annotated[
        str | None, typer.Option("--description", help="Feed description.")
    ] = None,
    author: Annotated[str | None, typer.Option("--author", help="Feed author.")] = None,
    image: Annotated[str | None, typer.Option("--image", help="URL of the feed artwork.")] = None,
) -> None:
    """Write FOLDER/feed.xml, a podcast feed (RSS 2.0, iTunes, Podcasting 2.0) of every render in it.

    Examples:

      voxpress feed output --base-url https://example.com/audio/

      voxpress feed output --base-url https://example.com/audio/ --title "Daily news, read aloud"
    """
    from .feed import FeedOptions, write_feed

    options = FeedOptions(
        base_url=base_url, title=title, description=description, author=author, image=image
    )
    try:
        path = attempt(lambda: write_feed(folder, options))
    except Failed:
        raise typer.Exit(1) from None
    typer.echo(str(path))


@app.command()
def voices(
    all_voices: Annotated[
        bool, typer.Option("--all", help="List every installed engine voice.")
    ] = False,
) -> None:
    """List the voice profiles in voices/ and the engine's installed voices.

    Examples:

      voxpress voices

      voxpress voices --all
    """
    from .engines import create_engine
    from .voices import available_profiles

    try:
        profiles = attempt(available_profiles)
    except Failed:
        raise typer.Exit(1) from None
    typer.echo("Voice profiles (use with --voice):")
    for p in profiles:
        typer.echo(
            f"  {p.name:<12} {p.engine:<7} {p.voice:<18} {p.language:<4} {p.rate} wpm  {p.description}"
        )
    default = next((p for p in profiles if p.engine == "espeak"), None)
    if default is None:
        return
    try:
        engine = attempt(lambda: create_engine(default))
    except Failed:
        raise typer.Exit(1) from None
    installed = engine.voices()
    shown = installed if all_voices else [v for v in installed if v.language.startswith("en")]
    typer.echo(
        f"\nespeak-ng voices ({len(installed)} installed{'' if all_voices else '; English shown, --all for every one'}):"
    )
    for v in shown:
        typer.echo(f"  {v.id:<24} {v.language:<16} {v.name}")
    from .engines.piper import installed_voices

    piper = installed_voices()
    if piper:
        typer.echo('\nPiper voices (engine = "piper"):')
        for v in piper:
            typer.echo(f"  {v.id:<24} {v.language:<16} {v.sample_rate or '?'} Hz  {v.name}")
    else:
        typer.echo("\nPiper voices: none installed (pip install 'voxpress[neural]' adds 'joe')")


def _terminated(signum: int, frame: object) -> None:
    """SIGTERM ends a command like Ctrl-C: temporaries removed, workers stopped."""
    raise SystemExit(128 + signum)


def main() -> None:
    """Console-script entry point."""
    import gc
    import signal

    # A command creates a few hundred thousand long-lived objects while it imports its parsers,
    # regex tables and models; the default threshold (a collection every 700 allocations)
    # scans them over and over, a third of a short `voxpress script`'s CPU. Cycles are rare
    # here, so collect less often, and skip the last full scan at exit.
    gc.set_threshold(20_000, 20, 20)
    signal.signal(signal.SIGTERM, _terminated)
    try:
        app()
    finally:
        gc.freeze()
