from __future__ import annotations

import pytest
import spacy
from spacy.lang.en import English
from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.stages import longtext, quotes
from pipeline.stages.quotes import speakers
from pipeline.stages.quotes.cues import subject_lost_to
from pipeline.stages.quotes.spans import _Context


@pytest.mark.parametrize(
    ("text", "spans", "open_at"),
    [
        ("He said, “Yes.”", [(10, 14)], None),
        ('He said, "Yes," and left.', [(10, 14)], None),
        ("“One,” she said, “two.”", [(1, 5), (18, 22)], None),
        ("the “new space-faring” countries", [(5, 21)], None),
        ("“Unclosed quote runs on", [], 1),
        ("“Typed wrong“ here", [(1, 12)], None),  # an opener typed where a closer belongs
        ("« Bonjour », dit-il", [(1, 10)], None),
    ],
)
def test_pair_marks(text: str, spans: list[tuple[int, int]], open_at: int | None) -> None:
    assert quotes.pair_marks(text, 0, len(text)) == (spans, open_at)


def test_unbalanced_mark_costs_only_its_paragraph() -> None:
    text = "“Never closed.\nShe said, “Fine.”"
    paras = [(0, 14), (15, len(text))]
    assert quotes.quote_spans(text, paras) == [(26, 31)]


def test_open_quote_continues_into_next_quoted_paragraph() -> None:
    text = "He said, “First part.\n“Second part.”"
    paras = [(0, 21), (22, len(text))]
    assert quotes.quote_spans(text, paras) == [(10, 21), (23, 35)]


def test_pairing_is_linear_on_pathological_input() -> None:
    text = "“" * 200_000
    spans, _ = quotes.pair_marks(text, 0, len(text))
    assert spans == []


def test_parse_cues_reads_particles_and_comments() -> None:
    assert quotes.parse_cues("# comment\nsay\npoint out  # phrasal\n") == {"say": "", "point": "out"}


def test_parse_prepositional_keeps_every_preposition_of_a_verb() -> None:
    text = "# comment\ncall for\ncall on  # two for one verb\ntalk about\nsay\n"
    assert quotes.parse_prepositional(text) == {"call": frozenset({"for", "on"}), "talk": frozenset({"about"})}


def test_parse_complement_reads_the_frames_of_a_verb() -> None:
    text = "# comment\ncall\nsee as  # as on the verb or the object\nrefer to as\nsee\n"
    assert quotes.parse_complement(text) == {
        "call": frozenset({("", "")}), "see": frozenset({("", "as"), ("", "")}), "refer": frozenset({("to", "as")})}


def _quotes(nlp: Language, text: str) -> list[quotes.QuoteSpan]:
    return list(nlp(text)._.quotes)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "content", "speaker_text", "speaker", "qtype"),
    [
        ("Mayor John Smith opened the bridge. “It is a great day,” Smith said.",
         "It is a great day,", "Smith", "John Smith", "direct"),
        ("Police chief Ann Lee spoke on Monday. She said, “We have made two arrests.”",
         "We have made two arrests.", "She", "Ann Lee", "direct"),
        ("“We will win,” said Hugh O'Neill, the party leader.", "We will win,", "Hugh O'Neill", "Hugh O'Neill",
         "direct"),
        ("According to Maria Garcia, “the budget is balanced.”", "the budget is balanced.", "Maria Garcia",
         "Maria Garcia", "partial"),
        ("Tom Baker told reporters that the plant would close next year.",
         "the plant would close next year", "Tom Baker", "Tom Baker", "indirect"),
        # "he's said": the contracted "has" the parser reads as a passive "is", or as the subject's head
        ("Bernie Sanders spoke on Monday. He's said he will support the nominee.",
         "he will support the nominee", "He", "Bernie Sanders", "indirect"),
        ("Mitt Romney spoke on Monday. But he’s said that the party must change.",
         "the party must change", "he", "Mitt Romney", "indirect"),
    ],
)
def test_attribution(nlp: Language, text: str, content: str, speaker_text: str, speaker: str, qtype: str) -> None:
    found = _quotes(nlp, text)
    q = found[0]
    # other rows are attributions nested in this one ("he will support the nominee": "support")
    assert all(q.start <= r.start and r.end <= q.end for r in found[1:]), found
    assert (text[q.start:q.end], q.speaker_text, q.speaker, q.type) == (content, speaker_text, speaker, qtype)
    assert text[q.speaker_start:q.speaker_end] == q.speaker_text


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "The meeting hopes to foster the participation of “new space-faring and emerging countries” in space.",
        "“Mayor Opens New Bridge”\nThe bridge opened on Monday.",
    ],
)
def test_no_quote_without_a_speaker(nlp: Language, text: str) -> None:
    assert [q for q in _quotes(nlp, text) if q.type != "indirect"] == []


@pytest.mark.model
def test_unnamed_speaker_stays_empty(nlp: Language) -> None:
    text = "A representative from Pakistan said, “We would like to be the first candidate.”"
    (q,) = _quotes(nlp, text)
    assert (q.speaker_text, q.speaker, q.speaker_kind) == ("A representative from Pakistan", "", "description")


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "speaker_text"),
    [
        # the parser hangs the official on "team" as an appositive and leaves "said" without a subject
        ("Although there is no such overlap with Sanders's team, a White House official who spoke anonymously to "
         "discuss internal strategy said Wednesday, “Certainly there are discussions with the campaign.”",
         "a White House official"),
        # the one who asks speaks, not the one asked
        ("At the townhall in Ho Chi Minh City, a young woman who had been an exchange student in Montana asked "
         "Obama what he thought of the prospects that Trump would follow him to the White House.",
         "a young woman"),
    ],
)
def test_subject_the_parser_hung_elsewhere_is_the_speaker(nlp: Language, text: str, speaker_text: str) -> None:
    (q,) = _quotes(nlp, text)
    assert (q.speaker_text, q.speaker) == (speaker_text, "")


def _appositive_doc(words: list[str], heads: list[int], deps: list[str], pos: list[str], tags: list[str],
                    person: tuple[int, int]) -> Doc:
    doc = Doc(English().vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags)
    doc.ents = [Span(doc, *person, label="PERSON")]
    return doc


def test_appositive_running_into_a_verb_without_subject_is_that_verb_s_subject() -> None:
    lost = _appositive_doc(["with", "Mika", "Brzezinski", ",", "the", "candidate", "stated", "that", "it", "rained"],
                           [6, 2, 0, 2, 5, 2, 6, 9, 9, 6],
                           ["prep", "compound", "pobj", "punct", "det", "appos", "ROOT", "mark", "nsubj", "ccomp"],
                           ["ADP", "PROPN", "PROPN", "PUNCT", "DET", "NOUN", "VERB", "SCONJ", "PRON", "VERB"],
                           ["IN", "NNP", "NNP", ",", "DT", "NN", "VBD", "IN", "PRP", "VBD"], (1, 3))
    assert subject_lost_to(lost[5]) == lost[6]
    assert speakers.SpeakerResolver(lost).appositive_profile(lost.ents[0]) == ("", "")  # no title of hers
    kept = _appositive_doc(["Mika", "Brzezinski", ",", "the", "host", ",", "said", "it", "rained"],
                           [1, 6, 1, 4, 1, 1, 6, 8, 6],
                           ["compound", "nsubj", "punct", "det", "appos", "punct", "ROOT", "nsubj", "ccomp"],
                           ["PROPN", "PROPN", "PUNCT", "DET", "NOUN", "PUNCT", "VERB", "PRON", "VERB"],
                           ["NNP", "NNP", ",", "DT", "NN", ",", "VBD", "PRP", "VBD"], (0, 2))
    assert subject_lost_to(kept[4]) is None  # a comma closes the appositive, and "said" has its subject
    assert speakers.SpeakerResolver(kept).appositive_profile(kept.ents[0]) == ("host", "")


