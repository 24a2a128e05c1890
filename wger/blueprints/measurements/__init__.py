"""Body measurements."""

from wger.blueprints.measurements.resources import blueprint

__all__ = ["blueprint"]
