"""The HTML report in a real browser (Debian's headless Chromium driven by Playwright).

Renders the report of samples/ through `kosum report`, checks the coverage matrix and the
side-by-side view, that a `<script>` and an attribute-breaking quote planted in an article never
run, that the page reads with JavaScript off, that sorting and filtering work with it on, and
saves screenshots at phone and desktop widths to tests/_artifacts/.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None:
    pytest.skip(
        "Chromium is not installed (run `make browser` or `apt-get install chromium`)",
        allow_module_level=True,
    )
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed (pip install -e '.[dev]')"
)

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
ARTIFACTS = ROOT / "tests" / "_artifacts"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TITLE = "보도 비교 테스트"
PLANTED_SCRIPT = "<script>window.__pwned = 1; document.title = 'pwned';</script>"
PLANTED_BREAKER = '"><img src=x onerror="window.__pwned=2"> \' onmouseover=\'window.__pwned=3'
EVIL_NAME = "002_evil\"'<b>"
EVIL_OUTLET = '악성" onmouseover="window.__pwned=4" data-x="'


def _run_report(inputs: list[Path], output: Path) -> None:
    """`kosum report` in-process; skips when the pipeline it needs is not importable yet."""
    try:
        import summarize.cli.report
        import summarize.comparison.diff
        import summarize.summarizer  # noqa: F401
        from summarize.cli.app import app
    except ImportError as exc:
        pytest.skip(f"the report pipeline is not importable yet: {exc}")
    from typer.testing import CliRunner

    result = CliRunner().invoke(
        app, ["report", *map(str, inputs), "-o", str(output), "--title", TITLE, "--quiet"]
    )
    assert result.exit_code == 0, (result.output, result.exception)
    assert output.is_file()


@pytest.fixture(scope="module")
def samples_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "samples.html"
    _run_report([SAMPLES], out)
    return out


@pytest.fixture(scope="module")
def planted_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The three same-event samples, the third turned into a JSON record under a hostile file
    name, with a hostile outlet name and a script and an attribute-breaking quote in its body."""
    folder = tmp_path_factory.mktemp("planted")
    names = sorted(p.name for p in SAMPLES.glob("*.txt"))[:3]
    for name in names[:2]:
        shutil.copy(SAMPLES / name, folder / name)
    text = (SAMPLES / names[2]).read_text(encoding="utf-8")
    title, _, body = text.strip().partition("\n")
    paragraphs = body.strip().split("\n\n")
    middle = len(paragraphs) // 2
    paragraphs.insert(middle, f"관계자는 {PLANTED_SCRIPT} 라고 적힌 팻말을 들었다.")
    paragraphs.insert(middle + 1, f"현장에는 “{PLANTED_BREAKER}”라는 문구가 붙어 있었다.")
    record = {"title": title, "body": "\n\n".join(paragraphs), "outlet": EVIL_OUTLET}
    (folder / f"{EVIL_NAME}.json").write_text(json.dumps(record, ensure_ascii=False), "utf-8")
    out = folder / "planted.html"
    _run_report(sorted(folder.iterdir()), out)
    return out


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield b
        b.close()


def _open(browser, path: Path, *, width: int = 1440, js: bool = True):
    context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=js)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    page.requests = requests  # type: ignore[attr-defined]
    page.errors = errors  # type: ignore[attr-defined]
    return page


def _compared_event(page):
    """The first event section with a coverage matrix."""
    section = page.locator("section.event:has(table.matrix-table)").first
    assert section.count() == 1, "no event compared across outlets"
    return section


def _counts(section, table: str = "matrix-table") -> list[int]:
    rows = section.locator(f"table.{table} tbody tr:not(.is-hidden)")
    return [int(v) for v in rows.evaluate_all("rs => rs.map(r => r.dataset.count)")]


