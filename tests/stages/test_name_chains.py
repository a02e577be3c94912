"""Persons the model did not tag as persons (``entities/name_chains.py``), the PERSON entities
``news_entities`` makes of them, and what the speaker resolver reads from those. Hand-tagged docs
on a blank vocabulary: the rule, not the model's tags."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipeline.stages.entities import load_rules, person_canonicals
from pipeline.stages.entities.linking import link_surnames
from pipeline.stages.entities.merging import replace_overlapping
from pipeline.stages.entities.name_chains import descriptor_first, given_name_first, name_chains
from pipeline.stages.quotes.speaker_rules import SpeakerRules
from pipeline.stages.quotes.speakers import SpeakerResolver

GIVEN = {"rahm": "m", "donald": "m", "al": "m", "virginia": "f", "frank": "m", "barack": "m", "henry": "m",
         "hillary": "f", "bill": "m", "marine": "f", "scott": "m"}
TITLES = frozenset({"mayor", "sen"})
STOP = frozenset({"co", "inc", "university", "county", "asa"})
SPEECH = frozenset({"say", "tell"})


def _doc(blank: Language, text: str, tagged: dict[str, str] | None = None) -> Doc:
    """``text`` split on spaces ("," "." and "'s" stand alone); a capitalised word is NNP (a
    word marked ``+`` is NNPS), anything else NN; ``tagged``: entity text -> label, every
    occurrence that stands alone (no capitalised word next to it). "said" is the verb "say"
    whose subject is the run of capitalised words right before it, with a "the" before them
    (no other parse)."""
    words, spaces = [], []
    for chunk in text.split():  # "Holtz~-~Eakin": three tokens written without spaces
        parts = chunk.split("~")
        words.extend(parts)
        spaces.extend([False] * (len(parts) - 1) + [True])
    plural = {k for k, w in enumerate(words) if w.endswith("+")}
    words = [w.rstrip("+") for w in words]
    tags = ["NNPS" if k in plural else "NNP" if w[:1].isupper() and w.isalpha() else "NN"
            for k, w in enumerate(words)]
    pos = ["PROPN" if t.startswith("NNP") else "NOUN" for t in tags]
    heads, deps = list(range(len(words))), ["ROOT"] * len(words)
    for k, w in enumerate(words):
        if w == "said" and k and tags[k - 1] == "NNP":
            tags[k], pos[k] = "VBD", "VERB"
            heads[k - 1], deps[k - 1] = k, "nsubj"
            j = k - 1
            while j and tags[j - 1] == "NNP":
                heads[j - 1], deps[j - 1] = k - 1, "compound"
                j -= 1
            if j and words[j - 1] == "the":
                heads[j - 1], deps[j - 1] = k - 1, "det"
    lemmas = ["say" if w == "said" else w.lower() for w in words]
    doc = Doc(blank.vocab, words=words, spaces=spaces, tags=tags, pos=pos, heads=heads, deps=deps, lemmas=lemmas)
    ents: list[Span] = []
    for name, label in (tagged or {}).items():
        n = len(name.replace("~", " ").split())
        for k in range(len(words) - n + 1):
            inside = any(0 <= x < len(words) and words[x][:1].isupper() and words[x].isalpha() for x in (k - 1, k + n))
            if doc[k:k + n].text == name.replace("~", "") and not inside and not any(e.start < k + n and k < e.end for e in ents):
                ents.append(Span(doc, k, k + n, label=label))
    doc.ents = sorted(ents, key=lambda e: e.start)
    return doc


def _chains(doc: Doc, speech: frozenset[str] = SPEECH) -> list[str]:
    return [c.text for c in name_chains(doc, doc.ents, GIVEN, TITLES, STOP, speech)]


def test_org_tagged_name_whose_surname_stands_alone_is_a_person(blank: Language) -> None:
    doc = _doc(blank, "said Sylke Tempel , the editor . Ms. Tempel said more .",
               {"Sylke Tempel": "ORG", "Tempel": "PERSON"})
    assert _chains(doc) == ["Sylke Tempel"]


@pytest.mark.parametrize("text, tagged", [
    # an organisation named after a person: its last word never stands alone as a person
    ("Henry Ford built cars . Ford Motor said more . Ford said so .",
     {"Henry Ford": "PERSON", "Ford Motor": "ORG", "Ford": "PERSON"}),
    # a legal form or a head word after the chain: part of a longer name
    ("Virginia Smith said . Frank Smith Co said more .", {"Virginia Smith": "PERSON"}),
    # an ORG starting with a given name needs more than the given name
    ("Al Jazeera said so .", {"Al Jazeera": "ORG"}),
    # a place starting with a given name
    ("Virginia Beach said so .", {"Virginia Beach": "GPE"}),
    # a plural ("Founding Fathers") is no one's name; nor a name cut from a hyphenated one
    ("Founding Fathers+ said so .", {}),
])
def test_no_person_in_names_of_organisations_and_places(blank: Language, text: str, tagged: dict[str, str]) -> None:
    assert _chains(_doc(blank, text, tagged)) == []


def test_hyphenated_tail_is_no_name(blank: Language) -> None:
    doc = Doc(blank.vocab, words=["the", "Dodd", "-", "Frank", "Act", "passed", "."],
              spaces=[True, False, False, True, True, False, False],
              tags=["DT", "NNP", "HYPH", "NNP", "NNP", "VBD", "."],
              pos=["DET", "PROPN", "PUNCT", "PROPN", "PROPN", "VERB", "PUNCT"])
    assert _chains(doc) == []


@pytest.mark.parametrize(("words", "spaces", "tags"), [
    (["-", "Henry", "Smith", "explains", "it", "."], [False, True, True, True, False, False],
     [":", "NNP", "NNP", "VBZ", "PRP", "."]),
    (["items", ":", "\n", "-", "Henry", "Smith", "explains", "it", "."],
     [False, False, False, False, True, True, True, False, False],
     ["NNS", ":", "_SP", ":", "NNP", "NNP", "VBZ", "PRP", "."]),
])
def test_a_lists_dash_before_a_name_cuts_nothing(blank: Language, words: list[str], spaces: list[bool],
                                                 tags: list[str]) -> None:
    """"-Henry Smith explains ...": the dash glued to the name starts a list item (the tokenizer
    makes it a token, ``longtext.split_bullets``); only a hyphen between words cuts a name."""
    doc = Doc(blank.vocab, words=words, spaces=spaces, tags=tags)
    assert _chains(doc) == ["Henry Smith"]


def test_untagged_name_with_a_given_name_or_as_a_speaker(blank: Language) -> None:
    doc = _doc(blank, "Scott Conroy asked . Omar Mateen shot . Adel Nefzi said so .")
    # no given name, not the subject of a speech verb: Omar Mateen is left alone
    assert _chains(doc) == ["Scott Conroy", "Adel Nefzi"]
    assert _chains(doc, frozenset()) == ["Scott Conroy"]  # "say" no speech verb: Adel Nefzi neither
    # a subject with an article is no person's name by itself
    assert _chains(_doc(blank, "then the Islamic State said so .")) == []


def test_titles_and_capitalised_common_nouns_before_a_name_are_dropped(blank: Language) -> None:
    doc = _doc(blank, "the year ended . Year Barack Obama said . Mayor Rahm Emanuel said .")
    assert _chains(doc) == ["Barack Obama", "Rahm Emanuel"]


@pytest.mark.parametrize(("text", "chains"), [
    # a sentence's first word among the most frequent English words is no part of a name
    ("Outside Carrier 's plant , workers waited . Carrier said more .", []),
    # a rarer first word is ("Sylke"), as before
    ("Sylke Tempel said so . Ms. Tempel said more .", ["Sylke Tempel"]),
])
def test_common_word_starting_a_sentence_is_no_given_name(blank: Language, text: str, chains: list[str]) -> None:
    doc = _doc(blank, text, {"Carrier": "PERSON", "Sylke Tempel": "ORG", "Tempel": "PERSON"})
    assert _chains(doc) == chains


def test_family_name_of_a_longer_person_is_no_new_person(blank: Language) -> None:
    doc = _doc(blank, "Marine Le Pen spoke . Le Pen said so .", {"Marine Le Pen": "PERSON"})
    assert _chains(doc) == []


def _persons(doc: Doc, chains: bool = True) -> Doc:
    """What ``news_entities`` does with the persons of ``doc``: the name chains become PERSON
    entities, lone surnames of a person take the PERSON label, every person its canonical name."""
    doc._.entity_rules = load_rules()  # the given names of models/en: Mrs./Mr., "Certainly Donald Trump"
    found = name_chains(doc, doc.ents, GIVEN, TITLES, STOP, SPEECH) if chains else []
    doc.ents = filter_spans(given_name_first(link_surnames(doc, replace_overlapping(list(doc.ents), found)), GIVEN))
    people = person_canonicals(doc.ents)
    for e in doc.ents:
        if e.label_ == "PERSON":
            e._.canonical = people[e.start]
    return doc


def _resolver(blank: Language, doc: Doc) -> SpeakerResolver:
    return SpeakerResolver(_persons(doc), SpeakerRules(given=GIVEN), None, doc.ents)


def test_lone_surname_takes_the_untagged_full_name(blank: Language) -> None:
    text, tagged = "CHICAGO - Rahm Emanuel may lose . Emanuel said so . Emanuel added .", {"Emanuel": "PERSON",
                                                                                         "CHICAGO": "GPE"}
    doc = _doc(blank, text, tagged)
    who = _resolver(blank, doc).resolve(doc[7:8])
    assert (who.name, who.kind) == ("Rahm Emanuel", "person")
    # the entities agree: the chain is a person, the lone surname's canonical name is the full name
    assert [(e.text, e._.canonical) for e in doc.ents if e.label_ == "PERSON"] == [
        ("Rahm Emanuel", "Rahm Emanuel"), ("Emanuel", "Rahm Emanuel"), ("Emanuel", "Rahm Emanuel")]
    # without the chain, the surname stays as written
    plain = _persons(_doc(blank, text, tagged), chains=False)
    assert SpeakerResolver(plain, SpeakerRules(given=GIVEN), None, plain.ents).resolve(plain[7:8]).name == "Emanuel"


def test_surname_mislabelled_a_place_takes_the_speaker_s_full_name(blank: Language) -> None:
    doc = _doc(blank, "Adel Nefzi said he prayed . Nefzi said so .", {"Nefzi": "GPE"})
    assert _resolver(blank, doc).resolve(doc[6:7]).name == "Adel Nefzi"
    assert [(e.text, e.label_) for e in doc.ents] == [("Adel Nefzi", "PERSON"), ("Nefzi", "PERSON")]


def test_surname_shared_by_two_people_keeps_the_existing_rule(blank: Language) -> None:
    """A lone surname two people share still names the one the article writes out most."""
    doc = _doc(blank, "Hillary Clinton spoke . Bill Clinton spoke . Hillary Clinton won . Clinton said so .",
               {"Bill Clinton": "PERSON", "Clinton": "PERSON"})
    res = _resolver(blank, doc)
    assert res.resolve(doc[12:13]).name == "Hillary Clinton"
    assert res.resolve(doc[4:6]).name == "Bill Clinton"


def test_every_use_of_a_family_name_takes_the_full_name(blank: Language) -> None:
    """One string per person: a lone family name, a hyphenated one, a family name of several
    words, and a pronoun that finds any of them."""
    doc = _doc(blank, "Cecile Richards spoke . Richards said so . she added . Douglas Holtz~-~Eakin spoke . "
               "Holtz~-~Eakin said so . Bill de Blasio spoke . De Blasio said so .",
               {"Cecile Richards": "PERSON", "Richards": "PERSON", "Douglas Holtz~-~Eakin": "PERSON",
                "Holtz~-~Eakin": "PERSON", "Bill de Blasio": "PERSON", "De Blasio": "PERSON"})
    res = _resolver(blank, doc)
    assert res.resolve(doc[4:5]).name == "Cecile Richards"
    assert res.resolve(doc[8:9]).name == "Cecile Richards"
    holtz = next(e for e in doc.ents if e.text == "Holtz-Eakin")
    assert res.resolve(holtz).name == "Douglas Holtz-Eakin"
    de_blasio = next(e for e in doc.ents if e.text == "De Blasio")
    assert res.resolve(de_blasio).name == "Bill de Blasio"


def test_full_name_is_no_family_name_of_a_longer_one(blank: Language) -> None:
    """A name starting with a given name is a full name ("Certainly Donald Trump", a headline's
    capitalised adverb taken into a PERSON, does not swallow "Donald Trump"); a family name two
    people share stays as written."""
    doc = _doc(blank, "Certainly Donald Trump won . later Donald Trump said so . Ana Van Buren spoke . "
               "Eva Van Buren spoke . Van Buren said so .",
               {"Certainly Donald Trump": "PERSON", "Donald Trump": "PERSON", "Ana Van Buren": "PERSON",
                "Eva Van Buren": "PERSON", "Van Buren": "PERSON"})
    res = _resolver(blank, doc)
    trump = [e for e in doc.ents if e.text == "Donald Trump"][0]
    assert res.resolve(trump).name == "Donald Trump"
    van_buren = [e for e in doc.ents if e.text == "Van Buren"][0]
    assert res.resolve(van_buren).name == "Van Buren"


def test_family_name_the_tagger_took_for_a_verb(blank: Language) -> None:
    """"Schilling said" with Schilling tagged a verb is still Curt Schilling's; a capitalised verb
    that is nobody's family name names nobody."""
    doc = _doc(blank, "Curt Schilling spoke . Schilling said so . Writing said so .", {"Curt Schilling": "PERSON"})
    doc[4].pos_ = doc[8].pos_ = "VERB"
    res = _resolver(blank, doc)
    assert res.resolve(doc[4:5]).name == "Curt Schilling"
    assert res.resolve(doc[8:9]).name == ""


