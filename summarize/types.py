"""Core data model: one `Source` owns the decoded text, everything else is a view into it.

Every sentence, claim, number, date and entity is a frozen dataclass carrying `start`/`end`
character offsets into `Source.text`, so that `source.text[start:end]` reproduces it exactly
(the spaCy `Doc`/`Span` idea). Nothing holds a detached copy of article text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

from summarize.errors import KosumError

SourceFormat = Literal["text", "html", "json"]
SentenceKind = Literal["headline", "subheading", "body"]
EntityKind = Literal["person", "organization", "product", "place", "other"]
DateGranularity = Literal["day", "month", "quarter", "half", "year"]


@dataclass(frozen=True)
class Source:
    """One input, decoded.

    `text` is the decoded text every offset refers to: the file's characters for plain text
    (BOM removed), the text trafilatura extracts for an HTML page, and `title + "\\n\\n" + body`
    for a JSON record — always after normalisation (`summarize.article.decoding.normalise_text`:
    ``\\n`` line endings, no zero-width, bidi or other control characters, Unicode NFC).
    """

    id: str
    """Unique among one call's inputs: the file name without extension while it is unique,
    else the shortest path tail that tells files apart (`bok/edaily`); `stdin` for `-`;
    `name#N` for record N of a JSON array or JSONL file (or the record's own `id`); `~2`, `~3`
    for an id met again. Control characters escaped."""
    path: str
    """The path as given on the command line (`-` for standard input)."""
    text: str
    format: SourceFormat = "text"
    encoding: str = "utf-8"
    fields: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    """Metadata fields given by the input itself (JSON `outlet`, `published`, `url`; HTML meta)."""


@dataclass(frozen=True)
class Span:
    """A `[start, end)` character range of `source.text`."""

    source: Source = field(repr=False)
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.source.text[self.start : self.end]

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class Quantity(Span):
    """A number with its unit, normalised: `4만5000건` -> value 45000, unit `건`."""

    value: float = 0.0
    unit: str = ""
    """Counter or unit as written after normalisation (`명`, `건`, `MW`, `EB`, `배`, `%`, `원`)."""
    qualifier: str = ""
    """How the number is hedged: `approx` (`300여개`, `약`, `가량`), `at least` (`이상`),
    `more than` (`넘게`, `초과`), `at most` (`이하`, `최대`), `less than` (`미만`); empty when
    exact."""


@dataclass(frozen=True)
class DateMention(Span):
    """A date or period written in the text, resolved against the published date when relative.

    `value` is the first day of the period (`지난해 12월` -> 2023-12-01 with granularity `month`);
    None when it cannot be resolved (a relative date in an article with no published date).
    """

    value: date | None = None
    granularity: DateGranularity = "day"
    relative: bool = False


@dataclass(frozen=True)
class Entity(Span):
    """A named person, organisation, product or place mention.

    `canonical` is the fullest form known in the article (`정 대표` -> `정신아`); `title` the
    job title attached to a person (`대표`, `CTO`).
    """

    kind: EntityKind = "other"
    canonical: str = ""
    title: str = ""


@dataclass(frozen=True)
class Sentence(Span):
    """A sentence, headline or subheading line of the article."""

    index: int = 0
    kind: SentenceKind = "body"
    paragraph: int = 0


@dataclass(frozen=True)
class Claim(Span):
    """One checkable statement: a proposition of a sentence (a clause, a figure with its
    comparison, the setting of the event), or a direct quote.

    `sentence` is the index of the sentence it comes from. A quote claim's span covers the quoted
    words; `speaker` names who said them (resolved to the fullest form in the article).
    `setting` marks the when/where/occasion of the event (`11일 열린 통화정책방향 회의에서`),
    which is compared with other outlets' settings only. `resolved` is the claim's text as
    matched: short references replaced (`그는` -> `정신아 카카오 대표는`) and, for a proposition
    that shares its sentence's subject, that subject put in front; the span itself always
    reproduces the source exactly. `start`/`end` is the claim's hull; `spans` lists its parts
    when the words that state it are discontinuous (empty when the claim is `[start, end)`).
    """

    index: int = 0
    sentence: int = 0
    quote: bool = False
    speaker: Entity | None = None
    resolved: str = ""
    quantities: tuple[Quantity, ...] = ()
    dates: tuple[DateMention, ...] = ()
    entities: tuple[Entity, ...] = ()
    setting: bool = False
    spans: tuple[tuple[int, int], ...] = ()

    @property
    def parts(self) -> tuple[tuple[int, int], ...]:
        """The `[start, end)` ranges of the words that state the claim (one when contiguous)."""
        return self.spans or ((self.start, self.end),)


@dataclass(frozen=True)
class Clutter(Span):
    """A piece of page clutter removed from the article, with the reason it was removed."""

    reason: str = ""


@dataclass(frozen=True)
class Article:
    """A cleaned, analysed article. Build one with `summarize.load`."""

    source: Source = field(repr=False)
    headline: Span | None = None
    subheadings: tuple[Span, ...] = ()
    paragraphs: tuple[Span, ...] = ()
    """Body paragraphs, in order; clutter and the repeated lead are not among them."""
    clutter: tuple[Clutter, ...] = ()
    outlet: str | None = None
    reporters: tuple[str, ...] = ()
    published: datetime | None = None
    """Published date-time in Asia/Seoul, from the page's date line; None when there is none."""
    sentences: tuple[Sentence, ...] = ()
    claims: tuple[Claim, ...] = ()

    @property
    def id(self) -> str:
        return self.source.id

    @property
    def path(self) -> str:
        return self.source.path

    @property
    def text(self) -> str:
        return self.source.text

    @property
    def title(self) -> str | None:
        return self.headline.text if self.headline else None

    @property
    def body(self) -> str:
        """The body paragraphs joined by blank lines (a convenience copy; offsets live in spans)."""
        return "\n\n".join(p.text for p in self.paragraphs)

    @property
    def body_sentences(self) -> tuple[Sentence, ...]:
        return tuple(s for s in self.sentences if s.kind == "body")


class InputError(KosumError):
    """An input that cannot be read as an article. The message is one line naming the input."""

    def __init__(self, name: str, reason: str):
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason


# --- comparison across outlets (group -> align -> diff) ---------------------------------------

ConflictKind = Literal["number", "date", "time", "name", "wording"]


DateSource = Literal["published", "text", "neighbours"]


@dataclass(frozen=True)
class ArticleDate:
    """The day an article reports on, and where it comes from: its `published` date line, or
    inferred (`text`: a day its text mentions, `지난 11일` or `오늘(28일)`, resolved against the
    dates of the other articles of its story; `neighbours`: the date of the most similar dated
    article of its story)."""

    article: str
    value: date
    source: DateSource

    @property
    def inferred(self) -> bool:
        return self.source != "published"


@dataclass(frozen=True)
class StoryDay:
    """One day of a story: the articles dated (or inferred) to it, earliest published first."""

    date: date | None
    """None for the articles of the story whose day is unknown."""
    articles: tuple[str, ...]
    inferred: bool = False
    """Whether any article's day was inferred rather than read from its date line."""


@dataclass(frozen=True)
class Event:
    """One real-world story: the articles of all outlets and days that report it.

    `days` is its timeline (sub-events by day, earliest first; articles of unknown day last);
    `headline` the headline most representative of the story (never a photo caption or credit
    line); `first` the article published first, when any carries a published time.
    """

    id: str
    articles: tuple[str, ...]
    """Article ids, in input order."""
    days: tuple[StoryDay, ...] = ()
    dates: tuple[ArticleDate, ...] = ()
    """The day of each article whose day is known or inferred."""
    headline: Span | None = None
    first: str | None = None

    @property
    def title(self) -> str | None:
        return self.headline.text if self.headline is not None else None

    def date_of(self, article_id: str) -> ArticleDate | None:
        for d in self.dates:
            if d.article == article_id:
                return d
        return None


@dataclass(frozen=True)
class Fact:
    """One fact: claims from different articles of an event that state the same thing.

    Usually one claim per article; two when an article splits across clauses what others state
    at once. A fact with claims from one article only is that article's addition.
    """

    id: str
    event: str
    claims: tuple[Claim, ...]
    canonical: str
    """A representative wording (the claim closest to all others)."""

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.source.id for c in self.claims))


