"""Dates and periods in Korean news text, resolved against the article's published date.

Absolute: `2022년 10월15일`, `2024-06-11`, `2021.11.17`, `2024년 6월`, `2023년 1분기`,
`2024년 상반기`, `2024년`. Relative, resolved against `published`:

- `11일`, `지난 9일` -> the most recent 11th (9th) not after the published day; `오는 24일` -> the
  next one not before it;
- `지난달 17일`, `이달`, `다음 달` -> a month (day) counted from the published month;
- `지난해 12월`, `올해 1분기`, `올 1분기`, `내년 상반기`, `올해 말` -> periods of a year counted
  from the published year; `6월`, `1분기`, `하반기` alone -> the published year;
- `지난 6월` -> the most recent June not after the published month; `오는 3월` -> the next one;
- `연내` -> the published year; `연말` / `연초` -> its December / January (month granularity);
- `오늘`, `어제`, `그제`, `내일`, `모레` -> days from the published day.

`같은 달 20일`, `같은 해 5월` and `이듬해` refer to a date mentioned earlier; pass it as `anchor`
(claims.py does) or they stay unresolved. With no published date every relative mention has
value None and `relative=True`: no date is ever invented. `최근`, `이날`, `당시` are not dates.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta

from summarize.types import DateGranularity, DateMention, Source

_YEAR_OFFSETS = {
    "올해": 0, "금년": 0, "올": 0, "지난해": -1, "작년": -1, "전년": -1, "재작년": -2,
    "내년": 1, "명년": 1, "내후년": 2, "이듬해": 1, "같은 해": 0, "그해": 0,
}  # fmt: skip
_MONTH_OFFSETS = {
    "지난달": -1, "지난 달": -1, "전달": -1, "이달": 0, "이번 달": 0, "이번달": 0,
    "다음 달": 1, "다음달": 1, "내달": 1, "같은 달": 0,
}  # fmt: skip
_DAY_OFFSETS = {"오늘": 0, "어제": -1, "그제": -2, "그저께": -2, "내일": 1, "모레": 2}
#: Words that point at a date mentioned earlier in the article rather than at the published date.
_ANCHORED = frozenset({"같은 해", "그해", "이듬해", "같은 달"})

_NOT_HANGUL_BEFORE = r"(?<![가-힣])"
_NOT_DIGIT_BEFORE = r"(?<![\d.,])"
_DAY_END = r"일(?!\s?(?:평균|간|째|동안|만에|치|분|자리))"

#: What may follow a bare year word (`지난해`): a particle or no Hangul at all.
_YEAR_PARTICLE = (
    r"(?=$|[^가-힣]|(?:에는|에도|에만|에서|에|의|은|는|이|가|도|만|보다|부터|까지|와|과|엔"
    r"|처럼|대비)(?![가-힣]))"
)
_YEAR_WORDS = "|".join(sorted(_YEAR_OFFSETS, key=len, reverse=True))
_MONTH_WORDS = "|".join(sorted(_MONTH_OFFSETS, key=len, reverse=True))
_DAY_WORDS = "|".join(sorted(_DAY_OFFSETS, key=len, reverse=True))


def _in_year(p: str) -> str:
    """A period inside a year, written after the year: `10월15일`, `1분기`, `상반기`, `말`."""
    return (
        rf"(?:(?P<{p}_m>\d{{1,2}})\s?월(?:\s?(?P<{p}_d>\d{{1,2}})\s?{_DAY_END})?"
        rf"|(?P<{p}_q>[1-4])\s?분기|(?P<{p}_h>상|하)반기|(?P<{p}_e>연초|연말|초|말)"
        rf"(?=$|[^가-힣]|(?:까지|부터|에는|에|께|쯤|경|의|로|이|은)(?![가-힣])))"
    )


_DATE = re.compile(
    "|".join(
        [
            # 2024-06-11, 2021.11.17, 2024/6/11
            rf"{_NOT_DIGIT_BEFORE}(?P<iy>(?:19|20)\d{{2}})(?P<sep>[-./])\s?(?P<im>\d{{1,2}})"
            rf"(?P=sep)\s?(?P<id>\d{{1,2}})(?!\d)\.?",
            # 2022년 10월15일, 2024년 1분기, 2024년
            rf"{_NOT_DIGIT_BEFORE}(?P<ay>(?:19|20)\d{{2}})\s?년(?:\s?{_in_year('a')})?",
            # 지난해 12월, 올해 1분기, 올 상반기 (bare `올` needs a period after it), 내년
            # (a period after the year word may take any particle: `내년 상반기부터`; a bare year
            # word only a particle: `지난해에만`, not `전년대비`, `올해의`-like compounds)
            rf"{_NOT_HANGUL_BEFORE}(?:(?P<ry>{_YEAR_WORDS})\s?{_in_year('r')}"
            rf"|(?P<ryo>(?!올(?:\s|$))(?:{_YEAR_WORDS})){_YEAR_PARTICLE})",
            # 지난달 17일, 이달, 다음 달
            rf"{_NOT_HANGUL_BEFORE}(?P<rm>{_MONTH_WORDS})(?:\s?(?P<rmd>\d{{1,2}})\s?{_DAY_END})?",
            # 지난 6월, 오는 3월 2일, 6월, 6월 11일
            rf"(?:{_NOT_HANGUL_BEFORE}(?P<mdir>지난|오는)\s)?{_NOT_DIGIT_BEFORE}"
            rf"(?P<bm>\d{{1,2}})\s?월(?:\s?(?P<bmd>\d{{1,2}})\s?{_DAY_END})?",
            # 지난 9일, 오는 24일, 11일
            rf"(?:{_NOT_HANGUL_BEFORE}(?P<ddir>지난|오는)\s)?{_NOT_DIGIT_BEFORE}"
            rf"(?P<bd>\d{{1,2}})\s?{_DAY_END}",
            # 1분기, 하반기 (the published year)
            rf"{_NOT_DIGIT_BEFORE}(?P<bq>[1-4])\s?분기",
            rf"{_NOT_HANGUL_BEFORE}(?P<bh>상|하)반기",
            rf"{_NOT_HANGUL_BEFORE}(?P<yw>연내|연말|연초)",
            rf"{_NOT_HANGUL_BEFORE}(?P<dw>{_DAY_WORDS})(?![가-힣]{{2}})",
        ]
    )
)


def find_dates(
    source: Source,
    start: int,
    end: int,
    published: datetime | date | None,
    *,
    anchor: date | None = None,
) -> tuple[DateMention, ...]:
    """Dates and periods in `source.text[start:end]`, in order, spans into `source.text`.

    `published` resolves relative mentions; `anchor` (an earlier date of the article) resolves
    `같은 달`, `같은 해`, `이듬해`.
    """
    pub = published.date() if isinstance(published, datetime) else published
    out: list[DateMention] = []
    for m in _DATE.finditer(source.text, start, end):
        resolved = _resolve(m, pub, anchor)
        if resolved is None:
            continue
        value, granularity, relative = resolved
        s, e = m.span()
        while e > s and source.text[e - 1].isspace():
            e -= 1
        out.append(
            DateMention(source, s, e, value=value, granularity=granularity, relative=relative)
        )
    return tuple(out)


Resolution = tuple[date | None, DateGranularity, bool]


def _resolve(m: re.Match[str], pub: date | None, anchor: date | None) -> Resolution | None:
    g = m.groupdict()
    if g["iy"]:
        value = _safe_date(int(g["iy"]), int(g["im"]), int(g["id"]))
        return (value, "day", False) if value else None
    if g["ay"]:
        return _year_period(int(g["ay"]), m, "a", relative=False)
    if g["ry"] or g["ryo"]:
        word = g["ry"] or g["ryo"]
        base = anchor if word in _ANCHORED else pub
        if base is None:
            return (None, _granularity(m, "r") if g["ry"] else "year", True)
        year = base.year + _YEAR_OFFSETS[word]
        if g["ryo"]:
            return (date(year, 1, 1), "year", True)
        return _year_period(year, m, "r", relative=True)
    if g["rm"]:
        word = g["rm"]
        base = anchor if word in _ANCHORED else pub
        granularity: DateGranularity = "day" if g["rmd"] else "month"
        if base is None:
            return (None, granularity, True)
        y, mo = _add_months(base.year, base.month, _MONTH_OFFSETS[word])
        if g["rmd"]:
            value = _safe_date(y, mo, int(g["rmd"]))
            return (value, "day", True) if value else None
        return (date(y, mo, 1), "month", True)
    if g["bm"]:
        month = int(g["bm"])
        if not 1 <= month <= 12:
            return None
        granularity = "day" if g["bmd"] else "month"
        if pub is None:
            return (None, granularity, True)
        year = pub.year
        if g["mdir"] == "지난" and month > pub.month:
            year -= 1
        elif g["mdir"] == "오는" and month < pub.month:
            year += 1
        if g["bmd"]:
            value = _safe_date(year, month, int(g["bmd"]))
            return (value, "day", True) if value else None
        return (date(year, month, 1), "month", True)
    if g["bd"]:
        day = int(g["bd"])
        if not 1 <= day <= 31:
            return None
        if pub is None:
            return (None, "day", True)
        value = _nearest_day(pub, day, forward=g["ddir"] == "오는")
        return (value, "day", True) if value else None
    if g["bq"]:
        q = int(g["bq"])
        return (date(pub.year, 3 * q - 2, 1) if pub else None, "quarter", True)
    if g["bh"]:
        return (date(pub.year, 1 if g["bh"] == "상" else 7, 1) if pub else None, "half", True)
    if g["yw"]:
        if pub is None:
            return (None, "year" if g["yw"] == "연내" else "month", True)
        if g["yw"] == "연내":
            return (date(pub.year, 1, 1), "year", True)
        return (date(pub.year, 12 if g["yw"] == "연말" else 1, 1), "month", True)
    if g["dw"]:
        if pub is None:
            return (None, "day", True)
        return (pub + timedelta(days=_DAY_OFFSETS[g["dw"]]), "day", True)
    return None


def _granularity(m: re.Match[str], p: str) -> DateGranularity:
    if m.group(f"{p}_d"):
        return "day"
    if m.group(f"{p}_m") or m.group(f"{p}_e"):
        return "month"
    if m.group(f"{p}_q"):
        return "quarter"
    if m.group(f"{p}_h"):
        return "half"
    return "year"


def _year_period(year: int, m: re.Match[str], p: str, *, relative: bool) -> Resolution | None:
    granularity = _granularity(m, p)
    if granularity in ("day", "month") and m.group(f"{p}_m"):
        month = int(m.group(f"{p}_m"))
        if not 1 <= month <= 12:
            return None
        if granularity == "day":
            value = _safe_date(year, month, int(m.group(f"{p}_d")))
            return (value, "day", relative) if value else None
        return (date(year, month, 1), "month", relative)
    if m.group(f"{p}_e"):
        return (date(year, 1 if m.group(f"{p}_e").endswith("초") else 12, 1), "month", relative)
    if granularity == "quarter":
        return (date(year, 3 * int(m.group(f"{p}_q")) - 2, 1), "quarter", relative)
    if granularity == "half":
        return (date(year, 1 if m.group(f"{p}_h") == "상" else 7, 1), "half", relative)
    return (date(year, 1, 1), "year", relative)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _add_months(year: int, month: int, offset: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + offset
    return index // 12, index % 12 + 1


def _nearest_day(pub: date, day: int, *, forward: bool) -> date | None:
    """The most recent `day`-th of a month not after `pub` (or the next not before it)."""
    step = 1 if forward else -1
    y, mo = pub.year, pub.month
    for _ in range(13):
        if day <= calendar.monthrange(y, mo)[1]:
            candidate = date(y, mo, day)
            if (candidate >= pub) if forward else (candidate <= pub):
                return candidate
        y, mo = _add_months(y, mo, step)
    return None
