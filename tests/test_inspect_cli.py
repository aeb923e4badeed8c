"""`kosum inspect`: text and JSON output, and a bad input among good ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from schema_check import assert_valid
from typer.testing import CliRunner


@pytest.fixture(scope="module")
def app(kiwi):
    import summarize.cli.inspect  # noqa: F401  (registers the command)
    from summarize.cli.app import app as kosum

    return kosum


def test_json_with_a_bad_input(app, sample_paths, tmp_path):
    bad = tmp_path / "broken.txt"
    bad.write_bytes(b"\x00\x01\x02\x03 binary")
    good = [str(p) for p in sample_paths[:2]]
    result = CliRunner().invoke(app, ["inspect", "--format", "json", "--quiet", *good, str(bad)])
    assert result.exit_code == 1
    assert "broken.txt" in result.stderr
    doc = json.loads(result.stdout)
    assert_valid(doc, "inspect")
    assert [a["path"] for a in doc["articles"]] == good
    for article in doc["articles"]:
        text = Path(article["path"]).read_text(encoding="utf-8-sig")
        for key in ("sentences", "claims", "paragraphs", "clutter"):
            for item in article[key]:
                assert text[item["start"] : item["end"]] == item["text"]
        assert any(c["quote"] for c in article["claims"])
        for claim in article["claims"]:
            spans = claim["spans"]
            assert spans[0][0] == claim["start"] and spans[-1][1] == claim["end"]
            assert all(s < e for s, e in spans)
    assert any(c["setting"] for a in doc["articles"] for c in a["claims"])


def test_text_output(app, sample_paths):
    result = CliRunner().invoke(app, ["inspect", str(sample_paths[0])])
    assert result.exit_code == 0, result.output
    out = result.stdout
    for heading in ("outlet", "published", "headline", "Body", "Clutter removed", "Sentences"):
        assert heading in out
    assert "Claims" in out
