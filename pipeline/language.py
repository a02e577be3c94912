"""Language identification: script rules first, then seeded langdetect.

Where the writing system settles the question (Han without kana is Chinese, kana is
Japanese, Hangul is Korean) the script decides; elsewhere langdetect, seeded so the
same text always gets the same answer, names one of its 55 languages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from langdetect import DetectorFactory, detect_langs
from langdetect.lang_detect_exception import LangDetectException

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
KANA = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")
UNDETERMINED = "und"


@dataclass(frozen=True, slots=True)
class LangResult:
    lang: str  # ISO 639-1, or "und" for text without letters
    score: float
    script: str  # ISO 15924 for Chinese (Hans, Hant); empty otherwise


def letter_count(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


@lru_cache(maxsize=1)
def _converter() -> object:
    import opencc  # opencc-python-reimplemented

    return opencc.OpenCC("t2s")


def chinese_script(text: str) -> str:
    """Hant when converting to simplified characters changes the text, else Hans."""
    han = "".join(HAN.findall(text))
    simplified = _converter().convert(han)  # type: ignore[attr-defined]
    changed = sum(a != b for a, b in zip(han, simplified))
    return "Hant" if changed and changed >= 0.05 * len(han) else "Hans"


def detect(text: str, seed: int = 0) -> LangResult:
    """The language of a piece of text.

    Args:
        text: any text; only its letters count.
        seed: langdetect's seed (fixed, so results are deterministic).

    Returns:
        ``LangResult``; ``lang`` is ``und`` when the text has no letters.
    """
    letters = letter_count(text)
    if not letters:
        return LangResult(UNDETERMINED, 0.0, "")
    han, kana, hangul = (len(p.findall(text)) for p in (HAN, KANA, HANGUL))
    if kana and (kana + han) >= 0.5 * letters:
        return LangResult("ja", round((kana + han) / letters, 4), "Jpan")
    if hangul >= 0.5 * letters:
        return LangResult("ko", round(hangul / letters, 4), "Kore")
    if han >= 0.5 * letters:
        return LangResult("zh", round(han / letters, 4), chinese_script(text))
    DetectorFactory.seed = seed
    try:
        best = detect_langs(text)[0]
    except LangDetectException:
        return LangResult(UNDETERMINED, 0.0, "")
    lang = best.lang.split("-")[0]
    return LangResult(lang, round(best.prob, 4), chinese_script(text) if lang == "zh" else "")


def shares(parts: list[tuple[str, int]]) -> dict[str, float]:
    """Share of letters per language, from (lang, letters) pairs; largest first."""
    total = sum(n for _, n in parts) or 1
    acc: dict[str, int] = {}
    for lang, n in parts:
        acc[lang] = acc.get(lang, 0) + n
    return {k: round(v / total, 4) for k, v in sorted(acc.items(), key=lambda kv: (-kv[1], kv[0])) if v}
