#!/usr/bin/env python3
"""Generate the example school's gradebook files (2025-2026, trimestre 1).

School: Collège Jeanne-Barret (fictional), UAI 0789990K. The script reads
the example SIECLE/STS files of ../ (Nomenclature.xml,
ElevesSansAdresses.xml, sts_emp_0789990K_2025.xml) and writes, next to
itself:

  lsu-bilans-2025-T1.xml  a PRONOTE-like LSU import file (schema 10.0, UTF-8), valid
                          against lsu-2d_v10.0_2025-08.xsd: its planted problems are
                          all of the kind the XSD cannot see
  Tests/RaccordKitTests/Fixtures/lsu-bilans-2025-T1-incomplete.xml (test copy with plants
                          G16-G18: three 6B bilans without date-conseil-classe,
                          acquis-conseils or vie-scolaire): NOT valid against the XSD,
                          on purpose
  Tests/RaccordKitTests/Fixtures/lsu-fin-de-cycle-2025.xml (test copy: the bilans de fin de cycle
                          of 3A and 3B alone, valid against the 10.0 schema)
  Tests/RaccordKitTests/Fixtures/lsu-bilans-2025-T1-modalite-N.xml (test copy with modalité N)
                          the same file with ESPAGNOL LV2 written with SIECLE's
                          modalité "N" (one attribute differs): NOT valid
                          against the XSD, on purpose
  services-pronote.csv    the gradebook's services export (";", cp1252, CRLF)

Both carry deliberately planted problems, listed in
Nomenclatures/exemple/README.md, section "Gradebook files (2025)".
Everything personal is fictional. Standard library only, deterministic
(no random module, no hash(); pseudo-random values come from zlib.crc32):

    python3 Nomenclatures/exemple/2025/gradebook/generate_gradebook.py

The main LSU file passes xmllint --noout --schema .../lsu-2d_v10.0_2025-08.xsd, so that
the example's corrected export (raccord export lsu) can be valid too. The plants the XSD
sees (G16-G18, modalité N) live in the test copies only.
"""

from __future__ import annotations

import os
import sys
import xml.etree.ElementTree as ET
import zlib
from collections import OrderedDict, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.dirname(HERE)  # Nomenclatures/exemple/2025
UAI = "0789990K"
MILLESIME = "2025"

# --------------------------------------------------------------------------
# Read the example SIECLE / STS files
# --------------------------------------------------------------------------


def load(name):
    return ET.parse(os.path.join(SRC, name)).getroot()


NOMENC = load("Nomenclature.xml")
ELEVES = load("ElevesSansAdresses.xml")
STS = load("sts_emp_0789990K_2025.xml")

SIECLE_MATIERES = {m.get("CODE_MATIERE") for m in NOMENC.iter("MATIERE")}
PROGRAMMES = defaultdict(set)  # mef -> {(code, modalité)}
for p in NOMENC.iter("PROGRAMME"):
    PROGRAMMES[p.findtext("CODE_MEF")].add((p.findtext("CODE_MATIERE"), p.findtext("CODE_MODALITE_ELECT")))

PUPILS = []  # in file order
for el in ELEVES.find("DONNEES/ELEVES").findall("ELEVE"):
    PUPILS.append(dict(
        id=el.get("ELEVE_ID"),
        nom=el.findtext("NOM_USAGE") or el.findtext("NOM_DE_FAMILLE"),
        prenom=el.findtext("PRENOM"),
        mef=el.findtext("CODE_MEF"),
        sortie=el.findtext("DATE_SORTIE"),
    ))
PUPIL_BY_ID = {p["id"]: p for p in PUPILS}
for o in ELEVES.iter("OPTION"):
    PUPIL_BY_ID[o.get("ELEVE_ID")]["options"] = {x.findtext("CODE_MATIERE") for x in o.findall("OPTIONS_ELEVE")}
for s in ELEVES.iter("STRUCTURES_ELEVE"):
    p = PUPIL_BY_ID[s.get("ELEVE_ID")]
    p["groups"] = []
    for x in s.findall("STRUCTURE"):
        if x.findtext("TYPE_STRUCTURE") == "D":
            p["division"] = x.findtext("CODE_STRUCTURE")
        else:
            p["groups"].append(x.findtext("CODE_STRUCTURE"))

STS_PEOPLE = {}
for tag in ("INDIVIDU", "SUPPLEANT"):
    for ind in STS.iter(tag):
        STS_PEOPLE[ind.get("ID")] = dict(
            id=ind.get("ID"), type=ind.get("TYPE"), civ=ind.findtext("CIVILITE"),
            nom=ind.findtext("NOM_USAGE"), patro=ind.findtext("NOM_PATRONYMIQUE"), prenom=ind.findtext("PRENOM"),
            pp=[x.findtext("CODE_STRUCTURE") for x in ind.iter("PROF_PRINC")],
        )
STS_SERVICES = {}  # (division or group, code matière) -> [teacher ids]
for kind in ("DIVISION", "GROUPE"):
    for d in STS.iter(kind):
        for sv in d.iter("SERVICE"):
            STS_SERVICES[(d.get("CODE"), sv.get("CODE_MATIERE"))] = [e.get("ID") for e in sv.iter("ENSEIGNANT")]
