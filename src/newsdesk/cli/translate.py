"""`newsdesk translate`: read pages and print them in another language through the user's translation service."""
from __future__ import annotations

import click

from ..pipeline import Options
from .options import PageRun, page_options
from .render import echo_json, render_article


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--to", "target", type=click.Choice(["en", "ru"]), required=True, help="Language to translate into.")
@click.option("--translator", metavar="libretranslate|openai", default=None,
              help="Backend API (default: $NEWSDESK_TRANSLATOR).")
@click.option("--translate-url", metavar="URL", default=None,
              help="Your service, e.g. http://127.0.0.1:5000 (default: $NEWSDESK_TRANSLATE_URL).")
@click.option("--api-key", default=None, help="API key, if the service wants one (default: $NEWSDESK_TRANSLATE_KEY).")
@click.option("--model", default=None,
              help="Model name for openai (default: $NEWSDESK_TRANSLATE_MODEL, else the server's first model).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=None, help="Seconds to wait per request [120].")
@click.option("--json", "as_json", is_flag=True, help="Print the translated article as JSON (newsdesk.article/1).")
@click.option("--jsonl", is_flag=True, help="Print one JSON article per line.")
@page_options
def translate(paths, target, translator, translate_url, api_key, model, timeout, as_json, jsonl,
              published, lang, fmt, max_bytes):
    """Read pages and translate each article, block by block, into --to."""
    from ..translate import DEFAULT_TIMEOUT, TranslationError, TranslatorUnavailable, make_translator, \
        translate_article

    backend = make_translator(translator, translate_url, api_key, model, timeout or DEFAULT_TIMEOUT)
    # Facts are not carried into a translation (their offsets belong to the original): skip them.
    run = PageRun(list(paths), Options(format=fmt, language=lang, published=published,
                                       skip=frozenset({"facts"})), max_bytes)
    articles = []
    for article in run:
        try:
            result = translate_article(article, target, backend)
        except TranslatorUnavailable:
            raise  # every further page would fail the same way: one line, exit 2
        except TranslationError as exc:
            run.failed += 1
            click.echo(f"newsdesk: {article.source.path or article.source.url or 'page'}: {exc}", err=True)
            continue
        if jsonl:
            click.echo(result.to_json(indent=None))
        elif as_json:
            articles.append(result)
        else:
            render_article(result)
    if as_json and not jsonl:
        echo_json(articles)
    run.finish()
