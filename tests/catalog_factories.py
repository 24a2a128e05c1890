"""Small builders of catalog rows for tests that need more (or other) data than the sample files."""

import decimal
import io
import struct
import zlib

from PIL import Image

from wger.database import db
from wger.models import (
    Alias,
    Equipment,
    Exercise,
    ExerciseBase,
    ExerciseComment,
    Ingredient,
    IngredientWeightUnit,
    Muscle,
    Variation,
)

DESCRIPTION = "<p>A description that is long enough to pass the forty character minimum.</p>"


def make_base(category_id=8, muscles=(), muscles_secondary=(), equipment=(), variation=None, **values):
    base = ExerciseBase(category_id=category_id, variations=variation, **values)
    db.session.add(base)
    base.muscles = [db.session.get(Muscle, pk) for pk in muscles]
    base.muscles_secondary = [db.session.get(Muscle, pk) for pk in muscles_secondary]
    base.equipment = [db.session.get(Equipment, pk) for pk in equipment]
    db.session.flush()
    return base


def make_translation(base, name, language_id=2, aliases=(), notes=(), **values):
    translation = Exercise(exercise_base=base, name=name, description=DESCRIPTION, language_id=language_id,
                           **values)
    translation.aliases = [Alias(alias=alias) for alias in aliases]
    translation.comments = [ExerciseComment(comment=note) for note in notes]
    db.session.add(translation)
    db.session.flush()
    return translation


def make_exercises(count):
    """`count` bases, each with an English and a German translation, an alias, a note, in variation pairs."""
    variation = None
    for number in range(count):
        if number % 2 == 0:
            variation = Variation()
        base = make_base(8 + number % 8, muscles={1 + number % 16, 2}, muscles_secondary=(3,), equipment=(1, 3),
                         variation=variation, license_author="tester")
        make_translation(base, f"Exercise {number}", aliases=[f"Alias {number}"], notes=[f"Note {number}"])
        make_translation(base, f"Übung {number}", language_id=1)
    db.session.flush()


def make_ingredient(name, language_id=2, units=(), **values):
    """An ingredient with per-100 g values; `units` are `(weight unit id, grams[, amount])` portions."""
    values = {"energy": 100, "protein": decimal.Decimal("10.000"), "carbohydrates": decimal.Decimal("20.000"),
              "fat": decimal.Decimal("5.000"), **values}
    ingredient = Ingredient(name=name, language_id=language_id, **values)
    ingredient.weight_units = [
        IngredientWeightUnit(unit_id=unit, gram=gram, amount=decimal.Decimal(str(amount[0] if amount else 1)))
        for unit, gram, *amount in units
    ]
    db.session.add(ingredient)
    db.session.flush()
    return ingredient


def png(width=4, height=3, color=(200, 40, 40)):
    """A real PNG image, as a fresh file object for a multipart upload."""
    data = io.BytesIO()
    Image.new("RGB", (width, height), color).save(data, format="PNG")
    data.seek(0)
    return data


def png_declaring(width, height):
    """A tiny PNG whose header declares `width` x `height` pixels (a decompression bomb, as Pillow sees it)."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return io.BytesIO(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b""))
                      + chunk(b"IEND", b""))
