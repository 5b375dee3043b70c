"""Evidence files: kinds told by content, 10 MB and 5 files at most, refused uploads save
nothing, downloads only for those who may read the report, deletions in the history."""

import datetime
import io
import subprocess
import zipfile

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from reporting.models import EvidenceFile, Initiative, PendingUpload
from reporting.reports import evidence, services
from reporting.reviews import content as reviews
from reporting.reviews.access import get_review_for_user
from reporting.reviews.exports import pdf
from tests.conftest import client_for
from tests.page_forms import page_form, post_form
from tests.reporting.factories import PDF_BYTES, fill_report, section_data, start_report

pytestmark = pytest.mark.django_db
SECTION = "/reports/2026/CHL/sections/1/"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
EXE = b"MZ\x90\x00\x03" + b"\x00" * 64


def office(main: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            f'<Types><Override PartName="/main.xml" ContentType="{main}"/></Types>',
        )
    return out.getvalue()


DOCX = office("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")
XLSX = office("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, "application/octet-stream")


@pytest.fixture
def report(delegate_chl):
    return start_report(delegate_chl)


@pytest.fixture
def delegate(delegate_chl):
    return client_for(delegate_chl)


def post_files(client, report, field: str, files: list, **extra):
    section = report.sections.get(position=1)
    data = section_data(section, action="save", **extra)
    data[field] = files
    return client.post(SECTION, data)


def test_each_kind_is_kept_and_shown_on_the_report(delegate, report):
    files = [
        upload("register.pdf", PDF_BYTES),
        upload("figures.xlsx", XLSX),
        upload("note.docx", DOCX),
        upload("chart.png", PNG),
    ]
    assert post_files(delegate, report, "entries-1-evidence", files).status_code == 302
    entry = report.entries.get(measure__area__number=1, measure__number=2)
    kept = {e.name: e.content_type for e in entry.evidence.all()}
    assert kept == {
        "register.pdf": "application/pdf",
        "figures.xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "note.docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "chart.png": "image/png",
    }
    # A new initiative can carry a file from the start.
    response = post_files(
        delegate,
        report,
        "initiatives-0-evidence",
        [upload("photo.jpg", JPEG)],
        **{"initiatives-0-title": "One-stop shop"},
    )
    assert response.status_code == 302
    initiative = Initiative.objects.get(report=report)
    assert [e.name for e in initiative.evidence.all()] == ["photo.jpg"]
    page = delegate.get("/reports/2026/CHL/check/").text
    assert "register.pdf" in page
    assert "photo.jpg" in page


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("report.pdf", EXE, "“report.pdf” is not a PDF, Word (.docx), Excel (.xlsx), PNG or JPEG"),
        ("setup.exe", EXE, "“setup.exe” is not a PDF"),
        ("figures.pdf", XLSX, "“figures.pdf” is not a PDF"),  # the name must match the content
        ("big.pdf", PDF_BYTES + b"0" * (10 * 1024 * 1024), "“big.pdf” is 10.0 MB: a file can be"),
    ],
)
def test_refused_files_save_nothing(delegate, report, name, content, message):
    section = report.sections.get(position=1)
    response = post_files(
        delegate,
        report,
        "entries-1-evidence",
        [upload(name, content)],
        **{"entries-1-narrative": "Would be saved with the file."},
    )
    assert response.status_code == 200
    assert f"Measure 1.2, evidence files: {message}" in response.text
    assert not EvidenceFile.objects.exists()
    assert not report.entries.exclude(narrative="").exists()
    section.refresh_from_db()
    assert section.version == 0


def test_a_sixth_file_is_refused(delegate, report):
    five = [upload(f"page-{n}.png", PNG) for n in range(5)]
    assert post_files(delegate, report, "entries-1-evidence", five).status_code == 302
    response = post_files(delegate, report, "entries-1-evidence", [upload("sixth.png", PNG)])
    assert response.status_code == 200
    assert "Attach at most 5 files here: there would be 6." in response.text
    assert EvidenceFile.objects.count() == 5
    assert not EvidenceFile.objects.filter(name="sixth.png").exists()


def test_files_stream_to_readers_and_are_404_for_another_economy(
    delegate, report, delegate_pe, director, chair
):
    assert (
        post_files(
            delegate, report, "entries-1-evidence", [upload("register.pdf", PDF_BYTES)]
        ).status_code
        == 302
    )
    evidence = EvidenceFile.objects.get()
    url = f"/reports/2026/CHL/evidence/{evidence.pk}/"
    for user_client in (delegate, client_for(director), client_for(chair)):
        response = user_client.get(url)
        assert response.status_code == 200
        assert response.streaming
        assert b"".join(response.streaming_content) == PDF_BYTES
        assert response["Content-Type"] == "application/pdf"
        assert 'attachment; filename="register.pdf"' in response["Content-Disposition"]
    assert client_for(delegate_pe).get(url).status_code == 404
    # Nor under another report's address.
    start_report(delegate_pe, "PE")
    assert (
        client_for(delegate_pe).get(f"/reports/2026/PE/evidence/{evidence.pk}/").status_code == 404
    )
    assert client_for(None).get(url).status_code == 302  # to the login page
    # The stored name is random: nothing the uploader typed reaches the storage.
    assert "register" not in evidence.file.name


