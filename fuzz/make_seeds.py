#!/usr/bin/env python3
"""Builds the seed corpora and dictionaries of the fuzz harnesses.

Seeds are small excerpts of the official lists in ../shared/data, cut at
record boundaries (a few records each, so a seed is a valid list the loader
accepts and the fuzzer starts deep in the code), plus the tests' fixtures.
They are written under OUT (build/fuzz/seeds/<harness>/ and
build/fuzz/dict/<harness>.dict), never into the repository.

Usage: make_seeds.py SOURCE_DIR DATA_DIR OUT
Missing data files are skipped: the fixtures alone still seed every harness.
"""

import gzip
import hashlib
import io
import json
import os
import random
import re
import sys
import zipfile

SEP = b"\n##EMBARGO-PART##\n"  # fuzz_util.h kPartSeparator
MAX_SEED = 24 * 1024

SRC, DATA, OUT = sys.argv[1], sys.argv[2], sys.argv[3]
rng = random.Random(7)
seeds = {}  # harness -> list of bytes
dict_words = {}  # harness -> set of bytes


def data(*parts):
    p = os.path.join(DATA, *parts)
    return p if os.path.isfile(p) else None


def src(*parts):
    p = os.path.join(SRC, *parts)
    return p if os.path.isfile(p) else None


def read(path):
    with open(path, "rb") as f:
        raw = f.read()
    return gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw


def add(harness, blob):
    if blob is not None and len(blob) <= MAX_SEED * 4:
        seeds.setdefault(harness, []).append(blob)


def words(harness, items):
    dict_words.setdefault(harness, set()).update(
        w for w in items if 0 < len(w) <= 64)


def picks(n, k):
    """k sorted record indexes out of n: the first ones, then spread out."""
    if n <= k:
        return list(range(n))
    return sorted(set([0] + rng.sample(range(1, n), k - 1)))


# ---------------------------------------------------------------- XML lists
def xml_records(text, tag):
    pat = re.compile(rb"<(?:\w+:)?%s[\s>].*?</(?:\w+:)?%s>" % (tag, tag), re.S)
    return [m.span() for m in pat.finditer(text)]


def xml_excerpt(text, spans, keep):
    """The document with every record not in `keep` removed, so containers,
    headers and namespaces stay as published."""
    out, pos = [], 0
    for i, (a, b) in enumerate(spans):
        out.append(text[pos:a])
        if i in keep:
            out.append(text[a:b])
        pos = b
    out.append(text[pos:])
    return b"".join(out)


def xml_seeds(harness, path, tags, n_seeds=8, per_seed=3):
    if not path:
        return
    text = read(path)
    spans = sorted(s for t in tags for s in xml_records(text, t))
    words(harness, set(re.findall(rb"</?[\w:]+", text)))
    words(harness, set(re.findall(rb'\s[\w:]+="', text)))
    for _ in range(n_seeds):
        keep = set(picks(len(spans), per_seed))
        blob = xml_excerpt(text, spans, keep)
        if len(blob) > MAX_SEED:  # a big header: keep the first record only
            blob = xml_excerpt(text, spans, {0})
        add(harness, blob)


# ---------------------------------------------------------------- CSV lists
def csv_records(text, sep=b","):
    """Byte spans of CSV records (quoted newlines stay inside a record)."""
    spans, start, quoted, i, n = [], 0, False, 0, len(text)
    while i < n:
        c = text[i:i + 1]
        if c == b'"':
            quoted = not quoted
        elif c == b"\n" and not quoted:
            spans.append((start, i + 1))
            start = i + 1
        i += 1
    if start < n:
        spans.append((start, n))
    return spans


