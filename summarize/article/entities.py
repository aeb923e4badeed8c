"""Named entities: people with their titles, organisations, products and places, with
article-level coreference (`정 대표`, `그는` -> 정신아 카카오 대표).

kiwipiepy's NNP tag is reliable for organisations and products but not for personal names
(`정신아` comes out as 정신/NNG 아/NNG), so people are found with a pattern instead: a name that
starts with a Korean surname, an optional `전` (former), up to three organisation words and a
job title (`정신아 카카오 대표`, `황유지 전 다음 사내독립법인(CIC) 대표`, `정의정 카카오
최고기술책임자(CTO)`). A one-syllable surname before a title (`정 대표`, `김 FO`, `황 전 대표`)
and the pronoun `그` (before a particle) are short references, resolved to the latest full
mention in the article that fits. Organisations come from NNP morphemes (joined with the nouns of
their word: 카카오/NNP+브레인/NNG -> 카카오브레인); quoted names (‘카나나’, ‘칼로’) are typed
by the head noun next to them (조직 -> organisation, 모델/서비스 -> product). `X(Y)` pairs
(`코지피티(KoGPT)`, `에리카(ERICA)`) make Y an alias of X.

A proper noun is a place when the gazetteer (`summarize.article.places`) knows it or it carries an
administrative unit (`영덕군`); an organisation only with evidence (an organisation ending such
as 전자/은행/청/위원회, a known organisation, a stock ticker `(035720)`, a Latin acronym, or
being the subject of an organisation's verb, anywhere in the article); otherwise `other`
(kiwipiepy tags loanwords such as 트래픽 or 카톡 NNP).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from summarize.article.places import PLACES, is_place, word_set
from summarize.types import Entity, EntityKind, Source

SURNAMES = (
    "김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하곽성차주우구민진지엄"
    "채원천방공현함변염여추도소석선설마길연위표명기반라왕금옥육인맹제모탁국어은편용예경봉사부"
    "가복태목형피두감음빈동온호범좌팽승간상갈서시견당화창계"
)

#: Job titles, longest first so that `각자대표` wins over `대표`.
TITLES = sorted(
    {
        "대표이사", "각자대표", "공동대표", "대표", "회장", "부회장", "사장", "부사장", "전무",
        "상무", "이사", "이사장", "의장", "사외이사", "최고경영자", "최고기술책임자",
        "최고재무책임자", "최고운영책임자", "최고전략책임자", "최고AI책임자", "최고인공지능책임자",
        "책임자", "본부장", "부문장", "사업부장", "실장", "팀장", "센터장", "연구소장", "소장",
        "원장", "부원장", "총장", "교수", "연구원", "수석연구원", "연구위원", "위원장", "부위원장",
        "위원", "장관", "차관", "의원", "대통령", "총리", "국무총리", "시장", "도지사", "지사",
        "군수", "구청장", "청장", "대변인", "기자", "변호사", "애널리스트", "단장", "국장",
        "부장", "차장", "과장", "매니저", "리더", "창업자", "창업주", "총괄", "그룹장", "조직장",
        "CEO", "CTO", "CFO", "COO", "CAIO", "CIO", "CSO", "CPO", "CISO", "CMO", "FO", "PO",
        "VP", "PM", "행장", "부행장", "고문", "처장", "차장검사", "검사", "판사", "원내대표",
        "법인장", "지점장", "공장장", "이코노미스트", "수석이코노미스트", "선임연구원",
        "책임연구원", "선임연구위원", "명예교수", "부교수", "조교수", "박사", "감독", "대사",
        "부장판사", "부청장", "차관보", "비서관", "수석", "부문대표", "사무총장",
        "사무국장", "회계사", "전문위원", "상임위원", "연구실장", "소방관", "총경",
    },
    key=lambda t: (-len(t), t),
)  # fmt: skip

_TITLE_RE = "|".join(re.escape(t) for t in TITLES)
# What may follow a title: a particle, punctuation, space or the end (not `대표적`, `이사회`).
_AFTER_TITLE = (
    r"(?=$|[\s,.·…)”’\"'」]|이|가|은|는|을|를|의|와|과|도|에|께|로|으로|님|만|이며|였|이다|이었)"
)
_ORG_WORD = r"[가-힣A-Za-z0-9&]+(?:\([^()\s]{1,15}\))?"
_PERSON = re.compile(
    rf"(?<![가-힣A-Za-z0-9])(?P<name>[{SURNAMES}][가-힣]{{1,2}})"
    rf"(?:\s+(?P<former>전))?"
    rf"(?P<orgs>(?:\s+(?!전\s)(?:{_ORG_WORD})(?<![은는을를의에와과도]))*?)"
    rf"\s+(?P<title>(?:[가-힣A-Za-z]{{1,8}}?(?={_TITLE_RE}))?(?:{_TITLE_RE}))"
    rf"(?:\((?P<abbr>[A-Za-z]{{2,6}})\)|\((?P<rank>[가-힣]{{2,6}})\))?{_AFTER_TITLE}"
)
_SHORT_REF = re.compile(
    rf"(?<![가-힣A-Za-z0-9])(?P<sur>[{SURNAMES}])(?:\s+(?P<former>전))?\s+(?P<title>{_TITLE_RE})"
    rf"{_AFTER_TITLE}"
)
_PRONOUN = re.compile(r"(?<![가-힣])그(?=는|가|의|도|를|에게|와|\s역시)")
_QUOTED = re.compile(r"[‘'](?P<inner>[^‘’'\n]{1,25})[’']")
_ALIAS = re.compile(r"(?P<main>[가-힣A-Za-z0-9]+)\((?P<alias>[A-Za-z][A-Za-z0-9\-]{1,20})\)")


PRODUCT_HEADS = word_set(
    """
    모델 언어모델 서비스 앱 애플리케이션 플랫폼 프로그램 솔루션 제품
    브랜드 챗봇 봇 기능 게임 스마트폰 폰 반도체 칩 소프트웨어 메신저
    엔진 시스템 프로필 차량 신약
    """
)
ORG_HEADS = word_set(
    """
    조직 회사 법인 기업 팀 자회사 계열사 재단 단체 부서 연구소 조직인
    그룹 협회 위원회 은행 증권사 정당 학교 대학
    """
)
#: Organisation name endings: a proper noun ending in one of these is an organisation.
ORG_SUFFIXES = tuple(
    sorted(
        word_set(
            """
            전자 그룹 은행 증권 협회 위원회 공사 재단 대학교 대학 연구원 연구소 홀딩스 지주
            건설 화학 제약 바이오 물산 생명 화재 보험 카드 캐피탈 텔레콤 통신 모빌리티
            엔터테인먼트 게임즈 랩스 소프트 중공업 자동차 에너지 솔루션즈 반도체 디스플레이
            뱅크 페이 브레인 엔터 미디어 네트웍스 시스템즈 테크 산업 상사 조합 연합회 학회
            공단 진흥원 정보원 평가원 개발원 법원 검찰청 경찰청 국회 의회 정부 부 처 청
            """
        ),
        key=len,
        reverse=True,
    )
)
#: Well-known organisations written without such an ending.
KNOWN_ORGS = word_set(
    """
    카카오 네이버 삼성 LG SK 현대차 기아 쿠팡 배민 토스 당근 KT 포스코 롯데 한화 CJ GS
    두산 셀트리온 하이브 엔씨소프트 넥슨 넷마블 크래프톤 애플 구글 마이크로소프트 아마존
    메타 엔비디아 오픈AI 테슬라 인텔 TSMC 퀄컴 화웨이 알리바바 텐센트 바이두 소니 도요타
    한전 한은 금감원 금융위 공정위 방통위 과기정통부 청와대 대통령실 헌재 대법원 검찰 경찰
    국세청 통계청 기상청 LH SH 코레일 카이스트 KAIST 유튜브 넷플릭스 샤오미 BYD
    """
)
#: Verbs that an organisation does as the subject of a clause (`X는 ... 밝혔다`).
_ORG_PREDICATE = re.compile(
    r"밝혔|발표했|출시했|공개했|선보였|설립했|인수했|투자했|체결했|추진했|추진한다|"
    r"운영한다|운영하고|제공한다|개발했|설명했|전했|집계했|공시했|선언했|내놨|구축했"
)
_TICKER = re.compile(r"\s?\((?:[A-Z]{2,6}:)?\d{6}\)")


def _words_list(text: str) -> list[str]:
    return text.split()


_LETTER_NAMES = dict(
    zip(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        _words_list(
            """
            에이 비 씨 디 이 에프 지 에이치 아이 제이 케이 엘 엠
            엔 오 피 큐 알 에스 티 유 브이 더블유 엑스 와이 제트
            """
        ),
        strict=True,
    )
)


def entity_key(name: str) -> str:
    """A spelling-insensitive key for matching names across articles.

    Parentheticals, spaces, hyphens and dots go; upper-case acronyms are read out as their
    Hangul letter names (`GPT` -> 지피티, `AI` -> 에이아이) and Hangul is romanised, so that a name
    written in Latin letters, in Hangul or mixed gets one key: `KoGPT`, `코GPT` and `코지피티` ->
    `kojipiti`; `Kakao` and `카카오` -> `kakao`. Other Latin text is lower-cased.
    """
    s = re.sub(r"\([^)]*\)", "", name)
    s = re.sub(r"[\s\-·.'’‘]", "", s)
    s = re.sub(r"[A-Z]{2,}", lambda m: "".join(_LETTER_NAMES[c] for c in m.group()), s)
    return _romanise(s).lower()


_INITIALS = [
    "g",
    "kk",
    "n",
    "d",
    "tt",
    "r",
    "m",
    "b",
    "pp",
    "s",
    "ss",
    "",
    "j",
    "jj",
    "ch",
    "k",
    "t",
    "p",
    "h",
]
_MEDIALS = [
    "a",
    "ae",
    "ya",
    "yae",
    "eo",
    "e",
    "yeo",
    "ye",
    "o",
    "wa",
    "wae",
    "oe",
    "yo",
    "u",
    "wo",
    "we",
    "wi",
    "yu",
    "eu",
    "ui",
    "i",
]
_FINALS = [
    "",
    "k",
    "k",
    "k",
    "n",
    "n",
    "n",
    "t",
    "l",
    "k",
    "m",
    "l",
    "l",
    "l",
    "p",
    "l",
    "m",
    "p",
    "p",
    "t",
    "t",
    "ng",
    "t",
    "t",
    "k",
    "t",
    "p",
    "t",
]


def _romanise(text: str) -> str:
    """Hangul syllables in a simplified Revised Romanisation (a matching key, not for display)."""
    out = []
    for ch in text:
        code = ord(ch) - 0xAC00
        if 0 <= code < 11172:
            out.append(_INITIALS[code // 588] + _MEDIALS[code % 588 // 28] + _FINALS[code % 28])
        else:
            out.append(ch)
    return "".join(out)


@dataclass
class Coreference:
    """What an article has said so far about who is who; filled in reading order."""

    persons: list[Entity] = field(default_factory=list)
    """Full person mentions, in order."""
    full_text: dict[str, str] = field(default_factory=dict)
    """Canonical name -> the fullest mention text (`정신아` -> `정신아 카카오 대표`)."""
    aliases: dict[str, str] = field(default_factory=dict)
    """entity_key(alias) -> canonical form (`kogpt` -> `코지피티`)."""
    orgs: set[str] = field(default_factory=set)
    """entity_key of names known to be organisations in this article."""
    topics: list[Entity] = field(default_factory=list)
    """Person mentions that open their sentence as its subject (`정 대표는 ...`), in order: what
    `그는` most often refers to."""

    def person_for(self, surname: str, title: str, before: int) -> Entity | None:
        """The latest full mention before `before` with this surname, preferring one whose
        title matches."""
        candidates = [p for p in self.persons if p.canonical[0] == surname and p.start < before]
        for p in reversed(candidates):
            if title and (title in p.title or p.title.endswith(title)):
                return p
        return candidates[-1] if candidates else None

    def last_person(self, before: int) -> Entity | None:
        """The latest sentence-opening subject person before `before`, else the latest person
        mentioned at all (reporters excluded)."""
        for p in reversed(self.topics):
            if p.start < before and p.title != "기자":
                return p
        for p in reversed(self.persons):
            if p.start < before and p.title != "기자":
                return p
        return None


def find_entities(
    source: Source,
    start: int,
    end: int,
    coref: Coreference | None = None,
    tokens: Sequence | None = None,
) -> tuple[Entity, ...]:
    """Entities in `source.text[start:end]`, in order, spans into `source.text`.

    With `coref` (see `resolve_entities`), short references are resolved against earlier full
    mentions and new full mentions are recorded in it. `tokens`: kiwipiepy tokens of that range,
    when the caller has them already (offsets relative to `start`).
    """
    coref = coref if coref is not None else Coreference()
    text = source.text
    taken: list[tuple[int, int]] = []
    found: list[Entity] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    for m in _person_matches(text, start, end):
        title = m.group("title")
        if m.group("abbr") or m.group("rank"):
            title = f"{title}({m.group('abbr') or m.group('rank')})"
        if m.group("former"):
            title = f"전 {title}"
        entity = Entity(
            source, m.start(), m.end(), kind="person", canonical=m.group("name"), title=title
        )
        found.append(entity)
        taken.append((m.start(), m.end()))
        coref.persons.append(entity)
        if len(m.group()) > len(coref.full_text.get(entity.canonical, "")):
            coref.full_text[entity.canonical] = m.group()
    for m in _SHORT_REF.finditer(text, start, end):
        if not free(m.start(), m.end()):
            continue
        title = ("전 " if m.group("former") else "") + m.group("title")
        target = coref.person_for(m.group("sur"), m.group("title"), m.start())
        if target is None:
            continue  # `이 대표` may be "this CEO"; without an antecedent it is not a name
        found.append(_reference(source, m, target, target.title or title))
        taken.append((m.start(), m.end()))
    for m in _PRONOUN.finditer(text, start, end):
        target = coref.last_person(m.start())
        if target is not None and free(m.start(), m.end()):
            found.append(_reference(source, m, target, target.title))
            taken.append((m.start(), m.end()))
    for entity in _named(source, start, end, coref, tokens):
        if free(entity.start, entity.end):
            found.append(entity)
            taken.append((entity.start, entity.end))
    found.sort(key=lambda e: (e.start, e.end))
    if found and found[0].kind == "person" and _opens_as_subject(text, start, found[0]):
        coref.topics.append(found[0])
    return tuple(found)


def _reference(source: Source, m: re.Match[str], target: Entity, title: str) -> Entity:
    """A short reference (`정 대표`, `그`) at `m`, naming the person `target`."""
    return Entity(
        source, m.start(), m.end(), kind="person", canonical=target.canonical, title=title
    )


def _opens_as_subject(text: str, start: int, entity: Entity) -> bool:
    """`정 대표는 ...`, `그는 ...`: a person at the start of a range, followed by a subject or
    topic particle."""
    if text[start : entity.start].strip():
        return False
    return re.match(r"(?:은|는|이|가)\s", text[entity.end : entity.end + 2]) is not None


def resolve_entities(
    source: Source, ranges: Sequence[tuple[int, int]], tokens: Sequence[Sequence] | None = None
) -> tuple[tuple[tuple[Entity, ...], ...], Coreference]:
    """Entities for each `(start, end)` range of an article, read in order so that short
    references resolve to earlier full mentions. Returns the entities per range and the
    article's coreference map. `tokens`: kiwipiepy tokens of each range, when the caller has
    them already."""
    from summarize.analysis import tokenize_many

    coref = Coreference()
    if tokens is None:
        tokens = tokenize_many([source.text[s:e] for s, e in ranges])
    per_range = [
        find_entities(source, s, e, coref, toks)
        for (s, e), toks in zip(ranges, tokens, strict=True)
    ]
    # A name typed `other` before the article showed it to be an organisation (its ticker or
    # an organisation's verb came later) is an organisation everywhere.
    relabelled = tuple(
        tuple(
            replace(x, kind="organization")
            if x.kind == "other" and entity_key(x.canonical or x.text) in coref.orgs
            else x
            for x in found
        )
        for found in per_range
    )
    return relabelled, coref


def full_mention(coref: Coreference, entity: Entity) -> str:
    """The fullest text the article uses for this person (`정신아 카카오 대표`)."""
    return coref.full_text.get(entity.canonical, entity.canonical)


def _person_matches(text: str, start: int, end: int) -> list[re.Match[str]]:
    """Full person mentions; a rejected name (`이와 함께 이상호 PO`) retries one character on,
    so the real name inside the rejected match is still found."""
    out = []
    pos = start
    while (m := _PERSON.search(text, pos, end)) is not None:
        if _plausible_name(m.group("name")):
            out.append(m)
            pos = m.end()
        else:
            pos = m.start() + 1
    return out


def _plausible_name(name: str) -> bool:
    """Reject common words that start with a surname syllable (`이번`, `전체`, `정부`) and places
    or organisations (`한국`, `미국`): kiwipiepy reads a real name as NNP, as an unknown word or
    as pieces (`정신아` -> 정신/NNG 아/NNG, `박정민` -> 박정/XR 민/NNG), a common word as one
    known morpheme or with particles, endings or derivational suffixes."""
    if name in PLACES or name in KNOWN_ORGS:
        return False
    return _plausible_tokens(name)


@lru_cache(maxsize=4096)
def _plausible_tokens(name: str) -> bool:
    from summarize.analysis import tokenize

    tokens = tokenize(name)
    if len(tokens) == 1:  # a dictionary word is not a name; an unknown (OOV) one may be
        return tokens[0].tag == "NNP" or bool(getattr(tokens[0], "oov", False))
    bad = ("V", "M", "J", "E", "NP", "XSV", "XSA", "XSN", "XPN", "S")
    return not any(t.tag.startswith(bad) for t in tokens)


def _named(
    source: Source, start: int, end: int, coref: Coreference, tokens: Sequence | None = None
) -> list[Entity]:
    """Organisations, products and places from NNP morphemes, quoted names and X(Y) aliases."""
    from summarize.analysis import tokenize

    text = source.text
    out: list[Entity] = []
    taken: list[tuple[int, int]] = []
    for m in _ALIAS.finditer(text, start, end):
        main, alias = m.group("main"), m.group("alias")
        if not re.search(r"[가-힣]", main) or len(main) < 2:
            continue
        main = re.sub(r"^(?:초거대|자체)", "", main)
        coref.aliases.setdefault(entity_key(alias), main)
        coref.aliases.setdefault(entity_key(main), main)
    for m in _QUOTED.finditer(text, start, end):
        inner = m.group("inner").strip()
        if not inner or len(inner.split()) > 4 or inner[-1] in "다요.?!":
            continue
        kind = _kind_from_heads(text, m.start(), m.end())
        if kind is None:
            inner_tokens = tokenize(inner)
            if not inner_tokens or inner_tokens[0].tag not in ("NNP", "SL"):
                continue
            kind = _org_or_other(text, m.start("inner"), m.end("inner"), end, coref)
        s, e = m.start("inner"), m.end("inner")
        out.append(_named_entity(source, s, e, kind, coref))
        taken.append((s, e))
    segment = text[start:end]
    tokens = tokenize(segment) if tokens is None else tokens
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        known = tok.form in PLACES or tok.form in KNOWN_ORGS  # 기상청/NNG, SK/SL, 새너제이/NNG
        if tok.tag != "NNP" and not (tok.tag in ("NNG", "SL") and known):
            i += 1
            continue
        s = start + tok.start
        e = s + tok.len
        j = i + 1
        # Join the nouns of the same word: 카카오/NNP 브레인/NNG -> 카카오브레인.
        while (
            j < len(tokens)
            and tokens[j].start == tokens[j - 1].start + tokens[j - 1].len
            and tokens[j].tag in ("NNP", "NNG", "SL", "SN")
        ):
            e = start + tokens[j].start + tokens[j].len
            j += 1
        if j < len(tokens) and text[e : e + 1] == "(" and (m := _ALIAS.match(text, s)):
            e = m.end()  # 코지피티(KoGPT)
        i = j
        name = text[s:e]
        if any(not (e <= a or s >= b) for a, b in taken) or len(name) < 2:
            continue
        if not _plausible_name(name[:3]) and _PERSON.match(text, s):
            continue
        base = re.sub(r"\(.*\)$", "", name)
        kind: EntityKind
        if is_place(base) and not _org_name(base):
            kind = "place"
        else:
            kind = _kind_from_heads(text, s, e) or _org_or_other(text, s, e, end, coref)
        out.append(_named_entity(source, s, e, kind, coref))
        taken.append((s, e))
    return out


def _org_name(base: str) -> bool:
    """A known organisation (or one of its units: 카카오브레인), or a name with an organisation
    ending (한결전자, 질병관리청, 한국전력공사)."""
    if " " in base:
        return False  # `카카오 먹통 사태`: a phrase, not an organisation's name
    if base in KNOWN_ORGS or any(base.startswith(k) for k in KNOWN_ORGS if len(k) >= 2):
        return True
    if re.match(r"[A-Z][A-Z0-9&]+(?![a-z])", base):
        return True  # SK, LH, KT&G
    if len(base) >= 3 and base.endswith("대"):
        return True  # 한양대, 서울대
    return any(base.endswith(x) and len(base) > len(x) for x in ORG_SUFFIXES)


def _org_or_other(text: str, s: int, e: int, limit: int, coref: Coreference) -> EntityKind:
    """`organization` when there is evidence for it: the name itself (`_org_name`), a stock
    ticker after it (`카카오(035720)`), an earlier mention in the article with such evidence, or
    the name as the subject of an organisation's verb (`X는 ... 밝혔다`); `other` otherwise
    (kiwipiepy tags many common loanwords NNP: 트래픽, 카톡, 밋업)."""
    name = re.sub(r"\([^)]*\)$", "", text[s:e])
    key = entity_key(name)
    evidence = (
        key in coref.orgs
        or _org_name(name)
        or _TICKER.match(text, e) is not None
        or _org_subject(text, s, e, limit)
    )
    if evidence:
        coref.orgs.add(key)
        return "organization"
    return "other"


def _org_subject(text: str, s: int, e: int, limit: int) -> bool:
    """`X는 ... 밝혔다`: the name as a subject, outside quotations, of a verb organisations do
    (also outside quotations)."""
    if re.match(r"(?:은|는|이|가)\s", text[e : e + 2]) is None:
        return False
    line_start = text.rfind("\n", 0, s) + 1
    before = text[line_start:s]
    if before.count("“") > before.count("”") or before.count('"') % 2:
        return False  # inside a quotation
    rest = text[e:limit]
    last_close = max(rest.rfind("”"), rest.rfind('"'))
    return _ORG_PREDICATE.search(rest, max(0, last_close)) is not None


def _named_entity(source: Source, s: int, e: int, kind: EntityKind, coref: Coreference) -> Entity:
    name = source.text[s:e]
    canonical = coref.aliases.get(entity_key(name)) or re.sub(r"\([^)]*\)", "", name)
    canonical = re.sub(r"[\s\-]+", "", canonical) if kind == "product" else canonical
    return Entity(source, s, e, kind=kind, canonical=canonical)


def _kind_from_heads(text: str, s: int, e: int) -> EntityKind | None:
    """Type a name by the noun written right before it (`조직 ‘카나나’`, `모델 ‘칼로’`) or right
    after it (`칼로 AI 프로필`, `카카오톡 채널`)."""
    before = re.search(r"([가-힣]+)(?:\([^)]*\))?\s*[‘']?$", text[max(0, s - 20) : s])
    after = re.match(r"[’']?(?:\([^)]*\))?\s*(?:AI\s)?([가-힣]+)", text[e : e + 15])
    for word in (before and before.group(1), after and after.group(1)):
        if not word:
            continue
        for head in PRODUCT_HEADS:
            if word.endswith(head) or word.startswith(head):
                return "product"
        for head in ORG_HEADS:
            if word.endswith(head) or word.startswith(head):
                return "organization"
    return None
