from __future__ import annotations

import re

import pytest
import spacy
from entity_docs import RULES
from entity_docs import run_entities as _run
from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.config import MODELS_DIR
from pipeline.stages import entities
from pipeline.stages.entities.acronyms import head_defined
from pipeline.stages.entities.sports import lineup_players


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the United Nations Office for Outer Space Affairs (UNOOSA) and", {"UNOOSA": "United Nations Office for Outer Space Affairs"}),
        ("co-organized by the China Manned Space Agency (CMSA).", {"CMSA": "China Manned Space Agency"}),
        ("the United Nation’s Human Space Technology Initiative (HSTI).", {"HSTI": "Human Space Technology Initiative"}),
        ("NASA (National Aeronautics and Space Administration) said", {"NASA": "National Aeronautics and Space Administration"}),
        ("He met Smith (R) yesterday.", {}),
        ("the Big Apple Agency (XYZ) said", {}),
        # wire copy spaces its parentheses; "in" may stand inside a name
        ("The Organisation for Security and Cooperation in Europe ( OSCE ) said",
         {"OSCE": "Organisation for Security and Cooperation in Europe"}),
    ],
)
def test_learn_acronyms(text: str, expected: dict[str, str]) -> None:
    assert entities.learn_acronyms(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an acronym of another language after a name ending in an organisation's head word
        ("Kurdistan Workers Party ( PKK ) guerrillas attacked.", {"PKK": "Kurdistan Workers Party"}),
        ("The Serb Democratic Party (SDS) said", {"SDS": "Serb Democratic Party"}),
        # no head word: no name; an acronym the initials spell keeps its own
        ("the Big Apple Widgets (XYZ) said", {}),
        ("the China Manned Space Agency (CMSA) said", {}),
    ],
)
def test_acronyms_defined_after_a_name_with_a_head_word(text: str, expected: dict[str, str]) -> None:
    heads = {h for h, x in RULES.heads.items() if x.label == "ORG"}
    assert head_defined(text, heads, entities.learn_acronyms(text)) == expected


def test_a_country_heading_a_story_in_capitals_is_the_country(blank: Language) -> None:
    doc = _run(blank, "BOSNIA - VOTE POSTPONED .\nRebels in Zaire clashed .", [("BOSNIA", "ORG"), ("Zaire", "GPE")])
    assert [(e.text, e.label_, e._.canonical, e._.country_code) for e in doc.ents] == [
        ("BOSNIA", "GPE", "Bosnia and Herzegovina", "BA"), ("Zaire", "GPE", "Democratic Republic of the Congo", "CD")]


@pytest.mark.parametrize(("name", "code"), [("China", "CN"), ("France", "FR"), ("Atlantis", "")])
def test_country_code(name: str, code: str) -> None:
    assert entities.country_code(name) == code


def test_clean_name() -> None:
    assert entities.clean_name("the China Manned Space Agency") == "China Manned Space Agency"
    assert entities.clean_name("China’s") == "China"


@pytest.mark.model
def test_surname_takes_person_label_and_full_name(nlp: Language) -> None:
    doc = nlp("Michael Krepon edited the essays. In his article, Krepon argues for diplomacy.")
    krepon = [e for e in doc.ents if e.text == "Krepon"]
    assert krepon and krepon[0].label_ == "PERSON" and krepon[0]._.canonical == "Michael Krepon"


@pytest.mark.model
def test_two_people_sharing_a_surname_stay_apart(nlp: Language) -> None:
    doc = nlp("John Smith met Mary Smith in Paris. Later John Smith left, and Smith spoke to the press.")
    canon = {e._.canonical for e in doc.ents if e.label_ == "PERSON"}
    assert {"John Smith", "Mary Smith"} <= canon


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "name", "canonical"),
    [
        # a relative named by the given name alone takes the owner's family name, however tagged
        ("Donald Trump spoke. Trump's daughter Ivanka said her father was ready. Ivanka smiled.",
         "Ivanka", "Ivanka Trump"),
        ("Donald Trump spoke. Trump's wife, Melania, said she was proud.", "Melania", "Melania Trump"),
        ("Curt Schilling spoke. Schilling's son, Grant, posted a photo.", "Grant", "Grant Schilling"),
        # his/her: the subject of the clause, named in full
        ("Donald Trump praised his son Eric on Monday. Eric said he was proud.", "Eric", "Eric Trump"),
        # a full name the article writes starting with the given name is meant
        ("Tim Kaine spoke. Anne Holton waved. Kaine's wife, Anne, said he was ready.", "Anne", "Anne Holton"),
        # no family name to borrow: an owner named by a given name only
        ("Betsy's husband Tom said nothing.", "Tom", "Tom"),
        # a couple or siblings with one family name written once take it both
        ("Bill and Hillary Clinton attended the dinner.", "Bill", "Bill Clinton"),
        ("Ethan and Joel Coen made the film. Ethan said it was their best.", "Ethan", "Ethan Coen"),
        # a surname alone is no given name: "Obama and Hillary Clinton" share nothing
        ("Obama and Hillary Clinton spoke in Ohio.", "Obama", "Obama"),
        # not a name that starts, or ends, the name of someone else the article names in full
        ("Hillary Clinton won. Hillary and Tim Kaine campaigned in Ohio.", "Hillary", "Hillary Clinton"),
        ("Rand Paul spoke. Paul and Carly Fiorina debated.", "Paul", "Rand Paul"),
        # no family name written after them: nothing to share
        ("Bill and Melinda arrived.", "Bill", "Bill"),
    ],
)
def test_relatives_named_by_given_name(nlp: Language, text: str, name: str, canonical: str) -> None:
    found = [e for e in nlp(text).ents if e.text == name]
    assert found and all((e.label_, e._.canonical) == ("PERSON", canonical) for e in found)


@pytest.mark.model
def test_a_name_beside_an_unowned_kin_noun_is_left_alone(nlp: Language) -> None:
    doc = nlp("His brother Paris said nothing.")
    assert [(e.text, e.label_) for e in doc.ents if e.text == "Paris"] == [("Paris", "GPE")]
    # a relative written in full keeps that name
    doc = nlp("Tim Kaine spoke on Monday. Kaine's wife, Anne Holton, said he was ready.")
    assert [e._.canonical for e in doc.ents if e.text == "Anne Holton"] == ["Anne Holton"]


@pytest.mark.model
def test_acronym_mentions_share_the_full_name(nlp: Language) -> None:
    doc = nlp("The China Manned Space Agency (CMSA) opened a workshop. CMSA Director Wang spoke.")
    cmsa = [e for e in doc.ents if e.text == "CMSA"]
    assert cmsa and all(e._.canonical == "China Manned Space Agency" for e in cmsa)


# --- span repairs, on blank pipelines -------------------------------------------------------

def _ent(blank: Language, text: str, start: int, end: int, label: str) -> Span:
    doc = blank(text)
    span = Span(doc, start, end, label=label)
    doc.ents = [span]
    return doc.ents[0]


@pytest.mark.parametrize(
    ("text", "start", "end", "label", "expected"),
    [
        ("' '' Bruno Ruffo '' '", 0, 6, "PERSON", "Bruno Ruffo"),
        ("He met the British Museum staff", 2, 5, "ORG", "British Museum"),
        ("Václav Havel 's plays", 0, 3, "PERSON", "Václav Havel"),
        ("Director General Wang Zhaoyao spoke", 0, 4, "PERSON", "Wang Zhaoyao"),
        ("Dr. Jane Goodall spoke", 0, 3, "PERSON", "Jane Goodall"),
        # state, local, clergy and police titles (titles.txt)
        ("Sheriff Joe Arpaio spoke", 0, 3, "PERSON", "Joe Arpaio"),
        ("Assemblywoman Claudia Tenney spoke", 0, 3, "PERSON", "Claudia Tenney"),
        ("Rabbi Marvin Hier spoke", 0, 3, "PERSON", "Marvin Hier"),
        ("Treasurer Kelly Mitchell spoke", 0, 3, "PERSON", "Kelly Mitchell"),
        ("the past year", 0, 3, "DATE", "the past year"),  # only names lose their article
        ("General Motors said", 0, 2, "ORG", "General Motors"),  # titles are trimmed from people only
        ("as a Donald Trump Republican", 1, 4, "PERSON", "Donald Trump"),  # "a" as "the"
        ("A Tribe Called Quest played", 0, 4, "ORG", "A Tribe Called Quest"),  # a capital "A" may be the name's
    ],
)
def test_trim_span(blank: Language, text: str, start: int, end: int, label: str, expected: str) -> None:
    trimmed = entities.trim_span(_ent(blank, text, start, end, label), RULES.titles)
    assert trimmed is not None and trimmed.text == expected


def test_trim_span_drops_punctuation_only_span(blank: Language) -> None:
    assert entities.trim_span(_ent(blank, "'' ''", 0, 2, "ORG"), RULES.titles) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tanith Belbin / Benjamin Agosto", ["Tanith Belbin", "Benjamin Agosto"]),
        ("Dan Regan - Trombone", ["Dan Regan", "Trombone"]),
        ("Jean-Christophe Bouvet", ["Jean-Christophe Bouvet"]),  # an unspaced hyphen joins
    ],
)
def test_split_span(blank: Language, text: str, expected: list[str]) -> None:
    doc = blank(text)
    assert [s.text for s in entities.split_span(Span(doc, 0, len(doc), label="PERSON"))] == expected


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        # a list of names the model tagged as one organisation or title: its parts, persons as PERSON
        ("Ben Carson and Mike Huckabee spoke . Later Carson , Huckabee and others met .",
         [("Ben Carson", "PERSON"), ("Mike Huckabee", "PERSON"), ("Carson , Huckabee", "ORG")],
         [("Ben Carson", "PERSON"), ("Mike Huckabee", "PERSON"), ("Carson", "PERSON"), ("Huckabee", "PERSON")]),
        ("His friend at Lehigh , Bruce Turry , said so .", [("Lehigh , Bruce Turry", "ORG")],
         [("Lehigh", "ORG"), ("Bruce Turry", "PERSON")]),  # a given name starts the person's part
        ("Peter Santilli spoke . After the attacks on the World Trade Center , Santilli , a veteran , left .",
         [("Peter Santilli", "PERSON"), ("the World Trade Center , Santilli", "ORG")],
         [("Peter Santilli", "PERSON"), ("World Trade Center", "ORG"), ("Santilli", "PERSON")]),
        ("Barack Obama spoke . Priebus said Obama , party leaders and others were wrong .",
         [("Barack Obama", "PERSON"), ("Obama , party", "ORG")],
         [("Barack Obama", "PERSON"), ("Obama", "PERSON")]),  # a part without a capital is no name
        # negatives: no part is a person's; a firm's name with "&"; a person's suffix
        ("She studied at the University of California , Berkeley .", [("University of California , Berkeley", "ORG")],
         [("University of California , Berkeley", "ORG")]),
        ("Bill Ruane founded Ruane , Cunniff & Goldfarb .", [("Bill Ruane", "PERSON"), ("Ruane , Cunniff & Goldfarb", "ORG")],
         [("Bill Ruane", "PERSON"), ("Ruane , Cunniff & Goldfarb", "ORG")]),
        ("They saw Hail , Caesar on Friday .", [("Hail , Caesar", "WORK_OF_ART")], [("Hail , Caesar", "WORK_OF_ART")]),
        ("Donald Trump , Jr. spoke .", [("Donald Trump , Jr.", "PERSON")], [("Donald Trump , Jr.", "PERSON")]),
    ],
)
def test_a_list_of_names_tagged_as_one_is_cut_into_them(blank: Language, text: str, ents: list[tuple[str, str]],
                                                        expected: list[tuple[str, str]]) -> None:
    assert [(e.text, e.label_) for e in _run(blank, text, ents).ents] == expected


@pytest.mark.parametrize(
    ("name", "head"),
    [("Ministry of Transport and Communications", "ministry"), ("China Manned Space Agency", "agency"),
     ("Kalamazoo College", "college"), ("Paris", "paris")],
)
def test_head_of(name: str, head: str) -> None:
    assert entities.head_of(name) == head


@pytest.mark.parametrize(
    ("line", "caps", "title"),
    [
        ("CHINA LAUNCHES NEW SPACE STATION MODULE", True, True),  # capitals are headline casing too
        ("Anti-satellite Weapons, Deterrence and Sino-American Space Relations", False, True),
        ("The essays discussed nuclear and space deterrence.", False, False),
        ("UNOOSA", False, False),
    ],
)
def test_line_shapes(line: str, caps: bool, title: bool) -> None:
    assert entities.is_caps_line(line) == caps
    assert entities.is_title_line(line) == title


def test_title_case_keeps_acronyms_and_length() -> None:
    line = "CMSA CHIEF VISITS THE UNITED STATES"
    out = entities.title_case(line, {"CMSA"})
    assert out == "CMSA Chief Visits the United States" and len(out) == len(line)


# --- the component on blank pipelines (no model) ---------------------------------------------

def _rows(doc: Doc) -> list[tuple[str, str, str, str]]:
    return [(e.text, e.label_, e._.canonical, e._.country_code) for e in doc.ents]


def test_later_surname_takes_person_label(blank: Language) -> None:
    doc = _run(blank, "CMSA Director General Wang Zhaoyao spoke. Later Wang said no.",
               [("Wang Zhaoyao", "PERSON"), ("Wang", "ORG")])
    assert ("Wang", "PERSON", "Wang Zhaoyao", "") in _rows(doc)


