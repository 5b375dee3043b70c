"""Spreadsheet import and export of SMEWG meetings, their best practices and dialogues
(django-import-export), all or nothing as the projects' imports."""

from __future__ import annotations

from import_export import fields

from plans.catalogue.models import Forum
from plans.catalogue.resources import (
    AllOrNothingResource,
    StrictForeignKeyWidget,
    area_field,
    economy_field,
)
from plans.meetings.models import Meeting, MeetingBestPractice, MeetingDialogue


class MeetingResource(AllOrNothingResource):
    economy = economy_field("economy")

    class Meta(AllOrNothingResource.Meta):
        model = Meeting
        import_id_fields = ["number"]
        fields = ["number", "place", "economy", "start_date", "end_date"]


def meeting_field() -> fields.Field:
    return fields.Field(
        attribute="meeting",
        column_name="meeting",
        widget=StrictForeignKeyWidget(Meeting, "number", "meeting number"),
    )


class MeetingBestPracticeResource(AllOrNothingResource):
    """Best practices shared at meetings; `plan` and `area` name the priority area."""

    meeting = meeting_field()
    economy = economy_field("economy")
    plan = fields.Field(attribute="area__plan__code", column_name="plan", readonly=True)
    area = area_field()

    class Meta(AllOrNothingResource.Meta):
        model = MeetingBestPractice
        import_id_fields = ["meeting", "economy", "title"]
        fields = ["meeting", "economy", "title", "plan", "area", "description"]


class MeetingDialogueResource(AllOrNothingResource):
    meeting = meeting_field()
    forum = fields.Field(
        attribute="forum",
        column_name="forum",
        widget=StrictForeignKeyWidget(Forum, "acronym", "APEC forum"),
    )

    class Meta(AllOrNothingResource.Meta):
        model = MeetingDialogue
        import_id_fields = ["meeting", "title"]
        fields = ["meeting", "title", "partner_kind", "partner", "forum"]
