"""Separate the headline, subheadings and body paragraphs of a copied news page from its clutter.

The text is classified line by line, in two passes:

1. Context-free patterns mark what is clutter wherever it stands: share, reaction and comment
   widgets, portal notices, date lines, reporter signatures and e-mail addresses, copyright
   lines, photo captions and credits, related-article lists, separators. A line that glues body
   or a signature to a copyright notice (`...기자 a@b.comCopyright © ...`) is split in pieces.
2. The remaining lines are read in order: the first is the headline (unless it reads like a body
   sentence); short lines without final punctuation before the body are subheadings; a lead
   repeated elsewhere (as the same lines, or merged into one paragraph) is kept once; lists
   after the copyright line are related articles; a byline prefix such as
   `[뉴스토마토 배덕훈 기자]` or `(서울=연합뉴스) 홍길동 기자 =` is cut from the first paragraph.

Every span is trimmed of surrounding whitespace; `source.text[span.start:span.end]` reproduces
it. Each line of the input ends up in exactly one of headline, subheadings, paragraphs or
clutter (blank lines in none), so nothing is dropped silently: clutter keeps its reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from summarize.article.bylines import (
    COPYRIGHT_WORDS,
    DATE_LABEL,
    DATE_VALUE,
    EMAIL,
    NOT_A_NAME,
    REPORTER,
    REPORTER_TITLE,
    REPORTERS,
    SIGNOFF,
    bracket_dateline,
    lazy,
    trailing_signature,
)
from summarize.types import Clutter, Source, Span

# --- reasons -------------------------------------------------------------------------------------

SHARE = "share widget"
REACTION = "reaction widget"
COMMENT = "comment widget"
NOTICE = "portal notice"
CAPTION = "photo caption"
SIGNATURE = "reporter signature"
BYLINE = "byline"
COPYRIGHT = "copyright"
RELATED = "related articles"
REPEATED_LEAD = "repeated lead"
REPEATED_HEADLINE = "repeated headline"
DATE_LINE = "date line"
SEPARATOR = "separator"
ADVERTISEMENT = "advertisement"
NAVIGATION = "navigation"
BROADCAST = "broadcast script marker"


@dataclass(frozen=True)
class Cleaned:
    """The parts of one source: headline, subheadings, body paragraphs and removed clutter."""

    headline: Span | None
    subheadings: tuple[Span, ...]
    paragraphs: tuple[Span, ...]
    """Body paragraphs in order, each trimmed of surrounding whitespace."""
    clutter: tuple[Clutter, ...]
    """Everything else that is not blank, in order, each with its reason."""


# --- patterns ------------------------------------------------------------------------------------

_WS = " \t\u00a0\u200b\u3000\ufeff\u2002\u2003\u2009"
_BULLET = lazy(r"^(?:[-–—*]\s+|[·•∙◦▪●○]\s*)")
_HANGUL = lazy(r"[\uac00-\ud7a3]")
_WORDCHAR = lazy(r"[\w\uac00-\ud7a3]")

_REPORTER_TITLE = REPORTER_TITLE
_SIGNATURE = lazy(
    rf"^[/=\[(<]?\s*(?:[가-힣]{{2,4}}(?:\s*[·,]\s*[가-힣]{{2,4}})*\s?{_REPORTER_TITLE}[\]>)]?)?"
    r"\s*[\[(<]?\s*(?:" + EMAIL.pattern + r")?\s*[\])>]?\s*$"
)

_DATE_REST = lazy(r"[\s:：|/,·•∙()\[\]<>~\-ㅣ]+|기사\s*원문|최종|기사|일시|시간|KST")
_LABEL_ONLY = lazy(rf"[-·•]?\s*(?:{DATE_LABEL.pattern})\s*[:：]?")
_COUNTER = lazy(r"(?:의견|댓글|조회(?:수)?|공유|추천|좋아요|스크랩)\s*[:：]?\s*[\d,]+")
_REGION_BRACKET = lazy(r"[(\[【]\s*[가-힣]{1,10}\s*=\s*[^)\]】\n]{1,20}[)\]】]")
_MARKUP_TAG = lazy(r"<\s*/?\s*(?:[Bb][Rr]|[Pp]|div|DIV|span|SPAN)\b[^<>\n]{0,40}>")
"""Line-break markup left in a copied transcript (`<br />`, `<p></p>`): a line separator."""

_COPYRIGHT_MARK = lazy(r"copyright|ⓒ|©|\(c\)\s|<?저작권자|all rights reserved", re.I)
_COPYRIGHT_WORDS = COPYRIGHT_WORDS

_SHARE_WORDS = {
    "공유", "공유하기", "페이스북", "facebook", "트위터", "twitter", "x", "엑스", "카카오톡",
    "카카오스토리", "카톡", "네이버", "밴드", "네이버밴드", "네이버 블로그", "블로그", "라인",
    "텔레그램", "링크드인", "주소복사", "url복사", "url 복사", "링크복사", "링크 복사", "스크랩",
    "인쇄", "프린트", "인쇄하기", "이메일", "메일", "메일보내기", "글자크기", "글씨크기",
    "글자 크기", "글자크기 설정", "가", "가가", "크게", "작게", "닫기", "더보기", "목록", "구독",
    "구독하기", "기사 모아 보기", "기사모아보기", "다른기사 보기", "다른 기사 보기", "북마크",
    "기사 저장", "저장", "듣기", "음성으로 듣기", "본문듣기", "번역", "번역하기", "요약", "url",
    "sns 공유", "공유 닫기", "페이스북 공유", "트위터 공유", "카카오톡 공유", "바로가기",
    "이 기사를 공유합니다", "기사 공유", "공유하기 닫기", "글자크기설정", "글씨 크기",
    "카카오톡 채널", "링크", "퍼가기", "기사보내기", "기사 보내기", "프린트하기", "키우기",
    "줄이기", "설정", "보내기", "복사", "스크랩하기", "북마크하기", "맨위", "뒤로",
}  # fmt: skip
_REACTION_WORDS = {
    "좋아요", "싫어요", "추천", "추천해요", "추천하기", "슬퍼요", "화나요", "훈훈해요",
    "후속기사 원해요", "후속 기사 원해요", "흥미진진해요", "쏠쏠정보", "공감", "공감하기",
    "비공감", "찬성", "반대", "놀랐어요", "응원해요", "이 기사 어떻게 생각하세요",
    "이 기사를 추천합니다", "기사 추천", "기사 추천하기",
}  # fmt: skip
_COMMENT_WORDS = {
    "댓글", "댓글보기", "댓글 보기", "댓글쓰기", "댓글 쓰기", "댓글 작성", "최신순", "찬성순",
    "반대순", "공감순", "과거순", "추천순", "답글", "댓글 정렬", "댓글삭제", "댓글 삭제",
    "첫번째 댓글", "첫 번째 댓글", "댓글 입력", "댓글 등록", "등록", "취소", "삭제", "수정",
    "신고", "답글쓰기", "의견", "의견쓰기", "의견 쓰기", "코멘트", "댓글 달기", "댓글달기",
}  # fmt: skip
_NAV_WORDS = {
    "본문 바로가기", "본문바로가기", "전체메뉴", "전체 메뉴", "메뉴", "검색", "홈", "home",
    "로그인", "회원가입", "기자 페이지", "기자페이지", "글자크기조정", "글자 크기 조정",
    "본문 글자 크기 조정",
    "이전", "다음", "맨위로", "맨 위로", "top", "이전기사", "다음기사", "이전 기사", "다음 기사",
    "전체기사", "전체 기사", "sitemap", "사이트맵", "콘텐츠 영역", "본문 영역", "주메뉴",
    "메인메뉴", "메인 메뉴", "주 메뉴", "하단메뉴", "상단메뉴", "닫기 버튼", "기사 목록",
    "기사목록", "뉴스홈", "뉴스 홈", "최상단", "상단으로", "맨 위", "기자명", "리스트",
}  # fmt: skip
_BREADCRUMB = lazy(r"^(?:홈|[Hh][Oo][Mm][Ee])?\s*(?:[>›»]\s*[\w·/&]+(?:\s[\w·/&]+)?\s*)+$")
_UI_CONTROL = lazy(
    r"^(?:기사\s*|본문\s*|뉴스\s*|ai\s*|자동\s*|텍스트\s*)?"
    r"(?:번역|요약|공유|인쇄|링크|주소|url|sns|글자\s*크기|글씨\s*크기|폰트|음성|듣기|스크랩|북마크|"
    r"저장|음성\s*변환(?:\s*서비스)?)"
    r"\s*(?:복사)?\s*(?:하기|보기|보내기|설정|변경|변경하기|조절|조절하기|사용하기|닫기|열기|선택)?$",
    re.I,
)
"""A page control: `번역 설정`, `글씨크기 조절하기`, `요약보기`, `AI 요약`, `링크 복사하기`."""
_REACTION_QUESTION = lazy(
    r"^(?:이\s*)?기사(?:에\s*대해|를|가|는)?[,\s]*"
    r"(?:어떻게\s*(?:생각하(?:세요|시나요|십니까)|보셨)|좋으셨다면|어떠(?:셨|세요|신가요)|"
    r"마음에\s*드(?:셨|시나요)|유익하셨)"
)
"""The reaction widget's question: `이 기사 어떻게 생각하세요`, `이 기사 어떠셨나요?`,
`기사가 마음에 드셨나요?`."""
_RELATED_HEADERS = {
    "추천기사", "추천 기사", "추천뉴스", "많이 본 기사", "많이본 기사", "많이 본 뉴스",
    "가장 많이 본 기사", "가장 많이 본 뉴스", "인기기사", "인기 기사", "인기뉴스", "관련기사",
    "관련 기사", "관련뉴스", "관련 뉴스", "오피니언", "실시간", "실시간 뉴스", "실시간 기사",
    "주요뉴스", "주요 뉴스", "주요기사", "핫이슈", "이시각 주요뉴스", "이 시각 주요뉴스", "포토",
    "포토뉴스", "영상", "최신기사", "최신 기사", "최신뉴스", "랭킹뉴스", "헤드라인", "에디터 추천",
    "함께 볼만한 뉴스", "이 기사와 함께 많이 본 뉴스", "이 시각 추천뉴스",
    "당신이 좋아할 만한 기사",
    "기자의 다른 기사", "이 기자의 다른 기사", "섹션별 인기기사", "많이 본 기사 더보기",
    "관련기사 더보기", "오늘의 운세", "top 뉴스", "best", "지금 뜨는 뉴스", "이 시간 주요 뉴스",
    "이 시간 주요뉴스", "이시간 주요뉴스", "많이 본", "많이본", "많이 본 뉴스 더보기",
    "오늘의 이슈픽", "이슈픽", "관련 이슈태그", "이슈태그", "핫클릭", "연관기사", "연관 기사",
    "관련 영상", "관련영상", "추천 영상", "인기 영상", "인기영상", "많이 본 영상", "정치 많이 본",
    "경제 많이 본", "최근 기사", "이 시각 이슈", "랭킹", "실시간 인기", "인기 검색어",
    "많이 본 기사 top", "주간 인기기사", "뉴스 랭킹", "함께 보면 좋은 기사", "함께 볼 만한 기사",
    "이 시각 많이 본 뉴스", "이 시각 헤드라인", "이 시각 인기 뉴스", "오늘의 주요뉴스",
}  # fmt: skip
# Phrases of portal and page notices; specific enough not to fire on reported sentences (a
# business article may well say "앱 설치", "자동 요약" or "로그인 후").
_NOTICES = [
    lazy(p)
    for p in (
        r"글자\s*크기로\s*변경",
        r"본문\s*보기를\s*권장",
        r"^\(예시\)",
        r"뉴스를\s*만나보세요",
        r"언론사\s*(?:구독|홈)|언론사에서\s*.{0,20}분류|섹션으로\s*분류했습니다",
        r"(?:네이버|다음|구글|뉴스스탠드|유튜브|카카오톡)(?:에서|\s*채널)?\s*.{0,20}구독\s*(?:하기|하세요)",
        r"구독\s*하기$|구독\s*버튼",
        r"요약봇|자동\s*추출\s*기술로|요약\s*(?:된|한)\s*내용입니다|전체\s*맥락을\s*이해",
        r"기사를\s*읽어\s*드립니다|^음성\s*(?:재생|듣기)",
        r"^번역\s*(?:beta|베타)|translated\s+by",
        r"기사\s*제공\s*:?$",
        r"^\[?(?:뉴스\s*)?제보\s*[:：=]|제보는\s*(?:카카오톡|이메일|전화|메일)|^▶\s*제보",
        r"앱에서\s*보기|앱으로\s*보기|앱\s*다운로드\s*$",
        r"(?:네이버|다음)\s*메인에서\s*.{0,20}(?:보세요|구독)",
        r"^언론사\s*선정$|언론사가\s*선정한|섹션\s*정보는|섹션\s*분류\s*안내|해당\s*언론사로\s*연결",
        r"제보가\s*뉴스가|채널\s*추가$|^\[(?:카카오톡|전화|메일|이메일|팩스|홈페이지|유튜브)\]",
        r"기사\s*문의\s*및\s*(?:뉴스\s*)?제보|제보를\s*기다립니다|제보\s*및\s*(?:기사\s*)?문의",
        r"공식\s*전자정부\s*누리집|누리집\s*로고",
        r"삭제한\s*댓글은|삭제하시겠습니까|댓글을\s*남기실\s*수|로그인\s*[·・]\s*계정\s*인증|"
        r"계정을\s*선택하시면|댓글\s*(?:운영|작성)\s*원칙|^\d+\s*/\s*\d+$",
        r"독자\s*의견\s*\(|왼쪽\s*숫|자동\s*등록\s*방지|^(?:이\s*름|이\s*메\s*일|비\s*밀\s*번\s*호|\s)+$",
        r"구독하(?:고|시면)\s.{0,30}(?:받아\s*보세요|만나\s*보세요|확인하세요)|"
        r"구독\s*신청\s*(?:하기|하세요)?$|뉴스레터\s*(?:구독|신청)\s*(?:하기|하세요)",
    )
]
_ADVERT = lazy(r"^(?:\[?광고\]?|AD|advertisement|sponsored)$", re.I)
_RELATED_ITEM = lazy(
    r"^[-·•]\s*.{4,}\s[-–|]\s*[\w가-힣&·]{1,12}$"
    r"|^[-·•]\s*[^.!?\n]{4,}(?:\s[-–]\s[^.!?\n]{4,}){2,}$"
    r"|^.{2,30}\s(?:이슈|기사|뉴스|연재|시리즈)\s*더\s*보기$"
)
"""Related articles: `- 제목 - 한빛일보`, `- 제목 - 제목 - 제목` on one line, `한빛 이슈 더보기`."""
_RELATED_MARK = lazy(r"^(?:[▶☞▷►→]|\[관련기사\]|관련기사\s*[:：▶]|\[?함께\s*보면)")
_CREDIT_EQ = lazy(
    r"[(\[]\s*(?:사진|그래픽|자료|출처|영상|이미지|일러스트|사진\s*제공|캡처|제공)\s*[=:][^)\]]{1,40}[)\]]\s*$"
)
_CREDIT_AFTER_SENTENCE = lazy(
    r"(?:다|음|중|모습|전경)[.]?\s+\[?[\w가-힣&·()]+(?:\s[\w가-힣&·()]+){0,3}\s*"
    r"(?:제공|캡처|캡쳐|촬영|자료사진)\s*\]?$"
)
_CREDIT_SLASH = lazy(r"[.)\]다]\s*/\s*(?:사진\s*=\s*)?[\w가-힣 ]{1,30}(?:\s*[©ⓒ].{0,30})?$")
_CREDIT_DATE_SLASH = lazy(r"\d{4}\.\s?\d{1,2}\.\s?\d{1,2}\.?\s*/\s*[\w가-힣]+(?:\s*[©ⓒ].{0,40})?$")
_CREDIT_THEN_DATE = lazy(
    r"(?:제공|촬영|캡처|캡쳐|자료사진)\s*[)\]]?\s*\d{4}\.\s?\d{1,2}\.\s?\d{1,2}\.?$"
    r"|[.다]\s*\d{4}\.\s?\d{1,2}\.\s?\d{1,2}\.?\s*(?:연합뉴스|뉴스1|뉴시스|AP|AFP|로이터|EPA|"
    r"[\w가-힣]{2,10}\s*제공)$"
)
"""`...점검하고 있다. (행정안전부 제공) 2023.11.19`, `...깨져 있다. 2025.9.27. 연합뉴스`: a
picture's credit with the day it was taken."""
_CREDIT_AGENCY = lazy(
    r"(?:다|모습|전경|중)\.?\s+(?:[\w가-힣]+\s){0,2}"
    r"(?:연합뉴스|뉴스1|뉴시스|AP|AFP|로이터|EPA|UPI|신화|게티이미지(?:뱅크|코리아)?|셔터스톡|"
    r"클립아트코리아|픽사베이|언스플래시|(?:국회|대통령실)?사진기자단|(?:사진)?공동취재단?|"
    r"공동취재사진)(?:\s*(?:=|/)?\s*연합뉴스)?$"
)
_CREDIT_TAIL_EQ = lazy(
    r"(?:^|[.\s])(?:사진|그래픽|자료|영상|출처|사진\s*제공)\s*[=:]\s*[\w가-힣&·]+(?:\s[\w가-힣&·]+){0,2}$"
)
_CREDIT_PAREN_AGENCY = lazy(
    r"[.다]\s*\((?:연합|연합뉴스|뉴스1|뉴시스|AP|AFP|로이터|EPA|UPI|신화|[\w가-힣]{2,10}\s*제공)\)$"
)
"""`▲ 총재가 의사봉을 두드리고 있다. (연합)`: a described picture and its agency in brackets
(a caption only after a caption mark: body paragraphs may close on a bracketed source)."""
_CREDIT_COPY = lazy(r"[.’”'\")\w]\s*[ⓒ©]\s*[\w가-힣&.]{1,20}$")
_CAPTION_START = lazy(
    r"^(?:▲|\[사진\]|\(사진\)|사진\s*[=:]|<사진|\[그래픽\]|그래픽\s*=|이미지\s*확대|"
    r"[\[(<〈]\s*(?:사진|그래픽)[^\])>〉\n]{0,25}[\])>〉])"
)
_CAPTION_SLASH_CREDIT = lazy(r"/\s*(?:사진|그래픽|자료|영상)\s*=")
"""`.../사진=(서울=뉴스1) 홍길동 기자`: a credit that makes the whole line a caption, copyright
notice of the photo included."""
_OWN_DESK_CREDIT = lazy(r"^[\[(][^\[\]()\n]{1,25}\s(?:그래픽|DB|자료사진|사진|제공)\s*[\])]$")
"""`[한빛일보 그래픽]`, `(한빛일보 DB)`: a credit line under a picture."""
_REGION_PREFIX = lazy(r"^[(\[【]\s*[가-힣]{1,10}\s*=\s*[^)\]】\n]{1,20}[)\]】]\s*")
_BYLINE_PREFIX = lazy(
    rf"^(?:\[[^\]\n]{{0,30}}?(?:{_REPORTER_TITLE}|=)[^\]\n]{{0,20}}\]\s*"
    rf"|[가-힣]{{2,4}}(?:\s*[·,]\s*[가-힣]{{2,4}})*\s?{_REPORTER_TITLE}\s*=\s*)"
)
"""Bylines opening a paragraph that `bylines.bracket_dateline` does not read: `홍길동 기자 = `
and other bracketed credits (`[사진=한빛일보] `)."""
_TAIL_SIGNATURE = lazy(
    rf"(?<=[.!?”’\"')])\s*/?\s*(?:[가-힣]{{2,4}}\s?{_REPORTER_TITLE}\s*)?\(?"
    + EMAIL.pattern
    + r"\)?\s*$"
)
_BROADCAST_MARK = lazy(
    r"^[\[<]\s*(?:앵커|기자|리포트|앵커\s*멘트|기자\s*멘트|인터뷰|녹취|현장음|현장\s*녹취|자막|"
    r"브릿지|스탠드\s*업|[Cc][Gg]|화면\s*출처|영상\s*출처)\s*[\]>]"
    r"(?:\s*[가-힣A-Za-z○·]{1,10}(?:\s[가-힣A-Za-z○·]{1,10})?\s*/\s*[^\"“”'‘’.!?]{1,30})?$"
)
"""A broadcast script marker: `[앵커]`, `[리포트]`, `[인터뷰] 김도윤 / 기상청 예보분석관`."""
_BROADCAST_CUE = lazy(
    r"^◀\s*[가-힣A-Za-z\s]{1,12}\s*▶$"
    r"|^[(〈]\s*(?:앵커|기자|리포트|앵커\s*멘트|인터뷰|녹취|현장음)\s*[)〉]$"
    r"|^▶\s*(?:인터뷰|녹취|싱크|스탠드\s*업|스탠딩)\s*[:：]"
    r"|^[가-힣]{2,4}\s?(?:기자|특파원|캐스터|앵커)\s*[!?.]$"
    r"|^.{0,30}(?:기자|특파원|현장)(?:를|을)?\s*(?:연결|불러)\s*(?:해|해서|합니다|하겠습니다)"
    r"(?:\s*.{0,30}(?:들어\s*보겠습니다|듣겠습니다|알아\s*보겠습니다|전해\s*드리겠습니다))?\.?$"
    r"|^.{0,30}(?:현장|기자)(?:를|을)?\s*연결해\s*(?:볼까요|보겠습니다)[.?]?$"
    r"|^.{0,30}자세한\s*(?:소식|내용)(?:을|은)?\s*(?:들어\s*보겠습니다|듣겠습니다|알아\s*보겠습니다)\.?$",
)
"""Anchor and reporter cues of a broadcast transcript: `◀ 앵커 ▶`, `▶ 인터뷰 : ...`,
`홍길동 기자!`, `취재기자 연결해 자세한 소식 들어보겠습니다.`, `현장 연결해볼까요?`."""
_CUE_PREFIX = lazy(r"^[\[<]\s*(?:질문\s*\d*|Q\s*\d*|앵커|기자|리포트)\s*[\]>]\s*(?=\S)")
"""A speaker cue glued to what is said: `[질문2] 어제 ...?`, `[앵커] 오늘 ...` (the words stay)."""
_END_MARK = lazy(r"^[(\[<]?\s*(?:끝|END|end)\s*[)\]>]?$")
_HASHTAGS = lazy(r"^(?:#[^\s#]{1,30}\s*){1,20}$")
_SKIP_LINKS = lazy(r"^(?:[가-힣A-Za-z]{1,10}\s*바로\s*가기\s*)+$")
_BROADCAST_HANDOFF = lazy(
    rf"^[가-힣]{{2,4}}\s?{_REPORTER_TITLE}(?:가|이)\s*(?:보도|전|취재|정리)[가-힣]*니다\.?$"
)
_PRODUCTION_CREDIT = lazy(
    r"^(?:촬영\s*기자|촬영|영상\s*취재|영상\s*편집|편집|그래픽|취재\s*지원|자료\s*조사|[Cc][Gg]|"
    r"구성|연출|[Vv][Jj])\s*[:：]\s*[가-힣]{2,4}(?:\s*[/,·]\s*[^/]{2,12}[:：]?\s*[가-힣]{2,4})*$"
)
_FINAL_PUNCT = lazy(r"[.!?。](?:['\"”’」』)\]]*)$")
_SENTENCE_END = lazy(r"[.!?。](?:['\"”’」』)\]]*)$|[다요죠]['\"”’]?\.?$")

