"""The public data files are made by the task worker on every change of the public data and
kept: a request reads the kept file of the data as it is now, or answers that it is being
prepared (202), and never makes one."""

import re

import pytest
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult

from plans.catalogue.data_version import data_version_bump
from reporting.public import files
from reporting.reports import services
from tests.conftest import client_for, run_worker
from tests.reporting.public.factories import accepted_report

pytestmark = pytest.mark.django_db

ENTRIES = "/public/data/measure-entries.csv"
PACKAGE = "/public/data/datapackage.json"
TABLE = re.compile(r'(?:FROM|INTO|UPDATE|JOIN) "(\w+)"')


def kept_files() -> list[str]:
    try:
        return sorted(default_storage.listdir(f"{files.ROOT}/draft")[1])
    except FileNotFoundError:
        return []


def queued() -> list[str]:
    return [row.task_path for row in DBTaskResult.objects.filter(status="READY")]


def release(report, delegate, capture) -> None:
    with capture(execute=True):
        services.report_release(report_id=report.pk, user=delegate)


def test_a_release_queues_the_files_and_the_request_never_makes_them(
    delegate_chl,
    director,
    database_queue,
    django_capture_on_commit_callbacks,
):
    report = accepted_report(delegate_chl, director)
    release(report, delegate_chl, django_capture_on_commit_callbacks)
    assert queued() == ["reporting.public.files.prepare_public_data"]

    anonymous = client_for(None)
    before = kept_files()
    # The request reads the data's version (the cache: the generations of the reports, the
    # documents and the catalogue's texts) and nothing of the data: no report, entry or document.
    with CaptureQueriesContext(connection) as request:
        preparing = anonymous.get(ENTRIES)
    tables = {table for query in request.captured_queries for table in TABLE.findall(query["sql"])}
    assert tables == {"django_cache"}
    assert preparing.status_code == 202
    assert preparing["Retry-After"] == "5"
    assert "no-cache" in preparing["Cache-Control"]
    assert '<meta http-equiv="refresh" content="5">' in preparing.text
    assert 'href="/public/data/"' in preparing.text
    assert "/accounts/" not in preparing.text
    # A file being made shows no data, and so no "as of" line that would say nothing is public.
    assert "Nothing has been published" not in preparing.text
    assert anonymous.get(PACKAGE).status_code == 202
    assert kept_files() == before
    # Asked again while queued: nothing more is queued.
    assert queued() == ["reporting.public.files.prepare_public_data"]

    run_worker()
    assert len(kept_files()) == len(files.file_names())
    ready = anonymous.get(ENTRIES)
    assert ready.status_code == 200
    assert ready["Content-Type"] == "text/csv; charset=utf-8"
    assert ready["Cache-Control"] == "public, max-age=300"
    assert ",CHL," in ready.text
    assert anonymous.get(ENTRIES, headers={"If-None-Match": ready["ETag"]}).status_code == 304
    assert anonymous.get(PACKAGE).status_code == 200


def test_a_withdrawal_is_never_served_from_the_older_files(
    delegate_chl, director, database_queue, django_capture_on_commit_callbacks
):
    report = accepted_report(delegate_chl, director)
    release(report, delegate_chl, django_capture_on_commit_callbacks)
    run_worker()
    anonymous = client_for(None)
    assert "CHL" in anonymous.get("/public/data/released-reports.csv").text

    with django_capture_on_commit_callbacks(execute=True):
        services.report_withdraw(report_id=report.pk, user=delegate_chl)
    assert anonymous.get("/public/data/released-reports.csv").status_code == 202
    run_worker()
    after = anonymous.get("/public/data/released-reports.csv")
    assert after.status_code == 200
    assert "CHL" not in after.text
    # Only the current version of each file is kept.
    assert len(kept_files()) == len(files.file_names())


def test_a_workflow_step_keeps_the_files_and_a_change_of_the_catalogue_makes_them_again(
    delegate_chl, delegate_pe, director, database_queue, django_capture_on_commit_callbacks
):
    report = accepted_report(delegate_chl, director)
    release(report, delegate_chl, django_capture_on_commit_callbacks)
    run_worker()
    anonymous = client_for(None)
    assert anonymous.get(ENTRIES).status_code == 200
    kept = files.version()

    # Peru's report submitted and accepted: nothing public changes.
    with django_capture_on_commit_callbacks(execute=True):
        accepted_report(delegate_pe, director, code="PE")
    assert files.version() == kept
    assert "reporting.public.files.prepare_public_data" not in queued()
    assert anonymous.get(ENTRIES).status_code == 200

    # The catalogue changed (the admin, an import: every plan's data version moves).
    with django_capture_on_commit_callbacks(execute=True):
        data_version_bump()
    assert files.version() != kept
    assert "reporting.public.files.prepare_public_data" in queued()
    assert anonymous.get(ENTRIES).status_code == 202
    run_worker()
    assert anonymous.get(ENTRIES).status_code == 200
