"""The first addresses a person tries, `/` and `/api/`, lead to the API root for every kind of client."""

import pytest

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.mark.parametrize("path", ["/", "/api/"])
@pytest.mark.parametrize("accept", [BROWSER, "application/json", None])
def test_the_site_and_api_roots_redirect_to_the_api_root(client, path, accept):
    response = client.get(path, headers={"Accept": accept} if accept else {})
    assert response.status_code == 302
    assert response.headers["Location"] == "/api/v2/"


def test_a_browser_lands_on_the_browsable_root(client, catalog):
    response = client.get("/", headers={"Accept": BROWSER}, follow_redirects=True)
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert "<h1>API Root</h1>" in response.text


@pytest.mark.parametrize("path", ["/", "/api", "/api/"])
def test_a_json_client_that_follows_redirects_gets_the_endpoint_list(client, catalog, path):
    response = client.get(path, follow_redirects=True)
    assert response.status_code == 200
    assert response.json["muscle"] == "http://localhost/api/v2/muscle/"
