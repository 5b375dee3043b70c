"""The SMEWG meetings, with the best practices shared and the dialogues held at each."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from plans.meetings import access
from plans.meetings.adoptions import adopters_of
from plans.meetings.models import Meeting, MeetingBestPractice, MeetingDialogue


@require_safe
def meeting_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "projects/meeting_list.html", {"meetings": Meeting.objects.with_counts()}
    )


@require_safe
def meeting_detail(request: HttpRequest, number: int) -> HttpResponse:
    meeting = access.get_meeting(number)
    practices = list(
        MeetingBestPractice.objects.filter(meeting=meeting).select_related("economy", "area__plan")
    )
    adopters = adopters_of([practice.pk for practice in practices])
    dialogues = MeetingDialogue.objects.filter(meeting=meeting).select_related("forum")
    return render(
        request,
        "projects/meeting_detail.html",
        {
            "meeting": meeting,
            # Each shared best practice with the economies that adopted it.
            "best_practices": [(practice, adopters.get(practice.pk, "")) for practice in practices],
            "dialogues": dialogues,
        },
    )
