"""The report as a workbook: download, fill offline, upload, preview, confirm."""

import html
import re
import zipfile
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from plans.models import BroaderPriority, Forum, TargetGroup
from reporting.models import (
    BestPractice,
    EconomyReport,
    Initiative,
    MeasureEntry,
    ReportSection,
)
from reporting.reports import services
from reporting.reports.sections import section_write
from reporting.workbook.views import PENDING_KEY
from tests.conftest import client_for
from tests.reporting.factories import (
    finish_report,
    make_cycle,
    section_data,
    start_report,
    write_section,
)

pytestmark = pytest.mark.django_db

REPORT = "/reports/2026/CHL/"
DOWNLOAD = f"{REPORT}workbook/"
UPLOAD = f"{REPORT}workbook/upload/"
PREVIEW = f"{REPORT}workbook/preview/"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# Working on the file as a delegate would in Excel -----------------------------------------------


def download(client, url: str = DOWNLOAD) -> bytes:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    return response.content


def row_of(ws, mark: str) -> int:
    for row in range(1, ws.max_row + 1):
        if ws.cell(row, 1).value == mark:
            return row
    raise AssertionError(f"no row {mark} on {ws.title}")


def column_of(ws, prefix: str, key: str) -> int:
    keys_row = row_of(ws, f"columns:{prefix}")
    for column in range(2, ws.max_column + 1):
        if ws.cell(keys_row, column).value == key:
            return column
    raise AssertionError(f"no column {key} in {prefix} on {ws.title}")


def new_rows(ws, prefix: str) -> list[int]:
    return [row for row in range(1, ws.max_row + 1) if ws.cell(row, 1).value == f"{prefix}:"]


def edited(content: bytes, edit) -> bytes:
    workbook = load_workbook(BytesIO(content))
    edit(workbook)
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def put(ws, prefix: str, row: int, **cells) -> None:
    for key, value in cells.items():
        ws.cell(row, column_of(ws, prefix, key.replace("__", ":")), value)


def entry_row(ws, entry: MeasureEntry) -> int:
    return row_of(ws, f"entries:{entry.pk}")


def field_row(ws, name: str) -> int:
    return row_of(ws, f"field:{name}")


def upload(client, content: bytes, name: str = "chile-2026.xlsx", url: str = UPLOAD):
    return client.post(url, {"file": SimpleUploadedFile(name, content, content_type=XLSX)})


def hidden_inputs(page: str) -> dict:
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page))


def problems(page: str) -> list[tuple[str, str, str, str]]:
    cells = re.findall(
        r'<td data-label="Sheet">(.*?)</td><td data-label="Row">(.*?)</td>'
        r'<td data-label="Column">(.*?)</td><td data-label="Problem">(.*?)</td>',
        page,
    )
    return [tuple(html.unescape(cell) for cell in row) for row in cells]


def changes(page: str) -> list[tuple[str, str, str, str]]:
    cells = re.findall(
        r'<th scope="row" data-label="What">(.*?)</th><td data-label="Field">(.*?)</td>'
        r'<td data-label="Now" class="pre-line">(.*?)</td>'
        r'<td data-label="After the upload" class="pre-line">(.*?)</td>',
        page,
        flags=re.S,
    )
    return [tuple(html.unescape(cell) for cell in row) for row in cells]


def snapshot(report: EconomyReport) -> dict:
    """Everything an upload could change, and the audit trail that would record it."""
    return {
        "sections": list(
            report.sections.order_by("position").values_list(
                "version", "state", "nothing_to_report"
            )
        ),
        "entries": list(
            report.entries.order_by("pk").values_list(
                "value", "unit", "reference_year", "source", "assessment", "narrative"
            )
        ),
        "initiatives": list(report.initiatives.order_by("pk").values_list("title", "kind")),
        "records": [
            report.best_practices.count(),
            report.dialogues.count(),
            report.apec_activities.count(),
        ],
        "history": [
            MeasureEntry.history.filter(report_id=report.pk).count(),
            Initiative.history.filter(report_id=report.pk).count(),
            ReportSection.history.filter(report_id=report.pk).count(),
            EconomyReport.history.filter(id=report.pk).count(),
        ],
    }


def assessed(**fields) -> dict:
    """Area 1's five measures answered, for a complete section."""
    return {**{f"entries-{index}-assessment": "no_data" for index in range(5)}, **fields}


def women() -> int:
    return TargetGroup.objects.get(slug="women").pk


