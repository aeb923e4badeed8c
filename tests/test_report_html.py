"""The HTML report: structure, escaping, ids and self-containment, on a hand-built comparison.

`build_comparison` is also used by the browser tests (tests/test_report_browser.py).
"""

from __future__ import annotations

import html
import re
from datetime import date, datetime, timedelta, timezone
from html.parser import HTMLParser

import pytest

from summarize.render.html import Mark, mark_text, render_comparison_html
from summarize.types import (
    Article,
    ArticleDate,
    Claim,
    Comparison,
    Conflict,
    Entity,
    Event,
    Fact,
    OutletView,
    Source,
    Span,
    StoryDay,
    Summary,
    SummarySentence,
)

KST = timezone(timedelta(hours=9))
PLANTED = '<script>window.__pwned = 1; document.title = "pwned"</script>'
BREAKER = '" onmouseover="window.__pwned=2" x="'
EVIL_OUTLET = '악성\'" onmouseover="window.__pwned=4" x="'

TEXT_A = (
    "카카오, 안산 데이터센터 첫 공개\n\n"
    "정신아 대표는 11일 안산 데이터센터에서 기자들과 만났다.\n\n"
    "데이터센터는 4870만명이 쓰는 서비스를 연결한다.\n\n"
    "정 대표는 \u201c데이터 안전성을 최고 수준으로 끌어올렸다\u201d고 말했다.\n\n"
    "카카오는 연내 AI 서비스를 출시할 계획이다.\n\n"
    "홍길동 기자 hong@example.com"
)
TEXT_B = (
    "정신아 \u201c데이터센터는 핵심 자산\u201d\n\n"
    "정신아 카카오 대표가 11일 안산 데이터센터에서 기자들과 만났다.\n\n"
    "이 데이터센터는 4800만명이 쓰는 서비스를 연결한다.\n\n"
    "정 대표는 \u201c데이터 안정성을 최대로 끌어올렸다\u201d고 말했다.\n\n"
    "데이터센터 건립에는 4600억원이 들었다."
)
TEXT_C = (
    "카카오 데이터센터 " + PLANTED + " 공개\n\n"
    "정신아 대표는 11일 안산 데이터센터에서 기자들과 만났다.\n\n"
    "현장에는 \u201c" + BREAKER + "\u201d라는 구호가 붙어 있었다 & <b>굵게</b>.\n\n"
    "카카오는 연내 AI 서비스를 출시할 계획이다."
)
TEXT_D = "삼성전자 3분기 실적 발표\n\n삼성전자는 3분기 영업이익이 10조원이라고 밝혔다."


def _claims(source: Source, parts: list[str], quote_of: dict[int, str] | None = None) -> list:
    claims = []
    for i, part in enumerate(parts):
        start = source.text.index(part)
        speaker = None
        if quote_of and i in quote_of:
            name = quote_of[i]
            s = source.text.index(name)
            speaker = Entity(source, s, s + len(name), kind="person", canonical="정신아")
        claims.append(
            Claim(
                source,
                start,
                start + len(part),
                index=i,
                sentence=i,
                quote=speaker is not None,
                speaker=speaker,
                resolved=part,
            )
        )
    return claims


def _article(source: Source, claims: list[Claim], outlet: str | None, published, reporters=()):
    headline_end = source.text.index("\n")
    return Article(
        source=source,
        headline=Span(source, 0, headline_end),
        outlet=outlet,
        reporters=tuple(reporters),
        published=published,
        claims=tuple(claims),
    )


