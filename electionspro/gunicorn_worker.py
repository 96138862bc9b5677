"""A gunicorn gthread worker that tells the app how long each request waited for a thread.

Under an opening stampede requests pile up in the worker's queue before Django sees
them; past a second or two the elector has given up anyway. With this worker class
(`gunicorn -k electionspro.gunicorn_worker.QueueTimedThreadWorker --threads 16`), the
load-shedding middleware answers such a request with the polite 503 at once instead of
doing work nobody will see, so the queue drains instead of timing out in bulk.
"""

import time

from gunicorn.workers.gthread import ThreadWorker

from electionspro import loadshed


class QueueTimedThreadWorker(ThreadWorker):
    def enqueue_req(self, conn):
        conn.electionspro_enqueued = time.monotonic()
        super().enqueue_req(conn)

    def handle(self, conn):
        loadshed.request_queued_at(getattr(conn, "electionspro_enqueued", None))
        try:
            return super().handle(conn)
        finally:
            loadshed.request_queued_at(None)