@pytest.mark.parametrize(
    ("text", "ents", "lone", "canonical"),
    [
        # a Spanish name's paternal surname, written alone, is the person
        ("Melba Acosta Febo runs the bank. Ms. Acosta said no.", [("Melba Acosta Febo", "PERSON"), ("Acosta", "PERSON")],
         "Acosta", "Melba Acosta Febo"),
        # not a given name in the middle of a name, nor an initial
        ("John Paul Stevens wrote it. Paul said no.", [("John Paul Stevens", "PERSON"), ("Paul", "PERSON")],
         "Paul", "Paul"),
        ("Donald J. Trump spoke. J. said no.", [("Donald J. Trump", "PERSON"), ("J.", "PERSON")], "J.", "J."),
    ],
)
def test_paternal_surname_names_the_spanish_name(blank: Language, text: str, ents: list[tuple[str, str]],
                                                 lone: str, canonical: str) -> None:
    doc = _run(blank, text, ents)
    assert [e._.canonical for e in doc.ents if e.text == lone] == [canonical]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the article already calls Donald Trump "Trump": Ivanka Trump does not take the surname over
        ("Donald Trump proposed a leave plan. Trump said it helps mothers. Ivanka Trump, his daughter, "
         "designed it. If Trump wins, the plan passes.",
         ["Donald Trump", "Donald Trump", "Ivanka Trump", "Donald Trump"]),
        # Gary Johnson was never "Johnson": a later Johnson takes the surname
        ("Gary Johnson is fit, his doctor said. Homeland Security Secretary Jeh Johnson warned of hackers. "
         "Johnson spoke on Friday.",
         ["Gary Johnson", "Jeh Johnson", "Jeh Johnson"]),
        # a headline's surname looks ahead to the first full name
        ("Krepon warns of arms race\n\nMichael Krepon, of the Stimson Center, spoke.",
         ["Michael Krepon", "Michael Krepon"]),
    ],
)
def test_bare_surname_names_its_current_owner(blank: Language, text: str, expected: list[str]) -> None:
    names = re.findall(r"(?:[A-Z][a-z]+ )?(?:Trump|Johnson|Krepon)", text)
    doc = _run(blank, text, [(n.removeprefix("If ").removeprefix("Secretary "), "PERSON") for n in names])
    assert [e._.canonical for e in doc.ents] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # far from any full name: the one the article writes out most often, not the latest
        ("Hillary Clinton spoke. Hillary Clinton won. Bill Clinton waved. The crowd cheered. Clinton left.",
         ["Hillary Clinton", "Hillary Clinton", "Bill Clinton", "Hillary Clinton"]),
        # named in full in the sentence before: that one
        ("Hillary Clinton spoke. Hillary Clinton won. Bill Clinton waved. Clinton left.",
         ["Hillary Clinton", "Hillary Clinton", "Bill Clinton", "Bill Clinton"]),
        # written alone again, it names the same person after another full name
        ("Bill Clinton waved. Clinton left. Hillary Clinton spoke. Clinton smiled.",
         ["Bill Clinton", "Bill Clinton", "Hillary Clinton", "Bill Clinton"]),
        # Mrs./Mr. pick by gender, whoever owns the bare surname
        ("Bill Clinton waved. Hillary Clinton spoke. Mrs. Clinton smiled. Mr. Clinton left.",
         ["Bill Clinton", "Hillary Clinton", "Hillary Clinton", "Bill Clinton"]),
        # nobody of that gender: the surname as written ("Mr. Obama" is no Michelle Obama)
        ("Michelle Obama spoke. Malia Obama sang. Mr. Obama left.",
         ["Michelle Obama", "Malia Obama", "Obama"]),
        # a surname only she has in full: the courtesy title still says it is someone else
        ("Michelle Obama spoke. Mr. Obama left. Mrs. Obama stayed.", ["Michelle Obama", "Obama", "Michelle Obama"]),
        # given names of the wider table (given_name_genders.csv), not of the hand list, tell the gender too
        ("Milton Berg waved. Deja Berg spoke. Mrs. Berg smiled. Mr. Berg left.",
         ["Milton Berg", "Deja Berg", "Deja Berg", "Milton Berg"]),
        # a name neither table gives one gender (Lindsey, given to both sexes) is no woman's for Mrs.
        ("Milton Berg waved. Lindsey Berg spoke. Mr. Berg left. Mrs. Berg smiled.",
         ["Milton Berg", "Lindsey Berg", "Milton Berg", "Berg"]),
    ],
)
def test_shared_surname_with_sentences(text: str, expected: list[str]) -> None:
    """The speakers of ``stages/quotes`` read these names, so entities and quotes agree."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    names = re.findall(r"(?:(?:Hillary|Bill|Michelle|Malia|Milton|Deja|Lindsey) )?(?:Clinton|Obama|Berg)", text)
    doc = _run(nlp, text, [(n, "PERSON") for n in names])
    assert [e._.canonical for e in doc.ents] == expected


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        # a family name of several words, hyphenated, or in capitals: the full name ending in it
        ("Marine Le Pen spoke. Le Pen left.", ["Marine Le Pen", "Le Pen"], ["Marine Le Pen"] * 2),
        ("Bill de Blasio spoke. De Blasio left.", ["Bill de Blasio", "De Blasio"], ["Bill de Blasio"] * 2),
        ("Carlos Lopez-Cantera spoke. Lopez-Cantera left.", ["Carlos Lopez-Cantera", "Lopez-Cantera"],
         ["Carlos Lopez-Cantera"] * 2),
        ("Hillary Clinton spoke. CLINTON: We won.", ["Hillary Clinton", "CLINTON"], ["Hillary Clinton"] * 2),
        # two people of that family name: as written
        ("Ana Van Buren spoke. Eva Van Buren left. Van Buren said so.", ["Ana Van Buren", "Eva Van Buren", "Van Buren"],
         ["Ana Van Buren", "Eva Van Buren", "Van Buren"]),
        # a name starting with a given name is no family name ("Certainly Donald Trump": a headline's adverb)
        ("Yes, Certainly Donald Trump won. Donald Trump spoke.", ["Certainly Donald Trump", "Donald Trump"],
         ["Certainly Donald Trump", "Donald Trump"]),
        # starting the sentence, the adverb is cut off the name (name_chains.descriptor_first)
        ("Certainly Donald Trump won. Donald Trump spoke.", ["Certainly Donald Trump", "Donald Trump"],
         ["Donald Trump", "Donald Trump"]),
        # stray punctuation the model took in is no part of the name
        ("-Craig Fehrman wrote. Fehrman said so.", ["-Craig Fehrman", "Fehrman"], ["Craig Fehrman"] * 2),
    ],
)
def test_family_names_written_alone(blank: Language, text: str, ents: list[str], expected: list[str]) -> None:
    doc = _run(blank, text, [(e, "PERSON") for e in ents])
    assert [e._.canonical for e in doc.ents] == expected


def test_two_people_sharing_a_surname_stay_two_people(blank: Language) -> None:
    doc = _run(blank, "John Smith met Mary Smith. Then Mary Smith left and John Smith stayed.",
               [("John Smith", "PERSON"), ("Mary Smith", "PERSON"), ("Mary Smith", "PERSON"), ("John Smith", "PERSON")])
    assert [e._.canonical for e in doc.ents] == ["John Smith", "Mary Smith", "Mary Smith", "John Smith"]


def test_one_label_per_name(blank: Language) -> None:
    doc = _run(blank, "Stimson Center said. Stimson Center added. Stimson Center ended.",
               [("Stimson Center", "ORG"), ("Stimson Center", "PERSON"), ("Stimson Center", "ORG")])
    assert {e.label_ for e in doc.ents} == {"ORG"}


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        # a lone surname the model reads as ORG twice and as a person once: a person
        ("Trump's victory sealed it. Kasich trailed Trump. Trump welcomed the news.",
         [("Trump", "ORG"), ("Trump", "ORG"), ("Trump", "PERSON")], {"PERSON"}),
        # negatives: no PERSON reading at all, an acronym, a word of a longer organisation
        ("Kasich trailed Trump. Trump welcomed the news.", [("Trump", "ORG"), ("Trump", "ORG")], {"ORG"}),
        ("CNN reported. Later CNN said. CNN added.", [("CNN", "ORG"), ("CNN", "ORG"), ("CNN", "PERSON")], {"ORG"}),
        ("Zorvex 2 Wolves 1. Zorvex's manager said.", [("Zorvex", "ORG"), ("Wolves", "ORG"),
                                                        ("Zorvex", "PERSON")], {"ORG"}),
        ("Ford Motor Co said. Ford sold cars. Ford grew. Ford won.",
         [("Ford Motor Co", "ORG"), ("Ford", "ORG"), ("Ford", "ORG"), ("Ford", "PERSON")], {"ORG"}),
    ],
)
def test_one_word_person_reading_beats_org(blank: Language, text: str, ents: list[tuple[str, str]],
                                           expected: set[str]) -> None:
    doc = _run(blank, text, ents)
    assert {e.label_ for e in doc.ents if e.text == ents[-1][0]} == expected


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        ("Former Secretary of State Hillary Clinton spoke.", [("State", "ORG"), ("Hillary Clinton", "PERSON")],
         ["Hillary Clinton"]),
        ("The Minister of Foreign Affairs met him.", [("Foreign Affairs", "ORG")], []),
        # negatives: a name after a title and "of" that is no portfolio; a portfolio without a title
        ("The Chairman of Microsoft spoke.", [("Microsoft", "ORG")], ["Microsoft"]),
        ("He met the Governor of Texas.", [("Texas", "GPE")], ["Texas"]),
        ("A spokesman for State said no.", [("State", "ORG")], ["State"]),
        # an abbreviated title before a person; not a title word ending a name before a sentence
        ("He discussed Pres. Obama's press conference.", [("Pres", "GPE"), ("Obama", "PERSON")], ["Obama"]),
        ("He sued the Department of Justice. Obama said no.", [("Department of Justice", "ORG"), ("Obama", "PERSON")],
         ["Department of Justice", "Obama"]),
        ("He prayed to the Lord. Obama said no.", [("Lord", "PERSON"), ("Obama", "PERSON")], ["Lord", "Obama"]),
    ],
)
def test_portfolio_after_a_title_is_no_entity(blank: Language, text: str, ents: list[tuple[str, str]],
                                              expected: list[str]) -> None:
    assert [e.text for e in _run(blank, text, ents).ents] == expected


def test_acronym_full_name_becomes_one_entity(blank: Language) -> None:
    text = "It is run by the United Nations Office for Outer Space Affairs (UNOOSA) in Vienna."
    doc = _run(blank, text, [("United Nations Office", "ORG"), ("Outer Space Affairs", "ORG"), ("UNOOSA", "PERSON")])
    rows = _rows(doc)
    assert ("United Nations Office for Outer Space Affairs", "ORG",
            "United Nations Office for Outer Space Affairs", "") in rows
    assert ("UNOOSA", "ORG", "United Nations Office for Outer Space Affairs", "") in rows


def test_known_place_labelled_person_becomes_gpe(blank: Language) -> None:
    doc = _run(blank, "He moved to Nairobi in 1957.", [("Nairobi", "PERSON")])
    assert _rows(doc) == [("Nairobi", "GPE", "Nairobi", "KE")]


def test_head_word_fixes_label_and_kind(blank: Language) -> None:
    doc = _run(blank, "He studied at Kalamazoo College then.", [("Kalamazoo College", "PERSON")])
    assert (doc.ents[0].label_, doc.ents[0]._.kind) == ("ORG", "organisation")


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        ("She invited him to Trump Tower on Monday.", "Trump Tower", "FAC"),  # a facility's head word
        ("Senator John Tower of Texas spoke on Monday.", "John Tower", "PERSON"),  # a given name and that word
    ],
)
def test_facility_head_word_and_a_person_named_like_it(blank: Language, text: str, name: str, label: str) -> None:
    doc = _run(blank, text, [(name, "PERSON")])
    assert [(e.text, e.label_) for e in doc.ents] == [(name, label)]


def test_common_word_in_title_line_is_not_a_place(blank: Language) -> None:
    text = ("The essays discussed space deterrence.\n\n"
            "Stimson Center– “Anti-satellite Weapons, Deterrence and Space Relations")
    doc = _run(blank, text, [("Stimson Center", "ORG"), ("Deterrence", "GPE")])
    assert ("Deterrence", "GPE") not in {(e.text, e.label_) for e in doc.ents}


def test_title_line_name_also_tagged_in_body_stays(blank: Language) -> None:
    text = ("Trump played his trump card. Trump left.\n\n"
            "Reuters– “Trump Meets Leaders in Helsinki Today")
    doc = _run(blank, text, [("Trump", "PERSON"), ("Trump", "PERSON"), ("Reuters", "ORG"), ("Trump", "PERSON")])
    assert [e.text for e in doc.ents].count("Trump") == 3


def test_known_place_in_title_line_stays(blank: Language) -> None:
    text = "He went to beijing airport.\n\nReuters– “China Says Beijing Will Train Astronauts"
    doc = _run(blank, text, [("China", "GPE"), ("Beijing", "GPE")])
    assert ("Beijing", "GPE", "Beijing", "CN") in _rows(doc)


@pytest.mark.parametrize(
    ("mention", "label", "canonical", "code", "kind"),
    [
        ("U.S.", "GPE", "United States", "US", "country"),
        ("Beijing", "GPE", "Beijing", "CN", "city or region"),  # the capital keeps its own name
        ("Washington", "GPE", "Washington", "US", "city or region"),
        ("Chinese", "NORP", "Chinese", "CN", "nationality"),
        ("Americans", "NORP", "Americans", "US", "nationality"),
    ],
)
def test_canonical_code_and_kind(blank: Language, mention: str, label: str, canonical: str, code: str,
                                 kind: str) -> None:
    doc = _run(blank, f"Officials said {mention} agreed.", [(mention, label)])
    e = doc.ents[0]
    assert (e._.canonical, e._.country_code, e._.kind) == (canonical, code, kind)


@pytest.mark.parametrize(
    ("mention", "label", "countries"),
    [
        ("Sino-American", "NORP", [("China", "CN"), ("United States", "US")]),
        ("U.S.-China", "GPE", [("United States", "US"), ("China", "CN")]),
        ("Guinea-Bissau", "GPE", None),  # a hyphenated country is one country
    ],
)
def test_compound_names_several_countries(blank: Language, mention: str, label: str,
                                          countries: list[tuple[str, str]] | None) -> None:
    doc = _run(blank, f"The {mention} talks went on.", [(mention, label)])
    assert doc.ents[0]._.countries == countries


def test_compound_gives_one_entity_row_per_country(blank: Language) -> None:
    from pipeline.stages.document import english_entities

    doc = _run(blank, "The Sino-American talks went on.", [("Sino-American", "NORP")])
    rows = english_entities(doc, set())
    assert [(r[0], r[1], r[4], r[5]) for r in rows] == [(4, 17, "China", "CN"), (4, 17, "United States", "US")]


def test_reference_outlet_is_a_media_outlet(blank: Language) -> None:
    from pipeline.stages.document import english_entities

    doc = _run(blank, "An article in The Diplomat says so.", [("The Diplomat", "PERSON")])
    rows = english_entities(doc, {"Diplomat"})
    assert (rows[0][2], rows[0][3]) == ("ORG", "media outlet")


@pytest.mark.model
def test_all_caps_headline_is_retagged(nlp: Language) -> None:
    doc = nlp("CHINA AND RUSSIA SIGN SPACE DEAL\n\nThe deal was signed in Moscow on Monday.")
    found = {(e.text, e.label_) for e in doc.ents}
    assert {("CHINA", "GPE"), ("RUSSIA", "GPE")} <= found


@pytest.mark.model
def test_every_all_caps_line_is_retagged_in_one_batch(nlp: Language) -> None:
    text = "CHINA AND RUSSIA SIGN SPACE DEAL\n\nThe deal was signed on Monday.\n\nFRANCE WELCOMES THE DEAL IN PARIS"
    found = {(e.text, e.label_) for e in nlp(text).ents}
    assert {("CHINA", "GPE"), ("RUSSIA", "GPE"), ("PARIS", "GPE")} <= found


@pytest.mark.parametrize(
    ("text", "start", "end", "label", "expected"),
    [
        ("the Permanente Metals Corporation of Richmond", 1, 5, "ORG", "Permanente Metals Corporation"),
        ("Arthur Ashe 6–3 in the final", 0, 3, "PERSON", "Arthur Ashe"),
        ("Apollo 11 landed", 0, 2, "PRODUCT", "Apollo 11"),  # numbers stay in other names
    ],
)
def test_trim_span_tails(blank: Language, text: str, start: int, end: int, label: str, expected: str) -> None:
    trimmed = entities.trim_span(_ent(blank, text, start, end, label), RULES.titles)
    assert trimmed is not None and trimmed.text == expected


def test_one_word_person_after_in_is_a_place(blank: Language) -> None:
    doc = _run(blank, "She was born in Moheda and met Larsson there.", [("Moheda", "PERSON"), ("Larsson", "PERSON")])
    assert [e.label_ for e in doc.ents] == ["GPE", "PERSON"]


# --- a place qualified by its region: "Tallahassee, Florida" is one place ---------------------

@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        ("He was born in Tallahassee, Florida in 1936.", [("Tallahassee", "GPE"), ("Florida", "GPE")],
         [("Tallahassee, Florida", "GPE", "Tallahassee, Florida", "US")]),
        # the small model reads an unknown town as a person; its region says it is a place
        ("The post office at Shell Knob, Missouri closed.", [("Shell Knob", "PERSON"), ("Missouri", "GPE")],
         [("Shell Knob, Missouri", "GPE", "Shell Knob, Missouri", "US")]),
        ("They met in Hangzhou, China last week.", [("Hangzhou", "GPE"), ("China", "GPE")],
         [("Hangzhou, China", "GPE", "Hangzhou, China", "CN")]),
        # a division named by its head word contains places, and is contained in its state
        ("It lies in Highland Township, Oakland County, Michigan.",
         [("Highland Township", "GPE"), ("Oakland County", "GPE"), ("Michigan", "GPE")],
         [("Highland Township, Oakland County, Michigan", "GPE", "Highland Township, Oakland County, Michigan",
           "US")]),
        ("The village of Ballygarvan, County Cork grew.", [("Ballygarvan", "GPE"), ("County Cork", "GPE")],
         [("Ballygarvan, County Cork", "GPE", "Ballygarvan, County Cork", "")]),
        ("Floods hit Cherokee County, Kansas in May.", [("Cherokee County", "GPE"), ("Kansas", "GPE")],
         [("Cherokee County, Kansas", "GPE", "Cherokee County, Kansas", "US")]),
    ],
)
def test_place_and_its_region_are_one_place(blank: Language, text: str, ents: list[tuple[str, str]],
                                            expected: list[tuple[str, str, str, str]]) -> None:
    assert _rows(_run(blank, text, ents)) == expected


@pytest.mark.parametrize(
    ("text", "ents"),
    [
        # a person and his country's possessive
        ("During the workshop, Yang Liwei, China's first astronaut, spoke.", [("Yang Liwei", "PERSON"), ("China", "GPE")]),
        # a person and a country: a swimmer and her team
        ("Libby Lenton, Australia, won.", [("Libby Lenton", "PERSON"), ("Australia", "GPE")]),
        # a region and its country are two places
        ("Levallois-Perret lies in Hauts-de-Seine, France.", [("Levallois-Perret", "GPE"), ("Hauts-de-Seine", "GPE"),
                                                              ("France", "GPE")]),
        # places in a list
        ("From Seattle, to Houston, New York, and New Jersey, parents rallied.",
         [("Seattle", "GPE"), ("Houston", "GPE"), ("New York", "GPE"), ("New Jersey", "GPE")]),
        ("He blamed problems in the Middle East, China and elsewhere.", [("the Middle East", "LOC"), ("China", "GPE")]),
        ("Economies which include Europe, Britain, Japan and Canada grew.",
         [("Europe", "LOC"), ("Britain", "GPE"), ("Japan", "GPE"), ("Canada", "GPE")]),
        # an organisation named by its head word stays an organisation
        ("She studied at Kalamazoo College, Michigan.", [("Kalamazoo College", "ORG"), ("Michigan", "GPE")]),
        # a wire dateline's place in capitals and its country or state: two places, as wire copy counts them
        ("AL-AIN , United Arab Emirates 1996-12-06\nJapan won .", [("AL-AIN", "GPE"), ("United Arab Emirates", "GPE")]),
        ("MANCHESTER, N.H. - The polls opened.", [("MANCHESTER", "GPE"), ("N.H.", "GPE")]),
    ],
)
def test_names_before_a_comma_and_a_place_stay_apart(blank: Language, text: str, ents: list[tuple[str, str]]) -> None:
    doc = _run(blank, text, ents)
    assert len(doc.ents) == len(ents)
    assert not any("," in e.text for e in doc.ents)


# --- an organisation's head word, a preposition and a name are one organisation -------------

@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        ("UN Office for Outer Space Affairs– “Information Note", [("UN Office", "ORG"), ("Outer Space Affairs", "ORG")],
         [("UN Office for Outer Space Affairs", "ORG", "United Nations Office for Outer Space Affairs")]),
        ("He left the Federal Reserve Bank of New York in May.", [("the Federal Reserve Bank", "ORG"), ("New York", "GPE")],
         [("Federal Reserve Bank of New York", "ORG", "Federal Reserve Bank of New York")]),
    ],
)
def test_head_word_preposition_and_name_are_one_organisation(blank: Language, text: str,
                                                             ents: list[tuple[str, str]],
                                                             expected: list[tuple[str, str, str]]) -> None:
    assert [r[:3] for r in _rows(_run(blank, text, ents))] == expected


@pytest.mark.parametrize(
    ("text", "ents"),
    [
        ("Michael Krepon of Stimson Center said so.", [("Michael Krepon", "PERSON"), ("Stimson Center", "ORG")]),
        ("A Stimson Center report on China came out.", [("Stimson Center", "ORG"), ("China", "GPE")]),
        ("The Stimson Center on Monday said so.", [("Stimson Center", "ORG"), ("Monday", "DATE")]),
    ],
)
def test_names_around_a_preposition_stay_apart(blank: Language, text: str, ents: list[tuple[str, str]]) -> None:
    assert len(_run(blank, text, ents).ents) == len(ents)


# --- generational suffixes belong to the name ---------------------------------------------------

@pytest.mark.parametrize(
    ("text", "mention", "expected"),
    [
        ("Ferdinand Marcos, Jr. won the vote.", "Ferdinand Marcos", "Ferdinand Marcos, Jr."),
        ("Donald Trump Jr. said so.", "Donald Trump", "Donald Trump Jr."),
        ("Henry Ford II sold it.", "Henry Ford", "Henry Ford II"),
        ("Laffit Pincay , Jr . rode again.", "Laffit Pincay", "Laffit Pincay , Jr ."),
        # no suffix: the sentence goes on
        ("Henry Ford, who sold it, left.", "Henry Ford", "Henry Ford"),
        ("Smith, iii of them, left.", "Smith", "Smith"),  # a suffix is capitalised
    ],
)
def test_generational_suffix_is_part_of_the_name(blank: Language, text: str, mention: str, expected: str) -> None:
    doc = _run(blank, text, [(mention, "PERSON")])
    assert [e.text for e in doc.ents] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Donald Trump spoke. Trump met Donald Trump Jr. there. Later Trump spoke.",
         ["Donald Trump", "Donald Trump", "Donald Trump Jr.", "Donald Trump"]),
        ("Donald Trump Jr. met voters. Later Trump spoke.", ["Donald Trump Jr.", "Donald Trump Jr."]),
    ],
)
def test_father_and_son_keep_their_own_names(blank: Language, text: str, expected: list[str]) -> None:
    ents = [(m, "PERSON") for m in re.findall(r"(?:Donald )?Trump", text)]
    doc = _run(blank, text, ents)
    assert [e._.canonical for e in doc.ents] == expected


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        # with and without a middle initial: the form the article introduces
        ("Donald J. Trump won. Donald Trump spoke. Trump left.",
         ["Donald J. Trump", "Donald Trump", "Trump"], ["Donald J. Trump"] * 3),
        ("Attorney General Loretta E. Lynch spoke. Loretta Lynch left. Lynch said so.",
         ["Loretta E. Lynch", "Loretta Lynch", "Lynch"], ["Loretta E. Lynch"] * 3),
        ("Donald Trump won. Donald J. Trump spoke. Trump left.",
         ["Donald Trump", "Donald J. Trump", "Trump"], ["Donald Trump"] * 3),
        # with and without accents: one person, as first written
        ("Francois Hollande said no. President François Hollande left. Hollande was tired.",
         ["Francois Hollande", "François Hollande", "Hollande"], ["Francois Hollande"] * 3),
        # words before a name are the name: "Aung San Suu Kyi" is no longer form of "Suu Kyi",
        # and "Suu Kyi", the family name of several words, names her
        ("Aung San Suu Kyi arrived. Suu Kyi spoke.", ["Aung San Suu Kyi", "Suu Kyi"],
         ["Aung San Suu Kyi", "Aung San Suu Kyi"]),
        # a generational suffix is another person; so is another first name
        ("Donald Trump Jr. spoke. Donald Trump left.", ["Donald Trump Jr.", "Donald Trump"],
         ["Donald Trump Jr.", "Donald Trump"]),
        ("Mary Ann Smith spoke. John Smith left.", ["Mary Ann Smith", "John Smith"], ["Mary Ann Smith", "John Smith"]),
    ],
)
def test_longer_forms_of_a_full_name_share_it(blank: Language, text: str, ents: list[str],
                                              expected: list[str]) -> None:
    doc = _run(blank, text, [(e, "PERSON") for e in ents])
    assert [e._.canonical for e in doc.ents] == expected


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        ("Charlotte Mayor Jennifer Roberts said so.", [("Charlotte Mayor", "PERSON"), ("Jennifer Roberts", "PERSON")],
         [("Charlotte", "GPE"), ("Jennifer Roberts", "PERSON")]),
        # title words that are surnames too: not a place before them
        ("Larry King and Jim Justice spoke.", [("Larry King", "PERSON"), ("Jim Justice", "PERSON")],
         [("Larry King", "PERSON"), ("Jim Justice", "PERSON")]),
        # no capital letter: no name (a handle and an uncased script stay)
        ("They don’t like the murderer, said @jdoe in بيت today.",
         [("n’t", "GPE"), ("murderer", "PERSON"), ("@jdoe", "PERSON"), ("بيت", "GPE")],
         [("@jdoe", "PERSON"), ("بيت", "GPE")]),
    ],
)
def test_names_that_are_no_person(blank: Language, text: str, ents: list[tuple[str, str]],
                                  expected: list[tuple[str, str]]) -> None:
    assert [(e.text, e.label_) for e in _run(blank, text, ents).ents] == expected


@pytest.mark.parametrize(
    ("ents", "expected"),
    [
        ([("Obama Says", "PERSON")], [("Obama", "PERSON")]),  # the headline's verb trails the name
        ([("Black Caucus Foundation", "ORG")], [("Black Caucus Foundation", "ORG")]),  # a head word ends it
        ([("White House", "ORG"), ("White House", "ORG")], [("White House", "ORG"), ("White House", "ORG")]),
    ],
)
def test_headline_words_written_lower_case_in_the_body_leave_a_name(
        blank: Language, ents: list[tuple[str, str]], expected: list[tuple[str, str]]) -> None:
    text = ("Obama Says Black Caucus Foundation Backs White House Plan\n\n"
            "He says the black caucus foundation staff backed the plan at the White House, in a white house.")
    assert [(e.text, e.label_) for e in _run(blank, text, ents).ents] == expected


# --- country codes of places: cities, the article's country, world regions -----------------

@pytest.mark.parametrize(
    ("text", "ents", "mention", "code"),
    [
        # a city of GeoNames, coded though no country library lists it
        ("Protests in Tulsa went on.", [("Tulsa", "GPE")], "Tulsa", "US"),
        # a name shared by cities of several countries: the article's country decides ...
        ("The rally in Birmingham drew crowds from Alabama and Texas.",
         [("Birmingham", "GPE"), ("Alabama", "GPE"), ("Texas", "GPE")], "Birmingham", "US"),
        # ... and without one the most populous city of that name
        ("The rally in Birmingham drew crowds.", [("Birmingham", "GPE")], "Birmingham", "GB"),
        # a national capital stays in its country in a US article (Paris, Texas needs its state)
        ("From Texas and Ohio she flew to Paris.", [("Texas", "GPE"), ("Ohio", "GPE"), ("Paris", "GPE")],
         "Paris", "FR"),
        ("She grew up in Paris, Texas.", [("Paris", "GPE"), ("Texas", "GPE")], "Paris, Texas", "US"),
        # Georgia the state in an article about the US, the country elsewhere
        ("Voters in Georgia, Ohio and Texas went to the polls.",
         [("Georgia", "GPE"), ("Ohio", "GPE"), ("Texas", "GPE")], "Georgia", "US"),
        # ... but the country when listed beside another country, even in a US article
        ("In Texas and Ohio they recalled the invasions of Georgia and Ukraine.",
         [("Texas", "GPE"), ("Ohio", "GPE"), ("Georgia", "GPE"), ("Ukraine", "GPE")], "Georgia", "GE"),
        ("Russia and Georgia fought over Abkhazia near Tbilisi.",
         [("Russia", "GPE"), ("Georgia", "GPE"), ("Tbilisi", "GPE")], "Georgia", "GE"),
        # an AP state abbreviation after a city: one place
        ("He spoke in Raleigh, N.C., on Monday.", [("Raleigh", "GPE"), ("N.C.", "GPE")], "Raleigh, N.C.", "US"),
    ],
)
def test_place_country_codes(blank: Language, text: str, ents: list[tuple[str, str]], mention: str,
                             code: str) -> None:
    doc = _run(blank, text, ents)
    assert {e.text: e._.country_code for e in doc.ents}[mention] == code


def test_places_in_a_list_are_coded_one_by_one(blank: Language) -> None:
    doc = _run(blank, "Rallies in Tulsa, Benghazi and Lima.", [("Tulsa", "GPE"), ("Benghazi", "GPE"), ("Lima", "GPE")])
    assert [(e.text, e._.country_code, e._.region) for e in doc.ents] == [
        ("Tulsa", "US", "Americas"), ("Benghazi", "LY", "Africa"), ("Lima", "PE", "Americas")]


def test_person_named_like_a_city_is_no_place(blank: Language) -> None:
    """Cities code places; they never turn a person into one ("Jackson" is a city in Mississippi)."""
    doc = _run(blank, "Jackson said Paris Hilton agreed.", [("Jackson", "PERSON"), ("Paris Hilton", "PERSON")])
    assert [(e.label_, e._.country_code, e._.region) for e in doc.ents] == [("PERSON", "", ""), ("PERSON", "", "")]


def test_supranational_place_has_a_region_not_a_code(blank: Language) -> None:
    doc = _run(blank, "Leaders of the Middle East and Europe met.", [("the Middle East", "LOC"), ("Europe", "LOC")])
    assert [(e._.country_code, e._.kind, e._.region) for e in doc.ents] == [
        ("", "world region", "Asia"), ("", "world region", "Europe")]


# --- organisations: the gazetteer (models/en/organisations.csv) and sports results ----------

@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        # the model reads a result line as one organisation, scores included
        ("Leeds 2 Arsenal 1", [("Leeds 2 Arsenal 1", "ORG")], [("Leeds", "ORG"), ("Arsenal", "ORG")]),
        ("They beat Bayern Munich 2-1 on Sunday.", [("Bayern Munich 2-1", "ORG")], [("Bayern Munich", "ORG")]),
        # a team named after its town, beside its score and the other team's
        ("Chelsea 3 Tottenham 2", [("Chelsea", "GPE"), ("Tottenham", "GPE")], [("Chelsea", "ORG"), ("Tottenham", "ORG")]),
        ("Texas 21, Oklahoma 17", [("Texas", "GPE"), ("Oklahoma", "GPE")], [("Texas", "ORG"), ("Oklahoma", "ORG")]),
        # a tennis result's sets after a country the model read as a facility
        ("Goran Ivanisevic of Croatia 6-4 6-3 won .", [("Goran Ivanisevic", "PERSON"), ("Croatia 6-4 6-3", "FAC")],
         [("Goran Ivanisevic", "PERSON"), ("Croatia", "GPE")]),
        # no result: a number after a place, a name with a number in it
        ("He won Texas 2016 and Ohio.", [("Texas", "GPE"), ("Ohio", "GPE")], [("Texas", "GPE"), ("Ohio", "GPE")]),
        ("Channel 4 showed Route 66 in Texas 5 times.",
         [("Channel 4", "ORG"), ("Texas", "GPE")], [("Channel 4", "ORG"), ("Texas", "GPE")]),
    ],
)
def test_sports_results(blank: Language, text: str, ents: list[tuple[str, str]],
                        expected: list[tuple[str, str]]) -> None:
    assert [(e.text, e.label_) for e in _run(blank, text, ents).ents] == expected


def test_results_and_standings_lines_name_teams(blank: Language) -> None:
    """Names of result and standings lines are teams, tagged by the model or not; a sentence with
    numbers in it is no result line."""
    text = ("Results on Sunday :\nAston Villa 2 Leicester 1\nChelsea 0 Southampton 0 ( halftime 0-0 )\n"
            "Newcastle 3 3 0 0 9 3 9\nPolls in Ohio 2 weeks ago showed Clinton 3 points ahead .")
    doc = _run(blank, text, [("Leicester", "GPE"), ("Chelsea", "GPE"), ("Ohio", "GPE")])
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Aston Villa", "ORG"), ("Leicester", "ORG"), ("Chelsea", "ORG"), ("Southampton", "ORG"),
        ("Newcastle", "ORG"), ("Ohio", "GPE")]



@pytest.mark.parametrize(
    ("line", "players"),
    [
        ("Japan : 1 - Kenichi Shimokawa , 2 - Hiroshige Yanagimoto , 3 - Naoki Soma , 19 - Masakiyo Maezono "
         "( 7 - Masahiro Fukuda 66 )",
         ["Kenichi Shimokawa", "Hiroshige Yanagimoto", "Naoki Soma", "Masakiyo Maezono", "Masahiro Fukuda"]),
        # a particle inside a name, and a player known by one name among full names
        ("Ajax : 1 - Edwin van der Sar , 2 - Michael Reiziger , 10 - Jari Litmanen , 9 - Ronaldo",
         ["Edwin van der Sar", "Michael Reiziger", "Jari Litmanen", "Ronaldo"]),
        # negatives: two numbered names are no line-up; nor a numbered list of one-word names
        ("Syria : 24 - Salem Bitar , 3 - Bachar Srour", []),
        ("Fixtures : 1 - Chelsea , 2 - Leeds , 3 - Everton v Leeds", []),
        ("Leeds won 2 - 1 , then 3 - 0 , then 4 - 2 .", []),
    ],
)
def test_numbered_players_of_a_lineup_are_persons(blank: Language, line: str, players: list[str]) -> None:
    doc = blank(f"SOCCER - JAPAN WIN .\n{line}\nJapan won on Friday .")
    assert [(e.text, e.label_) for e in lineup_players(doc)] == [(p, "PERSON") for p in players]


def test_dateline_stays_a_place_beside_a_team_of_its_name(blank: Language) -> None:
    """A league's acronym before the sport still makes a sports story ("NBA BASKETBALL - ..."), whose
    standings make a team of "NEW YORK", but not of the dateline's city, nor by one label per name."""
    text = ("NBA BASKETBALL - STANDINGS .\nNEW YORK 1996-12-06\nNew York lost again .\nW L PCT GB\n"
            "MIAMI 14 4 .778 -\nNEW YORK 10 6 .625 3")
    doc = _run(blank, text, [("NEW YORK", "GPE"), ("New York", "GPE"), ("NEW YORK", "GPE")])
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("NEW YORK", "GPE"), ("New York", "ORG"), ("MIAMI", "ORG"), ("NEW YORK", "ORG")]