_LEAD_WINDOW = 60
"""Content lines checked for a repeated lead (leads repeat near the top; keeps the check linear)."""
_MIN_DUP = 20
"""Shortest text (characters, spaces removed) treated as a repeat of another paragraph."""
_SENTENCE_STOPS = frozenset(".!?。\"'")


# --- lines ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Piece:
    start: int
    end: int
    reason: str | None
    """None for content; a clutter reason otherwise."""
    bullet_end: int = -1
    """Where the text starts after a leading bullet marker (-1 when there is none)."""


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """`[start, end)` of each non-blank line, trimmed of whitespace; line-break markup
    (`<br />`) ends a line too and is a line of its own."""
    pos = 0
    for raw in text.split("\n"):
        for start, end in _segments(raw):
            yield pos + start, pos + end
        pos += len(raw) + 1


def _segments(raw: str) -> Iterator[tuple[int, int]]:
    cuts: list[tuple[int, int]] = []
    last = 0
    for m in _MARKUP_TAG.finditer(raw):
        cuts += [(last, m.start()), (m.start(), m.end())]
        last = m.end()
    cuts.append((last, len(raw)))
    blank = _WS + "\r\f\v"
    for start, end in cuts:
        piece = raw[start:end]
        stripped = piece.strip(blank)
        if stripped:
            lead = len(piece) - len(piece.lstrip(blank))
            yield start + lead, start + lead + len(stripped)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start] in _WS or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in _WS or text[end - 1].isspace()):
        end -= 1
    return start, end


