"""Body weight entries."""

from wger.blueprints.weight.resources import blueprint

__all__ = ["blueprint"]
