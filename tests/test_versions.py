"""One version everywhere: package, metadata, data package, citation file."""

from __future__ import annotations

import json
import re
from importlib.metadata import version

from conftest import REPO

import jinzhou_edu as jz


def test_versions_agree(data_dir):
    descriptor = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    citation = (REPO / "CITATION.cff").read_text(encoding="utf-8")
    cff_version = re.search(r"^version: (\S+)$", citation, re.MULTILINE).group(1)
    assert jz.__version__ == version("jinzhou-edu") == descriptor["version"] == cff_version