PROF_PRINC = {div: pid for pid, p in STS_PEOPLE.items() for div in p["pp"]}
PRINCIPAL = next(p for p in STS_PEOPLE.values() if p["id"] == "10452")

# --------------------------------------------------------------------------
# The gradebook's own subject table ("matières" as the gradebook names them)
# --------------------------------------------------------------------------
# key: (lsu id, code, modalité, libellé, STS code(s) where the service is looked up)
# The order is the order of the acquis in a bilan.
DISCIPLINES = OrderedDict((d[0], d) for d in [
    ("DI_020700S", "020700", "S", "FRANCAIS", ["020700"]),
    ("DI_061300S", "061300", "S", "MATHEMATIQUES", ["061300"]),
    ("DI_030201O", "030201", "O", "ANGLAIS LV1", ["030201"]),
    ("DI_030102O", "030102", "O", "ALLEMAND LV2", ["030102"]),
    ("DI_ESP2", "030602", "S", "ESPAGNOL LV2", ["030602"]),          # PLANT: S instead of O (N in the variant file)
    ("DI_042100S", "042100", "S", "HISTOIRE-GEOGRAPHIE-EMC", ["042100"]),
    ("DI_HG3", "042100", "S", "Histoire-Géographie", ["042100", "043700"]),  # PLANT: 3e still 042100
    ("DI_073800S", "073800", "S", "SCIENCES & TECHNO.", ["073800"]),
    ("DI_062300S", "062300", "S", "SC.PHYSIQ.ET CHIMIQ.", ["062300"]),
    ("DI_062900S", "062900", "S", "SCIENCES VIE & TERRE", ["062900"]),
    ("DI_070800S", "070800", "S", "TECHNOLOGIE", ["070800"]),
    ("DI_100100S", "100100", "S", "ED.PHYSIQUE & SPORT.", ["100100"]),
    ("DI_EPS", "100100", "S", "EPS", ["100100"]),                          # PLANT: duplicate (100100, S)
    ("DI_090100S", "090100", "S", "ARTS PLASTIQUES", ["090100"]),
    ("DI_081300S", "081300", "S", "EDUCATION MUSICALE", ["081300"]),
    ("DI_020100F", "020100", "F", "LATIN", ["020300"]),                   # PLANT: closed code
    ("DI_999999F", "999999", "F", "ATELIER THEATRE", []),                  # PLANT: code in no nomenclature
])

# EPS: each EPS teacher created "his/her" subject in the gradebook.
EPS_BY_DIV = {"6A": "DI_100100S", "5A": "DI_100100S", "4A": "DI_100100S", "3A": "DI_100100S",
              "6B": "DI_EPS", "5B": "DI_EPS", "4B": "DI_EPS", "3B": "DI_EPS"}

# Optional theatre workshop (local subject), taught by BERTHELOT (8123).
THEATRE_GROUP = "6 THEATRE"
THEATRE_PUPILS = ["2731037", "2731111", "2731296", "2731370"]
THEATRE_TEACHER = "8123"

# --------------------------------------------------------------------------
# Planted situations (see README)
# --------------------------------------------------------------------------
SUPPLEANT_ID = "13086"            # replaces 7415 (on leave) in 5B and 4B SVT
UNKNOWN_TEACHER = dict(id="99999", type="autre", civ="1", nom="MAZERAND", prenom="Hugo")  # 4B music
RENAMED_TEACHER = ("8456", "KERBRAT", "Maëlle")  # maiden name used instead of NOM_USAGE DUVERNOY
# PLANT G26: she was created in the gradebook before its STS synchronisation: placeholder id-sts, type autre.
PLACEHOLDER_STS_ID = ("8456", "99998")
# PLANT G25: the gradebook's one "Histoire-Géographie" discipline (DI_HG3) also serves 4A, whose programme
# has HG-EMC (042100) while 3e has HG (043700): one discipline, two codes, split at export.
HG3_ALSO_IN = "4A"


def content_of(disc_id, structure):
    """The discipline whose grades, appraisals and programme elements an acquis carries: 4A's history
    lessons are those of HG-EMC whichever discipline the gradebook files them under."""
    return "DI_042100S" if (disc_id, structure) == ("DI_HG3", HG3_ALSO_IN) else disc_id
WRONG_ID_BE = ("2731777", "2731717")             # TESSIER Nathan, 5B: typo in the gradebook
WRONG_DIVISION = ("2732073", "4B")              # DUMOULIN Mathis: SIECLE 4A, gradebook 4B
LATIN_WITHOUT_OPTION = "2731555"                # NADAUD Lucas, 5A: in the gradebook's 5 LAT group
NO_APPRECIATION = ("2731592", "DI_061300S")      # OLLIVIER Jade, 5A, maths
NO_EVALUATION = ("2731888", "DI_090100S")        # WEBER Mila, 5B, arts plastiques
# PLANT: services sent with 1-4 positionings in classes graded elsewhere (class-mixed-positioning;
# in 3e, third-grade-positioning for the 2026 Brevet).
POSITIONED = {("5B", "DI_030201O"), ("3B", "DI_090100S")}
# PLANT: a whole service exported with neither grade nor positioning (service-without-evaluation).
UNEVALUATED = ("4B", "DI_081300S")
NO_ELEMENTS = ("2732258", "DI_020700S")          # ISSARTEL Romane, 4B, français
DANGLING_REF = ("2731629", "DI_070800S", "ENS_9930")  # PASQUIER Ethan, 5A, technologie (9903 mistyped)
LEFT_PUPIL = "2732591"                          # SERRES Baptiste (left 19/09/2025): all "non noté"

