"""The program director's dashboards: participation, priority areas, measures, search."""

from __future__ import annotations

from typing import cast

from django import forms
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_safe

from plans.accounts.roles import identity_of, require_reader_of_all
from plans.models import Economy, MeasureOfProgress, StrategicPlan
from plans.projects import portfolio
from reporting.commitments.figures import commitment_figures
from reporting.dashboards import charts
from reporting.dashboards.search import search_narratives
from reporting.ops.page_cache import cached_page
from reporting.reports import scoring
from reporting.reports.models import ASSESSMENT_ORDER, Assessment, EconomyReport, ReportStatus
from reporting.rollups import filters, lessons
from reporting.rollups.adoptions import adoption_flows
from reporting.rollups.areas import area_rollups
from reporting.rollups.filters import WindowForm, plan_or_404
from reporting.rollups.general import general_indicators
from reporting.rollups.measures import measure_rollup
from reporting.rollups.participation import participation, reopened_in, status_matrix
from reporting.rollups.window import Window


class DashboardFilterForm(WindowForm):
    """The window's filters as the dashboard's pages show them: the preset windows, the lists'
    options and the errors of the summary."""

    @property
    def preset_links(self) -> list[tuple[str, str]]:
        """(label, query string): each window with the other filters kept."""
        links = []
        for label, start, end in self.presets(self.plan):
            query = self.data.copy() if self.is_bound else QueryDict(mutable=True)
            query["start"], query["end"] = str(start), str(end)
            links.append((label, query.urlencode()))
        return links

    @cached_property
    def options_html(self) -> dict[str, SafeString]:
        """Each list's options, written out here: the widget's templates take a template per
        option, and a template loop a few tags per option."""
        boxes = {}
        for name, field in self.fields.items():
            if not isinstance(field, forms.ChoiceField):
                continue  # a text box
            current = str(self[name].value())
            boxes[name] = mark_safe(  # noqa: S308 - every value and label escaped
                "".join(
                    f'<option value="{escape(value)}"'
                    f"{' selected' if str(value) == current else ''}>{escape(label)}</option>"
                    for value, label in cast(list[tuple[object, str]], field.choices)
                )
            )
        return boxes

    @property
    def window_errors(self) -> list[tuple[str, str]]:
        """(field id, message) for the error summary: the window's own errors, and a code typed
        for no economy."""
        if not self.is_bound:
            return []
        errors = [(self["start"].auto_id, str(message)) for message in self.non_field_errors()]
        economy = self["economy"]
        if not isinstance(economy.field, forms.ChoiceField):
            errors += [(economy.auto_id, str(message)) for message in economy.errors]
        return errors

    @property
    def economy_name(self) -> str:
        economy = self.filtered_economy
        return economy.short_name if economy else ""


class SearchForm(forms.Form):
    # CharField refuses NUL characters (PostgreSQL cannot take them in a query) with a message.
    q = forms.CharField(required=False, label="Words to find")

    def words(self) -> str:
        """The words to find, or "" when the query is not valid."""
        if not self.is_valid():
            return ""
        return self.cleaned_data["q"][:200]


def filter_form(
    request: HttpRequest, plan: StrategicPlan, economies: list[Economy], *, every_economy: bool
) -> DashboardFilterForm:
    return filters.filter_form(
        request, plan, economies, every_economy=every_economy, form_class=DashboardFilterForm
    )


def paged_filters(
    request: HttpRequest, plan: StrategicPlan
) -> tuple[DashboardFilterForm, Window, Page, int]:
    """The filters, the page of economies the tables list (`?page=`) and the number of all
    economies, in two queries of at most a page of rows whatever the number of economies: the
    count, then the page (which is every economy, and the filter's list, when they fit on one),
    or the economy filtered on. Under the economy filter the tables list that economy alone."""
    paginator = Paginator(Economy.objects.all(), filters.ECONOMIES_PER_PAGE)
    one_page = paginator.num_pages == 1
    economies = list(paginator.page(1).object_list) if one_page else []
    form = filter_form(request, plan, economies, every_economy=one_page)
    window = form.to_window()
    economy = form.filtered_economy
    if economy:
        page = Paginator([economy], filters.ECONOMIES_PER_PAGE).page(1)
    elif one_page:
        page = Paginator(economies, filters.ECONOMIES_PER_PAGE).page(1)
    else:
        page = paginator.get_page(request.GET.get("page"))
    return form, window, page, paginator.count


