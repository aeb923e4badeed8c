"""The JSON Schemas of kosum's outputs: well formed, consistent with the code's types, with each
other and with docs/json.md, printed by `kosum schema`, shipped in the wheel, and met by real
outputs. The samples are validated where their commands are tested (test_diff_cli,
test_summarize_cli, test_inspect_cli, test_evaluation, test_training); here, invented edge cases:
one story told by two outlets with a number conflict, a quote and a JSON record dated in RFC 2822
(as RSS exports write it); an undated HTML page that is a story of its own; a binary file among
the inputs."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import typing
import zipfile
from pathlib import Path

import pytest
from schema_check import assert_valid, validator
from typer.testing import CliRunner

from summarize.cli import app
from summarize.schemas import NAMES, schema, schema_text, tag
from summarize.schemas.reference import generated_part, markdown

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()

LIBRARY_A = """시립 도서관, 다음 달부터 밤 10시까지 문 연다

[한빛일보 김하늘 기자]
입력 2024.06.12 10:00

한빛시는 시립 중앙도서관의 야간 개관을 다음 달 1일부터 시작한다고 12일 밝혔다.

시는 야간 개관에 올해 예산 320억원을 투입한다.

도서관은 평일 밤 10시까지 문을 열고 열람실 좌석 500석을 운영한다.

박서준 한빛시장은 "퇴근한 시민들도 책을 빌릴 수 있게 하겠다"고 말했다.

