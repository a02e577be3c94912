"""Development tools that write no rows: ``make eval`` (``evaluate``), ``make bench`` (``bench``,
``bench_language``), the checks on data kept aside (``speaker_check`` with its hand-resolved
samples, ``quote_recall``, ``news_ner_check``, ``ner_halves``, ``place_codes``) and ``compare`` (two runs' tables)."""
