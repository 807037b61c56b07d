#!/usr/bin/env python3
"""The architecture the README draws, checked on the source tree.

- The core's areas depend one way: base <- config <- store <- schedule <- tickets <- checkin,
  mail, sync and staff beside it, reports above them; demo on top; platform on nothing of the core.
- SQL is written only in the core library (kiosk/src, the demo and the platform excepted).
- No header outside the core's sources includes SQLiteCpp, tests included; no source of the
  programs and libraries outside the core does either.
- No folder of the core has more than 15 files.

Run from anywhere: check_architecture.py SOURCE_DIR. Prints each breach, exits 1 if any.
"""

import re
import sys
from pathlib import Path

RANK = {
    "base": 0,
    "config": 1,
    "store": 2,
    "schedule": 3,
    "tickets": 4,
    "mail": 4.5,
    "checkin": 5,
    "sync": 5,
    "staff": 5,
    "reports": 6,
    "demo": 7,
}
MOST_FILES_PER_FOLDER = 15
SQL = re.compile(r'"[^"\n]*\b(SELECT\s|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM)')
CORE_INCLUDE = re.compile(r'#include\s+["<](?:kiosk/)?([a-z_]+)/')
SOURCES = (".cpp", ".hpp")


def area_of(path: Path, root: Path):
    relative = path.relative_to(root).parts
    if relative[:2] == ("kiosk", "src") and len(relative) > 3:
        return relative[2]
    if relative[:3] == ("kiosk", "include", "kiosk") and len(relative) > 4:
        return relative[3]
    return None


def tracked_sources(root: Path):
    for path in sorted(root.rglob("*")):
        parts = path.relative_to(root).parts
        if parts[0] in ("build", ".git", "node_modules") or not path.is_file():
            continue
        if path.suffix in SOURCES:
            yield path


def check(root: Path):
    breaches = []
    for path in tracked_sources(root):
        relative = path.relative_to(root)
        text = path.read_text(encoding="utf-8", errors="replace")
        area = area_of(path, root)

        for number, line in enumerate(text.splitlines(), 1):
            include = CORE_INCLUDE.match(line.strip())
            if area and include and include.group(1) in RANK | {"platform": None}:
                used = include.group(1)
                if used == area:
                    continue
                if area == "platform":
                    breaches.append(f"{relative}:{number}: platform uses the core ({used})")
                elif used == "platform":
                    breaches.append(f"{relative}:{number}: {area} uses platform: the domain "
                                    "must not link libsystemd")
                elif RANK[used] >= RANK[area]:
                    breaches.append(f"{relative}:{number}: {area} depends on {used}, "
                                    "against the one-way order")

        in_core = relative.parts[:2] == ("kiosk", "src") and area not in ("demo", "platform")
        in_tests = relative.parts[0] in ("tests", "benchmarks")
        if not in_core and not in_tests:
            for number, line in enumerate(text.splitlines(), 1):
                if SQL.search(line):
                    breaches.append(f"{relative}:{number}: SQL outside the core library")

        outside_core_sources = relative.parts[:2] != ("kiosk", "src")
        if outside_core_sources and (path.suffix == ".hpp" or not in_tests):
            for number, line in enumerate(text.splitlines(), 1):
                if re.match(r"\s*#include\s+<SQLiteCpp/", line):
                    breaches.append(f"{relative}:{number}: a header outside the core "
                                    "includes SQLiteCpp")

    for folder in sorted((root / "kiosk").rglob("*")):
        if folder.is_dir():
            files = [entry for entry in folder.iterdir() if entry.is_file()]
            if len(files) > MOST_FILES_PER_FOLDER:
                breaches.append(f"{folder.relative_to(root)}: {len(files)} files "
                                f"(more than {MOST_FILES_PER_FOLDER}): split it by what it holds")
    return breaches


def main():
    root = Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
    breaches = check(root)
    for breach in breaches:
        print(breach)
    areas = sorted({area_of(p, root) for p in tracked_sources(root)} - {None})
    print(f"{len(breaches)} breach(es); core areas: {', '.join(areas)}")
    return 1 if breaches else 0


if __name__ == "__main__":
    sys.exit(main())
