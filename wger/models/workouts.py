"""Training: workouts of days, sets and settings; the logs and sessions of what was done; schedules.

A workout has days (each on some weekdays), a day has sets, a set has settings (one exercise, its reps and
weight; several exercises in one set make a superset). Templates are workouts marked `is_template`; the
`workout` endpoint never shows them. Everything below a workout goes when the workout goes: the foreign
keys cascade in the database and the relationships leave it to them (`passive_deletes`), so one DELETE
removes a workout of any size without loading it.
"""

import datetime as dt
from decimal import Decimal

from sqlalchemy import Column, Date, ForeignKey, Index, Numeric, String, Table, Text, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wger.database import db
from wger.models.accounts import User
from wger.models.core import DaysOfWeek, RepetitionUnit, RoutineWeightUnit
from wger.models.exercises import ExerciseBase

RIR_CHOICES = ("0", "0.5", "1", "1.5", "2", "2.5", "3", "3.5", "4")
IMPRESSIONS = {"1": "Bad", "2": "Neutral", "3": "Good"}
REPETITIONS_UNIT_ID = 1
UNTIL_FAILURE_UNIT_ID = 2
KILOGRAM_UNIT_ID = 1
POUND_UNIT_ID = 2


def utctoday():
    return dt.datetime.now(dt.UTC).date()


def _children(target, back, order_by):
    """A parent's list of children that the database deletes with it."""
    return relationship(target, back_populates=back, cascade="all, delete-orphan", passive_deletes=True,
                        order_by=order_by)


