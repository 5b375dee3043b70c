"""The API's endpoints. Reads and writes ask reporting.access, as the pages do, and writes go
through reporting.reports.services (sections through the page's forms, see sections.py): one set of
rules for the web and the API."""

from __future__ import annotations

import re

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import generics, serializers, status
from rest_framework.decorators import api_view, permission_classes
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse

from plans.accounts.roles import require_director
from plans.catalogue.serializers import (
    EconomySerializer,
    PlanSerializer,
    PlanSummarySerializer,
)
from plans.models import ApecProject, Economy, Forum, StrategicPlan, TargetGroup
from plans.projects.serializers import ApecProjectSerializer
from reporting.api import sections as section_api
from reporting.api.errors import Conflict, error_responses
from reporting.api.filters import CycleFilter, ProjectFilter, ReportFilter
from reporting.api.paths import ECONOMY_CODE, REPORT_PATH, may_name_a_report
from reporting.api.permissions import signed_in_user
from reporting.api.serializers import (
    CycleSerializer,
    ReportCreateSerializer,
    ReportSerializer,
    ReportSummarySerializer,
    ReturnInputSerializer,
    SectionInputSerializer,
    SectionSerializer,
    report_url,
)
from reporting.reports import services
from reporting.reports.access import (
    check_can_write,
    check_edits_section,
    check_is_head,
    get_report_for_user,
    get_slot_for_user,
)
from reporting.reports.contents import load_sections
from reporting.reports.forms import ReturnForm
from reporting.reports.models import EconomyReport, ReportingCycle

PLAN_CODE = re.compile(r"^\d{4}-\d{4}$")
LIST_ERRORS = error_responses(400, 401, 404)


@extend_schema(
    responses=inline_serializer(
        "ApiRoot",
        {
            name: serializers.URLField()
            for name in (
                "plans",
                "economies",
                "cycles",
                "reports",
                "projects",
                "dashboard",
                "schema",
                "docs",
            )
        },
    ),
    auth=[],
)
@api_view(["GET"])
@permission_classes([AllowAny])
def root(request: Request) -> Response:
    """Where the resources are. Sign in with `Authorization: Token <key>` (from your profile
    page) or a browser session."""
    plan = StrategicPlan.objects.only("code").first()

    def url(name: str, **kwargs) -> str:
        return reverse(f"api:{name}", kwargs=kwargs, request=request)

    return Response(
        {
            "plans": url("plan-list"),
            "economies": url("economy-list"),
            "cycles": url("cycle-list"),
            "reports": url("report-list"),
            "projects": url("project-list"),
            "dashboard": url("dashboard", code=plan.code) if plan else None,
            "schema": url("schema"),
            "docs": url("docs"),
        }
    )