def test_samples_matrix_and_side_by_side(browser, samples_page: Path) -> None:
    page = _open(browser, samples_page)
    try:
        assert page.title() == TITLE
        assert page.errors == []
        # nothing but the file itself is loaded
        assert all(u.startswith("file://") for u in page.requests), page.requests
        assert page.locator("article.source").count() == 5
        assert page.locator("section.event").count() >= 2
        section = _compared_event(page)
        outlets = section.locator("table.matrix-table thead th.outlet-col")
        n_outlets = outlets.count()
        assert n_outlets >= 2
        card_labels = section.locator("article.card .outlet").all_inner_texts()
        assert outlets.all_inner_texts() == card_labels
        rows = section.locator("table.matrix-table tbody tr")
        assert rows.count() >= 3
        for i in range(rows.count()):
            assert rows.nth(i).locator("td.cell").count() == n_outlets
        counts = _counts(section)
        assert counts == sorted(counts, reverse=True)
        assert max(counts) >= 2, "no fact is shared between outlets"
        # the side-by-side view has the same facts, one column per outlet
        sbs_rows = section.locator("table.sbs-table tbody tr")
        assert sbs_rows.count() == rows.count()
        first = sbs_rows.first
        assert first.locator("td").count() == n_outlets
        assert first.locator("td.has").count() == counts[0]
        assert section.locator("table.sbs-table ins.wd").count() >= 1, "no differing words"
        # every cell that reports a fact links to a marked claim that exists
        hrefs = section.locator("td.cell a").evaluate_all("as => as.map(a => a.hash.slice(1))")
        assert hrefs
        for anchor in hrefs[:20]:
            assert page.locator(f"mark[id='{anchor}']").count() == 1
    finally:
        page.context.close()


def test_claim_link_highlights_its_place_in_the_original(browser, samples_page: Path) -> None:
    page = _open(browser, samples_page)
    try:
        link = _compared_event(page).locator("table.sbs-table a.src").first
        anchor = link.evaluate("a => a.hash.slice(1)")
        mark = page.locator(f"mark[id='{anchor}']")
        before = mark.evaluate("m => getComputedStyle(m).backgroundColor")
        link.click()
        page.wait_for_function("id => location.hash === '#' + id", arg=anchor)
        assert mark.evaluate("m => m.matches(':target')")
        after = mark.evaluate("m => getComputedStyle(m).backgroundColor")
        assert after != before, "the targeted claim is not highlighted"
        in_view = (
            "m => { const r = m.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight }"
        )
        assert mark.is_visible() and mark.evaluate(in_view), "the claim is not scrolled into view"
    finally:
        page.context.close()


def test_planted_script_does_not_run_or_break_the_page(browser, planted_page: Path) -> None:
    html = planted_page.read_text(encoding="utf-8")
    assert PLANTED_SCRIPT not in html
    page = _open(browser, planted_page)
    try:
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert page.title() == TITLE
        assert page.locator("script").count() == 1
        assert page.locator("img").count() == 0
        # the planted text is shown as text, in the hostile-named article
        sources = page.locator("article.source")
        assert sources.count() == 3
        evil = sources.filter(has_text="window.__pwned = 1")
        assert evil.count() == 1
        assert PLANTED_SCRIPT in evil.inner_text()
        assert 'onerror="window.__pwned=2"' in evil.inner_text()
        assert evil.locator("h3").inner_text().startswith(EVIL_OUTLET)
        assert page.locator(f"article.card .outlet:text-is('{EVIL_OUTLET}')").count() == 1
        evil_id = evil.get_attribute("id") or ""
        assert evil_id.startswith("a-") and all(c.isalnum() or c in "-_" for c in evil_id)
        # hovering the planted handlers does nothing either
        evil.get_by_text("onmouseover", exact=False).first.hover()
        page.locator("table.matrix-table thead th.outlet-col").last.hover()
        assert page.evaluate("typeof window.__pwned") == "undefined"
        # the structure around it is intact
        assert page.locator("section.event").count() >= 1
        assert page.locator("table.matrix-table").count() >= 1
        assert page.locator("#sources").count() == 1
        assert page.errors == []
    finally:
        page.context.close()


