"""A small gazetteer: Korean provinces and cities, well-known districts, countries and major
foreign cities, as written in Korean news. `is_place` adds a general rule for administrative
suffixes (`영덕군`, `화성시`, `분당구`, `역삼동`) so that names outside the lists are still
places when they are written with their unit (3-4 syllables)."""

from __future__ import annotations

import re


def word_set(text: str) -> frozenset[str]:
    """The whitespace-separated words of a word list written as one string."""
    return frozenset(text.split())


PROVINCES = word_set(
    """
    서울 부산 대구 인천 광주 대전 울산 세종 경기 강원 충북 충남 전북 전남 경북 경남 제주
    충청 전라 경상 호남 영남 수도권 경기도 강원도 제주도 충청북도 충청남도 전라북도 전라남도
    경상북도 경상남도 서울시 부산시 대구시 인천시 광주시 대전시 울산시 세종시
    """
)
#: Cities (시) and counties (군) without their unit, and well-known districts and areas.
CITIES = word_set(
    """
    수원 성남 고양 용인 부천 안산 안양 남양주 화성 평택 의정부 시흥 파주 김포 광명 군포 하남
    오산 이천 안성 의왕 양주 포천 여주 구리 동두천 과천 춘천 원주 강릉 동해 태백 속초 삼척
    청주 충주 제천 천안 공주 보령 아산 서산 논산 계룡 당진 전주 군산 익산 정읍 남원 김제
    목포 여수 순천 나주 광양 포항 경주 김천 안동 구미 영주 영천 상주 문경 경산 창원 진주
    통영 사천 김해 밀양 거제 양산 서귀포 울진 영덕 울릉 독도 청송 영양 봉화 예천 칠곡
    판교 분당 일산 송도 여의도 강남 서초 송파 마곡 상암 광화문 종로 명동 성수 구로 가산
    잠실 용산 마포 을지로 테헤란로 동탄 광교 오송 오창 대덕 새만금 청라 영종
    """
)
COUNTRIES = word_set(
    """
    한국 대한민국 미국 중국 일본 북한 러시아 영국 프랑스 독일 인도 대만 베트남 캐나다 호주
    브라질 유럽 아시아 아프리카 중동 사우디아라비아 사우디 아랍에미리트 싱가포르 홍콩
    인도네시아 태국 필리핀 말레이시아 멕시코 이탈리아 스페인 네덜란드 스위스 스웨덴 폴란드
    튀르키예 터키 이스라엘 이란 이라크 우크라이나 몽골 카타르 쿠웨이트 이집트 남아공
    뉴질랜드 아르헨티나 칠레 노르웨이 핀란드 덴마크 벨기에 오스트리아 헝가리 체코
    """
)
WORLD_CITIES = word_set(
    """
    도쿄 오사카 베이징 상하이 선전 광저우 홍콩 타이베이 하노이 호찌민 방콕 자카르타 뉴델리
    뭄바이 두바이 리야드 뉴욕 워싱턴 로스앤젤레스 샌프란시스코 새너제이 산호세 실리콘밸리
    시애틀 보스턴 시카고 라스베이거스 텍사스 캘리포니아 런던 파리 베를린 뮌헨 프랑크푸르트
    브뤼셀 암스테르담 모스크바 시드니 멜버른 토론토 밴쿠버 제네바 다보스 싱가포르
    """
)
PLACES = PROVINCES | CITIES | COUNTRIES | WORLD_CITIES

_UNIT = re.compile(
    r"^(?P<base>[가-힣]{1,6}?)"
    r"(?:특별자치시|특별자치도|특별시|광역시|시|도|군|구|동|읍|면|리)$"
)


def is_place(name: str) -> bool:
    """Whether `name` is a place: in the gazetteer, or a gazetteer name with its administrative
    unit (`안산시`), or a 2-4 syllable name ending in one (`영덕군`, `역삼동`) — the caller
    checks that kiwipiepy read it as a proper noun."""
    if name in PLACES:
        return True
    m = _UNIT.match(name)
    if m is None:
        return False
    base = m.group("base")
    return base in PLACES or 3 <= len(name) <= 4
