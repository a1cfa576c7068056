from django.urls import path

from aiplus.insights.views import answers, dashboard, reports

app_name = "insights"

urlpatterns = [
    path("", dashboard.index, name="index"),
    path("bd/<str:code>/", dashboard.organisation, name="organisation"),
    path("figures/<str:key>/", dashboard.figure, name="figure"),
    path("figures/<str:key>/records/", dashboard.figure_records, name="figure_records"),
    path("time-saved/<str:subject>/<int:pk>/", answers.time_saved, name="time_saved"),
    path("reports/", reports.index, name="reports"),
    path("reports/<int:pk>/", reports.detail, name="report"),
]
