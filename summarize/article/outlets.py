"""Korean news outlets: names, other names they go by, and the web/e-mail domains they use.

The table is the package data file `summarize/data/outlets.txt` (about 300 outlets: national and
economic dailies, news agencies, broadcasters and their news channels, IT and trade outlets,
major regional papers, Korean-language services abroad, and the portals; the file says where the
list comes from). Portals are recognised but never returned as an outlet: a page copied from a
portal belongs to the outlet that wrote it.

`outlet_for_domain` maps an e-mail or URL host to an outlet (longest matching domain suffix, so
`biz.chosun.com` is 조선비즈 and `chosun.com` 조선일보; personal mail services give none);
`outlets_in_text` finds outlet names in a copyright line or byline (longest name first, so
`서울경제TV` is not read as 서울경제). Names are found by dictionary lookups (no large regular
expression to compile on every cold start); Latin letters match in any case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path


@dataclass(frozen=True)
class Outlet:
    name: str
    """The name the outlet uses for itself."""
    kind: str = "online"
    """agency, daily, economic, broadcast, it, trade, regional, online, magazine, sports,
    foreign, government or portal."""
    domains: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    """Other names seen in copyright lines and bylines (brand names, English names)."""


PERSONAL_MAIL = frozenset(
    {
        "gmail.com", "naver.com", "hanmail.net", "daum.net", "nate.com", "kakao.com",
        "hotmail.com", "outlook.com", "live.com", "yahoo.com", "yahoo.co.kr", "icloud.com",
        "me.com", "korea.com", "empas.com", "paran.com", "dreamwiz.com", "hanafos.com",
        "chol.com", "lycos.co.kr", "freechal.com", "korea.kr",
    }
)  # fmt: skip
"""Mail services anyone can use (and the civil service's `korea.kr`): a reporter writing from
one of them says nothing about the outlet."""


def _parse(table: str) -> tuple[Outlet, ...]:
    outlets = []
    for row in table.splitlines():
        if not row.strip() or row.startswith("#"):
            continue
        name, kind, domains, aliases = (part.strip() for part in row.split("|"))
        outlets.append(
            Outlet(
                name=name,
                kind=kind,
                domains=tuple(domains.split()),
                aliases=tuple(a.strip() for a in aliases.split(",") if a.strip()),
            )
        )
    return tuple(outlets)


OUTLETS: tuple[Outlet, ...] = _parse(
    (Path(__file__).resolve().parents[1] / "data" / "outlets.txt").read_text(encoding="utf-8")
)
"""The known outlets and portals (about 300), in the order of the data file."""


@cache
def _by_name() -> dict[str, Outlet]:
    return {o.name: o for o in OUTLETS}


@cache
def _by_domain() -> dict[str, Outlet]:
    return {d: o for o in OUTLETS for d in o.domains}


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
"""Lower-cases Latin letters only, so offsets in the lowered text are those of the original."""


@cache
def _name_index() -> tuple[dict[str, str], dict[str, tuple[int, ...]]]:
    """Every name and alias (Latin letters lower-cased) -> canonical name; and for each first
    character, the lengths of the names starting with it, longest first."""
    names: dict[str, str] = {}
    for o in OUTLETS:
        for n in (o.name, *o.aliases):
            names[n.translate(_ASCII_LOWER)] = o.name
    lengths: dict[str, set[int]] = {}
    for n in names:
        lengths.setdefault(n[0], set()).add(len(n))
    return names, {c: tuple(sorted(ls, reverse=True)) for c, ls in lengths.items()}


def _latin(ch: str) -> bool:
    return len(ch) == 1 and "a" <= ch <= "z"


def find_outlet_names(text: str) -> list[tuple[int, int, str]]:
    """`(start, end, canonical name)` of every outlet (or portal) name or alias in `text`, any
    case, scanning left to right and taking the longest name at each position (`서울경제TV`,
    not 서울경제). A name must not continue a Latin word (MBC inside MBCNET, SEN inside
    SENSE). A dictionary lookup per candidate length: no regular expression to compile."""
    names, lengths = _name_index()
    low = text.translate(_ASCII_LOWER)
    found: list[tuple[int, int, str]] = []
    i = 0
    while i < len(low):
        end = 0
        if not (i and _latin(low[i - 1])):
            for size in lengths.get(low[i], ()):
                after = low[i + size : i + size + 1]
                if low[i : i + size] in names and not (
                    after and (_latin(after) or after.isdigit())
                ):
                    end = i + size
                    break
        if end:
            found.append((i, end, names[low[i:end]]))
            i = end
        else:
            i += 1
    return found


def strip_outlet_names(text: str, replacement: str = " ") -> str:
    """`text` with every outlet name replaced (`SBS Biz 최유진` -> ` 최유진`)."""
    out, last = [], 0
    for start, end, _ in find_outlet_names(text):
        out += [text[last:start], replacement]
        last = end
    return "".join([*out, text[last:]])


def outlet_named(name: str) -> Outlet | None:
    """The table's entry for a canonical name."""
    return _by_name().get(name)


def is_portal(name: str) -> bool:
    """Whether a name (or alias) is a portal's (네이버, 다음, ...)."""
    entry = _by_name().get(_name_index()[0].get(name.strip().translate(_ASCII_LOWER), ""))
    return bool(entry and entry.kind == "portal")


def _domain_entry(host_or_email: str) -> Outlet | None:
    host = host_or_email.rsplit("@", 1)[-1].lower()
    host = re.sub(r"^[a-z]+://", "", host).split("/", 1)[0].split(":", 1)[0].strip(".")
    if host in PERSONAL_MAIL:
        return None
    table = _by_domain()
    parts = host.split(".")
    for i in range(len(parts) - 1):
        entry = table.get(".".join(parts[i:]))
        if entry:
            return entry
    return None


def outlet_for_domain(host_or_email: str) -> str | None:
    """The outlet whose domain is the longest suffix of an e-mail address, URL or host name;
    None for unknown domains, personal mail services and portals."""
    entry = _domain_entry(host_or_email)
    return entry.name if entry and entry.kind != "portal" else None


def outlets_in_text(text: str) -> list[str]:
    """Outlet names (canonical) mentioned in a short text such as a copyright line or byline,
    in order of appearance; domains written in the text count too. Portals are left out."""
    found = [name for _, _, name in find_outlet_names(text)]
    for m in re.finditer(r"[a-z0-9-]+(?:\.[a-z0-9-]+)+", text.lower()):
        name = outlet_for_domain(m.group(0))
        if name:
            found.append(name)
    return [n for n in dict.fromkeys(found) if _by_name()[n].kind != "portal"]


def canonical_outlet(name: str) -> str:
    """The table's name for an outlet name or alias (`한경닷컴` -> 한국경제); unknown names are
    returned trimmed."""
    names = _name_index()[0]
    key = name.strip().translate(_ASCII_LOWER)
    if key in names:
        return names[key]
    by_domain = outlet_for_domain(key) if "." in key else None
    return by_domain or name.strip()
