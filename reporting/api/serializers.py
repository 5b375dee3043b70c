"""The reports, cycles and roll-ups as the API reads and writes them.

A section reads and writes in one shape: GET it, change it, PUT it back with its `version`.
Items are named as the plan names them (measure and objective numbers within the section's
area, area numbers, slugs of target groups and broader priorities, fora by acronym).
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from plans.models import YEAR_VALIDATORS, Forum
from reporting.adoptions.services import source_of
from reporting.api.fields import (
    StrictBooleanField,
    StrictCharField,
    StrictChoiceField,
    StrictDecimalField,
    StrictIntegerField,
)
from reporting.reports.caps import INITIATIVE_PREFIX, MAX_ROWS, ROW_NAMES
from reporting.reports.models import (
    NARRATIVE_LIMIT,
    Adoption,
    ApecActivity,
    Assessment,
    BestPractice,
    DialogueSession,
    EconomyReport,
    Initiative,
    MeasureEntry,
    ReportingCycle,
    ReportSection,
)

YEAR_MIN, YEAR_MAX = (validator.limit_value for validator in YEAR_VALIDATORS)


def _length(model, name: str) -> int:
    return model._meta.get_field(name).max_length


def _text(model=None, name: str = "", **kwargs) -> StrictCharField:
    """A text field of the request, as long as the model's column (or a narrative's limit)."""
    limit = _length(model, name) if model is not None else NARRATIVE_LIMIT
    return StrictCharField(max_length=limit, allow_blank=True, required=False, default="", **kwargs)


def _choice(choices, **kwargs) -> StrictChoiceField:
    return StrictChoiceField(
        choices=choices, allow_blank=True, required=False, default="", **kwargs
    )


def _area_number(**kwargs) -> StrictIntegerField:
    return StrictIntegerField(min_value=1, allow_null=True, required=False, default=None, **kwargs)


def _slugs(help_text: str) -> serializers.ListField:
    return serializers.ListField(
        child=StrictCharField(max_length=50), required=False, default=list, help_text=help_text
    )


# Reading -------------------------------------------------------------------------------------


class CycleSerializer(serializers.ModelSerializer):
    plan = serializers.CharField(source="plan.code", read_only=True)

    class Meta:
        model = ReportingCycle
        fields = ["year", "plan", "opens", "due", "closes", "is_open"]


def report_url(report: EconomyReport, request, name: str = "api:report-detail", **kwargs) -> str:
    return reverse(
        name,
        kwargs={"year": report.cycle.year, "code": report.economy.code, **kwargs},
        request=request,
    )


class ReportSummarySerializer(serializers.ModelSerializer):
    year = serializers.IntegerField(source="cycle.year", read_only=True)
    plan = serializers.CharField(source="cycle.plan.code", read_only=True)
    economy = serializers.CharField(source="economy.code", read_only=True)
    economy_name = serializers.CharField(source="economy.short_name", read_only=True)
    # Any field: the whole report's serializer shows the sections themselves.
    sections: serializers.Field = serializers.IntegerField(source="section_count", read_only=True)
    completed_sections: serializers.Field = serializers.IntegerField(
        source="completed_count", read_only=True
    )
    url = serializers.SerializerMethodField()

    class Meta:
        model = EconomyReport
        fields = [
            "year",
            "plan",
            "economy",
            "economy_name",
            "status",
            "sections",
            "completed_sections",
            "created_at",
            "submitted_at",
            "reviewed_at",
            "url",
        ]

    def get_url(self, report: EconomyReport) -> str:
        return report_url(report, self.context.get("request"))


class EntrySerializer(serializers.ModelSerializer):
    measure = serializers.IntegerField(source="measure.number", read_only=True)
    measure_text = serializers.CharField(source="measure.text", read_only=True)

    class Meta:
        model = MeasureEntry
        fields = [
            "measure",
            "measure_text",
            "value",
            "unit",
            "reference_year",
            "source",
            "assessment",
            "narrative",
            "confirmed_reason",
        ]


class NumbersField(serializers.ListField):
    """A many-to-many as the numbers of its items, e.g. objectives [1, 3]."""

    def __init__(self, attribute: str = "number", **kwargs):
        self.attribute = attribute
        super().__init__(child=serializers.IntegerField(), read_only=True, **kwargs)

    def to_representation(self, manager):
        return [getattr(item, self.attribute) for item in manager.all()]


class SlugsField(serializers.ListField):
    def __init__(self, **kwargs):
        super().__init__(child=serializers.CharField(), read_only=True, **kwargs)

    def to_representation(self, manager):
        return [item.slug for item in manager.all()]


class InitiativeSerializer(serializers.ModelSerializer):
    objectives = NumbersField(help_text="Numbers of the area's objectives it addresses.")
    target_groups = SlugsField()
    broader_priorities = SlugsField()

    class Meta:
        model = Initiative
        fields = [
            "id",
            "title",
            "kind",
            "description",
            "objectives",
            "target_groups",
            "broader_priorities",
            "apec_project_code",
            "lessons_learned",
            "evidence_url",
        ]


class AreaNumberField(serializers.IntegerField):
    def __init__(self, **kwargs):
        super().__init__(read_only=True, allow_null=True, **kwargs)

    def get_attribute(self, instance):
        return instance.area.number if instance.area_id else None

    def to_representation(self, value):
        return value


class AdoptionSerializer(serializers.Serializer):
    came_from = serializers.SerializerMethodField(
        help_text="Where the adopted practice came from: practice:<id> or initiative:<id> (a "
        "record of another economy's accepted report), meeting:<id> (a best practice shared at "
        "a SMEWG meeting)."
    )
    what_changed = serializers.CharField(read_only=True)

    def get_came_from(self, adoption: Adoption) -> str:
        return str(source_of(adoption))


class BestPracticeSerializer(serializers.ModelSerializer):
    area = AreaNumberField()
    adoption = AdoptionSerializer(
        read_only=True,
        allow_null=True,
        help_text="The source an adopted practice names (set on the report's page); null if none.",
    )

    class Meta:
        model = BestPractice
        fields = ["id", "title", "direction", "area", "where", "description", "adoption"]


class DialogueSerializer(serializers.ModelSerializer):
    area = AreaNumberField()
    forum: serializers.SlugRelatedField[Forum] = serializers.SlugRelatedField(
        slug_field="acronym", read_only=True, allow_null=True
    )

    class Meta:
        model = DialogueSession
        fields = ["id", "title", "partner_kind", "forum", "area", "where"]


class ApecActivitySerializer(serializers.ModelSerializer):
    area = AreaNumberField()

    class Meta:
        model = ApecActivity
        fields = ["id", "kind", "title", "role", "area", "lessons_learned"]


class SectionSerializer(serializers.ModelSerializer):
    """One section, from `reporting.contents.load_sections`. A priority area's section has
    entries and initiatives; the general-indicators section (slug "general") has the records
    and narratives of the general indicators; the other kind's fields are empty (or null)."""

    slug = serializers.CharField(read_only=True)
    title = serializers.CharField(read_only=True)
    area = AreaNumberField()
    entries = serializers.SerializerMethodField()
    initiatives = serializers.SerializerMethodField()
    best_practices = serializers.SerializerMethodField()
    dialogues = serializers.SerializerMethodField()
    apec_activities = serializers.SerializerMethodField()
    lessons_learned = serializers.SerializerMethodField()
    broader_priorities_contribution = serializers.SerializerMethodField()
    broader_priorities = serializers.SerializerMethodField()

    class Meta:
        model = ReportSection
        fields = [
            "slug",
            "title",
            "area",
            "position",
            "state",
            "nothing_to_report",
            "version",
            "updated_at",
            "return_comment",
            "entries",
            "initiatives",
            "best_practices",
            "dialogues",
            "apec_activities",
            "lessons_learned",
            "broader_priorities_contribution",
            "broader_priorities",
        ]

    @staticmethod
    def _general(section: ReportSection) -> bool:
        return section.area_id is None

    @extend_schema_field(EntrySerializer(many=True))
    def get_entries(self, section):
        return EntrySerializer(section.entry_list, many=True).data

    @extend_schema_field(InitiativeSerializer(many=True))
    def get_initiatives(self, section):
        return InitiativeSerializer(section.initiative_list, many=True).data

    @extend_schema_field(BestPracticeSerializer(many=True))
    def get_best_practices(self, section):
        items = section.best_practice_list if self._general(section) else []
        return BestPracticeSerializer(items, many=True).data

    @extend_schema_field(DialogueSerializer(many=True))
    def get_dialogues(self, section):
        items = section.dialogue_list if self._general(section) else []
        return DialogueSerializer(items, many=True).data

    @extend_schema_field(ApecActivitySerializer(many=True))
    def get_apec_activities(self, section):
        items = section.activity_list if self._general(section) else []
        return ApecActivitySerializer(items, many=True).data

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_lessons_learned(self, section):
        return section.report.lessons_learned if self._general(section) else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_broader_priorities_contribution(self, section):
        return section.report.broader_priorities_contribution if self._general(section) else None

    @extend_schema_field(serializers.ListField(child=serializers.CharField(), allow_null=True))
    def get_broader_priorities(self, section):
        if not self._general(section):
            return None
        return [priority.slug for priority in section.broader_priority_list]