@pytest.mark.model
def test_a_closing_cue_the_parser_hung_on_the_clause_before_reports_that_clause(nlp: Language) -> None:
    # the parser makes "said" an adverbial clause of "made", with "for people" its own
    text = ("The Internet has also made it possible for people with like-minded, if bogus, ideas and theories to "
            "organize into communities and reach others, she said.")
    rows = [(text[q.start:q.end], q.speaker_text) for q in _quotes(nlp, text)]
    assert rows == [(text[:text.index(", she said")], "she")]


@pytest.mark.model
@pytest.mark.parametrize("text", ["The plan failed in the end, when she said it would.",
                                  "The plan failed in the end, because she said so."])
def test_a_closing_clause_with_a_conjunction_reports_nothing_before_it(nlp: Language, text: str) -> None:
    assert not any(text[q.start:q.end].startswith("The plan failed") for q in _quotes(nlp, text))


@pytest.mark.model
@pytest.mark.parametrize("text", ["In Virginia, 85% of Democrats said the nation's economic system favors the wealthy.",
                                  "In the poll, 78 percent of voters said the nation's economy favors the wealthy."])
def test_a_share_of_a_group_is_a_speaker(nlp: Language, text: str) -> None:
    # spaCy counts "%" as punctuation (is_punct) though it tags it a noun here; the poll's own row
    # ("In the poll, ...": finding_nouns.txt) is another attribution
    rows = [(text[q.start:q.end], q.speaker_text, q.speaker) for q in _quotes(nlp, text) if q.cue == "said"]
    assert [(speaker_text.split()[-1], speaker) for _, speaker_text, speaker in rows] == [
        (text.split(" said")[0].split()[-1], "")]
    assert rows[0][0].endswith("favors the wealthy")


@pytest.mark.model
def test_a_name_glued_to_the_closing_mark_is_the_speaker(nlp: Language) -> None:
    text = "“I think it is awful,”Clinton said. “Some of his comments are worse.”"
    found = _quotes(nlp, text)
    assert [(text[q.start:q.end], q.speaker) for q in found] == [
        ("I think it is awful,", "Clinton"), ("Some of his comments are worse.", "Clinton")]


# ---------------------------------------------------------------- quote marks (no model)


@pytest.mark.parametrize(
    ("text", "outside"),
    [
        ("“Yes,”Clinton said.", ["Clinton", "said", "."]),  # glued: the name is not quoted
        ("“Yes,” Clinton said.", ["Clinton", "said", "."]),
        ("“Yes, ‘no,’ ” he said.", ["he", "said", "."]),  # a space inside the marks: still quoted
        ("He said:“Yes.”", ["He", "said"]),
    ],
)
def test_quoted_tokens_take_the_marks_but_no_word_beside_them(text: str, outside: list[str]) -> None:
    doc = longtext.install(spacy.blank("en"))(text)
    paras = [(0, len(text))]
    ctx = _Context(doc, paras, quotes.quote_spans(text, paras))
    assert [t.text for t in doc if not ctx.quoted[t.i]] == outside


@pytest.mark.parametrize(
    ("text", "spans", "open_at"),
    [
        ("He said, ''Yes,'' and left.", [(11, 15)], None),  # two apostrophes, as NYT types them
        ("”Fear. I am afraid,” she wrote.", [(1, 19)], None),  # a closer typed as the opener
        ("It's Tom's dog.", [], None),  # apostrophes are never quote marks
        ("“One” and “two”", [(1, 4), (11, 14)], None),
    ],
)
def test_pair_marks_as_newsrooms_type_them(text: str, spans: list[tuple[int, int]], open_at: int | None) -> None:
    assert quotes.pair_marks(text, 0, len(text)) == (spans, open_at)


def test_quoted_paragraph_continues_with_straight_marks() -> None:
    text = '"First part.\n"Second part."'
    paras = [(0, 12), (13, len(text))]
    assert quotes.quote_spans(text, paras) == [(1, 12), (14, 26)]


def test_cues_load_from_the_models_dir(models_dir) -> None:
    cues = quotes.Cues.from_dir(models_dir)
    assert "say" in cues.speech and cues.speech["point"] == "out"
    assert "call" in cues.quoted and "call" not in cues.speech  # naming words is not speech
    assert "believe" in cues.stance and "believe" not in cues.speech
    assert "about" in cues.prepositional["talk"] and "call for" not in cues.stance


def test_missing_cue_files_give_no_cues(tmp_path) -> None:
    cues = quotes.Cues.from_dir(tmp_path)
    assert (cues.speech, cues.quoted, cues.stance, cues.prepositional, cues.complement) == ({}, {}, {}, {}, {})
    assert cues.findings == frozenset()


# ---------------------------------------------------------------- layouts (model)


def _one(nlp: Language, text: str, qtypes: tuple[str, ...] = ("direct", "partial", "indirect")) -> quotes.QuoteSpan:
    found = [q for q in _quotes(nlp, text) if q.type in qtypes]
    assert len(found) == 1, [(text[q.start:q.end], q.type, q.speaker_text) for q in found]
    return found[0]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "content", "speaker_text", "cue"),
    [
        ("Jane Doe said, “We will rebuild the school.”", "We will rebuild the school.", "Jane Doe", "said"),
        ("“We will rebuild the school,” Jane Doe said.", "We will rebuild the school,", "Jane Doe", "said"),
        ("“We will rebuild the school,” said Jane Doe.", "We will rebuild the school,", "Jane Doe", "said"),
        ("Jane Doe said of the fire: “It was the worst night of my life.”",
         "It was the worst night of my life.", "Jane Doe", "said"),
        ("Jane Doe argues for a new budget: “The old one has failed us all.”",
         "The old one has failed us all.", "Jane Doe", "argues"),
        ("“The old budget has failed us all.” – Jane Doe", "The old budget has failed us all.", "Jane Doe", "–"),
        ("“The old budget has failed us all.” ― Jane Doe", "The old budget has failed us all.", "Jane Doe", "―"),
        ("Hugh Hill, a doctor at the clinic, said, “The ward is full.”", "The ward is full.", "Hugh Hill", "said"),
        ("From Jane Doe: “The old budget has failed us all.”", "The old budget has failed us all.", "Jane Doe", "From"),
        ("Jane Doe said, “The ward is full. The staff are tired. We need help.”",
         "The ward is full. The staff are tired. We need help.", "Jane Doe", "said"),
        ('Jane Doe said, "We will rebuild the school."', "We will rebuild the school.", "Jane Doe", "said"),
        ("Jane Doe said, ''We will rebuild the school.''", "We will rebuild the school.", "Jane Doe", "said"),
    ],
)
def test_direct_quote_layouts(nlp: Language, text: str, content: str, speaker_text: str, cue: str) -> None:
    q = _one(nlp, text, ("direct", "partial"))
    assert (text[q.start:q.end], q.speaker_text, q.cue) == (content, speaker_text, cue)
    assert (q.speaker, q.speaker_kind) == ("Jane Doe" if "Jane" in text else "Hugh Hill", "person")


