"""The compiled dumpers (`wger.api.dump`) build exactly what marshmallow's own `Schema.dump` builds."""

import uuid

import sqlalchemy as sa
from marshmallow import Schema

from wger.api.pagination import page_schema
from wger.api.views import registry
from wger.database import db
from wger.models import DeletionLog, ExerciseBase, ExerciseImage, ExerciseVideo, Ingredient, IngredientImage

SAMPLE_SIZE = 25


def _both_ways(schema, obj, many=False):
    return schema.dump(obj, many=many), Schema.dump(schema, obj, many=many)


def _media_and_deletions():
    """What the demo data lacks: images, a video and a deletion log entry."""
    base = db.session.scalars(sa.select(ExerciseBase).order_by(ExerciseBase.id)).first()
    ingredient = db.session.scalars(sa.select(Ingredient).order_by(Ingredient.id)).first()
    db.session.add_all([
        ExerciseImage(exercise_base=base, image="exercise-images/1/a.png", license_author="Ann"),
        ExerciseVideo(exercise_base=base, video="exercise-video/1/a.mp4", duration=12.5, codec="h264"),
        IngredientImage(ingredient=ingredient, image="ingredients/1/a.jpg", width=4, height=3),
        DeletionLog(model_type="base", uuid=uuid.uuid4(), replaced_by=None, comment="gone"),
    ])
    db.session.commit()


def test_every_resource_dumps_as_marshmallow_does(app, catalog):
    """Over sample objects of every registered resource (the demo data), as objects, lists and pages."""
    result = app.test_cli_runner().invoke(args=["sample-data"])
    assert result.exit_code == 0, result.output
    differences, without_samples = [], []
    with app.test_request_context("/api/v2/"):
        _media_and_deletions()
        for resource in registry:
            statement = sa.select(resource.model).options(*resource.load_options).order_by(resource.model.id)
            objects = db.session.scalars(statement.limit(SAMPLE_SIZE)).all()
            if not objects:
                without_samples.append(resource.name)
                continue
            page = {"count": len(objects), "next": None, "previous": None, "results": objects}
            for schema, obj, many in ((resource.schema(), objects, True), (resource.schema(), objects[0], False),
                                      (page_schema(resource.schema)(), page, False)):
                fast, marshmallow = _both_ways(schema, obj, many)
                if fast != marshmallow or list(fast) != list(marshmallow):
                    differences.append(resource.name)
    assert differences == []
    assert without_samples == []