def save_draft(user, report: EconomyReport, slug: str, **fields) -> None:
    """“Save draft” on a section page."""
    section = report.sections.select_related("area").get(
        **({"area__isnull": True} if slug == "general" else {"area__number": int(slug)})
    )
    section.report = report
    section_write(section=section, user=user, data=section_data(section, **fields), complete=False)


def area_entry(report, area: int, number: int) -> MeasureEntry:
    return report.entries.get(measure__area__number=area, measure__number=number)


@pytest.fixture
def report(delegate_chl) -> EconomyReport:
    return start_report(delegate_chl)


@pytest.fixture
def delegate(delegate_chl):
    return client_for(delegate_chl)


# The download ----------------------------------------------------------------------------------


def test_download_is_a_protected_prefilled_workbook_with_last_years_figures(delegate_chl, director):
    make_cycle(2025)
    last_year = start_report(delegate_chl, year=2025)
    finish_report(
        delegate_chl,
        last_year,
        s1=assessed(
            **{
                "entries-1-value": "8.25",
                "entries-1-reference_year": "2024",
                "entries-1-assessment": "progressing",
            }
        ),
    )
    services.report_accept(report_id=last_year.pk, user=director)
    report = start_report(delegate_chl, prefill=True)
    entry = area_entry(report, 1, 2)

    workbook = load_workbook(BytesIO(download(client_for(delegate_chl))))
    assert workbook.sheetnames == [
        "Instructions",
        "Lists",
        "Area 1",
        "Area 2",
        "Area 3",
        "Area 4",
        "Area 5",
        "General indicators",
        "Commitments",
        "Workbook",
    ]
    assert [workbook[name].sheet_state for name in ("Lists", "Workbook")] == [
        "hidden",
        "veryHidden",
    ]
    ws = workbook["Area 1"]
    assert ws["B1"].value.startswith("1. Start-up")
    assert ws.protection.sheet
    assert ws.column_dimensions["A"].hidden  # the row markers
    row = entry_row(ws, entry)
    measure = ws.cell(row, column_of(ws, "entries", "info:measure"))
    value = ws.cell(row, column_of(ws, "entries", "value"))
    assert measure.value == "1.2 Rate of business start-up"
    assert measure.protection.locked
    assert not value.protection.locked
    # Prefilled from last year, and last year's figures beside this year's.
    assert value.value == 8.25
    assert ws.cell(row, column_of(ws, "entries", "info:last_value")).value == "8.25 %"
    assert ws.cell(row, column_of(ws, "entries", "info:last_assessment")).value == "Progressing"
    assert ws.cell(row, column_of(ws, "entries", "assessment")).value == "Progressing"

    # Drop-downs: assessments from the list sheet, target groups and objectives as Yes/No.
    validations = {dv.formula1: str(dv.sqref) for dv in ws.data_validations.dataValidation}
    assessment = ws.cell(row, column_of(ws, "entries", "assessment")).coordinate
    assert assessment in validations["'Lists'!$A$2:$A$6"]
    cell = ws.cell(
        new_rows(ws, "initiatives")[0], column_of(ws, "initiatives", f"target_groups:{women()}")
    )
    assert cell.coordinate in validations['"Yes,No"'].split()
    assert [workbook["Lists"].cell(r, 1).value for r in range(2, 7)] == [
        "No data",
        "Not started",
        "Progressing",
        "Achieved",
        "Not applicable",
    ]

    # The director and the Chair may download too.
    assert load_workbook(BytesIO(download(client_for(director))))["Area 1"].protection.sheet


def test_text_that_looks_like_a_formula_stays_text(delegate_chl, delegate, report):
    save_draft(delegate_chl, report, "1", **{"entries-0-narrative": '=HYPERLINK("x","y")'})
    with zipfile.ZipFile(BytesIO(download(delegate))) as archive:
        sheets = "".join(
            archive.read(name).decode() for name in archive.namelist() if "worksheets/" in name
        )
    assert "<f>" not in sheets
    assert '=HYPERLINK("x","y")' in sheets


