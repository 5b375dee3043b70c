"""The filters a page or the API turns into a window: the years, one economy or one priority
area, and which reports count. The dashboards' form adds what the page shows of them."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar, cast

from django import forms
from django.http import HttpRequest, QueryDict
from django.shortcuts import get_object_or_404

from plans.accounts.roles import identity_of
from plans.models import Economy, StrategicPlan
from reporting.rollups.window import Window

# The economy x year table and the measure page's values list this many economies a page: the
# 21 members on one, and a page's cost the same however many economies there are.
ECONOMIES_PER_PAGE = 21


class WindowForm(forms.Form):
    """The window's filters. The economy is chosen from a list when every economy fits on one
    page of the economy tables (the 21 members), and typed as its code beyond: a list of
    thousands of options would cost each page as much as the rest of it, and help no one."""

    start = forms.TypedChoiceField(coerce=int, required=False, label="From")
    end = forms.TypedChoiceField(coerce=int, required=False, label="To")
    economy = forms.ChoiceField(required=False, label="Economy")
    area = forms.TypedChoiceField(coerce=int, required=False, empty_value=None, label="Area")
    statuses = forms.ChoiceField(
        choices=[("accepted", "Accepted reports"), ("submitted", "Accepted and submitted")],
        required=False,
        label="Reports counted",
    )

    if TYPE_CHECKING:
        # request.GET when bound (read only then); Django keeps an empty MultiValueDict otherwise.
        data: QueryDict
        # The window the figures use, kept by to_window until full_clean runs again.
        _window: Window

    def __init__(
        self,
        data: QueryDict | None,
        *,
        plan: StrategicPlan,
        economies: list[Economy],
        every_economy: bool,
        may_count_submitted: bool,
    ):
        """`economies`: those the page has read, every one of them when `every_economy`; a code
        typed for another is looked up."""
        # Without a choice, the mid-term window: from the plan's start to its mid-term review.
        start, end = self.presets(plan)[0][1:]
        if data is not None and not (data.get("start") and data.get("end")):
            # The boxes show the window the figures use: a missing year is the default's.
            data = data.copy()
            data["start"] = data.get("start") or str(start)
            data["end"] = data.get("end") or str(end)
        super().__init__(data, initial={"start": start, "end": end})
        self.plan = plan
        years = [(year, str(year)) for year in plan.years]
        # The form's own copies of the fields declared above (typed only as Field in `fields`).
        cast(forms.ChoiceField, self.fields["start"]).choices = years
        cast(forms.ChoiceField, self.fields["end"]).choices = years
        self.economies = {economy.code: economy for economy in economies}
        self.every_economy = every_economy
        if every_economy and len(economies) <= ECONOMIES_PER_PAGE:
            cast(forms.ChoiceField, self.fields["economy"]).choices = [("", "All economies")] + [
                (e.code, e.short_name) for e in economies
            ]
        else:
            self.fields["economy"] = forms.CharField(
                required=False,
                max_length=4,
                label="Economy code",
                help_text="APEC's abbreviation, e.g. CHL; empty for all economies",
            )
        cast(forms.ChoiceField, self.fields["area"]).choices = [("", "All areas")] + [
            (a.number, f"{a.number}. {a.name}") for a in plan.areas.all()
        ]
        if not may_count_submitted:
            del self.fields["statuses"]

    def clean_economy(self) -> str:
        code = self.cleaned_data["economy"].upper()
        if not code or code in self.economies:
            return code
        economy = None if self.every_economy else Economy.objects.filter(code=code).first()
        if economy is None:
            raise forms.ValidationError(
                f"No economy has the code “{code}”: enter an APEC abbreviation such as CHL, or "
                "nothing for all economies.",
                code="economy",
            )
        self.economies[code] = economy
        return code

    def full_clean(self) -> None:
        self.__dict__.pop("_window", None)  # a field removed since: the window is read again
        super().full_clean()

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            raise forms.ValidationError(
                f"“From” ({start}) comes after “To” ({end}): choose a start on or before the "
                f"end. Showing {end}–{start} meanwhile.",
                code="window",
            )
        return cleaned

    @staticmethod
    def presets(plan: StrategicPlan) -> list[tuple[str, int, int]]:
        """(label, start, end): the mid-term window, and the whole plan for the final review."""
        midterm = plan.midterm_review_year or plan.end_year
        return [
            (f"Mid-term window ({plan.start_year}–{midterm})", plan.start_year, midterm),
            (f"Whole plan ({plan.start_year}–{plan.end_year})", plan.start_year, plan.end_year),
        ]

    @property
    def filtered_economy(self) -> Economy | None:
        return self.economies.get(self.to_window().economy or "")

    def to_window(self) -> Window:
        # Each field is read on its own: a start after the end is used swapped, and the boxes
        # show it so, beside the form's error; a bad area does not undo a good economy.
        if hasattr(self, "_window"):
            return self._window
        if self.is_bound:
            self.is_valid()
        data = getattr(self, "cleaned_data", {})
        start = data.get("start") or self.initial["start"]
        end = data.get("end") or self.initial["end"]
        if self.is_bound and start > end:
            self.data = self.data.copy()
            self.data["start"], self.data["end"] = str(end), str(start)
        self._window = Window(
            plan=self.plan,
            start=min(start, end),
            end=max(start, end),
            economy=data.get("economy") or None,
            area=data.get("area"),
            include_submitted=data.get("statuses") == "submitted",
        )
        return self._window


Form = TypeVar("Form", bound=WindowForm)


def filter_form(
    request: HttpRequest,
    plan: StrategicPlan,
    economies: list[Economy],
    *,
    every_economy: bool,
    form_class: type[Form],
) -> Form:
    return form_class(
        request.GET or None,
        plan=plan,
        economies=economies,
        every_economy=every_economy,
        # Delegates see roll-ups of accepted data only: nothing another economy has not had
        # accepted reaches them.
        may_count_submitted=identity_of(request.user).reads_all,
    )


def window_filters(
    request: HttpRequest, plan: StrategicPlan
) -> tuple[WindowForm, Window, list[Economy]]:
    """The filters, with every economy read (for the figures that list them all)."""
    economies = list(Economy.objects.all())
    form = filter_form(request, plan, economies, every_economy=True, form_class=WindowForm)
    return form, form.to_window(), economies


def plan_or_404(code: str) -> StrategicPlan:
    plans = StrategicPlan.objects.prefetch_related("areas").with_reported_flag()
    return get_object_or_404(plans, code=code)
