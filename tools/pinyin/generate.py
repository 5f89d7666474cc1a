#!/usr/bin/env python3
"""Generate the pinyin-initials table of HallDevices.Queueing from Unicode's Unihan database.

The kiosk finds a service by the initials of its name's pinyin (社保卡 -> "sbk"). No pinyin
package is available to the build, so the server carries this small table, generated once and
committed. See README.md next to this script.

Usage (from the repository root):
    python3 tools/pinyin/generate.py [--unihan PATH] [--out PATH]

PATH for --unihan may be Unihan_Readings.txt or its .bz2 (Debian's unicode-data ships the .bz2).
Plain python3, standard library only.
"""

import argparse
import bz2
import os
import re
import sys
import unicodedata

# Readings of these fields are united: kMandarin alone gives one "most customary" reading, which
# would lose the other pronunciations people actually use (长 cháng/zhǎng, 行 háng/xíng).
# kHanyuPinyin (汉语大字典) is left out: its classical readings (移 chǐ, 不 fǒu, 税 tuō) would make
# 1,410 of GB 2312's characters ambiguous instead of 383, and a kiosk search match wrongly. Modern
# dictionaries (现代汉语词典, 通用规范汉字字典) keep the readings people say.
FIELDS = ("kMandarin", "kXHC1983", "kTGHZ2013")

# Every Unihan field that holds Mandarin readings, for --fields.
KNOWN_FIELDS = ("kMandarin", "kHanyuPinyin", "kXHC1983", "kTGHZ2013")

# The table covers the CJK Unified Ideographs block. The extensions are rare in service names and
# would more than double the file; a name using one is rejected with a clear error instead.
FIRST, LAST = 0x4E00, 0x9FFF

DEFAULT_UNIHAN = "/usr/share/unicode/Unihan_Readings.txt.bz2"
DEFAULT_OUT = "queue-server/HallDevices.Queueing/Halls/Pinyin/pinyin-initials.txt"

SYLLABLE = re.compile(r"^[a-z]+$")


def open_text(path):
    if path.endswith(".bz2"):
        return bz2.open(path, "rt", encoding="utf-8")
    return open(path, "rt", encoding="utf-8")


def syllables(field, value):
    """The pinyin syllables of one field value, whatever that field's layout.

    kMandarin: "zhǎng" or "a b"; the dictionary fields: "0121.040:cháng 1456.020:zhǎng" or
    "20811.060:háng,xìng,xíng" (locations before the colon, readings after, comma-separated).
    """
    for entry in value.split():
        readings = entry.rsplit(":", 1)[-1] if field != "kMandarin" else entry
        for reading in readings.split(","):
            if reading:
                yield reading


def initial(reading, where):
    """The first letter of a reading, tone marks removed: shēn -> s, zhǎng -> z, lǘ -> l, ế -> e."""
    # NFD splits ü, ǘ, ê, ḿ ... into a base letter and combining marks, which are then dropped.
    # Only the first letter matters, so zh/ch/sh give z/c/s and lǘ gives l.
    bare = "".join(c for c in unicodedata.normalize("NFD", reading.lower())
                   if not unicodedata.combining(c))
    if not SYLLABLE.match(bare):
        sys.exit(f"generate.py: unexpected reading {reading!r} at {where}")
    return bare[0]


def read_unihan(path, fields):
    version = None
    letters = {}
    with open_text(path) as f:
        for number, line in enumerate(f, 1):
            if line.startswith("#"):
                m = re.match(r"#\s*Unicode version:\s*(\S+)", line)
                if m:
                    version = m.group(1)
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 3 or parts[1] not in fields:
                continue
            code = int(parts[0][2:], 16)
            if not FIRST <= code <= LAST:
                continue
            where = f"{os.path.basename(path)}:{number}"
            found = letters.setdefault(chr(code), set())
            for reading in syllables(parts[1], parts[2]):
                found.add(initial(reading, where))
    if version is None:
        sys.exit(f"generate.py: no 'Unicode version' line in {path}")
    return version, letters


def gb2312_hanzi():
    """Every hanzi of GB 2312 (rows 16-55 level 1, 56-87 level 2): the table must cover them."""
    chars = []
    for row in range(0xB0, 0xF8):
        for cell in range(0xA1, 0xFF):
            try:
                chars.append(bytes((row, cell)).decode("gb2312"))
            except UnicodeDecodeError:
                pass  # the unassigned tail of rows 55 (D7FA-D7FE)
    return chars


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--unihan", default=DEFAULT_UNIHAN)
    parser.add_argument("--out", default=DEFAULT_OUT)
    parser.add_argument("--fields", default=",".join(FIELDS),
                        help="comma-separated Unihan reading fields to unite (default: %(default)s)")
    args = parser.parse_args()
    fields = tuple(f for f in args.fields.split(",") if f)
    unknown = [f for f in fields if f not in KNOWN_FIELDS]
    if unknown:
        sys.exit(f"generate.py: not a pinyin field: {', '.join(unknown)}")

    version, letters = read_unihan(args.unihan, fields)

    gb = gb2312_hanzi()
    if len(gb) != 6763:
        sys.exit(f"generate.py: GB 2312 enumerated {len(gb)} hanzi, expected 6763")
    absent = [c for c in gb if not letters.get(c)]
    if absent:
        sys.exit(f"generate.py: GB 2312 characters without a reading: {''.join(absent)}")

    rows = sorted((c, "".join(sorted(s))) for c, s in letters.items() if s)
    header = (f"# Pinyin initials of U+{FIRST:04X}-U+{LAST:04X}, derived (modified) from Unicode {version} "
              f"Unihan_Readings.txt, fields {' '.join(fields)}: the distinct first letters of every "
              f"reading, tone marks removed. (c) Unicode, Inc., Unicode licence: tools/pinyin/README.md. "
              f"Generated by: python3 tools/pinyin/generate.py"
              f"{'' if fields == FIELDS else ' --fields ' + ','.join(fields)}\n")
    os.makedirs(os.path.dirname(args.out) or ".", exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write(header)
        for c, s in rows:
            f.write(f"{c}\t{s}\n")
    several = sum(1 for _, s in rows if len(s) > 1)
    print(f"{args.out}: {len(rows)} characters ({several} with several initials), "
          f"{os.path.getsize(args.out)} bytes, Unicode {version}")


if __name__ == "__main__":
    main()
