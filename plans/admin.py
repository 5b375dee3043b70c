from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from import_export.admin import ImportExportModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from plans.accounts.models import ApiToken, Deactivation, Delegate, Invitation, UserPreferences
from plans.accounts.twofactor.models import WebAuthnDevice
from plans.catalogue import resources
from plans.catalogue.data_version import data_version_bump
from plans.catalogue.models import (
    Action,
    BroaderPriority,
    Economy,
    Forum,
    GeneralIndicator,
    ImplementationActivity,
    IndicatorGroup,
    MeasureOfProgress,
    Objective,
    PriorityArea,
    StrategicPlan,
    TargetGroup,
)
from plans.meetings import resources as meeting_resources
from plans.meetings.models import Meeting, MeetingBestPractice, MeetingDialogue
from plans.projects import resources as project_resources
from plans.projects.models import (
    ApecProject,
    Proposal,
    ProposalRound,
    ProposalScore,
    check_project_tags,
)
from plans.results.models import ReportedFigure


class CatalogueAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    """Every catalogue model: import with a dry-run preview, export, and its change history.

    Each change moves every plan's data version (in the admin view's transaction): a name, a
    number or a project shows in the plans' documents, and an economy, a forum or a target
    group in every plan's. Imports do the same (resources.CatalogueResource)."""

    # An import error shows its message, never a traceback (file paths, code) to the browser.
    import_error_display = ("message",)
    import_template_name = "admin/import_export/import_without_traceback.html"

    def save_related(self, request, form, formsets, change) -> None:
        # The object, its inlines and its many-to-many fields are saved by now.
        super().save_related(request, form, formsets, change)
        data_version_bump()

    def delete_model(self, request, obj) -> None:
        super().delete_model(request, obj)
        data_version_bump()

    def delete_queryset(self, request, queryset) -> None:
        super().delete_queryset(request, queryset)
        data_version_bump()


@admin.register(Economy)
class EconomyAdmin(CatalogueAdmin):
    resource_classes = [resources.EconomyResource]
    list_display = ["position", "code", "short_name", "name"]
    list_display_links = ["code"]
    search_fields = ["code", "name", "short_name"]


@admin.register(Forum)
class ForumAdmin(CatalogueAdmin):
    resource_classes = [resources.ForumResource]
    list_display = ["acronym", "name"]
    search_fields = ["acronym", "name"]


