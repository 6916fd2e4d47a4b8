#!/usr/bin/env python3
"""textcheck.py WIDTH FILE [WIDTH FILE]...: what every text rendering guarantees.

Valid UTF-8, ending with one newline; no tab, carriage return or other
control character; no line ending in a space; no line wider than WIDTH
display columns, counted as colette counts them (East Asian Wide and
Fullwidth two columns, combining marks, format and control characters
none, anything else one), here with Python's own Unicode tables, so that
the writer's count is checked by another's.  Exit 1 with the lines at
fault.
"""
import sys
import unicodedata


def width(ch):
    o = ord(ch)
    if o < 0x20 or o == 0x7F or 0x80 <= o < 0xA0:
        return 0
    if unicodedata.category(ch) in ("Mn", "Mc", "Me", "Cf", "Cc"):
        return 0
    if 0x1160 <= o <= 0x11FF:
        return 0
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def check(limit, path):
    data = open(path, "rb").read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        return [f"not UTF-8: {e}"]
    faults = []
    if not text.endswith("\n") or text.endswith("\n\n"):
        faults.append("does not end with one newline")
    for n, line in enumerate(text.split("\n")[:-1], 1):
        w = sum(width(c) for c in line)
        if w > limit:
            faults.append(f"line {n}: {w} columns: {line}")
        if line.endswith(" "):
            faults.append(f"line {n}: trailing space: {line!r}")
        if any(ord(c) < 0x20 for c in line):
            faults.append(f"line {n}: a control character: {line!r}")
    return faults


def main():
    args, bad = sys.argv[1:], 0
    for limit, path in zip(args[0::2], args[1::2]):
        faults = check(int(limit), path)
        for f in faults[:20]:
            print(f"{path}: {f}")
        bad += bool(faults)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
