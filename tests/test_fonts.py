"""The bundled CJK font covers every Chinese character the project uses."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

from conftest import REPO
from fontTools.ttLib import TTFont

from jinzhou_edu import style


def load_tool():
    spec = importlib.util.spec_from_file_location(
        "make_font_subset", REPO / "tools" / "make_font_subset.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_font_has_every_cjk_character_in_data_labels_and_notebooks():
    tool = load_tool()
    paths = tool.project_texts(REPO)
    assert any(p.name == "labels.json" for p in paths)
    assert any(p.suffix == ".ipynb" for p in paths)
    needed = tool.cjk_characters(paths)
    assert len(needed) > 300  # the collector finds the data's Chinese
    cmap = TTFont(style.font_path()).getBestCmap()
    missing = sorted(c for c in needed if ord(c) not in cmap)
    assert not missing, (
        f"The bundled font lacks {len(missing)} characters: {''.join(missing[:40])}. "
        "Run `python tools/make_font_subset.py` (needs Debian's fonts-noto-cjk)."
    )


def test_the_font_is_renamed_and_licensed():
    names = TTFont(style.font_path())["name"]
    assert names.getDebugName(1) == "Jinzhou Sans SC"
    licence = (style.font_path().parent / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence
    assert "Noto is a trademark of Google Inc." in licence


def test_the_font_is_registered_on_first_plot_not_at_import():
    code = (
        "import matplotlib\n"
        "matplotlib.use('Agg')\n"
        "from matplotlib import font_manager\n"
        "import jinzhou_edu as jz\n"
        "def registered():\n"
        "    return any(f.name == 'Jinzhou Sans SC' for f in font_manager.fontManager.ttflist)\n"
        "before = registered()\n"
        "jz.plot_figures('jinzhou', 'guns', lang='zh')\n"
        "print(before, registered())\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True"]
