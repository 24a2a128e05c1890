"""Authentication through HTTP: JWT, permanent keys, the login pages, throttling, lockout, and attacks."""

import base64
import datetime as dt
import hashlib
import json
import logging
import os
import re
import warnings

import jwt as pyjwt
import pytest
import sqlalchemy as sa

from wger import auth
from wger.config import default_config
from wger.database import db
from wger.models import RateLimitCounter, Token, User
from wger.throttle import rate_limiter

PASSWORD = "correct-horse-battery"  # make_user's default
PRIVATE_URL = "/api/v2/weightentry/"
PROFILE_URL = "/api/v2/userprofile/"
CHALLENGE = 'Bearer realm="api"'
TOKEN_URLS = ["/api/v2/token", "/api/v2/token/"]
TOKEN_NOT_VALID = "token_not_valid"


@pytest.fixture
def alice(make_user):
    return make_user("alice", email="alice@example.com")


def obtain(client, **body):
    return client.post("/api/v2/token", json=body)


def user_row(app, username):
    with app.app_context():
        return db.session.scalar(db.select(User).where(User.username == username))


def permanent_key(app, user_id):
    with app.app_context():
        return db.session.scalar(db.select(Token.key).where(Token.user_id == user_id))


def assert_unauthenticated(response, detail=None, code=None):
    """A 401 with the challenge; with `detail`, exactly that body (and simplejwt's `code` for a refused JWT)."""
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == CHALLENGE
    if detail:
        assert response.json == {"detail": detail} | ({"code": code} if code else {})


def assert_access_token_refused(response, why):
    """A 401 in the words simplejwt uses on API views, with why the access token failed in `messages`."""
    assert_unauthenticated(response)
    assert response.json == {
        "detail": "Given token not valid for any token type", "code": TOKEN_NOT_VALID,
        "messages": [{"token_class": "AccessToken", "token_type": "access", "message": why}],
    }
    assert list(response.json) == ["detail", "code", "messages"]


# JWT


@pytest.mark.parametrize("url", TOKEN_URLS)
@pytest.mark.parametrize("login", [
    {"username": "alice"}, {"email": "alice@example.com"}, {"email": "ALICE@example.com"},
    {"username": "alice@example.com"}, {"username": "Alice@Example.com"},
])
def test_token_pair_for_username_or_email(client, alice, url, login):
    response = client.post(url, json={**login, "password": PASSWORD})
    assert response.status_code == 200
    assert list(response.json) == ["refresh", "access"]
    headers = {"Authorization": f"Bearer {response.json['access']}"}
    assert client.get(PRIVATE_URL, headers=headers).status_code == 200


@pytest.mark.parametrize("body", [
    {"username": "alice", "password": "wrong-password"},
    {"username": "nobody", "password": PASSWORD},
    {"email": "nobody@example.com", "password": PASSWORD},
])
def test_token_refuses_wrong_credentials(client, alice, body):
    assert_unauthenticated(obtain(client, **body), "No active account found with the given credentials")


@pytest.mark.parametrize(("body", "field"), [({"password": PASSWORD}, "username"), ({"username": "alice"}, "password")])
def test_token_requires_its_fields(client, alice, body, field):
    response = obtain(client, **body)
    assert response.status_code == 400
    assert response.json == {field: ["This field is required."]}


def test_token_names_both_missing_fields(client):
    response = obtain(client)
    assert response.status_code == 400
    assert response.json == {"username": ["This field is required."], "password": ["This field is required."]}


def test_login_accepts_an_email_in_the_username_field(app, client, alice):
    response = client.post("/api/v2/login/", json={"username": "alice@example.com", "password": PASSWORD})
    assert response.json == {"token": permanent_key(app, alice)}


@pytest.mark.parametrize(("url", "field"), [("/api/v2/token/refresh", "refresh"), ("/api/v2/token/verify", "token")])
@pytest.mark.parametrize("token", ["not.a.jwt", "x"])
def test_refresh_and_verify_failures_carry_simplejwts_code(client, url, field, token):
    assert_unauthenticated(client.post(url, json={field: token}), "Token is invalid", TOKEN_NOT_VALID)


