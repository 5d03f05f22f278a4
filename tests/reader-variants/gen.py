#!/usr/bin/env python3
"""Renders structured documents as plain text in many conventions.

usage: gen.py OUTDIR

Each variant is OUTDIR/GROUP--NAME.txt (the bytes the reader gets) beside
OUTDIR/GROUP--NAME.expect.json (the structure it was rendered from: the
skeleton check.py compares the reader's output with).  A group is one
convention (headings underlined with '=', one paragraph per line, UTF-16,
an epigraph, ...); its documents vary the rest.  The documents are the
suite's own trees (tests/data), headings of books (book-headings.json) and
synthetic ones; everything is drawn from a fixed seed, so the variants are
the same on every run.

A skeleton is {"meta": {title, subtitle, author, date}, "blocks": [...]}
(with "only": [keys], only those metadata fields are compared: the
title-page variants)
with blocks ["H", level, text], ["P", text], ["V", [lines]], ["Q", text]
(a quotation), ["C"] (a contents list); a footnote is "[^text]" in its
paragraph's text.
"""
import json
import os
import random
import sys
import textwrap

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

WORDS = ("time people year way day man thing woman life child world school state family "
         "student group country problem hand part place case week company system program "
         "question work government number night point home water room mother area money "
         "story fact month lot right study book eye job word business issue side kind head "
         "house service friend father power hour game line end member law car city name "
         "president team minute idea kid body information back parent face others level "
         "office door health person art war history party result change morning reason "
         "research girl guy moment air teacher force education river garden letter summer "
         "winter road village market bridge harbour mountain island forest valley").split()
VERBS = ("saw made took found gave told felt became left kept began seemed helped showed "
         "heard played ran moved lived believed brought wrote provided sat stood lost paid "
         "met included continued learned changed led understood watched followed stopped "
         "created spoke read spent grew opened walked won offered remembered loved "
         "considered appeared bought waited served sent expected built stayed fell reached "
         "remained suggested raised passed sold decided returned explained hoped developed "
         "carried broke received agreed supported").split()
ADJ = ("old new good high great small large young early long important public bad same "
       "able last late hard major better economic strong possible whole free military true "
       "federal international full special easy clear recent certain personal open red "
       "difficult available likely short single medical current wrong private past foreign "
       "fine common poor natural significant similar hot dead central happy serious ready "
       "simple left physical general environmental financial blue democratic dark various "
       "entire close legal religious cold final main green nice huge popular traditional "
       "cultural quiet distant golden silent").split()
TITLE_NOUNS = ("Garden River Letters Winter Summer Road Village Market Bridge Harbour "
               "Mountain Island Forest Valley Memory Journey Silence Voices Shadows Light "
               "Origins Questions Answers Method Results Conclusions Sources Beginnings "
               "Legacy Reflection Alliance Currents Cracks Surface Vision Exchange Work "
               "Households Machines Weather Rivers Songs Maps Borders Cities Archives").split()
NAMES = ["Jane Doe", "Arthur Penhallow", "Maria Castellanos", "Henry W. Fowler",
         "Olive Schreiner", "T. E. Hulme", "Rosa Luxembourg", "Samuel Pickering"]
DATES = ["March 3, 1921", "1 May 1968", "Autumn 1893", "June 1904", "2019-04-12"]

LATIN1_WORDS = "café naïve façade rôle déjà señor über años crème façon élan".split()

CYR_WORDS = ("время человек год дело жизнь день рука работа слово место лицо друг глаз вопрос "
             "дом сторона страна мир случай голова ребенок сила конец вид система часть город "
             "отношение женщина деньги земля машина вода отец проблема час право нога решение "
             "дверь образ история власть закон война бог голос тысяча книга").split()
CYR_TITLES = ["Начало пути", "Город и деревня", "Голос истории", "Новые люди",
              "Земля и вода", "Конец войны", "Письма отца", "Дорога домой"]
GRK_WORDS = ("χρόνος άνθρωπος χρόνια τρόπος ημέρα ζωή παιδί κόσμος σχολείο κράτος οικογένεια "
             "χώρα πρόβλημα χέρι μέρος τόπος εβδομάδα εταιρεία σύστημα ερώτηση δουλειά νύχτα "
             "σπίτι νερό δωμάτιο μητέρα χρήματα ιστορία γεγονός μήνας βιβλίο μάτι λόγος "
             "θάλασσα πόλη δρόμος").split()
GRK_TITLES = ["Η αρχή", "Η θάλασσα και η πόλη", "Ιστορία του τόπου", "Νέοι άνθρωποι",
              "Ο δρόμος", "Το τέλος", "Γράμματα", "Επιστροφή"]
ZH_CHARS = ("的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之"
            "过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又"
            "如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明")
ZH_NUM = "一二三四五六七八九十"
ZH_TITLES = ["引言", "历史背景", "文化交流", "分歧的开始", "结论", "影响与反思", "经济合作",
             "思想的传播"]
JA_CHARS = ("あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわを"
            "ん日本人時間大学生先年月今何会社事話手出見行来言")
JA_TITLES = ["はじめに", "歴史的背景", "文化の交流", "結論", "問題の所在", "方法", "考察", "おわりに"]


class Doc:
    """A document: metadata, body blocks, notes."""

    def __init__(self):
        self.title = self.subtitle = self.author = self.date = None
        self.epigraph = None       # (lines, attribution)
        self.dedication = None
        self.blocks = []           # ("h", level, text) ("p", text) ("v", [lines])
        self.notes = []            # note texts, numbered from 1 in order
        self.script = "latin"


def sentence(r, words=WORDS, lo=6, hi=16):
    n = r.randint(lo, hi)
    out = []
    for i in range(n):
        if i % 4 == 2:
            out.append(r.choice(VERBS) if words is WORDS else r.choice(words))
        elif i % 4 == 1 and words is WORDS:
            out.append(r.choice(ADJ))
        else:
            out.append(r.choice(words))
    s = " ".join(out)
    return s[0].upper() + s[1:] + "."


def paragraph(r, script="latin", lo=3, hi=7):
    if script == "zh":
        return "".join("".join(r.choice(ZH_CHARS) for _ in range(r.randint(12, 30))) + "。"
                       for _ in range(r.randint(lo, hi)))
    if script == "ja":
        return "".join("".join(r.choice(JA_CHARS) for _ in range(r.randint(12, 30))) + "。"
                       for _ in range(r.randint(lo, hi)))
    words = {"latin": WORDS, "cyr": CYR_WORDS, "grk": GRK_WORDS}[script]
    return " ".join(sentence(r, words) for _ in range(r.randint(lo, hi)))


def heading_text(r, script="latin"):
    if script == "cyr":
        return r.choice(CYR_TITLES)
    if script == "grk":
        return r.choice(GRK_TITLES)
    if script == "zh":
        return r.choice(ZH_TITLES)
    if script == "ja":
        return r.choice(JA_TITLES)
    shape = r.randint(0, 3)
    if shape == 0:
        return r.choice(TITLE_NOUNS)
    if shape == 1:
        return "%s %s" % (r.choice(ADJ).capitalize(), r.choice(TITLE_NOUNS))
    if shape == 2:
        return "The %s of the %s" % (r.choice(TITLE_NOUNS), r.choice(TITLE_NOUNS))
    return "%s and %s" % (r.choice(TITLE_NOUNS), r.choice(TITLE_NOUNS))


def synthetic(r, script="latin", levels=1, sections=None, lead=False):
    d = Doc()
    d.script = script
    n = sections or r.randint(3, 6)
    used = set()
    for k in range(n):
        lv = 1 if levels == 1 or k == 0 or r.random() < 0.4 else 2
        t = heading_text(r, script)
        while t in used:
            t = heading_text(r, script)
        used.add(t)
        d.blocks.append(("h", lv, t))
        for _ in range(r.randint(1, 3)):
            d.blocks.append(("p", paragraph(r, script)))
    # A text without a title starts with its text: a first line standing
    # alone would be its title.
    if lead or r.random() < 0.7:
        d.blocks.insert(0, ("p", paragraph(r, script)))
    return d


def plain_inlines(xs):
    out = []
    for x in xs:
        t = x.get("t")
        if t == "Str":
            out.append(x["c"])
        elif t in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif t in ("Emph", "Strong", "SmallCaps", "Strikeout", "Underline", "Superscript",
                   "Subscript"):
            out.append(plain_inlines(x["c"]))
        elif t in ("Span", "Link", "Image"):
            out.append(plain_inlines(x["c"][1]))
        elif t == "Quoted":
            out.append('"' + plain_inlines(x["c"][1]) + '"')
        elif t == "Code":
            out.append(x["c"][1])
        else:
            return None            # math, notes, raw: not plain text
    return " ".join("".join(out).split())


def from_tree(path, r):
    """The headings and plain paragraphs of one of the suite's JSON trees."""
    t = json.load(open(path, encoding="utf-8"))
    d = Doc()
    meta = t.get("meta", {})

    def mtext(k):
        v = meta.get(k)
        if not v:
            return None
        if v["t"] == "MetaInlines":
            return plain_inlines(v["c"])
        if v["t"] == "MetaString":
            return v["c"]
        return None
    d.title = mtext("title")
    d.subtitle = mtext("subtitle")
    a = meta.get("author")
    if a and a["t"] == "MetaList" and a["c"]:
        a = a["c"][0]
    if a and a["t"] == "MetaInlines":
        d.author = plain_inlines(a["c"])
    d.date = mtext("date")
    for b in t["blocks"]:
        if b["t"] == "Header":
            s = plain_inlines(b["c"][2])
            if s:
                d.blocks.append(("h", b["c"][0], s))
        elif b["t"] == "Para":
            s = plain_inlines(b["c"])
            # prose only: full sentences, no markup a plain text would not have
            if s and len(s) > 40 and s[-1] in ".!?" and not any(c in s for c in "*_`<>[]\\|#$"):
                d.blocks.append(("p", s))
    # a section with no text of its own gets one
    out = []
    for i, b in enumerate(d.blocks):
        out.append(b)
        if b[0] == "h" and (i + 1 == len(d.blocks) or d.blocks[i + 1][0] == "h"):
            out.append(("p", paragraph(r)))
    d.blocks = out
    return d


