"""The package works with its base dependencies alone: a dev tool must not be what makes a
promised feature (HTML pages) work."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HTML_PAGE = ROOT / "tests" / "data" / "articles" / "mk_chip_page.html"


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def base_closure(root: str = "kosum") -> set[str]:
    """Distributions a plain `pip install kosum` brings in: the base requirements and theirs,
    recursively, with extras matched as they are written (as pip 23.2 did: `lxml[html_clean]`
    brings nothing from an lxml whose extra is spelled `html-clean`)."""
    from packaging.requirements import Requirement

    seen: set[str] = set()
    todo: list[tuple[str, frozenset[str]]] = [(root, frozenset())]
    while todo:
        name, extras = todo.pop()
        key = _norm(name) + "[" + ",".join(sorted(extras)) + "]"
        if key in seen:
            continue
        seen.add(key)
        try:
            requires = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue
        for line in requires:
            req = Requirement(line)
            if _wanted(req, extras):
                todo.append((req.name, frozenset(req.extras)))
    return {k.split("[", 1)[0] for k in seen}


def _wanted(req, extras: frozenset[str]) -> bool:
    """Whether a requirement applies: its extra markers compared literally with the extras asked
    for, its other markers evaluated for this interpreter."""
    marker = str(req.marker or "")
    named = re.findall(r"extra\s*==\s*[\"']([^\"']+)[\"']", marker)
    if named:
        return bool(set(named) & extras)
    return req.marker is None or req.marker.evaluate({"extra": ""})


def test_base_closure_leaves_out_the_dev_tools() -> None:
    try:
        closure = base_closure()
    except metadata.PackageNotFoundError:
        pytest.skip("kosum is not installed")
    assert {"trafilatura", "kiwipiepy", "rapidfuzz"} <= closure
    assert not {"pytest", "ruff", "playwright"} & closure


#: The start of a script run with `python -c SCRIPT CLOSURE_JSON ...`: every module whose
#: distribution is outside the closure (argv[1]) becomes unimportable; `blocked` names them.
BLOCK_NON_BASE = r"""
import importlib.abc, importlib.metadata, json, re, sys
allowed = set(json.loads(sys.argv[1]))
norm = lambda n: re.sub(r"[-_.]+", "-", n).lower()
blocked = {mod for mod, dists in importlib.metadata.packages_distributions().items()
           if not any(norm(d) in allowed for d in dists)}
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in blocked:
            raise ModuleNotFoundError(f"{name} is not a base dependency of kosum", name=name)
sys.meta_path.insert(0, Block())
"""

_BLOCKER = (
    BLOCK_NON_BASE
    + r"""
import summarize
article = summarize.load(sys.argv[2])
print(json.dumps({"format": article.source.format, "body": len(article.paragraphs)}))
"""
)


def test_html_page_reads_with_base_dependencies_only() -> None:
    """Reading an HTML page imports only what a plain install brings (the dev extra's packages
    and anything they pulled in are made unimportable)."""
    try:
        closure = base_closure()
    except metadata.PackageNotFoundError:
        pytest.skip("kosum is not installed")
    run = subprocess.run(
        [sys.executable, "-c", _BLOCKER, json.dumps(sorted(closure)), str(HTML_PAGE)],
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result["format"] == "html" and result["body"] > 0
