"""Article summaries: the extractive default, seq2seq checkpoints, and the faithfulness guard.

`summarize_articles` is the one entry point. `method="auto"` uses a seq2seq checkpoint when one
is named or a recommended one is in the local Hugging Face cache, and the extractive-compressive
summariser otherwise. Generated summaries pass the guard (`guard.py`): a beam with a number,
date or name the source does not contain is replaced by the next clean beam, or by the
extractive summary, and `Summary.fallback` says why.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal

from summarize.errors import SettingsError
from summarize.logs import get_logger
from summarize.types import Article, Summary, SummarySentence

if TYPE_CHECKING:
    from summarize.summarizer.seq2seq import GenerationSettings

Method = Literal["auto", "extractive", "seq2seq"]
LongInput = Literal["select", "chunk"]

log = get_logger(__name__)

__all__ = ["Plan", "plan_method", "summarize_articles"]


@dataclass(frozen=True)
class Plan:
    """Which method will run, with which checkpoint, and why."""

    method: Literal["extractive", "seq2seq"]
    model: str | None
    reason: str


def plan_method(method: Method = "auto", model: str | None = None) -> Plan:
    """Resolve `auto`: a named model, else a recommended checkpoint in the local cache, else the
    extractive default."""
    if method == "extractive":
        return Plan("extractive", None, "requested")
    if model:
        return Plan("seq2seq", model, "requested")
    from summarize.summarizer.hub import find_recommended

    found = find_recommended()
    if found:
        return Plan("seq2seq", found, "found in the local Hugging Face cache")
    if method == "seq2seq":
        raise SettingsError(
            "--method seq2seq needs --model, or a recommended checkpoint in the local "
            "Hugging Face cache (kosum models pull NAME)"
        )
    return Plan("extractive", None, "no checkpoint given or cached")


def summarize_articles(
    articles: Sequence[Article],
    *,
    method: Method = "auto",
    model: str | None = None,
    device: str | None = None,
    quantize: bool = False,
    generation: GenerationSettings | Mapping[str, Any] | None = None,
    long_input: LongInput = "select",
    guard: bool = True,
    batch_size: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[Summary]:
    """Summarise articles, one `Summary` each, in input order.

    - `method`: `auto` (default), `extractive` or `seq2seq`; `model`: a Hub id or a local
      checkpoint directory (implies seq2seq).
    - `device`: `cpu`, `cuda`, `mps` or None for automatic; `quantize`: int8 dynamic
      quantisation of linear layers (CPU).
    - `generation`: a dict of the settings you choose (`num_beams`, `no_repeat_ngram_size`,
      `max_length`, `min_length`, `length_penalty`, `early_stopping`, `num_return_sequences`;
      `None` values count as unset); the rest come from the checkpoint's own generation config,
      then kosum's defaults (`seq2seq.settings_for`). A `seq2seq.GenerationSettings` is used as
      it is.
    - `long_input`: for articles over the model's limit, `select` salient sentences or `chunk`
      and merge; either way the summary's `notes` say what was done.
    - `guard`: check generated summaries against the source and fall back (default on); off, the
      best beam is kept with its flags.
    - `progress`: called with the number of articles finished, as they finish.
    """
    from summarize.summarizer import extractive

    articles = list(articles)
    if not articles:
        return []
    plan = plan_method(method, model)
    log.info(
        "method %s%s (%s)", plan.method, f" with {plan.model}" if plan.model else "", plan.reason
    )
    analysed = extractive.analyse_many(articles)
    if plan.method == "extractive":
        out = [extractive.summarize_analysed(a) for a in analysed]
        if progress:
            progress(len(out))
        return out
    return _seq2seq(
        analysed,
        plan.model or "",
        device=device,
        quantize=quantize,
        generation=generation,
        long_input=long_input,
        guard=guard,
        batch_size=batch_size,
        progress=progress,
    )


def _seq2seq(
    analysed: Sequence[Any],
    model_name: str,
    *,
    device: str | None,
    quantize: bool,
    generation: GenerationSettings | Mapping[str, Any] | None,
    long_input: LongInput,
    guard: bool,
    batch_size: int | None,
    progress: Callable[[int], None] | None,
) -> list[Summary]:
    from summarize.summarizer import extractive, seq2seq
    from summarize.summarizer import guard as guard_mod

    loaded = seq2seq.load_model(model_name, device=device, quantize=quantize)
    settings = seq2seq.settings_for(loaded, generation)
    fitted = []
    inputs: list[str] = []
    owner: list[int] = []
    for k, a in enumerate(analysed):
        texts = [s.text for s in a.sentences]
        if a.article.headline is not None and not texts:
            texts = [a.article.headline.text]
        fit = seq2seq.fit_input(
            texts,
            extractive.salience(a),
            loaded.count_tokens,
            loaded.max_input_tokens,
            long_input,
        )
        fitted.append(fit)
        if fit.note:
            log.info("%s: %s", a.article.id, fit.note)
        for piece in fit.inputs:
            inputs.append(piece.text)
            owner.append(k)
    candidates = seq2seq.generate(loaded, inputs, settings, batch_size=batch_size)
    per_article: list[list[list[str]]] = [[] for _ in analysed]
    for k, cands in zip(owner, candidates, strict=True):
        per_article[k].append(cands)
    method = f"seq2seq:{loaded.label}"
    out = []
    for a, fit, chunks in zip(analysed, fitted, per_article, strict=True):
        merged = chunks[0] if len(chunks) == 1 else seq2seq.merge_chunks(chunks)
        out.append(_guarded(a, merged, fit.note, method, guard, guard_mod, extractive))
        if progress:
            progress(1)
    return out


def _guarded(analysed, candidates, note, method, use_guard, guard_mod, extractive) -> Summary:
    article = analysed.article
    facts = guard_mod.source_facts(article)

    def check(text: str) -> tuple[str, ...]:
        return guard_mod.unsupported(text, facts, article.published)

    notes = (note,) if note else ()
    if not use_guard:
        text = candidates[0] if candidates else ""
        sentences = _generated_sentences(text, analysed, check)
        return Summary(article.id, sentences, method, None, notes)
    choice = guard_mod.choose(candidates, check)
    if choice.index is not None:
        sentences = _generated_sentences(candidates[choice.index], analysed, check)
        return Summary(article.id, sentences, method, choice.reason, notes)
    fallback = extractive.summarize_analysed(analysed)
    reason = f"{method}: {choice.reason}; used the extractive summary"
    log.info("%s: %s", article.id, reason)
    return replace(fallback, fallback=reason, notes=notes)


def _generated_sentences(text: str, analysed, check) -> tuple[SummarySentence, ...]:
    """Split a generated summary into sentences, each with its flags and supporting spans."""
    from summarize.analysis import content_morphemes, kiwi
    from summarize.summarizer.provenance import support_for

    pieces = [s.text.strip() for s in kiwi().split_into_sents(text)] or [text.strip()]
    out = []
    for i, piece in enumerate(p for p in pieces if p):
        support = support_for(content_morphemes(piece), analysed.sentences, analysed.morphemes)
        out.append(
            SummarySentence(
                text=piece,
                support=support,
                role="gist" if i == 0 else "point",
                flags=tuple(check(piece)),
            )
        )
    return tuple(out)
