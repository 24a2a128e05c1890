"""Mirror the catalog of any wger server: `flask --app wger sync exercises|ingredients|all --from URL`.

The sync walks the upstream's public, paginated lists of exercises and ingredients and upserts every
object by its uuid, so a second run changes nothing. Which lists, and how their rows are read, depends on
the API generation the upstream speaks (see `wger.catalog.shapes`): the original 2.1, this project, or
today's public wger. Reference data (languages, licenses, categories, muscles, equipment, weight units)
is matched by name, never by the upstream's ids, and created when missing. Images and videos are
downloaded into the media folder when they are new here.

Every object is applied in its own savepoint: one that cannot be stored (an unreadable row, a value too
long for its column, a file that cannot be downloaded) is skipped and counted with its reason, and the
rest goes on. After every page the work is committed and a checkpoint (next offset, variation groups
seen) is written to the instance folder; a run that finds a checkpoint for the same upstream resumes
there.
"""

import datetime as dt
import json
import logging
import re
import time
from pathlib import Path
from urllib.parse import urljoin

import click
import requests
import sqlalchemy as sa
from flask import current_app
from marshmallow import ValidationError
from werkzeug.exceptions import RequestEntityTooLarge

from wger.api.cache import bump_version
from wger.catalog import media
from wger.catalog.progress import Progress
from wger.catalog.shapes import Shapes, Unreadable, english_name, ref_id
from wger.catalog.upsert import ADDED, UNCHANGED, UPDATED, Tally, upsert
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
from wger.models.exercises import DEFAULT_LICENSE_ID

log = logging.getLogger(__name__)

PAGE_SIZE = 100
TIMEOUT = 30
EXERCISE_LISTS = ("exercisebaseinfo", "exerciseinfo")


class SyncError(click.ClickException):
    """The upstream could not be read; the checkpoint keeps what was done."""


def make_session():
    """The HTTP client of a sync; a function so that tests can hand in another requests-like session."""
    return requests.Session()


def _cause(error):
    """The system's words for a failed connection ("Connection refused"), not urllib3's nested repr."""
    said = re.search(r"\[Errno -?\d+\] ([^\"')]+)", str(error))
    return said[1].strip() if said else type(error).__name__


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
            raise SyncError(f"Cannot reach {url}: {_cause(error)}") from error
        if response.status_code != 200:
            raise SyncError(f"{url} answered {response.status_code}")
        return response

    def json(self, url, **params):
        try:
            return self.get(url, **params).json()
        except ValueError as error:
            raise SyncError(f"{url} did not answer JSON") from error

    def endpoints(self):
        """The names the API root lists: they tell which generation of the API the upstream speaks."""
        return self.json(f"{self.api}/")

    def everything(self, endpoint):
        """Every row of a short list (reference data), following `next` links."""
        rows, url, params = [], f"{self.api}/{endpoint}/", {"limit": 1000}
        while url:
            page = self.json(url, **params)
            rows.extend(page["results"])
            url, params = page.get("next"), {}
        return rows

    def page(self, endpoint, offset):
        return self.json(f"{self.api}/{endpoint}/", limit=PAGE_SIZE, offset=offset, ordering="id")

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


def check_fits(model, values):
    """Refuse strings the column cannot hold (PostgreSQL would, SQLite would not), naming the field."""
    columns = model.__table__.columns
    for name, value in values.items():
        if not isinstance(value, str) or name not in columns:
            continue
        if "\x00" in value:
            raise Unreadable(f"{name} contains a NUL character")
        length = getattr(columns[name].type, "length", None)
        if length is not None and len(value) > length:
            raise Unreadable(f"{name} longer than {length} characters")


def store(model, key, values):
    """Upsert after checking that every string fits its column."""
    check_fits(model, values)
    return upsert(model, key, values)


