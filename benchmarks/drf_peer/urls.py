from django.urls import path

from benchmarks.drf_peer.views import InstitutionList

urlpatterns = [path("api/v1/institutions", InstitutionList.as_view())]
