"""Registration, the user's profile (with email verification) and check-permission, through HTTP."""

import email
import json
import logging
import re
import socket
import socketserver
import threading
import time
from urllib.parse import urlsplit

import pytest

from wger import accounts
from wger.database import db
from wger.models import Group, Permission, User

PROFILE = "/api/v2/userprofile/"
REGISTER = "/api/v2/register/"
PROFILE_FIELDS = [
    "username", "email", "email_verified", "is_trustworthy", "date_joined", "gym", "is_temporary",
    "show_comments", "show_english_ingredients", "workout_reminder_active", "workout_reminder",
    "workout_duration", "last_workout_notification", "notification_language", "age", "birthdate", "height",
    "gender", "sleep_hours", "work_hours", "work_intensity", "sport_hours", "sport_intensity", "freetime_hours",
    "freetime_intensity", "calories", "weight_unit", "ro_access", "num_days_weight_reminder",
]


class _SMTPHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP for smtplib: every message received is appended to the server's outbox."""

    def handle(self):
        self.wfile.write(b"220 test SMTP\r\n")
        lines, receiving = [], False
        for line in self.rfile:
            if receiving:
                if line == b".\r\n":
                    self.server.outbox.append(email.message_from_bytes(b"".join(lines)))
                    lines, receiving = [], False
                    self.wfile.write(b"250 queued\r\n")
                else:
                    lines.append(line)
                continue
            verb = line[:4].upper()
            if verb == b"DATA":
                receiving = True
                self.wfile.write(b"354 go on\r\n")
            elif verb == b"QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                self.wfile.write(b"250 ok\r\n")


@pytest.fixture
def outbox(app, monkeypatch):
    """A real SMTP server on a free local port; the app sends through it and its messages land here."""
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _SMTPHandler)
    server.outbox = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", server.server_address[1])
    yield server.outbox
    server.shutdown()
    server.server_close()


def _link(message):
    body = message.get_payload(decode=True).decode()
    return urlsplit(re.search(r"http://\S+", body)[0]).path


@pytest.fixture
def alice(make_user, catalog):
    return make_user("alice", email="alice@example.com")


@pytest.fixture
def headers(alice, auth_headers):
    return auth_headers("alice")


def profile_of(app, user_id):
    with app.app_context():
        user = db.session.get(User, user_id)
        return user.email, user.profile.email_verified


# Registration


def test_register_returns_a_working_permanent_key(client):
    response = client.post(REGISTER, json={"username": "restapi", "email": "abc@cde.fg", "password": "AekaiLe0ga"})
    assert response.status_code == 201
    assert list(response.json) == ["message", "token"]
    assert response.json["message"] == "api user successfully registered"
    profile = client.get(PROFILE, headers={"Authorization": f"Token {response.json['token']}"})
    assert profile.json["username"] == "restapi"
    assert profile.json["email"] == "abc@cde.fg"


def test_register_without_email(client):
    response = client.post(REGISTER, json={"username": "restapi", "password": "AekaiLe0ga"})
    assert response.status_code == 201
    assert client.get(PROFILE, headers={"Authorization": f"Token {response.json['token']}"}).json["email"] == ""


def test_register_cannot_make_a_superuser(app, client):
    body = {"username": "sneaky", "password": "AekaiLe0ga", "is_superuser": True, "email_verified": True}
    client.post(REGISTER, json=body)
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.username == "sneaky"))
        assert (user.is_superuser, user.profile.email_verified) == (False, False)


@pytest.mark.parametrize(("body", "field"), [
    ({"username": "alice", "password": "AekaiLe0ga"}, "username"),
    ({"username": "other", "email": "ALICE@example.com", "password": "AekaiLe0ga"}, "email"),
    ({"username": "other", "email": "example.com", "password": "AekaiLe0ga"}, "email"),
    ({"email": "x@example.com", "password": "AekaiLe0ga"}, "username"),
    ({"username": "bad name!", "password": "AekaiLe0ga"}, "username"),
    ({"username": "x" * 151, "password": "AekaiLe0ga"}, "username"),
    ({"username": "other", "email": "a" * 243 + "@example.com", "password": "AekaiLe0ga"}, "email"),
    ({"username": "other"}, "password"),
    ({"username": "other", "password": "Ae1x"}, "password"),
    ({"username": "other", "password": "1234567890"}, "password"),
    ({"username": "longusername", "password": "LongUserName"}, "password"),
])
def test_register_refuses_bad_input(client, alice, body, field):
    response = client.post(REGISTER, json=body)
    assert response.status_code == 400
    assert list(response.json) == [field]


