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


@pytest.mark.parametrize("url", ["/api/v2/workout/abc/", "/api/v2/workout/abc/canonical_representation/",
                                 f"/api/v2/weightentry/{HUGE}/", "/api/v2/nutritionplan/1/no-such-action/"])
def test_an_anonymous_caller_of_a_private_url_is_challenged_whatever_its_id(client, make_user, auth_headers, url):
    anonymous = client.get(url)
    assert (anonymous.status_code, anonymous.json) == (401, {"detail": "Authentication credentials were not provided."})
    assert "WWW-Authenticate" in anonymous.headers
    make_user("lifter")
    signed_in = client.get(url, headers=auth_headers("lifter"))
    assert (signed_in.status_code, signed_in.json) == (404, {"detail": "Not found."})


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


# Text no field can hold: NUL characters and lone surrogates, refused the same on SQLite and PostgreSQL.

NUL = "Null characters are not allowed."


@pytest.mark.parametrize(("url", "param"), [
    ("/api/v2/muscle/?name=%00", "name"),
    ("/api/v2/exercisecategory/?name=E%00", "name"),
    ("/api/v2/exercise/search/?term=%00", "term"),
    ("/api/v2/ingredient/search/?term=oat%00", "term"),
    ("/api/v2/exercise/?language=%00", "language"),
    ("/api/v2/muscle/?ordering=name%00", "ordering"),
    ("/api/v2/check-permission/?permission=a.b%00", "permission"),
])
def test_a_nul_character_in_a_query_parameter_is_a_400_naming_it(client, catalog, url, param):
    response = client.get(url)
    assert response.status_code == 400
    assert response.json == {param: [NUL]}


def test_a_parameter_whose_name_holds_a_nul_is_ignored_as_unknown(client, catalog):
    response = client.get("/api/v2/muscle/?name%00=x")
    assert response.status_code == 200
    assert response.json["count"] == 16


@pytest.mark.parametrize("url", ["/api/v2/token", "/api/v2/login/"])
@pytest.mark.parametrize("send", ["json", "data"])
def test_a_nul_character_in_a_login_is_a_400_naming_the_field(client, url, send):
    response = client.post(url, **{send: {"username": "alice\x00", "password": "correct-horse-battery"}})
    assert response.status_code == 400
    assert response.json == {"username": [NUL]}


SURROGATES = [
    (b'{"username": "\\ud800", "password": "correct-horse-battery"}', {"username": [
        "Surrogate characters are not allowed: U+D800."]}),
    (b'{"username": "a", "password": "\\udfffx"}', {"password": ["Surrogate characters are not allowed: U+DFFF."]}),
    (b'{"username": "a", "password": ["\\u0000"]}', {"password": [NUL]}),
    (b'["\\ud800"]', {"non_field_errors": ["Surrogate characters are not allowed: U+D800."]}),
    (b'{"\\ud800": "x", "password": "p"}', {"non_field_errors": ["Surrogate characters are not allowed: U+D800."]}),
]


