"""/reports/: the reports and, under each report, its workbook: one namespace for both, as the
pages link between them."""

from reporting.reports.urls import urlpatterns as report_patterns
from reporting.workbook.urls import urlpatterns as workbook_patterns

app_name = "reporting"

urlpatterns = [*report_patterns, *workbook_patterns]
