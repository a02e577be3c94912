"""Issue 13, coverage round: reported clauses that end before a conjoined statement, cue
nouns (``X's claim that ...``) and speech verbs whose object is reported."""

from __future__ import annotations

import pytest
from spacy.language import Language

from pipeline.stages import quotes


def _rows(nlp: Language, text: str) -> list[tuple[str, str, str, str]]:
    return [(text[q.start:q.end], q.type, q.speaker, q.cue) for q in nlp(text)._.quotes]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "content"),
    [
        # another cue verb conjoined to the reported clause says something of its own
        ("Jane Doe says she respects the mayor and calls him a very able man with a long record in office.",
         "she respects the mayor"),
        # after a comma, a conjoined clause with its own subject is the writer's
        ("Jane Doe said the real problem in the city is the mayor, and she railed against the council for failing to "
         "build homes.", "the real problem in the city is the mayor"),
    ],
)
def test_reported_clause_ends_before_a_conjoined_statement(nlp: Language, text: str, content: str) -> None:
    rows = _rows(nlp, text)
    assert (content, "indirect", "Jane Doe") in [r[:3] for r in rows], rows
    assert not any(c.startswith(content) and len(c) > len(content) + 2 for c, *_ in rows), rows


@pytest.mark.model
def test_reported_series_without_a_comma_stays_whole(nlp: Language) -> None:
    text = "Jane Doe said the new bridge will open in May and the old one will close in June."
    assert ("the new bridge will open in May and the old one will close in June", "indirect", "Jane Doe",
            "said") in _rows(nlp, text)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "content", "cue"),
    [
        # a cue noun's that clause, owned by its possessive or the object of its by/from
        ("Jane Doe's claim that the bridge is unsafe was rejected by the council.", "the bridge is unsafe", "claim"),
        ("The warning from Jane Doe that the bridge is unsafe came too late for the town.", "the bridge is unsafe",
         "warning"),
        # ... or by the subject of a verb of noun_cue_verbs.txt
        ("Jane Doe expressed concern that the new bridge would cost too much.", "the new bridge would cost too much",
         "concern"),
        ("Jane Doe made the argument that the town needs a new bridge.", "the town needs a new bridge", "argument"),
        # speech verbs whose object is what was said
        ("Jane Doe stressed the importance of the new bridge for the town.",
         "the importance of the new bridge for the town", "stressed"),
        ("Jane Doe reminded the council of the cost of the old bridge.", "the council of the cost of the old bridge",
         "reminded"),
        ("Jane Doe explained her plan to rebuild the old bridge.", "her plan to rebuild the old bridge", "explained"),
        # a verb and an adjective of predicative_cues.txt: the clause after the adjective
        ("Jane Doe has made it abundantly clear that she will veto the bridge bill.", "she will veto the bridge bill",
         "made it abundantly clear"),
        ("Jane Doe made clear on Tuesday that she would not leave the race.", "she would not leave the race",
         "made clear"),
        ("Jane Doe made plain she wants a new bridge for the town.", "she wants a new bridge for the town",
         "made plain"),
        # a prepositional cue's word the parser hangs on the clause after it as its mark
        ("Jane Doe is calling for the council to build a new bridge.", "the council to build a new bridge",
         "calling for"),
        ("Jane Doe has repeatedly called for the old bridge to be closed.", "the old bridge to be closed",
         "called for"),
        # the object and the complement that judges it (complement_cues.txt)
        ("Jane Doe described the new bridge as a danger to the town.", "the new bridge as a danger to the town",
         "described"),
        ("Jane Doe views the new bridge as a waste of public money.", "the new bridge as a waste of public money",
         "views"),
        # ... the object before the verb: what follows "as"
        ("Jane Doe spent the summer at the lake house, which she describes as her second home.", "her second home",
         "describes"),
    ],
)
def test_cue_reports_its_content(nlp: Language, text: str, content: str, cue: str) -> None:
    assert (content, "indirect", "Jane Doe", cue) in _rows(nlp, text)


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "The claim that the bridge is unsafe was rejected by the council.",  # nobody owns the claim
        "Jane Doe repeated the claim that he had made about the bridge.",  # a relative clause, not its content
        "Jane Doe's car that the council towed was blocking the bridge.",  # not a cue noun
        "The council rejected Jane Doe's “claim” about the bridge.",  # scare quotes, no clause
    ],
)
def test_cue_noun_needs_an_owner_and_a_that_clause(nlp: Language, text: str) -> None:
    assert not any(q.type == "indirect" and q.cue in ("claim", "car") for q in nlp(text)._.quotes)


@pytest.mark.parametrize(
    ("field", "listed", "unlisted"),
    [("nouns", {"claim", "promise", "warning"}, "car"),
     ("unreported_objects", {"find", "remind", "call on", "know", "know for"}, "endorse"),
     ("people_only", {"hope", "hop"}, "show")],
)
def test_cue_lists_load_from_the_models_dir(models_dir, field: str, listed: set[str], unlisted: str) -> None:
    words = getattr(quotes.Cues.from_dir(models_dir), field)
    assert listed <= words
    assert unlisted not in words


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue"),
    [
        ("Jane Doe hopes to win the primary in Iowa next month.", "to win the primary in Iowa next month",
         "Jane Doe", "hopes"),
        ("Jane Doe said on Monday. She hoped the council would approve the new bridge.",
         "the council would approve the new bridge", "Jane Doe", "hoped"),
        ("Democratic strategists hope the debate will change the race.", "the debate will change the race", "",
         "hope"),
        # a role noun of role_nouns.csv names someone who may hope
        ("Jane Doe spoke in Ohio. The senator hopes to win the primary in Iowa next month.",
         "to win the primary in Iowa next month", "Jane Doe", "hopes"),
    ],
)
def test_hope_is_the_view_of_people(nlp: Language, text: str, content: str, speaker: str, cue: str) -> None:
    assert (content, "indirect", speaker, cue) in _rows(nlp, text)


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Jane Doe made her position on the new bridge clear.",  # no clause: nothing said
        "It was made clear last week when Jane Doe appointed a new chief of staff.",  # a time, not what was said
        # "for" opens a clause of purpose after the verb's object, not "call for"
        "Jane Doe called a meeting for the council to hear the bridge plan.",
    ],
)
def test_cue_without_its_reported_clause_gives_no_row(nlp: Language, text: str) -> None:
    assert not [r for r in _rows(nlp, text) if r[3].startswith(("made", "called"))]


@pytest.mark.model
def test_cue_noun_rejected_by_the_subject_is_not_its_own(nlp: Language) -> None:
    text = "Jane Doe rejected the claim that the new bridge would cost too much."
    assert not [r for r in _rows(nlp, text) if r[3] == "claim"]