def test_register_names_every_password_problem(client):
    response = client.post(REGISTER, json={"username": "1234", "password": "1234"})
    assert response.json == {"password": [
        "This password is too short. It must contain at least 8 characters.",
        "This password is entirely numeric.",
        "The password is too similar to the username.",
    ]}


def test_register_can_be_switched_off(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "ALLOW_REGISTRATION", False)
    response = client.post(REGISTER, json={"username": "restapi", "password": "AekaiLe0ga"})
    assert response.status_code == 403
    assert "detail" in response.json


def test_register_get_is_405(client):
    response = client.get(REGISTER)
    assert response.status_code == 405
    assert response.json == {"detail": 'Method "GET" not allowed.'}
    assert set(response.headers["Allow"].split(", ")) == {"POST", "OPTIONS"}


def test_register_sends_a_verification_email(client, outbox):
    client.post(REGISTER, json={"username": "restapi", "email": "abc@cde.fg", "password": "AekaiLe0ga"})
    assert [message["To"] for message in outbox] == ["abc@cde.fg"]


# The profile


def test_profile_fields_and_defaults(client, headers):
    response = client.get(PROFILE, headers=headers)
    assert response.status_code == 200
    profile = response.json
    assert list(profile) == PROFILE_FIELDS
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?\+00:00", profile.pop("date_joined"))
    assert profile == {
        "username": "alice", "email": "alice@example.com", "email_verified": False, "is_trustworthy": False,
        "gym": None, "is_temporary": False, "show_comments": True, "show_english_ingredients": True,
        "workout_reminder_active": False, "workout_reminder": 14, "workout_duration": 12,
        "last_workout_notification": None, "notification_language": 2, "age": None, "birthdate": None,
        "height": None, "gender": "1", "sleep_hours": 7, "work_hours": 8, "work_intensity": "1", "sport_hours": 3,
        "sport_intensity": "2", "freetime_hours": 8, "freetime_intensity": "1", "calories": 2500,
        "weight_unit": "kg", "ro_access": False, "num_days_weight_reminder": 0,
    }


@pytest.mark.parametrize("pk", ["1", "999", "anything"])
def test_any_detail_url_is_the_callers_profile(client, headers, pk):
    assert client.get(f"{PROFILE}{pk}/", headers=headers).json == client.get(PROFILE, headers=headers).json


@pytest.mark.parametrize(("method", "url"), [("post", PROFILE), ("put", PROFILE + "1/"), ("patch", PROFILE + "7/")])
def test_profile_updates(client, headers, method, url):
    body = {"height": 180, "gender": "2", "birthdate": "1990-05-17", "weight_unit": "lb", "notification_language": 1,
            "sleep_hours": None}
    response = getattr(client, method)(url, json=body, headers=headers)
    assert response.status_code == 200
    assert {key: response.json[key] for key in body} == body
    assert client.get(PROFILE, headers=headers).json["height"] == 180


@pytest.mark.parametrize(("body", "field"), [
    ({"workout_reminder": 0}, "workout_reminder"),
    ({"workout_duration": 31}, "workout_duration"),
    ({"height": 100}, "height"),
    ({"age": 5}, "age"),
    ({"gender": "3"}, "gender"),
    ({"weight_unit": "st"}, "weight_unit"),
    ({"calories": "lots"}, "calories"),
    ({"birthdate": "2024-01-01"}, "birthdate"),
    ({"notification_language": 999}, "notification_language"),
    ({"email": "not-an-email"}, "email"),
    ({"email": None}, "email"),
])
def test_invalid_profile_data_is_400(client, headers, body, field):
    response = client.post(PROFILE, json=body, headers=headers)
    assert response.status_code == 400
    assert list(response.json) == [field]


