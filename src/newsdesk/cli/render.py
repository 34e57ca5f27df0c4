"""Rich renderings of an Article for the terminal (presentation only; nothing is computed here)."""
from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.text import Text

from ..model import Article

console = Console()


def render_article(article: Article) -> None:
    if article.title:
        console.rule(Text(article.title, style="bold"))
    elif article.source.path:
        console.rule(Text(article.source.path, style="dim"))
    about = [x for x in (article.published, article.language, article.source.path if article.title else None) if x]
    console.print(Text(" · ".join(about), style="dim"))
    console.print()
    for index, block in enumerate(article.blocks):
        if block.kind == "title":
            continue
        if block.kind == "heading":
            console.print(Text(article.block_text(index), style="bold underline"))
            console.print()
            continue
        line = Text(style="italic" if block.kind == "lead" else "")
        sentences = [s for s in article.sentences if s.block == index]
        if not sentences:
            line.append(article.block_text(index))
        for s in sentences:
            if line:
                line.append(" ")
            line.append(article.text[s.start:s.end], style="bold" if s.important else "")
        console.print(line)
        console.print()
    for credit in article.credits:
        console.print(Text(f"[{credit.kind}] {credit.text}", style="dim"))


def render_skim(article: Article) -> None:
    if article.title:
        console.rule(Text(article.title, style="bold"))
    for s in article.sentences:
        if s.important:
            reason = f" [dim]({escape(s.reason)})[/dim]" if s.reason else ""
            console.print(f"• {escape(article.text[s.start:s.end])}{reason}")


def echo_json(articles: list[Article]) -> None:
    """`--json`: one article as an object, several as an array, none as nothing."""
    import click

    if len(articles) == 1:
        click.echo(articles[0].to_json())
    elif articles:
        click.echo("[" + ",\n".join(a.to_json() for a in articles) + "]")
