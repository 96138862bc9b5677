"""The verifiable ballot box's cryptographic protocol and its standalone verifier.

Pure functions over the standard library and PyNaCl only (never Django, never the
project's apps), so that this folder alone runs ``python -m verifier ARCHIVE``.
The specification is ``docs/protocol.md``.
"""

PROTOCOL = "electionspro/v1/ed25519"
