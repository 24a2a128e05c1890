"""Nutrition: the ingredient catalog (per-100 g values, portions, images) and the users' plans, meals and diary.

The catalog is public and cached; plans, meals, meal items and diary entries belong to the plan's user.
"""

import datetime as dt
import decimal
import uuid as uuid_module

from sqlalchemy import ForeignKey, Index, Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, column_property, mapped_column, relationship, validates

from wger.database import db
from wger.models.accounts import User
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


def utctoday():
    """Today's date in UTC, the server's time zone (as the original's `TIME_ZONE = 'UTC'`)."""
    return utcnow().date()


class NutritionPlan(db.Model):
    """A user's nutrition plan: meals of ingredients, goals, and the diary of what was eaten."""

    __tablename__ = "nutrition_nutritionplan"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("auth_user.id", ondelete="CASCADE"), index=True)
    creation_date: Mapped[dt.date] = mapped_column(default=utctoday)
    description: Mapped[str] = mapped_column(String(80), default="")
    only_logging: Mapped[bool] = mapped_column(default=False)
    goal_energy: Mapped[int | None] = mapped_column()
    goal_protein: Mapped[int | None] = mapped_column()
    goal_carbohydrates: Mapped[int | None] = mapped_column()
    goal_fat: Mapped[int | None] = mapped_column()
    goal_fiber: Mapped[int | None] = mapped_column()

    user: Mapped[User] = relationship()
    meals: Mapped[list["Meal"]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", passive_deletes=True, order_by="(Meal.time, Meal.id)"
    )

    has_goal_calories = column_property(goal_energy.is_not(None), deferred=True)
    """The plan sets an energy goal (the original's flag of the same name, derived instead of stored)."""


class Meal(db.Model):
    """One meal of a plan (breakfast at 07:30...), made of meal items."""

    __tablename__ = "nutrition_meal"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("nutrition_nutritionplan.id", ondelete="CASCADE"), index=True)
    order: Mapped[int] = mapped_column(default=1)
    time: Mapped[dt.time | None] = mapped_column()
    name: Mapped[str] = mapped_column(String(25), default="")

    plan: Mapped[NutritionPlan] = relationship(back_populates="meals")
    items: Mapped[list["MealItem"]] = relationship(
        back_populates="meal", cascade="all, delete-orphan", passive_deletes=True, order_by="MealItem.id"
    )


class PortionMixin:
    """An amount of an ingredient: grams, or (with a weight unit) how many of one of its portions."""

    amount: Mapped[decimal.Decimal] = mapped_column(Numeric(6, 2))

    @property
    def grams(self):
        """The weight in grams: `amount`, or `amount` times the portion's amount times its grams."""
        unit = self.weight_unit
        return self.amount * unit.amount * unit.gram if unit is not None else self.amount


class MealItem(PortionMixin, db.Model):
    """An amount of an ingredient planned for a meal."""

    __tablename__ = "nutrition_mealitem"

    id: Mapped[int] = mapped_column(primary_key=True)
    meal_id: Mapped[int] = mapped_column(ForeignKey("nutrition_meal.id", ondelete="CASCADE"), index=True)
    ingredient_id: Mapped[int] = mapped_column(ForeignKey("nutrition_ingredient.id", ondelete="CASCADE"), index=True)
    weight_unit_id: Mapped[int | None] = mapped_column(
        ForeignKey("nutrition_ingredientweightunit.id", ondelete="CASCADE"), index=True
    )
    order: Mapped[int] = mapped_column(default=1)

    meal: Mapped[Meal] = relationship(back_populates="items")
    ingredient: Mapped[Ingredient] = relationship()
    weight_unit: Mapped[IngredientWeightUnit | None] = relationship()


class LogItem(PortionMixin, db.Model):
    """An entry of the nutrition diary: an amount of an ingredient eaten at a time, under a plan."""

    __tablename__ = "nutrition_logitem"
    __table_args__ = (Index("ix_nutrition_logitem_plan_id_datetime", "plan_id", "datetime"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("nutrition_nutritionplan.id", ondelete="CASCADE"))
    meal_id: Mapped[int | None] = mapped_column(ForeignKey("nutrition_meal.id", ondelete="SET NULL"), index=True)
    ingredient_id: Mapped[int] = mapped_column(ForeignKey("nutrition_ingredient.id", ondelete="CASCADE"), index=True)
    weight_unit_id: Mapped[int | None] = mapped_column(
        ForeignKey("nutrition_ingredientweightunit.id", ondelete="CASCADE"), index=True
    )
    datetime: Mapped[dt.datetime] = mapped_column(default=utcnow)

    plan: Mapped[NutritionPlan] = relationship()
    meal: Mapped[Meal | None] = relationship()
    ingredient: Mapped[Ingredient] = relationship()
    weight_unit: Mapped[IngredientWeightUnit | None] = relationship()