def test_download_runs_a_fixed_number_of_queries(
    delegate_chl, delegate, report, django_assert_num_queries
):
    # session, user, the user's role and economy; cycle, economy, report; the report's
    # sections, entries, initiatives with their objectives, target groups and broader
    # priorities, best practices, dialogues, APEC activities, the report's broader priorities;
    # last year's accepted report; the plan's objectives, target groups, broader priorities, fora;
    # the economy's open commitments, their earlier and this report's follow-ups, and this
    # report's commitments
    area = report.sections.get(position=1).area
    objectives = list(area.objectives.all())

    def grow(count: int) -> None:
        for number in range(count):
            initiative = Initiative.objects.create(
                report=report, area=area, title=f"Initiative {number}", kind="program"
            )
            initiative.objectives.set(objectives[:2])
            initiative.target_groups.set([1, 2])
            BestPractice.objects.create(report=report, title=f"Practice {number}")

    grow(1)
    with django_assert_num_queries(25):
        download(delegate)
    grow(30)
    with django_assert_num_queries(25):
        download(delegate)


# Round trip and a filled workbook --------------------------------------------------------------


def test_round_trip_an_unchanged_workbook_changes_nothing(delegate_chl, delegate, report):
    area = report.sections.get(position=1).area
    objective = area.objectives.first()
    write_section(
        delegate_chl,
        report,
        "1",
        **{
            "entries-0-value": "71.5",
            "entries-0-reference_year": "2025",
            "entries-0-assessment": "progressing",
            "entries-1-narrative": "Line one\r\nLine two",
            "entries-1-assessment": "no_data",
            "entries-2-assessment": "achieved",
            "entries-3-assessment": "not_started",
            "entries-4-assessment": "not_applicable",
            "initiatives-0-title": "Women Entrepreneurs Academy",
            "initiatives-0-kind": "training",
            "initiatives-0-objectives": [str(objective.pk)],
            "initiatives-0-target_groups": [str(women())],
            "initiatives-0-evidence_url": "https://example.org/academy",
        },
    )
    write_section(
        delegate_chl,
        report,
        "general",
        **{
            "best_practices-0-title": "One-stop shop",
            "best_practices-0-direction": "shared",
            "best_practices-0-area": str(area.pk),
            "best_practices-0-description": "Registration in one day, online.",
            "dialogues-0-title": "Fintech round table",
            "dialogues-0-partner_kind": "forum",
            "dialogues-0-forum": str(Forum.objects.get(acronym="EC").pk),
            "apec_activities-0-title": "Digital trade workshop",
            "apec_activities-0-kind": "supported",
            "apec_activities-0-role": "co_sponsor",
            "apec_activities-0-lessons_learned": "Pair big and small firms.",
            "broader_priorities": [
                str(BroaderPriority.objects.filter(plans__code="2025-2028")[0].pk)
            ],
            "lessons_learned": "Start small.",
        },
    )
    before = snapshot(report)

    response = upload(delegate, download(delegate))
    assert response.status_code == 302
    assert response["Location"] == PREVIEW
    page = delegate.get(PREVIEW).text
    assert "The workbook makes no change to the report" in page
    assert problems(page) == []
    assert changes(page) == []

    # Confirming anyway writes nothing: no new version, no history.
    versions = {f"version-{s.slug}": s.version for s in report.sections.select_related("area")}
    response = delegate.post(
        PREVIEW, {"upload": delegate.session[PENDING_KEY]["digest"], **versions}, follow=True
    )
    assert "The workbook matches the report: nothing was changed." in response.text
    assert snapshot(report) == before
    assert PENDING_KEY not in delegate.session


