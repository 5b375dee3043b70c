"""The forms of a report's sections.

“Save draft” checks only that what was typed is well formed (a number is a number, a link is a
link); “Save and continue” also asks for what a complete section needs (reporting/completeness).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.contrib.auth.models import User
from django.db.models import Model
from django.utils import timezone

from plans.models import BroaderPriority, Forum, PriorityArea, TargetGroup
from reporting.reports import completeness
from reporting.reports.caps import ENTRY_PREFIX, INITIATIVE_PREFIX, MAX_ROWS, ROW_NAMES
from reporting.reports.evidence import (
    EvidenceFormMixin,
    evidence_forget,
    evidence_save,
)
from reporting.reports.fields import (
    PageChoiceField,
    PageMultipleChoiceField,
    PageRows,
    RowIdField,
)
from reporting.reports.models import (
    NOT_IN_HISTORY,
    ApecActivity,
    BestPractice,
    DialogueSession,
    EconomyReport,
    Initiative,
    MeasureEntry,
    PendingUpload,
    ReportSection,
    ReportStatus,
)
from reporting.reports.numbers import FlexibleDecimalField
from reporting.reports.rows import RowWrite, RowWrites, rows_write
from reporting.reports.search import refresh_row_search_vectors

EMPTY_CHOICE_LABEL = "Not chosen yet"


def choice_pairs(field: forms.ChoiceField) -> Iterable[tuple[Any, Any]]:
    """The field's (value, label) pairs. Django keeps choices as pairs once they are set; its
    stubs type them as anything that may be set (a mapping, a Choices class, a callable)."""
    return cast(Iterable[tuple[Any, Any]], field.choices)


class CompletableForm(forms.ModelForm):
    """A form of one row of a section: checks completeness only when the section is being
    completed, and knows what of its row changed (`row_write`)."""

    def __init__(self, *args, require_complete: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.require_complete = require_complete
        # The row as read, to write back only what changed.
        self.stored = stored_values(self.instance) if self.instance.pk is not None else {}

    def _get_validation_exclusions(self):
        # Django's ModelForm asks this of which fields the model leaves unchecked. A row chosen
        # among the page's rows exists: the model's check of a foreign key would look it up in
        # the database again, once per form.
        exclude = super()._get_validation_exclusions()  # type: ignore[misc]
        for name, field in self.fields.items():
            if isinstance(field, PageChoiceField) and field.page_rows is not None:
                exclude.add(name)
        return exclude

    def completion_problems(self, cleaned: dict) -> dict[str, str]:
        return {}

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if self.require_complete and not cleaned.get("DELETE"):
            for name, message in self.completion_problems(cleaned).items():
                if name not in self.errors:
                    self.add_error(name, message)
        return cleaned

    def row_write(self) -> RowWrite | None:
        """What saving writes of the (validated) row: all of a new one; of a stored one, the
        fields and choices that changed, or None when nothing did."""
        record = self.instance
        many = [f.name for f in record._meta.many_to_many if f.name in self.fields]
        choices = {name: {row.pk for row in self.cleaned_data.get(name) or []} for name in many}
        if record.pk is None:
            return RowWrite(record, new=True, choices=choices)
        before = {name: {row.pk for row in self.initial.get(name) or []} for name in many}
        fields = [
            f.name
            for f in record._meta.concrete_fields
            if f.attname in self.stored and getattr(record, f.attname) != self.stored[f.attname]
        ]
        if not fields and choices == before:
            return None
        return RowWrite(record, new=False, fields=fields, choices=choices, before=before)


def offer_choices(fields: dict[str, forms.Field], choices: dict[str, Any]) -> None:
    """Give the fields of a page's form class their choices, once for the page, before each of
    its forms copies them: the lists read for the page (`choices`), and “Not chosen yet” for
    an empty choice."""
    for field in fields.values():
        if isinstance(field, forms.TypedChoiceField):
            options = list(choice_pairs(field))
            if options[:1] == [("", "---------")]:
                field.choices = [("", EMPTY_CHOICE_LABEL), *options[1:]]
    for name, options in choices.items():
        chosen = fields.get(name)
        if isinstance(chosen, PageChoiceField | PageMultipleChoiceField):
            chosen.use(options)
        elif chosen is not None:
            cast(forms.ChoiceField, chosen).choices = options


def stored_values(record: Model) -> dict[str, Any]:
    """The row's values as read, but for its key and what the save does not write."""
    return {
        f.attname: getattr(record, f.attname)
        for f in record._meta.concrete_fields
        if not f.primary_key and f.name not in NOT_IN_HISTORY
    }