# PLANTS (bilans de fin de cycle 4, sent with T1 for a mock Brevet): 3A half filled, 3B complete but one
# pupil's bilan names cycle 3; enseignement de complément issues in 3A.
CYCLE_BILANS = OrderedDict([
    # pupil: (cycle, complément code, complément positionnement)
    ("2732369", ("4", "LCA", "2")),    # LABORDE Théo, 3A, latin: fine
    ("2732406", ("4", "LCA", None)),   # MEUNIER Camille, 3A: LCA without latin in SIECLE, no positionnement
    ("2732480", ("4", None, None)),    # ORSINI Eva, 3A, latin: no enseignement de complément
    # NOUVEL Maxime, PELTIER Enzo, RAMBAUD Juliette (3A): no bilan de fin de cycle
    ("2732628", ("4", "AUC", None)),   # TARDIF Agathe, 3B
    ("2732665", ("4", "AUC", None)),   # VERDIER Paul, 3B
    ("2732702", ("4", "LCA", "1")),    # BRUNEAU Margaux, 3B, latin: fine
    ("2732739", ("3", None, None)),    # CHAUVIN Sami, 3B: cycle 3 instead of 4
    ("2732776", ("4", "AUC", None)),   # DAGUERRE Elsa, 3B: dispensée in CPD_ART (0)
])
SOCLE_DOMAINS = ["CPD_FRA", "CPD_ETR", "CPD_SCI", "CPD_ART", "MET_APP", "FRM_CIT", "SYS_NAT", "REP_MND"]
SYNTHESES = [
    "Élève sérieux et investi : les acquis du cycle 4 sont solides dans l'ensemble des domaines.",
    "Des acquis satisfaisants ; la maîtrise des langages scientifiques reste à consolider.",
    "Un cycle mené avec régularité ; l'expression écrite a nettement progressé.",
]

COUNCIL_DATES = {"6A": "2025-12-01", "6B": "2025-12-02", "5A": "2025-12-04", "5B": "2025-12-04",
                 "4A": "2025-12-08", "4B": "2025-12-09", "3A": "2025-12-11", "3B": "2025-12-11"}

ELEMENTS = OrderedDict([
    ("DI_020700S", ["Lire et comprendre des textes variés", "Écrire un texte narratif cohérent"]),
    ("DI_061300S", ["Nombres et calculs : fractions et nombres relatifs", "Espace et géométrie : figures et constructions"]),
    ("DI_030201O", ["Comprendre un document oral simple en anglais", "Prendre la parole en continu en anglais"]),
    ("DI_030102O", ["Se présenter et présenter sa famille en allemand"]),
    ("DI_ESP2", ["Comprendre et décrire son environnement en espagnol"]),
    ("DI_042100S", ["Se repérer dans le temps : frise chronologique", "Habiter la ville et les espaces de faible densité"]),
    ("DI_HG3", ["L'Europe, un théâtre majeur des guerres totales (1914-1945)", "Pourquoi et comment aménager le territoire ?"]),
    ("DI_073800S", ["Matière, mouvement, énergie, information", "Le vivant, sa diversité et les fonctions qui le caractérisent"]),
    ("DI_062300S", ["Organisation et transformations de la matière", "Mouvement et interactions"]),
    ("DI_062900S", ["La planète Terre, l'environnement et l'action humaine", "Le vivant et son évolution"]),
    ("DI_070800S", ["Design, innovation et créativité", "Les objets techniques, les services et les changements induits"]),
    ("DI_100100S", ["Produire une performance optimale (demi-fond)", "Conduire et maîtriser un affrontement collectif (handball)"]),
    ("DI_EPS", ["Adapter ses déplacements à des environnements variés (course d'orientation)"]),
    ("DI_090100S", ["La représentation plastique et les dispositifs de présentation"]),
    ("DI_081300S", ["Réaliser des projets musicaux d'interprétation"]),
    ("DI_020100F", ["Lire et traduire un texte latin simple", "Découvrir la vie quotidienne à Rome"]),
    ("DI_999999F", ["Mettre en voix et en espace un court texte"]),
])

# --------------------------------------------------------------------------
# Deterministic pseudo-random helpers
# --------------------------------------------------------------------------


def rnd(*parts) -> float:
    """A float in [0, 1) derived from the parts (stable across runs and Python versions)."""
    return zlib.crc32("|".join(parts).encode("utf-8")) / 2**32


