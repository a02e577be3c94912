"""The Dask engine: the same batches, run as tasks on a Dask cluster.

With no scheduler address a local cluster is started (one single-threaded worker
process per ``--workers``) and closed at the end. Tasks reference
the task (``pipeline.run.tasks.run_batch``) by name, so every worker must have this project and the
spaCy model installed (``pip install`` on the worker image); each worker builds the
pipeline on its first task and keeps it, the model is never pickled per task. Only the
batch's texts go out and its rows come back.
"""

from __future__ import annotations

import logging

from ..config import Settings
from .engines import Batch, Pending, Task


class DaskEngine:
    """Batches as Dask tasks; ``slots`` is twice the number of worker threads of the cluster."""

    def __init__(self, task: Task, settings: Settings) -> None:
        from distributed import Client, LocalCluster

        self.task, self.settings = task, settings
        self.cluster: LocalCluster | None = None
        if settings.scheduler:
            self.client = Client(settings.scheduler)
        else:
            self.cluster = LocalCluster(n_workers=max(1, settings.workers), threads_per_worker=1, processes=True,
                                        dashboard_address=None, silence_logs=logging.ERROR)
            self.client = Client(self.cluster)
        threads = sum(self.client.nthreads().values())
        self.slots = 2 * max(1, threads)

    def submit(self, batch: Batch) -> Pending:
        # pure=False: two identical batches (copies of a file) are still two tasks
        return self.client.submit(self.task, batch, self.settings, pure=False)  # type: ignore[no-any-return]

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
