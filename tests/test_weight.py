"""Weight entries through HTTP: the owner's CRUD, everybody else's view of them, filters and uniqueness."""

import re

import pytest

from wger.api.resource import Resource
from wger.blueprints.weight.schemas import WeightEntrySchema

URL = "/api/v2/weightentry/"


@pytest.fixture
def users(make_user):
    return {"owner": make_user("owner"), "other": make_user("other")}


@pytest.fixture
def owner(auth_headers, users):
    return auth_headers("owner")


@pytest.fixture
def other(auth_headers, users):
    return auth_headers("other")


def add(client, headers, date, weight):
    response = client.post(URL, json={"date": date, "weight": weight}, headers=headers)
    assert response.status_code == 201, response.json
    return response.json


@pytest.fixture
def entry(client, owner):
    return add(client, owner, "2024-03-01", "80.5")


def test_create_returns_the_contract_fields(client, owner, users, entry):
    assert entry == {"id": entry["id"], "date": "2024-03-01", "weight": "80.50", "user": users["owner"]}


def test_owner_full_crud(client, owner, entry):
    detail = f"{URL}{entry['id']}/"
    assert client.get(detail, headers=owner).json == entry
    assert client.get(URL, headers=owner).json["results"] == [entry]
    replaced = client.put(detail, json={"date": "2024-03-02", "weight": 81}, headers=owner)
    assert replaced.status_code == 200
    assert replaced.json["date"] == "2024-03-02" and replaced.json["weight"] == "81.00"
    patched = client.patch(detail, json={"weight": "79.25"}, headers=owner)
    assert patched.status_code == 200
    assert patched.json["weight"] == "79.25"
    assert client.delete(detail, headers=owner).status_code == 204
    assert client.get(detail, headers=owner).status_code == 404


@pytest.mark.parametrize(("method", "suffix"), [
    ("get", ""), ("post", ""), ("get", "1/"), ("put", "1/"), ("patch", "1/"), ("delete", "1/"),
])
def test_anonymous_gets_401(client, entry, method, suffix):
    response = getattr(client, method)(URL + suffix, json={"date": "2024-01-01", "weight": 80})
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="api"'


@pytest.mark.parametrize("method", ["get", "put", "patch", "delete"])
def test_other_user_gets_404_on_detail(client, owner, other, entry, method):
    response = getattr(client, method)(f"{URL}{entry['id']}/", json={"date": "2024-01-01", "weight": 80}, headers=other)
    assert response.status_code == 404
    assert response.json == {"detail": "No WeightEntry matches the given query."}
    assert client.get(f"{URL}{entry['id']}/", headers=owner).json == entry


def test_other_user_never_sees_it_in_a_list(client, other, entry):
    assert client.get(URL, headers=other).json == {"count": 0, "next": None, "previous": None, "results": []}
    assert client.get(f"{URL}?id={entry['id']}", headers=other).json["count"] == 0


def test_user_in_body_is_ignored(client, owner, other, users):
    created = client.post(URL, json={"date": "2024-01-01", "weight": 80, "user": users["other"]}, headers=owner)
    assert created.json["user"] == users["owner"]
    patched = client.patch(f"{URL}{created.json['id']}/", json={"user": users["other"]}, headers=owner)
    assert patched.json["user"] == users["owner"]
    assert client.get(URL, headers=other).json["count"] == 0


def test_same_date_twice_is_400(client, owner, entry):
    response = client.post(URL, json={"date": "2024-03-01", "weight": 70}, headers=owner)
    assert response.status_code == 400
    assert response.json == {"non_field_errors": ["The fields date, user must make a unique set."]}


def test_same_date_for_two_users_is_fine(client, owner, other, entry):
    theirs = add(client, other, "2024-03-01", 60)
    assert client.get(URL, headers=other).json["results"] == [theirs]
    assert client.get(URL, headers=owner).json["results"] == [entry]


def test_moving_an_entry_onto_another_date_of_its_owner_is_400(client, owner, entry):
    second = add(client, owner, "2024-03-02", 81)
    response = client.patch(f"{URL}{second['id']}/", json={"date": "2024-03-01"}, headers=owner)
    assert response.status_code == 400
    assert response.json == {"non_field_errors": ["The fields date, user must make a unique set."]}
    assert client.get(URL, headers=owner).json["results"] == [entry, second]


@pytest.mark.parametrize(("body", "field", "message"), [
    ({"date": "2024-01-01", "weight": 29}, "weight", "Ensure this value is greater than or equal to 30."),
    ({"date": "2024-01-01", "weight": 601}, "weight", "Ensure this value is less than or equal to 600."),
    ({"date": "2024-01-01", "weight": "heavy"}, "weight", None),
    ({"date": "yesterday", "weight": 80}, "date", None),
    ({"weight": 80}, "date", None),
    ({"date": "2024-01-01"}, "weight", None),
])
def test_invalid_bodies_are_400(client, owner, body, field, message):
    response = client.post(URL, json=body, headers=owner)
    assert response.status_code == 400
    assert list(response.json) == [field]
    if message:
        assert response.json[field] == [message]


