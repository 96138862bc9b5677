"""Views of the ballots app, one module per area."""
