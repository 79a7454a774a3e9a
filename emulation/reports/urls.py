from django.urls import path

from emulation.reports import views

app_name = "reports"

urlpatterns = [
    path("bao-cao/", views.report_list, name="report_list"),
    path("bao-cao/<int:pk>/", views.report_detail, name="report_detail"),
    path("bao-cao/<int:pk>/tai/<slug:kind>/", views.report_download, name="report_download"),
    path("phong-trao/<int:pk>/bao-cao/", views.campaign_reports, name="campaign_reports"),
]
