"""Make the committed packages in generated/ importable without installing them."""

from __future__ import annotations

import sys

from tests.spec_cases import ROOT, providers

for _name in providers():
    _folder = str(ROOT / "generated" / _name)
    if _folder not in sys.path:
        sys.path.insert(0, _folder)
