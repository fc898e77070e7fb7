"""A Content-Security-Policy naming no other origin, as a meta tag in every page.

Material needs a few inline scripts (its scope and palette set-up); they are allowed by
their SHA-256 hashes, computed from the page as written, so nothing else inline runs.
Under ``mkdocs serve`` the live-reload script is injected later by the server, so there
the policy allows inline scripts and the websocket instead of listing hashes.
"""

from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S | re.I)
_JSON_TYPE = re.compile(r"""\btype=["']application/(?:ld\+)?json["']""", re.I)
_HEAD = re.compile(r"<head[^>]*>", re.I)


def inline_script_hashes(html: str) -> list[str]:
    """``'sha256-…'`` sources for every executable inline script of ``html``."""
    hashes = []
    for attrs, body in _INLINE_SCRIPT.findall(html):
        if _JSON_TYPE.search(attrs):
            continue
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        hashes.append(f"'sha256-{digest}'")
    return sorted(set(hashes))


def policy(html: str, *, serve: bool) -> str:
    scripts = ["'self'", "'wasm-unsafe-eval'"]
    connect = ["'self'"]
    if serve:
        scripts.append("'unsafe-inline'")
        connect.append("ws:")
    else:
        scripts.extend(inline_script_hashes(html))
    return "; ".join(
        (
            "default-src 'self'",
            f"script-src {' '.join(scripts)}",
            "worker-src 'self'",
            f"connect-src {' '.join(connect)}",
            "img-src 'self' data:",
            "style-src 'self' 'unsafe-inline'",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        )
    )


def add_meta(html: str, *, serve: bool) -> str:
    """``html`` with the policy as the first element of its ``<head>``."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html, serve=serve)}">'
    return _HEAD.sub(lambda m: m.group(0) + meta, html, count=1)