def test_a_legal_form_as_first_word_and_a_stop_word_in_the_org(blank: Language) -> None:
    """"But Asa Khalif": the model's ORG "But Asa" and the legal form "ASA" as a given name do
    not hide the person; "Frank Smith Asa" (a legal form after the first word) stays no one's."""
    doc = _doc(blank, "voters . But Asa Khalif , an organizer , spoke . Khalif said so . Frank Smith Asa said .",
               {"But Asa": "ORG", "Khalif": "PERSON", "Frank Smith Asa": "ORG"})
    assert _chains(doc) == ["Asa Khalif"]


def test_chains_read_the_entities_given_not_the_tokens_tags(blank: Language) -> None:
    """``news_entities`` looks for chains before it sets ``doc.ents``: the spans it hands over
    decide, not the model's tags still on the tokens."""
    doc = _doc(blank, "Rahm Emanuel may lose . Emanuel said so .", {"Rahm Emanuel": "PERSON"})
    ents = [Span(doc, 5, 6, label="PERSON")]  # the model's "Rahm Emanuel" was dropped on the way
    assert [c.text for c in name_chains(doc, ents, GIVEN, TITLES, STOP, SPEECH)] == ["Rahm Emanuel"]
    assert [c.text for c in name_chains(doc, [*ents, Span(doc, 0, 2, label="PERSON")], GIVEN, TITLES, STOP,
                                        SPEECH)] == []


