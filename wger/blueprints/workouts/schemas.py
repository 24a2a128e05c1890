"""Wire formats of workouts, days, sets, settings, logs, sessions and schedules, in the contract's order."""

from marshmallow import fields

from wger.api.catalog_dumps import Dumped
from wger.api.fields import Choice, Decimal, FixedDecimal, Related, RelatedList
from wger.api.schemas import QueryArgsSchema, ResourceSchema
from wger.api.validators import at_least, at_most, max_length, not_blank
from wger.blueprints.core.schemas import DaysOfWeekSchema
from wger.blueprints.exercises.schemas import ExerciseBaseInfoSchema, MuscleSchema
from wger.catalog.media import MediaFile, check_image
from wger.models import (
    Day,
    DaysOfWeek,
    ExerciseBase,
    RepetitionUnit,
    RoutineWeightUnit,
    Schedule,
    Set,
    User,
    Workout,
)
from wger.models.workouts import IMPRESSIONS, RIR_CHOICES


def _text(limit, required=False, **kwargs):
    """A string bounded by its column; a required one may not be blank either."""
    validators = [not_blank(), max_length(limit)] if required else [max_length(limit)]
    return fields.String(required=required, validate=validators, **kwargs)


def _integer(low, high=None, **kwargs):
    """An integer with DRF's range messages, one per bound."""
    validators = [at_least(low)] if high is None else [at_least(low), at_most(high)]
    return fields.Integer(validate=validators, **kwargs)


def _weight(max_digits, high=None, **kwargs):
    validators = [at_least(0)] if high is None else [at_least(0), at_most(high)]
    return FixedDecimal(max_digits, 2, validate=validators, **kwargs)


class WorkoutSchema(ResourceSchema):
    id = fields.Integer(dump_only=True)
    name = _text(100)
    creation_date = fields.Date(dump_only=True)
    description = _text(1000)


class TemplateSchema(WorkoutSchema):
    """A template as its owner sees it: the workout's fields and whether others may see it too."""

    is_public = fields.Boolean(dump_only=True)


class DaySchema(ResourceSchema):
    id = fields.Integer(dump_only=True)
    training = Related(Workout, attribute="training_id", required=True)
    description = _text(100, required=True)
    day = RelatedList(DaysOfWeek, required=True)


class SetSchema(ResourceSchema):
    id = fields.Integer(dump_only=True)
    exerciseday = Related(Day, attribute="exerciseday_id", required=True)
    sets = _integer(0, 10)
    order = fields.Integer()
    comment = _text(200)


class SettingSchema(ResourceSchema):
    id = fields.Integer(dump_only=True)
    set = Related(Set, attribute="set_id", required=True)
    exercise_base = Related(ExerciseBase, attribute="exercise_base_id", required=True)
    repetition_unit = Related(RepetitionUnit, attribute="repetition_unit_id")
    reps = _integer(0, 600, required=True)
    weight = _weight(6, 1500, allow_none=True)
    weight_unit = Related(RoutineWeightUnit, attribute="weight_unit_id")
    rir = Choice(RIR_CHOICES, allow_none=True)
    order = fields.Integer()
    comment = _text(100)


class WorkoutLogSchema(ResourceSchema):
    id = fields.Integer(dump_only=True)
    reps = _integer(0, required=True)
    weight = _weight(5, required=True)
    date = fields.Date(required=True)
    rir = Choice(RIR_CHOICES, allow_none=True)
    exercise_base = Related(ExerciseBase, attribute="exercise_base_id", required=True)
    workout = Related(Workout, attribute="workout_id", required=True)
    repetition_unit = Related(RepetitionUnit, attribute="repetition_unit_id")
    weight_unit = Related(RoutineWeightUnit, attribute="weight_unit_id")


class WorkoutSessionSchema(ResourceSchema):
    id = fields.Integer(dump_only=True)
    user = Related(User, attribute="user_id", dump_only=True)
    workout = Related(Workout, attribute="workout_id", required=True)
    date = fields.Date(required=True)
    notes = fields.String(allow_none=True)
    impression = Choice(tuple(IMPRESSIONS))
    time_start = fields.Time(allow_none=True)
    time_end = fields.Time(allow_none=True)


class ScheduleSchema(ResourceSchema):
    id = fields.Integer(dump_only=True)
    name = _text(100, required=True)
    start_date = fields.Date()
    is_active = fields.Boolean()
    is_loop = fields.Boolean()


class ScheduleStepSchema(ResourceSchema):
    id = fields.Integer(dump_only=True)
    schedule = Related(Schedule, attribute="schedule_id", required=True)
    workout = Related(Workout, attribute="workout_id", required=True)
    duration = _integer(1, 25)


def _muscles():
    return fields.List(Dumped(MuscleSchema))


class MuscleGroupsSchema(ResourceSchema):
    """Muscles trained: primary ones on the front and back of the body, then secondary ones."""

    front = _muscles()
    back = _muscles()
    frontsecondary = _muscles()
    backsecondary = _muscles()


class ExerciseImageEntrySchema(ResourceSchema):
    image = MediaFile(check_image)
    is_main = fields.Boolean()


class CanonicalExerciseSchema(ResourceSchema):
    """One exercise of a set: its settings, their text, its images and the exercise itself (the exercise,
    its images and muscles are handed over as the `exercisebaseinfo` memory dumped them)."""

    setting_obj_list = fields.List(fields.Nested(SettingSchema))
    setting_text = fields.String()
    has_weight = fields.Boolean()
    comment_list = fields.List(fields.String())
    image_list = fields.List(Dumped(ExerciseImageEntrySchema))
    obj = Dumped(ExerciseBaseInfoSchema)


class CanonicalSetSchema(ResourceSchema):
    obj = fields.Nested(SetSchema)
    exercise_list = fields.List(fields.Nested(CanonicalExerciseSchema))
    is_superset = fields.Boolean()
    settings_computed = fields.List(fields.Nested(SettingSchema))
    muscles = fields.Nested(MuscleGroupsSchema)


class WeekdaysSchema(ResourceSchema):
    text = fields.String()
    day_list = fields.List(fields.Nested(DaysOfWeekSchema))


class CanonicalDaySchema(ResourceSchema):
    obj = fields.Nested(DaySchema)
    set_list = fields.List(fields.Nested(CanonicalSetSchema))
    days_of_week = fields.Nested(WeekdaysSchema)
    muscles = fields.Nested(MuscleGroupsSchema)


class CanonicalWorkoutSchema(ResourceSchema):
    """A workout with everything in it, as the original's workout pages and apps read it."""

    obj = fields.Nested(WorkoutSchema)
    day_list = fields.List(fields.Nested(CanonicalDaySchema))
    muscles = fields.Nested(MuscleGroupsSchema)


class ComputedSettingsSchema(ResourceSchema):
    results = fields.List(fields.Nested(SettingSchema))


class LogDataArgsSchema(QueryArgsSchema):
    id = fields.Integer(required=True, metadata={"description": "The exercise base whose logs to return."})


class ChartPointSchema(ResourceSchema):
    date = fields.Date()
    weight = Decimal(2)
    reps = fields.Integer()


class LogDataSchema(ResourceSchema):
    """The best weight per date for each number of repetitions, and the logs by date."""

    chart_data = fields.List(fields.List(fields.Nested(ChartPointSchema)))
    logs = fields.Dict(keys=fields.String(), values=fields.List(fields.Nested(WorkoutLogSchema)))
