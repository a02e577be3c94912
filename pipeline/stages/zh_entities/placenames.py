"""Places in Chinese words: country abbreviations (中美, 访华), places inside one word, facilities."""

from __future__ import annotations

from ..chinese import Token
from .rules import CHINA, MENTION_LABELS, Mention, ZhRules


def abbreviation_mentions(tok: Token, rules: ZhRules) -> list[Mention]:
    """Country abbreviations at the start of a token: "中美关系" -> 中, 美; "中方" -> 中; "访华" -> 华."""
    text, ab = tok.text, rules.abbreviations
    if len(text) >= 2 and text[0] in rules.verbs and text[1] in ab:  # 访华, 抵京, 抗日
        return [(tok.start + 1, tok.start + 2, ab[text[1]].label)]
    run = 0
    while run < len(text) and text[run] in ab:
        run += 1
    if run >= 2 and any(ch in CHINA for ch in text[:run]) and text[:2] != "中华":
        return [(tok.start + k, tok.start + k + 1, ab[text[k]].label) for k in range(run)]
    if text[:2] == "中华" and (text == "中华" or tok.pos not in MENTION_LABELS):  # 中华民族; not 中华人民共和国
        return [(tok.start, tok.start + 2, "GPE")]
    if len(text) == 2 and text[0] in ab and text[1] == "方":
        return [(tok.start, tok.start + 1, ab[text[0]].label)]
    return []


def abbreviation_run(tokens: list[Token], i: int, rules: ZhRules) -> int:
    """End index of one-character abbreviations jieba wrote as words of their own (中/f 美/ns 双方,
    中/f 俄/j 第五个): two or more adjacent words of one or two abbreviations, one of them China;
    ``i`` when there is none."""
    j = i
    while (j < len(tokens) and len(tokens[j].text) <= 2 and all(ch in rules.abbreviations for ch in tokens[j].text)
           and (j == i or tokens[j].start == tokens[j - 1].end)):
        j += 1
    run = "".join(t.text for t in tokens[i:j])
    if j - i >= 2 and any(ch in CHINA for ch in run) and not run.startswith("中华"):
        return j
    return i


def is_place(word: str, rules: ZhRules) -> bool:
    """A place by the alias table or jieba's dictionary (ns), never a word of ``not_names.txt``."""
    label = rules.aliases.get(word)
    if label is not None:
        return label in ("GPE", "LOC")
    return len(word) >= 2 and word not in rules.not_names and rules.tags.get(word) == "ns"


def _place_label(word: str, rules: ZhRules) -> str:
    return rules.aliases.get(word, "GPE")


def is_facility(word: str, rules: ZhRules) -> bool:
    """A word that ends with a facility's head word (人民大会堂, 国际机场)."""
    return any(word.endswith(h) for h in rules.facility_heads)


def place_parts(tok: Token, rules: ZhRules) -> list[Mention]:
    """Places inside one jieba word, the longest first place first:

    - a place and a word that leaves it the mention (``place_suffixes.txt``): 美国政府 -> 美国,
      亚太地区 -> 亚太, 非洲人 -> 非洲;
    - two places: 中华人民共和国香港特别行政区 -> 中华人民共和国, 香港特别行政区;
    - a place and a facility named on its own: 北京人民大会堂 -> 北京, 人民大会堂 (FAC); a place and
      a facility's head word alone is one facility (洛杉矶国际机场);
    - a known place or organisation (alias table) before a word of its own that is no
      organisation's head, in a word jieba does not tag nt, nor ns with a noun after the place
      (朝鲜半岛, 俄罗斯联邦 stay whole): 两岸关系 -> 两岸, 香港回归 -> 香港, 东盟国家 -> 东盟.
    Empty when the word is none of these."""
    text = tok.text
    if len(text) < 3:
        return []
    for n in range(len(text) - 1, 1, -1):
        head, rest = text[:n], text[n:]
        if not is_place(head, rules):
            if rules.aliases.get(head) == "ORG" and _own_word_after(tok, head, rest, rules):
                return [(tok.start, tok.start + n, "ORG")]  # 东盟国家 -> 东盟
            continue
        first = (tok.start, tok.start + n, _place_label(head, rules))
        if rest in rules.place_suffixes:
            return [first]
        if rest in rules.facility_heads:
            return [(tok.start, tok.end, "FAC")]
        if is_place(rest, rules):
            return [first, (tok.start + n, tok.end, _place_label(rest, rules))]
        if is_facility(rest, rules) and rest in rules.tags:
            return [first, (tok.start + n, tok.end, "FAC")]
        if _own_word_after(tok, head, rest, rules):
            return [first]
    return []


def _own_word_after(tok: Token, head: str, rest: str, rules: ZhRules) -> bool:
    """``rest`` is a word of its own after the alias ``head`` in ``tok`` (关系 in 两岸关系, 国家 in
    东盟国家): two characters or more, no organisation's head word, in a word jieba does not tag
    nt, nor ns with a noun after the place (朝鲜半岛)."""
    return (tok.pos != "nt" and not (tok.pos == "ns" and rules.tags.get(rest, "n")[:1] == "n")
            and len(tok.text) >= 4 and len(rest) >= 2 and head in rules.aliases
            and not any(rest.endswith(h) for h in rules.org_heads))
