"""What a run writes: the table schemas and the atomic writer (``tables``), the DuckDB database
and its views (``database``), ``run.json`` (``manifest``) and ``report.html`` (``report``)."""
