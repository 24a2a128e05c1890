"""What the demo account shows off: a nutrition plan of four meals, two weeks of diary, body weight and two
measurement categories over a few months, and two progress photos drawn here (nothing is downloaded).

Everything is built from the bundled sample ingredients and dated back from today. Each part is added once:
a part the account already has (its plan, a category, any weight entry or photo) is left as it is, so
`flask --app wger sample-data` run again changes nothing.
"""

import datetime as dt
import decimal
import io
import math
import random

import sqlalchemy as sa
from PIL import Image, ImageDraw

from wger.catalog import media
from wger.database import db
from wger.models import (
    GalleryImage,
    Ingredient,
    IngredientWeightUnit,
    Language,
    LogItem,
    Meal,
    MealItem,
    Measurement,
    MeasurementCategory,
    NutritionPlan,
    WeightEntry,
)
from wger.models.gallery import GALLERY_FOLDER

PLAN_DESCRIPTION = "Lean bulk"
DIARY_DAYS = 14
HISTORY_WEEKS = 17
WEIGHT_DAYS, WEIGHT_EVERY = 120, 3
SLICE, CUP, GLASS, MEDIUM, HANDFUL, SERVING, TEASPOON, TABLESPOON, CONTAINER, FILLET = 1, 2, 12, 8, 6, 13, 5, 4, 26, 21

# (time, name, [(ingredient name, amount, weight unit id or None for grams)])
MEALS = (
    ("07:30", "Breakfast", [("Oats, rolled, dry", 2, SERVING), ("Milk, skim", 1, GLASS),
                            ("Banana, raw", 1, MEDIUM), ("Honey", 1, TEASPOON)]),
    ("12:30", "Lunch", [("Chicken breast, skinless, roasted", 150, None), ("Rice, white, long-grain, cooked", 1, CUP),
                        ("Broccoli, boiled", 120, None), ("Olive oil, extra virgin", 1, TABLESPOON)]),
    ("16:00", "Snack", [("Greek yogurt, plain, 0% fat", 1, CONTAINER), ("Blueberries", 1, HANDFUL),
                        ("Almonds", 1, HANDFUL)]),
    ("19:30", "Dinner", [("Salmon, Atlantic, farmed, baked", 1, FILLET), ("Sweet potato, baked", 1, MEDIUM),
                         ("Spinach, raw", 60, None), ("Bread, whole wheat", 1, SLICE)]),
)
CATEGORIES = (
    # (name, unit, value this week, change per week)
    ("Biceps", "cm", 37.2, 0.06),
    ("Body fat", "%", 17.4, -0.09),
)
PHOTOS = (
    # (days ago, description, backdrop colour, half the shoulders' width in pixels)
    (HISTORY_WEEKS * 7, "Start of the bulk", (96, 125, 139), 80),
    (7, "Week sixteen", (46, 125, 50), 92),
)


def _today():
    return dt.datetime.now(dt.UTC).date()


def _ingredient(name):
    statement = sa.select(Ingredient).join(Language).where(Ingredient.name == name, Language.short_name == "en")
    return db.session.scalars(statement).first()


def _portion(ingredient, unit_id):
    statement = sa.select(IngredientWeightUnit).where(IngredientWeightUnit.ingredient_id == ingredient.id,
                                                      IngredientWeightUnit.unit_id == unit_id)
    return db.session.scalars(statement).first()


def _plan(user):
    """The plan of four meals; some items in portions (a glass of milk, a fillet), some in grams."""
    plan = NutritionPlan(user_id=user.id, description=PLAN_DESCRIPTION, goal_energy=2800, goal_protein=160,
                         goal_carbohydrates=330, goal_fat=85, goal_fiber=35)
    for time, name, items in MEALS:
        meal = Meal(time=dt.time.fromisoformat(time), name=name)
        for ingredient_name, amount, unit_id in items:
            ingredient = _ingredient(ingredient_name)
            if ingredient is None:
                continue
            portion = _portion(ingredient, unit_id) if unit_id else None
            meal.items.append(MealItem(ingredient=ingredient, weight_unit=portion, amount=decimal.Decimal(amount)))
        plan.meals.append(meal)
    db.session.add(plan)
    db.session.flush()
    return plan


