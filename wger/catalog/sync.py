"""Mirror the catalog of any server that speaks this API: `flask --app wger sync exercises|ingredients|all`.

The sync walks the upstream's public, paginated endpoints (`exercisebaseinfo`, `ingredientinfo`) and
upserts every object by its uuid, so a second run changes nothing. Reference data (languages, licenses,
categories, muscles, equipment, weight units) is matched by name, never by the upstream's ids. Images
and videos are downloaded into the media folder when they are new here. After every page the work is
committed and a checkpoint (next offset, variation groups seen) is written to the instance folder; a run
that finds a checkpoint for the same upstream resumes there.
"""

import datetime as dt
import decimal
import json
import logging
from pathlib import Path
from urllib.parse import urljoin

import click
import requests
import sqlalchemy as sa
from flask import current_app
from marshmallow import ValidationError
from werkzeug.exceptions import RequestEntityTooLarge

from wger.catalog import media
from wger.catalog.upsert import ADDED, UNCHANGED, UPDATED, Tally, as_uuid, upsert
from wger.database import db
from wger.models import (
    Alias,
    Equipment,
    Exercise,
    ExerciseBase,
    ExerciseCategory,
    ExerciseComment,
    ExerciseImage,
    ExerciseVideo,
    Ingredient,
    IngredientImage,
    IngredientWeightUnit,
    Language,
    License,
    Muscle,
    Variation,
    WeightUnit,
)

log = logging.getLogger(__name__)

PAGE_SIZE = 50
TIMEOUT = 30
LICENSE_FIELDS = ("license_title", "license_object_url", "license_author", "license_author_url",
                  "license_derivative_source_url")
NUTRIENTS = ("energy", "protein", "carbohydrates", "carbohydrates_sugar", "fat", "fat_saturated", "fiber", "sodium")
INGREDIENT_TEXT = ("remote_id", "source_name", "source_url", "code", "name")


class SyncError(click.ClickException):
    """The upstream could not be read; the checkpoint keeps what was done."""


def make_session():
    """The HTTP client of a sync; a function so that tests can hand in another requests-like session."""
    return requests.Session()


class Upstream:
    """A wger API v2 server at `base_url` (with or without `/api/v2`)."""

    def __init__(self, base_url, session):
        base_url = base_url.rstrip("/")
        self.api = base_url if base_url.endswith("/api/v2") else base_url + "/api/v2"
        self.session = session

    def get(self, url, **params):
        try:
            response = self.session.get(url, params=params, timeout=TIMEOUT, headers={"Accept": "application/json"})
        except requests.RequestException as error:
            raise SyncError(f"Cannot reach {url}: {error}") from error
        if response.status_code != 200:
            raise SyncError(f"{url} answered {response.status_code}")
        return response

    def json(self, endpoint, **params):
        return self.get(f"{self.api}/{endpoint}/", **params).json()

    def everything(self, endpoint):
        return self.json(endpoint, limit=1000)["results"]

    def page(self, endpoint, offset):
        return self.json(endpoint, limit=PAGE_SIZE, offset=offset, ordering="id")

    def download(self, url):
        return self.get(urljoin(self.api + "/", url)).content


class Checkpoint:
    """Where an interrupted sync of one kind from one upstream stands, in the instance folder."""

    def __init__(self, kind, source):
        self.path = Path(current_app.instance_path) / f"sync-{kind}.json"
        self.source = source
        self.state = {"source": source, "offset": 0, "variations": {}}
        if self.path.exists():
            saved = json.loads(self.path.read_text())
            if saved.get("source") == source:
                self.state = saved

    @property
    def offset(self):
        return self.state["offset"]

    def save(self, offset):
        self.state["offset"] = offset
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps(self.state))

    def finish(self):
        self.path.unlink(missing_ok=True)


