"""Wire formats of the exercise catalog, fields in the contract's order."""

from marshmallow import fields, validate

from wger.api.fields import Decimal, Related, RelatedList, UtcDateTime
from wger.api.schemas import ResourceSchema
from wger.api.validators import choice
from wger.blueprints.core.schemas import LanguageSchema, LicenseSchema
from wger.catalog.media import THUMBNAIL_ALIASES, MediaFile, check_image, check_video
from wger.models import Equipment, Exercise, ExerciseBase, ExerciseCategory, Language, License, Muscle, Variation

IMAGE_STYLES = ("1", "2", "3", "4", "5")


class EquipmentSchema(ResourceSchema):
    id = fields.Integer(dump_only=True)
    name = fields.String(required=True)


class ExerciseCategorySchema(ResourceSchema):
    id = fields.Integer(dump_only=True)
    name = fields.String(required=True)


class MuscleSchema(ResourceSchema):
    id = fields.Integer(dump_only=True)
    name = fields.String(required=True)
    name_en = fields.String()
    is_front = fields.Boolean()
    image_url_main = fields.String(dump_only=True)
    image_url_secondary = fields.String(dump_only=True)


def _url():
    return fields.String(validate=validate.Length(max=200))


class LicenseFieldsMixin(ResourceSchema):
    """The attribution fields, after `license` itself, shared by media and translations."""

    license_title = fields.String(validate=validate.Length(max=300))
    license_object_url = _url()
    license_author = fields.String(allow_none=True, validate=validate.Length(max=3500))
    license_author_url = _url()
    license_derivative_source_url = _url()
    author_history = fields.List(fields.String(), dump_only=True)


class ExerciseImageSchema(LicenseFieldsMixin):
    id = fields.Integer(dump_only=True)
    uuid = fields.UUID(dump_only=True)
    exercise_base = Related(ExerciseBase, attribute="exercise_base_id", required=True)
    exercise_base_uuid = fields.UUID(dump_only=True)
    image = MediaFile(check_image, required=True)
    is_main = fields.Boolean()
    style = fields.String(validate=choice(IMAGE_STYLES))
    license = Related(License, attribute="license_id")

    class Meta:
        fields = ("id", "uuid", "exercise_base", "exercise_base_uuid", "image", "is_main", "style", "license",
                  "license_title", "license_object_url", "license_author", "license_author_url",
                  "license_derivative_source_url", "author_history")


class ExerciseVideoSchema(LicenseFieldsMixin):
    id = fields.Integer(dump_only=True)
    uuid = fields.UUID(dump_only=True)
    exercise_base = Related(ExerciseBase, attribute="exercise_base_id", required=True)
    video = MediaFile(check_video, required=True)
    is_main = fields.Boolean()
    size = fields.Integer(dump_only=True)
    duration = Decimal(2, dump_only=True)
    width = fields.Integer(dump_only=True)
    height = fields.Integer(dump_only=True)
    codec = fields.String(dump_only=True)
    codec_long = fields.String(dump_only=True)
    license = Related(License, attribute="license_id")

    class Meta:
        fields = ("id", "uuid", "exercise_base", "video", "is_main", "size", "duration", "width", "height",
                  "codec", "codec_long", "license", "license_title", "license_object_url", "license_author",
                  "license_author_url", "license_derivative_source_url", "author_history")


class AliasSchema(ResourceSchema):
    id = fields.Integer(dump_only=True)
    uuid = fields.UUID(dump_only=True)
    exercise = Related(Exercise, attribute="exercise_id", required=True)
    alias = fields.String(required=True, validate=validate.Length(min=1, max=200))


class NestedAliasSchema(ResourceSchema):
    id = fields.Integer(dump_only=True)
    uuid = fields.UUID(dump_only=True)
    alias = fields.String()


