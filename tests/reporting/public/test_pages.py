"""The public site as an anonymous reader sees it: what is released is there, nothing else is,
the feed is Atom and the data package describes every file."""

import csv
import datetime
import io
import json
import re
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlparse

import pytest
from defusedxml import ElementTree as ET
from django.contrib.auth.models import User
from django.core.cache import cache

from plans.models import Economy, MeetingBestPractice, StrategicPlan
from reporting.public import files, published
from reporting.reports import services
from reporting.reports.models import EconomyReport
from tests.conftest import client_for
from tests.reporting.annual.factories import make_meeting
from tests.reporting.public.factories import (
    MARKER,
)

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def crawl(client) -> dict[str, str]:
    """Every page and file reachable from /public/ by its links, by path."""
    seen: dict[str, str] = {}
    queue = ["/public/"]
    while queue:
        path = queue.pop()
        if path in seen:
            continue
        response = client.get(path)
        if "/download/" in path:
            # A published document's Word or PDF file, or the page saying it is being made.
            assert response.status_code in (200, 202), path
            seen[path] = ""
            continue
        assert response.status_code == 200, path
        text = response.content.decode()
        seen[path] = text
        if "html" not in response["Content-Type"]:
            continue
        parser = Links()
        parser.feed(text)
        for link in parser.links:
            url = urlparse(urldefrag(link)[0])
            if url.scheme and url.netloc != "testserver":
                continue  # another site: the licence
            if not url.path or url.path.startswith("/static/"):
                continue  # a place on the same page, or a stylesheet
            # Nothing public links to a page that needs a sign-in.
            assert url.path.startswith("/public/"), (path, link)
            queue.append(url.path)
    return seen


def test_no_marker_of_non_public_content_reaches_any_public_page(site):
    pages = crawl(client_for(None))
    assert {
        "/public/",
        "/public/documents/",
        "/public/documents/2025-2028/2026/",
        "/public/documents/2025-2028/2026/download/pdf/",
        "/public/documents/2025-2028/final/",
        "/public/documents/2025-2028/final/download/docx/",
        "/public/economies/CHL/",
        "/public/reports/2026/CHL/",
        "/public/feed.atom",
        "/public/data/",
        "/public/data/datapackage.json",
        "/public/data/measure-entries.csv",
        "/public/data/initiatives.csv",
    } <= set(pages)
    for path, text in pages.items():
        assert MARKER not in text, path
    report = pages["/public/reports/2026/CHL/"]
    assert "The public narrative of Chile." in report
    assert "Public one-stop shop" in report
    assert "Public question of Peru." in report
    assert "Public answer of Chile." in report
    assert "Asked after the release." not in report
    assert "Public one-stop shop" in pages["/public/data/initiatives.csv"]
    assert "The published year." in pages["/public/documents/2025-2028/2026/"]
    assert "The published review." in pages["/public/documents/2025-2028/final/"]
    # Scores as every page and file writes them ("57 %"), never the snapshot's raw share.
    scores = re.findall(
        r"<td>(\d+ %|No score|0\.\d+)</td>", pages["/public/documents/2025-2028/2026/"]
    )
    assert scores
    assert all(score.endswith(" %") or score == "No score" for score in scores), scores
    # Only released reports are there.
    assert "/public/economies/AUS/" not in pages
    for code in ("PE", "MEX", "AUS"):
        assert client_for(None).get(f"/public/reports/2026/{code}/").status_code == 404
    assert client_for(None).get("/public/documents/2025-2028/2025/").status_code == 404
    assert client_for(None).get("/public/documents/2025-2028/midterm/").status_code == 404


def test_the_delegates_preview_hides_what_the_release_hides(site, delegate_chl):
    services.report_withdraw(report_id=site.pk, user=delegate_chl)
    preview = client_for(delegate_chl).get("/reports/2026/CHL/release/").text
    assert "The public narrative of Chile." in preview
    assert "Public question of Peru." in preview
    assert MARKER not in re.sub(r"<textarea.*?</textarea>", "", preview, flags=re.S)


