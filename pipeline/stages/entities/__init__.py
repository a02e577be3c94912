"""English entities: the ``news_entities`` spaCy component and the rules it applies.

``component`` is the component (the order of the steps is its ``__call__``); ``rules`` reads
``models/en``; ``names`` cleans and trims names as written; ``acronyms`` learns the acronyms an
article defines; ``headlines`` handles ALL-CAPS and headline-cased lines and datelines;
``merging`` joins spans that are one name; ``linking`` links a lone surname to its person;
``sports`` reads sports copy and ``companies`` the phrases beside a company's name. The
names below are the public API (importing the package registers the factory).
"""

from .acronyms import country_code, learn_acronyms
from .component import NewsEntities, make_news_entities
from .headlines import (
    body_casing,
    dateline_places,
    is_caps_line,
    is_table_header,
    is_title_line,
    lower_stems,
    title_case,
    true_case,
)
from .linking import family_name, person_canonicals
from .names import clean_name, has_known_head, head_of, split_span, trim_span
from .rules import (
    CODED_LABELS,
    Rules,
    country_canonical,
    gender_of,
    load_genders,
    load_rules,
    load_word_list,
    parse_phrases,
)

__all__ = ["CODED_LABELS", "NewsEntities", "Rules", "body_casing", "clean_name", "country_canonical", "country_code",
           "dateline_places", "family_name", "gender_of", "has_known_head", "head_of", "is_caps_line",
           "is_table_header", "is_title_line", "learn_acronyms", "load_genders", "load_rules", "load_word_list",
           "lower_stems", "make_news_entities",
           "parse_phrases", "person_canonicals", "split_span", "title_case", "trim_span", "true_case"]