@dataclass(frozen=True)
class Conflict:
    """The same fact reported differently: numbers, dates, times of day, names or the wording of
    a quote."""

    fact: str
    kind: ConflictKind
    claims: tuple[Claim, ...]
    detail: str = ""
    """A short human-readable account (`4870만명 vs 4800만명`)."""


@dataclass(frozen=True)
class OutletView:
    """What one article adds to its event (facts only it reports), omits (facts most others
    report), and states without a match that is not sure to be its own (`unmatched`)."""

    article: str
    additions: tuple[str, ...] = ()
    """Fact ids."""
    omissions: tuple[str, ...] = ()
    """Fact ids."""
    unmatched: tuple[Claim, ...] = ()
    """Claims of the article that no other article was found stating but that are not shown as
    its own either: another outlet may state them in other words."""


@dataclass(frozen=True)
class Comparison:
    """The result of `summarize.compare`."""

    articles: tuple[Article, ...]
    events: tuple[Event, ...]
    facts: tuple[Fact, ...]
    conflicts: tuple[Conflict, ...] = ()
    outlets: tuple[OutletView, ...] = ()

    def article(self, article_id: str) -> Article:
        for a in self.articles:
            if a.id == article_id:
                return a
        raise KeyError(article_id)

    def event_of(self, article_id: str) -> Event:
        for e in self.events:
            if article_id in e.articles:
                return e
        raise KeyError(article_id)


# --- summaries ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SummarySentence:
    """One sentence of a summary and the source sentences that support it."""

    text: str
    support: tuple[Span, ...]
    """Spans of the source article (sentences or claims) that support this sentence."""
    role: Literal["gist", "point", "sentence"] = "sentence"
    flags: tuple[str, ...] = ()
    """Faithfulness flags: numbers, dates or names in this sentence not found in the source."""


@dataclass(frozen=True)
class Summary:
    """A summary of one article."""

    article: str
    """Article id."""
    sentences: tuple[SummarySentence, ...]
    method: str
    """What produced it: `extractive`, or the checkpoint, e.g.
    `seq2seq:digit82/kobart-summarization`."""
    fallback: str | None = None
    """Why a generated summary was replaced (by another beam or the extractive summary), if it
    was."""
    notes: tuple[str, ...] = ()
    """How the input was prepared, e.g. how an article longer than the model's limit was fitted."""

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)
