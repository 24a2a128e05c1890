"""The contract test: every registered resource x every verb x {anonymous, ...}, with exact statuses.

Each resource needs a case here; a resource added without one fails `test_every_resource_has_a_case`, so
no endpoint ships untested.
"""

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from catalog_factories import make_base, make_ingredient, make_translation, png

from wger.api.views import registry
from wger.blueprints import all_blueprints
from wger.database import db
from wger.models import User, Workout

WRITE_VERBS = ("post", "put", "patch", "delete")


@dataclass(frozen=True)
class PublicReadOnly:
    """Everyone reads; every write is 405 with `Allow: GET, HEAD, OPTIONS`.

    `empty` lists start with no rows (the deletion log, ingredient images); the others have some.
    `actions` maps each declared action to the query arguments that make it answer 200.
    """

    empty: bool = False
    actions: dict = dataclasses.field(default_factory=dict)


@dataclass(frozen=True)
class Contributed:
    """The catalog's contribution rule: everyone reads; writing needs a trusted or permitted account, deleting
    the delete permission; anonymous writes get the 401 challenge, other accounts 403.

    `create` builds a body from the ids of `catalog_rows`; `change` is a valid partial update; `existing`
    names the object to update and delete where a new one is not served yet (a base without translations).
    """

    create: Callable | None
    change: dict
    existing: Callable | None = None
    actions: dict = dataclasses.field(default_factory=dict)


@dataclass(frozen=True)
class PrivateCrud:
    """Owned objects: the owner does everything, another user sees nothing, anonymous callers get 401.

    `create` is a valid body, or `create(parent)` building one, where `parent(name)` returns the id of an
    object of resource `name` the owner may attach to: a new one of a private resource, made by the same owner
    (a day for a set, a plan for a meal...), or the first one listed of a public resource (an ingredient).
    `files()`, for an upload resource, returns fresh file fields: its bodies then go as multipart forms.
    `actions` maps each declared action to the query arguments that make it answer 200 for the owner: a
    dict, or `args(parent, pk)` building one.
    """

    create: dict | Callable
    change: dict
    files: Callable | None = None
    actions: dict = dataclasses.field(default_factory=dict)


@dataclass(frozen=True)
class PrivateReadOnly:
    """Objects users read here but never write here (workout templates): anonymous callers get 401, every
    write 405. `make(user_id)` stores one of a user's objects and returns its id; `shared` says whether other
    signed-in users read it too (a public template) or get 404 as for anything private.
    """

    make: Callable
    shared: bool = False


EXERCISE_BASE = 1


def _template(user_id, is_public):
    template = Workout(user_id=user_id, name="Full body", is_template=True, is_public=is_public)
    db.session.add(template)
    db.session.flush()
    return template.id

VALUES = {"nutritional_values": {}}