def test_readable_with_javascript_off(browser, samples_page: Path) -> None:
    page = _open(browser, samples_page, js=False)
    try:
        section = _compared_event(page)
        matrix = section.locator("table.matrix-table")
        assert matrix.is_visible()
        assert section.locator("table.sbs-table").is_visible()
        counts = _counts(section)
        assert counts and counts == sorted(counts, reverse=True)
        assert section.locator(".toolbar").is_hidden()  # controls that would do nothing
        assert section.locator("th.count-col button").count() == 0
        assert matrix.locator("td.cell.rep").first.is_visible()
        # links to the original text still work without script
        link = section.locator("td.cell a").first
        anchor = link.evaluate("a => a.hash.slice(1)")
        link.click()
        assert page.locator(f"mark[id='{anchor}']").evaluate("m => m.matches(':target')")
    finally:
        page.context.close()


def test_sorting_and_filtering(browser, samples_page: Path) -> None:
    page = _open(browser, samples_page)
    try:
        section = _compared_event(page)
        toolbar = section.locator(".toolbar")
        assert toolbar.is_visible()
        counts = _counts(section)
        toolbar.locator("button[data-sort='count-asc']").click()
        assert _counts(section) == sorted(counts)
        assert _counts(section, "sbs-table") == sorted(counts)
        assert section.locator("th.count-col").get_attribute("aria-sort") == "ascending"
        section.locator("th.count-col button").click()
        assert _counts(section) == sorted(counts, reverse=True)
        toolbar.locator("button[data-sort='order']").click()
        orders = section.locator("table.matrix-table tbody tr").evaluate_all(
            "rs => rs.map(r => +r.dataset.order)"
        )
        assert orders == sorted(orders)
        toolbar.locator("button[data-filter='single']").click()
        states = section.locator("table.matrix-table tbody tr:not(.is-hidden)").evaluate_all(
            "rs => rs.map(r => r.dataset.state)"
        )
        assert set(states) <= {"single"}
        hidden = section.locator("table.matrix-table tbody tr.is-hidden")
        if hidden.count():
            assert hidden.first.is_hidden()
        toolbar.locator("button[data-filter='all']").click()
        assert section.locator("tbody tr.is-hidden").count() == 0
        assert page.errors == []
    finally:
        page.context.close()


@pytest.mark.parametrize("width", [390, 1440])
def test_screenshots_and_layout(browser, samples_page: Path, width: int) -> None:
    page = _open(browser, samples_page, width=width)
    try:
        # no horizontal scrolling of the page itself: wide tables scroll in their own box
        overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
        assert overflow <= 1, f"page is {overflow}px wider than the {width}px viewport"
        section = _compared_event(page)
        cell = section.locator("table.sbs-table tbody td").first
        if width < 700:
            # the side-by-side rows stack into one card per fact, each wording labelled
            assert cell.evaluate("td => getComputedStyle(td).display") == "block"
            label = cell.evaluate("td => getComputedStyle(td, '::before').content")
            assert label.strip('"') == cell.get_attribute("data-outlet")
        else:
            assert cell.evaluate("td => getComputedStyle(td).display") == "table-cell"
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        shot = ARTIFACTS / f"report-{width}.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 10_000
    finally:
        page.context.close()


def test_print_layout(browser, samples_page: Path) -> None:
    page = _open(browser, samples_page)
    try:
        page.emulate_media(media="print")
        assert page.locator("nav.toc").is_hidden()
        assert page.locator(".toolbar").first.is_hidden()
        scroll = page.locator(".matrix .scroll").first
        assert scroll.evaluate("e => getComputedStyle(e).overflowX") == "visible"
        assert page.locator("#sources").evaluate("e => getComputedStyle(e).breakBefore") == "page"
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF") and len(pdf) > 50_000
    finally:
        page.context.close()
