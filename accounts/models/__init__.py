"""Models of the accounts app, one module per concern."""

from .audit import AuditEvent
from .users import User, UserManager

__all__ = ["AuditEvent", "User", "UserManager"]