@pytest.mark.parametrize(("line", "header"), [("W L PCT GB", True), ("W D L F A PTS", True),
                                              ("UK TO ACT", False), ("MIAMI 14 4 .778 -", False)])
def test_table_header_in_capitals(line: str, header: bool) -> None:
    assert entities.is_table_header(line) is header


def test_players_of_a_cricket_scoreboard_are_persons(blank: Language) -> None:
    text = ("CRICKET - SCOREBOARD .\nAustralia first innings\nM. Slater c Campbell b Walsh 9\n"
            "M. Waugh lbw b Benjamin 38\nS. Waugh not out 66\nTotal ( for 3 wickets ) 113\n"
            "Bowling : Ambrose 18-5-49-1 , Walsh 20-4-60-1\nBishop said the pitch was slow .")
    doc = _run(blank, text, [("Australia", "GPE"), ("Campbell", "ORG"), ("Bishop", "ORG")])
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Australia", "GPE"), ("M. Slater", "PERSON"), ("Campbell", "PERSON"), ("Walsh", "PERSON"),
        ("M. Waugh", "PERSON"), ("Benjamin", "PERSON"), ("S. Waugh", "PERSON"), ("Ambrose", "PERSON"),
        ("Walsh", "PERSON"), ("Bishop", "ORG")]
    # the same lines outside a cricket story are left to the model
    other = _run(blank, text.replace("CRICKET", "SOCCER"), [("Campbell", "ORG")])
    assert [(e.text, e.label_) for e in other.ents] == [("Campbell", "ORG")]


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        # in a sports story the words before a team role are the team, and so are its other mentions
        ("SOCCER - ROUND UP .\nLeeds striker Tony Yeboah scored as Leeds won .\nArsenal manager Bruce Rioch was angry .",
         [("Leeds", "PRODUCT"), ("Tony Yeboah", "PERSON"), ("Leeds", "GPE"), ("Bruce Rioch", "PERSON")],
         [("Leeds", "ORG"), ("Tony Yeboah", "PERSON"), ("Leeds", "ORG"), ("Arsenal", "ORG"), ("Bruce Rioch", "PERSON")]),
        # negatives: a national team stays its country; a person; not a sports story; a tennis story
        ("SOCCER - ROUND UP .\nEngland coach Glenn Hoddle watched .", [("England", "GPE"), ("Glenn Hoddle", "PERSON")],
         [("England", "GPE"), ("Glenn Hoddle", "PERSON")]),
        ("SOCCER - ROUND UP .\nIt was Wright , the captain , and Wright captain Sam .",
         [("Wright", "PERSON"), ("Wright", "PERSON")], [("Wright", "PERSON"), ("Wright", "PERSON")]),
        ("Texas coach Tom Herman spoke .", [("Texas", "GPE"), ("Tom Herman", "PERSON")],
         [("Texas", "GPE"), ("Tom Herman", "PERSON")]),
        ("TENNIS - ROUND UP .\nMonaco coach Ion Tiriac spoke .", [("Monaco", "GPE"), ("Ion Tiriac", "PERSON")],
         [("Monaco", "GPE"), ("Ion Tiriac", "PERSON")]),
    ],
)
def test_team_before_a_role_in_a_sports_story(blank: Language, text: str, ents: list[tuple[str, str]],
                                              expected: list[tuple[str, str]]) -> None:
    assert [(e.text, e.label_) for e in _run(blank, text, ents).ents] == expected


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        # a leaderboard of a sport of people: the names after a score or a rank, with or without a country
        ("GOLF - GERMAN OPEN SCORES .\n134 Colin Montgomerie , Retief Goosen ( South Africa )",
         [("Colin Montgomerie", "PERSON"), ("South Africa", "GPE")],
         [("Colin Montgomerie", "PERSON"), ("Retief Goosen", "PERSON"), ("South Africa", "GPE")]),
        ("ATHLETICS - ZURICH RESULTS .\n2. Frankie Fredericks ( Namibia ) 20.04",
         [("Frankie Fredericks", "ORG"), ("Namibia", "GPE")], [("Frankie Fredericks", "PERSON"), ("Namibia", "GPE")]),
        # negatives: a team sport's table; one word; no sport's slug
        ("SOCCER - STANDINGS .\n1. Aston Villa 20", [("Aston Villa", "ORG")], [("Aston Villa", "ORG")]),
        ("GOLF - SCORES .\n134 Woosnam , Goosen", [], []),
        ("THE LIST .\n1. Blue Lagoon ( Iceland )", [("Iceland", "GPE")], [("Iceland", "GPE")]),
    ],
)
def test_players_of_a_leaderboard(blank: Language, text: str, ents: list[tuple[str, str]],
                                  expected: list[tuple[str, str]]) -> None:
    assert [(e.text, e.label_) for e in _run(blank, text, ents).ents] == expected


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        # a name beside a company noun (company_nouns.txt) is a company, the model's person or place alike
        ("Shares in Boots fell 3p . A Boots spokesman declined to comment .", [("Boots", "GPE"), ("Boots", "PERSON")],
         [("Boots", "ORG"), ("Boots", "ORG")]),
        ("Valeant shares fell on Monday after Valeant said sales were weak .", [("Valeant", "GPE"), ("Valeant", "GPE")],
         [("Valeant", "ORG"), ("Valeant", "ORG")]),
        # ... the model's organisation beside one outvotes its person reading elsewhere
        ("Hanson shareholders met in London . Hanson said profits would rise .",
         [("Hanson", "ORG"), ("London", "GPE"), ("Hanson", "PERSON")],
         [("Hanson", "ORG"), ("London", "GPE"), ("Hanson", "ORG")]),
        # ... and beside a newspaper's noun, after or before it
        ("He told the Handelsblatt daily and then the daily Tagesspiegel .",
         [("Handelsblatt", "PERSON"), ("Tagesspiegel", "GPE")], [("Handelsblatt", "ORG"), ("Tagesspiegel", "ORG")]),
        # negatives: a market is a place; a nationality; a person named in full keeps the family name
        ("Tokyo shares fell while European shares rose and shares in London were flat .",
         [("Tokyo", "GPE"), ("European", "NORP"), ("London", "GPE")],
         [("Tokyo", "GPE"), ("European", "NORP"), ("London", "GPE")]),
        ("Hillary Clinton spoke on Monday . A Clinton spokesman said later that she would return .",
         [("Hillary Clinton", "PERSON"), ("Clinton", "PERSON")], [("Hillary Clinton", "PERSON"), ("Clinton", "PERSON")]),
        # ... a full name before the noun; a noun in capitals (a headline)
        ("Clinton spokesman Brian Fallon spoke .", [("Brian Fallon", "PERSON")], [("Brian Fallon", "PERSON")]),
        ("Brian Fallon spokesman of the year .", [("Brian Fallon", "PERSON")], [("Brian Fallon", "PERSON")]),
        ("NEWS : Boots SHARES FALL .", [("Boots", "PERSON")], [("Boots", "PERSON")]),
        # a letter that folds onto an ASCII one in a case-blind match ("ſ" is "s") still finds the phrase
        ("A Boots ſpokesman declined to comment .", [("Boots", "PERSON")], [("Boots", "ORG")]),
    ],
)
def test_name_beside_a_company_noun_is_a_company(blank: Language, text: str, ents: list[tuple[str, str]],
                                                  expected: list[tuple[str, str]]) -> None:
    assert [(e.text, e.label_) for e in _run(blank, text, ents).ents] == expected


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a company the model left untagged: a proper noun, or a word opening a sentence that is no common word
        ("Dixons shares rose 5 percent after the results . A Dixons spokesman said sales were strong .",
         [("Dixons", "ORG"), ("Dixons", "ORG")]),
        # not "Company shares", nor the class letter of "Class A shares"
        ("Company shares rose after the report . Class A shares of the firm fell .", []),
    ],
)
def test_untagged_name_beside_a_company_noun(nlp: Language, text: str, expected: list[tuple[str, str]]) -> None:
    assert [(e.text, e.label_) for e in nlp(text).ents if e.label_ in ("ORG", "PERSON", "GPE")] == expected


