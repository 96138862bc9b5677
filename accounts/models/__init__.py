"""Models of the accounts app, one module per concern."""

from .profile import ProfileUpdateRequest
from .users import User, UserManager

__all__ = ["ProfileUpdateRequest", "User", "UserManager"]