class ExerciseCommentSchema(ResourceSchema):
    id = fields.Integer(dump_only=True)
    uuid = fields.UUID(dump_only=True)
    exercise = Related(Exercise, attribute="exercise_id", required=True)
    comment = fields.String(required=True, validate=validate.Length(min=1, max=200))


class VariationSchema(ResourceSchema):
    id = fields.Integer(dump_only=True)


class DeletionLogSchema(ResourceSchema):
    model_type = fields.String()
    uuid = fields.UUID()
    replaced_by = fields.UUID(allow_none=True)
    timestamp = UtcDateTime()
    comment = fields.String()


def _name():
    return fields.String(required=True, validate=validate.Length(min=1, max=200))


def _description():
    return fields.String(required=True, validate=validate.Length(min=40, max=2000))


class ExerciseSchema(ResourceSchema):
    """A translation with its base's classification, as the deprecated `/exercise/` serves it."""

    id = fields.Integer(dump_only=True)
    uuid = fields.UUID(dump_only=True)
    name = _name()
    exercise_base = Related(ExerciseBase, attribute="exercise_base_id", required=True)
    description = _description()
    created = UtcDateTime(dump_only=True)
    category = fields.Integer(attribute="exercise_base.category_id", dump_only=True)
    muscles = RelatedList(Muscle, dump_only=True)
    muscles_secondary = RelatedList(Muscle, dump_only=True)
    equipment = RelatedList(Equipment, dump_only=True)
    language = Related(Language, attribute="language_id", required=True)
    license = Related(License, attribute="license_id")
    license_author = fields.String(allow_none=True, validate=validate.Length(max=3500))
    variations = fields.List(fields.Integer(), dump_only=True)
    author_history = fields.List(fields.String(), dump_only=True)


class ExerciseTranslationSchema(ResourceSchema):
    id = fields.Integer(dump_only=True)
    uuid = fields.UUID(dump_only=True)
    name = _name()
    exercise_base = Related(ExerciseBase, attribute="exercise_base_id", required=True)
    description = _description()
    created = UtcDateTime(dump_only=True)
    language = Related(Language, attribute="language_id", required=True)
    license_author = fields.String(allow_none=True, validate=validate.Length(max=3500))


class ExerciseBaseSchema(ResourceSchema):
    id = fields.Integer(dump_only=True)
    uuid = fields.UUID(dump_only=True)
    created = UtcDateTime(dump_only=True)
    last_update = UtcDateTime(dump_only=True)
    category = Related(ExerciseCategory, attribute="category_id", required=True)
    muscles = RelatedList(Muscle, load_default=list)
    muscles_secondary = RelatedList(Muscle, load_default=list)
    equipment = RelatedList(Equipment, load_default=list)
    variations = Related(Variation, attribute="variations_id", allow_none=True)
    license_author = fields.String(allow_none=True, validate=validate.Length(max=3500))


class ExerciseCommentNestedSchema(ResourceSchema):
    id = fields.Integer(dump_only=True)
    uuid = fields.UUID(dump_only=True)
    exercise = fields.Integer(attribute="exercise_id")
    comment = fields.String()


class BaseInfoTranslationSchema(LicenseFieldsMixin):
    id = fields.Integer()
    uuid = fields.UUID()
    name = fields.String()
    exercise_base = fields.Integer(attribute="exercise_base_id")
    description = fields.String()
    created = UtcDateTime()
    language = fields.Integer(attribute="language_id")
    aliases = fields.List(fields.Nested(NestedAliasSchema))
    notes = fields.List(fields.Nested(ExerciseCommentNestedSchema))
    license = fields.Integer(attribute="license_id")

    class Meta:
        fields = ("id", "uuid", "name", "exercise_base", "description", "created", "language", "aliases", "notes",
                  "license", "license_title", "license_object_url", "license_author", "license_author_url",
                  "license_derivative_source_url", "author_history")


