"""The demo account's training, from `sample_data/training.json`: workouts with supersets and a rep-range
set, a schedule of two steps, a private and a public template, and weeks of sessions and logs.

The history ends on the last training day before the day it is loaded, so the demo always looks recent.
It is loaded once: a demo account that has any workout already keeps what it has.
"""

import datetime as dt
import itertools
from decimal import Decimal

import sqlalchemy as sa

from wger.catalog.upsert import as_uuid
from wger.database import db
from wger.models import (
    Day,
    DaysOfWeek,
    ExerciseBase,
    Schedule,
    ScheduleStep,
    Set,
    Setting,
    Workout,
    WorkoutLog,
    WorkoutSession,
)
from wger.models.workouts import KILOGRAM_UNIT_ID, REPETITIONS_UNIT_ID, UNTIL_FAILURE_UNIT_ID, utctoday


def _workout(plan, user, bases, weekdays, **flags):
    workout = Workout(user=user, name=plan["name"], description=plan["description"], **flags)
    for day_plan in plan["days"]:
        day = Day(description=day_plan["description"], day=[weekdays[pk] for pk in day_plan["weekdays"]])
        workout.days.append(day)
        for order, set_plan in enumerate(day_plan["sets"], start=1):
            exercise_set = Set(sets=set_plan["sets"], order=order, comment=set_plan["comment"])
            day.sets.append(exercise_set)
            for setting_plan in set_plan["settings"]:
                exercise_set.settings.append(Setting(
                    exercise_base=bases[setting_plan["exercise"]], reps=setting_plan["reps"],
                    weight=Decimal(setting_plan["weight"]) if "weight" in setting_plan else None,
                    repetition_unit_id=setting_plan.get("repetition_unit", REPETITIONS_UNIT_ID),
                    weight_unit_id=setting_plan.get("weight_unit", KILOGRAM_UNIT_ID), rir=setting_plan.get("rir"),
                ))
    db.session.add(workout)
    return workout


def _logged(setting, setting_plan, week, last_round):
    """What was lifted in one round: heavier every other week, and in some weeks a rep short at the end."""
    weight = (setting.weight or Decimal(0)) + Decimal(setting_plan.get("progression", "0")) * (week // 2)
    if setting.repetition_unit_id == UNTIL_FAILURE_UNIT_ID:
        return 10 + week % 4, weight, REPETITIONS_UNIT_ID
    short = last_round and week % 3 == 2 and setting.repetition_unit_id == REPETITIONS_UNIT_ID
    return (setting.reps - 1 if short else setting.reps), weight, setting.repetition_unit_id


def _day_logs(day_plan, day, date, week):
    """One log per round of every setting of the day, as the set is done (a single setting `sets` times)."""
    workout = day.training
    for set_plan, exercise_set in zip(day_plan["sets"], day.sets, strict=True):
        per_base = {}
        for setting in exercise_set.settings:
            per_base.setdefault(setting.exercise_base, []).append(setting)
        for setting_plan, setting in zip(set_plan["settings"], exercise_set.settings, strict=True):
            rounds = exercise_set.sets if len(per_base[setting.exercise_base]) == 1 else 1
            for round_number in range(rounds):
                reps, weight, unit = _logged(setting, setting_plan, week, round_number == rounds - 1)
                db.session.add(WorkoutLog(
                    user=workout.user, workout=workout, exercise_base=setting.exercise_base, date=date, reps=reps,
                    weight=weight, repetition_unit_id=unit, weight_unit_id=setting.weight_unit_id, rir=setting.rir,
                ))


def _history(workout, plan, history):
    """Sessions and logs of `workout` on its weekdays, `weeks` weeks back from this week, up to yesterday."""
    today = utctoday()
    first_monday = today - dt.timedelta(days=today.weekday(), weeks=history["weeks"])
    impressions = itertools.cycle(["2", "3", "3", "2", "1", "3"])
    notes = itertools.cycle(history["notes"])
    for week in range(history["weeks"] + 1):
        for day_plan, day in zip(plan["days"], workout.days, strict=True):
            for weekday in day.day:
                date = first_monday + dt.timedelta(weeks=week, days=weekday.id - 1)
                if date >= today:
                    continue
                db.session.add(WorkoutSession(
                    user=workout.user, workout=workout, date=date, notes=next(notes) or None,
                    impression=next(impressions), time_start=dt.time.fromisoformat(history["time_start"]),
                    time_end=dt.time.fromisoformat(history["time_end"]),
                ))
                _day_logs(day_plan, day, date, week)


def load_training(user, sample):
    """Give `user` the sample training unless they have a workout already; returns how many were added."""
    if db.session.scalar(sa.select(Workout.id).where(Workout.user_id == user.id).limit(1)) is not None:
        return 0
    uuids = {setting["exercise"] for plan in (*sample["workouts"], *sample["templates"]) for day in plan["days"]
             for set_plan in day["sets"] for setting in set_plan["settings"]}
    bases = {str(base.uuid): base for base in db.session.scalars(
        sa.select(ExerciseBase).where(ExerciseBase.uuid.in_([as_uuid(value) for value in uuids])))}
    weekdays = {weekday.id: weekday for weekday in db.session.scalars(sa.select(DaysOfWeek))}
    workouts = {plan["name"]: _workout(plan, user, bases, weekdays) for plan in sample["workouts"]}
    for plan in sample["templates"]:
        _workout(plan, user, bases, weekdays, is_template=True, is_public=plan["is_public"])
    schedule_plan = sample["schedule"]
    schedule = Schedule(user=user, name=schedule_plan["name"], is_loop=schedule_plan["is_loop"],
                        start_date=utctoday() - dt.timedelta(weeks=sample["history"]["weeks"]))
    schedule.steps = [ScheduleStep(workout=workouts[step["workout"]], duration=step["duration"], order=order)
                      for order, step in enumerate(schedule_plan["steps"], start=1)]
    db.session.add(schedule)
    history = sample["history"]
    plans = {plan["name"]: plan for plan in sample["workouts"]}
    _history(workouts[history["workout"]], plans[history["workout"]], history)
    return len(workouts) + len(sample["templates"])