_POS = {"NNP": "PROPN", "PRP$": "PRON", "DT": "DET", "JJ": "ADJ", "JJR": "ADJ", ",": "PUNCT", ".": "PUNCT", "VBZ": "VERB",
        "POS": "PART"}


def _apposed(blank: Language, name: list[str], label: str, phrase: list[tuple[str, str]], after: list[str],
             name_tags: list[str] | None = None) -> Doc:
    """A parsed sentence "NAME , PHRASE , AFTER" whose phrase's last word is the name's apposition:
    ``phrase`` is (word, tag) pairs; the name is tagged ``label`` ("" for none), its words NNP
    unless ``name_tags`` says otherwise."""
    words = [*name, ",", *(w for w, _ in phrase), ",", *after, "."]
    tags = (name_tags or ["NNP"] * len(name)) + [","] + [t for _, t in phrase] + [","] + ["VBZ"] * len(after) + ["."]
    last, noun = len(name) - 1, len(name) + len(phrase)
    verb = noun + 2
    heads = [last] * last + [verb] + [last] + [noun] * (len(phrase) - 1) + [last, last] + [verb] * (len(after) + 1)
    deps = ["compound"] * last + ["nsubj", "punct"] + ["amod"] * (len(phrase) - 1) + ["appos", "punct"]
    deps += ["ROOT" if i == 0 else "dobj" for i in range(len(after))] + ["punct"]
    if phrase[-1][1] == "POS":  # "the candidate 's": the noun before the marker is the apposition
        heads[noun - 1], deps[noun - 1], heads[noun], deps[noun] = last, "appos", noun - 1, "case"
    pos = [_POS.get(t, "NOUN") for t in tags]
    doc = Doc(blank.vocab, words=words, tags=tags, pos=pos, heads=heads, deps=deps)
    if label:
        doc.ents = [Span(doc, 0, len(name), label=label)]
    return entities.NewsEntities(RULES)(doc)


