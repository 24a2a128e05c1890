"""The training resources, in the contract's order (the API root lists them first).

Three resources serve workouts: `workout` (the caller's own, never templates), `templates` (the caller's
templates) and `public-templates` (every user's public templates, read-only: only the owner changes a
workout). Ids in bodies that name a workout resolve through `workout`'s rule alone, so a day, log, session
or schedule step can only point at one of the caller's non-template workouts.
"""

import sqlalchemy as sa
from flask_smorest import Blueprint
from sqlalchemy.orm import joinedload, selectinload

from wger.api.access import Owned, Shared
from wger.api.actions import Action
from wger.api.resource import CRUD, Resource
from wger.api.views import register
from wger.blueprints.workouts import actions, rules, schemas
from wger.models import Day, Schedule, ScheduleStep, Set, Setting, Workout, WorkoutLog, WorkoutSession

blueprint = Blueprint("workouts", __name__, url_prefix="/api/v2", description="Workouts, logs and schedules")

WORKOUT_FILTERS = {"name": ["exact"], "description": ["exact"], "creation_date": ["exact"]}
WHOLE_WORKOUT = selectinload(Workout.days).options(
    selectinload(Day.day),
    selectinload(Day.sets).selectinload(Set.settings).options(
        joinedload(Setting.repetition_unit), joinedload(Setting.weight_unit),
    ),
)

RESOURCES = [
    Resource(
        "day", Day, schemas.DaySchema, "The training days of the caller's workouts, each on some weekdays (1-7).",
        methods=CRUD, access=Owned("training.user"),
        filters={"description": ["exact"], "training": ["exact"], "day": ["exact"]},
        load_options=(selectinload(Day.day),),
    ),
    Resource(
        "set", Set, schemas.SetSchema,
        "The sets of the caller's workout days: how many times (`sets`) their settings are done.",
        methods=CRUD, access=Owned("exerciseday.training.user"),
        filters={"exerciseday": ["exact"], "order": ["exact"], "sets": ["exact"]}, default_ordering=("order",),
        actions=(
            Action("computed_settings", actions.computed_settings, response=schemas.ComputedSettingsSchema,
                   load_options=(selectinload(Set.settings),)),
        ),
    ),
    Resource(
        "setting", Setting, schemas.SettingSchema,
        "One exercise of a set with its reps, weight and reps in reserve; a new one always gets order 1.",
        methods=CRUD, access=Owned("set.exerciseday.training.user"),
        filters={"exercise_base": ["exact"], "order": ["exact"], "reps": ["exact"], "weight": ["exact"],
                 "set": ["exact"]},
        default_ordering=("order", "id"), before_save=rules.new_settings_come_first,
    ),
    Resource(
        "workout", Workout, schemas.WorkoutSchema, "The caller's workouts (templates are under `templates`).",
        methods=CRUD, access=Owned("user", where=Workout.is_template.is_(False)),
        filters=WORKOUT_FILTERS, default_ordering=("-creation_date",),
        actions=(
            Action("canonical_representation", actions.canonical_representation,
                   response=schemas.CanonicalWorkoutSchema, load_options=(WHOLE_WORKOUT,)),
            Action("log_data", actions.log_data, args=schemas.LogDataArgsSchema, response=schemas.LogDataSchema),
        ),
    ),
    Resource(
        "templates", Workout, schemas.TemplateSchema, "The caller's workout templates.",
        access=Owned("user", where=Workout.is_template.is_(True), guards_parents=False),
        filters={**WORKOUT_FILTERS, "is_public": ["exact"]}, default_ordering=("-creation_date",),
    ),
    Resource(
        "public-templates", Workout, schemas.WorkoutSchema,
        "Workout templates their owners made public, readable by every signed-in user.",
        access=Shared(where=sa.and_(Workout.is_template.is_(True), Workout.is_public.is_(True))),
        filters=WORKOUT_FILTERS, default_ordering=("-creation_date",),
    ),
    Resource(
        "workoutsession", WorkoutSession, schemas.WorkoutSessionSchema,
        "How a training day went (notes, impression 1 bad / 2 neutral / 3 good, times); one per date.",
        methods=CRUD, access=Owned("user"),
        filters={"date": ["exact"], "workout": ["exact"], "notes": ["exact"], "impression": ["exact"],
                 "time_start": ["exact"], "time_end": ["exact"]},
        default_ordering=("date",), unique_together=(("date", "user"),),
    ),
    Resource(
        "workoutlog", WorkoutLog, schemas.WorkoutLogSchema,
        "What the caller did: an exercise's reps and weight on a date, in one of their workouts.",
        methods=CRUD, access=Owned("user"),
        filters={"date": ["exact"], "exercise_base": ["exact"], "reps": ["exact"], "weight": ["exact"],
                 "workout": ["exact"], "repetition_unit": ["exact"], "weight_unit": ["exact"]},
        default_ordering=("date", "reps"),
    ),
    Resource(
        "schedulestep", ScheduleStep, schemas.ScheduleStepSchema,
        "The steps of the caller's schedules: a workout and for how many weeks (1-25) it runs.",
        methods=CRUD, access=Owned("schedule.user"),
        filters={"schedule": ["exact"], "workout": ["exact"], "duration": ["exact"], "order": ["exact"]},
        default_ordering=("order",),
    ),
    Resource(
        "schedule", Schedule, schemas.ScheduleSchema,
        "The caller's schedules of workouts; saving an active one deactivates the others.",
        methods=CRUD, access=Owned("user"),
        filters={"is_active": ["exact"], "is_loop": ["exact"], "start_date": ["exact"], "name": ["exact"]},
        before_save=rules.one_active_schedule,
    ),
]

for resource in RESOURCES:
    register(blueprint, resource)
