"""`newsdesk serve` (the web reader over a corpus) and `newsdesk demo` (sample corpus, then serve)."""
from __future__ import annotations

import ipaddress
import socket
from pathlib import Path

import click

from ..errors import InputError

LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}

db_option = click.option("--db", type=click.Path(dir_okay=False), default=None,
                         help="Corpus database (default: $NEWSDESK_DB or ./newsdesk.db).")
host_option = click.option("--host", default="127.0.0.1", show_default=True,
                           help="Address to listen on. Anything but loopback exposes your corpus to the network.")
port_option = click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)


def _is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def run_server(db: str | Path, host: str, port: int) -> None:
    """Serve the web reader until interrupted."""
    import uvicorn

    from ..store import Store
    from ..web import create_app

    with Store(db):  # create or migrate it now, so a bad path is one line before the server starts
        pass
    # Off loopback the Host header cannot be checked against a known name; on loopback it guards
    # against DNS rebinding (a web page resolving its own name to 127.0.0.1).
    allowed = None if _is_loopback(host) else ["*"]
    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.bind((host, port))
    except OSError as exc:
        raise InputError(f"cannot listen on {host}:{port} ({exc.strerror or exc})") from None
    if not _is_loopback(host):
        click.echo(f"newsdesk: warning: listening on {host}, reachable from other machines", err=True)
    click.echo(f"newsdesk: serving {db} at http://{'[' + host + ']' if ':' in host else host}:{port}/", err=True)
    uvicorn.run(create_app(db, allowed_hosts=allowed), host=host, port=port, log_level="warning",
                timeout_graceful_shutdown=2)


@click.command()
@db_option
@host_option
@port_option
def serve(db, host, port):
    """Serve the web reader and tracker over a corpus."""
    from ..store import default_db_path

    run_server(db or default_db_path(), host, port)


@click.command()
@db_option
@host_option
@port_option
def demo(db, host, port):
    """Ingest the bundled sample corpus (once), then serve it."""
    from ..ingest import ingest
    from ..sample import sample_paths
    from ..store import Store, default_db_path

    db = db or default_db_path()
    with Store(db) as store:
        report = ingest(sample_paths(), store, progress=False)
    click.echo(f"newsdesk: sample corpus: {report.added} added, {report.unchanged} already stored, "
               f"{report.failed} failed", err=True)
    run_server(db, host, port)
