"""The compiled dumpers (`wger.api.dump`) build exactly what marshmallow's own `Schema.dump` builds."""

import uuid
from types import SimpleNamespace

import sqlalchemy as sa
from marshmallow import Schema, fields, post_dump

from wger.api.dump import CompiledSchema
from wger.api.pagination import page_schema
from wger.api.schemas import ResourceSchema
from wger.api.views import registry
from wger.commands import DEMO_USERNAME
from wger.database import db
from wger.models import DeletionLog, ExerciseBase, ExerciseImage, ExerciseVideo, Ingredient, IngredientImage

SAMPLE_SIZE = 25


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


def _marshmallow_dump(schema, obj, many):
    """marshmallow's own dump, nested schemas and a page's results included (they are CompiledSchemas too)."""
    compiled = CompiledSchema.dump
    CompiledSchema.dump = Schema.dump
    try:
        return schema.dump(obj, many=many)
    finally:
        CompiledSchema.dump = compiled


def _dumps_differ(schema, obj, many=False):
    fast, marshmallow = schema.dump(obj, many=many), _marshmallow_dump(schema, obj, many)
    return fast != marshmallow or list(fast) != list(marshmallow)


def _objects_that_dump_differently(resource):
    """The resource's sample objects dumped both ways, as a list, one object and a page; None without any."""
    statement = sa.select(resource.model).options(*resource.load_options).order_by(resource.model.id)
    objects = db.session.scalars(statement.limit(SAMPLE_SIZE)).all()
    if not objects:
        return None
    page = {"count": len(objects), "next": None, "previous": None, "results": objects}
    return [kind for kind, schema, obj, many in (("list", resource.schema(), objects, True),
                                                 ("object", resource.schema(), objects[0], False),
                                                 ("page", page_schema(resource.schema)(), page, False))
            if _dumps_differ(schema, obj, many)]


def _get_urls(client, headers):
    """The list URL, the first object's detail URL and the GET actions of every resource, as the demo user."""
    urls = []
    for resource in registry:
        listed = client.get(f"/api/v2/{resource.name}/?limit=5", headers=headers).json.get("results") or [{}]
        first = listed[0].get("id")
        urls.append(f"/api/v2/{resource.name}/?limit=5")
        for action in resource.actions:
            if "GET" in action.methods and not action.detail:
                urls.append(f"/api/v2/{resource.name}/{action.name}/?term=a")
        if first is not None:
            urls.append(f"/api/v2/{resource.name}/{first}/")
            urls.extend(f"/api/v2/{resource.name}/{first}/{action.name}/"
                        for action in resource.actions if "GET" in action.methods and action.detail)
    return urls


def _answer(client, url, headers):
    response = client.get(url, headers=headers)
    return response.status_code, response.get_data()


def test_every_resource_and_action_dumps_as_marshmallow_does(app, client, catalog, auth_headers, monkeypatch):
    """Over the demo data: sample objects of every registered resource, and every GET URL's answer."""
    result = app.test_cli_runner().invoke(args=["sample-data"])
    assert result.exit_code == 0, result.output
    with app.test_request_context("/api/v2/"):
        _media_and_deletions()
        differences = {resource.name: _objects_that_dump_differently(resource) for resource in registry}
    assert {name: kinds for name, kinds in differences.items() if kinds} == {}

    monkeypatch.setitem(app.config, "READ_CACHE_DISABLED", True)
    headers = auth_headers(DEMO_USERNAME)
    urls = _get_urls(client, headers)
    fast = {url: _answer(client, url, headers) for url in urls}
    refused = [url for url, (status, _) in fast.items() if status != 200]
    assert [url for url in refused if not url.endswith("/log_data/")] == []  # log_data needs an ?id=
    monkeypatch.setattr(CompiledSchema, "dump", Schema.dump)
    assert {url: _answer(client, url, headers) for url in urls} == fast


class _StampedSchema(ResourceSchema):
    id = fields.Integer()

    @post_dump
    def _stamp(self, data, **kwargs):
        return {**data, "stamped": True}


def test_a_page_of_a_schema_with_dump_hooks_runs_them_on_every_result():
    page = {"count": 2, "next": None, "previous": None, "results": [SimpleNamespace(id=1), SimpleNamespace(id=2)]}
    dumped = page_schema(_StampedSchema)().dump(page)
    assert dumped == {"count": 2, "next": None, "previous": None,
                      "results": [{"id": 1, "stamped": True}, {"id": 2, "stamped": True}]}