@pytest.mark.model
def test_split_quote_is_two_rows_sharing_the_speaker(nlp: Language) -> None:
    text = "“We will rebuild the school,” Jane Doe said, “and we will do it this year.”"
    found = [q for q in _quotes(nlp, text) if q.type != "indirect"]
    assert [text[q.start:q.end] for q in found] == ["We will rebuild the school,", "and we will do it this year."]
    assert {q.speaker_text for q in found} == {"Jane Doe"}


@pytest.mark.model
def test_quote_over_several_paragraphs(nlp: Language) -> None:
    text = "Jane Doe said: “The ward is full and the staff are tired.\n\n“We need help from the city now.”"
    cut = text.index("\n")
    parts = [("paragraph", 0, cut), ("paragraph", cut + 2, len(text))]
    doc = nlp.make_doc(text)
    doc._.news_parts = parts
    found = [q for q in nlp(doc)._.quotes if q.type != "indirect"]
    assert [text[q.start:q.end] for q in found] == ["The ward is full and the staff are tired.",
                                                     "We need help from the city now."]
    assert [q.speaker for q in found] == ["Jane Doe", "Jane Doe"]


@pytest.mark.model
def test_floating_quote_takes_the_previous_speaker(nlp: Language) -> None:
    text = "“The ward is full,” Jane Doe said.\n\n“We need help from the city now.”"
    found = [q for q in _quotes(nlp, text) if q.type != "indirect"]
    assert [(text[q.start:q.end], q.speaker, q.cue) for q in found] == [
        ("The ward is full,", "Jane Doe", "said"), ("We need help from the city now.", "Jane Doe", "")]


@pytest.mark.model
def test_floating_quote_needs_nothing_in_between(nlp: Language) -> None:
    text = ("“The ward is full,” Jane Doe said.\n\nThe hospital opened in 1990 and has two hundred beds today, "
            "more than any other in the county.\n\n“Nobody expected this.”")
    assert [q.speaker for q in _quotes(nlp, text) if q.type != "indirect"] == ["Jane Doe"]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "content", "speaker_text"),
    [
        ("With regard to the new station, Wang Lei assures China “will consistently adhere to the principle of "
         "peaceful use,” but questions remain.",
         "will consistently adhere to the principle of peaceful use,", "Wang Lei"),
        ("Jane Doe called the plan “a disgrace to the city.”", "a disgrace to the city.", "Jane Doe"),
        ("Jane Doe said the plan was “a disgrace to the city.”", "a disgrace to the city.", "Jane Doe"),
    ],
)
def test_partial_quotes(nlp: Language, text: str, content: str, speaker_text: str) -> None:
    q = _one(nlp, text, ("partial",))
    assert (text[q.start:q.end], q.speaker_text) == (content, speaker_text)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "content", "speaker_text", "cue"),
    [
        ("Jane Doe said the school would reopen in the spring.",
         "the school would reopen in the spring", "Jane Doe", "said"),
        ("Jane Doe told reporters that the school would reopen in the spring.",
         "the school would reopen in the spring", "Jane Doe", "told"),
        ("Jane Doe added that the school would reopen in the spring.",
         "the school would reopen in the spring", "Jane Doe", "added"),
        ("Jane Doe warned the repairs would cost more than planned.",
         "the repairs would cost more than planned", "Jane Doe", "warned"),
        ("The school will reopen in the spring, Jane Doe said.",
         "The school will reopen in the spring", "Jane Doe", "said"),
        ("According to Jane Doe, the school will reopen in the spring.",
         "the school will reopen in the spring", "Jane Doe", "According to"),
    ],
)
def test_reported_speech(nlp: Language, text: str, content: str, speaker_text: str, cue: str) -> None:
    q = _one(nlp, text)
    assert (text[q.start:q.end], q.type, q.speaker_text, q.cue) == (content, "indirect", speaker_text, cue)


@pytest.mark.model
def test_transcript_turns_are_direct_quotes(nlp: Language) -> None:
    text = ("Chris Wallace spoke with Mike Pence on Sunday.\n\nWALLACE: Will she be at the debate tomorrow?\n\n"
            "PENCE: She will not be attending the debate.\n\nUPDATE: The debate starts at nine.\n\n"
            "PENCE: 1,769.")  # a count under a name says nothing
    found = [(text[q.start:q.end], q.speaker_text, q.speaker) for q in _quotes(nlp, text) if q.type == "direct"]
    assert found == [("Will she be at the debate tomorrow?", "WALLACE", "Chris Wallace"),
                     ("She will not be attending the debate.", "PENCE", "Mike Pence")]


@pytest.mark.model
def test_transcript_turn_is_written_without_its_quote_marks(nlp: Language) -> None:
    # a turn in quote marks, and one whose opening mark dangles at its end: the words alone
    text = ("Chris Wallace spoke with Mike Pence on Sunday.\n\nWALLACE: “Will she be at the debate?”\n\n"
            "PENCE: She will not be attending the debate. “\n\nThey spoke for an hour.")
    found = [(text[q.start:q.end], q.speaker) for q in _quotes(nlp, text) if q.type == "direct"]
    assert found == [("Will she be at the debate?", "Chris Wallace"),
                     ("She will not be attending the debate.", "Mike Pence")]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # another speaker's label opening a sentence of the paragraph ends the turn and starts the next
        ('Hillary Clinton and Jeb Bush spoke about ISIS.\n\nClinton: "Our goal is to defeat ISIS." Bush: '
         '"The mission is to destroy ISIS."\n\nThey differ.',
         [("Our goal is to defeat ISIS.", "Hillary Clinton"), ("The mission is to destroy ISIS.", "Jeb Bush")]),
        ("Chris Wallace spoke with Mike Pence on Sunday.\n\nWALLACE: Will she come? PENCE: She will not. "
         "WALLACE: Why not?\n\nThey spoke.",
         [("Will she come?", "Chris Wallace"), ("She will not.", "Mike Pence"), ("Why not?", "Chris Wallace")]),
        # not a title's period ("Mr. Trump:"), nor a label naming no person of the article ("Banks:")
        ("Chris Wallace spoke with Donald Trump on Sunday.\n\nWALLACE: Did you call Mr. Trump: the man "
         "himself? Banks: Most lent nothing.\n\nEnd.",
         [("Did you call Mr. Trump: the man himself? Banks: Most lent nothing.", "Chris Wallace")]),
    ],
)
def test_a_turn_ends_where_the_next_speakers_label_opens_a_sentence(nlp: Language, text: str,
                                                                   expected: list[tuple[str, str]]) -> None:
    assert [(text[q.start:q.end], q.speaker) for q in _quotes(nlp, text) if q.type == "direct"] == expected


@pytest.mark.model
def test_unbalanced_mark_does_not_cost_the_article(nlp: Language) -> None:
    text = "Jane Doe said, “The ward is full.\n\nTom Baker said, “We need help from the city now.”"
    found = [(text[q.start:q.end], q.speaker) for q in _quotes(nlp, text) if q.type != "indirect"]
    assert ("We need help from the city now.", "Tom Baker") in found


# ---------------------------------------------------------------- negatives (model)


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Jane Doe told “Morning Joe” on Monday that the school would reopen.",
        "Jane Doe spoke on “Fox News Sunday” about the school.",
    ],
)
def test_show_titles_are_not_quotes(nlp: Language, text: str) -> None:
    assert [q for q in _quotes(nlp, text) if q.type != "indirect"] == []


@pytest.mark.model
def test_reference_titles_are_not_quotes(nlp: Language) -> None:
    text = "The workshop opened on Monday.\n\nChina Daily– “China’s space station to open for foreign peers"
    doc = nlp.make_doc(text)
    doc._.news_parts = [("paragraph", 0, 30), ("reference", 32, len(text))]
    assert nlp(doc)._.quotes == []


