"""Propositions: a sentence cut into the checkable statements it makes, with exact offsets.

A news sentence often states several facts at once: the setting of the event, a figure, its
change against an earlier period, a second figure of another measure, the source it comes from.
Each becomes a proposition of its own (a `Piece`: a sub-span of the sentence), so that another
outlet stating only one of those facts can be matched with that fact alone.

Cuts are made on kiwipiepy morphemes (tags of the Sejong set), never on particular words of an
article:

- `ec` — a connective ending (EC: ~고, ~며, ~면서, ~지만, ~는데, ~어/~아, ~으나, ~다가) that
  closes a predicate and ends its word, unless an auxiliary verb follows (`~고 있다`,
  `~어 있다`): `회의를 열고 | 기준금리를 … 결정했다`, `1만9200명이 줄어 | 7.7% 감소했다`;
- `quote` — a quotative ending (`~다고`, `~라며`, …) of indirect speech: what follows is the
  attribution frame (`5일 밝혔다`, `이같이 말했다`), kept as the setting when it carries a day and
  dropped as context when it does not;
- `source` — `X에 따르면`, `X을 보면`: the source frame is its own piece (the setting when it
  carries a day: `28일 통계청이 발표한 … 통계에 따르면`);
- `level` — a figure closing with `(으)로` followed by its comparison or by another figure:
  `출생아 수는 23만 명으로 | 전년보다 1만9200명 줄었다` (a level and its change are two facts);
  not inside a range (`3.5%에서 3.25%로`);
- `list` — a comma between figures of different measures that each have their own noun:
  `매출은 2.89%, | 영업이익은 57.34% 증가했다`;
- `prefix` — a subject followed by a day at the start of a clause: `금통위는 11일 | 기준금리를 …`
  (the when of the event is its setting, not part of the figure);
- `locative` — a place phrase in `에서` that carries a day or a held-event verb:
  `11일 열린 통화정책방향 회의에서 | 기준금리를 …`;
- an adverbial clause closed by a time noun or `때문에` (`…인상을 단행한 후 | …`), a defining
  relative clause before the subject it defines (`…출생아 수를 뜻하는 | 합계출산율은 …`), and
  a frame pointing back at quoted words (`… 기자회견에서 | 이같이 밝혔다`).

No cut is made where a connective ending joins two verbs of one act (`싣고 간`, `나눠
운영하기로`), an auxiliary follows (`~고 있다`), a verb works as a postposition (`X에 힘입어`,
`X와 관련해`) or coordinated verbs are the subject of a nominalised clause (`구축하고 검증하는
것이`). A source frame without a day (`에프앤가이드에 따르면 …`) stays with the claim it sources.
`appositions` finds the statements inside noun phrases: a description and the name it
describes (`정부 온라인 민원서비스인 ‘정부24’`), claims nested in their clause.

Pieces with fewer than two content morphemes are merged into their neighbour. A piece is a
*setting* (when, where, at what occasion) when a cut marks it so or when it carries a day, an
occasion verb (`열다`, `발표하다`, `만나다`, …) and no figure of its own. A piece without a
subject of its own borrows the sentence's first subject (`subject`) for matching; its span never
includes the borrowed words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

#: Connective endings that join two clauses (kiwipiepy normalises 아/여 to 어 in most cases).
CLAUSE_ENDINGS = frozenset(
    {
        "고", "며", "으며", "면서", "으면서", "지만", "는데", "은데", "ᆫ데", "어", "아", "여",
        "어서", "아서", "여서", "으나", "나", "다가", "고서", "자",
    }
)  # fmt: skip
#: Quotative endings of indirect speech (`집계됐다고 5일 밝혔다`).
QUOTATIVE_ENDINGS = frozenset(
    {"다고", "라고", "이라고", "냐고", "자고", "다며", "라며", "이라며", "다면서", "라면서"}
)
#: Verbs of a source frame before `~면`: `X에 따르면`, `X을 보면`, `X에 의하면`.
SOURCE_VERBS = frozenset({"따르", "보", "의하"})
#: Verbs (stems, or nouns before 하다) that report speech or an announcement: an attribution
#: frame consists of one of them with at most a day, a subject and adverbs.
SAY_VERBS = frozenset(
    {
        "밝히", "말하", "말", "전하", "공시", "발표", "설명", "강조", "덧붙이", "언급", "주장",
        "지적", "답하", "답변", "진단", "당부", "전망", "예상", "분석", "보", "집계", "알리",
        "하", "공개", "보도", "평가", "예고", "시사", "약속", "요청", "촉구", "판단",
    }
)  # fmt: skip
#: Verbs that, governing one noun phrase, work as postpositions (`X에 힘입어`, `X에 이어`,
#: `X와 관련해`, `X에 대해`, `X를 통해`, `X를 앞두고`): they do not end a clause.
POSTPOSITION_VERBS = frozenset(
    {"관련", "대하", "통하", "위하", "비롯", "비롯하", "따르", "의하", "비하", "힘입", "잇",
     "앞두", "걸치", "거치", "즈음하", "불구하"}
)  # fmt: skip
#: Verbs (stems or nouns before 하다/되다) of an occasion: holding, announcing, meeting.
OCCASION_VERBS = frozenset(
    {
        "열", "열리", "개최", "만나", "참석", "발표", "공시", "내놓", "주재", "방문", "진행",
        "공개", "브리핑", "간담", "출석", "밝히",
    }
)  # fmt: skip
#: Words of a comparison after a level (`23만 명으로 전년보다 …`).
_COMPARISON = frozenset({"대비", "보다", "비하", "비교", "견주"})
#: Adverbs that open an attribution frame pointing back at quoted words (`이같이 밝혔다`).
_DEMONSTRATIVE_FRAMES = ("이같이", "이렇게", "이처럼", "그같이")
#: Nouns kiwipiepy tags NNG that are units of a figure (`0.25%포인트`, `15배`).
_UNIT_NOUNS = frozenset({"포인트", "배", "달러", "엔", "위안", "유로", "퍼센트", "가구", "개월"})
#: Words that name the day of an event on their own (`이날`, `오늘(28일)`).
_DAYS = frozenset({"이날", "당일", "오늘", "어제"})
#: Time words that belong to a setting's day (`오늘(11일) 오전`).
_DAY_WORDS = frozenset({"이날", "당일", "오늘", "어제", "오전", "오후", "새벽", "밤", "저녁", "낮"})
_PREDICATE = ("VV", "VA", "VX", "VCP", "VCN", "XSV", "XSA", "EP")
_AUX_AFTER_EC = ("VX",)
_SUBJECT_PARTICLES = ("JKS",)
_TOPIC = frozenset({"은", "는"})
#: Adverbs that mark the noun run before them as the sentence's topic (`출생아 수 역시 줄었다`);
#: the particle `도` does the same (`조출생률도 하락했다`). Used when no 은/는/이/가 marks one.
_ALSO = frozenset({"역시", "또한"})
_NOUNISH = ("NN", "NP", "SL", "SN", "XSN", "SH", "NR", "SSC")
#: Tags a proposition does not open with: endings, particles, a copula, closing brackets.
_NOT_AN_OPENING = ("E", "J", "VCP", "SSC", "SP", "SF", "XS")
#: Tags an attribution frame may hold besides its verb, its day and its speaker.
_FRAME_FILLER = frozenset(
    {"EP", "EF", "SF", "SP", "SSO", "SSC", "JX", "JKS", "JKB", "JKQ", "MAG", "NP", "XSV", "VCP"}
)
_CONTENT = frozenset({"NNG", "NNP", "NR", "SN", "SL", "SH", "XR", "VV", "VA"})


@dataclass(frozen=True)
class Piece:
    """One proposition of a sentence: `[start, end)` into the source text."""

    start: int
    end: int
    setting: bool = False
    subject: tuple[int, int] | None = None
    """The span of the sentence's subject when the piece borrows it (not inside the piece)."""