def test_deleting_a_file_is_recorded_in_the_history(
    delegate, report, director, django_capture_on_commit_callbacks
):
    post_files(delegate, report, "entries-1-evidence", [upload("register.pdf", PDF_BYTES)])
    evidence = EvidenceFile.objects.get()
    storage, stored = evidence.file.storage, evidence.file.name
    assert storage.exists(stored)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_files(
            delegate,
            report,
            "entries-1-evidence",
            [],
            **{"entries-1-evidence_remove": [str(evidence.pk)]},
        )
    assert response.status_code == 302
    assert not EvidenceFile.objects.exists()
    assert not storage.exists(stored)  # the stored file goes once the deletion commits
    page = client_for(director).get("/reports/2026/CHL/history/").text
    assert "<strong>Evidence file “register.pdf”</strong> created" in page
    assert "<strong>Evidence file “register.pdf”</strong> deleted" in page


def test_the_review_annex_links_the_files_of_counted_reports(
    delegate, report, delegate_chl, director, chair, tmp_path
):
    post_files(delegate, report, "entries-1-evidence", [upload("register.pdf", PDF_BYTES)])
    evidence = EvidenceFile.objects.get()
    link = f"http://127.0.0.1:8000/reports/2026/CHL/evidence/{evidence.pk}/"

    def review_pdf_links() -> str:
        # The annexes are in the files (the page lists what they hold): the PDF's links.
        review = get_review_for_user(chair, "2025-2028", "midterm")
        path = tmp_path / "review.pdf"
        path.write_bytes(pdf.render(reviews.content_of(review), fmt="pdf", stamp=timezone.now()))
        found = subprocess.run(
            ["pdfinfo", "-url", str(path)], capture_output=True, check=True, text=True
        )
        return found.stdout

    assert link not in review_pdf_links()  # a draft does not count
    fill_report(delegate_chl, report)
    services.report_submit(report_id=report.pk, user=delegate_chl)
    services.report_accept(report_id=report.pk, user=director)
    assert link in review_pdf_links()


# Files chosen on a page that is not saved ---------------------------------------------------


def page_with_files(client, files: dict, **changes):
    """The section's page posted as a browser posts it, with these files and field changes."""
    form = page_form(client.get(SECTION).text, field_name="version")
    for name, value in changes.items():
        form.set(name, value)
    return post_form(client, SECTION, form, ("action", "save"), files=files)


def test_a_file_chosen_on_a_page_with_a_mistake_is_kept_and_attached_when_it_saves(
    delegate, report
):
    response = page_with_files(
        delegate,
        {"entries-1-evidence": [("register.pdf", PDF_BYTES)]},
        **{"entries-1-value": "twelve"},
    )

    assert response.status_code == 200
    page = response.text
    assert "Enter the value as a number" in page
    # Next to the field: the file is kept, ticked, and will be attached.
    assert "Files chosen before, not attached yet" in page
    assert "register.pdf" in page
    assert "attached when this section is saved" in page
    assert not EvidenceFile.objects.exists()
    pending = PendingUpload.objects.get()
    assert (pending.name, pending.user.username, pending.size) == (
        "register.pdf",
        "delegate-chl",
        len(PDF_BYTES),
    )

    # The page as shown, corrected and saved again: the file comes along without being chosen.
    form = page_form(page, field_name="version")
    assert form.get("entries-1-evidence_pending") == str(pending.pk)
    form.set("entries-1-value", "12")
    response = post_form(delegate, SECTION, form, ("action", "save"))

    assert response.status_code == 302
    evidence = EvidenceFile.objects.get()
    entry = report.entries.get(measure__area__number=1, measure__number=2)
    assert (evidence.entry, evidence.name, evidence.content_type) == (
        entry,
        "register.pdf",
        "application/pdf",
    )
    with evidence.file.open("rb") as stored:
        assert stored.read() == PDF_BYTES
    assert not PendingUpload.objects.exists()
    assert entry.value == 12
    assert "register.pdf" in delegate.get("/reports/2026/CHL/check/").text


def test_a_file_chosen_when_a_colleague_saved_first_is_kept(delegate, report, delegate_chl):
    form = page_form(delegate.get(SECTION).text, field_name="version")
    section = report.sections.get(position=1)
    services_save_draft(section, delegate_chl)  # a colleague's save, after the page was opened
    form.set("entries-1-narrative", "Registered firms grew.")

    response = post_form(
        delegate,
        SECTION,
        form,
        ("action", "save"),
        files={"initiatives-0-evidence": [("photo.jpg", JPEG)]},
    )

    assert response.status_code == 409
    assert "photo.jpg" in response.text
    assert "Registered firms grew." in response.text
    assert not EvidenceFile.objects.exists()
    assert PendingUpload.objects.count() == 1