@pytest.fixture
def series(client, owner):
    return [add(client, owner, f"2024-01-0{day}", 70 + day) for day in range(1, 6)]


@pytest.mark.parametrize(("query", "days"), [
    ("", [1, 2, 3, 4, 5]),
    ("weight=72", [2]),
    ("weight__gt=73", [4, 5]),
    ("weight__gte=73", [3, 4, 5]),
    ("weight__lt=72", [1]),
    ("weight__lte=72", [1, 2]),
    ("date=2024-01-03", [3]),
    ("date__gt=2024-01-03", [4, 5]),
    ("date__gte=2024-01-03", [3, 4, 5]),
    ("date__lt=2024-01-02", [1]),
    ("date__lte=2024-01-02", [1, 2]),
    ("ordering=-date", [5, 4, 3, 2, 1]),
    ("ordering=-weight", [5, 4, 3, 2, 1]),
])
def test_filters_and_ordering(client, owner, series, query, days):
    results = client.get(f"{URL}?{query}", headers=owner).json["results"]
    assert [int(result["date"][-2:]) for result in results] == days


def test_id_filters(client, owner, series):
    ids = [series[0]["id"], series[3]["id"]]
    assert [r["id"] for r in client.get(f"{URL}?id__in={ids[0]},{ids[1]}", headers=owner).json["results"]] == ids
    assert [r["id"] for r in client.get(f"{URL}?id={ids[1]}", headers=owner).json["results"]] == ids[1:]


@pytest.mark.parametrize("query", ["weight__gt=abc", "date=notadate"])
def test_bad_filter_values_are_400(client, owner, query):
    response = client.get(f"{URL}?{query}", headers=owner)
    assert response.status_code == 400
    assert list(response.json) == [query.split("=")[0]]


def test_list_costs_a_fixed_number_of_queries(client, owner, series, count_queries):
    _, small = count_queries(lambda: client.get(f"{URL}?limit=1", headers=owner))
    _, large = count_queries(lambda: client.get(f"{URL}?limit=100", headers=owner))
    assert small == large


def _chart_points(html):
    return [re.findall(r"[\d.]+,[\d.]+", points) for points in re.findall(r'<polyline [^>]*points="([^"]*)"', html)]


def test_the_browsable_list_charts_every_selected_entry(client, owner, other, series):
    add(client, other, "2024-01-03", 120)
    page = client.get(f"{URL}?limit=2", headers={**owner, "Accept": "text/html"}).get_data(as_text=True)
    assert "<figcaption>Body weight <span class=\"unit\">(kg)</span></figcaption>" in page
    (points,) = _chart_points(page)
    assert len(points) == 5
    heights = [float(point.split(",")[1]) for point in points]
    assert heights == sorted(heights, reverse=True), "the weight rises, so the line climbs (SVG y grows down)"
    filtered = client.get(f"{URL}?date__gte=2024-01-04", headers={**owner, "Accept": "text/html"})
    assert [len(points) for points in _chart_points(filtered.get_data(as_text=True))] == [2]


def test_the_chart_never_changes_the_json(client, owner, series):
    assert list(client.get(URL, headers=owner).json) == ["count", "next", "previous", "results"]
    assert b"<svg" not in client.get(URL, headers=owner).get_data()


def test_a_page_without_entries_or_a_caller_has_no_chart(client, owner):
    assert 'class="charts"' not in client.get(URL, headers={**owner, "Accept": "text/html"}).get_data(as_text=True)
    anonymous = client.get(URL, headers={"Accept": "text/html"})
    assert anonymous.status_code == 401
    assert 'class="charts"' not in anonymous.get_data(as_text=True)


def test_a_date_taken_by_a_concurrent_write_gets_the_same_400(client, owner, entry, monkeypatch):
    """The unique check passed in both requests, so the database refuses the second: its unique constraint
    is named as the check would have named it, and nothing is written."""
    caught_by_the_check = client.post(URL, json={"date": "2024-03-01", "weight": "81"}, headers=owner).json
    monkeypatch.setattr(Resource, "check_unique", lambda resource, obj: None)
    response = client.post(URL, json={"date": "2024-03-01", "weight": "81"}, headers=owner)
    assert response.status_code == 400
    assert response.json == caught_by_the_check == {
        "non_field_errors": ["The fields date, user must make a unique set."]}
    assert client.get(URL, headers=owner).json["count"] == 1


def test_a_weight_wider_than_its_column_is_refused_whatever_the_schema_says(client, owner, monkeypatch):
    """The column holds 3 digits before the point: SQLite would store more, PostgreSQL refuse them. Without the
    schema's own range the write is refused all the same, on both databases."""
    monkeypatch.setattr(WeightEntrySchema._declared_fields["weight"], "validators", [])
    response = client.post(URL, json={"date": "2024-05-02", "weight": "1000"}, headers=owner)
    assert response.status_code == 400
    assert response.json == {"weight": ["Ensure that there are no more than 3 digits before the decimal point."]}
    assert client.get(URL, headers=owner).json["count"] == 0