def test_a_filled_workbook_lands_in_the_sections(delegate_chl, delegate, report):
    entry = area_entry(report, 1, 2)
    objective = report.sections.get(position=1).area.objectives.get(number=1)

    def fill(workbook):
        ws = workbook["Area 1"]
        for row in range(row_of(ws, "columns:entries") + 1, row_of(ws, "columns:entries") + 6):
            put(ws, "entries", row, assessment="Progressing")
        put(
            ws,
            "entries",
            entry_row(ws, entry),
            value=12.5,
            reference_year=2025,
            source="Ministry of Economy",
            narrative="Up from 11%.",
        )
        ws.cell(field_row(ws, "complete"), 3, "Yes")
        put(
            ws,
            "initiatives",
            new_rows(ws, "initiatives")[0],
            title="Start-up Chile",
            kind="Program",
            **{f"objectives__{objective.pk}": "Yes", f"target_groups__{women()}": "Yes"},
        )
        ws = workbook["Area 2"]
        ws.cell(field_row(ws, "nothing_to_report"), 3, "Yes")
        ws.cell(field_row(ws, "complete"), 3, "Yes")
        ws = workbook["General indicators"]
        put(
            ws,
            "best_practices",
            new_rows(ws, "best_practices")[0],
            title="Digital one-stop shop",
            direction="Shared by the economy",
        )
        ws.cell(field_row(ws, "lessons_learned"), 3, "Start with the smallest firms.")

    assert upload(delegate, edited(download(delegate), fill)).status_code == 302
    page = delegate.get(PREVIEW).text
    assert problems(page) == []
    found = changes(page)
    assert ("Measure 1.2: Rate of business start-up", "Value", "–", "12.5") in found
    assert ("New initiative", "Title", "–", "Start-up Chile") in found
    assert ("New initiative", "Target groups", "–", "Women") in found
    assert ("Section", "Status", "Not started", "Completed") in found
    assert ("New best practice", "Direction", "–", "Shared by the economy") in found
    assert ("Narratives", "Lessons learned", "–", "Start with the smallest firms.") in found
    assert area_entry(report, 1, 2).value is None  # nothing saved before the confirmation

    response = delegate.post(PREVIEW, hidden_inputs(page))
    assert response.status_code == 302
    assert response["Location"] == REPORT
    entry.refresh_from_db()
    assert (entry.value, entry.reference_year, entry.source, entry.assessment) == (
        12.5,
        2025,
        "Ministry of Economy",
        "progressing",
    )
    initiative = report.initiatives.get()
    assert (initiative.title, initiative.kind, initiative.area.number) == (
        "Start-up Chile",
        "program",
        1,
    )
    assert list(initiative.objectives.all()) == [objective]
    assert [g.slug for g in initiative.target_groups.all()] == ["women"]
    assert report.best_practices.get().direction == "shared"
    report.refresh_from_db()
    assert report.lessons_learned == "Start with the smallest firms."
    states = dict(report.sections.values_list("position", "state"))
    assert states == {1: "completed", 2: "completed", 3: "not_started", 4: "not_started",
                      5: "not_started", 6: "in_progress"}  # fmt: skip
    assert report.sections.get(position=2).nothing_to_report
    assert report.sections.get(position=1).updated_by == delegate_chl
    assert entry.history.latest().history_user == delegate_chl
    page = delegate.get(REPORT).text
    assert "Saved " in page
    assert "2 of 6 sections complete" in page


def test_a_workbook_with_bad_cells_lists_each_and_saves_nothing(delegate, report):
    before = snapshot(report)
    rows = {}

    def spoil(workbook):
        ws = workbook["Area 1"]
        first = row_of(ws, "columns:entries") + 1
        rows["first"], rows["second"] = first, first + 1
        put(ws, "entries", first, value="12,5 %", reference_year="20x5")
        put(ws, "entries", first + 1, assessment="Progresing", value=140)
        rows["new"] = new_rows(ws, "initiatives")[0]
        put(
            ws,
            "initiatives",
            rows["new"],
            title="Fair",
            kind="Banana",
            **{f"target_groups__{women()}": "maybe"},
        )
        rows["complete"] = field_row(ws, "complete")
        ws = workbook["General indicators"]
        rows["dialogue"] = new_rows(ws, "dialogues")[0]
        put(ws, "dialogues", rows["dialogue"], title="Talk", forum="Nowhere forum")

    assert upload(delegate, edited(download(delegate), spoil)).status_code == 302
    page = delegate.get(PREVIEW).text
    assert "There is a problem" in page
    assert problems(page) == [
        ("Area 1", str(rows["first"]), "G (Value)",
         "Enter the value as a number, like 12.5 or 12,5 (no letters or %)."),
        ("Area 1", str(rows["first"]), "I (Reference year)",
         "Enter the year as four digits, like 2025."),
        ("Area 1", str(rows["second"]), "G (Value)", "Enter a percentage between 0 and 100."),
        ("Area 1", str(rows["second"]), "K (Progress assessment)",
         "Select a valid choice. Progresing is not one of the available choices."),
        ("Area 1", str(rows["new"]), "C (Type)",
         "Select a valid choice. Banana is not one of the available choices."),
        ("Area 1", str(rows["new"]), "I (Reaches: Women)",
         "Choose Yes or No from the list, or leave the cell empty for No."),
        ("General indicators", str(rows["dialogue"]), "D (APEC forum)",
         "Select a valid choice. That choice is not one of the available choices."),
    ]  # fmt: skip
    assert "Save " not in re.sub(r"<title>.*?</title>", "", page)  # no confirmation offered

    # Confirming regardless: refused, nothing written.
    versions = {f"version-{s.slug}": s.version for s in report.sections.select_related("area")}
    response = delegate.post(
        PREVIEW, {"upload": delegate.session[PENDING_KEY]["digest"], **versions}, follow=True
    )
    assert "The workbook has cells to fix: nothing has been saved." in response.text
    assert snapshot(report) == before


