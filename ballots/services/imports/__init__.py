"""The HR imports (formats in docs/interface.md): scrutins, electoral rolls, candidacies.

Each one reads the whole file first (core.csvfiles), collects every error
as `line N: column: reason`, and writes only when there is none, or only the valid
rows with `skip_invalid=True`. Reruns of the same file change nothing.
"""

from core.csvfiles import ImportReport

from .candidacies import candidacies_import
from .roll import roll_import
from .scrutins import scrutins_import

__all__ = ["ImportReport", "candidacies_import", "roll_import", "scrutins_import"]