def _key(text: str) -> str:
    """Comparison key: no whitespace, no bullet, unified quotes."""
    text = _BULLET.sub("", text)
    text = re.sub(r"[\s\u00a0\u200b]+", "", text)
    return text.translate(str.maketrans("‘’“”´`", "''\"\"''"))


def _word_key(text: str) -> str:
    text = _BULLET.sub("", text.strip()).rstrip(" >›»?!.").strip()
    text = re.sub(r"\s*\(?\d[\d,]*\)?$", "", text)  # trailing counters: 댓글 0, 추천해요 12
    return re.sub(r"\s+", " ", text).lower()


# --- context-free classification -----------------------------------------------------------------


def is_date_line(text: str) -> bool:
    """A line that is only a date-time, optionally labelled (`입력 2021.11.17 11:28 수정 ...`,
    `• 등록 2024-10-11 오후 2:07:04`), or only a date label (`입력`, `수정 :`: pages that print
    the label and the value on separate lines)."""
    if len(text) > 120:
        return False
    if not DATE_VALUE.search(text):
        return bool(_LABEL_ONLY.fullmatch(text))
    rest = DATE_VALUE.sub("", text)
    rest = DATE_LABEL.sub("", rest)
    rest = _DATE_REST.sub("", rest)
    return rest == ""