# ---------------------------------------------------------------- speakers (model)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "speaker_text", "speaker", "kind"),
    [
        # the pronoun skips a man named just before: Mrs. gives the gender
        ("Mrs. Ann Lee met Mr. Tom Baker on Monday. She said, “We have a deal.”", "She", "Ann Lee", "pronoun-resolved"),
        ("Mayor John Smith opened the bridge. “It is a great day,” the mayor said.",
         "the mayor", "John Smith", "person"),
        ("John Smith, the mayor of Springfield, opened the bridge. Later, Smith said, “It is a great day.”",
         "Smith", "John Smith", "person"),
        # a title of titles.txt after a hyphen starts no name ("Secretary-Treasurer Gary Casteel")
        ("“We had a big issue with trade,” said United Auto Workers Secretary-Treasurer Gary Casteel.",
         "United Auto Workers Secretary-Treasurer Gary Casteel", "Gary Casteel", "person"),
        ("Officials opened the bridge. A spokesman said, “It is a great day.”", "A spokesman", "", "description"),
        ("She said, “It is a great day.”", "She", "", "pronoun"),
    ],
)
def test_speaker_resolution(nlp: Language, text: str, speaker_text: str, speaker: str, kind: str) -> None:
    q = _one(nlp, text, ("direct",))
    assert (q.speaker_text, q.speaker, q.speaker_kind) == (speaker_text, speaker, kind)


@pytest.mark.model
def test_title_and_acronym_expanded_organisation(nlp: Language) -> None:
    text = ("The workshop is run by the China Manned Space Agency (CMSA). CMSA Director General Wang Zhaoyao said, "
            "“Cooperation should be bilateral.”")
    q = _one(nlp, text, ("direct",))
    assert (q.speaker_text, q.speaker, q.speaker_title, q.speaker_org) == (
        "CMSA Director General Wang Zhaoyao", "Wang Zhaoyao", "Director General", "China Manned Space Agency")


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "title", "org"),
    [
        # a hyphenated title and a title with "of" before the name, whole
        ("“We will win,” said Republican front-runner Donald Trump.", "Republican front-runner", ""),
        ("“We will win,” said former Secretary of State Madeleine Albright.", "former Secretary of State", ""),
        ("“We will win,” said White House Chief of Staff Denis McDonough.", "Chief of Staff", "White House"),
        # the appositive's noun and its words, not the words before the organisation ("investment")
        ("Marvin Roffman, a securities analyst for the investment company Janney Montgomery Scott, recalled "
         "the calls. “He turns like a light switch,” Roffman said.", "securities analyst", "Janney Montgomery Scott"),
        ("John Miller, a professor of international economics at Cornell University, spoke. “Growth is slow,” "
         "Miller said.", "professor", "Cornell University"),
        # of two conjoined nouns, the one nearest before the organisation
        ("Yang Liwei, China's first astronaut and deputy director of China Manned Space Agency, spoke. “We are "
         "ready,” Yang said.", "deputy director", "China Manned Space Agency"),
    ],
)
def test_title_and_organisation_of_the_speaker(nlp: Language, text: str, title: str, org: str) -> None:
    q = _one(nlp, text, ("direct",))
    assert (q.speaker_title, q.speaker_org) == (title, org)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("John Smith met Mary Smith in Paris. Mary Smith spoke first. “We agreed on a plan,” Smith said.",
         "Mary Smith"),
        # once the article calls John Smith "Smith", the other Smith keeps her full name
        ("Mayor John Smith met reporters in Paris. Smith arrived late. His wife, Mary Smith, spoke first. "
         "“We agreed on a plan,” Smith said.", "John Smith"),
    ],
)
def test_surname_shared_by_two_people(nlp: Language, text: str, speaker: str) -> None:
    q = _one(nlp, text, ("direct",))
    assert (q.speaker_text, q.speaker) == ("Smith", speaker)


@pytest.mark.model
def test_surname_after_a_generational_suffix_resolves_to_the_full_name(nlp: Language) -> None:
    text = ("Donald Trump Jr. spoke at the rally in Ohio. “We will win this state,” Trump said.")
    q = _one(nlp, text, ("direct",))
    assert (q.speaker_text, q.speaker) == ("Trump", "Donald Trump Jr.")


def test_quote_stage_is_linear_in_quote_marks(blank: Language) -> None:
    text = "“a” " * 20_000
    doc = blank(text)
    found = list(quotes.QuoteExtractor(quotes.Cues({}, {}, {})).extract(doc))
    assert found == []


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "content", "cue"),
    [
        ("Jane Doe urged the council to repair the bridge before winter.",
         "the council to repair the bridge before winter", "urged"),
        ("Jane Doe believes the new law is unfair to tenants.", "the new law is unfair to tenants", "believes"),
        ("Jane Doe criticized the council's decision to close the library.",
         "the council's decision to close the library", "criticized"),
        # prepositional cues report their object
        ("Jane Doe talked about the rising cost of housing in the city.",
         "the rising cost of housing in the city", "talked about"),
        ("Jane Doe called for an end to the closures at the library.", "an end to the closures", "called for"),
        ("Jane Doe spoke of a new start for the old harbour.", "a new start for the old harbour", "spoke of"),
    ],
)
def test_reported_views_and_requests(nlp: Language, text: str, content: str, cue: str) -> None:
    q = _one(nlp, text)
    assert (text[q.start:q.end], q.type, q.speaker, q.cue) == (content, "indirect", "Jane Doe", cue)


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Jane Doe walked about the old town for hours on end.",  # not a cue verb
        "Jane Doe talked to the new mayor of the city on Monday.",  # not the cue's preposition
        "Jane Doe talked about it.",  # a pronoun says nothing (a short name does: test_quotes_recall.py)
        "The fact that the bridge is closed worries Jane Doe.",  # a noun complement is no speech
        "The idea that the bridge could close was new to Jane Doe.",
    ],
)
def test_prepositional_cues_need_their_preposition(nlp: Language, text: str) -> None:
    assert _quotes(nlp, text) == []


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Jane Doe said the bridge will reopen in May, which surprised the council.",
         "the bridge will reopen in May"),
        ("Jane Doe said the council will meet Robert Roe, the new mayor of the town.",
         "the council will meet Robert Roe"),
        # a relative clause without a comma restricts the noun: it is part of what was said
        ("Jane Doe said the bridge that collapsed last year will reopen in May.",
         "the bridge that collapsed last year will reopen in May"),
        # a series is no aside, whatever the parser makes of its items
        ("Jane Doe said the city would be training nurses, helping clinics grow, and inviting doctors to work there.",
         "the city would be training nurses, helping clinics grow, and inviting doctors to work there"),
    ],
)
def test_reported_clause_ends_before_the_writer_s_aside(nlp: Language, text: str, content: str) -> None:
    q = _one(nlp, text)
    assert (text[q.start:q.end], q.speaker) == (content, "Jane Doe")


@pytest.mark.model
def test_prepositional_cue_of_a_quote_names_its_topic_only(nlp: Language) -> None:
    text = "Jane Doe commented on the state of the city's budget: “We will cut spending next year.”"
    q = _one(nlp, text)
    assert (text[q.start:q.end], q.type, q.speaker) == ("We will cut spending next year.", "direct", "Jane Doe")