def test_read_only_fields_are_ignored(client, headers):
    body = {"email_verified": True, "username": "mallory", "is_temporary": True, "gym": 3, "user": 99}
    response = client.post(PROFILE, json=body, headers=headers)
    assert response.status_code == 200
    assert (response.json["email_verified"], response.json["username"], response.json["is_temporary"]) == (
        False, "alice", False)


def test_changing_the_email_resets_verification(app, client, alice, headers):
    with app.app_context():
        db.session.get(User, alice).profile.email_verified = True
        db.session.commit()
    assert client.post(PROFILE, json={"email": "alice@example.com"}, headers=headers).json["email_verified"] is True
    response = client.post(PROFILE, json={"email": "new@example.com"}, headers=headers)
    assert (response.json["email"], response.json["email_verified"]) == ("new@example.com", False)


def test_email_of_another_user_is_refused(client, make_user, headers):
    make_user("bob", email="bob@example.com")
    response = client.patch(f"{PROFILE}1/", json={"email": "BOB@example.com"}, headers=headers)
    assert response.status_code == 400
    assert response.json == {"email": ["This field must be unique."]}


@pytest.mark.parametrize(("method", "url"), [
    ("delete", PROFILE), ("delete", PROFILE + "1/"), ("put", PROFILE), ("patch", PROFILE), ("post", PROFILE + "1/"),
])
def test_unsupported_profile_methods_are_405(client, headers, method, url):
    before = client.get(PROFILE, headers=headers).json
    response = getattr(client, method)(url, json={"height": 180}, headers=headers)
    assert response.status_code == 405
    assert response.json == {"detail": f'Method "{method.upper()}" not allowed.'}
    assert method.upper() not in response.headers["Allow"].split(", ")
    assert client.get(PROFILE, headers=headers).json == before


@pytest.mark.parametrize(("method", "url"), [("delete", PROFILE), ("delete", PROFILE + "1/"), ("put", PROFILE)])
def test_unsupported_profile_methods_challenge_anonymous_callers_first(client, method, url):
    response = getattr(client, method)(url, json={})
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="api"'


@pytest.mark.parametrize(("method", "url"), [
    ("get", PROFILE), ("post", PROFILE), ("get", PROFILE + "1/"), ("put", PROFILE + "1/"), ("patch", PROFILE + "1/"),
    ("get", PROFILE + "verify-email/"),
])
def test_anonymous_profile_requests_are_401(client, alice, method, url):
    response = getattr(client, method)(url, json={"height": 180})
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="api"'


def test_each_user_sees_and_changes_only_their_own_profile(app, client, make_user, headers, auth_headers):
    bob = make_user("bob")
    bob_headers = auth_headers("bob")
    client.post(PROFILE, json={"height": 150, "user": bob}, headers=headers)
    assert client.get(PROFILE, headers=bob_headers).json["height"] is None
    assert client.get(f"{PROFILE}{bob}/", headers=headers).json["username"] == "alice"


@pytest.mark.parametrize(("days_old", "verified", "superuser", "trustworthy"), [
    (30, True, False, True), (5, True, False, False), (30, False, False, False), (0, False, True, True),
])
def test_is_trustworthy(client, make_user, auth_headers, days_old, verified, superuser, trustworthy):
    make_user("carol", email="carol@example.com", days_old=days_old, email_verified=verified, is_superuser=superuser)
    assert client.get(PROFILE, headers=auth_headers("carol")).json["is_trustworthy"] is trustworthy


def test_a_kept_profile_is_never_stale(client, make_user, key_headers, flask_requests):
    make_user("carol", email="carol@example.com")
    headers = key_headers("carol")
    assert client.get(PROFILE, headers=headers).json["height"] is None
    assert client.get(PROFILE, headers=headers).json["height"] is None
    assert client.post(PROFILE, json={"height": 170, "email": "c@example.com"}, headers=headers).status_code == 200
    profile = client.get(PROFILE, headers=headers).json
    assert (profile["height"], profile["email"]) == (170, "c@example.com")
    assert flask_requests == [PROFILE, PROFILE, PROFILE]


