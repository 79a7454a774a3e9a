from django.urls import path

from indicators.views import entry, progress, reminders, submissions, targets

app_name = "indicators"

urlpatterns = [
    path("phong-trao/<int:pk>/chi-tieu/", targets.campaign_targets, name="campaign_targets"),
    path("phong-trao/<int:pk>/chi-tieu/sua/", targets.campaign_targets_edit, name="campaign_targets_edit"),
    path("phong-trao/<int:pk>/tien-do/", progress.campaign_progress, name="campaign_progress"),
    path("phong-trao/<int:pk>/tien-do/gui-bao-cao/", progress.progress_completeness, name="progress_completeness"),
    path("phong-trao/<int:pk>/tien-do/chi-tieu/<int:target_pk>/", progress.progress_units, name="progress_units"),
    path("nhap-so-lieu/", entry.data_entry, name="data_entry"),
    path("ky-bao-cao/<int:pk>/", submissions.period_detail, name="period_detail"),
    path("ky-bao-cao/<int:pk>/nhac-don-vi/", reminders.period_remind, name="period_remind"),
    path("ky-bao-cao/<int:pk>/don-vi/<int:unit_pk>/bat-dau/", submissions.submission_start, name="submission_start"),
    path("bao-cao-so-lieu/<int:pk>/", submissions.submission_detail, name="submission_detail"),
    path("bao-cao-so-lieu/<int:pk>/lich-su/", submissions.submission_history, name="submission_history"),
    path("bao-cao-so-lieu/<int:pk>/gui/", submissions.submission_send, name="submission_send"),
    path("bao-cao-so-lieu/<int:pk>/<slug:action>/", submissions.submission_review, name="submission_review"),
    path("bao-cao-so-lieu/<int:pk>/excel/mau.xlsx", submissions.submission_excel, name="submission_excel"),
    path(
        "bao-cao-so-lieu/<int:pk>/excel/tai-len/", submissions.submission_excel_upload, name="submission_excel_upload"
    ),
    path("minh-chung/<int:pk>/", submissions.evidence_download, name="evidence_download"),
]
