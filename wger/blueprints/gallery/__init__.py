"""Progress photos."""

from wger.blueprints.gallery.resources import blueprint

__all__ = ["blueprint"]