def test_a_profile_is_kept_only_until_its_account_comes_of_age(app, client, make_user, key_headers,
                                                              flask_requests):
    one_second = 1 / 86400
    make_user("carol", email="carol@example.com", email_verified=True,
              days_old=app.config["MIN_ACCOUNT_AGE_TO_TRUST"] - one_second)
    headers = key_headers("carol")
    assert client.get(PROFILE, headers=headers).json["is_trustworthy"] is False
    assert client.get(PROFILE, headers=headers).json["is_trustworthy"] is False
    assert flask_requests == [PROFILE]
    time.sleep(1.1)
    assert client.get(PROFILE, headers=headers).json["is_trustworthy"] is True


def test_profile_lists_in_the_api_root_after_license(client):
    names = list(client.get("/api/v2/").json)
    assert names.index("userprofile") == names.index("license") + 1
    assert names[names.index("userprofile") + 1] == "setting-repetitionunit"
    assert client.get("/api/v2/").json["userprofile"] == "http://localhost/api/v2/userprofile/"


# Email verification


def test_verification_email_link_verifies(app, client, alice, headers, outbox):
    response = client.get(PROFILE + "verify-email/", headers=headers)
    assert response.status_code == 200
    assert response.json == {"status": "sent", "message": "A verification email was sent to alice@example.com"}
    (message,) = outbox
    assert message["To"] == "alice@example.com"
    assert client.get(_link(message)).status_code == 200
    assert profile_of(app, alice) == ("alice@example.com", True)
    assert client.get(PROFILE + "verify-email/", headers=headers).json == {
        "status": "verified", "message": "This email is already verified"}
    assert len(outbox) == 1


def test_verification_link_is_on_the_site_url_whatever_the_request_host(app, client, headers, outbox, monkeypatch):
    monkeypatch.setitem(app.config, "SITE_URL", "https://wger.example.org")
    client.get(PROFILE + "verify-email/", headers={**headers, "Host": "127.0.0.1:8123"})
    body = outbox[0].get_payload(decode=True).decode()
    assert re.search(r"https?://\S+", body)[0].startswith("https://wger.example.org/user/confirm-email/")


def test_link_for_a_replaced_address_verifies_nothing(app, client, alice, headers, outbox):
    client.get(PROFILE + "verify-email/", headers=headers)
    client.post(PROFILE, json={"email": "new@example.com"}, headers=headers)
    assert client.get(_link(outbox[0])).status_code == 400
    assert profile_of(app, alice) == ("new@example.com", False)


def test_tampered_link_verifies_nothing(app, client, alice, headers, outbox):
    client.get(PROFILE + "verify-email/", headers=headers)
    assert client.get(_link(outbox[0]) + "x").status_code == 400
    assert client.get("/user/confirm-email/nonsense").status_code == 400
    assert profile_of(app, alice) == ("alice@example.com", False)


def test_without_smtp_server_the_email_goes_to_the_log(client, headers, caplog):
    caplog.set_level(logging.INFO)
    response = client.get(PROFILE + "verify-email/", headers=headers)
    assert response.status_code == 200
    assert response.json["status"] == "sent"
    assert "/user/confirm-email/" in caplog.text


def test_unreachable_smtp_server_is_503(app, client, headers, monkeypatch):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", closed_port)
    response = client.get(PROFILE + "verify-email/", headers=headers)
    assert response.status_code == 503
    assert "detail" in response.json


def test_verify_without_an_address_is_400(client, make_user, auth_headers):
    make_user("noemail")
    response = client.get(PROFILE + "verify-email/", headers=auth_headers("noemail"))
    assert response.status_code == 400
    assert list(response.json) == ["email"]


# check-permission

CHECK = "/api/v2/check-permission/"


@pytest.mark.parametrize("authenticated", [False, True])
def test_check_permission_needs_a_name(client, headers, authenticated):
    response = client.get(CHECK, headers=headers if authenticated else {})
    assert response.status_code == 400
    assert response.json == "Please pass a permission name in the 'permission' parameter"


