"""Running the build's Node scripts (snapshot.mjs, bytecode.mjs) on the site's Pyodide."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


class NodeError(RuntimeError):
    """A Node script could not run, or failed; the message says why, with what it printed;
    ``returncode`` is the script's exit status (None when it did not run to an end)."""

    def __init__(self, message: str, returncode: int | None = None) -> None:
        super().__init__(message)
        self.returncode = returncode


def run(script: Path, *args: str, timeout: int = 300) -> None:
    """``node script args...``, raising NodeError unless it succeeds."""
    node = shutil.which("node")
    if node is None:
        raise NodeError("no `node` on PATH")
    try:
        result = subprocess.run(
            [node, str(script), *args], capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired as error:
        raise NodeError(f"`node {script.name}` took more than {timeout} s") from error
    if result.returncode:
        raise NodeError(f"`node {script.name}` failed:\n{_tail(result)}", result.returncode)


def _tail(result: subprocess.CompletedProcess[str]) -> str:
    """The last lines Node printed, without the minified source it quotes."""
    lines = (result.stderr or result.stdout).strip().splitlines()
    return "\n".join(line for line in lines if len(line) < 400)[-2000:]
