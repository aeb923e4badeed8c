"""Numbers with units and counters, normalised: `4870만명` -> 48,700,000 명, `6엑사바이트` -> 6 EB.

A quantity is an Arabic numeral, optionally with Korean place words (`1조2000억`, `4만5000`,
`3천`), followed by a unit or counter (`명`, `건`, `MW`, `%`, `원`). Bare numbers are kept only
when a place word makes them a count (`50만`); other bare digits (stock codes, versions, years)
are not quantities. Dates (`2024년`, `11일`, `6월`, `1분기`) belong to `summarize.article.dates`.
Hedges are recorded in `Quantity.qualifier` and included in the span (`300여개`, `10배 이상`,
`약 3조원`). Numbers written in Hangul words (`두 배`, `세 차례`) are not read.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence

from summarize.types import Quantity, Source

_SMALL_PLACES = {"십": 10, "백": 100, "천": 1000}
_BIG_PLACES = {"만": 10**4, "억": 10**8, "조": 10**12, "경": 10**16}

#: Spelled-out or variant units -> the normalised unit. Keys are matched case-sensitively except
#: for Latin units, which are matched case-insensitively and normalised through this table.
UNIT_ALIASES: dict[str, str] = {
    "엑사바이트": "EB",
    "페타바이트": "PB",
    "테라바이트": "TB",
    "기가바이트": "GB",
    "메가바이트": "MB",
    "킬로바이트": "KB",
    "기가와트시": "GWh",
    "메가와트시": "MWh",
    "킬로와트시": "kWh",
    "기가와트": "GW",
    "메가와트": "MW",
    "킬로와트": "kW",
    "킬로미터": "km",
    "킬로그램": "kg",
    "센티미터": "cm",
    "밀리미터": "mm",
    "제곱미터": "m²",
    "㎡": "m²",
    "㎞": "km",
    "㎏": "kg",
    "미터": "m",
    "퍼센트포인트": "%p",
    "%포인트": "%p",
    "％포인트": "%p",
    "㎝": "cm",
    "㎜": "mm",
    "㎾": "kW",
    "㎿": "MW",
    "퍼센트": "%",
    "프로": "%",
    "％": "%",
    "개국": "개국",
    "℃": "도",
    "°C": "도",
    "년간": "년",
    "일간": "일",
}

_LATIN_UNITS = [
    "EB", "PB", "TB", "GB", "MB", "KB", "GWh", "MWh", "kWh", "TWh", "GW", "MW", "kW",
    "Gbps", "Mbps", "km", "kg", "cm", "mm", "m²", "%p", "%", "bp",
]  # fmt: skip
_LATIN_CANON = {u.lower(): u for u in _LATIN_UNITS}

_KOREAN_COUNTERS = [
    "명", "건", "개국", "개사", "개월", "개", "곳", "대", "배", "원", "달러", "위안", "엔", "유로",
    "파운드", "회", "차례", "번", "위", "가구", "세대", "세", "살", "척", "편", "종", "권", "장",
    "점", "표", "석", "평", "층", "채", "마리", "그루", "톤", "리터", "배럴", "주년", "주",
    "시간", "분", "초", "포인트", "년간", "일간", "년", "가지", "팀", "호", "단계", "부", "대",
    "도",
]  # fmt: skip

_UNIT_WORDS = sorted({*UNIT_ALIASES, *_LATIN_UNITS, *_KOREAN_COUNTERS}, key=lambda u: (-len(u), u))
_UNIT_RE = "|".join(re.escape(u) for u in _UNIT_WORDS)

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_NUMERAL = (
    rf"(?:{_NUM})(?:[십백천](?:{_NUM})?)*(?:[만억조경](?:\s?(?:{_NUM})(?:[십백천](?:{_NUM})?)*)?)*"
)

_PREFIX_QUALIFIERS = {"약": "approx", "최대": "at most", "최소": "at least", "무려": ""}
_SUFFIX_QUALIFIERS = {
    "이상": "at least",
    "이하": "at most",
    "미만": "less than",
    "초과": "more than",
    "넘게": "more than",
    "가량": "approx",
    "정도": "approx",
    "안팎": "approx",
    "남짓": "approx",
    "내외": "approx",
    "쯤": "approx",
    "여": "approx",
    "대": "approx",
}

_PREFIX_RE = "|".join(_PREFIX_QUALIFIERS)
_SUFFIX_RE = "|".join(w for w in _SUFFIX_QUALIFIERS if w not in ("여", "대"))
"""Suffix qualifiers written as a word of their own; `여` and `대` follow the numeral tightly."""

_QUANTITY = re.compile(
    rf"(?<![A-Za-z0-9.,\-])"
    rf"(?:(?P<prefix>{_PREFIX_RE})\s)?"
    rf"(?P<sign>-(?=\d))?"
    rf"(?P<num>{_NUMERAL})"
    rf"(?P<approx>여)?"
    rf"(?:\s?(?P<unit>{_UNIT_RE}))?"
    rf"(?P<alias>\((?:{_UNIT_RE})\))?"
    rf"(?:\s?(?P<suffix>{_SUFFIX_RE})"
    rf"|(?P<tight>여|대)(?:(?![가-힣])|(?=만\s?에|로|를|에|의|가|는|도|인|이|다)))?",
    re.IGNORECASE,
)

# Units that need a boundary after them: a Latin unit must not run into more Latin letters
# (`6MBps`), `분` must not be `분기` (a quarter) or `분의` (a fraction), `년` must not start a date.
_BAD_AFTER = {
    "분": re.compile(r"기|의"),
    "년": re.compile(r"\s?\d{1,2}\s?월|도\s?\d|대"),
    "주": re.compile(r"[가-힣]"),
    "대": re.compile(r"[가-힣]{2}"),
    "번": re.compile(r"째"),
    "위": re.compile(r"[가-힣]"),
    "부": re.compile(r"[가-힣]"),
    "호": re.compile(r"[가-힣]"),
    # `30.1도를`, `35도 안팎`: a temperature or angle; `도` that starts a word is not a unit.
    "도": re.compile(
        r"(?!(?:를|로|의|에|까지|가|는|나|씩|선|대|안팎|가량|이상|이하|미만|넘게|를|이다|였)"
        r"(?![가-힣]))[가-힣]"
    ),
}

#: Scales written before their number: `규모 4.7`, `진도 5`, `코스피 2,650.3`, `규모를 4.9로`.
_LEADING_UNIT = re.compile(
    rf"(?<![가-힣])(?P<unit>규모|진도|코스피|코스닥|나스닥|지수)(?:는|가|를|은|이)?\s?"
    rf"(?P<num>{_NUM})"
    rf"(?![\d.,]|\s?(?:{_UNIT_RE}))"
)
_SAME_SCALE = re.compile(rf"(?<![\d.,])(?P<num>{_NUM})(?=(?:에서|으로|로|까지)(?![가-힣]))|[.!?\n]")
_SAME_SCALE_REACH = 40
#: A time of day (`8시 12분`, `오후 2시 5분 30초`): its minutes and seconds are no quantity.
_CLOCK_BEFORE = re.compile(r"(?<![\d.])\d{1,2}\s?시\s?(?:\d{1,2}\s?분\s?)?$")


_NUMERAL_ALONE = re.compile(rf"(?<![\d.,])(?:{_NUMERAL})")


def find_numerals(text: str) -> list[tuple[int, int, float]]:
    """Every numeral written with digits in `text`, unit or not: `(start, end, value)`
    (`4870만명` -> the span of `4870만` and 48_700_000). The same numeral grammar as
    `find_quantities`, for text where only the values matter (the summary guard)."""
    out = []
    for m in _NUMERAL_ALONE.finditer(text):
        value = parse_korean_number(m.group())
        if value is not None:
            out.append((m.start(), m.end(), value))
    return out


def figures_in_text(text: str) -> frozenset[tuple[float, str]]:
    """The comparable `(value, unit)` figures of a plain text, read as claims read them
    (`find_quantities` then `comparable_figures`): `1조2000억원` -> {(1.2e12, '원')}."""
    source = Source(id="text", path="", text=text)
    return frozenset(comparable_figures(find_quantities(source, 0, len(text))))


def parse_korean_number(text: str) -> float | None:
    """The value of a numeral written with Arabic digits and Korean place words.

    `4870만` -> 48_700_000, `4만5000` -> 45_000, `1조2000억` -> 1.2e12, `1,000` -> 1000,
    `3천` -> 3000, `2.5조` -> 2.5e12, `100억` -> 1e10. Spaces are ignored. None when `text` is not
    such a numeral.
    """
    s = text.replace(" ", "").replace(",", "")
    if not s or not re.fullmatch(r"(?:\d+(?:\.\d+)?|[십백천만억조경])+", s) or not s[0].isdigit():
        return None
    total = 0.0
    section = 0.0  # the part below the current big place (below 만)
    current: float | None = None
    for part in re.findall(r"\d+(?:\.\d+)?|[십백천만억조경]", s):
        if part[0].isdigit():
            if current is not None:
                return None  # two numbers in a row
            current = float(part)
        elif part in _SMALL_PLACES:
            section += (1.0 if current is None else current) * _SMALL_PLACES[part]
            current = None
        else:
            block = section + (current or 0.0)
            total += (block or 1.0) * _BIG_PLACES[part]
            section, current = 0.0, None
    return total + section + (current or 0.0)


def normalise_unit(unit: str) -> str:
    """`엑사바이트` -> `EB`, `mw` -> `MW`, `퍼센트` -> `%`; Korean counters stay as they are."""
    if unit in UNIT_ALIASES:
        return UNIT_ALIASES[unit]
    return _LATIN_CANON.get(unit.lower(), unit)


def find_quantities(source: Source, start: int, end: int) -> tuple[Quantity, ...]:
    """Quantities in `source.text[start:end]`, in order, with spans into `source.text`."""
    text = source.text
    out: list[Quantity] = []
    for m in _QUANTITY.finditer(text, start, end):
        quantity = _quantity(source, m, end)
        if quantity is not None:
            out.append(quantity)
    for m in _LEADING_UNIT.finditer(text, start, end):
        if any(q.start <= m.start("num") < q.end for q in out):
            continue
        value = parse_korean_number(m.group("num"))
        if value is None:
            continue
        unit = m.group("unit")
        out.append(Quantity(source, m.start(), m.end(), value=value, unit=unit))
        # `규모가 4.9에서 4.6으로`, `규모를 4.9로 추정했다가 ... 4.6으로`: bare numbers that
        # follow closely, each before 에서/(으)로/까지, are values on the same scale.
        for to in _SAME_SCALE.finditer(text, m.end(), min(end, m.end() + _SAME_SCALE_REACH)):
            if to.group("num") is None:
                break  # the sentence ended
            to_value = parse_korean_number(to.group("num"))
            if to_value is not None:
                out.append(
                    Quantity(source, to.start("num"), to.end("num"), value=to_value, unit=unit)
                )
    for m in _NATIVE.finditer(text, start, end):
        value = _NATIVE_VALUES[m.group("num")]
        out.append(Quantity(source, m.start(), m.end(), value=float(value), unit=m.group("unit")))
    return tuple(sorted(out, key=lambda q: q.start))


_NATIVE_VALUES = {
    "한": 1, "두": 2, "세": 3, "석": 3, "네": 4, "넉": 4, "다섯": 5, "여섯": 6, "일곱": 7,
    "여덟": 8, "아홉": 9, "열": 10, "스무": 20,
}  # fmt: skip
_NATIVE = re.compile(
    r"(?<![가-힣])(?P<num>다섯|여섯|일곱|여덟|아홉|스무|한|두|세|석|네|넉|열)\s?"
    r"(?P<unit>배|곳|차례|번|명|개|가지|군데|개국|개사|대|건|척|달|해)"
    r"(?=$|[^가-힣]|(?:로|에|을|를|이|가|은|는|의|도|씩|와|과|만)(?![가-힣]{2}))"
)
"""A count written in native Korean words: `두 배`, `세 곳`, `세 차례`, `네 명`."""


def _quantity(source: Source, m: re.Match[str], limit: int) -> Quantity | None:
    text = source.text
    numeral = m.group("num")
    value = parse_korean_number(numeral)
    if value is None:
        return None
    unit_raw = m.group("unit") or ""
    has_place = bool(re.search(r"[만억조경]", numeral))
    span_end = m.end()
    if m.group("sign"):
        value = -value
    if unit_raw:
        unit_end = m.end("unit")
        bad = _BAD_AFTER.get(unit_raw)
        after = text[unit_end:limit]
        if after.startswith("당"):
            return None  # `1000명당`, `1인당`: the base of a rate, not a count
        if (bad and bad.match(after)) or (unit_raw.isascii() and _latin_continues(after)):
            return None
        if unit_raw == "년" and value >= 1000:
            return None  # a year: dates.py
        if unit_raw in ("분", "초") and _CLOCK_BEFORE.search(
            text, max(0, m.start() - 12), m.start()
        ):
            return None  # a time of day
        if unit_raw == "도" and "." not in numeral and value >= 1000:
            return None  # `2024년도`-like
        unit = normalise_unit(unit_raw)
    elif has_place:
        unit = ""
        span_end = m.end("num")
        if m.group("approx"):
            span_end = m.end("approx")
    else:
        return None
    qualifier = ""
    prefix = m.group("prefix")
    if prefix:
        qualifier = _PREFIX_QUALIFIERS[prefix]
    if m.group("approx"):
        qualifier = "approx"
    if unit_raw:
        suffix = m.group("suffix") or m.group("tight")
        if suffix and not (suffix == "대" and unit_raw == "대"):
            qualifier = _SUFFIX_QUALIFIERS[suffix] or qualifier
        elif not suffix:
            span_end = m.end("alias") if m.group("alias") else m.end("unit")
    span_start = (
        m.start("prefix") if prefix and qualifier else m.start("sign" if m.group("sign") else "num")
    )
    while span_end > span_start and text[span_end - 1].isspace():
        span_end -= 1
    return Quantity(source, span_start, span_end, value=value, unit=unit, qualifier=qualifier)


def _latin_continues(after: str) -> bool:
    return bool(after) and after[0].isascii() and after[0].isalnum()


@functools.lru_cache(maxsize=65536)
def last_digit_place(value: float) -> float:
    """The place value of the last non-zero digit of `value` as written in decimal:
    23.31 -> 0.01, 1452 -> 1, 6700억 (6.7e11) -> 1e10. What a rounded figure is precise to."""
    if value == 0:
        return 1.0
    for power in range(-6, 18):
        scaled = abs(value) / 10.0**power
        if abs(scaled - round(scaled)) > 1e-6 * max(1.0, scaled):
            return 10.0 ** (power - 1)
    return 10.0**17


@functools.lru_cache(maxsize=65536)
def same_value(a: float, b: float) -> bool:
    """Whether two written figures state the same value: equal, or one the other rounded to
    its own precision (`23.31` ~ `23.3` ~ `23`, `1452.24` ~ `1,452`, `8조3044억` ~
    `8조3000억`). The coarser figure must keep two significant digits, so that
    `0.7` is not taken for `0.72` (a one-digit figure is usually a rounder, other statement)."""
    a, b = abs(a), abs(b)  # `자연 감소 12만2800명` = `자연 증가 -12만2800명`
    if math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12):
        return True
    (coarse, value), (_, precise) = sorted(
        ((last_digit_place(a), a), (last_digit_place(b), b)), reverse=True
    )
    if abs(value) / coarse < 10:
        return False
    return abs(abs(precise) - abs(value)) <= coarse / 2 * (1 + 1e-9)


def comparable_figures(quantities: Sequence[Quantity]) -> list[tuple[float, str]]:
    """(value, unit) of the quantities in a form that makes equal statements equal: a period in
    years and months in months (`3년 2개월` -> 38 개월, `1년 9개월` -> 21 개월), basis points in
    percentage points (`25bp` -> 0.25 %p)."""
    out: list[tuple[float, str]] = []
    skip = False
    for k, q in enumerate(quantities):
        if skip:
            skip = False
            continue
        nxt = quantities[k + 1] if k + 1 < len(quantities) else None
        if q.unit == "년" and nxt is not None and nxt.unit == "개월" and nxt.start - q.end <= 2:
            out.append((12 * q.value + nxt.value, "개월"))
            skip = True
        elif q.unit == "년":
            out.append((12 * q.value, "개월"))
        elif q.unit == "bp":
            out.append((q.value / 100, "%p"))
        else:
            out.append((q.value, q.unit))
    return out