class ReportSerializer(ReportSummarySerializer):
    """A whole report: its workflow state and every section (see SectionSerializer)."""

    sections = serializers.SerializerMethodField()
    completed_sections = serializers.SerializerMethodField()
    is_editable = serializers.BooleanField(read_only=True)

    class Meta(ReportSummarySerializer.Meta):
        fields = [
            *ReportSummarySerializer.Meta.fields,
            "is_editable",
            "return_comment",
            "sections",
        ]

    @extend_schema_field(SectionSerializer(many=True))
    def get_sections(self, report):
        return SectionSerializer(self.context["sections"], many=True).data

    def get_completed_sections(self, report) -> int:
        return sum(s.state == ReportSection.State.COMPLETED for s in self.context["sections"])


# Writing -------------------------------------------------------------------------------------


class ReportCreateSerializer(serializers.Serializer):
    year = StrictIntegerField(min_value=YEAR_MIN, max_value=YEAR_MAX)
    economy = StrictCharField(max_length=4, help_text="The economy's APEC code, e.g. CHL.")
    prefill = StrictBooleanField(
        required=False,
        default=False,
        help_text="Start from the economy's last accepted report (values, assessments, "
        "initiatives).",
    )


class EntryInputSerializer(serializers.Serializer):
    measure = StrictIntegerField(
        min_value=1, help_text="The measure's number within the section's priority area."
    )
    value = StrictDecimalField(
        max_digits=18, decimal_places=4, allow_null=True, required=False, default=None
    )
    unit = StrictCharField(
        max_length=_length(MeasureEntry, "unit"),
        allow_blank=True,
        required=False,
        help_text="Left out: the measure's unit.",
    )
    reference_year = StrictIntegerField(
        min_value=YEAR_MIN, max_value=YEAR_MAX, allow_null=True, required=False, default=None
    )
    # A field, which DRF's metaclass takes out of the class: Field.source is left as it was.
    source = _text(MeasureEntry, "source")  # type: ignore[assignment]
    assessment = _choice(Assessment.choices)
    narrative = _text()
    confirmed_reason = _text(
        MeasureEntry,
        "confirmed_reason",
        help_text="Why a value the data checks flag is right; left out, none. A write that "
        "changes the value, unit, reference year or assessment drops the reason stored: send "
        "it again in a later write to confirm the new figure.",
    )