def _diary(plan, rng):
    """Two weeks of eating roughly to plan: each meal's items, amounts a little off, some meals skipped (never
    the first, so that every day of the two weeks shows in the diary)."""
    entries = 0
    for days_ago in range(DIARY_DAYS, 0, -1):
        day = _today() - dt.timedelta(days=days_ago)
        for index, meal in enumerate(plan.meals):
            if index and rng.random() < 0.1:
                continue
            eaten_at = dt.datetime.combine(day, meal.time) + dt.timedelta(minutes=rng.randint(-20, 40))
            for item in meal.items:
                amount = max(decimal.Decimal(1), (item.amount * decimal.Decimal(rng.uniform(0.8, 1.25))).quantize(
                    decimal.Decimal("0.01")))
                db.session.add(LogItem(plan=plan, meal=meal, ingredient=item.ingredient,
                                       weight_unit=item.weight_unit, datetime=eaten_at, amount=amount))
                entries += 1
    return entries


def _weekly_dates():
    return [_today() - dt.timedelta(weeks=weeks) for weeks in range(HISTORY_WEEKS, -1, -1)]


def _measurements(user, rng):
    added = 0
    for name, unit, now, per_week in CATEGORIES:
        exists = sa.select(MeasurementCategory.id).where(MeasurementCategory.user_id == user.id,
                                                         MeasurementCategory.name == name)
        if db.session.execute(exists).first() is not None:
            continue
        category = MeasurementCategory(user_id=user.id, name=name, unit=unit)
        db.session.add(category)
        for weeks_ago, day in zip(range(HISTORY_WEEKS, -1, -1), _weekly_dates(), strict=True):
            value = now - per_week * weeks_ago + rng.uniform(-0.15, 0.15)
            category.measurements.append(Measurement(date=day, value=decimal.Decimal(f"{value:.2f}")))
        added += 1 + HISTORY_WEEKS + 1
    return added


def _weight(user):
    """Four months of weigh-ins every third day up to today: a slow loss of 3 kg with a daily wobble."""
    if db.session.execute(sa.select(WeightEntry.id).where(WeightEntry.user_id == user.id)).first() is not None:
        return 0
    days = range(WEIGHT_DAYS, -1, -WEIGHT_EVERY)
    for index, days_ago in enumerate(days):
        trend = 84.6 - 3.0 * (WEIGHT_DAYS - days_ago) / WEIGHT_DAYS
        weight = decimal.Decimal(f"{trend + 0.35 * math.sin(index * 1.7):.1f}")
        db.session.add(WeightEntry(user_id=user.id, date=_today() - dt.timedelta(days=days_ago), weight=weight))
    return len(days)


def _drawing(background, label, shoulders):
    """A progress photo stand-in: a figure on a coloured backdrop, with its caption, as a JPEG."""
    image = Image.new("RGB", (480, 640), background)
    draw = ImageDraw.Draw(image)
    draw.ellipse((195, 90, 285, 180), fill=(238, 214, 196))
    draw.rounded_rectangle((240 - shoulders, 190, 240 + shoulders, 420), radius=40, fill=(238, 214, 196))
    draw.rectangle((170, 410, 225, 590), fill=(60, 72, 88))
    draw.rectangle((255, 410, 310, 590), fill=(60, 72, 88))
    draw.text((24, 600), label, fill=(255, 255, 255))
    data = io.BytesIO()
    image.save(data, format="JPEG", quality=85)
    return media.PendingFile(data.getvalue(), ".jpg", *image.size)


def _photos(user):
    if db.session.execute(sa.select(GalleryImage.id).where(GalleryImage.user_id == user.id)).first() is not None:
        return 0
    for days_ago, description, background, shoulders in PHOTOS:
        pending = _drawing(background, description, shoulders)
        path = media.store(f"{GALLERY_FOLDER}/{user.id}", pending)
        media.delete_unless_committed(db.session, path)
        db.session.add(GalleryImage(user_id=user.id, date=_today() - dt.timedelta(days=days_ago), image=path,
                                    description=description, width=pending.width, height=pending.height))
    return len(PHOTOS)


def load_demo_data(user):
    """Give `user` (the demo account) the parts of the demo it does not have yet; returns how many rows it
    added, by kind."""
    rng = random.Random(user.id)
    counts = {"plan": 0, "diary entries": 0}
    has_plan = sa.select(NutritionPlan.id).where(NutritionPlan.user_id == user.id,
                                                 NutritionPlan.description == PLAN_DESCRIPTION)
    if db.session.execute(has_plan).first() is None:
        plan = _plan(user)
        counts["plan"] = 1
        counts["diary entries"] = _diary(plan, rng)
    counts["measurements"] = _measurements(user, rng)
    counts["weight entries"] = _weight(user)
    counts["photos"] = _photos(user)
    db.session.flush()
    return counts
