"""`kosum schema [NAME]`: the JSON Schema of one of kosum's JSON outputs, or the list of them.

The schemas ship in the package (`summarize/schemas/*.schema.json`, draft 2020-12) and are
printed exactly as shipped, so `kosum schema diff > diff.schema.json` gives any JSON Schema
validator what it needs. The list is plain tab-separated lines (name, `"schema"` value, what
writes it), like `kosum models list`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from summarize.cli.app import Output, app, examples, is_stdout, write_output
from summarize.schemas import NAMES, WRITTEN_BY, schema_text, tag

SchemaName = StrEnum("SchemaName", {name: name for name in NAMES})


@app.command(
    "schema",
    epilog=examples(
        "kosum schema",
        "kosum schema diff > diff.schema.json",
        "kosum schema summaries -o summaries.schema.json",
    ),
)
def schema_command(
    name: Annotated[
        SchemaName | None,
        typer.Argument(
            metavar="NAME",
            help="Which output's schema to print; none: list them.",
            show_default=False,
        ),
    ] = None,
    output: Output = None,
) -> None:
    """Print the JSON Schema of a JSON output (diff, summaries, inspect, eval, training)."""
    if name is None:
        lines = [f"{n}\t{tag(n)}\t{WRITTEN_BY[n]}" for n in NAMES]
        write_output("\n".join(lines), output)
        return
    text = schema_text(name.value)  # a file gets it byte for byte; stdout adds the final newline
    write_output(text.rstrip("\n") if is_stdout(output) else text, output)
