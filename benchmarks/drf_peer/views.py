"""The listing: filters as query parameters, a ModelSerializer, LimitOffsetPagination (count, next, previous)."""

from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from rest_framework import generics, serializers

from app.core.local_time import record_time_zone
from app.core.opening_hours import is_open
from app.core.types import utcnow
from benchmarks.drf_peer.models import Institution, ServiceType

LANGUAGES = ("es", "en")


def pick(texts: dict[str, str] | None) -> tuple[str | None, str | None]:
    """The text in the first of LANGUAGES it has, else any: what the API's default language chain picks."""
    if not texts:
        return None, None
    for language in (*LANGUAGES, *sorted(texts)):
        if texts.get(language):
            return texts[language], language
    return None, None


def _label(texts: dict[str, str] | None) -> dict[str, str | None]:
    label, label_language = pick(texts)
    return {"label": label, "label_language": label_language}


class InstitutionSerializer(serializers.ModelSerializer):
    description = serializers.SerializerMethodField()
    description_language = serializers.SerializerMethodField()
    service_types = serializers.SerializerMethodField()
    opening_hours = serializers.SerializerMethodField()
    phones = serializers.SerializerMethodField()
    demo = serializers.BooleanField(source="is_demo")
    distance_km = serializers.SerializerMethodField()
    open_now = serializers.SerializerMethodField()
    translations = serializers.SerializerMethodField()

    class Meta:
        model = Institution
        fields = (
            *("id", "name", "acronym", "kind", "country_code", "external_id", "description", "description_language"),
            *("service_types", "populations", "min_age", "max_age", "address", "city", "admin_area", "latitude"),
            *("longitude", "location_confidential", "phones", "email", "website", "opening_hours", "time_zone"),
            *("languages", "emergency_response", "nationalities_served", "status", "valid_until"),
            *("last_verified_at", "source", "demo", "updated_at", "version", "distance_km"),
            *("open_now", "translations"),
        )

    def get_description(self, record: Institution) -> str | None:
        return pick(record.description)[0]

    def get_description_language(self, record: Institution) -> str | None:
        return pick(record.description)[1]

    def get_service_types(self, record: Institution) -> list[str]:
        return record.service_type_codes.split()

    def get_opening_hours(self, record: Institution) -> dict[str, Any] | None:
        if not record.opening_hours:
            return None
        note, note_language = pick(record.opening_hours.get("note"))
        return {"periods": record.opening_hours.get("periods", []), "note": note, "note_language": note_language}

    def get_phones(self, record: Institution) -> list[dict[str, Any]]:
        return [
            {"number": phone["number"], "kind": phone.get("kind", "voice"), **_label(phone.get("label"))}
            for phone in record.phones or []
        ]

    def get_distance_km(self, _record: Institution) -> None:
        return None

    def get_open_now(self, record: Institution) -> bool | None:
        # The same rule as the app's (the record's weekly hours in its time zone), so the items compare equal.
        return is_open(record.opening_hours, record_time_zone(record.time_zone, record.country_code), utcnow())

    def get_translations(self, _record: Institution) -> None:
        return None  # only with lang=*, which this listing does not send

    def to_representation(self, instance: Institution) -> dict[str, Any]:
        data = super().to_representation(instance)
        if instance.location_confidential:  # only the city and area of a confidential place are public
            data.update(address=None, latitude=None, longitude=None)
        return data


class InstitutionList(generics.ListAPIView):
    serializer_class = InstitutionSerializer

    def get_queryset(self) -> QuerySet[Institution]:
        today = date.today()
        queryset = Institution.objects.filter(status="active", deleted_at__isnull=True).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=today)
        )
        countries = [code.upper() for code in self.request.query_params.getlist("country")]
        if countries:
            queryset = queryset.filter(country_code__in=countries)
        asked = self.request.query_params.getlist("service_type")
        if asked:
            codes = ServiceType.objects.filter(Q(code__in=asked) | Q(parent_code__in=asked)).values_list(
                "code", flat=True
            )
            any_code = Q()
            for code in codes:
                any_code |= Q(service_type_codes__contains=f" {code} ")
            queryset = queryset.filter(any_code)
        return queryset.order_by("name", "id")