class MeasureEntryForm(EvidenceFormMixin, CompletableForm):
    if TYPE_CHECKING:
        instance: MeasureEntry

    value = FlexibleDecimalField(
        label="Value",
        required=False,
        max_digits=18,
        decimal_places=4,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "input--short"}),
    )
    # A qualitative measure is answered with an assessment and a narrative only.
    NOT_QUALITATIVE = ("value", "unit", "reference_year", "source")

    class Meta:
        model = MeasureEntry
        fields = ["value", "unit", "reference_year", "source", "assessment", "narrative"]
        widgets = {
            "value": forms.TextInput(attrs={"inputmode": "decimal", "class": "input--short"}),
            "unit": forms.TextInput(attrs={"class": "input--short"}),
            "reference_year": forms.TextInput(
                attrs={"inputmode": "numeric", "class": "input--year"}
            ),
            "narrative": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "reference_year": {"invalid": "Enter the year as four digits, like 2025."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.measure_id:
            self._offer_units(self.instance.measure)
        if self.is_qualitative:
            for name in self.NOT_QUALITATIVE:
                del self.fields[name]
        value = self.instance.value
        if value is not None:
            # 12.5, not 12.5000 (the column keeps four decimal places).
            self.initial["value"] = (
                format(value, "f").rstrip("0").rstrip(".")
                if "." in format(value, "f")
                else format(value, "f")
            )

    def _offer_units(self, measure) -> None:
        """Only the units the catalogue allows for the measure (its own first). A unit stored
        before units were fixed stays on offer, so that saving the page again refuses it with
        a message instead of quietly reading the value in another unit."""
        units = measure.allowed_units
        current = self.instance.unit
        choices = [(unit, unit or "No unit") for unit in units]
        if current and current not in units:
            choices.append((current, f"{current} (not allowed: choose another)"))
        self.fields["unit"].widget = forms.Select(choices=choices, attrs={"class": "input--short"})
        self.fields["unit"].help_text = (
            f"Values are stored in {measure.unit}." if len(units) > 1 else ""
        )

    @property
    def is_qualitative(self) -> bool:
        measure = self.instance.measure if self.instance.measure_id else None
        return measure is not None and measure.kind == measure.Kind.QUALITATIVE

    def completion_problems(self, cleaned):
        return completeness.entry_problems(
            assessment=cleaned.get("assessment"),
            value=cleaned.get("value"),
            reference_year=cleaned.get("reference_year"),
        )


class InitiativeForm(EvidenceFormMixin, CompletableForm):
    if TYPE_CHECKING:
        instance: Initiative

    evidence_url = forms.URLField(
        label="Evidence link",
        required=False,
        max_length=500,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
        error_messages={"invalid": "Enter a full web address, like https://…"},
    )

    class Meta:
        model = Initiative
        fields = [
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
        field_classes = {
            "objectives": PageMultipleChoiceField,
            "target_groups": PageMultipleChoiceField,
            "broader_priorities": PageMultipleChoiceField,
        }
        widgets = {
            "objectives": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
            "broader_priorities": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 3}),
            "lessons_learned": forms.Textarea(attrs={"rows": 2}),
        }

    def completion_problems(self, cleaned):
        return completeness.initiative_problems(
            title=cleaned.get("title"),
            kind=cleaned.get("kind"),
            objective_count=len(cleaned.get("objectives") or []),
        )


class RecordForm(CompletableForm):
    prefix_name = ""

    def completion_problems(self, cleaned):
        return completeness.record_problems(self.prefix_name, cleaned)


class BestPracticeForm(RecordForm):
    prefix_name = "best_practices"

    class Meta:
        model = BestPractice
        fields = ["title", "direction", "area", "where", "description"]
        field_classes = {"area": PageChoiceField}
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class DialogueSessionForm(RecordForm):
    prefix_name = "dialogues"

    class Meta:
        model = DialogueSession
        fields = ["title", "partner_kind", "forum", "area", "where"]
        field_classes = {"forum": PageChoiceField, "area": PageChoiceField}


class ApecActivityForm(RecordForm):
    prefix_name = "apec_activities"

    class Meta:
        model = ApecActivity
        fields = ["title", "kind", "role", "area", "lessons_learned"]
        field_classes = {"area": PageChoiceField}
        widgets = {"lessons_learned": forms.Textarea(attrs={"rows": 2})}


class GeneralNarrativeForm(forms.ModelForm):
    TEXT_FIELDS = ["lessons_learned", "broader_priorities_contribution"]

    class Meta:
        model = EconomyReport
        fields = ["lessons_learned", "broader_priorities_contribution", "broader_priorities"]
        field_classes = {"broader_priorities": PageMultipleChoiceField}
        widgets = {
            "lessons_learned": forms.Textarea(attrs={"rows": 4}),
            "broader_priorities_contribution": forms.Textarea(attrs={"rows": 4}),
            "broader_priorities": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        cast(PageMultipleChoiceField, self.fields["broader_priorities"]).use(
            choices["broader_priorities"]
        )


class SectionStateForm(forms.Form):
    nothing_to_report = forms.BooleanField(
        required=False, label="Nothing to report for this section this year"
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    comments_addressed = forms.BooleanField(
        required=False, label="I have addressed the program director's comments on this section"
    )
    reply = forms.CharField(
        label="Reply to the program director (optional)",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReportFormSet(forms.BaseModelFormSet):
    """Rows of one report only: a row id that is not among them (a stale page, or a forged
    post naming another report's row) fails the whole form instead of being dropped."""

    def add_fields(self, form, index):
        # Django's model formset adds the id as a model choice field over the whole table, with
        # copies of its queryset, checked by a query per row: this one is looked up among the
        # rows the formset read. The rest (the "remove" box) is the plain formset's.
        assert self.model is not None  # a model formset's
        self._pk_field = pk = self.model._meta.pk
        form.fields[pk.name] = RowIdField(
            self._rows(), initial=None if form.instance._state.adding else form.instance.pk
        )
        forms.BaseFormSet.add_fields(self, form, index)

    def _rows(self) -> dict[str, Model]:
        if not hasattr(self, "_rows_by_id"):
            self._rows_by_id = {str(row.pk): row for row in self.get_queryset()}
        return self._rows_by_id

    def clean(self):
        super().clean()
        if any(form.instance.pk is None for form in self.initial_forms):
            raise forms.ValidationError(
                "This page is out of date: some of its rows no longer belong to the report. "
                "Reload the page and enter your changes again."
            )


class SectionForms:
    """All the forms of one section, bound or not, validated together and saved together."""

    narrative: GeneralNarrativeForm | None  # the general section's own fields

    def __init__(
        self,
        section: ReportSection,
        *,
        data=None,
        files=None,
        require_complete: bool = False,
        add_blank: bool = True,
        add_row: str = "",
        user: User | None = None,
    ):
        self.section = section
        self.files = files
        self.user = user
        self.writes: list[RowWrites] = []
        # “Add another” without JavaScript: one more empty row in that list.
        self.add_row = add_row
        # Files come only from the section's page: writers without one (the workbook, the
        # demo) neither see nor change the evidence.
        self.with_evidence = data is None or files is not None
        self.report = section.report
        self.require_complete = require_complete
        self.is_general = section.area_id is None
        self.pending = self._pending(data)
        self.state = SectionStateForm(
            data,
            initial={
                "nothing_to_report": section.nothing_to_report,
                "version": section.version,
                "comments_addressed": section.comments_addressed,
                "reply": section.reply,
            },
        )
        extra = 1 if add_blank else 0
        area = section.area
        if area is None:  # the general indicators
            self._build_general(data, extra)
        else:
            self._build_area(data, extra, area)

    # Building -------------------------------------------------------------------------------

    def _formset(self, form_class, model, prefix, queryset, data, extra, choices):
        if extra and prefix == self.add_row:
            extra += 1
        formset_class = forms.modelformset_factory(
            model,
            form=form_class,
            formset=ReportFormSet,
            extra=extra,
            can_delete=True,
            max_num=MAX_ROWS[prefix],
            validate_max=True,
            # Forms beyond this are not even built: room to delete rows and add as many in one
            # save, and no more.
            absolute_max=2 * MAX_ROWS[prefix],
        )
        # The factory made the form class for this page alone.
        offer_choices(formset_class.form.base_fields, choices)
        return formset_class(
            data,
            self.files,
            queryset=queryset,
            prefix=prefix,
            form_kwargs={
                "require_complete": self.require_complete,
                **(
                    {"with_evidence": self.with_evidence, "pending": self.pending}
                    if issubclass(form_class, EvidenceFormMixin)
                    else {}
                ),
            },
            error_messages={
                "too_many_forms": f"A section holds at most %(num)d {ROW_NAMES[prefix]}: "
                "remove some to save it."
            },
        )

    def _build_area(self, data, extra, area: PriorityArea):
        entry_formset = forms.modelformset_factory(
            MeasureEntry, form=MeasureEntryForm, formset=ReportFormSet, extra=0, can_delete=False
        )
        offer_choices(entry_formset.form.base_fields, {})
        self.entries = entry_formset(
            data,
            self.files,
            queryset=self.report.entries.filter(measure__area=area)
            .select_related("measure")
            .prefetch_related("evidence")
            .defer(*NOT_IN_HISTORY)
            .order_by("measure__number"),
            prefix=ENTRY_PREFIX,
            form_kwargs={
                "require_complete": self.require_complete and not self._nothing(data),
                "with_evidence": self.with_evidence,
                "pending": self.pending,
            },
        )
        choices = {
            "objectives": PageRows.of(area.objectives.all()),
            "target_groups": PageRows.of(TargetGroup.objects.all()),
            "broader_priorities": PageRows.of(BroaderPriority.objects.filter(plans=area.plan_id)),
            "kind": [("", "Choose a type"), *Initiative.Kind.choices],
        }
        self.initiatives = self._formset(
            InitiativeForm,
            Initiative,
            INITIATIVE_PREFIX,
            self.report.initiatives.filter(area=area)
            .prefetch_related("objectives", "target_groups", "broader_priorities", "evidence")
            .defer(*NOT_IN_HISTORY)
            .order_by("pk"),
            data,
            extra,
            choices,
        )
        self.formsets = [self.entries, self.initiatives]
        self.narrative = None

    def _build_general(self, data, extra):
        plan_id = self.report.cycle.plan_id
        areas = PageRows.of(PriorityArea.objects.filter(plan_id=plan_id), empty_label="Any area")
        choices = {"area": areas, "forum": PageRows.of(Forum.objects.all(), empty_label="None")}
        self.best_practices = self._formset(
            BestPracticeForm,
            BestPractice,
            "best_practices",
            self.report.best_practices.order_by("pk"),
            data,
            extra,
            choices,
        )
        self.dialogues = self._formset(
            DialogueSessionForm,
            DialogueSession,
            "dialogues",
            self.report.dialogues.order_by("pk"),
            data,
            extra,
            choices,
        )
        self.apec_activities = self._formset(
            ApecActivityForm,
            ApecActivity,
            "apec_activities",
            self.report.apec_activities.defer(*NOT_IN_HISTORY).order_by("pk"),
            data,
            extra,
            choices,
        )
        self.narrative = GeneralNarrativeForm(
            data,
            instance=self.report,
            choices={
                "broader_priorities": PageRows.of(BroaderPriority.objects.filter(plans=plan_id))
            },
        )
        self.formsets = [self.best_practices, self.dialogues, self.apec_activities]

    @property
    def general_formsets(self) -> list[tuple]:
        return [
            (
                self.best_practices,
                "Best practices",
                "Best practices shared at SMEWG meetings, and practices of other economies "
                "that yours adapted and adopted.",
                "a best practice",
                "best practice",
            ),
            (
                self.dialogues,
                "Dialogue sessions with partners",
                "With the private sector, APEC fora and multi-stakeholder organizations.",
                "a dialogue session",
                "dialogue session",
            ),
            (
                self.apec_activities,
                "APEC initiatives and supported activities",
                "APEC initiatives and APEC-supported forums, workshops and studies your economy "
                "took part in.",
                "an APEC activity",
                "APEC activity",
            ),
        ]

    @staticmethod
    def _nothing(data) -> bool:
        return bool(data and data.get("nothing_to_report"))

    # Validating -----------------------------------------------------------------------------

    @property
    def all_forms(self) -> list:
        forms_ = [self.state, *self.formsets]
        if self.narrative is not None:
            forms_.append(self.narrative)
        return forms_

    def is_valid(self) -> bool:
        # Validate every form, not only up to the first invalid one: the page lists all errors.
        results = [form.is_valid() for form in self.all_forms]
        valid = all(results)
        if valid and self.require_complete:
            message = completeness.section_problem(
                nothing_to_report=self.nothing_to_report,
                has_content=self._has_content(),
                is_general=self.is_general,
            )
            if message:
                self.state.add_error("nothing_to_report", message)
                valid = False
        if valid and self.require_complete and self.awaits_confirmation:
            self.state.add_error(
                "comments_addressed",
                "Confirm that you have addressed the program director's comments, or save a draft."
                if self.with_evidence
                else "The program director commented on this section: confirm on the section's "
                "page that the comments are addressed (a workbook cannot).",
            )
            valid = False
        return valid

    @property
    def asks_confirmation(self) -> bool:
        """The section was returned with a comment: the page asks to confirm it is addressed."""
        return bool(self.section.return_comment and self.report.status == ReportStatus.RETURNED)

    @property
    def awaits_confirmation(self) -> bool:
        return (
            self.asks_confirmation
            and not self.section.comments_addressed
            and not self.state.cleaned_data.get("comments_addressed")
        )

    @property
    def comments_addressed(self) -> bool:
        return self.asks_confirmation and bool(self.state.cleaned_data.get("comments_addressed"))

    @property
    def reply(self) -> str | None:
        return self.state.cleaned_data.get("reply", "") if self.asks_confirmation else None

    def _has_content(self) -> bool:
        def kept(formset):
            return [
                form
                for form in formset.forms
                if (form.has_changed() or form.instance.pk) and not form.cleaned_data.get("DELETE")
            ]

        if self.narrative is not None:  # the general section's own fields
            narrative = self.narrative.cleaned_data
            return any(kept(formset) for formset in self.formsets) or bool(
                narrative.get("lessons_learned") or narrative.get("broader_priorities_contribution")
            )
        entries = [
            form.cleaned_data
            for form in self.entries.forms
            if any(
                form.cleaned_data.get(name) not in (None, "")
                for name in ("value", "assessment", "narrative", "source", "reference_year")
            )
        ]
        return bool(entries or kept(self.initiatives))

    @property
    def nothing_to_report(self) -> bool:
        return bool(self.state.cleaned_data.get("nothing_to_report"))

    @property
    def version(self) -> int:
        return self.state.cleaned_data["version"]

    def errors(self) -> list[tuple[str, str]]:
        """(field id, message) for the error summary, in the order of the page."""
        found: list[tuple[str, str]] = []
        for form in self.all_forms:
            if isinstance(form, forms.BaseFormSet):
                for message in form.non_form_errors():
                    found.append(("main", str(message)))
                for index, subform in enumerate(form.forms, start=1):
                    found.extend(_form_errors(subform, self._row_name(form, subform, index)))
            else:
                found.extend(_form_errors(form))
        return found

    def _row_name(self, formset, form, index: int) -> str:
        """How the error summary names a row: “Measure 3.2”, “Initiative 2”."""
        if formset.prefix == ENTRY_PREFIX and form.instance.measure_id:
            area = self.section.area
            assert area is not None  # measure entries belong to an area's section
            return f"Measure {area.number}.{form.instance.measure.number}"
        names = {
            INITIATIVE_PREFIX: "Initiative",
            "best_practices": "Best practice",
            "dialogues": "Dialogue session",
            "apec_activities": "APEC activity",
        }
        return f"{names.get(formset.prefix, 'Row')} {index}"

    # Saving ---------------------------------------------------------------------------------

    def prepare(self) -> None:
        """Work out what saving writes, from the validated forms and before the report is
        locked: the rows to create, those to change (with what changed) and those to delete."""
        self.writes = []
        for formset in self.formsets:
            writes = RowWrites(formset.model)
            deleted = {id(form) for form in formset.deleted_forms}
            for form in formset.initial_forms:
                if id(form) in deleted:
                    writes.deleted.append(form.instance)
                elif row := form.row_write():
                    writes.updated.append(row)
            for form in formset.extra_forms:
                if id(form) in deleted or not form.has_changed():
                    continue
                # The forms validated the rest; these two are the page's, not the user's.
                form.instance.report_id = self.report.pk
                if isinstance(form.instance, Initiative):
                    assert self.section.area is not None  # initiatives are an area's
                    form.instance.area = self.section.area
                writes.created.append(form.row_write())
            self.writes.append(writes)

    def save(self, report: EconomyReport, *, user: User) -> None:
        """Called by reporting.reports.services.section_save inside its transaction, under the
        report's lock, once `prepare` has run: `report` is the row as locked there (the page's
        copy of it may be older than a submission)."""
        when = timezone.now()
        for writes in self.writes:
            if writes.deleted and writes.model in (Initiative, MeasureEntry):
                evidence_forget(model=writes.model, ids=[row.pk for row in writes.deleted])
            rows_write(writes, user=user, when=when)
        if self.with_evidence:
            evidence_save(report=report, user=user, forms_=self.evidence_forms, when=when)
        if self.narrative is not None:
            self._save_narrative(report, user)

    def _save_narrative(self, report: EconomyReport, user: User) -> None:
        """The section's own fields of the report, and none of the workflow's (status...), if
        they changed."""
        assert self.narrative is not None
        cleaned = self.narrative.cleaned_data
        changed = [
            name
            for name in GeneralNarrativeForm.TEXT_FIELDS
            if getattr(report, name) != cleaned[name]
        ]
        if changed:
            for name in changed:
                setattr(report, name, cleaned[name])
            report._history_user = user  # type: ignore[attr-defined]
            report.save(update_fields=changed)
            refresh_row_search_vectors(EconomyReport, [report.pk])
        if "broader_priorities" in self.narrative.changed_data:
            report.broader_priorities.set(cleaned["broader_priorities"])

    @property
    def evidence_forms(self) -> list[EvidenceFormMixin]:
        """The bound forms of rows that keep files and stay: measure entries, and initiatives
        not being removed."""
        return [
            form
            for formset in self.formsets
            for form in formset.forms
            if isinstance(form, EvidenceFormMixin)
            and "evidence" in form.fields
            and not getattr(form, "cleaned_data", {}).get("DELETE")
        ]

    def _pending(self, data) -> dict[str, PendingUpload]:
        """The person's files kept from an earlier try of this section, by id, when the page
        names any (one query; none for a page that names none)."""
        if not self.with_evidence or data is None or self.user is None:
            return {}
        if not any(key.endswith("-evidence_pending") for key in data):
            return {}
        rows = PendingUpload.objects.filter(section=self.section, user=self.user)
        return {str(row.pk): row for row in rows}


def _form_errors(form, row_name: str = "") -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for name, messages in form.errors.items():
        field_id = form[name].auto_id if name in form.fields else "main"
        if row_name:
            label = form.fields[name].label if name in form.fields else ""
            where = f"{row_name}, {str(label).lower()}" if label else row_name
            messages = [f"{where}: {message}" for message in messages]
        found.extend((field_id, message) for message in messages)
    return found


def section_write(*, section: ReportSection, user, data: dict, complete: bool) -> None:
    """Validate a section's POST data and save it, as the section page does; for writers
    without a page (the demo data, the tests). Invalid data raises ValueError."""
    from reporting.reports import services  # services never imports forms: no cycle

    section_forms = SectionForms(section, data=data, require_complete=complete)
    if not section_forms.is_valid():
        raise ValueError(f"Invalid data for {section}: {section_forms.errors()}")
    services.section_save(
        section_id=section.pk,
        user=user,
        expected_version=section_forms.version,
        writer=section_forms,
        complete=complete,
    )


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label="What should the economy change?",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        error_messages={"required": "Enter your comments for the economy."},
    )

    def __init__(self, *args, sections: list[ReportSection], **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = sections
        for section in sections:
            self.fields[f"section_{section.pk}"] = forms.CharField(
                label=f"Comments on {section.title} (optional)",
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def section_comments(self) -> dict[int, str]:
        return {section.pk: self.cleaned_data[f"section_{section.pk}"] for section in self.sections}


class StartReportForm(forms.Form):
    prefill = forms.BooleanField(
        required=False,
        label="Start from our last accepted report (values, assessments and initiatives)",
    )


class ReopenForm(forms.Form):
    comment = forms.CharField(
        label="Why is the report reopened?",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["status"]).choices = [
            ("", "All"),
            ("missing", "Not started"),
            *ReportStatus.choices,
        ]