@extend_schema(exclude=True)
@api_view(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"])
@permission_classes([AllowAny])
def not_found(request: Request, rest: str = "") -> Response:
    """Any other address under /api/: a JSON 404, like every other error here."""
    raise NotFound("No such API endpoint.")


# Catalogue ----------------------------------------------------------------------------------


@extend_schema_view(
    get=extend_schema(responses={200: PlanSummarySerializer(many=True), **LIST_ERRORS})
)
class PlanList(generics.ListAPIView):
    """The strategic plans, newest first."""

    serializer_class = PlanSummarySerializer
    queryset = StrategicPlan.objects.order_by("-start_year", "pk")


@extend_schema(responses={200: PlanSerializer, **error_responses(401, 404)})
@api_view(["GET"])
def plan_detail(request: Request, code: str) -> Response:
    """One plan as a tree: priority areas with their objectives, actions and measures (each in
    its sub-row of the plan's table), the general indicators in their groups, and the lists
    a report's answers choose from."""
    plans = StrategicPlan.objects.with_structure()
    plan = plans.filter(code=code).first() if PLAN_CODE.match(code) else None
    if plan is None:
        raise NotFound("No such plan.")
    context = {
        "request": request,
        "target_groups": TargetGroup.objects.all(),
        "forums": Forum.objects.all(),
    }
    return Response(PlanSerializer(plan, context=context).data)


@extend_schema_view(get=extend_schema(responses={200: EconomySerializer(many=True), **LIST_ERRORS}))
class EconomyList(generics.ListAPIView):
    """The 21 member economies, in APEC's order."""

    serializer_class = EconomySerializer
    queryset = Economy.objects.order_by("position", "pk")


@extend_schema_view(get=extend_schema(responses={200: CycleSerializer(many=True), **LIST_ERRORS}))
class CycleList(generics.ListAPIView):
    """The reporting cycles, newest first."""

    serializer_class = CycleSerializer
    queryset = ReportingCycle.objects.select_related("plan").order_by("-year", "pk")
    filterset_class = CycleFilter


PROJECTS = ApecProject.objects.select_related("proponent", "plan").prefetch_related(
    "co_sponsors",
    "participating_economies",
    "areas",
    "objectives__area",
    "broader_priorities",
)


@extend_schema_view(
    get=extend_schema(responses={200: ApecProjectSerializer(many=True), **LIST_ERRORS})
)
class ProjectList(generics.ListAPIView):
    """APEC projects, by plan, then start year and code."""

    serializer_class = ApecProjectSerializer
    queryset = PROJECTS.order_by("plan__start_year", "start_year", "code", "pk")
    filterset_class = ProjectFilter


@extend_schema(responses={200: ApecProjectSerializer, **error_responses(401, 404)})
@api_view(["GET"])
def project_detail(request: Request, slug: str) -> Response:
    """One APEC project, by the slug of its code (e.g. `sme-01-2015a`)."""
    project = PROJECTS.filter(slug=slug).first()
    if project is None:
        raise NotFound("No such project.")
    return Response(ApecProjectSerializer(project).data)


# Reports ------------------------------------------------------------------------------------

SECTION_PATH = OpenApiParameter(
    "section",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    description="The priority area's number, or `general` for the general indicators.",
)


def _report(request: Request, year: int, code: str, *, write: bool = False) -> EconomyReport:
    """The report, through the pages' access helper; an address no report can have is a 404."""
    if not may_name_a_report(year, code):
        raise Http404("No such report.")
    return get_report_for_user(request.user, year, code, write=write)


def _report_data(
    request: Request, report: EconomyReport, *, changed: bool = False, **kwargs
) -> Response:
    if changed:  # by a service, on its own copy of the row
        report.refresh_from_db(fields=["status", "submitted_at", "reviewed_at", "return_comment"])
    sections = load_sections(report)
    data = ReportSerializer(report, context={"request": request, "sections": sections}).data
    return Response(data, **kwargs)


@extend_schema_view(
    get=extend_schema(responses={200: ReportSummarySerializer(many=True), **LIST_ERRORS}),
    post=extend_schema(
        request=ReportCreateSerializer,
        responses={
            201: ReportSerializer,
            200: ReportSerializer,
            **error_responses(400, 401, 403, 404, 409),
        },
        description="Start the economy's report of a cycle (a delegate of the economy, while "
        "the cycle is open): a section per priority area and the general indicators, an empty "
        "entry per measure, or last year's accepted answers with `prefill`. A report already "
        "started is returned as it is (200).",
    ),
)
class ReportList(generics.ListCreateAPIView):
    """The reports the user may see: a delegate's economy's (every status), or every economy's
    for the secretariat and the Chair; newest year first, then in APEC's order."""

    serializer_class = ReportSummarySerializer
    filterset_class = ReportFilter

    def get_queryset(self):
        return (
            EconomyReport.objects.visible_to(self.request.user)
            .with_progress()
            .select_related("cycle__plan", "economy")
            .order_by("-cycle__year", "economy__position", "pk")
        )

    def get_serializer_class(self):
        if self.request.method == "POST":
            return ReportCreateSerializer
        return ReportSummarySerializer

    def create(self, request: Request, *args, **kwargs) -> Response:
        given = ReportCreateSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        year, code = given.validated_data["year"], given.validated_data["economy"]
        if not ECONOMY_CODE.match(code):
            raise Http404("No such report.")
        cycle, economy, report = get_slot_for_user(request.user, year, code)
        check_can_write(request.user, economy, report)
        if report is not None:
            return _report_data(request, report)
        try:
            _report_row, created = services.report_start(
                cycle=cycle,
                economy=economy,
                user=signed_in_user(request),
                prefill=given.validated_data["prefill"],
            )
        except services.ReportError as error:
            raise Conflict(str(error)) from error
        report = get_report_for_user(request.user, year, code)
        if not created:  # by a request that ran at the same time as this one
            return _report_data(request, report)
        return _report_data(
            request,
            report,
            status=status.HTTP_201_CREATED,
            headers={"Location": report_url(report, request)},
        )


@extend_schema(
    parameters=REPORT_PATH, responses={200: ReportSerializer, **error_responses(401, 404)}
)
@api_view(["GET"])
def report_detail(request: Request, year: int, code: str) -> Response:
    """One report with every section: what the report page shows."""
    return _report_data(request, _report(request, year, code))


SUBMISSION_EXAMPLE = OpenApiExample(
    "Complete priority area 1",
    request_only=True,
    value={
        "version": 0,
        "complete": True,
        "nothing_to_report": False,
        "entries": [
            # Measure 1.1 is an index; 1.2, the rate of business start-up, is in %.
            {"measure": 1, "assessment": "no_data"},
            {
                "measure": 2,
                "value": "12.5",
                "unit": "%",
                "reference_year": 2025,
                "source": "National MSME survey",
                "assessment": "progressing",
                "narrative": "New firm registrations rose after fees were cut.",
            },
            {"measure": 3, "assessment": "no_data"},
            {"measure": 4, "assessment": "no_data"},
            {"measure": 5, "assessment": "no_data"},
        ],
        "initiatives": [
            {
                "title": "Start-up One-Stop Registration Portal",
                "kind": "project",
                "description": "Registers a company online in one day.",
                "objectives": [1, 2],
                "target_groups": ["women", "youth"],
                "evidence_url": "https://example.org/portal",
            }
        ],
    },
)
GENERAL_EXAMPLE = OpenApiExample(
    "Save a draft of the general indicators",
    request_only=True,
    value={
        "version": 0,
        "complete": False,
        "best_practices": [
            {
                "title": "Women exporters' mentoring",
                "direction": "shared",
                "area": 3,
                "where": "The 58th SMEWG meeting",
            }
        ],
        "dialogues": [{"title": "MSME finance round table", "partner_kind": "private"}],
        "apec_activities": [{"title": "Digital SME workshop", "kind": "supported"}],
        "lessons_learned": "Working through regional chambers reached more firms.",
        "broader_priorities": [],
    },
)


@extend_schema(
    methods=["GET"],
    parameters=[*REPORT_PATH, SECTION_PATH],
    responses={200: SectionSerializer, **error_responses(401, 404)},
)
@extend_schema(
    methods=["PUT"],
    parameters=[*REPORT_PATH, SECTION_PATH],
    request=SectionInputSerializer,
    responses={200: SectionSerializer, **error_responses(400, 401, 403, 404, 409)},
    examples=[SUBMISSION_EXAMPLE, GENERAL_EXAMPLE],
)
@api_view(["GET", "PUT"])
def section_detail(request: Request, year: int, code: str, section: str) -> Response:
    """GET: one section, with its `version`. PUT (the economy's delegate, or a contributor the
    section is assigned to, while the report is a draft or returned and its cycle open): replace
    the section's contents, checked by the same forms as the section page. Send the `version`
    you read; if someone saved the section since, nothing is written and the answer is 409 with
    the current version."""
    report = _report(request, year, code, write=request.method == "PUT")
    if request.method == "PUT":
        body = SectionInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        target = _find_section(list(report.sections.select_related("area")), section)
        target.report = report
        check_edits_section(request.user, report.economy, target.slug)
        try:
            section_api.section_write(
                section=target, user=signed_in_user(request), body=body.validated_data
            )
        except services.StaleSection as error:
            stale = error.section
            last_save = {}  # none when the version sent is one the section never had
            if stale.updated_by is not None and stale.updated_at is not None:
                last_save = {
                    "updated_by": stale.updated_by.get_full_name() or stale.updated_by.username,
                    "updated_at": stale.updated_at.isoformat(),
                }
            raise Conflict(str(error), current_version=stale.version, **last_save) from error
        except services.ReportError as error:
            raise Conflict(str(error), status=report.status) from error
    found = _find_section(load_sections(report), section)
    return Response(SectionSerializer(found).data)


def _find_section(sections: list, slug: str):
    for found in sections:
        if found.slug == slug:
            return found
    raise NotFound("No such section.")


STEP_RESPONSES = {200: ReportSerializer, **error_responses(400, 401, 403, 404, 409)}
ACCEPT_RESPONSES = {200: ReportSerializer, **error_responses(401, 403, 404, 409)}


@extend_schema(parameters=REPORT_PATH, request=None, responses=STEP_RESPONSES)
@api_view(["POST"])
def report_submit(request: Request, year: int, code: str) -> Response:
    """Submit the report to the program director (the economy's delegate; a contributor is
    refused, 403). Every section must be complete: if not, 400 with every missing answer, by
    section."""
    report = _report(request, year, code, write=True)
    check_is_head(request.user, report.economy)
    try:
        services.report_submit(report_id=report.pk, user=signed_in_user(request))
    except services.ReportIncomplete as error:
        problems: dict[str, list[str]] = {}
        for problem in error.problems:
            problems.setdefault(f"sections.{problem.section.slug}", []).append(problem.message)
        raise ValidationError(problems) from error
    except services.ReportError as error:
        raise Conflict(str(error), status=report.status) from error
    return _report_data(request, report, changed=True)


@extend_schema(parameters=REPORT_PATH, request=ReturnInputSerializer, responses=STEP_RESPONSES)
@api_view(["POST"])
def report_return(request: Request, year: int, code: str) -> Response:
    """Return a submitted report to the economy with comments (the program director)."""
    report = _report(request, year, code)
    require_director(request.user)
    body = ReturnInputSerializer(data=request.data)
    body.is_valid(raise_exception=True)
    sections = list(report.sections.select_related("area"))
    by_slug = {section.slug: section for section in sections}
    errors = {
        f"section_comments.{slug}": ["No such section."]
        for slug in body.validated_data["section_comments"]
        if slug not in by_slug
    }
    data = {"comment": body.validated_data["comment"]} | {
        f"section_{by_slug[slug].pk}": text
        for slug, text in body.validated_data["section_comments"].items()
        if slug in by_slug
    }
    form = ReturnForm(data, sections=sections)
    if not form.is_valid() or errors:
        names = {f"section_{section.pk}": section.slug for section in sections}
        for name, messages in form.errors.items():
            path = f"section_comments.{names[name]}" if name in names else name
            errors.setdefault(path, []).extend(str(message) for message in messages)
        raise ValidationError(errors)
    try:
        services.report_return(
            report_id=report.pk,
            user=signed_in_user(request),
            comment=form.cleaned_data["comment"],
            section_comments=form.section_comments(),
        )
    except services.ReportError as error:
        raise Conflict(str(error), status=report.status) from error
    return _report_data(request, report, changed=True)


@extend_schema(parameters=REPORT_PATH, request=None, responses=ACCEPT_RESPONSES)
@api_view(["POST"])
def report_accept(request: Request, year: int, code: str) -> Response:
    """Accept a submitted report (the program director): its contents count in the roll-ups."""
    report = _report(request, year, code)
    require_director(request.user)
    try:
        services.report_accept(report_id=report.pk, user=signed_in_user(request))
    except services.ReportError as error:
        raise Conflict(str(error), status=report.status) from error
    return _report_data(request, report, changed=True)
