"""The pinned wire format for instants: UTC, millisecond precision, 'Z' (2026-11-26T07:00:00.000Z).

Python's own isoformat() writes microseconds and '+00:00'; format through here instead.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from datetime import datetime, timezone

TIMESTAMP_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")


def format_timestamp(moment: datetime) -> str:
    """Formats an aware datetime in the pinned format (converted to UTC)."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: pass an aware datetime (e.g. datetime.now(timezone.utc))")
    utc = moment.astimezone(timezone.utc)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def now_timestamp(clock: Callable[[], float] = time.time) -> str:
    """The clock's reading (epoch seconds) in the pinned format; inject the clock in tests."""
    return format_timestamp(datetime.fromtimestamp(clock(), tz=timezone.utc))


def is_contract_timestamp(value: object) -> bool:
    """True when value is in the pinned format and names a real calendar instant."""
    if not isinstance(value, str) or not TIMESTAMP_PATTERN.match(value):
        return False
    try:
        datetime.strptime(value, "%Y-%m-%dT%H:%M:%S.%fZ")
    except ValueError:
        return False
    return True
