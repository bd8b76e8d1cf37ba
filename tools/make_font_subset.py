"""Cut the bundled CJK font down to the characters the project uses.

The package ships a subset of Noto Sans CJK SC (SIL Open Font License 1.1) so that
Chinese renders in every plot without a system font. Run this script whenever data,
labels or notebooks gain a character the font lacks (the test suite says so):

    apt-get install fonts-noto-cjk     # Debian; the source font
    python tools/make_font_subset.py

It reads every CJK character in data/*.csv, jinzhou_edu/labels.json and
notebooks/**/*.ipynb, subsets face 2 ("Noto Sans CJK SC") of NotoSansCJK-Regular.ttc
with fontTools, renames the family (a Modified Version may not use the Noto
trademark, and must not be confused with an installed Noto) and writes
jinzhou_edu/fonts/.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
FACE = 2  # Noto Sans CJK SC in the collection
FAMILY = "Jinzhou Sans SC"  # not "Noto": Noto is a trademark of Google
OUTPUT = REPO / "jinzhou_edu" / "fonts" / "JinzhouSansSC.otf"
LICENCE = Path("/usr/share/doc/fonts-noto-cjk/copyright")

#: CJK ideographs, CJK punctuation and full-width forms
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")


def project_texts(repo: Path = REPO) -> list[Path]:
    """Return the files whose characters the font must cover."""
    return [
        *sorted((repo / "data").glob("*.csv")),
        repo / "jinzhou_edu" / "labels.json",
        *sorted((repo / "notebooks").rglob("*.ipynb")),
    ]


def cjk_characters(paths: list[Path]) -> set[str]:
    """Every CJK character that appears in the files."""
    found: set[str] = set()
    for path in paths:
        found.update(CJK.findall(path.read_text(encoding="utf-8")))
    return found


def write_licence(target: Path, source: Path) -> None:
    """Write the font's copyright and trademark notices and the SIL OFL 1.1 text."""
    from fontTools.ttLib import TTFont

    names = TTFont(source, fontNumber=FACE)["name"]
    text = LICENCE.read_text(encoding="utf-8")
    body = text.split("License: SIL-1.1\n")[-1]
    lines = [line[1:] if line.startswith(" ") else line for line in body.splitlines()]
    lines = ["" if line == "." else line for line in lines]
    header = (
        f"{OUTPUT.name} is a subset of Noto Sans CJK SC (face {FACE} of "
        "NotoSansCJK-Regular.ttc, Debian package fonts-noto-cjk),\n"
        f"renamed '{FAMILY}' and made by tools/make_font_subset.py.\n\n"
        f"Notices of the original font:\n  {names.getDebugName(0)}\n"
        f"  {names.getDebugName(7)}\n\n"
        "The subset, like the original, is licensed under the SIL Open Font "
        "License 1.1:\n\n"
    )
    target.write_text(header + "\n".join(lines).strip() + "\n", encoding="utf-8")


def main() -> None:
    """Write the subset font and its licence."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE)
    args = parser.parse_args()

    characters = cjk_characters(project_texts())
    # Latin, pinyin and punctuation come from DejaVu Sans; add ASCII so the subset
    # can also stand alone in a font list.
    text = "".join(sorted(characters)) + "".join(chr(c) for c in range(0x20, 0x7F))
    options = subset.Options()
    options.font_number = FACE
    options.hinting = False
    options.desubroutinize = True
    options.name_IDs = ["*"]
    font = TTFont(args.source, fontNumber=FACE)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    keep = {0, 7, 13, 14}  # copyright, trademark, licence and its URL stay as they are
    renamed = {1: FAMILY, 4: f"{FAMILY} Regular", 16: FAMILY}
    for record in font["name"].names:
        if record.nameID in renamed:
            record.string = renamed[record.nameID]
        elif record.nameID == 6:
            record.string = FAMILY.replace(" ", "") + "-Regular"
        elif record.nameID not in keep and "Noto" in record.toUnicode():
            record.string = (
                record.toUnicode()
                .replace("Noto Sans CJK SC", FAMILY)
                .replace("NotoSansCJKsc", FAMILY.replace(" ", ""))
            )
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    font.save(OUTPUT)
    write_licence(OUTPUT.parent / "OFL.txt", args.source)
    print(f"{len(characters)} CJK characters -> {OUTPUT} ({OUTPUT.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
