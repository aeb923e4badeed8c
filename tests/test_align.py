"""Claim alignment into facts (many-to-many), on invented articles and on the samples."""

from __future__ import annotations

import pytest

import summarize
from summarize.comparison.align import AlignSettings, align_event, exclusivity, index_event
from summarize.comparison.similarity import ALIGN_EXCLUSIVE
from summarize.types import Event

A = (
    "영덕 해역 규모 4.6 지진\n\n"
    "14일 오전 8시 12분께 경북 영덕군 동북동쪽 21㎞ 해역에서 규모 4.6의 지진이 발생했다.\n\n"
    "김철수 기상청장이 현장 점검을, 이영희 행안부 차관이 주민 대피를 맡았다.\n\n"
    "한국수력원자력은 원자력발전소 운영에는 이상이 없다고 밝혔다.\n\n"
    "영덕군은 이재민 12명에게 임시 숙소를 제공했다."
)
B = (
    "영덕 앞바다 지진\n\n"
    "14일 오전 8시 12분쯤 경북 영덕군 동북동쪽 21㎞ 해역에서 규모 4.6 지진이 일어났다.\n\n"
    "김철수 기상청장은 현장 점검에 나섰다.\n\n"
    "이영희 행안부 차관은 주민 대피를 지휘했다.\n\n"
    "프로야구 개막전은 예정대로 열린다."
)


@pytest.fixture(scope="module")
def pair(kiwi):
    return [summarize.load(A, id="a"), summarize.load(B, id="b")]


def _facts_with(facts, article, needle):
    return [f for f in facts if any(c.source.id == article and needle in c.text for c in f.claims)]


def test_same_statement_is_one_fact_and_unrelated_stay_alone(pair):
    al = align_event(pair, Event("e1", ("a", "b")), embedder=None)
    quake = _facts_with(al.facts, "a", "규모 4.6")
    assert len(quake) == 1 and quake[0].articles == ("a", "b")
    (baseball,) = _facts_with(al.facts, "b", "프로야구")
    assert baseball.articles == ("b",)
    # shown as a's own, or left unplaced when the exclusivity model doubts it; never shared
    assert all(f.articles == ("a",) for f in _facts_with(al.facts, "a", "이재민"))


C = (
    "영덕 지진 대응\n\n"
    "김철수 기상청장은 오전 내내 현장 점검을 했다.\n\n"
    "이영희 행안부 차관은 오후까지 주민 대피를 지휘했다."
)


def test_alignment_is_many_to_many(pair, kiwi):
    """A's one sentence carries two facts that B and C each state in two sentences: A's claim
    belongs to both facts, and each fact still holds one claim per article."""
    arts = [*pair, summarize.load(C, id="c")]
    al = align_event(arts, Event("e1", ("a", "b", "c")), embedder=None)
    both = [f for f in _facts_with(al.facts, "a", "김철수") if len(f.articles) >= 2]
    others = {c.text for f in both for c in f.claims if c.source.id != "a"}
    assert any("김철수" in t for t in others)
    assert any("이영희" in t for t in others)
    for f in both:
        assert not any("김철수" in c.text for c in f.claims if c.source.id != "a") or not any(
            "이영희" in c.text for c in f.claims if c.source.id != "a"
        )


def test_every_claim_is_placed_and_facts_hold_one_claim_per_article(pair):
    """Every claim is in a fact, covered by a fact its article states again, or left unplaced
    because the exclusivity model doubts that no other article states it (then it is not
    shown as an addition)."""
    event = Event("e1", ("a", "b"))
    al = align_event(pair, event, embedder=None)
    placed = {(c.source.id, c.index) for f in al.facts for c in f.claims}
    model = AlignSettings().models().exclusive
    refs = [(a.id, c.index) for a in pair for c in a.claims]
    own = exclusivity(index_event(pair, event), al.scores, refs, model)
    restating = {r for r in refs if al.scores.best_other().get(r, 0.0) >= 0.5}
    for a in pair:
        for c in a.claims:
            ref = (a.id, c.index)
            assert ref in placed or ref in restating or own[ref] < model.threshold, c.text
    for f in al.facts:
        ids = [c.source.id for c in f.claims]
        assert len(ids) == len(set(ids))
        assert f.canonical in {c.text for c in f.claims}
        assert f.event == "e1" and f.id.startswith("e1.f")


