"""Cleaning: gold on the samples and on articles in other layouts, offsets, and single rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarize.article.clean import Cleaned, classify_line, clean
from summarize.article.ingest import read_path, source_from_text
from summarize.types import Source

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = Path(__file__).parent / "data" / "clean_gold"
GOLD = sorted(GOLD_DIR.glob("*.json"))


def _load(gold: dict) -> tuple[Source, Cleaned]:
    sources = {s.id: s for s in read_path(str(ROOT / gold["path"]))}
    source = sources[gold["id"]]
    return source, clean(source)


def test_gold_covers_samples_and_other_layouts() -> None:
    paths = {json.loads(p.read_text(encoding="utf-8"))["path"] for p in GOLD}
    assert len([p for p in paths if p.startswith("samples/")]) == 5
    suffixes = {Path(p).suffix for p in paths}
    assert {".txt", ".html", ".json", ".jsonl"} <= suffixes


@pytest.mark.parametrize("gold_path", GOLD, ids=lambda p: p.stem)
def test_gold(gold_path: Path) -> None:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    _, cleaned = _load(gold)
    assert (cleaned.headline.text if cleaned.headline else None) == gold["headline"]
    assert [s.text for s in cleaned.subheadings] == gold["subheadings"]
    assert [p.text for p in cleaned.paragraphs] == gold["paragraphs"]
    assert [c.text for c in cleaned.clutter] == gold["clutter"]


@pytest.mark.parametrize("gold_path", GOLD, ids=lambda p: p.stem)
def test_spans_reproduce_text_and_cover_every_line(gold_path: Path) -> None:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    source, cleaned = _load(gold)
    spans = [*([cleaned.headline] if cleaned.headline else []), *cleaned.subheadings]
    spans += [*cleaned.paragraphs, *cleaned.clutter]
    for span in spans:
        assert span.source is source
        assert source.text[span.start : span.end] == span.text
        assert span.text == span.text.strip() and span.text
    # every non-blank character belongs to exactly one span, except bullet markers of
    # subheadings: nothing is dropped silently
    covered = [0] * len(source.text)
    for span in spans:
        for i in range(span.start, span.end):
            covered[i] += 1
    assert max(covered) == 1
    lost = "".join(
        c for i, c in enumerate(source.text) if not covered[i] and not c.isspace() and c != "-"
    )
    assert lost == ""


def test_paragraphs_in_order_and_clutter_has_reasons() -> None:
    for gold_path in GOLD:
        _, cleaned = _load(json.loads(gold_path.read_text(encoding="utf-8")))
        starts = [p.start for p in cleaned.paragraphs]
        assert starts == sorted(starts)
        assert all(c.reason for c in cleaned.clutter)


def _cleaned(text: str) -> Cleaned:
    return clean(source_from_text(text, id="t"))


BODY = [
    "정부가 내년 예산안을 656조원 규모로 편성했다고 28일 밝혔다.",
    "기획재정부는 올해보다 3.2% 늘어난 규모라며 건전재정 기조를 유지했다고 설명했다.",
    "야당은 민생 예산이 부족하다며 국회 심사 과정에서 증액을 요구하겠다고 말했다.",
]


def test_lead_repeated_as_lines_and_merged_is_kept_once() -> None:
    text = "\n".join(
        ["예산안 656조원 편성", BODY[0], BODY[1], "요약 보기", " ".join(BODY[:2]), BODY[2]]
    )
    cleaned = _cleaned(text)
    assert [p.text for p in cleaned.paragraphs] == [" ".join(BODY[:2]), BODY[2]]
    repeated = [c.text for c in cleaned.clutter if c.reason == "repeated lead"]
    assert repeated == BODY[:2]


def test_paragraph_repeated_later_is_dropped_once() -> None:
    cleaned = _cleaned("\n".join(["예산안 편성", *BODY, BODY[1]]))
    assert [p.text for p in cleaned.paragraphs] == BODY
    assert cleaned.clutter[-1].reason == "repeated lead"


def test_short_sentences_are_never_merged_as_repeats() -> None:
    cleaned = _cleaned("\n".join(["제목", BODY[0], "그는 말했다.", BODY[1], "그는 말했다."]))
    assert len(cleaned.paragraphs) == 4


def test_sentence_inside_another_sentence_is_not_a_repeat() -> None:
    inner = "카카오가 새 인공지능 조직을 만들었다"
    cleaned = _cleaned("\n".join(["제목", inner + ".", f"업계는 {inner}고 평가했다.", BODY[0]]))
    assert len(cleaned.paragraphs) == 3


def test_byline_prefix_is_cut_from_first_paragraph() -> None:
    for prefix in (
        "(서울=연합뉴스) 홍길동 기자 = ",
        "(부산=뉴스1) 김영희·이철수 기자 = ",
        "[이데일리 박민수 기자] ",
        "[헤럴드경제=정수진 기자] ",
        "【서울=뉴시스】최지우 기자 = ",
    ):
        cleaned = _cleaned("\n".join(["예산안 편성", prefix + BODY[0], BODY[1]]))
        assert cleaned.paragraphs[0].text == BODY[0]
        assert cleaned.clutter[0].reason == "byline"
        assert cleaned.clutter[0].text == prefix.strip()


def test_signature_glued_to_last_paragraph_is_split() -> None:
    cleaned = _cleaned(
        "\n".join(["예산안 편성", BODY[0], BODY[1] + " /홍길동 기자 hong@yna.co.kr"])
    )
    assert cleaned.paragraphs[-1].text == BODY[1]
    assert cleaned.clutter[-1].text == "홍길동 기자 hong@yna.co.kr"


def test_copyright_glued_to_body_keeps_the_body() -> None:
    cleaned = _cleaned("\n".join(["예산안 편성", BODY[0], BODY[1] + "ⓒ 한국경제, 무단전재 금지"]))
    assert cleaned.paragraphs[-1].text == BODY[1]
    assert cleaned.clutter[-1].reason == "copyright"


def test_text_without_headline() -> None:
    cleaned = _cleaned("\n\n".join(BODY))
    assert cleaned.headline is None
    assert [p.text for p in cleaned.paragraphs] == BODY


def test_json_title_is_the_headline_even_with_final_period() -> None:
    source = Source(
        id="r", path="r.json", text="정부, 예산안 발표.\n\n" + BODY[0], format="json",
        fields={"title": "정부, 예산안 발표."},
    )  # fmt: skip
    cleaned = clean(source)
    assert cleaned.headline is not None and cleaned.headline.text == "정부, 예산안 발표."


def test_body_after_copyright_ending_a_sentence_is_kept() -> None:
    cleaned = _cleaned(
        "\n".join(["예산안 편성", BODY[0], "Copyright ⓒ 한국일보", BODY[1], "- 관련 기사 제목"])
    )
    assert [p.text for p in cleaned.paragraphs] == BODY[:2]
    assert cleaned.clutter[-1].reason == "related articles"


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("공유하기", "share widget"),
        ("• 추천해요", "reaction widget"),
        ("좋아요 12", "reaction widget"),
        ("이 기사 어떠셨나요?", "reaction widget"),
        ("기사가 마음에 드셨나요?", "reaction widget"),
        ("댓글 0", "comment widget"),
        ("0 개의 댓글 전체보기", "comment widget"),
        ("이 글자크기로 변경됩니다.", "portal notice"),
        ("전체 맥락을 이해하기 위해서는 본문 보기를 권장합니다.", "portal notice"),
        ("기사승인 2024-06-12 12:00:14", "date line"),
        ("입력 2021.11.17 11:28 수정 2021.11.17 11:28", "date line"),
        ("입력 : 2023-11-24 오후 2:05:26", "date line"),
        ("2024.06.11. 오후 3:12", "date line"),
        ("등록 2024-06-11 15:00", "date line"),
        ("홍길동 기자 hong@example.co.kr", "reporter signature"),
        ("김은경 기자 (ek@dailian.co.kr)", "reporter signature"),
        ("hong@example.com", "reporter signature"),
        ("<저작권자 ⓒ 1980-2024 ㈜연합뉴스. 무단 전재 재배포 금지.>", "copyright"),
        ("Copyright © 머니S & moneys.co.kr, 무단 전재 및 재배포 금지", "copyright"),
        ("회의를 주재하고 있다. 대통령실 제공", "photo caption"),
        ("행사장 전경 (사진=주최 측)", "photo caption"),
        ("콘퍼런스 현장.ⓒ카카오", "photo caption"),
        ("▲ 발언하는 장관의 모습 (사진=뉴시스)", "photo caption"),
        ("- 인천공항 테니스 커플 - 머니S", "related articles"),
        ("많이 본 기사", "related articles"),
        ("━", "separator"),
    ],
)
def test_line_rules(line: str, reason: str) -> None:
    assert classify_line(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        BODY[0],
        "회사는 내년부터 서비스를 무료로 제공한다고 밝혔다.",
        '정 대표는 "고객에게 더 나은 경험을 제공하겠다"고 말했다.',
        "카카오는 사진 편집 기능을 추가했다.",
        "시장 점유율은 1위다.",
        "댓글 조작 의혹에 대한 수사가 시작됐다.",
        "2024년 6월 11일 카카오는 새 조직을 발표했다.",
        "회사는 앱 설치 없이 로그인 후 바로 쓰는 자동 요약 기능을 공개했다.",
        "구독 서비스 매출은 1년 새 두 배로 늘었다.",
        "경찰은 기사 제보를 받고 수사에 착수했다.",
        "추천 알고리즘의 투명성을 높이겠다고 밝혔습니다.",
        "이 기사는 정부 발표를 토대로 작성됐다.",
    ],
)
def test_body_lines_are_not_clutter(line: str) -> None:
    assert classify_line(line) is None


HELDOUT = Path(__file__).resolve().parent / "data" / "heldout"


@pytest.mark.parametrize(
    "gold_path", sorted((HELDOUT / "gold").glob("*.json")), ids=lambda p: p.stem
)
def test_heldout_articles_body_metadata_and_spans(gold_path: Path) -> None:
    """The held-out layouts (Naver/Daum copies, broadcast scripts, Q&A, tables, a saved page):
    every gold body sentence kept, metadata right, every span reproducing the source."""
    from summarize.article.metadata import extract_metadata

    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    source = {s.id: s for s in read_path(str(HELDOUT.parent.parent.parent / gold["path"]))}[
        gold["id"]
    ]
    cleaned = clean(source)
    body = "\n".join(p.text for p in cleaned.paragraphs)
    for paragraph in gold["paragraphs"]:
        assert paragraph in body
    meta = extract_metadata(source, cleaned)
    assert meta.outlet == gold["outlet"]
    assert list(meta.reporters) == gold["reporters"]
    assert (meta.published.isoformat() if meta.published else None) == gold["published"]
    for span in (cleaned.headline, *cleaned.subheadings, *cleaned.paragraphs, *cleaned.clutter):
        if span is not None:
            assert source.text[span.start : span.end] == span.text
            assert span.text == span.text.strip()


# --- real-page clutter (invented pages) ----------------------------------------------------------


def _body_texts(*lines: str) -> list[str]:
    return [p.text for p in _cleaned("\n".join(["예산안 656조원 편성", *lines])).paragraphs]


@pytest.mark.parametrize(
    "clutter",
    [
        # a portal's ranking list: header, numbers and headlines
        ("많이 본 뉴스", "1", "아이돌 그룹 새 앨범 발표", "2", "주말 날씨 전국 맑음"),
        ("이 시간 주요 뉴스", "프로야구 개막전 매진", "주말 날씨 전국 맑음"),
        # a comment widget's dialogs, sentences included
        ("댓글삭제", "삭제한 댓글은 다시 복구할 수 없습니다.", "그래도 삭제하시겠습니까?",
         "댓글 0", "계정을 선택하시면 로그인·계정인증을 통해", "댓글을 남기실 수 있습니다."),
        # share and subscription widgets
        ("공유 | 스크랩 | 인쇄", "이 기사를 공유합니다", "네이버에서 한빛일보를 구독하세요"),
        # tags, end mark, tipline
        ("#예산 #국회", "(끝)", "한빛TV 기사문의 및 제보 : 카톡/라인 hanbit"),
    ],
)  # fmt: skip
def test_real_page_widgets_are_not_body(clutter: tuple[str, ...]) -> None:
    assert _body_texts(BODY[0], BODY[1], *clutter) == BODY[:2]


def test_broadcast_cues_are_not_body() -> None:
    anchor = "정부가 내년 예산안을 656조원 규모로 편성했다고 오늘 발표했습니다."
    lines = [
        "◀ 앵커 ▶", anchor, "김민준 기자!", "취재기자 연결해 자세한 소식 들어보겠습니다.",
        "◀ 리포트 ▶", BODY[0], "▶ 인터뷰 : 김민준 / 한빛연구소 연구원", "MBC뉴스 김민준입니다.",
    ]  # fmt: skip
    assert _body_texts(*lines) == [anchor, BODY[0]]


def test_line_break_markup_splits_a_transcript() -> None:
    text = "예산안 656조원 편성<br /><br />" + "<br /><br />".join(BODY) + "<br /><br />(끝)<br />"
    cleaned = _cleaned(text)
    assert [p.text for p in cleaned.paragraphs] == BODY
    assert cleaned.headline is not None and cleaned.headline.text == "예산안 656조원 편성"
    assert {c.reason for c in cleaned.clutter} == {"separator"}


def test_picture_with_its_agency_copyright_is_one_caption() -> None:
    caption = (
        "(서울=뉴스1) 김민준 디자이너 = 예산안 규모를 나타낸 그래픽이다. Copyright (C) 뉴스1. "
        "All rights reserved. /사진=(서울=뉴스1) 김민준 디자이너"
    )
    cleaned = _cleaned("\n".join(["예산안 656조원 편성", caption, *BODY]))
    assert [p.text for p in cleaned.paragraphs] == BODY
    assert [c.reason for c in cleaned.clutter] == ["photo caption"]


def test_caption_opened_by_a_photo_pool_credit() -> None:
    line = "[사진공동취재단] 장관이 11일 국회에서 열린 예산 심사에서 발언을 하고 있다."
    assert classify_line(line) == "photo caption"
    assert classify_line("[한빛일보 그래픽]") == "photo caption"


def test_closing_signature_is_split_off() -> None:
    cleaned = _cleaned("\n".join(["예산안 편성", BODY[0], BODY[1] + " [한빛일보=김민준 기자]"]))
    assert [p.text for p in cleaned.paragraphs] == BODY[:2]
    assert cleaned.clutter[-1].text == "[한빛일보=김민준 기자]"


def test_cut_off_last_line_is_body_not_a_section_title() -> None:
    last = "인구 1천명당 사망자 수는 6.9명으로 전년보다 0.4명 감소"  # the copied text ends here
    assert _body_texts(BODY[0], BODY[1], last) == [*BODY[:2], last]


def test_byline_in_a_later_paragraph_is_cut() -> None:
    cleaned = _cleaned(
        "\n".join(["예산안 편성", "(상보)", "[한빛일보 김민준 기자] " + BODY[0], BODY[1]])
    )
    assert [p.text for p in cleaned.paragraphs][-2:] == BODY[:2]
    assert any(c.text == "[한빛일보 김민준 기자]" and c.reason == "byline" for c in cleaned.clutter)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("입력", "date line"),
        ("수정 :", "date line"),
        ("  • 등록 2024-10-11 오후 2:07:04", "date line"),
        ("입력2024.06.12. 오후 3:12  수정2024.06.12. 오후 4:00  기사원문", "date line"),
        ("머니투데이 김민준 기자, 이서연 기자 | 2022.10.15 17:22", "reporter signature"),
        ("minjun@naver.com | 2022-10-15 17:51:49", "reporter signature"),
        ("김민준 승인 2024.07.05 10:01 | 최종 수정 2024.07.05 10:12 의견 0", "reporter signature"),
        ("연합뉴스 | 2024.06.12 오후 05:45", "byline"),
        ("한빛일보 김민준 기자", "byline"),
        ("[한빛일보=김민준 기자]", "reporter signature"),
        ("본문 바로가기 메인메뉴 바로가기", "navigation"),
        ("콘텐츠 영역", "navigation"),
    ],
)
def test_byline_and_date_line_rules(line: str, reason: str | None) -> None:
    assert classify_line(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "2024.06.12 국회는 본회의를 열어 예산안을 의결했다.",
        "현장을 연결한 화상회의에서 장관은 대책을 논의했다.",
        "넷플릭스를 구독하고 있는 가입자는 1년 새 두 배로 늘었다.",
        "공유 오피스 시장은 올해 20% 성장했다.",
        "한별은행은 이날 기준금리를 0.25%포인트 내렸다. (연합뉴스)",
        "▲가나금융: 1조6140억원",
    ],
)
def test_body_lines_near_the_new_rules_stay_body(line: str) -> None:
    assert classify_line(line) is None


def test_date_field_before_the_page_is_cut_from_the_body() -> None:
    cleaned = _cleaned(f" date 2025-09-27 {BODY[0]}\n{BODY[1]}")
    assert [p.text for p in cleaned.paragraphs] == BODY[:2]
    assert [(c.text, c.reason) for c in cleaned.clutter] == [("date 2025-09-27", "date line")]


def test_numbered_question_keeps_its_words() -> None:
    question = "어제 발표가 세 시간 전에 미뤄졌는데 하루 만에 고쳤네요?"
    cleaned = _cleaned("\n".join(["예산안 편성", BODY[0], "[질문2] " + question, BODY[1]]))
    assert question in [p.text for p in cleaned.paragraphs]
    assert ("[질문2]", "broadcast script marker") in [(c.text, c.reason) for c in cleaned.clutter]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("장관이 주민센터를 찾아 점검하고 있다. (행정안전부 제공) 2023.11.19", "photo caption"),
        ("청사 창문이 화재로 깨져 있다. 2025.9.27. 연합뉴스", "photo caption"),
        ("장관이 복구 상황을 점검하고 있다. (과학부 제공) 2025.3.14/가나뉴스 |", "photo caption"),
        ("▲ 한별은행 총재가 회의에서 의사봉을 두드리고 있다. (연합)", "photo caption"),
        ("이미지 확대 청사 창문이 화재로 깨져 있다.", "photo caption"),
        ("- 예산 심사 돌입 - “증액 어렵다”…여야 공방 - 예결위 첫 회의 열려", "related articles"),
        ("예산안 이슈 더보기", "related articles"),
        ("기사에 대한 독자 의견 (0 개)", "portal notice"),
        ("이         름 이   메   일", "portal notice"),
        ("1234 왼쪽숫자 입력", "portal notice"),
        ("코멘트", "comment widget"),
        ("현장 연결해볼까요?", "broadcast script marker"),
        ("보도국 취재기자 연결해 자세한 소식 듣겠습니다.", "broadcast script marker"),
        ("김민준 기자.", "broadcast script marker"),
    ],
)
def test_more_clutter_rules(line: str, reason: str) -> None:
    assert classify_line(line) == reason


def test_label_before_a_related_list_is_not_body() -> None:
    related = "- 예산 심사 돌입 - 증액 어렵다 여야 공방 - 예결위 첫 회의 열려"
    cleaned = _cleaned("\n".join(["예산안 편성", BODY[0], BODY[1], "예산 심사 시작", related]))
    assert [p.text for p in cleaned.paragraphs] == BODY[:2]


def test_a_caption_in_a_table_cell_is_not_the_headline() -> None:
    caption = "장관이 복구 상황을 점검하고 있다. (과학부 제공) 2025.3.14/가나뉴스 |"
    cleaned = _cleaned("\n".join(["![]() |", caption, *BODY]))
    assert cleaned.headline is None
    assert (caption, "photo caption") in [(c.text, c.reason) for c in cleaned.clutter]
    assert [p.text for p in cleaned.paragraphs] == list(BODY)
