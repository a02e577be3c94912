"""The stages: what turns an article into rows, in the order a document meets them.

``ingest`` (corpus walk, decoding, article structure) -> ``language`` (per part, with
``ngrams``) -> ``chinese`` (jieba tokens) and ``zh_entities`` -> ``nlp`` (the spaCy pipeline:
the model, ``longtext`` for long documents, the entity ruler, ``entities`` with ``orgs`` and
``places``, ``quotes`` with ``speakers``) -> ``document`` (one document's rows). Stages read
rules from a rule book and never touch files: reading and writing are at the edges (``run``,
``output``).
"""
