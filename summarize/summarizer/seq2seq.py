"""Abstractive summaries from any Hugging Face `AutoModelForSeq2SeqLM` checkpoint.

BART-shaped (KoBART) and T5-shaped (KoT5, mT5) checkpoints load the same way, from a local
directory or a Hub id, with `trust_remote_code` off and safetensors preferred. Inputs are fitted
to the model's limit explicitly (`fit_input`): an article that does not fit is reduced to its
most salient sentences, or summarised in chunks whose summaries are merged, and the summary says
which. Nothing is cut off silently.

Generation settings come from three places, in this order of precedence: what the caller set
explicitly (`--num-beams`, a `generation` dict), the checkpoint's own `GenerationConfig`
(`generation_config.json`; `kosum train` saves one with every checkpoint), and kosum's
defaults for news (`GenerationSettings`). `settings_for` resolves them.

transformers' logging and progress bars are quieted only while kosum loads or runs a model
(`quiet_transformers`), and restored afterwards: a program that imports kosum keeps its own
transformers settings.

torch and transformers are imported inside functions only.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, fields, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from summarize.errors import ModelLoadError, SettingsError
from summarize.logs import get_logger

LongInput = Literal["select", "chunk"]

__all__ = [
    "GenerationSettings",
    "LoadedModel",
    "ModelLoadError",
    "generate",
    "load_model",
    "settings_for",
]

log = get_logger(__name__)

#: Limits above this are "no limit" placeholders (`tokenizer.model_max_length` is 1e30 when unset).
_UNSET_LIMIT = 1_000_000
#: T5 has relative positions and no hard limit; its checkpoints are trained on 512 tokens.
_T5_DEFAULT_LIMIT = 512


@dataclass(frozen=True)
class GenerationSettings:
    """Generation settings suited to news: beam search, no repeated trigrams, bounded length.

    These are kosum's defaults; a checkpoint's own `GenerationConfig` replaces them field by
    field (`settings_for`). `max_length`/`min_length` count generated tokens.
    `num_return_sequences` beams are returned per article (best first) so the faithfulness guard
    can fall back to another beam; it is kosum's own and never read from a checkpoint.
    """

    num_beams: int = 4
    no_repeat_ngram_size: int = 3
    max_length: int = 128
    min_length: int = 16
    length_penalty: float = 1.0
    early_stopping: bool | str = True
    num_return_sequences: int = 4

    def with_overrides(self, **overrides: Any) -> GenerationSettings:
        """A copy with the given fields replaced; `None` values are ignored."""
        known = {f.name for f in fields(self)}
        unknown = set(overrides) - known
        if unknown:
            raise SettingsError(f"unknown generation settings: {', '.join(sorted(unknown))}")
        changed = {k: v for k, v in overrides.items() if v is not None}
        return replace(self, **changed)

    def generate_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for `model.generate`."""
        beams = max(1, self.num_beams)
        min_length = min(self.min_length, self.max_length)
        return {
            "num_beams": beams,
            "num_return_sequences": max(1, min(self.num_return_sequences, beams)),
            "no_repeat_ngram_size": self.no_repeat_ngram_size,
            "max_new_tokens": self.max_length,
            "min_new_tokens": min_length,
            "length_penalty": self.length_penalty,
            "early_stopping": self.early_stopping if beams > 1 else False,
            "do_sample": False,
        }


def settings_from(generation: GenerationSettings | Mapping[str, Any] | None) -> GenerationSettings:
    """Accept settings, a dict of overrides, or None (kosum's defaults; no checkpoint read)."""
    if isinstance(generation, GenerationSettings):
        return generation
    return GenerationSettings().with_overrides(**(generation or {}))


#: `GenerationConfig` fields kosum reads from a checkpoint, by `GenerationSettings` field.
_CHECKPOINT_FIELDS = ("num_beams", "no_repeat_ngram_size", "length_penalty", "early_stopping")


