"""Reading document-summary pairs in the layouts public corpora use (invented records)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarize.training.pairs import Pair, pair_article, read_all
from summarize.types import InputError

S1 = "시립 도서관이 다음 달부터 야간 개관을 시작한다."
S2 = "도서관은 평일 밤 열 시까지 문을 연다고 밝혔다."
S3 = "주민들은 퇴근 뒤에도 책을 빌릴 수 있게 됐다."
S4 = "도서관 측은 이용자 의견을 들어 운영 시간을 조정할 계획이다."
ABSTRACT = "시립 도서관이 평일 밤 열 시까지 야간 개관을 한다."


def write(path: Path, data) -> Path:
    if path.suffix == ".jsonl":
        path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in data) + "\n")
    else:
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_jsonl_text_summary_records_and_aliases(tmp_path: Path):
    path = write(
        tmp_path / "pairs.jsonl",
        [
            {"id": "x1", "title": "야간 개관", "text": f"{S1} {S2}", "summary": ABSTRACT},
            {"article": f"{S1}\n{S3}", "summary": f"{S1}\n{S3}"},
            {"body": S4, "abstract": S4, "outlet": "한국일보", "published": "2024-06-12"},
        ],
    )
    pairs, errors = read_all([path])
    assert not errors
    assert [p.id for p in pairs] == ["x1", "pairs#2", "pairs#3"]
    assert pairs[0].title == "야간 개관" and pairs[0].text == f"{S1} {S2}"
    assert pairs[0].summary == (ABSTRACT,) and not pairs[0].paragraphs
    assert pairs[1].summary == (S1, S3) and pairs[1].reference == f"{S1}\n{S3}"
    assert pairs[2].fields == {"outlet": "한국일보", "published": "2024-06-12"}
    assert pairs[2].name == f"{path}#3"


def test_aihub_layout_paragraphs_of_sentence_objects(tmp_path: Path):
    document = {
        "id": "290741778",
        "title": "도서관 야간 개관",
        "media_name": "가상일보",
        "publish_date": "2024-03-02 09:00:00",
        "text": [
            [{"index": 0, "sentence": S1, "highlight_indices": ""}],
            [
                {"index": 1, "sentence": S2, "highlight_indices": ""},
                {"index": 2, "sentence": S3, "highlight_indices": ""},
            ],
        ],
        "extractive": [0, 2],
        "abstractive": [ABSTRACT],
    }
    path = write(tmp_path / "train_original.json", {"name": "요약", "documents": [document]})
    (pair,), errors = read_all([path])
    assert not errors
    assert pair.id == "290741778" and pair.paragraphs == ((S1,), (S2, S3))
    assert pair.summary == (ABSTRACT,)  # abstractive preferred to the extractive indices
    article = pair_article(pair)
    assert article.title == "도서관 야간 개관"
    assert [s.text for s in article.sentences] == [S1, S2, S3]
    assert [s.paragraph for s in article.sentences] == [0, 1, 1]
    assert [p.text for p in article.paragraphs] == [S1, f"{S2} {S3}"]
    assert article.outlet == "가상일보" and article.published.day == 2
    assert article.claims  # claims extracted as for a loaded article


def test_extractive_indices_and_sentence_lists(tmp_path: Path):
    dacon = {"id": 7, "article_original": [S1, S2, S3, S4], "extractive": [0, 3]}
    sci = {"title": "야간 개관", "sentences": [S1, S2, S3], "summaries": [2, 0]}
    write(tmp_path / "dacon.jsonl", [dacon])
    write(tmp_path / "01.json", sci)
    (tmp_path / "README.md").write_text("not pairs")
    pairs, errors = read_all([tmp_path])  # a directory: .json/.jsonl files, sorted
    assert not errors
    assert [p.id for p in pairs] == ["01", "7"]
    assert pairs[0].summary == (S3, S1)  # in the order given
    assert pairs[1].summary == (S1, S4) and pairs[1].sentences == (S1, S2, S3, S4)


def test_sentence_layout_article_offsets_reproduce_every_sentence():
    pair = Pair("d", "d.json", (S2,), paragraphs=((S1,), (S2,), (S3,)), title="제목이다")
    article = pair_article(pair, claims=False)
    assert article.text == f"제목이다\n\n{S1}\n{S2}\n{S3}"
    for sentence in article.sentences:
        assert article.text[sentence.start : sentence.end] == sentence.text
    assert article.headline.text == "제목이다" and not article.claims


def test_running_text_goes_through_kosum_cleaning_and_segmentation():
    pair = Pair("t", "t.jsonl", (S1,), text=f"{S1} {S2}\n\n{S3}", title="야간 개관")
    article = pair_article(pair)
    assert article.title == "야간 개관"
    assert [s.text for s in article.body_sentences] == [S1, S2, S3]


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        ({"summary": ABSTRACT}, "no document"),
        ({"text": S1}, "no summary"),
        ({"text": S1, "summary": ""}, "no summary"),
        ({"sentences": [S1, S2], "summaries": [5]}, "index 5 is not one of the 2 sentences"),
        ({"text": S1, "extractive": [0]}, "document is running text"),
        ({"text": S1, "summary": [{"x": 1}]}, "neither text nor a list of sentence indices"),
        (["not", "an", "object"], "not a JSON object"),
    ],
)
def test_bad_records_are_named_and_the_others_kept(tmp_path: Path, record, reason):
    good = {"text": S1, "summary": S1}
    path = write(tmp_path / "mixed.json", [good, record, good])
    pairs, errors = read_all([path])
    assert len(pairs) == 2
    (error,) = errors
    assert isinstance(error, InputError)
    assert error.name == f"{path}#2" and reason in error.reason


def test_invalid_json_lines_and_missing_paths(tmp_path: Path):
    path = tmp_path / "broken.jsonl"
    path.write_text(json.dumps({"text": S1, "summary": S1}) + "\n{oops\n", encoding="utf-8")
    pairs, errors = read_all([path, tmp_path / "absent.jsonl"])
    assert len(pairs) == 1
    assert [e.name for e in errors] == [f"{path}#2", str(tmp_path / "absent.jsonl")]
    assert "invalid JSON line" in errors[0].reason and "no such file" in errors[1].reason


def test_a_document_without_korean_is_refused_by_pair_article():
    with pytest.raises(InputError, match="no Korean text"):
        pair_article(Pair("e", "e.jsonl", ("summary",), text="only English here", name="e#1"))
