"""`kosum diff` end to end (typer CliRunner)."""

from __future__ import annotations

import json
import re

import pytest
from schema_check import assert_valid
from typer.testing import CliRunner

from summarize.cli import app


@pytest.fixture(scope="module")
def three(sample_paths, kiwi):
    return [str(p) for p in sample_paths if p.name[:3] in ("000", "001", "002")]


def test_json_schema_and_offsets(three, tmp_path):
    out = tmp_path / "diff.json"
    res = CliRunner().invoke(
        app, ["diff", *three, "--format", "json", "-o", str(out), "--embedder", "none", "-q"]
    )
    assert res.exit_code == 0, res.output
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert_valid(doc, "diff")  # every field present, typed and documented (docs/json.md)
    ids = [a["id"] for a in doc["articles"]]
    assert ids == [p.rsplit("/", 1)[-1].rsplit(".", 1)[0] for p in three]
    assert {a["event"] for a in doc["articles"]} == {"e1"}
    (event,) = doc["events"]
    assert (event["id"], event["articles"], event["singleton"]) == ("e1", ids, False)
    # the story's timeline: every article on exactly one day, days in order, the first report
    days = event["days"]
    assert sorted(a for d in days for a in d["articles"]) == sorted(ids)
    dated = [d["date"] for d in days if d["date"]]
    assert dated == sorted(dated) and dated
    assert event["first"] in ids
    head = event["headline"]
    assert head["article"] in ids and event["title"] == head["text"]
    day_of = {a: d["date"] for d in days for a in d["articles"]}
    for a in doc["articles"]:
        if a["date"] is not None:
            assert a["date"]["value"] == day_of[a["id"]]
            assert a["date"]["inferred"] == (a["date"]["source"] != "published")
    # what each day added: facts of that day's articles not reported on an earlier day
    new = [f for d in days for f in d["new_facts"]]
    assert len(new) == len(set(new)) and set(new) <= {f["id"] for f in doc["facts"]}
    texts = {}
    for a in doc["articles"]:
        from summarize.article.ingest import read_path

        (src,) = list(read_path(a["path"]))
        texts[a["id"]] = src.text
    assert texts[head["article"]][head["start"] : head["end"]] == head["text"]
    shared = [f for f in doc["facts"] if len(f["articles"]) > 1]
    assert shared
    for f in doc["facts"]:
        assert f["event"] == "e1"
        for c in f["claims"]:
            assert texts[c["article"]][c["start"] : c["end"]] == c["text"]
    fact_ids = {f["id"] for f in doc["facts"]}
    assert {c["fact"] for c in doc["conflicts"]} <= fact_ids
    assert {o["article"] for o in doc["outlets"]} == set(ids)
    assert any(o["additions"] for o in doc["outlets"])


def test_markdown_and_terminal(three):
    runner = CliRunner()
    res = runner.invoke(app, ["diff", *three, "-f", "markdown", "--embedder", "none", "-q"])
    assert res.exit_code == 0, res.output
    assert res.output.startswith("# kosum diff")
    assert "| # |" in res.output and "### By outlet" in res.output
    timeline = res.output.split("### Timeline", 1)[1].split("| # |", 1)[0]
    assert "2024-06-12: **쿠키뉴스 12:00** (first)" in timeline  # the only page with a date line
    assert "day inferred" in timeline  # the others' days come from their text or neighbours
    res = runner.invoke(app, ["diff", *three, "--embedder", "none", "-q"])
    assert res.exit_code == 0, res.output
    assert "쿠키뉴스" in res.output and "missing" in res.output
    assert "2024-06-12" in res.output and "(first)" in res.output


def test_show_lists_only_the_chosen_rows_with_their_full_table_numbers(three):
    import re

    runner = CliRunner()

    def rows(*extra: str) -> list[str]:
        res = runner.invoke(
            app, ["diff", *three, "-f", "markdown", "-q", "--embedder", "none", *extra]
        )
        assert res.exit_code == 0, res.output
        return re.findall(r"^\| (\d+)( ⚠)? \|(.*)$", res.output, flags=re.M)

    every = rows()
    shared = rows("--show", "shared")
    conflicts = rows("--show", "conflicts")
    assert 0 < len(conflicts) <= len(shared) < len(every)
    assert all(mark for _n, mark, _cells in conflicts)
    assert all("➕" not in cells for _n, _m, cells in shared)
    numbers = {n for n, _m, _c in every}
    assert {n for n, _m, _c in shared} <= numbers
    res = runner.invoke(app, ["diff", *three, "--show", "nothing", "-q"])
    assert res.exit_code == 2


