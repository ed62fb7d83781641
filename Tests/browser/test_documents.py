"""Every GraphQL document the console sends validates against schema.graphql (with the server's
own validator, `switchboard validate`): a renamed field fails here before it fails in a browser."""

import re
import subprocess

import pytest

from console_support import CLIENT_DIR, REPO_ROOT
from e2e_support import switchboard_bin

CONSTANT = re.compile(r"const\s+([A-Z_][A-Z0-9_]*)\s*=\s*`([^`]*)`", re.S)
OPERATION = re.compile(r"^\s*(query|mutation|subscription)\b")


def documents():
    """(file, name, document) for each template-literal constant holding an operation; `${NAME}`
    pieces are filled from the same file's constants."""
    for path in sorted(CLIENT_DIR.rglob("*.js")):
        constants = dict(CONSTANT.findall(path.read_text()))

        def expand(text, depth=0):
            return re.sub(r"\$\{([A-Z_][A-Z0-9_]*)\}", lambda m: expand(constants[m.group(1)], depth + 1), text)

        for name, text in constants.items():
            if OPERATION.match(text):
                yield path.relative_to(REPO_ROOT), name, expand(text)


def test_the_console_sends_only_valid_documents(tmp_path):
    found = list(documents())
    assert len(found) > 10, found
    files = []
    for index, (path, name, text) in enumerate(found):
        file = tmp_path / f"{index:03}_{path.stem}_{name}.graphql"
        file.write_text(text)
        files.append(file)
    result = subprocess.run([str(switchboard_bin()), "validate", "--schema", str(REPO_ROOT / "schema.graphql"), *map(str, files)],
                            capture_output=True, text=True, timeout=60)
    if result.returncode != 0:
        pytest.fail(f"invalid documents:\n{result.stdout}{result.stderr}", pytrace=False)