@pytest.mark.model
def test_scare_quotes_give_no_row_at_all(nlp: Language) -> None:
    text = "The meeting also hopes to foster the participation of “new space-faring and emerging countries” in space."
    assert _quotes(nlp, text) == []


@pytest.mark.model
def test_dash_attribution_skips_a_no_break_space(nlp: Language) -> None:
    text = "“We will rebuild the school this year.” ―\u00a0Jane Doe"
    q = _one(nlp, text, ("direct",))
    assert (q.speaker_text, q.speaker) == ("Jane Doe", "Jane Doe")


@pytest.mark.model
def test_passive_cue_leaves_the_source_unnamed(nlp: Language) -> None:
    text = "Voters were told the polling stations would open at seven."
    q = _one(nlp, text)
    assert (text[q.start:q.end], q.speaker_text, q.speaker_start, q.speaker) == (
        "the polling stations would open at seven", "", None, "")


def test_blank_pipeline_gives_no_attribution_and_no_error(blank: Language) -> None:
    doc = blank("According to Jane Doe, the school will reopen. She said, “We are ready.”")
    assert list(quotes.QuoteExtractor(quotes.Cues({"say": ""}, {}, {})).extract(doc)) == []


@pytest.mark.model
def test_cue_inside_the_reported_clause(nlp: Language) -> None:
    text = "The goal, Jane Doe said, is to reopen every school in the county before winter."
    q = _one(nlp, text)
    assert (text[q.start:q.end], q.speaker_text) == (
        "is to reopen every school in the county before winter", "Jane Doe")


@pytest.mark.model
def test_participle_after_a_reported_clause_belongs_to_the_reporter(nlp: Language) -> None:
    text = "Jane Doe said the process could be messy, adding, “Democracy is messy.”"
    found = [q for q in _quotes(nlp, text) if q.type == "direct"]
    assert [(text[q.start:q.end], q.speaker_text) for q in found] == [("Democracy is messy.", "Jane Doe")]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "speaker_text"),
    [
        ("Jane Doe offered “a full and frank apology” to the parents.", "Jane Doe"),
        ("Jane Doe knew the council members were “playing games with our children.”", "Jane Doe"),
    ],
)
def test_fragment_in_a_person_s_sentence_is_theirs(nlp: Language, text: str, speaker_text: str) -> None:
    q = _one(nlp, text, ("partial",))
    assert q.speaker_text == speaker_text


@pytest.mark.model
def test_fragment_in_a_sentence_about_things_is_a_scare_quote(nlp: Language) -> None:
    text = "The new bridge improved the “flow” of traffic through the town."
    assert _quotes(nlp, text) == []


@pytest.mark.model
def test_statement_issued_by_someone_is_theirs(nlp: Language) -> None:
    text = "The city council issued a statement saying the bridge would reopen in the spring."
    q = _one(nlp, text)
    assert (text[q.start:q.end], q.speaker_text) == ("the bridge would reopen in the spring", "The city council")


@pytest.mark.model
def test_subject_inside_the_quote_is_not_the_speaker(nlp: Language) -> None:
    text = ('"He would be a great senator. Not good, great. One of the brightest members of the entire Congress," '
            "Rep. Elijah E. Cummings (D-Md.) said in a phone interview.")
    q = _one(nlp, text, ("direct",))
    assert (q.speaker_text, q.speaker) == ("Rep. Elijah E. Cummings", "Elijah E. Cummings")


@pytest.mark.model
def test_colon_after_a_person_s_clause_introduces_their_quote(nlp: Language) -> None:
    text = "Jane Doe had a simple message for the council: “Fix the bridge before winter.”"
    q = _one(nlp, text, ("direct",))
    assert (q.speaker_text, q.cue) == ("Jane Doe", ":")


# ---------------------------------------------------------------- speakers: who heads the mention (model)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "speaker", "kind"),
    [
        # the person heading the mention speaks, not the one modifying it
        ("Jill Stein held a rally. “We will be on the ballot,” Stein spokeswoman Melezia Figueroa said.",
         "Melezia Figueroa", "person"),
        # a group the person leads is an organisation named after them
        ("Hillary Clinton spoke in Ohio. “We will win this state,” the Clinton campaign said.",
         "Hillary Clinton campaign", "organisation"),
        # a person named in apposition to the head: "Trump's running mate, Mike Pence"
        ("Donald Trump spoke in Ohio. Trump's running mate, Indiana Gov. Mike Pence, said, “We will win this state.”",
         "Mike Pence", "person"),
    ],
)
def test_the_head_of_the_mention_speaks(nlp: Language, text: str, speaker: str, kind: str) -> None:
    q = _one(nlp, text, ("direct",))
    assert (q.speaker, q.speaker_kind) == (speaker, kind)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "speaker_text", "speaker", "kind"),
    [
        # members of a party or nation are a group of people, unnamed: not the party itself
        ("Republicans said the bill would fail.", "Republicans", "", "group"),
        ("“We will not vote for it,” one Republican involved in the planning said.", "one Republican", "", "group"),
        ("The Saudis said the talks would resume.", "The Saudis", "", "group"),
        ("Republican seeks new Clinton inquiry.\n\nJason Chaffetz asked for a probe.", "Republican", "", "group"),
        # the party is an organisation
        ("The Republican Party said in a statement that it would appeal.", "The Republican Party",
         "Republican Party", "organisation"),
        # a company the model takes for a nationality stays an organisation
        ("LinkedIn has the largest user base, according to Statista. Statista said LinkedIn has 100 million "
         "active users.", "Statista", "Statista", "organisation"),
    ],
)
def test_party_and_nation_members_are_a_group(nlp: Language, text: str, speaker_text: str, speaker: str,
                                               kind: str) -> None:
    q = _quotes(nlp, text)[-1]
    assert (q.speaker_text, q.speaker, q.speaker_kind) == (speaker_text, speaker, kind)


@pytest.mark.model
def test_a_relative_named_by_given_name_speaks_and_is_the_next_she(nlp: Language) -> None:
    text = ("Hillary Clinton spoke in Ohio. Donald Trump answered in Iowa.\n\n"
            "Trump's daughter Ivanka said her father was ready.\n\n“He is ready,” she said.")
    assert [(q.speaker_text, q.speaker) for q in _quotes(nlp, text)] == [
        ("Trump's daughter", "Ivanka Trump"), ("she", "Ivanka Trump")]


@pytest.mark.model
def test_a_name_modifying_another_noun_leaves_the_speaker_unnamed(nlp: Language) -> None:
    text = "Donald Trump spoke in Ohio. “We will win this state,” Trump aides said."
    q = _one(nlp, text, ("direct",))
    assert (q.speaker_text, q.speaker) == ("Trump aides", "")


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a given name tells the gender: "She" is not Tom Baker
        ("Reporters asked Tom Baker about Jane Roe. She said, “We will win this state.”", "Jane Roe"),
        # so do the given names of the wider table (given_name_genders.csv), both ways
        ("Reporters asked Milton Berg about Deja Stewart. She said, “We will win this state.”", "Deja Stewart"),
        ("Reporters asked Deja Stewart about Milton Berg. He said, “We will win this state.”", "Milton Berg"),
        # the subject of the sentence before, not the last name in it
        ("Pat Quinn said Tom Baker was wrong about the plan. He added, “We will win this state.”", "Pat Quinn"),
        # in its own sentence, the nearest subject before it
        ("Pat Quinn said Tom Baker was right when he said, “We will win this state.”", "Tom Baker"),
        # a name inside quote marks is what was said, not who said the next thing
        ("Pat Quinn spoke to reporters. “Tom Baker is wrong,” Quinn said. He added, “We will win this state.”",
         "Pat Quinn"),
        # a chain of pronouns: the resolved "he" before stands for the speaker
        ("Pat Quinn spoke to reporters. “We will win,” he said, praising Tom Baker's plan. "
         "“It is the best plan,” he added.", "Pat Quinn"),
        # in its own sentence, the subject pronoun before a name it only mentions: that "he" again
        ("Pat Quinn ran a quiet campaign. He avoided any criticism of Tom Baker until Monday, when he said, "
         "“We will win this state.”", "Pat Quinn"),
    ],
)
def test_pronoun_takes_the_salient_person(nlp: Language, text: str, speaker: str) -> None:
    q = [q for q in _quotes(nlp, text) if q.type == "direct"][-1]
    assert (q.speaker_kind, q.speaker) == ("pronoun-resolved", speaker)


