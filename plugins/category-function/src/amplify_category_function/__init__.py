"""amplify function: Lambda functions in Gen 1's file shapes, packaged at push, run locally."""

CATEGORY = "function"
SERVICE = "Lambda"
#: Current Lambda runtime names offered for new functions (older ones in Gen 1 projects are read as they are).
RUNTIMES = ("nodejs22.x", "nodejs24.x", "python3.13", "python3.12")
DEFAULT_RUNTIME = "nodejs22.x"
