"""The demo's trainer network (issue 6) for SCORE China: the trainers who delivered Phase
I (CN-P1) as Trainer records linked to their accounts, two ILO-certified experts, the
Workplace Cooperation ToT of March 2011, supervised ToE cycles on the candidates' own
Phase I enterprises, certifications, a Quality Management ToT and ToE, a refresher, a
renewal and quality reviews; and two candidates of the 2026 cohort, one of whom has
completed her ToE cycle and waits to be certified (the demo's certification journey).

Everything goes through ``score.trainers.actions``; each object is found again by a
natural key (the linked account, the trainer's name, the course title, (trainer, date)
for reviews), so a second load creates nothing. Only Zhao Lei, who works with the 2026
cohort, is active; the Phase I trainers have not delivered since 2013."""

import datetime
from typing import TYPE_CHECKING, NamedTuple

from score.demo import data
from score.trainers import actions
from score.trainers.models import (
    Course,
    CourseParticipant,
    Level,
    Outcome,
    QualityReview,
    Trainer,
    TrainerModuleStatus,
)
from score.training.models import Module

if TYPE_CHECKING:
    from score.demo.loader import DemoContext

D = datetime.date


class NetworkTrainer(NamedTuple):
    name: str
    sex: str
    provider: str  # organisation key
    email: str | None  # the linked account (data.USERS / data.TRAINERS); None: no account
    languages: str = "Chinese"


NETWORK = [
    NetworkTrainer("Zhao Lei", "male", "ln-tc", data.DEMO_TRAINER, "Chinese, English"),
    NetworkTrainer(
        "Wang Min", "female", "ln-tc", "min.wang@trainers.score.example.org", "Chinese, English"
    ),
    NetworkTrainer("Sun Qiang", "male", "ln-bds", "qiang.sun@trainers.score.example.org"),
    NetworkTrainer(
        "Li Jing", "female", "cq-tc", "jing.li@trainers.score.example.org", "Chinese, English"
    ),
    NetworkTrainer("Zhang Tao", "male", "cq-tc", "tao.zhang@trainers.score.example.org"),
    NetworkTrainer("Liu Yan", "female", "cq-bds", "yan.liu@trainers.score.example.org"),
    NetworkTrainer("Yang Fan", "male", "sc-tc", "fan.yang@trainers.score.example.org"),
    NetworkTrainer("He Ping", "female", "sc-bds", "ping.he@trainers.score.example.org"),
    NetworkTrainer("Chen Jie", "male", "zj-tc", "jie.chen@trainers.score.example.org"),
    NetworkTrainer("Zhu Hong", "female", "zj-tc", "hong.zhu@trainers.score.example.org"),
    NetworkTrainer("Hu Jun", "male", "zj-bds", "jun.hu@trainers.score.example.org"),
    NetworkTrainer("Xu Wen", "female", "sh-tc", "wen.xu@trainers.score.example.org"),
    NetworkTrainer("Guo Li", "male", "sh-bds", "li.guo@trainers.score.example.org"),
    # The 2026 cohort's candidates: no account yet.
    NetworkTrainer("Gao Yuan", "female", "ln-tc", None),
    NetworkTrainer("Ma Lin", "male", "ln-bds", None),
]

# ILO-certified experts from before the platform: (name, module, trained, certified, expert)
EXPERTS = [
    ("Wang Min", "WC", D(2009, 11, 2), D(2010, 5, 14), D(2010, 12, 1)),
    ("Wang Min", "QM", D(2010, 3, 8), D(2010, 9, 20), D(2011, 6, 1)),
    ("Li Jing", "WC", D(2009, 11, 2), D(2010, 5, 14), D(2010, 12, 1)),
]

WC_TOT = "Workplace Cooperation ToT, Shenyang, March 2011"
WC_TOT_TRAINEES = [
    "Zhao Lei", "Sun Qiang", "Zhang Tao", "Liu Yan", "Yang Fan", "He Ping",
    "Chen Jie", "Zhu Hong", "Hu Jun", "Xu Wen", "Guo Li",
]  # fmt: skip
TOT_DAYS = (D(2011, 3, 7), D(2011, 3, 11))


class ToeRow(NamedTuple):
    candidate: str
    module: str
    supervisor: str
    start: datetime.date
    end: datetime.date
    outcome: str
    certified_on: datetime.date | None = None


