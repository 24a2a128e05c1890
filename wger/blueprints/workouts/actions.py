"""The computed views of workouts and sets (declared as Actions in resources.py): what a workout looks like
in full, how a set is done round by round, and a workout's logs of one exercise ready for a chart.

The views read only what their Action loaded eagerly, with a fixed number of queries, so their cost in SQL
does not grow with the size of the workout. The exercise bases a workout nests are public catalog data: they
come from the memory of their `exercisebaseinfo` dumps (`wger.api.catalog_dumps`), never from the workout's
own load.
"""

import sqlalchemy as sa
from flask_smorest import abort

from wger.api.catalog_dumps import CatalogDumps
from wger.blueprints.exercises.resources import BASE_INFO_ROWS
from wger.blueprints.exercises.schemas import ExerciseBaseInfoSchema
from wger.database import db
from wger.models import ExerciseBase, WorkoutLog
from wger.models.workouts import KILOGRAM_UNIT_ID, POUND_UNIT_ID, REPETITIONS_UNIT_ID, UNTIL_FAILURE_UNIT_ID

BASES = CatalogDumps(ExerciseBaseInfoSchema, ExerciseBase, loader=BASE_INFO_ROWS)


def computed_settings(exercise_set, args):
    """Return the set's settings as they are done, one entry per exercise and round

    Per exercise, in the order of its first setting: a single setting is done `sets` times, several are
    done as listed. The exercises of a superset take turns, for as many rounds as the shortest list has.
    """
    return {"results": _rounds(exercise_set)}


def _by_exercise(exercise_set):
    """The set's settings grouped by exercise base, in the order each base first appears."""
    groups = {}
    for setting in exercise_set.settings:
        groups.setdefault(setting.exercise_base_id, []).append(setting)
    return groups


def _rounds(exercise_set):
    lists = [settings * exercise_set.sets if len(settings) == 1 else settings
             for settings in _by_exercise(exercise_set).values()]
    return [setting for round_settings in zip(*lists, strict=False) for setting in round_settings]


def _amount(number):
    """A weight as people write it: 60, 22.5 (never 60.00)."""
    return format(number.normalize(), "f")


def _setting_text(setting):
    if setting.repetition_unit_id == UNTIL_FAILURE_UNIT_ID:
        reps = "\u221e"
    elif setting.repetition_unit_id == REPETITIONS_UNIT_ID:
        reps = str(setting.reps)
    else:
        reps = f"{setting.reps} {setting.repetition_unit.name}"
    details = []
    if setting.weight:
        details.append(f"{_amount(setting.weight)} {setting.weight_unit.name}")
    if setting.rir:
        details.append(f"{setting.rir} RiR")
    return f"{reps} ({', '.join(details)})" if details else reps


def setting_text(exercise_set, settings):
    """One exercise's settings as text: sets times reps for one setting, the settings joined by dashes for
    several; weight and reps in reserve in brackets, until-failure reps as infinity."""
    if len(settings) == 1:
        return f"{exercise_set.sets} \u00d7 {_setting_text(settings[0])}"
    return " \u2013 ".join(_setting_text(setting) for setting in settings)


def _by_id(muscles):
    """Each muscle once, in the order it is first met."""
    return list({muscle["id"]: muscle for muscle in muscles}.values())


def muscle_groups(bases):
    """The muscles `bases` (dumps) train, split into front and back, primary and secondary.

    A muscle appears once, in the order it is first met; one that some base trains as a primary muscle is
    not listed as secondary too.
    """
    primary = _by_id(muscle for base in bases for muscle in base["muscles"])
    primary_ids = {muscle["id"] for muscle in primary}
    secondary = [muscle for muscle in _by_id(muscle for base in bases for muscle in base["muscles_secondary"])
                 if muscle["id"] not in primary_ids]
    return {
        "front": [muscle for muscle in primary if muscle["is_front"]],
        "back": [muscle for muscle in primary if not muscle["is_front"]],
        "frontsecondary": [muscle for muscle in secondary if muscle["is_front"]],
        "backsecondary": [muscle for muscle in secondary if not muscle["is_front"]],
    }


def _exercise(exercise_set, settings, bases):
    base = bases[settings[0].exercise_base_id]
    return {
        "setting_obj_list": settings,
        "setting_text": setting_text(exercise_set, settings),
        "has_weight": any(setting.weight for setting in settings),
        "comment_list": [],
        "image_list": [{"image": image["image"], "is_main": image["is_main"]} for image in base["images"]],
        "obj": base,
    }


def _set(exercise_set, bases):
    exercises = [_exercise(exercise_set, settings, bases) for settings in _by_exercise(exercise_set).values()]
    return {
        "obj": exercise_set,
        "exercise_list": exercises,
        "is_superset": len(exercises) > 1,
        "settings_computed": _rounds(exercise_set),
        "muscles": muscle_groups([exercise["obj"] for exercise in exercises]),
    }


def _bases(represented_sets):
    return [exercise["obj"] for represented in represented_sets for exercise in represented["exercise_list"]]


def _day(day, bases):
    sets = [_set(exercise_set, bases) for exercise_set in day.sets]
    return {
        "obj": day,
        "set_list": sets,
        "days_of_week": {"text": ", ".join(weekday.day_of_week for weekday in day.day), "day_list": day.day},
        "muscles": muscle_groups(_bases(sets)),
    }


def _first_weekday(day):
    """Days sort by their first weekday; a day on no weekday comes last."""
    return (day.day[0].id if day.day else 8, day.id)


def canonical_representation(workout, args):
    """Return the whole workout: days, sets, exercises, settings and the muscles they train

    Days are sorted by their first weekday, sets by their order. Each exercise of a set carries its
    settings, their text ("4 \u00d7 10 (15 kg)" for 4 sets of 10 at 15 kg), its images and its
    `exercisebaseinfo` object; muscles are given per set, per day and for the whole workout.
    """
    bases = BASES.by_id(setting.exercise_base_id for day in workout.days for exercise_set in day.sets
                        for setting in exercise_set.settings)
    days = [_day(day, bases) for day in sorted(workout.days, key=_first_weekday)]
    used = [base for day in days for base in _bases(day["set_list"])]
    return {"obj": workout, "day_list": days, "muscles": muscle_groups(used)}


def log_data(workout, args):
    """Return the workout's logs of one exercise base (`?id=`), by date and as chart series

    Only logs in kg or lb and in plain repetitions count. `chart_data` holds one series per number of
    repetitions (fewest first), with the best weight of each date; `logs` holds every such log by date.
    """
    if db.session.get(ExerciseBase, args["id"]) is None:
        abort(404, message="No ExerciseBase matches the given query.")
    logs = db.session.scalars(
        sa.select(WorkoutLog)
        .where(WorkoutLog.workout_id == workout.id, WorkoutLog.exercise_base_id == args["id"],
               WorkoutLog.weight_unit_id.in_((KILOGRAM_UNIT_ID, POUND_UNIT_ID)),
               WorkoutLog.repetition_unit_id == REPETITIONS_UNIT_ID)
        .order_by(WorkoutLog.date, WorkoutLog.reps, WorkoutLog.id)
    ).all()
    best = {}
    by_date = {}
    for log in logs:
        weights = best.setdefault(log.reps, {})
        weights[log.date] = max(weights.get(log.date, log.weight), log.weight)
        by_date.setdefault(log.date.isoformat(), []).append(log)
    chart_data = [
        [{"date": date, "weight": weight, "reps": reps} for date, weight in sorted(weights.items())]
        for reps, weights in sorted(best.items())
    ]
    return {"chart_data": chart_data, "logs": by_date}