def test_speaker_rules_load_from_the_models_dir(models_dir) -> None:
    rules = speakers.SpeakerRules.from_dir(models_dir)
    assert "campaign" in rules.groups and rules.given["hillary"] == "f" and rules.given["donald"] == "m"
    assert "jordan" not in rules.given  # given to both sexes: decides nothing


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # the courtesy title picks the relative, whoever owned the bare surname last
        ("Bill Clinton and Hillary Clinton arrived in Ohio. Clinton spoke first. "
         "Mrs. Clinton said, “We will win this state.”", "Hillary Clinton"),
        ("Hillary Clinton and Bill Clinton arrived in Ohio. Mr. Clinton said, “We will win this state.”",
         "Bill Clinton"),
        # no man of that surname is named in full: the surname stays, no woman is given his words
        ("Michelle Obama spoke in Ohio. Mr. Obama said, “We will win this state.”", "Obama"),
    ],
)
def test_courtesy_title_tells_relatives_apart(nlp: Language, text: str, speaker: str) -> None:
    q = _one(nlp, text, ("direct",))
    assert q.speaker == speaker


@pytest.mark.model
def test_who_after_an_appositive_is_the_person(nlp: Language) -> None:
    text = ("The group was led by Marc Morial, the chief executive of the National Urban League, "
            "who said the plan would fail badly.")
    q = _one(nlp, text, ("indirect",))
    assert (q.speaker_text, q.speaker) == ("who", "Marc Morial")


def test_first_person_inside_a_quote_is_the_quote_s_speaker() -> None:
    def row(start: int, end: int, qtype: str, text: str, speaker: str, at: int) -> quotes.QuoteSpan:
        return quotes.QuoteSpan(start, end, qtype, "said", None, None, text, at, at + len(text), speaker,
                                "person" if speaker else "description", "", "")
    outer = row(0, 80, "direct", "Quinn", "Pat Quinn", 90)
    inner = row(30, 60, "indirect", "I", "", 25)
    alone = row(100, 140, "indirect", "I", "", 95)  # outside any quote: nobody to name
    out = quotes.first_person_in_quotes([outer, inner, alone])
    assert [(r.speaker, r.speaker_kind) for r in out] == [("Pat Quinn", "person"), ("Pat Quinn", "person"),
                                                          ("", "description")]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "speaker", "kind"),
    [
        # a role noun of models/en/role_nouns.csv stands for the salient person before it
        ("Bernie Sanders spoke in Ohio on Monday. “We will win this state,” the Vermont senator said.",
         "Bernie Sanders", "person"),
        # capitalised words of the role must be in the title the article gave: not Kaine
        ("Democratic vice presidential nominee Tim Kaine spoke first. Donald Trump spoke later. "
         "“We will win this state,” the Republican nominee said.", "Donald Trump", "person"),
        # nobody named before: the role stays an unnamed description
        ("“We will win this state,” the senator said.", "", "description"),
        # "the campaign": the latest campaign the article named after a person
        ("Hillary Clinton met donors. Clinton's campaign released a plan on Monday. "
         "“We will win this state,” the campaign said.", "Hillary Clinton campaign", "organisation"),
        ("“We will win this state,” the campaign said.", "", "description"),
        # a plural role is a group, never one person
        ("Bernie Sanders spoke in Ohio on Monday. “We will win this state,” the senators said.", "", "description"),
    ],
)
def test_role_mentions(nlp: Language, text: str, speaker: str, kind: str) -> None:
    q = _one(nlp, text, ("direct",))
    assert (q.speaker, q.speaker_kind) == (speaker, kind)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "speaker", "kind"),
    [
        # a family name two people share names the one the article writes out most, then first
        ("Former President Bill Clinton spoke in Flint for his wife Hillary Clinton.\n"
         "During the rally, the former president criticized the law.\n“It does not make any sense,” Clinton said.",
         "Bill Clinton", "person"),
        # a name in a prepositional phrase of the noun that speaks is not the speaker ...
        ("“We will appeal the ruling,” a spokesman for Governor John Smith said.", "", "description"),
        # ... nor one in an adjective's or a participle's phrase of that noun
        ("“We will stay in the race,” a source close to Hillary Clinton said.", "", "description"),
        ("“We will stay in the race,” aides loyal to Bernie Sanders said.", "", "description"),
        # a family name the tagger took for a common noun, with a prepositional phrase after it
        ("Donald Trump spoke on Monday. Trump at the time said, “I would never do it.”", "Donald Trump", "person"),
        # ... not a family name before the noun that speaks ("Trump aides at the time")
        ("Donald Trump spoke on Monday. Trump aides at the time said, “We would never do it.”", "", "description"),
        # an organisation in apposition to the noun that speaks, with or without commas
        ("Netanyahu spoke on Monday. The Israeli newspaper Haaretz reported, “The meeting is off.”",
         "Haaretz", "organisation"),
        ("“We will stay in the race,” said one group, Partnership for Responsible Growth, on Monday.",
         "Partnership for Responsible Growth", "organisation"),
        # ... nor the name of a hyphenated word ("pro-Sanders", whose entity is "Sanders")
        ("Bernie Sanders spoke on Monday. “Bernie or bust,” hundreds of pro-Sanders demonstrators chanted.",
         "", "description"),
        # ... but the author of "an analysis by" is
        ("“Taxes would rise for most families,” said an analysis by Jane Roe of Columbia University.",
         "Jane Roe", "person"),
        # a title from an appositive, also when the name had a title of its own
        ("Senator Harry Reid, the minority leader, spoke on Tuesday. “I don't think it matters,” the minority "
         "leader said.", "Harry Reid", "person"),
        # a party member by party is a person, the party's members are not: a group, unnamed
        ("Jason Chaffetz asked for a new inquiry on Tuesday. “The law is clear,” the Utah Republican said.",
         "Jason Chaffetz", "person"),
        ("Jason Chaffetz asked for a new inquiry on Tuesday. “We will win this fight,” the Republicans said.",
         "", "group"),
        # a short form of an organisation takes the full name the article gave it; alone it stays
        ("The Washington Post published an editorial on Monday.\n“He is selling fiction,” the Post wrote.",
         "Washington Post", "organisation"),
        ("“He is selling fiction,” the Post wrote.", "Post", "organisation"),
    ],
)
def test_speaker_full_names_from_the_article(nlp: Language, text: str, speaker: str, kind: str) -> None:
    q = _one(nlp, text, ("direct",))
    assert (q.speaker, q.speaker_kind) == (speaker, kind)


