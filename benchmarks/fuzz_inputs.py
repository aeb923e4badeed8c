"""Hostile-user fuzz: generate bad inputs, file names, output situations, signals and API misuse,
run kosum on each, check the behaviour the README promises, and print cases tried / passed per
class.

    .venv/bin/python benchmarks/fuzz_inputs.py          # every class, small sizes (~2 min)
    .venv/bin/python benchmarks/fuzz_inputs.py --only big   # one class (inputs, names, ...)
    .venv/bin/python benchmarks/fuzz_inputs.py --big    # also: 4 MB single-line articles timed,
                                                        # a 190 MB JSONL's peak RSS, a 4 MB array
                                                        # of 2 million numbers (several minutes)

Promised behaviour: a bad input is exactly one stderr line `kosum: <name>: <reason>` with the
name sanitised (no markup read, control characters escaped), the other inputs are processed,
exit 1; a good one is read (NFC, invisible characters removed); collections list at most ten bad
records then a count; output files are atomic, never written through a symlink or over an
input, left alone when nothing was read; Ctrl-C is `kosum: interrupted` (130), SIGTERM
`kosum: terminated` (143); the Python API raises TypeError/ValueError with a clear message.
Big files are generated under a temporary folder and deleted afterwards.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import traceback
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

KOREAN = (
    "카카오가 안산에 데이터센터를 열었다.\n정신아 대표는 “안정성을 최우선으로 했다”고 말했다.\n"
)
SENTENCE = "카카오가 안산에 데이터센터를 열었다고 11일 밝혔다. 투자액은 4600억원이다. "
KOSUM = [sys.executable, "-m", "summarize"]
ERROR_LINE = re.compile(r"^kosum: (?P<name>.+?): (?P<reason>.+)$")
UNSAFE = ("\x1b", "\x07", "\u202e", "\u200b", "\r")
MAX_LISTED = 10
"""Bad records a collection lists one by one."""


@dataclass
class Tally:
    tried: int = 0
    passed: int = 0
    failures: list[str] = field(default_factory=list)


RESULTS: dict[str, Tally] = {}


CASE_SECONDS = 120
"""A case still running after this long fails as a hang (`big` cases: 900 s)."""


class Hang(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise Hang("still running after the time limit (a hang)")


def case(kind: str, name: str, check: Callable[[], None]) -> None:
    """Run one case: it passes when `check` returns without an exception within the limit."""
    tally = RESULTS.setdefault(kind, Tally())
    tally.tried += 1
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(900 if kind == "big" else CASE_SECONDS)
    try:
        check()
    except Exception as exc:  # a failed case is reported, not raised
        detail = "".join(traceback.format_exception_only(exc)).strip().splitlines()[-1]
        tally.failures.append(f"{name}: {detail[:300]}")
    else:
        tally.passed += 1
    finally:
        signal.alarm(0)


def cli(*args: str, stdin: bytes | None = None):
    """kosum in-process (typer's runner: one Kiwi load for the whole fuzz run)."""
    from typer.testing import CliRunner

    import summarize.cli  # noqa: F401
    from summarize.cli.app import app

    return CliRunner().invoke(app, list(args), input=stdin)


def escaped(name: str) -> str:
    """How a name must appear on a terminal: unsafe characters as backslash escapes (written
    here independently of kosum's own `decoding.printable`)."""
    out = []
    for c in name:
        code = ord(c)
        if c in "\n\r\t":
            out.append({"\n": "\\n", "\r": "\\r", "\t": "\\t"}[c])
        elif 0xDC80 <= code <= 0xDCFF:
            out.append(f"\\x{code - 0xDC00:02x}")
        elif code < 0x20 or 0x7F <= code < 0xA0:
            out.append(f"\\x{code:02x}")
        elif unicodedata.category(c) in ("Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
            out.append(f"\\u{code:04x}")
        else:
            out.append(c)
    return "".join(out)


def assert_one_error_and_good_kept(result, bad_name: str, good_id: str = "good") -> None:
    lines = result.stderr.splitlines()
    assert result.exit_code == 1, f"exit {result.exit_code}: {result.stderr[-300:]}"
    assert len(lines) == 1, f"{len(lines)} stderr lines: {lines[:3]}"
    m = ERROR_LINE.match(lines[0])
    assert m and m.group("name").startswith(escaped(bad_name)), lines[0]
    assert not any(c in result.stderr for c in UNSAFE), "unsafe character on stderr"
    assert f'"id": "{good_id}"' in result.stdout, "the good input was lost"


# --- inputs --------------------------------------------------------------------------------------


def _payloads() -> dict[str, tuple[bytes, bool]]:
    """Article payloads: bytes, and whether they must be read (True) or refused (False)."""
    deep = "[" * 10_000 + "]" * 10_000
    nfd = unicodedata.normalize("NFD", KOREAN)
    zw = "".join(c + "\u200b" if i % 3 == 0 else c for i, c in enumerate(KOREAN))
    return {
        "empty": (b"", False),
        "whitespace": (b" \n\t\n", False),
        "binary": (bytes(range(256)) * 8, False),
        "png": (b"\x89PNG\r\n\x1a\n" + bytes(64), False),
        "nul-bytes": (b"abc\x00\x00def" * 50, False),
        "english": (b"Only English text here.\n" * 5, False),
        "deep-array": (deep.encode(), False),
        "deep-object": (('{"a":' * 10_000 + "1" + "}" * 10_000).encode(), False),
        "nfd-hangul": (nfd.encode(), True),
        "zero-width": (zw.encode(), True),
        "bidi": (("\u202e" + KOREAN + "\u2066").encode(), True),
        "ansi-in-body": (("\x1b[2J\x1b[31m" + KOREAN).encode(), True),
        "stray-bytes": (KOREAN.encode() * 10 + b"\xff\xfe" + KOREAN.encode(), True),
        "cp949": (KOREAN.encode("cp949"), True),
        "utf16-no-bom": (KOREAN.encode("utf-16-le"), True),
        "long-line-200k": ((SENTENCE * 2_000).encode(), True),
        "unbroken-hangul-60k": (("가" * 60_000).encode(), True),
    }


NOT_IN_JSON = {"binary", "png", "nul-bytes", "utf16-no-bom", "cp949", "stray-bytes"}
"""Payloads that are properties of whole files (encodings, magic numbers), not of JSON strings."""


def _as_container(pname: str, payload: bytes, container: str) -> bytes:
    if container in ("txt", "stdin") or pname.startswith("deep"):
        return payload  # deep nesting: the JSON document or line is itself the payload
    record = json.dumps({"title": "", "body": payload.decode("utf-8")}, ensure_ascii=False)
    return record.encode("utf-8")


def _check_read(result) -> None:
    assert result.exit_code == 0, result.stderr[-300:]
    articles = json.loads(result.stdout)["articles"]
    assert len(articles) == 2, "article not read"
    texts = [s_["text"] for s_ in articles[0]["sentences"]]
    assert texts, "no sentences"
    joined = "".join(texts)
    assert not any(c in joined for c in UNSAFE), "invisible or control character kept"
    assert not re.search("[\u1100-\u11ff]", joined), "decomposed Hangul kept"
    assert max(len(t) for t in texts) <= 300, "unbounded sentence"


def fuzz_inputs(tmp: Path) -> None:
    from summarize.article.ingest import iter_sources

    good = tmp / "good.txt"
    good.write_text(KOREAN, encoding="utf-8")
    containers = {"txt": ".txt", "json": ".json", "jsonl": ".jsonl", "stdin": None}
    for pname, (payload, readable) in _payloads().items():
        for cname, suffix in containers.items():
            if cname in ("json", "jsonl") and pname in NOT_IN_JSON:
                continue
            data = _as_container(pname, payload, cname)

            def check(data=data, suffix=suffix, readable=readable, name=f"{pname}-{cname}"):
                if suffix is None:
                    result = cli("inspect", "-", str(good), "-f", "json", stdin=data)
                    bad_name = "stdin"
                else:
                    path = tmp / f"{name}{suffix}"
                    path.write_bytes(data)
                    result = cli("inspect", str(path), str(good), "-f", "json")
                    bad_name = str(path)
                if readable:
                    _check_read(result)
                else:
                    assert_one_error_and_good_kept(result, bad_name)

            case("inputs", f"{pname} in {cname}", check)
    _collections(tmp)
    _ids(tmp, iter_sources)


def _collections(tmp: Path) -> None:
    from summarize.article.ingest import iter_sources
    from summarize.types import InputError, Source

    def numbers() -> None:
        path = tmp / "numbers.json"
        path.write_text(json.dumps(list(range(200_000))))
        result = cli("inspect", str(path), "-f", "json")
        lines = result.stderr.splitlines()
        assert result.exit_code == 1 and len(lines) == MAX_LISTED + 1, f"{len(lines)} lines"
        assert lines[-1].endswith("and 199,990 more bad records (not listed)"), lines[-1]

    def english_jsonl() -> None:
        path = tmp / "english.jsonl"
        row = json.dumps({"title": "t", "body": "English only."})
        path.write_text((row + "\n") * 20_000 + json.dumps({"body": KOREAN}) + "\n")
        items = list(iter_sources([str(path)]))
        assert sum(isinstance(i, Source) for i in items) == 1
        errors = sum(isinstance(i, InputError) for i in items)
        assert errors == MAX_LISTED + 1, f"{errors} errors"

    def cp949_past_five_megabytes() -> None:
        path = tmp / "legacy.jsonl"
        rows = [
            json.dumps({"title": f"제목 {n}", "body": KOREAN * 3}, ensure_ascii=False)
            for n in range(20_000)
        ]
        data = "\n".join(rows).encode("cp949")
        assert len(data) > 5 * 1024 * 1024
        path.write_bytes(data)
        items = list(iter_sources([str(path)]))
        read = sum(isinstance(i, Source) for i in items)
        assert read == 20_000, f"{read} of 20,000 records read"

    def deep_line_in_jsonl() -> None:
        path = tmp / "deepline.jsonl"
        rec = json.dumps({"body": KOREAN}, ensure_ascii=False)
        path.write_text(f"{rec}\n{'[' * 10_000}{']' * 10_000}\n{rec}\n")
        items = list(iter_sources([str(path)]))
        assert [type(i).__name__ for i in items] == ["Source", "InputError", "Source"]

    for name, check in [
        ("2e5 numbers array", numbers),
        ("non-Korean JSONL", english_jsonl),
        ("CP949 JSONL over 5 MB", cp949_past_five_megabytes),
        ("deep JSONL line", deep_line_in_jsonl),
    ]:
        case("inputs", name, check)


def _ids(tmp: Path, iter_sources) -> None:
    events = ROOT.parent / "shared" / "data" / "real-news-dev" / "events"

    def real_news() -> None:
        files = sorted(str(p) for p in events.glob("*/*.txt"))
        assert files, "no real-news-dev"
        ids = [s_.id for s_ in iter_sources(files)]
        assert len(set(ids)) == len(files), f"{len(set(ids))} ids for {len(files)} files"

    def same_file_twice() -> None:
        path = tmp / "twice.txt"
        path.write_text(KOREAN, encoding="utf-8")
        ids = [s.id for s in iter_sources([str(path), str(path)])]
        assert ids == ["twice", "twice~2"], ids

    if events.is_dir():
        case("inputs", "real-news-dev ids distinct", real_news)
    case("inputs", "same file twice", same_file_twice)


# --- file names ----------------------------------------------------------------------------------


def fuzz_file_names(tmp: Path) -> None:
    names = [
        "x[/]y.txt",
        "[red]빨강[/red].txt",
        "[bold]굵게.txt",
        "[/].txt",
        "new\nline.txt",
        "carriage\rreturn.txt",
        "esc\x1b[31mred.txt",
        "bell\x07.txt",
        "rlo\u202etxt.exe.txt",
        "zero\u200bwidth.txt",
        ":smile:.txt",
        "tab\tname.txt",
        os.fsdecode(b"bytes-\xff\xfe.txt"),
        "-dash.txt",
        "공백 있는 이름.txt",
    ]
    folder = tmp / "names"
    folder.mkdir()
    good = folder / "good.txt"
    good.write_text(KOREAN, encoding="utf-8")
    for n, name in enumerate(names):
        sub = folder / f"{n}"
        bad = sub / name
        bad.parent.mkdir(parents=True, exist_ok=True)
        bad.write_bytes(b"")

        def refused(bad=bad) -> None:
            result = cli("inspect", str(bad), str(good), "-f", "json")
            assert_one_error_and_good_kept(result, str(bad))

        case("file names", f"bad {name!a}", refused)
        ok = sub / f"ok-{name}"
        ok.parent.mkdir(parents=True, exist_ok=True)
        ok.write_text(KOREAN, encoding="utf-8")

        def shown(ok=ok) -> None:
            for command in (["inspect"], ["diff", "--embedder", "none"]):
                result = cli(*command, str(ok), str(good))
                assert result.exit_code == 0, result.stderr[-300:]
                assert not any(c in result.stdout for c in UNSAFE), f"unsafe in {command[0]}"

        case("file names", f"good {name!a}", shown)

    def too_long() -> None:
        result = cli("inspect", str(folder / ("가" * 200 + ".txt")), str(good), "-f", "json")
        assert_one_error_and_good_kept(result, str(folder / ("가" * 200 + ".txt")))

    def nul() -> None:
        result = cli("inspect", "nul\x00.txt", str(good), "-f", "json")
        assert_one_error_and_good_kept(result, "nul\x00.txt")

    case("file names", "name too long", too_long)
    case("file names", "NUL in name", nul)


# --- outputs -------------------------------------------------------------------------------------


def fuzz_outputs(tmp: Path) -> None:
    folder = tmp / "outputs"
    folder.mkdir()
    article = folder / "a.txt"
    article.write_text(KOREAN, encoding="utf-8")
    other = folder / "b.txt"
    other.write_text(KOREAN.replace("안산", "판교"), encoding="utf-8")
    empty = folder / "empty.txt"
    empty.write_bytes(b"")
    old = "이전 결과\n"
    commands = ["inspect", "summarize", "diff", "report"]

    def fresh(name: str) -> Path:
        path = folder / name
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        path.write_text(old, encoding="utf-8")
        return path

    for command in commands:

        def overwrite_input(command=command) -> None:
            result = cli(command, str(article), "-o", str(article))
            assert result.exit_code == 2 and "is also an input" in result.stderr, result.stderr
            assert article.read_text(encoding="utf-8") == KOREAN

        def all_bad(command=command) -> None:
            target = fresh(f"out-{command}.txt")
            result = cli(command, str(empty), "-o", str(target))
            assert result.exit_code == 1 and target.read_text(encoding="utf-8") == old

        def symlink(command=command) -> None:
            victim = fresh(f"victim-{command}.txt")
            link = folder / f"link-{command}.txt"
            with contextlib.suppress(FileNotFoundError):
                link.unlink()
            link.symlink_to(victim)
            result = cli(command, str(article), "-o", str(link))
            assert result.exit_code == 2 and victim.read_text(encoding="utf-8") == old

        def into_directory(command=command) -> None:
            result = cli(command, str(article), "-o", str(folder))
            assert result.exit_code == 2 and "is a directory" in result.stderr

        def writes(command=command) -> None:
            target = fresh(f"new-{command}.out")
            result = cli(command, str(article), str(other), "-o", str(target))
            assert result.exit_code == 0, result.stderr[-300:]
            assert target.read_text(encoding="utf-8") != old
            assert not list(folder.glob("*.tmp")), "temporary file left"

        case("outputs", f"{command}: input as output", overwrite_input)
        case("outputs", f"{command}: nothing read keeps old output", all_bad)
        case("outputs", f"{command}: symlink not followed", symlink)
        case("outputs", f"{command}: directory as output", into_directory)
        case("outputs", f"{command}: writes atomically", writes)

    def file_size_limit() -> None:
        import resource

        target = fresh("limited.json")

        def limit() -> None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (2000, 2000))
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)

        run = subprocess.run(
            [*KOSUM, "inspect", str(article), "-f", "json", "-o", str(target)],
            capture_output=True,
            text=True,
            preexec_fn=limit,
            timeout=300,
        )
        assert run.returncode == 2, run.stderr[-300:]
        assert target.read_text(encoding="utf-8") == old

    def markdown_html() -> None:
        payload = "<script>alert(1)</script><img src=x onerror=alert(1)>"
        paths = []
        for n, place in enumerate(("안산", "판교")):
            path = folder / f"html{n}.txt"
            path.write_text(
                f"카카오가 {place}에 데이터센터를 열었다 {payload}.\n", encoding="utf-8"
            )
            paths.append(str(path))
        for command in (["diff", "--embedder", "none"], ["summarize", "--no-events"]):
            result = cli(*command, *paths, "-f", "markdown")
            assert result.exit_code == 0 and "<script" not in result.stdout
            assert "<img" not in result.stdout

    case("outputs", "file-size limit keeps old output", file_size_limit)
    case("outputs", "markdown escapes HTML", markdown_html)


