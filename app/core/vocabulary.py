"""Controlled values shared by several record types."""

from enum import StrEnum


class RecordStatus(StrEnum):
    active = "active"
    inactive = "inactive"


class Population(StrEnum):
    unaccompanied_children = "unaccompanied_children"
    separated_children = "separated_children"
    adolescents = "adolescents"
    families_with_children = "families_with_children"
    asylum_seekers_and_refugees = "asylum_seekers_and_refugees"
    returnees = "returnees"
    internally_displaced = "internally_displaced"
    lgbtiq = "lgbtiq"
    persons_with_disabilities = "persons_with_disabilities"
    indigenous_peoples = "indigenous_peoples"


class PhoneKind(StrEnum):
    voice = "voice"
    whatsapp = "whatsapp"
    sms = "sms"
    hotline = "hotline"


class Weekday(StrEnum):
    monday = "monday"
    tuesday = "tuesday"
    wednesday = "wednesday"
    thursday = "thursday"
    friday = "friday"
    saturday = "saturday"
    sunday = "sunday"
