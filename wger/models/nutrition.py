"""Nutrition reference tables."""

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wger.extensions import db
from wger.models.core import Language


class WeightUnit(db.Model):
    """A named portion (slice, cup...) in one language; ingredients say how many grams it weighs."""

    __tablename__ = "nutrition_weightunit"

    id: Mapped[int] = mapped_column(primary_key=True)
    language_id: Mapped[int] = mapped_column(ForeignKey("core_language.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))

    language: Mapped[Language] = relationship()
