"""The reports in the admin: to read, not to change. Every figure of the roll-ups rests on these
records and on the summaries the workflow services keep with them (reporting.reports.summaries),
so all editing goes through the pages and the services, as for delegates; an edit here would
change a figure behind the summaries' back."""

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from plans.catalogue.data_version import data_version_bump
from reporting.reports.models import (
    ApecActivity,
    BestPractice,
    DialogueSession,
    EconomyReport,
    EvidenceFile,
    Initiative,
    MeasureEntry,
    Reminder,
    ReportingCycle,
    ReportSection,
)


class ReadOnly:
    """Viewing only: no add, change or delete, in the lists, the forms and the inlines."""

    def has_add_permission(self, request: HttpRequest, *args) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(ReportingCycle)
class ReportingCycleAdmin(SimpleHistoryAdmin):
    """A cycle's dates may be fixed here; its plan and year, which place its reports in the
    roll-ups' windows, are set once, when it is created."""

    list_display = ["year", "plan", "opens", "due", "closes", "time_zone", "is_open"]
    list_filter = ["plan", "is_open"]

    def get_readonly_fields(self, request: HttpRequest, obj=None):
        return ["plan", "year"] if obj is not None else []

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        # The due date decides which reports were on time (the participation figures).
        data_version_bump(plan_ids=[form.instance.plan_id])


class ReportSectionInline(ReadOnly, admin.TabularInline):
    model = ReportSection
    extra = 0
    fields = ["position", "area", "state", "nothing_to_report", "return_comment", "version"]
    readonly_fields = ["position", "area", "version"]


@admin.register(EconomyReport)
class EconomyReportAdmin(ReadOnly, SimpleHistoryAdmin):
    """To read. The workflow (submit, return, accept, reopen) and every edit run on the site."""

    list_display = ["economy", "cycle", "status", "submitted_at", "reviewed_at"]
    list_filter = ["cycle", "status", "economy"]
    list_select_related = ["economy", "cycle"]
    readonly_fields = [
        "created_at",
        "created_by",
        "submitted_at",
        "submitted_by",
        "reviewed_at",
        "reviewed_by",
    ]
    inlines = [ReportSectionInline]


@admin.register(MeasureEntry)
class MeasureEntryAdmin(ReadOnly, SimpleHistoryAdmin):
    list_display = ["report", "measure", "value", "unit", "assessment"]
    list_filter = ["report__cycle", "assessment", "measure__area"]
    list_select_related = ["report__economy", "report__cycle", "measure__area"]
    search_fields = ["narrative", "source"]


@admin.register(Initiative)
class InitiativeAdmin(ReadOnly, SimpleHistoryAdmin):
    list_display = ["title", "report", "area", "kind"]
    list_filter = ["report__cycle", "kind", "area"]
    list_select_related = ["report__economy", "report__cycle", "area"]
    search_fields = ["title", "description", "lessons_learned"]
    filter_horizontal = ["objectives", "target_groups", "broader_priorities"]


@admin.register(BestPractice, DialogueSession, ApecActivity)
class GeneralRecordAdmin(ReadOnly, SimpleHistoryAdmin):
    list_display = ["title", "report"]
    list_filter = ["report__cycle"]
    list_select_related = ["report__economy", "report__cycle"]
    search_fields = ["title"]


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    """What `send_reminders` and the director sent: a record, not something to edit."""

    list_display = ["sent_at", "cycle", "economy", "kind", "sent_by"]
    list_filter = ["cycle", "kind", "economy"]
    list_select_related = ["cycle", "economy", "sent_by"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(EvidenceFile)
class EvidenceFileAdmin(SimpleHistoryAdmin):
    """Evidence files download from the report's page only (access-checked): no file link here."""

    list_display = ["name", "report", "content_type", "size", "uploaded_by", "uploaded_at"]
    list_filter = ["report__cycle", "content_type"]
    list_select_related = ["report__economy", "report__cycle", "uploaded_by"]
    exclude = ["file"]
    readonly_fields = ["report", "initiative", "entry", "content_type", "size", "uploaded_by"]

    def has_add_permission(self, request) -> bool:
        return False

    # The review's annex lists the files of the counted reports, by name.
    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        data_version_bump(plan_ids=[form.instance.report.cycle.plan_id])

    def delete_model(self, request, obj) -> None:
        plan_id = obj.report.cycle.plan_id
        super().delete_model(request, obj)
        data_version_bump(plan_ids=[plan_id])

    def delete_queryset(self, request, queryset) -> None:
        plan_ids = list(queryset.values_list("report__cycle__plan_id", flat=True))
        super().delete_queryset(request, queryset)
        data_version_bump(plan_ids=plan_ids)
