"""Where a page names its own outlet, reporters and publish time.

The written forms, as Korean news pages print them:

- bracket datelines opening the body: `[이데일리 홍길동 기자]`, `【한빛일보 안산=홍길동 기자】`,
  `[한빛일보=홍길동 기자]`, `(서울=뉴스1) 홍길동 기자 =`, `[세종=이데일리 홍길동 기자]`;
- the same brackets closing the body (`...했다. [한빛일보=홍길동 기자]`);
- copyright lines: `저작권자 © 한빛일보 무단전재 및 재배포 금지`, `<저작권자ⓒ한빛일보. 무단전재>`,
  `Copyright © 한빛일보 All rights reserved`, `세상을 보는 눈, 한빛일보 Copyright ©`;
- tipline notices: `한빛일보는 24시간 여러분의 제보를 기다립니다`, `한빛TV 기사문의 및 제보 : ...`;
- byline and date lines with separators: `한빛일보 홍길동 기자, 김철수 기자 | 2022.10.15 17:22`,
  `hong@naver.com | 2022-10-15 17:51:49`, `홍길동 승인 2024.07.05 10:01 | 최종 수정 ... 의견 0`.

An outlet is read from these forms only, never from a name in the body or in a photo credit
(`[사진=뉴스1]`, `뉴스1과의 통화에서`). A name that is not in the outlet table
(`summarize.article.outlets`) is accepted where the form itself says it is an outlet: before a
reporter's name inside a dateline bracket, after `©` in a copyright line, before a tipline
notice; `plausible_outlet` rejects section labels, credits and places standing there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass


class LazyPattern:
    """A regular expression compiled on its first use. A page meets only some of the cleaning
    and byline rules, and compiling all of them up front is a measurable part of a cold start;
    `pattern` is there without compiling (patterns are built from each other's text)."""

    __slots__ = ("_compiled", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        return self.compiled().match(text, pos)

    def fullmatch(self, text: str) -> re.Match[str] | None:
        return self.compiled().fullmatch(text)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        return self.compiled().search(text, pos, len(text) if endpos is None else endpos)

    def finditer(
        self, text: str, pos: int = 0, endpos: int | None = None
    ) -> Iterator[re.Match[str]]:
        return self.compiled().finditer(text, pos, len(text) if endpos is None else endpos)

    def findall(self, text: str) -> list:
        return self.compiled().findall(text)

    def sub(self, repl: str, text: str) -> str:
        return self.compiled().sub(repl, text)

    def split(self, text: str) -> list[str]:
        return self.compiled().split(text)


def lazy(pattern: str, flags: int = 0) -> LazyPattern:
    """`re.compile`, deferred to the first use."""
    return LazyPattern(pattern, flags)


EMAIL = lazy(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
"""An e-mail address."""

REPORTER_TITLE = (
    r"(?:선임|수석|객원|인턴|전문|취재|사진|영상)?(?:기자|특파원|통신원|논설위원|편집위원|전문위원)"
)
REPORTER = lazy(rf"([가-힣]{{2,4}})\s?{REPORTER_TITLE}(?![가-힣])")
"""A reporter's name and title, `홍길동 기자` (group 1 is the name)."""
REPORTERS = lazy(
    rf"[가-힣]{{2,4}}(?:\s*[·,]\s*[가-힣]{{2,4}})*\s?{REPORTER_TITLE}(?![가-힣])"
    rf"(?:\s*[·,]\s*[가-힣]{{2,4}}(?:\s*[·,]\s*[가-힣]{{2,4}})*\s?{REPORTER_TITLE}(?![가-힣]))*"
)
"""One or more reporters: `홍길동·김철수 기자`, `홍길동 기자, 김철수 기자`."""

DATE_LABEL = lazy(
    r"(?:기사\s*)?(?:최초\s*입력|최종\s*수정|최종\s*업데이트|입력|수정|등록|승인|발행|송고|"
    r"업데이트|게재|게시|작성|공개|지면)(?:\s*일시?|\s*시간)?"
    r"|(?:[Pp]ublished|[Pp]osted|[Uu]pdated|[Mm]odified|[Ll]ast\s+[Uu]pdated)(?:\s+on)?"
)
"""The label of a date: `입력`, `기사입력`, `수정`, `승인`, `등록일`, `최종 수정`, ..."""
UPDATE_LABEL = lazy(r"수정|업데이트|지면|[Uu]pdated|[Mm]odified")
"""Labels of a later date (an update, the print edition), not the publish time."""
DATE_VALUE = lazy(
    r"(?P<y>(?:19|20)\d{2})\s*[.\-/년]\s*(?P<mo>\d{1,2})\s*[.\-/월]\s*(?P<d>\d{1,2})\s*[.일]?"
    r"(?:\s*\(?[월화수목금토일]\)?)?"
    r"(?:\s*[(\[]?\s*(?P<ampm>오전|오후|AM|PM|am|pm)?\s*(?P<h>\d{1,2})\s*[:시]\s*(?P<mi>\d{2})"
    r"(?:\s*:\s*(?P<s>\d{2})|\s*분(?:\s*(?P<s2>\d{2})\s*초)?)?\s*[)\]]?)?"
)
"""A written date-time, `2024-06-12 12:00:14`, `2021.11.17 11:28`, `2023-11-24 오후 2:05:26`,
`2024. 6. 12. 오후 3:12`, `2024년 6월 12일(수) 17시 45분 10초`."""


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_BRACKET = lazy(r"^\s*[\[【(〔<〈]\s*([^\[\]【】()〔〕<>〈〉\n]{1,45}?)\s*[\]】)〕>〉]")
_SPACES_EQ = lazy(r"\s*=?\s*")
_SEPARATORS = lazy(r"\s*[=|ㅣ/]\s*")
_CREDIT_WORDS = lazy(
    r"^(?:사진|그래픽|자료|출처|제공|영상|이미지|일러스트|캡처|캡쳐|편집|디자인|사진\s*제공|"
    r"자료\s*제공|영상\s*제공|촬영|편집자\s*주|디자이너)"
)
NOT_AN_OUTLET = _words(
    """
    사진 그래픽 자료 제공 영상 인터뷰 단독 속보 종합 르포 기획 사설 칼럼 포토 앵커 리포트 기자
    특파원 편집국 취재팀 공동취재단 사진공동취재단 공동취재 온라인 디지털 뉴스 본지 인턴 현장
    이슈 기자수첩 시론 오피니언 여론 팩트체크 취재 데스크 경제 정치 사회 국제 문화 스포츠 연예
    산업 논설위원 편집위원 전문위원 객원 특별기고 기고 인사 부고 동정 알림 전문 일문일답 해설
    분석 상보 1보 2보 3보 종합2보 포토뉴스 영상뉴스 카드뉴스 그래픽뉴스 인포그래픽 뉴스룸
    편집부 보도국 정치부 경제부 사회부 국제부 산업부 금융부 증권부 문화부 체육부 디지털뉴스부
    온라인뉴스팀 뉴스팀 이슈팀 기획취재팀 탐사보도팀 취재부 사진부 영상부 디자이너 저작권자
    무단전재 copyright all rights reserved
    """
)
"""Words that stand where an outlet's name would (`[단독]`, `[사진공동취재단]`, `ⓒ 사진부`)."""


def plausible_outlet(name: str) -> bool:
    """Whether a name read from an outlet's place in a dateline, copyright line or tipline can be
    an outlet: 2-20 characters of Hangul, Latin letters and digits (with `&`, `·`, `.`, `-`,
    spaces) with at least one Hangul syllable, not a section label, a credit word, a reporter
    title or a place."""
    from summarize.article.places import is_place

    name = name.strip()
    if not 2 <= len(name) <= 20 or not re.fullmatch(r"[가-힣A-Za-z0-9&·.\- ]+", name):
        return False
    if not re.search(r"[가-힣]", name) or re.search(REPORTER_TITLE, name):
        return False  # an unknown name written only in Latin letters is usually an English
        # rendering of a Korean masthead (`Heraldcorp`), not the name the outlet goes by
    if name.lower() in NOT_AN_OUTLET or name.lower().split()[0] in NOT_AN_OUTLET:
        return False  # `속보`, `사진 제공`
    return not (_CREDIT_WORDS.match(name) or is_place(name))


def _known_or_plausible(text: str) -> str | None:
    """The table's outlet named in `text`, else `text` itself when it can be an outlet name."""
    from summarize.article.outlets import outlets_in_text

    found = outlets_in_text(text)
    if found:
        return found[0]
    return text.strip() if plausible_outlet(text) else None


@dataclass(frozen=True)
class Dateline:
    """A bracket dateline at the start of a line: where it ends, the outlet and reporters."""

    end: int
    """Offset in the line just past the dateline (and the reporter names after it)."""
    outlet: str | None
    reporters: tuple[str, ...]


def bracket_dateline(line: str) -> Dateline | None:
    """The dateline opening `line`, or None.

    Inside the bracket, reporter names (with their title) come last; what stands before them
    is the outlet, possibly with a region (`안산=`, `세종=`), in the forms `OUTLET NAME 기자`,
    `OUTLET=NAME 기자`, `OUTLET REGION=NAME 기자`, `REGION=OUTLET NAME 기자` and
    `(REGION=OUTLET) NAME 기자 =`. A bracket with neither reporters nor `=` is a dateline only
    when it holds just a known outlet's name (`[파이낸셜뉴스]`); credits (`[사진=뉴스1]`) are
    not datelines.
    """
    m = _BRACKET.match(line)
    if not m:
        return None
    inner = EMAIL.sub(" ", m.group(1)).strip()
    names = _reporters_at_end(inner)
    rest = inner[: names.start()] if names else inner
    if _CREDIT_WORDS.match(rest.strip()):
        return None
    end, reporters = _reporters_after(line, m.end())
    if names:
        reporters = reporter_names(inner[names.start() :])
    if not names and "=" not in rest and not reporters:
        outlet = _known_or_plausible(rest) if _only_outlet_names(rest) else None
        return Dateline(end, outlet, ()) if outlet else None
    if not (names or "=" in rest or reporters):
        return None
    return Dateline(end, _outlet_before_names(rest), tuple(reporters))


def _reporters_after(line: str, pos: int) -> tuple[int, list[str]]:
    """`(서울=뉴스1) 홍길동 기자 = `: where the reporters after a bracket end, and their names."""
    start = pos + len(line[pos:]) - len(line[pos:].lstrip())
    names = REPORTERS.match(line, start)
    end = _SPACES_EQ.match(line, names.end() if names else pos).end()
    return end, reporter_names(names.group(0)) if names else []


def _reporters_at_end(inner: str) -> re.Match[str] | None:
    last = None
    for m in REPORTERS.finditer(inner):
        last = m
    return last if last and not inner[last.end() :].strip(" =·,") else None


def _only_outlet_names(text: str) -> bool:
    from summarize.article.outlets import strip_outlet_names

    return bool(text.strip()) and strip_outlet_names(text, "").strip(" ·&") == ""


def _outlet_before_names(rest: str) -> str | None:
    """The outlet in what precedes the reporter names inside a dateline bracket."""
    from summarize.article.places import is_place

    parts = [p for p in _SEPARATORS.split(rest.strip(" =")) if p.strip()]
    if not parts:
        return None
    if len(parts) >= 2:
        # REGION=OUTLET (the agencies' form) or OUTLET=... with a region on one side
        region_first = is_place(parts[0].split()[-1])
        candidate = parts[1] if region_first else parts[0]
        if not region_first and not rest.rstrip().endswith("=") and not is_place(parts[1]):
            return None
    else:
        candidate = parts[0]
    words = candidate.split()
    while len(words) > 1 and is_place(words[-1]):
        words.pop()  # `파이낸셜뉴스 안산`: the outlet and the reporter's region
    return _known_or_plausible(" ".join(words))


_TITLE = lazy(REPORTER_TITLE)
NOT_A_NAME = frozenset(
    {
        "사진", "영상", "취재", "디지털", "온라인", "뉴스", "본지", "특별", "기획", "편집",
        "경제", "헤드라인", "메일", "이메일", "전화", "팩스", "제보", "구독", "기사", "속보",
        "단독", "채널", "더보기", "주요뉴스", "랭킹", "댓글", "포토", "홈", "영상편집", "그래픽",
        "오피니언", "기자명", "취재기자", "담당", "작성자",
    }
)  # fmt: skip
"""Words that stand where a reporter's name would (`[메일]`, `한국경제 헤드라인`)."""


def reporter_names(text: str) -> list[str]:
    """Reporter names in a byline or signature:
    `홍길동·김철수 기자 hong@x.kr` -> [홍길동, 김철수]."""
    from summarize.article.outlets import outlets_in_text

    names = []
    for m in REPORTERS.finditer(EMAIL.sub(" ", text)):
        for name in re.split(r"\s*[·,]\s*", _TITLE.sub(",", m.group(0)).strip(" ,")):
            if name and name not in NOT_A_NAME and not outlets_in_text(name):
                names.append(name)
    return names


_TRAILING_SIGNATURE = lazy(
    r"(?<=[.!?”’\"')\]다])\s*(?P<sig>[\[【(〔]\s*[^\[\]【】()〔〕\n]{0,30}?"
    rf"{REPORTER_TITLE}[^\[\]【】()〔〕\n]{{0,40}}[\]】)〕])\s*$"
)


def trailing_signature(line: str) -> re.Match[str] | None:
    """A `[OUTLET=NAME 기자]` signature closing a body line after its last sentence (group
    `sig`), or None."""
    m = _TRAILING_SIGNATURE.search(line)
    return m if m and m.start("sig") > 0 else None


# --- copyright lines and tipline notices ----------------------------------------------------------

COPYRIGHT_WORDS = lazy(
    r"copyright|무단\s*(?:전재|복제|배포)|재배포\s*금지|all rights reserved|저작권자|AI\s*학습",
    re.I,
)
_COPYRIGHT_NAME = lazy(
    r"(?:copyrights?\s*(?:by)?\s*[:]?\s*(?:ⓒ|©|\(c\))?|ⓒ|©|\(c\)|저작권자\s*(?:ⓒ|©|\(c\))?)"
    r"\s*(?P<name>[^.,<>\[\]()|ⓒ©]{2,40}?)\s*(?=[.,<>\[\]()|]|무단|all\s|&|\s+all|$)",
    re.I,
)
_OWNER = lazy(r"이\s*기사의\s*저작권은\s*(?P<name>[^\s]{2,20}?)에\s*있")
_CONTENTS_OF = lazy(r"^(?P<name>[^\s]{2,20}?)의\s*모든\s*(?:콘텐[츠트]|기사|저작물)")


def copyright_outlet(line: str) -> str | None:
    """The outlet a copyright line names: the name after `©`/`ⓒ`/`Copyright`/`저작권자` (a known
    outlet in it, else its last word when a slogan precedes it: `ⓒ 세상을 잇는 한빛일보` ->
    한빛일보), or the owner in `이 기사의 저작권은 X에 있습니다` and `X의 모든 콘텐츠는 ...`;
    else a known outlet anywhere in the line (`세상을 보는 눈, 한빛일보 Copyright`). None for a
    line that is not a copyright notice or that credits a picture (`[사진 출처=...]`)."""
    from summarize.article.outlets import outlets_in_text

    if not COPYRIGHT_WORDS.search(line) or _PICTURE_CREDIT.search(line):
        return None
    for pattern in (_COPYRIGHT_NAME, _OWNER, _CONTENTS_OF):
        for m in pattern.finditer(line):
            name = m.group("name").strip(" -")
            known = outlets_in_text(name)
            if known:
                return known[0]
            last = re.split(r"[\s\-]+", name)[-1]
            if plausible_outlet(last):
                return last
    found = outlets_in_text(EMAIL.sub(" ", line))
    return found[0] if found else None


_PICTURE_CREDIT = lazy(r"(?:사진|그래픽|자료|영상|이미지)\s*(?:출처|제공)?\s*[=:]")


SIGNOFF = lazy(r"^(?P<who>.{0,20}?)\s*[가-힣]{2,4}(?:\s?기자)?입니다\.?$")
"""A broadcast reporter's sign-off, `KBS 뉴스 홍길동입니다.` (group `who`: before the name)."""


def signoff_outlet(line: str) -> str | None:
    """The known outlet a broadcast sign-off names (`MBC뉴스 홍길동입니다.` -> MBC)."""
    from summarize.article.outlets import outlets_in_text

    m = SIGNOFF.match(line.strip())
    found = outlets_in_text(m.group("who")) if m else []
    return found[0] if found else None


_TIPLINE = lazy(
    r"^(?P<name>[^\s]{2,20}?(?:\s[^\s]{2,10})?)(?:은|는|에서는)\s*(?:24시간\s*)?(?:여러분의\s*)?"
    r"(?:소중한\s*)?(?:뉴스\s*)?제보를\s*기다립니다"
    r"|^(?P<name2>[^\s]{2,20}?)\s*(?:기사\s*문의\s*및\s*(?:뉴스\s*)?제보|제보\s*및\s*(?:기사\s*)?문의)"
)


def tipline_outlet(line: str) -> str | None:
    """The outlet of a tipline notice: `한빛일보는 24시간 여러분의 제보를 기다립니다`,
    `한빛TV 기사문의 및 제보 : ...`."""
    m = _TIPLINE.match(line.strip())
    if not m:
        return None
    return _known_or_plausible(m.group("name") or m.group("name2"))


_OWN_CREDIT = lazy(r"^[\[(]\s*(?P<name>[^\[\]()=]{2,20}?)\s*(?:그래픽|DB|자료사진)\s*[\])]$")


def own_desk_credit(line: str) -> str | None:
    """The outlet crediting its own graphics desk or archive, `[한빛일보 그래픽]`: a known outlet
    that is not a news agency (agencies' graphics and photos run in other outlets' pages)."""
    from summarize.article.outlets import canonical_outlet, outlet_named

    m = _OWN_CREDIT.match(line.strip())
    if not m:
        return None
    entry = outlet_named(canonical_outlet(m.group("name")))
    return entry.name if entry and entry.kind not in ("agency", "portal") else None