@pytest.mark.parametrize("text, spans, chains", [
    # the model's ORG is the family name alone, and the chain speaks: a person
    ("Ilya Shapiro said so .", [(1, 2, "ORG")], ["Ilya Shapiro"]),
    # ... not when it does not speak, nor when the ORG is the first word or both
    ("Ilya Shapiro wrote so .", [(1, 2, "ORG")], []),
    ("Ilya Shapiro said so .", [(0, 1, "ORG")], []),
    ("Acme Widgets said so .", [(0, 2, "ORG")], []),
])
def test_org_tagged_family_name_of_a_speaking_chain(blank: Language, text: str, spans: list[tuple[int, int, str]],
                                                   chains: list[str]) -> None:
    doc = _tagged(blank, text, spans)
    assert _chains(doc) == chains


def _tagged(blank: Language, text: str, spans: list[tuple[int, int, str]]) -> Doc:
    """``_doc`` with entities set by token offsets: a name beside another capitalised word."""
    doc = _doc(blank, text)
    doc.ents = [Span(doc, a, b, label=label) for a, b, label in spans]
    return doc


def _widened(doc: Doc, given: dict[str, str] | None = None) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in given_name_first(list(doc.ents), GIVEN if given is None else given)]


IVANKA = {**GIVEN, "ivanka": "f"}


