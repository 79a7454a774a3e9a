"""Award pages, one module per part of the work: dossiers, generated documents, council and decisions,
the register. Each module exports its own `urlpatterns`."""

from awards.views import council, documents, dossiers, queue, register

app_name = "awards"

urlpatterns = [
    *queue.urlpatterns,
    *dossiers.urlpatterns,
    *documents.urlpatterns,
    *council.urlpatterns,
    *register.urlpatterns,
]
