"""`newsdesk facts`: quotations, pledges, dated events and people of pages, as Rich tables or JSON."""
from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..model import Amount, Article
from ..pipeline import Options
from .options import PageRun, page_options

KINDS = ("quotes", "pledges", "events", "people")


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print the facts as JSON, each with its sentence.")
@click.option("--kind", "kinds", type=click.Choice(KINDS), multiple=True,
              help="Only these facts (repeatable); all kinds when omitted.")
@page_options
def facts(paths, as_json, kinds, published, lang, fmt, max_bytes):
    """Facts with provenance: who said what, who pledged how much, what happened when."""
    kinds = kinds or KINDS
    # salience is not shown here: skip it, the facts need only sentences and the parse
    options = Options(format=fmt, language=lang, published=published, skip=frozenset({"salience"}))
    console = Console(soft_wrap=False)
    run = PageRun(list(paths), options, max_bytes)
    collected = []
    for result in run:
        if as_json:
            collected.append(facts_dict(result, kinds))
        else:
            render_facts(console, result, kinds)
    if as_json and collected:
        click.echo(json.dumps(collected[0] if len(collected) == 1 else collected, ensure_ascii=False, indent=2))
    run.finish()


# -- JSON -------------------------------------------------------------------------------------
def facts_dict(article: Article, kinds: tuple[str, ...] = KINDS) -> dict[str, Any]:
    """The article's facts at the JSON edge; each fact carries its sentence's text for provenance."""
    def with_sentence(item) -> dict[str, Any]:
        data = asdict(item)
        data["sentence_text"] = article.sentence_text(item.sentence) if 0 <= item.sentence < len(
            article.sentences) else None
        return data

    out: dict[str, Any] = {"source": asdict(article.source), "title": article.title,
                           "language": article.language, "published": article.published}
    if "people" in kinds:
        out["people"] = [asdict(e) for e in article.entities]
    if "quotes" in kinds:
        out["quotes"] = [with_sentence(q) for q in article.quotes]
    if "pledges" in kinds:
        out["pledges"] = [with_sentence(p) for p in article.pledges]
    if "events" in kinds:
        out["events"] = [with_sentence(e) for e in article.events]
    return out


# -- tables -----------------------------------------------------------------------------------
def _money(amount: Amount | None) -> str:
    if amount is None:
        return "—"
    value = amount.value
    for factor, unit in ((1e12, " tn"), (1e9, " bn"), (1e6, " m"), (1e3, " k"), (1, "")):
        if value >= factor:
            value = f"{value / factor:,.4g}{unit}"
            break
    else:
        value = f"{value:g}"
    flags = [flag for flag, on in (("approx.", amount.approximate), ("at most", amount.upper_bound)) if on]
    return f"{amount.text} = {amount.currency} {value}" + (f" ({', '.join(flags)})" if flags else "")


def render_facts(console: Console, article: Article, kinds: tuple[str, ...] = KINDS) -> None:
    title = article.title or article.source.path or article.source.url or "article"
    console.rule(Text(title, style="bold"))
    if "people" in kinds:
        table = Table(title="People and organisations", title_justify="left", expand=False)
        for column in ("Name", "Type", "Role", "Affiliation", "Mentions"):
            table.add_column(column)
        for e in article.entities:
            table.add_row(e.name, e.type, e.role or "", e.affiliation or "", str(len(e.mentions)))
        _print(console, table, article.entities)
    if "quotes" in kinds:
        table = Table(title="Quotations", title_justify="left")
        for column, ratio in (("#", None), ("Speaker", 2), ("Cue", 1), ("Type", 1), ("Quote", 6)):
            table.add_column(column, ratio=ratio, overflow="fold")
        for q in article.quotes:
            table.add_row(str(q.sentence), q.speaker or "?", q.cue or "", q.type, q.content)
        _print(console, table, article.quotes)
    if "pledges" in kinds:
        table = Table(title="Pledges", title_justify="left")
        for column, ratio in (("#", None), ("Donor", 2), ("Recipient", 2), ("Amount", 3), ("Purpose", 4),
                              ("Period", 2)):
            table.add_column(column, ratio=ratio, overflow="fold")
        for p in article.pledges:
            table.add_row(str(p.sentence), p.donor, p.recipient or "", _money(p.amount), p.purpose or "",
                          p.period or "")
        _print(console, table, article.pledges)
    if "events" in kinds:
        table = Table(title="Dated events", title_justify="left")
        for column, ratio in (("#", None), ("Date", 2), ("As written", 2), ("Type", 1), ("Who", 3), ("Where", 2)):
            table.add_column(column, ratio=ratio, overflow="fold")
        for e in article.events:
            table.add_row(str(e.sentence), e.date or "?", e.date_text or "", e.type, ", ".join(e.who), e.where or "")
        _print(console, table, article.events)


def _print(console: Console, table: Table, items: list) -> None:
    if items:
        console.print(table)
    else:
        console.print(Text(f"{table.title}: none found", style="dim"))
    console.print()
