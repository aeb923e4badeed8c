"""Pairs -> training examples: the model input exactly as `kosum summarize` would build it.

At summarisation time a checkpoint sees an article's candidate sentences (its body sentences)
joined by spaces, after the task prefix, fitted to its input limit by `seq2seq.fit_input`.
Training inputs are made the same way, so that a fine-tuned checkpoint is trained on what it
will be given:

1. the pair's document becomes an `Article` (`pairs.pair_article`, without claims);
2. its candidate sentences, joined, are the input when they fit `max_source_tokens`;
3. otherwise the most salient sentences that fit are kept, in document order (salience from the
   extractive summariser, as `--long-input select` does); these documents are counted and the
   count is reported, never truncated silently;
4. the reference summary (its sentences joined by spaces) is the label, ending with the
   end-of-sequence token even when the tokenizer adds no special tokens itself (a model that never
   sees it never learns to stop); a summary longer than `max_target_tokens` is not cut either:
   the pair is rejected with an `InputError` naming it.

Articles are analysed in batches of `BATCH` (one kiwipiepy call per batch for salience).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from summarize.training.pairs import Pair, pair_article
from summarize.types import Article, InputError

#: Pairs analysed per kiwipiepy batch; big enough for its worker threads, small enough for memory.
BATCH = 256


@dataclass(frozen=True)
class Limits:
    """Token limits of the inputs and labels (special tokens and task prefix included)."""

    source_tokens: int
    target_tokens: int


@dataclass(frozen=True)
class Example:
    """One pair, tokenised."""

    id: str
    input_ids: tuple[int, ...]
    labels: tuple[int, ...]
    source: str
    """The input text (without the task prefix), as fitted."""
    reference: str
    """The reference summary, one sentence per line (for ROUGE)."""


@dataclass
class Prepared:
    """Examples made from pairs, what was rejected, and how many documents were fitted."""

    examples: list[Example] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    fitted: int = 0
    """Documents over `source_tokens`, reduced to their most salient sentences."""

    def fitted_note(self, limits: Limits) -> str | None:
        """One line on the documents that were fitted, or None when every document fit."""
        if not self.fitted:
            return None
        total = len(self.examples)
        return (
            f"{self.fitted} of {total} documents exceed {limits.source_tokens} input tokens: "
            "trained on their most salient sentences that fit, as `kosum summarize "
            "--long-input select` feeds them"
        )


def prepare(
    pairs: Sequence[Pair],
    loaded: object,
    limits: Limits,
    progress: Callable[[int], None] | None = None,
) -> Prepared:
    """Examples for `pairs` with the tokenizer and task prefix of `loaded` (a `LoadedModel`)."""
    out = Prepared()
    for start in range(0, len(pairs), BATCH):
        batch = pairs[start : start + BATCH]
        articles = _articles(batch, out.errors)
        for pair, text, fitted in _inputs(articles, loaded, limits):
            example = _example(pair, text, loaded, limits)
            if isinstance(example, InputError):
                out.errors.append(example)
                continue
            out.examples.append(example)
            out.fitted += fitted
        if progress:
            progress(len(batch))
    return out


def _articles(pairs: Sequence[Pair], errors: list[InputError]) -> list[tuple[Pair, Article]]:
    out = []
    for pair in pairs:
        try:
            out.append((pair, pair_article(pair, claims=False)))
        except InputError as exc:
            errors.append(exc)
    return out


def _inputs(articles: list[tuple[Pair, Article]], loaded, limits: Limits):
    """(pair, input text, whether it had to be fitted) for each article."""
    from summarize.summarizer import extractive, seq2seq

    texts = [_sentence_texts(article) for _, article in articles]
    whole = [" ".join(t) for t in texts]
    over = [k for k, text in enumerate(whole) if loaded.count_tokens(text) > limits.source_tokens]
    analysed = dict(zip(over, extractive.analyse_many([articles[k][1] for k in over]), strict=True))
    for k, (pair, _) in enumerate(articles):
        if k not in analysed:
            yield pair, whole[k], False
            continue
        salience = extractive.salience(analysed[k]) if analysed[k].sentences else [0.0]
        fit = seq2seq.fit_input(
            texts[k], salience, loaded.count_tokens, limits.source_tokens, "select"
        )
        yield pair, fit.inputs[0].text, True


def _sentence_texts(article: Article) -> list[str]:
    """The sentences `kosum summarize` feeds a checkpoint (the headline when there are none)."""
    from summarize.summarizer.extractive import candidate_sentences

    texts = [s.text for s in candidate_sentences(article)]
    if not texts and article.headline is not None:
        texts = [article.headline.text]
    return texts


def _example(pair: Pair, text: str, loaded, limits: Limits) -> Example | InputError:
    if not text.strip():
        return InputError(pair.name or pair.id, "no sentences left after cleaning")
    tokenizer = loaded.tokenizer
    labels = list(tokenizer(text_target=" ".join(pair.summary))["input_ids"])
    eos = tokenizer.eos_token_id
    if eos is not None and (not labels or labels[-1] != eos):
        labels.append(eos)  # some tokenizers add no specials: the model must learn to stop
    if len(labels) > limits.target_tokens:
        return InputError(
            pair.name or pair.id,
            f"summary of {len(labels)} tokens exceeds --max-target-tokens {limits.target_tokens}",
        )
    input_ids = tokenizer(loaded.prefix + text)["input_ids"]
    return Example(pair.id, tuple(input_ids), tuple(labels), text, pair.reference)
