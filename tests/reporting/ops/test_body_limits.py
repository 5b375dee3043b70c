"""Request bodies over the cap are refused with 413 before Django reads them."""

from io import BytesIO

import pytest
from django.core.files import uploadedfile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import Client, RequestFactory

from reporting.ops.body_limits import RequestBodyLimitMiddleware, body_limit
from tests.conftest import client_for
from tests.reporting.factories import start_report

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
MULTIPART = "multipart/form-data; boundary=BoUnDaRyStRiNg"
UPLOAD = "/reports/2026/CHL/workbook/upload/"


def multipart(size: int) -> bytes:
    """A form with one file of `size` bytes, encoded as a browser would."""
    return (
        b"--BoUnDaRyStRiNg\r\n"
        b'Content-Disposition: form-data; name="file"; filename="big.bin"\r\n'
        b"Content-Type: application/octet-stream\r\n\r\n"
        + b"0" * size
        + b"\r\n--BoUnDaRyStRiNg--\r\n"
    )


def test_a_declared_huge_body_to_the_sign_in_page_is_refused_unread():
    # The test client's payload is a few bytes; reading past them would fail the test.
    response = Client().generic(
        "POST", "/accounts/login/", b"x", content_type=MULTIPART, CONTENT_LENGTH=str(10**9)
    )
    assert response.status_code == 413
    assert "at most 1 MB" in response.text


def test_a_real_large_body_to_the_sign_in_page_is_refused():
    body = multipart(2 * MB)
    assert len(body) > 2 * MB
    response = Client().generic("POST", "/accounts/login/", body, content_type=MULTIPART)
    assert response.status_code == 413


def test_a_small_sign_in_still_works():
    response = Client().post("/accounts/login/", {"username": "nobody", "password": "x"})
    assert response.status_code == 200
    assert "There is a problem" in response.text


def test_the_workbook_upload_takes_a_larger_body_in_memory(delegate_chl, monkeypatch):
    start_report(delegate_chl)
    assert body_limit(UPLOAD) == 6 * MB
    spooled = []
    original = uploadedfile.TemporaryUploadedFile.__init__

    def spy(self, *args, **kwargs):
        spooled.append(args)
        original(self, *args, **kwargs)

    monkeypatch.setattr(uploadedfile.TemporaryUploadedFile, "__init__", spy)
    content = b"PK" + b"0" * int(5.5 * MB)
    response = client_for(delegate_chl).post(
        UPLOAD, {"file": SimpleUploadedFile("big.xlsx", content)}
    )
    # The request reached the form, which refuses the file with its own message...
    assert response.status_code == 200
    assert "a report workbook is at most 5 MB" in response.text
    # ...and the file never touched the disk: no temporary file to be left behind.
    assert spooled == []


def test_a_workbook_upload_over_its_cap_is_refused(delegate_chl):
    start_report(delegate_chl)
    response = client_for(delegate_chl).generic(
        "POST", UPLOAD, b"x", content_type=MULTIPART, CONTENT_LENGTH=str(1536 * MB)
    )
    assert response.status_code == 413
    assert "at most 6 MB" in response.text


def _chunked(body: bytes):
    request = RequestFactory().generic(
        "POST", "/accounts/login/", CONTENT_TYPE="application/x-www-form-urlencoded"
    )
    request.META.pop("CONTENT_LENGTH", None)
    request.META["HTTP_TRANSFER_ENCODING"] = "chunked"
    stream = BytesIO(body)
    request.META["wsgi.input"] = stream
    return request, stream


def test_a_chunked_body_over_the_cap_is_refused_after_reading_only_the_cap():
    request, stream = _chunked(b"a=" + b"0" * (3 * MB))
    response = RequestBodyLimitMiddleware(lambda request: HttpResponse())(request)
    assert response.status_code == 413
    assert stream.tell() == MB + 1


def test_a_small_chunked_body_is_read_as_the_form_it_is():
    request, _ = _chunked(b"username=chair&password=x")
    seen = {}

    def view(request):
        seen.update(request.POST.dict())
        return HttpResponse()

    assert RequestBodyLimitMiddleware(view)(request).status_code == 200
    assert seen == {"username": "chair", "password": "x"}