def fmt_dec(x: float) -> str:
    s = f"{x:.2f}".rstrip("0").rstrip(".")
    return s


def grade(pupil_id, disc_id) -> float:
    base = 8.0 + 9.0 * rnd("base", pupil_id)
    g = base + (rnd("g", pupil_id, disc_id) - 0.5) * 7.0
    g = max(2.0, min(19.5, g))
    return round(g * 4) / 4


APPRECIATIONS = [
    (8, ["Résultats très insuffisants. Il faut reprendre les leçons régulièrement et demander de l'aide.",
         "Trimestre difficile : le travail personnel est trop irrégulier."]),
    (10, ["Des fragilités. Des efforts sont nécessaires, notamment dans l'apprentissage des leçons.",
          "Résultats fragiles ; la participation en classe doit devenir plus régulière."]),
    (12, ["Résultats justes. Un travail plus régulier permettra de progresser.",
          "Trimestre correct dans l'ensemble ; attention à la rigueur dans les exercices."]),
    (14, ["Trimestre satisfaisant. Il faut continuer ainsi.",
          "Travail sérieux et résultats satisfaisants."]),
    (16, ["Bon trimestre : travail régulier et participation active.",
          "Bons résultats, investissement constant en classe."]),
    (99, ["Excellent trimestre, bravo !",
          "Très bons résultats, travail approfondi et autonome."]),
]
CONSEILS = [
    (9, "Trimestre insuffisant. Le conseil de classe attend une réelle mise au travail dès la rentrée de janvier."),
    (11, "Trimestre fragile. Des efforts sont nécessaires dans plusieurs disciplines ; un travail plus régulier est attendu."),
    (13, "Trimestre correct. Le travail doit être plus approfondi pour progresser."),
    (15, "Bon trimestre. Le conseil de classe encourage à poursuivre dans cette voie."),
    (99, "Très bon trimestre. Félicitations du conseil de classe."),
]


def appreciation(pupil_id, disc_id, g):
    for limit, texts in APPRECIATIONS:
        if g < limit:
            return texts[int(rnd("a", pupil_id, disc_id) * len(texts))]
    raise AssertionError


# --------------------------------------------------------------------------
# Build the gradebook: pupils, their subjects, teachers, services
# --------------------------------------------------------------------------


def gb_division(p):
    return WRONG_DIVISION[1] if p["id"] == WRONG_DIVISION[0] else p["division"]


def gb_id_be(p):
    return WRONG_ID_BE[1] if p["id"] == WRONG_ID_BE[0] else p["id"]


def latin_group(p):
    level = gb_division(p)[0]
    if p["id"] == LATIN_WITHOUT_OPTION or f"{level} LAT" in p["groups"]:
        return f"{level} LAT"
    return None


def pupil_subjects(p):
    """[(disc id, teaching structure)] in bilan order, as the gradebook has them."""
    div = gb_division(p)
    level = div[0]
    out = {}
    out["DI_020700S"] = div
    out["DI_061300S"] = div
    out["DI_030201O"] = div
    for g in p["groups"]:
        if g.endswith("ALL") or g.endswith("ALL2"):
            out["DI_030102O"] = g
        elif g.endswith("ESP2"):
            out["DI_ESP2"] = g
    out["DI_HG3" if level == "3" or div == HG3_ALSO_IN else "DI_042100S"] = div
    if level == "6":
        out["DI_073800S"] = div
    else:
        out["DI_062300S"] = div
        out["DI_062900S"] = div
        out["DI_070800S"] = div
    out[EPS_BY_DIV[div]] = div
    out["DI_090100S"] = div
    out["DI_081300S"] = div
    lat = latin_group(p)
    if lat:
        out["DI_020100F"] = lat
    if p["id"] in THEATRE_PUPILS:
        out["DI_999999F"] = THEATRE_GROUP
    return [(d, out[d]) for d in DISCIPLINES if d in out]


def teachers_of(disc_id, structure):
    """STS teacher ids of the gradebook service, with the gradebook's own substitutions."""
    if disc_id == "DI_999999F":
        return [THEATRE_TEACHER]
    code_sts = DISCIPLINES[disc_id][4]
    if disc_id == "DI_062900S" and structure in ("5B", "4B"):
        assert STS_SERVICES[(structure, "062900")] == ["7415"]
        return [SUPPLEANT_ID]  # PLANT: the suppléant, not 7415, in the gradebook
    if disc_id == "DI_081300S" and structure == "4B":
        assert STS_SERVICES[(structure, "081300")] == []
        return [UNKNOWN_TEACHER["id"]]  # PLANT: teacher unknown to STS
    for c in code_sts:
        if (structure, c) in STS_SERVICES:
            t = STS_SERVICES[(structure, c)]
            assert t, (disc_id, structure)
            return t
    raise KeyError((disc_id, structure))


GRADEBOOK = []  # per pupil: dict(p, division, subjects=[(disc, structure, teachers, grade)])
for p in PUPILS:
    subs = []
    for d, st in pupil_subjects(p):
        subs.append((d, st, teachers_of(d, st), grade(p["id"], content_of(d, st))))
    GRADEBOOK.append(dict(p=p, division=gb_division(p), subjects=subs))