@pytest.mark.parametrize(
    ("name", "label", "phrase", "expected"),
    [
        # a noun of org_role_nouns.csv or an organisation's head word (heads.csv) in apposition
        (["Teck"], "PERSON", [("the", "DT"), ("Canadian", "JJ"), ("mining", "NN"), ("company", "NN")], "ORG"),
        (["Teck"], "", [("the", "DT"), ("mining", "NN"), ("company", "NN")], "ORG"),
        (["Robey", "Warshaw"], "PERSON", [("a", "DT"), ("firm", "NN")], "ORG"),
        (["Allergan"], "GPE", [("the", "DT"), ("smaller", "JJR"), ("company", "NN")], "ORG"),
        (["America", "Rising", "PAC"], "", [("an", "DT"), ("outside", "JJ"), ("group", "NN")], "ORG"),
        (["Perry", "High"], "PERSON", [("a", "DT"), ("school", "NN")], "ORG"),
        # negatives: a person by trade (a given name first); a known place, or a place's head word
        (["Richard", "Uihlein"], "PERSON", [("an", "DT"), ("Illinois", "NNP"), ("manufacturer", "NN")], "PERSON"),
        (["Louisiana"], "GPE", [("a", "DT"), ("Baton", "NNP"), ("Rouge", "NNP"), ("newspaper", "NN")], "GPE"),
        (["Tigray", "Province"], "GPE", [("the", "DT"), ("center", "NN")], "GPE"),
        # ... a person's role, a plural, no article, a noun owning the next word
        (["Smith"], "PERSON", [("the", "DT"), ("chairman", "NN")], "PERSON"),
        (["Teck"], "PERSON", [("the", "DT"), ("companies", "NNS")], "PERSON"),
        (["Teck"], "PERSON", [("mining", "NN"), ("company", "NN")], "PERSON"),
        (["Doral"], "PERSON", [("the", "DT"), ("candidate", "NN"), ("'s", "POS")], "PERSON"),
        # ... a nationality or an event is no name the noun corrects
        (["Republicans"], "NORP", [("the", "DT"), ("party", "NN")], "NORP"),
    ],
)
def test_a_name_an_appositive_calls_an_organisation_is_one(blank: Language, name: list[str], label: str,
                                                            phrase: list[tuple[str, str]], expected: str) -> None:
    doc = _apposed(blank, name, label, phrase, ["says", "so"])
    assert [(e.text, e.label_) for e in doc.ents if e.start == 0] == [(" ".join(name), expected)]


def _named_after(blank: Language, phrase: list[tuple[str, str]], name: list[str], label: str,
                 after: list[str]) -> Doc:
    """A parsed sentence "PHRASE NAME AFTER ." whose phrase's last word (a noun) is the sentence's
    subject and the name's last word its apposition; ``phrase`` is (word, tag) pairs."""
    words = [*(w for w, _ in phrase), *name, *after, "."]
    tags = [t for _, t in phrase] + ["NNP"] * len(name) + ["VBZ"] * len(after) + ["."]
    noun, last, verb = len(phrase) - 1, len(phrase) + len(name) - 1, len(phrase) + len(name)
    heads = [noun] * noun + [verb] + [last] * (len(name) - 1) + [noun] + [verb] * (len(after) + 1)
    deps = ["det"] + ["compound"] * (noun - 1) + ["nsubj"] + ["compound"] * (len(name) - 1) + ["appos"]
    deps += ["ROOT" if i == 0 else "dobj" for i in range(len(after))] + ["punct"]
    doc = Doc(blank.vocab, words=words, tags=tags, pos=[_POS.get(t, "NOUN") for t in tags], heads=heads, deps=deps)
    if label:
        doc.ents = [Span(doc, len(phrase), len(phrase) + len(name), label=label)]
    return entities.NewsEntities(RULES)(doc)


@pytest.mark.parametrize(
    ("phrase", "name", "label", "after", "expected"),
    [
        # the name right after the noun: "the law firm Mayer Brown", "the Iraqi activist group Mosul Eye"
        ([("the", "DT"), ("law", "NN"), ("firm", "NN")], ["Mayer", "Brown"], "PERSON", ["said", "so"], "ORG"),
        ([("the", "DT"), ("advocacy", "NN"), ("group", "NN")], ["Progress", "Iowa"], "FAC", ["said", "so"], "ORG"),
        ([("the", "DT"), ("group", "NN")], ["Code", "Pink"], "", ["said", "so"], "ORG"),
        # negatives: a person founding it (a given name first); a name going on after "for"
        ([("the", "DT"), ("centrist", "JJ"), ("organization", "NN")], ["Bill", "Clinton"], "PERSON", ["helped"],
         "PERSON"),
        ([("the", "DT"), ("group", "NN")], ["Club"], "", ["for", "Growth"], ""),
    ],
)
def test_a_name_after_a_noun_naming_an_organisation_is_one(blank: Language, phrase: list[tuple[str, str]],
                                                           name: list[str], label: str, after: list[str],
                                                           expected: str) -> None:
    doc = _named_after(blank, phrase, name, label, after)
    found = [(e.text, e.label_) for e in doc.ents if e.start == len(phrase)]
    assert found == ([(" ".join(name), expected)] if expected else [])


@pytest.mark.parametrize(
    ("before", "tag", "name"),
    [
        (["Our"], "PRP$", ["Principles", "PAC"]),  # an untagged run after a capitalised word is no whole name
        (["the"], "DT", ["Forward"]),  # after a lower-case word it is
    ],
)
def test_an_untagged_name_before_an_appositive_is_read_whole(blank: Language, before: list[str], tag: str,
                                                             name: list[str]) -> None:
    doc = _apposed(blank, [*before, *name], "", [("a", "DT"), ("group", "NN")], ["says", "so"],
                   [tag] + ["NNP"] * len(name))
    found = [(e.text, e.label_) for e in doc.ents]
    assert found == ([] if before[0][0].isupper() else [(" ".join(name), "ORG")])


@pytest.mark.model
def test_an_appositive_organisation_outvotes_the_models_person(nlp: Language) -> None:
    doc = nlp("Teck, the Canadian mining company, says the tax is fair. Teck has mines in Chile.")
    assert {(e.text, e.label_) for e in doc.ents if e.text == "Teck"} == {("Teck", "ORG")}


@pytest.mark.model
def test_an_appositive_opening_with_a_possessive_names_an_organisation(nlp: Language) -> None:
    doc = nlp("Vodafone, Britain's biggest mobile phone company, said sales rose in the quarter.")
    assert [(e.text, e.label_) for e in doc.ents if e.label_ != "DATE"] == [("Vodafone", "ORG"), ("Britain", "GPE")]


def test_company_phrases_load_from_the_models_dir() -> None:
    assert {"company", "newspaper", "airline"} <= RULES.org_nouns  # org_role_nouns.csv: "Teck, the company"
    phrases = set(RULES.company_nouns)
    assert {(("shares",), False), (("spokesman",), False), (("shares", "in"), True), (("the", "daily"), True)} <= phrases


