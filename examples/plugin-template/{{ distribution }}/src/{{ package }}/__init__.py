"""{{ description|docstring }}"""

__version__ = "0.1.0"
