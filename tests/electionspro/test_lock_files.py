"""The lock files hold every requirement, inside its range, with hashes, and install anywhere.

Installs (Makefile, .ci/run, Dockerfile) read only the lock files: a requirement added to
requirements*.txt without `make lock` would be missing from a fresh clone.
"""

import re
from pathlib import Path

import pytest
from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
LOCKS = {"requirements.txt": "requirements.lock", "requirements-test.txt": "requirements-test.lock"}
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)")


def requirements(name: str) -> list[Requirement]:
    """The requirements of a requirements file, following its `-r` includes."""
    found = []
    for raw in (ROOT / name).read_text().splitlines():
        line = raw.split(" #")[0].strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith(("-r ", "--requirement ")):
            found += requirements(line.split(maxsplit=1)[1])
            continue
        try:
            found.append(Requirement(line))
        except InvalidRequirement as error:
            raise AssertionError(f"{name}: ligne illisible {raw!r} ({error})") from None
    return found


def pins(text: str) -> dict[str, str]:
    return {
        canonicalize_name(match[1]): match[2]
        for match in map(PIN.match, text.splitlines())
        if match
    }


def check_lock(requirements_text: dict[str, list[Requirement]], locks: dict[str, str]) -> list:
    """Every problem between requirements files and their lock files, in words."""
    problems = []
    for source, lock in LOCKS.items():
        pinned = pins(locks[lock])
        for requirement in requirements_text[source]:
            version = pinned.get(canonicalize_name(requirement.name))
            if version is None:
                problems.append(f"{requirement.name} ({source}) absent de {lock}")
            elif not requirement.specifier.contains(version, prereleases=True):
                problems.append(
                    f"{requirement.name}=={version} ({lock}) hors de {requirement.specifier}"
                )
    return problems


def lock_texts() -> dict[str, str]:
    return {lock: (ROOT / lock).read_text() for lock in LOCKS.values()}


def test_every_requirement_is_pinned_in_its_lock_inside_its_range():
    problems = check_lock({name: requirements(name) for name in LOCKS}, lock_texts())
    assert not problems, "lancez `make lock` et committez les fichiers .lock :\n" + "\n".join(
        problems
    )


def test_the_check_sees_a_requirement_added_without_make_lock():
    added = {name: requirements(name) for name in LOCKS}
    added["requirements.txt"].append(Requirement("never-locked-package>=1.0"))
    added["requirements-test.txt"].append(Requirement("Django>=99"))
    problems = check_lock(added, lock_texts())
    assert any("never-locked-package" in problem for problem in problems)
    assert any(problem.startswith("Django==") for problem in problems)


@pytest.mark.parametrize("lock", LOCKS.values())
def test_every_pin_has_a_hash_so_installs_can_require_them(lock):
    text = (ROOT / lock).read_text()
    entries = re.split(r"\n(?=[A-Za-z0-9])", text)  # one entry per pinned package
    for entry in entries:
        if PIN.match(entry):
            assert "--hash=sha256:" in entry, f"{lock}: {entry.splitlines()[0]} sans hash"


@pytest.mark.parametrize("lock", LOCKS.values())
def test_the_lock_names_no_local_index_or_path(lock):
    text = (ROOT / lock).read_text()
    for marker in ("file:", "/opt/", "/tmp/", "--index-url", "--extra-index-url", "--find-links"):
        assert marker not in text, f"{lock} mentionne {marker!r} : il doit s'installer partout"


def test_both_locks_agree_on_the_packages_they_share():
    runtime, test = (pins(text) for text in lock_texts().values())
    assert set(runtime) <= set(test)
    assert {name: test[name] for name in runtime} == runtime


@pytest.mark.parametrize("path", ["Makefile", "Dockerfile"], ids=["Makefile", "Dockerfile"])
def test_installs_read_the_lock_files_with_hashes_required(path):
    text = (ROOT / path).read_text()
    installs = [line for line in text.splitlines() if "pip install" in line and " -r " in line]
    project_installs = [line for line in installs if "bench/" not in line]
    assert project_installs, f"{path} n'installe rien"
    for line in project_installs:
        assert "--require-hashes" in line and ".lock" in line, line
