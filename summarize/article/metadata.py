"""Outlet, reporters and published date-time of a cleaned article.

Evidence comes from the clutter `summarize.article.clean` set aside (date lines, bylines,
signatures, copyright lines) and from the input's own fields (JSON `outlet`/`published`/`author`,
the HTML metadata trafilatura found), never from the body text, where other outlets and dates are
mentioned freely.

Outlet, strongest evidence first: the input's `outlet` field; an outlet named in a copyright
line (`Copyright © 머니S & moneys.co.kr`); an outlet named in a byline (`[뉴스토마토 배덕훈 기자]`,
`(서울=뉴스1) 손엄지 기자 =`); the domain of a reporter's e-mail address; the HTML site name; the
page URL's domain. Brand names beat mail domains because group companies share mail servers
(머니S reporters write from mt.co.kr, 머니투데이's domain).

Published: a JSON `published` field; else the date lines' `입력`/`등록`/`기사승인`/`발행` value
(never `수정` when an entry time is there); else an unlabelled date-time line; else a `수정` /
`업데이트` value; else the HTML page's date. Always in Asia/Seoul; a value written without a time
(an HTML `date` field) is taken at 00:00. None when there is no such line or field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from summarize.article.clean import (
    BYLINE,
    COPYRIGHT,
    DATE_LABEL,
    DATE_LINE,
    DATE_VALUE,
    EMAIL,
    NOT_A_NAME,
    SIGNATURE,
    Cleaned,
)
from summarize.article.outlets import (
    canonical_outlet,
    outlet_for_domain,
    outlet_name_pattern,
    outlets_in_text,
)
from summarize.types import Source

SEOUL = ZoneInfo("Asia/Seoul")

_NAMES = re.compile(
    r"([가-힣]{2,4}(?:\s*[·,]\s*[가-힣]{2,4})*)\s?"
    r"(?:선임|수석|객원|인턴|전문|취재)?(?:기자|특파원|통신원|논설위원|편집위원|전문위원)(?![가-힣])"
)
_REGION_EQ = re.compile(r"[(\[【]\s*[가-힣]{1,10}\s*=\s*([^)\]】]{1,20})[)\]】]")


@dataclass(frozen=True)
class Metadata:
    """What is known about where and when an article appeared and who wrote it."""

    outlet: str | None
    reporters: tuple[str, ...]
    published: datetime | None
    """Timezone-aware, Asia/Seoul; None when the input has no date line."""


def extract_metadata(source: Source, cleaned: Cleaned) -> Metadata:
    """Outlet, reporters and published date-time of one cleaned source."""
    by_reason: dict[str, list[str]] = {}
    for c in cleaned.clutter:
        by_reason.setdefault(c.reason, []).append(c.text)
    return Metadata(
        outlet=_outlet(source, by_reason),
        reporters=_reporters(source, by_reason),
        published=_published(source, by_reason),
    )


# --- outlet --------------------------------------------------------------------------------------


def _outlet(source: Source, by_reason: dict[str, list[str]]) -> str | None:
    if source.fields.get("outlet"):
        return canonical_outlet(source.fields["outlet"])
    for line in by_reason.get(COPYRIGHT, []):
        found = outlets_in_text(line)
        if found:
            return found[0]
    for line in by_reason.get(BYLINE, []) + by_reason.get(SIGNATURE, []):
        region = _REGION_EQ.search(line)  # (서울=뉴스1)
        if region and outlets_in_text(region.group(1)):
            return outlets_in_text(region.group(1))[0]
        without_mail = EMAIL.sub(" ", line)
        found = outlets_in_text(without_mail)
        if found:
            return found[0]
    for line in by_reason.get(SIGNATURE, []) + by_reason.get(BYLINE, []):
        for mail in EMAIL.findall(line):
            name = outlet_for_domain(mail)
            if name:
                return name
    if source.fields.get("sitename"):
        return canonical_outlet(source.fields["sitename"])
    if source.fields.get("url"):
        return outlet_for_domain(source.fields["url"])
    return None


# --- reporters -----------------------------------------------------------------------------------


def _reporters(source: Source, by_reason: dict[str, list[str]]) -> tuple[str, ...]:
    names: list[str] = []
    lines = by_reason.get(BYLINE, []) + by_reason.get(SIGNATURE, [])
    for line in lines:
        names.extend(reporter_names(line) or _bare_name(line))
    author = source.fields.get("author", "")
    if author:
        for part in re.split(r"[,·/;]|\band\b", author):
            part = re.sub(r"\s*(?:기자|특파원)\s*$", "", part.strip())
            if part:
                names.append(part)
    return tuple(dict.fromkeys(names))


def reporter_names(line: str) -> list[str]:
    """Reporter names in a byline or signature.

    `홍길동·김철수 기자 hong@x.kr` -> [홍길동, 김철수].
    """
    names = []
    for m in _NAMES.finditer(EMAIL.sub(" ", line)):
        for name in re.split(r"\s*[·,]\s*", m.group(1)):
            if name and name not in NOT_A_NAME and not outlets_in_text(name):
                names.append(name)
    return names


_BARE_NAME = re.compile(r"[가-힣]{2,4}")


def _bare_name(line: str) -> list[str]:
    """The one name of a signature or byline written without `기자`: `김서연 (ksy@edaily.co.kr)`,
    `SBS Biz 최유진`, `이하린입력 2024. 7. 29. 14:21`."""
    rest = EMAIL.sub(" ", line)
    rest = DATE_VALUE.sub(" ", rest)
    rest = DATE_LABEL.sub(" ", rest)
    rest = outlet_name_pattern().sub(" ", rest)
    rest = rest.strip(" ()[]<>/|,·=-:")
    if _BARE_NAME.fullmatch(rest) and rest not in NOT_A_NAME:
        return [rest]
    return []


# --- published -----------------------------------------------------------------------------------


def _published(source: Source, by_reason: dict[str, list[str]]) -> datetime | None:
    if source.fields.get("published"):
        value = parse_datetime(source.fields["published"])
        if value:
            return value
    entry: datetime | None = None
    unlabelled: datetime | None = None
    update: datetime | None = None
    for line in by_reason.get(DATE_LINE, []) + by_reason.get(SIGNATURE, []):
        for label, value in labelled_datetimes(line):
            if label is None:
                unlabelled = unlabelled or value
            elif "수정" in label or "업데이트" in label:
                update = update or value
            else:
                entry = entry or value
    found = entry or unlabelled or update
    if found:
        return found
    if source.fields.get("date"):
        return parse_datetime(source.fields["date"])
    return None


def labelled_datetimes(line: str) -> list[tuple[str | None, datetime]]:
    """Every date-time in a date line with the label written before it (`입력`, `수정`, ...)."""
    out: list[tuple[str | None, datetime]] = []
    matches = list(DATE_VALUE.finditer(line))
    for n, m in enumerate(matches):
        before = list(DATE_LABEL.finditer(line, matches[n - 1].end() if n else 0, m.start()))
        # `2024-03-05 10:12 송고`: some outlets write the label after the value.
        after = DATE_LABEL.match(
            line, m.end() + len(line[m.end() :]) - len(line[m.end() :].lstrip())
        )
        label_match = before[-1] if before else after
        label = re.sub(r"\s+", "", label_match.group(0)) if label_match else None
        value = _from_match(m)
        if value:
            out.append((label, value))
    return out


def parse_datetime(value: str) -> datetime | None:
    """An ISO 8601 or Korean-style date-time as an aware datetime in Asia/Seoul (naive values
    are taken as Seoul time)."""
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        m = DATE_VALUE.search(text)
        return _from_match(m) if m else None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=SEOUL)
    return parsed.astimezone(SEOUL)


def _from_match(m: re.Match[str]) -> datetime | None:
    hour = int(m.group("h") or 0)
    ampm = (m.group("ampm") or "").lower()
    if ampm in ("오후", "pm") and hour < 12:
        hour += 12
    elif ampm in ("오전", "am") and hour == 12:
        hour = 0
    try:
        return datetime(
            int(m.group("y")),
            int(m.group("mo")),
            int(m.group("d")),
            hour,
            int(m.group("mi") or 0),
            int(m.group("s") or 0),
            tzinfo=SEOUL,
        )
    except ValueError:
        return None