def test_predicative_cues_load_from_the_models_dir(models_dir) -> None:
    assert quotes.Cues.from_dir(models_dir).predicative["make"] == frozenset({"clear", "plain"})


@pytest.mark.model
def test_cue_noun_owned_by_his_takes_the_salient_person(nlp: Language) -> None:
    text = "John Smith met the council on Monday. His claim that the bridge is unsafe was rejected by the mayor."
    assert ("the bridge is unsafe", "indirect", "John Smith", "claim") in _rows(nlp, text)


@pytest.mark.model
def test_clause_before_its_cue_reports_the_conjunct_next_to_the_cue(nlp: Language) -> None:
    text = ("The pay, benefits and pension plan are all good, but it wasn't just the money that kept her on the "
            "assembly line, Jane Doe said.")
    rows = _rows(nlp, text)
    assert ("it wasn't just the money that kept her on the assembly line", "indirect", "Jane Doe") in [
        r[:3] for r in rows], rows


def _with_title(nlp: Language, title: str, body: str) -> list[tuple[str, str, str, str]]:
    text = f"{title}\n\n{body}"
    doc = nlp.make_doc(text)
    doc._.news_parts = [("title", 0, len(title)), ("paragraph", len(title) + 2, len(text))]
    return [(text[q.start:q.end], q.type, q.speaker, q.cue) for q in nlp(doc)._.quotes]


BODY = "Jane Doe spoke to the council of Springfield on Monday about the bridge."


@pytest.mark.model
@pytest.mark.parametrize(
    "title",
    ["Robert Roe: The Bridge Will Reopen In May", "Robert Roe: ‘The Bridge Will Reopen In May’"],
)
def test_headline_name_colon_statement_is_attributed(nlp: Language, title: str) -> None:
    assert ("The Bridge Will Reopen In May", "indirect", "Robert Roe", ":") in _with_title(nlp, title, BODY)


@pytest.mark.model
@pytest.mark.parametrize(
    "title",
    [
        "Robert Roe: Saint Or Sinner Of Springfield?",  # a question about her, not her words
        "Bridge Watch: The Bridge Will Reopen In May",  # no person or organisation before the colon
        "“The Bridge Will Reopen In May,” Springfield Hears",  # a headline in quote marks, no name and colon
        "Former Mayor Robert Roe At The Council: The Bridge Will Reopen",  # more than a name before the colon
    ],
)
def test_headline_without_a_name_and_colon_gives_no_row(nlp: Language, title: str) -> None:
    assert [r for r in _with_title(nlp, title, BODY) if r[3] == ":" or r[0].startswith("The Bridge")] == []


@pytest.mark.model
@pytest.mark.parametrize(
    ("title", "speaker"),
    [("Dr. Robert Roe: The Bridge Will Reopen In May", "Robert Roe"),
     ("Springfield Councilman Robert Roe: The Bridge Will Reopen In May", "Robert Roe")],
)
def test_headline_person_after_descriptors_and_colon_is_attributed(nlp: Language, title: str, speaker: str) -> None:
    assert ("The Bridge Will Reopen In May", "indirect", speaker, ":") in _with_title(nlp, title, BODY)


@pytest.mark.model
@pytest.mark.parametrize(
    ("title", "speaker"),
    [("Robert Roe To Springfield: The Bridge Will Reopen In May", "Robert Roe"),  # the one spoken to
     ("Robert Roe On The Vote: The Bridge Will Reopen In May", "Robert Roe"),  # the topic
     ("EXCLUSIVE – Robert Roe: The Bridge Will Reopen In May", "Robert Roe")],  # a wire's kicker before
)
def test_headline_speaker_before_the_one_spoken_to_is_attributed(nlp: Language, title: str, speaker: str) -> None:
    assert ("The Bridge Will Reopen In May", "indirect", speaker, ":") in _with_title(nlp, title, BODY)


@pytest.mark.model
@pytest.mark.parametrize(
    "title",
    [
        "CNN President On Robert Roe: The Bridge Will Reopen In May",  # about him, a capitalised small word
        "Jane Doe vs. Robert Roe: The Bridge Will Reopen In May",  # two people
        "How Robert Roe: The Bridge Will Reopen In May",  # a question word
    ],
)
def test_headline_person_after_other_words_gives_no_row(nlp: Language, title: str) -> None:
    assert [r for r in _with_title(nlp, title, BODY) if r[3] == ":" and r[2] == "Robert Roe"] == []


@pytest.mark.model
@pytest.mark.parametrize(
    ("title", "cue", "speaker"),
    [("Robert Roe Says The Bridge Will Reopen In May", "Says", "Robert Roe"),
     ("Jane Doe Denies The Bridge Will Stay Closed", "Denies", "Jane Doe"),  # -ies
     ("Robert Roe Says ‘The Bridge Will Reopen In May’", "Says", "Robert Roe")],
)
def test_headline_name_and_verb_is_attributed(nlp: Language, title: str, cue: str, speaker: str) -> None:
    said = title.split(cue, 1)[1].strip(" ‘’")
    assert (said, "indirect", speaker, cue) in _with_title(nlp, title, BODY)


@pytest.mark.model
@pytest.mark.parametrize(
    "title",
    [
        "Robert Roe Says Bridge Will Reopen?",  # a question
        "Robert Roe Wins The Council Vote In Springfield",  # no speech or stance verb
        "Former Mayor Robert Roe At The Council Says The Bridge Will Reopen",  # more than a name before the verb
        "Robert Roe Says Yes",  # too short to be what was said
    ],
)
def test_headline_without_a_name_and_cue_verb_gives_no_row(nlp: Language, title: str) -> None:
    assert [r for r in _with_title(nlp, title, BODY) if r[0] in title] == []


@pytest.mark.model
def test_headline_surname_the_model_left_untagged_is_the_body_persons(nlp: Language) -> None:
    # "Doe" alone in a title is tagged nothing; the body names Jane Doe
    rows = _with_title(nlp, "Doe: The Bridge Will Reopen In May", BODY)
    assert ("The Bridge Will Reopen In May", "indirect", "Jane Doe", ":") in rows, rows


