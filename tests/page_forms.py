"""A rendered page's form, posted through Django's test client as a browser posts it: every
successful control (read by tests/load/harness.py's parser), the button clicked, and, for a
multipart form, a part for each file input, empty (a file name of "") where no file is chosen.

Django's own encoder cannot send an empty file part as a browser does (it names an unnamed file
after its field), so the body is encoded here.
"""

from __future__ import annotations

import uuid

from django.test import Client

from tests.load.harness import Form, find_form


def page_form(html: str, *, field_name: str | None = None) -> Form:
    return find_form(html, field_name=field_name)


def multipart_body(
    form: Form, button: tuple[str, str], files: dict[str, list[tuple[str, bytes]]]
) -> tuple[bytes, str]:
    """(body, content type): the fields in page order, the button, then each file input with
    its chosen files (name, content), or an empty part."""
    if button not in form.buttons:
        raise KeyError(f"The form has no button {button!r}.")
    unknown = set(files) - set(form.files)
    if unknown:
        raise KeyError(f"The form has no file input {sorted(unknown)!r}.")
    boundary = f"----browserlike{uuid.uuid4().hex}"
    parts: list[bytes] = []
    for name, value in [*form.fields, button]:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
            + str(value).encode()
            + b"\r\n"
        )
    for name in form.files:
        for filename, content in files.get(name) or [("", b"")]:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
                + content
                + b"\r\n"
            )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def post_form(
    client: Client,
    url: str,
    form: Form,
    button: tuple[str, str],
    files: dict[str, list[tuple[str, bytes]]] | None = None,
):
    """Post the form as a browser would: multipart when the form says so, else urlencoded."""
    if form.attrs.get("enctype") == "multipart/form-data":
        body, content_type = multipart_body(form, button, files or {})
        return client.post(url, body, content_type=content_type)
    if files:
        raise ValueError("Files need a multipart form.")
    return client.post(url, form.body(button), content_type="application/x-www-form-urlencoded")
