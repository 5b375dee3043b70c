"""Security keys (WebAuthn) through the Django test client, with a software key: an EC P-256 key
pair that answers the server's options as a real key does ("none" attestation, signed
assertions), so that the server's checks run on true answers. The browser journey with
Chromium's virtual authenticator is tests/browser/test_security_keys.py."""

import hashlib
import json
import struct
from base64 import urlsafe_b64decode, urlsafe_b64encode

import cbor2
import pytest
from axes.models import AccessAttempt
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from plans.accounts.twofactor.models import WebAuthnDevice
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

BASE = "/accounts/two-factor/security-keys/"
ADD_OPTIONS, ADD = f"{BASE}add/options/", f"{BASE}add/"
SIGN_IN_OPTIONS, SIGN_IN = f"{BASE}sign-in/options/", f"{BASE}sign-in/"
ORIGIN = "http://testserver"


@pytest.fixture(autouse=True)
def site(settings):
    settings.TWO_FACTOR_REQUIRED = True
    settings.SITE_URL = ORIGIN  # the test client's host: the relying party is "testserver"


def b64(data: bytes) -> str:
    return urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64(text: str) -> bytes:
    return urlsafe_b64decode(text + "=" * (-len(text) % 4))


class SoftwareKey:
    def __init__(self, credential_id: bytes) -> None:
        self.credential_id = credential_id
        self.private = ec.generate_private_key(ec.SECP256R1())
        self.count = 0

    def _auth_data(self, flags: int, attested: bytes = b"") -> bytes:
        self.count += 1
        rp_hash = hashlib.sha256(b"testserver").digest()
        return rp_hash + bytes([flags]) + struct.pack(">I", self.count) + attested

    @staticmethod
    def _client_data(kind: str, options: dict) -> bytes:
        return json.dumps(
            {"type": kind, "challenge": options["challenge"], "origin": ORIGIN}
        ).encode()

    def create(self, options: dict) -> dict:
        numbers = self.private.public_key().public_numbers()
        cose = cbor2.dumps(
            {1: 2, 3: -7, -1: 1, -2: numbers.x.to_bytes(32), -3: numbers.y.to_bytes(32)}
        )
        attested = bytes(16) + struct.pack(">H", len(self.credential_id)) + self.credential_id
        auth_data = self._auth_data(0x45, attested + cose)  # user present, verified, attested
        attestation = cbor2.dumps({"fmt": "none", "attStmt": {}, "authData": auth_data})
        return {
            "id": b64(self.credential_id),
            "rawId": b64(self.credential_id),
            "type": "public-key",
            "response": {
                "clientDataJSON": b64(self._client_data("webauthn.create", options)),
                "attestationObject": b64(attestation),
                "transports": ["usb"],
            },
            "clientExtensionResults": {},
        }

    def get(self, options: dict, *, as_id: bytes | None = None) -> dict:
        client_data = self._client_data("webauthn.get", options)
        auth_data = self._auth_data(0x05)  # user present and verified
        signed = auth_data + hashlib.sha256(client_data).digest()
        credential_id = b64(as_id or self.credential_id)
        return {
            "id": credential_id,
            "rawId": credential_id,
            "type": "public-key",
            "response": {
                "clientDataJSON": b64(client_data),
                "authenticatorData": b64(auth_data),
                "signature": b64(self.private.sign(signed, ec.ECDSA(hashes.SHA256()))),
            },
            "clientExtensionResults": {},
        }


def post_json(client: Client, url: str, body: dict | None = None):
    return client.post(url, json.dumps(body or {}), content_type="application/json")


def add_key(client: Client, key: SoftwareKey, name: str = "Blue key") -> WebAuthnDevice:
    options = post_json(client, ADD_OPTIONS).json()
    done = post_json(client, ADD, {"name": name, "credential": key.create(options)})
    assert done.status_code == 200, done.content
    assert done.json() == {"redirect": "/accounts/two-factor/"}
    return WebAuthnDevice.objects.get(credential_id=b64(key.credential_id))


def signed_in_unverified(user) -> Client:
    client = client_for(user)
    assert client.get("/")["Location"].startswith("/accounts/two-factor/verify/")
    return client


