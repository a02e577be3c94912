"""The speaker check's gold: PolNeAR's Source spans, resolved to full names by hand or by rules
of their own (independent of ``stages/quotes/speakers.py``), and the kept-aside samples they come from.
See ``speaker_check`` for how they are used."""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

KEPTASIDE_FILE = Path(__file__).with_name("speaker_keptaside.txt")
HAND_FILE = Path(__file__).with_name("speaker_keptaside_hand.tsv")  # hand-resolved sources of the sample
KEPTASIDE_SEED = 13
KEPTASIDE_SIZE = 25
# the second kept-aside sample: every source hand-resolved, never tuned on
KEPTASIDE2_FILE = Path(__file__).with_name("speaker_keptaside2.txt")
HAND2_FILE = Path(__file__).with_name("speaker_keptaside2_hand.tsv")
KEPTASIDE2_SEED = 1313
HELD_BACK_LAST = 100  # the last files of sorted polnear/train, kept aside by another check
# the third: 12 of those last files, every source hand-resolved; their rows never read while tuning
KEPTASIDE3_FILE = Path(__file__).with_name("speaker_keptaside3.txt")
HAND3_FILE = Path(__file__).with_name("speaker_keptaside3_hand.tsv")
KEPTASIDE3_SEED = 1515
KEPTASIDE3_SIZE = 12
# written forms of a source that name nobody by themselves
PRONOUNS = {"he", "him", "his", "she", "her", "hers", "who", "whom", "whose", "which", "that", "it", "its",
            "i", "me", "my", "we", "us", "our", "they", "them", "their"}
PRONOUN_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}
COURTESY = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f"}
# names of organisations and countries; a nationality or party word (NORP: "Republicans", "a New
# Hampshire Democrat", "the Saudis") names a group of people, unnamed as the hand gold has them
ORG_LABELS = ("ORG", "GPE")
QUOTE_MARKS = '"\u201c\u201d\u00ab\u00bb'  # as the scorer reads them
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


@dataclass(frozen=True, slots=True)
class GoldSource:
    start: int
    end: int
    text: str
    name: str  # the resolved full name; empty when unnamed
    kind: str  # person, organisation, unnamed
    content: frozenset[int]
    quoted: bool  # the content holds a quote mark


def kept_aside_stems() -> set[str]:
    """The article stems of both speaker samples, which no other check may tune on."""
    return {stem for path in (KEPTASIDE_FILE, KEPTASIDE2_FILE) for stem in path.read_text(encoding="utf-8").split()}


def keptaside_sample(train_text: Path) -> list[str]:
    """The kept-aside file names: a seeded random choice among the sorted train articles."""
    stems = sorted(p.stem for p in train_text.glob("*.txt"))
    return sorted(random.Random(KEPTASIDE_SEED).sample(stems, KEPTASIDE_SIZE))


def keptaside2_sample(train_text: Path) -> list[str]:
    """The second kept-aside sample: a seeded choice among the sorted train articles less the
    last ``HELD_BACK_LAST`` and less the first sample."""
    stems = sorted(p.stem for p in train_text.glob("*.txt"))
    first = set(keptaside_sample(train_text))
    pool = [s for s in stems[:-HELD_BACK_LAST] if s not in first]
    return sorted(random.Random(KEPTASIDE2_SEED).sample(pool, KEPTASIDE_SIZE))


def keptaside3_sample(train_text: Path) -> list[str]:
    """The third kept-aside sample: a seeded choice among the last ``HELD_BACK_LAST`` sorted train
    articles, which only totals were read of (``quote_recall --part last100``)."""
    stems = sorted(p.stem for p in train_text.glob("*.txt"))
    return sorted(random.Random(KEPTASIDE3_SEED).sample(stems[-HELD_BACK_LAST:], KEPTASIDE3_SIZE))


def exact_key(name: str) -> str:
    """A name for exact comparison: only case, spacing and curly apostrophes are ignored."""
    return " ".join(name.replace("\u2019", "'").replace("\u2018", "'").lower().split())