def test_refresh_refuses_an_access_token_with_simplejwts_code(client, alice):
    access = obtain(client, username="alice", password=PASSWORD).json["access"]
    response = client.post("/api/v2/token/refresh", json={"refresh": access})
    assert_unauthenticated(response, "Token has wrong type", TOKEN_NOT_VALID)


def _signed(claims):
    """A token signed with the tests' own key: valid in every respect but its claims."""
    return pyjwt.encode(claims, "test-secret-key-of-sufficient-length-for-hs256", algorithm="HS256")


def _claims(user_id, /, **changes):
    now = int(dt.datetime.now(dt.UTC).timestamp())
    claims = {"token_type": "access", "exp": now + 600, "iat": now, "jti": "0" * 32, "user_id": user_id}
    return {key: value for key, value in (claims | changes).items() if value is not None}


@pytest.mark.parametrize("user_id", [2**70, -(2**70), -1, 0, "1", 1.0, True, None, [1]])
def test_a_signed_token_naming_no_possible_user_is_401(client, alice, user_id):
    token = _signed(_claims(alice) | {"user_id": user_id})
    assert_unauthenticated(client.get(PRIVATE_URL, headers={"Authorization": f"Bearer {token}"}))
    assert_unauthenticated(client.post("/api/v2/token/refresh", json={"refresh": token}))


def test_the_signed_claims_work_as_they_are(client, alice):
    """The control for the tests around it: only the claim each one changes makes the difference."""
    token = _signed(_claims(alice))
    assert client.get(PRIVATE_URL, headers={"Authorization": f"Bearer {token}"}).status_code == 200


@pytest.mark.parametrize("missing", ["exp", "token_type", "user_id"])
def test_a_signed_token_without_a_required_claim_is_refused(client, alice, missing):
    token = _signed(_claims(alice, **{missing: None}))
    assert_unauthenticated(client.get(PRIVATE_URL, headers={"Authorization": f"Bearer {token}"}))
    assert_unauthenticated(client.post("/api/v2/token/verify", json={"token": token}))


def test_flask_jwt_extendeds_type_claim_is_not_ours(client, alice):
    token = _signed({key: value for key, value in _claims(alice).items() if key != "token_type"} | {"type": "access"})
    assert_unauthenticated(client.get(PRIVATE_URL, headers={"Authorization": f"Bearer {token}"}))


def test_token_refuses_an_inactive_account(app, client, alice):
    with app.app_context():
        db.session.get(User, alice).is_active = False
        db.session.commit()
    assert_unauthenticated(obtain(client, username="alice", password=PASSWORD))


@pytest.mark.parametrize("url", ["/api/v2/token/refresh", "/api/v2/token/refresh/"])
def test_refresh_gives_a_new_access_token(client, alice, url):
    pair = obtain(client, username="alice", password=PASSWORD).json
    response = client.post(url, json={"refresh": pair["refresh"]})
    assert response.status_code == 200
    assert list(response.json) == ["access"]
    assert client.get(PRIVATE_URL, headers={"Authorization": f"Bearer {response.json['access']}"}).status_code == 200


@pytest.mark.parametrize("url", ["/api/v2/token/verify", "/api/v2/token/verify/"])
@pytest.mark.parametrize("kind", ["access", "refresh"])
def test_verify_accepts_valid_tokens(client, alice, url, kind):
    pair = obtain(client, username="alice", password=PASSWORD).json
    response = client.post(url, json={"token": pair[kind]})
    assert response.status_code == 200
    assert response.json == {}


@pytest.mark.parametrize(("url", "field"), [("/api/v2/token/refresh", "refresh"), ("/api/v2/token/verify", "token")])
def test_refresh_and_verify_require_their_field(client, url, field):
    response = client.post(url, json={})
    assert response.status_code == 400
    assert response.json == {field: ["This field is required."]}


def test_bearer_with_and_without_colon(client, alice, auth_headers):
    token = auth_headers("alice")["Authorization"].removeprefix("Bearer ")
    for header in (f"Bearer {token}", f"Bearer: {token}", f"bearer {token}"):
        response = client.get(PROFILE_URL, headers={"Authorization": header})
        assert response.status_code == 200
        assert response.json["username"] == "alice"