def test_initiatives_are_changed_and_removed_in_the_workbook(delegate_chl, delegate, report):
    objectives = list(report.sections.get(position=1).area.objectives.order_by("number"))
    save_draft(
        delegate_chl,
        report,
        "1",
        **{
            "initiatives-0-title": "Mentoring",
            "initiatives-0-kind": "program",
            "initiatives-0-objectives": [str(objectives[0].pk)],
            "initiatives-0-target_groups": [str(women())],
        },
    )
    save_draft(delegate_chl, report, "1", **{"initiatives-1-title": "Old fair"})
    mentoring, fair = report.initiatives.order_by("pk")

    def edit(workbook):
        ws = workbook["Area 1"]
        put(
            ws,
            "initiatives",
            row_of(ws, f"initiatives:{mentoring.pk}"),
            **{
                f"objectives__{objectives[0].pk}": "",
                f"objectives__{objectives[1].pk}": "Yes",
                f"target_groups__{women()}": "No",
            },
        )
        put(ws, "initiatives", row_of(ws, f"initiatives:{fair.pk}"), DELETE="Yes")

    upload(delegate, edited(download(delegate), edit))
    page = delegate.get(PREVIEW).text
    assert changes(page) == [
        ("Initiative “Mentoring”", "Objectives", str(objectives[0]), str(objectives[1])),
        ("Initiative “Mentoring”", "Target groups", "Women", "–"),
        ("Initiative “Old fair”", "Removed", "–", "–"),
    ]
    assert delegate.post(PREVIEW, hidden_inputs(page)).status_code == 302
    assert list(report.initiatives.all()) == [mentoring]
    assert list(mentoring.objectives.all()) == [objectives[1]]
    assert not mentoring.target_groups.exists()


def test_completing_a_section_in_the_workbook_asks_what_the_page_asks(delegate, report):
    def complete_without_answers(workbook):
        ws = workbook["Area 1"]
        ws.cell(field_row(ws, "complete"), 3, "Yes")
        put(ws, "entries", row_of(ws, "columns:entries") + 1, assessment="Achieved")

    upload(delegate, edited(download(delegate), complete_without_answers))
    found = problems(delegate.get(PREVIEW).text)
    assert len(found) == 4  # the four other measures of area 1
    assert {problem[2:] for problem in found} == {
        ("K (Progress assessment)", "Choose a progress assessment (“No data” if there is none).")
    }


# Refusals --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "year", "message"),
    [
        ("PE", 2026, "This workbook holds the 2026 report of Peru, not the 2026 report of Chile."),
        (
            "CHL",
            2025,
            "This workbook holds the 2025 report of Chile, not the 2026 report of Chile.",
        ),
    ],
)
def test_a_workbook_of_another_report_is_refused(
    delegate_chl, delegate_pe, delegate, report, code, year, message
):
    make_cycle(year)
    other_user = delegate_pe if code == "PE" else delegate_chl
    start_report(other_user, code, year)
    theirs = download(client_for(other_user), f"/reports/{year}/{code}/workbook/")
    before = snapshot(report)
    response = upload(delegate, theirs)
    assert response.status_code == 200
    assert message in html.unescape(response.text)
    assert PENDING_KEY not in delegate.session
    assert snapshot(report) == before


def broken_xlsx() -> bytes:
    return b"PK\x03\x04" + b"\x00" * 200


def zip_without_workbook() -> bytes:
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    return out.getvalue()


def foreign_workbook() -> bytes:
    from openpyxl import Workbook

    out = BytesIO()
    Workbook().save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("figures.csv", b"a,b\n1,2\n", "The file must be an Excel workbook (.xlsx)."),
        ("figures.xlsx", b"a,b\n1,2\n", "The file is not an Excel workbook (.xlsx)."),
        ("figures.xlsx", broken_xlsx(), "The file is not an Excel workbook (.xlsx)."),
        ("figures.xlsx", zip_without_workbook(), "The file is not an Excel workbook (.xlsx)."),
        ("figures.xlsx", foreign_workbook(), "This workbook was not downloaded from a report"),
        ("figures.xlsx", b"", "The file is empty"),
        ("big.xlsx", b"PK" + b"0" * (5 * 1024 * 1024), "The file is 5.0 MB"),
    ],
)
def test_a_file_that_is_not_the_reports_workbook_is_refused(
    delegate, report, name, content, message
):
    before = snapshot(report)
    response = upload(delegate, content, name)
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert message in html.unescape(response.text)
    assert PENDING_KEY not in delegate.session
    assert snapshot(report) == before