CASES = {
    "daysofweek": PublicReadOnly(),
    "language": PublicReadOnly(),
    "license": PublicReadOnly(),
    "setting-repetitionunit": PublicReadOnly(),
    "setting-weightunit": PublicReadOnly(),
    "equipment": PublicReadOnly(),
    "exercisecategory": PublicReadOnly(),
    "muscle": PublicReadOnly(),
    "weightunit": PublicReadOnly(),
    "exerciseinfo": PublicReadOnly(),
    "exercisebaseinfo": PublicReadOnly(),
    "exercise": PublicReadOnly(actions={"search": {"term": "squat"}}),
    "deletion-log": PublicReadOnly(empty=True),
    "ingredient": PublicReadOnly(actions={"get_values": {"amount": "100"}, "search": {"term": "oat"}}),
    "ingredientinfo": PublicReadOnly(actions={"get_values": {"amount": "100"}}),
    "ingredientweightunit": PublicReadOnly(),
    "ingredienttoweightunit": PublicReadOnly(),
    "ingredient-image": PublicReadOnly(empty=True),
    "exercise-translation": Contributed(
        create=lambda ids: {"name": "Goblet Squat", "exercise_base": ids["base"], "language": 1,
                            "description": "<p>Hold a kettlebell at your chest and squat down between the knees.</p>"},
        change={"name": "Goblet Squat, paused"},
    ),
    "exercise-base": Contributed(
        create=lambda ids: {"category": 9, "muscles": [10]}, change={"category": 10}, existing=lambda ids: ids["base"]
    ),
    "exercisealias": Contributed(
        create=lambda ids: {"exercise": ids["translation"], "alias": "Back Squat"}, change={"alias": "High Bar"}
    ),
    "exercisecomment": Contributed(
        create=lambda ids: {"exercise": ids["translation"], "comment": "Brace first."}, change={"comment": "Breathe."}
    ),
    "variation": Contributed(create=lambda ids: {}, change={}),
    "exerciseimage": Contributed(create=None, change={"is_main": True}, actions={"thumbnails": {}}),
    "video": Contributed(create=None, change={"is_main": True}),
    "nutritionplan": PrivateCrud(create={"description": "Summer cut", "goal_energy": 2200},
                                 change={"description": "Winter bulk", "only_logging": True}, actions=VALUES),
    "nutritionplaninfo": PrivateCrud(create={"description": "Summer cut"}, change={"goal_protein": 160},
                                     actions=VALUES),
    "nutritiondiary": PrivateCrud(
        create=lambda parent: {"plan": parent("nutritionplan"), "ingredient": parent("ingredient"),
                               "datetime": "2024-03-01T08:15:00Z", "amount": "80.00"},
        change={"amount": "95.50"}, actions=VALUES,
    ),
    "meal": PrivateCrud(
        create=lambda parent: {"plan": parent("nutritionplan"), "time": "07:30:00", "name": "Breakfast"},
        change={"name": "Brunch"}, actions=VALUES,
    ),
    "mealitem": PrivateCrud(
        create=lambda parent: {"meal": parent("meal"), "ingredient": parent("ingredient"), "amount": "120.00"},
        change={"amount": "150.00"}, actions=VALUES,
    ),
    "weightentry": PrivateCrud(create={"date": "2024-03-01", "weight": "80.50"}, change={"weight": "79.25"}),
    "day": PrivateCrud(
        create=lambda parent: {"training": parent("workout"), "description": "Push", "day": [1, 4]},
        change={"description": "Pull", "day": [2]},
    ),
    "set": PrivateCrud(create=lambda parent: {"exerciseday": parent("day"), "sets": 3}, change={"sets": 5},
                       actions={"computed_settings": {}}),
    "setting": PrivateCrud(
        create=lambda parent: {"set": parent("set"), "exercise_base": EXERCISE_BASE, "reps": 10, "weight": "60.00"},
        change={"reps": 8, "order": 2},
    ),
    "workout": PrivateCrud(create={"name": "Upper body", "description": "Push and pull"}, change={"name": "Legs"},
                           actions={"canonical_representation": {}, "log_data": {"id": EXERCISE_BASE}}),
    "templates": PrivateReadOnly(make=lambda user_id: _template(user_id, is_public=False)),
    "public-templates": PrivateReadOnly(make=lambda user_id: _template(user_id, is_public=True), shared=True),
    "workoutsession": PrivateCrud(
        create=lambda parent: {"workout": parent("workout"), "date": "2024-03-01", "notes": "Felt strong",
                               "impression": "3", "time_start": "18:00:00", "time_end": "19:15:00"},
        change={"impression": "1", "notes": "Tired"},
    ),
    "workoutlog": PrivateCrud(
        create=lambda parent: {"workout": parent("workout"), "exercise_base": EXERCISE_BASE, "date": "2024-03-01",
                               "reps": 8, "weight": "100.00"},
        change={"reps": 6, "rir": "1.5"},
    ),
    "schedulestep": PrivateCrud(
        create=lambda parent: {"schedule": parent("schedule"), "workout": parent("workout"), "duration": 6},
        change={"duration": 8},
    ),
    "schedule": PrivateCrud(
        create={"name": "Spring block", "start_date": "2024-03-01", "is_loop": True},
        change={"name": "Summer block", "is_active": False},
    ),

    "gallery": PrivateCrud(create={"date": "2024-03-01", "description": "Before"}, change={"description": "After"},
                           files=lambda: {"image": (png(), "before.png")}),
    "measurement": PrivateCrud(
        create=lambda parent: {"category": parent("measurement-category"), "date": "2024-03-01", "value": 35.5},
        change={"value": 36.25},
    ),
    "measurement-category": PrivateCrud(create={"name": "Biceps", "unit": "cm"}, change={"unit": "in"}),
}