def _articles_scored(matrix: dict[tuple[str, str], float]):
    """Three articles of one claim each and a scorer that gives each pair of articles the
    score in `matrix`."""
    import numpy as np

    arts = [
        summarize.load(
            f"공장 소식\n\n{name}는 올해 새 공장을 {n}곳 지었다고 밝혔다.\n\n공장 건설은 계속된다.",
            id=k,
        )
        for k, name, n in (("a", "가람전자", 3), ("b", "나래전자", 4), ("c", "다솜전자", 5))
    ]
    by_text = {(c.resolved or c.text): a.id for a in arts for c in a.claims}

    def scorer(pa, pb):
        def pair(p, q):
            return matrix.get(tuple(sorted((by_text[p.text], by_text[q.text]))), 0.0)

        return np.array([[pair(p, q) for q in pb] for p in pa], dtype=np.float32)

    return arts, scorer


def test_no_chains_every_claim_matches_the_others_directly(kiwi):
    """a~b and b~c score high, a~c low: a and c are not one fact through b."""
    arts, scorer = _articles_scored({("a", "b"): 0.9, ("b", "c"): 0.8, ("a", "c"): 0.01})
    settings = AlignSettings(threshold=0.5, cohesion_floor=0.2)
    al = align_event(arts, Event("e1", ("a", "b", "c")), matrix=scorer, settings=settings)
    shared = {f.articles for f in al.facts if len(f.articles) > 1}
    assert ("a", "b") in shared and ("a", "b", "c") not in shared
    assert not any({"a", "c"} <= set(arts_) for arts_ in shared)
    # with a~c scoring high enough, the three are one fact
    arts, scorer = _articles_scored({("a", "b"): 0.9, ("b", "c"): 0.8, ("a", "c"): 0.6})
    al = align_event(arts, Event("e1", ("a", "b", "c")), matrix=scorer, settings=settings)
    assert ("a", "b", "c") in {f.articles for f in al.facts}


def test_settings_align_with_settings_only(kiwi):
    """The setting of one outlet's sentence matches the other's setting; the figure it
    introduces matches the figure, not the setting."""
    a = summarize.load(
        "배당\n\n미래은행 이사회는 14일 정례회의를 열고 배당금을 주당 700원으로 올렸다.", id="a"
    )
    b = summarize.load(
        "배당\n\n미래은행은 14일 열린 정례회의에서 배당금을 주당 700원으로 결정했다.", id="b"
    )
    al = align_event([a, b], Event("e1", ("a", "b")), embedder=None)
    shared = [f for f in al.facts if len(f.articles) == 2]
    assert len(shared) == 2
    kinds = sorted(tuple(c.setting for c in f.claims) for f in shared)
    assert kinds == [(False, False), (True, True)]


def test_samples_data_safety_quote_aligns(sample_articles):
    arts = [a for k, a in sample_articles.items() if k[:3] in ("000", "001", "002")]
    al = align_event(arts, Event("e1", tuple(a.id for a in arts)), embedder=None)
    hits = [f for f in al.facts if any("안전성을 최고 수준으로" in c.text for c in f.claims)]
    assert len(hits) == 1
    assert any("안정성을 최대로" in c.text for c in hits[0].claims)
    # and a fact only 002 reports is never shared (shown as its own, or left unplaced)
    facts = [f for f in al.facts if any("황유지" in c.text for c in f.claims)]
    assert all(f.articles == (arts[2].id,) for f in facts)


def test_a_quote_is_not_matched_to_someone_elses_words(kiwi):
    """The same words said by two different people are two facts; the same person's words in
    another outlet are one."""
    quote = '"4분기에도 서버 수요가 견조해 실적 개선 흐름이 이어질 것"'
    a = summarize.load(f"실적\n\n김철수 한결전자 대표는 {quote}이라고 말했다.", id="a")
    b = summarize.load(f"실적\n\n이영희 한결전자 사장은 {quote}이라고 말했다.", id="b")
    c = summarize.load(f"실적\n\n김철수 대표는 콘퍼런스콜에서 {quote}이라고 밝혔다.", id="c")
    same = align_event([a, c], Event("e1", ("a", "c")), embedder=None)
    assert [f.articles for f in _facts_with(same.facts, "a", "4분기에도")] == [("a", "c")]
    other = align_event([a, b], Event("e2", ("a", "b")), embedder=None)
    # never one fact with b's (shown as a's own or, the words recurring in b, left unplaced)
    assert all(f.articles == ("a",) for f in _facts_with(other.facts, "a", "4분기에도"))
    assert other.score(a.claims[0], b.claims[0]) == 0.0