def damaged(content: bytes, member: str) -> bytes:
    """The workbook with the compressed data of one of its parts overwritten with zeros (up to
    400 bytes from its start)."""
    with zipfile.ZipFile(BytesIO(content)) as archive:
        info = archive.getinfo(member)
    header = info.header_offset
    # The local file header: 30 bytes, then the name and the extra field (lengths at 26 and 28).
    name_length = int.from_bytes(content[header + 26 : header + 28], "little")
    extra_length = int.from_bytes(content[header + 28 : header + 30], "little")
    start = header + 30 + name_length + extra_length
    size = min(400, info.compress_size)
    return content[:start] + b"\x00" * size + content[start + size :]


def test_a_corrupt_workbook_is_refused(delegate, report):
    """The workbook's own description is damaged (every reader reads it). Zeros written at a
    fixed place of the file, as this test did before, fell on a part the upload does not read
    whenever the file's layout moved, and the intact answers were then rightly accepted."""
    response = upload(delegate, damaged(download(delegate), "xl/workbook.xml"))
    assert response.status_code == 200
    assert "could not be read as an Excel workbook" in response.text


def test_damage_to_an_area_sheet_is_refused(delegate, report):
    response = upload(delegate, damaged(download(delegate), "xl/worksheets/sheet2.xml"))
    assert response.status_code == 200
    assert "could not be read as an Excel workbook" in response.text


def test_a_submitted_report_accepts_no_upload(delegate_chl, director, delegate, report):
    content = download(delegate)

    def nothing_in_area_3(workbook):
        ws = workbook["Area 3"]
        ws.cell(field_row(ws, "nothing_to_report"), 3, "Yes")

    # An upload waiting for its confirmation when the report is submitted is refused too.
    upload(delegate, edited(content, nothing_in_area_3))
    page = delegate.get(PREVIEW).text
    finish_report(delegate_chl, report)
    before = snapshot(report)
    response = delegate.post(PREVIEW, hidden_inputs(page))
    assert response.status_code == 403
    assert "This report is submitted: it cannot be changed." in response.text
    assert snapshot(report) == before

    response = upload(delegate, content)
    assert response.status_code == 403
    assert "This report is submitted" in response.text
    assert delegate.get(UPLOAD).status_code == 403
    assert snapshot(report) == before

    # Returned with comments, it takes workbooks again.
    services.report_return(
        report_id=report.pk, user=director, comment="Add your figures.", section_comments={}
    )
    response = upload(delegate, edited(download(delegate), nothing_in_area_3))
    assert response.status_code == 302
    assert delegate.post(PREVIEW, hidden_inputs(delegate.get(PREVIEW).text)).status_code == 302
    assert report.sections.get(position=3).nothing_to_report


def test_a_section_saved_between_preview_and_confirm_refuses_the_upload(
    delegate_chl, delegate, report
):
    entry = area_entry(report, 1, 1)

    def fill(workbook):
        ws = workbook["Area 1"]
        put(ws, "entries", entry_row(ws, entry), narrative="From the workbook")

    upload(delegate, edited(download(delegate), fill))
    page = delegate.get(PREVIEW).text
    assert ("Measure 1.1: Indicators of quality of business environment.", "Narrative", "–",
            "From the workbook") in changes(page)  # fmt: skip

    # A colleague saves the section on the site meanwhile.
    save_draft(delegate_chl, report, "1", **{"entries-0-narrative": "From the site"})
    before = snapshot(report)
    response = delegate.post(PREVIEW, hidden_inputs(page), follow=True)
    assert "changed on the site after you looked at the preview" in response.text
    assert "This section was saved on the site after the workbook was downloaded" in response.text
    assert snapshot(report) == before
    entry.refresh_from_db()
    assert entry.narrative == "From the site"

    # The preview now shows the change against what the colleague saved, and can be confirmed.
    page = response.text
    assert ("Measure 1.1: Indicators of quality of business environment.", "Narrative",
            "From the site", "From the workbook") in changes(page)  # fmt: skip
    assert delegate.post(PREVIEW, hidden_inputs(page)).status_code == 302
    entry.refresh_from_db()
    assert entry.narrative == "From the workbook"


