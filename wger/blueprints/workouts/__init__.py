"""Training: workouts, days, sets, settings, logs, sessions, schedules, templates and their computed views."""

from wger.blueprints.workouts.resources import blueprint

__all__ = ["blueprint"]
