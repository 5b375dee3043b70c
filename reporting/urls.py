"""/reports/: the reports and, under each report, its workbook, the questions other economies
ask on it and the sources of its adopted best practices: one namespace for all, as the pages
link between them."""

from reporting.adoptions.urls import urlpatterns as adoption_patterns
from reporting.questions.urls import urlpatterns as question_patterns
from reporting.reports.urls import urlpatterns as report_patterns
from reporting.workbook.urls import urlpatterns as workbook_patterns

app_name = "reporting"

urlpatterns = [*report_patterns, *workbook_patterns, *question_patterns, *adoption_patterns]
