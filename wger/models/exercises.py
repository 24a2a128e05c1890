"""The exercise catalog: language-independent exercises ("bases"), their translations and media.

`ExerciseBase` carries what does not depend on a language (category, muscles, equipment, variation
group, license); `Exercise` is one translation of a base (name, description, aliases, notes). The wire
names of the contract are the attribute names: a base's variation group is `variations`, a translation's
notes are `comments` on the model and `notes` in `exercisebaseinfo`.
"""

import datetime as dt
import decimal
import uuid as uuid_module

from sqlalchemy import Column, ForeignKey, Index, Numeric, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from wger.database import db
from wger.models.core import Language, License
from wger.text import sanitise_html, search_key

DEFAULT_LICENSE_ID = 2


def utcnow():
    """Naive UTC, as every datetime column of the project stores it."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


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


class LicensedMixin:
    """The license and attribution fields every contributed object (base, translation, media) carries."""

    license_title: Mapped[str] = mapped_column(String(300), default="")
    license_object_url: Mapped[str] = mapped_column(String(200), default="")
    license_author: Mapped[str | None] = mapped_column(String(3500))
    license_author_url: Mapped[str] = mapped_column(String(200), default="")
    license_derivative_source_url: Mapped[str] = mapped_column(String(200), default="")

    @property
    def author_history(self):
        """The authors credited for this object; the project keeps the current one."""
        return [self.license_author] if self.license_author else []


def _m2m(name, target):
    return Table(
        f"exercises_exercisebase_{name}",
        db.metadata,
        Column("exercisebase_id", ForeignKey("exercises_exercisebase.id", ondelete="CASCADE"), primary_key=True),
        Column(f"{target}_id", ForeignKey(f"exercises_{target}.id", ondelete="CASCADE"), primary_key=True,
               index=True),
    )


base_muscles = _m2m("muscles", "muscle")
base_muscles_secondary = _m2m("muscles_secondary", "muscle")
base_equipment = _m2m("equipment", "equipment")


class Variation(db.Model):
    """A group of bases that are variations of one another (bench press, incline bench press...)."""

    __tablename__ = "exercises_variation"

    id: Mapped[int] = mapped_column(primary_key=True)

    bases: Mapped[list["ExerciseBase"]] = relationship(back_populates="variations", order_by="ExerciseBase.id")


class ExerciseBase(LicensedMixin, db.Model):
    __tablename__ = "exercises_exercisebase"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[uuid_module.UUID] = mapped_column(unique=True, default=uuid_module.uuid4)
    created: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_update: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    category_id: Mapped[int] = mapped_column(ForeignKey("exercises_exercisecategory.id"), index=True)
    variations_id: Mapped[int | None] = mapped_column(
        ForeignKey("exercises_variation.id", ondelete="SET NULL"), index=True
    )
    license_id: Mapped[int] = mapped_column(ForeignKey("core_license.id"), default=DEFAULT_LICENSE_ID, index=True)

    category: Mapped[ExerciseCategory] = relationship()
    variations: Mapped[Variation | None] = relationship(back_populates="bases")
    license: Mapped[License] = relationship()
    muscles: Mapped[list[Muscle]] = relationship(secondary=base_muscles, order_by=Muscle.name)
    muscles_secondary: Mapped[list[Muscle]] = relationship(secondary=base_muscles_secondary, order_by=Muscle.name)
    equipment: Mapped[list[Equipment]] = relationship(secondary=base_equipment, order_by=Equipment.name)
    translations: Mapped[list["Exercise"]] = relationship(
        back_populates="exercise_base", cascade="all, delete-orphan", passive_deletes=True, order_by="Exercise.id"
    )
    images: Mapped[list["ExerciseImage"]] = relationship(
        back_populates="exercise_base", cascade="all, delete-orphan", passive_deletes=True,
        order_by="(ExerciseImage.is_main.desc(), ExerciseImage.id)",
    )
    videos: Mapped[list["ExerciseVideo"]] = relationship(
        back_populates="exercise_base", cascade="all, delete-orphan", passive_deletes=True,
        order_by="ExerciseVideo.id",
    )

    @property
    def last_update_global(self):
        """The newest change to the base or anything that belongs to it."""
        return max(
            [self.last_update]
            + [item.last_update for item in (*self.images, *self.videos, *self.translations)]
        )

    @property
    def total_authors_history(self):
        authors = {*self.author_history}
        for item in (*self.translations, *self.videos, *self.images):
            authors.update(item.author_history)
        return sorted(authors)

    @property
    def main_image(self):
        return next((image for image in self.images if image.is_main), None)


class Exercise(LicensedMixin, db.Model):
    """One translation of a base: its name and description in one language."""

    __tablename__ = "exercises_exercise"
    __table_args__ = (
        UniqueConstraint("exercise_base_id", "language_id"),
        Index("ix_exercises_exercise_name_id", "name", "id"),
        Index("ix_exercises_exercise_name_search", "name_search", postgresql_using="gin",
              postgresql_ops={"name_search": "gin_trgm_ops"}),
        Index("ix_exercises_exercise_name_search_nearest", "language_id", "name_search", postgresql_using="gist",
              postgresql_ops={"name_search": "gist_trgm_ops"}),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[uuid_module.UUID] = mapped_column(unique=True, default=uuid_module.uuid4)
    name: Mapped[str] = mapped_column(String(200))
    name_search: Mapped[str] = mapped_column(String(200), default="")
    exercise_base_id: Mapped[int] = mapped_column(ForeignKey("exercises_exercisebase.id", ondelete="CASCADE"))
    description: Mapped[str] = mapped_column(Text, default="")
    created: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_update: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    language_id: Mapped[int] = mapped_column(ForeignKey("core_language.id"), index=True)
    license_id: Mapped[int] = mapped_column(ForeignKey("core_license.id"), default=DEFAULT_LICENSE_ID, index=True)

    exercise_base: Mapped[ExerciseBase] = relationship(back_populates="translations")
    language: Mapped[Language] = relationship()
    license: Mapped[License] = relationship()
    aliases: Mapped[list["Alias"]] = relationship(
        back_populates="exercise", cascade="all, delete-orphan", passive_deletes=True, order_by="Alias.id"
    )
    comments: Mapped[list["ExerciseComment"]] = relationship(
        back_populates="exercise", cascade="all, delete-orphan", passive_deletes=True, order_by="ExerciseComment.id"
    )

    @validates("name")
    def _keep_search_key(self, key, value):
        self.name_search = search_key(value)
        return value

    @validates("description")
    def _sanitise(self, key, value):
        return sanitise_html(value)

    @property
    def category(self):
        return self.exercise_base.category

    @property
    def muscles(self):
        return self.exercise_base.muscles

    @property
    def muscles_secondary(self):
        return self.exercise_base.muscles_secondary

    @property
    def equipment(self):
        return self.exercise_base.equipment

    @property
    def images(self):
        return self.exercise_base.images

    @property
    def videos(self):
        return self.exercise_base.videos

    @property
    def notes(self):
        return self.comments

    @property
    def variations(self):
        """Translations, in this one's language, of every base in the base's variation group (itself too)."""
        group = self.exercise_base.variations
        if group is None:
            return []
        return [
            translation.id
            for base in group.bases
            for translation in base.translations
            if translation.language_id == self.language_id
        ]


class Alias(db.Model):
    __tablename__ = "exercises_alias"
    __table_args__ = (
        Index("ix_exercises_alias_alias_search", "alias_search", postgresql_using="gin",
              postgresql_ops={"alias_search": "gin_trgm_ops"}),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[uuid_module.UUID] = mapped_column(unique=True, default=uuid_module.uuid4)
    exercise_id: Mapped[int] = mapped_column(ForeignKey("exercises_exercise.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(200))
    alias_search: Mapped[str] = mapped_column(String(200), default="")

    exercise: Mapped[Exercise] = relationship(back_populates="aliases")

    @validates("alias")
    def _keep_search_key(self, key, value):
        self.alias_search = search_key(value)
        return value


class ExerciseComment(db.Model):
    """A note on how to perform a translation ("keep your back straight")."""

    __tablename__ = "exercises_exercisecomment"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[uuid_module.UUID] = mapped_column(unique=True, default=uuid_module.uuid4)
    exercise_id: Mapped[int] = mapped_column(ForeignKey("exercises_exercise.id", ondelete="CASCADE"), index=True)
    comment: Mapped[str] = mapped_column(String(200))

    exercise: Mapped[Exercise] = relationship(back_populates="comments")


class BaseMediaMixin(LicensedMixin):
    """What images and videos of a base share: the file, the main flag and the timestamps."""

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[uuid_module.UUID] = mapped_column(unique=True, default=uuid_module.uuid4)
    is_main: Mapped[bool] = mapped_column(default=False)
    created: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_update: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    @property
    def exercise_base_uuid(self):
        return self.exercise_base.uuid


class ExerciseImage(BaseMediaMixin, db.Model):
    __tablename__ = "exercises_exerciseimage"

    exercise_base_id: Mapped[int] = mapped_column(
        ForeignKey("exercises_exercisebase.id", ondelete="CASCADE"), index=True
    )
    image: Mapped[str] = mapped_column(String(300))
    style: Mapped[str] = mapped_column(String(1), default="4")
    license_id: Mapped[int] = mapped_column(ForeignKey("core_license.id"), default=DEFAULT_LICENSE_ID, index=True)

    exercise_base: Mapped[ExerciseBase] = relationship(back_populates="images")
    license: Mapped[License] = relationship()


class ExerciseVideo(BaseMediaMixin, db.Model):
    __tablename__ = "exercises_exercisevideo"

    exercise_base_id: Mapped[int] = mapped_column(
        ForeignKey("exercises_exercisebase.id", ondelete="CASCADE"), index=True
    )
    video: Mapped[str] = mapped_column(String(300))
    size: Mapped[int] = mapped_column(default=0)
    duration: Mapped[decimal.Decimal] = mapped_column(Numeric(12, 2), default=0)
    width: Mapped[int] = mapped_column(default=0)
    height: Mapped[int] = mapped_column(default=0)
    codec: Mapped[str] = mapped_column(String(30), default="")
    codec_long: Mapped[str] = mapped_column(String(100), default="")
    license_id: Mapped[int] = mapped_column(ForeignKey("core_license.id"), default=DEFAULT_LICENSE_ID, index=True)

    exercise_base: Mapped[ExerciseBase] = relationship(back_populates="videos")
    license: Mapped[License] = relationship()


class DeletionLog(db.Model):
    """A record that a base, translation, image or video was deleted, so mirrors can delete it too."""

    __tablename__ = "exercises_deletionlog"

    id: Mapped[int] = mapped_column(primary_key=True)
    model_type: Mapped[str] = mapped_column(String(11), index=True)
    uuid: Mapped[uuid_module.UUID] = mapped_column()
    replaced_by: Mapped[uuid_module.UUID | None] = mapped_column()
    timestamp: Mapped[dt.datetime] = mapped_column(default=utcnow)
    comment: Mapped[str] = mapped_column(String(200), default="")
