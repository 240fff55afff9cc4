"""The ``govdoc`` command: thin Typer wrappers over :mod:`govdoc_extract.api` and :mod:`emit`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

from . import __version__, api, emit
from .errors import GovdocError

app = typer.Typer(add_completion=True, no_args_is_help=True, help="Structured records from Chinese government bulletin text.")


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"govdoc {__version__}\n")
        raise typer.Exit()


@app.callback()
def _main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version and exit.")) -> None:
    """govdoc: 政府公报 text → documents, sections, targets, deadlines, responsibilities, ratios."""


@app.command()
def extract(
    files: List[Path] = typer.Argument(..., help="input text files"),
    fmt: str = typer.Option("json", "-f", "--format", help="json | jsonl | yaml"),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="write here instead of stdout"),
) -> None:
    """Extract records from bulletin text files.

    Example: govdoc extract samples/000_928dc353425f6f36.txt -f yaml -o out.yaml
    """
    if fmt not in emit.FORMATS:
        typer.echo(f"error: unknown format {fmt!r}; choose one of {', '.join(emit.FORMATS)}", err=True)
        raise typer.Exit(2)
    results, failed = [], 0
    for f in files:
        try:
            results.append(api.extract_file(f))
        except GovdocError as e:
            typer.echo(f"error: {e}", err=True)
            failed += 1
    text = emit.render(results, fmt) if results else ""
    if output:
        from .io import write_atomic
        write_atomic(output, text)
    else:
        sys.stdout.write(text)
    raise typer.Exit(1 if failed else 0)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the output.

    Example: govdoc schema > schemas/result.schema.json
    """
    sys.stdout.write(emit.dumps_json(emit.schema()) + "\n")


def main() -> None:
    app()
