"""Import a heavy package without optional extras it would load eagerly but we never use.

Kernel and runner start-up dominate a small report, so this matters: NLTK imports scikit-learn and
``scipy.stats`` (~1.5 s) for classifiers we do not use; nbformat, through jsonschema, builds an IRI grammar with
``rfc3987_syntax`` (~1.4 s) to validate a string format notebooks never contain. Both packages treat the extra
as optional (they catch the ImportError), so blocking it while the package itself is imported is safe, and
the blocked module imports normally afterwards.

>>> import_without("json", "decimal").__name__
'json'
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType

__all__ = ["import_without"]


def import_without(name: str, *optional: str) -> ModuleType:
    """Import ``name`` (if not yet imported) while the modules in ``optional`` cannot be imported."""
    if name in sys.modules:
        return sys.modules[name]
    blocked = [module for module in optional if module not in sys.modules]
    for module in blocked:
        sys.modules[module] = None  # makes `import module` raise ImportError
    try:
        return importlib.import_module(name)
    finally:
        for module in blocked:
            if sys.modules.get(module) is None:
                del sys.modules[module]