def from_book(headings, r):
    d = Doc()
    for lv, t in headings:
        d.blocks.append(("h", lv, t))
        for _ in range(r.randint(2, 3)):
            d.blocks.append(("p", paragraph(r)))
    return d


# {=================================================================
# Rendering
# ===================================================================

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


class Style:
    def __init__(self, **kw):
        self.heading = "title"     # title caps caps-period period setext atx num num2 roman
                                   # alpha sect sect-bare zh ja
        self.para = "wrap"         # wrap perline perline-blank indent
        self.width = 72
        self.titlemode = "none"    # none title by sub sub-by date by-date setext
        self.eol = "\n"
        self.enc = "utf-8"         # utf-8 utf-8-bom latin-1 utf-16le utf-16be
        self.contents = False
        self.gap = 1               # blank lines before a heading
        self.notestyle = "bracket" # bracket: [1] markers, notes at the end; star: a *
                                   # marker, the note (*Text.) after its paragraph
        self.__dict__.update(kw)


def numbered(doc, st):
    """("h", level, line, depth) for every heading as rendered: line is the
    text the reader should give, depth 0 or 1 its place in the numbering."""
    counters = [0, 0]
    two = st.heading in ("num2", "roman", "setext", "atx")
    top_level = min((b[1] for b in doc.blocks if b[0] == "h"), default=1)
    out = []
    for b in doc.blocks:
        if b[0] != "h":
            out.append(b)
            continue
        lv, text = b[1], b[2]
        depth = min(lv - top_level, 1) if two else 0
        counters[depth] += 1
        if depth == 0:
            counters[1] = 0
        h = st.heading
        if h == "caps":
            line = text.upper()
        elif h == "caps-period":
            line = text.upper() + "."
        elif h == "period":
            line = text + "."
        elif h == "num":
            line = "%d. %s" % (counters[0], text)
        elif h == "num2":
            line = ("%d. %s" % (counters[0], text) if depth == 0 else
                    "%d.%d %s" % (counters[0], counters[1], text))
        elif h == "roman":
            line = ("%s. %s" % (ROMAN[counters[0] - 1], text.upper()) if depth == 0 else
                    "%s. %s" % ("ABCDEFGHIJ"[counters[1] - 1], text))
        elif h == "alpha":
            line = "%s. %s" % ("ABCDEFGHIJ"[counters[0] - 1], text)
        elif h == "sect":
            line = "§ %d. %s" % (counters[0], text)
        elif h == "sect-bare":
            line = "§ %d %s" % (counters[0], text)
        elif h == "keyword-stop":
            # CHAPTER. I. alone, the title in capitals on the line after a blank
            line = "CHAPTER. %s. %s." % (ROMAN[counters[0] - 1], text.upper())
        elif h == "zh":
            line = "第%s部分：%s" % (ZH_NUM[counters[0] - 1], text)
        elif h == "ja":
            line = "第%s章　%s" % (ZH_NUM[counters[0] - 1], text)
        else:
            line = text
        # "title" keeps the document's own levels; the others number them
        out.append(("h", lv if h == "title" else depth + 1, line, depth))
    return out


def wrap(text, width, script):
    if script in ("zh", "ja"):
        w = width // 2
        return [text[i:i + w] for i in range(0, len(text), w)]
    return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)


def render(doc, st, r):
    """(bytes, skeleton) of doc in style st."""
    L = []                         # output lines
    sk = {"meta": {}, "blocks": []}
    perline = st.para in ("perline", "perline-blank")
    blanks = st.para != "perline"  # blank lines around headings and blocks
    sep = [""] if st.para in ("wrap", "perline-blank") else []

    def para_lines(text):
        if perline:
            return [text]
        ls = wrap(text, st.width, doc.script)
        if st.para == "indent":
            ls[0] = ("\u3000\u3000" if doc.script in ("zh", "ja") else "    ") + ls[0]
        return ls

    def gap(n=1):
        if not blanks or not L:
            return
        while len(L) >= 1 and L[-1] == "":
            L.pop()
        L.extend([""] * n)

    # Title block.
    tm = st.titlemode
    if tm != "none" and doc.title:
        sk["meta"]["title"] = doc.title
        L.append(doc.title)
        if tm == "setext":
            L.append("=" * len(doc.title))
        if tm in ("sub", "sub-by") and doc.subtitle:
            L.append(doc.subtitle)
            sk["meta"]["subtitle"] = doc.subtitle
        if tm in ("by", "sub-by", "by-date"):
            gap()
            L.append("By " + doc.author)
            sk["meta"]["author"] = doc.author
        if tm in ("date", "by-date"):
            gap()
            L.append(doc.date)
            sk["meta"]["date"] = doc.date
        gap(2)
    if doc.dedication:
        L.append(doc.dedication)
        gap(2)
        sk["blocks"].append(["P", doc.dedication])
    if doc.epigraph:
        lines, who = doc.epigraph
        L.extend(["    " + x for x in lines] + ["        \u2014 " + who])
        gap(2)
        sk["blocks"].append(["Q", " ".join(lines) + " \u2014 " + who])
    body = numbered(doc, st)
    if st.contents:
        L.extend(["Contents", ""] if blanks else ["Contents"])
        for b in body:
            if b[0] == "h":
                L.append(("    " if b[3] else "") + b[2])
        gap(2)
        sk["blocks"].append(["C"])
    note = 0
    for b in body:
        if b[0] == "h":
            text = b[2]
            gap(st.gap if L and sk["blocks"] else 1)
            if st.heading == "setext":
                L.extend([text, ("=" if b[1] == 1 else "-") * len(text)])
            elif st.heading == "atx":
                L.append("#" * b[1] + " " + text)
            elif st.heading == "keyword-stop":
                num, title = text.split(" ", 2)[1], text.split(" ", 2)[2]
                L.extend(["CHAPTER. " + num] + ([""] if blanks else []) + [title])
            else:
                L.append(text)
            gap()
            sk["blocks"].append(["H", b[1], text])
        elif b[0] == "p":
            text = skt = b[1]
            star = None
            if doc.notes and note < len(doc.notes) and text.endswith("."):
                note += 1
                if st.notestyle == "star":
                    star = doc.notes[note - 1]
                    text = text + "*"
                else:
                    text = text + "[%d]" % note
                skt = skt + "[^%s]" % doc.notes[note - 1]
            L.extend(para_lines(text) + sep)
            if star is not None:
                L.extend(para_lines("(*%s)" % star) + sep)
            sk["blocks"].append(["P", skt])
        elif b[0] == "v":
            if L and L[-1] != "":
                L.append("")
            L.extend(b[1] + [""])
            sk["blocks"].append(["V", b[1]])
    if note and st.notestyle != "star":
        gap(2)
        for k, t in enumerate(doc.notes[:note]):
            L.extend(para_lines("[%d] %s" % (k + 1, t)) + sep)
    while L and L[-1] == "":
        L.pop()
    text = st.eol.join(L) + st.eol
    if st.enc == "utf-8-bom":
        data = b"\xef\xbb\xbf" + text.encode("utf-8")
    elif st.enc in ("utf-16le", "utf-16be"):
        data = ("\ufeff" + text).encode(st.enc)
    else:
        data = text.encode(st.enc)
    return data, sk


# {=================================================================
# Groups
# ===================================================================

def latin1_doc(r):
    d = synthetic(r)
    d.blocks = [(b[0], b[1], b[2]) if b[0] == "h" else
                ("p", b[1].replace(" " + r.choice(WORDS) + " ", " " + r.choice(LATIN1_WORDS) + " ", 2)
                 + " " + " ".join(r.sample(LATIN1_WORDS, 3)).capitalize() + ".")
                for b in d.blocks]
    return d


def meta_for(d, r):
    d.title = d.title or "%s of the %s" % (r.choice(TITLE_NOUNS), r.choice(TITLE_NOUNS))
    d.subtitle = d.subtitle or "An Essay on %s" % r.choice(TITLE_NOUNS)
    d.author = d.author or r.choice(NAMES)
    d.date = d.date or r.choice(DATES)
    return d


def verse_doc(r):
    d = synthetic(r, sections=3, lead=True)
    stanzas = []
    for _ in range(r.randint(1, 2)):
        st = []
        for i in range(4):
            w = " ".join(r.choice(WORDS) for _ in range(r.randint(4, 6)))
            st.append(w[0].upper() + w[1:] + ("," if i < 3 else "."))
        stanzas.append(("v", st))
    at = next(i for i, b in enumerate(d.blocks) if b[0] == "p" and i > 1) + 1
    d.blocks[at:at] = stanzas
    return d


def notes_doc(r):
    d = synthetic(r, sections=3, lead=True)
    d.notes = [sentence(r, lo=5, hi=12) for _ in range(3)]
    return d


def epigraph_doc(r):
    d = meta_for(synthetic(r), r)
    d.epigraph = ([sentence(r, lo=4, hi=7)[:-1] + ",", sentence(r, lo=4, hi=7)], r.choice(NAMES))
    return d


def dedication_doc(r):
    d = meta_for(synthetic(r), r)
    d.dedication = "To my %s, %s" % (r.choice(["mother", "father", "teacher", "friend"]),
                                      r.choice(NAMES))
    return d


