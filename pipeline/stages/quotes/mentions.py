"""The syntax of a speaker mention, read from the parse alone: what a ``who`` stands for, whether
a name only modifies the noun that speaks, which country a state's government speaks for."""

from __future__ import annotations

from collections.abc import Collection, Mapping

from spacy.tokens import Span, Token

from ..entities import Rules, country_canonical

# the dependencies from a name up to the noun it modifies: "a source close to Hillary Clinton"
MODIFIER_PATH_DEPS = ("pobj", "dobj", "prep", "amod", "acl")
MODIFIER_PATH = 4
# entities whose state speaks in "the Turkish government said", "the government of Turkey said"
STATE_LABELS = ("NORP", "GPE")
STATE_KINDS = ("nationality", "country")
# participles that name the noun they follow: "an academic named Eric Kingson"; not "called",
# which the parser also reads so in "one lawmaker called Trump “the orange prince”"
NAMING_VERBS = ("name",)


def antecedent(mention: Span) -> Span:
    """``who``/``that`` as a speaker stands for the noun its relative clause modifies, also
    from a clause conjoined to it ("Kingson, who is running for Congress and who worked the
    crowd, praising ..."); "those"/"the voters" of "X is among those who say" and "X was
    one of those who said" stand for X. Any other mention stands for itself."""
    root = mention.root
    clause = root.head
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    if len(mention) == 1 and root.tag_ in ("WP", "WDT") and clause.dep_ == "relcl":
        noun = _member_of(clause.head)
        if noun.dep_ == "appos" and noun.head.ent_type_ == "PERSON":
            noun = noun.head  # "Marc Morial, the chief executive of ..., who said": the person
        return noun.doc[noun.left_edge.i if noun.left_edge.i >= noun.i - 6 else noun.i:noun.i + 1]
    return mention


def _member_of(noun: Token) -> Token:
    """The subject that a group noun's clause counts among it: "Jane Doe is among those (who
    say)", "John Smith was one of the voters (who said)"; else the noun itself."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in ("among", "of"):
        return noun
    verb = prep.head
    if prep.lower_ == "of":
        if verb.lower_ != "one" or verb.dep_ != "attr":
            return noun
        verb = verb.head
    if verb.lemma_ != "be":
        return noun
    return next((c for c in verb.children if c.dep_ == "nsubj"), noun)


def from_document(prep: Token, noun: Token, documents: Collection[str]) -> bool:
    """Whether ``prep`` is a "from" on ``noun``, a noun of ``documents``: "a press release from
    Judicial Watch", "an email from Neera Tanden" name the text's author."""
    return prep.lower_ == "from" and prep.head.i == noun.i and noun.lemma_.lower() in documents


def in_modifier(person: Span, head: Token, documents: Collection[str] = ()) -> bool:
    """Whether a name is the object in a modifier of the noun ``head``, so that the noun, not the
    name, is meant: of a preposition of the noun ("adviser for President Obama", "advisers to Mr.
    Obama", "a reporter for USA Today"), of an adjective's ("a source close to Hillary Clinton",
    "aides loyal to Sanders") or of a participle's ("a lawyer representing Trump"); "a study by X"
    and "a statement released by X" are X's, and so is a text from X when the noun is one of
    ``documents`` ("an email from Neera Tanden"; "a worker from Carrier" is not Carrier's)."""
    if head.pos_ != "NOUN":
        return False
    tok = person.root
    if tok.dep_ not in ("pobj", "dobj"):
        return False
    for _ in range(MODIFIER_PATH):
        if tok.dep_ == "agent" or (tok.dep_ == "prep" and tok.lower_ == "by"):
            return False
        if tok.dep_ == "prep" and from_document(tok, head, documents):
            return False
        if tok.dep_ not in MODIFIER_PATH_DEPS or tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.i == head.i:
            return True
    return False


def hyphen_prefixed(person: Span) -> bool:
    """Whether a name is the end of a hyphenated word ("pro-Sanders demonstrators", "an
    anti-Trump group"): it describes the noun, it does not speak."""
    doc = person.doc
    k = person.start
    return (k >= 2 and doc[k - 1].text in ("-", "–") and not doc[k - 1].whitespace_
            and not doc[k - 2].whitespace_ and doc[k - 2].is_alpha)


def named_by(child: Token) -> Token | None:
    """The token that names a noun through its child: an apposition ("Trump's running mate, Mike
    Pence") or a naming participle's object ("an academic named Eric Kingson"); else None."""
    if child.dep_ == "appos":
        return child
    if child.dep_ == "acl" and child.tag_ == "VBN" and child.lemma_ in NAMING_VERBS:
        return next((c for c in child.children if c.dep_ in ("oprd", "attr", "dobj")), None)
    return None


def state_country(noun: Token, ent_at: Mapping[int, Span], states: Collection[str], local: Collection[str],
                  rules: Rules | None) -> str:
    """The country a state noun speaks for (``models/en/state_nouns.csv``): "the Turkish
    government", "Chinese authorities", "the government of Turkey", "the U.S. administration"
    are the country's canonical name; empty for a lower government ("the Turkish provincial
    government", "the state government"), a party's ("the Republican administration"), two
    countries or another noun."""
    if noun.pos_ != "NOUN" or noun.lower_ not in states or rules is None:
        return ""
    codes = set()
    for child in noun.children:
        if child.lower_ in local:
            return ""
        tok = child
        if child.dep_ == "prep" and child.lower_ == "of":
            tok = next((c for c in child.children if c.dep_ == "pobj"), child)
        elif child.dep_ not in ("amod", "compound", "poss", "nmod"):
            continue
        ent = ent_at.get(tok.i)
        if ent is not None and ent.label_ in STATE_LABELS and ent._.kind in STATE_KINDS and ent._.country_code:
            codes.add(ent._.country_code)
    return country_canonical(codes.pop(), rules) if len(codes) == 1 else ""

