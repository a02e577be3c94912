"""Language identification: script rules first, then langdetect's model with word evidence.

1. Letters only: text without letters is ``und`` (reason ``no letters``).
2. The writing system decides where it settles the question (``models/lang/scripts.tsv``):
   kana -> ja, Hangul -> ko, Han alone -> zh, Greek -> el, Thai -> th, ...; where a script is
   shared (Latin, Cyrillic, Arabic, Devanagari) its languages are the only candidates.
3. Among the candidates, langdetect's own model (its 55 profiles and its n-gram extraction)
   scores every n-gram of the text once, plus two pieces of evidence that matter on short
   text: how frequent each word is in each language (wordfreq's lists) and a prior weight per
   language (``models/lang/prior.tsv``). langdetect's ``Detector`` instead samples n-grams at
   random and stops as soon as one language passes 0.99999, which on a word or two follows
   whichever trigram it drew; scoring all n-grams needs no random seed, so the result is the
   same in any order, any worker and any process.

A text mixing scripts is split into its script groups: ``parts`` gives the letters of each
language, from which documents get their shares.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from .. import provenance, resource_cache, rulebook
from ..rulebook import RuleBook
from . import ngrams

if TYPE_CHECKING:
    from langdetect.detector_factory import DetectorFactory

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
UNDETERMINED = "und"
NO_LETTERS = "no letters"
SCRIPTS_FILE = "lang/scripts.tsv"  # in the rule book (models/)
PRIOR_FILE = "lang/prior.tsv"
# Scripts settled together by the CJK rule (a Japanese text mixes Han and kana).
CJK_SCRIPTS = frozenset({"CJK", "HIRAGANA", "KATAKANA", "HANGUL"})
CJK_SCRIPT_CODES = {"ja": "Jpan", "ko": "Kore"}
# Every character takes part in up to three n-grams (1, 2 and 3 letters): weighting each n-gram by a
# third counts every letter's evidence about once, as the word evidence does.
NGRAM_WEIGHT = 1 / 3
# langdetect's smoothing of an n-gram's probability (Detector.ALPHA_DEFAULT / Detector.BASE_FREQ).
NGRAM_SMOOTHING = 0.5 / 10000
# langdetect's code -> wordfreq's code, where they differ (Norwegian Bokmal, Filipino, Serbo-Croatian).
WORDFREQ_CODES = {"no": "nb", "tl": "fil", "hr": "sh"}
# characters of a long text scored for its language (see ``evidence``)
EVIDENCE_CHARS = 400
# words whose log-probabilities are kept per candidate set (about 0.3 KB each)
WORD_CACHE = 200_000
UNLISTED = 0.1
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
ASCII_LETTER = re.compile(r"[A-Za-z]")
NON_ASCII = re.compile(r"[^\x00-\x7f]")


@dataclass(frozen=True, slots=True)
class LangResult:
    """The language of a text.

    ``lang`` is ISO 639-1, or ``und``; ``score`` is the probability of ``lang`` among its
    script's candidates times the share of the text's letters in that script; ``script`` is
    ISO 15924 for Chinese (Hans, Hant), Japanese (Jpan) and Korean (Kore), else empty;
    ``reason`` says why ``lang`` is ``und``.
    """

    lang: str
    score: float
    script: str
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Part:
    """The letters of one script group of a text and their language."""

    lang: str
    letters: int
    prob: float


def letter_count(text: str) -> int:
    """How many letters (``str.isalpha``) the text has."""
    return sum(ch.isalpha() for ch in text)


@lru_cache(maxsize=4096)
def script_of(ch: str) -> str:
    """The script of a letter: the first word of its Unicode name (``LATIN``, ``CJK``, ...)."""
    words = unicodedata.name(ch, "UNKNOWN").split()
    if words[0] in ("FULLWIDTH", "HALFWIDTH") and len(words) > 1:
        return words[1]
    return words[0]


@dataclass(frozen=True, slots=True, eq=False)
class LangRules:
    """The language rules of one rule book: script -> languages, and the prior per language."""

    scripts: dict[str, tuple[str, ...]]
    prior: dict[str, float]


def _pairs(book: RuleBook, name: str) -> list[list[str]]:
    return book.fields(name, 2, "\t")


@lru_cache(maxsize=4)
def rules_of(book: RuleBook) -> LangRules:
    """``models/lang/scripts.tsv`` and ``prior.tsv`` of a rule book, parsed once per book."""
    scripts = {script: tuple(langs.split()) for script, langs in _pairs(book, SCRIPTS_FILE)}
    prior = {lang: float(weight) for lang, weight in _pairs(book, PRIOR_FILE)}
    return LangRules(scripts, prior)


def _rules(rules: LangRules | RuleBook | None) -> LangRules:
    return rules if isinstance(rules, LangRules) else rules_of(rulebook.of(rules))


def script_languages(rules: LangRules | RuleBook | None = None) -> dict[str, tuple[str, ...]]:
    """The rules file: script -> the langdetect languages written in it."""
    return _rules(rules).scripts


@lru_cache(maxsize=1)
def _converter() -> object:
    import opencc  # opencc-python-reimplemented

    return opencc.OpenCC("t2s")


def chinese_script(text: str) -> str:
    """Hant when converting to simplified characters changes the text, else Hans."""
    han = "".join(HAN.findall(text))
    simplified = _converter().convert(han)  # type: ignore[attr-defined]
    changed = sum(a != b for a, b in zip(han, simplified, strict=False))
    return "Hant" if changed and changed >= 0.05 * len(han) else "Hans"


def _factory() -> DetectorFactory:
    """langdetect's detector factory with its 55 profiles loaded (0.4 s: one JSON file each)."""
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    return factory


