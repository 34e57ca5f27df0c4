"""`newsdesk ingest | search | tracker | export`: the corpus commands (thin layer over store/ingest/export).

Every command uses the same database: --db, else $NEWSDESK_DB, else ./newsdesk.db.
"""
from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..errors import InputError
from ..store import Store, default_db_path
from .options import _date, max_bytes_option

console = Console()

db_option = click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
                         help="Corpus database (default: $NEWSDESK_DB, else ./newsdesk.db).")
since_option = click.option("--since", callback=_date, metavar="YYYY-MM-DD", default=None,
                            help="Only articles published on or after this date.")
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")


def _open_existing(db_path: Path | None) -> Store:
    """Reading commands never create an empty corpus by accident."""
    path = db_path or default_db_path()
    if not path.exists():
        raise InputError(f"{path}: no corpus here yet (run `newsdesk ingest PATH --db {path}` first)")
    return Store(path)


def _print_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


# -- ingest -----------------------------------------------------------------------------------

@click.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--published", callback=_date, metavar="YYYY-MM-DD", default=None,
              help="Publication date for every page (otherwise the page's or the feed's own).")
@click.option("--lang", type=click.Choice(["en", "ru"]), default=None, help="Language of every page (detected when omitted).")
@click.option("--no-facts", is_flag=True, help="Skip entities, quotes, pledges and events (faster).")
@click.option("--no-progress", is_flag=True, help="No progress bar.")
@max_bytes_option
def ingest(paths, db_path, published, lang, no_facts, no_progress, max_bytes):
    """Read pages (files, directories, - for stdin, .warc/.warc.gz, RSS/Atom files) into the corpus."""
    from ..ingest import ingest as run
    from ..pipeline import Options

    options = Options(language=lang, published=published, skip=frozenset({"facts"}) if no_facts else frozenset())
    path = db_path or default_db_path()
    with Store(path) as store:
        report = run(list(paths), store, options=options, progress=not no_progress and sys.stderr.isatty(),
                     max_bytes=max_bytes)
    for source, reason in report.failures[:20]:
        click.echo(f"newsdesk: {source}: {reason}", err=True)
    if len(report.failures) > 20:
        click.echo(f"newsdesk: … and {len(report.failures) - 20} more failures (see the failures table)", err=True)
    click.echo(f"{path}: {report.added} new, {report.updated} re-read, {report.unchanged} unchanged, "
               f"{report.failed} failed ({report.pages} pages, {report.seconds:.1f} s, "
               f"{report.rate:.1f} articles/s)", err=True)
    if report.low_confidence:
        click.echo(f"{len(report.low_confidence)} low-confidence pages (the text may not be the article; "
                   f"check them with `newsdesk read PAGE`):", err=True)
        for source, confidence in report.low_confidence[:20]:
            click.echo(f"  {confidence:.2f}  {source}", err=True)
        if len(report.low_confidence) > 20:
            click.echo(f"  … and {len(report.low_confidence) - 20} more", err=True)
    if report.failed and report.failed == report.pages:
        sys.exit(2)


# -- search -----------------------------------------------------------------------------------

@click.command()
@click.argument("query")
@db_option
@click.option("--lang", type=click.Choice(["en", "ru"]), default=None, help="Only articles in this language.")
@since_option
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@json_option
def search(query, db_path, lang, since, limit, as_json):
    """Full-text search (any inflection: 'pledged' finds 'pledges', «гарантий» finds «гарантии»)."""
    with _open_existing(db_path) as store:
        hits = store.search(query, lang=lang, since=since, limit=limit)
    if as_json:
        _print_json([asdict(h) for h in hits])
        return
    if not hits:
        click.echo(f"no matches for {query!r}", err=True)
        return
    for hit in hits:
        head = Text(f"#{hit.article_id} ", style="dim")
        head.append(hit.title or "(untitled)", style="bold")
        head.append(f"  {hit.language} {hit.published or ''}" + ("  [quote]" if hit.kind == "quote" else ""),
                    style="dim")
        console.print(head)
        snippet = Text(hit.snippet)
        for start, end in hit.marks:
            snippet.stylize("bold yellow", start, end)
        console.print(snippet)
        console.print()


# -- tracker ----------------------------------------------------------------------------------

@click.group()
def tracker():
    """Pledges, quotations and events across the whole corpus."""


