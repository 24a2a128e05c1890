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
    assert small == large == 2  # the catalog version, the page with its count


def test_a_page_past_the_end_counts_in_one_more_query(client, catalog, count_queries):
    page, queries = count_queries(lambda: client.get("/api/v2/muscle/?limit=5&offset=500"))
    assert (page.json["count"], page.json["results"]) == (16, [])
    assert page.json["previous"] == "http://localhost/api/v2/muscle/?limit=5&offset=495"
    assert queries == 3  # the catalog version, the empty page, its count


@pytest.fixture
def two_diaries(client, make_user, auth_headers):
    """Two users with weight entries of their own: three for `ann`, two for `bob`."""
    make_user("ann"), make_user("bob")
    headers = {"ann": auth_headers("ann"), "bob": auth_headers("bob")}
    for name, days in (("ann", (1, 2, 3)), ("bob", (4, 5))):
        for day in days:
            body = {"date": f"2024-01-0{day}", "weight": 70 + day}
            assert client.post("/api/v2/weightentry/", json=body, headers=headers[name]).status_code == 201
    return headers


@pytest.mark.parametrize("query", ["?limit=2", "?limit=2&offset=1", "?ordering=-date"])
def test_users_alternating_on_one_url_each_see_only_their_own_rows(client, two_diaries, query):
    dates = {"ann": ["2024-01-01", "2024-01-02", "2024-01-03"], "bob": ["2024-01-04", "2024-01-05"]}
    for name in ("ann", "bob", "ann", "bob"):
        page = client.get(f"/api/v2/weightentry/{query}", headers=two_diaries[name]).json
        expected = sorted(dates[name], reverse="-date" in query)
        if "limit" in query:
            offset = int(query.partition("offset=")[2] or 0)
            expected = expected[offset:offset + 2]
        assert page["count"] == len(dates[name])
        assert [entry["date"] for entry in page["results"]] == expected


def test_an_empty_private_list_costs_only_the_callers_query(client, make_user, auth_headers, count_queries):
    make_user("newcomer")
    headers = auth_headers("newcomer")
    page, queries = count_queries(lambda: client.get("/api/v2/weightentry/", headers=headers))
    assert page.json == {"count": 0, "next": None, "previous": None, "results": []}
    assert queries == 3  # the user, the versions its answer is kept under, then the empty page: no count


def test_a_private_page_past_the_end_counts_only_the_callers_rows(client, two_diaries):
    for name, count in (("ann", 3), ("bob", 2), ("ann", 3)):
        page = client.get("/api/v2/weightentry/?offset=10", headers=two_diaries[name]).json
        assert (page["count"], page["results"]) == (count, [])