def test_check_permission_is_false_for_anonymous(client):
    assert client.get(f"{CHECK}?permission=exercises.add_exercise").json == {"result": False}


@pytest.fixture
def editors(app):
    with app.app_context():
        group = Group(name="exercises_editor",
                      permissions=[Permission(app_label="exercises", codename="change_muscle", name="Change muscle")])
        db.session.add(group)
        db.session.commit()
        return group.id


def _join(app, username, group_id):
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.username == username))
        user.groups.append(db.session.get(Group, group_id))
        db.session.commit()


@pytest.mark.parametrize(("permission", "result"), [
    ("exercises.add_exercise", True), ("exercises.change_muscle", True), ("exercises.delete_exercise", False),
    ("foo.bar_baz", False),
])
def test_check_permission_through_user_and_group(app, client, make_user, auth_headers, editors, permission, result):
    make_user("dora", permissions=["exercises.add_exercise"])
    _join(app, "dora", editors)
    response = client.get(f"{CHECK}?permission={permission}", headers=auth_headers("dora"))
    assert response.json == {"result": result}


def test_check_permission_without_grants_is_false(client, headers, editors):
    assert client.get(f"{CHECK}?permission=exercises.change_muscle", headers=headers).json == {"result": False}


def test_superuser_holds_every_permission(client, make_user, auth_headers):
    make_user("root", is_superuser=True)
    assert client.get(f"{CHECK}?permission=foo.bar_baz", headers=auth_headers("root")).json == {"result": True}


def test_check_permission_with_a_bad_token_is_401(client):
    response = client.get(f"{CHECK}?permission=x.y", headers={"Authorization": "Token wrong"})
    assert response.status_code == 401
    assert response.json == {"detail": "Invalid token."}
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="api"'


def test_the_email_limit_is_254_characters(client):
    longest = "a" * 242 + "@example.com"
    response = client.post(REGISTER, json={"username": "other", "email": longest + "x", "password": "AekaiLe0ga"})
    assert response.json == {"email": ["Ensure this field has no more than 254 characters."]}
    response = client.post(REGISTER, json={"username": "other", "email": longest, "password": "AekaiLe0ga"})
    assert response.status_code == 201
    profile = client.get(PROFILE, headers={"Authorization": f"Token {response.json['token']}"})
    assert profile.json["email"] == longest


def test_a_profile_email_longer_than_254_characters_is_a_field_error(client, headers):
    response = client.post(PROFILE, json={"email": "a" * 243 + "@example.com"}, headers=headers)
    assert response.status_code == 400
    assert response.json == {"email": ["Ensure this field has no more than 254 characters."]}
    assert client.get(PROFILE, headers=headers).json["email"] != "a" * 243 + "@example.com"


@pytest.mark.parametrize("body", [b'{"gender": "\\ud800"}', b'{"email": "\\udfff@example.com"}',
                                  b'{"weight_unit": "kg\\u0000"}'])
def test_a_profile_update_with_unstorable_text_is_a_field_error(client, headers, body):
    response = client.post(PROFILE, data=body, headers={**headers, "Content-Type": "application/json"})
    assert response.status_code == 400
    assert list(response.json) == [next(iter(json.loads(body)))]


def test_a_registration_that_loses_a_race_for_its_username_is_a_400(client, monkeypatch):
    """Two registrations of one name that both passed the check: the database refuses the second, which gets
    the same answer as if the check had caught it, and leaves nothing behind."""
    first = client.post(REGISTER, json={"username": "racer", "password": "AekaiLe0ga"})
    monkeypatch.setattr(accounts, "registration_problems", lambda *args: {})
    second = client.post(REGISTER, json={"username": "racer", "email": "second@example.com", "password": "AekaiLe0ga"})
    assert (first.status_code, second.status_code) == (201, 400)
    assert second.json == {"username": ["This field must be unique."]}
    second_key = client.post("/api/v2/login/", json={"email": "second@example.com", "password": "AekaiLe0ga"})
    assert second_key.json == {"non_field_errors": ["Username or password unknown"]}