@tracker.command()
@db_option
@click.option("--donor", default=None, help="Only this donor (any spelling or script).")
@click.option("--recipient", default=None, help="Only this recipient.")
@since_option
@click.option("--by", type=click.Choice(["donor", "month", "currency", "recipient"]), default=None,
              help="Totals per donor, month or currency (always per currency, never mixed).")
@click.option("--rates", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help='Convert totals with this rate table: {"base": "EUR", "rates": {"USD": 0.92}}.')
@json_option
def pledges(db_path, donor, recipient, since, by, rates, as_json):
    """Aid pledges: every report, or totals with --by."""
    from ..export import load_rates

    base, table = load_rates(rates) if rates else (None, None)
    if table is not None and by is None:
        by = "donor"
    with _open_existing(db_path) as store:
        if by:
            rows = store.pledge_totals(by=by, donor=donor, recipient=recipient, since=since, rates=table, base=base)
        else:
            rows = store.pledges(donor=donor, recipient=recipient, since=since)
    if as_json:
        _print_json([asdict(r) for r in rows])
        return
    if not rows:
        click.echo("no pledges match" if donor or recipient or since else "no pledges in the corpus yet", err=True)
        return
    if by:
        out = Table(title=f"Pledges by {by}" + (" (each pledge counted once)" if rows else ""))
        for name in (by, "currency", "total", "pledges") + (("converted",) if table else ()):
            out.add_column(name, justify="right" if name in ("total", "pledges", "converted") else "left")
        for r in rows:
            cells = [r.key, r.currency, f"{r.total:,.2f}", str(r.count)]
            if table:
                cells.append(f"{r.converted:,.2f} {r.base or ''}".strip())
            out.add_row(*cells)
        if table:
            out.caption = f"converted with your rate table {rates}"
    else:
        out = Table(title="Pledges")
        for name in ("published", "donor", "recipient", "amount", "purpose", "article"):
            out.add_column(name)
        for r in rows:
            amount = f"{r.value:,.2f} {r.currency}" if r.value is not None else (r.amount_text or "")
            out.add_row(r.published or "", r.donor, r.recipient or "", ("≈" if r.approximate else "") + amount,
                        r.purpose or "", f"#{r.article_id}:{r.sentence}")
    console.print(out)


@tracker.command()
@db_option
@click.option("--speaker", default=None, help="Only this speaker (any spelling or script).")
@since_option
@json_option
def quotes(db_path, speaker, since, as_json):
    """Quotations with their speakers."""
    with _open_existing(db_path) as store:
        rows = store.quotes(speaker=speaker, since=since)
    if as_json:
        _print_json([asdict(r) for r in rows])
        return
    if not rows:
        click.echo("no quotations match" if speaker or since else "no quotations in the corpus yet", err=True)
        return
    out = Table(title="Quotations")
    for name in ("published", "speaker", "type", "quotation", "article"):
        out.add_column(name)
    for r in rows:
        out.add_row(r.published or "", r.speaker or "(unknown)", r.type, r.content, f"#{r.article_id}:{r.sentence}")
    console.print(out)


@tracker.command()
@db_option
@since_option
@json_option
def timeline(db_path, since, as_json):
    """Dated events in order (undated ones last)."""
    with _open_existing(db_path) as store:
        rows = store.events(since=since)
    if as_json:
        _print_json([asdict(r) for r in rows])
        return
    if not rows:
        click.echo("no dated events match" if since else "no events in the corpus yet", err=True)
        return
    out = Table(title="Timeline")
    for name in ("date", "event", "who", "where", "sentence"):
        out.add_column(name)
    for r in rows:
        out.add_row(r.date or "(undated)", r.type, ", ".join(r.who), r.where or "", r.sentence_text)
    console.print(out)


# -- export -----------------------------------------------------------------------------------

@click.command()
@db_option
@click.option("--what", type=click.Choice(["articles", "quotes", "pledges", "events"]), required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]), default="jsonl", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="File to write (default: stdout; parquet needs a file).")
def export(db_path, what, fmt, output):
    """Export a corpus table (articles as full JSON in jsonl; flat columns in csv and parquet)."""
    from ..export import export as run

    with _open_existing(db_path) as store:
        count = run(store, what, fmt, output)
    if output is not None and str(output) != "-":
        click.echo(f"{output}: {count} {what}", err=True)