def groups():
    """(name, [(docname, doc, style)]) for every convention."""
    r = random.Random(20261201)
    out = []

    def group(name, n, make, **style):
        vs = []
        for i in range(n):
            st = Style(**style)
            if "width" not in style:
                st.width = r.choice([60, 64, 68, 72, 76, 80])
            d = make(r)
            vs.append(("%02d" % i, d, st))
        out.append((name, vs))

    syn = lambda r: meta_for(synthetic(r), r)
    syn2 = lambda r: meta_for(synthetic(r, levels=2, sections=r.randint(4, 7)), r)
    for para in ("wrap", "perline", "indent"):
        group("title-%s" % para, 4, syn, titlemode="title", para=para)
        group("title-by-%s" % para, 4, syn, titlemode="by", para=para)
        group("title-sub-by-%s" % para, 3, syn, titlemode="sub-by", para=para)
        group("title-date-%s" % para, 3, syn, titlemode="date", para=para)
        group("title-by-date-%s" % para, 3, syn, titlemode="by-date", para=para)
    group("title-setext", 4, syn, titlemode="setext")
    group("no-title-perline", 4, lambda r: synthetic(r, lead=True), para="perline")
    group("no-title-wrap", 4, lambda r: synthetic(r, lead=True), para="wrap")
    for h in ("title", "caps", "period", "num", "alpha", "sect"):
        for para in ("wrap", "perline", "perline-blank"):
            group("head-%s-%s" % (h, para), 3, syn, titlemode="by", heading=h, para=para)
    for h in ("setext", "atx", "num2", "roman"):
        for para in ("wrap", "perline-blank"):
            group("head-%s-%s" % (h, para), 3, syn2, titlemode="by", heading=h, para=para)
    for w in (60, 70, 80):
        group("wrap-%d" % w, 3, syn, titlemode="title", width=w)
    group("indent-first", 4, syn, titlemode="by", para="indent")
    group("crlf-wrap", 3, syn, titlemode="by", eol="\r\n")
    group("crlf-perline", 3, syn, titlemode="by", eol="\r\n", para="perline")
    group("utf8-bom", 3, syn, titlemode="by", enc="utf-8-bom")
    group("latin-1", 3, lambda r: meta_for(latin1_doc(r), r), titlemode="by", enc="latin-1")
    group("utf-16le-bom", 3, syn, titlemode="by", enc="utf-16le")
    group("utf-16be-bom", 3, syn, titlemode="by", enc="utf-16be", para="perline")
    zh = lambda r: synthetic(r, script="zh", lead=True)
    ja = lambda r: synthetic(r, script="ja", lead=True)
    group("zh-perline", 3, zh, heading="zh", para="perline")
    group("zh-indent", 3, zh, heading="zh", para="indent")
    group("ja-perline", 3, ja, heading="ja", para="perline")
    group("ja-wrap", 3, ja, heading="ja", para="wrap")
    group("cyrillic", 3, lambda r: synthetic(r, script="cyr", lead=True), para="wrap")
    group("cyrillic-perline", 3, lambda r: synthetic(r, script="cyr", lead=True), para="perline")
    group("greek", 3, lambda r: synthetic(r, script="grk", lead=True), para="wrap")
    group("greek-perline", 3, lambda r: synthetic(r, script="grk", lead=True), para="perline")
    for para in ("wrap", "perline"):
        group("epigraph-%s" % para, 3, epigraph_doc, titlemode="by", para=para)
        group("dedication-%s" % para, 3, dedication_doc, titlemode="by", para=para)
        group("contents-%s" % para, 3, syn, titlemode="by", para=para, contents=True)
        group("verse-%s" % para, 3, verse_doc, para=para)
        group("footnotes-%s" % para, 3, notes_doc, para=para)
    # The suite's own trees.
    trees = [os.path.join(ROOT, "tests", "data", "rich.json")]
    for path in trees:
        for para in ("wrap", "perline-blank"):
            for tm in ("by", "sub-by"):
                vs = []
                for h in ("title", "setext", "atx"):
                    st = Style(titlemode=tm, para=para, heading=h)
                    vs.append((h, from_tree(path, r), st))
                out.append(("tree-%s-%s-%s" % (os.path.basename(path)[:-5], para, tm), vs))
    # Book headings as the books write them.
    books = json.load(open(os.path.join(HERE, "book-headings.json"), encoding="utf-8"))
    vs = []
    for n, hs in books.items():
        vs.append(("book%s" % n, meta_for(from_book(hs, r), r), Style(gap=3, titlemode="by")))
    out.append(("book-headings", vs))
    # Conventions added later draw after the others, which stay as they were.
    for h in ("caps-period", "sect-bare"):
        for para in ("wrap", "perline", "perline-blank"):
            group("head-%s-%s" % (h, para), 3, syn, titlemode="by", heading=h, para=para)
    for para in ("wrap", "perline", "indent"):
        group("title-sub-%s" % para, 3, syn, titlemode="sub", para=para)
    for para in ("wrap", "perline", "perline-blank"):
        group("head-keyword-stop-%s" % para, 3, syn, titlemode="by", heading="keyword-stop",
              para=para)
    for para in ("wrap", "perline-blank"):
        group("footnotes-star-%s" % para, 3, notes_doc, para=para, notestyle="star")
    return out


# {=================================================================
# Title pages of books
# ===================================================================
# A book's first page names it in many ways: the title alone, with a
# subtitle, a By line, the author's name over the title, a volume or a
# series line, publisher and date, a producer's or transcriber's note
# before it, a dedication or the contents after it.  These variants check
# only the metadata title and author (check.py compares them by letters
# and digits, as the paired books' score does); cases marked "not" are the
# shapes a rule for another shape must leave alone.

PAGE_NOUNS = ("Harbour Marsh Lantern Orchard Tower Meadow Frontier Archive Garrison "
              "Compass Quarry Beacon Chapel Furnace Ferry Glacier").split()
PAGE_NAMES = ["Martin Hale", "Lydia Harrow", "Edwin Marsh", "Agnes Whitlow", "Ralph Dorning",
              "Clara Vance", "Hugh Pellam", "Ada Fenwick"]
PAGE_INITIALS = ["H. G. Fenwick", "J. M. Dorning", "R. L. Harrow", "E. V. Pellam"]


def page_title(r):
    k = r.randint(0, 3)
    if k == 0:
        return "The %s of the %s" % (r.choice(PAGE_NOUNS), r.choice(PAGE_NOUNS))
    if k == 1:
        return "%s %s" % (r.choice(ADJ).capitalize(), r.choice(PAGE_NOUNS))
    if k == 2:
        return "The %s on the %s" % (r.choice(PAGE_NOUNS), r.choice(PAGE_NOUNS))
    return "A %s in the %s" % (r.choice(PAGE_NOUNS), r.choice(PAGE_NOUNS))


def page_title_real(r):
    """Titles shaped as real books' are: a person's name, a possessive, an
    abbreviation, a number, an ampersand, a comma, one word, a title in
    sentence case in French or German, a long title."""
    n1, n2 = r.choice(PAGE_NOUNS), r.choice(PAGE_NOUNS)
    first = r.choice(["Silas", "Agnes", "Oliver", "Clara", "Hugh", "Lydia"])
    k = r.randint(0, 11)
    if k == 0:
        return "%s %s" % (first, r.choice(["Whitlow", "Dorning", "Pellam", "Marsh"]))
    if k == 1:
        return "Aunt %s\u2019s %s" % (first, n1)
    if k == 2:
        return "The Strange Case of Dr. %s and Mr. %s" % (r.choice(["Hale", "Vance"]),
                                                          r.choice(["Marsh", "Pellam"]))
    if k == 3:
        return "Twenty Years at the %s" % n1
    if k == 4:
        return "%s & %s" % (n1, n2)
    if k == 5:
        return "The %s, the %s and the %s" % (n1, n2, r.choice(PAGE_NOUNS))
    if k == 6:
        return n1
    if k == 7:
        return "Le %s des %s" % (r.choice(["phare", "moulin", "jardin"]),
                                r.choice(["marais", "pauvres", "anges"]))
    if k == 8:
        return "Vier Jahre in %s" % r.choice(["Spanien", "Italien", "Holland"])
    if k == 9:
        return "A %s Yankee in the Court of King %s" % (n1, first)
    if k == 10:
        return "Gov. %s's Tales" % first
    return "The %s-%s" % (n1, n2.lower())


def page_body(r, contents):
    """The book after its title page: perhaps a contents list, then chapters."""
    n = r.randint(3, 4)
    heads = ["CHAPTER %s." % ROMAN[i] for i in range(n)]
    out = []
    if contents:
        out += ["CONTENTS", ""] + heads + ["", ""]
    for h in heads:
        out += [h, ""]
        for _ in range(r.randint(2, 3)):
            out += textwrap.wrap(paragraph(r), 70) + [""]
        out += [""]
    return out


