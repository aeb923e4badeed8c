"""`kosum corpus`: every record accounted for, the same output on both engines and as `kosum
diff`, resumable, Parquet read like JSON, articles crossing process boundaries compactly.

The 300-article corpus is generated (`benchmarks/corpus_gen.py`) from the repository's own
articles: the samples, the invented quake and earnings stories and the test articles."""

from __future__ import annotations

import importlib.util
import json
import pickle
import sys
import zlib
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarize.cli import app
from summarize.corpus import CorpusSettings, run_corpus
from summarize.corpus.grouping import BlockSettings, article_days, plan_blocks, stitch
from summarize.corpus.stages import StorySettings

ROOT = Path(__file__).resolve().parent.parent
BROKEN = 3


def _generator():
    spec = importlib.util.spec_from_file_location("corpus_gen", ROOT / "benchmarks/corpus_gen.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """300 generated records over JSONL, a JSON array and Parquet, plus 3 broken lines."""
    gen = _generator()
    bases = gen.sample_bases(ROOT / "samples")
    bases += [
        gen.page_base(d, sorted((ROOT / "benchmarks/data" / d).iterdir()))
        for d in ("quake", "earnings")
    ]
    bases += [
        gen.page_base(p.stem, [p])
        for p in sorted((ROOT / "tests/data/articles").iterdir())
        if p.suffix in (".txt", ".html")
    ]
    generated = gen.generate(bases, 300, seed=7)
    folder = tmp_path_factory.mktemp("corpus") / "in"
    gen.write_corpus(generated, folder, parts=4, broken=BROKEN)
    return folder, generated


def _run(inputs, out: Path, **options):
    settings = CorpusSettings(
        inputs=tuple(str(i) for i in inputs),
        out=out,
        workers=2,
        story=StorySettings(embedder=options.pop("embedder", "none")),
        **options,
    )
    return run_corpus(settings)


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def local_run(corpus, tmp_path_factory):
    folder, _ = corpus
    out = tmp_path_factory.mktemp("local")
    return out, _run([folder], out)


def test_every_record_is_an_article_or_an_error(corpus, local_run):
    _, generated = corpus
    out, report = local_run
    articles = _lines(out / "articles.jsonl")
    errors = _lines(out / "errors.jsonl")
    assert report.records == len(generated.records) + BROKEN
    assert len(articles) + len(errors) == report.records
    assert sorted(a["id"] for a in articles) == sorted(generated.events)
    # the broken lines are named by file and line, with why; the good records around them stay
    assert len(errors) == BROKEN
    assert all(e["where"].startswith(e["path"] + "#") and e["why"] for e in errors)
    reasons = " ".join(e["why"] for e in errors)
    assert "invalid JSON" in reasons and "no `body`" in reasons and "Korean" in reasons
    # every article in exactly one event, the one events.jsonl lists it in
    events = _lines(out / "events.jsonl")
    assert len(events) == report.stories
    listed = [aid for doc in events for aid in doc["events"][0]["articles"]]
    assert sorted(listed) == sorted(a["id"] for a in articles)
    event_of = {
        aid: doc["events"][0]["id"] for doc in events for aid in doc["events"][0]["articles"]
    }
    assert all(a["event"] == event_of[a["id"]] for a in articles)
    assert all(doc["schema"] == "kosum.diff/1" for doc in events)
    from schema_check import assert_valid

    for doc in events:  # each line is a kosum.diff document meeting its JSON Schema
        assert_valid(doc)


def test_stories_match_the_true_events(corpus, local_run):
    """B³ of the stories against the generated events (variants of one base are a near-miss
    nine days apart)."""
    _, generated = corpus
    out, _ = local_run
    predicted = {a["id"]: a["event"] for a in _lines(out / "articles.jsonl")}
    p, r = _bcubed(predicted, generated.events)
    assert p > 0.9 and r > 0.9, (p, r)


def _bcubed(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float]:
    by_pred: dict[str, set[str]] = {}
    by_gold: dict[str, set[str]] = {}
    for item in gold:
        by_pred.setdefault(pred[item], set()).add(item)
        by_gold.setdefault(gold[item], set()).add(item)
    p = sum(len(by_pred[pred[i]] & by_gold[gold[i]]) / len(by_pred[pred[i]]) for i in gold)
    r = sum(len(by_pred[pred[i]] & by_gold[gold[i]]) / len(by_gold[gold[i]]) for i in gold)
    return p / len(gold), r / len(gold)


def test_ray_engine_gives_the_same_output(corpus, local_run, tmp_path):
    pytest.importorskip(
        "ray", reason='Ray is not installed (pip install "kosum[ray]"); make test installs it'
    )
    folder, _ = corpus
    out, local = local_run
    report = _run([folder], tmp_path, engine="ray")
    assert report.engine == "ray" and report.workers == 2
    for name in ("articles.jsonl", "events.jsonl", "errors.jsonl"):
        mine = (tmp_path / name).read_text(encoding="utf-8").splitlines()
        theirs = (out / name).read_text(encoding="utf-8").splitlines()
        assert sorted(mine) == sorted(theirs), name
    assert (report.stories, report.facts, report.conflicts) == (
        local.stories,
        local.facts,
        local.conflicts,
    )


def test_a_rerun_reuses_everything_and_finishes_what_was_cut(corpus, local_run, tmp_path):
    import shutil

    folder, _ = corpus
    out, first = local_run
    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    again = _run([folder], copy)
    assert again.shards_cached == again.shards == first.shards
    assert again.grouping_cached and again.stories_cached == first.stories
    assert again.stories_aligned == 0
    assert (copy / "events.jsonl").read_bytes() == (out / "events.jsonl").read_bytes()
    # a run cut during alignment: the log loses its last stories and ends mid-line
    log = copy / ".kosum-corpus" / "stories.log"
    lines = log.read_bytes().splitlines(keepends=True)
    log.write_bytes(b"".join(lines[:-5]) + lines[-5][:40])
    resumed = _run([folder], copy)
    assert resumed.stories_aligned == 5 and resumed.shards_cached == first.shards
    assert (copy / "events.jsonl").read_bytes() == (out / "events.jsonl").read_bytes()
    assert (copy / "articles.jsonl").read_bytes() == (out / "articles.jsonl").read_bytes()


def test_date_blocks_group_like_one_call(corpus, local_run, tmp_path):
    """Grouping in date blocks of at most 60 articles (a 3-day halo each, on the workers,
    stitched) finds the stories one call finds; the analysis is reused."""
    import shutil

    folder, generated = corpus
    out, _ = local_run
    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    report = _run([folder], copy, blocks=BlockSettings(max_articles=60))
    assert report.blocks > 3 and report.shards_cached == report.shards
    assert not report.grouping_cached
    blocked = {a["id"]: a["event"] for a in _lines(copy / "articles.jsonl")}
    whole = {a["id"]: a["event"] for a in _lines(out / "articles.jsonl")}
    p, r = _bcubed(blocked, whole)  # measured: 0.967 / 0.995 (blocks of 60 are tiny)
    assert p > 0.95 and r > 0.95, (p, r)
    p, r = _bcubed(blocked, generated.events)
    assert p > 0.9 and r > 0.9, (p, r)


def test_one_changed_record_reanalyses_one_shard(tmp_path):
    records = [
        {
            "id": f"r{k}",
            "title": f"시험 기사 {k}",
            "body": f"한빛시는 {k}일 새 도서관을 열었다고 밝혔다.",
        }
        for k in range(40)
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    first = _run([path], tmp_path / "out")
    records[35]["body"] = "한빛시는 도서관 개관을 미뤘다고 밝혔다."
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    second = _run([path], tmp_path / "out")
    assert first.shards == second.shards == 2
    assert first.shards_cached == 0 and second.shards_cached == 1
    assert not second.grouping_cached


def test_the_corpus_gives_what_kosum_diff_gives(tmp_path, sample_paths):
    """On a small corpus (one grouping block) the events, facts and conflicts are those of
    `summarize.compare`, with the default embedder."""
    import summarize
    from summarize.render.diff_json import comparison_dict

    inputs = [*sample_paths, ROOT / "benchmarks/data/quake"]
    articles, errors = summarize.load_all(inputs)
    assert not errors
    expected = comparison_dict(summarize.compare(articles))
    _run(inputs, tmp_path, embedder="e5")
    docs = _lines(tmp_path / "events.jsonl")
    for part in ("events", "facts", "conflicts", "outlets"):
        assert [x for doc in docs for x in doc[part]] == expected[part], part
    mine = sorted((a for doc in docs for a in doc["articles"]), key=lambda a: a["id"])
    assert mine == sorted(expected["articles"], key=lambda a: a["id"])


def test_parquet_rows_read_as_json_records(tmp_path):
    pq = pytest.importorskip(
        "pyarrow.parquet", reason='needs pyarrow (pip install "kosum[parquet]")'
    )
    import pyarrow as pa

    from summarize.corpus.reader import iter_records

    rows = [
        {
            "id": "p1",
            "title": "한빛시 도서관 개관",
            "body": "한빛시는 3일 새 도서관을 열었다.",
            "outlet": "연합뉴스",
        },
        {"id": None, "title": "제목만", "body": None, "outlet": None},
        {"id": "p3", "title": "시험", "body": "둘째 기사 본문이다.", "outlet": "뉴스1"},
    ]
    pq.write_table(pa.table({k: [r[k] for r in rows] for k in rows[0]}), tmp_path / "news.parquet")
    lines = [
        json.dumps({k: v for k, v in r.items() if v is not None}, ensure_ascii=False) for r in rows
    ]
    (tmp_path / "news.jsonl").write_text("\n".join(lines), encoding="utf-8")
    from_parquet = list(iter_records([str(tmp_path / "news.parquet")]))
    from_json = list(iter_records([str(tmp_path / "news.jsonl")]))
    assert [r.number for r in from_parquet] == [1, 2, 3]
    assert from_parquet[1].source is None and "body" in from_parquet[1].item.reason
    assert from_parquet[1].item.name.endswith("news.parquet#2")
    for a, b in zip(from_parquet, from_json, strict=True):
        if a.source is not None:
            assert (a.source.id, a.source.text, a.source.fields) == (
                b.source.id,
                b.source.text,
                b.source.fields,
            )


def test_articles_cross_processes_compactly(sample_articles):
    """An `Article` pickles its Source text once and every span as offsets: a few times the
    text, about its size once compressed, and the spans still reproduce the text."""
    for article in sample_articles.values():
        raw = article.text.encode("utf-8")
        blob = pickle.dumps(article, protocol=pickle.HIGHEST_PROTOCOL)
        assert blob.count(raw) == 1  # the text once (spans hold offsets into it)
        assert len(blob) < 5 * len(raw)
        assert len(zlib.compress(blob, 1)) < 2 * len(raw)
        back = pickle.loads(blob)
        assert back == article
        assert all(c.source is back.source for c in back.claims)
        assert all(back.text[c.start : c.end] == c.text for c in back.claims)


def test_blocks_by_date_with_a_halo():
    d = date(2024, 3, 1)
    days = [d, None, d.replace(day=2), d.replace(day=5), None, d.replace(day=9), d.replace(day=9)]
    assert article_days(days)[1] == d and article_days(days)[4] == d.replace(day=5)
    blocks = plan_blocks(days, BlockSettings(max_articles=3, halo_days=3))
    # every article is at home in exactly one block; a block's halo is the 3 days before it
    homes = sorted(k for b in blocks for k in b.home)
    assert homes == list(range(len(days)))
    assert [sorted(b.home) for b in blocks] == [[0, 1, 2], [3, 4], [5, 6]]
    assert blocks[1].members == (2, 3, 4)  # the 2nd lies within 3 days of the 5th, the 1st not
    assert blocks[2].members == (5, 6)  # the 5th is 4 days before the 9th
    assert plan_blocks(days, BlockSettings(max_articles=10))[0].members == tuple(range(7))


def test_stitch_joins_stories_sharing_an_article():
    assert stitch(6, [[0, 1], [1, 3], [2], [4, 5], [5]]) == [[0, 1, 3], [2], [4, 5]]


def test_cli_summary_errors_and_exit_status(tmp_path):
    path = tmp_path / "news.jsonl"
    good = {"title": "한빛시 도서관 개관", "body": "한빛시는 3일 새 도서관을 열었다고 밝혔다."}
    path.write_text(json.dumps(good, ensure_ascii=False) + "\n{broken\n", encoding="utf-8")
    out = tmp_path / "out"
    res = CliRunner().invoke(
        app, ["corpus", str(path), "--out", str(out), "--workers", "1", "--embedder", "none"]
    )
    assert res.exit_code == 1, res.output
    assert f"{path}#2: invalid JSON line" in res.output
    assert "kosum corpus: 2 records -> 1 articles in 1 stories" in res.output
    assert len(_lines(out / "articles.jsonl")) == 1 and len(_lines(out / "errors.jsonl")) == 1
    file_out = CliRunner().invoke(app, ["corpus", str(path), "--out", str(path)])
    assert file_out.exit_code == 2 and "not a directory" in file_out.output
    no_ray = CliRunner().invoke(
        app, ["corpus", str(path), "--out", str(out), "--ray-address", "auto"]
    )
    assert no_ray.exit_code == 2 and "--engine ray" in no_ray.output
