"""Nutrition: ingredients with their per-100 g values, the portions they come in, and their images."""

import datetime as dt
import decimal
import uuid as uuid_module

from sqlalchemy import ForeignKey, Index, Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from wger.database import db
from wger.models.core import Language, License
from wger.models.exercises import DEFAULT_LICENSE_ID, LicensedMixin, utcnow
from wger.text import search_key


class WeightUnit(db.Model):
    """A named portion (slice, cup...) in one language; ingredients say how many grams it weighs."""

    __tablename__ = "nutrition_weightunit"

    id: Mapped[int] = mapped_column(primary_key=True)
    language_id: Mapped[int] = mapped_column(ForeignKey("core_language.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))

    language: Mapped[Language] = relationship()


class Ingredient(LicensedMixin, db.Model):
    """A food with its energy (kcal) and nutrients (g) per 100 g."""

    __tablename__ = "nutrition_ingredient"
    __table_args__ = (
        Index("ix_nutrition_ingredient_name_id", "name", "id"),
        Index("ix_nutrition_ingredient_name_search", "name_search", postgresql_using="gin",
              postgresql_ops={"name_search": "gin_trgm_ops"}),
        Index("ix_nutrition_ingredient_name_search_nearest", "language_id", "name_search", postgresql_using="gist",
              postgresql_ops={"name_search": "gist_trgm_ops"}),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[uuid_module.UUID] = mapped_column(unique=True, default=uuid_module.uuid4)
    remote_id: Mapped[str | None] = mapped_column(String(200))
    source_name: Mapped[str | None] = mapped_column(String(200))
    source_url: Mapped[str | None] = mapped_column(String(200))
    code: Mapped[str | None] = mapped_column(String(200), index=True)
    name: Mapped[str] = mapped_column(String(200))
    name_search: Mapped[str] = mapped_column(String(200), default="")
    created: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_update: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    last_imported: Mapped[dt.datetime | None] = mapped_column()
    energy: Mapped[int] = mapped_column()
    protein: Mapped[decimal.Decimal] = mapped_column(Numeric(6, 3))
    carbohydrates: Mapped[decimal.Decimal] = mapped_column(Numeric(6, 3))
    carbohydrates_sugar: Mapped[decimal.Decimal | None] = mapped_column(Numeric(6, 3))
    fat: Mapped[decimal.Decimal] = mapped_column(Numeric(6, 3))
    fat_saturated: Mapped[decimal.Decimal | None] = mapped_column(Numeric(6, 3))
    fiber: Mapped[decimal.Decimal | None] = mapped_column(Numeric(6, 3))
    sodium: Mapped[decimal.Decimal | None] = mapped_column(Numeric(6, 3))
    license_id: Mapped[int] = mapped_column(ForeignKey("core_license.id"), default=DEFAULT_LICENSE_ID, index=True)
    language_id: Mapped[int] = mapped_column(ForeignKey("core_language.id"), index=True)

    license: Mapped[License] = relationship()
    language: Mapped[Language] = relationship()
    weight_units: Mapped[list["IngredientWeightUnit"]] = relationship(
        back_populates="ingredient", cascade="all, delete-orphan", passive_deletes=True,
        order_by="IngredientWeightUnit.id",
    )
    image: Mapped["IngredientImage | None"] = relationship(
        back_populates="ingredient", cascade="all, delete-orphan", passive_deletes=True
    )

    @validates("name")
    def _keep_search_key(self, key, value):
        self.name_search = search_key(value)
        return value


class IngredientWeightUnit(db.Model):
    """How many grams `amount` of a weight unit of one ingredient weighs (1 slice of bread = 30 g)."""

    __tablename__ = "nutrition_ingredientweightunit"
    __table_args__ = (UniqueConstraint("ingredient_id", "unit_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    amount: Mapped[decimal.Decimal] = mapped_column(Numeric(5, 2), default=decimal.Decimal(1))
    gram: Mapped[int] = mapped_column()
    ingredient_id: Mapped[int] = mapped_column(ForeignKey("nutrition_ingredient.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("nutrition_weightunit.id"), index=True)

    ingredient: Mapped[Ingredient] = relationship(back_populates="weight_units")
    unit: Mapped[WeightUnit] = relationship()


class IngredientImage(LicensedMixin, db.Model):
    """The one image of an ingredient."""

    __tablename__ = "nutrition_image"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[uuid_module.UUID] = mapped_column(unique=True, default=uuid_module.uuid4)
    ingredient_id: Mapped[int] = mapped_column(
        ForeignKey("nutrition_ingredient.id", ondelete="CASCADE"), unique=True
    )
    image: Mapped[str] = mapped_column(String(300))
    created: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_update: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    size: Mapped[int] = mapped_column(default=0)
    width: Mapped[int] = mapped_column(default=0)
    height: Mapped[int] = mapped_column(default=0)
    license_id: Mapped[int] = mapped_column(ForeignKey("core_license.id"), default=DEFAULT_LICENSE_ID, index=True)

    ingredient: Mapped[Ingredient] = relationship(back_populates="image")
    license: Mapped[License] = relationship()

    @property
    def ingredient_uuid(self):
        return self.ingredient.uuid
