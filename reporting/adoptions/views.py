"""Naming the source of a best practice the economy adapted and adopted, from its report."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from plans.accounts.roles import SignedInRequest
from reporting.adoptions import services
from reporting.adoptions.forms import AdoptionForm
from reporting.reports.access import get_report_for_user
from reporting.reports.models import Adoption, BestPractice


def _practice(report, pk: int) -> BestPractice:
    practice = BestPractice.objects.filter(report=report, pk=pk).first()
    if practice is None or practice.direction != BestPractice.Direction.ADOPTED:
        raise Http404("No such adopted best practice on this report.")
    return practice


@require_http_methods(["GET", "POST"])
def adoption_edit(request: SignedInRequest, year: int, code: str, pk: int) -> HttpResponse:
    report = get_report_for_user(request.user, year, code, write=True)
    practice = _practice(report, pk)
    adoption = Adoption.objects.filter(practice=practice).first()
    report_url = reverse("reporting:report-detail", args=[year, code]) + "#section-general"
    if request.method == "POST":
        form = AdoptionForm(request.POST, report=report)
        if form.is_valid():
            try:
                services.adoption_record(
                    practice_id=practice.pk,
                    user=request.user,
                    source=form.cleaned_data["source"],
                    what_changed=form.cleaned_data["what_changed"],
                )
            except services.AdoptionError as error:
                form.add_error("source", str(error))
            else:
                messages.success(request, f"The source of “{practice.title}” is saved.")
                return redirect(report_url)
    else:
        initial = {}
        if adoption is not None:
            initial = {
                "source": str(services.source_of(adoption)),
                "what_changed": adoption.what_changed,
            }
        form = AdoptionForm(initial=initial, report=report)
    return render(
        request,
        "adoptions/adoption_form.html",
        {
            "report": report,
            "practice": practice,
            "adoption": adoption,
            "form": form,
            "report_url": report_url,
        },
    )


@require_POST
def adoption_remove(request: SignedInRequest, year: int, code: str, pk: int) -> HttpResponse:
    report = get_report_for_user(request.user, year, code, write=True)
    practice = _practice(report, pk)
    try:
        services.adoption_remove(practice_id=practice.pk, user=request.user)
    except services.AdoptionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"“{practice.title}” no longer names a source.")
    return redirect(reverse("reporting:report-detail", args=[year, code]) + "#section-general")