def checkpoint_settings(generation_config: Any) -> dict[str, Any]:
    """The generation settings a checkpoint sets itself, as `GenerationSettings` fields.

    transformers 5 leaves every unset `GenerationConfig` field `None`, so a non-`None` value is
    one the checkpoint chose. Lengths: `max_new_tokens`/`min_new_tokens` as they are; an
    encoder-decoder's `max_length`/`min_length` count the decoder start token, so one less.
    """
    if generation_config is None:
        return {}
    found = {
        name: getattr(generation_config, name)
        for name in _CHECKPOINT_FIELDS
        if getattr(generation_config, name, None) is not None
    }
    for ours, new, total in (
        ("max_length", "max_new_tokens", "max_length"),
        ("min_length", "min_new_tokens", "min_length"),
    ):
        if getattr(generation_config, new, None) is not None:
            found[ours] = int(getattr(generation_config, new))
        elif getattr(generation_config, total, None) is not None:
            found[ours] = max(0, int(getattr(generation_config, total)) - 1)
    return found


def settings_for(
    loaded: LoadedModel | None,
    generation: GenerationSettings | Mapping[str, Any] | None = None,
) -> GenerationSettings:
    """The settings to generate with: kosum's defaults, replaced by what the checkpoint's own
    `GenerationConfig` sets, replaced by the caller's explicit choices (`generation`: a dict whose
    `None` values mean "not set"). A `GenerationSettings` instance is taken as fully explicit."""
    if isinstance(generation, GenerationSettings):
        return generation
    model = getattr(loaded, "model", None)
    own = checkpoint_settings(getattr(model, "generation_config", None))
    if own:
        log.info("generation settings from the checkpoint: %s", own)
    return GenerationSettings().with_overrides(**own).with_overrides(**(generation or {}))


@dataclass(frozen=True)
class LoadedModel:
    """A checkpoint ready to generate."""

    name: str
    """As given: a Hub id or a local directory."""
    tokenizer: Any = None
    model: Any = None
    device: str = "cpu"
    max_input_tokens: int = 1024
    """Longest input, special tokens and prefix included, the model accepts."""
    max_output_tokens: int | None = None
    """Longest output a learned-position decoder can produce (None: no hard limit)."""
    prefix: str = ""
    """Task prefix from the checkpoint's config (`summarize: ` for T5-style checkpoints)."""
    quantized: bool = False

    @property
    def label(self) -> str:
        """The name shown in outputs: the Hub id, or the directory's name for a local path."""
        path = Path(self.name)
        return path.name if path.exists() else self.name

    def count_tokens(self, text: str) -> int:
        """Input tokens for `text` as the model would see it (prefix and specials included)."""
        return len(self.tokenizer(self.prefix + text)["input_ids"])


#: Devices kosum can run a checkpoint on: `auto`, `cpu`, `cuda`, `cuda:N`, `mps`.
DEVICE_HELP = "cpu, cuda, cuda:N, mps or auto"


def check_device(device: str | None) -> str | None:
    """`device` when kosum can use it, else `SettingsError` (one line): the spelling
    (`DEVICE_HELP`), then, for `cuda`/`cuda:N`/`mps`, whether torch sees such a device."""
    if device is None or device in ("auto", "cpu"):
        return device
    kind, colon, index = device.partition(":")
    if kind not in ("cuda", "mps") or (colon and (kind != "cuda" or not index.isdigit())):
        raise SettingsError(f"{device}: not a device kosum can use ({DEVICE_HELP})")
    import torch

    if kind == "mps":
        mps = getattr(torch.backends, "mps", None)
        if mps is None or not mps.is_available():
            raise SettingsError(f"{device}: no Apple GPU (MPS) is available")
        return device
    count = torch.cuda.device_count() if torch.cuda.is_available() else 0
    if count == 0:
        raise SettingsError(f"{device}: no CUDA GPU is available")
    if index and int(index) >= count:
        raise SettingsError(f"{device}: there are {count} CUDA GPUs (cuda:0 to cuda:{count - 1})")
    return device


def pick_device(device: str | None = None) -> str:
    """`cuda` when available, then `mps`, else `cpu`; an explicit choice is returned as is."""
    if device and device != "auto":
        return device
    import torch

    if torch.cuda.is_available():
        return "cuda"
    mps = getattr(torch.backends, "mps", None)
    if mps is not None and mps.is_available():
        return "mps"
    return "cpu"


