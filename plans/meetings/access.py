"""Every signed-in person reads the SMEWG meetings: the one place the meeting pages ask."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from plans.meetings.models import Meeting


def get_meeting(number: int) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("economy"), number=number)