@pytest.mark.parametrize("before", [None, "PRODUCT", "PERSON", "ORG"])
def test_given_name_left_out_of_a_person_joins_it(blank: Language, before: str | None) -> None:
    """"Ivanka Trump strode": the model tagged "Trump" alone, "Ivanka" nothing, a PRODUCT, a
    lone person or an organisation; the two words are one person."""
    doc = _tagged(blank, "later , Ivanka Trump strode on .", [(2, 3, before)] * bool(before) + [(3, 4, "PERSON")])
    assert _widened(doc, IVANKA) == [("Ivanka Trump", "PERSON")]


def test_a_given_name_of_the_wider_list_joins_too_but_no_frequent_word(blank: Language) -> None:
    """"said Paloma Wu", the model tagging "Wu": a given name of ``first`` (the gender table, less
    the most frequent English words) joins as one of the hand list does; a PERSON that is a given
    name of the hand list is joined by none ("Hillary Bill" stays two)."""
    doc = _tagged(blank, "later , said Paloma Wu , the director .", [(4, 5, "PERSON")])
    assert [(e.text, e.label_) for e in given_name_first(list(doc.ents), GIVEN, {"paloma"})] == [
        ("Paloma Wu", "PERSON")]
    doc = _tagged(blank, "the Paloma Bill said .", [(2, 3, "PERSON")])
    assert [e.text for e in given_name_first(list(doc.ents), GIVEN, {"paloma"})] == ["Bill"]