def input_limit(tokenizer: Any, config: Any) -> int:
    """The model's input limit from its config and tokenizer.

    Learned-position models (BART) cannot go past `max_position_embeddings`; the tokenizer's
    `model_max_length` may lower that. T5 has no hard limit: the tokenizer's length, else 512.
    """
    limits = []
    tok_limit = getattr(tokenizer, "model_max_length", None)
    if isinstance(tok_limit, int) and 0 < tok_limit < _UNSET_LIMIT:
        limits.append(tok_limit)
    positions = getattr(config, "max_position_embeddings", None) or getattr(
        config, "n_positions", None
    )
    if getattr(config, "model_type", "") in ("t5", "mt5", "umt5", "longt5"):
        positions = None  # relative attention: `n_positions` is informational only
    if isinstance(positions, int) and positions > 0:
        limits.append(positions)
    return min(limits) if limits else _T5_DEFAULT_LIMIT


def output_limit(config: Any) -> int | None:
    """The decoder's hard length limit (learned positions, minus the start token), else None."""
    if getattr(config, "model_type", "") in ("t5", "mt5", "umt5", "longt5"):
        return None
    positions = getattr(config, "max_position_embeddings", None)
    return positions - 1 if isinstance(positions, int) and positions > 1 else None


def _task_prefix(config: Any) -> str:
    params = getattr(config, "task_specific_params", None) or {}
    return str((params.get("summarization") or {}).get("prefix") or "")


@contextmanager
def quiet_transformers() -> Iterator[None]:
    """Silence transformers' log messages and progress bars (and huggingface_hub's bars) for the
    duration of kosum's own calls, then restore exactly what was there before."""
    from importlib import import_module

    from transformers.utils import logging as hf_logging

    hub_tqdm = import_module("huggingface_hub.utils.tqdm")  # the module (its package exports
    # a class of the same name); `progress_bar_states` is its per-group on/off table
    verbosity = hf_logging.get_verbosity()
    bars = hf_logging.is_progress_bar_enabled()
    hub_bars = dict(hub_tqdm.progress_bar_states)
    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        hf_logging.set_verbosity(verbosity)
        if bars:
            hf_logging.enable_progress_bar()
        hub_tqdm.progress_bar_states.clear()
        hub_tqdm.progress_bar_states.update(hub_bars)


_load_lock = threading.Lock()


def load_model(
    name_or_dir: str, *, device: str | None = None, quantize: bool = False
) -> LoadedModel:
    """Load a seq2seq checkpoint (cached per name, device and quantisation).

    A local directory loads from disk. A Hub id loads from the local Hugging Face cache when it is
    there; otherwise the Hub is probed once (`hub.require_hub`, a few seconds at most, no retries)
    and the checkpoint downloaded when it answers. Failure raises `ModelLoadError` with a one-line
    reason. int8 dynamic quantisation applies on CPU only (`quantize_int8`).
    """
    device = pick_device(check_device(device))  # SettingsError for a device kosum cannot use
    with _load_lock:
        return _load_model_cached(name_or_dir, device, bool(quantize))


def read_checkpoint(name_or_dir: str, device: str | None = "cpu") -> LoadedModel:
    """Load a checkpoint afresh, bypassing `load_model`'s cache: for callers that change the
    model (fine-tuning), so that cached copies used for summarising stay as they were."""
    return _load_model_cached.__wrapped__(name_or_dir, pick_device(device), False)


@lru_cache(maxsize=4)
def _load_model_cached(name_or_dir: str, device: str, quantize: bool) -> LoadedModel:
    if quantize and device != "cpu":
        raise ModelLoadError(f"{name_or_dir}: int8 quantisation is for CPU only (device {device})")
    started = time.perf_counter()
    with quiet_transformers():
        tokenizer, model, where = _read(name_or_dir)
        model.eval()
        if quantize:
            model = quantize_int8(model)
        else:
            model.to(device)
    if tokenizer.pad_token_id is None and tokenizer.eos_token is not None:
        tokenizer.pad_token = tokenizer.eos_token  # batches need a pad token; EOS is masked out
        log.info("%s has no pad token: padding with its EOS token", name_or_dir)
    log.info(
        "loaded %s (%s, %s) from %s on %s%s in %.1f s",
        name_or_dir,
        model.config.model_type,
        type(tokenizer).__name__,
        where,
        device,
        ", int8" if quantize else "",
        time.perf_counter() - started,
    )
    return loaded_from(name_or_dir, tokenizer, model, device, quantized=quantize)