def written_kind(written: str, name: str) -> str:
    """How a named source is written: ``pronoun`` (he, who, I), ``name`` (a word of the
    resolved name is in it: "Mr. Trump", "Trump's campaign") or ``description``
    ("the Utah Republican")."""
    low = written.strip().lower()
    if low in PRONOUNS:
        return "pronoun"
    words = {re.sub(r"['\u2019]s?$", "", w) for w in re.findall(r"[\w'\u2019.-]+", low)}
    return "name" if any(w.lower() in words for w in name.split() if len(w) > 2) else "description"


def name_key(name: str) -> str:
    """A name for comparison: lower case, no periods or possessive, first and last word only."""
    words = [w for w in re.sub(r"['’]s$", "", name.replace(".", " ")).lower().split() if w]
    return " ".join(words[:1] + words[-1:]) if len(words) > 1 else "".join(words)


def read_ann(path: Path) -> list[tuple[tuple[int, int] | None, frozenset[int]]]:
    """(source span or None, content characters) of every attribution of a brat file."""
    spans: dict[str, list[tuple[int, int]]] = {}
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            tid, mid, _ = line.split("\t")
            offs = mid.split(" ", 1)[1]
            spans[tid] = [(int(a), int(b)) for a, b in (f.split() for f in offs.split(";"))]
        elif line.startswith("E"):
            args = dict(a.split(":") for a in line.split("\t")[1].split())
            content = spans.get(args.get("Content", ""), [])
            if not content:
                continue
            src = spans.get(args.get("Source", ""))
            chars = frozenset(k for a, b in content for k in range(a, b))
            out.append(((src[0][0], src[-1][1]) if src else None, chars))
    return out


