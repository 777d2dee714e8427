#!/usr/bin/env python3
"""Rebuilds the fuzzers' seed corpora in Fuzz/Corpus/<target>/ from the example school and the test
fixtures: each XML file shrunk to two records of each kind (small seeds fuzz faster), the CSV files
cut to a few rows, a few zip archives. Run from anywhere; the output is committed. Files named by a
SHA-1 in the same folders were merged from longer fuzzing runs (`<target> -merge=1 Fuzz/Corpus/<target>
<new inputs>`) and are kept."""

import io
import pathlib
import xml.etree.ElementTree as ET
import zipfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "Fuzz" / "Corpus"
EXAMPLE = ROOT / "Nomenclatures" / "exemple"


def shrink(path, keep=2):
    """The document with at most `keep` children of each tag under any element, in its declared encoding."""
    raw = path.read_bytes()
    head = raw[:100].decode("ascii", "replace")
    encoding = "ISO-8859-15" if "ISO-8859-15" in head else "UTF-8"
    tree = ET.ElementTree(ET.fromstring(raw))
    for element in tree.iter():
        seen = {}
        for child in list(element):
            seen[child.tag] = seen.get(child.tag, 0) + 1
            if seen[child.tag] > keep:
                element.remove(child)
    for prefix, uri in [("", "urn:fr:edu:scolarite:lsun:bilans:import"),
                        ("xsi", "http://www.w3.org/2001/XMLSchema-instance")]:
        ET.register_namespace(prefix, uri)
    buffer = io.BytesIO()
    tree.write(buffer, encoding=encoding, xml_declaration=True)
    return buffer.getvalue()


def put(target, name, data):
    folder = OUT / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)


def main():
    sources = {
        "FuzzSIECLENomenclature": ["2024/Nomenclature.xml", "2025/Nomenclature.xml", "2025/Structures.xml"],
        "FuzzSIECLEEleves": ["2025/ElevesSansAdresses.xml"],
        "FuzzSTS": ["2024/sts_emp_0789990K_2024.xml", "2025/sts_emp_0789990K_2025.xml"],
        "FuzzLSU": ["2025/gradebook/lsu-bilans-2025-T1.xml"],
    }
    shrunk = {}
    for target, files in sources.items():
        for relative in files:
            name = relative.replace("/", "-")
            shrunk[name] = shrink(EXAMPLE / relative)
            put(target, name, shrunk[name])
    fixture = ROOT / "Tests" / "RaccordKitTests" / "Fixtures" / "lsu-fin-de-cycle-2025.xml"
    shrunk["lsu-fin-de-cycle-2025.xml"] = shrink(fixture)
    put("FuzzLSU", "lsu-fin-de-cycle-2025.xml", shrunk["lsu-fin-de-cycle-2025.xml"])

    # The stream reader gets every shape, plus a few corners of XML itself.
    for name, data in shrunk.items():
        put("FuzzXMLStreamReader", name, data)
    put("FuzzXMLStreamReader", "entities.xml",
        b'<?xml version="1.0"?>\n<a x="&lt;&#233;&#x20AC;"><![CDATA[c<d]]>t&amp;u<!-- c --><?pi x?><b/></a>\n')
    put("FuzzXMLStreamReader", "latin9.xml",
        '<?xml version="1.0" encoding="ISO-8859-15"?>\n<A L="\u00e9\u20ac">\u00e0</A>\n'.encode("iso-8859-15"))

    services = (EXAMPLE / "2025" / "gradebook" / "services-pronote.csv").read_bytes().splitlines(keepends=True)
    put("FuzzServicesCSV", "services-pronote.csv", b"".join(services[:8]))
    utf8 = b"".join(services[:8]).decode("cp1252").encode("utf-8")
    put("FuzzServicesCSV", "services-utf8-bom-comma.csv", b"\xef\xbb\xbf" + utf8.replace(b";", b","))
    put("FuzzServicesCSV", "services-quoted.csv",
        'Classe;Matière;Code matière;Nom;Prénom\n"6A";"Fran\nçais";"20700";"O""Neil";Anne\n'.encode("utf-8"))

    national = ROOT / "Nomenclatures" / "national"
    matieres = (national / "matieres.csv").read_bytes().splitlines(keepends=True)
    mefs = (national / "mefs.csv").read_bytes().splitlines(keepends=True)
    put("FuzzNationalTables", "national-head.bin", b"".join(matieres[:6]) + b"\0" + b"".join(mefs[:6]))
    put("FuzzNationalTables", "national-tail.bin", b"".join(matieres[:1] + matieres[-3:]) + b"\0"
        + b"".join(mefs[:1] + mefs[-3:]))

    def archive(entries, method=zipfile.ZIP_DEFLATED):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", method) as z:
            for name, data in entries:
                z.writestr(zipfile.ZipInfo(name, date_time=(2025, 9, 1, 0, 0, 0)), data, method)
        return buffer.getvalue()

    nomenclature = shrunk["2025-Nomenclature.xml"]
    put("FuzzZipInput", "nomenclature.zip", archive([("Nomenclature.xml", nomenclature)]))
    put("FuzzZipInput", "stored-two.zip", archive(
        [("a/Structures.xml", shrunk["2025-Structures.xml"]), ("readme.txt", b"x")], zipfile.ZIP_STORED))
    put("FuzzZipInput", "macosx.zip", archive(
        [("__MACOSX/._Nomenclature.xml", b"\0\5\26\7"), ("sts.xml", shrunk["2025-sts_emp_0789990K_2025.xml"])]))


if __name__ == "__main__":
    main()
