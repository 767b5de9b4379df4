"""The InquirerPy adapter, answered in a real pseudo-terminal."""

from __future__ import annotations

import sys
import textwrap

import pexpect

SCRIPT = textwrap.dedent("""
    import json
    from amplify_core.prompts.inquirer import InquirerPrompter
    from amplify_core.prompts.question import Question
    answers = InquirerPrompter().ask([
        Question(id="envName", message="Enter a name for the environment", default="dev",
                 validate=lambda v: None if v.isalpha() and v.islower() else "lowercase letters"),
        Question(id="index", message="index doc for the website", default="index.html"),
        Question(id="ttl", message="Default TTL", default=86400,
                 validate=lambda v: None if str(v).isdigit() else "a number"),
        Question(id="stage", message="Select the environment setup:", kind="select",
                 choices=["DEV", "PROD"], default="DEV"),
        Question(id="go", message="Continue?", kind="confirm", default=True),
    ])
    print("ANSWERS=" + json.dumps(answers, sort_keys=True))
""")


def test_questions_are_answered_in_a_terminal(tmp_path):
    script = tmp_path / "ask.py"
    script.write_text(SCRIPT)
    child = pexpect.spawn(
        sys.executable,
        [str(script)],
        encoding="utf-8",
        timeout=20,
        dimensions=(24, 100),
        env={"TERM": "xterm", "PATH": "/usr/bin:/bin"},
    )
    # The default is shown after the question, not put in the line: typing replaces it.
    child.expect_exact("Enter a name for the environment (dev)")
    child.send("Prod1\r")  # refused
    child.send("\x7f" * 5 + "prod\r")
    child.expect_exact("index doc for the website (index.html)")
    child.send("\r")  # Enter takes the default
    child.expect_exact("Default TTL (86400)")
    child.send("60\r")
    child.expect("Select the environment setup")
    child.send("\x1b[B")  # arrow down to PROD
    child.send("\r")
    child.expect("Continue")
    child.send("n")
    child.expect(r"ANSWERS=(\{.*\})")
    assert (
        child.match.group(1).strip()
        == '{"envName": "prod", "go": false, "index": "index.html", "stage": "PROD", "ttl": "60"}'
    )
    child.expect(pexpect.EOF)