# Structure averages (pupils actually graded; the pupil who left is not graded)
_sums = defaultdict(list)
for row in GRADEBOOK:
    if row["p"]["id"] == LEFT_PUPIL:
        continue
    for d, st, _t, g in row["subjects"]:
        if (row["p"]["id"], d) == NO_EVALUATION:
            continue
        _sums[(d, st)].append(g)
STRUCT_AVG = {k: round(sum(v) / len(v), 2) for k, v in _sums.items()}

# Teachers of the gradebook (declaration order: STS order, then the extras)
used_teachers = []
for row in GRADEBOOK:
    for _d, _st, ts, _g in row["subjects"]:
        for t in ts:
            if t not in used_teachers:
                used_teachers.append(t)
TEACHER_ORDER = [pid for pid in STS_PEOPLE if pid in used_teachers] + [UNKNOWN_TEACHER["id"]]
assert set(TEACHER_ORDER) == set(used_teachers), set(used_teachers) ^ set(TEACHER_ORDER)


def teacher_record(pid):
    if pid == UNKNOWN_TEACHER["id"]:
        t = UNKNOWN_TEACHER
        return dict(id=t["id"], sts=t["id"], type=t["type"], civ="M", nom=t["nom"], prenom=t["prenom"])
    s = STS_PEOPLE[pid]
    nom, prenom = s["nom"], s["prenom"]
    if pid == RENAMED_TEACHER[0]:
        nom, prenom = RENAMED_TEACHER[1], RENAMED_TEACHER[2]
    # The suppléant is "eppsup" in STS, which LSU does not accept: the gradebook writes epp.
    typ = "epp" if s["type"] == "eppsup" else s["type"]
    sts = pid
    if pid == PLACEHOLDER_STS_ID[0]:
        typ, sts = "autre", PLACEHOLDER_STS_ID[1]
    return dict(id=pid, sts=sts, type=typ, civ={"1": "M", "2": "MME"}[s["civ"]], nom=nom, prenom=prenom)


# --------------------------------------------------------------------------
# XML writer
# --------------------------------------------------------------------------


def esc(s: str, attr=False) -> str:
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return s.replace('"', "&quot;") if attr else s


def tag(name, attrs, text=None, children=None, depth=0, out=None):
    pad = "  " * depth
    a = "".join(f' {k}="{esc(v, True)}"' for k, v in attrs if v is not None)
    if text is not None:
        out.append(f"{pad}<{name}{a}>{esc(text)}</{name}>")
    elif children:
        out.append(f"{pad}<{name}{a}>")
        for c in children:
            c(depth + 1, out)
        out.append(f"{pad}</{name}>")
    else:
        out.append(f"{pad}<{name}{a}/>")


def el(name, attrs=(), text=None, children=None):
    return lambda depth, out: tag(name, attrs, text, children, depth, out)


def build_cycle_bilans():
    cycle_bilans = []
    for pid, (cycle, code, pos) in CYCLE_BILANS.items():
        p = PUPIL_BY_ID[pid]
        domains = []
        for dom in SOCLE_DOMAINS:
            value = "0" if (pid, dom) == ("2732776", "CPD_ART") else str(2 + int(rnd("socle", pid, dom) * 3))
            domains.append(el("domaine", [("code", dom), ("positionnement", value)]))
        children = [el("socle", children=domains),
                    el("synthese", text=SYNTHESES[int(rnd("synthese", pid) * len(SYNTHESES))])]
        if code:
            children.append(el("enseignement-complement", [("code", code), ("positionnement", pos)]))
        div = gb_division(p)
        cycle_bilans.append(el("bilan-cycle", [
            ("eleve-ref", f"EL_{gb_id_be(p)}"), ("cycle", cycle), ("millesime", MILLESIME),
            ("date-creation", "2025-12-05"), ("responsable-etab-ref", "RESP_1"),
            ("prof-princ-refs", f"ENS_{PROF_PRINC[div]}")], children=children))
    return cycle_bilans


