"""Development tools that write no rows: ``make eval`` (``evaluate``), ``make bench`` (``bench``,
``bench_language``) and the speaker check (``speaker_check``, with its hand-resolved samples)."""
