"""The facts of a letter, read from colette-map's output, and compared.

A letter's facts have the shape of fixtures/letters/NAME.facts.json (every
key present; null, [] or {} when the letter has none):

    lang               the main language, primary subtag (letter/@xml:lang)
    date               head/date/@when
    place              head/place/@key
    collective_letter  {"number", "group"} of head/ref[@type='collective-letter']
    file_refs          the text of every other head/ref, whitespace-normalised
    contacts           head/contact/@type -> @value (the first of each type)
    addressees         [@role, @group] of each head/addressees/addressee
    meeting            meeting/@group, @mode, @start, @end, @place
    deadlines          [@when, @kind] of each body//deadline
    signature          {"name", "title"}: the texts of body/signature/name and
                       title, whitespace-normalised, joined by a space if several
    enclosure          body/enclosure/@count as an integer
    annexes            annex/@id
    agenda             annex id -> the labels of that annex's list items in
                       document order (with an expected letter: only the
                       annexes it names, cut to its length)

Python 3 standard library only.
"""
import difflib
import xml.etree.ElementTree as ET

NS = "{urn:colette:letter:1}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
KEYS = ("lang", "date", "place", "collective_letter", "file_refs", "contacts", "addressees",
        "meeting", "deadlines", "signature", "enclosure", "annexes", "agenda")
# keys whose items are each one fact; every other key is one fact
ITEM_KEYS = ("contacts", "addressees", "deadlines", "agenda")
MEETING_KEYS = ("group", "mode", "start", "end", "place")


def _text(el):
    """An element's text, whitespace-normalised; a line break is a space."""
    out = []

    def walk(e):
        if e.tag == NS + "br":
            out.append(" ")
        out.append(e.text or "")
        for c in e:
            walk(c)
            out.append(c.tail or "")

    walk(el)
    return " ".join("".join(out).split())


def _joined(els):
    if not els:
        return None
    return " ".join(t for t in (_text(e) for e in els) if t)


def extract(letter_xml, expected=None):
    """The facts of a letter XML (bytes or str). With `expected` (a facts
    dict), the agenda holds only the annexes it names, each cut to the
    length it gives; without, every annex that has list items, in full."""
    root = ET.fromstring(letter_xml)
    head = root.find(NS + "head")
    body = root.find(NS + "body")
    if head is None:
        head = ET.Element(NS + "head")
    if body is None:
        body = ET.Element(NS + "body")
    f = {}
    lang = root.get(XML_LANG)
    f["lang"] = lang.split("-")[0] if lang else None
    d = head.find(NS + "date")
    f["date"] = d.get("when") if d is not None else None
    p = head.find(NS + "place")
    f["place"] = p.get("key") if p is not None else None
    refs = head.findall(NS + "ref")
    cl = [r for r in refs if r.get("type") == "collective-letter"]
    f["collective_letter"] = {"number": cl[0].get("number"), "group": cl[0].get("group")} if cl else None
    f["file_refs"] = [_text(r) for r in refs if r.get("type") != "collective-letter"]
    contacts = {}
    for c in head.findall(NS + "contact"):
        contacts.setdefault(c.get("type"), c.get("value"))
    f["contacts"] = contacts
    f["addressees"] = [[a.get("role"), a.get("group")]
                       for adds in head.findall(NS + "addressees") for a in adds.findall(NS + "addressee")]
    m = root.find(NS + "meeting")
    f["meeting"] = {k: m.get(k) for k in MEETING_KEYS} if m is not None else None
    f["deadlines"] = [[x.get("when"), x.get("kind")] for x in body.iter(NS + "deadline")]
    sig = body.find(NS + "signature")
    f["signature"] = ({"name": _joined(sig.findall(NS + "name")), "title": _joined(sig.findall(NS + "title"))}
                      if sig is not None else None)
    enc = body.find(NS + "enclosure")
    count = enc.get("count") if enc is not None else None
    f["enclosure"] = int(count) if count is not None and count.isdigit() else None
    annexes = root.findall(NS + "annex")
    f["annexes"] = [a.get("id") for a in annexes]
    agenda = {}
    for a in annexes:
        labels = [i.get("label") for i in a.iter(NS + "item")]
        if labels and a.get("id") not in agenda:
            agenda[a.get("id")] = labels
    if expected is not None:
        agenda = {aid: agenda[aid][:len(want)] for aid, want in expected.get("agenda", {}).items()
                  if aid in agenda}
    f["agenda"] = agenda
    return f


