"""Which Lambda runtimes AWS still accepts for creating and updating functions, by date.

Lambda deprecates a runtime in phases (the "Runtime deprecation" table of the Lambda Developer
Guide): from its *block function create* date, CreateFunction with it fails; from its *block
function update* date, UpdateFunctionConfiguration / UpdateFunctionCode fail too. Both answer
``InvalidParameterValueException`` with :func:`no_longer_supported`. Existing functions still run.
The sandbox's Lambda and the push's pre-flight check read this one table, so the tool refuses
before any cloud call exactly what AWS would refuse. Dates are AWS's as published (late 2026);
runtimes without a scheduled block date are not listed.
"""

from __future__ import annotations

import datetime as dt

_D = dt.date

#: runtime → (block function create, block function update)
BLOCK_DATES: dict[str, tuple[dt.date, dt.date]] = {
    "nodejs": (_D(2016, 10, 31), _D(2016, 10, 31)),
    "nodejs4.3": (_D(2018, 12, 15), _D(2019, 4, 30)),
    "nodejs4.3-edge": (_D(2018, 12, 15), _D(2019, 4, 30)),
    "nodejs6.10": (_D(2019, 4, 30), _D(2019, 8, 12)),
    "nodejs8.10": (_D(2020, 1, 6), _D(2020, 3, 6)),
    "nodejs10.x": (_D(2021, 7, 30), _D(2022, 2, 14)),
    "nodejs12.x": (_D(2023, 3, 31), _D(2023, 4, 30)),
    "nodejs14.x": (_D(2024, 1, 9), _D(2024, 2, 8)),
    "nodejs16.x": (_D(2025, 2, 28), _D(2025, 3, 31)),
    "nodejs18.x": (_D(2025, 9, 1), _D(2025, 10, 1)),
    "nodejs20.x": (_D(2026, 8, 31), _D(2026, 9, 30)),
    "nodejs22.x": (_D(2027, 6, 1), _D(2027, 7, 1)),
    "nodejs24.x": (_D(2028, 6, 1), _D(2028, 7, 1)),
    "python2.7": (_D(2022, 7, 15), _D(2022, 9, 30)),
    "python3.6": (_D(2022, 8, 17), _D(2022, 9, 30)),
    "python3.7": (_D(2024, 1, 9), _D(2024, 2, 8)),
    "python3.8": (_D(2025, 2, 28), _D(2025, 3, 31)),
    "python3.9": (_D(2026, 6, 1), _D(2026, 7, 1)),
    "dotnetcore1.0": (_D(2019, 6, 27), _D(2019, 7, 31)),
    "dotnetcore2.0": (_D(2019, 4, 30), _D(2019, 5, 30)),
    "dotnetcore2.1": (_D(2021, 9, 20), _D(2021, 10, 30)),
    "dotnetcore3.1": (_D(2023, 4, 3), _D(2023, 5, 3)),
    "dotnet6": (_D(2025, 2, 28), _D(2025, 3, 31)),
    "ruby2.5": (_D(2021, 7, 30), _D(2022, 3, 31)),
    "ruby2.7": (_D(2024, 1, 9), _D(2024, 2, 8)),
    "java8": (_D(2024, 1, 8), _D(2024, 2, 8)),
    "go1.x": (_D(2024, 1, 8), _D(2024, 2, 8)),
    "provided": (_D(2024, 1, 8), _D(2024, 2, 8)),
}


def _today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


def blocked_for_create(runtime: str, today: dt.date | None = None) -> bool:
    """True when CreateFunction with ``runtime`` fails on AWS today."""
    dates = BLOCK_DATES.get(runtime)
    return dates is not None and (today or _today()) >= dates[0]


def blocked_for_update(runtime: str, today: dt.date | None = None) -> bool:
    """True when updating a function to (or of) ``runtime`` fails on AWS today."""
    dates = BLOCK_DATES.get(runtime)
    return dates is not None and (today or _today()) >= dates[1]


def no_longer_supported(runtime: str) -> str:
    """Lambda's ``InvalidParameterValueException`` message for a blocked runtime."""
    return (
        f"The runtime parameter of {runtime} is no longer supported for creating or updating AWS "
        "Lambda functions. We recommend you use a supported runtime while creating or updating functions."
    )