def _read(name_or_dir: str) -> tuple[Any, Any, str]:
    """Tokenizer and model from a directory, the local cache, or (after a probe) the Hub; also
    says which of the three it was."""
    from summarize.summarizer import hub

    is_dir = Path(name_or_dir).is_dir()
    try:
        try:
            return *_from_pretrained(name_or_dir, local_only=True), (
                "directory" if is_dir else "the local Hugging Face cache"
            )
        except ModelLoadError:
            raise
        except Exception:
            if is_dir:
                raise
            hub.require_hub(name_or_dir)  # fails fast, with a hint, when the Hub is unreachable
            log.info("%s is not in the local cache: downloading it", name_or_dir)
            return *_from_pretrained(name_or_dir, local_only=False), "the Hub"
    except ModelLoadError:
        raise
    except Exception as exc:
        where = "directory" if is_dir else "checkpoint"
        missing = _missing_sentencepiece()
        if missing:
            raise ModelLoadError(
                f"cannot load {where} {name_or_dir}: its tokenizer may need {missing}, which "
                f"kosum's base install brings (pip install {missing}); {_first_line(exc)}"
            ) from exc
        raise ModelLoadError(f"cannot load {where} {name_or_dir}: {_first_line(exc)}") from exc


def _missing_sentencepiece() -> str:
    """`sentencepiece`/`protobuf` when not importable: transformers needs both to read a
    `spiece.model` (T5, mT5) and, without them, fails with an unrelated-looking message."""
    from importlib.util import find_spec

    try:
        protobuf = find_spec("google.protobuf") is not None
    except ModuleNotFoundError:  # no `google` namespace package at all
        protobuf = False
    names = [
        n
        for n, ok in (("sentencepiece", find_spec("sentencepiece")), ("protobuf", protobuf))
        if not ok
    ]
    return " ".join(names)


def _from_pretrained(name_or_dir: str, local_only: bool) -> tuple[Any, Any]:
    from transformers import AutoConfig, AutoModelForSeq2SeqLM, AutoTokenizer

    common = {"trust_remote_code": False, "local_files_only": local_only}
    config = AutoConfig.from_pretrained(name_or_dir, **common)
    if not getattr(config, "is_encoder_decoder", False):
        raise ModelLoadError(
            f"{name_or_dir}: not a seq2seq checkpoint (model type {config.model_type!r})"
        )
    tokenizer = AutoTokenizer.from_pretrained(name_or_dir, **common)
    model = AutoModelForSeq2SeqLM.from_pretrained(name_or_dir, config=config, **common)
    return tokenizer, model


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return (text.splitlines()[0] if text else type(exc).__name__)[:200]


def quantize_int8(model: Any) -> Any:
    """int8 dynamic quantisation of the model's `nn.Linear` layers (weights stored as int8,
    activations quantised on the fly), for CPU inference.

    This is `torch.ao.quantization.quantize_dynamic`, which torch marks deprecated in favour of
    torchao's `quantize_`; its warnings are left as Python shows them. torchao is not used:
    measured on one 768x3072x768 feed-forward block (torch 2.13, torchao 0.18, one CPU thread,
    median of 3), 4 rows (a decoding step) took 3.5 ms in float32, 7.6 ms with torchao's eager
    `Int8DynamicActivationInt8WeightConfig`, 10.7 ms with `Int8WeightOnlyConfig` and 0.36 ms
    with `quantize_dynamic` (64 rows: 12.3, 9.7, 12.9, 2.5 ms). torchao's int8 paths target
    GPUs and `torch.compile`; torch 2.13 has no other non-deprecated CPU dynamic quantisation.
    """
    import torch
    from torch.ao.quantization import quantize_dynamic

    log.info("int8 dynamic quantisation with torch.ao.quantization.quantize_dynamic (deprecated)")
    return quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)


