"""The API's tables as Django sees them: unmanaged models (the API's migrations own the schema)."""

from django.db import models


class ServiceType(models.Model):
    id = models.CharField(primary_key=True, max_length=36)
    code = models.CharField(max_length=64, unique=True)
    parent_code = models.CharField(max_length=64, null=True)

    class Meta:
        managed = False
        db_table = "service_type"


class Institution(models.Model):
    id = models.CharField(primary_key=True, max_length=36)
    name = models.CharField(max_length=300)
    acronym = models.CharField(max_length=50, null=True)
    kind = models.CharField(max_length=32)
    country_code = models.CharField(max_length=2)
    external_id = models.CharField(max_length=64, null=True)
    description = models.JSONField(default=dict)
    service_type_codes = models.TextField(default="")
    populations = models.JSONField(default=list)
    min_age = models.IntegerField(null=True)
    max_age = models.IntegerField(null=True)
    address = models.CharField(max_length=300, null=True)
    city = models.CharField(max_length=120, null=True)
    admin_area = models.CharField(max_length=120, null=True)
    latitude = models.FloatField(null=True)
    longitude = models.FloatField(null=True)
    location_confidential = models.BooleanField(default=False)
    phones = models.JSONField(default=list)
    email = models.CharField(max_length=254, null=True)
    website = models.CharField(max_length=500, null=True)
    opening_hours = models.JSONField(null=True)
    time_zone = models.CharField(max_length=64, null=True)
    languages = models.JSONField(default=list)
    emergency_response = models.BooleanField(default=False)
    nationalities_served = models.JSONField(default=list)
    status = models.CharField(max_length=16)
    valid_until = models.DateField(null=True)
    last_verified_at = models.DateTimeField(null=True)
    source = models.CharField(max_length=300, null=True)
    is_demo = models.BooleanField(default=False)
    updated_at = models.DateTimeField()
    deleted_at = models.DateTimeField(null=True)
    version = models.IntegerField()

    class Meta:
        managed = False
        db_table = "institution"
