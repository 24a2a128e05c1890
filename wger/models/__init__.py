"""The models, one module per domain; importing this package registers every table."""

from wger.models.core import DaysOfWeek, Language, License, RepetitionUnit, RoutineWeightUnit
from wger.models.exercises import Equipment, ExerciseCategory, Muscle
from wger.models.nutrition import WeightUnit

__all__ = [
    "DaysOfWeek",
    "Equipment",
    "ExerciseCategory",
    "Language",
    "License",
    "Muscle",
    "RepetitionUnit",
    "RoutineWeightUnit",
    "WeightUnit",
]