def test_a_name_labelled_an_organisation_that_names_a_person(blank: Language) -> None:
    """The model sometimes labels a surname ORG ("Fiorina said"): a family name or a given name
    of ``given_names.csv`` makes it a person; an organisation's head word does not."""
    from spacy.tokens import Doc, Span

    from pipeline.stages import entities

    words = ["Carly", "Fiorina", "spoke", ".", "Fiorina", "said", "so", ".", "Ilya", "Shapiro", "agreed", ".",
             "Ilya", "University", "said", "no", "."]
    doc = Doc(blank.vocab, words=words)
    doc.ents = [Span(doc, 0, 2, "PERSON"), Span(doc, 4, 5, "ORG"), Span(doc, 8, 10, "ORG"), Span(doc, 12, 14, "ORG")]
    doc._.entity_rules = entities.load_rules()  # the organisation heads of models/en/heads.csv
    r = speakers.SpeakerResolver(doc, speakers.SpeakerRules(given={"ilya": "m", "carly": "f"}))
    assert (r.resolve(doc[4:5]).name, r.resolve(doc[4:5]).kind) == ("Carly Fiorina", "person")
    assert (r.resolve(doc[8:10]).name, r.resolve(doc[8:10]).kind) == ("Ilya Shapiro", "person")
    assert (r.resolve(doc[12:14]).name, r.resolve(doc[12:14]).kind) == ("Ilya University", "organisation")


def test_one_word_name_the_model_tagged_elsewhere_names_its_untagged_mention(blank: Language) -> None:
    """An article that names a person by one word only ("Maddow") gives every mention of it the
    same speaker, also where the model tagged nothing; a capitalised word that names no person of
    the article stays unnamed, and a full name still wins for a family name."""
    from spacy.tokens import Doc, Span

    words = ["Maddow", "asked", "twice", ".", "Maddow", "said", "so", ".", "Bridges", "said", "no", ".",
             "Joe", "Krepon", "spoke", ".", "Krepon", "said", "yes", "."]
    pos = ["PROPN", "VERB", "ADV", "PUNCT"] * 5
    doc = Doc(blank.vocab, words=words, pos=pos)
    doc.ents = [Span(doc, 0, 1, "PERSON"), Span(doc, 12, 14, "PERSON")]
    r = speakers.SpeakerResolver(doc, speakers.SpeakerRules())
    assert (r.resolve(doc[4:5]).name, r.resolve(doc[4:5]).kind) == ("Maddow", "person")
    assert (r.resolve(doc[8:9]).name, r.resolve(doc[8:9]).kind) == ("", "description")
    assert r.resolve(doc[16:17]).name == "Joe Krepon"


SKILLED = "''I'm more skilled with my hands than I am with my brain,''"


@pytest.mark.model
def test_name_right_after_a_subjectless_cue_speaks(nlp: Language) -> None:
    # the parser makes the name the subject of "joking": the name closed by a comma still speaks
    text = f"{SKILLED} said Robin Maynard, half joking."
    q = _one(nlp, text, ("direct",))
    assert (text[q.start:q.end], q.speaker_text, q.speaker) == (SKILLED[2:-2], "Robin Maynard", "Robin Maynard")


@pytest.mark.model
def test_name_that_goes_on_after_the_cue_is_not_taken_alone(nlp: Language) -> None:
    # "Robin Maynard's wife" is not closed after the name: the name alone does not speak
    rows = _quotes(nlp, f"{SKILLED} said Robin Maynard's wife, half joking.")
    assert not any(q.speaker_text == "Robin Maynard" for q in rows), rows


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "The race.\n\nLONDON (Reuters) - Donald Trump said he was unlikely to have a good relationship with the prime "
        "minister.",
        "The race.\n\nMYRTLE BEACH, S.C. - Sen. Ted Cruz (R-Tex.) continued his onslaught against Donald Trump on "
        "Saturday, questioning the real estate mogul's temperament and judgment.",
    ],
)
def test_a_dateline_before_the_subject_does_not_speak(nlp: Language, text: str) -> None:
    # the parser gives the verb two subjects, the dateline's place and the name: the nearer one speaks
    # and a spaced dash ends the mention ("S.C. - Sen. Ted Cruz" is "Sen. Ted Cruz")
    rows = _quotes(nlp, text)
    assert rows and all(q.speaker in ("Donald Trump", "Ted Cruz") and q.speaker_text in ("Donald Trump", "Sen. Ted Cruz")
                        for q in rows), [(q.speaker_text, q.speaker, text[q.start:q.end]) for q in rows]


@pytest.mark.model
def test_later_quote_in_the_paragraph_is_the_same_speakers(nlp: Language) -> None:
    text = (f"{SKILLED} said Robin Maynard. He holds two associate degrees and has worked at the plant for 24 years. "
            "''But I like working with my hands.''")
    rows = [(text[q.start:q.end], q.speaker) for q in _quotes(nlp, text)]
    assert ("But I like working with my hands.", "Robin Maynard") in rows, rows


@pytest.mark.model
@pytest.mark.parametrize(
    "between",
    [
        # somebody else is named between the two quotes: the later one may be theirs
        "Her colleague Jane Doe has worked at the plant for 24 years.",
        # the writer's sentence goes on into the quote: no sentence of its own
        "The motto painted over the gate of the plant is",
    ],
)
def test_later_quote_in_the_paragraph_stays_unattributed(nlp: Language, between: str) -> None:
    text = f"{SKILLED} said Robin Maynard. {between} ''But I like working with my hands.''"
    rows = [(text[q.start:q.end], q.speaker) for q in _quotes(nlp, text)]
    assert ("But I like working with my hands.", "Robin Maynard") not in rows, rows


@pytest.mark.model
def test_a_name_in_a_participle_phrase_of_the_speaker_is_not_the_speaker(nlp: Language) -> None:
    text = ("The head of the major Super PAC backing former Florida Gov. Jeb Bush for president, Mike Murphy, praised "
            "the efforts of a donor to Sen. Marco Rubio (R-FL) to attack billionaire 2016 GOP frontrunner Donald "
            "Trump by skywriting nasty messages at the Rose Bowl.")
    speakers_found = {q.speaker for q in _quotes(nlp, text)}
    assert speakers_found == {"Mike Murphy"}  # the head of the PAC, named in apposition; not Jeb Bush


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "speaker", "kind"),
    [
        # a description by an organisation is the organisation's (models/en/authoring_verbs.txt)
        ("A count by the Associated Press showed that Clinton had won at least 700 delegates.",
         "Associated Press", "organisation"),
        ("The exit poll conducted by Edison Research found that most voters wanted change.",
         "Edison Research", "organisation"),
        # who holds a text is not its author; who employs a speaker does not speak
        ("A letter obtained by the Associated Press said that the plant would close in May.", "", "description"),
        ("A worker employed by the Carrier Corporation said that the plant would close in May.", "", "description"),
        # a text "from" an organisation is its (models/en/document_nouns.txt); a person from it is no text
        ("A new poll from the Pew Research Center found that most voters wanted change.",
         "Pew Research Center", "organisation"),
        ("A worker from the Carrier Corporation said that the plant would close in May.", "", "description"),
    ],
)
def test_description_by_an_organisation(nlp: Language, text: str, speaker: str, kind: str) -> None:
    rows = [(q.speaker, q.speaker_kind) for q in _quotes(nlp, text)]
    assert rows == [(speaker, kind)], rows


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("\"Watch it on the table while someone says, 'We have to keep it alive,' \" said Carly Fiorina.",
         "Watch it on the table while someone says, 'We have to keep it alive,'"),
        ("Carly Fiorina said, “ We have to keep it alive,”", "We have to keep it alive,"),
    ],
)
def test_a_space_between_the_words_and_the_mark_keeps_the_attribution(nlp: Language, text: str, content: str) -> None:
    # a nested quote's closer, then a space, then the straight closer (or an opener and a space):
    # the quote row keeps its words and its speaker (the space had cut the quote from its cue)
    q = _one(nlp, text, ("direct",))
    assert (text[q.start:q.end], q.speaker) == (content, "Carly Fiorina")