def build_lsu(incomplete=False):
    ep_ids = OrderedDict()
    n = 0
    for d, labels in ELEMENTS.items():
        ids = []
        for lab in labels:
            n += 1
            ids.append((f"EP_{n:02d}", lab))
        ep_ids[d] = ids

    eleves = []
    for row in GRADEBOOK:
        p = row["p"]
        eleves.append(el("eleve", [("id", f"EL_{gb_id_be(p)}"), ("id-be", gb_id_be(p)), ("nom", p["nom"]),
                                   ("prenom", p["prenom"]), ("code-division", row["division"])]))
    disciplines = [el("discipline", [("id", d[0]), ("code", d[1]), ("modalite-election", d[2]), ("libelle", d[3])])
                   for d in DISCIPLINES.values()]
    enseignants = []
    for pid in TEACHER_ORDER:
        t = teacher_record(pid)
        enseignants.append(el("enseignant", [("id", f"ENS_{t['id']}"), ("type", t["type"]), ("id-sts", t["sts"]),
                                             ("civilite", t["civ"]), ("nom", t["nom"]), ("prenom", t["prenom"])]))
    elements = [el("element-programme", [("id", i), ("libelle", lab)]) for ids in ep_ids.values() for i, lab in ids]

    bilans = []
    for row in GRADEBOOK:
        p = row["p"]
        pid = p["id"]
        left = pid == LEFT_PUPIL
        acquis = []
        graded = []
        for d, st, ts, g in row["subjects"]:
            refs = " ".join(f"ENS_{t}" for t in ts)
            if (pid, d) == DANGLING_REF[:2]:
                refs = DANGLING_REF[2]
            c = content_of(d, st)
            eps = ep_ids[c]
            k = 1 + int(rnd("ep", pid, c) * len(eps))
            ep_refs = " ".join(i for i, _ in eps[:k])
            if (pid, d) == NO_ELEMENTS:
                ep_refs = None
            attrs = [("discipline-ref", d), ("enseignant-refs", refs), ("element-programme-refs", ep_refs)]
            if left:
                attrs.append(("statut-evaluation-eleve", "1"))
                app = "Élève parti le 19/09/2025 : non évalué ce trimestre."
            elif (pid, d) == NO_EVALUATION:
                app = "Travaux non rendus ce trimestre ; la moyenne n'a pas pu être calculée."
            elif (row["division"], d) == UNEVALUATED:
                app = appreciation(pid, c, g)
            elif (row["division"], d) in POSITIONED:
                attrs.append(("positionnement", str(min(4, 1 + int(g / 5)))))
                app = appreciation(pid, c, g)
            else:
                attrs.append(("moyenne-eleve", fmt_dec(g)))
                graded.append(g)
                app = appreciation(pid, c, g)
            if (row["division"], d) not in POSITIONED and (row["division"], d) != UNEVALUATED:
                attrs.append(("moyenne-structure", fmt_dec(STRUCT_AVG[(d, st)])))
            if (pid, d) == NO_APPRECIATION:
                app = None
            children = [el("appreciation", text=app)] if app else None
            acquis.append(el("acquis", attrs, children=children))
        if left:
            conseil = "Élève parti de l'établissement le 19/09/2025."
        else:
            avg = sum(graded) / len(graded)
            conseil = next(txt for lim, txt in CONSEILS if avg < lim)
        retards = str(int(rnd("r", pid) * 4) if rnd("r2", pid) < 0.6 else 0)
        absj = str(2 * int(rnd("aj", pid) * 4))
        absi = str(1 if rnd("ai", pid) > 0.85 else 0)
        if left:
            retards, absj, absi = "0", "0", "0"
        div = row["division"]
        # PLANTS G16-G18 (6B, test copy only): a bilan without council date, one without the
        # council's appraisal, one without vie scolaire. The XSD requires all three, so that copy
        # is also schema-invalid.
        attributes = [("eleve-ref", f"EL_{gb_id_be(p)}"), ("periode-ref", "P_1")]
        if not (incomplete and pid == "2731296"):
            attributes.append(("date-conseil-classe", COUNCIL_DATES[div]))
        attributes += [("date-scolarite", "2025-09-01"), ("responsable-etab-ref", "RESP_1"),
                       ("prof-princ-refs", f"ENS_{PROF_PRINC[div]}")]
        children = [el("liste-acquis", children=acquis)]
        if not (incomplete and pid == "2731333"):
            children.append(el("acquis-conseils", text=conseil))
        if not (incomplete and pid == "2731407"):
            children.append(el("vie-scolaire", [("nb-retards", retards), ("nb-abs-justifiees", absj),
                                                ("nb-abs-injustifiees", absi)]))
        bilans.append(el("bilan-periodique", attributes, children=children))

    cycle_bilans = build_cycle_bilans()

    root = el("lsun-bilans", [
        ("xmlns", "urn:fr:edu:scolarite:lsun:bilans:import"),
        ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        ("xsi:schemaLocation", "urn:fr:edu:scolarite:lsun:bilans:import import-bilan-complet.xsd"),
        ("schemaVersion", "10.0"),
    ], children=[
        el("entete", children=[
            el("editeur", text="INDEX EDUCATION"),
            el("application", text="PRONOTE"),
            el("appliVersion", text="2025.0.3"),
            el("etablissement", text=UAI),
        ]),
        el("donnees", children=[
            el("responsables-etab", children=[el("responsable-etab", [
                ("id", "RESP_1"), ("libelle", f"M. {PRINCIPAL['prenom']} {PRINCIPAL['nom']}, Principal")])]),
            el("eleves", children=eleves),
            el("periodes", children=[el("periode", [("id", "P_1"), ("millesime", MILLESIME), ("indice", "1"),
                                                    ("nb-periodes", "3")])]),
            el("disciplines", children=disciplines),
            el("enseignants", children=enseignants),
            el("elements-programme", children=elements),
            el("bilans-periodiques", children=bilans),
            el("bilans-cycle", children=cycle_bilans),
        ]),
    ])
    out = ['<?xml version="1.0" encoding="UTF-8"?>']
    root(0, out)
    return "\n".join(out) + "\n"


