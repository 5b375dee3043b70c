"""The provider started for a test module: its database and people made by `setup.py`, then
`runserver` on a free port of this machine, stopped when the module ends."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "provider-password"
# Where the provider sends people back: the test client's host, and any port of the loopback
# address (RFC 8252, which django-oauth-toolkit follows), for a live server.
RETURN_URIS = [
    "http://testserver/accounts/sign-on/return/",
    "http://127.0.0.1/accounts/sign-on/return/",
]
NEWCOMER = "rosa.diaz@produce.example.pe"
# The provider's people: (username there, e-mail address, verified by the organisation).
PEOPLE = [
    ("chile", "Delegate-CHL@Example.org", True),  # the address of delegate-chl, in other case
    ("chile-unverified", "delegate-chl@example.org", False),
    ("director", "director@example.org", True),
    ("stranger", "stranger@example.org", True),
    ("newcomer", NEWCOMER, True),
]


@dataclass(frozen=True)
class Provider:
    url: str
    client_id: str
    client_secret: str

    @property
    def discovery_url(self) -> str:
        return f"{self.url}/o/.well-known/openid-configuration"


BUTTON_LABEL = "Sign in with Example Agency"


def use_provider(settings, provider: Provider) -> Provider:
    """Single sign-on through the provider, for the test (pytest-django's `settings`)."""
    settings.OIDC_DISCOVERY_URL = provider.discovery_url
    settings.OIDC_CLIENT_ID = provider.client_id
    settings.OIDC_CLIENT_SECRET = provider.client_secret
    settings.OIDC_BUTTON_LABEL = BUTTON_LABEL
    return provider


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for_port(port: int, server: subprocess.Popen, log: Path, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"The provider stopped:\n{log.read_text()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"The provider did not answer on port {port}:\n{log.read_text()}")


@contextmanager
def running_provider(folder: Path) -> Iterator[Provider]:
    """A provider with a new RSA signing key, the site's client and PEOPLE, its database and
    log in `folder`."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048).private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    port = _free_port()
    provider = Provider(f"http://127.0.0.1:{port}", "smewg-tracker", "a-secret-for-tests-only")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.oidc_provider.settings",
        "PROVIDER_DATABASE": str(folder / "provider.sqlite3"),
        "PROVIDER_RSA_KEY": key.decode(),
    }
    spec = {
        "client_id": provider.client_id,
        "client_secret": provider.client_secret,
        "redirect_uris": " ".join(RETURN_URIS),
        "people": [
            {"username": name, "email": email, "password": PASSWORD, "verified": verified}
            for name, email, verified in PEOPLE
        ],
    }
    subprocess.run(
        [sys.executable, "-m", "tests.oidc_provider.setup", json.dumps(spec)],
        cwd=ROOT,
        env=env,
        check=True,
    )
    log = folder / "server.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "django", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_for_port(port, server, log)
        yield provider
    finally:
        server.terminate()
        try:
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
