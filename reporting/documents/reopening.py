"""The page that sends a final document back to draft, with the reason asked for: the annual
report's and the review's are the same page with their own template, form and service."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from reporting.documents.models import FrozenContent


def reopen_page(
    request: HttpRequest,
    document: FrozenContent,
    *,
    noun: str,
    form_class: type[forms.Form],
    reopen: Callable[..., Any],
    template: str,
    url: str,
) -> HttpResponse:
    """GET: the page with the reason's form; POST: `reopen(<noun>_id=, user=, reason=)` and back
    to `url`. A draft cannot be reopened: the person is sent back with a message."""
    if not document.is_final:
        messages.error(request, f"This {noun} is a draft already.")
        return redirect(url)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reopen(
            **{f"{noun}_id": document.pk},
            user=request.user,
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, f"The {noun} is a draft again and follows the live data.")
        return redirect(url)
    return render(
        request,
        template,
        {noun: document, "form": form},
        status=400 if form.is_bound else 200,
    )
