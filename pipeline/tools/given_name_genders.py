"""``python -m pipeline.tools.given_name_genders``: write ``models/en/given_name_genders.csv``.

The hand list ``models/en/given_names.csv`` (363 names) does two jobs: its names start person
names (name chains, "Mrs. Clinton" linking, headline casing) and they tell a gender. A broader
list is good for the second job only: a name like "Emanuel", "Ford" or "Griffith" is a given name
somewhere and a family name in US news, and made a given name it breaks the structural rules
(issue 13, measured: news check report F1 0.963 -> 0.945). So the genders get a file of their own,
read for he/she and Mr./Mrs. only, and the hand list wins where both have a name.

The file is derived from nomquamgender (Van Buskirk, Clauset and Larremore, 2023: name-gender
data pooled from dozens of national and international sources, with the number of sources, the
number of observations and p(gendered female) per name; MIT licence). A name is kept when at
least ``--min-sources`` sources and ``--min-counts`` observations have it and its p(gf) is at
most ``--max-uncertainty`` from 0 (m) or from 1 (f): names given to both sexes in the data
(Jordan, Kelly, Lindsey) are left out, as in the hand list. Only names of ASCII letters (the
package's keys have no diacritics; ``load_genders`` folds a name's accents before looking it up).

The pipeline does not import nomquamgender (its data is 22 MB of JSON); run this in a scratch
environment to rebuild the file::

    python -m venv /tmp/nqg && /tmp/nqg/bin/pip install nomquamgender==0.1.4
    PYTHONPATH=. /tmp/nqg/bin/python -m pipeline.tools.given_name_genders
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from ..config import MODELS_DIR

OUT = MODELS_DIR / "en" / "given_name_genders.csv"

LICENCE = """\
Copyright (c) 2022 Ian Van Buskirk

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE."""


def genders(data: Mapping[str, Sequence[float]], min_sources: int, min_counts: int,
            max_uncertainty: float) -> dict[str, str]:
    """name -> "m" or "f" for the names of ``data`` (name -> [sources, counts, p(gf), ...]) that
    enough sources and observations give one gender."""
    out = {}
    for name, info in data.items():
        sources, counts, p_female = info[0], info[1], info[2]
        if not (name.isascii() and name.isalpha() and len(name) > 1):
            continue
        if sources < min_sources or counts < min_counts:
            continue
        if p_female <= max_uncertainty:
            out[name] = "m"
        elif p_female >= 1 - max_uncertainty:
            out[name] = "f"
    return dict(sorted(out.items()))


def render(table: Mapping[str, str], version: str, args: argparse.Namespace) -> str:
    head = [
        "Given names and the gender they tell, for he/she and Mr./Mrs. only (speakers.py, linking.py);",
        "given_names.csv wins where both have a name. Written by python -m pipeline.tools.given_name_genders",
        f"from nomquamgender {version} (its dump()): at least {args.min_sources} sources and {args.min_counts}"
        f" observations, p(gendered female) <= {args.max_uncertainty} (m) or >= {1 - args.max_uncertainty:g} (f).",
        "Do not edit by hand: add a name to given_names.csv instead. nomquamgender's licence:",
        "",
        *LICENCE.splitlines(),
    ]
    lines = [f"# {line}".rstrip() for line in head] + ["name,gender"]
    lines += [f"{name},{gender}" for name, gender in table.items()]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.tools.given_name_genders",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--min-sources", type=int, default=10)
    parser.add_argument("--min-counts", type=int, default=1000)
    parser.add_argument("--max-uncertainty", type=float, default=0.05)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    try:
        from importlib.metadata import version

        import nomquamgender
    except ImportError:
        print("error: nomquamgender is not installed here; see this module's docstring for the"
              " scratch environment that rebuilds the file", file=sys.stderr)
        return 2
    table = genders(nomquamgender.dump(), args.min_sources, args.min_counts, args.max_uncertainty)
    args.out.write_text(render(table, version("nomquamgender"), args), encoding="utf-8")
    print(f"{len(table)} names -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
