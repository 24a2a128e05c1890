"""The caller's identity, in one place for every endpoint."""

from flask import g
from flask_smorest import abort


def current_user():
    """Return the authenticated user of this request, or None for an anonymous caller."""
    return g.get("current_user")


def require_user():
    """Return the caller, or answer 401 with the challenge the contract names."""
    user = current_user()
    if user is None:
        abort(401, headers={"WWW-Authenticate": 'Bearer realm="api"'})
    return user
