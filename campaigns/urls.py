from django.urls import path

from campaigns.views import campaigns, orgchart, people, units

app_name = "campaigns"

urlpatterns = [
    path("don-vi/", units.unit_list, name="unit_list"),
    path("don-vi/thay-doi-to-chuc/", orgchart.org_change_import, name="org_change_import"),
    path("don-vi/<int:pk>/", units.unit_detail, name="unit_detail"),
    path("don-vi/<int:pk>/sua/", units.unit_edit, name="unit_edit"),
    path("don-vi/<int:pk>/nguyen-tac-duyet/", units.unit_four_eyes, name="unit_four_eyes"),
    path("don-vi/<int:pk>/nguoi-ky/", units.unit_signer_add, name="unit_signer_add"),
    path("don-vi/<int:pk>/nguoi-ky/<int:signer_pk>/thoi-ky/", units.unit_signer_end, name="unit_signer_end"),
    path("cum-khoi/", units.cluster_list, name="cluster_list"),
    path("cum-khoi/<int:pk>/", units.cluster_detail, name="cluster_detail"),
    path("phong-trao/", campaigns.campaign_list, name="campaign_list"),
    path("phong-trao/tao-moi/", campaigns.campaign_create, name="campaign_create"),
    path("phong-trao/<int:pk>/", campaigns.campaign_detail, name="campaign_detail"),
    path("phong-trao/<int:pk>/sua/", campaigns.campaign_edit, name="campaign_edit"),
    path("phong-trao/<int:pk>/sua/<slug:section>/", campaigns.campaign_section_edit, name="campaign_section_edit"),
    path("phong-trao/<int:pk>/chuyen-trang-thai/", campaigns.campaign_transition, name="campaign_transition"),
    path("phong-trao/<int:pk>/sao-chep/", campaigns.campaign_copy, name="campaign_copy"),
    path("phong-trao/<int:pk>/dang-ky/", campaigns.registration_list, name="registration_list"),
    path("phong-trao/<int:pk>/dang-ky/moi/", campaigns.registration_create, name="registration_create"),
    path("phong-trao/<int:pk>/nhat-ky/", campaigns.campaign_log, name="campaign_log"),
    path("phong-trao/<int:pk>/ke-hoach.pdf", campaigns.campaign_pdf, name="campaign_pdf"),
    path("phong-trao/<int:pk>/ke-hoach.docx", campaigns.campaign_docx, name="campaign_docx"),
    path("phong-trao/<int:pk>/van-ban-da-ky/", campaigns.campaign_signed_file, name="campaign_signed_file"),
    path("sang-kien/", people.initiative_list, name="initiative_list"),
    path("sang-kien/moi/", people.initiative_create, name="initiative_create"),
    path("sang-kien/<int:pk>/", people.initiative_detail, name="initiative_detail"),
    path("sang-kien/<int:pk>/sua/", people.initiative_edit, name="initiative_edit"),
    path("xep-loai/", people.rating_list, name="rating_list"),
    path("xep-loai/<int:unit_pk>/<int:year>/", people.rating_sheet, name="rating_sheet"),
    path("xep-loai/<int:unit_pk>/<int:year>/mau.xlsx", people.rating_template, name="rating_template"),
    path("xep-loai/<int:unit_pk>/<int:year>/nhap-excel/", people.rating_import, name="rating_import"),
    path("xep-loai/<int:unit_pk>/<int:year>/gui/", people.rating_send, name="rating_send"),
    path("xep-loai/<int:unit_pk>/<int:year>/duyet/", people.rating_review, name="rating_review"),
]