def page_shapes():
    """(name, make) for every shape of title page: make(r) gives the page's
    lines (None for a blank line), the title and the author (None: the page
    names none)."""
    S = []

    def shape(name):
        def add(f):
            S.append((name, f))
            return f
        return add

    @shape("alone")
    def _(r):
        t = page_title(r).upper()
        return [t], t, None

    @shape("by-caps")
    def _(r):
        t, a = page_title(r).upper(), r.choice(PAGE_NAMES).upper()
        return [t, None, "BY", None, a], t, a

    @shape("by-line")
    def _(r):
        t, a = page_title(r), r.choice(PAGE_NAMES + PAGE_INITIALS)
        return [t, None, "By " + a], t, a

    @shape("by-alone")
    def _(r):
        t, a = page_title(r).upper(), r.choice(PAGE_NAMES)
        return [t, None, "by", None, a], t, a

    @shape("by-degree")
    def _(r):
        t, a = page_title(r).upper(), r.choice(PAGE_NAMES).upper()
        return [t, None, "BY %s, M.A." % a, "FELLOW OF THE ROYAL SOCIETY"], t, a

    @shape("subtitle-novel")
    def _(r):
        t, a = page_title(r).upper(), r.choice(PAGE_NAMES)
        return [t, None, r.choice(["A NOVEL", "A Novel", "A ROMANCE", "AND OTHER STORIES"]),
                None, "By " + a], t, a

    @shape("subtitle-being")
    def _(r):
        t, a = page_title(r).upper(), r.choice(PAGE_NAMES).upper()
        return [t, None, "BEING THE MEMOIRS OF A %s" % r.choice(PAGE_NOUNS).upper(), None,
                "BY " + a], t, a

    @shape("name-over-title")
    def _(r):
        t, a = page_title(r).upper(), r.choice(PAGE_NAMES)
        return [a, None, t], t, a

    @shape("name-over-title-block")
    def _(r):
        t, a = page_title(r).upper(), r.choice(PAGE_NAMES)
        return [a, t], t, a

    @shape("initials-over-title")
    def _(r):
        t, a = page_title(r).upper(), r.choice(PAGE_INITIALS).upper()
        return [a, None, t], t, a

    # not: a title of two capitalised words (a name's shape) over a
    # subtitle in capitals, with a By line under them
    @shape("not-name-title-over-kind")
    def _(r):
        t, a = r.choice(PAGE_NAMES), r.choice(PAGE_NAMES)
        while a == t:
            a = r.choice(PAGE_NAMES)
        return [t, None, r.choice(["AN AUTOBIOGRAPHY", "A NOVEL", "A TALE OF THE SEA"]), None,
                "BY " + a.upper()], t, a

    @shape("not-name-title-over-caps-by")
    def _(r):
        t, a = r.choice(PAGE_NAMES), r.choice(PAGE_NAMES)
        while a == t:
            a = r.choice(PAGE_NAMES)
        return [t, None, "THE %s OF THE %s" % (r.choice(PAGE_NOUNS).upper(),
                                               r.choice(PAGE_NOUNS).upper()),
                None, "By " + a], t, a

    @shape("not-name-title-by")
    def _(r):
        t, a = r.choice(PAGE_NAMES), r.choice(PAGE_NAMES)
        while a == t:
            a = r.choice(PAGE_NAMES)
        return [t, None, "By " + a], t, a

    @shape("not-title-words-over-sub")
    def _(r):
        t = "Tales From %s" % r.choice(PAGE_NOUNS)
        return [t, "Told for Young Readers", None, "LONDON", "1890"], t, None

    @shape("volume")
    def _(r):
        t, v = page_title(r).upper(), r.choice(["VOL. II.", "VOL. I.", "Volume III", "Tome I"])
        # the volume after a colon, "VOL." written in full
        return [t, v.rstrip(".")], "%s: %s" % (t, v.rstrip(".").replace("VOL.", "Volume")), None

    @shape("volume-by")
    def _(r):
        t, a = page_title(r).upper(), r.choice(PAGE_NAMES).upper()
        return [t, None, "BY " + a, None, "IN TWO VOLUMES", "VOL. I."], t, a

    # not: a two-line title whose second line is a series' number
    @shape("not-series-title")
    def _(r):
        t = "ESSAYS"
        return [t, None, "SECOND SERIES", None, None, "BOSTON", "J. SMITH AND SONS", "1890"], \
            "Essays: Second Series", None

    @shape("series-over-title")
    def _(r):
        t, a = page_title(r).upper(), r.choice(PAGE_NAMES)
        return ["The Pocket Library.", None, "First Series.", None, "IV.", None, t, None,
                "Edited by " + a], t, None

    @shape("publisher")
    def _(r):
        t, a = page_title(r), r.choice(PAGE_NAMES)
        return [t, None, None, "By " + a.upper(), None, None, "LONDON:",
                "SMITH, ELDER & CO., 15 WATERLOO PLACE.", "1889."], t, a

    @shape("producer-note")
    def _(r):
        t, a = page_title(r).upper(), r.choice(PAGE_NAMES).upper()
        return ["Produced by %s, %s and the Online Distributed" % tuple(r.sample(PAGE_NAMES, 2)),
                "Proofreading Team at http://www.pgdp.net", None, None, None, t, None, "BY",
                None, a], t, a

    @shape("transcriber-note")
    def _(r):
        t, a = page_title(r), r.choice(PAGE_NAMES)
        return ["Transcriber's Note:", None,
                "Italic text is shown between _underscores_. Obvious printing errors",
                "have been corrected; the spelling of the original is kept.", None, None,
                None, t, None, "By " + a], t, a

    @shape("transcriber-note-title-case")
    def _(r):
        t, a = page_title(r), r.choice(PAGE_NAMES)
        return ["TRANSCRIBER'S NOTES", None,
                "Italic text is shown between _underscores_.", None, None, t, None,
                "By " + a, None, "Illustrated"], t, a

    @shape("illustration")
    def _(r):
        t, a = page_title(r).upper(), r.choice(PAGE_NAMES)
        return ["[Illustration: The %s at night]" % r.choice(PAGE_NOUNS), None, None, t, None,
                "By " + a], t, a

    @shape("dedication")
    def _(r):
        t, a = page_title(r).upper(), r.choice(PAGE_NAMES).upper()
        return [t, None, "BY", a, None, None, None, "TO MY MOTHER", None, None], t, a

    @shape("spaced-title")
    def _(r):
        n = r.choice(PAGE_NAMES).upper()
        return ["THE LIFE AND ADVENTURES", None, "OF", None, n], \
            "THE LIFE AND ADVENTURES OF " + n, None

    # not: a line in capitals over the title is its first half
    @shape("not-caps-first-half")
    def _(r):
        a, w = r.choice(PAGE_NAMES).upper(), r.choice(PAGE_NOUNS).upper()
        return ["HISTORY", None, "OF THE", None, "%s WAR." % w, None, None, "BY " + a], \
            "HISTORY OF THE %s WAR" % w, a

    # not: a title holding a word that elsewhere marks no title ("by",
    # NOTES, "Cover"), over a By line
    def titled_by(name, title):
        @shape(name)
        def _(r):
            t = title(r)
            a = r.choice(PAGE_NAMES)
            return [t, None, "By " + a], t, a

    titled_by("not-by-in-title", lambda r: "A Journey by Night")
    titled_by("not-notes-title", lambda r: "NOTES FROM THE %s" % r.choice(PAGE_NOUNS).upper())
    titled_by("not-cover-title", lambda r: "Covered Wagon Days")

    @shape("title-inline-by")
    def _(r):
        t, a = page_title(r).upper(), r.choice(PAGE_NAMES).upper()
        return ["%s by %s" % (t, a)], t, a

    @shape("not-inline-by-words")
    def _(r):
        t = "Travels by Land and Sea"
        return [t, None, "LONDON", "1890"], t, None

    @shape("date")
    def _(r):
        t, a = page_title(r), r.choice(PAGE_NAMES)
        return [t, None, "By " + a, None, "1897"], t, a

    @shape("author-of")
    def _(r):
        t, a = page_title(r).upper(), r.choice(PAGE_NAMES).upper()
        return [t, None, "BY", None, a, None, "AUTHOR OF \u201cTHE %s,\u201d ETC." %
                r.choice(PAGE_NOUNS).upper()], t, a

    @shape("name-under-title")
    def _(r):
        t, a = page_title(r), r.choice(PAGE_NAMES + PAGE_INITIALS)
        return [t, None, a, None, "New York and Boston", "J. Smith and Sons"], t, a

    # not: an edition's or a place's line under the title has a name's shape
    @shape("not-edition-under-title")
    def _(r):
        t = page_title(r)
        return [t, None, r.choice(["Second Edition", "New York", "Harper Brothers"]), None,
                "1890"], t, None

    @shape("library-name-over-title-again")
    def _(r):
        t, a = page_title(r).upper(), r.choice(PAGE_NAMES).upper()
        return ["LIBRARY OF POCKET CLASSICS", None, a, None, t, None, "LONDON", "1901", None,
                None, None, t], t, a

    # not: the series' name over the title printed again is no author
    @shape("not-series-over-title-again")
    def _(r):
        t = page_title(r).upper()
        return ["POCKET CLASSICS", None, t, None, "LONDON", "1901", None, None, None, t], t, None

    @shape("producer-note-one-blank")
    def _(r):
        t, a = page_title(r), r.choice(PAGE_NAMES)
        return ["Produced by %s and the Online Distributed Proofreading Team." %
                r.choice(PAGE_NAMES), None, t, r.choice(["A Novel", "A Romance"]), None,
                "By " + a], t, a

    # not: a note's last line in title case is no title
    @shape("not-producer-note-last-line")
    def _(r):
        t, a = page_title(r).upper(), r.choice(PAGE_NAMES)
        return ["Produced by %s, %s and the Project" % tuple(r.sample(PAGE_NAMES, 2)),
                "Gutenberg Online Distributed Proofreading Team", None, None, t, None,
                "By " + a], t, a

    @shape("dedication-over-title")
    def _(r):
        t, a = page_title(r).upper(), r.choice(PAGE_NAMES).upper()
        return ["TO MY MOTHER", None, None, None, t, None, "BY " + a], t, a

    @shape("title-two-lines-lower-join")
    def _(r):
        n1, n2, a = r.choice(PAGE_NOUNS), r.choice(PAGE_NOUNS), r.choice(PAGE_NAMES)
        return ["The %s" % n1, "of the %s" % n2, None, "by " + a], "The %s of the %s" % (n1, n2), a

    @shape("copyright-over-title")
    def _(r):
        t, a = page_title(r).upper(), r.choice(PAGE_NAMES)
        return ["Copyright 1905 by " + a, None, t, None, "LONDON", "1905"], t, None

    @shape("same-author-list-over-title")
    def _(r):
        t, a = page_title(r).upper(), r.choice(PAGE_NAMES).upper()
        return ["BY THE SAME AUTHOR", None, page_title(r).upper(), page_title(r).upper(), None,
                None, None, t, None, "BY " + a], t, a

    # not: a title of capitalised words over its subtitle in one block, a
    # place under them ("Uncle Tom's Cabin / Life Among the Lowly")
    @shape("not-title-words-over-sub-place")
    def _(r):
        t = r.choice(["Great Western Railways", "Uncle Tom\u2019s Cabin", "Harbour Lights"])
        return [t, "Their History and Working", None, "LONDON", "1890"], t, None

    # Shapes added later draw after the ones above, which stay as they were.
    # A producers' credit without its "Produced by": names alone over the title
    @shape("credit-names-over-title")
    def _(r):
        t, a = page_title(r).upper(), r.choice(PAGE_NAMES)
        n1, n2 = r.sample(PAGE_NAMES, 2)
        c = r.choice(["%s, and %s" % (n1, n2), "%s and %s" % (n1, n2),
                      "An Anonymous Volunteer, and %s" % n2])
        return [c, None, None, None, None, None, t, None, None, "By " + a], t, a, None

    # two works in one book: "WALDEN / and / ON THE DUTY OF CIVIL DISOBEDIENCE"
    @shape("and-joined-titles")
    def _(r):
        t1, t2, a = page_title(r).upper(), page_title(r).upper(), r.choice(PAGE_NAMES)
        return [t1, None, None, None, "and", None, None, None, t2, None, None, "by " + a], \
            "%s and %s" % (t1, t2), a

    @shape("translator-under-by")
    def _(r):
        t, a = page_title(r).upper(), r.choice(PAGE_NAMES)
        n = r.choice([x for x in PAGE_NAMES if x != a])
        return [t, None, "BY " + a.upper(), None,
                r.choice(["TRANSLATED FROM THE RUSSIAN BY", "Translated by"]), n], t, a

    @shape("translator-only")
    def _(r):
        t, n = page_title(r), r.choice(PAGE_NAMES)
        return [t, None, r.choice(["Translated from the French by ", "Translated by ",
                                   "Done into English by "]) + n, None, "1890"], t, None

    @shape("edition-publisher-roman-date")
    def _(r):
        t, a = page_title(r).upper(), r.choice(PAGE_NAMES).upper()
        return [t, None, "BY " + a, None, r.choice(["SECOND EDITION, REVISED.",
                                                    "THE THIRD EDITION.", "NEW EDITION."]),
                None, "LONDON:", "JOHN MURRAY, ALBEMARLE STREET.",
                r.choice(["MDCCCXXVIII.", "MDCCCLXXXIX.", "M DCCC XCVII"])], t, a

    @shape("motto-on-page")
    def _(r):
        t, a = page_title(r).upper(), r.choice(PAGE_NAMES)
        return [t, None, "By " + a, None, None,
                "\u201cThe %s is long, the %s is near;" % (r.choice(PAGE_NOUNS).lower(),
                                                       r.choice(PAGE_NOUNS).lower()),
                "And what we keep, we keep in fear.\u201d", "--OLD SONG."], t, a

    @shape("motto-before-by")
    def _(r):
        t, a = page_title(r).upper(), r.choice(PAGE_NAMES).upper()
        return [t, None, None, "\"What the %s did, the %s will.\"--Emerson" % (
            r.choice(PAGE_NOUNS).lower(), r.choice(PAGE_NOUNS).lower()), None, None, "BY " + a,
                None, "BOSTON", "1871"], t, a

    @shape("novel-in-volumes")
    def _(r):
        t, a = page_title(r).upper(), r.choice(PAGE_NAMES).upper()
        return [t, None, "A NOVEL.", None, "IN THREE VOLUMES.", None, "VOL. I.", None, None,
                "BY " + a], t, a

    @shape("series-edited-over-title")
    def _(r):
        t, a = page_title(r).upper(), r.choice(PAGE_NAMES)
        n = r.choice([x for x in PAGE_NAMES if x != a])
        return ["THE %s LIBRARY" % r.choice(PAGE_NOUNS).upper(), None,
                "EDITED BY " + n.upper(), None, None, None, t, None, "By " + a], t, a

    @shape("roman-date-alone")
    def _(r):
        t, a = page_title(r), r.choice(PAGE_NAMES)
        return [t, None, "By " + a, None, None, r.choice(["MDCCCXCVII", "MDCCCLX."])], t, a

    @shape("title-again-over-text")
    def _(r):
        t, a = page_title(r).upper(), r.choice(PAGE_NAMES)
        return ["Produced by %s and %s" % tuple(r.sample(PAGE_NAMES, 2)), None, None, None,
                t, None, "By " + a, None, None, None, None, t], t, a

    @shape("pgdp-credit-wrapped")
    def _(r):
        t, a = page_title(r).upper(), r.choice(PAGE_NAMES).upper()
        return ["Produced by %s, %s and the Online" % tuple(r.sample(PAGE_NAMES, 2)),
                "Distributed Proofreading Team at http://www.pgdp.net (This file was",
                "produced from images generously made available by The",
                "Internet Archive)", None, None, None, None, t, None, "BY", None, a], t, a

    @shape("written-by-himself")
    def _(r):
        n = r.choice(PAGE_NAMES)
        t = "NARRATIVE OF THE LIFE OF " + n.upper()
        return [t, None, "AN AMERICAN %s. WRITTEN BY HIMSELF." % r.choice(PAGE_NOUNS).upper(),
                None, "BOSTON", "PUBLISHED AT THE OFFICE, NO. 25 CORNHILL", "1845"], t, n

    @shape("by-the-late")
    def _(r):
        t, a = page_title(r).upper(), r.choice(PAGE_NAMES).upper()
        return [t, None, "A COLLECTION OF TALES", None, "FROM PAPERS BY THE LATE",
                a + ", F.S.A.", None, "EDITED BY " + r.choice(PAGE_NAMES).upper()], t, a

    @shape("not-contents-first")
    def _(r):
        return ["[Illustration]", None, None, "CONTENTS", None, "CHAPTER I.", "CHAPTER II.",
                "CHAPTER III."], None, None

    @shape("years-and-volume")
    def _(r):
        t = page_title(r).upper()
        return [t, None, "1834-1872", None, "VOLUME I.", None, None,
                "\"To my %s I write a letter.\"--Emerson" % r.choice(PAGE_NOUNS).lower()], \
            t, None

    @shape("illustrator-under-by")
    def _(r):
        t, a = page_title(r), r.choice(PAGE_NAMES)
        n = r.choice([x for x in PAGE_NAMES if x != a])
        return [t, None, "By " + a, None, r.choice(["With Illustrations by ",
                                                    "ILLUSTRATED BY "]) + n], t, a

    @shape("illustrated-over-by")
    def _(r):
        t, a = page_title(r).upper(), r.choice(PAGE_NAMES)
        n = r.choice([x for x in PAGE_NAMES if x != a])
        return [t, None, "WITH ILLUSTRATIONS BY", n.upper(), None, None, "BY " + a.upper()], \
            t, a

    @shape("cover-over-title")
    def _(r):
        t, a = page_title(r).upper(), r.choice(PAGE_NAMES)
        s = "A %s" % r.choice(["Novel", "Romance"])
        return ["cover", None, None, t, None, s, None, "by " + a], t, a, s

    @shape("subtitle-mixed-under-caps")
    def _(r):
        t, a = page_title(r).upper(), r.choice(PAGE_NAMES)
        s = "Another Adventure of the %s" % r.choice(PAGE_NOUNS)
        return [t, None, s, None, "by " + a], t, a, s

    # the title only in the first line: the catalogue's line over PG's
    # notice, no title page under it
    @shape("pg-first-line-only")
    def _(r):
        t, a = page_title(r), r.choice(PAGE_NAMES)
        return ["The Project Gutenberg EBook of %s, by %s" % (t, a), None,
                "This eBook is for the use of anyone anywhere at no cost and with",
                "almost no restrictions whatsoever.", None, None,
                "*** START OF THIS PROJECT GUTENBERG EBOOK %s ***" % t.upper(), None, None], t, a

    @shape("start-marker-only")
    def _(r):
        t = page_title(r)
        return ["*** START OF THE PROJECT GUTENBERG EBOOK %s ***" % t.upper(), None, None], \
            t, None

    # an anonymous book: "BY THE AUTHOR OF ..." names no author
    @shape("by-the-author-of")
    def _(r):
        t = page_title(r).upper()
        return [t, None, "A NOVEL.", None, "BY THE AUTHOR OF \u201c%s.\u201d" %
                page_title(r).upper(), None, "LONDON:", "1862."], t, None

    @shape("copyright-under-by")
    def _(r):
        t, a = page_title(r), r.choice(PAGE_NAMES)
        return [t, None, "By " + a, None, None, "Copyright, 1899, by Charles Scribner's Sons"], \
            t, a

    @shape("edited-intro-under-by")
    def _(r):
        t, a = page_title(r).upper(), r.choice(PAGE_NAMES).upper()
        n = r.choice(PAGE_NAMES).upper()
        return [t, None, "BY " + a, None, "EDITED, WITH AN INTRODUCTION AND NOTES, BY", n], t, a

    # a play: the transcriber's line over the title and its subtitle, the
    # persons of the play under them
    @shape("transcribed-edition-play")
    def _(r):
        t = page_title(r)
        return ["Transcribed from the 1915 Methuen & Co. Ltd. edition by %s, email" %
                r.choice(PAGE_NAMES), "someone@example.org", None, None, None, None, t, None,
                "A Trivial Comedy for Serious People", None, None, "THE PERSONS OF THE PLAY",
                None, "John Worthing, J.P.", "Algernon Moncrieff", "Lane, Manservant"], t, None

    @shape("by-line-first")
    def _(r):
        a = r.choice(PAGE_NAMES).upper()
        return ["BY " + a, None, None], None, a

    @shape("title-or-alternative")
    def _(r):
        t1, t2, a = page_title(r).upper(), page_title(r).upper(), r.choice(PAGE_NAMES)
        return [t1 + ";", None, "OR,", None, t2 + ".", None, "By " + a], t1, a

    @shape("volume-number-under-title")
    def _(r):
        t, a = page_title(r).upper(), r.choice(PAGE_NAMES).upper()
        return [t, None, "IN TWO VOLUMES.", None, "VOLUME I.", None, "BY " + a, None,
                "NEW YORK:", "HARPER & BROTHERS, PUBLISHERS,", "FRANKLIN SQUARE.",
                "1873."], t, a

    @shape("preface-by-under-by")
    def _(r):
        t, a = page_title(r), r.choice(PAGE_NAMES)
        n = r.choice([x for x in PAGE_NAMES if x != a])
        return [t, None, "By " + a, None, "With a Preface by " + n, None, "Illustrated"], t, a

    @shape("etext-note-html-version")
    def _(r):
        t, a = page_title(r), r.choice(PAGE_NAMES)
        n = r.randint(10000, 40000)
        return ["E-text prepared by %s and the Project Gutenberg Online" % r.choice(PAGE_NAMES),
                "Distributed Proofreading Team (http://www.pgdp.net)", None, None, None,
                "Note: Project Gutenberg also has an HTML version of this",
                "      file which includes the original illustrations.",
                "      See %d-h.htm or %d-h.zip:" % (n, n),
                "      (http://www.gutenberg.org/files/%d/%d-h/%d-h.htm)" % (n, n, n), None,
                None, None, t.upper(), None, "BY", None, a.upper()], t, a

    @shape("archive-images-note")
    def _(r):
        t, a = page_title(r), r.choice(PAGE_NAMES)
        return ["Images of the original pages are available through",
                "Internet Archive. See", "https://archive.org/details/%s00hale" %
                r.choice(PAGE_NOUNS).lower(), None, None, t, None, "By " + a], t, a

    @shape("bold-marks-title")
    def _(r):
        t, a = page_title(r).upper(), r.choice(PAGE_NAMES).upper()
        return ["=%s=" % t, None, "BY", None, a], t, a

    @shape("italic-marks-title")
    def _(r):
        t, a = page_title(r), r.choice(PAGE_NAMES)
        return ["_%s_" % t, None, "_By %s_" % a], t, a

    @shape("half-title-then-page")
    def _(r):
        t, a = page_title(r).upper(), r.choice(PAGE_NAMES).upper()
        return [t, None, None, None, "BY THE SAME AUTHOR", None, page_title(r).upper() + ".",
                page_title(r).upper() + ".", None, None, None, t, None, "BY " + a, None,
                "LONDON", "1890"], t, a

    @shape("frontispiece-over-title")
    def _(r):
        t, a = page_title(r).upper(), r.choice(PAGE_NAMES)
        return ["[Illustration: \"THE %s STOOD OPEN.\"" % r.choice(PAGE_NOUNS).upper(),
                "(_See page 112._)]", None, None, t, None, "By " + a.upper()], t, a

    # real titles' shapes in the commonest conventions
    for conv in ("by-line", "by-caps", "by-alone", "producer", "illustration", "publisher",
                 "note-box", "name-over", "genre", "edition", "dedication", "motto"):
        def make(r, conv=conv):
            t, a = page_title_real(r), r.choice(PAGE_NAMES + PAGE_INITIALS)
            if conv in ("by-caps", "by-alone", "note-box"):
                t = t.upper()
            if conv == "by-line":
                return [t, None, "By " + a], t, a
            if conv == "by-caps":
                return [t, None, None, "BY", None, a.upper()], t, a
            if conv == "by-alone":
                return [t, None, "by", a], t, a
            if conv == "producer":
                return ["Produced by %s and the Online Distributed" % r.choice(PAGE_NAMES),
                        "Proofreading Team at http://www.pgdp.net", None, None, None, t,
                        None, None, "by " + a], t, a
            if conv == "illustration":
                return ["[Illustration]", None, None, t, None, None, "BY", None, a.upper()], \
                    t, a
            if conv == "name-over":
                a = r.choice(PAGE_NAMES)
                return [a, None, t.upper(), None, None, "LONDON", "1890"], t, a
            if conv == "genre":
                return [t, None, r.choice(["A Novel", "A ROMANCE", "A Tale of the Sea",
                                           "AND OTHER STORIES"]), None, "By " + a], t, a
            if conv == "edition":
                return [t, None, "By " + a, None, "SECOND EDITION", None, "BOSTON:",
                        "HOUGHTON, MIFFLIN AND COMPANY.", "MDCCCXCII."], t, a
            if conv == "dedication":
                return [t, None, "By " + a, None, None, None, "TO", "MY MOTHER", None, None], \
                    t, a
            if conv == "motto":
                return [t, None, "BY " + a.upper(), None, None,
                        "\u201cAll that we see or seem", "Is but a dream within a dream.\u201d",
                        None, "NEW YORK", "1901"], t, a
            if conv == "publisher":
                return [t, None, "By " + a, None, None, None, "NEW YORK",
                        "THE MACMILLAN COMPANY", "1907"], t, a
            return ["+----------------------------------------------+",
                    "| Transcriber's note: obvious errors have been |",
                    "| corrected.                                   |",
                    "+----------------------------------------------+", None, None, t,
                    None, "BY " + a.upper()], t, a
        shape("real-" + conv)(make)

    # other languages' By lines: "Von" or "PAR" alone over the name, an
    # editor's or translator's line under it
    @shape("von-alone")
    def _(r):
        t, a = "Vier Jahre in %s" % r.choice(["Spanien", "Italien", "Holland"]), \
            r.choice(PAGE_NAMES)
        return [t, None, "Roman", None, "Von", None, a, None, None, "Berlin 1911"], t, a

    @shape("par-alone")
    def _(r):
        t, a = "LE %s DES %s" % (r.choice(["PHARE", "MOULIN"]), r.choice(["MARAIS", "ANGES"])), \
            r.choice(PAGE_NAMES).upper()
        return [t, None, "PAR", None, a, None, None, "PARIS", "CALMANN L\u00c9VY, \u00c9DITEUR",
                "1891"], t, a

    @shape("editor-translator-other-language")
    def _(r):
        t, a = "Vier Jahre in %s" % r.choice(["Spanien", "Italien"]), r.choice(PAGE_NAMES)
        n = r.choice([x for x in PAGE_NAMES if x != a])
        return [t, None, "von " + a, None, r.choice(["Herausgegeben von ", "\u00dcbersetzt von ",
                                                      "Traduit par "]) + n], t, a

    # the credit over the title page in the words producers use
    @shape("credit-forms")
    def _(r):
        t, a = page_title_real(r), r.choice(PAGE_NAMES)
        n = r.choice(PAGE_NAMES)
        c = r.choice(["Text file produced by %s", "Scanned and proofed by %s",
                      "This eBook was produced by %s", "E-book prepared by %s",
                      "Typed by %s", "HTML version by %s", "Etext scanned by %s",
                      "This text was prepared by %s"]) % n
        return [c, None, None, None, t, None, "by " + a], t, a

    # a short text's first line: with a full stop, a colon, or prose under it
    @shape("first-line-period")
    def _(r):
        t, a = "On the %s" % r.choice(PAGE_NOUNS), r.choice(PAGE_NAMES)
        return [t + ".", None, "By " + a], t, a

    @shape("first-line-colon")
    def _(r):
        t, a = "The %s: A Study of the %s" % (r.choice(PAGE_NOUNS), r.choice(PAGE_NOUNS)), \
            r.choice(PAGE_NAMES)
        return [t, None, "by " + a], t, a

    @shape("first-line-over-prose")
    def _(r):
        t = page_title_real(r)
        return [t, None] + textwrap.wrap(paragraph(r), 70), t, None

    # a long title broken over two lines of one block
    @shape("title-two-lines-long")
    def _(r):
        n1, n2, a = r.choice(PAGE_NOUNS), r.choice(PAGE_NOUNS), r.choice(PAGE_NAMES)
        first = r.choice(["Silas", "Agnes", "Oliver", "Clara"])
        l1, l2 = r.choice([("The Strange Adventures", "of Captain %s" % first),
                           ("A %s Yankee" % n1, "in King %s's Court" % first),
                           ("The Life and Opinions of", "%s %s, Gentleman" % (first, n2)),
                           ("THE HISTORY OF THE %s" % n1.upper(), "AND THE %s" % n2.upper())])
        return [l1, l2, None, "By " + a], l1 + " " + l2, a

    @shape("title-or-caps-block")
    def _(r):
        t1, t2, a = page_title(r).upper(), page_title(r).upper(), r.choice(PAGE_NAMES)
        return [t1, "OR", t2, None, "By " + a], t1, a

    # a title block one blank line under a note: the title, not the note's
    @shape("note-one-blank-title")
    def _(r):
        t, a = page_title_real(r), r.choice(PAGE_NAMES)
        note = r.choice(["cover", "Produced by Distributed Proofreaders",
                         "Produced by %s." % r.choice(PAGE_NAMES)])
        return [note, None, t, None, a, None, "New York and Boston", "J. Smith and Sons"], t, a

    @shape("note-one-blank-title-sub")
    def _(r):
        t, a = page_title(r), r.choice(PAGE_NAMES)
        return ["Transcribed from the 1915 Methuen edition by %s," % a,
                "email someone@example.org", None, t, "A Comedy for Serious People", None,
                "THE PERSONS OF THE PLAY", None, "John Worthing", "Lane, Manservant"], t, None

    # a producer's note set in capitals, its address on its second line
    @shape("note-address-caps")
    def _(r):
        t, a = page_title(r).upper(), r.choice(PAGE_NAMES)
        return ["PRODUCED BY %s AND THE ONLINE DISTRIBUTED" % r.choice(PAGE_NAMES).upper(),
                "PROOFREADING TEAM AT HTTP://WWW.PGDP.NET", None, None, t, None, "By " + a], t, a

    # a title wider than a title line, on one line over its By line
    @shape("long-title-one-line")
    def _(r):
        n, a = r.choice(PAGE_NAMES), r.choice(PAGE_NAMES)
        t = "NARRATIVE OF THE CAPTIVITY AND RESTORATION OF THE %s OF %s" % (
            r.choice(PAGE_NOUNS).upper(), n.upper())
        return [t, None, "By " + a, None, None] + textwrap.wrap(paragraph(r), 70), t, a

    # the volume lower on the page, under the By line
    @shape("volume-lower-on-page")
    def _(r):
        t, a = page_title(r).upper(), r.choice(PAGE_NAMES).upper()
        n, k, v = r.choice([("TWO", 2, "II"), ("SIX", 6, "III"), ("FOUR", 4, "I")])
        return [t, None, None, "BY " + a, "FELLOW OF THE ROYAL SOCIETY", None, "A NEW EDITION.",
                None, "_IN %s VOLUMES._" % n, None, "VOL. %s." % v, None, None, "LONDON:",
                "JOHN MURRAY, ALBEMARLE-STREET.", "MDCCCXXVIII."], \
            "%s: Volume %s (of %d)" % (t, v, k), a

    # not: a VOLUME heading over the text's first chapter is no part of the title
    @shape("not-volume-heading-over-text")
    def _(r):
        t, a = page_title(r), r.choice(PAGE_NAMES)
        return [t, None, "By " + a, None, None, None, "VOLUME I", None, None, "BOOK I", None,
                None, "CHAPTER I", None] + textwrap.wrap(paragraph(r), 70), t, a

    # the author's name in capitals over a title spaced out a word a line,
    # the kind of work under it
    @shape("caps-name-over-spaced-title")
    def _(r):
        a = r.choice(PAGE_NAMES)
        w1, w2 = r.choice(["PHARE", "MOULIN", "JARDIN"]), r.choice(["MARAIS", "PAUVRES"])
        return [a.upper(), None, None, None, "LE", None, w1, None, "AU " + w2, None, "Roman",
                None, "PARIS", "1923"], "LE %s AU %s" % (w1, w2), a

    # the author's name in capitals over the title, the volume under it
    @shape("caps-name-over-title-volume")
    def _(r):
        a = r.choice(PAGE_NAMES)
        t = "LE %s DES %s" % (r.choice(["PHARE", "MOULIN"]), r.choice(["MARAIS", "ANGES"]))
        return [a.upper(), None, t, None, "Tome I"], t + ": Tome I", a

    # the same pages under Project Gutenberg's header: its Title: line wins
    @shape("header-over-note-one-blank")
    def _(r):
        t, a = page_title_real(r), r.choice(PAGE_NAMES)
        return ["The Project Gutenberg eBook of %s, by %s" % (t, a), None, "Title: " + t, None,
                "Author: " + a, None, "Language: English", None,
                "*** START OF THE PROJECT GUTENBERG EBOOK %s ***" % t.upper(), None, None,
                "cover", None, t, None, a, None, "New York and Boston"], t, a

    @shape("header-over-volume-lower")
    def _(r):
        t, a = page_title(r), r.choice(PAGE_NAMES)
        return ["Title: %s, Volume II (of 4)" % t, None, "Author: " + a, None,
                "*** START OF THE PROJECT GUTENBERG EBOOK %s ***" % t.upper(), None, None,
                t.upper(), None, "BY " + a.upper(), None, "_IN FOUR VOLUMES._", None,
                "VOL. II.", None, "LONDON:", "1828."], "%s, Volume II (of 4)" % t, a

    # the same in title case: the name over a spaced-out title, the kind
    # under it; an alternative title after a capitalised "Or"
    @shape("name-over-spaced-title-kind")
    def _(r):
        a = r.choice(PAGE_NAMES)
        w1, w2 = r.choice(["Phare", "Moulin", "Jardin"]), r.choice(["Marais", "Pauvres"])
        return [a, None, None, None, "Le", None, w1, None, "Au " + w2, None, "Roman",
                None, "Paris", "1923"], "Le %s Au %s" % (w1, w2), a

    @shape("title-or-title-case")
    def _(r):
        t1, t2, a = page_title(r), page_title(r), r.choice(PAGE_NAMES)
        return [t1, None, "Or", None, t2, None, "By " + a], t1, a, "Or " + t2

    # a picture's place named over the title, no title itself
    @shape("frontispiece-line")
    def _(r):
        t, a = page_title_real(r), r.choice(PAGE_NAMES)
        return [r.choice(["FRONTISPIECE", "Frontispiece.", "_Portrait_"]), None, None, t, None,
                "By " + a], t, a

    # a rule over the title is the page's ornament, no box round a note
    @shape("rule-over-title")
    def _(r):
        t, a = page_title(r).upper(), r.choice(PAGE_NAMES)
        return ["-" * 50, None, t, None, "By " + a, None, None, "LONDON", "1890"], t, a

    # the people whose letters or journal the book prints wrote it; the
    # editor's name under it is no author
    @shape("letters-of-persons")
    def _(r):
        a, b = r.sample(PAGE_NAMES, 2)
        e = r.choice([x for x in PAGE_NAMES if x not in (a, b)])
        kind, who = r.choice([("THE CORRESPONDENCE OF", "%s AND %s" % (a.upper(), b.upper())),
                              ("THE LETTERS OF", a.upper()), ("The Journal of", a)])
        t = "%s %s" % (kind, who)
        return [t, None, "1834-1872", None, "EDITED BY " + e.upper(), None, "BOSTON", "1883"], \
            t, who
    return S


