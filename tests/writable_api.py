"""A test-only app that also serves writable resources, for the write side of the browsable page.

It builds a second app with `create_app` and one extra blueprint: `testweightunit` (a CRUD resource over
weight units, with a foreign key to languages) and `testwidget` (a schema with one field of every kind the
HTML form knows, never saved), so every widget of the form generator is tested whatever the real
resources happen to declare. The shared `api`
object and the resource registry are put back as soon as the app exists, so the session app is untouched.
"""

import pytest
from flask_smorest import Blueprint
from marshmallow import fields, validate

from wger import create_app
from wger.api import views
from wger.api.fields import Decimal, Related, RelatedList, UtcDateTime
from wger.api.resource import CRUD, Resource
from wger.api.schemas import ResourceSchema
from wger.api.smorest import api
from wger.models import Equipment, Language, License, Muscle, WeightUnit


class TestWeightUnitSchema(ResourceSchema):
    id = fields.Integer(dump_only=True)
    language = Related(Language, attribute="language_id", required=True)
    name = fields.String(required=True, validate=validate.Length(max=200))


class TestWidgetSchema(ResourceSchema):
    id = fields.Integer(dump_only=True)
    name = fields.String(required=True, validate=validate.Length(max=50))
    license = Related(License, attribute="license_id", allow_none=True)
    muscles = RelatedList(Muscle)
    equipment = Related(Equipment, attribute="equipment_id")
    unit = fields.String(validate=validate.OneOf(["kg", "lb"], labels=["Kilograms", "Pounds"]))
    is_front = fields.Boolean()
    day = fields.Date()
    created = UtcDateTime()
    repetitions = fields.Integer(validate=validate.Range(min=1, max=99))
    count = fields.Integer()
    weight = Decimal(2)
    email = fields.Email()


RESOURCES = (
    Resource("testweightunit", WeightUnit, TestWeightUnitSchema, "Weight units, writable for the tests.",
             methods=CRUD, filters={"language": ["exact"], "name": ["exact"]}, default_ordering=("name",)),
    Resource("testwidget", Muscle, TestWidgetSchema, "Every kind of form field.", methods=CRUD),
)


@pytest.fixture(scope="session")
def writable_app(app):
    """The app with the test-only writable resources, on the session app's database."""
    saved_api = (api._app, api.config, api.spec)
    saved_registry = list(views.registry)
    blueprint = Blueprint("browsable-test", __name__, url_prefix="/api/v2", description="Test-only resources")
    for resource in RESOURCES:
        views.register(blueprint, resource)
    try:
        test_app = create_app({key: app.config[key] for key in (
            "TESTING", "SQLALCHEMY_DATABASE_URI", "SECRET_KEY", "MEDIA_FOLDER")})
        api.register_blueprint(blueprint)
    finally:
        api._app, api.config, api.spec = saved_api
        views.registry[:] = saved_registry
    return test_app


class FakeUser:
    """Stands in for a signed-in person until the accounts branch provides real ones."""

    id = 1
    username = "tester"


@pytest.fixture
def signed_in(monkeypatch):
    """Make every request of the test come from `FakeUser`."""
    user = FakeUser()
    monkeypatch.setattr("wger.auth.current_user", lambda: user)
    return user