def _names():
    all_blueprints()
    return [name for resource in registry for name in (resource.name, *resource.aliases)]


def _public_read_only():
    return [name for name in _names() if isinstance(CASES.get(name), PublicReadOnly)]


def _contributed():
    return [name for name in _names() if isinstance(CASES.get(name), Contributed)]


def _private_crud():
    return [name for name in _names() if isinstance(CASES.get(name), PrivateCrud)]


def _private_read_only():
    return [name for name in _names() if isinstance(CASES.get(name), PrivateReadOnly)]


def test_every_resource_has_a_case(app):
    assert [name for name in _names() if name not in CASES] == []


@pytest.fixture
def catalog_rows(app, catalog):
    """A base with a translation, and an ingredient with a weight unit, for the catalog's cases."""
    with app.app_context():
        base = make_base(9, muscles=(10,), equipment=(1,))
        translation = make_translation(base, "Squat")
        make_ingredient("Rolled oats", units=[(1, 40)])
        db.session.commit()
        return {"base": base.id, "translation": translation.id}


def _first_pk(client, name):
    results = client.get(f"/api/v2/{name}/").json["results"]
    return results[0].get("id", 1) if results else 1


@pytest.mark.parametrize("name", _public_read_only())
def test_public_list_and_detail_for_anonymous(client, catalog_rows, name):
    listing = client.get(f"/api/v2/{name}/")
    assert listing.status_code == 200
    assert list(listing.json) == ["count", "next", "previous", "results"]
    assert (listing.json["count"] == 0) == CASES[name].empty
    if not CASES[name].empty:
        assert client.get(f"/api/v2/{name}/{_first_pk(client, name)}/").status_code == 200
    assert client.get(f"/api/v2/{name}/987654/").status_code == 404


@pytest.mark.parametrize("name", _public_read_only())
@pytest.mark.parametrize("verb", WRITE_VERBS)
def test_public_read_only_refuses_writes(client, catalog_rows, name, verb):
    pk = _first_pk(client, name)
    for url in (f"/api/v2/{name}/", f"/api/v2/{name}/{pk}/"):
        response = getattr(client, verb)(url, json={"name": "changed"})
        assert response.status_code == 405
        assert response.json == {"detail": f'Method "{verb.upper()}" not allowed.'}
        assert response.headers["Allow"] == "GET, HEAD, OPTIONS"


@pytest.mark.parametrize("name", _contributed())
def test_contributions_are_readable_by_everyone(client, catalog_rows, name):
    assert client.get(f"/api/v2/{name}/").status_code == 200


@pytest.mark.parametrize("name", _contributed())
@pytest.mark.parametrize("verb", WRITE_VERBS)
def test_anonymous_contributions_get_the_401_challenge(client, catalog_rows, name, verb):
    for url in (f"/api/v2/{name}/", f"/api/v2/{name}/1/"):
        if (verb == "post") != url.endswith(f"/{name}/"):
            continue
        response = getattr(client, verb)(url, json={})
        assert response.status_code == 401
        assert response.headers["WWW-Authenticate"] == 'Bearer realm="api"'


@pytest.mark.parametrize("name", _contributed())
def test_untrusted_accounts_may_not_contribute(client, catalog_rows, contributor, name):
    response = client.post(f"/api/v2/{name}/", json={})
    assert response.status_code == 403
    assert response.json == {"detail": "You do not have permission to perform this action."}


