"""``ssp-kit``: the kit's command line.

    ssp-kit scenario validate FILE...   check scenario files (simulator/scenarios/*.yml)
    ssp-kit check PATH... [--locale L] [--moniker M] [--driver inprocess|browser|static]
                  [--format text|json|junit] [--allow-unchecked]
                  [--shard I/N [--durations-file F]] [--store-durations F]
                                        check an article's steps against the simulator:
                                        in process (default, CPython), in Chromium on the
                                        built site (browser), or only read (static); one
                                        shard of N (each file in exactly one)
    ssp-kit report merge A.json B.json... -o OUT.json [--junit OUT.xml]
                                        join the shards' JSON reports into one run's
    ssp-kit link SCENARIO.yml [--locale L] [--cloud C] [--role R] [--screen S] [--base URL]
                                        print the share link of that view of the scenario
    ssp-kit screenshot SCENARIO.yml [same options] [--pane PANE[:TARGET]] [--site DIR]
                  -o view.png [--format png|html] [--width 1280] [--height 800]
                                        capture that view from the built site in Chromium

Exit codes: 0 all good, 1 something to fix was found or steps could not be run (unless
``--allow-unchecked``), 2 usage error (argparse's own, a
path ``check`` cannot use, or a source checkout whose catalogs are not compiled yet).

``python -m walkthrough`` runs the same command line.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from simulator.markets import CLOUDS
from walkthrough.steps.report import FORMATS, to_text

#: ``--driver`` -> the module whose ``make_driver()`` gives it.
DRIVERS = {
    "inprocess": "walkthrough.checker.inprocess_driver",
    "browser": "walkthrough.checker.browser_session",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ssp-kit", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_scenario(commands)
    _add_check(commands)
    _add_report(commands)
    _add_share(commands)
    return parser


def _view_options(parser: argparse.ArgumentParser) -> None:
    """The options of a view of a scenario (``walkthrough.share.View``)."""
    from simulator.markets import CODES
    from simulator.model import Role
    from simulator.ui import SCREENS

    parser.add_argument("scenario", metavar="SCENARIO.yml", help="a scenario file")
    parser.add_argument("--locale", choices=CODES, default=CODES[0], help="the page's language")
    parser.add_argument(
        "--cloud", choices=[c.cloud.value for c in CLOUDS], default=CLOUDS[0].cloud.value
    )
    parser.add_argument("--role", choices=[r.value for r in Role], help="default: the scenario's")
    parser.add_argument("--screen", choices=SCREENS, default=SCREENS[0])
    parser.add_argument(
        "--pane", metavar="PANE[:TARGET]", help="a pane open on the screen, e.g. buy:powerbi-pro"
    )


def _add_share(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    link = commands.add_parser("link", help="print the share link of a view of a scenario")
    _view_options(link)
    link.add_argument("--base", default="", help="the site's address: print a full URL")
    link.set_defaults(run=_run_link)
    shot = commands.add_parser(
        "screenshot", help="capture a view of a scenario from the built site, in Chromium"
    )
    _view_options(shot)
    shot.add_argument("--site", default="site", help="the built site (default: site/)")
    shot.add_argument("-o", "--output", required=True, metavar="FILE")
    shot.add_argument("--format", choices=("png", "html"), default="png")
    shot.add_argument("--width", type=int, default=1280, help="pixels (default 1280)")
    shot.add_argument("--height", type=int, default=800, help="pixels (default 800)")
    shot.set_defaults(run=_run_screenshot)


def _run_link(args: argparse.Namespace) -> int:
    from .share import run_link

    return run_link(args)


def _run_screenshot(args: argparse.Namespace) -> int:
    from .share import run_screenshot

    return run_screenshot(args)


def _add_scenario(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    scenario = commands.add_parser("scenario", help="work with simulator scenarios")
    sub = scenario.add_subparsers(dest="scenario_command", required=True, metavar="ACTION")
    validate = sub.add_parser("validate", help="check scenario files; report file, field, problem")
    validate.add_argument("files", nargs="+", metavar="FILE")
    validate.set_defaults(run=_run_scenario_validate)


def _run_scenario_validate(args: argparse.Namespace) -> int:
    from .scenarios import validate_files

    return validate_files(args.files, out=sys.stdout, err=sys.stderr)


def _add_check(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    check = commands.add_parser(
        "check",
        help="check every step of articles against the simulator",
        description="Check every step of the articles (files or folders of .md) in each cloud.",
    )
    check.add_argument("paths", nargs="+", metavar="PATH", help="an article or a folder of them")
    check.add_argument(
        "--locale",
        help="the articles' language (en, da, da-DK...); default: ms.contentlocale of each file",
    )
    check.add_argument(
        "--moniker",
        action="append",
        choices=[c.cloud.value for c in CLOUDS],
        help="check only this cloud (repeatable); default: every cloud",
    )
    check.add_argument(
        "--driver",
        choices=("inprocess", "browser", "static"),
        default="inprocess",
        help="how steps are executed: inprocess (the simulator in CPython, default), "
        "browser (Chromium on the built site: the kit's pages in their page, other "
        "articles on the standalone simulator page), static (findings only)",
    )
    check.add_argument("--format", choices=sorted(FORMATS), default="text")
    check.add_argument("--verbose", action="store_true", help="text: list info findings too")
    check.add_argument(
        "--allow-unchecked",
        action="store_true",
        help="exit 0 even when steps could not be run (an unsupported language, a driver "
        "that could not start or cannot do a step); by default a check that could not run "
        "them has not passed",
    )
    check.add_argument(
        "--shard",
        metavar="I/N",
        help="check only shard I of N (counted from 1): every file in exactly one shard, "
        "the same one each run; join the shards' JSON with `ssp-kit report merge`",
    )
    check.add_argument(
        "--durations-file",
        type=Path,
        metavar="FILE",
        help="with --shard: balance the shards by the files' durations stored there "
        '({"path": seconds}); files without one go by a hash of their path',
    )
    check.add_argument(
        "--store-durations",
        type=Path,
        metavar="FILE",
        help="add each checked file's duration to FILE (for --durations-file)",
    )
    check.set_defaults(run=_run_check)


def _add_report(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    report = commands.add_parser("report", help="work with the checker's reports")
    sub = report.add_subparsers(dest="report_command", required=True, metavar="ACTION")
    merge = sub.add_parser(
        "merge",
        help="join the JSON reports of a run's shards into one (and its JUnit)",
        description="Join the JSON reports of `ssp-kit check --shard I/N --format json` into "
        "the report one unsharded run writes. Exit 1 when it has something to fix, as check.",
    )
    merge.add_argument("reports", nargs="+", type=Path, metavar="REPORT.json")
    merge.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.json")
    merge.add_argument("--junit", type=Path, metavar="OUT.xml", help="also write it as JUnit")
    merge.add_argument("--allow-unchecked", action="store_true", help="as for check")
    merge.set_defaults(run=_run_report_merge)


def _run_report_merge(args: argparse.Namespace) -> int:
    import json

    from .steps.report import MergeError, from_dict, merge, to_junit

    try:
        reports = [json.loads(path.read_text("utf-8")) for path in args.reports]
        merged = merge(reports)
        report = from_dict(merged)
        args.output.write_text(json.dumps(merged, ensure_ascii=False, indent=2) + "\n", "utf-8")
        if args.junit:
            args.junit.write_text(to_junit(report), "utf-8")
    except (OSError, ValueError) as error:  # MergeError, JSONDecodeError are ValueErrors
        where = "" if isinstance(error, MergeError) else " (give the shards' JSON reports)"
        print(f"ssp-kit report merge: error: {error}{where}", file=sys.stderr)
        return 2
    return 0 if report.passed(allow_unchecked=args.allow_unchecked) else 1


def _run_check(args: argparse.Namespace) -> int:
    import importlib

    from .checker.check import UsageError, check_paths
    from .checker.shard import ShardError, read_durations, store_durations
    from .checker.shard import parse as parse_shard

    driver = None
    timings: dict[str, float] = {}
    try:
        shard = parse_shard(args.shard) if args.shard else None
        durations = read_durations(args.durations_file)
        if args.driver != "static":
            module = importlib.import_module(DRIVERS[args.driver])
            driver = module.make_driver()
        report = check_paths(
            args.paths,
            locale=args.locale,
            monikers=args.moniker,
            driver=driver,
            shard=shard,
            durations=durations,
            timings=timings,
        )
        if args.store_durations:
            store_durations(args.store_durations, timings)
    except OSError as error:  # the durations file could not be written
        print(f"ssp-kit check: error: {error.filename}: {error.strerror}", file=sys.stderr)
        return 2
    except (UsageError, ShardError) as error:
        print(f"ssp-kit check: error: {error}", file=sys.stderr)
        return 2
    finally:
        if driver is not None and hasattr(driver, "shutdown"):
            driver.shutdown()
    if args.format == "text":
        sys.stdout.write(to_text(report, verbose=args.verbose))
    else:
        sys.stdout.write(FORMATS[args.format](report))
    return 0 if report.passed(allow_unchecked=args.allow_unchecked) else 1


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    code: int = args.run(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