def byline_date_reason(text: str) -> str | None:
    """SIGNATURE or BYLINE for a byline that carries the date, None for anything else.

    What is left after taking out date-times and their labels, e-mail addresses, reporters
    with their title, `(세종=뉴스1)` brackets, outlet names, counters (`의견 0`, `조회수 1,234`)
    and separators (`|`, `·`, `/`, a capital I standing for a bar, ...) must be nothing or one
    bare name:
    `머니투데이 홍길동 기자, 김철수 기자 | 2022.10.15 17:22`,
    `hong@naver.com | 2022-10-15 17:51:49`, `한빛일보 | 2024.06.12`,
    `홍길동 승인 2024.07.05 10:01 | 최종 수정 2024.07.05 10:12 의견 0`.
    """
    if len(text) > 150 or not DATE_VALUE.search(text):
        return None
    people = bool(EMAIL.search(text) or REPORTERS.search(text))
    rest = _COUNTER.sub(" ", EMAIL.sub(" ", text))
    rest = DATE_LABEL.sub(" ", DATE_VALUE.sub(" ", rest))
    rest = _REGION_BRACKET.sub(" ", REPORTERS.sub(" ", rest))
    without_outlets = _strip_outlets(rest)
    named_outlet = without_outlets != rest
    rest = _DATE_REST.sub(" ", _BAR_LETTER.sub(" ", without_outlets)).strip(" =")
    if rest and not (_NAME_AND_POSITION.fullmatch(rest) and rest.split()[0] not in NOT_A_NAME):
        return None
    if people or rest:
        return SIGNATURE
    return BYLINE if named_outlet else None