@pytest.mark.parametrize("name", [name for name in _contributed() if CASES[name].create])
def test_trusted_accounts_contribute_and_only_deleters_delete(client, catalog_rows, contributor, name):
    contributor.is_trustworthy = True
    created = client.post(f"/api/v2/{name}/", json=CASES[name].create(catalog_rows))
    assert created.status_code == 201, created.json
    pk = CASES[name].existing(catalog_rows) if CASES[name].existing else created.json["id"]
    detail = f"/api/v2/{name}/{pk}/"
    patched = client.patch(detail, json=CASES[name].change)
    assert patched.status_code == 200
    assert {key: patched.json[key] for key in CASES[name].change} == CASES[name].change
    assert client.put(detail, json=CASES[name].create(catalog_rows)).status_code == 200
    assert client.delete(detail).status_code == 403
    contributor.permissions = ("exercises.delete_exercise",)
    assert client.delete(detail).status_code == 204
    assert client.get(detail).status_code == 404


@pytest.fixture
def exercise_base(app, catalog):
    """An exercise base with a known id, for the settings and logs of the private cases to name."""
    with app.app_context():
        make_base(9, muscles=(10,), id=EXERCISE_BASE)
        db.session.commit()


@pytest.fixture
def owner_and_other(make_user, auth_headers, exercise_base):
    make_user("owner")
    other_id = make_user("other")
    return auth_headers("owner"), auth_headers("other"), other_id


def _parent_id(client, name, headers):
    """The id of a `name` object the owner of `headers` may attach to (see `PrivateCrud`)."""
    if isinstance(CASES[name], PublicReadOnly):
        return _first_pk(client, name)
    return _create(client, name, headers)["id"]


def _body(client, name, headers):
    """A valid body for `name`, its parents made on the way by the owner of `headers`."""
    create = CASES[name].create
    if not callable(create):
        return dict(create)
    return create(lambda parent: _parent_id(client, parent, headers))


def _send(client, verb, url, name, body, headers=None):
    """Send `body` as JSON, or for an upload resource as a multipart form with fresh files."""
    files = CASES[name].files
    if files is None:
        return getattr(client, verb)(url, json=body, headers=headers)
    form = {key: str(value) for key, value in body.items()}
    return getattr(client, verb)(url, data={**form, **files()}, headers=headers)


def _create(client, name, headers, other_id=None):
    body = {**_body(client, name, headers), **({"user": other_id} if other_id else {})}
    response = _send(client, "post", f"/api/v2/{name}/", name, body, headers)
    assert response.status_code == 201, response.json
    return response.json


@pytest.mark.parametrize("name", _private_crud())
def test_owner_can_do_everything(client, catalog_rows, owner_and_other, name):
    owner, _, _ = owner_and_other
    created = _create(client, name, owner)
    detail = f"/api/v2/{name}/{created['id']}/"
    assert [item["id"] for item in client.get(f"/api/v2/{name}/", headers=owner).json["results"]] == [created["id"]]
    assert client.get(detail, headers=owner).json == created
    patched = _send(client, "patch", detail, name, CASES[name].change, owner)
    assert patched.status_code == 200
    assert {key: patched.json[key] for key in CASES[name].change} == CASES[name].change
    replaced = _send(client, "put", detail, name, {**_body(client, name, owner), **CASES[name].change}, owner)
    assert replaced.status_code == 200
    assert client.delete(detail, headers=owner).status_code == 204
    assert client.get(detail, headers=owner).status_code == 404
    assert _create(client, name, owner)["id"] > created["id"], "a deleted object's id was given out again"


@pytest.mark.parametrize("name", _private_crud())
def test_other_users_see_and_change_nothing(client, catalog_rows, owner_and_other, name):
    owner, other, _ = owner_and_other
    created = _create(client, name, owner)
    detail = f"/api/v2/{name}/{created['id']}/"
    assert client.get(f"/api/v2/{name}/", headers=other).json["count"] == 0
    assert client.get(detail, headers=other).status_code == 404
    assert _send(client, "patch", detail, name, CASES[name].change, other).status_code == 404
    assert _send(client, "put", detail, name, _body(client, name, other), other).status_code == 404
    assert client.delete(detail, headers=other).status_code == 404
    assert client.get(detail, headers=owner).json == created


