"""The login lockout as people read it: after how many failures, for how long.

django-axes enforces it from AXES_FAILURE_LIMIT and AXES_COOLOFF_TIME; every page and
message that states it reads the same settings, so changing them changes the text.
"""

import inspect
from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest
from django.utils.module_loading import import_string


def lockout_minutes(request: HttpRequest | None = None) -> int:
    """AXES_COOLOFF_TIME in minutes, in any form django-axes documents for it: a number of
    hours, a timedelta, or a callable (or its dotted path) returning one of those, called
    with the request when it takes one (None: a login page's)."""
    cooloff = settings.AXES_COOLOFF_TIME
    if isinstance(cooloff, str):
        cooloff = import_string(cooloff)
    if callable(cooloff):
        cooloff = cooloff(request) if inspect.signature(cooloff).parameters else cooloff()
    if isinstance(cooloff, timedelta):
        return round(cooloff.total_seconds() / 60)
    return round(float(cooloff) * 60)


def lockout_policy(request: HttpRequest | None = None) -> dict[str, int]:
    """`failures` allowed before the lockout and its length in `minutes` (templates: LOCKOUT)."""
    return {"failures": settings.AXES_FAILURE_LIMIT, "minutes": lockout_minutes(request)}
