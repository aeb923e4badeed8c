"""Metadata: outlet, reporters and published date-time, on gold articles and single cases."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from summarize.article.clean import clean
from summarize.article.ingest import read_path, source_from_text
from summarize.article.metadata import extract_metadata, labelled_datetimes, parse_datetime
from summarize.article.outlets import OUTLETS, canonical_outlet, outlet_for_domain, outlets_in_text
from summarize.types import Source

ROOT = Path(__file__).resolve().parent.parent
GOLD = sorted((Path(__file__).parent / "data" / "clean_gold").glob("*.json"))
SEOUL = ZoneInfo("Asia/Seoul")
BODY = "정부가 내년 예산안을 656조원 규모로 편성했다고 28일 밝혔다."


@pytest.mark.parametrize("gold_path", GOLD, ids=lambda p: p.stem)
def test_gold_metadata(gold_path: Path) -> None:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    source = {s.id: s for s in read_path(str(ROOT / gold["path"]))}[gold["id"]]
    meta = extract_metadata(source, clean(source))
    assert meta.outlet == gold["outlet"]
    assert list(meta.reporters) == gold["reporters"]
    published = meta.published.isoformat() if meta.published else None
    assert published == gold["published"]
    if meta.published:
        assert meta.published.tzinfo is not None
        assert meta.published.utcoffset().total_seconds() == 9 * 3600


def test_samples_expected_values() -> None:
    expected = {
        "000": ("쿠키뉴스", ("이소연",), datetime(2024, 6, 12, 12, 0, 14, tzinfo=SEOUL)),
        "001": ("머니S", ("양진원",), None),
        "002": ("서울경제", ("양지혜",), None),
        "003": ("데일리안", ("김은경",), datetime(2021, 11, 17, 11, 28, tzinfo=SEOUL)),
        "004": ("뉴스토마토", ("배덕훈",), datetime(2023, 11, 24, 14, 5, 26, tzinfo=SEOUL)),
    }
    samples = sorted((ROOT / "samples").glob("*.txt"))
    if not samples:
        pytest.skip("no samples/")
    for path in samples:
        source = next(read_path(str(path)))
        meta = extract_metadata(source, clean(source))
        assert (meta.outlet, meta.reporters, meta.published) == expected[path.name[:3]]


def _meta(text: str, **fields: str):
    source = Source(id="t", path="t", text=text, fields=fields)
    return extract_metadata(source, clean(source))


def test_copyright_brand_beats_group_mail_domain() -> None:
    meta = _meta(
        f"제목\n{BODY}\n양진원 기자 a@mt.co.kr\nCopyright © 머니S & moneys.co.kr, 무단 전재 금지"
    )
    assert meta.outlet == "머니S"


def test_mail_domain_when_no_brand() -> None:
    assert _meta(f"제목\n{BODY}\n홍길동 기자 hong@news.mt.co.kr").outlet == "머니투데이"


@pytest.mark.parametrize(
    ("prefix", "outlet", "reporters"),
    [
        ("(서울=뉴스1) 손엄지 기자 = ", "뉴스1", ("손엄지",)),
        ("(서울=연합뉴스) 홍길동·김철수 기자 = ", "연합뉴스", ("홍길동", "김철수")),
        ("[뉴스토마토 배덕훈 기자] ", "뉴스토마토", ("배덕훈",)),
        ("[이데일리 박민수·정수진 기자] ", "이데일리", ("박민수", "정수진")),
    ],
)
def test_byline_prefix(prefix: str, outlet: str, reporters: tuple[str, ...]) -> None:
    meta = _meta(f"제목\n{prefix}{BODY}")
    assert meta.outlet == outlet
    assert meta.reporters == reporters


def test_outlets_and_dates_in_body_are_not_metadata() -> None:
    text = (
        "제목\n연합뉴스에 따르면 2024년 6월 11일 오후 3시 발표가 있었다고 조선일보 기자가 전했다.\n"
        + BODY
    )
    meta = _meta(text)
    assert (meta.outlet, meta.reporters, meta.published) == (None, (), None)


def test_fields_win_for_records() -> None:
    meta = _meta(
        f"제목\n\n{BODY}",
        outlet="한경닷컴",
        published="2024-06-11T06:00:00Z",
        author="홍길동, 김철수",
    )
    assert meta.outlet == "한국경제"
    assert meta.published == datetime(2024, 6, 11, 15, 0, tzinfo=SEOUL)
    assert meta.reporters == ("홍길동", "김철수")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("기사승인 2024-06-12 12:00:14", datetime(2024, 6, 12, 12, 0, 14, tzinfo=SEOUL)),
        (
            "입력 2021.11.17 11:28 수정 2021.11.18 09:00",
            datetime(2021, 11, 17, 11, 28, tzinfo=SEOUL),
        ),
        (
            "수정 2021.11.18 09:00 입력 2021.11.17 11:28",
            datetime(2021, 11, 17, 11, 28, tzinfo=SEOUL),
        ),
        ("입력 : 2023-11-24 오후 2:05:26", datetime(2023, 11, 24, 14, 5, 26, tzinfo=SEOUL)),
        ("2024.06.11. 오후 3:12", datetime(2024, 6, 11, 15, 12, tzinfo=SEOUL)),
        ("2024.06.11. 오전 12:05", datetime(2024, 6, 11, 0, 5, tzinfo=SEOUL)),
        ("등록 2024-06-11 15:00", datetime(2024, 6, 11, 15, 0, tzinfo=SEOUL)),
        (
            "2024-06-20 10:12 송고 | 2024-06-20 11:30 최종수정",
            datetime(2024, 6, 20, 10, 12, tzinfo=SEOUL),
        ),
        ("수정 2024-06-20 11:30", datetime(2024, 6, 20, 11, 30, tzinfo=SEOUL)),
    ],
)
def test_published_from_date_line(line: str, expected: datetime) -> None:
    assert _meta(f"제목\n{line}\n{BODY}").published == expected


def test_no_date_line_gives_no_date() -> None:
    assert _meta(f"제목\n{BODY}").published is None


def test_invalid_date_is_ignored() -> None:
    assert _meta(f"제목\n입력 2024-13-45 10:00\n{BODY}").published is None


def test_labels() -> None:
    labels = [
        label for label, _ in labelled_datetimes("입력 2021.11.17 11:28 수정 2021.11.17 12:00")
    ]
    assert labels == ["입력", "수정"]


def test_parse_datetime_naive_is_seoul() -> None:
    assert parse_datetime("2024-06-11 09:00") == datetime(2024, 6, 11, 9, 0, tzinfo=SEOUL)
    assert parse_datetime("not a date") is None


NOON_14 = datetime(2024, 6, 12, 12, 0, 14, tzinfo=SEOUL)


@pytest.mark.parametrize(
    "value",
    [
        # RFC 2822, as RSS `pubDate` and e-mail write dates: any offset, GMT, no weekday
        "Wed, 12 Jun 2024 12:00:14 +0900",
        "Wed, 12 Jun 2024 03:00:14 GMT",
        "Tue, 11 Jun 2024 23:00:14 -0400",
        "12 Jun 2024 03:00:14 +0000",
        "Wed, 12 Jun 24 12:00:14 +0900",  # two-digit year (RFC 2822 section 4.3)
        "Wed, 12 Jun 2024 12:00:14 +0900 (KST)",  # a comment after the zone
        "Wed, 12 Jun 2024 12:00:14 KST",  # a zone name the RFC does not define: Seoul
        "Wed, 12 Jun 2024 12:00:14 -0000",  # "zone unknown": Seoul
        # ISO 8601 / RFC 3339 variants
        "2024-06-12T12:00:14+09:00",
        "2024-06-12T03:00:14Z",
        "2024-06-12t03:00:14z",
        "2024-06-12T03:00:14.000000000Z",
        "2024-06-12T12:00:14+0900",
        "2024-06-12T12:00:14+09",
        "2024-06-12 12:00:14",
        "20240612T030014Z",
        "2024-06-12T12:00:14+09:00[Asia/Seoul]",  # RFC 9557 zone name
        # written forms
        "2024.06.12 12:00:14",
        "2024년 6월 12일 12시 00분 14초",
    ],
)
def test_parse_datetime_forms_in_seoul(value: str) -> None:
    parsed = parse_datetime(value)
    assert parsed == NOON_14 and parsed.tzinfo == SEOUL, (value, parsed)


@pytest.mark.parametrize(
    "value",
    [
        "Wed, 31 Jun 2024 12:00:14 +0900",  # no such day
        "12 June 2024 3:04 PM",  # not RFC 2822 (AM/PM): 03:04 would be wrong, so nothing
        "2024-13-45T10:00:00",
        "Wednesday",
        "",
    ],
)
def test_parse_datetime_refuses_what_it_cannot_read_right(value: str) -> None:
    assert parse_datetime(value) is None


def test_rss_date_of_a_json_record_is_read(tmp_path: Path) -> None:
    """An RSS export's `published` (RFC 2822) was dropped before: the record had no date."""
    import summarize

    record = {"title": "제목", "body": BODY, "published": "Thu, 28 Nov 2024 09:30:00 +0900"}
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    article = summarize.load(path)
    assert article.published == datetime(2024, 11, 28, 9, 30, tzinfo=SEOUL)