@dataclass(frozen=True)
class _Tok:
    form: str
    tag: str
    start: int  # absolute offsets
    end: int


def _toks_within(tokens: Sequence[Any], base: int, start: int, end: int) -> list[_Tok]:
    """kiwipiepy tokens (offsets relative to `base`) inside `[start, end)`, with absolute
    offsets and their tag without its sense suffix."""
    return [
        _Tok(t.form, t.tag.split("-")[0], base + t.start, base + t.start + t.len)
        for t in tokens
        if base + t.start >= start and base + t.start + t.len <= end
    ]


def split_propositions(
    text: str,
    start: int,
    end: int,
    tokens: Sequence[Any],
    base: int,
    day_spans: Sequence[tuple[int, int]] = (),
    *,
    after_quote: bool = False,
) -> list[Piece]:
    """The propositions of `text[start:end]` (a sentence, or the part of one outside its
    quotations; `after_quote` when it follows a quotation, so that its first piece may be the
    attribution frame `…라고 말했다`).

    `tokens` are kiwipiepy tokens whose offsets are relative to `base`; only those inside
    `[start, end)` are used. `day_spans` are the absolute spans of day-level dates (`11일`,
    `오늘(28일)`), which make a piece a setting.
    """
    toks = _toks_within(tokens, base, start, end)
    if not toks:
        return []
    days = [(s, e) for s, e in day_spans if s >= start and e <= end]
    cuts = _cuts(text, toks, days)
    pieces = _pieces(text, toks, cuts, days, "quote" if after_quote else "start")
    return _with_subjects(pieces, toks)


# --- cut points ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _At:
    """A token position of a sentence while cutting: the token, its neighbours, and the
    segment since the last cut (`left`) and the rest of the sentence (`rest`)."""

    text: str
    toks: list[_Tok]
    k: int
    seg_start: int
    days: list[tuple[int, int]]

    @property
    def tok(self) -> _Tok:
        return self.toks[self.k]

    @property
    def prev(self) -> _Tok | None:
        return self.toks[self.k - 1] if self.k else None

    @property
    def nxt(self) -> _Tok:
        return self.toks[self.k + 1]

    @property
    def left(self) -> list[_Tok]:
        return self.toks[self.seg_start : self.k]

    @property
    def rest(self) -> list[_Tok]:
        return self.toks[self.k + 1 :]

    def ends_word(self) -> bool:
        """The token closes its written word (`열고 `), not a contraction (`비해선`)."""
        tok, nxt = self.tok, self.nxt
        return nxt.start >= tok.end and self.text[tok.end : tok.end + 1] in (
            " ",
            ",",
            "\u00a0",
            "\n",
        )

    def after_predicate(self) -> bool:
        return self.prev is not None and self.prev.tag.startswith(_PREDICATE)


def _cuts(text: str, toks: list[_Tok], days: list[tuple[int, int]]) -> list[tuple[int, str]]:
    """(token index after which to cut, reason), in order: the first rule of `CUT_RULES` that
    holds at a token cuts there."""
    cuts: list[tuple[int, str]] = []
    seg_start = 0
    for k in range(len(toks) - 1):
        at = _At(text, toks, k, seg_start, days)
        reason = next((name for name, rule in CUT_RULES if rule(at)), None)
        if reason is not None:
            cuts.append((k, reason))
            seg_start = k + 1
    return cuts


def _quotative_ending(at: _At) -> bool:
    """`…잠정 집계됐다고 | 5일 공시했다`: indirect speech; what follows is its frame."""
    tok, prev = at.tok, at.prev
    if tok.tag == "JKQ" and prev is not None and prev.tag == "EF":
        return at.ends_word()  # `진행 중이다라고 | 말했다`
    return (
        tok.tag == "EC"
        and tok.form in QUOTATIVE_ENDINGS
        and at.after_predicate()
        and at.ends_word()
    )


