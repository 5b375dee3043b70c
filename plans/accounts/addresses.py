"""The client's network address: the one home of the rule that sign-in lockouts and the list of
a person's sessions read.

Straight to the app, it is the connection's (`REMOTE_ADDR`). Behind the TLS proxy of the
deployment guide (`BEHIND_TLS_PROXY=1`), every connection comes from the proxy, and the client's
address is the last entry of `X-Forwarded-For`: nginx appends the address it saw to whatever
the client sent (`$proxy_add_x_forwarded_for`), so the entries before it are the client's own
words and only the last is believed. Without that setting the header is ignored: anyone can send
it, and a guesser would choose a new address for each try.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    if settings.BEHIND_TLS_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        last = forwarded.rsplit(",", 1)[-1].strip()
        try:
            return str(ipaddress.ip_address(last))
        except ValueError:
            pass  # no header (a request that did not come through the proxy): the connection's
    return request.META.get("REMOTE_ADDR", "")
