"""How much one section of a report holds, and so the most its page posts.

The section forms refuse more rows than MAX_ROWS (the page, the API and the workbook all go
through them). The settings size Django's limits on the fields and files of a request from the
same numbers (`page_fields`, `page_files`): a section holding its cap saves from its page.
Plain numbers, no Django: the settings module reads them before the apps load.
"""

ENTRY_PREFIX = "entries"
INITIATIVE_PREFIX = "initiatives"

# The most rows a repeating part of a section holds, and what they are called: far more than an
# economy reports in a year, few enough that a save stays quick.
MAX_ROWS = {
    INITIATIVE_PREFIX: 200,
    "best_practices": 100,
    "dialogues": 100,
    "apec_activities": 100,
}
ROW_NAMES = {
    INITIATIVE_PREFIX: "initiatives",
    "best_practices": "best practices",
    "dialogues": "dialogue sessions",
    "apec_activities": "APEC activities",
}

# Evidence files on one measure entry or initiative.
MAX_FILES = 5

# What an area's page posts for each of its rows. An initiative: its id, title, type,
# description, APEC project code, lessons learned, link, "members only" and "remove" boxes, and
# the part a browser sends for its file input when no file is chosen; then a box per objective,
# target group and broader priority ticked, and one per evidence file to remove or to keep. A
# measure entry: its id, value, unit, reference year, source, assessment, narrative, "members
# only" box, reason a flagged value is right and file input, and its files.
INITIATIVE_FIELDS = 10
ENTRY_FIELDS = 10
# Bounds on the catalogue, well over any plan's (the 2025-2028 plan offers an initiative 14 boxes
# and has 7 measures in its largest area); tests/reporting/reports/test_big_sections.py checks them.
MAX_BOXES_PER_INITIATIVE = 30
MAX_MEASURES_PER_AREA = 30
# The page's own: CSRF token, version, "nothing to report", the reply to the director and its
# box, the button, and each list's four management fields.
PAGE_FIELDS = 20
MARGIN = 1.1


def page_rows() -> int:
    """Rows of the largest section's page: its initiatives at the cap, the blank one after them
    and its measures."""
    return MAX_ROWS[INITIATIVE_PREFIX] + 1 + MAX_MEASURES_PER_AREA


def page_fields() -> int:
    """The most fields (DATA_UPLOAD_MAX_NUMBER_FIELDS) the largest section's page posts, every
    box ticked, with a margin. The general indicators' page posts fewer: 300 rows of 7 fields."""
    initiatives = (MAX_ROWS[INITIATIVE_PREFIX] + 1) * (
        INITIATIVE_FIELDS + MAX_BOXES_PER_INITIATIVE + 2 * MAX_FILES
    )
    entries = MAX_MEASURES_PER_AREA * (ENTRY_FIELDS + 2 * MAX_FILES)
    return round((initiatives + entries + PAGE_FIELDS) * MARGIN)


def page_files() -> int:
    """The most files (DATA_UPLOAD_MAX_NUMBER_FILES) the page posts: as many as each of its rows
    can take at once. Their size is capped apart (REQUEST_EVIDENCE_BODY_MAX_BYTES)."""
    return page_rows() * MAX_FILES