_BARE_NAME = lazy(r"[가-힣]{2,4}")
_BAR_LETTER = lazy(r"(?<![A-Za-z])[Il](?![A-Za-z])")
"""`홍길동 기자I 2023.11.18 09:15`: a letter I used as a separator bar."""
_DATE_FIELD = lazy(r"^(?:date|Date|DATE|날짜)\s*[:=]?\s*(?:19|20)\d{2}-\d{1,2}-\d{1,2}(?=\s|$)")
"""`date 2025-09-27 ...`: a date field an archive or scraper wrote before the page text."""
_NAME_AND_POSITION = lazy(
    r"[가-힣]{2,4}(?:\s+[가-힣]{0,10}(?:과장|국장|실장|팀장|부장|차장|원장|청장|장관|차관|대변인|"
    r"위원|대표|담당관?|주무관|사무관|연구원|교수|에디터|PD|작가))?"
)
"""`홍길동` or `홍길동 인구동향과장`: the author of a briefing page beside its date."""


def _is_signature(text: str) -> bool:
    if len(text) > 80:
        return False
    if _SIGNATURE.match(text) and (EMAIL.search(text) or REPORTER.search(text)):
        return True
    if EMAIL.search(text) and _NAME_ONLY.fullmatch(
        _strip_outlets(EMAIL.sub(" ", text)).strip(" ()[]<>/|,·=-")
    ):
        # `김서연 (ksy@edaily.co.kr)`, `ssuccess@fnnews.com 김선우 기자`
        return True
    # A name glued to the date label (`이하린입력 2024. 7. 29. 14:21`).
    rest = _REGION_PREFIX.sub("", text).lstrip("[(/ ")
    match = REPORTER.match(rest) or _NAME_BEFORE_LABEL.match(rest)
    return bool(match and is_date_line(rest[match.end() :].strip(" ])|")))


