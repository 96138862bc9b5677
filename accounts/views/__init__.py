"""Views of the elector account flows, one module per flow.

The elector space itself (its home, profile, scrutins) is in ballots."""