def test_the_feed_is_atom_with_the_releases_and_publications(site):
    response = client_for(None).get("/public/feed.atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    assert root.find(f"{ATOM}title").text
    assert root.find(f"{ATOM}id").text
    assert root.find(f"{ATOM}updated").text
    entries = root.findall(f"{ATOM}entry")
    titles = [entry.find(f"{ATOM}title").text for entry in entries]
    assert any("released its 2026 report" in title for title in titles)
    assert any(title.startswith("Published: ") for title in titles)
    for entry in entries:
        for child in ("id", "title", "updated"):
            assert entry.find(f"{ATOM}{child}") is not None
        assert entry.find(f"{ATOM}link").get("href").startswith("http://testserver/public/")


def test_the_data_package_describes_every_file_and_column(site):
    client = client_for(None)
    package = json.loads(client.get("/public/data/datapackage.json").content)
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert package["resources"]
    names = set()
    for resource in package["resources"]:
        assert re.fullmatch(r"[a-z0-9._-]+", resource["name"])
        names.add(resource["name"])
        path = urlparse(resource["path"]).path
        response = client.get(path)
        assert response.status_code == 200, path
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        columns = [f["name"] for f in resource["schema"]["fields"]]
        assert rows[0] == columns
        assert all(len(row) == len(columns) for row in rows)
        for field in resource["schema"]["fields"]:
            assert field["type"] in {"string", "integer", "number", "datetime"}
            assert field["description"]
    assert names == {"released-reports", "measure-entries", "initiatives", "area-scores"}
    assert client.get("/public/data/nothing.csv").status_code == 404


def test_public_pages_carry_lang_title_description_and_as_of(site):
    for path in ("/public/", "/public/reports/2026/CHL/", "/public/economies/CHL/"):
        text = client_for(None).get(path).text
        assert '<html lang="en">' in text
        assert re.search(r"<title>[^<]+</title>", text)
        assert '<meta name="description" content="' in text
        assert "Data as of" in text
        assert "Sign out" not in text


def test_every_public_page_has_its_title_description_link_preview_and_as_of(site, settings):
    settings.SITE_URL = "https://smewg.example.org"
    pages = {
        path: text
        for path, text in crawl(client_for(None)).items()
        if text.startswith("<!doctype html>")
    }
    assert len(pages) >= 7
    for path, text in pages.items():
        title = re.search(r"<title>([^<]+) – APEC SMEWG</title>", text)
        assert title, path
        description = re.search(r'<meta name="description" content="([^"]+)">', text)
        assert description, path
        assert f'<meta property="og:title" content="{title[1]}">' in text, path
        assert f'<meta property="og:description" content="{description[1]}">' in text, path
        assert re.search(r'<meta property="og:type" content="(website|article)">', text), path
        assert f'<meta property="og:url" content="https://smewg.example.org{path}">' in text
        assert re.search(r'Data as of <time datetime="20\d\d-[^"]+">\d+ \w+ 20\d\d</time>', text), (
            path
        )


SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def sitemap_urls(client) -> list:
    """The <url> elements of every page the sitemap's index lists, in order."""
    response = client.get("/public/sitemap.xml")
    assert response["Content-Type"].startswith("application/xml")
    index = ET.fromstring(response.content)
    assert index.tag == f"{SITEMAP}sitemapindex"
    found = []
    for page in index.iter(f"{SITEMAP}sitemap"):
        path = page.findtext(f"{SITEMAP}loc").removeprefix("https://smewg.example.org")
        answer = client.get(path)
        assert answer.status_code == 200, path
        found += list(ET.fromstring(answer.content).iter(f"{SITEMAP}url"))
    return found


def test_the_sitemap_lists_every_public_page(site, settings):
    settings.SITE_URL = "https://smewg.example.org"
    urls = sitemap_urls(client_for(None))
    listed = [url.findtext(f"{SITEMAP}loc") for url in urls]
    pages = {
        f"https://smewg.example.org{path}"
        for path, text in crawl(client_for(None)).items()
        if text.startswith("<!doctype html>")
    }
    assert set(listed) == pages
    assert len(listed) == len(pages)  # each once
    assert all(url.findtext(f"{SITEMAP}lastmod") for url in urls)


def test_the_sitemap_and_the_list_of_reports_come_in_pages(site, settings, monkeypatch, director):
    """Two addresses to a sitemap page and one report to a page of the list: the same pages,
    each once, over as many files; a page past the last answers 404."""
    from reporting.public import sitemap
    from tests.reporting.public.factories import released_report

    settings.SITE_URL = "https://smewg.example.org"
    released_report(User.objects.get(username="delegate-nz"), director, "NZ")
    whole = [url.findtext(f"{SITEMAP}loc") for url in sitemap_urls(client_for(None))]
    monkeypatch.setattr(sitemap, "SITEMAP_PAGE", 2)
    monkeypatch.setattr(sitemap, "REPORTS_PER_PAGE", 1)
    cache.clear()
    paged = [url.findtext(f"{SITEMAP}loc") for url in sitemap_urls(client_for(None))]
    released = published.released_reports().count()
    lists = [f"https://smewg.example.org/public/reports/?page={n}" for n in range(2, released + 1)]
    assert sorted(paged) == sorted(whole + lists)
    assert len(set(paged)) == len(paged)
    pages = -(-len(paged) // 2)
    assert client_for(None).get(f"/public/sitemap-{pages}.xml").status_code == 200
    assert client_for(None).get(f"/public/sitemap-{pages + 1}.xml").status_code == 404
    assert released >= 2
    listing = client_for(None).get(f"/public/reports/?page={released}").text
    assert f"Page {released} of {released}" in listing


def test_a_withdrawn_report_answers_404_at_once(site, delegate_chl):
    anonymous = client_for(None)
    assert anonymous.get("/public/reports/2026/CHL/").status_code == 200
    services.report_withdraw(report_id=site.pk, user=delegate_chl)
    assert anonymous.get("/public/reports/2026/CHL/").status_code == 404
    assert anonymous.get("/public/economies/CHL/").status_code == 404
    assert "CHL" not in anonymous.get("/public/data/released-reports.csv").text


def list_costs(monkeypatch, client, paths) -> dict[str, tuple[int, int]]:
    """(queries, rows the database returned) of each page, built (nothing kept)."""
    from tests.reporting.rollups.test_flat_cost import cost

    found = {}
    for path in paths:
        cache.clear()
        with monkeypatch.context() as patch:
            found[path] = cost(patch, lambda path=path: client.get(path))
    return found


def test_public_pages_cost_a_fixed_number_of_queries(site, django_assert_num_queries, monkeypatch):
    """The report page and the data files read the public content in bulk: the same queries
    for one released report as for two."""
    anonymous = client_for(None)
    # The released report, the plan's areas, the entries with their measures, the public
    # initiatives, their objectives, the released questions, their answers.
    with django_assert_num_queries(7):
        anonymous.get("/public/reports/2026/CHL/")
    # Those five for every released report at once, in the task worker.
    with django_assert_num_queries(5):
        files.build("measure-entries.csv")
    # A list holds one report, a page of the sitemap one address: one released report
    # fills each as two do.
    from reporting.public import sitemap, views

    monkeypatch.setattr(views, "RELEASED_SHOWN", 1)
    monkeypatch.setattr(sitemap, "REPORTS_PER_PAGE", 1)
    monkeypatch.setattr(sitemap, "SITEMAP_PAGE", 1)
    last = f"/public/sitemap-{sitemap.pages()}.xml"
    lists = ("/public/", "/public/reports/", "/public/sitemap.xml", last)
    one = list_costs(monkeypatch, anonymous, lists)
    australia = User.objects.get(username="delegate-aus")
    unreleased = EconomyReport.objects.get(economy__code="AUS", cycle__year=2026)
    report = services.report_release(report_id=unreleased.pk, user=australia)
    assert report.released_at is not None
    # The lists of released reports: a page of them and counts, the same queries and rows for
    # two (the sitemap's last page now the next one).
    lists = (*lists[:3], f"/public/sitemap-{sitemap.pages()}.xml")
    assert list(list_costs(monkeypatch, anonymous, lists).values()) == list(one.values())
    with django_assert_num_queries(5):
        text = files.build("measure-entries.csv").decode()
    assert ",AUS," in text
    assert ",CHL," in text
    assert text == anonymous.get("/public/data/measure-entries.csv").text


def test_an_economys_page_lists_the_best_practices_it_shared_at_meetings(site):
    meeting = make_meeting(60, datetime.date(2026, 5, 14))
    area = StrategicPlan.objects.get(code="2025-2028").areas.get(number=4)
    for code, title in (("CHL", "Digital one-stop shop"), ("PE", "Peru's export desk")):
        MeetingBestPractice.objects.create(
            meeting=meeting, economy=Economy.objects.get(code=code), title=title, area=area
        )
    page = client_for(None).get("/public/economies/CHL/").text
    practices = page[page.index('id="best-practices"') :]
    assert "Digital one-stop shop" in practices
    assert "60th SMEWG meeting, Lima" in practices
    assert f"priority area 4. {area.name}" in practices
    assert "Peru's export desk" not in page
    # Its initiatives by area, from its released reports only.
    initiatives = page[page.index('id="initiatives"') : page.index('id="best-practices"')]
    assert "Public one-stop shop" in initiatives


def test_the_earlier_plans_figures_are_public_labelled_as_reported_outside_the_app(client):
    """The figures the program director reported for an earlier plan outside the app are public
    (quoted from documents the SMEWG published), apart and labelled as on the plan's page."""
    page = client.get("/public/documents/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "2021-2024" in text
    assert "figures the program director reported" in text
    assert "Figures reported outside the app" in text
    assert "The app did not compute them" in text
    current = StrategicPlan.objects.order_by("-start_year").first()
    assert f"{current}: figures the program director reported" not in text