def build_cycle_only():
    """The bilans de fin de cycle alone, as a gradebook exports them apart: valid against the 10.0 schema."""
    rows = [row for row in GRADEBOOK if row["division"] in ("3A", "3B")]
    eleves = [el("eleve", [("id", f"EL_{gb_id_be(row['p'])}"), ("id-be", gb_id_be(row["p"])),
                           ("nom", row["p"]["nom"]), ("prenom", row["p"]["prenom"]),
                           ("code-division", row["division"])]) for row in rows]
    pp = sorted({PROF_PRINC[d] for d in ("3A", "3B")})
    enseignants = []
    for pid in pp:
        t = teacher_record(pid)
        enseignants.append(el("enseignant", [("id", f"ENS_{t['id']}"), ("type", t["type"]), ("id-sts", t["sts"]),
                                             ("civilite", t["civ"]), ("nom", t["nom"]), ("prenom", t["prenom"])]))
    root = el("lsun-bilans", [
        ("xmlns", "urn:fr:edu:scolarite:lsun:bilans:import"),
        ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        ("xsi:schemaLocation", "urn:fr:edu:scolarite:lsun:bilans:import import-bilan-complet.xsd"),
        ("schemaVersion", "10.0"),
    ], children=[
        el("entete", children=[
            el("editeur", text="INDEX EDUCATION"),
            el("application", text="PRONOTE"),
            el("appliVersion", text="2025.0.3"),
            el("etablissement", text=UAI),
        ]),
        el("donnees", children=[
            el("responsables-etab", children=[el("responsable-etab", [
                ("id", "RESP_1"), ("libelle", f"M. {PRINCIPAL['prenom']} {PRINCIPAL['nom']}, Principal")])]),
            el("eleves", children=eleves),
            el("enseignants", children=enseignants),
            el("bilans-cycle", children=build_cycle_bilans()),
        ]),
    ])
    out = ['<?xml version="1.0" encoding="UTF-8"?>']
    root(0, out)
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------
# Services CSV (as the gradebook exports it)
# --------------------------------------------------------------------------
CSV_HEADER = "Classe/Groupe;Matière;Code matière;Nom;Prénom;Identifiant STS;Co-enseignement"

CSV_LABELS = {
    "DI_020700S": ["Français", "FRANCAIS"],
    "DI_061300S": ["Maths", "MATHEMATIQUES", "Mathématiques"],
    "DI_030201O": ["LV1 Anglais", "ANGLAIS LV1", "Anglais"],
    "DI_030102O": ["LVB Allemand", "ALLEMAND LV2"],
    "DI_ESP2": ["LVB Espagnol", "ESPAGNOL LV2"],
    "DI_042100S": ["Hist-Géo", "HIST.GEO.EN.MOR.CIV.", "Histoire-Géographie"],
    "DI_HG3": ["Histoire-Géographie"],
    "DI_073800S": ["Sciences & Techno", "SCIENCES & TECHNO."],
    "DI_062300S": ["Phys-Chimie", "SC.PHYSIQ.ET CHIMIQ."],
    "DI_062900S": ["SVT", "S.V.T."],
    "DI_070800S": ["Techno", "TECHNOLOGIE"],
    "DI_100100S": ["E.P.S.", "ED.PHYSIQUE & SPORT."],
    "DI_EPS": ["EPS"],
    "DI_090100S": ["Arts plastiques", "ARTS PLASTIQUES"],
    "DI_081300S": ["Education musicale", "Musique", "Éducation musicale"],
    "DI_020100F": ["Latin"],
    "DI_999999F": ["Atelier théâtre"],
}
# How the gradebook spells each teacher, and whether it kept the STS id.
CSV_NAMES = {
    "8123": ("BERTHELOT", "Anne Laure", True),
    "8456": ("KERBRAT", "Maëlle", False),
    "9021": ("ROUSSELIN", "Thibault", True),
    "8790": ("Aubertin", "Karim", False),
    "12034": ("PELLERIN", "Nadia", True),
    "9345": ("LE GOFFIC", "Claire", False),
    "12577": ("LOEUILLET", "Bastien", False),
    "10233": ("HOLTZINGER", "Friederike", True),
    "10954": ("ALCAZAR MOREAU", "Mateo", False),
    "9678": ("FONTANEL", "Hélène", True),
    "11872": ("DESCHAMPS-ORIOL", "Julien", False),
    "12299": ("TREGUIER", "Yann", True),
    "10610": ("BELLANGER", "Sarah", False),
    "9903": ("CHAMBONNET", "Remi", True),
    "8267": ("GUÉRIN-LAFAYE", "Loïc", False),
    "11340": ("OYONO", "Priscille", True),
    "10188": ("VASSEUR-DIALLO", "Ines", False),
    "12741": ("PRADEL", "Étienne", True),
    "13086": ("NGUYEN-ROCHE", "Camille", False),
    "99999": ("MAZERAND", "Hugo", False),
}
# Subject codes the gradebook filled in (others empty).
CSV_CODE_FILLED = {"DI_020700S", "DI_061300S", "DI_HG3", "DI_020100F", "DI_999999F", "DI_ESP2", "DI_073800S"}
STRUCT_ORDER = ["6A", "6B", "5A", "5B", "4A", "4B", "3A", "3B",
                "6 ALL", "5 ALL2", "5 ESP2", "4 ALL2", "4 ESP2", "3 ALL2", "3 ESP2",
                "5 LAT", "4 LAT", "3 LAT", THEATRE_GROUP]


