"""Only allowed hosts are answered, so a forged `Host` header never reaches a link in a response."""

import pytest

INVALID_HOST = {"detail": "Invalid Host header: this server does not serve that host (see ALLOWED_HOSTS)."}


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "localhost.evil.example", "127.0.0.1.nip.io",
                                  "localhost@evil.example", ""])
@pytest.mark.parametrize("path", ["/api/v2/muscle/", "/api/v2/nowhere/", "/user/login"])
def test_an_unknown_host_is_refused_with_400(client, catalog, host, path):
    response = client.get(path, headers={"Host": host})
    assert response.status_code == 400
    assert response.json == INVALID_HOST


@pytest.mark.parametrize("host", ["localhost", "localhost:8123", "127.0.0.1:8000", "127.0.0.1", "[::1]:8000",
                                  "LOCALHOST:1"])
def test_the_loopback_names_are_served_on_any_port(client, catalog, host):
    response = client.get("/api/v2/muscle/?limit=2", headers={"Host": host})
    assert response.status_code == 200
    assert response.json["next"] == f"http://{host.lower()}/api/v2/muscle/?limit=2&offset=2"


def test_allowed_hosts_replace_the_loopback_names(app, client, catalog, monkeypatch):
    monkeypatch.setitem(app.config, "ALLOWED_HOSTS", ("api.example.org", ".wger.example"))
    assert client.get("/api/v2/muscle/", headers={"Host": "localhost"}).status_code == 400
    assert client.get("/api/v2/muscle/", headers={"Host": "wger.example"}).status_code == 400
    for host in ("api.example.org", "api.example.org:443", "eu.wger.example"):
        response = client.get("/api/v2/muscle/?limit=2", headers={"Host": host})
        assert response.json["next"].startswith(f"http://{host}/api/v2/muscle/")


def test_a_star_allows_every_host(app, client, catalog, monkeypatch):
    monkeypatch.setitem(app.config, "ALLOWED_HOSTS", ("*",))
    assert client.get("/api/v2/muscle/", headers={"Host": "anything.example"}).status_code == 200
