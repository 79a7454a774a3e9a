"""The project's URLs plus /bench/ping/, the baseline of benchmarks/surge.py. Used only by emulation.bench_settings."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import include, path


@login_required
def ping(request: HttpRequest) -> HttpResponse:
    """The cheapest signed-in page: the whole middleware stack and the session, no work of its own."""
    return HttpResponse("ok")


urlpatterns = [path("bench/ping/", ping), path("", include("emulation.urls"))]
handler500 = "emulation.views.server_error"