@pytest.mark.model
def test_headline_word_that_ends_no_body_persons_name_gives_no_row(nlp: Language) -> None:
    rows = _with_title(nlp, "Bridges: The Bridge Will Reopen In May", BODY)
    assert [r for r in rows if r[3] == ":"] == [], rows


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "content", "cue"),
    [
        ("Senator Jane Doe endorsed Ted Cruz on Tuesday.", "Ted Cruz", "endorsed"),
        ("Jane Doe announced her resignation.", "her resignation", "announced"),
        ("She criticized the mayor.", "the mayor", "criticized"),
        ("Jane Doe talked about trade.", "trade", "talked about"),
    ],
)
def test_short_object_of_a_named_speaker_is_reported(nlp: Language, text: str, content: str, cue: str) -> None:
    assert (content, "indirect", cue) in [(c, t, q) for c, t, _, q in _rows(nlp, text)], _rows(nlp, text)


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Jane Doe found a job.",  # the object found, not a view (unreported_objects.txt)
        "Jane Doe reminded viewers.",  # the one addressed
        "Jane Doe pushed for months.",  # a time, not what she pushed for
        "Many voters support Ted Cruz.",  # nobody named holds the view
        "Do you support Ted Cruz?",  # the reader
        "Jane Doe said that.",  # a pronoun
    ],
)
def test_short_object_that_is_no_report_gives_no_row(nlp: Language, text: str) -> None:
    assert _rows(nlp, text) == []


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "content", "writers"),
    [
        ("At her rallies, Jane Doe warns supporters not to trust the papers and cites the crowds as an example: She "
         "says reporters undercount her supporters, just to undermine her.", "reporters undercount her supporters",
         "cites the crowds as an example"),
        ("The council met on Monday; Jane Doe said the bridge will reopen in May.", "the bridge will reopen in May",
         "The council met on Monday"),
        ("Jane Doe has a simple message for the council: she says the bridge will reopen in May.",
         "the bridge will reopen in May", "a simple message"),
    ],
)
def test_clause_before_a_colon_is_not_what_the_cue_after_it_reports(nlp: Language, text: str, content: str,
                                                                    writers: str) -> None:
    rows = _rows(nlp, text)
    assert content in [c for c, *_ in rows], rows
    assert not any(writers in c and cue in ("says", "said") for c, _, _, cue in rows), rows


def _parsed(words: list[str], heads: list[int], deps: list[str], pos: list[str], lemmas: list[str]):
    from spacy.lang.en import English
    from spacy.tokens import Doc
    return Doc(English().vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)


def test_short_object_counts_only_as_the_object_of_its_own_cue() -> None:
    from pipeline.stages.quotes.reported import _object_reported
    cues = quotes.Cues({}, {}, {"endorse": ""}, unreported_objects=frozenset({"find"}))
    doc = _parsed(["Doe", "endorsed", "Ted", "Cruz"], [1, 1, 3, 1], ["nsubj", "ROOT", "compound", "dobj"],
                  ["PROPN", "VERB", "PROPN", "PROPN"], ["Doe", "endorse", "Ted", "Cruz"])
    assert _object_reported(doc[2:4], cues, doc[1:2])
    assert not _object_reported(doc[2:4], cues, doc[0:1])  # another word is the cue: its object is not reported
    found = _parsed(["Doe", "found", "a", "job"], [1, 1, 3, 1], ["nsubj", "ROOT", "det", "dobj"],
                    ["PROPN", "VERB", "DET", "NOUN"], ["Doe", "find", "a", "job"])
    assert not _object_reported(found[2:4], cues, found[1:2])  # unreported_objects
    that = _parsed(["Doe", "endorsed", "that"], [1, 1, 1], ["nsubj", "ROOT", "dobj"], ["PROPN", "VERB", "PRON"],
                   ["Doe", "endorse", "that"])
    assert not _object_reported(that[2:3], cues, that[1:2])  # a pronoun


@pytest.mark.model
@pytest.mark.parametrize(
    ("paragraph", "content"),
    [
        ("LOS ANGELES, Feb. 2 (UPI) — The next Red Hot Chili Peppers record is almost complete, frontman Anthony "
         "Kiedis recently revealed.", "The next Red Hot Chili Peppers record is almost complete"),
        ("CAMBRIDGE, Mass., Dec. 11 (UPI) — Millennials prefer the senator to the former secretary of state, a new "
         "poll indicates.", "Millennials prefer the senator to the former secretary of state"),
        # capitals and a dash, but no date and no place: not a dateline, the words stay
        ("NATO - the alliance will grow again next year, the minister said on Monday.",
         "NATO - the alliance will grow again next year"),
    ],
)
def test_wire_dateline_is_no_part_of_a_clause_before_its_cue(nlp: Language, paragraph: str, content: str) -> None:
    text = f"Wire news.\n\n{paragraph}\n"
    assert content in [c for c, *_ in _rows(nlp, text)], _rows(nlp, text)


@pytest.mark.model
@pytest.mark.parametrize("text", ["Jane Doe edits “Eat The Press” for the paper.",
                                  "Jane Doe hosts “The Nightly Show” on weekdays."])
def test_title_under_a_verb_that_is_no_cue_is_no_quote(nlp: Language, text: str) -> None:
    assert _rows(nlp, text) == []


@pytest.mark.model
@pytest.mark.parametrize("text", ["Jane Doe called him “Little Marco” again.",  # a cue verb: a nickname she used
                                  "Jane Doe implied the judge was “hostile” to her case."])  # not title-cased
def test_fragment_under_a_cue_or_not_title_cased_stays_a_quote(nlp: Language, text: str) -> None:
    assert "partial" in [t for _, t, _, _ in _rows(nlp, text)]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "content", "cue"),
    [
        ("Jane Doe told reporters during a visit to the plant on Friday that the company would hire 300 workers.",
         "the company would hire 300 workers", "told"),
        ("Jane Doe claimed without any evidence that the mayor wanted to close the bridge.",
         "the mayor wanted to close the bridge", "claimed"),
    ],
)
def test_that_clause_hung_under_a_phrase_of_time_or_place_is_reported(nlp: Language, text: str, content: str,
                                                                      cue: str) -> None:
    assert (content, "indirect", "Jane Doe", cue) in _rows(nlp, text)


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Jane Doe responded on Sunday to reports that the mayor wanted to close the bridge.",  # others' reports
        "Jane Doe asked about claims that the mayor wanted to close the bridge.",
        "Jane Doe spoke in the hall that the mayor had built for the city.",  # a relative clause
    ],
)
def test_that_clause_of_a_topic_or_relative_clause_is_not_the_cue_s(nlp: Language, text: str) -> None:
    assert not any(speaker == "Jane Doe" for _, _, speaker, _ in _rows(nlp, text)), _rows(nlp, text)