def test_given_name_joined_keeps_a_relative_apart(blank: Language) -> None:
    """The daughter written in full is no longer her father's lone surname: "Trump" after
    "Ivanka Trump" twice and "Donald Trump" once names Ivanka Trump, as the article writes her."""
    doc = _tagged(blank, "the , Ivanka Trump spoke . Donald Trump won . then , Ivanka Trump said so . Trump added .",
                  [(3, 4, "PERSON"), (6, 8, "PERSON"), (13, 14, "PERSON"), (17, 18, "PERSON")])
    doc._.entity_rules = load_rules()
    doc.ents = filter_spans(given_name_first(list(doc.ents), IVANKA))
    people = person_canonicals(doc.ents)
    assert [(e.text, people[e.start]) for e in doc.ents] == [
        ("Ivanka Trump", "Ivanka Trump"), ("Donald Trump", "Donald Trump"), ("Ivanka Trump", "Ivanka Trump"),
        ("Trump", "Ivanka Trump")]


@pytest.mark.parametrize("text, spans", [
    ("many Christian Trump voters .", [(1, 2, "NORP"), (2, 3, "PERSON")]),  # a nationality or faith
    ("many Virginia Trump voters .", [(1, 2, "GPE"), (2, 3, "PERSON")]),  # a place
    ("the Bill Clinton Foundation said .", [(1, 4, "ORG")]),  # inside a longer name
    ("the Ana Bill Clinton years .", [(1, 3, "PERSON"), (3, 4, "PERSON")]),  # "Bill" of a longer name
    ("the Hillary~-~Trump race .", [(3, 4, "PERSON")]),  # no space between
    ("the Mayor Trump idea .", [(2, 3, "PERSON")]),  # no given name
    ("the bill Trump signed .", [(2, 3, "PERSON")]),  # not capitalised
    ("Hillary Donald spoke .", [(1, 2, "PERSON")]),  # two given names: no family name
])
def test_given_name_that_is_no_part_of_the_person(blank: Language, text: str, spans: list[tuple[int, int, str]]) -> None:
    doc = _tagged(blank, text, spans)
    assert _widened(doc) == [(e.text, e.label_) for e in doc.ents]


def test_common_word_starting_a_sentence_joins_no_person(blank: Language) -> None:
    """"Mark Clinton's words" at a sentence's start: "Mark" is one of the most frequent English
    words there; inside a sentence it is a given name."""
    given = {**GIVEN, "mark": "m"}
    words = ["so", ",", "Mark", "Clinton", "'s", "words", "."]
    for first in (0, 2):
        doc = Doc(blank.vocab, words=words, sent_starts=[k == first for k in range(len(words))])
        doc.ents = [Span(doc, 3, 4, label="PERSON")]
        assert _widened(doc, given) == [("Clinton" if first == 2 else "Mark Clinton", "PERSON")]


