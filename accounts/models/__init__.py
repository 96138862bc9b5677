"""Models of the accounts app, one module per concern."""

from .users import User, UserManager

__all__ = ["User", "UserManager"]
