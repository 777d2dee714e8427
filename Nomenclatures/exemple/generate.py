#!/usr/bin/env python3
"""Generate the fictional example school's SIECLE and STS-web export files.

School: Collège Jeanne-Barret (fictional), UAI 0789990K, académie de
Versailles (25). Two school years: 2024 (2024-2025) and 2025 (2025-2026).

Everything personal (names, birth dates, STS ids, pupil ids, INE) is
invented. Matière and MEF codes and labels are the real national ones
(SIECLE 2019 export and BCN tables), see README.md.

Usage (from anywhere; standard library only, deterministic):

    python3 Nomenclatures/exemple/generate.py

It writes every file next to this script, then prints the counts table
that README.md reproduces. Running it twice gives byte-identical files.
"""

from __future__ import annotations

import os
import sys
import xml.dom.minidom
from collections import OrderedDict

HERE = os.path.dirname(os.path.abspath(__file__))
UAI = "0789990K"
ENCODING = "ISO-8859-15"

# --------------------------------------------------------------------------
# Minimal XML writer: one element per line, two-space indent, LF.
# --------------------------------------------------------------------------


def esc_text(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def esc_attr(s: str) -> str:
    return esc_text(s).replace('"', "&quot;")


class E:
    """An element: tag, ordered attributes, text or children."""

    def __init__(self, tag, attrs=None, text=None, children=None):
        self.tag = tag
        self.attrs = list(attrs or [])  # list of (name, value), order kept
        self.text = text
        self.children = list(children or [])

    def add(self, *children):
        for c in children:
            if c is not None:
                self.children.append(c)
        return self

    def render(self, out, depth=0):
        pad = "  " * depth
        attrs = "".join(f' {k}="{esc_attr(v)}"' for k, v in self.attrs)
        if self.children:
            out.append(f"{pad}<{self.tag}{attrs}>")
            for c in self.children:
                c.render(out, depth + 1)
            out.append(f"{pad}</{self.tag}>")
        elif self.text is None or self.text == "":
            out.append(f"{pad}<{self.tag}{attrs}/>")
        else:
            out.append(f"{pad}<{self.tag}{attrs}>{esc_text(self.text)}</{self.tag}>")


def leaf(tag, text, attrs=None):
    return E(tag, attrs=attrs, text=text)


def write_xml(relpath, root: E):
    out = [f'<?xml version="1.0" encoding="{ENCODING}"?>']
    root.render(out)
    data = ("\n".join(out) + "\n").encode("iso-8859-15")  # fails loudly if a char is not encodable
    path = os.path.join(HERE, relpath)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
    return path


# --------------------------------------------------------------------------
# Reference data (real codes and labels)
# --------------------------------------------------------------------------

# code -> (CODE_GESTION, LIBELLE_COURT, LIBELLE_LONG, LIBELLE_EDITION, MATIERE_ETP)
MATIERES_REF = {
    "006600": ("ACCPE", "ACCOMPAGNEMT. PERSO.", "ACCOMPAGNEMENT PERSONNALISE", "Accompagnement personnalisé", "0"),
    "008400": ("VICLA", "VIE DE CLASSE", "VIE DE CLASSE", "Vie de classe", "0"),
    "020300": ("LCALA", "LCA LATIN", "LANGUES ET CULTURES DE L'ANTIQUITE LATIN", "Langues et cultures de l'Antiquité LATIN", "1"),
    "020700": ("FRANC", "FRANCAIS", "FRANCAIS", "Français", "0"),
    "030101": ("ALL1", "ALLEMAND LV1", "ALLEMAND LV1", "Allemand lv1", "0"),
    "030102": ("ALL2", "ALLEMAND LV2", "ALLEMAND LV2", "Allemand lv2", "0"),
    "030201": ("AGL1", "ANGLAIS LV1", "ANGLAIS LV1", "Anglais lv1", "0"),
    "030602": ("ESP2", "ESPAGNOL LV2", "ESPAGNOL LV2", "Espagnol lv2", "0"),
    # BCN-only rows (no 20-character short label published): short label written here.
    "042100": ("HIGCV", "HIST-GEO-ENS.MO.CIV.", "HISTOIRE-GEOGRAPHIE-ENS. MORAL & CIVIQUE",
               "Histoire-géographie-enseignement moral et civique", "0"),
    "043700": ("HI-GE", "HISTOIRE-GEOGRAPHIE", "HISTOIRE-GEOGRAPHIE", "Histoire-géographie", "0"),
    "043800": ("EMC", "ENS. MORAL & CIVIQUE", "ENSEIGNEMENT MORAL ET CIVIQUE", "Enseignement moral et civique", "0"),
    "061300": ("MATHS", "MATHEMATIQUES", "MATHEMATIQUES", "Mathématiques", "0"),
    "062300": ("PH-CH", "PHYSIQUE-CHIMIE", "PHYSIQUE-CHIMIE", "Physique-chimie", "0"),
    "062900": ("SVT", "SCIENCES VIE & TERRE", "SCIENCES DE LA VIE ET DE LA TERRE", "Sciences de la vie et de la terre", "0"),
    "070800": ("TECHN", "TECHNOLOGIE", "TECHNOLOGIE", "Technologie", "0"),
    "073800": ("STECH", "SCIENCES & TECHNO.", "SCIENCES ET TECHNOLOGIE", "Sciences et technologie", "0"),
    "081300": ("EDMUS", "EDUCATION MUSICALE", "EDUCATION MUSICALE", "Education musicale", "0"),
    "090100": ("A-PLA", "ARTS PLASTIQUES", "ARTS PLASTIQUES", "Arts plastiques", "0"),
    "100100": ("EPS", "ED.PHYSIQUE & SPORT.", "EDUCATION PHYSIQUE ET SPORTIVE", "Education physique et sportive", "0"),
}

# Year-over-year relabelling (planted diff): edition label of 081300 gains its accent in 2025.
MATIERE_RELABEL_2025 = {"081300": {"LIBELLE_EDITION": "Éducation musicale"}}

MEF_6E, MEF_6BC, MEF_5E, MEF_4E, MEF_3E = "10010012110", "10010027110", "10110001110", "10210001110", "10310019110"
MEF_3PM, MEF_INDET = "10310031110", "99999999990"

# code -> dict of Nomenclature fields (real records: SIECLE collège export 2018 / BCN 2025)
MEFS_REF = {
    MEF_6E: dict(FORMATION="6EME", LIBELLE_LONG="6EME", LIBELLE_EDITION="6ème", STATUT_MEF="1", MEF_RATTACHEMENT=MEF_6E,
                 CODE_MEFSTAT="21110010012", NB_OPT_OBLIG="1", NB_OPT_MINI="1", DATE_OUVERTURE="01/09/1995"),
    MEF_6BC: dict(FORMATION="6E BC", LIBELLE_LONG="6EME BILANGUE", LIBELLE_EDITION="6ème bilangue", STATUT_MEF="1",
                  MEF_RATTACHEMENT=MEF_6BC, CODE_MEFSTAT="21110010027", NB_OPT_OBLIG="2", NB_OPT_MINI="2",
                  DATE_OUVERTURE="01/09/2016"),
    MEF_5E: dict(FORMATION="5G", LIBELLE_LONG="5EME", LIBELLE_EDITION="5ème", STATUT_MEF="1", MEF_RATTACHEMENT=MEF_5E,
                 CODE_MEFSTAT="21120010001", NB_OPT_OBLIG="2", NB_OPT_MINI="2", DATE_OUVERTURE="01/09/1992"),
    MEF_4E: dict(FORMATION="4G", LIBELLE_LONG="4EME", LIBELLE_EDITION="4ème", STATUT_MEF="1", MEF_RATTACHEMENT=MEF_4E,
                 CODE_MEFSTAT="21150010001", NB_OPT_OBLIG="2", NB_OPT_MINI="2", DATE_OUVERTURE="01/09/1992"),
    MEF_3E: dict(FORMATION="3EME", LIBELLE_LONG="3EME", LIBELLE_EDITION="3ème", STATUT_MEF="1", MEF_RATTACHEMENT=MEF_3E,
                 CODE_MEFSTAT="21160010019", NB_OPT_OBLIG="2", NB_OPT_MINI="2", DATE_OUVERTURE="01/09/2002"),
    # not selected by the school (no programme rows)
    MEF_3PM: dict(FORMATION="3PMET", LIBELLE_LONG="3EME PREPA-METIERS", LIBELLE_EDITION="3ème prépa-métiers",
                  STATUT_MEF="1", MEF_RATTACHEMENT=MEF_3PM, CODE_MEFSTAT="21160010031", NB_OPT_OBLIG="2",
                  NB_OPT_MINI="2", DATE_OUVERTURE="01/09/2019", selected=False),
    MEF_INDET: dict(FORMATION="INDET", LIBELLE_LONG="FORMATION INDETERMINEE", STATUT_MEF="3", CODE_MEFSTAT="99990099999",
                    NB_OPT_OBLIG="0", NB_OPT_MINI="0", DATE_OUVERTURE="01/09/1989", selected=False),
}
SELECTED_MEFS = [MEF_6E, MEF_6BC, MEF_5E, MEF_4E, MEF_3E]
NON_SELECTED = {2024: [MEF_INDET], 2025: [MEF_3PM, MEF_INDET]}  # 3e prépa-métiers appears in 2025 (planted diff)

MODALITES_ELECTION = [
    ("S", "TRONC COMM", "MATIERE ENSEIGNEE EN TRONC COMMUN"),
    ("O", "OBLIGATOIR", "MATIERE ENSEIGNEE OPTION OBLIGATOIRE"),
    ("F", "FACULTATIF", "MATIERE ENSEIGNEE OPTION FACULTATIVE"),
    ("N", "OBL OU FAC", "MATIERE ENSEIGNEE OBLIG. OU FACULTATIVE"),
    ("X", "MESURE SPE", "MESURE SPECIFIQUE"),
    ("L", "AJOUT ACAD", "AJOUT ACADEMIQUE AU PROGRAMME"),
    ("R", "ENS.RELIG.", "ENSEIGNEMENT RELIGIEUX"),
]

MODALITES_COURS = [
    ("AT", "ATELIER", "ATELIER"),
    ("CG", "COURS", "COURS GENERAL"),
    ("TD", "T.D", "TRAVAUX DIRIGES"),
    ("AP", "ATP", "ATELIER DE PRATIQUE"),
    ("MO", "MODULE", "MODULE MONO-DISCIPLINAIRE"),
    ("TP", "TP", "TRAVAUX PRATIQUES"),
    ("AI", "AIDE IND", "AIDE INDIVIDUALISEE - SOUTIEN"),
    ("PL", "PLURIDISC", "PLURIDISCIPLINAIRE"),
    ("EC", "ENS. COMP.", "ENSEIGNEMENT COMPLEMENTAIRE"),
]

REGIMES = [  # subset of the 22 real régimes, real labels
    ("2", "DP DAN", "DEMI-PENSIONNAIRE DANS L'ETABLISSEMENT"),
    ("0", "EXTERN", "EXTERNE LIBRE"),
    ("1", "EX.SUR", "EXTERNE SURVEILLE"),
    ("24", "DP 4 J", "DEMI-PENSIONNAIRE DANS L'ETABLISSEMENT 4"),
    ("29", "TICKET", "DEMI-PENSIONNAIRE AU TICKET"),
]

MOTIFS_SORTIE = [  # subset of the 29 real motifs, real labels
    ("10", "SE 2D PUAC", "SUITE ETUDES 2D DEG. MEN:PUBLIC ACADEMIE"),
    ("12", "SE 2D PUHA", "SUITE ETUDES 2D DEG. MEN:PUBLIC HORS ACA"),
    ("13", "SE 2D PRIH", "SUITE ETUDES 2D DEG. MEN:PRIVE HORS ACA."),
    ("27", "CNED", "AUTRE SUITE ETUDES : CNED"),
    ("42", "DEP ETR SP", "DEPART A L'ETRANGER SANS PRECISION"),
    ("99", "INCONNU", "INCONNU"),
]

STATUTS_ELEVE = [
    ("AP", "APPRENTI", "APPRENTI"),
    ("ST", "SCOLAIRE", "SCOLAIRE"),
]

CIVILITES = [("1", "M.", "MONSIEUR"), ("2", "MME", "MADAME")]

# --------------------------------------------------------------------------
# Programmes
# --------------------------------------------------------------------------


def programmes(year):
    """Rows (mef, matiere, modalite, horaire) for the selected MEFs."""
    rows = []

    def add(mef, mat, mod, h):
        rows.append((mef, mat, mod, h))

    hg_6_4 = "042100"
    for mef in (MEF_6E, MEF_6BC):
        add(mef, "020700", "S", "4.50")
        add(mef, "061300", "S", "4.50")
        add(mef, "030201", "O", "0.00")
        if mef == MEF_6E:
            add(mef, "030101", "O", "0.00")
        else:
            add(mef, "030102", "O", "0.00")
        add(mef, hg_6_4, "S", "3.00")
        add(mef, "073800", "S", "4.00")
        add(mef, "100100", "S", "4.00")
        add(mef, "090100", "S", "1.00")
        add(mef, "081300", "S", "1.00")
        add(mef, "008400", "S", "0.00")
        add(mef, "006600", "X", "0.00")
    for mef in (MEF_5E, MEF_4E, MEF_3E):
        add(mef, "020700", "S", "4.00" if mef == MEF_3E else "4.50")
        add(mef, "061300", "S", "3.50")
        for lv in ("030101", "030102", "030201", "030602"):
            add(mef, lv, "O", "0.00")
        if mef == MEF_3E and year >= 2025:
            # 2025-2026 reform: HG and EMC become two matières in 3e
            add(mef, "043700", "S", "3.50")
            add(mef, "043800", "S", "0.00")
        else:
            add(mef, "042100", "S", "3.50" if mef == MEF_3E else "3.00")
        add(mef, "062300", "S", "1.50")
        add(mef, "062900", "S", "1.50")
        # planted diff: 5e technologie 1.50 -> 1.00 in 2025
        add(mef, "070800", "S", "1.00" if (mef == MEF_5E and year >= 2025) else "1.50")
        add(mef, "100100", "S", "3.00")
        if mef in (MEF_4E, MEF_3E):
            add(mef, "100100", "F", "0.00")  # same pair, second modality (EPS facultative)
        add(mef, "090100", "S", "1.00")
        add(mef, "081300", "S", "1.00")
        add(mef, "020300", "F", "0.00")
        add(mef, "008400", "S", "0.00")
        add(mef, "006600", "X", "0.00")
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    return rows


def options_obligatoires(year):
    rows = [(MEF_6E, "030101", "1"), (MEF_6E, "030201", "1"),
            (MEF_6BC, "030102", "2"), (MEF_6BC, "030201", "1")]
    for mef in (MEF_5E, MEF_4E, MEF_3E):
        rows += [(mef, "030101", "1"), (mef, "030102", "2"), (mef, "030201", "1"), (mef, "030602", "2")]
    rows.sort()
    return rows


def matieres_for(year):
    used = sorted({r[1] for r in programmes(year)})
    out = OrderedDict()
    for code in used:
        g, c, l, e, etp = MATIERES_REF[code]
        rec = dict(CODE_GESTION=g, LIBELLE_COURT=c, LIBELLE_LONG=l, LIBELLE_EDITION=e, MATIERE_ETP=etp)
        if year >= 2025:
            rec.update(MATIERE_RELABEL_2025.get(code, {}))
        out[code] = rec
    return out


# --------------------------------------------------------------------------
# BEE_NOMENCLATURES
# --------------------------------------------------------------------------

EXPORTS = {
    2024: dict(nom=("06/09/2024", "06/09/2024 10:14:37")),
    2025: dict(nom=("05/09/2025", "05/09/2025 09:41:12"),
               eleves=("26/09/2025", "26/09/2025 16:02:55"),
               structures=("26/09/2025", "26/09/2025 16:03:40")),
}


def parametres_siecle(year, when):
    date, horo = when
    return E("PARAMETRES").add(leaf("UAJ", UAI), leaf("ANNEE_SCOLAIRE", str(year)),
                               leaf("DATE_EXPORT", date), leaf("HORODATAGE", horo))


def nomenclature(year):
    root = E("BEE_NOMENCLATURES", [("VERSION", "3.1")])
    root.add(parametres_siecle(year, EXPORTS[year]["nom"]))
    d = E("DONNEES")
    root.add(d)
    mefs = E("MEFS")
    for code in sorted(SELECTED_MEFS + NON_SELECTED[year]):
        r = MEFS_REF[code]
        sel = r.get("selected", True)
        m = E("MEF", [("CODE_MEF", code)])
        m.add(leaf("FORMATION", r["FORMATION"]), leaf("LIBELLE_LONG", r["LIBELLE_LONG"]))
        if "LIBELLE_EDITION" in r:
            m.add(leaf("LIBELLE_EDITION", r["LIBELLE_EDITION"]))
        m.add(leaf("STATUT_MEF", r["STATUT_MEF"]))
        if r["STATUT_MEF"] == "1":
            m.add(leaf("MEF_RATTACHEMENT", r["MEF_RATTACHEMENT"]))
        m.add(leaf("CODE_MEFSTAT", r["CODE_MEFSTAT"]), leaf("NB_OPT_OBLIG", r["NB_OPT_OBLIG"]),
              leaf("NB_OPT_MINI", r["NB_OPT_MINI"]), leaf("RENFORCEMENT_LANGUES", "0"),
              leaf("INSCRIPTION_ETAB", "1" if sel else "0"), leaf("MEF_ORIGINE", "1"),
              leaf("MEF_SELECTIONNE", "1" if sel else "0"), leaf("MEF_SELORIG", "1"),
              leaf("DATE_OUVERTURE", r["DATE_OUVERTURE"]), leaf("DATE_FERMETURE", "31/12/9999"))
        mefs.add(m)
    d.add(mefs)
    mats = E("MATIERES")
    for code, r in matieres_for(year).items():
        mats.add(E("MATIERE", [("CODE_MATIERE", code)]).add(
            *(leaf(k, r[k]) for k in ("CODE_GESTION", "LIBELLE_COURT", "LIBELLE_LONG", "LIBELLE_EDITION", "MATIERE_ETP"))))
    d.add(mats)
    progs = E("PROGRAMMES")
    for mef, mat, mod, h in programmes(year):
        progs.add(E("PROGRAMME").add(leaf("CODE_MEF", mef), leaf("CODE_MATIERE", mat),
                                     leaf("CODE_MODALITE_ELECT", mod), leaf("HORAIRE", h)))
    d.add(progs)
    oo = E("OPTIONS_OBLIGATOIRES")
    for mef, mat, rang in options_obligatoires(year):
        oo.add(E("OPTION_OBLIGATOIRE").add(leaf("CODE_MEF", mef), leaf("CODE_MATIERE", mat), leaf("RANG_OPTION", rang)))
    d.add(oo)
    me = E("MODALITES_ELECTION")
    for c, lc, ll in MODALITES_ELECTION:
        me.add(E("MODALITE_ELECTION", [("CODE_MODALITE_ELECT", c)]).add(leaf("LIBELLE_COURT", lc), leaf("LIBELLE_LONG", ll)))
    d.add(me)

    def simple(section, item, attr, rows):
        s = E(section)
        for c, lc, ll in rows:
            s.add(E(item, [(attr, c)]).add(leaf("LIBELLE_COURT", lc), leaf("LIBELLE_LONG", ll)))
        return s

    d.add(simple("REGIMES", "REGIME", "CODE_REGIME", REGIMES))
    d.add(simple("MOTIFS_SORTIE", "MOTIF_SORTIE", "CODE_MOTIF_SORTIE", MOTIFS_SORTIE))
    d.add(simple("STATUTS_ELEVE", "STATUT_ELEVE", "CODE_STATUT", STATUTS_ELEVE))
    d.add(simple("CIVILITES", "CIVILITE", "CODE_CIVILITE", CIVILITES))
    mc = E("MODALITES_COURS")
    for c, lc, ll in MODALITES_COURS:
        mc.add(E("MODALITE_COURS", [("CODE_MODALITE_COURS", c)]).add(
            leaf("LIBELLE_COURT", lc), leaf("LIBELLE_LONG", ll), leaf("CO_ENSEIGNEMENT", "1")))
    d.add(mc)
    return root


# --------------------------------------------------------------------------
# Pupils (2025)
# --------------------------------------------------------------------------

DIVISIONS = ["6A", "6B", "5A", "5B", "4A", "4B", "3A", "3B"]
DIV_LABEL = {d: f"{d[0]}EME {d[1]}" for d in DIVISIONS}
LEVEL_MEF = {"6": MEF_6E, "5": MEF_5E, "4": MEF_4E, "3": MEF_3E}

# (nom_de_famille, prenom, sexe, extra) — 6 per division, in DIVISIONS order.
# extra keys: bc (6e bilangue), lv2 ('ALL'|'ESP'), lat (LCA latin), usage (NOM_USAGE),
# prenom2, doublement, sortie (DATE_SORTIE, motif), regime
PUPILS = {
    "6A": [("ABADIE", "Léna", "2", dict(bc=True)),
           ("BOUCHERIT", "Sacha", "1", dict(bc=True)),
           ("CARVALHO", "Inès", "2", dict(bc=True, regime="0")),
           ("DELAUNAY", "Noah", "1", {}),
           ("ESTRADE", "Maëlys", "2", {}),
           ("FOURNEL", "Adam", "1", dict(regime="24"))],
    "6B": [("GARNIER-SALAH", "Yanis", "1", dict(bc=True)),
           ("HÉRAUD", "Chloé", "2", dict(bc=True)),
           ("IMBERT", "Gabriel", "1", {}),
           ("JOUANNEAU", "Louise", "2", dict(regime="0")),
           ("KACI", "Rayan", "1", {}),
           ("LACOMBE", "Ambre", "2", {})],
    "5A": [("MARTINEAU", "Jules", "1", dict(lv2="ALL", lat=True)),
           ("CŒURDEROY", "Zoé", "2", dict(lv2="ALL", lat=True, prenom2="Lœtitia")),
           ("NADAUD", "Lucas", "1", dict(lv2="ESP")),
           ("OLLIVIER", "Jade", "2", dict(lv2="ESP", prenom2="Marie")),
           ("PASQUIER", "Ethan", "1", dict(lv2="ESP", regime="0")),
           ("QUINTARD", "Lina", "2", dict(lv2="ESP"))],
    "5B": [("RABIER", "Hugo", "1", dict(lv2="ALL")),
           ("SAULNIER", "Rose", "2", dict(lv2="ESP", lat=True)),
           ("TESSIER", "Nathan", "1", dict(lv2="ESP")),
           ("URVOY", "Anna", "2", dict(lv2="ESP")),
           ("VALLÉE", "Timéo", "1", dict(lv2="ESP", doublement=True)),
           ("WEBER", "Mila", "2", dict(lv2="ALL"))],
    "4A": [("ARNOUX", "Léo", "1", dict(lv2="ALL", lat=True)),
           ("MARCHETTI", "Manon", "2", dict(lv2="ESP", usage="MARCHETTI-LEBRUN")),
           ("BESNARD", "Tom", "1", dict(lv2="ESP")),
           ("COUDERC", "Lou", "2", dict(lv2="ESP", lat=True)),
           ("DUMOULIN", "Mathis", "1", dict(lv2="ALL")),
           ("ÉTIENNE", "Clara", "2", dict(lv2="ESP", regime="0"))],
    "4B": [("FERRAND", "Axel", "1", dict(lv2="ESP")),
           ("GILBERT", "Alice", "2", dict(lv2="ALL")),
           ("HAMON", "Evan", "1", dict(lv2="ESP", lat=True)),
           ("ISSARTEL", "Romane", "2", dict(lv2="ESP")),
           ("JOLIVET", "Nolan", "1", dict(lv2="ESP")),
           ("KERVELLA", "Lola", "2", dict(lv2="ALL"))],
    "3A": [("LABORDE", "Théo", "1", dict(lv2="ALL", lat=True)),
           ("MEUNIER", "Camille", "2", dict(lv2="ESP")),
           ("NOUVEL", "Maxime", "1", dict(lv2="ESP")),
           ("ORSINI", "Eva", "2", dict(lv2="ALL", lat=True)),
           ("PELTIER", "Enzo", "1", dict(lv2="ESP", regime="0")),
           ("RAMBAUD", "Juliette", "2", dict(lv2="ESP"))],
    "3B": [("SERRES", "Baptiste", "1", dict(lv2="ESP", sortie=("19/09/2025", "10"))),
           ("TARDIF", "Agathe", "2", dict(lv2="ALL")),
           ("VERDIER", "Paul", "1", dict(lv2="ESP", doublement=True)),
           ("BRUNEAU", "Margaux", "2", dict(lv2="ESP", lat=True)),
           ("CHAUVIN", "Sami", "1", dict(lv2="ALL")),
           ("DAGUERRE", "Elsa", "2", dict(lv2="ESP"))],
}

INE_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"


def build_pupils():
    """Return the list of pupil dicts (2025), deterministic."""
    pupils = []
    n = 0
    for div in DIVISIONS:
        level = div[0]
        for i, (nom, prenom, sexe, extra) in enumerate(PUPILS[div]):
            n += 1
            eleve_id = str(2731000 + n * 37)  # 7 digits, fictional
            birth_year = {"6": 2014, "5": 2013, "4": 2012, "3": 2011}[level] - (1 if extra.get("doublement") else 0)
            month = 1 + (n * 5) % 12
            day = 1 + (n * 11) % 28
            entry_year = {"6": 2025, "5": 2024, "4": 2023, "3": 2022}[level]
            if extra.get("doublement"):
                entry_year -= 1
            elenoet = f"{entry_year % 100:02d}{n:03d}"
            ine = f"999{int(eleve_id) % 10000000:07d}{INE_LETTERS[n % 23]}"  # fictional, 11 chars
            mef = LEVEL_MEF[level]
            if extra.get("bc"):
                mef = MEF_6BC
            opts = [("1", "O", "030201")]
            groups = []
            if level == "6":
                if extra.get("bc"):
                    opts.append(("2", "O", "030102"))
                    groups.append("6 ALL")
            else:
                lv2 = extra["lv2"]
                opts.append(("2", "O", "030102" if lv2 == "ALL" else "030602"))
                groups.append(f"{level} {'ALL2' if lv2 == 'ALL' else 'ESP2'}")
                if extra.get("lat"):
                    opts.append(("3", "F", "020300"))
                    groups.append(f"{level} LAT")
            pupils.append(dict(
                eleve_id=eleve_id, elenoet=elenoet, ine=ine, nom=nom, usage=extra.get("usage"),
                prenom=prenom, prenom2=extra.get("prenom2"),
                naiss=f"{day:02d}/{month:02d}/{birth_year}", sexe=sexe,
                doublement="1" if extra.get("doublement") else "0",
                regime=extra.get("regime", "2"), entree=f"01/09/{entry_year}",
                sortie=extra.get("sortie"), mef=mef, division=div, groups=groups, options=opts))
    return pupils


PUPIL_LIST = build_pupils()


def eleves_2025():
    root = E("BEE_ELEVES", [("VERSION", "3.0")])
    root.add(parametres_siecle(2025, EXPORTS[2025]["eleves"]))
    d = E("DONNEES")
    root.add(d)
    el = E("ELEVES")
    for p in PUPIL_LIST:
        e = E("ELEVE", [("ELEVE_ID", p["eleve_id"]), ("ELENOET", p["elenoet"])])
        e.add(leaf("ID_NATIONAL", p["ine"]), leaf("ELENOET", p["elenoet"]), leaf("NOM_DE_FAMILLE", p["nom"]))
        if p["usage"]:
            e.add(leaf("NOM_USAGE", p["usage"]))
        e.add(leaf("PRENOM", p["prenom"]))
        if p["prenom2"]:
            e.add(leaf("PRENOM2", p["prenom2"]))
        e.add(leaf("DATE_NAISS", p["naiss"]), leaf("CODE_SEXE", p["sexe"]), leaf("CODE_PAYS", "100"),
              leaf("DOUBLEMENT", p["doublement"]), leaf("CODE_REGIME", p["regime"]), leaf("CODE_STATUT", "ST"),
              leaf("DATE_ENTREE", p["entree"]))
        if p["sortie"]:
            e.add(leaf("DATE_SORTIE", p["sortie"][0]), leaf("CODE_MOTIF_SORTIE", p["sortie"][1]))
        e.add(leaf("CODE_MEF", p["mef"]))
        el.add(e)
    d.add(el)
    op = E("OPTIONS")
    for p in PUPIL_LIST:
        o = E("OPTION", [("ELEVE_ID", p["eleve_id"]), ("ELENOET", p["elenoet"])])
        for num, mod, mat in p["options"]:
            o.add(E("OPTIONS_ELEVE").add(leaf("NUM_OPTION", num), leaf("CODE_MODALITE_ELECT", mod),
                                         leaf("CODE_MATIERE", mat)))
        op.add(o)
    d.add(op)
    st = E("STRUCTURES")
    for p in PUPIL_LIST:
        s = E("STRUCTURES_ELEVE", [("ELEVE_ID", p["eleve_id"]), ("ELENOET", p["elenoet"])])
        s.add(E("STRUCTURE").add(leaf("CODE_STRUCTURE", p["division"]), leaf("TYPE_STRUCTURE", "D")))
        for g in p["groups"]:
            s.add(E("STRUCTURE").add(leaf("CODE_STRUCTURE", g), leaf("TYPE_STRUCTURE", "G")))
        st.add(s)
    d.add(st)
    d.add(E("BOURSES"))
    return root


# --------------------------------------------------------------------------
# Groups (both years)
# --------------------------------------------------------------------------

# code -> (LIBELLE_LONG, divisions, MEFs, matière)
GROUPS = {
    2024: OrderedDict([
        ("6 ALL", ("ALLEMAND BILANGUE 6EME", ["6A", "6B"], [MEF_6BC], "030102")),
        ("5 ALL2", ("ALLEMAND LV2 5EME", ["5A", "5B"], [MEF_5E], "030102")),
        ("5 ESP2", ("ESPAGNOL LV2 5EME", ["5A", "5B"], [MEF_5E], "030602")),
        ("4 ALL2", ("ALLEMAND LV2 4EME", ["4A", "4B"], [MEF_4E], "030102")),
        ("4 ESP2", ("ESPAGNOL LV2 4EME", ["4A", "4B"], [MEF_4E], "030602")),
        ("3 ALL2", ("ALLEMAND LV2 3EME", ["3A", "3B"], [MEF_3E], "030102")),
        ("3 ESP2", ("ESPAGNOL LV2 3EME", ["3A", "3B"], [MEF_3E], "030602")),
        ("5 LAT", ("LATIN 5EME", ["5A", "5B"], [MEF_5E], "020300")),
        ("43 LAT", ("LATIN 4EME-3EME", ["4A", "4B", "3A", "3B"], [MEF_4E, MEF_3E], "020300")),
    ]),
    2025: OrderedDict([
        ("6 ALL", ("ALLEMAND BILANGUE 6EME", ["6A", "6B"], [MEF_6BC], "030102")),
        ("5 ALL2", ("ALLEMAND LV2 5EME", ["5A", "5B"], [MEF_5E], "030102")),
        ("5 ESP2", ("ESPAGNOL LV2 5EME", ["5A", "5B"], [MEF_5E], "030602")),
        ("4 ALL2", ("ALLEMAND LV2 4EME", ["4A", "4B"], [MEF_4E], "030102")),
        ("4 ESP2", ("ESPAGNOL LV2 4EME", ["4A", "4B"], [MEF_4E], "030602")),
        ("3 ALL2", ("ALLEMAND LV2 3EME", ["3A", "3B"], [MEF_3E], "030102")),
        ("3 ESP2", ("ESPAGNOL LV2 3EME", ["3A", "3B"], [MEF_3E], "030602")),
        ("5 LAT", ("LATIN 5EME", ["5A", "5B"], [MEF_5E], "020300")),
        ("4 LAT", ("LATIN 4EME", ["4A", "4B"], [MEF_4E], "020300")),
        # PLANT (mef-without-programme): the latin group is also attached to 3e prépa-métiers,
        # a MEF the school has not selected, so SIECLE gives it no programme.
        ("3 LAT", ("LATIN 3EME", ["3A", "3B"], [MEF_3E, "10310031110"], "020300")),
    ]),
}


def div_mefs(div):
    """MEFs of a division (both years): 6A and 6B hold 6EME and 6EME BILANGUE."""
    if div[0] == "6":
        return [MEF_6E, MEF_6BC]
    return [LEVEL_MEF[div[0]]]


def effectifs_2025():
    """(per division, per (division, mef), per group, per (group, division)) counts from the pupil list."""
    ediv, edm, egr, egd = {}, {}, {}, {}
    for p in PUPIL_LIST:
        ediv[p["division"]] = ediv.get(p["division"], 0) + 1
        edm[(p["division"], p["mef"])] = edm.get((p["division"], p["mef"]), 0) + 1
        for g in p["groups"]:
            egr[g] = egr.get(g, 0) + 1
            egd[(g, p["division"])] = egd.get((g, p["division"]), 0) + 1
    return ediv, edm, egr, egd


def structures_2025():
    root = E("BEE_STRUCTURES", [("VERSION", "2.0")])
    root.add(parametres_siecle(2025, EXPORTS[2025]["structures"]))
    d = E("DONNEES")
    root.add(d)
    divs = E("DIVISIONS")
    for div in DIVISIONS:
        x = E("DIVISION", [("CODE_STRUCTURE", div)]).add(leaf("LIBELLE_LONG", DIV_LABEL[div]))
        ma = E("MEFS_APPARTENANCE")
        for m in div_mefs(div):
            ma.add(E("MEF_APPARTENANCE").add(leaf("CODE_MEF", m)))
        divs.add(x.add(ma))
    d.add(divs)
    grs = E("GROUPES")
    for code, (lib, gdivs, gmefs, _mat) in GROUPS[2025].items():
        g = E("GROUPE", [("CODE_STRUCTURE", code)]).add(leaf("LIBELLE_LONG", lib))
        da = E("DIVISIONS_APPARTENANCE")
        for dv in gdivs:
            da.add(E("DIVISION_APPARTENANCE").add(leaf("CODE_STRUCTURE", dv)))
        ma = E("MEFS_APPARTENANCE")
        for m in gmefs:
            ma.add(E("MEF_APPARTENANCE").add(leaf("CODE_MEF", m)))
        grs.add(g.add(da, ma))
    d.add(grs)
    return root


# --------------------------------------------------------------------------
# STS people
# --------------------------------------------------------------------------

DISC = {
    "L0201": "LETTRES CLASSIQUES", "L0202": "LETTRES MODERNES", "L0421": "ALLEMAND", "L0422": "ANGLAIS",
    "L0426": "ESPAGNOL", "L1000": "HISTOIRE GEOGRAPHIE", "L1300": "MATHEMATIQUES", "L1400": "TECHNOLOGIE",
    "L1500": "PHYSIQUE CHIMIE", "L1600": "SVT", "L1700": "EDUCATION MUSICALE", "L1800": "ARTS PLASTIQUES",
    "L1900": "EPS", "E0030": "EDUCATION",
}

# key -> person record. 'years' = years present; 'fonction' may depend on the year.
PEOPLE = OrderedDict([
    ("DIR", dict(id="10452", type="epp", sexe="1", civ="1", usage="FAUCHEREAU", patro="FAUCHEREAU", prenom="Olivier",
                 naiss="1971-03-14", grade="PERDIR HCL", fonction="DIR", disc=None, years=(2024, 2025))),
    ("CPE", dict(id="10877", type="epp", sexe="2", civ="2", usage="GALLANDIER", patro="GALLANDIER", prenom="Sophie",
                 naiss="1983-11-02", grade="CPE CL N", fonction="EDU", disc="E0030", years=(2024, 2025))),
    ("LOCAL", dict(id="30214", type="local", sexe="", civ="3", usage="Cœuret", patro="", prenom="Lucie",
                   naiss=None, grade=None, fonction=None, disc=None, years=(2025,))),
    ("FR1", dict(id="8123", type="epp", sexe="2", civ="2", usage="BERTHELOT", patro="BERTHELOT", prenom="Anne-Laure",
                 naiss="1978-06-21", grade="CERT. H CL", fonction="ENS", disc="L0202", pp="6A", years=(2024, 2025))),
    ("FR2", dict(id="8456", type="epp", sexe="2", civ="2", usage="DUVERNOY", patro="KERBRAT", prenom="Maëlle",
                 naiss="1986-01-09", grade="CERT. CL N", fonction="ENS", disc="L0202", pp="4A", years=(2024, 2025))),
    ("LC", dict(id="9021", type="epp", sexe="1", civ="1", usage="ROUSSELIN", patro="ROUSSELIN", prenom="Thibault",
                naiss="1980-09-30", grade="AGREGE CLN", fonction="ENS", disc="L0201", years=(2024, 2025))),
    ("M1", dict(id="8790", type="epp", sexe="1", civ="1", usage="AUBERTIN", patro="AUBERTIN", prenom="Karim",
                naiss="1975-12-03", grade="CERT CE", fonction="ENS", disc="L1300", pp="6B", years=(2024, 2025))),
    ("M2", dict(id="12034", type="epp", sexe="2", civ="2", usage="PELLERIN", patro="PELLERIN", prenom="Nadia",
                naiss="1990-04-17", grade="CERT. CL N", fonction="ENS", disc="L1300", pp="3A", years=(2024, 2025))),
    ("AN1", dict(id="9345", type="epp", sexe="2", civ="2", usage="LE GOFFIC", patro="LE GOFFIC", prenom="Claire",
                 naiss="1982-02-25", grade="CERT. CL N", fonction="ENS", disc="L0422", pp="5A", years=(2024, 2025))),
    ("AN2", dict(id="12577", type="epp", sexe="1", civ="1", usage="LŒUILLET", patro="LŒUILLET", prenom="Bastien",
                 naiss="1988-07-11", grade="CERT. CL N", fonction="ENS", disc="L0422", pp="4B", years=(2024, 2025))),
    ("ALL", dict(id="10233", type="epp", sexe="2", civ="2", usage="HOLTZINGER", patro="HOLTZINGER", prenom="Friederike",
                 naiss="1979-10-05", grade="CERT. H CL", fonction="ENS", disc="L0421", years=(2024, 2025))),
    ("ESP", dict(id="10954", type="epp", sexe="1", civ="1", usage="ALCAZAR-MOREAU", patro="ALCAZAR-MOREAU",
                 prenom="Mateo", naiss="1984-05-28", grade="CERT. CL N", fonction="ENS", disc="L0426",
                 years=(2024, 2025))),
    ("HG1", dict(id="9678", type="epp", sexe="2", civ="2", usage="FONTANEL", patro="FONTANEL", prenom="Hélène",
                 naiss="1977-08-19", grade="CERT. H CL", fonction="ENS", disc="L1000", pp="5B", years=(2024, 2025))),
    ("HG2", dict(id="11872", type="epp", sexe="1", civ="1", usage="DESCHAMPS-ORIOL", patro="DESCHAMPS-ORIOL",
                 prenom="Julien", naiss="1985-03-02", grade="CERT. CL N", fonction="ENS", disc="L1000", pp="3B",
                 years=(2024, 2025))),
    ("SVT1", dict(id="7415", type="epp", sexe="2", civ="2", usage="MARCIREAU", patro="MARCIREAU", prenom="Élodie",
                  naiss="1981-12-12", grade="CERT. CL N", fonction={2024: "ENS", 2025: None}, disc="L1600",
                  years=(2024, 2025))),
    ("SVT2", dict(id="12299", type="epp", sexe="1", civ="1", usage="TREGUIER", patro="TREGUIER", prenom="Yann",
                  naiss="1991-09-08", grade="CERT. CL N", fonction="ENS", disc="L1600", years=(2024, 2025))),
    ("PC", dict(id="10610", type="epp", sexe="2", civ="2", usage="BELLANGER", patro="BELLANGER", prenom="Sarah",
                naiss="1987-02-14", grade="CERT. CL N", fonction="ENS", disc="L1500", years=(2024, 2025))),
    ("TECH", dict(id="9903", type="epp", sexe="1", civ="1", usage="CHAMBONNET", patro="CHAMBONNET", prenom="Rémi",
                  naiss="1974-11-23", grade="CERT. H CL", fonction="ENS", disc="L1400", years=(2024, 2025))),
    ("EPS1", dict(id="8267", type="epp", sexe="1", civ="1", usage="GUERIN-LAFAYE", patro="GUERIN-LAFAYE", prenom="Loïc",
                  naiss="1976-04-04", grade="PEPS H CL", fonction="ENS", disc="L1900", years=(2024, 2025))),
    ("EPS2", dict(id="11340", type="epp", sexe="2", civ="2", usage="OYONO", patro="OYONO", prenom="Priscille",
                  naiss="1989-06-30", grade="PEPS CL N", fonction="ENS", disc="L1900", years=(2024, 2025))),
    ("APLA", dict(id="10188", type="epp", sexe="2", civ="2", usage="VASSEUR-DIALLO", patro="VASSEUR-DIALLO",
                  prenom="Inès", naiss="1983-01-16", grade="CERT. CL N", fonction="ENS", disc="L1800",
                  years=(2024, 2025))),
    ("EDMUS24", dict(id="7688", type="epp", sexe="2", civ="2", usage="CASTAGNEDE", patro="CASTAGNEDE",
                     prenom="Josiane", naiss="1962-10-27", grade="CERT. H CL", fonction="ENS", disc="L1700",
                     years=(2024,))),
    ("EDMUS", dict(id="12741", type="epp", sexe="1", civ="1", usage="PRADEL", patro="PRADEL", prenom="Étienne",
                   naiss="1992-02-07", grade="CERT. CL N", fonction="ENS", disc="L1700", years=(2025,))),
])

SUPPLEANT = dict(id="13086", type="eppsup", sexe="2", civ="2", usage="NGUYEN-ROCHE", patro="NGUYEN", prenom="Camille",
                 naiss="1994-08-22", grade="CONTRACT.", fonction="ENS", disc="L1600")

# --------------------------------------------------------------------------
# STS services
# --------------------------------------------------------------------------


def fmt_h(x):
    return f"{x:.2f}"


def services(year):
    """Return (division services, group services).

    Each service: dict(mat, mod, hs (heures structure), teachers=[(key, hours, attr_order)], co_ens)
    attr_order 'IT' = ID then TYPE (default), 'TI' = TYPE then ID.
    """
    dsv = OrderedDict((d, []) for d in DIVISIONS)

    def sv(div, mat, hs, *teachers, co=False, mod="CG"):
        dsv[div].append(dict(mat=mat, mod=mod, hs=hs,
                             teachers=[t if isinstance(t, tuple) else (t, hs, "IT") for t in teachers], co_ens=co))

    fr = {"6A": "FR1", "6B": "FR1", "5A": "FR1", "5B": "FR1", "4A": "FR2", "4B": "FR2", "3A": "FR2", "3B": "LC"}
    ma = {"6A": "M1", "6B": "M1", "5A": "M1", "5B": "M1", "4A": "M2", "4B": "M2", "3A": "M2", "3B": "M2"}
    an = {"6A": "AN1", "6B": "AN1", "5A": "AN1", "5B": "AN1", "4A": "AN2", "4B": "AN2", "3A": "AN2", "3B": "AN2"}
    hg = {"6A": "HG1", "6B": "HG1", "5A": "HG1", "5B": "HG1", "4A": "HG2", "4B": "HG2", "3A": "HG2", "3B": "HG2"}
    svt = {"5A": "SVT2", "5B": "SVT1", "4A": "SVT2", "4B": "SVT1", "3A": "SVT2", "3B": "SVT2"}
    eps = {"6A": "EPS1", "6B": "EPS2", "5A": "EPS1", "5B": "EPS2", "4A": "EPS1", "4B": "EPS2", "3A": "EPS1", "3B": "EPS2"}
    edmus = "EDMUS" if year >= 2025 else "EDMUS24"
    for div in DIVISIONS:
        lvl = div[0]
        sv(div, "020700", 4.0 if lvl == "3" else 4.5, fr[div])
        sv(div, "061300", 4.5 if lvl == "6" else 3.5, ma[div])
        sv(div, "030201", 4.0 if lvl == "6" else 3.0, an[div])
        # history-geography
        if lvl == "3" and year >= 2025:
            if div == "3A":
                sv(div, "043700", 3.0, hg[div])
                sv(div, "043800", 0.5, hg[div])
            else:
                sv(div, "042100", 3.5, hg[div])  # planted (f): leftover pre-reform code in 3B
        else:
            sv(div, "042100", 3.5 if lvl == "3" else 3.0, hg[div])
        if lvl == "6":
            if div == "6A" and year >= 2025:
                # planted (a): co-taught service (SVT + technology), CO_ENS O
                sv(div, "073800", 4.0, ("SVT2", 2.0, "IT"), ("TECH", 2.0, "TI"), co=True)
            elif div == "6A":
                sv(div, "073800", 4.0, "SVT2")
            else:
                sv(div, "073800", 4.0, "SVT1" if year == 2024 else "SVT2")
            if div == "6B" and year >= 2025:
                sv(div, "062300", 1.0, "PC")  # planted (d): off-programme in 6e
        else:
            sv(div, "062300", 1.5, "PC")
            sv(div, "062900", 1.5, svt[div])  # planted (b) in 2025: SVT1 (on leave) keeps 5B and 4B
            sv(div, "070800", 1.0 if (lvl == "5" and year >= 2025) else 1.5, "TECH")
        sv(div, "100100", 4.0 if lvl == "6" else 3.0, eps[div])
        sv(div, "090100", 1.0, "APLA")
        if div == "4B" and year >= 2025:
            sv(div, "081300", 1.0)  # planted (e): no teacher yet
        else:
            sv(div, "081300", 1.0, edmus)
    # vary attribute order in a few places (real files do)
    for div, idx in (("5A", 0), ("3B", 1), ("4A", 2)):
        s = dsv[div][idx]
        s["teachers"] = [(k, h, "TI") for k, h, _ in s["teachers"]]

    gsv = OrderedDict()
    for code, (_lib, _divs, _mefs, mat) in GROUPS[year].items():
        if mat == "030102":
            who, h = "ALL", (3.0 if code.startswith("6") else 2.5)
        elif mat == "030602":
            who, h = "ESP", 2.5
        else:
            who, h = "LC", (1.0 if code.startswith("5") else 2.0)
        if code == "43 LAT":
            h = 3.0
        gsv[code] = [dict(mat=mat, mod="CG", hs=h, teachers=[(who, h, "IT")], co_ens=False)]
    return dsv, gsv


def person_fonction(p, year):
    f = p["fonction"]
    return f.get(year) if isinstance(f, dict) else f


def individu(tag, p, year, hours_by_person, pp_map):
    x = E(tag, [("ID", p["id"]), ("TYPE", p["type"])])
    x.add(leaf("SEXE", p["sexe"]), leaf("CIVILITE", p["civ"]), leaf("NOM_USAGE", p["usage"]),
          leaf("NOM_PATRONYMIQUE", p["patro"]), leaf("PRENOM", p["prenom"]))
    if p.get("naiss"):
        x.add(leaf("DATE_NAISSANCE", p["naiss"]))
    if p.get("grade"):
        x.add(leaf("GRADE", p["grade"]))
    f = person_fonction(p, year)
    if f:
        x.add(leaf("FONCTION", f))
    if p.get("pp") and p["pp"] in pp_map:
        x.add(E("PROFS_PRINC").add(E("PROF_PRINC").add(
            leaf("CODE_STRUCTURE", p["pp"]), leaf("DATE_DEBUT", f"{year}-09-01"), leaf("DATE_FIN", f"{year + 1}-07-04"))))
    if p.get("disc"):
        dd = E("DISCIPLINE", [("CODE", p["disc"])]).add(leaf("LIBELLE_COURT", DISC[p["disc"]]))
        h = hours_by_person.get(p["id"])
        if h is not None:
            dd.add(leaf("NB_HEURES", fmt_h(h)))
        x.add(E("DISCIPLINES").add(dd))
    return x


def service_el(s, year):
    x = E("SERVICE", [("CODE_MATIERE", s["mat"]), ("CODE_MOD_COURS", s["mod"])])
    x.add(leaf("HEURES_STRUCTURE", fmt_h(s["hs"])))
    if s["co_ens"]:
        x.add(leaf("CO_ENS", "O"))
    ens = E("ENSEIGNANTS")
    for key, h, order in s["teachers"]:
        p = PEOPLE[key]
        attrs = [("ID", p["id"]), ("TYPE", p["type"])]
        if order == "TI":
            attrs.reverse()
        ens.add(E("ENSEIGNANT", attrs).add(leaf("HEURES_AGENT", fmt_h(h))))
    x.add(ens)
    return x


def sts(year):
    dsv, gsv = services(year)
    hours = {}
    for lst in list(dsv.values()) + list(gsv.values()):
        for s in lst:
            for key, h, _ in s["teachers"]:
                pid = PEOPLE[key]["id"]
                hours[pid] = hours.get(pid, 0.0) + h
    root = E("STS_EDT")
    par = E("PARAMETRES")
    uaj = E("UAJ", [("CODE", UAI)])
    uaj.add(E("ACADEMIE").add(leaf("CODE", "25"), leaf("LIBELLE", "VERSAILLES")),
            leaf("SIGLE", "CLG"), leaf("DENOM_PRINC", "COLLEGE"), leaf("DENOM_COMPL", "JEANNE-BARRET"),
            leaf("CODE_NATURE", "340"))
    an = E("ANNEE_SCOLAIRE", [("ANNEE", str(year))]).add(
        leaf("DATE_DEBUT", f"{year}-09-01"), leaf("DATE_FIN", f"{year + 1}-08-31"))
    root.add(par.add(uaj, an))
    nom = E("NOMENCLATURES")
    mc = E("MODS_COURS")
    for c, lc, ll in MODALITES_COURS:
        mc.add(E("MOD_COURS", [("CODE", c)]).add(leaf("LIBELLE_COURT", lc), leaf("LIBELLE_LONG", ll)))
    nom.add(mc)
    mats = E("MATIERES")
    for code, r in matieres_for(year).items():
        mats.add(E("MATIERE", [("CODE", code)]).add(
            *(leaf(k, r[k]) for k in ("CODE_GESTION", "LIBELLE_COURT", "LIBELLE_LONG", "LIBELLE_EDITION"))))
    nom.add(mats)
    mefs = E("MEFS")
    for code in SELECTED_MEFS:
        r = MEFS_REF[code]
        mefs.add(E("MEF", [("CODE", code)]).add(leaf("FORMATION", r["FORMATION"]), leaf("LIBELLE_LONG", r["LIBELLE_LONG"]),
                                                leaf("LIBELLE_EDITION", r["LIBELLE_EDITION"]),
                                                leaf("MEFSTAT11", r["CODE_MEFSTAT"])))
    nom.add(mefs)
    progs = E("PROGRAMMES")
    seen = OrderedDict()
    for mef, mat, mod, h in programmes(year):  # STS programmes carry no modality: one row per pair
        seen[(mef, mat)] = max(seen.get((mef, mat), "0.00"), h)
    for (mef, mat), h in seen.items():
        progs.add(E("PROGRAMME").add(leaf("CODE_MEF", mef), leaf("CODE_MATIERE", mat), leaf("HORAIRE", h)))
    nom.add(progs)
    root.add(nom)

    don = E("DONNEES")
    inds = E("INDIVIDUS")
    pp_map = set(DIVISIONS)
    for key, p in PEOPLE.items():
        if year in p["years"]:
            inds.add(individu("INDIVIDU", p, year, hours, pp_map))
    don.add(inds)
    if year >= 2025:
        don.add(E("SUPPLEANTS").add(individu("SUPPLEANT", SUPPLEANT, year, {}, set())))
    struct = E("STRUCTURE")
    divs = E("DIVISIONS")
    # effectifs: 2025 from the pupil file; 2024 similar fixed numbers
    if year >= 2025:
        ediv, edm, egr, egd = effectifs_2025()
    else:
        ediv = {d: 6 for d in DIVISIONS}
        edm = {}
        for d in DIVISIONS:
            for m in div_mefs(d):
                edm[(d, m)] = (3 if m == MEF_6BC else 3) if d[0] == "6" else 6
        egr, egd = {}, {}
        for code, (_l, gdivs, _m, mat) in GROUPS[year].items():
            for dv in gdivs:
                n = 3 if mat in ("030102", "030602") else (2 if code != "43 LAT" else 1)
                egd[(code, dv)] = n
                egr[code] = egr.get(code, 0) + n
    for div in DIVISIONS:
        x = E("DIVISION", [("CODE", div)])
        if year >= 2025 and div == "3B":
            x.add(E("LIBELLE_LONG"))  # real quirk: empty label
        else:
            x.add(leaf("LIBELLE_LONG", DIV_LABEL[div]))
        x.add(leaf("EFFECTIF_PREVU", str(ediv.get(div, 0))))
        ma = E("MEFS_APPARTENANCE")
        for m in div_mefs(div):
            ma.add(E("MEF_APPARTENANCE", [("CODE", m)]).add(leaf("EFFECTIF_PREVU", str(edm.get((div, m), 0)))))
        x.add(ma)
        svs = E("SERVICES")
        for s in dsv[div]:
            svs.add(service_el(s, year))
        divs.add(x.add(svs))
    struct.add(divs)
    grs = E("GROUPES")
    for code, (lib, gdivs, gmefs, _mat) in GROUPS[year].items():
        g = E("GROUPE", [("CODE", code)]).add(leaf("LIBELLE_LONG", lib), leaf("EFFECTIF_PREVU", str(egr.get(code, 0))))
        da = E("DIVISIONS_APPARTENANCE")
        for dv in gdivs:
            da.add(E("DIVISION_APPARTENANCE", [("CODE", dv)]).add(leaf("EFFECTIF_PREVU", str(egd.get((code, dv), 0)))))
        ma = E("MEFS_APPARTENANCE")
        for m in gmefs:
            ma.add(E("MEF_APPARTENANCE", [("CODE", m)]))
        svs = E("SERVICES")
        for s in gsv[code]:
            svs.add(service_el(s, year))
        grs.add(g.add(da, ma, svs))
    struct.add(grs)
    don.add(struct)
    root.add(don)
    return root


# --------------------------------------------------------------------------
# Checks and counts
# --------------------------------------------------------------------------


def check_and_count(paths):
    import xml.etree.ElementTree as ET

    counts = OrderedDict()
    for rel, path in paths.items():
        raw = open(path, "rb").read()
        assert raw.startswith(b'<?xml version="1.0" encoding="ISO-8859-15"?>\n'), rel
        assert b"\r" not in raw, rel
        xml.dom.minidom.parseString(raw)  # well-formed, declared encoding honoured
        root = ET.fromstring(raw)
        c = OrderedDict()
        if root.tag == "BEE_NOMENCLATURES":
            c["MEF"] = len(root.findall("DONNEES/MEFS/MEF"))
            c["MEF selected"] = sum(1 for m in root.findall("DONNEES/MEFS/MEF") if m.findtext("MEF_SELECTIONNE") == "1")
            c["matières"] = len(root.findall("DONNEES/MATIERES/MATIERE"))
            c["programme rows"] = len(root.findall("DONNEES/PROGRAMMES/PROGRAMME"))
            c["programme rows HORAIRE 0.00"] = sum(
                1 for p in root.findall("DONNEES/PROGRAMMES/PROGRAMME") if p.findtext("HORAIRE") == "0.00")
            c["options obligatoires"] = len(root.findall("DONNEES/OPTIONS_OBLIGATOIRES/OPTION_OBLIGATOIRE"))
            c["modalités d'élection"] = len(root.findall("DONNEES/MODALITES_ELECTION/MODALITE_ELECTION"))
            c["modalités de cours"] = len(root.findall("DONNEES/MODALITES_COURS/MODALITE_COURS"))
            # invariants of real files
            prog_mats = {p.findtext("CODE_MATIERE") for p in root.findall("DONNEES/PROGRAMMES/PROGRAMME")}
            mats = {m.get("CODE_MATIERE") for m in root.findall("DONNEES/MATIERES/MATIERE")}
            assert prog_mats == mats, rel
            sel = {m.get("CODE_MEF") for m in root.findall("DONNEES/MEFS/MEF") if m.findtext("MEF_SELECTIONNE") == "1"}
            assert {p.findtext("CODE_MEF") for p in root.findall("DONNEES/PROGRAMMES/PROGRAMME")} == sel, rel
        elif root.tag == "BEE_ELEVES":
            c["pupils"] = len(root.findall("DONNEES/ELEVES/ELEVE"))
            c["pupils with DATE_SORTIE"] = sum(1 for e in root.findall("DONNEES/ELEVES/ELEVE") if e.find("DATE_SORTIE") is not None)
            c["OPTION (pupils with options)"] = len(root.findall("DONNEES/OPTIONS/OPTION"))
            c["OPTIONS_ELEVE rows"] = len(root.findall("DONNEES/OPTIONS/OPTION/OPTIONS_ELEVE"))
            c["STRUCTURE rows D"] = sum(1 for s in root.iter("STRUCTURE") if s.findtext("TYPE_STRUCTURE") == "D")
            c["STRUCTURE rows G"] = sum(1 for s in root.iter("STRUCTURE") if s.findtext("TYPE_STRUCTURE") == "G")
            assert "ADRESSE" not in raw.decode("iso-8859-15")
        elif root.tag == "BEE_STRUCTURES":
            c["divisions"] = len(root.findall("DONNEES/DIVISIONS/DIVISION"))
            c["groups"] = len(root.findall("DONNEES/GROUPES/GROUPE"))
            c["MEF_APPARTENANCE (divisions)"] = len(root.findall("DONNEES/DIVISIONS/DIVISION/MEFS_APPARTENANCE/MEF_APPARTENANCE"))
        elif root.tag == "STS_EDT":
            c["matières"] = len(root.findall("NOMENCLATURES/MATIERES/MATIERE"))
            c["MEF"] = len(root.findall("NOMENCLATURES/MEFS/MEF"))
            c["programme rows"] = len(root.findall("NOMENCLATURES/PROGRAMMES/PROGRAMME"))
            c["individus"] = len(root.findall("DONNEES/INDIVIDUS/INDIVIDU"))
            c["suppléants"] = len(root.findall("DONNEES/SUPPLEANTS/SUPPLEANT"))
            c["divisions"] = len(root.findall("DONNEES/STRUCTURE/DIVISIONS/DIVISION"))
            c["groups"] = len(root.findall("DONNEES/STRUCTURE/GROUPES/GROUPE"))
            dsv = root.findall("DONNEES/STRUCTURE/DIVISIONS/DIVISION/SERVICES/SERVICE")
            gsv = root.findall("DONNEES/STRUCTURE/GROUPES/GROUPE/SERVICES/SERVICE")
            c["services"] = len(dsv) + len(gsv)
            c["services (divisions)"] = len(dsv)
            c["services (groups)"] = len(gsv)
            c["ENSEIGNANT rows"] = len(root.findall(".//ENSEIGNANT"))
            ids = {i.get("ID") for i in root.findall("DONNEES/INDIVIDUS/INDIVIDU")}
            mats = {m.get("CODE") for m in root.findall("NOMENCLATURES/MATIERES/MATIERE")}
            for s in dsv + gsv:
                assert s.get("CODE_MATIERE") in mats, (rel, s.get("CODE_MATIERE"))
                for en in s.findall("ENSEIGNANTS/ENSEIGNANT"):
                    assert en.get("ID") in ids, (rel, en.get("ID"))
        counts[rel] = c
    return counts


def main():
    paths = OrderedDict()
    paths["2024/Nomenclature.xml"] = write_xml("2024/Nomenclature.xml", nomenclature(2024))
    paths[f"2024/sts_emp_{UAI}_2024.xml"] = write_xml(f"2024/sts_emp_{UAI}_2024.xml", sts(2024))
    paths["2025/Nomenclature.xml"] = write_xml("2025/Nomenclature.xml", nomenclature(2025))
    paths["2025/ElevesSansAdresses.xml"] = write_xml("2025/ElevesSansAdresses.xml", eleves_2025())
    paths["2025/Structures.xml"] = write_xml("2025/Structures.xml", structures_2025())
    paths[f"2025/sts_emp_{UAI}_2025.xml"] = write_xml(f"2025/sts_emp_{UAI}_2025.xml", sts(2025))
    counts = check_and_count(paths)
    for rel, c in counts.items():
        print(rel)
        for k, v in c.items():
            print(f"  {k}: {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