_NAME_ONLY = lazy(rf"(?:[가-힣]{{2,4}}(?:\s*[·,]\s*[가-힣]{{2,4}})*(?:\s?{_REPORTER_TITLE})?)?")
_NAME_BEFORE_LABEL = lazy(r"[가-힣]{2,4}(?=\s*(?:기사\s*)?(?:입력|등록|작성)\s*:?\s*\d)")


def _strip_outlets(text: str) -> str:
    """`text` without the outlet names in it (`SBS Biz 최유진` -> ` 최유진`)."""
    from summarize.article.outlets import strip_outlet_names

    return strip_outlet_names(text)


def is_outlet_byline(text: str) -> bool:
    """An outlet name and a reporter's name, nothing else: `SBS Biz 최유진`, `YTN 이하린 기자`,
    or one or two words before reporters with their title (`한빛일보 홍길동 기자`)."""
    if len(text) > 40:
        return False
    reporters = REPORTERS.search(text)
    if reporters and reporters.end() == len(text) and _WORDS.fullmatch(text[: reporters.start()]):
        return True
    stripped = _strip_outlets(text)
    if stripped == text:
        return False
    m = re.fullmatch(rf"([가-힣]{{2,4}})(?:\s?{_REPORTER_TITLE})?", stripped.strip(" []()/|·=-"))
    return bool(m and m.group(1) not in NOT_A_NAME)


_WORDS = lazy(r"[^\s\[\]()]{2,20}(?:\s[^\s\[\]()]{2,10})?\s+")


def _broadcast_reason(text: str) -> str | None:
    if _BROADCAST_MARK.match(text) or _BROADCAST_HANDOFF.match(text):
        return BROADCAST
    if len(text) < 80 and _BROADCAST_CUE.match(text):
        return BROADCAST
    if _PRODUCTION_CREDIT.match(text):
        return BROADCAST
    signoff = SIGNOFF.match(text)
    if signoff:
        who = signoff.group("who").strip()
        if who and (_strip_outlets(who) != who or who.endswith("뉴스")):
            return BROADCAST  # `KBS 뉴스 정민호입니다.`, `YTN 이하린입니다.`
    return None


def _is_copyright(text: str) -> bool:
    if len(text) > 200:
        return False
    if _COPYRIGHT_WORDS.search(text):
        return True
    return bool(re.match(r"^[<\[(]?\s*(?:ⓒ|©|\(c\)\s)", text, re.I))


def _is_caption(text: str) -> bool:
    # a picture laid out as a table cell in the copied page (`![]() |`, then `caption |`)
    text = text.strip().strip("|").strip()
    if _CAPTION_START.match(text) and _CREDIT_PAREN_AGENCY.search(text):
        return True
    if _CAPTION_SLASH_CREDIT.search(text) or _OWN_DESK_CREDIT.match(text):
        return True
    if len(text) > 300:
        return False
    credit = (
        _CREDIT_EQ.search(text) or _CREDIT_SLASH.search(text) or _CREDIT_DATE_SLASH.search(text)
    )
    if _SENTENCE_END.search(text) and not credit:
        return bool(_CAPTION_START.match(text) and re.search(r"사진|제공|=|이미지", text))
    return bool(
        _CREDIT_EQ.search(text)
        or _CREDIT_THEN_DATE.search(text)
        or _CREDIT_AFTER_SENTENCE.search(text)
        or _CREDIT_COPY.search(text)
        or _CREDIT_DATE_SLASH.search(text)
        or _CREDIT_AGENCY.search(text)
        or _CREDIT_TAIL_EQ.search(text)
        or (_CREDIT_SLASH.search(text) and len(text) < 200)
        or (_CAPTION_START.match(text) and re.search(r"사진|제공|=|이미지", text))
    )


def _widget_reason(text: str) -> str | None:
    key = _word_key(text)
    if not key:
        return REACTION if text.strip(" ()[]") and re.fullmatch(r"[\d,\s()]+", text) else None
    if key in _SHARE_WORDS or re.match(r"^sns\s*계정", key) or _UI_CONTROL.match(key):
        return SHARE
    if _only_widget_words(key):
        return SHARE
    if key in _REACTION_WORDS or _REACTION_QUESTION.match(key):
        return REACTION
    if key in _COMMENT_WORDS or re.search(
        r"개의\s*댓글|댓글\s*전체보기|댓글을\s*(?:작성|남겨)", key
    ):
        return COMMENT
    if key in _RELATED_HEADERS:
        return RELATED
    if key in _NAV_WORDS or _BREADCRUMB.match(text) or _is_outlet_name(text):
        return NAVIGATION
    if _SKIP_LINKS.match(text) or _HASHTAGS.match(text):
        return NAVIGATION
    return None


def _only_widget_words(key: str) -> bool:
    """`인쇄 목록`, `공유 | 스크랩 | 인쇄`: a row of page controls, each one a known widget word."""
    words = [w for w in re.split(r"[\s|·/]+", key) if w]
    return len(words) >= 2 and all(w in _SHARE_WORDS or w in _NAV_WORDS for w in words)


def _is_outlet_name(text: str) -> bool:
    """A line that is only an outlet's name: the site logo of a copied page."""
    from summarize.article.outlets import canonical_outlet, outlets_in_text

    text = _BULLET.sub("", text)
    return len(text) <= 20 and outlets_in_text(text) == [canonical_outlet(text)]


def classify_line(text: str) -> str | None:
    """The clutter reason of one trimmed line taken alone, or None if it may be content."""
    if is_date_line(text):
        return DATE_LINE
    reason = byline_date_reason(text)
    if reason:
        return reason
    if _is_signature(text):
        return SIGNATURE
    if is_outlet_byline(text):
        return BYLINE
    dateline = bracket_dateline(text)
    if dateline and dateline.end >= len(text) and (dateline.outlet or dateline.reporters):
        return SIGNATURE if dateline.reporters else BYLINE  # `[한빛일보=홍길동 기자]` alone
    reason = _broadcast_reason(text)
    if reason:
        return reason
    if EMAIL.fullmatch(text.strip("()[]<> ")):
        return SIGNATURE
    reason = _widget_reason(text)
    if reason:
        return reason
    if _ADVERT.match(text):
        return ADVERTISEMENT
    if len(text) < 160 and any(p.search(text) for p in _NOTICES):
        return NOTICE
    if _is_copyright(text):
        return COPYRIGHT
    if _is_caption(text):
        return CAPTION
    if _RELATED_ITEM.match(text) or (_RELATED_MARK.match(text) and not _SENTENCE_END.search(text)):
        return RELATED
    if not _WORDCHAR.search(text) or _END_MARK.match(text) or _MARKUP_TAG.fullmatch(text):
        return SEPARATOR
    return None


