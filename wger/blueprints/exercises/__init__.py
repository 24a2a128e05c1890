"""The exercise catalog."""

from wger.blueprints.exercises.resources import blueprint

__all__ = ["blueprint"]
