"""The portal's URLs plus the baseline views under /_bench/ (electionspro.settings.bench only)."""

from django.urls import include, path

from electionspro.urls import handler403, handler404, handler500
from electionspro.urls import urlpatterns as portal_urlpatterns

urlpatterns = [path("_bench/", include("bench.baseline")), *portal_urlpatterns]

__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]
