"""The contract test: every registered resource x every verb x {anonymous, ...}, with exact statuses.

Each resource needs a case here; a resource added without one fails `test_every_resource_has_a_case`, so
no endpoint ships untested.
"""

from dataclasses import dataclass

import pytest

from wger.api.views import registry
from wger.blueprints import all_blueprints

WRITE_VERBS = ("post", "put", "patch", "delete")


@dataclass(frozen=True)
class PublicReadOnly:
    """Everyone reads; every write is 405 with `Allow: GET, HEAD, OPTIONS`."""

    pk: int = 1


@dataclass(frozen=True)
class PrivateCrud:
    """Owned objects: the owner does everything, another user sees nothing, anonymous callers get 401."""

    create: dict
    change: dict


CASES = {
    "daysofweek": PublicReadOnly(),
    "language": PublicReadOnly(),
    "license": PublicReadOnly(),
    "setting-repetitionunit": PublicReadOnly(),
    "setting-weightunit": PublicReadOnly(),
    "equipment": PublicReadOnly(),
    "exercisecategory": PublicReadOnly(pk=8),
    "muscle": PublicReadOnly(),
    "weightunit": PublicReadOnly(),
    "weightentry": PrivateCrud(create={"date": "2024-03-01", "weight": "80.50"}, change={"weight": "79.25"}),
}


def _names():
    all_blueprints()
    return [name for resource in registry for name in (resource.name, *resource.aliases)]


def _public_read_only():
    return [name for name in _names() if isinstance(CASES.get(name), PublicReadOnly)]


def _private_crud():
    return [name for name in _names() if isinstance(CASES.get(name), PrivateCrud)]


def test_every_resource_has_a_case(app):
    assert [name for name in _names() if name not in CASES] == []


@pytest.mark.parametrize("name", _public_read_only())
def test_public_list_and_detail_for_anonymous(client, catalog, name):
    listing = client.get(f"/api/v2/{name}/")
    assert listing.status_code == 200
    assert list(listing.json) == ["count", "next", "previous", "results"]
    assert listing.json["count"] > 0
    assert client.get(f"/api/v2/{name}/{CASES[name].pk}/").status_code == 200
    assert client.get(f"/api/v2/{name}/987654/").status_code == 404


@pytest.mark.parametrize("name", _public_read_only())
@pytest.mark.parametrize("verb", WRITE_VERBS)
def test_public_read_only_refuses_writes(client, catalog, name, verb):
    for url in (f"/api/v2/{name}/", f"/api/v2/{name}/{CASES[name].pk}/"):
        response = getattr(client, verb)(url, json={"name": "changed"})
        assert response.status_code == 405
        assert response.json == {"detail": f'Method "{verb.upper()}" not allowed.'}
        assert response.headers["Allow"] == "GET, HEAD, OPTIONS"
    assert client.get(f"/api/v2/{name}/{CASES[name].pk}/").json.get("name") != "changed"


@pytest.fixture
def owner_and_other(make_user, auth_headers):
    make_user("owner")
    other_id = make_user("other")
    return auth_headers("owner"), auth_headers("other"), other_id


def _create(client, name, headers, other_id=None):
    body = {**CASES[name].create, **({"user": other_id} if other_id else {})}
    response = client.post(f"/api/v2/{name}/", json=body, headers=headers)
    assert response.status_code == 201, response.json
    return response.json


@pytest.mark.parametrize("name", _private_crud())
def test_owner_can_do_everything(client, catalog, owner_and_other, name):
    owner, _, _ = owner_and_other
    created = _create(client, name, owner)
    detail = f"/api/v2/{name}/{created['id']}/"
    assert [item["id"] for item in client.get(f"/api/v2/{name}/", headers=owner).json["results"]] == [created["id"]]
    assert client.get(detail, headers=owner).json == created
    patched = client.patch(detail, json=CASES[name].change, headers=owner)
    assert patched.status_code == 200
    assert {key: patched.json[key] for key in CASES[name].change} == CASES[name].change
    replaced = client.put(detail, json={**CASES[name].create, **CASES[name].change}, headers=owner)
    assert replaced.status_code == 200
    assert client.delete(detail, headers=owner).status_code == 204
    assert client.get(detail, headers=owner).status_code == 404


@pytest.mark.parametrize("name", _private_crud())
def test_other_users_see_and_change_nothing(client, catalog, owner_and_other, name):
    owner, other, _ = owner_and_other
    created = _create(client, name, owner)
    detail = f"/api/v2/{name}/{created['id']}/"
    assert client.get(f"/api/v2/{name}/", headers=other).json["count"] == 0
    assert client.get(detail, headers=other).status_code == 404
    assert client.patch(detail, json=CASES[name].change, headers=other).status_code == 404
    assert client.put(detail, json=CASES[name].create, headers=other).status_code == 404
    assert client.delete(detail, headers=other).status_code == 404
    assert client.get(detail, headers=owner).json == created


@pytest.mark.parametrize("name", _private_crud())
def test_a_user_field_in_the_body_is_ignored(client, catalog, owner_and_other, name):
    owner, other, other_id = owner_and_other
    created = _create(client, name, owner, other_id=other_id)
    assert client.get(f"/api/v2/{name}/{created['id']}/", headers=other).status_code == 404
    assert client.get(f"/api/v2/{name}/{created['id']}/", headers=owner).status_code == 200


@pytest.mark.parametrize("name", _private_crud())
@pytest.mark.parametrize("verb", ["get", "post", "put", "patch", "delete"])
def test_anonymous_callers_get_the_401_challenge(client, catalog, owner_and_other, name, verb):
    created = _create(client, name, owner_and_other[0])
    for url in (f"/api/v2/{name}/", f"/api/v2/{name}/{created['id']}/"):
        response = getattr(client, verb)(url, json=CASES[name].create)
        assert response.status_code == 401, url
        assert response.headers["WWW-Authenticate"] == 'Bearer realm="api"'
        assert response.json == {"detail": "Authentication credentials were not provided."}
