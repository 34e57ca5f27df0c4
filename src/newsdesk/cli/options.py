"""Options shared by commands that read pages."""
from __future__ import annotations

import datetime as dt

import click

from ..sources import DEFAULT_MAX_BYTES


def _date(ctx, param, value):
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2025-08-26") from None


published_option = click.option("--published", callback=_date, metavar="YYYY-MM-DD",
                                help="Publication date, used to resolve 'on Monday', 'last Thursday'.")
lang_option = click.option("--lang", type=click.Choice(["en", "ru"]), default=None,
                           help="Language of the page (detected when omitted).")
format_option = click.option("--format", "fmt", type=click.Choice(["auto", "scrape", "html", "clean"]),
                             default="auto", show_default=True,
                             help="scrape = text copied from a site; clean = article text already (no chrome removal).")
max_bytes_option = click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES,
                                show_default=True, help="Refuse files larger than this.")


def page_options(f):
    for option in reversed([published_option, lang_option, format_option, max_bytes_option]):
        f = option(f)
    return f


class PageRun:
    """The articles behind `paths`, in order. A page that fails is one line on stderr and is
    counted; the rest are still read. `finish()` exits 2 when any page failed."""

    def __init__(self, paths: list[str], options, max_bytes: int) -> None:
        self.paths, self.options, self.max_bytes = paths, options, max_bytes
        self.failed = 0

    def __iter__(self):
        from ..errors import NewsdeskError
        from ..pipeline import pipe
        from ..sources import iter_pages

        for result in pipe(iter_pages(self.paths, self.max_bytes), options=self.options):
            if isinstance(result, NewsdeskError):
                self.failed += 1
                click.echo(f"newsdesk: {result}", err=True)
                continue
            yield result

    def finish(self) -> None:
        if self.failed:
            raise SystemExit(2)
