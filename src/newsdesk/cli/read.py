"""`newsdesk read`: raw pages -> clean articles, as Rich text, JSON or JSON lines."""
from __future__ import annotations


import click

from ..pipeline import Options
from .options import PageRun, page_options
from .render import echo_json, render_article, render_skim


def _important(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except ValueError:
        raise click.BadParameter(f"{value!r}: give a count (3) or a share of words (0.3)") from None
    if number <= 0:
        raise click.BadParameter("must be above 0")
    return number


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print the article as JSON (newsdesk.article/1).")
@click.option("--jsonl", is_flag=True, help="Print one JSON article per line.")
@click.option("--no-facts", is_flag=True, help="Skip entities, quotes, pledges and events (faster).")
@click.option("--skim", is_flag=True, help="Print only the important sentences with their reasons.")
@click.option("--important", "important", metavar="N|SHARE", default=None,
              help="How much to highlight: a count (3) or a share of words (0.3).")
@page_options
def read(paths, as_json, jsonl, no_facts, skim, important, published, lang, fmt, max_bytes):
    """Read raw pages (files, directories, - for stdin) into clean articles."""
    options = Options(format=fmt, language=lang, published=published,
                      skip=frozenset({"facts"}) if no_facts else frozenset(), important=_important(important))
    run = PageRun(list(paths), options, max_bytes)
    articles = []
    for result in run:
        if jsonl:
            click.echo(result.to_json(indent=None))
        elif as_json:
            articles.append(result)
        elif skim:
            render_skim(result)
        else:
            render_article(result)
    if as_json and not jsonl:
        echo_json(articles)
    run.finish()
