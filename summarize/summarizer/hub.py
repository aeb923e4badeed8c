"""Seq2seq checkpoints in the standard Hugging Face cache: pull once, list what is there.

`locate` says, before any work, where a `--model`/`--embedder` name will load from (a local
directory, the local cache, or the Hub) and fails fast, in one line, when it cannot: a missing
directory, a malformed id, or an id that is neither cached nor reachable (`require_hub` probes the
Hub once, with a `PROBE_TIMEOUT`-second timeout and no retries, and honours `HF_HUB_OFFLINE`).

`pull` uses `huggingface_hub.snapshot_download` (safetensors preferred: PyTorch `.bin` weights are
fetched only when a repository has no safetensors); `cached` scans the cache with
`scan_cache_dir` and keeps encoder-decoder checkpoints whose weights are present. The cache
location follows huggingface_hub's own settings (`HF_HOME`, `HF_HUB_CACHE`).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from summarize.errors import HubError, ModelLoadError
from summarize.logs import get_logger

log = get_logger(__name__)

#: Recommended Korean summarisation checkpoints, best first (see models/README.md).
RECOMMENDED: tuple[str, ...] = (
    "digit82/kobart-summarization",
    "gogamza/kobart-summarization",
    "psyche/KoT5-summarization",
    "csebuetnlp/mT5_multilingual_XLSum",
)

_WEIGHTS = ("*.safetensors", "pytorch_model*.bin")
_ALWAYS = ["*.json", "*.model", "*.txt", "spiece.model", "sentencepiece*", "*.tiktoken"]


#: Seconds the one Hub probe may take (connect, then answer): a HEAD request answers in well
#: under a second on a working link; a black-holed network then fails well within the CLI's
#: 5-second budget for a bad option (start-up included).
PROBE_TIMEOUT = 2.0

__all__ = ["RECOMMENDED", "HubError", "Located", "cached", "locate", "pull", "require_hub"]


@dataclass(frozen=True)
class CachedCheckpoint:
    """A seq2seq checkpoint in the local Hugging Face cache."""

    repo_id: str
    revision: str
    path: Path
    """The snapshot directory (loadable with `from_pretrained`)."""
    model_type: str
    size_bytes: int
    recommended: bool


def _has_weights(path: Path) -> bool:
    return any(next(path.glob(p), None) is not None for p in _WEIGHTS)


def _read_config(path: Path) -> dict | None:
    try:
        return json.loads((path / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def pull(name: str) -> Path:
    """Download `name` into the Hugging Face cache (once) and return its snapshot directory."""
    from huggingface_hub import snapshot_download

    if _offline():
        raise HubError(f"cannot download {name}: offline mode is on (HF_HUB_OFFLINE)")
    if _probe(name, PROBE_TIMEOUT) is None:  # one request first: no retry storm when offline
        raise HubError(f"cannot download {name}: the Hub is unreachable")
    try:
        path = Path(snapshot_download(name, allow_patterns=[*_ALWAYS, "*.safetensors"]))
        if not _has_weights(path):
            path = Path(snapshot_download(name, allow_patterns=[*_ALWAYS, "pytorch_model*.bin"]))
    except Exception as exc:  # network, authentication, missing repository: all one line
        reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise HubError(f"cannot download {name}: {reason[:200]}") from exc
    config = _read_config(path)
    if config is None or not config.get("is_encoder_decoder", False):
        raise HubError(f"{name} was downloaded but is not a seq2seq (encoder-decoder) checkpoint")
    if not _has_weights(path):
        raise HubError(f"{name} has no safetensors or PyTorch weights")
    return path


def cached() -> list[CachedCheckpoint]:
    """Seq2seq checkpoints with weights in the local cache (an empty list when there is none)."""
    from huggingface_hub import scan_cache_dir

    try:
        info = scan_cache_dir()
    except Exception:  # no cache directory yet, or an unreadable one
        return []
    out = []
    for repo in info.repos:
        if repo.repo_type != "model":
            continue
        for revision in sorted(repo.revisions, key=lambda r: r.last_modified, reverse=True):
            path = Path(revision.snapshot_path)
            config = _read_config(path)
            if not config or not config.get("is_encoder_decoder") or not _has_weights(path):
                continue
            out.append(
                CachedCheckpoint(
                    repo_id=repo.repo_id,
                    revision=revision.commit_hash,
                    path=path,
                    model_type=str(config.get("model_type", "?")),
                    size_bytes=revision.size_on_disk,
                    recommended=repo.repo_id in RECOMMENDED,
                )
            )
            break
    return out


def find_recommended() -> str | None:
    """The first recommended checkpoint present in the local cache, if any."""
    present = {c.repo_id for c in cached()}
    return next((name for name in RECOMMENDED if name in present), None)


# --- where a name loads from -------------------------------------------------------------------

Kind = Literal["seq2seq", "embedder"]


@dataclass(frozen=True)
class Located:
    """Where a model name will load from."""

    name: str
    where: Literal["directory", "cache", "hub"]
    path: Path | None = None
    """The directory (a local checkpoint, or the cached snapshot's config file's folder)."""


def locate(name: str, kind: Kind = "seq2seq") -> Located:
    """Where `name` (a local directory or a Hub id) loads from, without loading it; raises
    `ModelLoadError` in one line when it cannot load.

    - an existing path must be a directory (a seq2seq checkpoint's must hold `config.json`);
    - a name that can only be a path (`/x`, `./x`, `~/x`, `a/b/c`, ...) and does not exist is
      "no such directory";
    - anything else must be a Hub id (`name` or `org/name`): found in the local Hugging Face
      cache, or else the Hub must answer `require_hub`'s probe.
    """
    path = Path(name).expanduser()
    if path.exists():
        return Located(name, "directory", _checkpoint_directory(name, path, kind))
    if _only_a_path(name):
        raise ModelLoadError(f"{name}: no such directory")
    _check_repo_id(name)
    # sentence-transformers reads a bare name as one of its own models
    ids = (
        [name, f"sentence-transformers/{name}"]
        if kind == "embedder" and "/" not in name
        else [name]
    )
    for repo_id in ids:
        snapshot = _cached_snapshot(repo_id, kind)
        if snapshot is not None:
            return Located(name, "cache", snapshot)
    require_hub(ids[-1], kind)
    return Located(name, "hub")


def _checkpoint_directory(name: str, path: Path, kind: Kind) -> Path:
    if not path.is_dir():
        raise ModelLoadError(f"{name}: not a directory (give a checkpoint directory or a Hub id)")
    if kind == "seq2seq" and not (path / "config.json").is_file():
        raise ModelLoadError(f"{name}: not a checkpoint directory (no config.json)")
    return path


def _only_a_path(name: str) -> bool:
    """Names no Hub id can have: absolute, home- or dot-relative, Windows-style, or with more
    than one `/` (Hub ids are `name` or `org/name`)."""
    return (
        name.startswith(("/", "~", "./", "../", ".\\", "..\\"))
        or name in (".", "..")
        or "\\" in name
        or name.count("/") > 1
        or (os.sep != "/" and os.sep in name)
    )


def _check_repo_id(name: str) -> None:
    from huggingface_hub.utils import HFValidationError, validate_repo_id

    try:
        validate_repo_id(name)
    except HFValidationError as exc:
        raise ModelLoadError(
            f"{name}: neither a local directory nor a valid Hub id (org/name)"
        ) from exc


def _cached_snapshot(name: str, kind: Kind) -> Path | None:
    """The cached snapshot folder holding `name`'s config, if the local cache has it."""
    from huggingface_hub import try_to_load_from_cache

    files = ("config.json",) if kind == "seq2seq" else ("modules.json", "config.json")
    for filename in files:
        found = try_to_load_from_cache(name, filename)
        if isinstance(found, str):
            return Path(found).parent
    return None


def _offline() -> bool:
    from huggingface_hub import constants

    flag = os.environ.get("TRANSFORMERS_OFFLINE", "").strip().lower()
    return bool(constants.HF_HUB_OFFLINE) or flag in ("1", "true", "yes", "on")


def require_hub(name: str, kind: Kind = "seq2seq", timeout: float = PROBE_TIMEOUT) -> None:
    """Raise `ModelLoadError` (one line, with what to do) unless the Hub can serve `name`: not
    in offline mode (`HF_HUB_OFFLINE`, `TRANSFORMERS_OFFLINE`), reachable within `timeout`
    seconds (one request, no retries), and the repository exists (or is private/gated, which
    the download itself then reports)."""
    if kind == "seq2seq":
        hint = (
            f"download it with `kosum models pull {name}` where the Hub is reachable, "
            "or pass a local checkpoint directory"
        )
    else:
        hint = "run once where the Hub is reachable (it is then cached), or pass a local directory"
    if _offline():
        raise ModelLoadError(
            f"{name}: not in the local Hugging Face cache and offline mode is on "
            f"(HF_HUB_OFFLINE); {hint}"
        )
    status = _probe(name, timeout)
    if status is None:
        raise ModelLoadError(
            f"{name}: not a local directory, not in the local Hugging Face cache, and the Hub is "
            f"unreachable; {hint}"
        )
    if status == 404:
        raise ModelLoadError(
            f"{name}: no such model on the Hub ({_endpoint()} answered 404), nor a local directory"
        )
    log.info("the Hub answered %s for %s", status, name)


def _endpoint() -> str:
    from huggingface_hub import constants

    return constants.ENDPOINT.rstrip("/")


def _probe(name: str, timeout: float) -> int | None:
    """The HTTP status of the Hub's model page for `name`, or None when the Hub did not answer
    (no network, DNS failure, refused, timed out, or a server error)."""
    from huggingface_hub.utils import get_session

    # No `build_hf_headers()`: it imports torch for its user agent (3 s on a busy machine), and
    # the probe needs no token: a private repository answers 401, and the download that follows
    # authenticates.
    url = f"{_endpoint()}/api/models/{name}"
    try:
        response = get_session().head(url, timeout=timeout)
    except Exception as exc:  # any transport failure means "unreachable"
        log.info("Hub probe for %s failed: %s", name, exc)
        return None
    return None if response.status_code >= 500 else response.status_code
