"""The `score` command: one entry point for running, loading and reporting.

score demo [--no-serve] [--bind ADDR]   migrate, load the demo programme, print logins, serve
score serve [--bind ADDR] [--workers N]  production server (gunicorn + WhiteNoise)
score worker                             run background tasks (imports, reports, reminders)
score import FILE [--dry-run]            import a programme workbook (all or nothing)
score template [--output FILE]           write the programme workbook template
score report results --programme CODE    write a results report (json, xlsx, csv, pdf)
score export iati --programme CODE       write a programme's IATI 2.03 activity file
score export workbook [--programme CODE] write the programme workbook with its records
score manage ARGS...                     any Django management command
"""

import argparse
import os
import sys


class SettingsError(Exception):
    """The settings could not be read; the message says which variable to set and how."""


def _setup_django(*, debug_default: bool = False) -> None:
    if debug_default:
        os.environ.setdefault("SCORE_DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "score.settings")
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except ImproperlyConfigured as error:
        raise SettingsError(str(error)) from None


def _ensure_data_dir() -> None:
    from django.conf import settings

    settings.DATA_DIR.mkdir(parents=True, exist_ok=True)


def cmd_manage(args: list[str]) -> int:
    # On the embedded SQLite database (no DATABASE_URL) without a SECRET_KEY, management
    # commands run as on the demo, so `score demo --no-serve` then `score manage shell`
    # just works. Serving (`score serve`) still requires SECRET_KEY.
    if not os.environ.get("SECRET_KEY") and not os.environ.get("DATABASE_URL"):
        os.environ.setdefault("SCORE_DEBUG", "1")
    _setup_django()
    _ensure_data_dir()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["score manage", *args])
    return 0


def cmd_serve(bind: str, workers: int, *, collect: bool = True) -> int:
    from django.conf import settings
    from django.core.management import call_command

    _ensure_data_dir()
    if collect and not settings.DEBUG:
        call_command("collectstatic", interactive=False, verbosity=0)
    from gunicorn.app.wsgiapp import WSGIApplication

    sys.argv = [
        "gunicorn",
        "score.wsgi:application",
        "--bind",
        bind,
        "--workers",
        str(workers),
        "--access-logfile",
        "-",
        "--timeout",
        "120",
    ]
    WSGIApplication("%(prog)s [OPTIONS] [APP_MODULE]").run()
    return 0


def cmd_demo(*, serve: bool, bind: str, workers: int) -> int:
    from django.core.management import call_command

    _ensure_data_dir()
    call_command("migrate", interactive=False, verbosity=0)
    from score.demo.loader import load_demo

    report = load_demo(stdout=sys.stdout)
    print()
    print(report.summary())
    url = f"http://{bind}/"
    print()
    print(f"Open {url} and log in as one of:")
    for role, email, password in report.logins:
        print(f"  {role:<22} {email:<34} password: {password}")
    if not serve:
        return 0
    print()
    print(f"Serving the demo on {url} (Ctrl+C stops it).")
    sys.stdout.flush()
    return cmd_serve(bind, workers, collect=False)


def cmd_workbook(args) -> int:
    from django.core.management import call_command
    from django.core.management.base import CommandError

    _ensure_data_dir()
    try:
        if args.command == "template":
            call_command("template", output=args.output)
        else:
            call_command("import_workbook", args.file, dry_run=args.dry_run, user=args.user)
    except CommandError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


def cmd_report(args) -> int:
    """`score report results ...`, `score export iati ...` and `score export workbook ...`
    call the management commands report_results, export_iati and export_workbook, which
    print clear errors."""
    from django.core.management import call_command
    from django.core.management.base import CommandError

    _ensure_data_dir()
    options = {"programme": args.programme or "", "user": args.user or ""}
    if args.output:
        options["output"] = args.output
    try:
        if args.command == "report":
            options.update(
                partnership=args.partnership or "",
                date_from=args.date_from or "",
                date_to=args.date_to or "",
                format=args.format,
                language=args.language or "",
            )
            call_command(f"report_{args.kind}", **options)
        elif args.kind == "iati" and not args.programme:
            raise CommandError(_iati_needs_programme())
        else:
            call_command(f"export_{args.kind}", **options)
    except CommandError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


