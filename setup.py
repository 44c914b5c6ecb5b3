"""Ship templates/ inside the package: a wheel installs it as generator/templates/.

In a checkout (and an editable install) the templates stay beside the package, where the people who edit
them look for them; generator/cache.py's TEMPLATES finds them in either place. Everything else about the
package is declared in pyproject.toml.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


class BuildWithTemplates(build_py):
    """build_py, then a copy of templates/ into the built package (not for editable installs)."""

    def run(self) -> None:
        super().run()
        if not self.editable_mode:
            shutil.copytree(HERE / "templates", Path(self.build_lib) / "generator" / "templates", dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildWithTemplates})