@pytest.mark.parametrize("url", ["/api/v2/token", "/api/v2/login/", "/api/v2/register/"])
@pytest.mark.parametrize(("body", "errors"), SURROGATES)
def test_unstorable_text_in_a_json_body_is_a_400_naming_the_field(client, url, body, errors):
    response = client.post(url, data=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.json == errors


def test_a_paired_surrogate_escape_is_an_ordinary_character(client, make_user, auth_headers):
    make_user("owner")
    response = client.post("/api/v2/workout/", data=b'{"name": "Push \\ud83d\\udcaa"}',
                           headers={**auth_headers("owner"), "Content-Type": "application/json"})
    assert response.status_code == 201
    assert response.json["name"] == "Push \U0001f4aa"


@pytest.mark.parametrize("body", [{"name": "a\x00b"}, {"name": "ok", "description": "\x00"}])
def test_nothing_with_a_nul_character_is_written(client, make_user, auth_headers, body):
    make_user("owner")
    headers = auth_headers("owner")
    response = client.post("/api/v2/workout/", json=body, headers=headers)
    assert response.status_code == 400
    assert response.json == {next(key for key, value in body.items() if "\x00" in value): [NUL]}
    assert client.get("/api/v2/workout/", headers=headers).json["count"] == 0


# JSON nested too deep, and numbers no field can hold


DEEP = b"[" * 100_000


@pytest.mark.parametrize("url", ["/api/v2/token", "/api/v2/token/refresh", "/api/v2/login/", "/api/v2/register/",
                                 "/api/v2/workout/", "/api/v2/weightentry/", "/api/v2/userprofile/"])
def test_deeply_nested_json_is_a_400(client, make_user, auth_headers, url):
    make_user("owner")
    response = client.post(url, data=DEEP, headers={**auth_headers("owner"), "Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.json == {"detail": "JSON parse error - nested deeper than 32 levels."}


def test_json_nested_within_the_limit_is_read(client, make_user, auth_headers):
    make_user("owner")
    body = b'{"name": "Legs", "ignored": ' + b"[" * 30 + b"]" * 30 + b"}"
    response = client.post("/api/v2/workout/", data=body,
                           headers={**auth_headers("owner"), "Content-Type": "application/json"})
    assert response.status_code == 201


@pytest.mark.parametrize(("body", "errors"), [
    (b'{"date": "2024-01-01", "weight": 1e400}', {"weight": ["A valid number is required."]}),
    (b'{"date": "2024-01-01", "weight": -1e400}', {"weight": ["A valid number is required."]}),
    (b'{"date": "2024-01-01", "weight": "NaN"}', {"weight": ["A valid number is required."]}),
    (b'{"date": "2024-01-01", "weight": "Infinity"}', {"weight": ["A valid number is required."]}),
])
def test_numbers_no_field_can_hold_are_field_errors(client, make_user, auth_headers, body, errors):
    make_user("owner")
    response = client.post("/api/v2/weightentry/", data=body,
                           headers={**auth_headers("owner"), "Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.json == errors


@pytest.mark.parametrize("constant", [b"NaN", b"Infinity", b"-Infinity"])
def test_json_constants_outside_the_standard_are_a_parse_error(client, make_user, auth_headers, constant):
    make_user("owner")
    response = client.post("/api/v2/weightentry/", data=b'{"date": "2024-01-01", "weight": ' + constant + b"}",
                           headers={**auth_headers("owner"), "Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.json["detail"].startswith("JSON parse error - ")


@pytest.mark.parametrize(("query", "errors"), [
    ("energy=1e400", {"energy": ["Enter a number."]}),
    ("protein=nan", {"protein": ["Enter a number."]}),
    ("protein=-inf", {"protein": ["Enter a number."]}),
    ("protein=1e400", {"protein": ["Ensure this value is less than or equal to 1e+50."]}),
    ("fat=-1e51", {"fat": ["Ensure this value is greater than or equal to -1e+50."]}),
])
def test_decimal_filters_are_finite_and_bounded_as_django_filter_does(client, catalog, query, errors):
    response = client.get(f"/api/v2/ingredient/?{query}")
    assert response.status_code == 400
    assert response.json == errors


@pytest.mark.parametrize("ids", ["\u00b2", "1" * 5000])
def test_ids_python_cannot_read_are_refused_or_ignored_not_500(client, catalog, ids):
    assert client.get(f"/api/v2/exercisebaseinfo/?muscles={ids}").status_code == 400
    assert client.get(f"/api/v2/exercise/?muscles={ids}").status_code == 200


def test_a_multipart_field_without_a_readable_name_is_ignored(client, make_user, auth_headers):
    """Werkzeug reads `name="x\\"` (a quote escaped at the end) as no name at all; found by the fuzzer."""
    make_user("owner")
    boundary = "b0undary"
    body = (f'--{boundary}\r\nContent-Disposition: form-data; name="x\\"\r\n\r\nvalue\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="description"\r\n\r\nx\r\n--{boundary}--\r\n')
    response = client.post("/api/v2/gallery/", data=body.encode(), headers={
        **auth_headers("owner"), "Content-Type": f"multipart/form-data; boundary={boundary}"})
    assert response.status_code == 400
    assert response.json == {"image": ["This field is required."]}