def _profiles() -> tuple[list[str], dict[str, int], np.ndarray]:
    """The profiles as languages, n-gram -> row, and the log-probability matrix (row x language)."""
    factory = _factory()
    langs = [code.split("-")[0] for code in factory.langlist]  # zh-cn, zh-tw -> zh
    grams = factory.word_lang_prob_map
    row = {g: i for i, g in enumerate(grams)}
    return langs, row, np.log(np.array(list(grams.values()), dtype=np.float64) + NGRAM_SMOOTHING)


class _Model:
    """langdetect's profiles as a log-probability matrix, the prior and the word lists (once per process)."""

    def __init__(self) -> None:
        parts: list[str | bytes] = [Path(__file__).read_bytes(), *map(provenance.version, ("langdetect", "numpy"))]
        self.langs, self.row, self.log_prob = resource_cache.load_or_build("langdetect-profiles", parts, _profiles)
        self.index = ngrams.RowIndex(self.row)
        self._words: dict[str, dict[str, float]] = {}
        self._candidates: dict[frozenset[str], tuple[list[int], float]] = {}
        self._word_ll: dict[tuple[int, ...], dict[str, np.ndarray]] = {}
        self._log_prior: dict[tuple[tuple[str, float], ...], np.ndarray] = {}

    @cached_property
    def factory(self) -> DetectorFactory:
        """langdetect's own factory (its detectors are what ``tests/test_ngrams.py`` checks against)."""
        return _factory()

    def ngrams(self, text: str) -> list[str]:
        """langdetect's own cleaning and n-gram extraction (URLs, e-mails, acronyms left out)."""
        return ngrams.extract(text, self.row)

    def words(self, lang: str) -> dict[str, float]:
        """wordfreq's 'small' list of a language (empty where wordfreq has none), loaded once."""
        if lang not in self._words:
            import wordfreq

            code = WORDFREQ_CODES.get(lang, lang)
            known = code in wordfreq.available_languages("small")
            self._words[lang] = wordfreq.get_frequency_dict(code, "small") if known else {}
        return self._words[lang]

    def candidates(self, langs: frozenset[str]) -> tuple[list[int], float]:
        """Indices of the languages and the word floor among them: computed once per set."""
        if langs not in self._candidates:
            index = [i for i, code in enumerate(self.langs) if code in langs]
            lists = [self.words(self.langs[i]) for i in index]
            # A word missing from a list is rarer than the list's cut-off (the rarest word it keeps,
            # once per million words): take it a decade rarer, as most words under a cut-off are
            # (Zipf; wordfreq's large lists go on to once per hundred million).
            floor = UNLISTED * min((min(d.values()) for d in lists if d), default=1e-6)
            self._candidates[langs] = (index, floor)
        return self._candidates[langs]

    def log_prior(self, prior: dict[str, float]) -> np.ndarray:
        """The prior's log per language of the profiles (a language it omits gets its smallest weight)."""
        key = tuple(sorted(prior.items()))
        if key not in self._log_prior:
            floor = min(prior.values(), default=1.0)
            self._log_prior[key] = np.log(np.array([prior.get(code, floor) for code in self.langs]))
        return self._log_prior[key]

    def scores(self, text: str, candidates: list[int], floor: float, prior: dict[str, float]) -> np.ndarray:
        """Log posterior (unnormalised) of each candidate index for the text."""
        s = self.log_prior(prior)[candidates].copy()
        rows = self.index.rows(text)
        if rows:
            s += NGRAM_WEIGHT * self.log_prob[rows][:, candidates].sum(axis=0)
        lists = [self.words(self.langs[i]) for i in candidates]
        listed = np.array([bool(d) for d in lists])
        if not listed.any():
            return s
        # a word's log-probabilities per candidate set are computed once: news repeats its words
        cache = self._word_ll.setdefault(tuple(candidates), {})
        if len(cache) > WORD_CACHE:
            cache.clear()
        for word in WORD.findall(text.casefold()):  # wordfreq keys are casefolded (straße -> strasse)
            ll = cache.get(word)
            if ll is None:
                ll = np.log([d.get(word, floor) for d in lists])
                # A language wordfreq has no list for (af, cy, et, so, sq, sw, ...) is neither helped nor
                # hurt by the word: it gets the mean of the languages that have one.
                ll[~listed] = ll[listed].mean()
                cache[word] = ll
            s += ll
        return s