class References:
    """Upstream ids of reference data mapped to local rows, matched by name and created when missing."""

    def __init__(self, upstream, tally):
        self.tally = tally
        languages = [{**row, "full_name_en": english_name(row)} for row in upstream.everything("language")]
        self.languages = self._match(languages, Language, "short_name", ("short_name", "full_name", "full_name_en"),
                                     "languages")
        self.licenses = self._match(upstream.everything("license"), License, "short_name",
                                    ("full_name", "short_name", "url"), "licenses")
        self.default_license = db.session.get(License, DEFAULT_LICENSE_ID)

    def _match(self, rows, model, key, fields, kind):
        mapping = {}
        for row in rows:
            values = {name: row[name].strip() if isinstance(row.get(name), str) else row.get(name) for name in fields}
            obj = db.session.scalars(sa.select(model).where(getattr(model, key) == values[key])).first()
            outcome = UNCHANGED
            if obj is None:
                try:
                    check_fits(model, values)
                except Unreadable as reason:
                    self.tally.skip(kind, str(reason))
                    continue
                obj, outcome = model(**values), ADDED
                db.session.add(obj)
                db.session.flush()
            self.tally.add(kind, outcome)
            mapping[row["id"]] = obj.id
        return mapping

    def exercise_references(self, upstream):
        self.categories = self._match(upstream.everything("exercisecategory"), ExerciseCategory, "name",
                                      ("name",), "categories")
        self.muscles = self._match(upstream.everything("muscle"), Muscle, "name",
                                   ("name", "name_en", "is_front"), "muscles")
        self.equipment = self._match(upstream.everything("equipment"), Equipment, "name", ("name",), "equipment")

    @staticmethod
    def local(mapping, upstream_id, what):
        if upstream_id not in mapping:
            raise Unreadable(f"an unknown {what}")
        return mapping[upstream_id]

    def license(self, upstream_id):
        """The local license of an upstream one; an object that names none gets the default license."""
        if upstream_id is None and self.default_license is not None:
            return self.default_license.id
        return self.local(self.licenses, upstream_id, "license")

    def weight_unit(self, unit):
        language_id = self.local(self.languages, ref_id(unit.get("language")), "language")
        name = (unit.get("name") or "").strip()
        check_fits(WeightUnit, {"name": name})
        obj = db.session.scalars(
            sa.select(WeightUnit).where(WeightUnit.language_id == language_id, WeightUnit.name == name)
        ).first()
        if obj is None:
            obj = WeightUnit(language_id=language_id, name=name)
            db.session.add(obj)
            db.session.flush()
            self.tally.add("weight units", ADDED)
        return obj.id


def _licensed(values, references):
    """The license columns of a contributed object read by `Shapes`."""
    licensed = {name: value for name, value in values.items() if name.startswith("license_")}
    return {"license_id": references.license(values["license"]), **licensed}


def _refused(error):
    """A short, stable reason for a row the database refused, so that alike refusals group."""
    return "the database refused it: " + str(getattr(error, "orig", error)).strip().splitlines()[0][:160]


