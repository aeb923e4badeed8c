"""Bytes -> text: encoding detection, decoding and the normalisation every `Source.text` gets.

Encodings, in order of trust:

1. a byte-order mark (UTF-8, UTF-16/32 LE/BE);
2. known binary signatures (PNG, PDF, ZIP, ...) are refused;
3. UTF-16 without BOM (NUL bytes, one byte order decodes to readable text);
4. UTF-8 (a copy cut inside its last character loses only that character; a few stray
   invalid bytes in a whole file become U+FFFD, in a JSONL line make that record bad);
5. otherwise the legacy code page charset-normalizer ranks best, preferring a Korean one
   (CP949/EUC-KR) among its candidates. The detection reads a sample (`SNIFF_BYTES`, cut at a
   line end so that no character is split); the whole input is then decoded with the encoding
   found, strictly, so that nothing past the sample is lost or silently replaced.

`normalise_text` is applied to every decoded text before anything else sees it, so the text a
`Source` holds — and every offset into it — is the normalised one:

- line endings become ``\\n``;
- invisible format characters are removed: zero-width space/joiners, word joiner, BOM, soft
  hyphen, invisible operators and the bidirectional controls (LRM/RLM/ALM, embeddings,
  overrides, isolates). Pasted pages carry them at random places, where they split words
  (`데이터\\u200b센터`) and make the same sentence from two copies compare as different;
- Unicode NFC: decomposed Hangul (conjoining jamo, as macOS file systems and some editors
  write it) becomes precomposed syllables.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from summarize.types import InputError

MAX_BYTES = 5 * 1024 * 1024
"""Largest article read (5 MB): a news article is a few tens of kB; anything bigger is not one."""

SNIFF_BYTES = 5 * 1024 * 1024
"""Bytes read to detect a legacy encoding (charset-normalizer itself samples within them)."""

INVISIBLE = (
    "\u00ad"  # soft hyphen
    "\u061c"  # Arabic letter mark (bidi)
    "\u180e"  # Mongolian vowel separator (formerly a space)
    "\u200b\u200c\u200d"  # zero-width space, non-joiner, joiner
    "\u200e\u200f"  # left-to-right / right-to-left mark
    "\u202a\u202b\u202c\u202d\u202e"  # bidi embeddings and overrides
    "\u2060\u2061\u2062\u2063\u2064"  # word joiner, invisible operators
    "\u2066\u2067\u2068\u2069"  # bidi isolates
    "\ufeff"  # BOM / zero-width no-break space
)
"""Characters removed at decode time: they are invisible, carry no content in news text, and
split words or reorder what a terminal shows."""

_CONTROLS = "\x00-\x08\x0e-\x1f\x7f-\x9f"
_LINE_BREAKS = "\x0b\x0c\u2028\u2029"
_NEEDS_TRANSLATION = re.compile(f"[{_CONTROLS}{_LINE_BREAKS}{INVISIBLE}\ud800-\udfff]")
_TRANSLATION: dict[int, str | None] = {
    **dict.fromkeys(range(0x00, 0x09)),
    **dict.fromkeys(range(0x0E, 0x20)),
    **dict.fromkeys(range(0x7F, 0xA0)),
    **dict.fromkeys(map(ord, INVISIBLE)),
    **dict.fromkeys(map(ord, _LINE_BREAKS), "\n"),
    **dict.fromkeys(range(0xD800, 0xE000), "\ufffd"),
}
_HANGUL = re.compile(r"[\uac00-\ud7a3]")

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_BINARY_MAGIC = (
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"%PDF", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (docx/xlsx?)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "executable"),
    (b"RIFF", "RIFF media file"),
)
_KOREAN_CODECS = ("cp949", "euc_kr", "johab", "iso2022_kr")
_STATEFUL_CODECS = frozenset({"iso2022_kr", "iso2022_jp", "utf_7", "hz"})


# --- normalisation -------------------------------------------------------------------------------


def normalise_text(text: str) -> str:
    """What `Source.text` holds: ``\\n`` line endings (also for CR, VT, FF and the Unicode line
    and paragraph separators), no invisible format characters, no other control characters
    (tab excepted; an ANSI escape sequence loses its ESC and cannot reach a terminal), lone
    surrogates (from JSON escapes) as U+FFFD, NFC."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _NEEDS_TRANSLATION.search(text):
        text = text.translate(_TRANSLATION)
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


def reject_binary(text: str, name: str) -> None:
    """Refuse decoded text that is mostly control characters (checked before normalisation,
    which removes them)."""
    if binary_ratio(text) > 0.05:
        raise InputError(name, "binary file (control characters), not text")


def check_text(text: str, name: str) -> None:
    """Refuse normalised text that is empty or holds no Hangul syllable."""
    if not text.strip():
        raise InputError(name, "empty: no text")
    if not _HANGUL.search(text):
        raise InputError(name, "no Korean text found (kosum reads Korean news articles)")


def too_large(size: int, more: bool = False, limit: int = MAX_BYTES) -> str:
    """The reason given for an input over a size limit."""
    mb = size / (1024 * 1024)
    shown = f"over {mb:.0f}" if more else f"{mb:.1f}"
    return f"too large ({shown} MB, limit {limit // (1024 * 1024)} MB)"


# --- printable names ------------------------------------------------------------------------------

_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    """`text` as one safe terminal line: control characters (newline, ESC, DEL, C1), format
    characters (bidi controls, zero-width), separators and undecodable file-name bytes
    (surrogate escapes) written as backslash escapes (`\\n`, `\\x1b`, `\\u202e`, `\\xff`).
    Used for article ids made from file names and for every name in an error line."""
    if text.isascii() and text.isprintable():
        return text
    return "".join(_printable_char(c) for c in text)


