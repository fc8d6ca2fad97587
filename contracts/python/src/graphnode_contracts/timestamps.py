"""Instants on the wire.

Producers built with this kit write one pinned format: UTC, millisecond precision, 'Z'
(2026-11-26T07:00:00.000Z); Python's own isoformat() writes microseconds and '+00:00' (or no zone
at all for utcnow()), so format through here. Readers accept what the real producers send: any
ISO-8601 instant with 0-9 fraction digits and Z, an offset, or no zone (read as UTC, reported as
the finding timestamp-without-zone).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone

TIMESTAMP_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")

#: What a reader accepts; the same pattern as envelope.schema.json#/definitions/timestamp.
ACCEPTED_TIMESTAMP_PATTERN = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|([+-])(\d{2}):(\d{2}))?$"
)


def format_timestamp(moment: datetime) -> str:
    """Formats an aware datetime in the pinned format (converted to UTC)."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: pass an aware datetime (e.g. datetime.now(timezone.utc))")
    utc = moment.astimezone(timezone.utc)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def now_timestamp(clock: Callable[[], float] = time.time) -> str:
    """The clock's reading (epoch seconds) in the pinned format; inject the clock in tests."""
    return format_timestamp(datetime.fromtimestamp(clock(), tz=timezone.utc))


def parse_timestamp(value: str) -> datetime | None:
    """The aware UTC datetime an accepted timestamp names (no zone = UTC; digits past the
    microsecond dropped), or None when it is not one or names no real instant (Feb 30, 25:00)."""
    m = ACCEPTED_TIMESTAMP_PATTERN.match(value)
    if m is None:
        return None
    year, month, day, hour, minute, second = (int(g) for g in m.groups()[:6])
    micros = int((m.group(7) or "").ljust(6, "0")[:6])
    offset = timedelta(0)
    if m.group(9) is not None:
        hours, minutes = int(m.group(10)), int(m.group(11))
        if hours > 23 or minutes > 59:
            return None
        offset = (-1 if m.group(9) == "-" else 1) * timedelta(hours=hours, minutes=minutes)
    try:
        local = datetime(year, month, day, hour, minute, second, micros, tzinfo=timezone.utc)
    except ValueError:
        return None
    return local - offset


def is_accepted_timestamp(value: object) -> bool:
    """True when a reader accepts value: the accepted form, naming a real calendar instant."""
    return isinstance(value, str) and parse_timestamp(value) is not None


def is_contract_timestamp(value: object) -> bool:
    """True when value is in the pinned (producer) format and names a real calendar instant."""
    return isinstance(value, str) and TIMESTAMP_PATTERN.match(value) is not None and is_accepted_timestamp(value)