class Sync:
    """One run: the upstream, how its rows read, the local references and the tally of outcomes."""

    def __init__(self, source, session=None):
        self.upstream = Upstream(source, session or make_session())
        self.shapes = Shapes(self.upstream.api)
        self.endpoints = self.upstream.endpoints()
        self.tally = Tally()
        self.references = References(self.upstream, self.tally)

    def run(self, kind, endpoint, apply_row):
        """Walk `endpoint` page by page from the checkpoint, applying each row in its own savepoint."""
        checkpoint = Checkpoint(kind, self.upstream.api)
        self.checkpoint = checkpoint
        offset = checkpoint.offset
        if offset:
            click.echo(f"Resuming the {kind} sync at offset {offset}.")
        started = time.monotonic()
        page = self.upstream.page(endpoint, offset)
        with Progress(kind, page["count"], done=offset) as progress:
            while True:
                self._open_transaction()
                for row in page["results"]:
                    apply_row(row)
                    progress.update()
                db.session.commit()
                offset += len(page["results"])
                checkpoint.save(offset)
                if not page["next"] or not page["results"]:
                    break
                page = self.upstream.page(endpoint, offset)
        checkpoint.finish()
        click.echo(f"Synced {kind} from {self.upstream.api}/{endpoint}/ in {time.monotonic() - started:.0f} s.")

    @staticmethod
    def _open_transaction():
        """Start the page's transaction with a write, the catalog version that the page moves on anyway.

        SQLite's driver opens a transaction only at the first write, so a savepoint taken before one would
        commit on release: a disk sync per row, and no page-sized transaction.
        """
        bump_version(db.session.connection())

    def apply(self, kind, action, *args):
        """Run `action(*args)` in a savepoint; a failure skips this object only, counted with its reason."""
        try:
            with db.session.begin_nested():
                return action(*args)
        except Unreadable as reason:
            self.skip(kind, str(reason))
        except SyncError as error:
            self.skip(kind, f"a file could not be downloaded ({error.message.rsplit(' ', 1)[-1]})")
        except RequestEntityTooLarge:
            self.skip(kind, "a file larger than MAX_IMAGE_SIZE")
        except ValidationError as error:
            self.skip(kind, "a file that is not a valid image or video: " + " ".join(
                str(message) for messages in error.normalized_messages().values() for message in messages))
        except sa.exc.IntegrityError as error:
            self.skip(kind, _refused(error))
        return None

    def skip(self, kind, reason):
        log.debug("Skipped one of %s: %s", kind, reason)
        self.tally.skip(kind, reason)

    def _file(self, field, obj, url, folder, check):
        """Download the upstream file of a new media object (or one whose file went missing)."""
        if obj.id is not None and getattr(obj, field) and (media.media_root() / getattr(obj, field)).exists():
            return None
        pending = check(self.upstream.download(url))
        setattr(obj, field, media.store(folder, pending))
        return pending

    def exercises(self):
        self.references.exercise_references(self.upstream)
        endpoint = next((name for name in EXERCISE_LISTS if name in self.endpoints), EXERCISE_LISTS[0])
        self.run("exercises", endpoint, lambda row: self.apply("exercise bases", self.exercise_base, row))

    def _variation(self, upstream_key, base):
        """The local group of an upstream variation (an id or a uuid), kept in the checkpoint so resumed
        runs agree."""
        if upstream_key is None:
            return None
        groups = self.checkpoint.state["variations"]
        key = str(upstream_key)
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
        refs, read = self.references, self.shapes.exercise_base(row)
        existing = db.session.scalars(sa.select(ExerciseBase).where(ExerciseBase.uuid == read["uuid"])).first()
        muscles = {muscle.id: muscle for muscle in db.session.scalars(sa.select(Muscle))}
        equipment = {item.id: item for item in db.session.scalars(sa.select(Equipment))}
        base, outcome = store(ExerciseBase, {"uuid": read["uuid"]}, {
            "category_id": refs.local(refs.categories, read["category"], "category"),
            "muscles": [muscles[refs.local(refs.muscles, item, "muscle")] for item in read["muscles"]],
            "muscles_secondary": [muscles[refs.local(refs.muscles, item, "muscle")]
                                  for item in read["muscles_secondary"]],
            "equipment": [equipment[refs.local(refs.equipment, item, "equipment")] for item in read["equipment"]],
            "variations_id": self._variation(read["variation"], existing),
            **_licensed(read, refs),
        })
        db.session.flush()
        self.tally.add("exercise bases", outcome)
        for item in read["translations"]:
            self.apply("translations", self.translation, base, item)
        for item in read["images"]:
            self.apply("images", self.media, ExerciseImage, "image", "images", base, item, media.check_image,
                       {"is_main": item["is_main"], "style": item["style"]})
        for item in read["videos"]:
            self.apply("videos", self.media, ExerciseVideo, "video", "videos", base, item, media.check_video,
                       {name: item[name] for name in ("is_main", "size", "duration", "width", "height", "codec",
                                                      "codec_long")})

    def translation(self, base, item):
        language_id = self.references.local(self.references.languages, item["language"], "language")
        taken = db.session.scalars(sa.select(Exercise.uuid).where(
            Exercise.exercise_base_id == base.id, Exercise.language_id == language_id)).first()
        if taken is not None and taken != item["uuid"]:
            raise Unreadable("a second translation in the same language")
        translation, outcome = store(Exercise, {"uuid": item["uuid"]}, {
            "exercise_base_id": base.id,
            "language_id": language_id,
            "name": item["name"],
            "description": item["description"],
            **_licensed(item, self.references),
        })
        db.session.flush()
        self.tally.add("translations", outcome)
        for alias in item["aliases"]:
            self.apply("aliases", self._child, "aliases", Alias, alias["uuid"],
                       {"exercise_id": translation.id, "alias": alias["alias"]})
        for note in item["notes"]:
            self.apply("notes", self._child, "notes", ExerciseComment, note["uuid"],
                       {"exercise_id": translation.id, "comment": note["comment"]})

    def _child(self, kind, model, uuid, values):
        _, outcome = store(model, {"uuid": uuid}, values)
        db.session.flush()
        self.tally.add(kind, outcome)

    def media(self, model, field, kind, base, item, check, values):
        obj, outcome = store(model, {"uuid": item["uuid"]}, {
            "exercise_base_id": base.id, **values, **_licensed(item, self.references),
        })
        if self._file(field, obj, item["file"], f"exercise-{field}s/{base.id}", check):
            if field == "image":
                media.make_thumbnails(obj.image)
            outcome = UPDATED if outcome == UNCHANGED else outcome
        db.session.flush()
        self.tally.add(kind, outcome)

    def ingredients(self):
        self.run("ingredients", "ingredientinfo", lambda row: self.apply("ingredients", self.ingredient, row))

    def ingredient(self, row):
        refs, read = self.references, self.shapes.ingredient(row)
        values = {name: read[name] for name in ("name", "energy", "remote_id", "source_name", "source_url", "code",
                                                "protein", "carbohydrates", "carbohydrates_sugar", "fat",
                                                "fat_saturated", "fiber", "sodium")}
        values["language_id"] = refs.local(refs.languages, read["language"], "language")
        ingredient, outcome = store(Ingredient, {"uuid": read["uuid"]}, {**values, **_licensed(read, refs)})
        if outcome != UNCHANGED:
            ingredient.last_imported = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        db.session.flush()
        self.tally.add("ingredients", outcome)
        for unit in read["weight_units"]:
            self.apply("ingredient weight units", self.ingredient_weight_unit, ingredient, unit)
        if read["image"] is not None:
            self.apply("ingredient images", self.ingredient_image, ingredient, read["image"])

    def ingredient_weight_unit(self, ingredient, unit):
        unit_id = self.references.weight_unit(unit["unit"])
        _, outcome = store(IngredientWeightUnit, {"ingredient_id": ingredient.id, "unit_id": unit_id},
                           {"amount": unit["amount"], "gram": unit["gram"]})
        db.session.flush()
        self.tally.add("ingredient weight units", outcome)

    def ingredient_image(self, ingredient, image):
        obj, outcome = store(IngredientImage, {"uuid": image["uuid"]}, {
            "ingredient_id": ingredient.id, "size": image["size"], "width": image["width"], "height": image["height"],
            **_licensed(image, self.references),
        })
        if self._file("image", obj, image["file"], "ingredients", media.check_image):
            media.make_thumbnails(obj.image)
            outcome = UPDATED if outcome == UNCHANGED else outcome
        db.session.flush()
        self.tally.add("ingredient images", outcome)


def sync(kinds, source, session=None):
    """Run the sync of `kinds` from `source`; returns the tally."""
    run = Sync(source, session)
    for kind in kinds:
        getattr(run, kind)()
    db.session.commit()
    return run.tally
