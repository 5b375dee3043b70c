"""A security key or passkey (WebAuthn) as one of django-otp's devices: a session that signs in
with it is verified as with an authenticator app's code (django-otp keeps the device in the
session), so `is_verified()` and the second step's middleware need nothing new."""

from __future__ import annotations

from django.db import models
from django_otp.models import Device, TimestampMixin
from simple_history.models import HistoricalRecords


class WebAuthnDevice(TimestampMixin, Device):
    """One credential a person's key made for this site. The public key checks each signature;
    the counter, where the key keeps one, must grow at every use (a copied key would repeat it)."""

    credential_id = models.CharField(max_length=1400, unique=True)  # base64url, as browsers send it
    public_key = models.BinaryField()  # COSE, as the key gave it
    sign_count = models.PositiveBigIntegerField(default=0)
    transports = models.JSONField(default=list, blank=True)
    history = HistoricalRecords(excluded_fields=["last_used_at", "sign_count"])

    class Meta:
        verbose_name = "security key"
        ordering = ["created_at"]

    def verify_token(self, token) -> bool:
        """A key answers a challenge in the browser, never a typed code."""
        return False
