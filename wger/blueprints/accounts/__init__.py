"""Accounts: authentication endpoints, the user's profile, and the login and API key pages."""

from wger.blueprints.accounts import pages
from wger.blueprints.accounts.actions import blueprint

__all__ = ["blueprint", "pages"]
