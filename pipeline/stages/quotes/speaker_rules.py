"""What the speaker resolver reads and returns: the word lists of ``models/en`` (``SpeakerRules``)
and a resolved speaker (``Who``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ...rulebook import RuleBook
from ..entities import load_genders, load_word_list

PERSON_PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}  # his: a cue noun's owner
# honorifics that tell a person's gender; no honorific leaves it open
ORG_LABELS = ("ORG", "GPE", "NORP")
TITLE_POS = ("PROPN", "NOUN", "ADJ")


@dataclass(frozen=True, slots=True)
class Who:
    """A resolved speaker: full name (empty when unnamed), kind, title and organisation."""

    name: str
    kind: str  # person, organisation, pronoun-resolved, pronoun, group, description
    title: str
    org: str


@dataclass(slots=True)
class _Person:
    name: str
    start_char: int
    gender: str  # m, f or '' when unknown
    title: str
    org: str
    sent: int = 0  # start token of the mention's sentence
    subject: bool = False  # the subject of its clause
    quoted: bool = False  # inside quote marks: named by a speaker, rarely the next "he"


@dataclass(frozen=True, slots=True)
class SpeakerRules:
    """Word lists of ``models/en`` the resolver reads: nouns naming a group a person leads
    (``speaker_groups.txt``: "the Clinton campaign"), given names that start a person's name
    (``given_names.csv``) and the genders given names tell (``load_genders``: that list over
    ``given_name_genders.csv``), nouns naming a person by role (``role_nouns.csv``: "the Vermont
    senator" stands for the salient person before it), participles whose "by" names the author of
    a description (``authoring_verbs.txt``: "the poll conducted by Gallup"), nouns of texts whose
    "from" names their author (``document_nouns.txt``: "a press release from Judicial Watch"),
    nouns naming an organisation named before (``org_role_nouns.csv``: "the company said"), nouns
    of a state's government and the words that make one a lower government (``state_nouns.csv``:
    "the Turkish government" speaks for Turkey), nouns of a part of an organisation that speaks
    for it (``org_units.txt``: "the Post's editorial board")."""

    groups: frozenset[str] = frozenset()
    given: dict[str, str] = field(default_factory=dict)  # given_names.csv: a name starting with one is a person's
    roles: dict[str, str] = field(default_factory=dict)
    authoring: frozenset[str] = frozenset()
    documents: frozenset[str] = frozenset()
    org_roles: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "company" -> (company, organisation)
    states: frozenset[str] = frozenset()  # "government", "authorities": the country's voice
    local: frozenset[str] = frozenset()  # "provincial", "city": a lower government's
    units: frozenset[str] = frozenset()  # "board", "newsroom": a part speaking for its organisation
    genders: dict[str, str] = field(default_factory=dict)  # given name -> gender, the wider table (load_genders)

    def names_holder(self, noun: str) -> bool:
        """Whether a noun's lemma names someone who may hold a view: a role, a group a person leads,
        an organisation, a part of one or a state's government ("the senator", "the campaign")."""
        return any(noun in words for words in (self.roles, self.groups, self.org_roles, self.units, self.states))

    @classmethod
    def from_book(cls, book: RuleBook) -> SpeakerRules:
        return cls(load_word_list(book, "speaker_groups.txt"),
                   {r["name"].lower(): r["gender"] for r in book.rows("en/given_names.csv", ("name", "gender"))},
                   {r["noun"].lower(): r["gender"] for r in book.rows("en/role_nouns.csv", ("noun", "gender"))},
                   load_word_list(book, "authoring_verbs.txt"), load_word_list(book, "document_nouns.txt"),
                   {r["noun"].lower(): tuple(k.strip() for k in r["kinds"].split("|"))
                    for r in book.rows("en/org_role_nouns.csv", ("noun", "kinds"))},
                   *_state_words(book), load_word_list(book, "org_units.txt"), load_genders(book))

    @classmethod
    def from_dir(cls, models_dir: Path) -> SpeakerRules:
        return cls.from_book(RuleBook.read(models_dir))


def _state_words(book: RuleBook) -> tuple[frozenset[str], frozenset[str]]:
    """(state nouns, local words) of ``models/en/state_nouns.csv``."""
    rows = book.rows("en/state_nouns.csv", ("word", "role"))
    return (frozenset(r["word"].lower() for r in rows if r["role"] == "state"),
            frozenset(r["word"].lower() for r in rows if r["role"] == "local"))
