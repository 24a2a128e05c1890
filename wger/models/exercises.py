"""The exercise catalog's reference tables: muscles, equipment and categories."""

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from wger.extensions import db


class Muscle(db.Model):
    __tablename__ = "exercises_muscle"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    name_en: Mapped[str] = mapped_column(String(50), default="")
    is_front: Mapped[bool] = mapped_column(default=True)

    @property
    def image_url_main(self):
        return f"/static/images/muscles/main/muscle-{self.id}.svg"

    @property
    def image_url_secondary(self):
        return f"/static/images/muscles/secondary/muscle-{self.id}.svg"


class Equipment(db.Model):
    __tablename__ = "exercises_equipment"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))


class ExerciseCategory(db.Model):
    __tablename__ = "exercises_exercisecategory"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