def test_clause_after_adjunct_reads_the_misparse_not_a_topic_or_a_relative_clause() -> None:
    from pipeline.stages.quotes.reported import _clause_after_adjunct
    words = ["Doe", "said", "in", "a", "statement", "that", "taxes", "would", "fall"]
    deps = ["nsubj", "ROOT", "prep", "det", "pobj", "mark", "nsubj", "aux", "relcl"]
    pos = ["PROPN", "VERB", "ADP", "DET", "NOUN", "SCONJ", "NOUN", "AUX", "VERB"]
    heads = [1, 1, 1, 4, 2, 8, 8, 8, 4]
    said = _parsed(words, heads, deps, pos, ["Doe", "say", "in", "a", "statement", "that", "tax", "would", "fall"])
    assert _clause_after_adjunct(said[1]).text == "fall"  # the clause hung on "statement"
    topic = _parsed(["Doe", "responded", "to", "reports", "that", "taxes", "would", "fall"], [1, 1, 1, 2, 7, 7, 7, 3],
                    ["nsubj", "ROOT", "prep", "pobj", "mark", "nsubj", "aux", "acl"],
                    ["PROPN", "VERB", "ADP", "NOUN", "SCONJ", "NOUN", "AUX", "VERB"],
                    ["Doe", "respond", "to", "report", "that", "tax", "would", "fall"])
    assert _clause_after_adjunct(topic[1]) is None  # "to" names a topic: the reports said it
    relative = _parsed(["Doe", "spoke", "in", "the", "hall", "that", "Roe", "built"], [1, 1, 1, 4, 2, 7, 7, 4],
                       ["nsubj", "ROOT", "prep", "det", "pobj", "dobj", "nsubj", "relcl"],
                       ["PROPN", "VERB", "ADP", "DET", "NOUN", "PRON", "PROPN", "VERB"],
                       ["Doe", "speak", "in", "the", "hall", "that", "Roe", "build"])
    assert _clause_after_adjunct(relative[1]) is None  # "that" is the relative pronoun, not a conjunction


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "content", "cue"),
    [
        ("As Jane Doe noted, people involved in the case could still be subject to sanctions.",
         "people involved in the case could still be subject to sanctions", "noted"),
        ("The city will not build the bridge this year, as Jane Doe said on Monday.",
         "The city will not build the bridge this year", "said"),
        # in the middle of the clause: the part beside the cue, not the name before it
        ("Jane Doe, as she said on Monday, will not run for the council again.",
         "will not run for the council again", "said"),
        # the parser hangs the aside on the subject noun: the clause is still the verb's
        ("The mayor, as Jane Doe said on Monday, will not run for the council again.",
         "will not run for the council again", "said"),
    ],
)
def test_as_aside_vouches_for_the_clause_it_hangs_on(nlp: Language, text: str, content: str, cue: str) -> None:
    assert (content, "indirect", "Jane Doe", cue) in _rows(nlp, text)


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "The mayor talked over the council as Jane Doe answered questions from the press.",  # a time: it has an object
        "As Jane Doe was speaking, protesters gathered outside the hall.",
        "The storm grew stronger, as Jane Doe feared.",  # a stance verb, not a speech cue
        # a passive aside without its "by": the subject above it is not the one who expected it
        "The city will not build the bridge this year, as reported.",
    ],
)
def test_as_clause_of_time_or_without_a_speaker_reports_nothing(nlp: Language, text: str) -> None:
    assert not any(qtype == "indirect" for _, qtype, _, _ in _rows(nlp, text)), _rows(nlp, text)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        # the agent of a passive cue speaks, also in an "as" aside
        ("As reported by Western Journalism, the former secretary of state was made aware of her duty to protect "
         "classified information.", "the former secretary of state was made aware of her duty to protect classified "
         "information", "Western Journalism"),
        ("The rebels are carrying out a dual mission, as declared by Jane Doe, to purge the region of militants.",
         "The rebels are carrying out a dual mission", "Jane Doe"),
        ("Women in 46 countries have been advised by the World Health Organization to consider delaying pregnancy.",
         "to consider delaying pregnancy", "World Health Organization"),
        # a closing cue followed by a dash and a comment on the news
        ("A six-year trend of declining federal budget deficits will end this year, sooner than expected, the "
         "nonpartisan Congressional Budget Office reported on Tuesday -- a development that could complicate the race.",
         "A six-year trend of declining federal budget deficits will end this year, sooner than expected",
         "Congressional Budget Office"),
    ],
)
def test_the_agent_of_a_passive_cue_is_its_speaker(nlp: Language, text: str, content: str, speaker: str) -> None:
    rows = [(c, who) for c, _, who, _ in _rows(nlp, text)]
    assert (content, speaker) in rows, rows


@pytest.mark.model
def test_a_by_phrase_of_an_active_cue_names_no_speaker(nlp: Language) -> None:
    text = ("Top Sanders strategists acknowledged as much in a New York Times article Monday by Patrick Healy and "
            "Yamiche Alcindor.")
    assert not any(who == "Patrick Healy" for _, _, who, _ in _rows(nlp, text)), _rows(nlp, text)


@pytest.mark.model
def test_as_aside_introducing_a_quote_reports_the_quote_not_the_clause(nlp: Language) -> None:
    text = ("Mayor loses temper.\n\nThe mayor lost her temper, jabbing her finger at an activist as she said, "
            "“I am so sick of the campaign lying about me.”")
    assert [(c, t, cue) for c, t, _, cue in _rows(nlp, text)] == [
        ("I am so sick of the campaign lying about me.", "direct", "said")]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        # a naming participle names the described speaker
        ("A 70-year-old academic named Eric Kingson said the plan would fail.", "the plan would fail",
         "Eric Kingson"),
        # "who" of a relative clause conjoined to another one stands for the same noun
        ("The senator was rallying for a retired teacher named Jane Doe, who is running for Congress and who worked "
         "the crowd, praising \"the senator's genuineness and integrity\" all afternoon.",
         "the senator's genuineness and integrity", "Jane Doe"),
        # "X is among those who say", "X was one of those who said": X speaks
        ("Jane Doe, a teacher from Hemet, California, is among those who say they have no intention of backing the "
         "mayor.", "they have no intention of backing the mayor", "Jane Doe"),
        ("John Smith was one of those who said the plan would fail.", "the plan would fail", "John Smith"),
    ],
)
def test_who_and_described_speakers_reach_the_named_person(nlp: Language, text: str, content: str,
                                                           speaker: str) -> None:
    rows = [(c, who) for c, _, who, _ in _rows(nlp, text)]
    assert (content, speaker) in rows, rows


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "said"),
    [
        # "named" as the verb of an appointment names no one for a later description
        ("The board named Jane Doe its chair on Monday. A spokesman said the vote was unanimous.", "unanimous"),
        # among a group, but no "be among": the group is not Jane Doe
        ("Jane Doe spoke to voters, among them many who said the plan would fail.", "fail"),
    ],
)
def test_naming_and_membership_need_their_construction(nlp: Language, text: str, said: str) -> None:
    rows = _rows(nlp, text)
    assert not any(said in c and who == "Jane Doe" for c, _, who, _ in rows), rows