def test_bad_input_is_reported_and_others_still_compared(three, tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    res = CliRunner().invoke(
        app, ["diff", *three[:2], str(bad), "-f", "json", "--embedder", "none", "-q"]
    )
    assert res.exit_code == 1
    doc = json.loads(res.stdout[res.stdout.index("{") :])
    assert len(doc["articles"]) == 2
    assert_valid(doc, "diff")


def test_discontinuous_claim_lists_its_spans():
    """A claim whose words are discontinuous gives `spans`; `start`/`end` stay its hull."""
    from summarize.render.diff_json import claim_json
    from summarize.types import Claim, Source

    src = Source("a", "a", "회사는, 지난달 발표한 대로, 공장을 지었다.")
    tail = src.text.index("공장")
    claim = Claim(src, 0, len(src.text) - 1, spans=((0, 3), (tail, len(src.text) - 1)))
    out = claim_json(claim)
    assert out["start"] == 0 and out["end"] == len(src.text) - 1
    assert out["spans"] == [[0, 3], [tail, len(src.text) - 1]]
    assert [src.text[s:e] for s, e in out["spans"]] == ["회사는", "공장을 지었다"]
    contiguous = claim_json(Claim(src, 0, 3))
    assert "spans" not in contiguous


@pytest.fixture(scope="module")
def three_compared(sample_articles):
    import summarize

    articles = [a for aid, a in sorted(sample_articles.items()) if aid[:3] in ("000", "001", "002")]
    return summarize.compare(articles, embedder="none")


def test_stacked_layout_lists_every_fact_and_every_claim(three_compared):
    from summarize.render.terminal import render_comparison_terminal

    text = render_comparison_terminal(three_compared, color=False, layout="stacked", width=100)
    assert "┃" not in text  # no table
    headings = re.findall(r"^#(\d+)!?\+? (?:only (\S+)|(\d) of 3 outlets)", text, flags=re.M)
    assert [len(e.articles) for e in three_compared.events] == [3]
    facts = list(three_compared.facts)
    assert [int(h[0]) for h in headings] == list(range(1, len(facts) + 1))
    for (_n, only, count), fact in zip(headings, facts, strict=True):
        assert (int(count) if count else 1) == len(fact.articles)
        if only:
            assert only == (three_compared.article(fact.articles[0]).outlet or fact.articles[0])
    flat = re.sub(r"\s+", "", text)
    for fact in facts:
        for claim in fact.claims:
            assert re.sub(r"\s+", "", claim.text) in flat  # wrapped lines, but every claim shown


def test_auto_layout_is_a_table_only_when_each_outlet_gets_a_readable_column(three_compared):
    from summarize.render.terminal import MIN_COLUMN, TABLE_FRAME, render_comparison_terminal

    outlets = len(three_compared.events[0].articles)
    wide = TABLE_FRAME + outlets * MIN_COLUMN
    assert "┃" in render_comparison_terminal(three_compared, color=False, width=wide)
    narrow = render_comparison_terminal(three_compared, color=False, width=wide - 1)
    assert "┃" not in narrow and re.search(r"^#1!?\+? ", narrow, flags=re.M)
    forced = render_comparison_terminal(three_compared, color=False, width=60, layout="table")
    assert "┃" in forced


def test_layout_option_reaches_the_terminal_output(three, tmp_path):
    runner = CliRunner()
    out = tmp_path / "diff.txt"
    args = ["diff", *three, "--embedder", "none", "-q", "-o", str(out)]
    assert runner.invoke(app, [*args, "--layout", "stacked"]).exit_code == 0
    assert "┃" not in out.read_text(encoding="utf-8") and "of 3 outlets" in out.read_text()
    assert runner.invoke(app, args).exit_code == 0  # a file is 160 wide: the table
    assert "┃" in out.read_text(encoding="utf-8")
    bad = runner.invoke(app, [*args, "--layout", "grid"])
    assert bad.exit_code == 2 and "--layout" in bad.output


def test_articles_of_unknown_outlets_are_told_apart_by_their_ids(tmp_path):
    import summarize
    from summarize.render.terminal import render_comparison_terminal

    body = (
        "가나시는 3일 시청에서 열린 회의에서 내년 예산을 1조2000억원으로 확정했다고 밝혔다.\n"
        "예산은 올해보다 5% 늘었고 복지 분야가 가장 많이 늘었다.\n"
    )
    for name, extra in (("alpha", "시장은 재정 건전성도 지키겠다고 말했다.\n"), ("beta", "")):
        (tmp_path / f"{name}.txt").write_text("가나시 내년 예산 확정\n" + body + extra, "utf-8")
    comparison = summarize.compare(sorted(tmp_path.glob("*.txt")), embedder="none")
    assert [a.outlet for a in comparison.articles] == [None, None]
    for layout in ("table", "stacked"):
        text = render_comparison_terminal(comparison, color=False, layout=layout)
        assert "alpha" in text and "beta" in text
        assert "?" not in text