def test_lifetimes_come_from_the_settings(monkeypatch, tmp_path):
    monkeypatch.setenv("ACCESS_TOKEN_LIFETIME", "0.5")
    monkeypatch.setenv("REFRESH_TOKEN_LIFETIME", "2")
    config = default_config(str(tmp_path))
    assert config["JWT_ACCESS_TOKEN_EXPIRES"] == dt.timedelta(seconds=30)
    assert config["JWT_REFRESH_TOKEN_EXPIRES"] == dt.timedelta(hours=2)


def test_default_lifetimes_are_15_minutes_and_24_hours(client, alice):
    pair = obtain(client, username="alice", password=PASSWORD).json
    access = pyjwt.decode(pair["access"], options={"verify_signature": False})
    refresh = pyjwt.decode(pair["refresh"], options={"verify_signature": False})
    assert access["exp"] - access["iat"] == 15 * 60
    assert refresh["exp"] - refresh["iat"] == 24 * 3600


def test_tokens_carry_simplejwts_claims(client, alice):
    pair = obtain(client, username="alice", password=PASSWORD).json
    access = pyjwt.decode(pair["access"], options={"verify_signature": False})
    refresh = pyjwt.decode(pair["refresh"], options={"verify_signature": False})
    assert list(access) == list(refresh) == ["token_type", "exp", "iat", "jti", "user_id"]
    assert (access["token_type"], refresh["token_type"]) == ("access", "refresh")
    assert access["user_id"] == refresh["user_id"] == alice
    assert re.fullmatch("[0-9a-f]{32}", access["jti"]) and access["jti"] != refresh["jti"]


# Token attacks: each one is refused on a private endpoint, on verify, and (as an access token) on refresh.


def _segments(token):
    return token.split(".")


def _b64(data):
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def _unb64(segment):
    return json.loads(base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)))


def _tampered(token):
    header, payload, signature = _segments(token)
    claims = _unb64(payload)
    claims["user_id"] = claims["user_id"] + 1
    return ".".join([header, _b64(claims), signature])


def _alg_none(token):
    claims = _unb64(_segments(token)[1])
    return ".".join([_b64({"alg": "none", "typ": "JWT"}), _b64(claims), ""])


def _other_key(token):
    claims = _unb64(_segments(token)[1])
    return pyjwt.encode(claims, "a-different-secret-key-of-enough-length", algorithm="HS256")


def _hs512(token):
    """Our own key (the tests' SECRET_KEY) with an algorithm we do not accept."""
    claims = _unb64(_segments(token)[1])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return pyjwt.encode(claims, "test-secret-key-of-sufficient-length-for-hs256", algorithm="HS512")


def _expired(token):
    claims = _unb64(_segments(token)[1])
    claims["exp"] = claims["iat"] - 1
    return pyjwt.encode(claims, "a-key-nobody-has-because-it-was-never-ours", algorithm="HS256")


ATTACKS = {
    "tampered payload": _tampered,
    "alg none": _alg_none,
    "signed with another key": _other_key,
    "other algorithm with our key": _hs512,
    "garbage": lambda token: "not.a.jwt",
    "truncated": lambda token: token[:-5],
    "empty": lambda token: "",
}


@pytest.mark.parametrize("attack", ATTACKS)
def test_forged_tokens_are_rejected(client, make_user, alice, attack):
    make_user("bob")
    token = ATTACKS[attack](obtain(client, username="alice", password=PASSWORD).json["access"])
    assert_unauthenticated(client.get(PRIVATE_URL, headers={"Authorization": f"Bearer {token}"}))
    assert_unauthenticated(client.post("/api/v2/token/verify", json={"token": token}))
    assert_unauthenticated(client.post("/api/v2/token/refresh", json={"refresh": token}))


def test_expired_access_token_is_rejected(app, client, alice):
    with app.app_context():
        token = auth.encode(alice, "access", lifetime=dt.timedelta(seconds=-1))
    assert_access_token_refused(client.get(PRIVATE_URL, headers={"Authorization": f"Bearer {token}"}),
                                "Token is expired")
    assert_unauthenticated(client.post("/api/v2/token/verify", json={"token": token}), "Token is expired",
                           TOKEN_NOT_VALID)


def test_expired_refresh_token_is_rejected(app, client, alice):
    with app.app_context():
        token = auth.encode(alice, "refresh", lifetime=dt.timedelta(seconds=-1))
    response = client.post("/api/v2/token/refresh", json={"refresh": token})
    assert_unauthenticated(response, "Token is expired", TOKEN_NOT_VALID)


