from django.urls import path

from emulation.clusters import views

app_name = "clusters"

urlpatterns = [
    path("<int:pk>/", views.year, name="year"),
    path("<int:pk>/thanh-vien/", views.members, name="members"),
    path("<int:pk>/sao-chep-nam-sau/", views.copy, name="copy"),
    path("<int:pk>/giao-uoc/", views.pledge, name="pledge"),
    path("<int:pk>/giao-uoc/phat-dong/", views.pledge_launch, name="pledge_launch"),
    path("<int:pk>/giao-uoc/ky/", views.pledge_sign, name="pledge_sign"),
    path("giao-uoc/ban-ky/<int:pk>/", views.signature_file, name="signature_file"),
    path("<int:pk>/cham-diem/", views.scoring, name="scoring"),
    path("<int:pk>/cham-diem/don-vi/<int:unit_pk>/", views.member_scores, name="member_scores"),
    path("<int:pk>/cham-diem/chuyen-buoc/", views.advance, name="advance"),
    path("diem/<int:pk>/dieu-chinh/", views.adjust, name="adjust"),
    path("diem/<int:pk>/minh-chung/", views.evidence_add, name="evidence_add"),
    path("minh-chung/<int:pk>/", views.evidence_file, name="evidence_file"),
    path("<int:pk>/xep-hang/", views.ranking, name="ranking"),
    path("<int:pk>/xep-hang/bang-diem-nhau/", views.ties, name="ties"),
    path("<int:pk>/xep-hang/thong-nhat/", views.agree, name="agree"),
    path("<int:pk>/xep-hang/de-nghi-khen-thuong/", views.propose, name="propose"),
    path("<int:pk>/bien-ban-hoi-nghi.pdf", views.minutes, name="minutes"),
    path("<int:pk>/bien-ban-hoi-nghi.docx", views.minutes_docx, name="minutes_docx"),
    path("bang-diem/<int:pk>/", views.table, name="table"),
]