class Workout(db.Model):
    __tablename__ = "manager_workout"
    __table_args__ = (Index("ix_manager_workout_user_id_creation_date", "user_id", "creation_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    creation_date: Mapped[dt.date] = mapped_column(Date, default=utctoday)
    name: Mapped[str] = mapped_column(String(100), default="")
    description: Mapped[str] = mapped_column(String(1000), default="")
    user_id: Mapped[int] = mapped_column(ForeignKey("auth_user.id", ondelete="CASCADE"))
    is_template: Mapped[bool] = mapped_column(default=False)
    is_public: Mapped[bool] = mapped_column(default=False)

    user: Mapped[User] = relationship()
    days: Mapped[list["Day"]] = _children("Day", "training", "Day.id")
    logs: Mapped[list["WorkoutLog"]] = _children("WorkoutLog", "workout", "WorkoutLog.id")
    sessions: Mapped[list["WorkoutSession"]] = _children("WorkoutSession", "workout", "WorkoutSession.id")
    schedule_steps: Mapped[list["ScheduleStep"]] = _children("ScheduleStep", "workout", "ScheduleStep.id")


day_days = Table(
    "manager_day_day",
    db.metadata,
    Column("day_id", ForeignKey("manager_day.id", ondelete="CASCADE"), primary_key=True),
    Column("daysofweek_id", ForeignKey("core_daysofweek.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Day(db.Model):
    """A training day of a workout, done on some weekdays (`day`)."""

    __tablename__ = "manager_day"

    id: Mapped[int] = mapped_column(primary_key=True)
    training_id: Mapped[int] = mapped_column(ForeignKey("manager_workout.id", ondelete="CASCADE"), index=True)
    description: Mapped[str] = mapped_column(String(100))

    training: Mapped[Workout] = relationship(back_populates="days")
    day: Mapped[list[DaysOfWeek]] = relationship(secondary=day_days, order_by=DaysOfWeek.id)
    sets: Mapped[list["Set"]] = _children("Set", "exerciseday", "(Set.order, Set.id)")


class Set(db.Model):
    """A group of settings done together: one exercise, or several in turn (a superset)."""

    __tablename__ = "manager_set"
    __table_args__ = (Index("ix_manager_set_exerciseday_id_order", "exerciseday_id", "order"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    exerciseday_id: Mapped[int] = mapped_column(ForeignKey("manager_day.id", ondelete="CASCADE"))
    sets: Mapped[int] = mapped_column(default=4)
    order: Mapped[int] = mapped_column(default=1)
    comment: Mapped[str] = mapped_column(String(200), default="")

    exerciseday: Mapped[Day] = relationship(back_populates="sets")
    settings: Mapped[list["Setting"]] = _children("Setting", "set", "(Setting.order, Setting.id)")


class Setting(db.Model):
    """One exercise of a set with its repetitions, weight and reps in reserve."""

    __tablename__ = "manager_setting"
    __table_args__ = (Index("ix_manager_setting_set_id_order", "set_id", "order"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    set_id: Mapped[int] = mapped_column(ForeignKey("manager_set.id", ondelete="CASCADE"))
    exercise_base_id: Mapped[int] = mapped_column(
        ForeignKey("exercises_exercisebase.id", ondelete="CASCADE"), index=True
    )
    repetition_unit_id: Mapped[int] = mapped_column(ForeignKey("core_repetitionunit.id"),
                                                    default=REPETITIONS_UNIT_ID)
    reps: Mapped[int]
    weight: Mapped[Decimal | None] = mapped_column(Numeric(6, 2))
    weight_unit_id: Mapped[int] = mapped_column(ForeignKey("core_weightunit.id"), default=KILOGRAM_UNIT_ID)
    rir: Mapped[str | None] = mapped_column(String(3))
    order: Mapped[int] = mapped_column(default=1)
    comment: Mapped[str] = mapped_column(String(100), default="")

    set: Mapped[Set] = relationship(back_populates="settings")
    exercise_base: Mapped[ExerciseBase] = relationship()
    repetition_unit: Mapped[RepetitionUnit] = relationship()
    weight_unit: Mapped[RoutineWeightUnit] = relationship()


class WorkoutLog(db.Model):
    """What was done: an exercise's reps and weight on a date, in one of the user's workouts."""

    __tablename__ = "manager_workoutlog"
    __table_args__ = (
        Index("ix_manager_workoutlog_user_id_date_reps_id", "user_id", "date", "reps", "id"),
        Index("ix_manager_workoutlog_workout_id_exercise_base_id_date", "workout_id", "exercise_base_id", "date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("auth_user.id", ondelete="CASCADE"))
    exercise_base_id: Mapped[int] = mapped_column(
        ForeignKey("exercises_exercisebase.id", ondelete="CASCADE"), index=True
    )
    workout_id: Mapped[int] = mapped_column(ForeignKey("manager_workout.id", ondelete="CASCADE"))
    repetition_unit_id: Mapped[int] = mapped_column(ForeignKey("core_repetitionunit.id"),
                                                    default=REPETITIONS_UNIT_ID)
    reps: Mapped[int]
    weight: Mapped[Decimal] = mapped_column(Numeric(5, 2))
    weight_unit_id: Mapped[int] = mapped_column(ForeignKey("core_weightunit.id"), default=KILOGRAM_UNIT_ID)
    rir: Mapped[str | None] = mapped_column(String(3))
    date: Mapped[dt.date] = mapped_column(Date)

    user: Mapped[User] = relationship()
    exercise_base: Mapped[ExerciseBase] = relationship()
    workout: Mapped[Workout] = relationship(back_populates="logs")
    repetition_unit: Mapped[RepetitionUnit] = relationship()
    weight_unit: Mapped[RoutineWeightUnit] = relationship()


class WorkoutSession(db.Model):
    """How a training day went: notes, an impression and the times, one per user and date."""

    __tablename__ = "manager_workoutsession"
    __table_args__ = (UniqueConstraint("user_id", "date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("auth_user.id", ondelete="CASCADE"))
    workout_id: Mapped[int] = mapped_column(ForeignKey("manager_workout.id", ondelete="CASCADE"), index=True)
    date: Mapped[dt.date] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)
    impression: Mapped[str] = mapped_column(String(1), default="2")
    time_start: Mapped[dt.time | None] = mapped_column(Time)
    time_end: Mapped[dt.time | None] = mapped_column(Time)

    user: Mapped[User] = relationship()
    workout: Mapped[Workout] = relationship(back_populates="sessions")


class Schedule(db.Model):
    """Workouts one after another, each for some weeks; a user has at most one active schedule."""

    __tablename__ = "manager_schedule"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("auth_user.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    start_date: Mapped[dt.date] = mapped_column(Date, default=utctoday)
    is_active: Mapped[bool] = mapped_column(default=True)
    is_loop: Mapped[bool] = mapped_column(default=False)

    user: Mapped[User] = relationship()
    steps: Mapped[list["ScheduleStep"]] = _children("ScheduleStep", "schedule", "(ScheduleStep.order, ScheduleStep.id)")


class ScheduleStep(db.Model):
    """One workout of a schedule and for how many weeks it runs."""

    __tablename__ = "manager_schedulestep"
    __table_args__ = (Index("ix_manager_schedulestep_schedule_id_order", "schedule_id", "order"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    schedule_id: Mapped[int] = mapped_column(ForeignKey("manager_schedule.id", ondelete="CASCADE"))
    workout_id: Mapped[int] = mapped_column(ForeignKey("manager_workout.id", ondelete="CASCADE"), index=True)
    duration: Mapped[int] = mapped_column(default=4)
    order: Mapped[int] = mapped_column(default=1)

    schedule: Mapped[Schedule] = relationship(back_populates="steps")
    workout: Mapped[Workout] = relationship(back_populates="schedule_steps")