def loaded_from(
    name: str, tokenizer: Any, model: Any, device: str, *, quantized: bool = False
) -> LoadedModel:
    """A `LoadedModel` for a tokenizer and model already in memory (limits and task prefix read
    from the model's config), e.g. a model being fine-tuned."""
    config = model.config
    return LoadedModel(
        name=name,
        tokenizer=tokenizer,
        model=model,
        device=device,
        max_input_tokens=input_limit(tokenizer, config),
        max_output_tokens=output_limit(config),
        prefix=_task_prefix(config),
        quantized=quantized,
    )


# --- fitting long inputs -----------------------------------------------------------------------


@dataclass(frozen=True)
class FittedInput:
    """One model input made from an article's sentences."""

    text: str
    sentences: tuple[int, ...]
    """Indices (into the sentence list given) of the sentences it holds, in order."""
    tokens: int


@dataclass(frozen=True)
class Fitted:
    """An article's sentences fitted to the model: one input, or several chunks."""

    inputs: tuple[FittedInput, ...]
    note: str | None = None
    """How the article was fitted when it did not fit whole (None when it did)."""


def fit_input(
    sentences: Sequence[str],
    salience: Sequence[float],
    count_tokens: Callable[[str], int],
    limit: int,
    strategy: LongInput = "select",
) -> Fitted:
    """Fit an article's sentences into inputs of at most `limit` tokens, never truncating silently.

    When everything fits, one input holds every sentence. Otherwise `select` keeps the most
    salient sentences that fit (in document order) and `chunk` splits the article into
    consecutive chunks that each fit, to be summarised separately and merged. A single sentence
    longer than the limit is cut at a token boundary, and the note says so.
    """
    whole = " ".join(sentences)
    total = count_tokens(whole)
    if total <= limit:
        return Fitted((FittedInput(whole, tuple(range(len(sentences))), total),))
    overhead = count_tokens("")
    cost = [max(1, count_tokens(s) - overhead) for s in sentences]
    budget = max(1, limit - overhead)
    cut: list[int] = []
    if strategy == "chunk":
        groups = _chunks(cost, budget)
        inputs = tuple(_make(sentences, g, count_tokens, limit, cut) for g in groups)
        note = (
            f"input of {total} tokens exceeds the model's {limit}-token limit: summarised "
            f"in {len(inputs)} chunks of consecutive sentences and merged"
        )
    else:
        chosen = _select(cost, salience, budget)
        inputs = (_make(sentences, chosen, count_tokens, limit, cut),)
        note = (
            f"input of {total} tokens exceeds the model's {limit}-token limit: summarised the "
            f"{len(inputs[0].sentences)} most salient of {len(sentences)} sentences "
            f"({inputs[0].tokens} tokens)"
        )
    if cut:
        note += f"; sentence {', '.join(str(i + 1) for i in cut)} cut to fit alone"
    return Fitted(inputs, note)


def _select(cost: Sequence[int], salience: Sequence[float], budget: int) -> list[int]:
    order = sorted(range(len(cost)), key=lambda i: (-salience[i], i))
    chosen: list[int] = []
    used = 0
    for i in order:
        if used + cost[i] <= budget:
            chosen.append(i)
            used += cost[i]
    if not chosen:
        chosen = [order[0]]
    return sorted(chosen)


def _chunks(cost: Sequence[int], budget: int) -> list[list[int]]:
    groups: list[list[int]] = [[]]
    used = 0
    for i, c in enumerate(cost):
        if groups[-1] and used + c > budget:
            groups.append([])
            used = 0
        groups[-1].append(i)
        used += c
    return groups


def _make(
    sentences: Sequence[str],
    indices: list[int],
    count_tokens: Callable[[str], int],
    limit: int,
    cut: list[int],
) -> FittedInput:
    """Join the sentences; drop from the end while per-sentence counts underestimated the join;
    cut a lone over-long sentence by characters (bisection on the token count)."""
    indices = list(indices)
    text = " ".join(sentences[i] for i in indices)
    while len(indices) > 1 and count_tokens(text) > limit:
        indices.pop()
        text = " ".join(sentences[i] for i in indices)
    if count_tokens(text) > limit:
        lo, hi = 0, len(text)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if count_tokens(text[:mid]) <= limit:
                lo = mid
            else:
                hi = mid - 1
        text = text[:lo]
        cut.append(indices[0])
    return FittedInput(text, tuple(indices), count_tokens(text))