@pytest.mark.model
def test_partial_quote_belongs_to_the_cue_above_it_not_to_a_relative_clause_before_it(nlp: Language) -> None:
    text = ("Stuart Stevens, a Republican operative, said the way the campaign disparaged women who complained about "
            "the president's behavior ''would be all but disqualifying in a Democratic primary'' nowadays.")
    rows = [(c, t, who, cue) for c, t, who, cue in _rows(nlp, text)]
    assert ("would be all but disqualifying in a Democratic primary", "partial", "Stuart Stevens", "said") in rows, rows


@pytest.mark.model
def test_a_cue_governing_the_quote_itself_still_speaks(nlp: Language) -> None:
    # the nearer cue governs the quote: the outer "said" does not take it over
    text = "Jane Doe said the mayor called the plan “a disaster for the town” on Monday."
    rows = [(c, who, cue) for c, _, who, cue in _rows(nlp, text)]
    assert any(c.startswith("a disaster for the town") and cue == "called" for c, _, cue in rows), rows


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The Turkish government said the border would stay closed for a week.", "Turkey"),
        ("Chinese authorities said the border would stay closed for a week.", "China"),
        ("The government of Turkey said the border would stay closed for a week.", "Turkey"),
        ("The U.S. government said the border would stay closed for a week.", "United States"),
        # a part of an organisation speaks for it (org_units.txt)
        ("The Washington Post's editorial board wrote that the mayor should resign.", "Washington Post"),
        ("The Washington Post's investigative unit reported that the emails had been deleted.", "Washington Post"),
        ("The New York Times newspaper reported that the company had cut jobs in three states.", "New York Times"),
    ],
)
def test_a_noun_speaks_for_its_country_or_organisation(nlp: Language, text: str, speaker: str) -> None:
    q = next(q for q in nlp(text)._.quotes if q.type == "indirect")
    assert (q.speaker, q.speaker_kind) == (speaker, "organisation")


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "The Turkish provincial government said the border would stay closed for a week.",  # a lower government
        "The state government said the border would stay closed for a week.",
        "The Republican administration said the border would stay closed for a week.",  # a party, no country
        "A Turkish government official said the border would stay closed for a week.",  # a person, unnamed
        "The government said the border would stay closed for a week.",  # no country named
    ],
)
def test_a_state_noun_without_its_country_stays_unnamed(nlp: Language, text: str) -> None:
    q = next(q for q in nlp(text)._.quotes if q.type == "indirect")
    assert q.speaker == "", (q.speaker, q.speaker_kind)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Hillary Clinton spoke in Ohio on Monday. The Democratic frontrunner said the plan would work.",
         "Hillary Clinton"),
        ("Sheldon Adelson met the governor on Monday. The gambling tycoon told reporters the meeting went well.",
         "Sheldon Adelson"),
    ],
)
def test_role_nouns_name_the_salient_person(nlp: Language, text: str, speaker: str) -> None:
    q = next(q for q in nlp(text)._.quotes if q.type == "indirect")
    assert q.speaker == speaker


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Twitter removed thousands of accounts on Monday. The social media company said the accounts had broken its "
         "rules.", "Twitter"),
        # the subject of the sentence before, not an organisation named in a phrase of it
        ("Exxon Mobil lost a lawsuit in Texas, and Harvard University researchers studied it. The company said it "
         "would appeal.", "Exxon Mobil"),
        # its own sentence: the organisation named before it
        ("The senator spoke of Apple on Monday, when the company said it would not unlock the phone.", "Apple"),
    ],
)
def test_the_company_is_the_organisation_named_before(nlp: Language, text: str, speaker: str) -> None:
    q = next(q for q in nlp(text)._.quotes if q.type == "indirect" and "company" in q.speaker_text)
    assert (q.speaker, q.speaker_kind) == (speaker, "organisation")


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "The company said it would appeal the ruling.",  # no organisation named before
        "Ford announced a recall on Monday. The companies said they would cooperate.",  # plural
        # only a person named before
        "Jane Doe lost her lawsuit on Monday. The company said it would appeal the ruling.",
    ],
)
def test_the_company_without_an_organisation_before_stays_unnamed(nlp: Language, text: str) -> None:
    q = next(q for q in nlp(text)._.quotes if "compan" in q.speaker_text)
    assert q.speaker == "", (q.speaker, q.speaker_kind)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "content", "cue"),
    [
        # a cue inside its clause: the side with the clause's verb, not a longer fronted phrase
        ("Bound together by centuries of trade and a long shared border, the two towns, Jane Doe said, now have a "
         "rare chance to grow.", "now have a rare chance to grow", "said"),
        ("Faced with a shrinking budget and rising costs at every one of its schools, the district, Jane Doe said, "
         "must close two schools.", "must close two schools", "said"),
        # the verb after the cue, as before
        ("The goal, Jane Doe said, is to forge a lasting cease-fire between the two armies.",
         "is to forge a lasting cease-fire between the two armies", "said"),
        # the verb before the cue: the main clause, not the longer reason after it
        ("We will win, Jane Doe said, because the voters in every county of the state want a change now.",
         "We will win", "said"),
        # unless that leaves fewer than three words
        ("Jane Doe spoke in Ohio. It was, she said, one of the bitterest failures of her career.",
         "one of the bitterest failures of her career", "said"),
        # a noun phrase summing up the clause is the writer's aside
        ("Jane Doe said the company had suspended 125,000 accounts since May, the first time it has published such "
         "figures.", "the company had suspended 125,000 accounts since May", "said"),
        ("Jane Doe said the council would close the old bridge, the second time it has done so this year.",
         "the council would close the old bridge", "said"),
        # a figure after the comma belongs to the clause
        ("Jane Doe said the team won 83% of its games last year, 74% the year before.",
         "the team won 83% of its games last year, 74% the year before", "said"),
        # the object of a stance ends before its aside, however short it is then
        ("Jane Doe denounced the deal, which would cut the company's tax rate to 17 percent.", "the deal",
         "denounced"),
        ("Jane Doe attacked Baker, a lawyer who ran against her in 2012.", "Baker", "attacked"),
        # a clause whose aside follows a short subject keeps it: without it too little is left
        ("Jane Doe wrote that Tom Baker, the district chairman, intended to become a delegate to the convention.",
         "Tom Baker, the district chairman, intended to become a delegate to the convention", "wrote"),
    ],
)
def test_where_the_reported_clause_starts_and_ends(nlp: Language, text: str, content: str, cue: str) -> None:
    """A cue inside its clause reports the side with the clause's verb; a summing-up phrase
    after a comma is the writer's; the clause ends at the first aside that closes it and leaves
    enough words."""
    assert (content, "indirect", "Jane Doe", cue) in _rows(nlp, text)