def _iati_needs_programme() -> str:
    from django.utils.translation import gettext as _

    return _("score export iati needs --programme CODE, e.g. --programme CN-P1.")


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(sys.argv[1:] if argv is None else argv)
    except SettingsError as error:
        print(f"score: {error}", file=sys.stderr)
        return 1


def _main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="score", description="SCORE Platform")
    sub = parser.add_subparsers(dest="command", required=True)

    demo = sub.add_parser("demo", help="migrate, load the demo programme and serve it")
    demo.add_argument("--no-serve", action="store_true", help="load the demo and exit")
    demo.add_argument("--bind", default="127.0.0.1:8000")
    demo.add_argument("--workers", type=int, default=2)

    serve = sub.add_parser("serve", help="run the production web server (gunicorn)")
    serve.add_argument("--bind", default=os.environ.get("SCORE_BIND", "127.0.0.1:8000"))
    serve.add_argument("--workers", type=int, default=int(os.environ.get("SCORE_WEB_WORKERS", "3")))

    sub.add_parser("worker", help="run queued background tasks")
    importer = sub.add_parser("import", help="import a programme workbook (xlsx)")
    importer.add_argument("file")
    importer.add_argument("--dry-run", action="store_true", help="validate only, write nothing")
    importer.add_argument("--user", default="", help="act as this user (e-mail)")
    template = sub.add_parser("template", help="write the programme workbook template")
    template.add_argument("--output", default="score-workbook-template.xlsx")

    report = sub.add_parser("report", help="write a results report (json, xlsx, csv, pdf)")
    report.add_argument("kind", choices=["results"])
    report.add_argument("--programme", required=True, help="programme code, e.g. CN-P1")
    report.add_argument("--partnership", help="partnership code: only its sponsored enterprises")
    report.add_argument("--from", dest="date_from", help="window start, YYYY-MM-DD")
    report.add_argument("--to", dest="date_to", help="window end, YYYY-MM-DD")
    report.add_argument("--format", choices=["json", "xlsx", "csv", "pdf"], default="json")
    report.add_argument("--language", help="en or zh-hans (default: the site language)")
    report.add_argument("--output", help="file to write (default: standard output for json/csv)")
    report.add_argument("--user", help="report what this user (e-mail) may see")
    export = sub.add_parser(
        "export", help="export a programme as IATI 2.03 (iati) or as the programme workbook"
    )
    export.add_argument("kind", choices=["iati", "workbook"])
    export.add_argument(
        "--programme", help="programme code, e.g. CN-P1 (workbook: all you may see if omitted)"
    )
    export.add_argument(
        "--output",
        help="file to write (iati: standard output by default; workbook: score-workbook.xlsx)",
    )
    export.add_argument("--user", help="export what this user (e-mail) may see")

    manage = sub.add_parser("manage", help="run any Django management command", add_help=False)
    manage.add_argument("rest", nargs=argparse.REMAINDER)

    if argv and argv[0] == "manage":
        return cmd_manage(argv[1:])
    args = parser.parse_args(argv)
    # Like `score manage`: on the embedded database without a SECRET_KEY, run as the demo.
    if (
        args.command in ("import", "template", "report", "export")
        and not os.environ.get("SECRET_KEY")
        and not os.environ.get("DATABASE_URL")
    ):
        os.environ.setdefault("SCORE_DEBUG", "1")
    if args.command == "demo":
        _setup_django(debug_default=True)
        return cmd_demo(serve=not args.no_serve, bind=args.bind, workers=args.workers)
    _setup_django()
    if args.command == "serve":
        return cmd_serve(args.bind, args.workers)
    if args.command == "worker":
        from django.core.management import call_command

        call_command("db_worker")
        return 0
    if args.command in ("import", "template"):
        return cmd_workbook(args)
    if args.command in ("report", "export"):
        return cmd_report(args)
    parser.error(f"unknown command {args.command}")
    return 2


if __name__ == "__main__":
    sys.exit(main())
