"""The booth's scripts: their hashes for the election manifest, their URLs and Subresource
Integrity for the booth page.

Every module under static/booth/ (the booth, its protocol module and the vendored
libsodium pair) is listed with its SHA-256 in each scrutin's manifest at the seal
(`booth_hashes`), so the election fingerprint commits to the code that encrypts. The
booth page loads them through an import map that gives each its URL (with its hash as a
version, so a changed file is never served from a stale cache) and its sha384 integrity
(`booth_page_assets`): the browser refuses a module whose bytes differ.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

BOOTH_DIR = Path(__file__).resolve().parent.parent / "static" / "booth"
ENTRY = "booth.mjs"


@dataclass(frozen=True)
class BoothFile:
    name: str  # relative to static/booth/, e.g. "vendor/libsodium-sumo-0.8.4.mjs"
    sha256: str
    integrity: str  # "sha384-…" (Subresource Integrity)


def booth_files(root: Path | None = None) -> list[BoothFile]:
    """Every module of the booth, by name, with its hashes (read from disk at each call:
    about 0.5 MB, a few milliseconds)."""
    root = root or BOOTH_DIR
    files = []
    for path in sorted(root.rglob("*.mjs")):
        data = path.read_bytes()
        sri = base64.b64encode(hashlib.sha384(data).digest()).decode("ascii")
        files.append(
            BoothFile(path.relative_to(root).as_posix(), hashlib.sha256(data).hexdigest(), sri)
        )
    return files


def booth_hashes(root: Path | None = None) -> dict[str, str]:
    """{"static/booth/<name>": sha256 hex}: the manifest's `booth` field."""
    return {f"static/booth/{item.name}": item.sha256 for item in booth_files(root)}


@dataclass(frozen=True)
class BoothPageAssets:
    entry_url: str
    entry_integrity: str
    preloads: list[tuple[str, str]]  # (url, integrity) of the modules the entry imports
    import_map: str  # JSON for <script type="importmap">


def booth_page_assets() -> BoothPageAssets:
    """URLs and integrity of the booth's modules for its page."""
    base = settings.STATIC_URL.rstrip("/") + "/booth/"
    imports, integrity, preloads = {}, {}, []
    entry = None
    for item in booth_files():
        plain = base + item.name
        url = f"{plain}?v={item.sha256[:16]}"
        imports[plain] = url
        integrity[url] = f"sha384-{item.integrity}"
        if item.name == ENTRY:
            entry = (url, f"sha384-{item.integrity}")
        else:
            preloads.append((url, f"sha384-{item.integrity}"))
    if entry is None:
        raise RuntimeError("static/booth/booth.mjs is missing")
    document = json.dumps({"imports": imports, "integrity": integrity}, sort_keys=True)
    return BoothPageAssets(entry[0], entry[1], preloads, document.replace("</", "<\\/"))