def csv_seeds(harness, path, header_records, n_seeds=8, per_seed=4,
              gz_too=False):
    if not path:
        return
    text = read(path)
    spans = csv_records(text)
    head = b"".join(text[a:b] for a, b in spans[:header_records])
    body = spans[header_records:]
    if header_records:
        words(harness, set(re.split(rb'[,\t"\r\n]+', head)))
    for s in range(n_seeds):
        keep = picks(len(body), per_seed)
        blob = head + b"".join(text[body[i][0]:body[i][1]] for i in keep)
        add(harness, blob)
        if gz_too and s == 0:
            add(harness, gzip.compress(blob, mtime=0))


def fixture_dir(harness, folder):
    d = os.path.join(SRC, "tests", "fixtures", folder)
    if os.path.isdir(d):
        for name in sorted(os.listdir(d)):
            p = os.path.join(d, name)
            if os.path.isfile(p) and not name.endswith((".md", ".py")):
                add(harness, read(p))


def inline_xml_from_tests(harness, test_file):
    """The XML documents the loader's unit tests hold as raw strings."""
    p = src("src", "sources", test_file)
    if not p:
        return
    text = open(p, "rb").read()
    for m in re.finditer(rb'R"\w*\((<\?xml.*?|<[A-Za-z].*?)\)\w*"', text, re.S):
        add(harness, m.group(1))


# UN
for p in (data("un_sc", "2026-02-27", "UN_consolidated.xml"),
          data("un_sc", "2025-08-02", "consolidatedLegacyByPRN.xml")):
    xml_seeds("un_xml", p, [b"INDIVIDUAL", b"ENTITY"])
inline_xml_from_tests("un_xml", "un_xml_test.cc")

# OFAC XML
for p in (data("ofac_consolidated", "2025-03-28", "consolidated.xml"),
          data("ofac_sdn", "2020-04-22_excerpt", "sdn.xml")):
    xml_seeds("ofac_xml", p, [b"sdnEntry"])
inline_xml_from_tests("ofac_xml", "ofac_xml_test.cc")

# EU, Canada
xml_seeds("eu_xml", data("eu_fsf", "2020-04-15_excerpt", "sample_eu.xml"),
          [b"sanctionEntity"])
fixture_dir("eu_xml", "eu")
xml_seeds("ca_xml", data("canada_sema", "2025-05-25", "cannada.xml"),
          [b"record"], per_seed=5)
fixture_dir("ca_xml", "ca")

# CSV-like lists
csv_seeds("csl", data("us_csl", "2022-05-16", "consolidated.csv.gz"), 1,
          gz_too=True)
fixture_dir("csl", "csl")
csv_seeds("uk_csv", data("uk_ofsi", "2020-04-27_excerpt", "sample_hmt.csv"), 2)
csv_seeds("uk_csv", data("uk_ofsi", "2018-11-29", "sanctionsconlist.csv"), 0)
fixture_dir("uk_csv", "uk")
csv_seeds("bis_dpl", data("us_bis_dpl", "2022-09-07", "dpl.txt"), 1)
fixture_dir("bis_dpl", "bis_dpl")
csv_seeds("uae_csv",
          data("uae_local_terrorist_list", "LS1309232025.csv"), 3)
fixture_dir("uae_csv", "uae")

# FtM JSON lines
ftm = data("opensanctions", "yente_zala", "entities.ftm.json")
if ftm:
    lines = read(ftm).splitlines(keepends=True)
    for _ in range(8):
        add("ftm", b"".join(lines[i] for i in picks(len(lines), 6)))
    words("ftm", set(re.findall(rb'"[A-Za-z]+":', read(ftm))))
fixture_dir("ftm", "ftm")


# OFAC CSV set: main rows plus the companion rows of the same entities.
def ofac_set_seeds(folder, n_seeds=8, per_seed=4):
    main = data("ofac_sdn", folder, "sdn.csv")
    if not main:
        return
    text = read(main)
    rows = [text[a:b] for a, b in csv_records(text)]
    companions = []
    for name in ("alt.csv", "add.csv", "sdn_comments.csv"):
        p = data("ofac_sdn", folder, name)
        companions.append(
            [read(p)[a:b] for a, b in csv_records(read(p))] if p else [])
    for _ in range(n_seeds):
        keep = [rows[i] for i in picks(len(rows), per_seed)]
        ents = {r.split(b",", 1)[0] for r in keep}
        parts = [b"".join(keep)]
        for comp in companions:
            parts.append(b"".join(r for r in comp
                                  if r.split(b",", 1)[0] in ents))
        add("ofac_csv", SEP.join(parts))