def build_comparison(evil_id: str = 'evil"<id> x') -> tuple[Comparison, list[Summary]]:
    """Three articles on one event (one with a planted script, an attribute-breaking quote and
    an id that is unsafe in HTML), plus one article alone; facts, a number conflict, additions
    and omissions, and summaries with support spans."""
    sa = Source("000_a", "in/000_a.txt", TEXT_A)
    sb = Source("001_b", "in/001_b.txt", TEXT_B)
    sc = Source(evil_id, f"in/{evil_id}.txt", TEXT_C)
    sd = Source("003_d", "in/003_d.txt", TEXT_D)
    ca = _claims(
        sa,
        [
            "정신아 대표는 11일 안산 데이터센터에서 기자들과 만났다.",
            "데이터센터는 4870만명이 쓰는 서비스를 연결한다.",
            "데이터 안전성을 최고 수준으로 끌어올렸다",
            "카카오는 연내 AI 서비스를 출시할 계획이다.",
        ],
        quote_of={2: "정 대표"},
    )
    cb = _claims(
        sb,
        [
            "정신아 카카오 대표가 11일 안산 데이터센터에서 기자들과 만났다.",
            "이 데이터센터는 4800만명이 쓰는 서비스를 연결한다.",
            "데이터 안정성을 최대로 끌어올렸다",
            "데이터센터 건립에는 4600억원이 들었다.",
        ],
        quote_of={2: "정 대표"},
    )
    cc = _claims(
        sc,
        [
            "정신아 대표는 11일 안산 데이터센터에서 기자들과 만났다.",
            "현장에는 \u201c" + BREAKER + "\u201d라는 구호가 붙어 있었다 & <b>굵게</b>.",
            "카카오는 연내 AI 서비스를 출시할 계획이다.",
            "카카오 데이터센터 " + PLANTED + " 공개",
        ],
    )
    cd = _claims(sd, ["삼성전자는 3분기 영업이익이 10조원이라고 밝혔다."])
    a = _article(sa, ca, "쿠키뉴스", datetime(2024, 6, 12, 12, 0, tzinfo=KST), ["홍길동"])
    b = _article(sb, cb, "뉴스1", datetime(2024, 6, 11, 15, 30, tzinfo=KST))
    c = _article(sc, cc, EVIL_OUTLET, None)
    d = _article(sd, cd, "연합뉴스", datetime(2023, 10, 31, 9, 0, tzinfo=KST))
    ev = Event(
        "ev1",
        (a.id, b.id, c.id),
        days=(
            StoryDay(date(2024, 6, 11), (b.id,)),
            StoryDay(date(2024, 6, 12), (a.id,)),
            StoryDay(None, (c.id,)),
        ),
        dates=(
            ArticleDate(a.id, date(2024, 6, 12), "published"),
            ArticleDate(b.id, date(2024, 6, 11), "published"),
        ),
        headline=Span(sa, 0, TEXT_A.index("\n")),
        first=b.id,
    )
    facts = (
        Fact("f-meet", "ev1", (ca[0], cb[0], cc[0]), ca[0].text),
        Fact("f-users", "ev1", (ca[1], cb[1]), ca[1].text),
        Fact("f-quote", "ev1", (ca[2], cb[2]), ca[2].text),
        Fact("f-ai", "ev1", (ca[3], cc[2]), ca[3].text),
        Fact("f-cost", "ev1", (cb[3],), cb[3].text),
        Fact('f-"slogan"', "ev1", (cc[1],), cc[1].text),
        Fact("f-head", "ev1", (cc[3],), cc[3].text),
        Fact("f-samsung", "ev2", (cd[0],), cd[0].text),
    )
    conflicts = (
        Conflict("f-users", "number", (ca[1], cb[1]), "4870만명 vs 4800만명"),
        Conflict("f-quote", "wording", (ca[2], cb[2]), ""),
    )
    outlets = (
        OutletView(a.id, additions=(), omissions=()),
        OutletView(b.id, additions=("f-cost",), omissions=("f-ai",)),
        # the planted script goes through the unmatched list too (escaping)
        OutletView(
            c.id, additions=('f-"slogan"', "f-head"), omissions=("f-users",), unmatched=(cc[3],)
        ),
        OutletView(d.id),
    )
    comparison = Comparison(
        articles=(a, b, c, d),
        events=(ev, Event("ev2", (d.id,))),
        facts=facts,
        conflicts=conflicts,
        outlets=outlets,
    )
    summaries = [
        Summary(
            a.id,
            (
                SummarySentence(
                    "정신아 대표가 안산 데이터센터에서 기자들을 만났다.", (ca[0],), "gist"
                ),
                SummarySentence("연내 AI 서비스를 낸다.", (ca[3],), "point"),
            ),
            "extractive",
        ),
        Summary(
            b.id,
            (
                SummarySentence(
                    "데이터센터 건립에 4600억원이 들었다.", (cb[3],), "gist", ("4600억원",)
                ),
            ),
            "seq2seq:tiny",
            fallback="beam 1 had an unsupported number",
        ),
        Summary(
            c.id,
            (SummarySentence(TEXT_C.split("\n")[0], (Span(sc, 0, 10),), "gist"),),
            "extractive",
        ),
    ]
    return comparison, summaries