@pytest.mark.model
def test_subject_after_a_comma_is_no_summing_up_phrase(nlp: Language) -> None:
    text = ("Jane Doe said that while the mayor is running third in most polls, a strong showing - particularly a "
            "second-place finish - could finally show his appeal.")
    content = next(c for c, _, speaker, _ in _rows(nlp, text) if speaker == "Jane Doe")
    assert content.endswith("could finally show his appeal"), content


@pytest.mark.model
def test_short_object_before_an_aside_keeps_the_clause_that_goes_on(nlp: Language) -> None:
    # the parser takes "the council" for the object of "said"; the clause goes on after the aside
    text = 'Jane Doe said the council, calling the bridge "a danger to all," would close it within a year.'
    rows = _rows(nlp, text)
    assert ('the council, calling the bridge "a danger to all," would close it within a year', "indirect",
            "Jane Doe", "said") in rows, rows


@pytest.mark.model
def test_reported_clause_ends_before_the_cue_of_a_quote_it_runs_into(nlp: Language) -> None:
    text = ('Jane Doe said the mayor\'s situation reminds her of the 1969 book titled "The Tragedy of Lyndon Johnson," '
            'explaining, "because what could have been."')
    rows = _rows(nlp, text)
    assert ('the mayor\'s situation reminds her of the 1969 book titled "The Tragedy of Lyndon Johnson', "indirect",
            "Jane Doe", "said") in rows, rows
    assert ("because what could have been.", "partial", "Jane Doe", "explaining") in rows, rows


@pytest.mark.model
def test_definite_object_holding_a_verb_is_what_was_said(nlp: Language) -> None:
    # the parser took the long subject of the reported clause for the object of "says"
    text = ("Jane Doe says the increase in crime and disorder that the mayor decries also makes his reelection less "
            "likely.")
    assert ("the increase in crime and disorder that the mayor decries also makes his reelection less likely",
            "indirect", "Jane Doe", "says") in _rows(nlp, text)


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        # an indefinite object is no report of what was said
        "Jane Doe said a lot of things that were really guarded and personal.",
        "Jane Doe said something that could be construed as critical of the mayor.",
        # a thing or an event hopes only in the writer's figure of speech; its scare quotes are no quote
        "The meeting also hopes to foster the participation of “new space-faring and emerging countries” in space.",
        "The new bridge hopes to attract more visitors to the old town.",
    ],
)
def test_sentence_gives_no_row(nlp: Language, text: str) -> None:
    assert _rows(nlp, text) == []


@pytest.mark.model
def test_dash_before_the_cue_leaves_the_clause_after_it(nlp: Language) -> None:
    # the parser hung the writer's clause before the dash on "told" as a second complement
    text = ("Jane Doe seems to recognize her problem on housing — she told the AP that her task is to prove to voters "
            "that she is tough.")
    rows = _rows(nlp, text)
    assert ("her task is to prove to voters that she is tough", "indirect", "Jane Doe", "told") in rows, rows
    assert not any(c.startswith("Jane Doe seems") for c, *_ in rows), rows


@pytest.mark.model
def test_dash_before_the_cue_alone_keeps_the_clause_before_it(nlp: Language) -> None:
    assert ("Prices will rise within a year", "indirect", "Jane Doe", "said") in _rows(
        nlp, "Prices will rise within a year — Jane Doe said.")


@pytest.mark.model
def test_cue_closing_the_sentence_as_a_conjunct_reports_the_clause_before(nlp: Language) -> None:
    # the parser made "told" a conjunct of "includes"; no conjunction joins them
    text = "This includes a special force to assist Kurdish Peshmerga, Defense Secretary Jane Doe told a Senate panel."
    assert ("This includes a special force to assist Kurdish Peshmerga", "indirect", "Jane Doe", "told") in _rows(
        nlp, text)
    # a conjunction inside the first clause belongs to it
    assert ("Prices rose sharply and wages fell", "indirect", "", "told") in _rows(
        nlp, "Prices rose sharply and wages fell, the mayor told reporters on Monday.")


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        # a series of participles, "shows" read as a verb
        "Sanders spent Wednesday on something of a victory tour in New York, filming television shows and meeting "
        "with the Rev. Al Sharpton as part of an outreach effort aimed at minority voters.",
        # a conjunction: a statement of its own
        "The bridge will close in May, and Jane Doe told the council on Monday.",
        "The seven family members from Syria have lived in this Atlanta suburb for three months, and though they "
        "speak barely a word of English, their smiles said a lot.",
    ],
)
def test_conjunct_in_a_series_or_after_and_reports_nothing_before_it(nlp: Language, text: str) -> None:
    assert _rows(nlp, text) == []


@pytest.mark.model
def test_reported_clause_may_end_with_a_quote_and_its_period(nlp: Language) -> None:
    # the quote ends after its period and closing mark, the clause at its last word
    text = 'Jane Doe said the mayor has done what she called a "serviceable job."'
    rows = _rows(nlp, text)
    assert ('the mayor has done what she called a "serviceable job."', "indirect", "Jane Doe", "said") in rows, rows
    assert ("serviceable job.", "partial", "Jane Doe", "called") in rows, rows


@pytest.mark.model
def test_reported_clause_mostly_quoted_is_the_quote_row_alone(nlp: Language) -> None:
    rows = _rows(nlp, 'Jane Doe said it was "a serviceable job by a decent mayor."')
    assert rows == [("a serviceable job by a decent mayor.", "partial", "Jane Doe", "said")], rows


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "content", "speaker_text"),
    [
        # the parser hung the participle on "say" as a clause, and its subject with it
        ("But Republican activists clamoring to block Tom Baker from the nomination say they are suddenly in the "
         "midst of a surge.", "they are suddenly in the midst of a surge", "Republican activists"),
        # the parser made the participle the root and "say" a loose dependent of it
        ("Majorities of Democrats in five states going to the polls Tuesday say they would be satisfied with both "
         "candidates as the nominee.", "they would be satisfied with both candidates as the nominee",
         "Majorities of Democrats in five states"),
    ],
)
def test_subject_of_a_reduced_relative_speaks(nlp: Language, text: str, content: str, speaker_text: str) -> None:
    q = next(q for q in nlp(text)._.quotes if text[q.start:q.end] == content)
    assert q.speaker_text.startswith(speaker_text), q.speaker_text


