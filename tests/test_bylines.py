"""Where a page names its outlet: datelines, closing signatures, copyright lines, tiplines,
sign-offs and credits (invented outlets and names; 한빛일보 and 한빛경제 are in no table)."""

from __future__ import annotations

import pytest

from summarize.article.bylines import (
    bracket_dateline,
    copyright_outlet,
    own_desk_credit,
    plausible_outlet,
    signoff_outlet,
    tipline_outlet,
    trailing_signature,
)

BODY = "정부는 내년 예산안을 656조원 규모로 편성했다고 28일 밝혔다."


@pytest.mark.parametrize(
    ("prefix", "outlet", "reporters"),
    [
        ("【한빛일보 안산=김민준 기자】 ", "한빛일보", ("김민준",)),
        ("(서울=뉴스1) 김민준 기자 = ", "뉴스1", ("김민준",)),
        ("[세종=이데일리 김민준 기자] ", "이데일리", ("김민준",)),
        ("[한빛경제=김민준 기자] ", "한빛경제", ("김민준",)),
        ("[한빛경제 김민준·이서연 기자]", "한빛경제", ("김민준", "이서연")),
        ("[한빛일보ㅣ김민준 기자] ", "한빛일보", ("김민준",)),
        ("[데일리안 = 김민준 기자] ", "데일리안", ("김민준",)),
        ("(워싱턴=연합뉴스) 김민준 특파원 = ", "연합뉴스", ("김민준",)),
        ("[파이낸셜뉴스] ", "파이낸셜뉴스", ()),
        ("[인천=김민준 기자] ", None, ("김민준",)),
    ],
)
def test_bracket_datelines(prefix: str, outlet: str | None, reporters: tuple[str, ...]) -> None:
    dateline = bracket_dateline(prefix + BODY)
    assert dateline is not None
    assert (dateline.outlet, dateline.reporters) == (outlet, reporters)
    assert (prefix + BODY)[dateline.end :] == BODY


@pytest.mark.parametrize(
    "line",
    ["[사진=뉴스1] " + BODY, "[단독] 예산안 656조원", "[인터뷰] 김민준 / 한빛연구소 연구원",
     "(사진제공=한국은행)", "[그래픽=김민준 기자]", "[사진공동취재단] " + BODY, BODY],
)  # fmt: skip
def test_credits_and_labels_are_no_datelines(line: str) -> None:
    dateline = bracket_dateline(line)
    assert dateline is None or dateline.outlet is None


def test_closing_signature() -> None:
    line = BODY + " [한빛일보=김민준 기자]"
    m = trailing_signature(line)
    assert m is not None and m.group("sig") == "[한빛일보=김민준 기자]"
    assert trailing_signature("[한빛일보=김민준 기자]") is None  # a line of its own
    assert trailing_signature("김민준 기자가 [현장]을 취재했다") is None


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("저작권자 © 한빛일보 무단전재 및 재배포 금지", "한빛일보"),
        ("<저작권자ⓒ한빛뉴스. 무단전재-재배포금지>", "한빛뉴스"),
        ("[ⓒ 세상을 잇는 한빛일보. 무단전재-재배포 금지]", "한빛일보"),
        ("Copyright © 한빛일보 All rights reserved.", "한빛일보"),
        ("ⓒ 2024 한빛일보(www.hanbit.kr), 무단전재 및 수집, 재배포금지", "한빛일보"),
        ("세상을 보는 눈, 한국일보 Copyright © Hankookilbo", "한국일보"),
        ("Copyright (C) 뉴스1. All rights reserved. 무단 전재 및 재배포 금지.", "뉴스1"),
        ("[ⓒ 매일경제TV & mktv.co.kr, 무단전재 및 재배포 금지]", "매일경제TV"),
        ("이 기사의 저작권은 한빛일보에 있습니다. 무단전재 금지", "한빛일보"),
        ("JTBC의 모든 콘텐트(기사)는 저작권법의 보호를 받은바, 무단 전재를 금합니다.", "JTBC"),
        ("Copyright © Hanbit Daily. All rights reserved.", None),  # an unknown Latin name
        ("무단전재 및 재배포 금지", None),
        ("[사진 출처=연합뉴스 무단전재 재배포 금지]", None),  # a picture's credit
        ("한빛일보 김민준 기자", None),  # no copyright notice
    ],
)
def test_copyright_outlet(line: str, outlet: str | None) -> None:
    assert copyright_outlet(line) == outlet


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("한빛일보는 24시간 여러분의 제보를 기다립니다.", "한빛일보"),
        ("한빛TV 기사문의 및 제보 : 카톡/라인 hanbit", "한빛TV"),
        ("연합뉴스TV 기사문의 및 제보 : 전화 02-000-0000", "연합뉴스TV"),
        ("여러분의 제보를 기다립니다.", None),
        (BODY, None),
    ],
)
def test_tipline_outlet(line: str, outlet: str | None) -> None:
    assert tipline_outlet(line) == outlet


def test_signoff_and_own_credit() -> None:
    assert signoff_outlet("MBC뉴스 김민준입니다.") == "MBC"
    assert signoff_outlet("KBS 뉴스 김민준입니다.") == "KBS"
    assert signoff_outlet("지금까지 김민준입니다.") is None
    assert own_desk_credit("[전자신문 그래픽]") == "전자신문"
    assert own_desk_credit("(전자신문 DB)") == "전자신문"
    assert own_desk_credit("[연합뉴스 그래픽]") is None  # agencies' graphics run everywhere
    assert own_desk_credit("[한빛일보 그래픽]") is None  # unknown: could be anyone's


@pytest.mark.parametrize(
    ("name", "plausible"),
    [("한빛일보", True), ("한빛 경제", True), ("KNS뉴스통신", True), ("사진", False),
     ("사진공동취재단", False), ("안산", False), ("경제부", False), ("Hanbit", False),
     ("김민준 기자", False), ("a", False), ("속보", False)],
)  # fmt: skip
def test_plausible_outlet(name: str, plausible: bool) -> None:
    assert plausible_outlet(name) is plausible
