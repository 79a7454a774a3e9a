from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from emulation import health, metrics, views
from emulation.api import v1 as api_v1
from emulation.forms import LoginForm

admin.site.site_header = "Quản trị Cổng thi đua – khen thưởng"
admin.site.site_title = "Quản trị thi đua – khen thưởng"
admin.site.index_title = "Danh mục và người dùng"

auth_patterns = [
    path(
        "dang-nhap/",
        auth_views.LoginView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("doi-mat-khau/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("doi-mat-khau/xong/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("quen-mat-khau/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path("quen-mat-khau/da-gui/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "dat-lai-mat-khau/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("dat-lai-mat-khau/xong/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("viec-can-lam/dem/", views.inbox_badges, name="inbox_badges"),
    path("tai-khoan/", views.account, name="account"),
    path("healthz", health.healthz, name="healthz"),
    path("metrics", metrics.metrics, name="metrics"),
    path("tai-khoan/", include(auth_patterns)),
    path("", include("campaigns.urls")),
    path("", include("indicators.urls")),
    path("", include("awards.urls")),
    path("", include("emulation.reports.urls")),
    path("cum-thi-dua/", include("emulation.clusters.urls")),
    path("", include("emulation.notifications.urls")),
    path("danh-muc/", include("emulation.rules.urls")),
    path("chu-ky-so/", include("emulation.signatures.urls")),
    path("api/v1/", api_v1.urls()),
    path("ket-noi-api/", include("emulation.api.urls")),
    path("quan-tri/", admin.site.urls),
]

handler500 = "emulation.views.server_error"