def _source_frame(at: _At) -> bool:
    """`통계청이 발표한 통계에 따르면 | …`, `…을 보면 | …`."""
    prev = at.prev
    return (
        at.tok.tag == "EC"
        and at.tok.form in ("면", "으면")
        and prev is not None
        and prev.tag == "VV"
        and prev.form in SOURCE_VERBS
        and at.ends_word()
    )


def _connective_ending(at: _At) -> bool:
    """`회의를 열고 | 기준금리를 …`, `1만9200명이 줄어 | 7.7% 감소했다`: a connective ending
    after a predicate, when the clause it closes has an argument or a figure of its own (or a
    comma follows), and neither an auxiliary (`~고 있다`), a postposition-like verb
    (`X에 힘입어`) nor a nominalised coordination (`구축하고 검증하는 것이`) makes it part of
    one statement."""
    tok, nxt = at.tok, at.nxt
    if tok.tag != "EC" or tok.form not in CLAUSE_ENDINGS or not at.after_predicate():
        return False
    if not at.ends_word() or nxt.tag.startswith(_AUX_AFTER_EC):
        return False
    if tok.form == "고" and nxt.form in ("있", "싶", "나", "보"):
        return False
    if tok.form in _SERIAL_ENDINGS and _starts_with_predicate(at.rest):
        return False  # `싣고 간`, `나눠 운영하기로`: one act in two verbs
    if _postposition_verb(at.toks, at.k - 1) or _nominalised(at.rest):
        return False
    left = at.left
    argued = _has_argument(left) or _has_figure(left) or at.text[tok.end : tok.end + 1] == ","
    return argued and _content(left) >= 2 and _content(at.rest) >= 1


def _level_then_change(at: _At) -> bool:
    """`출생아 수는 23만 명으로 | 전년보다 1만9200명 줄었다`: a figure in `(으)로` of a subject
    (no object: `기준금리를 3.25%로 내렸다` is one act), outside a range (`3.5%에서 3.25%로`),
    followed by its comparison, another figure or a predicate phrase of its own."""
    tok = at.tok
    if tok.tag != "JKB" or tok.form not in ("으로", "로") or not at.ends_word():
        return False
    if any(t.tag == "JKO" for t in at.left) or not _after_figure(at.toks, at.k):
        return False
    if _in_range(at.toks, at.seg_start, at.k):
        return False
    return _comparison_or_figure_follows(at.toks, at.k + 1)


def _figure_list(at: _At) -> bool:
    """`매출은 2.89%, | 영업이익은 57.34% 증가했다`: a comma between figures of two measures,
    each named by its own noun, outside brackets."""
    if at.tok.tag != "SP" or at.tok.form != ",":
        return False
    right = _until_predicate(at.toks, at.k + 1)
    return (
        _has_figure(at.left)
        and bool(right)
        and right[0].tag in ("NNG", "NNP")
        and _has_figure(right)
        and _has_own_noun(right)
        and not _inside_brackets(at.toks, at.k)
    )


def _setting_place(at: _At) -> bool:
    """`11일 열린 통화정책방향 회의에서 | 기준금리를 …`: a place phrase in `에서` that carries a
    day or a held-event verb, before a clause of its own."""
    if at.tok.tag != "JKB" or at.tok.form != "에서" or not at.ends_word():
        return False
    seg = at.toks[at.seg_start : at.k + 1]
    held = any(t.tag == "VV" and t.form in OCCASION_VERBS for t in seg)
    return (held or _touches_day(seg, at.days)) and _clause_follows(at.rest)


def _adverbial_clause(at: _At) -> bool:
    """`…인상을 단행한 후 | 금리를 동결해 왔다`, `…미만이기 때문에 | …`."""
    return (
        _closes_adverbial_clause(at.toks, at.k, at.seg_start)
        and at.ends_word()
        and _clause_follows(at.rest)
    )


def _subject_and_day(at: _At) -> bool:
    """`금통위는 11일 | 기준금리를 …`: the when of the event, split from what happened."""
    return at.k == _prefix_day_end(at.toks, at.seg_start, at.days) and _clause_follows(at.rest)


def _defining_clause(at: _At) -> bool:
    """`…출생아 수를 뜻하는 | 합계출산율은 0.72명으로`."""
    return at.tok.tag == "ETM" and _opens_definition(at.toks, at.k, at.seg_start)


def _demonstrative_frame(at: _At) -> bool:
    """`… 기자회견에서 | 이같이 밝혔다`: a frame pointing back at quoted words."""
    return (
        at.text.startswith(_DEMONSTRATIVE_FRAMES, at.nxt.start)
        and _is_frame(at.rest, at.days)
        and _content(at.toks[at.seg_start : at.k + 1]) >= 2
    )


#: The cut rules, in the order they are tried at each token; the name is the reason recorded.
CUT_RULES = (
    ("quote", _quotative_ending),
    ("source", _source_frame),
    ("ec", _connective_ending),
    ("level", _level_then_change),
    ("list", _figure_list),
    ("locative", _setting_place),
    ("ec", _adverbial_clause),
    ("prefix", _subject_and_day),
    ("relative", _defining_clause),
    ("quote", _demonstrative_frame),
)


#: Connective endings that also join two verbs of one act (`싣고 가다`, `나눠 운영하다`).
_SERIAL_ENDINGS = frozenset({"고", "어", "아", "여", "어서", "아서", "여서"})