def test_company_phrase_needs_the_name_at_one_end() -> None:
    lines = ["name shares", "shares in name", "name news agency", "shares", "a name b", "name name"]
    assert entities.parse_phrases(lines) == (
        (("news", "agency"), False), (("shares",), False), (("shares", "in"), True))


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        # a match summary: the scorers in the brackets after a score; halftime and attendance are no persons
        ("SOCCER - DUTCH SUMMARY .\nPSV Eindhoven 3 ( Nilis 20 , Jonk 35 pen , Numan 80 , 88 ) Vitesse Arnhem 1 "
         "( Reuser 60 ) . Halftime 2-0 . Attendance 28,000 .",
         [("PSV Eindhoven", "ORG"), ("Jonk", "GPE"), ("Vitesse Arnhem", "ORG"), ("Halftime", "PERSON"),
          ("Attendance", "PERSON")],
         [("PSV Eindhoven", "ORG"), ("Nilis", "PERSON"), ("Jonk", "PERSON"), ("Numan", "PERSON"),
          ("Vitesse Arnhem", "ORG"), ("Reuser", "PERSON")]),
        # a cricket total: batsmen's runs, bowlers' figures
        ("CRICKET - SCOREBOARD .\nPakistan 326 ( Ijaz Ahmed 141 , Moin Khan 105 not out ; Wasim Akram 3-68 )",
         [("Pakistan", "GPE")],
         [("Pakistan", "GPE"), ("Ijaz Ahmed", "PERSON"), ("Moin Khan", "PERSON"), ("Wasim Akram", "PERSON")]),
        # a common word that is the family name of a person named in full stays a person
        ("ATHLETICS - RESULTS .\nMichael Johnson won the 200 metres .\nJohnson 19.93 , Fredericks 20.05 .",
         [("Michael Johnson", "PERSON"), ("Johnson", "PERSON")], [("Michael Johnson", "PERSON"), ("Johnson", "PERSON")]),
        # negatives: brackets that hold no scorers; outside a sports story a person before a number stays
        # (a poll's "45-41" is a dashed score too)
        ("SOCCER - SUMMARY .\nLeeds 2 ( halftime 1-0 ) Arsenal 1 ( Wright scored twice )", [], []),
        ("Polls gave Clinton 45 to 41 , or 45-41 .", [("Clinton", "PERSON")], [("Clinton", "PERSON")]),
    ],
)
def test_scorers_of_a_match_summary_are_persons(blank: Language, text: str, ents: list[tuple[str, str]],
                                                 expected: list[tuple[str, str]]) -> None:
    assert [(e.text, e.label_) for e in _run(blank, text, ents).ents] == expected


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        # in sports copy (a sport's slug, or a dashed score) a team's other mentions are the team
        ("SOCCER - STANDINGS .\nArsenal trail leaders Liverpool .\nLiverpool 16 10 3 3 29 14 33",
         [("Arsenal", "ORG"), ("Liverpool", "GPE"), ("Liverpool", "GPE")],
         [("Arsenal", "ORG"), ("Liverpool", "ORG"), ("Liverpool", "ORG")]),
        ("Chelsea drew 1-1 in Leeds .\nLeeds 2 Arsenal 1", [("Chelsea", "ORG"), ("Leeds", "GPE")],
         [("Chelsea", "ORG"), ("Leeds", "ORG"), ("Leeds", "ORG"), ("Arsenal", "ORG")]),
        # not in other copy: an electoral table after sentences about the state
        ("Voters in Ohio were split .\nOhio was close .\nOhio 18 Iowa 6", [("Ohio", "GPE"), ("Ohio", "GPE")],
         [("Ohio", "GPE"), ("Ohio", "GPE"), ("Ohio", "GPE"), ("Iowa", "ORG")]),
    ],
)
def test_team_of_a_results_line_is_the_team_elsewhere_in_sports_copy(blank: Language, text: str,
                                                                    ents: list[tuple[str, str]],
                                                                    expected: list[tuple[str, str]]) -> None:
    assert [(e.text, e.label_) for e in _run(blank, text, ents).ents] == expected

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("RT and the I.R.S. said the Celtics would sell Netflix shares; the rt file was lost.", [
            ("RT", "ORG", "RT", "media outlet", "RU"),
            ("I.R.S.", "ORG", "Internal Revenue Service", "agency", "US"),
            ("Celtics", "ORG", "Boston Celtics", "organisation", "US"),
            ("Netflix", "ORG", "Netflix", "company", "US"),
        ]),
        # national parliaments; "Duma" only after "the" (a Syrian town has the name)
        ("The State Duma, the Knesset and the Dail voted; Duma is a town.", [
            ("State Duma", "ORG", "State Duma", "agency", "RU"),
            ("Knesset", "ORG", "Knesset", "agency", "IL"),
            ("Dail", "ORG", "Dáil Éireann", "agency", "IE"),
        ]),
        ("Lebed told the Duma the war was a mistake.", [("Duma", "ORG", "State Duma", "agency", "RU")]),
    ],
)
def test_organisation_gazetteer(blank: Language, text: str, expected: list[tuple[str, ...]]) -> None:
    """Rows of models/en/organisations.csv are ruler patterns (case-sensitive) and aliases."""
    from pipeline.stages import nlp as nlp_mod

    nlp = nlp_mod.add_components(blank, MODELS_DIR)
    doc = nlp(text)
    assert [(e.text, e.label_, e._.canonical, e._.kind, e._.country_code) for e in doc.ents] == expected


def test_leagues_are_aliases_not_gazetteer_phrases(blank: Language) -> None:
    """Leagues and sports' governing bodies have canonical names (models/en/aliases.csv), but no
    ruler phrase that would cut the model's longer names ("UEFA Champions League")."""
    doc = _run(blank, "The NBA and the IOC met at the UEFA Champions League final.",
               [("NBA", "ORG"), ("IOC", "ORG"), ("UEFA Champions League", "ORG")])
    assert [(e.text, e._.canonical, e._.country_code) for e in doc.ents] == [
        ("NBA", "National Basketball Association", "US"), ("IOC", "International Olympic Committee", "CH"),
        ("UEFA Champions League", "UEFA Champions League", "")]
    from pipeline.stages import nlp as nlp_mod

    ruled = nlp_mod.add_components(spacy.blank("en"), MODELS_DIR)("The UEFA Champions League final.")
    assert not ruled.ents


def test_a_sport_alone_is_no_name(blank: Language) -> None:
    """Wire copy heads sports stories with the sport ("CRICKET - ..."): not an organisation
    (models/en/sports.txt); a name containing one stays ("Rugby Football Union")."""
    doc = _run(blank, "CRICKET - Rugby Union and the Rugby Football Union met.",
               [("CRICKET", "ORG"), ("Rugby Union", "ORG"), ("Rugby Football Union", "ORG")])
    assert [e.text for e in doc.ents] == ["Rugby Football Union"]


def test_headline_verb_the_body_writes_in_another_form_leaves_the_name(blank: Language) -> None:
    text = "Obama Says Museum Will Tell Its Story\n\nThe president said the museum would open."
    doc = blank(text)
    said = next(t for t in doc if t.text == "said")
    said.lemma_, said.pos_ = "say", "VERB"
    doc.ents = [doc.char_span(0, 10, label="PERSON")]
    assert [(e.text, e.label_) for e in entities.NewsEntities(RULES)(doc).ents] == [("Obama", "PERSON")]
    # a name word that is no verb form of the body stays whole
    text = "Russell Means Will Speak Today\n\nThe activist spoke for an hour."
    doc = blank(text)
    doc.ents = [doc.char_span(0, 13, label="PERSON")]
    assert [(e.text, e.label_) for e in entities.NewsEntities(RULES)(doc).ents] == [("Russell Means", "PERSON")]


# --- news layouts: national teams, datelines, ALL-CAPS headlines, headline names, companies --

@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        # a national team is written as its country and stays a place; a club is an organisation
        ("Norway 1 Brazil 2", [("Norway 1 Brazil 2", "ORG")], [("Norway", "GPE"), ("Brazil", "GPE")]),
        ("Brazil beat Norway 2-1 on Friday.", [("Brazil", "GPE"), ("Norway", "GPE")],
         [("Brazil", "GPE"), ("Norway", "GPE")]),
        ("England 3 Leeds 1", [("England", "GPE"), ("Leeds", "GPE")], [("England", "GPE"), ("Leeds", "ORG")]),
    ],
)
def test_national_teams_stay_places(blank: Language, text: str, ents: list[tuple[str, str]],
                                    expected: list[tuple[str, str]]) -> None:
    assert [(e.text, e.label_) for e in _run(blank, text, ents).ents] == expected


def test_national_team_in_standings_line_is_a_place(blank: Language) -> None:
    doc = _run(blank, "Standings :\nBrazil 3 2 0 1 6 3 6\nLeeds 3 1 1 1 5 4 4", [])
    assert [(e.text, e.label_) for e in doc.ents] == [("Brazil", "GPE"), ("Leeds", "ORG")]


def test_baseball_standings_lines_name_teams(blank: Language) -> None:
    """Standings with percentages and games behind ("W L PCT GB"); three numbers are no table."""
    text = ("EASTERN DIVISION\nW L PCT GB\nNEW YORK 74 58 .561 -\nBaltimore 67 65 .508 7\n"
            "Toronto 61 72 .459 13 1/2\nPolls 12 34 56\n")
    doc = _run(blank, text, [("NEW YORK", "GPE"), ("Baltimore", "GPE")])
    assert [(e.text, e.label_) for e in doc.ents] == [("NEW YORK", "ORG"), ("Baltimore", "ORG"), ("Toronto", "ORG")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SOCCER - LEEDS HOLD ARSENAL .\nOSLO 1996-08-30\nLeeds drew 1-1 on Saturday .", ["OSLO"]),
        ("Title.\n\nWASHINGTON, June 10 (UPI) — Clinton spoke on Friday.", ["WASHINGTON"]),
        ("Title.\n\nMEXICO CITY - The rise of a candidate alarmed officials.", ["MEXICO CITY"]),
        ("AL-AIN , United Arab Emirates 1996-12-06\nThe match was drawn .", ["AL-AIN"]),
        # a wire topic's place before a colon
        ("RUSSIA : Yeltsin to return to Kremlin on Monday .\nMOSCOW 1996-12-06\nYeltsin spoke .", ["RUSSIA", "MOSCOW"]),
        # a sport's slug heading a capitals headline, a capitals line, a lone word, no place before a colon:
        # no dateline
        ("CRICKET - LARA SCORES 200 .\nNATO - the alliance - met .\nABSTRACT.\nText here.", []),
        ("TRUMP : I will win the election .\nNATO : the alliance met .\nCLINTON: Honestly, I do .", []),
    ],
)
def test_dateline_places(blank: Language, text: str, expected: list[str]) -> None:
    doc = blank(text)
    found = entities.dateline_places(doc, text, RULES.sports, entities.NewsEntities(RULES)._is_place)
    assert [(s.text, s.label_) for s in found] == [(name, "GPE") for name in expected]


def test_true_case_takes_the_body_casing() -> None:
    line = "SOCCER - BRAZIL BEAT NORWAY IN OSLO FRIENDLY ."
    cased = {"brazil": "Brazil", "beat": "beat", "norway": "Norway"}

    def is_name(word: str) -> bool:
        return word.lower() == "oslo"
    out = entities.true_case(line, {"SOCCER"}, cased, is_name)
    # friendly: a common English word the body does not write; Oslo: a known place
    assert out == "SOCCER - Brazil beat Norway in Oslo friendly ." and len(out) == len(line)
    # a rare word that the body does not write is a name
    assert entities.true_case("YELTSIN WINS VOTE", set(), {}, lambda w: False) == "Yeltsin wins vote"


def test_true_case_lowers_another_inflection_of_a_body_word() -> None:
    def is_name(words: str) -> bool:
        return words.lower() in ("united states", "north korea")
    cased = {"warned": "warned", "denied": "denied"}
    lowered = entities.lower_stems(cased)
    out = entities.true_case("UNITED STATES WARNS NORTH KOREA", set(), cased, is_name, lowered)
    assert out == "United States warns North Korea"  # "Warns" made the model miss the country
    assert entities.true_case("KASICH DENIES REPORT", set(), cased, is_name, lowered) == "Kasich denies report"
    # a name the body writes capitalised keeps its form, whatever its stem
    assert entities.true_case("BANKS WINS", set(), {"banks": "Banks", "bank": "bank"}, is_name,
                              entities.lower_stems({"bank": "bank"})) == "Banks wins"
    # without the body's word, a rare inflection stays a name's case; with it, lower case
    assert entities.true_case("BOCHUM REBUFFS", set(), {}, is_name) == "Bochum Rebuffs"
    assert entities.true_case("BOCHUM REBUFFS", set(), {"rebuffed": "rebuffed"}, is_name,
                              entities.lower_stems({"rebuffed": "rebuffed"})) == "Bochum rebuffs"


def test_true_case_lowers_words_of_a_million_english_words() -> None:
    """A word the body lacks is lower case when English uses it about once in a million words
    or more (wordfreq's Zipf 3): "underdog" (3.3), "murderers" (3.5) and "inaugural" (3.7) had
    been capitals, and the model took them for names; a rarer word stays capitalised."""
    out = entities.true_case("UNDERDOG TENNEY BEATS MURDERERS AT INAUGURAL RACE", set(), {}, lambda w: False)
    assert out == "underdog Tenney beats murderers at inaugural race"


def test_true_case_keeps_the_word_after_a_given_name() -> None:
    """"ANN COULTER: ..." heading a column whose body never names its author: "coulter" is a
    common enough English word, but after a given name it is a family name; not when the body
    writes the word in lower case, nor a small word, nor after a name that is no given name."""
    given = frozenset({"ann", "carly"})
    assert entities.true_case("ANN COULTER: AND THEN", set(), {}, lambda w: False, given=given) == "Ann Coulter: and then"
    assert entities.true_case("ANN COULTER", set(), {"coulter": "coulter"}, lambda w: False, given=given) == "ann coulter"
    assert entities.true_case("CARLY AND TED", set(), {}, lambda w: False, given=given) == "carly and ted"
    assert entities.true_case("ANN COULTER", set(), {}, lambda w: False) == "ann coulter"
    # the body writes the word in capitals: an acronym; a family name that is a given name too
    assert entities.true_case("ANN PAC", set(), {"pac": "PAC"}, lambda w: False, given=given) == "ann PAC"
    assert entities.true_case("ANN CARLY THINKS", set(), {}, lambda w: False, given=given) == "Ann Carly thinks"