# --- generation --------------------------------------------------------------------------------


CPU_BATCH_ROWS = 8192
"""On CPU, beam rows x input tokens per batch. Decoding reads every row's cross-attention cache
at each step; measured on 2 cores with KoBART-base shapes (512 input tokens, 4 beams), batches
of 4 articles ran at 1.96 s/article and batches of 8 at 3.12 s/article (one by one: 3.59 s)."""


def default_batch_size(device: str, input_tokens: int = 512, beams: int = 4) -> int:
    """Articles per batch: 16 on a GPU; on CPU as many as keep beam rows x input tokens within
    `CPU_BATCH_ROWS` (4 articles of 512 tokens with 4 beams, 16 of 128 tokens), at most 16."""
    if device.startswith("cuda"):
        return 16
    return max(1, min(16, CPU_BATCH_ROWS // max(1, beams * input_tokens)))


def generate(
    loaded: LoadedModel,
    texts: Sequence[str],
    settings: GenerationSettings | None = None,
    *,
    batch_size: int | None = None,
    on_batch: Callable[[int], None] | None = None,
) -> list[list[str]]:
    """Generate candidate summaries for each text, batched by length.

    Texts are sorted by token length (longest first) so each batch pads little, padded with
    `tokenizer.pad` (on the side the tokenizer pads), generated with beam search, and returned
    in input order: for each text, its `num_return_sequences` beams, best first. `settings`
    default to `settings_for(loaded)` (the checkpoint's own generation config over kosum's
    defaults). Every text must already fit the model (see `fit_input`); one that does not raises
    `SettingsError` (a `ValueError`) instead of being truncated.
    """
    import torch

    kwargs = (settings or settings_for(loaded)).generate_kwargs()
    if loaded.max_output_tokens is not None:  # a learned-position decoder cannot go further
        kwargs["max_new_tokens"] = min(kwargs["max_new_tokens"], loaded.max_output_tokens)
        kwargs["min_new_tokens"] = min(kwargs["min_new_tokens"], kwargs["max_new_tokens"])
    per_text = kwargs["num_return_sequences"]
    tok = loaded.tokenizer
    encoded = [tok(loaded.prefix + t)["input_ids"] for t in texts]
    for text_ids in encoded:
        if len(text_ids) > loaded.max_input_tokens:
            raise SettingsError(
                f"input of {len(text_ids)} tokens exceeds {loaded.max_input_tokens}; fit it first"
            )
    order = sorted(range(len(texts)), key=lambda i: -len(encoded[i]))
    results: list[list[str]] = [[] for _ in texts]
    start = 0
    with torch.inference_mode(), quiet_transformers():
        while start < len(order):
            # longest first, so the first text of a batch sets its width
            size = batch_size or default_batch_size(
                loaded.device, len(encoded[order[start]]), kwargs["num_beams"]
            )
            batch = order[start : start + size]
            start += len(batch)
            padded = tok.pad({"input_ids": [encoded[i] for i in batch]}, return_tensors="pt")
            log.debug("batch of %d, %d tokens wide", len(batch), padded["input_ids"].shape[1])
            out = loaded.model.generate(**padded.to(loaded.device), **kwargs)
            decoded = tok.batch_decode(out, skip_special_tokens=True)
            for row, i in enumerate(batch):
                beams = decoded[row * per_text : (row + 1) * per_text]
                results[i] = [" ".join(b.split()) for b in beams]
            if on_batch:
                on_batch(len(batch))
    return results


def merge_chunks(chunk_candidates: Sequence[Sequence[str]]) -> list[str]:
    """Merge per-chunk candidates into whole-article candidates: candidate k joins each chunk's
    k-th beam (or its last when it has fewer), in document order."""
    if not chunk_candidates:
        return []
    most = max(len(c) for c in chunk_candidates)
    merged = []
    for k in range(most):
        parts = [c[min(k, len(c) - 1)] for c in chunk_candidates if c]
        merged.append(" ".join(p for p in parts if p))
    return merged
