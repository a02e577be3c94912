"""Running the stages over a corpus: the stream of batches (``runner``), where batches run
(``engines``: this process or a local pool; ``engine_dask``: a Dask cluster), the incremental
cache of rows (``cache``) and progress on stderr (``progress``). Engines receive the function
to run; they never import the runner.
"""