@pytest.mark.model
def test_described_name_right_after_a_subjectless_cue_speaks(nlp: Language) -> None:
    # "retired neurosurgeon" comes before the name; the parser made the name the subject of "asked"
    text = ("\"I'm not going to say it is a mistake, so forget about it,\" said retired neurosurgeon Ben Carson, "
            "asked about his claims that he had received a scholarship offer.")
    q = _one(nlp, text, ("direct",))
    assert (q.speaker_text, q.speaker) == ("retired neurosurgeon Ben Carson", "Ben Carson")


@pytest.mark.model
def test_description_without_a_name_after_the_cue_names_nobody(nlp: Language) -> None:
    rows = _quotes(nlp, f"{SKILLED} said a retired plant worker in Indiana, half joking.")
    assert not any(q.speaker for q in rows), [(q.speaker_text, q.speaker) for q in rows]


@pytest.mark.model
def test_name_opening_the_words_after_a_quote_speaks_when_the_cue_has_no_subject(nlp: Language) -> None:
    # the parser hangs "Trump" on the quote as an appositive, and "said" has no subject
    text = ("“Very good reporter, very good reporter this guy,” Trump, the 2016 GOP presidential frontrunner nationally "
            "and current polling leader in South Carolina by a wide margin after winning the New Hampshire primaries, "
            "said when Boyle asked him a question.")
    q = _one(nlp, text, ("direct",))
    assert (q.speaker_text, q.cue) == ("Trump", "said")


BOEING = "\"Boeing and GE and other multinationals . . . pay zero taxes.\""


@pytest.mark.model
def test_quote_signed_below_by_a_dash_and_a_name(nlp: Language) -> None:
    # a fact check's layout: the quote fills its paragraph, the next paragraph signs it
    text = f"The claims.\n\n{BOEING}\n\n- Bernie Sanders.\n\nThis is a complex issue."
    q = _one(nlp, text, ("direct",))
    assert (text[q.start:q.end], q.speaker) == (BOEING[1:-1], "Bernie Sanders")


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        f"The claims.\n\n{BOEING}\n\n- Reduce Taxes For Small Businesses.",  # a list, not a signature
        f"The claims.\n\nHe said it was not so: {BOEING} The rest is history.\n\n- Amber Phillips.",  # a byline
    ],
)
def test_dash_paragraph_signs_only_a_whole_quote_paragraph_with_a_name(nlp: Language, text: str) -> None:
    assert not any(q.speaker in ("Amber Phillips", "Reduce Taxes") or q.cue == "-" for q in _quotes(nlp, text))


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("As a part of his plea, Marcel Lehel Lazar, 44, said that he victimized nearly 100 Americans.",
         "Marcel Lehel Lazar"),
        ("In a statement to the Observer, her senior policy adviser, Jake Sullivan, said: “Hillary Clinton believes "
         "that transatlantic cooperation is essential.”", "Jake Sullivan"),
    ],
)
def test_name_in_the_subject_place_of_a_subjectless_cue_speaks(nlp: Language, text: str, speaker: str) -> None:
    # the parser hung the name on the phrase before it and left "said" without a subject; a name
    # inside a prepositional phrase ("to the Observer") is where it was said, not who said it
    rows = _quotes(nlp, text)
    assert rows and all(q.speaker == speaker for q in rows), [(q.speaker_text, q.speaker) for q in rows]


@pytest.mark.model
def test_aside_parsed_as_a_clause_before_the_cue_is_not_what_was_said(nlp: Language) -> None:
    # the parser makes "rabbi helping to organize the boycott" a clause of "said": what was said
    # is the clause right after the verb
    text = ("Jeffrey Salkin, a Hollywood, Fla., rabbi helping to organize the boycott, said he and other rabbis "
            "were alarmed about Trump's behavior.")
    q = _one(nlp, text)
    assert (text[q.start:q.end], q.speaker) == ("he and other rabbis were alarmed about Trump's behavior",
                                                 "Jeffrey Salkin")


@pytest.mark.model
def test_scare_quote_in_the_aside_after_a_described_name_does_not_hide_the_cue(nlp: Language) -> None:
    # the parser hung the name on the quote; a few quoted words in the aside after it are passed
    # over, and the describing words before the name ("Texas delegate") do not hide it
    text = ("Delegates gather.\n\n“We will not give up on this fight,” Texas delegate Bill Eastland, wearing a hat "
            "covered in “Ted Cruz” campaign pins, said on Tuesday.")
    assert [(q.type, q.speaker) for q in _quotes(nlp, text)] == [("direct", "Bill Eastland")]


@pytest.mark.model
def test_quotes_in_a_row_are_no_aside(nlp: Language) -> None:
    # a quote followed by more quoted names is not attributed across them to a later cue
    text = "Names.\n\n“Crooked Hillary,” “Lyin’ Ted” and “Little Marco” are names Jane Doe said she would use."
    assert not any(text[q.start:q.end] in ("Crooked Hillary", "Lyin’ Ted") for q in _quotes(nlp, text))


@pytest.mark.model
def test_cue_set_off_by_commas_inside_the_clause_keeps_the_words_before_it(nlp: Language) -> None:
    text = "It is no surprise, Mr. Garin said, that Mrs. Clinton won the state."
    q = _one(nlp, text)
    assert text[q.start:q.end] == "It is no surprise"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        ("Donald Trump picked up from his daughter by saying he is ready to go to work for the country.",
         "he is ready to go to work for the country", "Donald Trump"),
        ("Trump was criticized for saying that Mexican immigrants are rapists.",
         "Mexican immigrants are rapists", "Trump"),
    ],
)
def test_cue_after_a_preposition_is_said_by_the_clause_subject(nlp: Language, text: str, content: str,
                                                                speaker: str) -> None:
    # "by saying", "for saying": the participle hangs from a preposition; the subject of the verb it
    # modifies said it, even when that verb is passive (he was criticized; he said it)
    q = _one(nlp, text)
    assert (text[q.start:q.end], q.speaker) == (content, speaker)


@pytest.mark.model
def test_passive_cue_itself_names_nobody(nlp: Language) -> None:
    text = "Voters were expected to say the economy needs help."
    assert all(not q.speaker for q in _quotes(nlp, text))


@pytest.mark.model
def test_cue_after_an_adjective_is_said_by_the_subject(nlp: Language) -> None:
    # "quick to say", "more likely to say": the infinitive hangs from the adjective, not the verb
    text = "Clinton was quick to say that the plan would fail."
    q = _one(nlp, text)
    assert (text[q.start:q.end], q.speaker) == ("the plan would fail", "Clinton")


@pytest.mark.model
def test_passive_said_names_no_speaker(nlp: Language) -> None:
    """"It's said that ...": a passive with an expletive subject stays unnamed, as does "Romney
    is said to be angry" (no reported clause); only the perfect "he's said" speaks."""
    for text in ("Mitt Romney spoke on Monday. It's said that the party must change.",
                 "Mitt Romney spoke on Monday. Romney is said to be angry about the vote."):
        assert all(q.speaker == "" for q in _quotes(nlp, text))
