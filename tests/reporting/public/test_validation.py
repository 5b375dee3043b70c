"""The public files against their official definitions: the data package and every CSV file
against the Frictionless Data Package and table schemas (the `frictionless` package, whose
schemas are bundled: the test refuses any network connection), and the feed against the rules
of Atom (RFC 4287)."""

import dataclasses
import datetime
import json
import re
import socket
from urllib.parse import urlparse

import pytest
from defusedxml import ElementTree as ET
from frictionless import validate

from reporting.public import data
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def offline(monkeypatch):
    """No schema may be downloaded while validating."""

    def refuse(*args, **kwargs):
        raise OSError("The validation tried to use the network.")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def package_errors(tmp_path) -> list[str]:
    """The data package and its CSV files as an anonymous reader downloads them, validated."""
    client = client_for(None)
    package = json.loads(client.get("/public/data/datapackage.json").content)
    for resource in package["resources"]:
        name = f"{resource['name']}.csv"
        (tmp_path / name).write_bytes(client.get(urlparse(resource["path"]).path).content)
        resource["path"] = name  # the file as downloaded, beside the descriptor
    report = validate(package, basepath=str(tmp_path))
    return [f"{error.type}: {error.note}" for task in report.tasks for error in task.errors] + [
        f"{error.type}: {error.note}" for error in report.errors
    ]


def test_the_data_package_and_every_csv_validate(site, tmp_path, offline):
    assert package_errors(tmp_path) == []


def test_the_data_package_validates_before_anything_is_published(db, tmp_path, offline):
    assert package_errors(tmp_path) == []


def test_a_wrong_column_type_fails_the_validation(site, tmp_path, offline, monkeypatch):
    """The validation reads the rows: a year declared as a boolean fails."""
    resource = data.RESOURCE_BY_NAME["released-reports"]
    year = dataclasses.replace(resource.columns[0], type="boolean")
    wrong = dataclasses.replace(resource, columns=(year, *resource.columns[1:]))
    resources = tuple(wrong if each is resource else each for each in data.RESOURCES)
    monkeypatch.setattr(data, "RESOURCES", resources)
    monkeypatch.setattr(data, "RESOURCE_BY_NAME", {each.name: each for each in resources})
    assert any(error.startswith("type-error") for error in package_errors(tmp_path))


RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)")


def atom_errors(feed) -> list[str]:
    """What RFC 4287 requires of a feed and its entries (section 4.1), as a list of breaches."""
    errors = []

    def once(element, name: str, where: str) -> None:
        found = element.findall(f"{ATOM}{name}")
        if len(found) != 1:
            errors.append(f"{where}: {len(found)} atom:{name}, not one")
        elif name == "updated" and not RFC3339.fullmatch(found[0].text or ""):
            errors.append(f"{where}: atom:updated {found[0].text!r} is not an RFC 3339 date")
        elif name == "id" and not urlparse(found[0].text or "").scheme:
            errors.append(f"{where}: atom:id {found[0].text!r} is not an IRI")

    if feed.tag != f"{ATOM}feed":
        return [f"the root is {feed.tag}, not atom:feed"]
    for name in ("id", "title", "updated"):
        once(feed, name, "feed")
    entries = feed.findall(f"{ATOM}entry")
    if not feed.findall(f"{ATOM}author") and not all(
        entry.findall(f"{ATOM}author") for entry in entries
    ):
        errors.append("feed: no atom:author, and not every entry has one")
    for author in feed.iter(f"{ATOM}author"):
        if author.find(f"{ATOM}name") is None:
            errors.append("atom:author without atom:name")
    if not any(link.get("rel") == "self" for link in feed.findall(f"{ATOM}link")):
        errors.append("feed: no atom:link rel=self")
    ids = [entry.findtext(f"{ATOM}id") for entry in entries]
    if len(ids) != len(set(ids)):
        errors.append("two entries share an atom:id")
    for number, entry in enumerate(entries, 1):
        where = f"entry {number}"
        for name in ("id", "title", "updated"):
            once(entry, name, where)
        links = entry.findall(f"{ATOM}link")
        alternates = [link for link in links if link.get("rel", "alternate") == "alternate"]
        if entry.find(f"{ATOM}content") is None and not alternates:
            errors.append(f"{where}: neither atom:content nor an alternate atom:link")
        if len(alternates) > 1:
            errors.append(f"{where}: more than one alternate atom:link")
        for link in links:
            if not urlparse(link.get("href", "")).scheme:
                errors.append(f"{where}: a link that is not absolute")
    return errors


def test_the_feed_follows_the_rules_of_atom(site):
    response = client_for(None).get("/public/feed.atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert len(feed.findall(f"{ATOM}entry")) >= 3
    assert atom_errors(feed) == []
    updated = feed.findtext(f"{ATOM}updated")
    assert datetime.datetime.fromisoformat(updated)