@pytest.mark.parametrize("name", _private_crud())
def test_a_user_field_in_the_body_is_ignored(client, catalog_rows, owner_and_other, name):
    owner, other, other_id = owner_and_other
    created = _create(client, name, owner, other_id=other_id)
    assert client.get(f"/api/v2/{name}/{created['id']}/", headers=other).status_code == 404
    assert client.get(f"/api/v2/{name}/{created['id']}/", headers=owner).status_code == 200


@pytest.mark.parametrize("name", _private_crud())
@pytest.mark.parametrize("verb", ["get", "post", "put", "patch", "delete"])
def test_anonymous_callers_get_the_401_challenge(client, catalog_rows, owner_and_other, name, verb):
    body = _body(client, name, owner_and_other[0])
    created = _create(client, name, owner_and_other[0])
    for url in (f"/api/v2/{name}/", f"/api/v2/{name}/{created['id']}/"):
        response = _send(client, verb, url, name, body)
        assert response.status_code == 401, url
        assert response.headers["WWW-Authenticate"] == 'Bearer realm="api"'
        assert response.json == {"detail": "Authentication credentials were not provided."}


def _or_skip(params, reason, width=1):
    """`params`, or one parameter set that skips saying why the list is empty (pytest's own reason says
    only that it is)."""
    return params or [pytest.param(*[None] * width, marks=pytest.mark.skip(reason=reason))]

@pytest.mark.parametrize("name", _private_crud())
def test_the_owner_gets_each_browsable_page_with_its_forms(client, catalog_rows, owner_and_other, name):
    owner, _, _ = owner_and_other
    created = _create(client, name, owner)
    for url in (f"/api/v2/{name}/", f"/api/v2/{name}/{created['id']}/"):
        page = client.get(url, headers={**owner, "Accept": "text/html"})
        assert (page.status_code, page.mimetype) == (200, "text/html")
        assert 'class="schema-form"' in page.get_data(as_text=True)


def _with_parents():
    names = [name for name in _private_crud() if callable(CASES[name].create)]
    return _or_skip(names, "no private resource has a parent yet (workouts and nutrition plans will)")


@pytest.mark.parametrize("name", _with_parents())
def test_another_users_parent_is_an_invalid_pk(client, catalog_rows, owner_and_other, name):
    """Decision 2: naming another user's parent is a 400, as if it did not exist, on create and update."""
    owner, other, _ = owner_and_other
    foreign = _body(client, name, other)
    refused = client.post(f"/api/v2/{name}/", json=foreign, headers=owner)
    assert refused.status_code == 400
    assert refused.json, "the 400 names no field"
    for field, messages in refused.json.items():
        assert messages == [f'Invalid pk "{foreign[field]}" - object does not exist.']
    created = _create(client, name, owner)
    detail = f"/api/v2/{name}/{created['id']}/"
    for field in refused.json:
        patched = client.patch(detail, json={field: foreign[field]}, headers=owner)
        assert patched.status_code == 400
        assert patched.json == {field: [f'Invalid pk "{foreign[field]}" - object does not exist.']}
    assert client.get(detail, headers=owner).json == created


def _actions():
    all_blueprints()
    return [(name, resource, action) for resource in registry for name in (resource.name, *resource.aliases)
            for action in resource.actions]


def _action_url(name, action, pk):
    return f"/api/v2/{name}/{pk}/{action.name}/" if action.detail else f"/api/v2/{name}/{action.name}/"


def test_every_action_has_a_case(app):
    assert [f"{name}/{action.name}" for name, _, action in _actions()
            if action.name not in getattr(CASES.get(name), "actions", {})] == []


def _public_actions():
    return [pytest.param(name, action, id=f"{name}/{action.name}") for name, resource, action in _actions()
            if not resource.private]


