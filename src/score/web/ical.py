"""iCalendar (RFC 5545) output for the trainers' calendar feeds, written by hand.

Only what a feed of all-day events needs: a VCALENDAR with VEVENTs whose dates are
``VALUE=DATE``. Text values are escaped (RFC 5545 §3.3.11), every content line is folded at
75 octets without splitting a UTF-8 character (§3.1), and lines end in CRLF."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

PRODID = "-//SCORE Platform//Calendar feed 1.0//EN"
CONTENT_TYPE = "text/calendar; charset=utf-8"
CRLF = "\r\n"
LINE_OCTETS = 75

# RFC 5545 STATUS values of a VEVENT.
CONFIRMED = "CONFIRMED"
TENTATIVE = "TENTATIVE"
CANCELLED = "CANCELLED"


@dataclass(frozen=True)
class Event:
    """One all-day event. ``end`` is the last day it takes place (inclusive); the
    serialiser writes the exclusive DTEND the standard asks for."""

    uid: str
    start: datetime.date
    summary: str
    stamp: datetime.datetime
    end: datetime.date | None = None
    location: str = ""
    description: str = ""
    status: str = CONFIRMED
    url: str = ""


def escape_text(value: str) -> str:
    """A TEXT value: backslash, semicolon, comma and line breaks escaped; other control
    characters (which TEXT may not hold) dropped."""
    value = str(value).replace("\r\n", "\n").replace("\r", "\n")
    value = "".join(ch for ch in value if ch in "\n\t" or (ord(ch) >= 0x20 and ord(ch) != 0x7F))
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """Split a content line into lines of at most 75 octets, continuation lines starting
    with one space, never inside a multi-byte UTF-8 character."""
    parts, current, size = [], [], 0
    limit = LINE_OCTETS
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > limit:
            parts.append("".join(current))
            current, size = [" "], 1
        current.append(ch)
        size += width
    parts.append("".join(current))
    return CRLF.join(parts)


def _date(value: datetime.date) -> str:
    return value.strftime("%Y%m%d")


def _utc(value: datetime.datetime) -> str:
    if value.tzinfo is not None:
        value = value.astimezone(datetime.UTC)
    return value.strftime("%Y%m%dT%H%M%SZ")


def _event_lines(event: Event) -> list[str]:
    last = event.end if event.end and event.end > event.start else event.start
    lines = [
        "BEGIN:VEVENT",
        f"UID:{escape_text(event.uid)}",
        f"DTSTAMP:{_utc(event.stamp)}",
        f"DTSTART;VALUE=DATE:{_date(event.start)}",
        f"DTEND;VALUE=DATE:{_date(last + datetime.timedelta(days=1))}",
        f"SUMMARY:{escape_text(event.summary)}",
    ]
    if event.location:
        lines.append(f"LOCATION:{escape_text(event.location)}")
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if event.url:
        lines.append(f"URL:{event.url}")
    lines += [f"STATUS:{event.status}", "TRANSP:TRANSPARENT", "END:VEVENT"]
    return lines


def calendar(events: Iterable[Event], *, name: str = "") -> str:
    """The whole VCALENDAR as text with CRLF line endings (encode it as UTF-8)."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN"]
    lines.append("METHOD:PUBLISH")
    if name:
        lines.append(f"X-WR-CALNAME:{escape_text(name)}")
    lines += ["REFRESH-INTERVAL;VALUE=DURATION:PT6H", "X-PUBLISHED-TTL:PT6H"]
    for event in events:
        lines += _event_lines(event)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)