def _starts_with_predicate(toks: Sequence[_Tok]) -> bool:
    """The tokens open with a verb or adjective, or a verbal noun and its 하다/되다."""
    if not toks:
        return False
    if toks[0].tag in ("VV", "VA"):
        return True
    return len(toks) > 1 and toks[0].tag == "NNG" and toks[1].tag in ("XSV", "XSA")


def _postposition_verb(toks: list[_Tok], j: int) -> bool:
    """The predicate ending at token j is a postposition-like verb (`힘입`, `관련(하)`)."""
    t = toks[j]
    if t.form in POSTPOSITION_VERBS:
        return True
    return t.tag.startswith("XS") and j >= 1 and toks[j - 1].form in POSTPOSITION_VERBS


#: Nouns that close an adverbial clause after an adnominal ending (`단행한 후`, `인상한 뒤`,
#: `겪고 있는 가운데`).
_AFTER_NOUNS = frozenset({"후", "뒤", "다음", "이후", "직후", "가운데"})


def _closes_adverbial_clause(toks: list[_Tok], k: int, seg_start: int) -> bool:
    """`…을 단행한 후`, `…인상한 뒤`, `…미만이기 때문에`: a clause of its own (content, an
    argument) closed by a time noun after an adnominal ending, or by `때문에`."""
    tok = toks[k]
    left = toks[seg_start:k]
    if _content(left) < 2 or (not _has_argument(left) and not any(t.tag == "SN" for t in left)):
        return False
    if tok.form in _AFTER_NOUNS and tok.tag.startswith("NN") and k and toks[k - 1].tag == "ETM":
        return True
    return (
        tok.tag == "JKB"
        and tok.form == "에"
        and k >= 1
        and toks[k - 1].form == "때문"
        and k >= 2
        and toks[k - 2].tag == "ETN"
    )


def _opens_definition(toks: list[_Tok], k: int, seg_start: int) -> bool:
    """A long relative clause (three content morphemes or more, with an argument) whose head
    noun phrase is the subject or topic of the sentence: the clause states a fact of its own
    about the head (`인구 1000명당 출생아 수를 나타내는 조출생률은 …`)."""
    left = toks[seg_start:k]
    if _content(left) < 3 or not _has_argument(left) or not toks[k - 1].tag.startswith(_PREDICATE):
        return False
    if any(t.tag == "JKS" for t in left) and not _has_figure(left):
        return False  # `통계청이 추계한 합계출산율은`: the head is the clause's object, not defined
    j = k + 1
    while (
        j < len(toks) and toks[j].tag.startswith((*_NOUNISH, "SSO", "SP")) and toks[j].tag != "NNB"
    ):
        j += 1
    if _content(toks[k + 1 : j]) < 2 or j >= len(toks):
        return False  # `0명대인 국가는`: a bare generic head keeps its clause
    marker = toks[j]
    return marker.tag in _SUBJECT_PARTICLES or (marker.tag == "JX" and marker.form in _TOPIC)


def _nominalised(rest: Sequence[_Tok]) -> bool:
    """The clause after a connective ends in `~는 것이/은` before any other connective: the
    coordinated verbs are the subject of a nominalised clause."""
    for k, t in enumerate(rest[:-2]):
        if t.tag in ("EC", "EF"):
            return False
        nxt, after = rest[k + 1], rest[k + 2]
        if t.tag == "ETM" and nxt.tag == "NNB" and after.tag in ("JKS", "JX"):
            return True
    return False


def _has_argument(toks: Sequence[_Tok]) -> bool:
    """A clause with a subject, topic or object of its own; a verb governing only an adverbial
    (`1분기에 이어`, `호조에 힘입어`, `이와 관련해`) works as a postposition, not a clause."""
    for k, t in enumerate(toks):
        marked = t.tag in ("JKS", "JKO", "JKC") or (t.tag == "JX" and t.form in ("은", "는", "도"))
        if marked and k and toks[k - 1].tag.startswith((*_NOUNISH, "NNB")):
            return True
    return False


def _inside_brackets(toks: list[_Tok], k: int) -> bool:
    depth = 0
    for t in toks[:k]:
        if t.tag == "SSO" and t.form in "([{（［":
            depth += 1
        elif t.tag == "SSC" and t.form in ")]}）］" and depth:
            depth -= 1
    return depth > 0


def _content(toks: Sequence[_Tok]) -> int:
    return sum(1 for t in toks if t.tag in _CONTENT)


def _has_figure(toks: Sequence[_Tok]) -> bool:
    return any(t.tag == "SN" for t in toks)


def _after_figure(toks: list[_Tok], k: int) -> bool:
    """Whether token k follows a number and its unit (`23만 명으로`, `3.25%로`,
    `10조4000억원으로`), not a count used as a noun (`2분기 연속으로`)."""
    for j in range(k - 1, max(-1, k - 5), -1):
        t = toks[j]
        if t.tag == "SN":
            return True
        unit = t.tag.startswith(("NNB", "NR", "SW", "SL")) or (
            t.tag == "NNG" and (t.form.startswith("%") or t.form in _UNIT_NOUNS)
        )
        if not unit:
            return False
    return False


def _in_range(toks: list[_Tok], seg_start: int, k: int) -> bool:
    """`3.5%에서 3.25%로`: a figure before `에서` earlier in the segment makes `로` a range end."""
    for j in range(seg_start, k):
        if toks[j].tag == "JKB" and toks[j].form == "에서" and _after_figure(toks, j):
            return True
    return False


def _comparison_or_figure_follows(toks: list[_Tok], k: int) -> bool:
    """After a level: its comparison (`전년보다`), another figure, or a predicate phrase with
    content of its own (`역대 최저치를 기록했다`, not `잠정 집계됐다고`)."""
    nxt = _until_predicate(toks, k)
    if not nxt:
        return False
    j = _first_predicate(toks, k)
    if j >= 0 and _modifies_noun(toks, j) and not _has_figure(toks[k:j]):
        return False  # `3.50%로 유지됐던 기준금리가`: the level is inside a relative clause
    if any(t.form in _COMPARISON for t in nxt) or _has_figure(nxt):
        return True
    clause = []
    for t in toks[k:]:
        if t.tag in ("EC", "EF"):
            break
        clause.append(t)
    return _content(clause) >= 3