def build_csv():
    services = OrderedDict()  # (structure, disc) -> teachers
    for row in GRADEBOOK:
        for d, st, ts, _g in row["subjects"]:
            services.setdefault((st, d), ts)
    disc_order = list(DISCIPLINES)
    keys = sorted(services, key=lambda k: (STRUCT_ORDER.index(k[0]), disc_order.index(k[1])))
    lines = [CSV_HEADER]
    for st, d in keys:
        ts = services[(st, d)]
        labels = CSV_LABELS[d]
        label = labels[STRUCT_ORDER.index(st) % len(labels)]
        code = DISCIPLINES[d][1] if d in CSV_CODE_FILLED else ""
        for t in ts:
            nom, prenom, with_id = CSV_NAMES[t]
            if len(ts) > 1:
                co = "Oui"  # 6A sciences et technologie, co-taught in STS too
            elif t == SUPPLEANT_ID:
                co = "Non"  # the replacement is not declared as co-teaching
            else:
                co = ["Non", "", "Non", "non"][int(rnd("co", st, d) * 4)]
            lines.append(";".join([st, label, code, nom, prenom, t if with_id else "", co]))
    return "\r\n".join(lines) + "\r\n", len(keys), len(lines) - 1


# --------------------------------------------------------------------------
# Self-checks and main
# --------------------------------------------------------------------------


def checks(xml_text):
    root = ET.fromstring(xml_text.encode("utf-8"))
    ns = {"l": "urn:fr:edu:scolarite:lsun:bilans:import"}
    eleves = root.findall(".//l:eleve", ns)
    bilans = root.findall(".//l:bilan-periodique", ns)
    assert len(eleves) == len(PUPILS) == 48 and len(bilans) == 48
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids)), "duplicate xs:ID"
    declared_ens = {e.get("id") for e in root.findall(".//l:enseignant", ns)}
    dangling = [a.get("enseignant-refs") for a in root.iter("{%s}acquis" % ns["l"])
                if any(r not in declared_ens for r in a.get("enseignant-refs").split())]
    assert dangling == [DANGLING_REF[2]], dangling
    unknown_be = [e.get("id-be") for e in eleves if e.get("id-be") not in PUPIL_BY_ID]
    assert unknown_be == [WRONG_ID_BE[1]], unknown_be
    for d in DISCIPLINES.values():
        assert len(d[3]) <= 40
    assert "999999" not in SIECLE_MATIERES and "020100" not in SIECLE_MATIERES
    return len(eleves), len(bilans), sum(len(b.findall(".//l:acquis", ns)) for b in bilans)


VARIANT_N_OLD = '<discipline id="DI_ESP2" code="030602" modalite-election="S" libelle="ESPAGNOL LV2"/>'
VARIANT_N_NEW = '<discipline id="DI_ESP2" code="030602" modalite-election="N" libelle="ESPAGNOL LV2"/>'


def main():
    xml_text = build_lsu()
    n_el, n_bil, n_acq = checks(xml_text)
    with open(os.path.join(HERE, "lsu-bilans-2025-T1.xml"), "w", encoding="utf-8", newline="\n") as f:
        f.write(xml_text)
    assert xml_text.count(VARIANT_N_OLD) == 1
    with open(os.path.join(HERE, "..", "..", "..", "..", "Tests", "RaccordKitTests", "Fixtures", "lsu-bilans-2025-T1-modalite-N.xml"), "w", encoding="utf-8", newline="\n") as f:
        f.write(xml_text.replace(VARIANT_N_OLD, VARIANT_N_NEW))
    incomplete = build_lsu(incomplete=True)
    checks(incomplete)
    with open(os.path.join(HERE, "..", "..", "..", "..", "Tests", "RaccordKitTests", "Fixtures", "lsu-bilans-2025-T1-incomplete.xml"), "w", encoding="utf-8", newline="\n") as f:
        f.write(incomplete)
    with open(os.path.join(HERE, "..", "..", "..", "..", "Tests", "RaccordKitTests", "Fixtures", "lsu-fin-de-cycle-2025.xml"), "w", encoding="utf-8", newline="\n") as f:
        f.write(build_cycle_only())
    csv_text, n_services, n_rows = build_csv()
    with open(os.path.join(HERE, "services-pronote.csv"), "w", encoding="cp1252", newline="") as f:
        f.write(csv_text)
    print(f"lsu-bilans-2025-T1.xml: {n_el} eleves, {len(DISCIPLINES)} disciplines, {len(TEACHER_ORDER)} enseignants, "
          f"{sum(len(v) for v in ELEMENTS.values())} elements-programme, {n_bil} bilans, {n_acq} acquis")
    print(f"services-pronote.csv: {n_services} services, {n_rows} rows (+ header)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
