from django.urls import path

from emulation.rules import views

app_name = "rules"

urlpatterns = [
    path("", views.kinds, name="kinds"),
    path("<slug:kind>/", views.rule_list, name="list"),
    path("<slug:kind>/them/", views.rule_add, name="add"),
    path("<slug:kind>/<int:pk>/ket-thuc/", views.rule_end, name="end"),
    path("<slug:kind>/<int:pk>/thay-phien-ban/", views.rule_replace, name="replace"),
    path("<slug:kind>/<int:pk>/xoa/", views.rule_delete, name="delete"),
    path("<slug:kind>/<int:pk>/lich-su/", views.rule_history, name="history"),
]
