"""Outlet, reporters and published date-time of a cleaned article.

Evidence comes from the clutter `summarize.article.clean` set aside (date lines, bylines,
signatures, copyright lines, tipline notices) and from the input's own fields (JSON
`outlet`/`published`/`author`, the HTML metadata trafilatura found), never from the body text,
where other outlets and dates are mentioned freely, nor from photo credits (`[사진=뉴스1]`): a
page that shows no outlet or no date gets none. The written forms are recognised in
`summarize.article.bylines`.

Outlet, strongest evidence first (the first rank that names one decides; within a rank the
first in the text):

1. the input's `outlet` field;
2. the outlet the page's copyright line or tipline notice names (`저작권자 © 한빛일보 무단전재`,
   `한빛일보는 24시간 여러분의 제보를 기다립니다`) — the page's own, even when it carries an
   agency's story;
3. a dateline or byline (`[한빛일보 홍길동 기자]`, `(서울=뉴스1) 홍길동 기자 =`, a closing
   `[한빛일보=홍길동 기자]`, `머니투데이 홍길동 기자 2024.07.05 09:04`);
4. a known outlet's name alone on a line before the body and followed by its date or a `|`
   (the source line of a portal copy), or alone above the headline (the site's logo);
5. the domain of a reporter's e-mail address (not a personal mail service: group companies share
   mail servers, so brand names beat domains — 머니S reporters write from mt.co.kr);
6. the outlet crediting its own graphics desk (`[한빛일보 그래픽]`, never an agency's credit);
7. the HTML site name, then the page URL's domain.

Published: a JSON `published` field (ISO 8601, RFC 2822 as RSS exports write it, or a written
form: `parse_datetime`); else the first value labelled as the entry time (`입력`,
`등록`, `승인`, `기사입력`, `송고`, `게재`, ...; a label alone on the line before its value counts);
else the first unlabelled date-time of a date line or byline; else an update (`수정`,
`업데이트`) or print-edition (`지면`) value; else the HTML page's date. Always in Asia/Seoul; a
value written without a time is taken at 00:00. None when there is no such line or field: a
relative date in the body (`지난 11일`) never gives one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from summarize.article.bylines import (
    DATE_LABEL,
    DATE_VALUE,
    EMAIL,
    NOT_A_NAME,
    UPDATE_LABEL,
    bracket_dateline,
    copyright_outlet,
    lazy,
    own_desk_credit,
    reporter_names,
    signoff_outlet,
    tipline_outlet,
)
from summarize.article.clean import (
    BROADCAST,
    BYLINE,
    CAPTION,
    COMMENT,
    COPYRIGHT,
    DATE_LINE,
    NAVIGATION,
    NOTICE,
    RELATED,
    SEPARATOR,
    SIGNATURE,
    Cleaned,
    is_date_line,
)
from summarize.article.outlets import (
    canonical_outlet,
    outlet_for_domain,
    outlet_named,
    outlets_in_text,
    strip_outlet_names,
)
from summarize.types import Clutter, Source

__all__ = ["Metadata", "extract_metadata", "labelled_datetimes", "parse_datetime", "reporter_names"]

SEOUL = ZoneInfo("Asia/Seoul")
_BYLINE_REASONS = (BYLINE, SIGNATURE, DATE_LINE)


@dataclass(frozen=True)
class Metadata:
    """What is known about where and when an article appeared and who wrote it."""

    outlet: str | None
    reporters: tuple[str, ...]
    published: datetime | None
    """Timezone-aware, Asia/Seoul; None when the input has no date line."""


def extract_metadata(source: Source, cleaned: Cleaned) -> Metadata:
    """Outlet, reporters and published date-time of one cleaned source."""
    return Metadata(
        outlet=_outlet(source, cleaned),
        reporters=_reporters(source, cleaned.clutter),
        published=_published(source, cleaned),
    )


# --- outlet --------------------------------------------------------------------------------------


def _outlet(source: Source, cleaned: Cleaned) -> str | None:
    if source.fields.get("outlet"):
        return canonical_outlet(source.fields["outlet"])
    ranks: list[Callable[[Cleaned], Iterator[str | None]]] = [
        _from_copyright,
        _from_bylines,
        _from_masthead,
        _from_mail,
        _from_own_credit,
    ]
    for rank in ranks:
        found = next((name for name in rank(cleaned) if name), None)
        if found:
            return found
    if source.fields.get("sitename"):
        return canonical_outlet(source.fields["sitename"])
    if source.fields.get("url"):
        return outlet_for_domain(source.fields["url"])
    return None


def _lines(cleaned: Cleaned, *reasons: str) -> Iterator[str]:
    return (c.text for c in cleaned.clutter if c.reason in reasons)


def _from_copyright(cleaned: Cleaned) -> Iterator[str | None]:
    for c in cleaned.clutter:
        if c.reason == COPYRIGHT:
            yield copyright_outlet(c.text)
        elif c.reason == NOTICE:
            yield tipline_outlet(c.text)


def _from_bylines(cleaned: Cleaned) -> Iterator[str | None]:
    for c in cleaned.clutter:
        if c.reason == BROADCAST:
            yield signoff_outlet(c.text)
        if c.reason not in _BYLINE_REASONS:
            continue
        line = c.text
        dateline = bracket_dateline(line)
        if dateline:
            yield dateline.outlet
            continue
        found = outlets_in_text(EMAIL.sub(" ", line))
        yield found[0] if found else None


def _from_masthead(cleaned: Cleaned) -> Iterator[str | None]:
    """A known outlet's name alone on a line before the body: the one followed by a date line,
    a byline or a `|`; else the only one above the headline (the site's logo; several are a
    menu), unless it is a news agency's (agencies' names stand alone under their pictures)."""
    before = [c for c in cleaned.clutter if c.start < _body_start(cleaned)]
    alone = [(n, _alone(c)) for n, c in enumerate(before) if c.reason == NAVIGATION]
    alone = [(n, name) for n, name in alone if name]
    for n, name in alone:
        following = before[n + 1] if n + 1 < len(before) else None
        if following and _close(before[n], following) and following.reason in _DATED:
            yield name
    top = cleaned.headline.start if cleaned.headline else _body_start(cleaned)
    logos = {name for n, name in alone if before[n].start < top}
    if len(logos) == 1 and len({name for _, name in alone}) == 1:
        name = logos.pop()
        entry = outlet_named(name)
        yield name if entry and entry.kind != "agency" else None


_DATED = (DATE_LINE, SIGNATURE, BYLINE, SEPARATOR)


def _alone(line: Clutter) -> str | None:
    text = line.text.lstrip("-·•∙◦▪●○ ")
    found = outlets_in_text(text)
    return found[0] if len(text) <= 20 and found == [canonical_outlet(text)] else None


def _body_start(cleaned: Cleaned) -> int:
    return cleaned.paragraphs[0].start if cleaned.paragraphs else len(_text(cleaned))


def _text(cleaned: Cleaned) -> str:
    return cleaned.clutter[0].source.text if cleaned.clutter else ""


def _close(first: Clutter, second: Clutter) -> bool:
    """The two lines follow each other (at most one blank line between)."""
    return first.source.text.count("\n", first.end, second.start) <= 2


def _from_mail(cleaned: Cleaned) -> Iterator[str | None]:
    for line in _lines(cleaned, *_BYLINE_REASONS):
        for mail in EMAIL.findall(line):
            yield outlet_for_domain(mail)


def _from_own_credit(cleaned: Cleaned) -> Iterator[str | None]:
    for line in _lines(cleaned, CAPTION):
        yield own_desk_credit(line)


# --- reporters -----------------------------------------------------------------------------------


def _reporters(source: Source, clutter: tuple[Clutter, ...]) -> tuple[str, ...]:
    names: list[str] = []
    for c in clutter:
        if c.reason in (BYLINE, SIGNATURE):
            names.extend(reporter_names(c.text) or _bare_name(c.text))
    author = source.fields.get("author", "")
    if author:
        for part in re.split(r"[,·/;]|\band\b", author):
            part = re.sub(r"\s*(?:기자|특파원)\s*$", "", part.strip())
            if part:
                names.append(part)
    return tuple(dict.fromkeys(names))


_BARE_NAME = lazy(r"[가-힣]{2,4}")
_COUNTER = lazy(r"(?:의견|댓글|조회(?:수)?|공유|추천)\s*[:：]?\s*[\d,]+")


def _bare_name(line: str) -> list[str]:
    """The one name of a signature or byline written without `기자`: `김서연 (ksy@edaily.co.kr)`,
    `SBS Biz 최유진`, `이하린입력 2024. 7. 29. 14:21`, `홍길동 승인 2024.07.05 10:01 | 의견 0`."""
    rest = EMAIL.sub(" ", line)
    rest = DATE_VALUE.sub(" ", rest)
    rest = DATE_LABEL.sub(" ", rest)
    rest = _COUNTER.sub(" ", rest)
    rest = strip_outlet_names(rest)
    rest = re.sub(r"[\s()\[\]<>/|,·=:\-]+", " ", rest).strip()
    if _BARE_NAME.fullmatch(rest) and rest not in NOT_A_NAME:
        return [rest]
    return []


# --- published -----------------------------------------------------------------------------------


def _published(source: Source, cleaned: Cleaned) -> datetime | None:
    if source.fields.get("published"):
        value = parse_datetime(source.fields["published"])
        if value:
            return value
    entry: datetime | None = None
    unlabelled: datetime | None = None
    update: datetime | None = None
    for label, value in _dated_values(cleaned):
        if label is None:
            unlabelled = unlabelled or value
        elif UPDATE_LABEL.search(label):
            update = update or value
        else:
            entry = entry or value
    found = entry or unlabelled or update
    if found:
        return found
    if source.fields.get("date"):
        return parse_datetime(source.fields["date"])
    return None


def _dated_values(cleaned: Cleaned) -> Iterator[tuple[str | None, datetime]]:
    """(label, value) of every date-time in the date lines and bylines, in text order; a label
    printed alone on its line (`입력` / `2024.10.11 09:50`) applies to the next value.
    Unlabelled values in the footer (after a copyright line, related-articles list or comment
    widget that follows the body) are the dates of listed articles, not this one's."""
    pending: str | None = None
    footer = _footer_start(cleaned)
    for c in cleaned.clutter:
        if c.reason not in _BYLINE_REASONS:
            continue
        values = labelled_datetimes(c.text)
        if not values:
            label = DATE_LABEL.search(c.text)
            pending = _label(label) if label and is_date_line(c.text) else pending
            continue
        for n, (label, value) in enumerate(values):
            label = pending if n == 0 and label is None else label
            if label is not None or c.start < footer:
                yield label, value
        pending = None