def page_variants(r):
    """(name, bytes, skeleton) of every title-page variant."""
    out = []
    for name, make in page_shapes():
        for i in range(6 if name.startswith("real-") or name == "credit-forms" else 3):
            lines, title, author, *sub = make(r)
            centre = r.random() < 0.5
            L = []
            for x in lines:
                if x is None:
                    L.append("")
                else:
                    L.append(x.center(72).rstrip() if centre else x)
            L += [""] * r.choice([2, 3, 4])
            L += page_body(r, r.random() < 0.5)
            text = "\n".join(L).rstrip("\n") + "\n"
            sk = {"meta": {"title": title}, "only": ["title", "author"], "blocks": []}
            if author:
                sk["meta"]["author"] = author
            if sub:
                # the subtitle too (None: the page gives none)
                sk["only"].append("subtitle")
                if sub[0]:
                    sk["meta"]["subtitle"] = sub[0]
            out.append(("page-%s--%02d" % (name, i), text.encode("utf-8"), sk))
    return out


# {=================================================================
# Title pages composed from parts
# ===================================================================
# The shapes above are whole pages, each the way some book sets it; a book
# no one has seen combines the same parts in other orders and spacings.
# Each composed page draws one form of each part: what comes before the
# title (a picture, a producer's or transcriber's note, a series' name, a
# half-title), the title on one to three lines in capitals or title case,
# a subtitle, the author's line (By NAME, BY / NAME, by / Name, the name
# alone, or none), what the author wrote before, an illustrator, editor or
# translator, the edition, the publisher and place, the date, a copyright,
# then a dedication, an epigraph or the contents before the text.  Only
# the title and the author are checked; the title must not take in the
# subtitle (check.py accepts the title before a colon), the author is the
# By line's or the lone name's, never an editor's, illustrator's or
# translator's.

