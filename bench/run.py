"""Benchmarks: do pages and reports cost the same with ten times the data?

    .venv/bin/python bench/run.py [--size 200] [--factor 10] [--repeat 3]   (or: make bench)

Builds a throwaway SQLite database under a temporary directory (or uses DATABASE_URL when
set: give it an empty database), migrates it, adds SIZE synthetic trained enterprises
(bench/generate.py), and measures each page and report as a programme admin and as the
country coordinator: the number of SQL queries and the best of REPEAT wall times. Then it
adds enough enterprises to reach SIZE × FACTOR and measures again, and prints, for each,
the queries at both sizes and the time ratio.

What good looks like: the query count is the same at both sizes (no query per row), and
the time ratio of a paginated list stays near 1 while a report that aggregates everything
grows well below FACTOR (the work is done in SQL). The script prints; it does not judge
wall times, which depend on the machine. It exits with status 1 if a query count grew.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))


def setup(data_dir: str) -> None:
    os.environ.setdefault("SCORE_DATA_DIR", data_dir)
    os.environ.setdefault("SCORE_DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "score.settings")
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def world():
    """A country, a provider, a programme, an admin, a coordinator and a trainer."""
    import datetime

    from score.accounts.actions import create_user, grant_role
    from score.programmes.actions import create_country, create_organisation, create_programme

    admin = create_user(by=None, email="admin@bench.example.org", password=None)
    grant_role(by=None, user=admin, role="programme_admin")
    country = create_country(by=admin, code="CN", name="China", currency="CNY")
    provider = create_organisation(by=admin, name="Bench Training", kind="training_institution")
    programme = create_programme(
        by=admin,
        code="BENCH",
        name="Benchmark programme",
        country=country,
        start_date=datetime.date(2011, 1, 1),
        end_date=datetime.date(2012, 12, 31),
    )
    coordinator = create_user(by=admin, email="coordinator@bench.example.org", password=None)
    grant_role(by=admin, user=coordinator, role="country_coordinator", country=country)
    trainer = create_user(by=admin, email="trainer@bench.example.org", password=None)
    grant_role(by=admin, user=trainer, role="trainer", organisation=provider)
    return {
        "admin": admin,
        "coordinator": coordinator,
        "trainer": trainer,
        "provider": provider,
        "programme": programme,
    }


def targets(programme) -> list[tuple[str, str]]:
    """(label, url) of what is measured; pages of apps not installed are left out."""
    from django.urls import NoReverseMatch, reverse

    wanted = [
        ("enterprise list", "enterprises:enterprise_list", [], ""),
        ("enterprise list, searched", "enterprises:enterprise_list", [], "?q=Bench"),
        ("visit list", "counselling:visit_list", [], ""),
        ("class list", "training:session_list", [], ""),
        ("programme page (reach figures)", "programmes:programme_detail", [programme.pk], ""),
        ("data-quality page", "monitoring:quality", [], f"?programme={programme.pk}"),
        ("home dashboard", "home", [], ""),
        ("results report", "results:report_page", [], f"?programme={programme.code}"),
        (
            "results report (json)",
            "results:report_download",
            ["json"],
            f"?programme={programme.code}",
        ),
        ("logframe", "results:logframe", [programme.pk], ""),
        ("comparison group", "results:comparison", [programme.pk], ""),
        ("trainer pipeline", "trainers:pipeline", [], ""),
        ("cost recovery", "finance:cost_recovery", [], ""),
    ]
    found = []
    for label, name, args, query in wanted:
        try:
            found.append((label, reverse(name, args=args) + query))
        except NoReverseMatch:
            continue
    return found


def measure(client, url: str, repeat: int) -> tuple[int, float, int]:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    best = float("inf")
    queries = 0
    status = 0
    for _ in range(repeat):
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            best = min(best, time.perf_counter() - started)
        queries, status = len(captured), response.status_code
    return queries, best, status


def run(size: int, factor: int, repeat: int) -> int:
    from django.test import Client

    from bench.generate import add_enterprises

    w = world()
    clients = {}
    for role in ("admin", "coordinator"):
        clients[role] = Client()
        clients[role].force_login(w[role])
    pages = targets(w["programme"])
    results = {}
    for step, total in enumerate((size, size * factor)):
        started = time.perf_counter()
        rows = add_enterprises(
            programme=w["programme"],
            provider=w["provider"],
            trainer=w["trainer"],
            n=total - (size if step else 0),
        )
        print(
            f"[bench] {total:,} enterprises ({rows:,} rows added in "
            f"{time.perf_counter() - started:.1f} s)"
        )
        for role, client in clients.items():
            for label, url in pages:
                client.get(url)  # warm caches (templates, translations)
                results[role, label, step] = measure(client, url, repeat)

    print()
    print(
        f"{'page':36} {'as':12} {'queries':>15} {'ms at ' + str(size):>12} "
        f"{'ms at ' + str(size * factor):>12} {'ratio':>6}"
    )
    grew = False
    for role in clients:
        for label, _url in pages:
            q0, t0, s0 = results[role, label, 0]
            q1, t1, s1 = results[role, label, 1]
            flag = "" if q0 == q1 else "  <- query count grew"
            if s0 != 200 or s1 != 200:
                flag += f"  (HTTP {s0}/{s1})"
            grew |= q0 != q1
            print(
                f"{label:36} {role:12} {f'{q0} -> {q1}':>15} {t0 * 1000:12.1f} "
                f"{t1 * 1000:12.1f} {t1 / t0:6.2f}{flag}"
            )
    print()
    print(f"Data grew {factor}×. A ratio near 1 means the page costs the same whatever the size.")
    return 1 if grew else 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=200, help="enterprises in the first round")
    parser.add_argument("--factor", type=int, default=10, help="growth for the second round")
    parser.add_argument("--repeat", type=int, default=3, help="timings per page (best is kept)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="score-bench-") as data_dir:
        setup(data_dir)
        return run(args.size, args.factor, args.repeat)


if __name__ == "__main__":
    sys.exit(main())