def test_refresh_token_is_not_an_access_token(client, alice):
    refresh = obtain(client, username="alice", password=PASSWORD).json["refresh"]
    assert_access_token_refused(client.get(PRIVATE_URL, headers={"Authorization": f"Bearer {refresh}"}),
                                "Token has wrong type")


def test_access_token_is_not_a_refresh_token(client, alice):
    access = obtain(client, username="alice", password=PASSWORD).json["access"]
    assert_unauthenticated(client.post("/api/v2/token/refresh", json={"refresh": access}))


def test_token_of_a_deleted_user_stops_working(app, client, alice, auth_headers):
    headers = auth_headers("alice")
    with app.app_context():
        db.session.delete(db.session.get(User, alice))
        db.session.commit()
    assert_unauthenticated(client.get(PRIVATE_URL, headers=headers), "User not found", "user_not_found")


def test_token_with_a_non_numeric_user_id_is_rejected(app, client, alice):
    with app.app_context():
        token = auth.encode("alice", "access")
    assert_unauthenticated(client.get(PRIVATE_URL, headers={"Authorization": f"Bearer {token}"}))


# Missing credentials and other schemes


def test_no_credentials_on_a_private_endpoint_is_401(client):
    assert_unauthenticated(client.get(PRIVATE_URL), "Authentication credentials were not provided.")


def test_unknown_scheme_counts_as_anonymous(client, alice):
    basic = base64.b64encode(f"alice:{PASSWORD}".encode()).decode()
    assert_unauthenticated(client.get(PRIVATE_URL, headers={"Authorization": f"Basic {basic}"}))


def test_public_endpoints_need_no_credentials(client, catalog):
    response = client.get("/api/v2/language/")
    assert response.status_code == 200
    assert response.json["count"] > 0


# Permanent key


def test_permanent_key_authenticates(app, client, alice):
    key = permanent_key(app, alice)
    response = client.get(PROFILE_URL, headers={"Authorization": f"Token {key}"})
    assert response.status_code == 200
    assert response.json["username"] == "alice"


@pytest.mark.parametrize("header", ["Token nonsense", "Token ", "Token " + "0" * 40])
def test_wrong_permanent_key_is_401(client, alice, header):
    assert_unauthenticated(client.get(PRIVATE_URL, headers={"Authorization": header}))


@pytest.mark.parametrize("url", ["/api/v2/muscle/", "/api/v2/muscle/1/", "/api/v2/exercise/search/?term=press",
                                 "/api/v2/", "/api/v2/login/"])
def test_wrong_credentials_are_401_on_public_endpoints_too(client, catalog, url):
    """As the original, which evaluates authentication first; twice, so a cached answer cannot hide it."""
    for _ in range(2):
        assert_unauthenticated(client.get(url, headers={"Authorization": "Token nonsense"}), "Invalid token.")
        assert_access_token_refused(client.get(url, headers={"Authorization": "Bearer nonsense"}), "Token is invalid")


def test_the_token_views_read_no_authorization_header(client, alice):
    tokens = client.post("/api/v2/token", json={"username": "alice", "password": PASSWORD},
                         headers={"Authorization": "Bearer expired-or-garbage"})
    assert tokens.status_code == 200
    stale = {"Authorization": "Bearer expired-or-garbage"}
    refreshed = client.post("/api/v2/token/refresh", json={"refresh": tokens.json["refresh"]}, headers=stale)
    verified = client.post("/api/v2/token/verify", json={"token": tokens.json["access"]}, headers=stale)
    assert (refreshed.status_code, verified.status_code) == (200, 200)


def test_login_returns_the_permanent_key_with_deprecation(app, client, alice):
    response = client.post("/api/v2/login/", json={"username": "alice", "password": PASSWORD})
    assert response.status_code == 200
    assert response.json == {"token": permanent_key(app, alice)}
    assert response.headers["Deprecation"] == "Sat, 01 Oct 2022 23:59:59 GMT"


def test_login_by_email_and_key_created_when_missing(app, client, alice):
    with app.app_context():
        db.session.execute(db.delete(Token))
        db.session.commit()
    response = client.post("/api/v2/login/", json={"email": "alice@example.com", "password": PASSWORD})
    assert response.status_code == 200
    assert response.json == {"token": permanent_key(app, alice)}


