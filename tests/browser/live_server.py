"""The live server the browser tests run against."""

import threading

from django.conf import settings
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread


class _SerialisedLiveServer(ThreadedWSGIServer):
    """Django's threaded live server, running the application one request at a time.

    On SQLite the test database lives in memory and every thread of the live server
    shares its one connection: a page and its images fetched in parallel then fail at
    random ("bad parameter or other API misuse"). Connections are still accepted by
    several threads (Chromium keeps idle pre-connections open, which would block a
    single-threaded server); only the application, response body included, runs under
    a lock. PostgreSQL gives each thread its own connection and needs none of this.
    """

    def set_app(self, application):
        lock = threading.Lock()

        def serialised(environ, start_response):
            with lock:
                response = application(environ, start_response)
                try:
                    body = b"".join(response)
                finally:
                    if hasattr(response, "close"):
                        response.close()
            return [body]

        super().set_app(serialised)


def serialise_on_sqlite() -> None:
    """Use the serialised server when the test database is SQLite (in memory)."""
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        LiveServerThread.server_class = _SerialisedLiveServer
