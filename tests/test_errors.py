"""Every error in the contract's shape: JSON `{"detail": ...}` or field errors, never a stack trace."""

import pytest
from catalog_factories import make_base, make_translation

from wger.api import views
from wger.database import db


def test_unknown_api_url_is_json_404(client):
    response = client.get("/api/v2/does-not-exist/")
    assert response.status_code == 404
    assert response.json == {"detail": "Not found."}


def test_non_numeric_pk_is_404(client, catalog):
    response = client.get("/api/v2/muscle/abc/")
    assert response.status_code == 404
    assert response.json == {"detail": "Not found."}


def test_unexpected_exception_is_a_json_500_without_internals(client, catalog, monkeypatch, caplog):
    def explode(resource):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(views, "list_page", explode)
    response = client.get("/api/v2/muscle/")
    assert response.status_code == 500
    assert response.json == {"detail": "A server error occurred."}
    assert "secret internals" not in response.get_data(as_text=True)
    request_id = response.headers["X-Request-ID"]
    assert any(request_id in record.getMessage() for record in caplog.records)


def test_405_lists_allowed_methods(client, catalog):
    response = client.delete("/api/v2/muscle/1/")
    assert response.status_code == 405
    assert response.json == {"detail": 'Method "DELETE" not allowed.'}
    assert response.headers["Allow"] == "GET, HEAD, OPTIONS"


def test_head_answers_without_body(client, catalog):
    response = client.head("/api/v2/muscle/")
    assert response.status_code == 200
    assert response.get_data() == b""
    assert response.headers["Content-Type"] == "application/json"


@pytest.mark.parametrize("url", ["/api/v2/muscle/", "/api/v2/muscle/1/", "/api/v2/", "/api/v2/version/"])
def test_options_lists_allowed_methods(client, catalog, url):
    response = client.options(url)
    assert response.status_code == 200
    assert set(response.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}


def test_every_api_response_varies_on_accept(client, catalog):
    for url in ("/api/v2/muscle/", "/api/v2/nowhere/", "/api/v2/muscle/99/"):
        assert "Accept" in client.get(url).headers["Vary"]


def test_malformed_percent_encoding_does_not_break_the_server(client, catalog):
    response = client.get("/api/v2/muscle/?name=%ff%fe")
    assert response.status_code == 200
    assert response.json["count"] == 0


HUGE = "99999999999999999999999"


@pytest.mark.parametrize("url", [
    f"/api/v2/muscle/{HUGE}/",
    f"/api/v2/muscle/{2**31}/",
    f"/api/v2/exerciseimage/{HUGE}/thumbnails/",
])
def test_an_id_too_large_for_the_database_is_an_unknown_url(client, catalog, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response.json == {"detail": "Not found."}


@pytest.mark.parametrize(("url", "param"), [
    (f"/api/v2/weightunit/?language={HUGE}", "language"),
    (f"/api/v2/ingredient/?energy={HUGE}", "energy"),
    (f"/api/v2/exercisebaseinfo/?muscles={HUGE}", "muscles"),
    (f"/api/v2/ingredient/?id__in=1,{HUGE}", "id__in"),
])
def test_a_filter_number_too_large_for_the_database_is_a_400(client, catalog, url, param):
    response = client.get(url)
    assert response.status_code == 400
    assert list(response.json) == [param]


def test_an_oversized_id_in_a_comma_filter_is_ignored(app, client, catalog):
    with app.app_context():
        base = make_base(8, muscles=(1,))
        make_translation(base, "Curl")
        make_translation(make_base(9, muscles=(10,)), "Squat")
        db.session.commit()
    response = client.get(f"/api/v2/exercise/?muscles=1,{HUGE}")
    assert response.status_code == 200
    assert [exercise["name"] for exercise in response.json["results"]] == ["Curl"]


def test_an_oversized_offset_is_past_the_end(client, catalog):
    response = client.get(f"/api/v2/muscle/?offset={HUGE}")
    assert response.status_code == 200
    assert (response.json["count"], response.json["next"], response.json["results"]) == (16, None, [])


def test_a_body_id_too_large_for_the_database_is_a_400(client, catalog, contributor):
    contributor.is_trustworthy = True
    response = client.post("/api/v2/exercise-base/", json={"category": 2**31, "muscles": [1, 2**31]})
    assert response.status_code == 400
    assert response.json == {"category": [f'Invalid pk "{2**31}" - object does not exist.'],
                             "muscles": [f'Invalid pk "{2**31}" - object does not exist.']}
    assert client.get("/api/v2/exercise-base/").json["count"] == 0