@pytest.mark.model
def test_participle_clause_with_a_conjunction_lends_no_subject(nlp: Language) -> None:
    text = "While voters were clamoring for change, say the pollsters, the mayor stayed silent."
    assert not any(q.speaker_text == "voters" for q in nlp(text)._.quotes)


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Jane Doe said the city council of Springfield, a body of twelve members, would close the bridge in May.",
        "Jane Doe said the city council of Springfield, which has twelve members, would close the bridge in May.",
    ],
)
def test_aside_inside_the_clause_does_not_end_it(nlp: Language, text: str) -> None:
    content = text[len("Jane Doe said "):-1]
    assert (content, "indirect", "Jane Doe", "said") in _rows(nlp, text)


@pytest.mark.model
def test_attribution_nested_in_a_reported_clause_is_a_row_of_its_own(nlp: Language) -> None:
    text = ("A witness interviewed by the committee said the agency's head, Tom Baker, instructed employees not to "
            "disclose the hack.")
    rows = _rows(nlp, text)
    assert ("the agency's head, Tom Baker, instructed employees not to disclose the hack", "indirect", "",
            "said") in rows, rows
    assert ("employees not to disclose the hack", "indirect", "Tom Baker", "instructed") in rows, rows


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Congressman Trey Gowdy's office said the report would be released on Monday.",  # a person's office
        "The city's board said the report would be released on Monday.",  # a place's
    ],
)
def test_part_of_no_organisation_stays_unnamed(nlp: Language, text: str) -> None:
    q = next(q for q in nlp(text)._.quotes if q.type == "indirect")
    assert q.speaker == "", (q.speaker, q.speaker_kind)


def test_complement_cues_load_from_the_models_dir(models_dir) -> None:
    frames = quotes.Cues.from_dir(models_dir).complement
    assert frames["describe"] == frozenset({("", "as")}) and "call" not in frames  # call: 24 of 28 matched


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        # "as" opens a clause of time, not a complement: the stance verb's object alone
        "Jane Doe described the new bridge to the council as they walked across it on Tuesday.",
        # no complement at all
        "Jane Doe described the new bridge in some detail to the council on Tuesday.",
    ],
)
def test_complement_cue_without_a_complement_reports_the_object(nlp: Language, text: str) -> None:
    assert [r[0] for r in _rows(nlp, text)] == ["the new bridge"]


@pytest.mark.model
def test_verb_off_the_complement_list_reports_no_judgement(nlp: Language) -> None:
    # "regard as" is not in complement_cues.txt (fewer than 4 train rows) and "regard" in no other list
    assert _rows(nlp, "Jane Doe regards the new bridge as a danger to the town.") == []


@pytest.mark.model
def test_complement_cue_of_a_quote_keeps_its_other_reading(nlp: Language) -> None:
    # the complement is a quote introduced by the verb: the quote is its own row, and the verb's
    # other reading (a stance verb's object) still reports the object
    text = 'A senior official, Jane Doe, described the email controversy as "a lesser set of circumstances."'
    rows = _rows(nlp, text)
    assert ("the email controversy", "indirect", "Jane Doe", "described") in rows, rows
    assert ("a lesser set of circumstances.", "partial", "Jane Doe", "described") in rows, rows


@pytest.mark.model
def test_finding_that_opens_the_sentence_reports_the_rest(nlp: Language) -> None:
    text = "In the latest Washington Post-ABC News poll, Clinton led Trump 47 percent to 39 percent among young voters."
    rows = [(text[q.start:q.end], q.type, q.cue, q.speaker_text) for q in nlp(text)._.quotes]
    assert rows == [("Clinton led Trump 47 percent to 39 percent among young voters", "indirect", "In",
                     "the latest Washington Post-ABC News poll")], rows


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "In an interview on Monday, Jane Doe said the new bridge is unsafe for the town.",  # not a finding's noun
        "In a statement, the council said the new bridge would open in May.",
        "In 2015, the council closed the old bridge for repairs to its deck.",
        "Voters in the poll, however, said they were unhappy with the new bridge.",  # not opening the sentence
        "In the polls, anyway.",  # nothing after it
    ],
)
def test_in_without_a_finding_opening_the_sentence_reports_nothing(nlp: Language, text: str) -> None:
    assert not [q for q in nlp(text)._.quotes if q.cue == "In"]


def test_finding_nouns_load_from_the_models_dir(models_dir) -> None:
    assert {"poll", "survey"} <= quotes.Cues.from_dir(models_dir).findings


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a name alone before the colon: after a dash, opening the sentence, after "from"
        ("NEW NUMBERS FROM THE STATES - Jane Doe: “Our analysis of the new data finds that twenty states lean one "
         "way.”", "Jane Doe"),
        ("John Smith: “Our analysis of the new data finds that twenty states lean one way.”", "John Smith"),
        ("More from John Smith: “Our analysis of the new data finds that twenty states lean one way.”", "John Smith"),
        # a transcript's label with a hyphenated name
        ("Jane Smith-Doe: She is right on all these things if you dig down, but it is the vegetables.",
         "Jane Smith-Doe"),
        # a name inside a clause is not the speaker: the clause's subject is
        ("Barack Obama had a message for Jane Doe: “You are not going to be the next mayor of this town.”",
         "Barack Obama"),
    ],
)
def test_name_before_a_colon_speaks(nlp: Language, text: str, speaker: str) -> None:
    assert [q.speaker for q in nlp(text)._.quotes] == [speaker]


@pytest.mark.model
def test_label_before_a_colon_that_names_nobody_speaks_not(nlp: Language) -> None:
    assert list(nlp("UPDATE: The story was changed on Monday to add new details about the bridge.")._.quotes) == []


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        # the tagger took the surname for an adverb (its "-ly"): the parser hung it on the verb as one
        "Bill Skelly, a longtime data operative, backed the plan. “Having access to the file is valuable,” said Skelly.",
        "Bill Skelly, a longtime data operative, backed the plan. And Skelly called the analyst “a real smart guy.”",
    ],
)
def test_surname_read_as_an_adverb_still_speaks(nlp: Language, text: str) -> None:
    assert [q.speaker for q in nlp(text)._.quotes] == ["Bill Skelly"]


@pytest.mark.model
def test_name_hung_on_the_verb_across_a_dash_does_not_speak(nlp: Language) -> None:
    # "Sanders" is the object of "endorsed" inside the aside, not the subject of "said"
    text = ("Bernie Sanders spoke in Iowa. Jane Roe, director of a group which has endorsed Sanders - said Sanders "
            "has several options.")
    assert "Bernie Sanders" not in [q.speaker for q in nlp(text)._.quotes]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # the person the pronoun's own verb takes as object is someone else
        ("Sean Hannity asked Donald Trump how high the wall would be. “It could be 35 feet,” he told Hannity.",
         "Donald Trump"),
        # with no such object, the first subject of the sentence before
        ("Sean Hannity met Donald Trump in Austin. “It could be 35 feet,” he said.", "Sean Hannity"),
    ],
)
def test_pronoun_is_not_its_own_verbs_object(nlp: Language, text: str, speaker: str) -> None:
    assert [q.speaker for q in nlp(text)._.quotes if q.type == "direct"] == [speaker]


