"""Body measurements through HTTP: categories, numeric values, one value per category and day."""

import datetime as dt
import re

import pytest

from wger.api.resource import Resource

CATEGORIES, MEASUREMENTS = "/api/v2/measurement-category/", "/api/v2/measurement/"


@pytest.fixture
def owner(make_user, auth_headers):
    make_user("owner")
    return auth_headers("owner")


@pytest.fixture
def biceps(client, owner):
    response = client.post(CATEGORIES, json={"name": "Biceps", "unit": "cm"}, headers=owner)
    assert response.status_code == 201
    return response.json["id"]


def measure(client, headers, category, status=201, **fields):
    response = client.post(MEASUREMENTS, json={"category": category, **fields}, headers=headers)
    assert response.status_code == status, response.json
    return response.json


def test_a_value_is_a_json_number_in_the_contract_fields(client, owner, biceps):
    created = measure(client, owner, biceps, date="2024-03-01", value="35.5")
    assert created == {"id": created["id"], "category": biceps, "date": "2024-03-01", "value": 35.5, "notes": ""}
    patched = client.patch(f"{MEASUREMENTS}{created['id']}/", json={"value": 36.25}, headers=owner)
    assert patched.json["value"] == 36.25
    assert b'"value":36.25' in patched.get_data().replace(b" ", b"")


def test_the_date_defaults_to_today(client, owner, biceps):
    assert measure(client, owner, biceps, value=30)["date"] == dt.datetime.now(dt.UTC).date().isoformat()


@pytest.mark.parametrize(("value", "message"), [
    (-1, "Ensure this value is greater than or equal to 0."),
    (5000.01, "Ensure this value is less than or equal to 5000."),
    ("lots", "A valid number is required."),
    (None, "This field may not be null."),
])
def test_values_outside_0_to_5000_are_refused(client, owner, biceps, value, message):
    assert measure(client, owner, biceps, status=400, value=value) == {"value": [message]}


def test_one_value_per_category_and_day(client, owner, biceps):
    measure(client, owner, biceps, date="2024-03-01", value=35)
    repeated = measure(client, owner, biceps, status=400, date="2024-03-01", value=36)
    assert repeated == {"non_field_errors": ["The fields date, category must make a unique set."]}
    other = client.post(CATEGORIES, json={"name": "Waist", "unit": "cm"}, headers=owner).json["id"]
    measure(client, owner, other, date="2024-03-01", value=80)


def test_a_pair_the_database_refuses_is_named_in_its_declared_order(client, owner, biceps, monkeypatch):
    """A concurrent write passed the check first: the unique constraint's refusal reads like the check's."""
    measure(client, owner, biceps, date="2024-03-01", value=35)
    monkeypatch.setattr(Resource, "check_unique", lambda resource, obj: None)
    repeated = measure(client, owner, biceps, status=400, date="2024-03-01", value=36)
    assert repeated == {"non_field_errors": ["The fields date, category must make a unique set."]}


def test_text_is_bounded_by_its_column(client, owner, biceps):
    response = client.post(CATEGORIES, json={"name": "x" * 101, "unit": "y" * 31}, headers=owner)
    assert response.json == {"name": ["Ensure this field has no more than 100 characters."],
                             "unit": ["Ensure this field has no more than 30 characters."]}
    refused = measure(client, owner, biceps, status=400, value=1, notes="n" * 101)
    assert refused == {"notes": ["Ensure this field has no more than 100 characters."]}


def test_newest_values_first_and_filters(client, owner, biceps):
    for day, value in (("2024-01-01", 33), ("2024-03-01", 35), ("2024-02-01", 34)):
        measure(client, owner, biceps, date=day, value=value)
    listing = client.get(MEASUREMENTS, headers=owner).json["results"]
    assert [item["date"] for item in listing] == ["2024-03-01", "2024-02-01", "2024-01-01"]
    assert client.get(f"{MEASUREMENTS}?date__gte=2024-02-01", headers=owner).json["count"] == 2
    assert client.get(f"{MEASUREMENTS}?value__gt=33.5&category={biceps}", headers=owner).json["count"] == 2


def test_categories_are_listed_by_name_descending(client, owner, biceps):
    client.post(CATEGORIES, json={"name": "Waist", "unit": "cm"}, headers=owner)
    client.post(CATEGORIES, json={"name": "Arm", "unit": "cm"}, headers=owner)
    names = [item["name"] for item in client.get(CATEGORIES, headers=owner).json["results"]]
    assert names == ["Waist", "Biceps", "Arm"]


def test_another_users_category_is_no_filter_choice(client, owner, biceps, make_user, auth_headers):
    make_user("other")
    response = client.get(f"{MEASUREMENTS}?category={biceps}", headers=auth_headers("other"))
    assert response.status_code == 400
    assert response.json == {"category": ["Select a valid choice. That choice is not one of the available choices."]}
    missing = client.get(f"{CATEGORIES}{biceps}/", headers=auth_headers("other"))
    assert missing.json == {"detail": "No Category matches the given query."}


def test_deleting_a_category_deletes_its_values(client, owner, biceps):
    value = measure(client, owner, biceps, value=35)
    assert client.delete(f"{CATEGORIES}{biceps}/", headers=owner).status_code == 204
    assert client.get(f"{MEASUREMENTS}{value['id']}/", headers=owner).status_code == 404


def test_the_browsable_list_charts_each_category(client, owner, biceps):
    waist = client.post(CATEGORIES, json={"name": "Waist", "unit": "cm"}, headers=owner).json["id"]
    for day in (1, 2, 3):
        measure(client, owner, biceps, date=f"2024-03-0{day}", value=34 + day)
        measure(client, owner, waist, date=f"2024-03-0{day}", value=90 - day)
    page = client.get(MEASUREMENTS, headers={**owner, "Accept": "text/html"}).get_data(as_text=True)
    captions = re.findall(r"<figcaption>(\w+) <span", page)
    assert captions == ["Biceps", "Waist"]
    assert len(re.findall(r"<circle ", page)) == 6
    one = client.get(f"{MEASUREMENTS}?category={waist}", headers={**owner, "Accept": "text/html"})
    assert re.findall(r"<figcaption>(\w+) <span", one.get_data(as_text=True)) == ["Waist"]
