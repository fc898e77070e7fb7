"""``ssp-kit``: the kit's command line.

    ssp-kit scenario validate FILE...   check scenario files (simulator/scenarios/*.yml)
    ssp-kit check PATH...               check an article's steps against the simulator

Exit codes: 0 all good, 1 something to fix was found, 2 usage error (argparse's own).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ssp-kit", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_scenario(commands)
    return parser


def _add_scenario(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    scenario = commands.add_parser("scenario", help="work with simulator scenarios")
    sub = scenario.add_subparsers(dest="scenario_command", required=True, metavar="ACTION")
    validate = sub.add_parser("validate", help="check scenario files; report file, field, problem")
    validate.add_argument("files", nargs="+", metavar="FILE")
    validate.set_defaults(run=_run_scenario_validate)


def _run_scenario_validate(args: argparse.Namespace) -> int:
    from .scenarios import validate_files

    return validate_files(args.files, out=sys.stdout, err=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    code: int = args.run(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