ofac_set_seeds("2021-07-07")
fixture = os.path.join(SRC, "tests", "fixtures", "ofac_csv", "set")
if os.path.isdir(fixture):
    add("ofac_csv", SEP.join(
        read(os.path.join(fixture, n)) if os.path.isfile(os.path.join(fixture, n))
        else b"" for n in ("sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv")))
main_2024 = data("ofac_sdn", "2024-05-03", "sdn.csv")
if main_2024:
    t = read(main_2024)
    sp = csv_records(t)
    for _ in range(4):
        add("ofac_csv", b"".join(t[sp[i][0]:sp[i][1]]
                                 for i in picks(len(sp), 5)))


# ------------------------------------------------------------ AU workbooks
def xlsx_parts(blob, max_rows=None):
    """A workbook as the harness's parts input ("name\\ncontent" each)."""
    z = zipfile.ZipFile(io.BytesIO(blob))
    members = {n: z.read(n) for n in z.namelist()}
    if max_rows is not None:
        for name, content in list(members.items()):
            if name.startswith("xl/worksheets/"):
                rows = [m.span() for m in
                        re.finditer(rb"<row[\s>].*?</row>", content, re.S)]
                cut = xml_excerpt(content, rows, set(range(max_rows)))
                members[name] = cut
                used = [int(v) for v in re.findall(
                    rb'<c[^>]*t="s"[^>]*>\s*<v>(\d+)</v>', cut)]
                top = max(used) + 1 if used else 1
                for sname in members:
                    if "sharedstrings" in sname.lower():
                        s = members[sname]
                        si = [m.span() for m in
                              re.finditer(rb"<si>.*?</si>", s, re.S)]
                        members[sname] = xml_excerpt(s, si, set(range(top)))
    return SEP.join(n.encode() + b"\n" + c for n, c in members.items())


au = data("australia_dfat", "2024-12-17", "regulation8_consolidated.xlsx")
if au:
    add("au_xlsx", xlsx_parts(read(au), max_rows=12))
    add("au_xlsx", xlsx_parts(read(au), max_rows=3))
d = os.path.join(SRC, "tests", "fixtures", "au")
if os.path.isdir(d):
    for name in sorted(os.listdir(d)):
        if name.endswith(".xlsx"):
            blob = read(os.path.join(d, name))
            add("au_xlsx", blob)  # as a file ("PK...")
            try:
                add("au_xlsx", xlsx_parts(blob))
            except zipfile.BadZipFile:
                pass
for blob in seeds.get("au_xlsx", []):
    if blob[:2] != b"PK":
        words("au_xlsx", set(re.findall(rb"</?[\w:]+", blob)))
        words("au_xlsx", set(re.findall(rb'\s[\w:]+="', blob)))
words("au_xlsx", [b"xl/worksheets/sheet1.xml\n", b"xl/sharedStrings.xml\n",
                  b"xl/workbook.xml\n", b"xl/_rels/workbook.xml.rels\n",
                  b"docProps/core.xml\n", b"PK\x03\x04"])


