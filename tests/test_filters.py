"""Filters and ordering as the contract reads them."""

import pytest

from wger.api.resource import Resource
from wger.blueprints.nutrition.schemas import WeightUnitSchema
from wger.models import WeightUnit


@pytest.mark.parametrize("value", ["true", "True", "TRUE", "1"])
def test_boolean_true_spellings(client, catalog, value):
    page = client.get(f"/api/v2/muscle/?is_front={value}").json
    assert page["count"] == 8
    assert all(muscle["is_front"] for muscle in page["results"])


@pytest.mark.parametrize("value", ["false", "False", "0"])
def test_boolean_false_spellings(client, catalog, value):
    page = client.get(f"/api/v2/muscle/?is_front={value}").json
    assert page["count"] == 8
    assert not any(muscle["is_front"] for muscle in page["results"])


@pytest.mark.parametrize("value", ["yes", "2", "maybe"])
def test_other_boolean_values_ignore_the_filter(client, catalog, value):
    assert client.get(f"/api/v2/muscle/?is_front={value}").json["count"] == 16


def test_filters_are_and_joined(client, catalog):
    page = client.get("/api/v2/muscle/?is_front=true&name_en=Biceps").json
    assert [muscle["id"] for muscle in page["results"]] == [1]
    assert client.get("/api/v2/muscle/?is_front=false&name_en=Biceps").json["count"] == 0


def test_string_filters_are_exact(client, catalog):
    assert client.get("/api/v2/equipment/?name=Barbell").json["count"] == 1
    assert client.get("/api/v2/equipment/?name=barbell").json["count"] == 0
    assert client.get("/api/v2/equipment/?name=Bar").json["count"] == 0


def test_unknown_parameters_are_ignored(client, catalog):
    assert client.get("/api/v2/muscle/?colour=red").json["count"] == 16


def test_empty_values_are_ignored(client, catalog):
    assert client.get("/api/v2/muscle/?name=").json["count"] == 16


@pytest.mark.parametrize("value", ["abc", "999", "1.5"])
def test_foreign_key_filter_with_a_bad_id_is_400_naming_the_parameter(client, catalog, value):
    response = client.get(f"/api/v2/weightunit/?language={value}")
    assert response.status_code == 400
    assert response.json == {
        "language": ["Select a valid choice. That choice is not one of the available choices."]
    }


def test_ordering_by_allowed_fields(client, catalog):
    ids = [muscle["id"] for muscle in client.get("/api/v2/muscle/?ordering=-id&limit=3").json["results"]]
    assert ids == [16, 15, 14]


def test_ordering_by_several_fields(client, catalog):
    muscles = client.get("/api/v2/muscle/?ordering=is_front,-name&limit=100").json["results"]
    assert [m["is_front"] for m in muscles] == sorted(m["is_front"] for m in muscles)
    back = [m["name"] for m in muscles if not m["is_front"]]
    assert back == sorted(back, reverse=True)


def test_unknown_ordering_names_are_dropped(client, catalog):
    by_default = client.get("/api/v2/muscle/").json["results"]
    assert client.get("/api/v2/muscle/?ordering=colour").json["results"] == by_default
    by_id = client.get("/api/v2/muscle/?ordering=colour,-id").json["results"]
    assert by_id[0]["id"] == 16


def test_ordering_cannot_inject_sql(client, catalog):
    response = client.get("/api/v2/muscle/?ordering=id;DROP TABLE exercises_muscle")
    assert response.status_code == 200
    assert client.get("/api/v2/muscle/").json["count"] == 16


def test_filter_parameters_are_documented(client):
    operation = client.get("/api/v2/schema").json["paths"]["/api/v2/muscle/"]["get"]
    names = {parameter["name"] for parameter in operation["parameters"]}
    assert {"limit", "offset", "ordering", "name", "is_front", "name_en"} <= names


@pytest.mark.parametrize(("declaration", "message"), [
    ({"filters": {"language__nothing": ["exact"]}}, "has no field 'nothing'"),
    ({"filters": {"name__language": ["exact"]}}, "is not a relationship"),
    ({"ordering": ("language__full_name", "colour")}, "has no field 'colour'"),
    ({"default_ordering": ("-language__nothing",)}, "has no field 'nothing'"),
])
def test_misspelt_paths_fail_when_declared(declaration, message):
    with pytest.raises(ValueError, match=message):
        Resource("probe", WeightUnit, WeightUnitSchema, "A misdeclared resource.", **declaration)


@pytest.fixture
def lifters(make_user, auth_headers):
    make_user("lifter"), make_user("rival")
    return {"lifter": auth_headers("lifter"), "rival": auth_headers("rival")}


def _workout_with_a_day(client, headers):
    workout = client.post("/api/v2/workout/", json={"name": "Push"}, headers=headers).json
    body = {"training": workout["id"], "description": "Chest", "day": [2]}
    assert client.post("/api/v2/day/", json=body, headers=headers).status_code == 201
    return workout["id"]


def test_a_filter_naming_a_deleted_object_is_400_on_the_next_request(client, lifters):
    workout = _workout_with_a_day(client, lifters["lifter"])
    url = f"/api/v2/day/?training={workout}"
    assert client.get(url, headers=lifters["lifter"]).json["count"] == 1
    assert client.delete(f"/api/v2/workout/{workout}/", headers=lifters["lifter"]).status_code == 204
    response = client.get(url, headers=lifters["lifter"])
    assert response.status_code == 400
    assert response.json == {"training": ["Select a valid choice. That choice is not one of the available choices."]}


def test_a_filter_naming_another_users_object_is_400_after_its_owner_used_it(client, lifters):
    url = f"/api/v2/day/?training={_workout_with_a_day(client, lifters['lifter'])}"
    assert client.get(url, headers=lifters["lifter"]).json["count"] == 1
    response = client.get(url, headers=lifters["rival"])
    assert response.status_code == 400
    assert list(response.json) == ["training"]
