"""Core reference data: languages, licenses, days of the week and the routine units."""

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from wger.database import db


class Language(db.Model):
    __tablename__ = "core_language"

    id: Mapped[int] = mapped_column(primary_key=True)
    short_name: Mapped[str] = mapped_column(String(2), unique=True)
    full_name: Mapped[str] = mapped_column(String(30))
    full_name_en: Mapped[str] = mapped_column(String(30))


class License(db.Model):
    __tablename__ = "core_license"

    id: Mapped[int] = mapped_column(primary_key=True)
    full_name: Mapped[str] = mapped_column(String(60))
    short_name: Mapped[str] = mapped_column(String(15))
    url: Mapped[str | None] = mapped_column(String(200))


class DaysOfWeek(db.Model):
    __tablename__ = "core_daysofweek"

    id: Mapped[int] = mapped_column(primary_key=True)
    day_of_week: Mapped[str] = mapped_column(String(9))


class RepetitionUnit(db.Model):
    """What the reps of a setting count: repetitions, seconds, kilometres..."""

    __tablename__ = "core_repetitionunit"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))


class RoutineWeightUnit(db.Model):
    """The unit of a setting's weight (kg, lb, plates...); served as `setting-weightunit`."""

    __tablename__ = "core_weightunit"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))


class DataVersion(db.Model):
    """One counter that every change to the shared catalog increments, in the same transaction.

    Cached public reads compare it before answering from memory, so no worker ever serves stale data.
    """

    __tablename__ = "core_dataversion"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(default=0)
