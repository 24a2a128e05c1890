"""The catalog rows of every wger API generation, read into one shape for the sync.

Three generations are met in the wild, and each row is read by what it carries, not by a version number:

- wger 2.1 (what `pip install wger` gives): `exercisebaseinfo` lists bases with their translations under
  `exercises`; notes have no `uuid`; translations carry no license; ingredients have no `uuid`, say
  `fibres` and list their portions as `ingredientweightunit_set`; languages have no `full_name_en`.
- this project (the contract): the same endpoint, with uuids everywhere, license fields on every object,
  `fiber` and `weight_units`.
- today's public wger: `exercisebaseinfo` is gone and `exerciseinfo` lists bases, with `translations`,
  a `variation_group` uuid instead of a `variations` id, and notes with uuids.

What an older upstream lacks is derived: an object without a uuid gets a stable one made from the
upstream's address, the endpoint it lives under and its id (uuid5), so a second run finds it again; a
language without an English name gets it from its ISO 639-1 code. A row that cannot be read raises
`Unreadable` with a reason that the sync counts, per kind.
"""

import decimal
import json
import uuid as uuid_module
from functools import cache
from pathlib import Path

LANGUAGE_NAMES = Path(__file__).resolve().parent / "language_names.json"
LICENSE_FIELDS = ("license_title", "license_object_url", "license_author", "license_author_url",
                  "license_derivative_source_url")
NUTRIENTS = ("protein", "carbohydrates", "carbohydrates_sugar", "fat", "fat_saturated", "fiber", "sodium")
INGREDIENT_TEXT = ("remote_id", "source_name", "source_url", "code")


class Unreadable(Exception):
    """A row the sync cannot use; the message is the reason, counted with the others of its kind."""


@cache
def english_language_names():
    return json.loads(LANGUAGE_NAMES.read_text(encoding="utf-8"))


def english_name(language):
    """The English name of an upstream language: its own `full_name_en`, else the name of its code."""
    return (language.get("full_name_en") or english_language_names().get(language["short_name"])
            or language.get("full_name") or language["short_name"])


def ref_id(value):
    """An upstream reference that is an id (`4`) or a nested object (`{"id": 4, ...}`); None stays None."""
    return value["id"] if isinstance(value, dict) else value


def ref_ids(values):
    return [ref_id(value) for value in values or ()]


def _decimal(value):
    """Decimals arrive as strings; compared as Decimals, an unchanged value does not count as an update."""
    try:
        return None if value is None else decimal.Decimal(str(value))
    except decimal.InvalidOperation as error:
        raise Unreadable(f"not a number: {value!r}") from error


def _required(row, name):
    if row.get(name) is None:
        raise Unreadable(f"no {name}")
    return row[name]


class Shapes:
    """Reads the rows of one upstream; `api` (its `/api/v2` address) seeds the uuids it does not send."""

    def __init__(self, api):
        self.api = api

    def uuid(self, row, endpoint):
        """The row's uuid, or a stable one derived from where the row lives upstream."""
        if row.get("uuid"):
            try:
                return uuid_module.UUID(str(row["uuid"]))
            except ValueError as error:
                raise Unreadable("an invalid uuid") from error
        if row.get("id") is None:
            raise Unreadable("neither a uuid nor an id")
        return uuid_module.uuid5(uuid_module.NAMESPACE_URL, f"{self.api}/{endpoint}/{row['id']}/")

    @staticmethod
    def license(row, inherited=None):
        """The license id and attribution of a contributed object; what it lacks comes from `inherited`."""
        inherited = inherited or {}
        values = {name: row.get(name) or inherited.get(name) or "" for name in LICENSE_FIELDS}
        values["license_author"] = values["license_author"] or None
        return {"license": ref_id(row.get("license")) or inherited.get("license"), **values}

    def exercise_base(self, row):
        base = {
            "uuid": self.uuid(row, "exercise-base"),
            "category": ref_id(_required(row, "category")),
            "muscles": ref_ids(row.get("muscles")),
            "muscles_secondary": ref_ids(row.get("muscles_secondary")),
            "equipment": ref_ids(row.get("equipment")),
            "variation": row.get("variation_group", row.get("variations")),
            **self.license(row),
        }
        translations = row.get("translations", row.get("exercises")) or []
        base["translations"] = [self.translation(item, base) for item in translations]
        base["images"] = [self.image(item, base) for item in row.get("images") or ()]
        base["videos"] = [self.video(item, base) for item in row.get("videos") or ()]
        return base

    def translation(self, item, base):
        return {
            "uuid": self.uuid(item, "exercise-translation"),
            "language": ref_id(_required(item, "language")),
            "name": _required(item, "name"),
            "description": item.get("description") or "",
            **self.license(item, inherited=base),
            "aliases": [{"uuid": self.uuid(alias, "exercisealias"), "alias": _required(alias, "alias")}
                        for alias in item.get("aliases") or ()],
            "notes": [{"uuid": self.uuid(note, "exercisecomment"), "comment": _required(note, "comment")}
                      for note in item.get("notes", item.get("comments")) or ()],
        }

    def image(self, item, base):
        return {
            "uuid": self.uuid(item, "exerciseimage"),
            "file": _required(item, "image"),
            "is_main": bool(item.get("is_main")),
            "style": str(item.get("style") or "4"),
            **self.license(item, inherited=base),
        }

    def video(self, item, base):
        return {
            "uuid": self.uuid(item, "video"),
            "file": _required(item, "video"),
            "is_main": bool(item.get("is_main")),
            "size": item.get("size") or 0,
            "duration": _decimal(item.get("duration") or 0),
            "width": item.get("width") or 0,
            "height": item.get("height") or 0,
            "codec": item.get("codec") or "",
            "codec_long": item.get("codec_long") or "",
            **self.license(item, inherited=base),
        }

    def ingredient(self, row):
        units = row.get("weight_units", row.get("ingredientweightunit_set")) or []
        image = row.get("image")
        ingredient = {
            "uuid": self.uuid(row, "ingredient"),
            "name": _required(row, "name"),
            "language": ref_id(_required(row, "language")),
            "energy": _required(row, "energy"),
            **{name: row.get(name) for name in INGREDIENT_TEXT},
            **{name: _decimal(row.get(name)) for name in NUTRIENTS},
            **self.license(row),
            "weight_units": [{"unit": _required(unit, "unit"), "amount": _decimal(unit.get("amount") or 1),
                              "gram": _required(unit, "gram")} for unit in units],
            "image": None,
        }
        if ingredient["fiber"] is None:
            ingredient["fiber"] = _decimal(row.get("fibres"))
        if isinstance(image, dict):
            ingredient["image"] = {
                "uuid": self.uuid(image, "ingredient-image"), "file": _required(image, "image"),
                "size": image.get("size") or 0, "width": image.get("width") or 0, "height": image.get("height") or 0,
                **self.license(image),
            }
        return ingredient
