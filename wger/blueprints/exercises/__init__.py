"""The exercise catalog."""

from wger.blueprints.exercises import actions
from wger.blueprints.exercises.resources import blueprint

__all__ = ["actions", "blueprint"]