@lru_cache(maxsize=1)
def model() -> _Model:
    """The detector's model, built once per process (a few seconds: langdetect's profiles).

    It holds no rules: the prior comes from the ``LangRules`` of each call."""
    return _Model()


def evidence(text: str, limit: int = EVIDENCE_CHARS) -> str:
    """The part of a long text that decides its language: its first ``limit`` characters,
    cut at a space. Scoring is linear in the text, and a paragraph's first few sentences
    settle its language as well as all of them (script groups are split before this)."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[:cut if cut > limit // 2 else limit]


def _choose(text: str, langs: Iterable[str], prior: dict[str, float]) -> tuple[str, float]:
    """The most probable of ``langs`` for the text, with its probability among them."""
    m = model()
    candidates, floor = m.candidates(frozenset(langs))
    if len({m.langs[i] for i in candidates}) == 1:
        return m.langs[candidates[0]], 1.0
    s = m.scores(evidence(text), candidates, floor, prior)
    p = np.exp(s - s.max())
    p /= p.sum()
    # zh-cn and zh-tw both name zh: add their probabilities.
    by_lang: dict[str, float] = {}
    for i, prob in zip(candidates, p, strict=True):
        by_lang[m.langs[i]] = by_lang.get(m.langs[i], 0.0) + float(prob)
    best = max(sorted(by_lang), key=lambda code: by_lang[code])
    return best, by_lang[best]


def script_counts(text: str) -> dict[str, int]:
    """How many letters of each script the text has. ASCII letters are Latin: only the other
    characters are looked up one by one (most news paragraphs have none, or a few)."""
    counts: dict[str, int] = {}
    ascii_letters = len(ASCII_LETTER.findall(text))
    if ascii_letters:
        counts["LATIN"] = ascii_letters
    if not text.isascii():
        for ch in NON_ASCII.findall(text):
            if ch.isalpha():
                key = script_of(ch)
                counts[key] = counts.get(key, 0) + 1
    return counts


def _cjk(counts: dict[str, int]) -> str:
    """Kana makes Japanese, Hangul Korean, Han alone Chinese."""
    if counts.get("HANGUL", 0) and counts.get("HANGUL", 0) >= counts.get("HIRAGANA", 0) + counts.get("KATAKANA", 0):
        return "ko"
    if counts.get("HIRAGANA", 0) or counts.get("KATAKANA", 0):
        return "ja"
    return "zh"


def parts(text: str, rules: LangRules | RuleBook | None = None) -> list[Part]:
    """The language of each script group of the text and its letters, largest first.

    ``rules`` are the language rules (a ``LangRules``, or the rule book they come from);
    None means the project's ``models/``.

    A Chinese title with an English outlet name gives ``[Part(zh, 19, 1.0), Part(en, 11, p)]``.
    """
    counts = script_counts(text)
    lang_rules = _rules(rules)
    every = model().langs
    out: list[Part] = []
    cjk = {k: n for k, n in counts.items() if k in CJK_SCRIPTS}
    if cjk:
        out.append(Part(_cjk(cjk), sum(cjk.values()), 1.0))
    others = [k for k in counts if k not in CJK_SCRIPTS]
    for key in others:
        view = text if len(counts) == 1 else "".join(
            ch if not ch.isalpha() or script_of(ch) == key else " " for ch in text)
        lang, prob = _choose(view, lang_rules.scripts.get(key, every), lang_rules.prior)
        out.append(Part(lang, counts[key], prob))
    merged: dict[str, Part] = {}
    for p in out:  # two scripts can name one language (a Latin acronym in Russian text)
        q = merged.get(p.lang)
        merged[p.lang] = p if q is None else Part(p.lang, p.letters + q.letters, max(p.prob, q.prob))
    return sorted(merged.values(), key=lambda p: (-p.letters, p.lang))


def detect(text: str, rules: LangRules | RuleBook | None = None) -> LangResult:
    """The language of a piece of text: the language of most of its letters.

    Args:
        text: any text; only its letters count.
        rules: the language rules, as for ``parts``.

    Returns:
        ``LangResult``; ``lang`` is ``und`` with reason ``no letters`` when the text has none.
    """
    return from_parts(text, parts(text, rules))


def from_parts(text: str, found: list[Part]) -> LangResult:
    """``detect``'s result from the text's ``parts`` (so a caller needing both computes them once)."""
    if not found:
        return LangResult(UNDETERMINED, 0.0, "", NO_LETTERS)
    best = found[0]
    share = best.letters / sum(p.letters for p in found)
    if best.lang == "zh":
        script = chinese_script(text)
    else:
        script = CJK_SCRIPT_CODES.get(best.lang, "")
    return LangResult(best.lang, round(best.prob * share, 4), script)


def shares(parts: list[tuple[str, int]]) -> dict[str, float]:
    """Share of letters per language, from (lang, letters) pairs; largest first."""
    total = sum(n for _, n in parts) or 1
    acc: dict[str, int] = {}
    for lang, n in parts:
        acc[lang] = acc.get(lang, 0) + n
    return {k: round(v / total, 4) for k, v in sorted(acc.items(), key=lambda kv: (-kv[1], kv[0])) if v}