def _descriptor_doc(blank: Language, words: list[str], first: int, starts: bool = True) -> Doc:
    """``words`` with a PERSON of three words at ``first``, which starts a sentence if ``starts``."""
    doc = Doc(blank.vocab, words=words, sent_starts=[k == 0 or (starts and k == first) for k in range(len(words))])
    doc.ents = [Span(doc, first, first + 3, label="PERSON")]
    return doc


def test_descriptor_starting_a_sentence_is_cut_off_the_person(blank: Language) -> None:
    """"Billionaire Donald Trump praised ...": the sentence's capital, not the name's; the article
    writes "Donald Trump" without it too."""
    words = ["Donald", "Trump", "wins", ".", "Billionaire", "Donald", "Trump", "praised", "him", "."]
    doc = _descriptor_doc(blank, words, 4)
    assert [e.text for e in descriptor_first(doc.text, list(doc.ents), GIVEN)] == ["Donald Trump"]


@pytest.mark.parametrize("words, first, starts", [
    # never written without the first word: a name of three words
    (["so", ".", "Giovanni", "Maria", "Vian", "said", "so", "."], 2, True),
    # not at the sentence's start: the capital is the name's own
    (["Donald", "Trump", "wins", "and", "Billionaire", "Donald", "Trump", "praised", "him", "."], 4, False),
    # a given name first
    (["Bill", "Hillary", "Clinton", "spoke", ".", "Hillary", "Clinton", "won", "."], 0, True),
])
def test_descriptor_kept_in_the_person(blank: Language, words: list[str], first: int, starts: bool) -> None:
    given = {**GIVEN, "maria": "f"}
    doc = _descriptor_doc(blank, words, first, starts)
    assert [e.text for e in descriptor_first(doc.text, list(doc.ents), given)] == [e.text for e in doc.ents]



@pytest.mark.parametrize(("words", "pos", "lone"), [
    # the tagger read the surname as an adverb (its "-ly") or a verb: still the person's
    ("Bill Skelly spoke . It is valuable , said Skelly .".split(),
     "PROPN PROPN VERB PUNCT PRON AUX ADJ PUNCT VERB ADV PUNCT".split(), ["Skelly"]),
    ("Betsy Ebeling spoke . Ebeling reminisced .".split(), "PROPN PROPN VERB PUNCT VERB VERB PUNCT".split(),
     ["Ebeling"]),
    # a common English word keeps its part of speech ...
    ("John Early spoke . Voting starts early , said Early .".split(),
     "PROPN PROPN VERB PUNCT NOUN VERB ADV PUNCT VERB ADV PUNCT".split(), []),
    # ... and so does a capitalised word that opens a headline's run of them
    ("Bill Skelly spoke . Skelly Tactics Work".split(), "PROPN PROPN VERB PUNCT ADJ PROPN VERB".split(), []),
])
def test_surname_the_tagger_took_for_another_word_is_the_person(blank: Language, words: list[str],
                                                                 pos: list[str], lone: list[str]) -> None:
    doc = Doc(blank.vocab, words=words, pos=pos, sent_starts=[w == words[0] or words[k - 1] == "." for k, w in
                                                             enumerate(words)])
    doc.ents = [Span(doc, 0, 2, label="PERSON")]
    found = link_surnames(doc, list(doc.ents), frozenset({"early", "voting", "starts"}))
    assert [e.text for e in found if len(e) == 1] == lone


@pytest.mark.parametrize(("text", "tagged", "chains"), [
    # an apostrophe name is a name word though tagged a common noun ("D’Souza" is NN here), and
    # written alone it is a family name, which makes the chain a person
    ("author Dinesh D’Souza spoke . D’Souza replied .", {}, ["Dinesh D’Souza"]),
    # a person the model ended before the apostrophe name takes it
    ("Bill O’Reilly said so .", {"Bill": "PERSON"}, ["Bill O’Reilly"]),
    # not across a comma, and no chain of one apostrophe name alone
    ("Bill , O’Reilly said so .", {"Bill": "PERSON"}, []),
])
def test_apostrophe_name_is_a_name_word(blank: Language, text: str, tagged: dict[str, str],
                                        chains: list[str]) -> None:
    assert _chains(_doc(blank, text, tagged)) == chains