def _private_actions():
    params = [pytest.param(name, action, id=f"{name}/{action.name}") for name, resource, action in _actions()
              if resource.private]
    return _or_skip(params, "no private resource declares an action yet (workouts and nutrition plans will)", 2)


@pytest.mark.parametrize(("name", "action"), _public_actions())
def test_public_actions_answer_everyone(client, catalog_rows, name, action):
    args = CASES[name].actions[action.name]
    for method in action.methods:
        response = client.open(_action_url(name, action, _first_pk(client, name)), method=method, query_string=args)
        assert response.status_code == 200, response.json
    if action.detail:
        unknown = client.get(_action_url(name, action, 987654), query_string=args)
        if action.missing_body is not None:
            assert (unknown.status_code, unknown.json) == (200, action.missing_body)
        else:
            assert unknown.status_code == 404
            assert unknown.json["detail"].endswith("matches the given query.")


def _private_action_args(client, name, action, owner, pk):
    args = CASES[name].actions[action.name]
    return args(lambda parent: _parent_id(client, parent, owner), pk) if callable(args) else args


@pytest.mark.parametrize(("name", "action"), _private_actions())
def test_private_actions_serve_only_the_owner(client, catalog_rows, owner_and_other, name, action):
    owner, other, _ = owner_and_other
    created = _create(client, name, owner)
    args = _private_action_args(client, name, action, owner, created["id"])
    url = _action_url(name, action, created["id"])
    for method in action.methods:
        assert client.open(url, method=method, query_string=args, headers=owner).status_code == 200
        if action.detail:
            refused = client.open(url, method=method, query_string=args, headers=other)
            assert refused.status_code == 404
            assert refused.json["detail"].endswith("matches the given query.")
        anonymous = client.open(url, method=method, query_string=args)
        assert anonymous.status_code == 401
        assert anonymous.headers["WWW-Authenticate"] == 'Bearer realm="api"'


@pytest.fixture
def read_only_object(app, owner_and_other):
    """Make one object of the owner for a read-only private case; return the headers and its id."""

    def make(name):
        owner, other, _ = owner_and_other
        with app.app_context():
            owner_id = db.session.scalar(db.select(User.id).where(User.username == "owner"))
            pk = CASES[name].make(owner_id)
            db.session.commit()
        return owner, other, pk

    return make


@pytest.mark.parametrize("name", _private_read_only())
def test_read_only_private_objects_are_read_by_whom_they_are_shared_with(client, read_only_object, name):
    owner, other, pk = read_only_object(name)
    for headers, sees in ((owner, True), (other, CASES[name].shared)):
        listed = [item["id"] for item in client.get(f"/api/v2/{name}/", headers=headers).json["results"]]
        assert listed == ([pk] if sees else [])
        assert client.get(f"/api/v2/{name}/{pk}/", headers=headers).status_code == (200 if sees else 404)


@pytest.mark.parametrize("name", _private_read_only())
@pytest.mark.parametrize("verb", ["get", "post", "put", "patch", "delete"])
def test_read_only_private_objects_challenge_anonymous_callers(client, read_only_object, name, verb):
    _, _, pk = read_only_object(name)
    for url in (f"/api/v2/{name}/", f"/api/v2/{name}/{pk}/"):
        response = getattr(client, verb)(url, json={"name": "changed"})
        assert response.status_code == 401, url
        assert response.headers["WWW-Authenticate"] == 'Bearer realm="api"'


@pytest.mark.parametrize("name", _private_read_only())
@pytest.mark.parametrize("verb", WRITE_VERBS)
def test_read_only_private_objects_refuse_writes(client, read_only_object, name, verb):
    owner, _, pk = read_only_object(name)
    for url in (f"/api/v2/{name}/", f"/api/v2/{name}/{pk}/"):
        response = getattr(client, verb)(url, json={"name": "changed"}, headers=owner)
        assert response.status_code == 405
        assert response.headers["Allow"] == "GET, HEAD, OPTIONS"
    assert client.get(f"/api/v2/{name}/{pk}/", headers=owner).json["name"] == "Full body"
