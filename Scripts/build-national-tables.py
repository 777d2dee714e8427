#!/usr/bin/env python3
"""Build Raccord's national reference tables from BCN snapshots.

Reads read-only copies of BCN (Base Centrale des Nomenclatures) tables and
writes two CSV files:

  matieres.csv  one row per 6-character "matière enseignée" code
                (N_MATIERE_ENSEIGNEE 2019 JSON + 2012 CSV, dates from
                N_MATIERE 2024, plus N_MATIERE 2024 codes missing from both);
                each row takes its labels from one edition, the one in
                force for its dates (see EDITION_DATES)
  mefs.csv      one row per national MEF (N_MEF 2025), with the
                11-character SIECLE/STS code (BCN code + "0")

Python 3.11 standard library only. The output is deterministic (sorted,
no timestamps), UTF-8 without BOM, LF line ends, RFC 4180 quoting.

Usage (from the repository root):
    python3 Scripts/build-national-tables.py \
        [--reference ../shared/reference/bcn] [--out Nomenclatures/national] \
        [--check] [--quiet]

--check builds the tables in memory and compares them byte for byte with the
files in --out instead of writing them (exit status 1 if one differs).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
import unicodedata
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent

# Source files, relative to the reference directory.
SRC_ENS_2019 = "n_matiere_enseignee/2019-09_n_matiere_enseignee_long.json"
SRC_ENS_2012 = "n_matiere_enseignee/2012-09_n_matiere_enseignee_BCN.csv"
SRC_MAT_2024 = "n_matiere/2024-04_n_matiere_.csv"
SRC_MEF_2025 = "n_mef/2025-05_nMef.csv"

MATIERES_COLUMNS = [
    "code", "code_gestion", "libelle_court", "libelle_long",
    "libelle_edition", "date_ouverture", "date_fermeture", "sources",
    "edition",
]

# The N_MATIERE_ENSEIGNEE editions and the date each was taken at the latest
# (the date of the commit that holds it; the tables themselves are undated).
# An edition is "in force" for a code when it was taken while the code was
# open: its date is on or before the code's closing date (or the code is open).
EDITION_DATES = {
    "MEN2012": "2012-09-24",  # leucos/service-annuaire b3e66422 (spring 2012 data)
    "MEN2019": "2019-09-09",  # edificeio/entcore 3db3607a
}
MEFS_COLUMNS = [
    "code_mef", "code_bcn", "dispositif_formation", "formation_diplome",
    "libelle_court", "libelle_long", "libelle_edition", "mef_stat_11",
    "date_ouverture", "date_fermeture", "nb_options_obligatoires",
]


# --------------------------------------------------------------------------
# Reading helpers
# --------------------------------------------------------------------------

def read_text(path: Path) -> tuple[str, str]:
    """Decode a file: UTF-8 (BOM stripped) if valid, else Windows-1252.

    Returns (text, encoding used). ISO-8859-1 files decode identically
    under Windows-1252 for all printable characters.
    """
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="strict"), "cp1252"


def clean(value: str | None) -> str:
    """NFC-normalise and strip outer whitespace (inner spaces are kept)."""
    if value is None:
        return ""
    return unicodedata.normalize("NFC", value).strip()


def read_csv(path: Path, delimiter: str) -> list[dict[str, str]]:
    text, _ = read_text(path)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    for row in reader:
        if None in row:  # more fields than header columns
            raise SystemExit(f"{path}: malformed row {row}")
        rows.append({k: clean(v) for k, v in row.items()})
    return rows


DATE_RE = re.compile(r"(\d{2})/(\d{2})/(\d{4})")


def iso_date(value: str) -> str:
    """dd/mm/yyyy -> yyyy-mm-dd; empty stays empty."""
    if not value:
        return ""
    m = DATE_RE.fullmatch(value)
    if not m:
        raise SystemExit(f"unexpected date format: {value!r}")
    return f"{m.group(3)}-{m.group(2)}-{m.group(1)}"


def pad_code(code: str, width: int) -> str:
    """Left-pad purely numeric codes with zeros; codes with letters as is."""
    return code.zfill(width) if code.isdigit() else code


# Spreadsheet damage seen in N_MATIERE 2024 LIBELLE_COURT ("-8 ALL",
# "-8,00 ARA" for what N_MATIERE_ENSEIGNEE 2019 calls "ALL-8", "ARA-8"):
# such values are not usable as a code gestion.
DAMAGED_SHORT_RE = re.compile(r"^-\d")


# --------------------------------------------------------------------------
# CSV writing (own serializer for exact RFC 4180 behaviour)
# --------------------------------------------------------------------------

def csv_field(value: str) -> str:
    if any(ch in value for ch in ',"\r\n'):
        return '"' + value.replace('"', '""') + '"'
    return value


def csv_bytes(columns: list[str], rows: list[dict[str, str]]) -> bytes:
    lines = [",".join(csv_field(c) for c in columns)]
    for row in rows:
        lines.append(",".join(csv_field(row[c]) for c in columns))
    return ("\n".join(lines) + "\n").encode("utf-8")


# --------------------------------------------------------------------------
# Matières
# --------------------------------------------------------------------------

def choose_edition(listed: list[str], date_fermeture: str) -> str:
    """The edition whose labels a code's row carries.

    `listed` holds the editions listing the code, oldest first. The row takes
    the latest edition in force for its dates (taken on or before the closing
    date, any edition for an open code); when none is (the code closed before
    every edition was taken), the oldest edition, the nearest to its dates.
    """
    in_force = [e for e in listed
                if not date_fermeture or EDITION_DATES[e] <= date_fermeture]
    return in_force[-1] if in_force else listed[0]


def build_matieres(ref: Path) -> tuple[list[dict[str, str]], dict]:
    notes: dict = {}

    # 2019 JSON {code: {externalId, shortName, name}}.
    text, _ = read_text(ref / SRC_ENS_2019)
    ens2019 = {}
    for key, val in json.loads(text).items():
        code = pad_code(clean(key), 6)
        ens2019[code] = {
            "code_gestion": clean(val.get("shortName")),
            "libelle_long": clean(val.get("name")),
        }

    # 2012 CSV; codes lost their leading zeros (pad to 6).
    ens2012 = {}
    for row in read_csv(ref / SRC_ENS_2012, ","):
        code = pad_code(row["MATIERE_ENSEIGNEE"], 6)
        if code in ens2012:
            raise SystemExit(f"duplicate 2012 code {code}")
        ens2012[code] = {
            "code_gestion": row["LIBELLE_COURT_MATIERE_ENSEIGNE"],
            "libelle_long": row["LIBELLE_LONG_MATIERE_ENSEIGNE"],
            "libelle_edition": row["LIBELLE_EDITION"],
        }

    # N_MATIERE 2024, keyed by the 4-character zero-padded code.
    mat2024 = {}
    for row in read_csv(ref / SRC_MAT_2024, ";"):
        code4 = pad_code(row["MATIERE"], 4)
        if code4 in mat2024:
            raise SystemExit(f"duplicate N_MATIERE code {code4}")
        mat2024[code4] = row

    out: dict[str, dict[str, str]] = {}
    conflicts_gestion, conflicts_long = [], []
    edition_dropped, older_labels = [], []
    for code in sorted(set(ens2019) | set(ens2012)):
        if len(code) != 6:
            raise SystemExit(f"unexpected matière code length: {code!r}")
        a, b = ens2019.get(code), ens2012.get(code)
        sources = []
        if a:
            sources.append("MEN2019")
        if b:
            sources.append("MEN2012")
        if a and b:
            if a["code_gestion"] != b["code_gestion"]:
                conflicts_gestion.append((code, b["code_gestion"], a["code_gestion"]))
            if a["libelle_long"] != b["libelle_long"]:
                conflicts_long.append((code, b["libelle_long"], a["libelle_long"]))
        mat = mat2024.get(code[:4])
        if mat:
            sources.append("MAT2024")
        date_fermeture = iso_date(mat["DATE_FERMETURE"]) if mat else ""
        edition = choose_edition([s for s in ("MEN2012", "MEN2019") if s in sources],
                                 date_fermeture)
        if edition == "MEN2019":
            # The 2019 JSON has no edition label. The 2012 one is the long
            # label in mixed case (2 675 of 2 676 rows), so it still belongs
            # to the 2019 edition when the long label did not change;
            # otherwise it is an older edition's and is left out.
            code_gestion, libelle_long = a["code_gestion"], a["libelle_long"]
            libelle_edition = ""
            if b and b["libelle_long"] == libelle_long:
                libelle_edition = b["libelle_edition"]
            elif b and b["libelle_edition"]:
                edition_dropped.append(code)
        else:
            code_gestion, libelle_long = b["code_gestion"], b["libelle_long"]
            libelle_edition = b["libelle_edition"]
            if a and (a["code_gestion"], a["libelle_long"]) != (code_gestion, libelle_long):
                older_labels.append(code)
        out[code] = {
            "code": code,
            "code_gestion": code_gestion,
            # No BCN table gives the SIECLE 20-character short label.
            "libelle_court": "",
            "libelle_long": libelle_long,
            "libelle_edition": libelle_edition,
            "date_ouverture": iso_date(mat["DATE_OUVERTURE"]) if mat else "",
            "date_fermeture": date_fermeture,
            "sources": "+".join(sources),
            "edition": edition,
        }

    # Add N_MATIERE 2024 matières whose "XXXX00" code is in neither table.
    # Their code gestion is N_MATIERE's LIBELLE_COURT, left empty when it is
    # spreadsheet-damaged or already the code gestion of an enseignée code
    # (code gestion must stay a unique key).
    used_gestion = {r["code_gestion"] for r in out.values() if r["code_gestion"]}
    added, damaged, collided = [], [], []
    for code4, mat in sorted(mat2024.items()):
        code = code4 + "00"
        if code in out:
            continue
        gestion = mat["LIBELLE_COURT"]
        if DAMAGED_SHORT_RE.match(gestion):
            damaged.append((code, gestion))
            gestion = ""
        elif gestion in used_gestion:
            collided.append((code, gestion))
            gestion = ""
        out[code] = {
            "code": code,
            "code_gestion": gestion,
            "libelle_court": "",
            "libelle_long": mat["LIBELLE_LONG"] or mat["LIBELLE_70"],
            "libelle_edition": mat["LIBELLE_70"],
            "date_ouverture": iso_date(mat["DATE_OUVERTURE"]),
            "date_fermeture": iso_date(mat["DATE_FERMETURE"]),
            "sources": "MAT2024",
            "edition": "MAT2024",
        }
        added.append(code)

    notes.update(
        n2019=len(ens2019), n2012=len(ens2012), n2024=len(mat2024),
        only2019=len(set(ens2019) - set(ens2012)),
        only2012=len(set(ens2012) - set(ens2019)),
        conflicts_gestion=conflicts_gestion, conflicts_long=conflicts_long,
        added=added, damaged=damaged, collided=collided,
        edition_dropped=edition_dropped, older_labels=older_labels,
        dup_gestion=sorted(g for g in {r["code_gestion"] for r in out.values()}
                           if g and sum(1 for r in out.values()
                                        if r["code_gestion"] == g) > 1),
        no_dates=sum(1 for r in out.values() if "MAT2024" not in r["sources"]),
        letters=sorted(c for c in out if not c.isdigit()),
        inverted=[c for c, r in out.items()
                  if r["date_fermeture"] and r["date_fermeture"] < r["date_ouverture"]],
        mat2024_long_differs=sum(
            1 for code, r in out.items()
            if code.endswith("00") and r["sources"] != "MAT2024"
            and code[:4] in mat2024
            and mat2024[code[:4]]["LIBELLE_LONG"] != r["libelle_long"]),
    )
    return [out[c] for c in sorted(out)], notes


# --------------------------------------------------------------------------
# MEFs
# --------------------------------------------------------------------------

def build_mefs(ref: Path) -> tuple[list[dict[str, str]], dict]:
    rows = []
    seen = set()
    rule_breaks = []
    for row in read_csv(ref / SRC_MEF_2025, ";"):
        code_bcn = row["MEF"]
        if len(code_bcn) != 10 or code_bcn in seen:
            raise SystemExit(f"bad or duplicate MEF {code_bcn!r}")
        seen.add(code_bcn)
        expected = (row["DISPOSITIF_FORMATION"] + row["FORMATION_DIPLOME"][-5:]
                    + row["DUREE_DISPOSITIF"] + row["ANNEE_DISPOSITIF"])
        if expected != code_bcn:
            rule_breaks.append(code_bcn)
        rows.append({
            # National MEF in SIECLE/STS form: BCN code followed by "0".
            "code_mef": code_bcn + "0",
            "code_bcn": code_bcn,
            "dispositif_formation": row["DISPOSITIF_FORMATION"],
            "formation_diplome": row["FORMATION_DIPLOME"],
            "libelle_court": row["LIBELLE_COURT"],
            "libelle_long": row["LIBELLE_LONG"],
            "libelle_edition": row["LIBELLE_EDITION"],
            "mef_stat_11": row["MEF_STAT_11"],
            "date_ouverture": iso_date(row["DATE_OUVERTURE"]),
            "date_fermeture": iso_date(row["DATE_FERMETURE"]),
            "nb_options_obligatoires": row["NB_OPTION_OBLIGATOIRE"],
        })
    rows.sort(key=lambda r: r["code_mef"])
    notes = {
        "rule_breaks": rule_breaks,
        "open": sum(1 for r in rows if not r["date_fermeture"]),
        "inverted": [r["code_mef"] for r in rows
                     if r["date_fermeture"] and r["date_fermeture"] < r["date_ouverture"]],
    }
    return rows, notes


# --------------------------------------------------------------------------
# Checks of known facts
# --------------------------------------------------------------------------

# code -> expected (date_ouverture, date_fermeture); None = not checked.
MATIERE_FACTS = {
    "020100": ("1992-06-20", "2016-08-31"),  # LATIN, closed by 2016 reform
    "020300": ("2014-09-01", ""),            # LCA latin
    "042100": ("1993-09-01", ""),            # HG-EC, renamed HG-EMC
    "043700": ("2013-09-01", ""),            # HI-GE
    "043800": ("2015-09-01", ""),            # EMC
    "070800": ("1992-06-20", ""),            # TECHNOLOGIE
    "070100": ("1992-06-20", "2016-08-31"),  # TECTD
    "041400": ("1992-06-20", "2015-08-31"),  # EDCIV
    "030201": ("1992-06-20", ""),            # ANGLAIS LV1 (dates of 0302)
}
MEF_FACTS = ["10010012110", "10110001110", "10210001110", "10310019110",
             "10010027110", "10310031110", "16410002110"]


def check_facts(matieres: list[dict], mefs: list[dict], verbose: bool) -> bool:
    ok = True
    say = print if verbose else (lambda *_: None)
    by_code = {r["code"]: r for r in matieres}
    say("\nKnown matières:")
    for code, (d_open, d_close) in MATIERE_FACTS.items():
        r = by_code.get(code)
        if r is None:
            print(f"  MISSING {code}", file=sys.stderr)
            ok = False
            continue
        status = "ok" if (r["date_ouverture"], r["date_fermeture"]) == (d_open, d_close) \
            else f"DIFFERS (expected {d_open} -> {d_close or 'open'})"
        say(f"  {code} {r['code_gestion']:<6} {r['libelle_long']!r} "
            f"{r['date_ouverture']} -> {r['date_fermeture'] or 'open'} "
            f"[{r['sources']}; labels {r['edition']}] {status}")
    by_mef = {r["code_mef"]: r for r in mefs}
    say("\nKnown MEFs:")
    for code in MEF_FACTS:
        r = by_mef.get(code)
        if r is None:
            print(f"  MISSING {code}", file=sys.stderr)
            ok = False
            continue
        say("  " + ",".join(csv_field(r[c]) for c in MEFS_COLUMNS))
    return ok


# --------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reference", type=Path,
                        default=REPO_ROOT / ".." / "shared" / "reference" / "bcn",
                        help="BCN reference directory (default: ../shared/reference/bcn "
                             "relative to the repository root)")
    parser.add_argument("--out", type=Path,
                        default=REPO_ROOT / "Nomenclatures" / "national",
                        help="output directory (default: Nomenclatures/national)")
    parser.add_argument("--check", action="store_true",
                        help="compare the tables with the files in --out byte for byte "
                             "instead of writing them; exit status 1 if one differs")
    parser.add_argument("--quiet", action="store_true", help="only print errors")
    args = parser.parse_args(argv)

    ref = args.reference
    for rel in (SRC_ENS_2019, SRC_ENS_2012, SRC_MAT_2024, SRC_MEF_2025):
        if not (ref / rel).is_file():
            print(f"missing source file: {ref / rel}", file=sys.stderr)
            return 2

    matieres, mn = build_matieres(ref)
    mefs, fn = build_mefs(ref)

    # Structural checks on the outputs.
    for rows, key, width in ((matieres, "code", 6), (mefs, "code_mef", 11)):
        codes = [r[key] for r in rows]
        assert len(codes) == len(set(codes)), f"duplicate {key}"
        assert all(len(c) == width for c in codes), f"{key} not {width} chars"

    tables = {
        "matieres.csv": csv_bytes(MATIERES_COLUMNS, matieres),
        "mefs.csv": csv_bytes(MEFS_COLUMNS, mefs),
    }
    ok = check_facts(matieres, mefs, verbose=not args.quiet)
    if args.check:
        for name, data in tables.items():
            path = args.out / name
            if not path.is_file() or path.read_bytes() != data:
                print(f"{path} differs from what {Path(__file__).name} builds "
                      f"from {ref}", file=sys.stderr)
                ok = False
    else:
        args.out.mkdir(parents=True, exist_ok=True)
        for name, data in tables.items():
            (args.out / name).write_bytes(data)

    if not args.quiet:
        print(f"\nmatieres.csv: {len(matieres)} rows "
              f"(MEN2019 {mn['n2019']}, MEN2012 {mn['n2012']}, "
              f"only in 2019 {mn['only2019']}, only in 2012 {mn['only2012']}, "
              f"added from N_MATIERE 2024 {len(mn['added'])}, "
              f"without N_MATIERE dates {mn['no_dates']})")
        print(f"  codes with letters: {len(mn['letters'])} "
              f"({', '.join(mn['letters'][:3])}, ...)")
        editions = {e: sum(1 for r in matieres if r["edition"] == e)
                    for e in ("MEN2019", "MEN2012", "MAT2024")}
        print(f"  labels from edition: "
              f"{', '.join(f'{e} {n}' for e, n in editions.items())}")
        print(f"  code gestion differs 2012 vs 2019: {len(mn['conflicts_gestion'])}; "
              f"libellé long differs: {len(mn['conflicts_long'])}")
        print(f"  2012 libellé d'édition left out (long label changed by 2019): "
              f"{len(mn['edition_dropped'])}")
        print(f"  codes closed before the 2019 edition, 2012 labels kept where "
              f"2019 differs: {len(mn['older_labels'])}")
        print(f"  XXXX00 rows whose libellé long differs from N_MATIERE 2024: "
              f"{mn['mat2024_long_differs']}")
        print(f"  damaged N_MATIERE LIBELLE_COURT left empty: "
              f"{', '.join(f'{c} ({g!r})' for c, g in mn['damaged']) or 'none'}")
        print(f"  N_MATIERE LIBELLE_COURT already used as code gestion, left empty: "
              f"{', '.join(f'{c} ({g})' for c, g in mn['collided']) or 'none'}")
        print(f"  duplicate code gestion values: {mn['dup_gestion'] or 'none'}")
        print(f"  closing date before opening date: {mn['inverted'] or 'none'}")
        print(f"mefs.csv: {len(mefs)} rows ({fn['open']} open); "
              f"MEF composition rule breaks: {fn['rule_breaks'] or 'none'}; "
              f"closing before opening: {fn['inverted'] or 'none'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