def services_save_draft(section, user) -> None:
    from reporting.reports.sections import section_write

    section_write(section=section, user=user, data=section_data(section), complete=False)


def test_an_unticked_kept_file_is_left_out(delegate, report):
    response = page_with_files(
        delegate,
        {"entries-1-evidence": [("register.pdf", PDF_BYTES), ("chart.png", PNG)]},
        **{"entries-1-value": "twelve"},
    )
    form = page_form(response.text, field_name="version")
    kept = {item.name: str(item.pk) for item in PendingUpload.objects.all()}
    # Unticking a box: the browser no longer sends it.
    form.fields.remove(["entries-1-evidence_pending", kept["chart.png"]])
    form.set("entries-1-value", "12")

    assert post_form(delegate, SECTION, form, ("action", "save")).status_code == 302
    assert [item.name for item in EvidenceFile.objects.all()] == ["register.pdf"]


def test_kept_files_count_towards_the_five_a_record_takes(delegate, report):
    response = page_with_files(
        delegate,
        {"entries-1-evidence": [(f"page-{n}.png", PNG) for n in range(4)]},
        **{"entries-1-value": "twelve"},
    )
    form = page_form(response.text, field_name="version")
    form.set("entries-1-value", "12")

    response = post_form(
        delegate,
        SECTION,
        form,
        ("action", "save"),
        files={"entries-1-evidence": [("more.png", PNG), ("most.png", PNG)]},
    )

    assert response.status_code == 200
    assert (
        "Attach at most 5 files here: there would be 6. “more.png”, “most.png” were not kept"
        in response.text
    )
    assert not EvidenceFile.objects.exists()
    assert PendingUpload.objects.count() == 4


def test_another_persons_or_an_expired_kept_file_is_not_attached(
    delegate, report, delegate_chl, delegate_pe, django_capture_on_commit_callbacks
):
    page_with_files(
        delegate,
        {"entries-1-evidence": [("register.pdf", PDF_BYTES)]},
        **{"entries-1-value": "twelve"},
    )
    pending = PendingUpload.objects.get()
    stored = pending.file.name
    # Eight days later, someone chooses a file on another page: the old one is cleaned up.
    with time_machine.travel(timezone.now() + datetime.timedelta(days=8)):
        peru = start_report(delegate_pe, "PE")
        with django_capture_on_commit_callbacks(execute=True):
            page = client_for(delegate_pe).get("/reports/2026/PE/sections/1/").text
            form = page_form(page, field_name="version")
            form.set("entries-1-value", "twelve")
            post_form(
                client_for(delegate_pe),
                "/reports/2026/PE/sections/1/",
                form,
                ("action", "save"),
                files={"entries-1-evidence": [("lima.pdf", PDF_BYTES)]},
            )
    assert not PendingUpload.objects.filter(pk=pending.pk).exists()
    assert not pending.file.storage.exists(stored)
    # A page naming it (or another person's kept file) says so instead of saving.
    theirs = PendingUpload.objects.get(report=peru)
    for kept in (pending.pk, theirs.pk):
        form = page_form(delegate.get(SECTION).text, field_name="version")
        form.fields.append(["entries-1-evidence_pending", str(kept)])
        response = post_form(delegate, SECTION, form, ("action", "save"))
        assert response.status_code == 200
        assert "A file chosen before is no longer kept" in response.text
    assert not EvidenceFile.objects.exists()


def test_a_person_s_waiting_files_are_capped(delegate, report, monkeypatch):
    monkeypatch.setattr(evidence, "MAX_PENDING_BYTES", len(PDF_BYTES) + 10)
    response = page_with_files(
        delegate,
        {"entries-1-evidence": [("register.pdf", PDF_BYTES), ("again.pdf", PDF_BYTES)]},
        **{"entries-1-value": "twelve"},
    )

    assert response.status_code == 200
    assert "“again.pdf” was not kept" in response.text
    assert [item.name for item in PendingUpload.objects.all()] == ["register.pdf"]


def test_removing_an_initiative_removes_its_stored_files(
    delegate, report, django_capture_on_commit_callbacks
):
    response = post_files(
        delegate,
        report,
        "initiatives-0-evidence",
        [upload("photo.jpg", JPEG)],
        **{"initiatives-0-title": "One-stop shop"},
    )
    assert response.status_code == 302
    evidence = EvidenceFile.objects.get()
    storage, stored = evidence.file.storage, evidence.file.name
    assert storage.exists(stored)

    with django_capture_on_commit_callbacks(execute=True):
        response = post_files(
            delegate, report, "initiatives-0-evidence", [], **{"initiatives-0-DELETE": "on"}
        )

    assert response.status_code == 302
    assert not Initiative.objects.exists()
    assert not EvidenceFile.objects.exists()
    assert not storage.exists(stored)
