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
}


def _names():
    all_blueprints()
    return [name for resource in registry for name in (resource.name, *resource.aliases)]


def _public_read_only():
    return [name for name in _names() if isinstance(CASES.get(name), PublicReadOnly)]


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
