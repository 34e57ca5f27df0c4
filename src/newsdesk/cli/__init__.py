"""The `newsdesk` command: a thin Click layer over the library, one module per command family.

Commands live in their own modules (read, facts, corpus, serve, say) so each loads only what it
needs: `newsdesk read --no-facts` never imports spaCy, `newsdesk search` never imports trafilatura.
"""
from __future__ import annotations

import importlib
import os
import sys

import click

from ..errors import NewsdeskError

# command name -> "module:attribute"
COMMANDS = {
    "read": "read:read",
    "facts": "facts:facts",
    "ingest": "corpus:ingest",
    "search": "corpus:search",
    "tracker": "corpus:tracker",
    "export": "corpus:export",
    "serve": "serve:serve",
    "say": "say:say",
    "translate": "translate:translate",
    "demo": "serve:demo",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx):
        return sorted(COMMANDS)

    def get_command(self, ctx, name):
        target = COMMANDS.get(name)
        if target is None:
            return None
        module, attr = target.split(":")
        try:
            return getattr(importlib.import_module(f"{__name__}.{module}"), attr)
        except (ImportError, AttributeError):
            return None


@click.group(cls=LazyGroup)
@click.version_option(package_name="newsdesk")
def cli() -> None:
    """Read and track a developing news story: clean articles, facts, corpus, web reader."""


def main() -> None:
    """Entry point: bad input is one line on stderr and exit status 2, never a traceback."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("newsdesk: aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except NewsdeskError as exc:
        click.echo(f"newsdesk: {exc}", err=True)
        sys.exit(2)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(0)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - the user gets one line; NEWSDESK_DEBUG=1 shows the traceback
        if os.environ.get("NEWSDESK_DEBUG"):
            raise
        click.echo(f"newsdesk: internal error: {type(exc).__name__}: {exc} (NEWSDESK_DEBUG=1 for details)", err=True)
        sys.exit(1)
    sys.exit(0)
