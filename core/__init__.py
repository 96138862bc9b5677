"""The bottom layer: what every app shares and that knows no app above it.

The audit trail and its event kinds, CSV reading and import reports, Paris time,
bulk database helpers, the read-only admin base and mail composition.
"""