def _until_predicate(toks: list[_Tok], k: int) -> list[_Tok]:
    """Tokens from k up to (not including) the next predicate or ending."""
    out = []
    for t in toks[k:]:
        if t.tag.startswith(("VV", "VA", "XSV", "XSA", "EF", "EC", "ETM", "VCP")):
            break
        out.append(t)
    return out


def _has_own_noun(toks: Sequence[_Tok]) -> bool:
    """A list item names its own measure: a noun before its first figure."""
    for t in toks:
        if t.tag == "SN":
            return False
        if t.tag in ("NNG", "NNP"):
            return True
    return False


def _touches_day(toks: Sequence[_Tok], days: list[tuple[int, int]]) -> bool:
    return any(t.form in _DAY_WORDS for t in toks) or any(
        s < t.end and t.start < e for t in toks for s, e in days
    )


def _in_day(tok: _Tok, days: list[tuple[int, int]]) -> bool:
    if tok.form in _DAY_WORDS or tok.tag in ("SSO", "SSC"):
        return True
    return any(s <= tok.start and tok.end <= e for s, e in days)


def _prefix_day_end(toks: list[_Tok], seg_start: int, days: list[tuple[int, int]]) -> int:
    """The last token of `subject + day` at the start of a clause (`금통위는 11일`), or -1."""
    k = seg_start
    while k < len(toks) and toks[k].tag.startswith((*_NOUNISH, "SSO", "SP", "JKG")):
        k += 1
    if k >= len(toks) or k == seg_start:
        return -1
    marker = toks[k]
    if not (marker.tag in _SUBJECT_PARTICLES or (marker.tag == "JX" and marker.form in _TOPIC)):
        return -1
    j = k + 1
    last = -1
    while j < len(toks) and _in_day(toks[j], days):
        if toks[j].tag not in ("SSO", "SSC"):
            last = j
        j += 1
    if last < 0 or not any(
        (_in_day(toks[i], days) and toks[i].tag == "SN") or toks[i].form in _DAYS
        for i in range(k + 1, last + 1)
    ):
        return -1
    # a closing bracket of `오늘(11일)` belongs to the day
    while last + 1 < len(toks) and toks[last + 1].tag == "SSC":
        last += 1
    nxt = toks[last + 1] if last + 1 < len(toks) else None
    if nxt is None or nxt.tag.startswith(("J", "VV", "XSV", "E", "VCP")):
        return -1  # `11일에`, `5일 공시했다` (the day is part of a short frame)
    for j in range(last + 1, len(toks) - 1):
        t = toks[j]
        if t.tag in ("JKS", "JKO") or (t.tag == "JX" and t.form in _TOPIC):
            break  # the clause after the day has its own arguments
        if t.tag.startswith(("VV", "VA", "XSV", "XSA")):
            # `삼성전자가 5일 발표한 …에 따르면`: the day belongs to a relative clause
            after = toks[j + 1] if toks[j + 1].tag != "EP" else toks[min(j + 2, len(toks) - 1)]
            if after.tag == "ETM":
                return -1
            break
    return last


def _clause_follows(rest: Sequence[_Tok]) -> bool:
    """The rest is a clause of its own: content and a predicate."""
    has_pred = any(t.tag.startswith(("VV", "VA", "XSV", "XSA", "VCP")) for t in rest)
    return has_pred and _content(rest) >= 2


# --- pieces --------------------------------------------------------------------------------------


def _pieces(
    text: str,
    toks: list[_Tok],
    cuts: list[tuple[int, str]],
    days: list[tuple[int, int]],
    opened_by: str,
) -> list[Piece]:
    bounds: list[tuple[int, int, str]] = []  # token ranges [a, b) and the reason that opened b
    a = 0
    reasons = []
    for k, reason in cuts:
        bounds.append((a, k + 1, opened_by))
        reasons.append(reason)
        a = k + 1
        opened_by = reason
    bounds.append((a, len(toks), opened_by))
    closes = [*reasons, "end"]  # the reason of the cut that closes each piece

    raw: list[tuple[int, int, bool, bool]] = []  # token range, setting, droppable frame
    kept_closes: list[str] = []
    pending: int | None = None  # start of a source frame waiting for its claim
    for (a, b, opened), closed in zip(bounds, closes, strict=True):
        seg = toks[a:b]
        frame = opened == "quote" and _is_frame(seg, days)
        setting = closed in ("prefix", "locative") or (
            _touches_day(seg, days) and _is_occasion(seg, closed, frame)
        )
        if closed == "source" and not setting and b < len(toks):
            pending = a if pending is None else pending  # `에프앤가이드에 따르면 …`: the
            continue  # source of a figure without a day stays with the figure
        if pending is not None:
            a, pending = pending, None
        raw.append((a, b, setting, frame and not setting))
        kept_closes.append(closed)
    raw = _join_settings(toks, raw, kept_closes)
    merged = _merge_small(toks, raw)
    out = []
    for a, b, setting, drop in merged:
        while a < b - 1 and toks[a].tag.startswith(_NOT_AN_OPENING):
            a += 1  # `”며 서비스 중단은 …`: what closed the quotation before
        while b - 1 > a and toks[b - 1].tag == "JKQ":
            b -= 1  # `…진행 중이다라고`: the quoting particle is not the words quoted
        if drop:
            continue
        s, e = _trim(text, toks[a].start, toks[b - 1].end)
        if e > s:
            out.append(Piece(s, e, setting=setting))
    return out