def title_lines(r, t, caps):
    """The title t over one to three lines, broken before a joining word."""
    words = t.split()
    joins = [i for i, w in enumerate(words) if i and w.lower() in ("of", "on", "in", "and")]
    k = r.randint(0, 2) if joins and len(words) >= 3 else 0
    lines = [t]
    if k >= 1:
        j = joins[0]
        lines = [" ".join(words[:j]), " ".join(words[j:])]
        if k == 2 and len(words[j:]) >= 3 and not words[j + 1].endswith("."):
            # "THE LANTERN / OF THE / MARSH"
            lines = [lines[0], " ".join(words[j:j + 2]), " ".join(words[j + 2:])]
    return [x.upper() if caps else x for x in lines]


def composed_page(r):
    """(lines, title, author, signature): one page drawn part by part."""
    caps = r.random() < 0.6
    t = page_title(r) if r.random() < 0.6 else page_title_real(r)
    a = r.choice(PAGE_NAMES + PAGE_INITIALS)
    others = [x for x in PAGE_NAMES if x != a]
    sig = []
    L = []

    def gap(lo=1, hi=3):
        L.extend([None] * r.randint(lo, hi))

    before = r.choice(["none", "none", "ill", "ill-cap", "producer", "transcriber", "series",
                       "half", "frontis"])
    sig.append(before)
    if before == "ill":
        L.append("[Illustration]")
    elif before == "ill-cap":
        L += ["[Illustration: THE %s AT EVENING.]" % r.choice(PAGE_NOUNS).upper()]
    elif before == "producer":
        L += ["Produced by %s, %s and the Online" % tuple(r.sample(PAGE_NAMES, 2)),
              "Distributed Proofreading Team at http://www.pgdp.net"]
    elif before == "transcriber":
        L += ["Transcriber's Note:", None,
              "Obvious printing errors have been corrected. The spelling of",
              "the original is kept."]
    elif before == "series":
        L += [r.choice(["THE WORKS OF %s" % a.upper(), "THE %s LIBRARY" %
                        r.choice(PAGE_NOUNS).upper(), "The %s Series" % r.choice(PAGE_NOUNS)])]
    elif before == "half":
        L += [t.upper() if caps else t]
    elif before == "frontis":
        L += ["FRONTISPIECE"]
    if L:
        gap(2, 4)
    L += title_lines(r, t, caps)
    sub = r.choice(["none", "none", "novel", "tale", "being", "stories"])
    sig.append(sub)
    if sub != "none":
        gap(1, 2)
        s = {"novel": "A Novel", "tale": "A Tale of the %s" % r.choice(PAGE_NOUNS),
             "being": "Being the Memoirs of a %s" % r.choice(PAGE_NOUNS),
             "stories": "And Other Stories"}[sub]
        L.append(s.upper() if caps else s)
        sig.append(("sub", s.upper() if caps else s))
    by = r.choice(["By-line", "BY-alone", "by-alone", "name", "none", "BY-degree"])
    sig.append(by)
    gap(1, 3)
    author = a
    if by == "By-line":
        L.append(("BY " + a.upper()) if caps else ("By " + a))
    elif by == "BY-alone":
        L += ["BY", None, a.upper()]
    elif by == "by-alone":
        L += ["by", a]
    elif by == "name":
        L.append(a.upper() if caps else a)
    elif by == "BY-degree":
        L += ["BY " + a.upper() + ", M.A.", "LATE FELLOW OF ST. JOHN'S COLLEGE"]
    else:
        author = None
        L.pop()
    if author and r.random() < 0.3:
        sig.append("authorof")
        L += [None, "AUTHOR OF \u201cTHE %s,\u201d \u201cTHE %s,\u201d ETC." % (
            r.choice(PAGE_NOUNS).upper(), r.choice(PAGE_NOUNS).upper())]
    extra = r.choice(["none", "none", "illus", "illus-count", "edited", "translated"])
    sig.append(extra)
    n = r.choice(others)
    if extra == "illus":
        L += [None, r.choice(["WITH ILLUSTRATIONS BY " + n.upper(), "Illustrated by " + n])]
    elif extra == "illus-count":
        L += [None, r.choice(["WITH FOUR ILLUSTRATIONS", "With Sixteen Full-page Plates"])]
    elif extra == "edited":
        L += [None, "EDITED, WITH AN INTRODUCTION, BY", n.upper()]
    elif extra == "translated":
        L += [None, r.choice(["Translated from the German by ", "TRANSLATED BY "]) + n]
    if r.random() < 0.3:
        sig.append("edition")
        L += [None, r.choice(["SECOND EDITION", "New and Revised Edition", "THIRD EDITION."])]
    pub = r.choice(["none", "london", "newyork", "boston"])
    sig.append(pub)
    if pub != "none":
        gap(1, 3)
        L += {"london": ["LONDON:", "JOHN MURRAY, ALBEMARLE STREET."],
              "newyork": ["NEW YORK", "THE MACMILLAN COMPANY"],
              "boston": ["BOSTON", "HOUGHTON, MIFFLIN AND COMPANY", "The Riverside Press, "
                         "Cambridge"]}[pub]
    date = r.choice(["none", "1897", "MDCCCXCVII.", "1901."])
    if date != "none":
        sig.append("date")
        if pub == "none":
            L.append(None)
        L.append(date)
    if r.random() < 0.25:
        sig.append("copy")
        L += [None, None, "Copyright, 1899, by %s" % r.choice(["Charles Scribner's Sons",
                                                               "Harper & Brothers"])]
    after = r.choice(["none", "ded", "ded-lines", "epigraph", "again"])
    sig.append(after)
    if after == "ded":
        L += [None, None, None, "TO MY MOTHER"]
    elif after == "ded-lines":
        L += [None, None, None, "TO", "THE MEMORY OF", "MY FATHER"]
    elif after == "epigraph":
        L += [None, None, None, "\u201cThe %s is long, the %s is near;" % (
            r.choice(PAGE_NOUNS).lower(), r.choice(PAGE_NOUNS).lower()),
              "And what we keep, we keep in fear.\u201d", "--OLD SONG."]
    elif after == "again":
        L += [None, None, None, t.upper()]
    return L, t, author, sig