def test_login_accepts_a_form(app, client, alice):
    response = client.post("/api/v2/login/", data={"username": "alice", "password": PASSWORD})
    assert response.json == {"token": permanent_key(app, alice)}


def test_login_get_explains_itself(client):
    response = client.get("/api/v2/login/")
    assert response.status_code == 200
    assert response.json == {"message": "You must send a 'username' and 'password' via POST"}


@pytest.mark.parametrize(("body", "errors"), [
    ({"username": "alice", "password": "wrong-password"}, {"non_field_errors": ["Username or password unknown"]}),
    ({"username": "nobody", "password": PASSWORD}, {"non_field_errors": ["Username or password unknown"]}),
    ({"password": PASSWORD}, {"non_field_errors": ['Please provide an "email" or a "username"']}),
    ({"username": "alice", "password": "short"}, {"password": ["Ensure this field has at least 8 characters."]}),
    ({"username": "alice"}, {"password": ["This field is required."]}),
])
def test_login_failures(client, alice, body, errors):
    response = client.post("/api/v2/login/", json=body)
    assert response.status_code == 400
    assert response.json == errors


# Passwords


def _django_hash(password, salt="saltsaltsalt", iterations=1000):
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), iterations)
    return f"pbkdf2_sha256${iterations}${salt}${base64.b64encode(digest).decode()}"


def test_passwords_are_stored_as_argon2_of_the_configured_cost(app, alice):
    assert user_row(app, "alice").password.startswith("$argon2id$v=19$m=8,t=1,p=1$")


def test_a_hash_of_another_cost_is_replaced_at_the_next_login(app, client, alice, monkeypatch):
    monkeypatch.setitem(app.config, "PASSWORD_HASH_TIME_COST", 2)
    assert obtain(client, username="alice", password="wrong-password").status_code == 401
    assert user_row(app, "alice").password.startswith("$argon2id$v=19$m=8,t=1,p=1$")
    assert obtain(client, username="alice", password=PASSWORD).status_code == 200
    assert user_row(app, "alice").password.startswith("$argon2id$v=19$m=8,t=2,p=1$")
    assert obtain(client, username="alice", password=PASSWORD).status_code == 200


def test_django_hash_logs_in_and_is_rehashed(app, client, alice):
    with app.app_context():
        db.session.get(User, alice).password = _django_hash("imported-password")
        db.session.commit()
    assert obtain(client, username="alice", password="wrong-password").status_code == 401
    assert user_row(app, "alice").password.startswith("pbkdf2_sha256$")
    assert obtain(client, username="alice", password="imported-password").status_code == 200
    assert user_row(app, "alice").password.startswith("$argon2id$")
    assert obtain(client, username="alice", password="imported-password").status_code == 200


@pytest.mark.parametrize("stored", ["!unusable", "pbkdf2_sha256$notanumber$salt$hash", "md5$abc$def", ""])
def test_malformed_or_unusable_hashes_never_match(app, client, alice, stored):
    with app.app_context():
        db.session.get(User, alice).password = stored
        db.session.commit()
    assert_unauthenticated(obtain(client, username="alice", password=stored or "anything"),
                           "No active account found with the given credentials")
    assert user_row(app, "alice").password == stored


def test_no_secret_in_logs_or_responses(app, client, alice, caplog):
    caplog.set_level(logging.DEBUG)
    wrong = obtain(client, username="alice", password="my-wrong-secret-pw")
    wrong_login = client.post("/api/v2/login/", json={"username": "alice", "password": "my-wrong-secret-pw"})
    right = obtain(client, username="alice", password=PASSWORD)
    key = client.post("/api/v2/login/", json={"username": "alice", "password": PASSWORD}).json["token"]
    secrets = ["my-wrong-secret-pw", PASSWORD, user_row(app, "alice").password, right.json["access"],
               right.json["refresh"], key]
    for secret in secrets:
        assert secret not in caplog.text
        assert secret not in wrong.get_data(as_text=True)
        assert secret not in wrong_login.get_data(as_text=True)


# Throttling


def _ip(address):
    return {"REMOTE_ADDR": address}