def _align(key, want, got):
    """Mismatches between two lists, aligned so that one missing or extra
    item does not shift the rest: (key[i], expected item, got item), with
    None for a missing item, (key[found j], None, item) for an extra one;
    and how many expected items were found."""
    want_t = [repr(x) for x in want]
    got_t = [repr(x) for x in got]
    out, found = [], 0
    sm = difflib.SequenceMatcher(None, want_t, got_t, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            found += i2 - i1
            continue
        for k in range(max(i2 - i1, j2 - j1)):
            i, j = i1 + k, j1 + k
            if i < i2:
                out.append((f"{key}[{i}]", want[i], got[j] if j < j2 else None))
            else:  # found, not expected: named by its place in what was found
                out.append((f"{key}[found {j}]", None, got[j]))
    return out, found


def _score(expected, got):
    """(mismatches, facts found, facts expected)."""
    out, found, total = [], 0, 0
    for key in KEYS:
        e, g = expected.get(key), got.get(key)
        if key == "contacts":
            g = g or {}
            for t, v in e.items():
                total += 1
                if g.get(t) == v:
                    found += 1
                else:
                    out.append((f"contacts.{t}", v, g.get(t)))
            for t in g:
                if t not in e:
                    out.append((f"contacts.{t}", None, g[t]))
        elif key == "agenda":
            g = g or {}
            for aid, labels in e.items():
                total += len(labels)
                if aid not in g:
                    out.append((f"agenda.{aid}", labels, None))
                    continue
                mm, n = _align(f"agenda.{aid}", labels, g[aid][:len(labels)])
                found += n
                out += mm
        elif key in ITEM_KEYS:
            total += len(e)
            mm, n = _align(key, e, g or [])
            found += n
            out += mm
        else:
            total += 1
            if e == g:
                found += 1
            elif isinstance(e, dict) and isinstance(g, dict):
                # one fact, told field by field (meeting.place, signature.title)
                out += [(f"{key}.{k}", e.get(k), g.get(k)) for k in list(e) + [k for k in g if k not in e]
                        if e.get(k) != g.get(k)]
            else:
                out.append((key, e, g))
    return out, found, total


def compare(expected, got):
    """Every mismatch between expected and extracted facts, as
    (key, expected, got); key names the item ("contacts.tel",
    "addressees[2]", "agenda.B[4]", "addressees[found 5]" for an extra
    item); None stands for a missing or an extra item. An empty list: the facts agree."""
    return _score(expected, got)[0]


def score(expected, got):
    """(found, expected): facts found of the facts expected, counting each
    scalar key (lang, date, place, collective_letter, file_refs, meeting,
    signature, enclosure, annexes: one fact each, null included), each
    contact, each addressee, each deadline and each agenda label."""
    _, found, total = _score(expected, got)
    return found, total


def extra(expected, got):
    """How many facts were found that the letter does not have (an
    addressee too many, a contact of another type)."""
    return sum(1 for _, e, g in compare(expected, got) if e is None and g is not None)


def load(path):
    """A NAME.facts.json file; every key must be there, and no other."""
    import json
    with open(path, encoding="utf-8") as fh:
        f = json.load(fh)
    if set(f) != set(KEYS):
        raise ValueError(f"{path}: keys {sorted(set(f) ^ set(KEYS))} missing or unknown")
    return f


def run_chain(unpack, normalize, mapper, docx):
    """colette-unpack DOCX | colette-normalize | colette-map: the letter
    XML, or raises subprocess.CalledProcessError."""
    import subprocess
    flat = subprocess.run([unpack, docx], capture_output=True, check=True).stdout
    norm = subprocess.run([normalize], input=flat, capture_output=True, check=True).stdout
    return subprocess.run([mapper], input=norm, capture_output=True, check=True).stdout