def _split_line(text: str, start: int, end: int) -> list[_Piece]:
    """Classify one line, splitting off a glued copyright notice or trailing signature."""
    line = text[start:end]
    for pattern, reason in ((_DATE_FIELD, DATE_LINE), (_CUE_PREFIX, BROADCAST)):
        prefix = pattern.match(line)
        if prefix and prefix.end() < len(line):
            head = _Piece(*_trim(text, start, start + prefix.end()), reason)
            return [head, *_split_line(text, *_trim(text, start + prefix.end(), end))]
    if _CAPTION_SLASH_CREDIT.search(line):
        return [_Piece(start, end, CAPTION)]  # the copyright in it is the picture's
    mark = _COPYRIGHT_MARK.search(line)
    if mark and _COPYRIGHT_WORDS.search(line, mark.start()):
        left_start, left_end = _trim(text, start, start + mark.start())
        left = text[left_start:left_end]
        if not _WORDCHAR.search(left):
            return [_Piece(start, end, COPYRIGHT)]
        if _is_body_like(left) or classify_line(left) or _TAIL_SIGNATURE.search(left):
            return [
                *_split_line(text, left_start, left_end),
                _Piece(start + mark.start(), end, COPYRIGHT),
            ]
        if len(line) <= 200:
            return [_Piece(start, end, COPYRIGHT)]  # `세상을 보는 눈, 한빛일보 Copyright ©`
    reason = classify_line(line)
    if reason:
        return [_Piece(start, end, reason)]
    tail = _TAIL_SIGNATURE.search(line) or trailing_signature(line)
    if tail and tail.start() > 0:
        s, e = _trim(text, start + tail.start(), end)
        s = s + 1 if text[s] == "/" else s
        s, e = _trim(text, s, e)
        body_start, body_end = _trim(text, start, start + tail.start())
        return [_Piece(body_start, body_end, None), _Piece(s, e, SIGNATURE)]
    bullet = _BULLET.match(line)
    return [_Piece(start, end, None, start + bullet.end() if bullet else -1)]


# --- structure -----------------------------------------------------------------------------------


def _is_body_like(text: str) -> bool:
    return (bool(_SENTENCE_END.search(text)) and len(text) >= 20) or len(text) >= 100


def _repeats(keys: list[str]) -> dict[int, int]:
    """Content positions that repeat another content piece -> position of the one kept
    (`keys`: the `_key` of each content piece).

    A piece contained in a longer one is the repeat; of two equal pieces, the later one.
    Only the first `_LEAD_WINDOW` pieces are compared against all others (leads repeat near the
    top), so the cost stays linear in the length of the text.
    """
    repeats: dict[int, int] = {}
    first_seen: dict[str, int] = {}
    for i, k in enumerate(keys):
        if len(k) >= _MIN_DUP and k in first_seen:
            repeats[i] = first_seen[k]
        first_seen.setdefault(k, i)
    for i in range(min(len(keys), _LEAD_WINDOW)):
        if i in repeats or len(keys[i]) < _MIN_DUP:
            continue
        for j, other in enumerate(keys):
            if j != i and j not in repeats and _contains_sentences(other, keys[i]):
                repeats[i] = j
                break
    return repeats


def _contains_sentences(longer: str, shorter: str) -> bool:
    """`shorter` occurs in `longer` as whole sentences (both are `_key`s)."""
    if len(longer) <= len(shorter):
        return False
    at = longer.find(shorter)
    while at >= 0:
        starts_clean = at == 0 or longer[at - 1] in _SENTENCE_STOPS
        ends_clean = at + len(shorter) == len(longer) or shorter[-1] in _SENTENCE_STOPS
        if starts_clean and ends_clean:
            return True
        at = longer.find(shorter, at + 1)
    return False


_MIN_SUBHEADING = 8
"""Shortest subheading (characters, spaces removed); shorter lines before the body are labels."""
_MIN_HEADLINE = 10
"""Lines shorter than this (spaces removed) before a longer one are menu labels, not headlines."""
_LIST_LINE = lazy(r"^[▲△■□◆◇○●•※①-⑳➊-➓\d]|\||\t")


def _headline_position(text: str, content: list[_Piece], keys: list[str], title: str) -> int | None:
    """The content position of the headline, or None when the text starts with the body."""
    title_key = _key(title) if title else None
    for i, p in enumerate(content[:_LEAD_WINDOW]):
        line = text[p.start : p.end]
        if title_key and keys[i] == title_key:
            return i
        if _FINAL_PUNCT.search(line) or len(line) > 150:
            return 0 if i else None  # only short lines before the body: the first is the headline
        if len(keys[i]) >= _MIN_HEADLINE:
            return i
    return (
        0 if content and not _FINAL_PUNCT.search(text[content[0].start : content[0].end]) else None
    )


def _is_section_title(text: str, content: list[_Piece], i: int, line: str) -> bool:
    """A short line inside the body is a section title only when it stands alone between
    paragraphs; a run of short lines is a list or table (`▲KB금융: 1조6140억원`, `구분 | 금액`)."""
    if content[i].bullet_end >= 0 or len(line) > 60 or _SENTENCE_END.search(line):
        return False
    if _LIST_LINE.search(line) or line.rstrip().endswith((":", "：")):
        return False
    if not text[content[i].end :].strip():
        return False  # a title introduces what follows; the text's last line is cut off
    for j in (i - 1, i + 1):
        if 0 <= j < len(content):
            neighbour = text[content[j].start : content[j].end]
            if not _is_body_like(neighbour):
                return False
    return True


