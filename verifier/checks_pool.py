"""Ballot checks on all cores: batches of board lines sent to a process pool.

At most ``2 × workers`` batches are in flight, so a board of any size streams in
bounded memory; results are gathered in submission order. With one worker the
batches are checked in this process.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from multiprocessing.pool import AsyncResult

from verifier.checks_ballots import BatchResult, check_batch, init_worker
from verifier.elgamal import Ciphertext, accumulate
from verifier.manifest import Manifest
from verifier.messages import Failure

BATCH = 64
# Never fork a process that may hold threads (a Django command, a test runner): the
# workers start from a clean server process and import only this package.
_START_METHOD = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"


class BallotPool:
    """Collects ballot lines, checks them in batches, sums the per-scrutin products."""

    def __init__(self, manifests: dict[str, Manifest], *, workers: int) -> None:
        self.workers = workers
        self.batch: list[tuple[int, bytes]] = []
        self.pending: deque[AsyncResult[BatchResult]] = deque()
        self.results: list[BatchResult] = []
        self.products: dict[str, list[Ciphertext]] = {}
        self.failures: list[Failure] = []
        self.cpu_seconds = 0.0
        if workers > 1:
            self.pool = multiprocessing.get_context(_START_METHOD).Pool(
                workers, initializer=init_worker, initargs=(manifests,)
            )
        else:
            self.pool = None
            init_worker(manifests)

    def add(self, height: int, line: bytes) -> None:
        """Queue one ballot event line."""
        self.batch.append((height, line))
        if len(self.batch) >= BATCH:
            self._submit()

    def _submit(self) -> None:
        batch, self.batch = self.batch, []
        if not batch:
            return
        if self.pool is None:
            self._collect(check_batch(batch))
            return
        self.pending.append(self.pool.apply_async(check_batch, (batch,)))
        while len(self.pending) > 2 * self.workers:
            self._collect(self.pending.popleft().get())

    def _collect(self, result: BatchResult) -> None:
        self.failures.extend(result.failures)
        self.cpu_seconds += result.cpu_seconds
        for scrutin, product in result.products.items():
            current = self.products.get(scrutin)
            self.products[scrutin] = product if current is None else accumulate(current, product)

    def close(self, failures: list[Failure]) -> dict[str, list[Ciphertext]]:
        """Finish every batch; add their failures to ``failures``; return the products."""
        self._submit()
        while self.pending:
            self._collect(self.pending.popleft().get())
        if self.pool is not None:
            self.pool.close()
            self.pool.join()
        failures.extend(self.failures)
        failures.sort(key=lambda f: (f.height is None, f.height or 0))
        return self.products
