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
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

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
        "VP", "PM",
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
    rf"(?:\((?P<abbr>[A-Za-z]{{2,6}})\)|\([가-힣]{{2,6}}\))?{_AFTER_TITLE}"
)
_SHORT_REF = re.compile(
    rf"(?<![가-힣A-Za-z0-9])(?P<sur>[{SURNAMES}])(?:\s+(?P<former>전))?\s+(?P<title>{_TITLE_RE})"
    rf"{_AFTER_TITLE}"
)
_PRONOUN = re.compile(r"(?<![가-힣])그(?=는|가|의|도|를|에게|와|\s역시)")
_QUOTED = re.compile(r"[‘'](?P<inner>[^‘’'\n]{1,25})[’']")
_ALIAS = re.compile(r"(?P<main>[가-힣A-Za-z0-9]+)\((?P<alias>[A-Za-z][A-Za-z0-9\-]{1,20})\)")


def _words_list(text: str) -> list[str]:
    return text.split()


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


PRODUCT_HEADS = _words(
    """
    모델 언어모델 서비스 앱 애플리케이션 플랫폼 프로그램 솔루션 제품
    브랜드 챗봇 봇 기능 게임 스마트폰 폰 반도체 칩 소프트웨어 메신저
    엔진 시스템 프로필 차량 신약
    """
)
ORG_HEADS = _words(
    """
    조직 회사 법인 기업 팀 자회사 계열사 재단 단체 부서 연구소 조직인
    그룹 협회 위원회 은행 증권사 정당 학교 대학
    """
)
PLACE_NAMES = _words(
    """
    서울 부산 대구 인천 광주 대전 울산 세종 경기 강원 충북 충남 전북
    전남 경북 경남 제주 경기도 강원도 제주도 한국 미국 중국 일본 북한
    러시아 영국 프랑스 독일 인도 대만 베트남 캐나다 호주 브라질 유럽
    사우디아라비아 아랍에미리트 싱가포르 홍콩
    """
)
_PLACE_SUFFIX = re.compile(r"[가-힣]+(?:특별시|광역시|시|도|군|구|읍|면)$")

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

    Parentheticals, spaces, hyphens and dots go; upper-case acronyms are read out in Hangul
    (`코GPT` and `코지피티` -> `코지피티`); other Latin text is lower-cased.
    """
    s = re.sub(r"\([^)]*\)", "", name)
    s = re.sub(r"[\s\-·.'’‘]", "", s)
    s = re.sub(r"[A-Z]{2,}", lambda m: "".join(_LETTER_NAMES[c] for c in m.group()), s)
    return s.lower()


@dataclass
class Coreference:
    """What an article has said so far about who is who; filled in reading order."""

    persons: list[Entity] = field(default_factory=list)
    """Full person mentions, in order."""
    full_text: dict[str, str] = field(default_factory=dict)
    """Canonical name -> the fullest mention text (`정신아` -> `정신아 카카오 대표`)."""
    aliases: dict[str, str] = field(default_factory=dict)
    """entity_key(alias) -> canonical form (`kogpt` -> `코지피티`)."""
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
    source: Source, start: int, end: int, coref: Coreference | None = None
) -> tuple[Entity, ...]:
    """Entities in `source.text[start:end]`, in order, spans into `source.text`.

    With `coref` (see `resolve_entities`), short references are resolved against earlier full
    mentions and new full mentions are recorded in it.
    """
    coref = coref if coref is not None else Coreference()
    text = source.text
    taken: list[tuple[int, int]] = []
    found: list[Entity] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    for m in _person_matches(text, start, end):
        title = m.group("title")
        if m.group("abbr"):
            title = f"{title}({m.group('abbr')})"
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
        found.append(
            Entity(
                source,
                m.start(),
                m.end(),
                kind="person",
                canonical=target.canonical,
                title=target.title or title,
            )
        )
        taken.append((m.start(), m.end()))
    for m in _PRONOUN.finditer(text, start, end):
        target = coref.last_person(m.start())
        if target is not None and free(m.start(), m.end()):
            found.append(
                Entity(
                    source,
                    m.start(),
                    m.end(),
                    kind="person",
                    canonical=target.canonical,
                    title=target.title,
                )
            )
            taken.append((m.start(), m.end()))
    for entity in _named(source, start, end, coref):
        if free(entity.start, entity.end):
            found.append(entity)
            taken.append((entity.start, entity.end))
    found.sort(key=lambda e: (e.start, e.end))
    if found and found[0].kind == "person" and _opens_as_subject(text, start, found[0]):
        coref.topics.append(found[0])
    return tuple(found)


def _opens_as_subject(text: str, start: int, entity: Entity) -> bool:
    """`정 대표는 ...`, `그는 ...`: a person at the start of a range, followed by a subject or
    topic particle."""
    if text[start : entity.start].strip():
        return False
    return re.match(r"(?:은|는|이|가)\s", text[entity.end : entity.end + 2]) is not None


def resolve_entities(
    source: Source, ranges: Sequence[tuple[int, int]]
) -> tuple[tuple[tuple[Entity, ...], ...], Coreference]:
    """Entities for each `(start, end)` range of an article, read in order so that short
    references resolve to earlier full mentions. Returns the entities per range and the
    article's coreference map."""
    coref = Coreference()
    return tuple(find_entities(source, s, e, coref) for s, e in ranges), coref


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
    """Reject common words that start with a surname syllable (`이번`, `전체`, `정부`): kiwipiepy
    reads a real name as NNP or as pieces, a common word as one NNG/MAG/MM/VV morpheme."""
    from summarize.analysis import tokenize

    tokens = tokenize(name)
    if len(tokens) == 1:  # a dictionary word is not a name; an unknown (OOV) one may be
        return tokens[0].tag == "NNP" or bool(getattr(tokens[0], "oov", False))
    return not any(t.tag.startswith(("V", "M", "J", "E", "X", "NP")) for t in tokens)


def _named(source: Source, start: int, end: int, coref: Coreference) -> list[Entity]:
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
            tokens = tokenize(inner)
            if not tokens or tokens[0].tag not in ("NNP", "SL"):
                continue
            kind = "organization"
        s, e = m.start("inner"), m.end("inner")
        out.append(_named_entity(source, s, e, kind, coref))
        taken.append((s, e))
    segment = text[start:end]
    tokens = tokenize(segment)
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.tag != "NNP":
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
        kind: EntityKind = "organization"
        base = re.sub(r"\(.*\)$", "", name)
        if base in PLACE_NAMES or (_PLACE_SUFFIX.match(base) and base[:-1] in PLACE_NAMES):
            kind = "place"
        else:
            kind = _kind_from_heads(text, s, e) or "organization"
        out.append(_named_entity(source, s, e, kind, coref))
        taken.append((s, e))
    return out


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