@pytest.mark.model
def test_possessive_the_parser_read_as_a_noun_modifier_names_no_speaker(nlp: Language) -> None:
    # "Sanders’ aides": the parser made "Sanders" an nmod of "aides"; aides are no Sanders
    text = ("Bernie Sanders won. On Sunday, Bill Clinton said supporters were subject to “vicious trolling and attack” "
            "online. Sanders’ aides say their campaign has no desire to engage in an extended back-and-forth over "
            "the issue.")
    rows = [(q.speaker, q.speaker_kind) for q in nlp(text)._.quotes if text[q.start:q.end].startswith("their")]
    assert rows == [("", "description")]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "who"),
    [
        # "his campaign" is the campaign of the person "his" stands for, as "Sanders' campaign" is
        ("Bernie Sanders spoke in Iowa on Monday. His campaign said he ended December with $28 million in cash.",
         ("Bernie Sanders campaign", "organisation")),
        ("Hillary Clinton spoke in Iowa on Monday. Her campaign said the mothers would campaign for her.",
         ("Hillary Clinton campaign", "organisation")),
        # a noun that names no group a person leads stays a description
        ("Bernie Sanders spoke in Iowa on Monday. His doctor said he was in good health for a man of his age.",
         ("", "description")),
    ],
)
def test_possessive_pronoun_before_a_group_noun_names_the_group(nlp: Language, text: str,
                                                                who: tuple[str, str]) -> None:
    assert [(q.speaker, q.speaker_kind) for q in nlp(text)._.quotes] == [who]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a subject "it" after an organisation that was the subject just before
        ("The Washington Post noted that the author was seen with Trump. The Post reported that he was gathering "
         "material for a book. It added, “the visit comes as Trump promises new attacks.”", "Washington Post"),
        ("The State Department has deemed 1,500 of the pages personal and says it does not plan to release them.",
         "State Department"),
        # the sentence before names two organisations: which one is unknown
        ("The Islamic State has called for attacks using vehicles, according to the SITE Intelligence Group. It "
         "said supporters of the group were sharing the news online.", ""),
        # subjects inside the quote are no antecedent: "it" is the letter
        ("A coalition of groups sent a letter this week. “The fact that it is July and Congress has failed to act "
         "is appalling,” it read.", ""),
        # "it" after a thing
        ("Unity is a two-way street. It means admitting that the senator speaks for millions of Americans.", ""),
    ],
)
def test_it_after_an_organisation_names_it(nlp: Language, text: str, speaker: str) -> None:
    rows = [(text[q.speaker_start:q.speaker_end], q.speaker) for q in nlp(text)._.quotes]
    assert all(who == speaker for said, who in rows if said.lower() == "it"), rows
    assert any(said.lower() == "it" for said, _ in rows) or not speaker, rows


@pytest.mark.model
def test_apostrophe_names_speak_with_their_full_name(nlp: Language) -> None:
    # the small model reads a name with a curly apostrophe as a common noun, or ends the person before it
    text = ("Filmmaker and author Dinesh D’Souza made his prediction. D’Souza replied, “I would bet on her.” Bill O’Reilly "
            "said the show was over. O’Reilly told viewers, “We are done here.”")
    assert [q.speaker for q in nlp(text)._.quotes] == ["Dinesh D’Souza", "Bill O’Reilly", "Bill O’Reilly"]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "content"),
    [
        # the circumstances after an infinitive are the writer's, not what the source holds
        ("Jane Doe refused to speak to reporters as she left the breakfast on Monday.", "to speak to reporters"),
        ("Jane Doe decided to trade for Americans in captivity despite concerns inside her own office.",
         "to trade for Americans in captivity"),
        # "as" of a role is part of it
        ("Jane Doe sought to present herself as the candidate with a positive message.",
         "to present herself as the candidate with a positive message"),
    ],
)
def test_infinitive_content_ends_before_its_circumstances(nlp: Language, text: str, content: str) -> None:
    assert content in [text[q.start:q.end] for q in nlp(text)._.quotes]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "content"),
    [
        # a finite verb conjoined to the infinitive or gerund is the cue's subject doing something else
        ("Jane Doe vowed to keep the clinic open and celebrated the ruling on Monday.", "to keep the clinic open"),
        ("Jane Doe has proposed conducting surveillance on mosques and signaled support for a database of visitors.",
         "conducting surveillance on mosques"),
        # a conjoined clause with its own subject stays
        ("Jane Doe urged Republicans to focus on the general election and what is at stake.",
         "Republicans to focus on the general election and what is at stake"),
    ],
)
def test_finite_verb_conjoined_to_an_infinitive_ends_the_content(nlp: Language, text: str, content: str) -> None:
    assert content in [text[q.start:q.end] for q in nlp(text)._.quotes]


@pytest.mark.model
def test_reported_clause_ends_before_a_trailing_according_to(nlp: Language) -> None:
    # who vouches for the report is another attribution, with the whole sentence as its content
    text = "The mayor told her that it was not that simple, according to an account she gave to The Washington Post."
    rows = {(text[q.start:q.end], q.cue) for q in nlp(text)._.quotes}
    assert ("it was not that simple", "told") in rows
    assert ("The mayor told her that it was not that simple", "according to") in rows


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a text from a person is that person's, as a study by one is
        ("Neera Tanden runs a think tank. An email from Neera Tanden said the donor regretted supporting the "
         "candidate.", "Neera Tanden"),
        # a worker from someone is not that someone
        ("A worker from Jane Doe said the donor regretted supporting the candidate.", ""),
    ],
)
def test_text_from_a_person_is_theirs(nlp: Language, text: str, speaker: str) -> None:
    assert [q.speaker for q in nlp(text)._.quotes] == [speaker]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a short name takes the full name that ends with it after a capitalised word ...
        ("The Washington Post ran the story on Monday. The Post said the criticism of its reporting was unfair.",
         "Washington Post"),
        # ... not one it ends after a preposition
        ("The Communist Party of China met in Beijing on Monday. China said the American criticism of its steel "
         "exports was unfair.", "China"),
    ],
)
def test_short_name_takes_the_full_name_it_ends(nlp: Language, text: str, speaker: str) -> None:
    assert [q.speaker for q in nlp(text)._.quotes] == [speaker]