def composed_variants(r, count=160, page=None):
    out = []
    for i in range(count):
        lines, title, author, sig = (page or composed_page)(r)
        # the subtitle the page prints, checked too (none: the page has none)
        subs = [x[1] for x in sig if isinstance(x, tuple)]
        sig = [x for x in sig if not isinstance(x, tuple)]
        centre = r.random() < 0.5
        L = ["" if x is None else (x.center(72).rstrip() if centre else x) for x in lines]
        L += [""] * r.choice([2, 3, 4])
        L += page_body(r, r.random() < 0.5)
        text = "\n".join(L).rstrip("\n") + "\n"
        sk = {"meta": {"title": title}, "only": ["title", "author"], "blocks": []}
        if author:
            sk["meta"]["author"] = author
        if "or" not in sig:
            sk["only"].append("subtitle")
            if subs:
                sk["meta"]["subtitle"] = subs[0]
        name = "%s-%s--%03d" % ("compose2" if page else "compose",
                                "-".join(s for s in sig if s != "none")[:60] or "plain", i)
        out.append((name, text.encode("utf-8"), sk))
    return out


# Names as title pages print them: with a rank or a courtesy title, a
# particle, a suffix, a pen name in brackets, two authors; each with the
# author as set_author gives it (the bracket and degrees dropped).
PAGE_NAMES2 = [("Mrs. Lydia Harrow", "Mrs. Lydia Harrow"),
               ("the Rev. Hugh Pellam", "Rev. Hugh Pellam"),
               ("Captain Ralph Dorning", "Captain Ralph Dorning"),
               ("Edmond de la Vance", "Edmond de la Vance"),
               ("Pieter van Whitlow", "Pieter van Whitlow"),
               ("Martin Hale, Jr.", "Martin Hale, Jr"),
               ("Agnes Mary Whitlow", "Agnes Mary Whitlow"),
               ("Samuel L. Fenwick (Ada Marsh)", "Samuel L. Fenwick"),
               ("Clara Vance and Hugh Pellam", "Clara Vance and Hugh Pellam"),
               ("Sir Edwin Marsh, Bart.", "Sir Edwin Marsh")]