def test_a_key_is_added_then_signs_in_once_per_challenge(director):
    key = SoftwareKey(b"director-key-1")
    device = add_key(client_for(director, verified=True), key)
    assert (device.user, device.name, device.transports) == (director, "Blue key", ["usb"])
    assert device.history.get().history_user == director

    client = signed_in_unverified(director)
    options = post_json(client, SIGN_IN_OPTIONS).json()
    assert [c["id"] for c in options["allowCredentials"]] == [b64(b"director-key-1")]
    answer = key.get(options)
    done = post_json(client, SIGN_IN, {"credential": answer, "next": "/plans/"})
    assert done.json() == {"redirect": "/plans/"}
    assert client.get("/plans/").status_code == 200
    device.refresh_from_db()
    assert device.sign_count == 2
    assert device.last_used_at is not None
    assert device.history.count() == 1  # a use is not a change of the key

    # The same answer again, in another session that has asked for no challenge: refused.
    other = signed_in_unverified(director)
    replay = post_json(other, SIGN_IN, {"credential": answer})
    assert replay.status_code == 400
    assert "expired" in replay.json()["error"]
    # Nor after asking for a fresh challenge, which it does not answer; that one is spent too.
    post_json(other, SIGN_IN_OPTIONS)
    assert post_json(other, SIGN_IN, {"credential": answer}).status_code == 400
    assert "expired" in post_json(other, SIGN_IN, {"credential": answer}).json()["error"]
    assert other.get("/")["Location"].startswith("/accounts/two-factor/verify/")


def test_a_challenge_of_adding_a_key_does_not_sign_in(director):
    key = SoftwareKey(b"director-key-1")
    client = client_for(director, verified=True)
    add_key(client, key)
    client = signed_in_unverified(director)
    post_json(client, SIGN_IN_OPTIONS)
    # The sign-in challenge, answered as if it were for a new key.
    refused = post_json(client, ADD, {"name": "Copy", "credential": {}})
    assert refused.status_code == 302  # an unverified session adds nothing: sent to the step
    assert WebAuthnDevice.objects.count() == 1


def test_another_persons_key_does_not_sign_in(director, chair):
    add_key(client_for(director, verified=True), SoftwareKey(b"director-key-1"))
    chairs_key = SoftwareKey(b"chair-key-1")
    add_key(client_for(chair, verified=True), chairs_key)

    client = signed_in_unverified(director)
    options = post_json(client, SIGN_IN_OPTIONS).json()
    refused = post_json(client, SIGN_IN, {"credential": chairs_key.get(options)})
    assert refused.status_code == 400
    assert "not one of yours" in refused.json()["error"]
    assert client.get("/")["Location"].startswith("/accounts/two-factor/verify/")
    assert AccessAttempt.objects.get(username="director").failures_since_start == 1

    # Nor the chair's signature presented under the director's key's id.
    options = post_json(client, SIGN_IN_OPTIONS).json()
    forged = chairs_key.get(options, as_id=b"director-key-1")
    assert post_json(client, SIGN_IN, {"credential": forged}).status_code == 400
    assert AccessAttempt.objects.get(username="director").failures_since_start == 2


def test_another_persons_key_is_not_removed(director, chair):
    chairs = add_key(client_for(chair, verified=True), SoftwareKey(b"chair-key-1"))
    client = client_for(director, verified=True)
    assert client.post(f"{BASE}{chairs.pk}/remove/").status_code == 404
    assert WebAuthnDevice.objects.filter(pk=chairs.pk).exists()


def test_a_key_needs_an_authenticator_app_first(delegate_chl):
    refused = post_json(client_for(delegate_chl), ADD_OPTIONS)
    assert refused.status_code == 400
    assert "authenticator app first" in refused.json()["error"]


def test_removing_the_last_app_removes_the_keys(delegate_chl):
    """A delegate may go back to a password alone: no key is left that nothing backs."""
    client = client_for(delegate_chl, verified=True)
    add_key(client, SoftwareKey(b"delegate-key-1"))
    app = TOTPDevice.objects.get(user=delegate_chl)
    removed = client.post(
        f"/accounts/two-factor/remove/{app.pk}/", {"code": f"{totp(app.bin_key):06d}"}
    )
    assert removed.status_code == 302
    assert not WebAuthnDevice.objects.filter(user=delegate_chl).exists()


@pytest.mark.parametrize("url", [ADD_OPTIONS, ADD, SIGN_IN_OPTIONS, SIGN_IN, f"{BASE}1/remove/"])
def test_the_endpoints_take_posts_of_signed_in_people(url, director):
    assert client_for(director, verified=True).get(url).status_code == 405
    anonymous = Client().post(url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/accounts/login/")


def test_the_administrator_deletes_a_lost_key_in_the_admin(director, administrator):
    device = add_key(client_for(director, verified=True), SoftwareKey(b"director-key-1"))
    admin = client_for(administrator, verified=True)
    listing = admin.get("/admin/plans/webauthndevice/")
    assert listing.status_code == 200
    assert "Blue key" in listing.text
    url = f"/admin/plans/webauthndevice/{device.pk}/delete/"
    assert admin.post(url, {"post": "yes"}).status_code == 302
    assert not WebAuthnDevice.objects.filter(pk=device.pk).exists()
    assert WebAuthnDevice.history.filter(history_type="-").get().history_user == administrator
