"""Ingest: walk a corpus (``corpus``), decode files (``decode``), find each article's structure (``article``)."""

from .article import REFERENCE, Article, Part, RefSpan, iso_date, parse_article
from .corpus import META_FIELDS, SUFFIXES, _walk, doc_id_for, iter_inputs
from .decode import Decoded, InputError, control_share, decode, decode_bytes, normalise_newlines

__all__ = ["REFERENCE", "META_FIELDS", "SUFFIXES", "Article", "Decoded", "InputError", "Part", "RefSpan",
           "_walk", "control_share", "decode", "decode_bytes", "doc_id_for", "iso_date", "iter_inputs",
           "normalise_newlines", "parse_article"]
