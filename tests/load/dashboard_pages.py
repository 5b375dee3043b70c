"""Print digests of the dashboard's figures, rendered by Django's test client as the program
director against the database in DATABASE_URL (run by backup.py for both databases).

Per page: the digest of its tables (every chart has the table of its numbers beside it, so the
tables hold every figure), and of the whole page less what differs on every request (the CSRF
token, CSP nonces). The whole page is reported, not compared: the lessons-learned excerpts and
search hits that tie in their ordering come in the rows' physical order, which a restore
changes.
"""

import hashlib
import json
import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smewg.settings")

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402

PLAN = "2025-2028"
PAGES = [
    f"/dashboard/{PLAN}/",
    f"/dashboard/{PLAN}/?start=2025&end=2028&statuses=submitted",
    f"/dashboard/{PLAN}/?area=3",
    f"/dashboard/{PLAN}/?economy=CHL",
    f"/dashboard/{PLAN}/measures/1/1/",
    f"/dashboard/{PLAN}/search/?q=export",
]
VARYING = re.compile(r'(name="csrfmiddlewaretoken" value|nonce)="[^"]*"')
TABLE = re.compile(r"<table.*?</table>", re.DOTALL)


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def main() -> None:
    client = Client()
    client.force_login(get_user_model().objects.get(username="director"))
    digests = {}
    for url in PAGES:
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        page = VARYING.sub(r"\1", response.content.decode())
        tables = TABLE.findall(page)
        digests[url] = {"tables": len(tables), "figures": digest("".join(tables))}
        digests[url]["page"] = digest(page)
    print(json.dumps(digests))


if __name__ == "__main__":
    main()
