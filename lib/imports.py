"""Import a heavy package without optional extras it would load eagerly but we never use.

Kernel and runner start-up dominate a small report, so this matters: NLTK imports scikit-learn and
``scipy.stats`` (~1.5 s) for classifiers we do not use; nbformat, through jsonschema, builds an IRI grammar with
``rfc3987_syntax`` (~1.4 s) to validate a string format notebooks never contain. Both packages treat the extra
as optional (they catch the ImportError), so refusing it to them while they are imported is safe.

How far the refusal reaches, exactly (:func:`import_without`):

- ``sys.modules`` is never edited. For the duration of the one import, a finder placed first on
  ``sys.meta_path`` refuses the optional modules (and their submodules) **only to import statements in the
  package being imported**; anyone else, in any thread, imports them as usual. The finder is removed on the
  way out, also after an error, and a lock keeps two such imports from interleaving.
- Afterwards the optional modules import normally, for the package too.
- The package keeps its own fallbacks for the missing extra for the rest of the process: NLTK's
  ``SklearnClassifier`` is unavailable (unused here) and its ``fisher`` association measure raises, so
  :func:`lib.topics.collocations` computes that measure with scipy itself. Nothing is done when the package
  is already imported.

>>> import_without("json", "decimal").__name__
'json'
"""

from __future__ import annotations

import importlib
import sys
import threading
from importlib.abc import MetaPathFinder
from types import ModuleType

__all__ = ["import_without"]

_LOCK = threading.Lock()


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def _importing_module() -> str:
    """Name of the module whose code runs the current import (the first frame outside ``importlib``)."""
    frame = sys._getframe(2)
    while frame is not None and _within(str(frame.f_globals.get("__name__", "")), "importlib"):
        frame = frame.f_back
    return str(frame.f_globals.get("__name__", "")) if frame is not None else ""


class _RefuseTo(MetaPathFinder):
    """Refuses the ``optional`` modules to imports made by ``package``'s own modules; defers everything else."""

    def __init__(self, package: str, optional: tuple[str, ...]) -> None:
        self.package, self.optional = package, optional

    def find_spec(self, fullname, path=None, target=None):
        if any(_within(fullname, name) for name in self.optional) and _within(_importing_module(), self.package):
            raise ModuleNotFoundError(f"{fullname} is skipped while importing {self.package}", name=fullname)
        return None


def import_without(name: str, *optional: str, importer: str | None = None) -> ModuleType:
    """Import ``name`` (if not yet imported) while the modules of ``importer`` (default: ``name``'s own package)
    cannot import those in ``optional``; e.g. papermill imports nbformat, whose jsonschema imports the grammar:
    ``import_without("papermill", "rfc3987_syntax", importer="jsonschema")``.

    Only modules not yet imported can be refused: one already in ``sys.modules`` is simply reused.

    >>> import_without("json").__name__
    'json'
    """
    if name in sys.modules:
        return sys.modules[name]
    finder = _RefuseTo(importer or name.partition(".")[0], tuple(optional))
    with _LOCK:
        sys.meta_path.insert(0, finder)
        try:
            return importlib.import_module(name)
        finally:
            sys.meta_path.remove(finder)
