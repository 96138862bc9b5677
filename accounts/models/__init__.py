"""Models of the accounts app, one module per concern."""

from .audit import AuditEvent
from .profile import ProfileUpdateRequest
from .users import User, UserManager

__all__ = ["AuditEvent", "ProfileUpdateRequest", "User", "UserManager"]