# The 2011 ToE cycles ran from April to September; certification followed in October.
TOE_2011 = (D(2011, 4, 1), D(2011, 9, 30))
CERTIFIED_2011 = D(2011, 10, 20)
TOES = [
    ToeRow("Zhao Lei", "WC", "Wang Min", *TOE_2011, "completed", CERTIFIED_2011),
    ToeRow("Sun Qiang", "WC", "Wang Min", *TOE_2011, "completed", CERTIFIED_2011),
    ToeRow("Zhang Tao", "WC", "Li Jing", *TOE_2011, "completed", CERTIFIED_2011),
    ToeRow("Liu Yan", "WC", "Li Jing", *TOE_2011, "completed", CERTIFIED_2011),
    ToeRow("Yang Fan", "WC", "Li Jing", *TOE_2011, "completed", CERTIFIED_2011),
    ToeRow("He Ping", "WC", "Li Jing", *TOE_2011, "completed", CERTIFIED_2011),
    ToeRow("Chen Jie", "WC", "Wang Min", *TOE_2011, "completed", CERTIFIED_2011),
    ToeRow("Zhu Hong", "WC", "Wang Min", *TOE_2011, "completed", CERTIFIED_2011),
    ToeRow("Hu Jun", "WC", "Wang Min", *TOE_2011, "not_completed"),
    ToeRow("Zhao Lei", "QM", "Wang Min", D(2012, 4, 2), D(2012, 10, 31), "completed",
           D(2012, 11, 15)),
]  # fmt: skip

QM_TOT = "Quality Management ToT, Shenyang, March 2012"
QM_TOT_TRAINEES = ["Zhao Lei", "Zhang Tao"]
QM_TOT_DAYS = (D(2012, 3, 5), D(2012, 3, 8))

REFRESHER = "Workplace Cooperation refresher, Chongqing, 2013"
REFRESHER_DAYS = (D(2013, 5, 14), D(2013, 5, 15))
REFRESHER_TRAINEES = ["Zhang Tao", "Liu Yan", "Yang Fan", "He Ping"]

PROMOTIONS = [("Chen Jie", "WC", D(2013, 6, 1))]
# Sun Qiang's WC certificate was issued for three years and renewed once; it has lapsed.
EXPIRING = {("Sun Qiang", "WC"): D(2014, 10, 20)}
RENEWALS = [("Sun Qiang", "WC", D(2014, 10, 1))]

# The 2026 cohort: day offsets from the day of loading.
COHORT_TOT = "Workplace Cooperation ToT, 2026 cohort"
COHORT_TOT_DAYS = (-150, -146)
COHORT_TOT_TRAINEES = ["Gao Yuan", "Ma Lin"]
COHORT_TOES = [
    # candidate, supervisor, start, end, outcome (recorded at the end)
    ("Gao Yuan", "Wang Min", -140, -10, "completed"),
    ("Ma Lin", "Wang Min", -140, 60, "pending"),
]


class ReviewRow(NamedTuple):
    trainer: str
    reviewed_on: datetime.date
    session_code: str | None
    scores: tuple[int, int, int, int]
    notes: str


REVIEWS = [
    ReviewRow("Zhao Lei", D(2011, 11, 15), "CN-P1-WC-LN-01", (4, 4, 5, 4),
              "Clear explanations; good use of the factory examples."),
    ReviewRow("Sun Qiang", D(2012, 5, 10), None, (3, 4, 3, 3),
              "Observed a follow-up visit: agree the next steps with the team in writing."),
    ReviewRow("Zhang Tao", D(2012, 6, 12), None, (4, 5, 4, 4), "Well prepared."),
]  # fmt: skip

KINDS = {
    "trainer_records": ("trainer record", "trainer records"),
    "trainer_statuses": ("trainer module status", "trainer module statuses"),
    "trainer_courses": ("trainer course", "trainer courses"),
    "course_places": ("course place", "course places"),
    "course_outcomes": ("course outcome", "course outcomes"),
    "certifications": ("certification", "certifications"),
    "trainer_steps": ("promotion or renewal", "promotions and renewals"),
    "quality_reviews": ("quality review", "quality reviews"),
}


def _course(ctx, existing, *, title, kind, module, start, end, supervisor=None, organisation,
            enrolments=()):  # fmt: skip
    course = existing.get(title)
    if course is None:
        course = actions.create_course(
            by=ctx.by,
            kind=kind,
            module=module,
            title=title,
            country=ctx.countries["CN"],
            programme=ctx.programmes["CN-P1"] if start.year < 2020 else ctx.programmes["CN-P3"],
            organisation=organisation,
            start_date=start,
            end_date=end,
            venue=organisation.name,
            supervisor=supervisor,
            enrolments=enrolments,
        )
        existing[title] = course
        ctx.report.add("trainer_courses")
    return course