@admin.register(BroaderPriority)
class BroaderPriorityAdmin(CatalogueAdmin):
    resource_classes = [resources.BroaderPriorityResource]
    list_display = ["name", "year"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(TargetGroup)
class TargetGroupAdmin(CatalogueAdmin):
    resource_classes = [resources.TargetGroupResource]
    list_display = ["position", "name"]
    list_display_links = ["name"]


class PriorityAreaInline(admin.TabularInline):
    model = PriorityArea
    extra = 0


@admin.register(StrategicPlan)
class StrategicPlanAdmin(CatalogueAdmin):
    resource_classes = [resources.StrategicPlanResource]
    list_display = ["code", "title", "midterm_review_year", "final_review_year"]
    filter_horizontal = ["broader_priorities"]
    inlines = [PriorityAreaInline]


class AreaItemInline(admin.TabularInline):
    extra = 0


class ObjectiveInline(AreaItemInline):
    model = Objective


class ActionInline(AreaItemInline):
    model = Action


class MeasureInline(AreaItemInline):
    model = MeasureOfProgress


@admin.register(PriorityArea)
class PriorityAreaAdmin(CatalogueAdmin):
    resource_classes = [resources.PriorityAreaResource]
    list_display = ["plan", "number", "name"]
    list_filter = ["plan"]
    list_select_related = ["plan"]
    inlines = [ObjectiveInline, ActionInline, MeasureInline]


class AreaItemAdmin(CatalogueAdmin):
    list_display = ["area", "row", "number", "text"]
    list_filter = ["area__plan", "area"]
    list_select_related = ["area__plan"]
    search_fields = ["text"]


@admin.register(Objective)
class ObjectiveAdmin(AreaItemAdmin):
    resource_classes = [resources.ObjectiveResource]


@admin.register(Action)
class ActionAdmin(AreaItemAdmin):
    resource_classes = [resources.ActionResource]
    list_display = [*AreaItemAdmin.list_display, "forum"]
    list_select_related = ["area__plan", "forum"]


@admin.register(MeasureOfProgress)
class MeasureOfProgressAdmin(AreaItemAdmin):
    resource_classes = [resources.MeasureOfProgressResource]
    list_display = [*AreaItemAdmin.list_display, "kind", "unit"]
    list_filter = [*AreaItemAdmin.list_filter, "kind"]


class GeneralIndicatorInline(admin.TabularInline):
    model = GeneralIndicator
    extra = 0


@admin.register(IndicatorGroup)
class IndicatorGroupAdmin(CatalogueAdmin):
    resource_classes = [resources.IndicatorGroupResource]
    list_display = ["plan", "number", "name"]
    list_filter = ["plan"]
    inlines = [GeneralIndicatorInline]


@admin.register(GeneralIndicator)
class GeneralIndicatorAdmin(CatalogueAdmin):
    resource_classes = [resources.GeneralIndicatorResource]
    list_display = ["group", "number", "text", "kind"]
    list_filter = ["group__plan", "kind"]
    list_select_related = ["group"]


@admin.register(ImplementationActivity)
class ImplementationActivityAdmin(CatalogueAdmin):
    resource_classes = [resources.ImplementationActivityResource]
    list_display = ["plan", "number", "title", "start_year", "end_year"]
    list_filter = ["plan", "area"]
    filter_horizontal = ["proponents"]


@admin.register(Delegate)
class DelegateAdmin(SimpleHistoryAdmin):
    list_display = ["user", "economy"]
    list_filter = ["economy"]
    list_select_related = ["user", "economy"]
    search_fields = ["user__username", "user__email"]
    autocomplete_fields = ["user", "economy"]


class DelegateInline(admin.StackedInline):
    model = Delegate
    can_delete = True
    extra = 0
    max_num = 1
    verbose_name = "economy (for delegates)"


admin.site.unregister(User)


@admin.register(User)
class AccountAdmin(UserAdmin):
    inlines = [DelegateInline]
    list_display = ["username", "email", "first_name", "last_name", "is_staff", "is_active"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are issued on the profile page; here the administrator sees and revokes them."""

    list_display = ["user", "prefix", "created", "expires", "last_used"]
    search_fields = ["user__username", "prefix"]
    fields = ["user", "prefix", "created", "expires", "last_used"]
    readonly_fields = ["user", "prefix", "created", "expires", "last_used"]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(UserPreferences)
class UserPreferencesAdmin(admin.ModelAdmin):
    list_display = ["user", "time_zone"]


class ReadOnlyHistoryAdmin(SimpleHistoryAdmin):
    """Written by the people page's services only (plans/accounts/invitations.py); here they are
    read, with their history."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyHistoryAdmin):
    list_display = ["email", "role", "economy", "invited_by", "created", "expires", "accepted_at"]
    list_filter = ["role"]
    search_fields = ["email"]
    exclude = ["token_digest"]


@admin.register(Deactivation)
class DeactivationAdmin(ReadOnlyHistoryAdmin):
    list_display = ["user", "at", "by", "reason"]
    search_fields = ["user__username", "reason"]


@admin.register(WebAuthnDevice)
class WebAuthnDeviceAdmin(SimpleHistoryAdmin):
    """Security keys are added on the two-factor page (a key must answer its challenge there);
    here the administrator sees them and deletes a lost one."""

    list_display = ["name", "user", "created_at", "last_used_at"]
    search_fields = ["user__username", "name"]
    fields = ["user", "name", "created_at", "last_used_at", "transports"]
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class ApecProjectForm(forms.ModelForm):
    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        plan = cleaned.get("plan")
        if plan is not None:
            try:
                check_project_tags(
                    plan=plan,
                    areas=list(cleaned.get("areas") or []),
                    objectives=list(cleaned.get("objectives") or []),
                )
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    self.add_error(field, messages)
        return cleaned


@admin.register(ApecProject)
class ApecProjectAdmin(CatalogueAdmin):
    form = ApecProjectForm
    resource_classes = [project_resources.ApecProjectResource]
    list_display = ["code", "title", "proponent", "start_year", "end_year", "status", "funding"]
    list_filter = ["plan", "status", "funding", "kind"]
    list_select_related = ["proponent"]
    search_fields = ["code", "title"]
    filter_horizontal = [
        "co_sponsors",
        "areas",
        "objectives",
        "broader_priorities",
        "participating_economies",
    ]


class ProposalInline(admin.StackedInline):
    model = Proposal
    extra = 0
    filter_horizontal = ["areas", "broader_priorities"]


@admin.register(ProposalRound)
class ProposalRoundAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "plan", "opens", "closes", "is_open"]
    list_filter = ["plan", "is_open"]
    readonly_fields = ["closed_at", "closed_by"]
    inlines = [ProposalInline]


@admin.register(ProposalScore)
class ProposalScoreAdmin(SimpleHistoryAdmin):
    list_display = ["proposal", "economy", "plan_link", "apec_priorities", "feasibility"]
    list_filter = ["proposal__round", "economy"]
    list_select_related = ["proposal", "economy"]


class MeetingBestPracticeInline(admin.TabularInline):
    model = MeetingBestPractice
    extra = 0


class MeetingDialogueInline(admin.TabularInline):
    model = MeetingDialogue
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(CatalogueAdmin):
    resource_classes = [meeting_resources.MeetingResource]
    list_display = ["number", "place", "economy", "start_date", "end_date"]
    list_select_related = ["economy"]
    inlines = [MeetingBestPracticeInline, MeetingDialogueInline]


@admin.register(MeetingBestPractice)
class MeetingBestPracticeAdmin(CatalogueAdmin):
    resource_classes = [meeting_resources.MeetingBestPracticeResource]
    list_display = ["meeting", "economy", "title", "area"]
    list_filter = ["meeting", "economy"]
    list_select_related = ["meeting", "economy", "area"]


@admin.register(MeetingDialogue)
class MeetingDialogueAdmin(CatalogueAdmin):
    resource_classes = [meeting_resources.MeetingDialogueResource]
    list_display = ["meeting", "title", "partner_kind", "partner"]
    list_filter = ["meeting", "partner_kind"]
    list_select_related = ["meeting"]


@admin.register(ReportedFigure)
class ReportedFigureAdmin(SimpleHistoryAdmin):
    """Reference data the administrator keeps word for word; no roll-up reads it."""

    list_display = ["plan", "year", "reported_by", "kind", "position", "area_as_reported", "value"]
    list_filter = ["plan", "year", "kind"]
    list_select_related = ["plan"]
    search_fields = ["area_as_reported", "quote", "source_document"]
