"""The models, one module per domain; importing this package registers every table."""

from wger.models.core import DaysOfWeek, Language, License, RepetitionUnit, RoutineWeightUnit
from wger.models.exercises import (
    Alias,
    DeletionLog,
    Equipment,
    Exercise,
    ExerciseBase,
    ExerciseCategory,
    ExerciseComment,
    ExerciseImage,
    ExerciseVideo,
    Muscle,
    Variation,
)
from wger.models.nutrition import Ingredient, IngredientImage, IngredientWeightUnit, WeightUnit

__all__ = [
    "Alias",
    "DaysOfWeek",
    "DeletionLog",
    "Equipment",
    "Exercise",
    "ExerciseBase",
    "ExerciseCategory",
    "ExerciseComment",
    "ExerciseImage",
    "ExerciseVideo",
    "Ingredient",
    "IngredientImage",
    "IngredientWeightUnit",
    "Language",
    "License",
    "Muscle",
    "RepetitionUnit",
    "RoutineWeightUnit",
    "Variation",
    "WeightUnit",
]