@pytest.mark.parametrize(("url", "limit"), [("/api/v2/login/", 10), ("/api/v2/token", 10), ("/api/v2/register/", 5)])
def test_rate_limits_per_client_address(client, url, limit):
    body = {"username": "nobody", "password": "wrong-password"}
    for _ in range(limit):
        assert client.post(url, json=body, environ_base=_ip("10.0.0.1")).status_code != 429
    throttled = client.post(url, json=body, environ_base=_ip("10.0.0.1"))
    assert throttled.status_code == 429
    assert 0 < int(throttled.headers["Retry-After"]) <= 60
    assert re.fullmatch(r"Request was throttled\. Expected available in \d+ seconds\.", throttled.json["detail"])
    assert client.post(url, json=body, environ_base=_ip("10.0.0.2")).status_code != 429


def test_get_on_login_is_not_throttled(client):
    for _ in range(12):
        assert client.get("/api/v2/login/").status_code == 200


def test_forwarded_for_is_ignored_without_trusted_proxies(client):
    body = {"username": "x", "password": "y"}
    for number in range(10):
        client.post("/api/v2/token", json=body, headers={"X-Forwarded-For": f"192.0.2.{number}"})
    assert client.post("/api/v2/token", json=body, headers={"X-Forwarded-For": "192.0.2.99"}).status_code == 429


def test_forwarded_for_from_trusted_proxies(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "NUM_PROXIES", 1)
    body = {"username": "x", "password": "y"}
    for _ in range(10):
        client.post("/api/v2/token", json=body, headers={"X-Forwarded-For": "198.51.100.7"})
    assert client.post("/api/v2/token", json=body, headers={"X-Forwarded-For": "198.51.100.7"}).status_code == 429
    spoofed = {"X-Forwarded-For": "203.0.113.9, 198.51.100.7"}
    assert client.post("/api/v2/token", json=body, headers=spoofed).status_code == 429
    assert client.post("/api/v2/token", json=body, headers={"X-Forwarded-For": "198.51.100.8"}).status_code == 401


def test_rate_is_a_setting(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "LOGIN_RATE_LIMIT", "2/minute")
    for _ in range(2):
        assert obtain(client, username="x", password="y").status_code == 401
    assert obtain(client, username="x", password="y").status_code == 429


def test_redis_url_selects_redis_storage(monkeypatch, tmp_path):
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/14")
    assert default_config(str(tmp_path))["RATE_LIMIT_STORAGE"] == "redis://127.0.0.1:6379/14"
    monkeypatch.delenv("REDIS_URL")
    assert default_config(str(tmp_path))["RATE_LIMIT_STORAGE"] == "database"


def test_rate_limits_count_in_the_database(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "RATE_LIMIT_STORAGE", "database")
    obtain(client, username="x", password="y")
    with app.app_context():
        assert db.session.scalars(sa.select(RateLimitCounter.count)).all() == [1]


def test_views_without_a_limit_count_nothing(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "RATE_LIMIT_STORAGE", "database")
    client.post("/api/v2/token/verify", json={"token": "x"})
    client.get("/api/v2/login/")
    client.get("/api/v2/version/")
    with app.app_context():
        assert db.session.scalars(sa.select(RateLimitCounter)).all() == []


@pytest.fixture
def redis_limits(app, monkeypatch):
    """Count rate limits in Redis for one test, then go back to the database: in `REDIS_URL`'s database, so
    that suites run side by side can be kept apart, else in database 14."""
    monkeypatch.setitem(app.config, "RATE_LIMIT_STORAGE", os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/14")
    storage = rate_limiter(app).storage
    storage.reset()
    yield storage
    storage.reset()


def test_rate_limits_in_redis(client, redis_limits):
    assert type(redis_limits).__name__ == "RedisStorage"
    for _ in range(10):
        assert obtain(client, username="x", password="y").status_code == 401
    assert obtain(client, username="x", password="y").status_code == 429
    assert any(key.startswith(b"LIMITS") for key in redis_limits.storage.keys("*"))


# Lockout


def _fail_from(client, network, times):
    """Send `times` wrong passwords for alice, each from another address of `network`."""
    for number in range(times):
        response = client.post("/api/v2/token", json={"username": "alice", "password": "wrong-password"},
                               environ_base=_ip(f"{network}.{number}"))
        assert response.status_code == 401


def test_lockout_after_ten_failures_whatever_the_address(client, alice):
    _fail_from(client, "10.1.0", 10)
    locked = client.post("/api/v2/token", json={"username": "alice", "password": PASSWORD},
                         environ_base=_ip("10.2.0.1"))
    assert locked.status_code == 403
    assert "locked" in locked.json["detail"]
    login = client.post("/api/v2/login/", json={"email": "alice@example.com", "password": PASSWORD},
                        environ_base=_ip("10.2.0.2"))
    assert login.status_code == 403


def test_success_resets_the_failure_count(client, alice):
    _fail_from(client, "10.3.0", 9)
    assert obtain(client, username="alice", password=PASSWORD).status_code == 200
    _fail_from(client, "10.4.0", 9)
    assert obtain(client, username="alice", password=PASSWORD).status_code == 200


def test_lock_expires(app, client, alice):
    with app.app_context():
        db.session.get(User, alice).locked_until = dt.datetime(2000, 1, 1)
        db.session.commit()
    assert obtain(client, username="alice", password=PASSWORD).status_code == 200


# Browser session: login page, logout, API key page


def _csrf(page):
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page.get_data(as_text=True))[1]


