"""Limit/offset pagination: the contract's body, absolute links that keep the query, and the cap."""

import pytest


def test_default_page_size_is_20(client, catalog):
    page = client.get("/api/v2/weightunit/").json
    assert page["count"] > 20
    assert len(page["results"]) == 20
    assert page["next"] == "http://localhost/api/v2/weightunit/?limit=20&offset=20"
    assert page["previous"] is None


def test_links_walk_every_object_once(client, catalog):
    seen, url = [], "/api/v2/muscle/?limit=5&is_front=true"
    while url:
        page = client.get(url).json
        seen += [muscle["id"] for muscle in page["results"]]
        url = page["next"]
    assert len(seen) == len(set(seen)) == 8


def test_next_and_previous_keep_other_parameters(client, catalog):
    page = client.get("/api/v2/muscle/?ordering=-name&limit=3&offset=6").json
    assert page["next"] == "http://localhost/api/v2/muscle/?ordering=-name&limit=3&offset=9"
    assert page["previous"] == "http://localhost/api/v2/muscle/?ordering=-name&limit=3&offset=3"


@pytest.mark.parametrize("offset", [3, 5])
def test_previous_of_second_page_drops_the_offset(client, catalog, offset):
    page = client.get(f"/api/v2/muscle/?limit=5&offset={offset}").json
    assert page["previous"] == "http://localhost/api/v2/muscle/?limit=5"


def test_last_page_has_no_next(client, catalog):
    page = client.get("/api/v2/muscle/?limit=10&offset=10").json
    assert page["next"] is None
    assert len(page["results"]) == 6


@pytest.mark.parametrize(("limit", "offset"), [(16, 0), (8, 8), (5, 11)])
def test_a_page_ending_exactly_at_the_count_has_no_next(client, catalog, limit, offset):
    page = client.get(f"/api/v2/muscle/?limit={limit}&offset={offset}").json
    assert page["count"] == offset + limit == 16
    assert page["next"] is None
    assert len(page["results"]) == limit


@pytest.mark.parametrize("limit", ["0", "-3", "abc", ""])
def test_invalid_limit_falls_back_to_default(client, catalog, limit):
    assert len(client.get(f"/api/v2/weightunit/?limit={limit}").json["results"]) == 20


def test_invalid_offset_starts_at_zero(client, catalog):
    first = client.get("/api/v2/muscle/?offset=abc").json["results"]
    assert first == client.get("/api/v2/muscle/").json["results"]


def test_limit_is_capped_by_max_page_size(app, client, catalog):
    app.config["MAX_PAGE_SIZE"] = 4
    try:
        page = client.get("/api/v2/muscle/?limit=100").json
    finally:
        app.config["MAX_PAGE_SIZE"] = 1000
    assert len(page["results"]) == 4
    assert page["next"] == "http://localhost/api/v2/muscle/?limit=4&offset=4"


def test_offset_past_the_end_is_an_empty_page(client, catalog):
    page = client.get("/api/v2/muscle/?offset=500").json
    assert page["count"] == 16
    assert page["results"] == []


@pytest.mark.parametrize("url", ["/api/v2/muscle/", "/api/v2/weightunit/", "/api/v2/language/"])
def test_a_list_page_costs_the_same_queries_whatever_its_size(client, catalog, count_queries, url):
    _, small = count_queries(lambda: client.get(f"{url}?limit=1"))
    _, large = count_queries(lambda: client.get(f"{url}?limit=100"))
    assert small == large == 3  # the catalog version, the count, the page