def test_a_row_of_another_report_is_refused(delegate_pe, delegate, report):
    peru = start_report(delegate_pe, "PE")
    peru_entry = area_entry(peru, 1, 1)

    def forge(workbook):
        ws = workbook["Area 1"]
        row = row_of(ws, "columns:entries") + 1
        ws.cell(row, 1, f"entries:{peru_entry.pk}")
        put(ws, "entries", row, narrative="forged")

    upload(delegate, edited(download(delegate), forge))
    found = problems(delegate.get(PREVIEW).text)
    assert [problem[3] for problem in found] == [
        "This row is no longer part of the report: it was removed on the site after the "
        "workbook was downloaded, or copied from another workbook. Download the workbook again "
        "and copy your answers into it."
    ]
    peru_entry.refresh_from_db()
    assert peru_entry.narrative == ""


# Access ----------------------------------------------------------------------------------------


def test_only_the_economys_delegates_upload(delegate, director, chair, delegate_pe, report):
    content = download(delegate)
    for user in (director, chair):
        client = client_for(user)
        assert upload(client, content).status_code == 403
        assert client.get(PREVIEW).status_code == 403
        assert PENDING_KEY not in client.session
    peru = client_for(delegate_pe)
    for url in (DOWNLOAD, UPLOAD, PREVIEW):
        assert peru.get(url).status_code == 404
    assert upload(peru, content).status_code == 404


# One unit per measure --------------------------------------------------------------------------


def test_a_unit_the_measure_does_not_allow_is_refused_and_nothing_saved(delegate, report):
    before = snapshot(report)
    value_of_trade = area_entry(report, 3, 2)  # USD million, or USD thousand or billion
    start_ups = area_entry(report, 1, 2)  # %
    rows = {}

    def spoil(workbook):
        rows["trade"] = entry_row(workbook["Area 3"], value_of_trade)
        put(workbook["Area 3"], "entries", rows["trade"], value=5, unit="EUR million")
        rows["start_ups"] = entry_row(workbook["Area 1"], start_ups)
        put(workbook["Area 1"], "entries", rows["start_ups"], value=12, unit="USD million")

    assert upload(delegate, edited(download(delegate), spoil)).status_code == 302
    page = delegate.get(PREVIEW).text
    assert problems(page) == [
        ("Area 1", str(rows["start_ups"]), "H (Unit)",
         "“USD million” is not a unit of this measure: enter the value in “%”."),
        ("Area 3", str(rows["trade"]), "H (Unit)",
         "“EUR million” is not a unit of this measure: enter the value in “USD million”, "
         "“USD thousand” or “USD billion”."),
    ]  # fmt: skip
    assert snapshot(report) == before


def test_an_allowed_scale_is_stored_in_the_measures_unit(delegate, report):
    value_of_trade = area_entry(report, 3, 2)

    def fill(workbook):
        ws = workbook["Area 3"]
        put(ws, "entries", entry_row(ws, value_of_trade), value=2.5, unit="USD billion")
        put(ws, "entries", entry_row(ws, value_of_trade), reference_year=2025)

    assert upload(delegate, edited(download(delegate), fill)).status_code == 302
    page = delegate.get(PREVIEW).text
    assert problems(page) == []
    versions = {f"version-{s.slug}": s.version for s in report.sections.select_related("area")}
    response = delegate.post(
        PREVIEW, {"upload": delegate.session[PENDING_KEY]["digest"], **versions}
    )
    assert response.status_code == 302
    value_of_trade.refresh_from_db()
    assert (value_of_trade.value, value_of_trade.unit) == (2500, "USD million")


def test_the_unit_cells_offer_the_measures_units(delegate, report):
    workbook = load_workbook(BytesIO(download(delegate)))
    ws = workbook["Area 3"]
    unit = ws.cell(entry_row(ws, area_entry(report, 3, 2)), column_of(ws, "entries", "unit"))
    lists = {
        str(validation.formula1)
        for validation in ws.data_validations.dataValidation
        if unit.coordinate in validation.sqref
    }
    assert lists == {'"USD million,USD thousand,USD billion"'}
    assert unit.value == "USD million"