def test_true_case_keeps_a_known_name_of_several_common_words() -> None:
    def is_name(words: str) -> bool:
        return words.lower() in ("south africa", "new zealand")
    out = entities.true_case("NEW ZEALAND BEAT SOUTH AFRICA IN NEW TEST", set(), {"beat": "beat"}, is_name)
    # "new" alone is a common word; "New Zealand" together is a name
    assert out == "New Zealand beat South Africa in new test"


def test_body_casing_skips_sentence_starts_and_caps_lines(blank: Language) -> None:
    text = "BANKS REPORT PROFITS\nBanks said Deutsche Bank and other banks rose ."
    doc = blank(text)
    cased = entities.body_casing(doc, [(0, 20)])
    assert cased["banks"] == "banks" and cased["deutsche"] == "Deutsche" and "report" not in cased


@pytest.mark.model
def test_all_caps_headline_cased_by_the_body(nlp: Language) -> None:
    text = ("SOCCER - BRAZIL BEAT NORWAY IN FRIENDLY .\nOSLO 1996-08-30\n"
            "Brazil beat Norway 2-1 in a friendly international on Friday .")
    found = {(e.text, e.label_) for e in nlp(text).ents}
    assert {("BRAZIL", "GPE"), ("NORWAY", "GPE"), ("OSLO", "GPE")} <= found
    assert not any(e.label_ == "PERSON" for e in nlp(text).ents)


@pytest.mark.model
def test_city_named_as_a_common_word_is_no_name_in_a_capitals_headline(nlp: Language) -> None:
    """"Surprise" is a city in Arizona, but written alone as a common word it is lower case in the
    cased copy ("China in surprise defeat"); a country named as a common word keeps its capital."""
    text = ("SOCCER - TURKEY IN SURPRISE DEFEAT .\nAL-AIN 1996-12-06\n"
            "Turkey lost 1-0 to Syria in a Group C match on Friday .")
    found = [(e.text, e.label_) for e in nlp(text).ents]
    assert ("TURKEY", "GPE") in found and not any(e[0] == "SURPRISE" for e in found)


def test_headline_name_cut_into_the_body_names(blank: Language) -> None:
    text = "Hillary Clinton Slams Planned Parenthood On Abortion\n\nHillary Clinton blasted Planned Parenthood."
    doc = _run(blank, text, [("Hillary Clinton Slams Planned Parenthood On", "PERSON"), ("Hillary Clinton", "PERSON"),
                             ("Planned Parenthood", "ORG")])
    assert [(e.text, e.label_) for e in doc.ents][:2] == [("Hillary Clinton", "PERSON"), ("Planned Parenthood", "ORG")]


@pytest.mark.parametrize(
    ("head", "first"),
    [
        ("Hillary", "Hillary Clinton"),  # the body writes the family name alone: the given name stays with it
        ("Democrat", "Clinton"),  # a word before it that is no given name goes, as before
    ],
)
def test_headline_given_name_stays_with_the_body_family_name(blank: Language, head: str, first: str) -> None:
    text = f"{head} Clinton Goes After Donald Trump\n\nClinton attacked her opponent. Clinton said so."
    doc = _run(blank, text, [(f"{head} Clinton Goes", "PERSON"), ("Donald Trump", "PERSON"), ("Clinton", "PERSON"),
                             ("Clinton", "PERSON")])
    assert doc.ents[0].text == first


def test_headline_name_with_a_head_word_or_unknown_to_the_body_stays(blank: Language) -> None:
    text = "New York Times Poll Shows Gains\n\nThe poll by the paper in New York was small."
    doc = _run(blank, text, [("New York Times Poll", "ORG"), ("New York", "GPE")])
    assert doc.ents[0].text == "New York Times"  # not "New York"; "Poll" goes as a word of the body
    text = "Billy Bush Joins Today Show\n\nThe anchor is joining the show."
    doc = _run(blank, text, [("Billy Bush Joins Today", "PERSON")])
    assert doc.ents[0].text == "Billy Bush Joins Today"


def test_place_before_a_title_does_not_qualify_the_person_before_it(blank: Language) -> None:
    text = "Former Florida Gov. Jeb Bush, Kentucky Sen. Rand Paul and others tied."
    doc = _run(blank, text, [("Florida", "GPE"), ("Jeb Bush", "PERSON"), ("Kentucky", "GPE"), ("Rand Paul", "PERSON")])
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Florida", "GPE"), ("Jeb Bush", "PERSON"), ("Kentucky", "GPE"), ("Rand Paul", "PERSON")]
    # a place qualified by its state still is one place
    doc = _run(blank, "They met in Shell Knob, Missouri on Friday.", [("Shell Knob", "PERSON"), ("Missouri", "GPE")])
    assert [(e.text, e.label_) for e in doc.ents] == [("Shell Knob, Missouri", "GPE")]


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        ("Shares in Daimler-Benz AG fell .", [("Daimler-Benz", "ORG")], [("Daimler-Benz AG", "company")]),
        ("Siemens AG and Bayer AG rose .", [("Siemens", "ORG"), ("AG", "ORG")],
         [("Siemens AG", "company"), ("Bayer AG", "company")]),
        ("Philips NV and Akzo Nobel NV fell .", [("Philips NV and Akzo Nobel NV", "ORG")],
         [("Philips NV", "company"), ("Akzo Nobel NV", "company")]),
        ("Broken Hill Proprietary Co Ltd said .", [("Broken Hill", "GPE")],
         [("Broken Hill Proprietary Co Ltd", "company")]),
        ("The Cable and Wireless Plc board met .", [], [("Cable and Wireless Plc", "company")]),
        ("Sime Darby Bhd rose .", [("Darby Bhd", "PERSON")], [("Sime Darby Bhd", "company")]),
        # no capitalised name before it, or a date: no company
        ("He said as much at AG level on Monday AG .", [("Monday", "DATE")], [("Monday", "date")]),
    ],
)
def test_legal_forms_make_companies(blank: Language, text: str, ents: list[tuple[str, str]],
                                    expected: list[tuple[str, str]]) -> None:
    assert [(e.text, e._.kind) for e in _run(blank, text, ents).ents] == expected


def test_organisation_starting_with_a_given_name_is_a_person(blank: Language) -> None:
    text = "Former Hewlett-Packard CEO Carly Fiorina spoke. James Madison University and John Lewis Plc agreed."
    doc = _run(blank, text, [("Carly Fiorina", "ORG"), ("James Madison University", "ORG"), ("John Lewis Plc", "ORG")])
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Carly Fiorina", "PERSON"), ("James Madison University", "ORG"), ("John Lewis Plc", "ORG")]


def test_dc_and_regions_of_the_united_states_are_coded(blank: Language) -> None:
    doc = _run(blank, "From DC to New England and the Rust Belt.", [("DC", "GPE"), ("New England", "LOC"), ("Rust Belt", "GPE")])
    assert [(e.text, e.label_, e._.country_code) for e in doc.ents] == [
        ("DC", "GPE", "US"), ("New England", "LOC", "US"), ("Rust Belt", "LOC", "US")]


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        # a known place and a plural nickname: a team
        ("Shula coached the Miami Dolphins for years.", [("Miami Dolphins", "GPE")], [("Miami Dolphins", "ORG")]),
        ("Todd McLellan ( San Jose Sharks )", [("San Jose Sharks", "LOC")], [("San Jose Sharks", "ORG")]),
        # a club's prefix starts the name, or stands before the span
        ("He played for Maccabi Tel Aviv .", [("Maccabi Tel Aviv", "GPE")], [("Maccabi Tel Aviv", "ORG")]),
        ("He played for FC Spartak Trnava .", [("Spartak Trnava", "PERSON")], [("FC Spartak Trnava", "ORG")]),
        ("He joined Real Kakamora .", [("Real Kakamora", "PERSON")], [("Real Kakamora", "ORG")]),
        # negatives: a place that ends in a plural, a place word, a person, a lower-case prefix
        ("He lives in Colorado Springs now.", [("Colorado Springs", "GPE")], [("Colorado Springs", "GPE")]),
        ("Growth in Germantown Hills was fast.", [("Germantown Hills", "GPE")], [("Germantown Hills", "GPE")]),
        ("He met Paul Bowles in Tangier.", [("Paul Bowles", "PERSON")], [("Paul Bowles", "PERSON")]),
        ("Texas Republicans met today.", [("Texas Republicans", "NORP")], [("Texas Republicans", "NORP")]),
        ("It was as Smith said.", [("Smith", "PERSON")], [("Smith", "PERSON")]),
    ],
)
def test_teams_read_as_places_or_people_are_organisations(blank: Language, text: str,
                                                            ents: list[tuple[str, str]],
                                                            expected: list[tuple[str, str]]) -> None:
    assert [(e.text, e.label_) for e in _run(blank, text, ents).ents] == expected


@pytest.mark.parametrize(("name", "kind"), [("Effia Nkwanta Regional Hospital", "organisation"),
                                            ("Boston and Maine Railroad", "company"),
                                            ("Chicago Tribune", "media outlet")])
def test_more_organisation_head_words(blank: Language, name: str, kind: str) -> None:
    doc = _run(blank, f"It was {name} then.", [(name, "PERSON")])
    assert (doc.ents[0].label_, doc.ents[0]._.kind) == ("ORG", kind)


