"""Seq2seq checkpoints in the standard Hugging Face cache: pull once, list what is there.

`pull` uses `huggingface_hub.snapshot_download` (safetensors preferred: PyTorch `.bin` weights are
fetched only when a repository has no safetensors); `cached` scans the cache with
`scan_cache_dir` and keeps encoder-decoder checkpoints whose weights are present. The cache
location follows huggingface_hub's own settings (`HF_HOME`, `HF_HUB_CACHE`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

#: Recommended Korean summarisation checkpoints, best first (see models/README.md).
RECOMMENDED: tuple[str, ...] = (
    "digit82/kobart-summarization",
    "gogamza/kobart-summarization",
    "psyche/KoT5-summarization",
    "csebuetnlp/mT5_multilingual_XLSum",
)

_WEIGHTS = ("*.safetensors", "pytorch_model*.bin")
_ALWAYS = ["*.json", "*.model", "*.txt", "spiece.model", "sentencepiece*", "*.tiktoken"]


class HubError(Exception):
    """A download or cache problem; the message is one line."""


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
