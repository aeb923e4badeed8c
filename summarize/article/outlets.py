"""Korean news outlets: names, other names they go by, and the web/e-mail domains they use.

`outlet_for_domain` maps an e-mail or URL host to an outlet (longest matching domain suffix, so
`biz.chosun.com` is 조선비즈 and `chosun.com` 조선일보); `outlets_in_text` finds outlet names in a
copyright line or byline (longest name first, so `서울경제TV` is not read as 서울경제).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class Outlet:
    name: str
    """The name the outlet uses for itself."""
    domains: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    """Other names seen in copyright lines and bylines (brand names, English names)."""


# name | domains (space-separated) | aliases (comma-separated)
_TABLE = """
연합뉴스|yna.co.kr yonhapnews.co.kr|Yonhap
연합뉴스TV|yonhapnewstv.co.kr|
뉴스1|news1.kr|News1,뉴스원
뉴시스|newsis.com|NEWSIS
한겨레|hani.co.kr|한겨레신문
경향신문|khan.co.kr|경향닷컴
조선일보|chosun.com|
조선비즈|biz.chosun.com|ChosunBiz
IT조선|it.chosun.com|아이티조선
TV조선|tvchosun.com|
중앙일보|joongang.co.kr joins.com|
동아일보|donga.com|동아닷컴
한국일보|hankookilbo.com|
서울신문|seoul.co.kr|
국민일보|kmib.co.kr|
세계일보|segye.com|
문화일보|munhwa.com|
내일신문|naeil.com|
매일경제|mk.co.kr|매경,매일경제신문
한국경제|hankyung.com|한경닷컴,한국경제신문
한국경제TV|wowtv.co.kr|
서울경제|sedaily.com|서울경제신문
서울경제TV|sentv.co.kr|
머니투데이|mt.co.kr|
머니S|moneys.co.kr|머니에스
머니투데이방송|mtn.co.kr|MTN
이데일리|edaily.co.kr|
아시아경제|asiae.co.kr|
헤럴드경제|heraldcorp.com|헤럴드
파이낸셜뉴스|fnnews.com|
아주경제|ajunews.com|아주일보
이투데이|etoday.co.kr|
뉴스핌|newspim.com|
뉴스웨이|newsway.co.kr|
비즈니스포스트|businesspost.co.kr|
브릿지경제|viva100.com|
더팩트|tf.co.kr|
전자신문|etnews.com|
디지털타임스|dt.co.kr|
디지털데일리|ddaily.co.kr|
아이뉴스24|inews24.com|
지디넷코리아|zdnet.co.kr|ZDNet Korea,ZDNet,지디넷
블로터|bloter.net|
테크M|techm.kr|
바이라인네트워크|byline.network|
데일리안|dailian.co.kr|
뉴스토마토|etomato.com|
쿠키뉴스|kukinews.com|
뉴데일리|newdaily.co.kr|
노컷뉴스|nocutnews.co.kr|CBS노컷뉴스
오마이뉴스|ohmynews.com|
프레시안|pressian.com|
미디어오늘|mediatoday.co.kr|
시사저널|sisajournal.com|
시사IN|sisain.co.kr|시사인
일요신문|ilyo.co.kr|
뉴스타파|newstapa.org|
KBS|kbs.co.kr|한국방송
MBC|imbc.com|
SBS|sbs.co.kr|
SBS Biz|sbsbiz.co.kr sbscnbc.co.kr|SBS미디어넷,SBS Medianet,SBS CNBC
JTBC|jtbc.co.kr jtbc.joins.com|
YTN|ytn.co.kr|
MBN|mbn.co.kr|매일방송
채널A|ichannela.com|
부산일보|busan.com|
국제신문|kookje.co.kr|
매일신문|imaeil.com|
경기일보|kyeonggi.com|
강원일보|kwnews.co.kr|
경남신문|knnews.co.kr|
에너지경제|ekn.kr|에너지경제신문
대한경제|dnews.co.kr|
이코노미스트|economist.co.kr|
글로벌이코노믹|g-enews.com|
EBN|ebn.co.kr|EBN산업경제
더벨|thebell.co.kr|
위키트리|wikitree.co.kr|
인사이트|insight.co.kr|
스포츠서울|sportsseoul.com|
스포츠조선|sportschosun.com|
조세일보|joseilbo.com|
코리아헤럴드|koreaherald.com|The Korea Herald
코리아타임스|koreatimes.co.kr|The Korea Times
"""


def _parse(table: str) -> tuple[Outlet, ...]:
    outlets = []
    for row in table.strip().splitlines():
        name, domains, aliases = (part.strip() for part in row.split("|"))
        outlets.append(
            Outlet(
                name=name,
                domains=tuple(domains.split()),
                aliases=tuple(a.strip() for a in aliases.split(",") if a.strip()),
            )
        )
    return tuple(outlets)


OUTLETS: tuple[Outlet, ...] = _parse(_TABLE)
"""The known outlets (more than 80)."""


@cache
def _by_domain() -> dict[str, str]:
    return {d: o.name for o in OUTLETS for d in o.domains}


@cache
def _name_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    names: dict[str, str] = {}
    for o in OUTLETS:
        for n in (o.name, *o.aliases):
            names[n.lower()] = o.name
    alternatives = sorted(names, key=len, reverse=True)
    # A name must not continue a longer word (토마토 inside 방울토마토는, MBC inside MBCNET).
    pattern = re.compile(
        r"(?<![A-Za-z])(" + "|".join(re.escape(n) for n in alternatives) + r")(?![A-Za-z0-9])",
        re.I,
    )
    return pattern, names


def outlet_name_pattern() -> re.Pattern[str]:
    """The regular expression that finds outlet names and aliases (case-insensitive)."""
    return _name_pattern()[0]


def outlet_for_domain(host_or_email: str) -> str | None:
    """The outlet whose domain is the longest suffix of an e-mail address, URL or host name."""
    host = host_or_email.rsplit("@", 1)[-1].lower()
    host = re.sub(r"^[a-z]+://", "", host).split("/", 1)[0].split(":", 1)[0].strip(".")
    table = _by_domain()
    parts = host.split(".")
    for i in range(len(parts) - 1):
        name = table.get(".".join(parts[i:]))
        if name:
            return name
    return None


def outlets_in_text(text: str) -> list[str]:
    """Outlet names (canonical) mentioned in a short text such as a copyright line or byline,
    in order of appearance; domains written in the text count too."""
    pattern, names = _name_pattern()
    found = [names[m.group(1).lower()] for m in pattern.finditer(text)]
    for m in re.finditer(r"[a-z0-9-]+(?:\.[a-z0-9-]+)+", text.lower()):
        name = outlet_for_domain(m.group(0))
        if name:
            found.append(name)
    return list(dict.fromkeys(found))


def canonical_outlet(name: str) -> str:
    """The table's name for an outlet name or alias (`한경닷컴` -> 한국경제); unknown names are
    returned trimmed."""
    names = _name_pattern()[1]
    key = name.strip().lower()
    if key in names:
        return names[key]
    by_domain = outlet_for_domain(key) if "." in key else None
    return by_domain or name.strip()
