"""Reported figures as the API shows them: read-only, the priority area by its number."""

from __future__ import annotations

from rest_framework import serializers

from plans.results.models import ReportedFigure


class ReportedFigureSerializer(serializers.ModelSerializer):
    area = serializers.IntegerField(
        source="area.number",
        allow_null=True,
        read_only=True,
        help_text="The plan's priority area the figure is about; null for a plan-wide figure.",
    )

    class Meta:
        model = ReportedFigure
        fields = [
            "year",
            "reported_by",
            "kind",
            "position",
            "area",
            "area_as_reported",
            "value",
            "unit",
            "label",
            "method",
            "source_document",
            "source_meeting",
            "source_date",
            "quote",
            "note",
        ]
        read_only_fields = fields