class References:
    """Upstream ids of reference data mapped to local rows, matched by name and created when missing."""

    def __init__(self, upstream, tally):
        self.tally = tally
        self.languages = self._match(upstream.everything("language"), Language, "short_name",
                                     ("short_name", "full_name", "full_name_en"), "languages")
        self.licenses = self._match(upstream.everything("license"), License, "short_name",
                                    ("full_name", "short_name", "url"), "licenses")

    def _match(self, rows, model, key, fields, kind):
        mapping = {}
        for row in rows:
            obj = db.session.scalars(sa.select(model).where(getattr(model, key) == row[key])).first()
            if obj is None:
                obj = model(**{name: row.get(name) for name in fields})
                db.session.add(obj)
                db.session.flush()
                self.tally.add(kind, ADDED)
            mapping[row["id"]] = obj.id
        return mapping

    def exercise_references(self, upstream):
        self.categories = self._match(upstream.everything("exercisecategory"), ExerciseCategory, "name",
                                      ("name",), "categories")
        self.muscles = self._match(upstream.everything("muscle"), Muscle, "name",
                                   ("name", "name_en", "is_front"), "muscles")
        self.equipment = self._match(upstream.everything("equipment"), Equipment, "name", ("name",), "equipment")

    def weight_unit(self, unit):
        language_id = self.languages[unit["language"]]
        obj = db.session.scalars(
            sa.select(WeightUnit).where(WeightUnit.language_id == language_id, WeightUnit.name == unit["name"])
        ).first()
        if obj is None:
            obj = WeightUnit(language_id=language_id, name=unit["name"])
            db.session.add(obj)
            db.session.flush()
            self.tally.add("weight units", ADDED)
        return obj.id


def _decimal(value):
    """Decimals arrive as strings; compared as Decimals, an unchanged value does not count as an update."""
    return None if value is None else decimal.Decimal(str(value))


def _licensed(row, references):
    return {"license_id": references.licenses.get(row.get("license"), 2),
            **{name: row.get(name) or ("" if name != "license_author" else None) for name in LICENSE_FIELDS}}


