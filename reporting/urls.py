"""/reports/: the reports and, under each report, its workbook, its commitments, the questions
other economies ask on it and the sources of its adopted best practices, and each economy's
team: one namespace for all, as the pages link between them."""

from reporting.adoptions.urls import urlpatterns as adoption_patterns
from reporting.commitments.urls import urlpatterns as commitment_patterns
from reporting.questions.urls import urlpatterns as question_patterns
from reporting.reports.urls import urlpatterns as report_patterns
from reporting.teams.urls import urlpatterns as team_patterns
from reporting.workbook.urls import urlpatterns as workbook_patterns

app_name = "reporting"

urlpatterns = [
    *report_patterns,
    *workbook_patterns,
    *question_patterns,
    *commitment_patterns,
    *team_patterns,
    *adoption_patterns,
]
