"""Sports copy: the teams of results (``stages/orgs.py``), the players of line-ups and the
scorers of match summaries, as wire services write them.

- Teams: a result the model tags as one name is cut at its scores, result and standings lines
  and result verbs name teams (ORG; a national team stays its country), a club and its city are
  one team (``orgs``).
- Roles: the capitalised words right before a role in a team ("Leeds striker Tony Yeboah";
  ``models/en/sports_roles.txt``), untagged or tagged as a place or product, are the team, in a
  story headed by a sport's slug.
- Line-ups: a line of three numbered players or more, "Japan : 1 - Kenichi Shimokawa , 2 -
  Hiroshige Yanagimoto , 3 - Naoki Soma", names persons.
- Scorers: the brackets after a team's score hold its scorers and their minutes, "PSV
  Eindhoven 3 ( Nilis 20 , Jonk 35 pen , Numan 80 , 88 )", or a cricket total its batsmen and
  bowlers, "Pakistan 326 ( Ijaz Ahmed 141 , Moin Khan 105 not out ; Wasim Akram 3-68 )": persons.
- Cricket scoreboards: the batsmen, fielders and bowlers of batting lines and bowling analyses
  ("M. Slater c Campbell b Walsh 9", "Bowling : Ambrose 18-5-49-1 , Walsh 20-4-60-1").
- A summary's words: in a story headed by a sport's slug ("SOCCER - ...") a common English
  word the model tags as a person before a number, "Halftime 2-0 . Attendance 28,000", is no
  person (a poll's "Clinton 45 to 41" elsewhere stays one); scorers are read there too.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator

from spacy.tokens import Doc, Span

from .. import orgs
from .headlines import common_word
from .merging import _is_country, replace_overlapping
from .names import clean_name
from .rules import Rules

# a player's name: capitalised words, a particle inside ("Edwin van der Sar")
_NAME = (r"[A-Z][\w.'’-]*(?: (?:(?:van|von|der|den|de|da|di|du|dos|del|la|le|ten|ter|bin|al|el) )*"
         r"[A-Z][\w.'’-]*){0,4}")
# a line-up's player: a shirt number, a dash and a name, after the line's start, a comma,
# semicolon, colon or bracket
_PLAYER = re.compile(rf"(?:^|[,;:(])[ \t]*\d{{1,2}} [-–] ({_NAME})", re.M)
# a cricketer on a scoreboard: initials and a family name, or two names ("M. Taylor", "Lara",
# "Wasim Akram", "de Silva")
_CRICKETER = r"(?:[A-Z]\. ?)*(?:de |van )?[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?"
# a batting line: the batsman, how he was out (caught, stumped, bowled, leg before, run out) and
# his runs: "M. Slater c Campbell b Walsh 9", "M. Waugh lbw b Benjamin 38", "S. Waugh not out 66"
_BATTING = re.compile(rf"^({_CRICKETER}) (?:(?:c|st) ({_CRICKETER}) )?(?:(?:b|lbw b|c & b|c and b) ({_CRICKETER}) "
                      rf"|not out |run out |retired hurt |hit wicket b ({_CRICKETER}) )\d{{1,3}}[ \t]*$", re.M)
# a bowling analysis: "Bowling : Ambrose 18-5-49-1 , Walsh 20-4-60-1 ( 2nb )"
_BOWLING_LINE = re.compile(r"^Bowling ?: (.+)$", re.M)
_BOWLER = re.compile(rf"(?:(?<=: )|(?<=[,;] ))({_CRICKETER}) \d{{1,3}}(?:\.\d)?-\d{{1,3}}-\d{{1,3}}-\d{{1,2}}")
MIN_PLAYERS = 3  # numbered names on one line that make it a line-up
_ROLE_TEAM_LABELS = {"", "GPE", "LOC", "FAC", "PRODUCT"}  # a team before its striker, as the model reads it
# the brackets after a score: "3 ( Nilis 20 , Jonk 35 pen )"
_AFTER_SCORE = re.compile(r"(?<=\d) \(([^()\n]{3,300})\)")
# a scorer and a goal's minute ("Nilis 20", "Jonk 35 pen", "Kluivert 90+2 og"; "Numan 80 , 88":
# a later minute is an entry of its own), or a batsman's runs or a bowler's figures in a cricket
# score ("Ijaz Ahmed 141", "Moin Khan 105 not out", "Wasim Akram 3-68")
_FIGURE = r"\d{1,3}(?:\+\d{1,2}|[-–]\d{1,3})?(?: (?:pen|og|penalty|not out))?"
_SCORER = re.compile(rf"^({_NAME}) {_FIGURE}$")
# a leaderboard's line: a rank or a score first, then names, each with its country in brackets and its
# times or scores ("132 Ian Woosnam , Fredrik Jacobson ( Sweden )", "1. Michael Johnson ( U.S. ) 19.32")
_RANKED_LINE = re.compile(r"^(?:\d{1,3}\.?|[=T]\d{1,3})[ \t]+(\S.*)$", re.M)
_RANKED = re.compile(rf"^({_NAME})(?: \([^()]{{2,40}}\))?(?: [\d.:+-]+)*$")
_MINUTE = re.compile(rf"^{_FIGURE}$")


def sports_entities(doc: Doc, text: str, ents: list[Span], rules: Rules, events: Collection[str]) -> list[Span]:
    """``ents`` read as sports copy: teams, national teams, players and scorers (see the module).
    ``events``: head words of competitions ("Cup", "Open"), which name no team."""
    def nation(name: str) -> bool:
        return _is_country(clean_name(name), rules)
    # "Leeds 2 Arsenal 1": teams; a national team stays its country ("Norway 1 Brazil 2")
    ents = [orgs.in_results(p, nation) for e in ents for p in orgs.split_scores(e, nation)]
    ents = replace_overlapping(ents, orgs.results_teams(doc, text, nation, ents, rules.sports))
    ents = replace_overlapping(ents, orgs.club_cities(doc, text, ents, rules.aliases, rules.places, rules.sports))
    ents = replace_overlapping(ents, orgs.result_sentence_teams(doc, text, ents, rules.result_verbs, nation,
                                                                rules.given_names, rules.sports, events,
                                                                rules.individual_sports))
    if " - " in text or " – " in text:
        ents = replace_overlapping(ents, lineup_players(doc, text))
    slugs = orgs.story_sports(text, rules.sports)
    if slugs:  # a sports story; not a dashed score alone: polls are "45-41" too
        if not slugs <= rules.individual_sports:  # a tennis player's coach names no team
            ents = replace_overlapping(ents, teams_by_role(doc, ents, rules.sports_roles, nation, text))
        family = {e[-1].text for e in ents if e.label_ == "PERSON" and len(e) > 1}  # "Johnson" of "Michael Johnson"
        ents = [e for e in ents if not summary_word(e, rules.given_names, family)]
        ents = replace_overlapping(ents, goal_scorers(doc, text))
        if slugs & rules.individual_sports:  # golf scores, athletics results
            ents = replace_overlapping(ents, ranked_players(doc, text))
        if "cricket" in slugs:
            ents = replace_overlapping(ents, cricketers(doc, text))
    return ents


def cricketers(doc: Doc, text: str | None = None) -> list[Span]:
    """The players of a cricket scoreboard as PERSON spans: batsmen, fielders and bowlers of its
    batting lines ("M. Slater c Campbell b Walsh 9", "S. Waugh not out 66") and the bowlers of its
    bowling analysis ("Bowling : Ambrose 18-5-49-1 , Walsh 20-4-60-1"). Asked of cricket stories only.
    ``text``: ``doc.text``, when the caller has it."""
    text = doc.text if text is None else text
    found: list[Span] = []
    spots = [(m.start(g), m.end(g)) for m in _BATTING.finditer(text) for g in range(1, 5) if m[g]]
    for line in _BOWLING_LINE.finditer(text):
        spots += [(m.start(1), m.end(1)) for m in _BOWLER.finditer(text, line.start(1), line.end(1))]
    for start, end in sorted(spots):
        span = doc.char_span(start, end, label="PERSON")
        if span is not None:
            found.append(span)
    return found


def teams_by_role(doc: Doc, ents: list[Span], roles: Collection[str], is_country: orgs.IsCountry,
                  text: str) -> list[Span]:
    """The capitalised words right before a role in a team (``roles``: "Leeds striker Tony Yeboah",
    "Chelsea manager Ruud Gullit"), untagged or tagged as a place or product, as an ORG, and their
    other mentions; a country stays a place, its national team ("England coach Glenn Hoddle").
    Asked of sports stories only; ``text`` is ``doc.text``."""
    label_at = {i: e.label_ for e in ents for i in range(e.start, e.end)}
    teams = []
    for tok in doc:
        if not (tok.is_lower and tok.lower_ in roles) or tok.i == 0:
            continue
        start, end = orgs.run_before(doc, tok.i, doc[tok.i - 1].sent.start if doc.has_annotation("SENT_START") else 0)
        while start < end and doc[start].is_stop:  # "The Leeds striker"
            start += 1
        labels = {label_at.get(i, "") for i in range(start, end)}
        cut = any(e.start < start < e.end or e.start < end < e.end for e in ents)  # part of a longer name
        if start < end and labels <= _ROLE_TEAM_LABELS and not cut and not is_country(doc[start:end].text):
            teams.append(Span(doc, start, end, label="ORG"))
    return teams + orgs.other_mentions(teams, ents, text) if teams else []


def lineup_players(doc: Doc, text: str | None = None) -> list[Span]:
    """The players of ``doc``'s line-ups as PERSON spans: the names after shirt numbers on a line
    holding at least ``MIN_PLAYERS`` of them, most of them of two words or more ("Japan : 1 -
    Kenichi Shimokawa , 2 - Hiroshige Yanagimoto , 3 - Naoki Soma"; a substitute's "( 7 -
    Masahiro Fukuda 66 )" too). A numbered list of one-word names ("1 - Chelsea , 2 - Leeds , 3
    - Everton") is no line-up. ``text``: ``doc.text``, when the caller has it."""
    text = doc.text if text is None else text
    found: list[Span] = []
    for line in re.finditer(r"[^\n]+", text):
        players = list(_PLAYER.finditer(text, line.start(), line.end()))
        if len(players) < MIN_PLAYERS or 2 * sum(" " in m[1] for m in players) < len(players):
            continue
        for m in players:
            span = doc.char_span(m.start(1), m.end(1), label="PERSON")
            if span is not None:
                found.append(span)
    return found


def ranked_players(doc: Doc, text: str) -> list[Span]:
    """The players of a leaderboard's lines as PERSON spans: after a rank or a score, the names of
    two words or more, each alone or with its country in brackets and its times or scores ("134
    Colin Montgomerie , Retief Goosen ( South Africa )"; "1. Michael Johnson ( U.S. ) 19.32").
    Asked of the stories of a sport of people only (golf, athletics: ``individual_sports.txt``)."""
    found: list[Span] = []
    for line in _RANKED_LINE.finditer(text):
        for start, entry in _entries(text, line.start(1), line.end(1)):
            m = _RANKED.match(entry)
            if m is not None and " " in m[1]:
                span = doc.char_span(start, start + len(m[1]), label="PERSON")
                if span is not None:
                    found.append(span)
    return found


def _entries(text: str, start: int, end: int) -> Iterator[tuple[int, str]]:
    """The comma- or semicolon-separated entries of ``text[start:end]``, stripped, each with the
    position where it starts in ``text`` (a leaderboard's players, a summary's scorers)."""
    pos = start
    for entry in re.split(r"[,;]", text[start:end]):
        yield pos + len(entry) - len(entry.lstrip()), entry.strip()
        pos += len(entry) + 1


def goal_scorers(doc: Doc, text: str | None = None) -> list[Span]:
    """The scorers in the brackets after a score, as PERSON spans: "PSV Eindhoven 3 ( Nilis 20 ,
    Jonk 35 pen , Numan 80 , 88 )". Every comma- or semicolon-separated entry must be a name and
    its minute, or a further minute of the scorer before; else the brackets are something else
    ("Leeds 2 ( halftime 1-0 )"). ``text``: ``doc.text``, when the caller has it."""
    text = doc.text if text is None else text
    found: list[Span] = []
    for m in _AFTER_SCORE.finditer(text):
        names: list[tuple[int, int]] = []
        for start, entry in _entries(text, m.start(1), m.end(1)):
            if _MINUTE.match(entry):
                continue
            scorer = _SCORER.match(entry)
            if scorer is None:
                names = []
                break
            names.append((start, start + len(scorer[1])))
        for s, e in names:
            span = doc.char_span(s, e, label="PERSON")
            if span is not None:
                found.append(span)
    return found


def summary_word(ent: Span, given: Collection[str], family: Collection[str] = ()) -> bool:
    """A one-word "person" that is a common English word, no given name and no family name of a
    person the story names in full (``family``: "Johnson 19.93" after "Michael Johnson"), right
    before a number: a match summary's "Halftime 2-0", "Attendance 28,000" (asked in sports
    stories only)."""
    doc = ent.doc
    return (ent.label_ == "PERSON" and len(ent) == 1 and ent.end < len(doc) and doc[ent.end].text[:1].isdigit()
            and ent[0].lower_ not in given and ent.text not in family and common_word(ent.text))
