"""Pure-Python reference implementations of the results figures (DESIGN.md, "Results
definitions"), written from the definitions alone, to compare the SQL with."""

from statistics import mean
from statistics import median as _median

FOLLOW_UP_WAVES = ("follow_up", "endline")


def _in_window(end, date_from, date_to):
    return (date_from is None or end >= date_from) and (date_to is None or end <= date_to)


def enterprise_value(rows, code, *, baseline, date_from=None, date_to=None, formula=None):
    """rows: [(code, period_start, period_end, wave, value)] of one enterprise.

    Baseline: earliest baseline period; follow-up: latest follow-up/endline inside the
    window (endline first on a tie). ``formula``: a function of {code: value} for computed
    indicators, used where no value of ``code`` was entered."""
    periods = {}
    for c, start, end, wave, value in rows:
        periods.setdefault((start, end, wave), {})[c] = value
    candidates = []
    for (start, end, wave), values in periods.items():
        if baseline and wave != "baseline":
            continue
        if not baseline and (
            wave not in FOLLOW_UP_WAVES or not _in_window(end, date_from, date_to)
        ):
            continue
        value = values.get(code)
        if value is None and formula is not None:
            value = formula(values)
        if value is not None:
            candidates.append(((end, start), wave, float(value)))
    if not candidates:
        return None
    if baseline:
        return min(candidates, key=lambda c: c[0])[2]
    latest_end = max(c[0][0] for c in candidates)
    tied = [c for c in candidates if c[0][0] == latest_end]
    tied.sort(key=lambda c: (c[1] != "endline", -c[0][1].toordinal()))
    return tied[0][2]


def change(baseline, follow_up):
    if baseline is None or follow_up is None or baseline == 0:
        return None
    return (follow_up - baseline) / baseline


def improved(direction, relative):
    if relative is None:
        return None
    return relative > 0 if direction == "up" else relative < 0 if direction == "down" else False


def summary(pairs, direction):
    """pairs: [(baseline, follow_up)] per enterprise -> the outcome figures."""
    changes = [change(b, f) for b, f in pairs]
    reporting = [c for c in changes if c is not None]
    better = [c for c in reporting if improved(direction, c)]
    return {
        "enterprises_reporting": len(reporting),
        "enterprises_improved": len(better),
        "share_improved": len(better) / len(reporting) if reporting else None,
        "average_change": mean(better) if better else None,
        "median_change": _median(reporting) if reporting else None,
        "baseline_missing": sum(1 for b, f in pairs if b is None and f is not None),
        "baseline_zero": sum(1 for b, f in pairs if b == 0 and f is not None),
        "no_follow_up": sum(1 for b, f in pairs if b is not None and f is None),
    }


def amount_summary(amounts_usd):
    """amounts_usd: [(amount, amount_usd)] per reporting enterprise."""
    better = [usd for amount, usd in amounts_usd if amount > 0]
    return {
        "enterprises_reporting": len(amounts_usd),
        "enterprises_improved": len(better),
        "share_improved": len(better) / len(amounts_usd) if amounts_usd else None,
        "average_amount_usd": mean(better) if better else None,
    }


def reach(programme, enterprises, *, date_from=None, date_to=None):
    """Reach figures counted object by object (the SQL counts in builders.reach)."""
    from score.counselling.models import Visit
    from score.training.models import ClassroomSession, Enrolment

    ids = {e.pk for e in enterprises}

    def inside(day):
        return day is not None and _in_window(day, date_from, date_to)

    trained = {
        e.enterprise_id
        for e in Enrolment.objects.filter(programme=programme)
        if e.enterprise_id in ids and e.classroom_on and inside(e.classroom_on)
    }
    people = {}
    days = set()
    for session in ClassroomSession.objects.filter(programme=programme):
        if not inside(session.end_date):
            continue
        for place in session.participants.all():
            if place.person.enterprise_id in ids:
                people[place.person.pk] = place.person
        if any(e.enterprise_id in ids for e in session.enrolments.all()):
            days |= {d.pk for d in session.days.all() if inside(d.date)}
    visits = [
        v
        for v in Visit.objects.filter(enrolment__programme=programme)
        if v.enrolment.enterprise_id in ids and v.status == "done" and inside(v.done_on)
    ]
    from score.enterprises.models import Enterprise

    workforce = sum(
        e.employees_female + e.employees_male for e in Enterprise.objects.filter(pk__in=trained)
    )
    return {
        "enterprises_trained": len(trained),
        "participants": len(people),
        "participants_female": sum(1 for p in people.values() if p.sex == "female"),
        "participants_male": sum(1 for p in people.values() if p.sex == "male"),
        "enterprise_visits": len(visits),
        "workforce": workforce,
        "classroom_days": len(days),
    }
