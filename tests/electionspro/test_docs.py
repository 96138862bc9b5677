"""The docs a newcomer reads: short enough, every link leads somewhere, nothing points outside.

The repository states its own interface (docs/interface.md): no file may send a reader to
a document or a tracker that is not in it.
"""

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = [
    "README.md",
    "BENCHMARKS.md",
    "DEVELOPERS.md",
    *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "docs").glob("*.md")),
]
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
# Built from pieces so that this file matches neither itself nor a plain `git grep`.
WORD = "con" + "tract"
OUTSIDE_REFERENCES = re.compile(
    "|".join(
        [
            WORD.upper() + r"\.md",
            r"\bthe " + WORD + r"('s)?\b",
            r"\bissues? #?\d",
            r"\(#\d+\)",
            r"\bissue #\d",
        ]
    ),
    re.IGNORECASE,
)


@pytest.mark.parametrize(("name", "limit_kb"), [("README.md", 12), ("BENCHMARKS.md", 15)])
def test_the_front_documents_stay_short(name, limit_kb):
    size = len((ROOT / name).read_bytes())
    assert size <= limit_kb * 1024, f"{name}: {size} octets, au plus {limit_kb} Ko"


def anchors(markdown: str) -> set[str]:
    """GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens."""
    found = set()
    for heading in re.findall(r"^#+ (.+)$", markdown, flags=re.MULTILINE):
        slug = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        found.add(slug)
    return found


@pytest.mark.parametrize("name", DOCS)
def test_every_relative_link_leads_to_a_file_and_heading_that_exist(name):
    source = ROOT / name
    for target in LINK.findall(source.read_text()):
        if target.startswith(("http://", "https://", "mailto:")):
            continue
        path, _sep, anchor = target.partition("#")
        linked = (source.parent / path).resolve() if path else source
        assert linked.exists(), f"{name}: lien vers {target}, fichier absent"
        if anchor and linked.suffix == ".md":
            assert anchor in anchors(linked.read_text()), f"{name}: ancre absente {target}"


def tracked_text_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.split(b"\0")
    files = []
    for raw in filter(None, listed):
        path = ROOT / raw.decode()
        if path.suffix in {".png", ".jpg", ".ico", ".mo", ".woff", ".woff2", ".pdf"}:
            continue
        if "static/" in raw.decode() or "vendor/" in raw.decode() or not path.is_file():
            continue
        files.append(path)
    return files


def test_nothing_refers_to_a_document_or_tracker_outside_the_repository():
    offenders = []
    for path in tracked_text_files():
        try:
            text = path.read_text()
        except UnicodeDecodeError:
            continue
        for number, line in enumerate(text.splitlines(), start=1):
            if OUTSIDE_REFERENCES.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not offenders, "dites la règle elle-même :\n" + "\n".join(offenders)


def test_the_reference_check_sees_what_it_refuses():
    for line in (
        f"see {WORD.upper()}.md section 5",
        "the benchmark (issue " + "8)",
        "fixed in issues " + "4 and 7",
        f"the {WORD}'s field names",
        "(#" + "12)",
    ):
        assert OUTSIDE_REFERENCES.search(line), line
    for line in (f"Maître {WORD}uel", "import-linter's layers", "no issues found"):
        assert not OUTSIDE_REFERENCES.search(line), line


TEST_REFERENCE = re.compile(r"(tests/[\w/]+\.py)?::(test_\w+)")


@pytest.mark.parametrize("name", DOCS)
def test_every_test_the_docs_name_exists(name):
    """`tests/x.py::test_y` (or `::test_y` after one on the same line) is a test in that file,
    `::test_y_` the start of some: a renamed test must not leave the docs vouching for a
    proof that is gone."""
    missing = []
    for line in (ROOT / name).read_text().splitlines():
        file = None
        for path, test in TEST_REFERENCE.findall(line):
            file = path or file
            if file is None:
                continue
            source = ROOT / file
            wanted = f"def {test}" if test.endswith("_") else f"def {test}("
            if not source.exists() or wanted not in source.read_text():
                missing.append(f"{file}::{test}")
    assert not missing, f"{name} nomme des tests absents : {missing}"