# ------------------------------------------------------------------ names
def name_lines():
    names = []
    for folder, files in (("netransliteration", ("wd_arabic_20", "wd_chinese_20",
                                                 "wd_korean_20",
                                                 "wd_russian_20")),):
        for f in files:
            p = data("name_matching", folder, f)
            if p:
                lines = read(p).splitlines()
                for i in picks(len(lines), 40):
                    names.extend(x for x in lines[i].split(b"\t") if x)
    for f in ("positives_un_treated.csv", "negatives_global.csv"):
        p = data("name_matching", "yente", f)
        if p:
            lines = read(p).splitlines()[1:]
            for i in picks(len(lines), 30):
                names.extend(x.strip(b'"') for x in lines[i].split(b",")[:2])
    p = data("name_matching", "watchman", "cross_script_pairs.csv")
    if p:
        for line in read(p).splitlines()[1:]:
            names.extend(x.strip(b'"') for x in line.split(b",")[:2])
    names += [b"MADURO MOROS, Nicolas", b"KY'ONG-SU", b"S.A. de C.V.",
              b"J.R. Smith Jr.", b"al-Sayyid as-Sayyid", "김정은".encode(),
              "Владимир Путин".encode(), "محمد بن سلمان".encode(),
              "習近平".encode(), "Ｆｕｌｌｗｉｄｔｈ".encode(), b"abdurrahman",
              b"nasrullah saifuddin", b"Ltd Limited Liability Company"]
    return [n for n in names if 0 < len(n) <= 200]


NAMES = name_lines()
for n in NAMES:
    add("normalize", n)
words("normalize", [b",", b"'", b"-", b".", b" ", "’".encode(),
                    "\u00a0".encode(), "\u3000".encode()])

ascii_tokens = sorted({t for n in NAMES for t in
                       re.findall(rb"[a-z]+", n.lower()) if len(t) >= 2})
for i in range(60):
    a, b = rng.choice(ascii_tokens), rng.choice(ascii_tokens)
    if i % 3 == 0 and len(a) > 3:  # a typo of the same token
        j = rng.randrange(len(a) - 1)
        b = a[:j] + a[j + 1:j + 2] + a[j:j + 1] + a[j + 2:]
    add("similarity", bytes([rng.randrange(8)]) + a +
        b"\n" + b)

# ------------------------------------------------------- customers (screen)
cust = src("examples", "customers.csv")
if cust:
    text = read(cust)
    add("screen_csv", b"\x00" + text)
    add("screen_csv", b"\x01" + text)
rows = [b"id,name,kind,birth_date,country,passport,imo,bic"]
for i, n in enumerate(NAMES[:40]):
    rows.append(b'C%d,"%s",%s,19%02d-0%d-1%d,%s,,,' % (
        i, n.replace(b'"', b'""'), rng.choice([b"person", b"company", b""]),
        rng.randrange(100), rng.randrange(1, 10), rng.randrange(10),
        rng.choice([b"KP", b"RU", b"IR", b"", b"Syria"])))
add("screen_csv", b"\x00" + b"\n".join(rows[:15]) + b"\n")
add("screen_csv", b"\x00" + b"\r\n".join([rows[0]] + rows[15:]) + b"\r\n")
add("screen_csv", b"\x00name;dob\nIMO 9123456,,,\n")
words("screen_csv", [b"id", b"name", b"kind", b"type", b"birth_date", b"dob",
                     b"country", b"passport", b"imo", b"bic", b"swift",
                     b"person", b"company", b"vessel", b'"', b'""', b"\r\n"])

# ------------------------------------------------------------------ server
def req(method, target, ctype=b"", body=b""):
    return method + b"\n" + target + b"\n" + ctype + b"\n" + body


JSON = b"application/json"
match_req = src("tests", "fixtures", "server", "yente_match_request.json")
if match_req:
    add("server", req(b"POST", b"/match/default", JSON, read(match_req)))
add("server", req(b"POST", b"/match/default?limit=3&threshold=0.5&cutoff=0.2",
                  JSON, json.dumps({"queries": {"q1": {
                      "schema": "Person", "properties": {
                          "name": ["Ahmad al-Example"],
                          "birthDate": ["1970-05-01"],
                          "nationality": ["sy"]}}}}).encode()))
