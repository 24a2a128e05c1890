"""The models, one module per domain; importing this package registers every table."""

from wger.models.accounts import Group, Permission, Token, User, UserProfile
from wger.models.core import DaysOfWeek, Language, License, RepetitionUnit, RoutineWeightUnit
from wger.models.exercises import Equipment, ExerciseCategory, Muscle
from wger.models.nutrition import WeightUnit
from wger.models.weight import WeightEntry

__all__ = [
    "DaysOfWeek",
    "Equipment",
    "ExerciseCategory",
    "Group",
    "Language",
    "License",
    "Muscle",
    "Permission",
    "RepetitionUnit",
    "RoutineWeightUnit",
    "Token",
    "User",
    "UserProfile",
    "WeightEntry",
    "WeightUnit",
]
