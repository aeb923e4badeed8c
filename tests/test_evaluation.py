"""ROUGE over Korean morphemes, the guard pass rate, and `kosum eval`."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest
from schema_check import assert_valid
from typer.testing import CliRunner

from summarize.cli import app
from summarize.summarizer.evaluation import KiwiTokenizer, aggregate, guard_passes, rouge
from summarize.types import Summary, SummarySentence

ROOT = Path(__file__).resolve().parent.parent


def test_tokens_are_kiwi_morphemes_without_punctuation(kiwi):
    assert KiwiTokenizer().tokenize("사과를 먹었다.") == ["사과", "를", "먹", "었", "다"]
    # each line on its own: joining sentences with newlines changes nothing
    one, two = "정부가 예산을 늘렸다.", "기업은 투자를 줄였다."
    tokens = KiwiTokenizer().tokenize(f"{one}\n{two}")
    assert tokens == KiwiTokenizer().tokenize(one) + KiwiTokenizer().tokenize(two)


def test_rouge_f1_by_hand(kiwi):
    reference = "사과 배 포도"  # tokens: 사과 배 포도
    candidate = "사과 포도 귤 감"  # tokens: 사과 포도 귤 감
    assert KiwiTokenizer().tokenize(reference) == ["사과", "배", "포도"]
    assert KiwiTokenizer().tokenize(candidate) == ["사과", "포도", "귤", "감"]
    scores = rouge(candidate, reference)
    # ROUGE-1: 2 shared unigrams, P = 2/4, R = 2/3 -> F1 = 2PR/(P+R) = 4/7
    assert scores["rouge1"] == pytest.approx(4 / 7)
    # ROUGE-2: bigrams (사과 배)(배 포도) vs (사과 포도)(포도 귤)(귤 감): none shared
    assert scores["rouge2"] == 0.0
    # ROUGE-L: LCS 사과 포도 = 2, same as ROUGE-1 here
    assert scores["rougeL"] == pytest.approx(4 / 7)
    assert rouge(reference, reference) == {"rouge1": 1.0, "rouge2": 1.0, "rougeL": 1.0}
    assert rouge("", reference)["rouge1"] == 0.0


def test_hangul_counts_where_the_default_rouge_tokenizer_sees_nothing(kiwi):
    from rouge_score.rouge_scorer import RougeScorer

    default = RougeScorer(["rouge1"]).score("사과 배 포도", "사과 포도 귤 감")
    assert default["rouge1"].fmeasure == 0.0  # Hangul dropped: why kosum brings its tokenizer
    assert rouge("사과 포도 귤 감", "사과 배 포도")["rouge1"] > 0.5


def test_guard_pass_and_aggregate(make_sentences):
    from summarize.article.claims import extract_claims
    from summarize.summarizer.evaluation import PairScore
    from summarize.types import Article

    text = "시청은 올해 예산을 320억원으로 늘렸다고 밝혔다."
    source, sentences = make_sentences(text)
    article = Article(
        source=source, sentences=sentences, claims=extract_claims(source, sentences, None)
    )

    def summary(words: str) -> Summary:
        return Summary("test", (SummarySentence(words, ()),), "extractive")

    assert guard_passes(summary("시청이 예산을 320억원으로 늘렸다."), article)
    assert not guard_passes(summary("시청이 예산을 777억원으로 늘렸다."), article)
    scores = [
        PairScore(0.5, 0.25, 0.5, True, 10, 20, False),
        PairScore(1.0, 0.75, 1.0, False, 30, 40, True),
    ]
    report = aggregate(scores, "seq2seq:x")
    assert (report.n, report.rouge1, report.rouge2, report.guard_pass) == (2, 0.75, 0.5, 0.5)
    assert (report.avg_chars, report.reference_avg_chars, report.fallbacks) == (20, 30, 0.5)
    assert_valid(report.as_json(), "eval")


def test_kosum_eval_extractive_text_and_json(tmp_path: Path):
    lines = [
        {"title": "도서관 야간 개관", "sentences": [
            "시립 도서관이 다음 달부터 야간 개관을 시작한다.",
            "도서관은 평일 밤 열 시까지 문을 연다고 밝혔다.",
            "주민들은 퇴근 뒤에도 책을 빌릴 수 있게 됐다.",
        ], "summaries": [0, 1]},
        {"text": "날씨 이야기다."},  # no summary: reported, skipped
    ]  # fmt: skip
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in lines) + "\n")
    result = CliRunner().invoke(app, ["eval", str(pairs), "--method", "extractive", "-q"])
    assert result.exit_code == 1  # one record skipped
    assert f"{pairs}#2: no summary" in result.stderr
    assert "1 pairs, extractive" in result.stdout and "ROUGE-1" in result.stdout
    out = tmp_path / "eval.json"
    args = ["eval", str(pairs), "--method", "extractive", "-f", "json", "-o", str(out), "-q"]
    assert CliRunner().invoke(app, args).exit_code == 1
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert_valid(doc, "eval")
    assert doc["n"] == 1 and doc["method"] == "extractive"
    assert 0 < doc["rouge2"] <= doc["rouge1"] <= 1 and doc["guard_pass"] == 1.0


def _summary_benchmark():
    """`benchmarks/bench_summary_quality.py` as a module."""
    spec = importlib.util.spec_from_file_location(
        "bench_summary_quality", ROOT / "benchmarks" / "bench_summary_quality.py"
    )
    bench = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = bench  # its dataclasses look their module up
    spec.loader.exec_module(bench)
    return bench


def test_kosum_eval_reproduces_the_summary_benchmark(shared_data: Path):
    """`kosum eval` on sci-news-sum-kr-50's test half (even-numbered files) gives the figures
    `benchmarks/bench_summary_quality.py` computes for kosum's default on the same files."""
    bench = _summary_benchmark()
    folder = shared_data / "sci-news-sum-kr-50"
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent")
    docs = bench.load_docs("test")
    expected = bench.evaluate(docs, {"kosum": bench.kosum_default()})["kosum"]
    files = [str(folder / f"{d.name}.json") for d in docs]
    result = CliRunner().invoke(app, ["eval", *files, "--method", "extractive", "-f", "json"])
    assert result.exit_code == 0, result.output
    got = json.loads(result.stdout)
    assert got["n"] == len(docs) == 25
    assert got["rouge1"] == pytest.approx(expected["R-1"], abs=1e-12)
    assert got["rouge2"] == pytest.approx(expected["R-2"], abs=1e-12)
    assert got["rougeL"] == pytest.approx(expected["R-L"], abs=1e-12)


def test_summary_quality_does_not_slip_below_its_reported_level(shared_data: Path):
    """The test half's ROUGE-1 of kosum's default (README: 0.754; TextRank-4 0.668). It once
    slipped to 0.726 unnoticed when quoted sentences were cut into propositions and summaries
    quoted a proposition alone; this floor catches such a slip."""
    bench = _summary_benchmark()
    if not (shared_data / "sci-news-sum-kr-50").is_dir():
        pytest.skip(f"{shared_data / 'sci-news-sum-kr-50'} is absent")
    docs = bench.load_docs("test")
    scores = bench.evaluate(docs, {"kosum": bench.kosum_default(), "textrank": bench.textrank(4)})
    assert scores["kosum"]["R-1"] >= 0.745
    assert scores["kosum"]["R-1"] - scores["textrank"]["R-1"] >= 0.05