class _Structure(HTMLParser):
    """Collects tags, attributes and ids; fails on duplicate ids."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.ids: list[str] = []
        self.text: list[str] = []
        self.script_bodies: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        d = dict(attrs)
        self.tags.append((tag, d))
        if "id" in d:
            self.ids.append(d["id"] or "")
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.script_bodies.append(data)
        else:
            self.text.append(data)


@pytest.fixture(scope="module")
def page() -> str:
    comparison, summaries = build_comparison()
    consensus = {"ev1": ["세 매체 모두 정신아 대표의 안산 데이터센터 간담회를 보도했다."]}
    return render_comparison_html(comparison, summaries, consensus)


@pytest.fixture(scope="module")
def parsed(page: str) -> _Structure:
    p = _Structure()
    p.feed(page)
    p.close()
    return p


def test_planted_script_and_markup_are_escaped(page: str, parsed: _Structure) -> None:
    assert PLANTED not in page
    assert "&lt;script&gt;window.__pwned = 1;" in page
    assert "<b>굵게</b>" not in page and "&lt;b&gt;굵게&lt;/b&gt;" in page
    # only the page's own script element exists, and it is not the planted one
    scripts = [t for t, _ in parsed.tags if t == "script"]
    assert len(scripts) == 1
    assert "__pwned" not in "".join(parsed.script_bodies)
    # the planted text is readable as text
    assert any("window.__pwned = 1" in t for t in parsed.text)


def test_attribute_breaking_quote_stays_inside_its_attribute(parsed: _Structure) -> None:
    for _, attrs in parsed.tags:
        assert "onmouseover" not in attrs, attrs
        assert not any(k.startswith("on") for k in attrs), attrs
    # a hostile outlet name (JSON input carries it) stays whole inside its attributes
    assert any(a.get("data-outlet") == EVIL_OUTLET for _, a in parsed.tags)
    assert any((a.get("title") or "").startswith(EVIL_OUTLET) for _, a in parsed.tags)


def test_ids_are_unique_and_sanitised(parsed: _Structure) -> None:
    assert len(parsed.ids) == len(set(parsed.ids)), "duplicate ids"
    for value in parsed.ids:
        assert re.fullmatch(r"[A-Za-z0-9_-]+", value), value


def test_every_fragment_link_has_a_target(parsed: _Structure) -> None:
    ids = set(parsed.ids)
    hrefs = [a["href"] for t, a in parsed.tags if t == "a" and a.get("href")]
    assert hrefs
    for href in hrefs:
        assert href.startswith("#"), href
        assert href[1:] in ids, f"dangling link {href}"


def test_self_contained(page: str, parsed: _Structure) -> None:
    for tag, attrs in parsed.tags:
        for key in ("src", "href", "action", "poster", "srcset", "data"):
            value = attrs.get(key) or ""
            assert not re.match(r"\s*(https?:)?//", value), (tag, key, value)
        if tag == "link":
            assert attrs.get("rel") != "stylesheet"
        assert tag not in ("iframe", "img", "object", "embed", "link")
    assert "@import" not in page
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", page)
    csp = next(a["content"] for t, a in parsed.tags if t == "meta" and a.get("http-equiv"))
    assert "default-src 'none'" in csp and "script-src 'sha256-" in csp


def test_csp_hash_matches_the_inline_script(page: str, parsed: _Structure) -> None:
    import base64
    import hashlib

    body = re.search(r"<script>(.*?)</script>", page, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
    csp = next(a["content"] for t, a in parsed.tags if t == "meta" and a.get("http-equiv"))
    assert f"'sha256-{digest}'" in csp


def test_claims_are_marked_in_the_original_text(page: str, parsed: _Structure) -> None:
    comparison, _ = build_comparison()
    marks = {a["id"]: a for t, a in parsed.tags if t == "mark" and a.get("id")}
    total = sum(len(a.claims) for a in comparison.articles)
    assert len(marks) == total
    # the marked text is exactly the claim's span
    a = comparison.articles[0]
    claim = a.claims[1]
    m = re.search(r'<mark id="a-000_a-c-1"[^>]*>(.*?)</mark>', page)
    assert m and m.group(1) == claim.text
    # conflict and single-outlet states are visible on the marks
    assert "conflict" in marks["a-000_a-c-1"]["class"]
    assert "single" in marks["a-001_b-c-3"]["class"]


def test_event_sections_cards_and_consensus(page: str, parsed: _Structure) -> None:
    sections = [a for t, a in parsed.tags if t == "section" and "event" in (a.get("class") or "")]
    assert [s["id"] for s in sections] == ["e-ev1", "e-ev2"]
    cards = [a for t, a in parsed.tags if t == "article" and a.get("class") == "card"]
    assert len(cards) == 4
    text = "".join(parsed.text)
    assert "세 매체 모두 정신아 대표의 안산 데이터센터 간담회를 보도했다." in text
    assert "쿠키뉴스" in text and "홍길동 기자" in text and "2024-06-12 12:00 KST" in text
    assert "날짜 없음" in text  # no invented date for the article without one
    assert "확인 필요: 4600억원" in text and "beam 1 had an unsupported number" in text
    assert "비교할 수 없습니다" in text  # the article alone in its event says so


def test_matrix_cells_and_default_order(page: str) -> None:
    matrix = re.search(r'<table class="matrix-table">(.*?)</table>', page, re.S).group(1)
    rows = re.findall(r'<tr id="m-([^"]+)" data-count="(\d)"', matrix)
    counts = [int(c) for _, c in rows]
    assert counts == sorted(counts, reverse=True), "most-reported facts first without JS"
    assert len(rows) == 7
    assert rows[0][0] == "f-meet"
    users = re.search(r'<tr id="m-f-users".*?</tr>', matrix, re.S).group(0)
    assert users.count('class="cell diff"') == 2  # two outlets disagree on the number
    assert users.count('class="cell omit"') == 1  # the third omits it
    ai = re.search(r'<tr id="m-f-ai".*?</tr>', matrix, re.S).group(0)
    assert ai.count('class="cell rep"') == 2 and ai.count('class="cell omit"') == 1
    cost = re.search(r'<tr id="m-f-cost".*?</tr>', matrix, re.S).group(0)
    assert cost.count('class="cell no"') == 2 and 'data-state="single"' in cost


def test_side_by_side_highlights_differing_words(page: str) -> None:
    sbs = re.search(r'<table class="sbs-table">(.*?)</table>', page, re.S).group(1)
    quote = re.search(r'<tr id="f-f-quote".*?</tr>', sbs, re.S).group(0)
    highlighted = re.findall(r'<ins class="wd">(.*?)</ins>', quote)
    assert any("안전성" in h for h in highlighted)
    assert any("안정성" in h for h in highlighted)
    assert not any("끌어올렸다" in h for h in highlighted), "shared words stay plain"
    assert "인용 문구 차이" in quote and "정신아:" in quote
    users = re.search(r'<tr id="f-f-users".*?</tr>', sbs, re.S).group(0)
    assert "4870만명 vs 4800만명" in users and 'class="has conflict"' in users
    assert "누락" in users


def test_additions_and_omissions_per_outlet(page: str) -> None:
    views = re.search(r'<section class="views".*?</section>', page, re.S).group(0)
    assert views.count('<div class="view">') == 3
    assert "단독 보도 1" in views and "누락 1" in views
    assert "데이터센터 건립에는 4600억원이 들었다." in views
    assert views.count("짝 없는 주장 1") == 1 and "공개</li>" in views


def test_conflicts_listed_with_kind_and_detail(page: str) -> None:
    conflicts = re.search(r'<section class="conflicts".*?</section>', page, re.S).group(0)
    assert "kind-number" in conflicts and "숫자" in conflicts
    assert "4870만명 vs 4800만명" in conflicts
    assert conflicts.count('href="#a-') == 4


def test_distinct_unsafe_ids_do_not_collide() -> None:
    a, _ = build_comparison('x"y')
    b, _ = build_comparison("x<y")
    page_a, page_b = render_comparison_html(a), render_comparison_html(b)
    id_a = re.search(r'<article class="source" id="(a-x-y[^"]*)"', page_a).group(1)
    id_b = re.search(r'<article class="source" id="(a-x-y[^"]*)"', page_b).group(1)
    assert id_a != id_b


def test_renders_without_summaries_or_consensus() -> None:
    comparison, _ = build_comparison()
    page = render_comparison_html(comparison)
    assert "요약 없음" not in page and 'class="summary"' not in page  # `kosum diff --format html`
    partial = render_comparison_html(comparison, [])
    assert partial.count("요약 없음") == 4
    assert "여러 매체가 함께 보도한 사실" in page  # fallback consensus from the matrix


def test_mark_text_nests_overlapping_marks() -> None:
    text = "가나다라마바사"
    marked = mark_text(
        text,
        [Mark.around(0, 4, "mark", {"id": "x"}), Mark.around(2, 6, "mark", {"id": "y"}, 1)],
    )
    assert str(marked) == (
        '<mark id="x">가나<mark id="y">다라</mark></mark><mark class="cont">마바</mark>사'
    )
    # out-of-range and empty marks are dropped, text is escaped
    assert str(mark_text("<a>", [Mark.around(0, 9, "b", {}), Mark.around(1, 1, "b", {})])) == (
        "&lt;a&gt;"
    )


def test_event_consensus_from_the_summariser() -> None:
    """The consensus module's `EventSummary`: consensus lines linked to each outlet's claim, and
    one line per outlet on what only it adds."""
    from summarize.summarizer.consensus import EventSummary, OutletLine

    comparison, summaries = build_comparison()
    meet = next(f for f in comparison.facts if f.id == "f-meet")
    cost = next(f for f in comparison.facts if f.id == "f-cost")
    a, b, c = (x.id for x in comparison.articles[:3])
    consensus = EventSummary(
        event="ev1",
        articles=(a, b, c),
        consensus=(SummarySentence(meet.canonical, meet.claims, "point"),),
        outlets=(
            OutletLine(a, "쿠키뉴스", None, 0),
            OutletLine(b, "뉴스1", SummarySentence(cost.canonical, cost.claims, "point"), 1),
            OutletLine(c, None, None, 3),
        ),
    )
    page = render_comparison_html(comparison, summaries, {"ev1": consensus})
    box = re.search(r'<section class="consensus".*?</section>', page, re.S).group(0)
    first = re.search(r"<li class=\"role-point\">(.*?)</li>", box, re.S).group(1)
    assert first.startswith(meet.canonical)
    # one link per outlet reporting the fact, labelled with the outlet, to its marked claim
    links = re.findall(r'<a class="src" href="#([^"]+)"[^>]*>([^<]+)</a>', first)
    assert [html.unescape(label) for _, label in links] == ["쿠키뉴스", "뉴스1", EVIL_OUTLET]
    assert all(f'<mark id="{anchor}"' in page for anchor, _ in links)
    lines = re.search(r'<ul class="outlet-lines">(.*?)</ul>', box, re.S).group(1)
    assert "단독 보도 없음" in lines and cost.canonical in lines
    # facts of its own too short to show are counted, not called none
    assert lines.count("단독 보도 없음") == 1 and "짧은 단독 내용 3건" in lines
    assert "여러 매체가 함께 보도한 사실" not in box  # no fallback when a consensus is given


def test_story_timeline_days_first_report_and_new_facts(page: str, parsed: _Structure) -> None:
    section = page.split('<section class="timeline"', 1)[1].split("</section>", 1)[0]
    days = re.split(r"<li>\s*(?=<time|<span class=\"day\")", section)[1:]
    assert len(days) == 3
    assert '<time datetime="2024-06-11">' in days[0] and "뉴스1" in days[0]
    assert "최초 보도" in days[0] and "15:30" in days[0]
    assert "새로 보도된 사실 4개" in days[0]  # b's four facts came first
    assert "새로 보도된 사실 1개" in days[1]  # a adds only the AI plan (c is undated)
    assert "날짜 미상" in section and "새로 보도된" not in section.split("날짜 미상", 1)[1]
    # the story's headline is the event title; the evil outlet name stays escaped here too
    assert "<h2" in page and "카카오, 안산 데이터센터 첫 공개</h2>" in page
    assert 'onmouseover="window.__pwned=4"' not in section


def test_every_conflict_kind_has_a_korean_label_and_a_place() -> None:
    from typing import get_args

    from summarize.render.html import CONFLICT_LABELS, CONFLICT_ORDER
    from summarize.types import ConflictKind

    kinds = set(get_args(ConflictKind))
    assert kinds == set(CONFLICT_LABELS) == set(CONFLICT_ORDER)
    assert all(any("가" <= ch <= "힣" for ch in label) for label in CONFLICT_LABELS.values())