def _footer_start(cleaned: Cleaned) -> int:
    body = _body_start(cleaned)
    for c in cleaned.clutter:
        if c.start > body and c.reason in (COPYRIGHT, RELATED, COMMENT):
            return c.start
    return len(_text(cleaned)) + 1


def _label(match: re.Match[str]) -> str:
    return re.sub(r"\s+", "", match.group(0))


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
        value = _from_match(m)
        if value:
            out.append((_label(label_match) if label_match else None, value))
    return out


def parse_datetime(value: str) -> datetime | None:
    """A written date-time as an aware datetime in Asia/Seoul; None when `value` is none.

    The forms tried, in order:
    1. ISO 8601 / RFC 3339 (`datetime.fromisoformat`, which since Python 3.11 reads the basic
       and extended forms, `Z`, `+09`, `+0900`, fractions of any length, week dates):
       `2024-06-12T12:00:14+09:00`, `20240612T030014Z`, `2024-06-12 12:00`; lower-case `t`/`z`
       accepted, an RFC 9557 zone name after the offset (`+09:00[Asia/Seoul]`) ignored;
    2. RFC 2822 (`email.utils.parsedate_to_datetime`), as RSS `pubDate` and e-mail write dates:
       `Wed, 12 Jun 2024 12:00:14 +0900`, `12 Jun 2024 03:00 GMT`, `Wed, 12 Jun 24 ...`
       (two-digit years as the RFC says); RFC 2822 has no AM/PM, so a value with one is not
       read this way (the parser would drop it and take 3 PM for 03:00);
    3. written forms with the year first (`bylines.DATE_VALUE`): `2024.06.12 12:00`,
       `2024년 6월 12일 오후 3시 5분`.
    A value without an offset, with RFC 2822's "zone unknown" `-0000`, or with a zone name the
    RFC does not define (`KST`) is taken as Seoul time.
    """
    text = value.strip()
    parsed = _iso_8601(text) or _rfc_2822(text)
    if parsed is None:
        m = DATE_VALUE.search(text)
        return _from_match(m) if m else None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=SEOUL)
    return parsed.astimezone(SEOUL)


_ZONE_NAME_SUFFIX = re.compile(r"\[[A-Za-z0-9_/+\-]+\]$")
_AM_PM = re.compile(r"\b[AP]\.?M\b\.?", re.I)


def _iso_8601(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(_ZONE_NAME_SUFFIX.sub("", text).upper())
    except ValueError:
        return None


def _rfc_2822(text: str) -> datetime | None:
    from email.utils import parsedate_to_datetime  # 8-35 ms to import: only when needed

    if _AM_PM.search(text):
        return None
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):  # the parser's ways of refusing
        return None


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
            int(m.group("s") or m.group("s2") or 0),
            tzinfo=SEOUL,
        )
    except ValueError:
        return None
