"""`kosum models pull NAME` and `kosum models list`: seq2seq checkpoints in the Hugging Face
cache.

Their output is plain lines (tab-separated fields for `list`), never wrapped or coloured, so that
it pipes into `cut`, `grep` or a script as it is."""

from __future__ import annotations

from typing import Annotated

import typer

from summarize.cli.app import EXIT_INPUT_FAILED, app, report_error

models_app = typer.Typer(
    name="models",
    help="Download seq2seq summarisation checkpoints and list those available locally.",
    no_args_is_help=True,
)
app.add_typer(models_app, name="models")


@models_app.command("pull")
def pull_command(
    name: Annotated[
        str, typer.Argument(help="Hugging Face Hub id, e.g. digit82/kobart-summarization.")
    ],
) -> None:
    """Download a checkpoint once into the standard Hugging Face cache."""
    from summarize.summarizer.hub import HubError, pull

    try:
        path = pull(name)
    except HubError as exc:
        report_error(str(exc))
        raise typer.Exit(EXIT_INPUT_FAILED) from exc
    typer.echo(f"{name}: {path}")


@models_app.command("list")
def list_command() -> None:
    """Seq2seq checkpoints in the local cache, and which recommended ones are missing."""
    from summarize.summarizer.hub import RECOMMENDED, cached

    found = cached()
    for c in found:
        mark = " (recommended)" if c.recommended else ""
        size = f"{c.size_bytes / 1e6:.1f} MB"
        typer.echo(f"{c.repo_id}\t{c.model_type}\t{size}\t{c.path}{mark}")
    present = {c.repo_id for c in found}
    missing = [n for n in RECOMMENDED if n not in present]
    if not found:
        typer.echo("no seq2seq checkpoint in the local Hugging Face cache")
    if missing:
        typer.echo("recommended, not cached (kosum models pull NAME): " + ", ".join(missing))