class InitiativeInputSerializer(serializers.Serializer):
    id = StrictIntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text="An initiative of this section to keep (as sent); without an id, a new one. "
        "The section's initiatives not sent are deleted.",
    )
    title = _text(Initiative, "title")
    kind = _choice(Initiative.Kind.choices)
    description = _text()
    objectives = serializers.ListField(
        child=StrictIntegerField(min_value=1),
        required=False,
        default=list,
        help_text="Numbers of the area's objectives the initiative addresses.",
    )
    target_groups = _slugs("Slugs of the target groups reached (see the plan).")
    broader_priorities = _slugs("Slugs of the broader APEC priorities served (see the plan).")
    apec_project_code = _text(Initiative, "apec_project_code")
    lessons_learned = _text()
    evidence_url = _text(Initiative, "evidence_url")


class RecordInputSerializer(serializers.Serializer):
    id = StrictIntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text="A record to keep (as sent); without an id, a new one. Records not sent are "
        "deleted.",
    )


class BestPracticeInputSerializer(RecordInputSerializer):
    title = _text(BestPractice, "title")
    direction = _choice(BestPractice.Direction.choices)
    area = _area_number()
    where = _text(BestPractice, "where")
    description = _text()


class DialogueInputSerializer(RecordInputSerializer):
    title = _text(DialogueSession, "title")
    partner_kind = _choice(DialogueSession.Partner.choices)
    forum = StrictCharField(
        max_length=12, allow_null=True, required=False, default=None, help_text="Acronym."
    )
    area = _area_number()
    where = _text(DialogueSession, "where")