def query_without_page(request: HttpRequest) -> str:
    """The filters, for links to other pages and to the same page's other pages of economies."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def coverage(window: Window, years, *, reporting: int, economies: int, name: str) -> str:
    """What the figures cover: under an economy filter the economy's years (“Chile: 2 of 2
    years reported”), else the economies against all of them (“16 of 21 economies reported”)."""
    if window.economy:
        reported = sum(1 for year in years if year.counted)
        return f"{name}: {reported} of {len(years)} year{pluralize(len(years))} reported"
    return f"{reporting} of {economies} economies reported"


@require_safe
def current_plan(request: HttpRequest) -> HttpResponse:
    """The dashboard of the plan in force (the newest)."""
    plan = StrategicPlan.objects.only("code").first()
    if plan is None:
        raise Http404("No plan is loaded yet.")
    return redirect("dashboard:plan", code=plan.code)


@require_safe
def dashboard(request: HttpRequest, code: str) -> HttpResponse:
    """Kept by the plan's data version, the filters and the reader's scope."""
    plan = plan_or_404(code)
    return cached_page(
        request,
        "dashboards/dashboard.html",
        page="dashboard",
        plan_id=plan.pk,
        build=lambda: _dashboard_context(request, plan),
    )


def _dashboard_context(request: HttpRequest, plan: StrategicPlan) -> dict:
    form, window, page, economy_count = paged_filters(request, plan)
    identity = identity_of(request.user)
    years = participation(window, economy_count)
    shown_economies = list(page.object_list)
    matrix = status_matrix(window, shown_economies)
    areas = area_rollups(window, economies=economy_count)
    general = general_indicators(window, economies=economy_count)
    status_labels = dict(ReportStatus.choices)
    reports_url = reverse("reporting:report-list")
    labels = dict(Assessment.choices)
    assessment_labels = {str(value): labels[value] for value in ASSESSMENT_ORDER}
    figures = charts.figure_charts(
        [
            charts.YearFigures(y.year, y.by_status, y.economies - sum(y.by_status.values()))
            for y in years
        ],
        [charts.area_figures(a.area.number, a.area.name, a.score) for a in areas],
        economies=economy_count,
    )
    reporting = areas[0].economies_reporting if areas else 0
    flows = adoption_flows(window)
    return {
        "plan": plan,
        "form": form,
        "window": window,
        "years": years,
        "economies": shown_economies,
        "economy_page": page,
        "economy_count": economy_count,
        "coverage": coverage(
            window,
            years,
            reporting=reporting,
            economies=economy_count,
            name=form.economy_name,
        ),
        "matrix_rows": _matrix_rows(
            shown_economies,
            window.years,
            matrix,
            status_labels,
            linked=lambda economy: identity.reads_all or economy.code == identity.economy_code,
            reports_url=reports_url,
        ),
        "areas": areas,
        "reopened": reopened_in(years),
        # Every score of the window says it alike: the last year has no counted report.
        "no_reports_in": areas[0].score.no_reports_in if areas else None,
        "general": general,
        "commitments": commitment_figures(
            plan=plan, year=window.end, economy=window.economy, economy_total=economy_count
        ),
        "flows": flows,
        "flow_chart": charts.flow_chart(flows, {a.area.number: a.area.name for a in areas}),
        "lessons": lessons.lessons_learned(window, limit=lessons.LESSONS_SHOWN),
        "lessons_shown": lessons.LESSONS_SHOWN,
        **portfolio.panel_context(plan=plan, start=window.start, end=window.end, area=window.area),
        "charts": list(figures.values()),
        "participation_chart": figures["participation"],
        "score_chart": figures["score"],
        "assessment_chart": figures["assessment"],
        "method": scoring.SCORE_METHOD,
        "status_labels": status_labels,
        "assessment_labels": assessment_labels,
        "scored_labels": scoring.SCORED_LABELS,
        "unscored_labels": scoring.UNSCORED_LABELS,
        "own_economy": identity.economy_code,
        "reads_all": identity.reads_all,
        "query": query_without_page(request),
    }


def _matrix_rows(
    economies, years: range, matrix: dict, labels: dict, *, linked, reports_url: str
) -> list[tuple]:
    """The economy x year table's cells, built here: at ten times the real size the table has
    thousands of cells, too many for template tags and reverse() to render quickly. Each name
    is escaped once, not once per cell."""
    missing = mark_safe('<span class="tag tag--missing">None</span>')
    tags = {status: escape(status) for status in labels}
    texts = {status: escape(label) for status, label in labels.items()}
    rows = []
    for economy in economies:
        code, name, may_open = escape(economy.code), escape(economy), linked(economy)
        cells = []
        for year in years:
            status = matrix.get((economy.pk, year))
            if status is None:
                cells.append(missing)
            elif not may_open:
                cells.append(
                    mark_safe(f'<span class="tag tag--{tags[status]}">{texts[status]}</span>')  # noqa: S308
                )
            else:
                # /reports/<year>/<code>/ is reporting:report-detail
                cells.append(
                    mark_safe(  # noqa: S308 - every part escaped above
                        f'<a href="{reports_url}{year}/{code}/" class="tag tag--{tags[status]}">'
                        f'{texts[status]}<span class="visually-hidden"> report of {name} for '
                        f"{year}</span></a>"
                    )
                )
        rows.append((economy, cells))
    return rows


@require_safe
def measure_detail(request: HttpRequest, code: str, area: int, number: int) -> HttpResponse:
    plan = plan_or_404(code)
    measure = get_object_or_404(
        MeasureOfProgress.objects.select_related("area"),
        area__plan=plan,
        area__number=area,
        number=number,
    )
    form, window, page, economy_count = paged_filters(request, plan)
    form.fields.pop("area")  # the measure has its area
    result = measure_rollup(window, measure, economies=economy_count, listed=list(page.object_list))
    return render(
        request,
        "dashboards/dashboard_measure.html",
        {
            "plan": plan,
            "measure": measure,
            "form": form,
            "window": window,
            "result": result,
            "economy_page": page,
            "economy_count": economy_count,
            "query": query_without_page(request),
        },
    )


@require_safe
def search(request: HttpRequest, code: str) -> HttpResponse:
    plan = plan_or_404(code)
    # The page lists no economies: a code filtered on is looked up, no other economy read.
    form = filter_form(request, plan, [], every_economy=False)
    window = form.to_window()
    search_form = SearchForm(request.GET)
    q = search_form.words()
    results = search_narratives(window, q) if q else []
    return render(
        request,
        "dashboards/dashboard_search.html",
        {
            "plan": plan,
            "form": form,
            "window": window,
            "q": q,
            "results": results,
            "search_errors": search_form.errors.get("q", []),
        },
        status=400 if search_form.errors else 200,
    )


@require_safe
def reopened_reports(request: HttpRequest, code: str) -> HttpResponse:
    """The reports of the plan reopened after acceptance: each moved its year's figures (the
    dashboard says how many each figure includes)."""
    require_reader_of_all(request.user)
    plan = plan_or_404(code)
    reports = (
        EconomyReport.objects.filter(cycle__plan=plan)
        .reopened_after_acceptance()
        .select_related("cycle", "economy")
    )
    return render(request, "dashboards/dashboard_reopened.html", {"plan": plan, "reports": reports})
