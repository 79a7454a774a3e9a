from django.urls import path

from emulation.reports import views
from emulation.reports.statistics import views as statistics

app_name = "reports"

urlpatterns = [
    path("bao-cao/", views.report_list, name="report_list"),
    path("bao-cao/<int:pk>/", views.report_detail, name="report_detail"),
    path("bao-cao/<int:pk>/tai/<slug:kind>/", views.report_download, name="report_download"),
    path("phong-trao/<int:pk>/bao-cao/", views.campaign_reports, name="campaign_reports"),
    # Thống kê thi đua, khen thưởng (Thông tư 02/2023/TT-BNV): same job, detail and download pages.
    path("bao-cao/thong-ke/", statistics.statistics, name="statistics"),
    path("bao-cao/<int:pk>/thong-ke/", statistics.statistics_table, name="statistics_table"),
    path(
        "bao-cao/<int:pk>/thong-ke/<slug:bieu>/<slug:row>/<slug:column>/",
        statistics.statistics_cell,
        name="statistics_cell",
    ),
]