class ApecActivityInputSerializer(RecordInputSerializer):
    kind = _choice(ApecActivity.Kind.choices)
    title = _text(ApecActivity, "title")
    role = StrictChoiceField(
        choices=ApecActivity.Role.choices, required=False, default=ApecActivity.Role.PARTICIPANT
    )
    area = _area_number()
    lessons_learned = _text()


def _at_most(prefix: str) -> str:
    return f"At most {MAX_ROWS[prefix]} {ROW_NAMES[prefix]} (more: 400)."


class SectionInputSerializer(serializers.Serializer):
    """The whole section, replacing what it holds: the entries of the measures sent (the others
    are emptied), the initiatives or records sent (the others are deleted).

    `complete: false` is "Save draft" (only the form of what is sent is checked); `complete:
    true` is "Save and continue" (a complete section's answers are required too)."""

    version = StrictIntegerField(
        min_value=0, help_text="The section's version when you read it (stale: 409)."
    )
    complete = StrictBooleanField(required=False, default=False)
    nothing_to_report = StrictBooleanField(required=False, default=False)
    entries = EntryInputSerializer(many=True, required=False, default=list)
    initiatives = InitiativeInputSerializer(
        many=True, required=False, default=list, help_text=_at_most(INITIATIVE_PREFIX)
    )
    best_practices = BestPracticeInputSerializer(
        many=True, required=False, default=list, help_text=_at_most("best_practices")
    )
    dialogues = DialogueInputSerializer(
        many=True, required=False, default=list, help_text=_at_most("dialogues")
    )
    apec_activities = ApecActivityInputSerializer(
        many=True, required=False, default=list, help_text=_at_most("apec_activities")
    )
    lessons_learned = _text()
    broader_priorities_contribution = _text()
    broader_priorities = _slugs("Slugs of the broader APEC priorities the economy served.")


class ReturnInputSerializer(serializers.Serializer):
    comment = StrictCharField(
        max_length=NARRATIVE_LIMIT, help_text="What the economy should change."
    )
    section_comments = serializers.DictField(
        child=StrictCharField(max_length=NARRATIVE_LIMIT, allow_blank=True),
        required=False,
        default=dict,
        help_text='Comments on single sections, by slug: {"1": "...", "general": "..."}.',
    )
