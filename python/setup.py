"""Build step for the `frenchner` wheel: compile the release `frner` and put it inside the package.

`pip install ./python` (or `pip wheel ./python`) runs `build_py`, which, after copying the Python
sources, runs in the repository root (the folder above this one)

    swift build -c release --static-swift-stdlib --product frner --scratch-path .build-python

and copies into `frenchner/_bin/`:

    frner       the binary (Swift runtime linked in; debug info stripped)
    lib/        the shared libraries it needs outside glibc: ICU (libicui18n, libicuuc, libicudata),
                libstdc++, libgcc_s, as Integrations/spark/package.sh bundles them, so the installed
                package runs on any x86_64 Linux with glibc >= 2.35, with or without libicu installed
                (Spark executors included)
    Lexicons/   curated/, generated/, README.md, SOURCES.md (the lexicons and their licences)

The wheel is then tagged for this platform (py3-none-linux_x86_64), not py3-none-any.

Environment:
    FRENCHNER_SOURCE_ROOT   the FrenchNER checkout (default: the folder above this file)
    FRENCHNER_SCRATCH_PATH  swift build's scratch folder (default: <root>/.build-python)
    FRENCHNER_PREBUILT      an already built release frner to package instead of building one
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import Distribution, setup
from setuptools.command.bdist_wheel import bdist_wheel
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
GLIBC = ("linux-vdso.so", "ld-linux", "libc.so", "libm.so", "libdl.so", "libpthread.so", "librt.so",
         "libutil.so", "libresolv.so", "libmvec.so")


def log(message: str) -> None:
    print(f"frenchner build: {message}", file=sys.stderr, flush=True)


def source_root() -> Path:
    root = Path(os.environ.get("FRENCHNER_SOURCE_ROOT") or HERE.parent).resolve()
    if not (root / "Package.swift").is_file() or not (root / "Lexicons" / "curated").is_dir():
        raise SystemExit(
            f"frenchner build: {root} is not a FrenchNER checkout (no Package.swift or Lexicons/curated). "
            "Build the wheel from the repository (pip install ./python), or set FRENCHNER_SOURCE_ROOT.")
    return root


def build_frner(root: Path) -> Path:
    prebuilt = os.environ.get("FRENCHNER_PREBUILT")
    if prebuilt:
        log(f"packaging the prebuilt {prebuilt} (FRENCHNER_PREBUILT)")
        return Path(prebuilt).resolve()
    swift = shutil.which("swift")
    if swift is None:
        raise SystemExit("frenchner build: `swift` not found on PATH: the wheel compiles the frner binary "
                         "(Swift 6 toolchain and libicu-dev needed)")
    scratch = Path(os.environ.get("FRENCHNER_SCRATCH_PATH") or root / ".build-python")
    command = [swift, "build", "-c", "release", "--static-swift-stdlib", "--product", "frner",
               "--scratch-path", str(scratch)]
    log(f"running {' '.join(command)} in {root} (a few minutes on 2 cores the first time)")
    subprocess.run(command, cwd=root, check=True, stdout=sys.stderr)
    return scratch / "release" / "frner"


def bundled_libraries(binary: Path) -> list[Path]:
    """The shared libraries `ldd` resolves for the binary, except glibc's and the kernel's."""
    out = subprocess.run(["ldd", str(binary)], check=True, capture_output=True, text=True).stdout
    libraries = []
    for line in out.splitlines():
        parts = line.split()
        if len(parts) < 3 or parts[1] != "=>":
            continue
        name, path = parts[0], parts[2]
        if name.startswith(GLIBC):
            continue
        if path == "not":
            raise SystemExit(f"frenchner build: {binary} needs {name}, which ldd cannot find")
        if "/swift/" in path:
            raise SystemExit(f"frenchner build: {name} comes from the Swift toolchain ({path}): "
                             "the binary must be built with --static-swift-stdlib")
        libraries.append(Path(path))
    return libraries


def package_frner(target: Path) -> None:
    root = source_root()
    binary = build_frner(root)
    if not binary.is_file():
        raise SystemExit(f"frenchner build: {binary} was not built")
    if target.exists():
        shutil.rmtree(target)
    (target / "lib").mkdir(parents=True)
    shutil.copy2(binary, target / "frner")
    if shutil.which("strip"):
        subprocess.run(["strip", "--strip-debug", str(target / "frner")], check=False)
    os.chmod(target / "frner", 0o755)
    names = []
    for library in bundled_libraries(binary):
        shutil.copy2(library.resolve(), target / "lib" / library.name)
        names.append(library.name)
    lexicons = target / "Lexicons"
    lexicons.mkdir()
    for folder in ("curated", "generated"):
        shutil.copytree(root / "Lexicons" / folder, lexicons / folder)
    for name in ("README.md", "SOURCES.md"):
        if (root / "Lexicons" / name).is_file():
            shutil.copy2(root / "Lexicons" / name, lexicons / name)
    env = dict(os.environ, LD_LIBRARY_PATH=str(target / "lib"), FRNER_LEXICONS=str(lexicons))
    version = subprocess.run([str(target / "frner"), "--version"], capture_output=True, text=True, env=env)
    if version.returncode != 0:
        raise SystemExit(f"frenchner build: the packaged frner does not run: {version.stderr.strip()}")
    (target / "BUILD.txt").write_text(
        f"frner {version.stdout.strip()} for x86_64 Linux (glibc >= 2.35), Swift runtime linked in.\n"
        f"Bundled libraries (lib/): {' '.join(sorted(names))}\n"
        "Lexicon sources and licences: Lexicons/SOURCES.md\n")
    size = sum(f.stat().st_size for f in target.rglob("*") if f.is_file())
    log(f"packaged frner {version.stdout.strip()}, {len(names)} libraries and the lexicons in {target} "
        f"({size / 1e6:.0f} MB)")


class BuildPyWithFrner(build_py):
    """build_py, then the frner binary, its libraries and the lexicons into frenchner/_bin."""

    def run(self) -> None:
        super().run()
        if not self.dry_run:
            package_frner(Path(self.build_lib) / "frenchner" / "_bin")

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        outputs = list(super().get_outputs(include_bytecode))
        bundle = Path(self.build_lib) / "frenchner" / "_bin"
        if bundle.exists():
            outputs += [str(p) for p in bundle.rglob("*") if p.is_file()]
        return outputs


class BinaryDistribution(Distribution):
    """Carries a native binary: install into platlib, and never let the wheel be called pure."""

    def has_ext_modules(self) -> bool:
        return True


class PlatformWheel(bdist_wheel):
    """A platform wheel (py3-none-linux_x86_64): it carries a native binary but no CPython extension."""

    def finalize_options(self) -> None:
        super().finalize_options()
        self.root_is_pure = False

    def get_tag(self) -> tuple[str, str, str]:
        _, _, platform = super().get_tag()
        return "py3", "none", platform


setup(distclass=BinaryDistribution, cmdclass={"build_py": BuildPyWithFrner, "bdist_wheel": PlatformWheel})