class Sync:
    """One run: the upstream, the local references and the tally of outcomes."""

    def __init__(self, source, session=None):
        self.upstream = Upstream(source, session or make_session())
        self.tally = Tally()
        self.references = References(self.upstream, self.tally)

    def run(self, kind, endpoint, apply_row):
        """Walk `endpoint` page by page from the checkpoint, applying each row in its own savepoint."""
        checkpoint = Checkpoint(kind, self.upstream.api)
        self.checkpoint = checkpoint
        offset = checkpoint.offset
        if offset:
            click.echo(f"Resuming the {kind} sync at offset {offset}.")
        first = self.upstream.page(endpoint, offset)
        with click.progressbar(length=first["count"], label=f"Syncing {kind}", show_pos=True) as bar:
            bar.update(offset)
            page = first
            while True:
                for row in page["results"]:
                    self._apply(kind, apply_row, row)
                    bar.update(1)
                db.session.commit()
                offset += len(page["results"])
                checkpoint.save(offset)
                if not page["next"] or not page["results"]:
                    break
                page = self.upstream.page(endpoint, offset)
        checkpoint.finish()

    def _apply(self, kind, apply_row, row):
        try:
            with db.session.begin_nested():
                apply_row(row)
        except (sa.exc.IntegrityError, ValidationError, RequestEntityTooLarge, KeyError) as error:
            log.warning("Skipped %s %s: %s", kind, row.get("uuid"), error)
            self.tally.add(kind, "skipped")

    def _file(self, kind, obj, url, folder, check):
        """Download the upstream file of a new media object (or one whose file went missing)."""
        if obj.id is not None and getattr(obj, kind) and (media.media_root() / getattr(obj, kind)).exists():
            return None
        pending = check(self.upstream.download(url))
        setattr(obj, kind, media.store(folder, pending))
        return pending

    def exercises(self):
        self.references.exercise_references(self.upstream)
        self.run("exercises", "exercisebaseinfo", self.exercise_base)

    def _variation(self, upstream_id, base):
        """The local group of an upstream variation id, kept in the checkpoint so resumed runs agree."""
        if upstream_id is None:
            return None
        groups = self.checkpoint.state["variations"]
        key = str(upstream_id)
        if key not in groups:
            if base is not None and base.variations_id is not None:
                groups[key] = base.variations_id
            else:
                group = Variation()
                db.session.add(group)
                db.session.flush()
                groups[key] = group.id
        return groups[key]

    def exercise_base(self, row):
        refs = self.references
        existing = db.session.scalars(sa.select(ExerciseBase).where(ExerciseBase.uuid == as_uuid(row["uuid"]))).first()
        base, outcome = upsert(ExerciseBase, {"uuid": as_uuid(row["uuid"])}, {
            "category_id": refs.categories[row["category"]["id"]],
            "muscles": [db.session.get(Muscle, refs.muscles[item["id"]]) for item in row["muscles"]],
            "muscles_secondary": [db.session.get(Muscle, refs.muscles[item["id"]])
                                  for item in row["muscles_secondary"]],
            "equipment": [db.session.get(Equipment, refs.equipment[item["id"]]) for item in row["equipment"]],
            "variations_id": self._variation(row.get("variations"), existing),
            "license_id": refs.licenses.get((row.get("license") or {}).get("id"), 2),
            "license_author": row.get("license_author"),
        })
        self.tally.add("exercise bases", outcome)
        db.session.flush()
        for item in row.get("exercises", []):
            self.translation(base, item)
        for item in row.get("images", []):
            self.media(ExerciseImage, "image", "images", base, item, media.check_image,
                       {"is_main": item.get("is_main", False), "style": item.get("style") or "4"})
        for item in row.get("videos", []):
            self.media(ExerciseVideo, "video", "videos", base, item, media.check_video,
                       {"is_main": item.get("is_main", False), "size": item.get("size") or 0,
                        "duration": _decimal(item.get("duration") or 0), "width": item.get("width") or 0,
                        "height": item.get("height") or 0, "codec": item.get("codec") or "",
                        "codec_long": item.get("codec_long") or ""})

    def translation(self, base, item):
        translation, outcome = upsert(Exercise, {"uuid": as_uuid(item["uuid"])}, {
            "exercise_base_id": base.id,
            "language_id": self.references.languages[item["language"]],
            "name": item["name"],
            "description": item.get("description") or "",
            **_licensed(item, self.references),
        })
        self.tally.add("translations", outcome)
        db.session.flush()
        for alias in item.get("aliases", []):
            _, outcome = upsert(Alias, {"uuid": as_uuid(alias["uuid"])},
                                {"exercise_id": translation.id, "alias": alias["alias"]})
            self.tally.add("aliases", outcome)
        for note in item.get("notes", []):
            _, outcome = upsert(ExerciseComment, {"uuid": as_uuid(note["uuid"])},
                                {"exercise_id": translation.id, "comment": note["comment"]})
            self.tally.add("notes", outcome)

    def media(self, model, kind, label, base, item, check, values):
        obj, outcome = upsert(model, {"uuid": as_uuid(item["uuid"])}, {
            "exercise_base_id": base.id, **values, **_licensed(item, self.references),
        })
        if self._file(kind, obj, item[kind], f"exercise-{kind}s/{base.id}", check):
            if kind == "image":
                media.make_thumbnails(obj.image)
            outcome = UPDATED if outcome == UNCHANGED else outcome
        self.tally.add(label, outcome)

    def ingredients(self):
        self.run("ingredients", "ingredientinfo", self.ingredient)

    def ingredient(self, row):
        refs = self.references
        values = {name: row.get(name) for name in INGREDIENT_TEXT}
        values.update({name: _decimal(row.get(name)) for name in NUTRIENTS})
        values["energy"] = row["energy"]
        values["language_id"] = refs.languages[row["language"]["id"]]
        values.update(_licensed({**row, "license": (row.get("license") or {}).get("id")}, refs))
        ingredient, outcome = upsert(Ingredient, {"uuid": as_uuid(row["uuid"])}, values)
        if outcome != UNCHANGED:
            ingredient.last_imported = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        self.tally.add("ingredients", outcome)
        db.session.flush()
        for unit in row.get("weight_units", []):
            _, outcome = upsert(IngredientWeightUnit,
                                {"ingredient_id": ingredient.id, "unit_id": refs.weight_unit(unit["unit"])},
                                {"amount": _decimal(unit["amount"]), "gram": unit["gram"]})
            self.tally.add("ingredient weight units", outcome)
        image = row.get("image")
        if image:
            obj, outcome = upsert(IngredientImage, {"uuid": as_uuid(image["uuid"])}, {
                "ingredient_id": ingredient.id, "size": image.get("size") or 0, "width": image.get("width") or 0,
                "height": image.get("height") or 0,
                **_licensed(image, refs),
            })
            if self._file("image", obj, image["image"], "ingredients", media.check_image):
                media.make_thumbnails(obj.image)
            self.tally.add("ingredient images", outcome)


def sync(kinds, source, session=None):
    """Run the sync of `kinds` from `source`; returns the tally."""
    run = Sync(source, session)
    for kind in kinds:
        getattr(run, kind)()
    db.session.commit()
    return run.tally