김하늘 기자 sky@hanbit.example
저작권자 © 한빛일보 무단전재 및 재배포 금지
"""
LIBRARY_B = {
    "title": "한빛시 중앙도서관 야간 개관…평일 밤 10시까지",
    "body": "한빛시는 시립 중앙도서관의 야간 개관을 다음 달 1일부터 시작한다고 12일 밝혔다.\n\n"
    "시는 야간 개관에 올해 예산 350억원을 투입한다.\n\n"
    "도서관은 평일 밤 10시까지 문을 열고 열람실 좌석 500석을 운영한다.\n\n"
    '박서준 한빛시장은 "퇴근한 시민들도 책을 빌릴 수 있도록 하겠다"고 말했다.',
    "outlet": "새벽뉴스",
    "published": "Wed, 12 Jun 2024 15:30:00 +0900",
}
ROBOT_PAGE = """<!DOCTYPE html>
<html lang="ko"><head><meta charset="utf-8">
<title>바다 쓰레기 줍는 로봇, 해변 시험 운행</title></head>
<body>
<nav><a href="/">홈</a> <a href="/tech">기술</a> <a href="/society">사회</a></nav>
<article>
<h1>바다 쓰레기 줍는 로봇, 해변 시험 운행</h1>
<p>해안 정화 로봇을 만든 스타트업 파도랩이 동쪽 해변에서 시험 운행을 시작했다.</p>
<p>이 로봇은 모래 위를 다니며 플라스틱 병과 그물 조각을 골라 담는다. 한 번 충전하면 네 시간
동안 움직인다.</p>
<p>파도랩은 시험 운행 결과를 바탕으로 다른 해변에도 로봇을 보낼 계획이다. 회사는 지역 주민들과
함께 수거량을 기록하기로 했다.</p>
</article>
<footer>무단 전재 금지</footer>
</body></html>
"""


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory, kiwi) -> list[str]:
    folder = tmp_path_factory.mktemp("edge")
    (folder / "library_a.txt").write_text(LIBRARY_A, encoding="utf-8")
    (folder / "library_b.json").write_text(json.dumps(LIBRARY_B, ensure_ascii=False), "utf-8")
    (folder / "robot.html").write_text(ROBOT_PAGE, encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02\x03 binary")
    return [
        str(folder / n) for n in ("library_a.txt", "library_b.json", "robot.html", "broken.txt")
    ]


def run_json(command: str, *args: str) -> dict:
    result = runner.invoke(app, [command, *args, "--format", "json", "--quiet"])
    assert result.exit_code == 1, result.output  # the binary file failed, the others did not
    assert "broken.txt: binary file" in result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def diff_doc(inputs: list[str]) -> dict:
    return run_json("diff", *inputs, "--embedder", "none")


# --- the schemas themselves -----------------------------------------------------------------


def objects(doc: dict) -> list[tuple[str, dict]]:
    """(name, schema) of the document and of every `$defs` entry."""
    return [("(document)", doc), *doc.get("$defs", {}).items()]


@pytest.mark.parametrize("name", NAMES)
def test_each_schema_is_draft_2020_12_with_id_title_description(name: str):
    import jsonschema

    doc = schema(name)
    jsonschema.Draft202012Validator.check_schema(doc)
    assert doc["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert doc["$id"] == f"urn:kosum:schema:{name}:1"
    assert doc["title"] == tag(name) == f"kosum.{name}/1" and doc["description"]
    assert doc["properties"]["schema"] == {
        "const": tag(name),
        "description": schema("diff")["properties"]["schema"]["description"].replace(
            "kosum.diff/1", tag(name)
        ),
    }


@pytest.mark.parametrize("name", NAMES)
def test_every_field_is_described_and_objects_are_closed(name: str):
    for label, obj in objects(schema(name)):
        if label != "(document)":
            assert obj.get("title") and obj.get("description"), label
        properties = obj.get("properties", {})
        for field, prop in properties.items():
            assert prop.get("description"), f"{name} {label}.{field}: no description"
            assert "properties" not in prop and "properties" not in prop.get("items", {}), (
                f"{name} {label}.{field}: objects belong in $defs (the reference links them)"
            )
        if properties:
            assert set(obj["required"]) <= set(properties), label
            open_by_design = (name, label) == ("training", "(document)")  # caller's provenance
            assert (obj.get("additionalProperties") is False) != open_by_design, label


def _defs_property(name: str, definition: str, field: str) -> dict:
    return schema(name)["$defs"][definition]["properties"][field]


def test_shared_objects_are_spelled_the_same_in_every_schema():
    for field in ("id", "path", "outlet", "title", "published"):
        spelled = {json.dumps(_defs_property(n, "article", field)) for n in NAMES[:3]}
        assert len(spelled) == 1, f"article.{field} differs between diff, summaries and inspect"
    for definition, names in (("span", ("summaries", "inspect")), ("articleSpan", NAMES[:2])):
        assert len({json.dumps(schema(n)["$defs"][definition]) for n in names}) == 1, definition


def test_enumerations_are_the_codes_literal_types():
    from summarize.article import numbers
    from summarize.types import (
        ConflictKind,
        DateGranularity,
        DateSource,
        EntityKind,
        SentenceKind,
        SourceFormat,
        SummarySentence,
    )

    def enum(name: str, *path: str) -> set:
        node = schema(name)
        for key in path:
            node = node[key]
        return set(node["enum"])

    assert enum("diff", "$defs", "conflictKind") == set(typing.get_args(ConflictKind))
    assert enum("diff", "$defs", "articleDate", "properties", "source") == set(
        typing.get_args(DateSource)
    )
    assert enum("inspect", "$defs", "article", "properties", "format") == set(
        typing.get_args(SourceFormat)
    )
    assert enum("inspect", "$defs", "sentence", "properties", "kind") == set(
        typing.get_args(SentenceKind)
    )
    assert enum("inspect", "$defs", "entity", "properties", "kind") == set(
        typing.get_args(EntityKind)
    )
    assert enum("inspect", "$defs", "date", "properties", "granularity") == set(
        typing.get_args(DateGranularity)
    )
    qualifiers = {"", *numbers._PREFIX_QUALIFIERS.values(), *numbers._SUFFIX_QUALIFIERS.values()}
    assert enum("inspect", "$defs", "quantity", "properties", "qualifier") == qualifiers
    role = typing.get_type_hints(SummarySentence)["role"]
    assert enum("summaries", "$defs", "role") == set(typing.get_args(role))


# --- `kosum schema`, the wheel, the docs ------------------------------------------------------


def test_kosum_schema_lists_the_formats_and_prints_each_as_shipped(tmp_path: Path):
    listed = runner.invoke(app, ["schema"])
    assert listed.exit_code == 0, listed.output
    rows = [line.split("\t") for line in listed.stdout.strip().splitlines()]
    assert [(r[0], r[1]) for r in rows] == [(n, tag(n)) for n in NAMES]
    for name in NAMES:
        printed = runner.invoke(app, ["schema", name])
        assert printed.exit_code == 0 and json.loads(printed.stdout) == schema(name)
    out = tmp_path / "diff.schema.json"
    assert runner.invoke(app, ["schema", "diff", "-o", str(out)]).exit_code == 0
    assert out.read_text(encoding="utf-8") == schema_text("diff")
    unknown = runner.invoke(app, ["schema", "diffs"])
    assert unknown.exit_code == 2 and "diffs" in unknown.output


def test_the_schemas_ship_in_the_wheel(tmp_path: Path):
    project = tmp_path / "project"
    project.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, project / name)
    shutil.copytree(
        ROOT / "summarize", project / "summarize", ignore=shutil.ignore_patterns("__pycache__")
    )
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
         "-w", str(tmp_path / "dist"), str(project)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert build.returncode == 0, build.stderr
    (wheel,) = (tmp_path / "dist").glob("kosum-*.whl")
    shipped = set(zipfile.ZipFile(wheel).namelist())
    assert {f"summarize/schemas/{n}.schema.json" for n in NAMES} <= shipped


def test_docs_reference_is_generated_from_the_schemas():
    doc = (ROOT / "docs" / "json.md").read_text(encoding="utf-8")
    assert generated_part(doc) == markdown(), (
        "docs/json.md differs from the schemas: run python -m summarize.schemas.reference "
        "docs/json.md"
    )
    for name in NAMES:  # every field is a row of its object's table
        for _label, obj in objects(schema(name)):
            for field in obj.get("properties", {}):
                assert f"| `{field}` |" in doc, f"{name}: {field} missing from docs/json.md"
    assert "docs/json.md" in (ROOT / "README.md").read_text(encoding="utf-8")


# --- real outputs ----------------------------------------------------------------------------


def test_diff_of_edge_cases_validates_and_has_them_all(diff_doc: dict, inputs: list[str]):
    assert_valid(diff_doc, "diff")
    articles = {a["id"]: a for a in diff_doc["articles"]}
    assert set(articles) == {"library_a", "library_b", "robot"}
    # the RSS date of the JSON record is read, in Seoul time
    assert articles["library_b"]["published"] == "2024-06-12T15:30:00+09:00"
    assert articles["library_b"]["date"]["source"] == "published"
    # the undated HTML page: no date, a story of its own with no first report
    robot = articles["robot"]
    assert robot["published"] is None and robot["date"] is None
    (single,) = [e for e in diff_doc["events"] if e["singleton"]]
    assert single["articles"] == ["robot"] and single["first"] is None
    assert single["days"] == [
        {"date": None, "inferred": False, "articles": ["robot"], "new_facts": []}
    ]
    # the two outlets' story: the budget differs, the quote has its speaker
    (conflict,) = [c for c in diff_doc["conflicts"] if c["kind"] == "number"]
    assert conflict["detail"] == "320억원 vs 350억원"
    claims = [c for f in diff_doc["facts"] for c in f["claims"]]
    assert any(c.get("quote") and c.get("speaker") == "박서준" for c in claims)
    assert any(c.get("setting") for c in claims)


def test_schema_rejects_what_the_code_never_writes(diff_doc: dict):
    check = validator("diff")
    assert check.is_valid(diff_doc)

    def broken(change) -> dict:
        doc = json.loads(json.dumps(diff_doc))
        change(doc)
        return doc

    assert not check.is_valid(broken(lambda d: d["articles"][0].pop("date")))
    assert not check.is_valid(broken(lambda d: d["articles"][0].update(extra=1)))
    assert not check.is_valid(broken(lambda d: d["conflicts"][0].update(kind="colour")))
    assert not check.is_valid(broken(lambda d: d["conflicts"][0]["claims"].pop()))
    assert not check.is_valid(broken(lambda d: d["articles"][0].update(published="12 Jun 2024")))
    assert not check.is_valid(broken(lambda d: d["facts"][0]["claims"][0].update(quote=False)))
    assert not check.is_valid(broken(lambda d: d["events"][0].update(days=None)))
    assert not check.is_valid(broken(lambda d: d.update(schema="kosum.diff/2")))


def test_every_claim_form_meets_the_claim_definition():
    from summarize.render.diff_json import claim_json
    from summarize.types import Claim, Entity, Source

    src = Source("a", "a", '회사는, 지난달 발표한 대로, 공장을 지었다. 김 대표는 "좋다"고 말했다.')
    tail = src.text.index("공장")
    end = src.text.index(".")
    quote = src.text.index("좋다")
    speaker = Entity(
        src, src.text.index("김 대표"), src.text.index("김 대표") + 4, "person", "김민준"
    )
    forms = [
        Claim(src, 0, end, spans=((0, 3), (tail, end))),
        Claim(src, 0, 3, setting=True),
        Claim(src, quote, quote + 2, quote=True, speaker=speaker),
        Claim(src, quote, quote + 2, quote=True),
    ]
    check = validator("diff", "#/$defs/claim")
    for claim in forms:
        out = claim_json(claim)
        assert check.is_valid(out), out
    assert not check.is_valid({**claim_json(forms[0]), "spans": [[0, 3]]})  # one part: no spans


def test_summaries_of_edge_cases_validate(inputs: list[str]):
    doc = run_json("summarize", *inputs, "--method", "extractive")
    assert_valid(doc, "summaries")
    (event,) = doc["events"]
    assert sorted(event["articles"]) == ["library_a", "library_b"]
    robot = next(a for a in doc["articles"] if a["id"] == "robot")
    assert robot["published"] is None and robot["summary"]["sentences"][0]["role"] == "gist"
    alone = run_json("summarize", *inputs, "--method", "extractive", "--no-events")
    assert_valid(alone, "summaries")
    assert alone["events"] == []


def test_inspect_of_edge_cases_validates(inputs: list[str]):
    doc = run_json("inspect", *inputs)
    assert_valid(doc, "inspect")
    formats = {a["id"]: a["format"] for a in doc["articles"]}
    assert formats == {"library_a": "text", "library_b": "json", "robot": "html"}
    a = next(a for a in doc["articles"] if a["id"] == "library_a")
    assert a["reporters"] == ["김하늘"] and any(c["reason"] for c in a["clutter"])
    quote = next(c for c in a["claims"] if c["quote"])
    assert quote["speaker"]["canonical"] == "박서준"
    assert any(q["unit"] == "원" for c in a["claims"] for q in c["quantities"])


def test_eval_report_with_no_pairs_validates():
    from summarize.summarizer.evaluation import aggregate

    assert_valid(aggregate([], "extractive").as_json())
    assert not validator("eval").is_valid(aggregate([], "bart").as_json())  # not a method name


@pytest.mark.slow
def test_outputs_on_every_real_page_validate(real_news_dev: Path, tmp_path: Path, kiwi):
    """The 53 real pages of real-news-dev (eleven stories, undated pages, other outlets' layouts),
    read in place: diff, summaries and inspect documents all meet their schemas."""
    pages = sorted(str(p) for p in (real_news_dev / "events").glob("*/*.txt"))
    assert len(pages) >= 40
    for command, extra in (
        ("diff", ["--embedder", "none"]),
        ("summarize", ["--method", "extractive"]),
        ("inspect", []),
    ):
        out = tmp_path / f"{command}.json"
        args = [command, *pages, *extra, "--format", "json", "-o", str(out), "--quiet"]
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        assert_valid(json.loads(out.read_text(encoding="utf-8")))