def _place(ctx, places, course, trainer, outcome, on, recommended=False):
    place = places.get((course.pk, trainer.pk))
    if place is None:
        place = actions.add_course_participant(by=ctx.by, course=course, trainer=trainer)
        places[(course.pk, trainer.pk)] = place
        ctx.report.add("course_places")
    if place.outcome == Outcome.PENDING and outcome != Outcome.PENDING:
        actions.record_course_outcome(
            by=ctx.by, participant=place, outcome=outcome, outcome_on=on, recommended=recommended
        )
        ctx.report.add("course_outcomes")
    return place


def _enrolments_led(ctx, trainer: Trainer, module_code: str, n: int = 3):
    """Up to ``n`` of the trainer's Phase I enrolments in the module: their ToE enterprises."""
    keys = sorted(
        key
        for key, lead in ctx.lead_trainers.items()
        if key[0] == "CN-P1" and trainer.user_id and lead.pk == trainer.user_id
    )
    enrolments = [ctx.enrolments.get((p, e, module_code)) for p, e in keys]
    return [e for e in enrolments if e is not None][:n]


def load_trainer_network(ctx: "DemoContext") -> None:
    """Trainer records, statuses, courses, certifications and reviews (see module doc)."""
    orgs = ctx.organisations
    modules = {m.code: m for m in Module.objects.filter(code__in=["WC", "QM"])}
    china = ctx.countries["CN"]

    # Trainers, linked to their accounts.
    by_user = {t.user_id: t for t in Trainer.objects.filter(user__isnull=False)}
    by_name = {t.full_name: t for t in Trainer.objects.filter(user__isnull=True)}
    trainers: dict[str, Trainer] = {}
    for row in NETWORK:
        user = ctx.users.get(row.email) if row.email else None
        trainer = by_user.get(user.pk) if user else by_name.get(row.name)
        if trainer is None:
            trainer = actions.create_trainer(
                by=ctx.by,
                full_name=row.name,
                sex=row.sex,
                country=china,
                organisation=orgs[row.provider],
                user=user,
                languages=row.languages,
                email=row.email or "",
            )
            ctx.report.add("trainer_records")
        trainers[row.name] = trainer

    statuses = {
        (s.trainer_id, s.module_id): s
        for s in TrainerModuleStatus.objects.filter(trainer__in=trainers.values())
    }

    def status(name, code):
        key = (trainers[name].pk, modules[code].pk)
        if key not in statuses:
            found = TrainerModuleStatus.objects.filter(
                trainer=trainers[name], module=modules[code]
            ).first()
            if found is not None:
                statuses[key] = found
        return statuses.get(key)

    for name, code, trained, certified, expert in EXPERTS:
        if status(name, code) is None:
            statuses[(trainers[name].pk, modules[code].pk)] = actions.record_existing_status(
                by=ctx.by,
                trainer=trainers[name],
                module=modules[code],
                level=Level.EXPERT,
                trained_on=trained,
                certified_on=certified,
                expert_on=expert,
                certifying_organisation=orgs["ilo"],
            )
            ctx.report.add("trainer_statuses")

    courses = {c.title: c for c in Course.objects.filter(country=china)}
    places = {
        (p.course_id, p.trainer_id): p
        for p in CourseParticipant.objects.filter(course__in=courses.values())
    }

    # Workplace Cooperation ToT (2011) -> candidates.
    tot = _course(ctx, courses, title=WC_TOT, kind="tot", module=modules["WC"],
                  start=TOT_DAYS[0], end=TOT_DAYS[1], organisation=orgs["ln-tc"])  # fmt: skip
    for name in WC_TOT_TRAINEES:
        _place(ctx, places, tot, trainers[name], Outcome.COMPLETED, TOT_DAYS[1])
    qm_tot = _course(ctx, courses, title=QM_TOT, kind="tot", module=modules["QM"],
                     start=QM_TOT_DAYS[0], end=QM_TOT_DAYS[1],
                     organisation=orgs["ln-tc"])  # fmt: skip
    for name in QM_TOT_TRAINEES:
        _place(ctx, places, qm_tot, trainers[name], Outcome.COMPLETED, QM_TOT_DAYS[1])

    # Supervised ToE cycles on the candidates' own enterprises, then certification.
    for row in TOES:
        title = f"{row.module} ToE cycle: {row.candidate}, {row.start.year}"
        course = _course(
            ctx, courses, title=title, kind="toe", module=modules[row.module],
            start=row.start, end=row.end, supervisor=trainers[row.supervisor],
            organisation=trainers[row.candidate].organisation,
            enrolments=_enrolments_led(ctx, trainers[row.candidate], row.module),
        )  # fmt: skip
        _place(ctx, places, course, trainers[row.candidate], row.outcome, row.end,
               recommended=row.outcome == Outcome.COMPLETED)  # fmt: skip
        current = status(row.candidate, row.module)
        if row.certified_on and current is not None and current.level == Level.CANDIDATE:
            certified = actions.certify_trainer(
                by=ctx.by,
                trainer=trainers[row.candidate],
                module=modules[row.module],
                certified_on=row.certified_on,
                certifying_organisation=orgs["ilo"],
                expires_on=EXPIRING.get((row.candidate, row.module)),
            )
            statuses[(certified.trainer_id, certified.module_id)] = certified
            ctx.report.add("certifications")

    refresher = _course(ctx, courses, title=REFRESHER, kind="refresher", module=modules["WC"],
                        start=REFRESHER_DAYS[0], end=REFRESHER_DAYS[1],
                        organisation=orgs["cq-tc"])  # fmt: skip
    for name in REFRESHER_TRAINEES:
        _place(ctx, places, refresher, trainers[name], Outcome.COMPLETED, REFRESHER_DAYS[1])

    for name, code, on in PROMOTIONS:
        current = status(name, code)
        if current is not None and current.level == Level.CERTIFIED:
            statuses[(current.trainer_id, current.module_id)] = actions.promote_to_expert(
                by=ctx.by, trainer=trainers[name], module=modules[code], expert_on=on
            )
            ctx.report.add("trainer_steps")
    for name, code, on in RENEWALS:
        current = status(name, code)
        if current is not None and current.renewed_on is None:
            actions.renew_certification(
                by=ctx.by, trainer=trainers[name], module=modules[code], renewed_on=on
            )
            ctx.report.add("trainer_steps")

    # The 2026 cohort: a ToT, then one ToE completed (ready to certify) and one under way.
    def day(offset):
        return ctx.today + datetime.timedelta(days=offset)

    cohort_tot = _course(ctx, courses, title=COHORT_TOT, kind="tot", module=modules["WC"],
                         start=day(COHORT_TOT_DAYS[0]), end=day(COHORT_TOT_DAYS[1]),
                         organisation=orgs["ln-tc"])  # fmt: skip
    for name in COHORT_TOT_TRAINEES:
        _place(ctx, places, cohort_tot, trainers[name], Outcome.COMPLETED,
               cohort_tot.end_date)  # fmt: skip
    for candidate, supervisor, start, end, outcome in COHORT_TOES:
        title = f"WC ToE cycle: {candidate}, 2026 cohort"
        course = _course(ctx, courses, title=title, kind="toe", module=modules["WC"],
                         start=day(start), end=day(end), supervisor=trainers[supervisor],
                         organisation=trainers[candidate].organisation)  # fmt: skip
        _place(ctx, places, course, trainers[candidate], outcome, course.end_date,
               recommended=outcome == Outcome.COMPLETED)  # fmt: skip

    # Quality reviews by the country coordinator.
    coordinator = next(
        (ctx.users[row.email] for row in data.USERS if row.role == "country_coordinator"), None
    )
    reviewed = set(
        QualityReview.objects.filter(trainer__in=trainers.values()).values_list(
            "trainer_id", "reviewed_on"
        )
    )
    for row in REVIEWS:
        trainer = trainers[row.trainer]
        if (trainer.pk, row.reviewed_on) in reviewed:
            continue
        session = ctx.sessions.get(row.session_code) if row.session_code else None
        visit = None
        if session is None and trainer.user_id:
            visit = (
                trainer.user.counselling_visits.filter(status="done").order_by("done_on").first()
            )
        if session is None and visit is None:
            continue
        preparation, content, facilitation, engagement = row.scores
        actions.create_quality_review(
            by=coordinator or ctx.by,
            trainer=trainer,
            reviewed_on=row.reviewed_on,
            session=session,
            visit=visit,
            score_preparation=preparation,
            score_content=content,
            score_facilitation=facilitation,
            score_engagement=engagement,
            notes=row.notes,
        )
        ctx.report.add("quality_reviews")
    ctx.part_done("Trainer network", list(KINDS))