class ExerciseBaseInfoSchema(ResourceSchema):
    """A base with everything nested: the heaviest read of the API."""

    id = fields.Integer(dump_only=True)
    uuid = fields.UUID(dump_only=True)
    created = UtcDateTime(dump_only=True)
    last_update = UtcDateTime(dump_only=True)
    last_update_global = UtcDateTime(dump_only=True)
    category = fields.Nested(ExerciseCategorySchema, dump_only=True)
    muscles = fields.List(fields.Nested(MuscleSchema), dump_only=True)
    muscles_secondary = fields.List(fields.Nested(MuscleSchema), dump_only=True)
    equipment = fields.List(fields.Nested(EquipmentSchema), dump_only=True)
    license = fields.Nested(LicenseSchema, dump_only=True)
    license_author = fields.String(dump_only=True, allow_none=True)
    images = fields.List(fields.Nested(ExerciseImageSchema), dump_only=True)
    exercises = fields.List(fields.Nested(BaseInfoTranslationSchema), attribute="translations", dump_only=True)
    variations = fields.Integer(attribute="variations_id", allow_none=True, dump_only=True)
    videos = fields.List(fields.Nested(ExerciseVideoSchema), dump_only=True)
    author_history = fields.List(fields.String(), dump_only=True)
    total_authors_history = fields.List(fields.String(), dump_only=True)


class ExerciseInfoSchema(ResourceSchema):
    """A translation with its base's data nested (`exerciseinfo`, deprecated)."""

    id = fields.Integer(dump_only=True)
    name = fields.String(dump_only=True)
    aliases = fields.List(fields.Nested(NestedAliasSchema), dump_only=True)
    uuid = fields.UUID(dump_only=True)
    exercise_base_id = fields.Integer(dump_only=True)
    description = fields.String(dump_only=True)
    created = UtcDateTime(dump_only=True)
    category = fields.Nested(ExerciseCategorySchema, dump_only=True)
    muscles = fields.List(fields.Nested(MuscleSchema), dump_only=True)
    muscles_secondary = fields.List(fields.Nested(MuscleSchema), dump_only=True)
    equipment = fields.List(fields.Nested(EquipmentSchema), dump_only=True)
    language = fields.Nested(LanguageSchema, dump_only=True)
    license = fields.Nested(LicenseSchema, dump_only=True)
    license_author = fields.String(dump_only=True, allow_none=True)
    images = fields.List(fields.Nested(ExerciseImageSchema), dump_only=True)
    videos = fields.List(fields.Nested(ExerciseVideoSchema), dump_only=True)
    comments = fields.List(fields.Nested(ExerciseCommentNestedSchema), dump_only=True)
    variations = fields.List(fields.Integer(), dump_only=True)
    author_history = fields.List(fields.String(), dump_only=True)


class ExerciseSuggestionDataSchema(ResourceSchema):
    id = fields.Integer()
    base_id = fields.Integer()
    name = fields.String()
    category = fields.String()
    image = fields.String(allow_none=True)
    image_thumbnail = fields.String(allow_none=True)


class ExerciseSuggestionSchema(ResourceSchema):
    value = fields.String()
    data = fields.Nested(ExerciseSuggestionDataSchema)


class ExerciseSuggestionsSchema(ResourceSchema):
    """`{}` without a term, else the matches in the shape of the original's autocompleter."""

    suggestions = fields.List(fields.Nested(ExerciseSuggestionSchema))


class ThumbnailSettingsSchema(ResourceSchema):
    size = fields.List(fields.Integer())
    crop = fields.String()
    quality = fields.Integer()


class ThumbnailSchema(ResourceSchema):
    url = fields.String()
    settings = fields.Nested(ThumbnailSettingsSchema)


def _thumbnail_sizes():
    return {name: fields.Nested(ThumbnailSchema) for name in THUMBNAIL_ALIASES}


ThumbnailsSchema = ResourceSchema.from_dict(
    {**_thumbnail_sizes(), "original": fields.String()}, name="ThumbnailsSchema"
)
