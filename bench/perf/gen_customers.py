#!/usr/bin/env python3
"""Deterministic synthetic customer file for embargo's throughput and recall
measurements (docs/performance.md).

Writes N rows (default 1,000,000) of `id,name,kind,birth_date,country`, and
a sidecar TSV naming the planted rows: a known fraction (default 1%) of the
rows are names of listed entities, read from the official OFAC SDN CSV and
UN consolidated XML, as customers would type them (typos, reordering,
dropped middle names, case, hyphenation, the original script, aliases).

The other names are drawn, with Zipf-like frequencies (a few common names,
a long tail), from name parts read at run time from ../shared/data:
  - nomenklatura/names.gz: given-name equivalence groups across scripts
    (Latin with and without diacritics, Cyrillic, Arabic, Hangul), paired
    so that a romanized and a native form of one name stay together;
  - chinese_surnames/corpus.json: Chinese surnames in Han and pinyin (and
    Taiwan, Hong Kong and Korean romanizations);
  - yente negatives_{us,global}.csv: English, Hangul, Han, Cyrillic and
    Arabic-script given and family names of people who are not listed.
Cultures: English, Spanish, German, French, Russian (romanized and
Cyrillic), Arabic (romanized and Arabic script), Chinese (pinyin, Wade-Giles
and Han) and Korean (romanized and Hangul), plus companies in each.

Only python3's standard library; the same seed gives the same bytes. The
generated files belong in build/, never in the repository.

Usage: gen_customers.py --out build/perf/customers.csv
           [--rows N] [--planted-fraction F] [--seed S] [--sidecar PATH]
"""

import argparse
import bisect
import csv
import gzip
import itertools
import json
import os
import random
import re
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DATA = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "data"))

RE_ASCII = re.compile(r"^[a-z][a-z']{1,13}[a-z]$")
RE_LATIN_DIA = re.compile(r"^[a-zà-öø-ÿāăąćčďđēėęěğīıįķļľłńňņōőœřśşšţťūůűųźżž']{3,15}$")
RE_CYR_RU = re.compile(r"^[а-яё]{3,14}$")
RE_ARABIC = re.compile(r"^[\u0621-\u064a]{2,12}$")
# Letters that Arabic-script renderings of European names rarely use: a
# group with one of them is most likely an Arabic name.
RE_ARABIC_NATIVE = re.compile(r"[عحخقصضطظ]")
# The alphabets of the Latin-script languages, so that their pools keep
# names that look like theirs.
RE_ES = re.compile(r"^[a-záéíóúñü]+$")
RE_DE = re.compile(r"^[a-zäöüß]+$")
RE_FR = re.compile(r"^[a-zàâçéèêëîïôûùüÿœ]+$")
# Slavic and Baltic feminine surname endings: not Spanish, French, German.
RE_NOT_WEST = re.compile(r"(ov[aá]|ówna|ská|ck[aá]|ien[eė]|yt[eė]|aitė)$")
# Pools from names.gz keep the most widely known names (the biggest
# groups): the tail of Wikidata's forms is noisy.
POOL_CAP = 3000
RU_POOL = 4000
RE_HANGUL = re.compile(r"^[\uac00-\ud7a3]{1,3}$")
RE_HAN = re.compile(r"^[\u4e00-\u9fff]{1,3}$")
RE_KOREAN_ROMAN = re.compile(r"^[a-z]{1,4}-[a-z]{1,4}$")

RU_TRANSLIT = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m",
     "n", "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch",
     "", "y", "", "e", "yu", "ya"]))


def translit_ru(s):
    return "".join(RU_TRANSLIT.get(c, c) for c in s)


