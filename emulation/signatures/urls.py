from django.urls import path

from emulation.signatures import views

app_name = "signatures"

urlpatterns = [
    path("tin-cay/", views.anchor_list, name="anchor_list"),
    path("tin-cay/<int:pk>/trang-thai/", views.anchor_active, name="anchor_active"),
]