add("server", req(b"POST", b"/match/default", JSON, json.dumps({"queries": {
    "v": {"schema": "Vessel", "properties": {"name": ["Ocean Star"],
                                             "imoNumber": ["9123456"]}},
    "c": {"schema": "Company", "properties": {"name": ["Star Shipping Ltd"],
                                              "jurisdiction": ["mh"]}}}}
).encode()))
add("server", req(b"GET", b"/search?name=Ocean%20Star&limit=5&minMatch=0.5"))
add("server", req(b"GET", b"/v2/search?name=%EA%B9%80%EC%A0%95%EC%9D%80&"
                  b"type=person&birthDate=1970-01-01"))
add("server", req(b"GET", b"/entities/per-1"))
add("server", req(b"GET", b"/lists"))
add("server", req(b"GET", b"/readyz"))
add("server", req(b"HEAD", b"/healthz"))
if cust:
    add("server", req(b"POST", b"/screen?threshold=0.7&limit=2", b"text/csv",
                      read(cust)))
add("server", req(b"POST", b"/screen", b"application/x-ndjson",
                  b'{"id":"1","name":"Ocean Star"}\n'
                  b'{"id":"2","name":"Ahmad","birth_date":"1970"}\n'))
d = os.path.join(SRC, "examples", "shipments")
if os.path.isdir(d):
    for name in sorted(os.listdir(d)):
        add("server", req(b"POST", b"/trade/check?as_of=2024-06-01", JSON,
                          read(os.path.join(d, name))))
words("server", [b"POST", b"GET", b"HEAD", b"/match/", b"/search",
                 b"/v2/search", b"/screen", b"/trade/check", b"/entities/",
                 b"/lists", b"/admin/reload", b"/metrics", b"/openapi.json",
                 b"application/json", b"text/csv", b"application/x-ndjson",
                 b"%", b"%00", b"%ff", b"&", b"=", b"?", b'"queries"',
                 b'"properties"', b'"schema"', b'"name"', b"null", b"true",
                 b"[]", b"{}", b"1e999", b"-0"])

# --------------------------------------------------------- common tokens
for h in ("un_xml", "ofac_xml", "eu_xml", "ca_xml", "au_xlsx"):
    words(h, [b"<?xml", b"?>", b"<!--", b"-->", b"<![CDATA[", b"]]>",
              b"&amp;", b"&#x", b"&#", b"/>", b'="', b"xmlns=", b"<!DOCTYPE",
              b"encoding=\"", b"UTF-16"])
for h in ("csl", "uk_csv", "bis_dpl", "uae_csv", "ofac_csv", "screen_csv"):
    words(h, [b",", b"\t", b'"', b'""', b"\r\n", b"\r", b"\xef\xbb\xbf",
              b"\x1a", b"-0- ", b"01/02/1970", b"1970-01-02", b"\xe9",
              b"\x80"])
words("ofac_csv", [SEP])
words("au_xlsx", [SEP])
words("ftm", [b"{", b"}", b"[", b"]", b'"id"', b'"schema"',
              b'"properties"', b'"Person"', b'"Company"', b'"Vessel"',
              b'"Sanction"', b'"Address"', b"\\u0000", b"\\ud800", b"\n"])


# ------------------------------------------------------------------ write
def dict_line(w):
    out = []
    for b in w:
        if 0x20 <= b < 0x7f and b not in (0x22, 0x5c):
            out.append(chr(b))
        else:
            out.append("\\x%02x" % b)
    return '"' + "".join(out) + '"'


os.makedirs(os.path.join(OUT, "dict"), exist_ok=True)
for harness, blobs in sorted(seeds.items()):
    d = os.path.join(OUT, "seeds", harness)
    os.makedirs(d, exist_ok=True)
    for blob in blobs:
        name = hashlib.sha1(blob).hexdigest()
        with open(os.path.join(d, name), "wb") as f:
            f.write(blob)
for harness, ws in sorted(dict_words.items()):
    with open(os.path.join(OUT, "dict", harness + ".dict"), "w") as f:
        for w in sorted(ws):
            f.write(dict_line(w) + "\n")
print(" ".join("%s:%d" % (h, len(b)) for h, b in sorted(seeds.items())))