def _printable_char(c: str) -> str:
    if c in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[c]
    code = ord(c)
    if 0xDC80 <= code <= 0xDCFF:  # a file-name byte that is not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x20 or 0x7F <= code < 0xA0:
        return f"\\x{code:02x}"
    if unicodedata.category(c) in ("Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
        return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"
    return c


# --- decoding ------------------------------------------------------------------------------------


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Decode a whole input; returns `(text, encoding)` (text not yet normalised). Raises
    `InputError` for empty, binary or undecodable input."""
    encoding = detect_encoding(data, name)
    body = data[_bom_length(data, encoding) :]
    codec = encoding.removesuffix("-sig")
    try:
        return body.decode(codec), encoding
    except UnicodeDecodeError as exc:
        if codec != "utf-8":
            raise InputError(name, undecodable(encoding, exc)) from None
        if exc.reason == "unexpected end of data":  # a copy cut inside its last character
            return body[: exc.start].decode("utf-8", "replace"), encoding
        return body.decode("utf-8", "replace"), encoding  # a few stray bytes: U+FFFD


def detect_encoding(data: bytes, name: str, head: bool = False) -> str:
    """The encoding of `data` — a whole input, or with `head` the first bytes of a larger one —
    by BOM, UTF-16 sniffing, UTF-8, then charset-normalizer on a sample cut at a line end."""
    if not data.strip():
        raise InputError(name, "empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    for magic, kind in _BINARY_MAGIC:
        if data.startswith(magic):
            raise InputError(name, f"binary file ({kind}), not text")
    utf16 = _sniff_utf16(data)
    if utf16:
        return utf16
    sample = _sample(data, head)
    if b"\x00" in sample:
        raise InputError(name, "binary file (NUL bytes), not text")
    if _mostly_utf8(sample):
        return "utf-8"
    return _detect_legacy(sample, name)


def _mostly_utf8(sample: bytes) -> bool:
    """Valid UTF-8, but for a character cut at the end or a few stray bytes (at most one
    invalid sequence per 20 non-ASCII characters): Korean text in CP949 fails on nearly every
    character, so the two cannot be confused."""
    try:
        sample.decode("utf-8")
        return True
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.end == len(sample):
            return True
    text = sample.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    non_ascii = sum(1 for c in text if ord(c) > 127)
    return bad * 20 <= non_ascii


def line_safe(encoding: str) -> bool:
    """Whether the bytes of this encoding can be split at ``\\n`` bytes before decoding (ASCII
    supersets without shift states: UTF-8, CP949, EUC-KR, Latin code pages; not UTF-16/32,
    EBCDIC or ISO-2022)."""
    codec = codecs.lookup(encoding.removesuffix("-sig")).name.replace("-", "_")
    if codec in _STATEFUL_CODECS or codec.startswith(("utf_16", "utf_32")):
        return False
    try:
        return "\n".encode(codec) == b"\n"
    except (UnicodeError, LookupError):
        return False


def undecodable(encoding: str, exc: UnicodeDecodeError) -> str:
    return f"undecodable {encoding} text at byte {exc.start} ({exc.reason})"


def _bom_length(data: bytes, encoding: str) -> int:
    for bom, name in _BOMS:
        if name == encoding and data.startswith(bom):
            return len(bom)
    return 0


def _sample(data: bytes, head: bool) -> bytes:
    """At most `SNIFF_BYTES` of `data`; when that is not all of the input (`head`, or a longer
    `data`), cut after its last line end so that no character is split."""
    if len(data) <= SNIFF_BYTES and not head:
        return data
    sample = data[:SNIFF_BYTES]
    cut = sample.rfind(b"\n")
    return sample[: cut + 1] if cut > 0 else sample


def _sniff_utf16(data: bytes) -> str | None:
    """UTF-16 without BOM: NUL bytes present, and one byte order decodes to readable text."""
    sample = data[:4096]
    sample = sample[: len(sample) // 2 * 2]
    if len(sample) < 4 or sample.count(0) < len(sample) // 100 + 1:
        return None
    best, best_score = None, 0.0
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            decoded = sample.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = _readable_share(decoded)
        if score > best_score:
            best, best_score = encoding, score
    return best if best_score >= 0.9 else None


def _readable_share(text: str) -> float:
    """Share of characters that plausibly occur in Korean news text."""
    readable = sum(
        1
        for c in text
        if c.isprintable() or c in "\n\r\t"
        if "\uac00" <= c <= "\ud7a3" or c < "\u0250" or "\u2000" <= c <= "\u33ff"
    )
    return readable / max(len(text), 1)


def _detect_legacy(sample: bytes, name: str) -> str:
    from charset_normalizer import from_bytes

    matches = from_bytes(sample)
    best = matches.best()
    if best is None:
        raise InputError(name, "undecodable: not UTF-8 and no known encoding fits (binary?)")
    # charset-normalizer may rank a Chinese or Japanese code page above CP949 for short Korean
    # text; among its candidates prefer one that yields Hangul.
    for match in matches:
        if match.encoding in _KOREAN_CODECS:
            best = match
            break
    reject_binary(str(best), name)
    return best.encoding


def binary_ratio(text: str) -> float:
    """Share of C0 control characters (other than whitespace) in the first 4096 characters."""
    sample = text[:4096]
    if not sample:
        return 0.0
    bad = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f\v")
    return bad / len(sample)