class GoldResolver:
    """Rules that name a gold source, from the bare model's entities of one article."""

    def __init__(self, text: str, ents: list[tuple[int, int, str]], titles: frozenset[str],
                 given: dict[str, str] | None = None) -> None:
        self.text = text
        self.titles = titles
        self.persons: list[tuple[int, int, str, str]] = []  # start, end, name, gender
        self.orgs = [(s, e) for s, e, label in ents if label in ORG_LABELS]
        for s, e, label in ents:
            if label != "PERSON":
                continue
            name, gender = self._clean(s, e)
            if name:
                self.persons.append((s, e, name, gender))
        self.full: Counter[str] = Counter(n for _, _, n, _ in self.persons if len(n.split()) >= 2)
        self.lower_words = {w for w in re.findall(r"[a-z]+", text)}
        self.others = [(s, e) for s, e, label in ents if label != "PERSON"]
        self.first_at: dict[str, int] = {}
        self.gender: dict[str, str] = {}
        for s, _, n, g in self.persons:
            if len(n.split()) >= 2:
                self.first_at.setdefault(n, s)
                g = g or (given or {}).get(n.split()[0].lower(), "")
                if g:
                    self.gender.setdefault(n, g)

    def _clean(self, s: int, e: int) -> tuple[str, str]:
        words = _WORD.findall(self.text[s:e])
        words = [re.sub(r"['’]s?$", "", w) for w in words]
        while words and words[0].lower().rstrip(".") in self.titles:
            words = words[1:]
        before = self.text[max(0, s - 6):s].split()
        gender = COURTESY.get(before[-1].lower().rstrip(".") if before else "", "")
        words = [w for w in words if w and w[0].isupper()]
        return " ".join(words), gender

    def _written_in_full(self, surname: str) -> list[str]:
        """Full names ending in ``surname`` written anywhere in the text, also where the bare
        model missed them ("Pat Caddell" in a list): the capitalised words before it, less
        titles, sentence openers and words of other entities."""
        out = []
        for m in re.finditer(rf"((?:[A-Z][\w'’-]*\.?\s+){{1,4}}){re.escape(surname)}\b", self.text):
            words = m[1].split()
            # words of another entity that ends before the surname ("Texas Gov.") are no first names
            other = {w for s, e in self.others if m.start() < e <= m.end(1) for w in self.text[s:e].split()}
            cut = [k for k, w in enumerate(words) if w.lower().rstrip(".") in self.titles or w in other
                   or w.lower() in self.lower_words or w.endswith(".") and len(w) > 2]
            words = words[cut[-1] + 1:] if cut else words
            if words and not words[0].endswith("."):
                out.append(" ".join([*words[-2:], surname]))
        return out

    def _full_name(self, surname: str, gender: str) -> str:
        for n in self._written_in_full(surname):
            if n not in self.full:
                self.full[n] += 0
                self.first_at.setdefault(n, len(self.text))
        fits = [n for n in self.full if n.split()[-1].lower() == surname.lower()]
        if gender:
            fits = ([n for n in fits if self.gender.get(n) == gender]
                    or [n for n in fits if self.gender.get(n, gender) == gender] or fits)
        if not fits:
            return surname
        return max(fits, key=lambda n: (self.full[n], -self.first_at.get(n, len(self.text))))

    def _person_name(self, name: str, gender: str) -> str:
        return name if len(name.split()) >= 2 else self._full_name(name, gender)

    def resolve(self, start: int, end: int) -> tuple[str, str]:
        """(full name, kind) of the source written at ``start:end``."""
        raw = self.text[start:end]
        low = raw.strip().lower()
        if low in PRONOUN_GENDER:
            want = PRONOUN_GENDER[low]
            for _s, _, n, g in reversed([p for p in self.persons if p[1] <= start]):
                name = self._person_name(n, g)
                if (g or self.gender.get(name, "")) in ("", want):
                    return name, "person"
            return "", "unnamed"
        inside = [p for p in self.persons if p[0] < end and start < p[1]]
        for s, e, n, g in inside:
            tail = self.text[e:end]
            # a name modifying a noun is not the speaker: "Clinton's campaign", "Trump aides"
            if re.match(r"^(?:['’]s?)?\s+(?!(?:of|at|in|from|for|with|on|who|and)\b)[a-z]", tail) and "," not in tail:
                if re.match(r"^(?:['’]s?)?\s+campaign\b", tail) and not any(p[0] >= e for p in inside):
                    return self._person_name(n, g) + " campaign", "organisation"
                continue
            if not g:
                before = self.text[max(start, s - 6):s].split()
                g = COURTESY.get(before[-1].lower().rstrip(".") if before else "", "")
            return self._person_name(n, g), "person"
        last = re.sub(r"['’]s?$", "", raw.strip().split()[-1]) if raw.strip() else ""
        in_long_org = any(s < end and start < e and " " in self.text[s:e].strip() for s, e in self.orgs)
        if not in_long_org and last[:1].isupper() and last.isalpha() and (
                any(n.split()[-1] == last for n in self.full) or self._written_in_full(last)):
            return self._full_name(last, ""), "person"  # a surname the bare model did not tag as one
        orgs = [(s, e) for s, e in self.orgs if s < end and start < e]
        if orgs and not inside and not re.search(r"['’]s\s+[a-z]", raw):
            s, e = orgs[-1]
            tail = self.text[e:end].strip()
            if not tail or not tail[0].islower():
                name = re.sub(r"^(?:the|The)\s+", "", self.text[s:e]).strip()
                return re.sub(r"['’]s?$", "", name), "organisation"
        return "", "unnamed"


def read_hand(path: Path) -> dict[tuple[str, int, int], tuple[str, str]]:
    """(stem, start, end) -> (name, kind) of the hand-resolved sources."""
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith(("#", "stem\t"))]
    return {(r[0], int(r[1]), int(r[2])): (r[4], r[3]) for r in rows}


def gold_sources(text: str, ann: Path, resolver: GoldResolver,
                 hand: dict[tuple[str, int, int], tuple[str, str]] | None = None) -> list[GoldSource]:
    """Every gold attribution with a source, the source resolved (by hand where ``hand`` has it)."""
    out = []
    for src, content in read_ann(ann):
        if src is None:
            continue
        name, kind = (hand or {}).get((ann.stem, *src)) or resolver.resolve(*src)
        quoted = any(text[k] in QUOTE_MARKS for k in content)
        out.append(GoldSource(src[0], src[1], text[src[0]:src[1]], name, kind, content, quoted))
    return out