def _byline_prefix(line: str) -> int:
    """Length of the byline opening a body paragraph (`[한빛일보 홍길동 기자] `,
    `(서울=뉴스1) 홍길동 기자 = `, `홍길동 기자 = `), 0 when there is none."""
    dateline = bracket_dateline(line)
    if dateline:
        return dateline.end
    prefix = _BYLINE_PREFIX.match(line)
    return prefix.end() if prefix else 0


_BYLINE_PARAGRAPHS = 3
"""Body paragraphs searched for an opening byline (a caption or lead may stand before it)."""


def clean(source: Source) -> Cleaned:
    """Split `source.text` into headline, subheadings, body paragraphs and clutter."""
    text = source.text
    pieces = [p for s, e in _lines(text) for p in _split_line(text, s, e)]
    content = [p for p in pieces if p.reason is None]
    keys = [_key(text[p.start : p.end]) for p in content]
    reasons: dict[int, str] = {}  # content position -> clutter reason decided from context
    kinds: dict[int, str] = {}  # content position -> "headline" | "subheading" | "body"
    title = source.fields.get("title", "").strip()
    headline_key = _mark_headline(text, content, keys, title, reasons, kinds)
    _mark_repeats(keys, headline_key, reasons, kinds)
    footer = _footer_positions(text, pieces, content, reasons, kinds)
    _mark_body(text, content, keys, footer, reasons, kinds)
    return _assemble(source, pieces, content, reasons, kinds)


def _mark_headline(
    text: str,
    content: list[_Piece],
    keys: list[str],
    title: str,
    reasons: dict[int, str],
    kinds: dict[int, str],
) -> str | None:
    """The headline: the first content line, unless it reads as a body sentence. Menu and
    section labels of a copied page (`AI`, `컴퓨팅`, `뉴스듣기`) stand before it: short lines are
    skipped when a headline-length line follows before the body. Returns its key."""
    head = _headline_position(text, content, keys, title)
    if head is None:
        return None
    kinds[head] = "headline"
    for i in range(head):
        reasons[i] = NAVIGATION
    return keys[head]


def _mark_repeats(
    keys: list[str], headline_key: str | None, reasons: dict[int, str], kinds: dict[int, str]
) -> None:
    repeats = _repeats(keys)
    for i in range(len(keys)):
        if i in kinds or i in reasons:
            continue
        if headline_key and keys[i] == headline_key:
            reasons[i] = REPEATED_HEADLINE
        elif i in repeats:
            reasons[i] = REPEATED_LEAD


_FOOTER_TRIGGERS = frozenset({COPYRIGHT, SIGNATURE, RELATED, COMMENT})


def _footer_positions(
    text: str,
    pieces: list[_Piece],
    content: list[_Piece],
    reasons: dict[int, str],
    kinds: dict[int, str],
) -> set[int]:
    """Content positions after the footer starts: the first copyright notice, signature,
    related-articles header or comment widget that follows body text."""
    content_index = {id(p): i for i, p in enumerate(content)}
    seen_body = False
    for n, p in enumerate(pieces):
        if p.reason is None:
            i = content_index[id(p)]
            if i not in kinds and i not in reasons and _is_body_like(text[p.start : p.end]):
                seen_body = True
        elif seen_body and p.reason in _FOOTER_TRIGGERS:
            return {content_index[id(q)] for q in pieces[n:] if q.reason is None}
    return set()


def _mark_body(
    text: str,
    content: list[_Piece],
    keys: list[str],
    footer: set[int],
    reasons: dict[int, str],
    kinds: dict[int, str],
) -> None:
    """Subheadings before the body, then body paragraphs and section titles. In the footer a
    list item or a short line without final punctuation is a related article (a long one is a
    paragraph cut off by the end of the copied text)."""
    body_started = False
    for i, p in enumerate(content):
        if i in kinds or i in reasons:
            continue
        line = text[p.start : p.end]
        if i in footer and (
            p.bullet_end >= 0 or (not _FINAL_PUNCT.search(line) and len(line) < 100)
        ):
            reasons[i] = RELATED
            continue
        if not body_started:
            if _is_body_like(line):
                body_started = True
                kinds[i] = "body"
            elif len(keys[i]) < _MIN_SUBHEADING:
                reasons[i] = NAVIGATION  # `뉴스 9`, `속보`: a label, not a subheading
            else:
                kinds[i] = "subheading"
            continue
        kinds[i] = "subheading" if _is_section_title(text, content, i, line) else "body"


def _assemble(
    source: Source,
    pieces: list[_Piece],
    content: list[_Piece],
    reasons: dict[int, str],
    kinds: dict[int, str],
) -> Cleaned:
    """The spans in text order; the byline opening one of the first body paragraphs is cut
    off as clutter."""
    text = source.text
    content_index = {id(p): i for i, p in enumerate(content)}
    headline: Span | None = None
    subheadings: list[Span] = []
    paragraphs: list[Span] = []
    clutter: list[Clutter] = []
    byline_done = False
    for p in pieces:
        i = content_index.get(id(p))
        reason = p.reason if i is None else reasons.get(i)
        if reason is not None:
            clutter.append(Clutter(source, p.start, p.end, reason=reason))
        elif kinds[i] == "headline":
            headline = Span(source, p.start, p.end)
        elif kinds[i] == "subheading":
            start = p.bullet_end if p.bullet_end >= 0 else p.start
            subheadings.append(Span(source, *_trim(text, start, p.end)))
        else:
            start = p.start
            cut = 0 if byline_done else _byline_prefix(text[p.start : p.end])
            if cut and p.start + cut < p.end:
                byline_done = True
                clutter.append(Clutter(source, *_trim(text, p.start, p.start + cut), reason=BYLINE))
                start = p.start + cut
            if len(paragraphs) + 1 >= _BYLINE_PARAGRAPHS:
                byline_done = True
            paragraphs.append(Span(source, *_trim(text, start, p.end)))
    return Cleaned(
        headline=headline,
        subheadings=tuple(subheadings),
        paragraphs=tuple(paragraphs),
        clutter=tuple(clutter),
    )
