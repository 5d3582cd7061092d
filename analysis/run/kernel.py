"""The project's Jupyter kernel, registered in the environment: `python -m analysis.run.kernel`.

JupyterLab, papermill and nbval all find it by name. The kernel logs only errors: on this local,
loopback-only setup its one warning ("running over TCP without encryption") is one a user cannot
act on, and it was printed for every notebook of every build.
"""

import json
import sys
from pathlib import Path

KERNEL_NAME = "birmingham-analysis"
DISPLAY_NAME = "Python (birmingham-analysis)"
QUIET = "--IPKernelApp.log_level=ERROR"


def install(prefix: str = sys.prefix) -> Path:
    """Register the kernel under ``prefix`` and make it quiet; return its ``kernel.json``."""
    from ipykernel.kernelspec import install as install_kernelspec

    folder = Path(
        install_kernelspec(kernel_name=KERNEL_NAME, display_name=DISPLAY_NAME, prefix=prefix)
    )
    spec_file = folder / "kernel.json"
    spec = json.loads(spec_file.read_text(encoding="utf-8"))
    if QUIET not in spec["argv"]:
        spec["argv"].append(QUIET)
    spec_file.write_text(json.dumps(spec, indent=1) + "\n", encoding="utf-8")
    return spec_file


def ensure_installed(prefix: str = sys.prefix) -> Path | None:
    """Register the kernel under ``prefix`` when Jupyter cannot find it; else do nothing.

    Returns:
        The new ``kernel.json``, or None when the kernel was already registered.
    """
    from jupyter_client.kernelspec import KernelSpecManager

    if KERNEL_NAME in KernelSpecManager().find_kernel_specs():
        return None
    return install(prefix)


if __name__ == "__main__":
    print(install())
