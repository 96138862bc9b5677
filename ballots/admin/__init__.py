"""Admin of the ballots app, one module per area (campaign configuration, voting)."""

from . import (  # noqa: F401 - registers the model admins
    accounts,
    campaign,
    incidents,
    notices,
    profile_requests,
    voting,
)