@pytest.mark.parametrize("name", ["Davis Cup", "Japanese Grand Prix", "U.S. Open", "Boston Marathon"])
def test_a_competition_is_an_event_not_an_organisation(blank: Language, name: str) -> None:
    doc = _run(blank, f"It was the {name} then.", [(name, "ORG")])
    assert (doc.ents[0].label_, doc.ents[0]._.kind) == ("EVENT", "event")


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        # untagged or place-tagged clubs beside a result verb, on a line with a score
        ("Leeds beat Arsenal 2-1 on Saturday.", [], [("Leeds", "ORG"), ("Arsenal", "ORG")]),
        ("Arsenal lost 2-1 to Leeds at home.", [("Leeds", "GPE")], [("Arsenal", "ORG"), ("Leeds", "ORG")]),
        ("The Yankees beat the Red Sox 5-3 .", [], [("Yankees", "ORG"), ("Red Sox", "ORG")]),
        # negatives: national teams stay places, people stay people, no score no team
        ("Brazil beat Norway 2-1 .", [("Brazil", "GPE"), ("Norway", "GPE")], [("Brazil", "GPE"), ("Norway", "GPE")]),
        ("Pete Sampras beat Jim Courier 6-3 6-4 .", [], []),
        ("Sampras beat Courier 6-3 .", [("Sampras", "PERSON")], [("Sampras", "PERSON"), ("Courier", "ORG")]),
        ("Ohio beat the deadline by two days .", [("Ohio", "GPE")], [("Ohio", "GPE")]),
        ("Ohio beat Texas to the deadline .\nIt ended 2-1 .", [("Ohio", "GPE"), ("Texas", "GPE")],
         [("Ohio", "GPE"), ("Texas", "GPE")]),
        # a story headed by a sport's slug: no score needed, and the team's other mentions follow
        ("CRICKET - KENT WIN .\nKent beat Somerset by an innings .\nThey bowled Somerset out .",
         [("Somerset", "GPE"), ("Somerset", "GPE")], [("Kent", "ORG"), ("Somerset", "ORG"), ("Somerset", "ORG")]),
        ("POLITICS - VOTERS BACK LEVY .\nOhio beat Texas in the race for the plant .",
         [("Ohio", "GPE"), ("Texas", "GPE")], [("Ohio", "GPE"), ("Texas", "GPE")]),
        ("SOCCER - ROUND UP .\nKent lost a match against Surrey .", [], [("Kent", "ORG"), ("Surrey", "ORG")]),
        # the team after "by"; a venue after "at" stays a place
        ("Leeds were beaten 2-1 by Arsenal at Coventry .", [("Coventry", "GPE")],
         [("Arsenal", "ORG"), ("Coventry", "GPE")]),
        # a story of a sport of people: players, no teams
        ("TENNIS - ROUND UP .\nSampras beat Courier 6-3 .", [("Sampras", "PERSON")], [("Sampras", "PERSON")]),
        # a result the model read as a product: the team before the score
        ("Tottenham beat Leeds 2-0 .", [("Tottenham", "GPE"), ("Leeds 2-0", "PRODUCT")],
         [("Tottenham", "ORG"), ("Leeds", "ORG")]),
        ("The Boeing 747 Jumbo landed .", [("Boeing 747 Jumbo", "PRODUCT")], [("Boeing 747 Jumbo", "PRODUCT")]),
        # a competition after a result verb is no team
        ("MOTOR RACING - HILL WINS .\nHill won the Japanese Grand Prix on Sunday .", [("Hill", "PERSON")],
         [("Hill", "PERSON")]),
        # a short word in capitals is part of a club's name; a longer one is not
        ("PSV Eindhoven beat Twente 3-0 .", [], [("PSV Eindhoven", "ORG"), ("Twente", "ORG")]),
        ("BRIEFING Leeds beat Arsenal 2-1 .", [], [("Leeds", "ORG"), ("Arsenal", "ORG")]),
    ],
)
def test_teams_beside_a_result_verb(blank: Language, text: str, ents: list[tuple[str, str]],
                                    expected: list[tuple[str, str]]) -> None:
    assert [(e.text, e.label_) for e in _run(blank, text, ents).ents] == expected


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        # a club of the gazetteer and a city of its country, in sports copy: one team
        ("Ajax Amsterdam and Feyenoord drew 1-1 .", [("Ajax", "ORG"), ("Amsterdam", "GPE"), ("Feyenoord", "ORG")],
         [("Ajax Amsterdam", "ORG"), ("Feyenoord", "ORG")]),
        ("SOCCER - ROUND UP .\nAjax Amsterdam coach Louis van Gaal was angry .", [("Ajax", "ORG"), ("Amsterdam", "GPE")],
         [("Ajax Amsterdam", "ORG")]),
        # negatives: not sports copy; a city of another country
        ("Ajax Amsterdam opened a store .", [("Ajax", "ORG"), ("Amsterdam", "GPE")],
         [("Ajax", "ORG"), ("Amsterdam", "GPE")]),
        ("SOCCER - ROUND UP .\nThe Ajax London office closed .", [("Ajax", "ORG"), ("London", "GPE")],
         [("Ajax", "ORG"), ("London", "GPE")]),
    ],
)
def test_club_and_its_city_are_one_team(blank: Language, text: str, ents: list[tuple[str, str]],
                                        expected: list[tuple[str, str]]) -> None:
    assert [(e.text, e.label_) for e in _run(blank, text, ents).ents if e.label_ != "NORP"] == expected


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        # a headline's surname in capitals is the person the body names in full, tagged or not
        ("SOCCER - KLINSMANN SCORES .\nJuergen Klinsmann scored twice .", [("KLINSMANN", "ORG"), ("Juergen Klinsmann", "PERSON")],
         [("KLINSMANN", "PERSON"), ("Juergen Klinsmann", "PERSON")]),
        ("TENNIS - SAMPRAS WINS .\nPete Sampras won .", [("Pete Sampras", "PERSON")],
         [("SAMPRAS", "PERSON"), ("Pete Sampras", "PERSON")]),
        ("MCCAIN WINS .\nJohn McCain won .", [("John McCain", "PERSON")],
         [("MCCAIN", "PERSON"), ("John McCain", "PERSON")]),
        # an acronym the model put in a "person" stays what it is
        ("The Junge SVP met . The SVP won .", [("Junge SVP", "PERSON"), ("SVP", "ORG")], [("Junge SVP", "PERSON")]),
        # not a common English word in capitals
        ("PRICES RISE IN MAY .\nTheresa May spoke .", [("Theresa May", "PERSON")], [("Theresa May", "PERSON")]),
        # tagged a place: a family name still is the person, a first word of a "person" is not
        ("MANDELA MEETS BUTHELEZI .\nNelson Mandela met him .", [("MANDELA", "LOC"), ("Nelson Mandela", "PERSON")],
         [("MANDELA", "PERSON"), ("Nelson Mandela", "PERSON")]),
        ("ORLANDO MOURNS .\nThe Orlando Sentinel reported .", [("ORLANDO", "GPE"), ("Orlando Sentinel", "PERSON")],
         [("Orlando Sentinel", "PERSON")]),
    ],
)
def test_a_headline_surname_in_capitals_is_the_person(blank: Language, text: str, ents: list[tuple[str, str]],
                                                      expected: list[tuple[str, str]]) -> None:
    assert [(e.text, e.label_) for e in _run(blank, text, ents).ents if e.label_ == "PERSON"] == [
        x for x in expected if x[1] == "PERSON"]


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        # a full name written again untagged is one person, not a given name and a surname apart
        ("How Donald Trump Could Become President\n\nDonald Trump could win .", [("Donald Trump", "PERSON")],
         [("Donald Trump", "Donald Trump"), ("Donald Trump", "Donald Trump")]),
        # in capitals too, with the body's full name as canonical
        ("UNITED STATES WARNS DONALD TRUMP\n\nThe warning reached Donald Trump .", [("Donald Trump", "PERSON")],
         [("DONALD TRUMP", "Donald Trump"), ("Donald Trump", "Donald Trump")]),
        # a "person" of lower-case words the model made is not looked for again (and "pro-" is
        # no part of the name: models/en/name_prefixes.txt)
        ("The pro-Rubio group spent more . Marco Rubio thanked the pro-Rubio group .",
         [("pro-Rubio", "PERSON"), ("Marco Rubio", "PERSON")],
         [("Rubio", "Marco Rubio"), ("Marco Rubio", "Marco Rubio")]),
        ("The new-Rubio group spent more . Marco Rubio thanked the new-Rubio group .",
         [("new-Rubio", "PERSON"), ("Marco Rubio", "PERSON")],
         [("new-Rubio", "new-Rubio"), ("Marco Rubio", "Marco Rubio")]),
    ],
)
def test_a_full_name_written_again_untagged_is_one_person(blank: Language, text: str, ents: list[tuple[str, str]],
                                                          expected: list[tuple[str, str]]) -> None:
    doc = _run(blank, text, ents)
    assert [(e.text, e._.canonical) for e in doc.ents if e.label_ == "PERSON"] == expected


def test_a_full_name_in_capitals_tagged_by_the_model_takes_the_body_s_form(blank: Language) -> None:
    doc = _run(blank, "DONALD TRUMP WINS\n\nDonald Trump won .", [("DONALD TRUMP", "PERSON"), ("Donald Trump", "PERSON")])
    assert [e._.canonical for e in doc.ents if e.label_ == "PERSON"] == ["Donald Trump", "Donald Trump"]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a sport's slug before the headline no longer hides the first name from the model
        ("CRICKET - PAKISTAN BEAT ENGLAND BY NINE WICKETS\n\nLONDON 1996-08-31\n\nPakistan beat England by nine "
         "wickets in the third test at The Oval on Saturday.", "PAKISTAN"),
        # a headline's verb the body writes in another form is no part of the name before it
        ("UNITED STATES WARNS NORTH KOREA OVER MISSILE TESTS\n\nWASHINGTON 1996-08-30\n\nThe United States on "
         "Friday warned North Korea that further missile tests would draw sanctions.", "UNITED STATES"),
    ],
)
def test_a_capitals_headline_keeps_its_first_place(nlp: Language, text: str, name: str) -> None:
    assert (name, "GPE") in [(e.text, e.label_) for e in nlp(text).ents]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "company"),
    [
        ("Shares of General Motors Corp fell on Wall Street on Monday.", "General Motors Corp"),
        ("Employees of Volvo AB went on strike in Gothenburg.", "Volvo AB"),
        # a proper noun before "of" is part of the name
        ("Bank of America Corp said its profits rose.", "Bank of America Corp"),
    ],
)
def test_a_common_plural_and_its_of_start_no_company_name(nlp: Language, text: str, company: str) -> None:
    assert (company, "ORG") in [(e.text, e.label_) for e in nlp(text).ents]


def test_organisation_written_again_where_the_model_tagged_a_part(blank: Language) -> None:
    """"Did the Clinton Foundation refuse": the model tagged "Clinton" alone, a person; the
    article names the Clinton Foundation elsewhere, so this is the organisation too, and an
    untagged "Clinton Foundation" as well."""
    text = "Hillary Clinton spoke. The Clinton Foundation paid. Did the Clinton Foundation refuse? Clinton Foundation staff left."
    doc = _run(blank, text, [("Hillary Clinton", "PERSON"), ("Clinton Foundation", "ORG"), ("Clinton", "PERSON")])
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Hillary Clinton", "PERSON"), ("Clinton Foundation", "ORG"), ("Clinton Foundation", "ORG"),
        ("Clinton Foundation", "ORG")]


@pytest.mark.parametrize("text, ents, kept", [
    # the whole name tagged another way keeps its label here (one label per name decides later)
    ("Rep. Hakeem Jeffries spoke. News of Hakeem Jeffries came.", [("Hakeem Jeffries", "PERSON"),
                                                                  ("Hakeem Jeffries", "ORG")], "Hakeem Jeffries"),
    # an entity crossing the name's edge: a longer name
    ("The Clinton Foundation paid. The Clinton Foundation Trust paid.", [("Clinton Foundation", "ORG"),
                                                                        ("Clinton Foundation Trust", "ORG")],
     "Clinton Foundation Trust"),
])
def test_organisation_written_again_keeps_a_whole_or_longer_name(blank: Language, text: str,
                                                                 ents: list[tuple[str, str]], kept: str) -> None:
    doc = _run(blank, text, ents)
    assert [e.text for e in doc.ents][1] == kept


def test_organisation_of_lower_case_words_is_not_looked_for_again(blank: Language) -> None:
    """Only names of capitalised words: a model's ORG "the campaign staff" is no name to spread."""
    doc = _run(blank, "Clinton campaign staff met. Later Clinton spoke.", [("Clinton campaign staff", "ORG"),
                                                                           ("Clinton", "PERSON")])
    assert [(e.text, e.label_) for e in doc.ents][-1] == ("Clinton", "PERSON")


def test_prefix_joined_by_a_hyphen_is_no_part_of_the_name(blank: Language) -> None:
    """"a pro-Clinton super PAC": the model's PERSON or ORG "pro-Clinton" is Clinton (linked to the
    full name); "un-American" is the nationality; "al-Assad" keeps its particle (no English prefix)."""
    text = "Hillary Clinton spoke. A pro-Clinton group and an Anti-Clinton one met. Un-American acts. Bashar al-Assad spoke."
    doc = _run(blank, text, [("Hillary Clinton", "PERSON"), ("pro-Clinton", "PERSON"), ("Anti-Clinton", "ORG"),
                             ("Un-American", "NORP"), ("Bashar al-Assad", "PERSON")])
    got = [(e.text, e.label_, e._.canonical) for e in doc.ents]
    assert got[1] == ("Clinton", "PERSON", "Hillary Clinton")
    assert got[2][0] == "Clinton" and got[3][:2] == ("American", "NORP")
    assert got[4][0] == "Bashar al-Assad"


@pytest.mark.parametrize(("text", "ents", "mentions"), [
    # a one-word organisation written again untagged is the organisation
    ("Forbes ranked him first . Later , Forbes says the list changed .", [("Forbes", "ORG")], 2),
    # not a name tagged another way elsewhere, one the document writes in lower case, a person's word,
    # a common English word, nor one beside another capitalised word
    ("Benghazi hearings began . The Benghazi inquiry went on . Benghazi was calm . Later , Benghazi slept .",
     [("Benghazi", "ORG"), ("Benghazi", "GPE"), ("Benghazi", "GPE")], 3),
    ("Defense spoke first . The defense of the city and Defense again .", [("Defense", "ORG")], 1),
    ("Forbes ranked him first . Steve Forbes spoke . Forbes says so .", [("Forbes", "ORG"),
                                                                         ("Steve Forbes", "PERSON")], 1),
    ("Time reported it . Later , Time says so .", [("Time", "ORG")], 1),
    ("National Review 's Ian Tuttle wrote . Tuttle said so . Later , Tuttle says no .",
     [("National Review 's Ian Tuttle", "ORG"), ("Tuttle", "ORG")], 1),
    ("Forbes ranked him first . Later , Forbes Field was full .", [("Forbes", "ORG")], 1),
])
def test_one_word_organisation_written_again_untagged(blank: Language, text: str, ents: list[tuple[str, str]],
                                                      mentions: int) -> None:
    """How many mentions of the one-word name are entities: the tagged ones, and the untagged ones
    only where the rule applies."""
    doc = _run(blank, text, ents)
    name = next(m for m, _ in ents if " " not in m)  # the one-word organisation
    assert len([e for e in doc.ents if e.text == name]) == mentions


@pytest.mark.model
def test_place_that_modifies_the_noun_after_it_qualifies_no_name(nlp: Language) -> None:
    # "South Carolina director": the state describes the post, it does not place Chris Covert
    doc = nlp("Chris Covert, South Carolina director for the campaign, said the field operation was strong.")
    assert [(e.text, e.label_) for e in doc.ents][:2] == [("Chris Covert", "PERSON"), ("South Carolina", "GPE")]
    assert [q.speaker for q in doc._.quotes] == ["Chris Covert"]
    # a place and its state stay one place
    doc = nlp("The crash happened in Shell Knob, Missouri, on Monday.")
    assert ("Shell Knob, Missouri", "GPE") in [(e.text, e.label_) for e in doc.ents]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "persons"),
    [
        # a given name of the wider gender table before the family name the model tagged alone
        ("“The fear is greater here,” said Paloma Wu, legal director for the union.", ["Paloma Wu"]),
        # a month is no given name, though April is one in the table: one of the most frequent words
        ("In April Clinton said she would run.", ["Clinton"]),
        # a list item's dash glued to the name (tokenizer) cuts no name chain
        ("Polls this week:\n-Philip Bump explains how few people voted in Iowa.", ["Philip Bump"]),
    ],
)
def test_given_names_beyond_the_hand_list_and_list_items(nlp: Language, text: str, persons: list[str]) -> None:
    assert [e.text for e in nlp(text).ents if e.label_ == "PERSON"] == persons


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        # two people of one family name in a sentence: the lone surname after it is its subject's
        ("Hillary Clinton, whose husband, former president Bill Clinton, was in Iowa, spoke on Monday. "
         "Clinton said she was ready.", "Hillary Clinton"),
        ("On the trail for his wife Hillary Clinton, former president Bill Clinton spoke on Monday. "
         "Clinton said she was ready.", "Bill Clinton"),
    ],
)
def test_a_shared_surname_after_a_sentence_naming_both_is_its_subjects(nlp: Language, text: str,
                                                                       canonical: str) -> None:
    doc = nlp(text)
    assert [e._.canonical for e in doc.ents if e.text == "Clinton"] == [canonical]
