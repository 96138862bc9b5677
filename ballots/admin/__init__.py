"""Admin of the ballots app, one module per area (campaign configuration, voting)."""

from . import accounts, campaign, notices, profile_requests, voting  # noqa: F401 - registers the model admins
