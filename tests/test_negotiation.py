"""Format negotiation: Accept header, `.json`/`.api` suffixes and `?format=`, for every endpoint alike."""

import dataclasses
import datetime as dt
import decimal
import json
import uuid

import pytest
from flask.json.provider import DefaultJSONProvider

BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def _api_get_urls(app):
    """Every GET URL of the API (docs pages aside), with `1` for the object id of detail URLs."""
    urls = []
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/v2/") and "GET" in rule.methods and not rule.endpoint.startswith("api-docs."):
            urls.append(rule.rule.replace("<int:pk>", "1"))
    return urls


@pytest.mark.parametrize("accept", [None, "", "*/*", "application/json", "application/*", "*/*;q=0.1"])
def test_json_is_the_default(client, catalog, accept):
    headers = {"Accept": accept} if accept is not None else {}
    response = client.get("/api/v2/muscle/1/", headers=headers)
    assert response.status_code == 200
    assert response.mimetype == "application/json"


@pytest.mark.parametrize(
    ("accept", "mimetype"),
    [
        (BROWSER_ACCEPT, "text/html"),
        ("text/html", "text/html"),
        ("text/*", "text/html"),
        ("application/json, text/html", "application/json"),
        ("text/html, application/json", "application/json"),
        ("text/*, application/json", "application/json"),
        ("application/json;q=0.5, text/html", "text/html"),
        ("*/*, application/json;q=0", "text/html"),
        ("text/html;q=0.9, application/*;q=0.8", "text/html"),
        ("application/xml, text/html;q=0.5", "text/html"),
    ],
)
def test_highest_quality_then_most_specific_type_wins(client, catalog, accept, mimetype):
    response = client.get("/api/v2/muscle/", headers={"Accept": accept})
    assert response.status_code == 200
    assert response.mimetype == mimetype


def test_a_browser_gets_html(client, catalog):
    response = client.get("/api/v2/muscle/1/", headers={"Accept": BROWSER_ACCEPT})
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert "Biceps brachii" in response.get_data(as_text=True)


@pytest.mark.parametrize(("indent", "spaces"), [("0", 0), ("2", 2), ("4", 4), ("8", 8), ("12", 8)])
def test_indented_json(client, catalog, indent, spaces):
    response = client.get("/api/v2/muscle/1/", headers={"Accept": f"application/json; indent={indent}"})
    assert response.status_code == 200
    assert response.get_data(as_text=True).startswith("{\n" + " " * spaces + '"id": 1,')
    assert response.json["id"] == 1


@pytest.mark.parametrize("accept", ["application/json; indent=four", "application/json; indent="])
def test_invalid_indent_gives_compact_json(client, catalog, accept):
    response = client.get("/api/v2/muscle/1/", headers={"Accept": accept})
    assert response.status_code == 200
    assert response.get_data(as_text=True).startswith('{"id":1,')


@pytest.mark.parametrize("accept", ["image/png", "application/xml", "text/plain", "application/json;q=0"])
def test_nothing_acceptable_is_406(client, catalog, accept):
    response = client.get("/api/v2/muscle/", headers={"Accept": accept})
    assert response.status_code == 406
    assert response.mimetype == "application/json"
    assert response.json == {"detail": "Could not satisfy the request Accept header."}


def test_406_costs_no_query(client, catalog, count_queries):
    response, queries = count_queries(lambda: client.get("/api/v2/muscle/", headers={"Accept": "image/png"}))
    assert response.status_code == 406
    assert queries == 0


@pytest.mark.parametrize(
    "url",
    ["/api/v2/muscle.json", "/api/v2/muscle.json/", "/api/v2/muscle/1.json", "/api/v2/muscle/1.json/",
     "/api/v2/muscle/?format=json"],
)
@pytest.mark.parametrize("accept", ["text/html", "image/png", BROWSER_ACCEPT])
def test_json_suffix_and_format_override_accept(client, catalog, url, accept):
    response = client.get(url, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.mimetype == "application/json"


@pytest.mark.parametrize(
    "url",
    ["/api/v2/muscle.api", "/api/v2/muscle.api/", "/api/v2/muscle/1.api", "/api/v2/muscle/1.api/",
     "/api/v2/muscle/?format=api"],
)
@pytest.mark.parametrize("accept", ["application/json", "image/png", None])
def test_api_suffix_and_format_give_html(client, catalog, url, accept):
    response = client.get(url, headers={"Accept": accept} if accept else {})
    assert response.status_code == 200
    assert response.mimetype == "text/html"


def test_suffix_keeps_the_query_string(client, catalog):
    response = client.get("/api/v2/muscle.json?limit=2&ordering=-id")
    assert [muscle["id"] for muscle in response.json["results"]] == [16, 15]


@pytest.mark.parametrize("url", ["/api/v2/muscle.xml", "/api/v2/muscle/1.yaml/", "/api/v2/muscle/?format=xml"])
def test_unknown_format_is_404(client, catalog, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response.json == {"detail": "Not found."}


def test_unknown_format_is_a_404_page_for_a_browser(client, catalog):
    response = client.get("/api/v2/muscle/?format=xml", headers={"Accept": BROWSER_ACCEPT})
    assert response.status_code == 404
    assert response.mimetype == "text/html"


def test_every_endpoint_negotiates_the_same_way(app, client, catalog):
    urls = _api_get_urls(app)
    assert {"/api/v2/", "/api/v2/muscle/", "/api/v2/muscle/1/", "/api/v2/version/"} <= set(urls)
    for url in urls:
        json_response = client.get(url)
        html_response = client.get(url, headers={"Accept": BROWSER_ACCEPT})
        suffixed = client.get(url.rstrip("/") + ".api/", headers={"Accept": "application/json"})
        indented = client.get(url, headers={"Accept": "application/json; indent=4"})
        assert json_response.mimetype == indented.mimetype == "application/json", url
        assert html_response.mimetype == suffixed.mimetype == "text/html", url
        statuses = {r.status_code for r in (json_response, html_response, suffixed, indented)}
        assert statuses == {json_response.status_code}, url
        assert indented.json == json_response.json, url
        for response in (json_response, html_response, suffixed):
            assert "Accept" in response.headers["Vary"], url
            assert "GET" in response.headers["Allow"].split(", "), url


def test_html_keeps_vary_and_allow(client, catalog):
    response = client.get("/api/v2/muscle/1/", headers={"Accept": "text/html"})
    assert "Accept" in response.headers["Vary"]
    assert response.headers["Allow"] == "GET, HEAD, OPTIONS"


def test_head_for_html_answers_without_body(client, catalog):
    response = client.head("/api/v2/muscle/", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert response.get_data() == b""
    assert int(response.headers["Content-Length"]) > 0


@pytest.mark.parametrize(
    ("url", "name", "description"),
    [
        ("/api/v2/muscle/", "Muscle List", "The muscles exercises train, with images to overlay on the body outline."),
        ("/api/v2/muscle/1/", "Muscle Instance",
         "The muscles exercises train, with images to overlay on the body outline."),
        ("/api/v2/", "API Root", "List every endpoint of the API with its URL"),
        ("/api/v2/version/", "Version", "Return the version of the wger API this server implements."),
    ],
)
def test_options_describes_the_endpoint(client, catalog, url, name, description):
    response = client.options(url)
    assert response.status_code == 200
    assert response.json == {
        "name": name,
        "description": description,
        "renders": ["application/json", "text/html"],
        "parses": ["application/json", "application/x-www-form-urlencoded", "multipart/form-data"],
    }
    assert response.headers["Allow"] == "GET, HEAD, OPTIONS"
    assert "Accept" in response.headers["Vary"]


def test_options_for_html_is_a_page(client, catalog):
    response = client.options("/api/v2/muscle/", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert "OPTIONS /api/v2/muscle/" in page
    assert "multipart/form-data" in page


def test_indent_applies_to_errors_too(client):
    response = client.get("/api/v2/nowhere/", headers={"Accept": "application/json; indent=2"})
    assert response.status_code == 404
    assert response.get_data(as_text=True) == json.dumps({"detail": "Not found."}, indent=2) + "\n"


def test_cross_origin_clients_may_read_the_api(client, catalog):
    response = client.get("/api/v2/muscle/", headers={"Origin": "https://app.example"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert response.headers["Access-Control-Expose-Headers"] == "X-Request-ID"
    assert "Access-Control-Allow-Methods" not in response.headers


def test_pages_outside_the_api_allow_no_cross_origin_reads(client):
    response = client.get("/", headers={"Origin": "https://app.example"})
    assert "Access-Control-Allow-Origin" not in response.headers


def test_cors_preflight_allows_authorization_header(client):
    response = client.options(
        "/api/v2/muscle/",
        headers={
            "Origin": "https://app.example",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "Authorization",
        },
    )
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "authorization" in response.headers["Access-Control-Allow-Headers"].lower()
    assert response.headers["Access-Control-Allow-Methods"] == "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT"


@dataclasses.dataclass
class _Point:
    x: int
    y: float


SAMPLE_DOCUMENT = {
    "zeta": 1, "alpha": [1.5, 1e16, -0.1, 2**62, True, None], "name": "Müsli “bio” 😀",
    "decimal": decimal.Decimal("80.50"),
    "when": dt.datetime(2024, 5, 1, 12, 30, 5, 123456), "day": dt.date(2024, 5, 1),
    "uuid": uuid.UUID("12345678-1234-5678-1234-567812345678"), "point": _Point(1, 2.5), 7: "seven",
    "nested": {"b": {}, "a": []},
}


def test_the_encoder_gives_what_flasks_gives(app):
    """orjson's bytes parse to the same document, keys in the same order, as Flask's own encoder gives."""
    with app.app_context():
        ours = app.json.response(SAMPLE_DOCUMENT).get_data()
        flasks = DefaultJSONProvider(app)
        flasks.sort_keys, flasks.ensure_ascii = False, False
        expected = flasks.response(SAMPLE_DOCUMENT).get_data()
        assert json.loads(ours) == json.loads(expected)
        assert list(json.loads(ours)) == list(json.loads(expected))
        assert ours.endswith(b"\n") and "Müsli".encode() in ours
        assert json.loads(app.json.dumps(SAMPLE_DOCUMENT)) == json.loads(flasks.dumps(SAMPLE_DOCUMENT))
        assert json.loads(app.json.response({"beyond_64_bits": 2**70}).get_data()) == {"beyond_64_bits": 2**70}
