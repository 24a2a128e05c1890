"""The models, one module per domain; importing this package registers every table."""

from wger.database import db, never_reuse_ids
from wger.models.accounts import Group, Permission, RateLimitCounter, Token, User, UserProfile
from wger.models.core import DataVersion, DaysOfWeek, Language, License, RepetitionUnit, RoutineWeightUnit
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
from wger.models.gallery import GalleryImage
from wger.models.measurements import Measurement, MeasurementCategory
from wger.models.nutrition import (
    Ingredient,
    IngredientImage,
    IngredientWeightUnit,
    LogItem,
    Meal,
    MealItem,
    NutritionPlan,
    WeightUnit,
)
from wger.models.weight import WeightEntry
from wger.models.workouts import (
    Day,
    Schedule,
    ScheduleStep,
    Set,
    Setting,
    Workout,
    WorkoutLog,
    WorkoutSession,
)

never_reuse_ids(db.metadata)

__all__ = [
    "Alias",
    "DataVersion",
    "Day",
    "DaysOfWeek",
    "DeletionLog",
    "Equipment",
    "Exercise",
    "ExerciseBase",
    "ExerciseCategory",
    "ExerciseComment",
    "ExerciseImage",
    "ExerciseVideo",
    "GalleryImage",
    "Group",
    "Ingredient",
    "IngredientImage",
    "IngredientWeightUnit",
    "Language",
    "License",
    "LogItem",
    "Meal",
    "MealItem",
    "Measurement",
    "MeasurementCategory",
    "Muscle",
    "NutritionPlan",
    "Permission",
    "RateLimitCounter",
    "RepetitionUnit",
    "RoutineWeightUnit",
    "Schedule",
    "ScheduleStep",
    "Set",
    "Setting",
    "Token",
    "User",
    "UserProfile",
    "Variation",
    "WeightEntry",
    "WeightUnit",
    "Workout",
    "WorkoutLog",
    "WorkoutSession",
]