def _join_settings(
    toks: list[_Tok], raw: list[tuple[int, int, bool, bool]], closes: list[str]
) -> list[tuple[int, int, bool, bool]]:
    """`한국은행은 11일 | 본회의를 열고`: an occasion clause right after a setting piece is part of
    that setting; consecutive setting pieces are one setting."""
    out: list[tuple[int, int, bool, bool]] = []
    for (a, b, setting, drop), closed in zip(raw, closes, strict=True):
        prev = out[-1] if out else None
        if prev is not None and prev[2] and not drop:
            seg = toks[a:b]
            if setting or (closed in ("ec", "end") and _is_occasion(seg, "ec", False)):
                out[-1] = (prev[0], b, True, False)
                continue
        out.append((a, b, setting, drop))
    return out


def _is_frame(seg: Sequence[_Tok], days: list[tuple[int, int]]) -> bool:
    """`5일 공시했다`, `이같이 밝혔다`, `정 대표는 말했다`: an attribution frame, nothing else."""
    verbs = 0
    for t in seg:
        if t.tag in _FRAME_FILLER or (t.tag == "EC" and t.form in QUOTATIVE_ENDINGS):
            continue
        if _in_day(t, days) or t.tag == "SN" or (t.tag == "NNB" and t.form != "바"):
            continue
        if t.form in SAY_VERBS and t.tag in ("VV", "NNG", "VX"):
            verbs += 1
            continue
        if verbs and t.form in ("바", "있") and t.tag in ("NNB", "VA", "VX"):
            continue  # `밝힌 바 있다`
        if t.tag in ("NNP", "NNG") and verbs == 0:
            continue  # the speaker (`이 총재는`, `통계청은`)
        return False
    return verbs >= 1


def _is_occasion(seg: Sequence[_Tok], closed: str, frame: bool) -> bool:
    """A day with a held/announced occasion and no figure besides dates."""
    if closed == "source" or frame:
        return True
    figures = [t for t in seg if t.tag == "SN"]
    occasion = any(t.form in OCCASION_VERBS for t in seg if t.tag in ("VV", "NNG"))
    non_day_figures = [t for t in figures if not _followed_by_day_unit(seg, t)]
    return occasion and not non_day_figures


def _followed_by_day_unit(seg: Sequence[_Tok], tok: _Tok) -> bool:
    idx = seg.index(tok)
    nxt = seg[idx + 1] if idx + 1 < len(seg) else None
    return nxt is not None and nxt.form in ("일", "시", "분", "월", "년")


def _merge_small(
    toks: list[_Tok], raw: list[tuple[int, int, bool, bool]]
) -> list[tuple[int, int, bool, bool]]:
    """Pieces with fewer than two content morphemes (a setting: one) join their neighbour."""
    out = list(raw)
    changed = True
    while changed and len(out) > 1:
        changed = False
        for i, (a, b, setting, drop) in enumerate(out):
            if drop:
                continue
            need = 1 if setting else 2
            if _content(toks[a:b]) >= need:
                continue
            j = i - 1 if i > 0 and not out[i - 1][3] else i + 1
            if j >= len(out) or out[j][3]:
                continue
            lo, hi = min(i, j), max(i, j)
            a2 = out[lo][0]
            b2 = out[hi][1]
            keep_setting = out[j][2]
            out[lo : hi + 1] = [(a2, b2, keep_setting, False)]
            changed = True
            break
    return out


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in ",·"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] == ","):
        e -= 1
    return s, e


# --- borrowed subjects ---------------------------------------------------------------------------


def _with_subjects(pieces: list[Piece], toks: list[_Tok]) -> list[Piece]:
    """Each piece without a subject of its own borrows the last subject stated before it; a
    relative clause cut from its head (`인구 1000명당 출생아 수를 나타내는 | 조출생률은 …`)
    borrows the head, the next piece's subject."""
    own = [_subject(toks, p.start, p.end) for p in pieces]
    out = []
    last: tuple[int, int] | None = None
    for k, p in enumerate(pieces):
        if own[k] is not None:
            last = own[k]
            out.append(p)
            continue
        ends_adnominal = [t for t in toks if p.start <= t.start and t.end <= p.end][-1:]
        if ends_adnominal and ends_adnominal[0].tag == "ETM" and k + 1 < len(pieces):
            head = own[k + 1]
            if head is not None:
                out.append(Piece(p.start, p.end, setting=p.setting, subject=head))
                continue
        if last is not None and not p.setting:
            out.append(Piece(p.start, p.end, setting=p.setting, subject=last))
        else:
            out.append(p)
    return out


def _subject(toks: list[_Tok], start: int, end: int) -> tuple[int, int] | None:
    """The span of the piece's subject noun phrase (`한국은행 금융통화위원회는`): the noun run
    before the first topic particle (은/는) of the piece, else before its first subject particle
    (이/가), when that comes before the piece's first connective or final ending."""
    inside = [t for t in toks if t.start >= start and t.end <= end]
    found: dict[str, int] = {}
    for k, t in enumerate(inside):
        if t.tag.startswith(("EC", "EF")):
            break
        if k == 0 or not inside[k - 1].tag.startswith(_NOUNISH) or inside[k - 1].tag == "NNB":
            continue
        if t.tag == "JX" and t.form in _TOPIC:
            found.setdefault("topic", k)
        elif t.tag in _SUBJECT_PARTICLES and not _relative_subject(inside, k):
            found.setdefault("subject", k)
        elif (t.tag == "JX" and t.form == "도") or (t.tag == "MAG" and t.form in _ALSO):
            found.setdefault("also", k)
    k = found.get("topic", found.get("subject", found.get("also", -1)))
    if k < 0:
        return None
    j = k - 1
    while j > 0 and inside[j - 1].tag.startswith((*_NOUNISH, "NNB", "SSO", "JKG", "SO", "SW")):
        j -= 1
    return (inside[j].start, inside[k].end)