def composed_page2(r):
    """(lines, title, author, signature): more parts and their orders: the
    name over the title, the By line in the title's block, rules and stars
    between parts, an alternative title, a volume, a price or a series'
    line at the foot, the names printed with ranks, particles and brackets."""
    caps = r.random() < 0.6
    t = page_title(r) if r.random() < 0.5 else page_title_real(r)
    shown, author = r.choice(PAGE_NAMES2) if r.random() < 0.5 else \
        (lambda n: (n, n))(r.choice(PAGE_NAMES + PAGE_INITIALS))
    others = [x for x in PAGE_NAMES if x not in shown]
    up = (lambda x: x.upper()) if caps else (lambda x: x)
    sig = []
    L = []
    orn = r.choice(["", "", "* * * * *", "-" * 24, "~~~"])
    again_title = False

    def part_gap():
        L.extend([None] * r.randint(1, 3))
        if orn and r.random() < 0.4:
            L.extend([orn, None])

    before = r.choice(["none", "none", "ill", "producer", "cover", "series-lib", "rule"])
    sig.append(before)
    if before == "ill":
        L += ["[Illustration: %s]" % r.choice(["Frontispiece", "THE %s." %
                                              r.choice(PAGE_NOUNS).upper()]), None, None]
    elif before == "producer":
        L += ["E-text prepared by %s" % r.choice(PAGE_NAMES), None, None, None]
    elif before == "cover":
        L += ["[Cover]", None, None]
    elif before == "series-lib":
        L += ["THE %s LIBRARY" % r.choice(PAGE_NOUNS).upper(), None, "No. %d" %
              r.randint(2, 40), None, None]
    elif before == "rule":
        L += ["=" * 40, None]
    over = r.random() < 0.2 and "(" not in shown and " and " not in shown
    if over:
        sig.append("over")
        L += [up(shown[0].upper() + shown[1:]), None, None]
    L += title_lines(r, t, caps)
    alt = r.random() < 0.15
    if alt:
        sig.append("or")
        L += [None, "OR," if caps else "or,", None, up(page_title(r)) + "."]
    sub = r.choice(["none", "none", "colon-less", "kind", "study"])
    if sub != "none":
        sig.append(sub)
        part_gap()
        L.append(up({"colon-less": "A Story of the %s" % r.choice(PAGE_NOUNS),
                     "kind": r.choice(["A Romance", "A Comedy in Three Acts", "Sketches"]),
                     "study": "Studies in the %s and the %s" % (r.choice(PAGE_NOUNS),
                                                                r.choice(PAGE_NOUNS))}[sub]))
        sig.append(("sub", L[-1]))
    if over:
        by = "over"
    else:
        by = r.choice(["By", "BY-alone", "by-tight", "name"])
        sig.append(by)
        if by == "by-tight":
            L.append(("by " if not caps else "BY ") + (up(shown)))
        else:
            part_gap()
            if by == "By":
                L.append(("BY " if caps else "By ") + up(shown))
            elif by == "BY-alone":
                L += ["BY", None, shown.upper()]
            else:
                # a line opens with a capital: "The Rev. Hugh Pellam"
                L.append(up(shown[0].upper() + shown[1:]))
                if len(t.split()) == 2 and caps:
                    # two capitalised words in capitals over a name in
                    # capitals: the title printed again over the text tells them apart
                    again_title = True
    if r.random() < 0.3:
        sig.append("pref")
        L += [None, r.choice(["WITH A PREFACE BY ", "With an Introduction by ",
                              "NOTES BY "]) + r.choice(others).upper()]
    if r.random() < 0.25:
        sig.append("vol")
        L += [None, r.choice(["IN TWO VOLUMES", "In Three Volumes"]), None, "VOL. I."]
        t = "%s: Volume I (of %s)" % (t, "2" if "TWO" in L[-3] else "3")
    if r.random() < 0.3:
        sig.append("illd")
        L += [None, r.choice(["ILLUSTRATED", "_Illustrated_", "WITH A FRONTISPIECE"])]
    pub = r.choice(["none", "pub", "pub-date-line", "pub-printed"])
    sig.append(pub)
    part_gap()
    if pub == "pub":
        L += [r.choice(["PHILADELPHIA:", "EDINBURGH", "Chicago"]), r.choice(
            ["J. B. LIPPINCOTT & CO.", "William Blackwood and Sons", "A. C. McClurg & Co."]),
              r.choice(["1888", "M DCCC LXX", "1904."])]
    elif pub == "pub-date-line":
        L += ["LONDON: %s, 1892." % r.choice(["MACMILLAN AND CO.", "CHAPMAN & HALL"])]
    elif pub == "pub-printed":
        L += ["PRINTED FOR THE AUTHOR", "1810"]
    if r.random() < 0.2:
        sig.append("price")
        L += [None, r.choice(["PRICE ONE SHILLING.", "All rights reserved."])]
    after = r.choice(["none", "ded", "motto-attr", "toc", "preface"])
    sig.append(after)
    if after == "ded":
        L += [None, None, None, "TO", "%s" % r.choice(others).upper(), "THIS BOOK IS DEDICATED"]
    elif after == "motto-attr":
        L += [None, None, None, "    Some %s went out into the %s," % (
            r.choice(PAGE_NOUNS).lower(), r.choice(PAGE_NOUNS).lower()),
              "    And none came back again.", "                  --_Ballad_"]
    elif after == "toc":
        L += [None, None, None, "CONTENTS", None, "I. THE %s" % r.choice(PAGE_NOUNS).upper(),
              "II. THE %s" % r.choice(PAGE_NOUNS).upper()]
    elif after == "preface":
        L += [None, None, None, "PREFACE", None] + textwrap.wrap(paragraph(r), 70)
    if over or again_title:
        # a name over the title is told from a title over its subtitle by
        # the title printed again over the text, the name not
        L += [None, None, None, t.split(": Volume")[0].upper()]
    return L, t, author, sig


def composed_variants2(r, count=160):
    return composed_variants(r, count, composed_page2)


def main():
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)
    r = random.Random(7)
    count = 0
    for name, vs in groups():
        for vname, doc, st in vs:
            data, sk = render(doc, st, r)
            base = os.path.join(outdir, "%s--%s" % (name, vname))
            with open(base + ".txt", "wb") as f:
                f.write(data)
            with open(base + ".expect.json", "w", encoding="utf-8") as f:
                json.dump(sk, f, ensure_ascii=False)
            count += 1
    # title pages draw from a seed of their own: the variants above stay
    for name, data, sk in page_variants(random.Random(11)):
        base = os.path.join(outdir, name)
        with open(base + ".txt", "wb") as f:
            f.write(data)
        with open(base + ".expect.json", "w", encoding="utf-8") as f:
            json.dump(sk, f, ensure_ascii=False)
        count += 1
    # composed title pages draw from a seed of their own too
    for name, data, sk in (composed_variants(random.Random(13)) +
                           composed_variants2(random.Random(17))):
        base = os.path.join(outdir, name)
        with open(base + ".txt", "wb") as f:
            f.write(data)
        with open(base + ".expect.json", "w", encoding="utf-8") as f:
            json.dump(sk, f, ensure_ascii=False)
        count += 1
    print(count)


if __name__ == "__main__":
    main()
