"""Flows: what a view does after its form validates (the allauth pattern)."""