# --- signals -------------------------------------------------------------------------------------


def _reading_stdin(process: subprocess.Popen) -> None:
    syscall = Path(f"/proc/{process.pid}/syscall")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            if syscall.read_text().startswith("0 0x0 "):
                time.sleep(0.2)
                return
        if process.poll() is not None:
            raise AssertionError("ended before reading stdin")
        time.sleep(0.05)
    raise AssertionError("never read stdin")


def fuzz_signals(tmp: Path) -> None:
    for signum, code, line in (
        (signal.SIGINT, 130, "kosum: interrupted"),
        (signal.SIGTERM, 143, "kosum: terminated"),
    ):
        for attempt in range(3):

            def stop(signum=signum, code=code, line=line) -> None:
                target = tmp / "signal-out.json"
                target.write_text("old\n")
                process = subprocess.Popen(
                    [*KOSUM, "inspect", "-", "-f", "json", "-o", str(target)],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                )
                try:
                    _reading_stdin(process)
                    process.send_signal(signum)
                    _, err = process.communicate(timeout=60)
                finally:
                    process.kill()
                assert process.returncode == code, (process.returncode, err[-300:])
                assert err.strip().splitlines() == [line], err[-300:]
                assert target.read_text() == "old\n"

            case("signals", f"{signal.Signals(signum).name} #{attempt + 1}", stop)

    def closed_stdout() -> None:
        sample = sorted((ROOT / "samples").glob("*.txt"))[0]
        process = subprocess.Popen(
            [*KOSUM, "inspect", str(sample), "-f", "json"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        process.stdout.readline()
        process.stdout.close()
        err = process.stderr.read().decode()
        process.wait(timeout=300)
        assert "Traceback" not in err, err[-300:]

    case("signals", "closed stdout", closed_stdout)


# --- API -----------------------------------------------------------------------------------------


def fuzz_api(tmp: Path) -> None:
    import summarize

    path = tmp / "api.txt"
    path.write_text(KOREAN, encoding="utf-8")

    def raises(kind: type[Exception], pattern: str, call: Callable[[], object]) -> Callable:
        def check() -> None:
            try:
                call()
            except kind as exc:
                assert re.search(pattern, str(exc)), str(exc)
            else:
                raise AssertionError(f"no {kind.__name__}")

        return check

    for value in (None, 123, 1.5, b"bytes", bytearray(b"x"), ["a"], {"a": 1}, object()):
        label = type(value).__name__
        case(
            "API",
            f"load({label})",
            raises(TypeError, "load\\(\\) takes", lambda v=value: summarize.load(v)),
        )
    for value in (None, 42, b"x.txt", [7], [None]):
        case(
            "API",
            f"load_all({value!r})",
            raises(TypeError, "load_all\\(\\)", lambda v=value: summarize.load_all(v)),
        )
    for method in ("bogus", "", None, "EXTRACTIVE"):
        case(
            "API",
            f"method={method!r}",
            raises(
                ValueError, "unknown method", lambda m=method: summarize.summarize(KOREAN, method=m)
            ),
        )
    case(
        "API",
        "long_input='all'",
        raises(
            ValueError, "unknown long_input", lambda: summarize.summarize(KOREAN, long_input="all")
        ),
    )
    case(
        "API",
        "unknown option",
        raises(TypeError, "unexpected keyword", lambda: summarize.summarize(KOREAN, beams=2)),
    )
    case(
        "API",
        "compare(42)",
        raises(TypeError, "compare\\(\\) takes", lambda: summarize.compare(42)),
    )
    for missing in ("/no/such/file", "data/없는기사", "없는.txt"):
        case(
            "API",
            f"load({missing!r})",
            raises(summarize.InputError, "no such file", lambda m=missing: summarize.load(m)),
        )

    def one_path() -> None:
        for given in (str(path), path):
            articles, errors = summarize.load_all(given)
            assert [a.id for a in articles] == ["api"] and not errors

    case("API", "load_all(single path)", one_path)


# --- big inputs ----------------------------------------------------------------------------------


def fuzz_big(tmp: Path) -> None:
    for kind, unit in (
        ("sentences", SENTENCE),
        ("no punctuation", "가나다라마 바사아 자차카 "),
        ("unbroken Hangul", "가"),
    ):

        def long_line(unit=unit, kind=kind) -> None:
            path = tmp / "long.txt"
            data = (unit * (4 * 1024 * 1024 // len(unit.encode()) + 1)).encode()[: 4 * 1024 * 1024]
            path.write_bytes(data[: len(data.decode("utf-8", "ignore").encode())])
            seconds, rss = _timed(
                [*KOSUM, "inspect", str(path), "-f", "json", "-o", str(tmp / "o.json")]
            )
            print(f"  4 MB single line ({kind}): {seconds:.1f} s, peak {rss / 1024:.0f} MB")
            assert seconds < 60, f"{seconds:.0f} s"

        case("big", f"4 MB single line, {kind}", long_line)

    def big_jsonl() -> None:
        path = tmp / "big.jsonl"
        row = (
            json.dumps({"title": "Headline", "body": "Only English words in this record. " * 50})
            + "\n"
        )
        with path.open("w") as f:
            while f.tell() < 190 * 1024 * 1024:
                f.write(row * 1000)
        seconds, rss = _timed(
            [*KOSUM, "inspect", str(path), "-f", "json", "-o", str(tmp / "o.json")], expect=1
        )
        print(f"  190 MB JSONL of non-Korean records: {seconds:.1f} s, peak {rss / 1024:.0f} MB")
        path.unlink()
        assert rss < 1024 * 1024, f"peak {rss / 1024:.0f} MB"

    def numbers() -> None:
        path = tmp / "numbers.json"
        path.write_text(
            json.dumps(list(range(2_000_000)))[: 4 * 1024 * 1024 - 1].rsplit(",", 1)[0] + "]"
        )
        run = subprocess.run(
            [*KOSUM, "inspect", str(path)], capture_output=True, text=True, timeout=600
        )
        lines = run.stderr.splitlines()
        print(f"  4 MB array of numbers: {len(lines)} stderr lines")
        assert run.returncode == 1 and len(lines) == 11, len(lines)

    case("big", "190 MB JSONL peak RSS", big_jsonl)
    case("big", "4 MB array of numbers", numbers)


def _timed(command: list[str], expect: int = 0) -> tuple[float, int]:
    """Wall seconds and peak RSS (kB) of a command, measured with /usr/bin/time -v."""
    started = time.perf_counter()
    run = subprocess.run(
        ["/usr/bin/time", "-v", *command], capture_output=True, text=True, timeout=900
    )
    seconds = time.perf_counter() - started
    assert run.returncode == expect, run.stderr[-500:]
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", run.stderr).group(1))
    return seconds, rss


# --- main ----------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--big", action="store_true", help="also the multi-megabyte cases")
    parser.add_argument(
        "--only",
        nargs="+",
        choices=["inputs", "names", "outputs", "signals", "api", "big"],
        help="run only these classes",
    )
    args = parser.parse_args()
    chosen = set(args.only or ["inputs", "names", "outputs", "signals", "api"])
    if args.big:
        chosen.add("big")
    from summarize.analysis import kiwi

    kiwi()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="kosum-fuzz-") as folder:
        tmp = Path(folder)
        with contextlib.redirect_stderr(io.StringIO()):
            for key, run in (
                ("inputs", fuzz_inputs),
                ("names", fuzz_file_names),
                ("outputs", fuzz_outputs),
            ):
                if key in chosen:
                    run(tmp)
        for key, run in (("signals", fuzz_signals), ("api", fuzz_api), ("big", fuzz_big)):
            if key in chosen:
                run(tmp)
    print("\n| class | cases tried | passed | failed |\n|---|---:|---:|---:|")
    for kind, tally in RESULTS.items():
        print(f"| {kind} | {tally.tried} | {tally.passed} | {tally.tried - tally.passed} |")
    tried = sum(t.tried for t in RESULTS.values())
    passed = sum(t.passed for t in RESULTS.values())
    print(f"| **all** | **{tried}** | **{passed}** | **{tried - passed}** |")
    print(f"\n{time.perf_counter() - started:.0f} s")
    for kind, tally in RESULTS.items():
        for failure in tally.failures:
            print(f"FAILED [{kind}] {failure}")
    return 0 if tried == passed else 1


if __name__ == "__main__":
    sys.exit(main())