def _relative_subject(toks: list[_Tok], k: int) -> bool:
    """The subject marked at k belongs to a relative clause (`통계가 작성된 1970년`): the first
    predicate after it modifies a noun."""
    j = _first_predicate(toks, k + 1)
    return j >= 0 and _modifies_noun(toks, j)


def _first_predicate(toks: list[_Tok], k: int) -> int:
    for j in range(k, len(toks)):
        if toks[j].tag.startswith(("VV", "VA", "XSV", "XSA", "VCP")):
            return j
    return -1


def _modifies_noun(toks: list[_Tok], j: int) -> bool:
    """The predicate at j ends in an adnominal ending that opens a noun phrase (`작성된 1970년`,
    `유지됐던 기준금리가`), not the `~ㄴ 것이다` of a sentence's own predicate."""
    m = j + 1
    while m < len(toks) and toks[m].tag in ("EP", "XSV", "XSA", "VX"):
        m += 1
    if m >= len(toks) or toks[m].tag != "ETM":
        return False
    nxt = toks[m + 1] if m + 1 < len(toks) else None
    # `증가한 것으로 집계됐다`, `늘어난 겁니다`: a complement, not a relative clause
    return not (nxt is not None and nxt.tag == "NNB" and nxt.form in ("것", "거", "바"))


# --- statements inside noun phrases --------------------------------------------------------------


def appositions(
    text: str, start: int, end: int, tokens: Sequence[Any], base: int
) -> list[tuple[int, int]]:
    """Descriptions stated by a noun phrase inside `text[start:end]`, as spans: a description
    and the name it describes, joined by the copula (`정부 온라인 민원서비스인 ‘정부24’`,
    `삼성전자의 최대 효자인 메모리`) or set side by side with the name quoted
    (`행정전산망 ‘새올’`). The description needs two content morphemes; the span ends with the
    name (its closing quote mark included)."""
    toks = _toks_within(tokens, base, start, end)
    out = []
    for k, t in enumerate(toks):
        if t.tag == "VCP" and k + 1 < len(toks) and toks[k + 1].tag == "ETM":
            if text[toks[k + 1].end : toks[k + 1].end + 1] not in (" ", "‘", "'", "“", '"'):
                continue  # `…인` inside a word (`사내독인법인`) is no copula of a description
            first, last = _description_before(toks, k), _name_after(toks, k + 2)
        elif t.tag == "SSO" and t.form in "‘'“\"" and k and toks[k - 1].tag == "NNG":
            if toks[k - 1].end != t.start and text[toks[k - 1].end : t.start].strip():
                continue
            first, last = _description_before(toks, k), _name_after(toks, k)
        else:
            continue
        if first is None or last is None or _content(toks[first:k]) < 2:
            continue
        out.append((toks[first].start, toks[last].end))
    return out


#: Tags a describing noun phrase is made of (`삼성전자의 최대 효자`, `5세대 HBM(고대역폭메모리)`).
_DESCRIPTION_TAGS = frozenset(
    {"NNG", "NNP", "NR", "SL", "SN", "SH", "XSN", "JKG", "SSO", "SSC", "MM"}
)


def _description_before(toks: list[_Tok], k: int) -> int | None:
    """The first token of the noun phrase ending right before token k (nouns, numbers,
    foreign words, `의`, brackets)."""
    j = k
    while j > 0 and toks[j - 1].tag in _DESCRIPTION_TAGS:
        j -= 1
    while j < k and toks[j].tag in ("JKG", "SSC", "SN", "MM"):
        j += 1  # the phrase opens with a noun (`17일 …`: a day, and a dependent noun, stop it)
    return _word_start(toks, j) if j < k else None


def _name_after(toks: list[_Tok], k: int) -> int | None:
    """The last token of the name starting at token k: up to its closing quote mark when it is
    quoted, else its run of nouns (four at most)."""
    if k >= len(toks):
        return None
    if toks[k].tag == "SSO":
        for j in range(k + 1, min(len(toks), k + 8)):
            if toks[j].tag == "SSC":
                return j if j > k + 1 else None
        return None
    j = k
    while j < len(toks) and j < k + 4 and toks[j].tag.startswith(("NNP", "NNG", "SL", "SN")):
        j += 1
    return j - 1 if j > k else None


#: Heads that make an adnominal clause adverbial (`도착한 후`, `분석한 결과`, `겪고 있는
#: 가운데`), a complement (`분리된 것`) or the content of a plan, view or report (`집중할 계획`,
#: `운영한다는 방침`, `평가를 받는`), not a description of a thing.
_ADVERBIAL_HEADS = frozenset(
    {
        "후", "뒤", "전", "이후", "직후", "이전", "가운데", "중", "때", "동안", "결과", "만큼",
        "대로", "끝", "만", "뿐", "데", "바", "것", "수", "등", "경우", "상황", "사이", "무렵",
        "즈음", "날", "순간", "모습", "셈", "상태", "탓", "덕분", "반면", "한편", "정도", "계획",
        "방침", "전략", "의지", "평가", "목표", "예정", "전망", "방안", "입장", "설명", "분석",
        "가능성", "기대", "우려", "사실", "점", "이유", "과정", "목소리", "의견", "지적", "얘기",
        "말", "관측", "분위기", "취지", "의미", "뜻", "방향", "필요", "시간", "시점", "이상",
        "동시", "속", "직전", "자리",
    }
)  # fmt: skip
#: Adnominal endings of a clause that is no description: the future (`집중할`) and reported
#: content (`운영한다는`, `걸겠다는`, `하라는`).
_NOT_DESCRIBING = ("ᆯ", "을", "를", "다는", "라는", "자는", "냐는", "ᆫ다는", "는다는")
#: Tags a relative clause is made of, walking back from its predicate: its arguments (nouns,
#: numbers, their case particles), adverbs and the verb stem before 하다/되다.
_CLAUSE_TAGS = frozenset(
    {
        "NNG", "NNP", "NNB", "NR", "NP", "SN", "SL", "SH", "XSN", "XPN", "MM", "MAG", "JKO",
        "JKB", "JKS", "JKG", "JC", "JX", "XR", "VV", "VA", "XSV", "XSA", "EP",
    }
)  # fmt: skip


