"""Quản trị's token pages (/ket-noi-api/); the API itself is mounted from emulation.api.v1 at /api/v1/."""

from django.urls import path

from emulation.api import views

app_name = "api_tokens"

urlpatterns = [
    path("", views.token_list, name="list"),
    path("tao/", views.token_create, name="create"),
    path("<int:pk>/", views.token_detail, name="detail"),
    path("<int:pk>/thu-hoi/", views.token_revoke, name="revoke"),
]