def test_settings_on_different_days_are_two_occasions(kiwi):
    """The outage on the 17th and the announcement of its cause on the 19th are two settings:
    never one fact, whatever words they share."""
    a = summarize.load(
        "전산망 장애\n\n행정안전부는 17일 세종청사에서 브리핑을 열고 복구 상황을 설명했다.",
        id="a",
    )
    b = summarize.load(
        "전산망 장애\n\n행정안전부는 19일 세종청사에서 브리핑을 열고 원인을 설명했다.",
        id="b",
    )
    al = align_event([a, b], Event("e1", ("a", "b")), embedder=None)
    settings = [(x, y) for x in a.claims for y in b.claims if x.setting and y.setting]
    assert settings, [c.text for c in (*a.claims, *b.claims)]
    for x, y in settings:
        assert al.score(x, y) == 0.0
    same_day = summarize.load(b.text.replace("19일", "17일"), id="c")
    al = align_event([a, same_day], Event("e1", ("a", "c")), embedder=None)
    pairs = [(x, y) for x in a.claims for y in same_day.claims if x.setting and y.setting]
    assert any(al.score(x, y) > 0.5 for x, y in pairs)


def test_exclusivity_shows_an_outlets_own_detail_and_doubts_a_reworded_one(kiwi):
    """A claim whose words no other article uses is shown as its own; one whose rare words
    recur in another article (in other phrasing the pair model does not match) is not
    claimed to be only this outlet's."""
    a = summarize.load(
        "공장 화재\n\n"
        "14일 새벽 한빛산업 구미공장에서 불이 났다.\n\n"
        "소방당국은 소방차 20대를 투입해 두 시간 만에 불을 껐다.\n\n"
        "공장 옆 하천에서는 물고기 폐사가 관찰됐다.",
        id="a",
    )
    b = summarize.load(
        "구미 공장 불\n\n"
        "14일 새벽 한빛산업 구미공장에서 화재가 발생했다.\n\n"
        "진화에는 소방차 20대가 동원됐고 불길은 두 시간 뒤 잡혔다.\n\n"
        "한빛산업은 피해 규모를 조사하고 있다.",
        id="b",
    )
    event = Event("e1", ("a", "b"))
    al = align_event([a, b], event, embedder=None)
    refs = [("a", c.index) for c in a.claims]
    own = exclusivity(index_event([a, b], event), al.scores, refs, ALIGN_EXCLUSIVE)
    fish = next(c for c in a.claims if "물고기" in c.text)
    trucks = next(c for c in a.claims if "소방차" in c.text)
    assert own["a", fish.index] > own["a", trucks.index]
    assert any(f.articles == ("a",) for f in _facts_with(al.facts, "a", "물고기"))
    assert not any(f.articles == ("a",) for f in _facts_with(al.facts, "a", "소방차"))


class _CountingEmbedder:
    """An embedder that records what it is asked to encode (vectors from the text's length)."""

    name = "counting"

    def __init__(self) -> None:
        self.texts: list[str] = []

    def encode(self, texts):
        import numpy as np

        self.texts += list(texts)
        out = np.array([[len(t), 1.0] for t in texts], dtype=np.float32)
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def test_embedding_rescoring_is_off_unless_a_band_is_set(pair):
    """Rescoring with the embedding gave nothing leave-one-event-out: by default the embedder
    is not called; with a band it rescores the undecided pairs."""
    event = Event("e1", ("a", "b"))
    emb = _CountingEmbedder()
    align_event(pair, event, embedder=emb)
    assert emb.texts == []
    align_event(pair, event, embedder=emb, settings=AlignSettings(band=(0.0, 1.0), candidates=9))
    assert emb.texts


def test_an_article_restates_a_fact_only_when_its_two_claims_clearly_match():
    """Two facts holding different claims of one article merge only when those claims restate
    each other clearly (`AlignSettings.restate`): a quote and the reported speech beside it,
    sharing the article's vocabulary (0.55 within the article), stay two facts."""
    import numpy as np

    from summarize.comparison.align import PairScores, candidate_links, cohesive_clusters

    # a: 0 a quote, 1 reported speech; b: 0 the same quote; c: 0 the same reported speech
    scores = PairScores()
    scores.matrices["a", "b"] = np.array([[0.99], [0.50]], dtype=np.float32)
    scores.matrices["a", "c"] = np.array([[0.50], [0.90]], dtype=np.float32)
    scores.matrices["b", "c"] = np.array([[0.55]], dtype=np.float32)
    scores.within["a"] = np.array([[1.0, 0.55], [0.55, 1.0]], dtype=np.float32)

    def clusters(settings):
        links = candidate_links(scores, 0.5, settings)
        return sorted(
            sorted(c.members.items()) for c in cohesive_clusters(links, scores, 0.5, settings)
        )

    assert clusters(AlignSettings()) == [
        [("a", ("a", 0)), ("b", ("b", 0))],
        [("a", ("a", 1)), ("c", ("c", 0))],
    ]
    (merged,) = clusters(AlignSettings(restate=0.5))  # the threshold alone lets them merge
    assert [a for a, _ in merged] == ["a", "b", "c"]
