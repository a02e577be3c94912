"""Organisations: a place or organisation, a few words and a head word are one name (智利 共产党)."""

from __future__ import annotations

from ..chinese import Token
from .placenames import is_facility
from .rules import CONGRESS, ORDINAL, ORG_LINKS, Mention, ZhRules

OWN_NAME_TAGS = ("nt", "ns", "nz", "j", "nr", "nrt")  # jieba's tags of a word that names something itself


def _links_organisation(tok: Token, nxt: Token | None, rules: ZhRules) -> bool:
    """A word that may stand inside an organisation's name after a place: a noun, a verbal
    noun or a distinguishing word (摄影, 美术), an ordinal (第八次), or a verb right before the
    head word (终审 法院, 收藏 协会; not 设立 in 香港 设立 终审 法院). Not a person, another place
    (河北 故城县纪委 is 河北 and 故城县纪委), a particle or punctuation."""
    if tok.pos[:1] == "v" and tok.pos != "vn":
        return nxt is not None and nxt.start == tok.end and _is_head(nxt, rules, listed=True)
    return (tok.pos[:1] in ("n", "j", "b") or tok.pos == "vn") and not tok.pos.startswith(("nr", "ns")) or (
        tok.pos == "m" and ORDINAL.fullmatch(tok.text) is not None)


def _ordinal_of_organisation(tokens: list[Token], j: int) -> bool:
    """An ordinal before an organisation jieba knows (nt): after a place, the ordinal is that
    organisation's (香港特别行政区 第九届 全国人民代表大会), while a party's congress is the
    party's (中国共产党 第十五次 全国代表大会)."""
    return (tokens[j].pos == "m" and j + 1 < len(tokens) and tokens[j + 1].pos == "nt"
            and ORDINAL.fullmatch(tokens[j].text) is not None)


def _is_head(tok: Token, rules: ZhRules, listed: bool = False) -> bool:
    """An organisation's or facility's head word: one of the lists or a word ending with one of
    their words of two characters or more (纳兰性德研究会); unless ``listed``, also a word jieba
    tags nt that ends with a head word of any length (北京市 公安局, not 中国 东盟)."""
    text = tok.text
    return (text in rules.org_heads or text in rules.facility_heads
            or (len(text) > 2 and text.endswith(rules.long_heads))
            or (not listed and tok.pos == "nt" and text.endswith(tuple(rules.org_heads))))


def _unit_of_organisation(tok: Token, rules: ZhRules) -> bool:
    """A word jieba tags nt that names a unit of the organisation written right before it: a head
    word after words that name nothing on their own (人民日报 国际部 -> 人民日报国际部, MSRA's
    nested name); not an organisation of its own, a word that starts with a name (中共中央办公厅
    国务院办公厅: 国务院 is one)."""
    text = tok.text
    if tok.pos != "nt" or not any(text.endswith(h) and len(text) > len(h) for h in rules.org_heads):
        return False
    return not any(rules.tags.get(text[:n], "") in OWN_NAME_TAGS for n in range(2, len(text)))


def _head_label(text: str, rules: ZhRules) -> str:
    return "FAC" if text in rules.facility_heads or is_facility(text, rules) else "ORG"


def _org_bounds(tokens: list[Token], k: int, start: int, end: int, rules: ZhRules) -> tuple[int, int]:
    """An organisation's name widened by the ordinal before it (第九届 全国人民代表大会) and the
    party congress after it (致公党 十大, 民建 七 大)."""
    if k > 0 and tokens[k - 1].end == start and ORDINAL.fullmatch(tokens[k - 1].text):
        start = tokens[k - 1].start
    m = next((j for j in range(k, len(tokens)) if tokens[j].end >= end), None)
    if m is not None and tokens[m].end == end:
        for n in (1, 2):
            after = tokens[m + 1:m + 1 + n]
            if (len(after) == n and all(a.start == b.end for a, b in zip(after, tokens[m:m + n], strict=True))
                    and CONGRESS.fullmatch("".join(t.text for t in after))):
                end = after[-1].end
                break
    return start, end


def join_organisations(tokens: list[Token], found: list[Mention], rules: ZhRules) -> list[Mention]:
    """A place or organisation, at most ``ORG_LINKS`` more words and a head word are one ORG
    (a facility's head word: one FAC).

    "海南 摄影 美术 出版社" -> 海南摄影美术出版社; "智利 共产党" -> 智利共产党 (not 智利 and 共产党);
    "辽宁省政府 教育 督导 团" -> 辽宁省政府教育督导团 (the place 辽宁省 starts the word 辽宁省政府);
    "北京市 司法局" -> 北京市司法局. An organisation takes the ordinal before it and the party
    congress after it. The longest such name wins; the mentions inside it are dropped.
    """
    if not rules.org_heads:
        return found
    index = {t.start: k for k, t in enumerate(tokens)}
    out: list[Mention] = []
    covered_to = -1
    for start, end, label in found:
        if start < covered_to:
            continue
        k = index.get(start)
        org_end, org_label = None, label
        if label in ("GPE", "ORG") and k is not None:
            m = k
            while m < len(tokens) and tokens[m].end < end:
                m += 1
            j = m + 1
            while (j < len(tokens) and j - m <= ORG_LINKS and tokens[j].start == tokens[j - 1].end
                   and (_links_organisation(tokens[j], tokens[j + 1] if j + 1 < len(tokens) else None, rules)
                        or j > m + 1 and _is_head(tokens[j], rules, listed=True))  # 光彩 事业 促进会/v
                   and not (label == "GPE" and _ordinal_of_organisation(tokens, j))):
                if (_is_head(tokens[j], rules, listed=label != "GPE" or j > m + 1)  # 北京市 司法局/nt
                        or label == "ORG" and _unit_of_organisation(tokens[j], rules)):
                    org_end, org_label = tokens[j].end, _head_label(tokens[j].text, rules)
                j += 1
        if org_end is not None:
            start, end, label = start, org_end, org_label
        if label == "ORG" and k is not None:
            start, end = _org_bounds(tokens, k, start, end, rules)
        out.append((start, end, label))
        covered_to = end
    return out