def relative_clauses(
    text: str, start: int, end: int, tokens: Sequence[Any], base: int
) -> list[tuple[int, int]]:
    """Descriptions stated by a relative clause inside `text[start:end]`, as spans: the clause
    and the noun phrase it describes (`독자 개발한 누리호`, `우주 날씨를 관측하는 도요샛`,
    `국내 독자 기술로 개발된 한국형 발사체 누리호`). The clause runs back from its adnominal
    ending over its own arguments and adverbs up to a clause boundary (another ending, a topic
    particle, punctuation); it needs two content morphemes of its own. Clauses whose head makes
    them adverbial (`도착한 후`, `분석한 결과`) or a complement (`~ㄴ 것`) are no descriptions."""
    toks = _toks_within(tokens, base, start, end)
    out = []
    for m, t in enumerate(toks):
        if not _adnominal_ending(toks, m) or t.form in _NOT_DESCRIBING:
            continue
        if toks[m - 1].form in POSTPOSITION_VERBS:
            continue  # `플랫폼에 대한`: a postposition, not a clause
        if toks[m - 1].form == "같" and not (m > 1 and toks[m - 2].form in ("와", "과")):
            continue  # `지난해 같은 기간`: a period named, no statement (`어제와 같은 6시` is one)
        if m + 1 >= len(toks) or text[t.end : t.end + 1] != " ":
            continue
        head = toks[m + 1]
        if not head.tag.startswith(("NNG", "NNP", "SL", "SSO")) or head.form in _ADVERBIAL_HEADS:
            continue
        last = _head_after(toks, m + 1)
        first = _clause_start(toks, m)
        if last is None or first is None or _content(toks[first:m]) < 2:
            continue
        out.append((toks[first].start, toks[last].end))
    return out


def _adnominal_ending(toks: list[_Tok], m: int) -> bool:
    """An adnominal ending after a predicate at m; kiwipiepy reads a verbal noun glued to `한`
    (`개발한`) as a noun and the determiner `한` ("one") at times, which is the same ending."""
    if m == 0:
        return False
    t, before = toks[m], toks[m - 1]
    if t.tag == "ETM":
        return before.tag.startswith(("VV", "VA", "XS", "EP"))
    return t.tag == "MM" and t.form == "한" and before.tag == "NNG" and before.end == t.start


def _clause_start(toks: list[_Tok], m: int) -> int | None:
    """The first token of the relative clause whose adnominal ending is at m."""
    j = m
    while j > 0 and toks[j - 1].tag in _CLAUSE_TAGS and m - j < 12:
        if toks[j - 1].tag == "JX" and toks[j - 1].form in _TOPIC:
            break
        j -= 1
    if j > 0 and toks[j - 1].tag in ("ETM", "MM"):
        # the head of the clause before (`될 때 | 유저들의 …`, `범람하는 환경 속에서 | 사람을 …`)
        while j < m and toks[j].tag.startswith(("NN", "SL", "SN", "XSN")):
            j += 1
        while j < m and toks[j].tag.startswith("J"):
            j += 1
    while j < m and not toks[j].tag.startswith(("NN", "SN", "SL", "SH", "NR", "XR", "MM", "MAG")):
        j += 1  # it opens with a word, not a particle
    while j < m and toks[j].tag == "MAG" and toks[j].form in ("다만", "또", "또한", "특히", "이에"):
        j += 1
    return _word_start(toks, j) if j < m else None


def _word_start(toks: list[_Tok], j: int) -> int:
    """The first token of the word token j is in (`2022년`, `주탑재`, `6조787억원`): a span
    opens with a whole word, whatever stopped the walk inside it."""
    while j > 0 and toks[j].start == toks[j - 1].end and toks[j - 1].tag not in _MARKS:
        j -= 1
    return j


def _head_after(toks: list[_Tok], k: int) -> int | None:
    """The last token of the noun phrase a relative clause describes, starting at token k:
    a quoted name, or a run of nouns (a number with its counter counts as one)."""
    if toks[k].tag == "SSO":
        return _name_after(toks, k)
    j = k
    while j < len(toks) and j < k + 6:
        tag = toks[j].tag
        glued = j > k and toks[j].start == toks[j - 1].end
        if tag.startswith(("NNP", "NNG", "SL", "SN", "XSN")) or (tag == "NNB" and glued):
            j += 1
            continue
        if tag == "SSO" and toks[j].form in "‘'“\"(":
            name = _name_after(toks, j)  # `누리호(KSLV-Ⅱ)`, `‘정부24’`
            if name is not None:
                j = name + 1
            break
        break
    while k < j < len(toks) and toks[j].start == toks[j - 1].end and toks[j].tag in _WORD_END:
        j += 1  # the phrase ends with its word (`요청 4200여|건`)
    return j - 1 if j > k else None


#: Punctuation tags: a word glued to one (`“독자`) still starts there.
_MARKS = frozenset({"SSO", "SSC", "SP", "SF", "SE", "SO", "SW"})
#: Tags that may close a word a noun phrase ends in: counters, suffixes, nouns glued on.
_WORD_END = frozenset({"NNB", "XSN", "NNG", "NNP", "SN"})