def _log_in(client, username="alice", password=PASSWORD, next_url=None):
    page = client.get("/user/login")
    url = "/user/login" + (f"?next={next_url}" if next_url else "")
    return client.post(url, data={"csrf_token": _csrf(page), "username": username, "password": password})


def test_login_page_starts_a_session_for_the_browsable_api(client, alice):
    assert client.get(PRIVATE_URL).status_code == 401
    response = _log_in(client, next_url="/api/v2/weightentry/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/api/v2/weightentry/"
    assert client.get(PRIVATE_URL).status_code == 200
    assert client.get("/api/v2/userprofile/?format=api").status_code == 200


def test_login_page_accepts_an_email(client, alice):
    assert _log_in(client, username="alice@example.com").status_code == 302
    assert client.get(PROFILE_URL).json["username"] == "alice"


def test_login_page_never_redirects_off_site(client, alice):
    response = _log_in(client, next_url="https://evil.example/")
    assert response.headers["Location"] == "/user/api-key"
    assert _log_in(client, next_url="//evil.example/").headers["Location"] == "/user/api-key"


def test_login_page_refuses_wrong_passwords_and_missing_csrf(client, alice):
    wrong = _log_in(client, password="wrong-password")
    assert wrong.status_code == 400
    assert "Username or password unknown." in wrong.get_data(as_text=True)
    assert client.post("/user/login", data={"username": "alice", "password": PASSWORD}).status_code == 400
    assert client.get(PRIVATE_URL).status_code == 401


def test_session_writes_need_the_csrf_token(client, alice):
    _log_in(client)
    body = {"date": "2024-01-01", "weight": "80"}
    forged = client.post(PRIVATE_URL, json=body)
    assert forged.status_code == 403
    assert forged.json["detail"].startswith("CSRF Failed")
    token = _csrf(client.get("/user/api-key"))
    assert client.post(PRIVATE_URL, json=body, headers={"X-CSRFToken": token}).status_code == 201


def test_a_script_reads_the_csrf_token_from_its_cookie(client, alice):
    assert client.get_cookie("csrftoken") is None
    _log_in(client)
    cookie = client.get_cookie("csrftoken")
    assert cookie is not None and not cookie.http_only and cookie.same_site == "Lax"
    body = {"date": "2024-01-01", "weight": "80"}
    assert client.post(PRIVATE_URL, json=body, headers={"X-CSRFToken": cookie.value}).status_code == 201
    assert client.get_cookie("csrftoken").value == cookie.value


def test_a_new_login_gets_a_new_csrf_cookie_and_logout_removes_it(client, alice, make_user):
    _log_in(client)
    first = client.get_cookie("csrftoken").value
    _log_in(client)
    second = client.get_cookie("csrftoken").value
    assert second != first
    body = {"date": "2024-01-02", "weight": "80"}
    assert client.post(PRIVATE_URL, json=body, headers={"X-CSRFToken": first}).status_code == 403
    assert client.post("/user/logout", data={"csrf_token": second}).status_code == 302
    assert client.get_cookie("csrftoken") is None


def test_logout_ends_the_session(client, alice):
    _log_in(client)
    token = _csrf(client.get("/user/api-key"))
    assert client.post("/user/logout", data={}).status_code == 403
    assert client.get(PRIVATE_URL).status_code == 200
    assert client.post("/user/logout", data={"csrf_token": token}).status_code == 302
    assert client.get(PRIVATE_URL).status_code == 401


def test_account_pages_share_the_browsable_navigation(client, alice):
    login = client.get("/user/login").get_data(as_text=True)
    assert 'href="/api/v2/schema/redoc">Reference</a>' in login
    assert '<button type="submit" class="primary">Log in</button>' in login
    _log_in(client)
    api_key = client.get("/user/api-key").get_data(as_text=True)
    assert '<span class="who">alice</span>' in api_key
    assert 'action="/user/logout"' in api_key


def test_api_key_page_needs_a_login(client):
    response = client.get("/user/api-key")
    assert response.status_code == 302
    assert response.headers["Location"] == "/user/login?next=/user/api-key"


def test_api_key_page_shows_and_regenerates_the_key(app, client, alice):
    _log_in(client)
    old_key = permanent_key(app, alice)
    page = client.get("/user/api-key")
    assert old_key in page.get_data(as_text=True)
    assert client.post("/user/api-key", data={}).status_code == 403
    assert permanent_key(app, alice) == old_key
    regenerated = client.post("/user/api-key", data={"csrf_token": _csrf(page)})
    new_key = permanent_key(app, alice)
    assert regenerated.status_code == 200
    assert new_key != old_key and new_key in regenerated.get_data(as_text=True)
    other = app.test_client()
    assert_unauthenticated(other.get(PRIVATE_URL, headers={"Authorization": f"Token {old_key}"}), "Invalid token.")
    assert other.get(PRIVATE_URL, headers={"Authorization": f"Token {new_key}"}).status_code == 200


def test_login_page_shows_the_lock(app, client, alice):
    with app.app_context():
        db.session.get(User, alice).locked_until = dt.datetime(2999, 1, 1)
        db.session.commit()
    response = _log_in(client)
    assert response.status_code == 400
    assert "locked" in response.get_data(as_text=True)


# Command line


def test_cli_creates_a_user(app, client):
    result = app.test_cli_runner().invoke(
        args=["user", "create", "carol", "--email", "carol@example.com", "--password", "a-long-password"]
    )
    assert result.exit_code == 0, result.output
    assert obtain(client, username="carol", password="a-long-password").status_code == 200
    assert user_row(app, "carol").is_superuser is False


def test_cli_prompts_for_the_password_and_makes_admins(app, client):
    result = app.test_cli_runner().invoke(args=["user", "create", "root", "--admin"],
                                          input="a-long-password\na-long-password\n")
    assert result.exit_code == 0, result.output
    assert "a-long-password" not in result.output
    assert user_row(app, "root").is_superuser is True


@pytest.mark.parametrize(("args", "message"), [
    (["alice", "--password", "another-password"], "already exists"),
    (["dave", "--email", "alice@example.com", "--password", "another-password"], "already in use"),
    (["dave", "--password", "short"], "too short"),
])
def test_cli_refuses_bad_input(app, alice, args, message):
    result = app.test_cli_runner().invoke(args=["user", "create", *args])
    assert result.exit_code != 0
    assert message in result.output


@pytest.mark.parametrize("scheme", ["Token", "Bearer"])
def test_a_private_list_authenticates_in_one_query(app, client, alice, auth_headers, count_queries, scheme):
    """The user, the versions its answer is kept under (`wger.api.replay`), then the page with its count."""
    headers = auth_headers("alice") if scheme == "Bearer" else {"Authorization": f"Token {permanent_key(app, alice)}"}
    response, queries = count_queries(lambda: client.get(PRIVATE_URL, headers=headers))
    assert response.status_code == 200
    assert queries == 3


def test_a_request_without_a_session_cookie_never_reads_a_session(app, client, alice, monkeypatch):
    def refuse(*args):
        raise AssertionError("the cookie session was read")

    monkeypatch.setattr(app.session_interface, "get_signing_serializer", refuse)
    key = permanent_key(app, alice)
    assert client.get(PRIVATE_URL, headers={"Authorization": f"Token {key}"}).status_code == 200
    response = client.get("/api/v2/language/")
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers
