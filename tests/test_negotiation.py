"""Format negotiation: Accept header, `.json`/`.api` suffixes and `?format=`."""

import pytest

BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.mark.parametrize("accept", [None, "*/*", "application/json", "application/*"])
def test_json_is_the_default(client, catalog, accept):
    headers = {"Accept": accept} if accept else {}
    response = client.get("/api/v2/muscle/1/", headers=headers)
    assert response.status_code == 200
    assert response.mimetype == "application/json"


def test_a_browser_gets_html(client, catalog):
    response = client.get("/api/v2/muscle/1/", headers={"Accept": BROWSER_ACCEPT})
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert "Biceps brachii" in response.get_data(as_text=True)


def test_indented_json(client, catalog):
    response = client.get("/api/v2/muscle/1/", headers={"Accept": "application/json; indent=4"})
    assert response.status_code == 200
    assert response.get_data(as_text=True).startswith('{\n    "id": 1,')


def test_nothing_acceptable_is_406(client, catalog):
    response = client.get("/api/v2/muscle/", headers={"Accept": "image/png"})
    assert response.status_code == 406
    assert response.json == {"detail": "Could not satisfy the request Accept header."}


@pytest.mark.parametrize(
    "url", ["/api/v2/muscle.json", "/api/v2/muscle.json/", "/api/v2/muscle/1.json", "/api/v2/muscle/1.json/"]
)
def test_json_suffix_overrides_accept(client, catalog, url):
    response = client.get(url, headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert response.mimetype == "application/json"


@pytest.mark.parametrize("url", ["/api/v2/muscle.api", "/api/v2/muscle/1.api/", "/api/v2/muscle/?format=api"])
def test_api_suffix_and_format_give_html(client, catalog, url):
    response = client.get(url, headers={"Accept": "application/json"})
    assert response.status_code == 200
    assert response.mimetype == "text/html"


def test_format_json_overrides_accept(client, catalog):
    response = client.get("/api/v2/muscle/?format=json", headers={"Accept": "text/html"})
    assert response.mimetype == "application/json"


@pytest.mark.parametrize("url", ["/api/v2/muscle.xml", "/api/v2/muscle/?format=xml"])
def test_unknown_format_is_404(client, catalog, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response.json == {"detail": "Not found."}


def test_html_escapes_stored_text(client, catalog):
    page = client.get("/api/v2/muscle/1/?format=api").get_data(as_text=True)
    assert "<script" not in page.split("<pre>", 1)[1]


def test_cross_origin_clients_may_read_the_api(client, catalog):
    response = client.get("/api/v2/muscle/", headers={"Origin": "https://app.example"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"


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
