"""Finding the `frner` program and the environment it runs in."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Optional

PACKAGE_BIN = Path(__file__).resolve().parent / "_bin"


class FrnerNotFound(FileNotFoundError):
    """No `frner` program could be found."""


@dataclass(frozen=True)
class Frner:
    """A `frner` program and the environment variables it needs.

    For the binary inside the wheel (`frenchner/_bin/frner`) the environment sets `LD_LIBRARY_PATH`
    to the bundled libraries (ICU, libstdc++) and `FRNER_LEXICONS` to the bundled lexicons, so it works
    from any directory, whatever the source checkout it was built from has become.
    """

    path: str
    env: Dict[str, str] = field(default_factory=dict)

    def environment(self, extra: Optional[Dict[str, str]] = None) -> Dict[str, str]:
        """`os.environ` plus this program's variables plus `extra`."""
        env = dict(os.environ)
        for key, value in self.env.items():
            if key == "LD_LIBRARY_PATH" and env.get(key):
                value = value + os.pathsep + env[key]
            env[key] = value
        if extra:
            env.update(extra)
        return env


def packaged() -> Optional[Frner]:
    """The binary shipped inside the installed package, or None (e.g. a source checkout)."""
    binary = PACKAGE_BIN / "frner"
    if not (binary.is_file() and os.access(binary, os.X_OK)):
        return None
    return Frner(str(binary), {"LD_LIBRARY_PATH": str(PACKAGE_BIN / "lib"),
                               "FRNER_LEXICONS": str(PACKAGE_BIN / "Lexicons")})


def find_frner(binary: Optional[str] = None) -> Frner:
    """The `frner` to run.

    In order: `binary` (a path, or a name on PATH), `$FRENCHNER_BINARY`, the binary inside the
    installed package, `frner` on PATH. An explicit program gets no extra environment: it finds its
    lexicons itself (`$FRNER_LEXICONS`, beside the binary, or its source checkout), as on the command line.
    """
    explicit = binary or os.environ.get("FRENCHNER_BINARY")
    if explicit:
        candidate = explicit if os.sep in explicit else (shutil.which(explicit) or explicit)
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return Frner(os.path.abspath(candidate))
        source = "binary=" if binary else "$FRENCHNER_BINARY="
        raise FrnerNotFound(f"{source}{explicit}: no such executable")
    shipped = packaged()
    if shipped is not None:
        return shipped
    on_path = shutil.which("frner")
    if on_path:
        return Frner(on_path)
    raise FrnerNotFound(
        f"frner not found: not inside the package ({PACKAGE_BIN / 'frner'}), not on PATH and "
        "$FRENCHNER_BINARY unset. Install the wheel built from the repository (pip install ./python), "
        "or point FRENCHNER_BINARY at a frner binary.")
