"""Step annotations: ``<!-- ssp: key=value ... -->``, an HTML comment on a step.

Invisible in the page; says what prose cannot. Written on the step's line (or a line that
continues it), one or more per step; values with spaces are quoted::

    1. Choose the subscription. <!-- ssp: target=powerbi-pro -->
    4. ... type 105. <!-- ssp: value=105 expect="total_licenses == 105" -->
    2. Select the users. <!-- ssp: users="adele, megan" -->

Keys (each once, ``expect`` may repeat):
    target  which subscription, product, billing profile, payment method or invoice
            (a scenario id or its name as shown)
    users   which people, comma-separated
    value   what to enter, type or pick when the prose gives no value
    expect  a condition on the simulator's state after the step, ``name op value`` with
            op one of == != >= <= contains; several separated by ``;``
    skip    why this step cannot be checked (it is then reported unchecked, info level)

An annotation never names a label: labels come from the prose only, so an annotation can
never replace or override what the reader sees. A value that contradicts the prose's own
value is reported (annotation-conflict) and the prose wins.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterable

from .model import Annotation

KEYS = ("target", "users", "value", "expect", "skip")
EXPECT = re.compile(r"^\s*([a-z_][a-z0-9_.]*)\s*(==|!=|>=|<=|contains)\s*(.+?)\s*$")


def parse(bodies: Iterable[str]) -> Annotation | None:
    """One annotation from the bodies (text after ``ssp:``) of a step's comments."""
    bodies = list(bodies)
    if not bodies:
        return None
    fields: dict[str, str] = {}
    expects: list[str] = []
    errors: list[str] = []
    for body in bodies:
        try:
            words = shlex.split(body)
        except ValueError as error:
            errors.append(f"cannot read annotation {body!r}: {error}; quote values with spaces")
            continue
        for word in words:
            key, sep, value = word.partition("=")
            if not sep:
                errors.append(f"annotation item {word!r} is not key=value")
            elif key not in KEYS:
                errors.append(f"unknown annotation key {key!r}; use one of {', '.join(KEYS)}")
            elif key == "expect":
                for part in filter(None, (p.strip() for p in value.split(";"))):
                    if EXPECT.match(part):
                        expects.append(part)
                    else:
                        errors.append(
                            f"expect {part!r} is not 'name op value' (op: == != >= <= contains)"
                        )
            elif key in fields:
                errors.append(f"annotation key {key!r} given twice")
            else:
                fields[key] = value
    users = tuple(u.strip() for u in fields.get("users", "").split(",") if u.strip())
    return Annotation(
        target=fields.get("target"),
        users=users,
        value=fields.get("value"),
        expect=tuple(expects),
        skip=fields.get("skip"),
        errors=tuple(errors),
    )