def test_rfc_2822_pubdate_meta_of_a_page_gives_its_time(tmp_path: Path) -> None:
    """A page whose `pubdate` meta is RFC 2822 is dated to the minute, not at midnight."""
    import summarize

    page = (
        '<html><head><meta charset="utf-8"><meta name="pubdate" '
        'content="Thu, 28 Nov 2024 09:30:00 +0900"><title>예산안 편성</title></head><body>'
        f"<article><h1>예산안 편성</h1><p>{BODY}</p><p>{BODY.replace('28일', '29일')}</p>"
        "</article></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    assert summarize.load(path).published == datetime(2024, 11, 28, 9, 30, tzinfo=SEOUL)


def test_outlet_table() -> None:
    assert len(OUTLETS) >= 250
    assert len({o.name for o in OUTLETS}) == len(OUTLETS)
    domains = [d for o in OUTLETS for d in o.domains]
    assert len(domains) == len(set(domains))
    assert outlet_for_domain("reporter@kukinews.com") == "쿠키뉴스"
    assert outlet_for_domain("https://biz.chosun.com/it/2024/") == "조선비즈"
    assert outlet_for_domain("https://www.chosun.com/") == "조선일보"
    assert outlet_for_domain("someone@gmail.com") is None
    assert outlets_in_text("ⓒ 서울경제TV SEN, 무단전재") == ["서울경제TV"]
    assert outlets_in_text("ⓒ 맛있는 뉴스토마토") == ["뉴스토마토"]
    assert canonical_outlet("Yonhap") == "연합뉴스"
    assert canonical_outlet("동네신문") == "동네신문"


def test_source_from_text_pipeline() -> None:
    meta = _meta_of_text(f"제목\n입력 2024.06.11 10:00\n{BODY}\n홍길동 기자 hong@hani.co.kr")
    assert (meta.outlet, meta.reporters) == ("한겨레", ("홍길동",))


def _meta_of_text(text: str):
    source = source_from_text(text)
    return extract_metadata(source, clean(source))


# --- real-page forms (invented outlets 한빛일보, 한빛경제, 한빛TV and names) ---------------

B2 = "기획재정부는 올해보다 3.2% 늘어난 규모라며 건전재정 기조를 유지했다고 설명했다."
HEAD = "예산안 656조원 편성"


def _page(*lines: str):
    return _meta("\n".join([HEAD, *lines]))


@pytest.mark.parametrize(
    ("lines", "outlet", "published"),
    [
        (("【한빛일보 안산=김민준 기자】 " + BODY, B2), "한빛일보", None),
        (("[세종=이데일리 김민준 기자] " + BODY, B2), "이데일리", None),
        ((BODY, B2 + " [한빛경제=김민준 기자]"), "한빛경제", None),
        ((BODY, B2, "저작권자 © 한빛일보 무단전재 및 재배포 금지"), "한빛일보", None),
        ((BODY, B2, "한빛일보는 24시간 여러분의 제보를 기다립니다."), "한빛일보", None),
        (
            ("머니투데이 김민준 기자, 이서연 기자 | 2022.10.15 17:22", BODY, B2),
            "머니투데이",
            datetime(2022, 10, 15, 17, 22, tzinfo=SEOUL),
        ),
        (
            ("minjun@naver.com | 2022-10-15 17:51:49", BODY, B2),
            None,
            datetime(2022, 10, 15, 17, 51, 49, tzinfo=SEOUL),
        ),
        (
            ("김민준 승인 2024.07.05 10:01 | 최종 수정 2024.07.05 10:12 의견 0", BODY, B2),
            None,
            datetime(2024, 7, 5, 10, 1, tzinfo=SEOUL),
        ),
        (
            ("입력", "2024.10.11 09:50", "수정", "2024.10.11 12:04", BODY, B2),
            None,
            datetime(2024, 10, 11, 9, 50, tzinfo=SEOUL),
        ),
        (
            ("  • 등록 2024-10-11 오후 2:07:04", "", "  수정 2024-10-30 오후 2:17:54", BODY),
            None,
            datetime(2024, 10, 11, 14, 7, 4, tzinfo=SEOUL),
        ),
        (
            ("김민준 기자 2024. 6. 12. 17:45", BODY),
            None,
            datetime(2024, 6, 12, 17, 45, tzinfo=SEOUL),
        ),
        (
            ("기사입력 2024/06/12 [17:45]", BODY),
            None,
            datetime(2024, 6, 12, 17, 45, tzinfo=SEOUL),
        ),
        (("2024.02.28 김민준 인구동향과장", BODY), None, datetime(2024, 2, 28, tzinfo=SEOUL)),
        (("◀ 앵커 ▶", BODY, "김민준 기자!", B2, "MBC뉴스 김민준입니다."), "MBC", None),
        ((BODY, B2, "김민준 기자 minjun@etnews.com"), "전자신문", None),
        (("[전자신문 그래픽]", BODY, B2), "전자신문", None),
    ],
)
def test_real_page_forms(lines: tuple[str, ...], outlet: str | None, published) -> None:
    meta = _page(*lines)
    assert (meta.outlet, meta.published) == (outlet, published)


def test_portal_copy_outlet_alone_then_bar_and_date() -> None:
    meta = _meta(f"연합뉴스\n|\n2024.06.12 오후 05:45\n{HEAD}\n{BODY}\n{B2}")
    assert (meta.outlet, meta.published) == (
        "연합뉴스",
        datetime(2024, 6, 12, 17, 45, tzinfo=SEOUL),
    )


def test_site_logo_above_the_headline_but_not_an_agency_credit() -> None:
    assert _meta(f"전자신문\n{HEAD}\n{BODY}\n{B2}").outlet == "전자신문"
    # an agency's name alone under a picture is a credit, not the page's outlet
    assert _meta(f"{HEAD}\n연합뉴스\n{BODY}\n{B2}").outlet is None


@pytest.mark.parametrize(
    "lines",
    [
        ("[사진=뉴스1]", BODY, "뉴스1과의 통화에서 한 관계자는 이같이 말했다.", B2),
        (BODY, "연합뉴스에 따르면 2024년 6월 11일 발표가 있었다.", B2),
        (BODY, B2, "김민준 기자 minjun@gmail.com"),
        (BODY, B2, "Copyright © Hanbit Daily. All rights reserved."),
        (BODY, B2, "[연합뉴스 그래픽]"),
        ("지난 11일 열린 국무회의에서 " + BODY, B2),
    ],
)
def test_no_outlet_or_date_is_guessed(lines: tuple[str, ...]) -> None:
    meta = _page(*lines)
    assert (meta.outlet, meta.published) == (None, None)


def test_agency_graphic_with_its_copyright_is_not_the_outlet() -> None:
    caption = (
        "(서울=뉴스1) 김민준 디자이너 = 예산안 규모를 나타낸 그래픽이다. Copyright (C) 뉴스1. "
        "All rights reserved. 무단 전재 및 재배포 금지. /사진=(서울=뉴스1) 김민준 디자이너"
    )
    meta = _page("머니투데이 이서연 기자 2024.07.05 09:04", caption, BODY, B2)
    assert meta.outlet == "머니투데이"
    assert meta.reporters == ("이서연",)


def test_dates_of_listed_articles_are_not_the_date() -> None:
    meta = _page(
        BODY, B2, "관련기사", "내년 예산 심사 돌입", "2024.05.01", "예결위 첫 회의", "2024.05.02"
    )
    assert meta.published is None


def test_copyright_names_the_page_even_for_an_agency_story() -> None:
    meta = _page(
        "(서울=뉴스1) 김민준 기자 = " + BODY, B2, "저작권자 © 한빛일보 무단전재 및 재배포 금지"
    )
    assert meta.outlet == "한빛일보"


def test_portals_and_personal_mail_are_never_outlets() -> None:
    assert outlet_for_domain("https://n.news.naver.com/article/001/0000000001") is None
    assert outlet_for_domain("minjun@hanmail.net") is None
    assert outlet_for_domain("minjun@korea.kr") is None
    assert outlets_in_text("네이버 뉴스 | 다음 뉴스") == []
    assert canonical_outlet("heraldcorp") == "헤럴드경제"
    assert outlets_in_text("ⓒ sbs biz") == ["SBS Biz"]
    assert outlets_in_text("MBCNET 편성표") == []


def test_outlet_table_is_package_data() -> None:
    from summarize.article.outlets import Outlet

    kinds = {o.kind for o in OUTLETS}
    assert {"agency", "daily", "economic", "broadcast", "it", "regional", "portal"} <= kinds
    aliases = [a.lower() for o in OUTLETS for a in (o.name, *o.aliases)]
    assert len(aliases) == len(set(aliases))
    assert all(isinstance(o, Outlet) and o.name for o in OUTLETS)


@pytest.mark.parametrize(
    ("lines", "outlet", "published"),
    [
        (
            ("  • 전자신문", "  • 입력 2023년 11월 20일 03시 00분", BODY, B2),
            "전자신문",
            datetime(2023, 11, 20, 3, 0, tzinfo=SEOUL),
        ),
        (
            ("김민준 기자I 2023.11.18 09:15:38", BODY, B2),
            None,
            datetime(2023, 11, 18, 9, 15, 38, tzinfo=SEOUL),
        ),
        (
            ("기사입력 2024년 6월 12일 17시 45분 10초", BODY),
            None,
            datetime(2024, 6, 12, 17, 45, 10, tzinfo=SEOUL),
        ),
    ],
)
def test_more_byline_forms(lines: tuple[str, ...], outlet: str | None, published) -> None:
    meta = _meta("\n".join([HEAD, *lines]))
    assert (meta.outlet, meta.published) == (outlet, published)


def test_date_field_written_before_the_page() -> None:
    meta = _meta(f" date 2025-09-27 {BODY}\n{B2}")
    assert meta.published == datetime(2025, 9, 27, tzinfo=SEOUL)
    assert _meta(f" date 2025-09 {BODY}\n{B2}").published is None  # no day: no date