def edit_distance(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


class Zipf:
    """Draws items (most common first) with weight 1/(rank+offset)^s."""

    def __init__(self, items, s=0.9, offset=3):
        if not items:
            raise ValueError("empty name pool")
        self.items = items
        acc, total = [], 0.0
        for rank in range(len(items)):
            total += 1.0 / (rank + offset) ** s
            acc.append(total)
        self.cum = acc
        self.total = total

    def __call__(self, rng):
        i = bisect.bisect_left(self.cum, rng.random() * self.total)
        return self.items[min(i, len(self.items) - 1)]


def dedupe(seq):
    seen = set()
    out = []
    for x in seq:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out


def title(s):
    return "-".join(p[:1].upper() + p[1:] for p in s.split("-"))


def read_yente(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


class Pools:
    """Name-part pools per culture, built from the shared data files."""

    def __init__(self, data):
        nd = os.path.join(data, "name_matching")
        groups = []
        with gzip.open(os.path.join(nd, "nomenklatura", "names.gz"), "rt",
                       encoding="utf-8") as f:
            for line in f:
                forms = line.split(" => ")[0].strip().split(", ")
                groups.append(forms)
        # Bigger groups are names known in more languages: more common.
        groups.sort(key=lambda g: (-len(g), g[0]))

        ascii_all, es, de, fr = [], [], [], []
        ru_pairs, ar_latin, ar_native, ko_pairs = [], [], [], []
        for g in groups:
            asc = [x for x in g if RE_ASCII.match(x)]
            dia = [x for x in g if RE_LATIN_DIA.match(x) and not x.isascii()]
            cyr = [x for x in g if RE_CYR_RU.match(x)]
            arb = [x for x in g if RE_ARABIC.match(x)]
            hgl = [x for x in g if RE_HANGUL.match(x)]
            if asc and len(g) >= 3:
                ascii_all.append(asc[0])
            dia = [x for x in dia if not RE_NOT_WEST.search(x)]
            for x in dia:
                if RE_ES.match(x):
                    es.append(x)
                if RE_DE.match(x):
                    de.append(x)
                if RE_FR.match(x):
                    fr.append(x)
            for x in asc:
                if re.search(r"(ez|os|ero|ado|ito|ia|ez)$", x) and len(x) >= 5:
                    es.append(x)
                if re.search(r"(mann|berg|bauer|schmidt|hoff|stein|ler|ner)$", x):
                    de.append(x)
                if re.search(r"(eau|ier|ard|ette|ault|elle|oux)$", x):
                    fr.append(x)
            if cyr and asc and len(ru_pairs) < RU_POOL:
                c = cyr[0]
                latin = min(asc, key=lambda a: edit_distance(a, translit_ru(c)))
                if edit_distance(latin, translit_ru(c)) <= 2:
                    ru_pairs.append((c, latin))
            if arb and asc and any(RE_ARABIC_NATIVE.search(a) for a in arb):
                ar_native.append(arb[0])
                ar_latin.append(asc)  # every spelling of the name
            if hgl and any(RE_KOREAN_ROMAN.match(x) for x in g):
                rom = [x for x in g if RE_KOREAN_ROMAN.match(x)][0]
                ko_pairs.append((hgl[0], rom))

        us = read_yente(os.path.join(nd, "yente", "negatives_us.csv"))
        glob = read_yente(os.path.join(nd, "yente", "negatives_global.csv"))

        def col(rows, key, pattern):
            return dedupe(v for r in rows for v in [r[key]]
                          if v and re.search(pattern, v))

        latin_last = col(glob, "last_name", r"^[A-Za-zÀ-ÿ' -]+$")
        us = [r for r in us if r["full_name"].isascii()]
        self.en_given = Zipf(dedupe([r["first_name"] for r in us if r["first_name"]] +
                                    [r["middle_name"] for r in us if r["middle_name"]] +
                                    [title(x) for x in ascii_all[:3000]]))
        self.en_last = Zipf(dedupe([r["last_name"] for r in us if r["last_name"]] +
                                   [title(x) for x in ascii_all
                                    if re.search(r"(son|ton|ley|wood|field|man|er|ford|ham)$", x)]))
        def lang(names, extra_last_pattern):
            given = Zipf(dedupe(title(x) for x in names))
            last = Zipf(dedupe([x for x in latin_last if re.search(extra_last_pattern, x)] +
                               [title(x) for x in names[::-1]]))
            return given, last
        self.es_given, self.es_last = lang(dedupe(es)[:POOL_CAP], r"(ez|es|[áéíóúñ])")
        self.de_given, self.de_last = lang(dedupe(de)[:POOL_CAP], r"([äöüß]|mann|er$)")
        self.fr_given, self.fr_last = lang(dedupe(fr)[:POOL_CAP], r"([éèêëçàâ]|eau|ier)")

        ru_pairs = dedupe(ru_pairs)
        cyr_glob_last = col(glob, "last_name", r"^[А-Яа-яЁё-]+$")
        self.ru_given = Zipf(ru_pairs)
        self.ru_glob_last = Zipf(cyr_glob_last) if cyr_glob_last else None

        ar_latin, ar_native = ar_latin[:POOL_CAP], ar_native[:POOL_CAP]
        ko_pairs = ko_pairs[:POOL_CAP]
        self.ar_latin = Zipf(ar_latin)
        self.ar_native = Zipf(dedupe(ar_native +
                                     col(glob, "first_name", r"^[\u0600-\u06ff]+$")))
        self.ar_native_last = Zipf(dedupe(col(glob, "last_name", r"^[\u0600-\u06ff ]+$") +
                                          ar_native[::-1]))

        with open(os.path.join(nd, "chinese_surnames", "corpus.json"), encoding="utf-8") as f:
            sur = json.load(f)
        zh = [(s["zh_sim"], s["mainland"], s["taiwan"].split("/")[0] or s["mainland"],
               s["korea"].split("/")) for s in sur if s["mainland"] and len(s["zh_sim"]) <= 2]
        self.zh_sur = Zipf(zh, s=1.1)
        syll = dedupe(s["mainland"].lower() for s in sur
                      if s["mainland"] and len(s["zh_sim"]) == 1 and " " not in s["mainland"])
        self.pinyin = Zipf(syll, s=0.7)
        self.han_given = Zipf(dedupe(col(glob, "first_name", r"^[\u4e00-\u9fff]+$") +
                                     col(glob, "middle_name", r"^[\u4e00-\u9fff]+$")))
        self.han_sur = Zipf([z[0] for z in zh], s=1.1)

        ko_sur = dedupe(k for z in zh for k in z[3] if k)
        self.ko_sur_latin = Zipf(["Kim", "Lee", "Park"] + ko_sur, s=1.2)
        self.ko_given = Zipf(dedupe(ko_pairs))
        self.hangul_given = Zipf(dedupe([p[0] for p in ko_pairs if len(p[0]) == 2] +
                                        col(glob, "first_name", r"^[\uac00-\ud7a3]+$") +
                                        col(glob, "middle_name", r"^[\uac00-\ud7a3]+$")))
        self.hangul_sur = Zipf(dedupe(["김", "이", "박"] +
                                      col(glob, "last_name", r"^[\uac00-\ud7a3]$")), s=1.2)
        self.sizes = {k: len(v.items) for k, v in vars(self).items() if isinstance(v, Zipf)}


# Companies: name word, business word, legal form, per culture.
ORG_WORDS = {
    "en": (["Trading", "Holdings", "Logistics", "Consulting", "Industries", "Shipping",
            "Capital", "Group", "Technologies", "Imports"], ["LLC", "Ltd", "Inc.", "Limited", "Corp."]),
    "es": (["Comercial", "Inversiones", "Servicios", "Importaciones", "Transportes"],
           ["S.A. de C.V.", "S.L.", "S.A."]),
    "de": (["Handel", "Logistik", "Bau", "Maschinenbau", "Immobilien"], ["GmbH", "AG", "KG"]),
    "fr": (["Conseil", "Transports", "Industries", "Négoce", "Distribution"], ["SARL", "SAS", "SA"]),
    "ru": (["Торг", "Строй", "Транс", "Снаб"], ["ООО", "АО"]),
    "ru_latin": (["Trade", "Stroy", "Trans", "Invest"], ["OOO", "LLC", "JSC"]),
    "ar": (["General Trading", "Contracting", "Exchange", "Petroleum"], ["LLC", "FZE", "Co."]),
    "zh": (["Trading", "Electronics", "Import & Export", "Technology"], ["Co., Ltd.", "Limited"]),
    "ko": (["Corporation", "Industrial", "Trading", "Shipping"], ["Co., Ltd.", "Inc."]),
}

COUNTRIES = {
    "en": ["US", "GB", "CA", "AU", "IE"], "es": ["ES", "MX", "AR", "CO", "CL"],
    "de": ["DE", "AT", "CH"], "fr": ["FR", "BE", "CA", "CH"], "ru": ["RU", "BY", "KZ", "UA"],
    "ar": ["AE", "SA", "EG", "JO", "LB", "IQ"], "zh": ["CN", "TW", "HK", "SG"],
    "ko": ["KR", "US"],
}


class Generator:
    def __init__(self, pools, rng):
        self.p = pools
        self.rng = rng
        # (weight, function) for each kind of person name.
        self.cultures = [
            (0.22, "en", self.english), (0.10, "es", self.spanish),
            (0.06, "de", self.german), (0.06, "fr", self.french),
            (0.08, "ru", self.russian_latin), (0.05, "ru", self.russian_cyrillic),
            (0.10, "ar", self.arabic_latin), (0.05, "ar", self.arabic_native),
            (0.08, "zh", self.chinese_latin), (0.04, "zh", self.chinese_han),
            (0.05, "ko", self.korean_latin), (0.03, "ko", self.korean_hangul),
        ]
        self.cum = list(itertools.accumulate(w for w, _, _ in self.cultures))

    def western(self, given, last, middle_p=0.3, double_last=0.0):
        r = self.rng
        parts = [given(r)]
        if r.random() < middle_p:
            parts.append(given(r))
        parts.append(last(r))
        if r.random() < double_last:
            parts.append(last(r))
        return " ".join(parts)

    def english(self):
        return self.western(self.p.en_given, self.p.en_last, 0.35)

    def spanish(self):
        return self.western(self.p.es_given, self.p.es_last, 0.3, 0.7)

    def german(self):
        return self.western(self.p.de_given, self.p.de_last, 0.25)

    def french(self):
        name = self.western(self.p.fr_given, self.p.fr_last, 0.25)
        if self.rng.random() < 0.15:  # Jean-Pierre
            first, rest = name.split(" ", 1)
            name = f"{first}-{title(self.p.fr_given(self.rng))} {rest}"
        return name

    def russian_parts(self):
        r = self.rng
        female = r.random() < 0.5
        cg, lg = self.p.ru_given(r)
        cf, lf = self.p.ru_given(r)  # father
        cs, ls = self.p.ru_given(r)  # surname from a given name
        def surname(c, l):
            if c.endswith("й"):
                return c[:-1] + "ев", l[:-1] + "ev"
            if c[-1] in "аяеоиуыэю":
                return c[:-1] + "ин", l[:-1] + "in"
            return c + "ов", l + "ov"
        def patronymic(c, l):
            stem_c, stem_l, suf = c, l, ("овна", "ovna") if female else ("ович", "ovich")
            if c.endswith("й"):
                stem_c, stem_l = c[:-1], l[:-1]
                suf = ("евна", "evna") if female else ("евич", "evich")
            elif c[-1] in "аяеоиуыэю":
                stem_c, stem_l = c[:-1], l[:-1]
            return stem_c + suf[0], stem_l + suf[1]
        sc, sl = surname(cs, ls)
        if r.random() < 0.15 and self.p.ru_glob_last:
            sc = self.p.ru_glob_last(r)
            sl = translit_ru(sc.lower())
        if female:
            sc, sl = sc + "а", sl + "a"
        pc, pl = patronymic(cf, lf)
        with_patronymic = r.random() < 0.5
        return (cg, pc if with_patronymic else None, sc), (lg, pl if with_patronymic else None, sl)

    def russian_latin(self):
        _, (g, p, s) = self.russian_parts()
        parts = [g] + ([p] if p else []) + [s]
        if self.rng.random() < 0.3:  # "IVANOV Sergei Petrovich", as on forms
            parts = [s.upper()] + parts[:-1]
        return " ".join(title(x) if not x.isupper() else x for x in parts)

    def russian_cyrillic(self):
        (g, p, s), _ = self.russian_parts()
        parts = [s, g] + ([p] if p else []) if self.rng.random() < 0.5 else [g] + ([p] if p else []) + [s]
        return " ".join(title(x) for x in parts)

    def arabic_latin(self):
        r = self.rng
        spell = lambda: r.choice(self.p.ar_latin(r))
        parts = [spell(), spell()]
        if r.random() < 0.4:
            parts.append(spell())
        family = spell()
        if r.random() < 0.3:
            family = r.choice(["al-", "al ", "el-", "Al "]) + family
        parts.append(family)
        if r.random() < 0.15:
            parts.insert(1, r.choice(["bin", "ibn", "bint"]))
        return " ".join(title(x) for x in parts)

    def arabic_native(self):
        r = self.rng
        parts = [self.p.ar_native(r), self.p.ar_native(r)]
        last = self.p.ar_native_last(r)
        if r.random() < 0.3 and not last.startswith("ال"):
            last = "ال" + last
        return " ".join(parts + [last])

    def chinese_latin(self):
        r = self.rng
        han, py, wg, _ = self.p.zh_sur(r)
        syl = [self.p.pinyin(r) for _ in range(1 if r.random() < 0.3 else 2)]
        u = r.random()
        if u < 0.5:
            given = "".join(syl).capitalize()
            return f"{py} {given}" if r.random() < 0.5 else f"{given} {py}"
        if u < 0.8:
            return f"{py} {' '.join(s.capitalize() for s in syl)}"
        # Taiwan style: Chang Wei-ming.
        return f"{wg} {'-'.join(syl).capitalize()}"

    def chinese_han(self):
        r = self.rng
        sur = self.p.han_sur(r)
        given = self.p.han_given(r)
        return sur + given if r.random() < 0.8 else f"{sur} {given}"

    def korean_latin(self):
        r = self.rng
        sur = self.p.ko_sur_latin(r)
        _, rom = self.p.ko_given(r)
        u = r.random()
        given = title(rom) if u < 0.5 else (rom.replace("-", "").capitalize() if u < 0.8
                                             else " ".join(x.capitalize() for x in rom.split("-")))
        return f"{sur} {given}" if r.random() < 0.4 else f"{given} {sur}"

    def korean_hangul(self):
        r = self.rng
        sur, given = self.p.hangul_sur(r), self.p.hangul_given(r)
        return sur + given if r.random() < 0.7 else f"{sur} {given}"

    def company(self, culture):
        r = self.rng
        key = culture
        if culture == "ru" and r.random() < 0.5:
            key = "ru_latin"
        words, forms = ORG_WORDS[key]
        if culture == "ru":
            (g, _, s), (lg, _, ls) = self.russian_parts()
            base = s if key == "ru" else title(ls)
            return f"{r.choice(forms)} \"{base}{r.choice(words).lower()}\"" if r.random() < 0.5 \
                else f"{r.choice(forms)} {base} {r.choice(words)}"
        if culture == "zh":
            han, py, _, _ = self.p.zh_sur(r)
            base = (py + self.p.pinyin(r)).capitalize()
        elif culture == "ko":
            base = self.p.ko_sur_latin(r)
        elif culture == "ar":
            base = title(r.choice(self.p.ar_latin(r)))
        else:
            base = getattr(self.p, f"{culture}_last")(r)
        return f"{base} {r.choice(words)} {r.choice(forms)}"

    def person_or_company(self):
        r = self.rng
        i = bisect.bisect_left(self.cum, r.random() * self.cum[-1])
        _, culture, fn = self.cultures[min(i, len(self.cultures) - 1)]
        country = r.choice(COUNTRIES[culture])
        if r.random() < 0.08:
            return self.company(culture), "organization", "", country
        name = fn()
        if r.random() < 0.08 and name.isascii():
            name = name.upper()  # many customer systems store upper case
        y = r.randint(1940, 2005)
        m = r.randint(1, 12)
        d = r.randint(1, 28)
        birth = f"{y:04d}-{m:02d}-{d:02d}" if r.random() < 0.85 else (str(y) if r.random() < 0.5 else "")
        return name, "person", birth, country


# ---------------------------------------------------------------- planted

def read_ofac(path):
    """(entity id, kind, listed name, tokens in reading order) per SDN row."""
    out = []
    with open(path, encoding="ascii", errors="replace", newline="") as f:
        for row in csv.reader(f):
            if len(row) < 3 or not row[0].strip().isdigit():
                continue
            kind = row[2].strip()
            name = row[1].strip()
            if kind == "individual":
                if "," in name:
                    last, given = name.split(",", 1)
                    tokens = given.split() + last.split()
                else:
                    tokens = name.split()
                out.append((f"ofac-{row[0].strip()}", "person", name, tokens, []))
            elif kind == "-0-":
                out.append((f"ofac-{row[0].strip()}", "organization", name, name.split(), []))
    return out


def read_un(path):
    out = []
    root = ET.parse(path).getroot()
    for tag, kind in (("INDIVIDUAL", "person"), ("ENTITY", "organization")):
        for e in root.iter(tag):
            ref = (e.findtext("REFERENCE_NUMBER") or "").strip()
            parts = [(e.findtext(t) or "").strip() for t in
                     ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")]
            parts = [p for p in parts if p]
            if not ref or not parts:
                continue
            name = " ".join(parts)
            extras = []
            script = (e.findtext("NAME_ORIGINAL_SCRIPT") or "").strip()
            if script:
                extras.append(("original_script", script))
            for a in e.iter(f"{tag}_ALIAS"):
                alias = (a.findtext("ALIAS_NAME") or "").strip()
                if alias and (a.findtext("QUALITY") or "").strip() == "Good":
                    extras.append(("alias", alias))
            out.append((f"un-{ref}", kind, name, name.split(), extras))
    return out


KEYBOARD_NEIGHBOURS = {
    "a": "sqz", "b": "vn", "c": "xv", "d": "sf", "e": "wr", "f": "dg", "g": "fh",
    "h": "gj", "i": "uo", "j": "hk", "k": "jl", "l": "k", "m": "n", "n": "bm",
    "o": "ip", "p": "o", "q": "w", "r": "et", "s": "ad", "t": "ry", "u": "yi",
    "v": "cb", "w": "qe", "x": "zc", "y": "tu", "z": "x",
}


def typo(token, rng):
    if len(token) < 5:
        return token
    i = rng.randrange(1, len(token) - 1)
    c = token[i]
    op = rng.randrange(4)
    if op == 0 and c.lower() in KEYBOARD_NEIGHBOURS:
        sub = rng.choice(KEYBOARD_NEIGHBOURS[c.lower()])
        return token[:i] + (sub.upper() if c.isupper() else sub) + token[i + 1:]
    if op == 1:
        return token[:i] + token[i + 1:]
    if op == 2:
        return token[:i] + token[i] + token[i:]  # doubled letter
    return token[:i] + token[i + 1] + token[i] + token[i + 2:]


def customer_case(tokens):
    return [t if not t.isupper() or len(t) <= 3 else title(t.lower()) for t in tokens]


VARIANTS = [("exact", 0.18), ("as_listed", 0.08), ("case", 0.10), ("typo", 0.22),
            ("reorder", 0.14), ("drop_middle", 0.10), ("hyphen", 0.08),
            ("original_script", 0.05), ("alias", 0.05)]


def plant(entity, rng):
    eid, kind, listed, tokens, extras = entity
    cum = list(itertools.accumulate(w for _, w in VARIANTS))
    variant = VARIANTS[bisect.bisect_left(cum, rng.random() * cum[-1])][0]
    tokens = customer_case(tokens) if kind == "person" else list(tokens)
    extra = dict()
    for k, v in extras:
        extra.setdefault(k, []).append(v)
    if variant in extra:
        return rng.choice(extra[variant]), variant
    if variant in ("original_script", "alias"):
        variant = "exact"
    if variant == "as_listed":
        return listed, variant
    if variant == "case":
        joined = " ".join(tokens)
        return (joined.upper() if rng.random() < 0.5 else joined.lower()), variant
    if variant == "typo":
        idx = [i for i, t in enumerate(tokens) if len(t) >= 5]
        if idx:
            i = rng.choice(idx)
            tokens = tokens[:i] + [typo(tokens[i], rng)] + tokens[i + 1:]
            return " ".join(tokens), variant
        variant = "exact"
    if variant == "reorder" and len(tokens) >= 2 and kind == "person":
        return " ".join([tokens[-1]] + tokens[:-1]), variant
    if variant == "drop_middle" and len(tokens) >= 3 and kind == "person":
        i = rng.randrange(1, len(tokens) - 1)
        return " ".join(tokens[:i] + tokens[i + 1:]), variant
    if variant == "hyphen" and len(tokens) >= 2:
        joined = " ".join(tokens)
        if "-" in joined:
            return joined.replace("-", " " if rng.random() < 0.5 else ""), variant
        i = rng.randrange(len(tokens) - 1)
        return " ".join(tokens[:i] + [tokens[i] + "-" + tokens[i + 1]] + tokens[i + 2:]), variant
    return " ".join(tokens), "exact"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True, help="customer CSV to write")
    ap.add_argument("--sidecar", help="planted rows TSV (default: OUT.planted.tsv)")
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--planted-fraction", type=float, default=0.01)
    ap.add_argument("--seed", type=int, default=20240503)
    ap.add_argument("--data", default=DEFAULT_DATA, help="the shared data folder")
    args = ap.parse_args()
    sidecar = args.sidecar or re.sub(r"\.csv$", "", args.out) + ".planted.tsv"

    rng = random.Random(args.seed)
    pools = Pools(args.data)
    gen = Generator(pools, rng)
    listed = read_ofac(os.path.join(args.data, "ofac_sdn", "2024-05-03", "sdn.csv"))
    un = read_un(os.path.join(args.data, "un_sc", "2026-02-27", "UN_consolidated.xml"))
    n_planted = round(args.rows * args.planted_fraction)
    planted_rows = set(random.Random(args.seed + 1).sample(range(args.rows), n_planted))
    prng = random.Random(args.seed + 2)

    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    width = len(str(args.rows))
    with open(args.out, "w", encoding="utf-8", newline="") as out, \
            open(sidecar, "w", encoding="utf-8", newline="") as side:
        w = csv.writer(out, lineterminator="\n")
        w.writerow(["id", "name", "kind", "birth_date", "country"])
        side.write("id\texpected_entity_id\tvariant\tlisted_name\tquery_name\n")
        for i in range(args.rows):
            rid = f"C{i + 1:0{width}d}"
            if i in planted_rows:
                entity = prng.choice(un) if prng.random() < 0.3 else prng.choice(listed)
                name, variant = plant(entity, prng)
                w.writerow([rid, name, entity[1], "", ""])
                side.write(f"{rid}\t{entity[0]}\t{variant}\t{entity[2]}\t{name}\n")
            else:
                w.writerow([rid, *gen.person_or_company()])
    print(f"wrote {args.rows} rows ({n_planted} planted) to {args.out}; "
          f"planted rows in {sidecar}", file=sys.stderr)
    print("pool sizes: " + ", ".join(f"{k} {v}" for k, v in sorted(pools.sizes.items())),
          file=sys.stderr)


if __name__ == "__main__":
    main()
