from django.urls import path

from emulation.notifications import views

app_name = "notifications"

urlpatterns = [
    path("thong-bao/", views.notification_list, name="list"),
    path("thong-bao/<int:pk>/", views.notification_open, name="open"),
    path("thong-bao/<int:pk>/da-doc/", views.notification_read, name="read"),
    path("thong-bao/da-doc-tat-ca/", views.notifications_read_all, name="read_all"),
    path("thong-bao/cach-nhan/", views.preferences, name="preferences"),
]
