"""Request bodies over the cap are refused with 413 before Django reads them; the larger caps
of the addresses that take files are for signed-in users only."""

import socket
from io import BytesIO

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.files import uploadedfile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import Client, RequestFactory

from reporting.ops.body_limits import RequestBodyLimitMiddleware, body_limit
from tests.conftest import client_for, load_demo_catalogue
from tests.reporting.factories import section_data, start_report

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
MULTIPART = "multipart/form-data; boundary=BoUnDaRyStRiNg"
UPLOAD = "/reports/2026/CHL/workbook/upload/"
SECTION = "/reports/2026/CHL/sections/1/"


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
    assert body_limit(UPLOAD, signed_in=True) == 6 * MB
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


def _chunked(body: bytes, path: str = "/accounts/login/", user=None):
    request = RequestFactory().generic(
        "POST", path, CONTENT_TYPE="application/x-www-form-urlencoded"
    )
    request.user = user or AnonymousUser()
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


# The addresses that take files: their larger caps are for people signed in.


def test_an_anonymous_upload_to_a_section_page_is_refused_from_its_declared_length():
    # Signed in, a section page takes 60 MB (its evidence files); without a session, the same
    # 1 MB as everywhere: nobody signed in may make the server read and spool 59 MB.
    response = Client().generic(
        "POST", SECTION, b"x", content_type=MULTIPART, CONTENT_LENGTH=str(59 * MB)
    )
    assert response.status_code == 413
    assert "at most 1 MB" in response.text
    assert "Sign in" in response.text


@pytest.mark.parametrize(
    "path",
    [SECTION, UPLOAD, "/admin/plans/economy/import/", "/admin/plans/economy/process_import/"],
)
def test_each_larger_cap_is_for_signed_in_users_only(path):
    assert body_limit(path, signed_in=True) > settings.REQUEST_BODY_MAX_BYTES
    assert body_limit(path, signed_in=False) == settings.REQUEST_BODY_MAX_BYTES


def test_a_signed_in_delegate_sends_a_section_page_with_its_evidence(delegate_chl):
    report = start_report(delegate_chl)
    section = report.sections.get(position=1)
    data = section_data(section, action="save")
    data["entries-1-evidence"] = [
        SimpleUploadedFile("survey.pdf", b"%PDF-1.4\n" + b"0" * (3 * MB), "application/pdf")
    ]
    response = client_for(delegate_chl).post(SECTION, data)
    # Past the cap, to the form: it saves the section (or says what is wrong with the file).
    assert response.status_code in (200, 302)


def test_an_anonymous_chunked_body_to_a_section_page_is_read_up_to_the_everyday_cap():
    request, stream = _chunked(b"a=" + b"0" * (3 * MB), path=SECTION)
    response = RequestBodyLimitMiddleware(lambda request: HttpResponse())(request)
    assert response.status_code == 413
    assert stream.tell() == MB + 1


def test_a_small_body_to_a_section_page_does_not_read_the_session(django_assert_num_queries):
    # The user is looked up only for a body over the everyday cap: an ordinary form post costs
    # no query more than it did.
    request = RequestFactory().post(SECTION, {"a": "b"})

    class Unread:
        @property
        def is_authenticated(self):
            raise AssertionError("the user was read")

    request.user = Unread()
    with django_assert_num_queries(0):
        response = RequestBodyLimitMiddleware(lambda request: HttpResponse())(request)
    assert response.status_code == 200


@pytest.mark.django_db(transaction=True)
def test_a_live_server_refuses_an_anonymous_59_mb_upload_before_it_is_sent(live_server):
    # What the test client cannot show: that nothing waits for the body. Only the headers and
    # the first 64 KB are sent; a server that read the body would wait for the rest, and no
    # answer would come (the connection's timeout ends the wait).
    load_demo_catalogue()
    host, port = live_server.thread.host, live_server.thread.port
    with socket.create_connection((host, port), timeout=30) as connection:
        connection.sendall(
            (
                f"POST {SECTION} HTTP/1.1\r\nHost: {host}\r\nContent-Type: {MULTIPART}\r\n"
                f"Content-Length: {59 * MB}\r\nConnection: close\r\n"
                # A CSRF cookie of one's own making: without one, the CSRF check refuses the
                # request before it reads the body; with one, it reads the form's token.
                f"Cookie: csrftoken={'a' * 32}\r\n\r\n"
            ).encode()
            + multipart(64 * 1024)[: 64 * 1024]
        )
        answer = b""
        while b"\r\n\r\n" not in answer:
            try:
                received = connection.recv(65536)
            except TimeoutError:
                pytest.fail("No answer while the body was not sent: the server waits to read it.")
            if not received:
                break
            answer += received
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
