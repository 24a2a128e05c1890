"""Core reference data and the application's version endpoints."""

from wger.blueprints.core import actions
from wger.blueprints.core.resources import blueprint

__all__ = ["actions", "blueprint"]
