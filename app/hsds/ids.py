"""Stable HSDS ids for objects that are not records of their own.

Organizations from institutions, services from emergency services and taxonomy terms keep their record's id.
Objects that stand one-to-one beside a record and can be fetched by id (an institution's service, the
organization of an emergency service with no institution, a service_at_location) get a *twin* id: the record's
UUID XOR a fixed mask per kind. It is stable, distinct from the record's id, and turns back into the record's id
with the same operation, so a lookup by id stays one indexed read. The mask leaves the UUID version and variant
bits alone, so a twin is a well-formed UUID. Objects that are only ever nested (locations, phones, schedules...)
get a name-based uuid5 from their owner and position.
"""

import uuid
from typing import Literal

NAMESPACE = uuid.UUID("6f1e1c36-6a0e-5b1e-9d6a-3c1f2b7d8e40")
TwinKind = Literal["service", "organization", "service_at_location"]

_VERSION_AND_VARIANT_BITS = (0xF << 76) | (0x3 << 62)
_MASKS: dict[str, int] = {
    kind: uuid.uuid5(NAMESPACE, f"twin:{kind}").int & ~_VERSION_AND_VARIANT_BITS
    for kind in ("service", "organization", "service_at_location")
}

TAXONOMY_ID = str(uuid.uuid5(NAMESPACE, "taxonomy:service_types"))


def twin_id(record_id: str, kind: TwinKind) -> str:
    """The id of the `kind` object that stands beside the record (record ids are UUIDs: core.models.new_id)."""
    return str(uuid.UUID(int=uuid.UUID(record_id).int ^ _MASKS[kind]))


def record_id_of(twin: str, kind: TwinKind) -> str | None:
    """The record id behind a twin id; None when the text is not a UUID."""
    try:
        return twin_id(twin, kind)
    except ValueError:
        return None


def nested_id(*parts: str) -> str:
    """A name-based id for a nested object, from its owner's id and what it is ("location", "phone", 0...)."""
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))
