"""Gen 1's ``amplify add auth`` questions (default and manual flows), answered into the
headless request shape (:class:`~amplify_category_auth.params.AuthAddParams`), so the prompts
and ``--params`` share one validation and one conversion.

Questions are asked in small batches through the core's prompter because later questions
depend on earlier answers (the manual flow, MFA types, groups).
"""

from __future__ import annotations

from typing import Any

from amplify_core.plugin import Choice, Question

SIGNIN = [
    Choice("USERNAME", "Username"),
    Choice("EMAIL", "Email"),
    Choice("PHONE_NUMBER", "Phone Number"),
    Choice("EMAIL_AND_PHONE_NUMBER", "Email or Phone Number"),
]
ATTRIBUTES = [
    ("ADDRESS", "Address"),
    ("BIRTHDATE", "Birthdate"),
    ("EMAIL", "Email"),
    ("FAMILY_NAME", "Family Name"),
    ("MIDDLE_NAME", "Middle Name"),
    ("GENDER", "Gender"),
    ("LOCALE", "Locale"),
    ("GIVEN_NAME", "Given Name"),
    ("NAME", "Name"),
    ("NICKNAME", "Nickname"),
    ("PHONE_NUMBER", "Phone Number"),
    ("PREFERRED_USERNAME", "Preferred Username"),
    ("PICTURE", "Picture"),
    ("PROFILE", "Profile"),
    ("UPDATED_AT", "Updated At"),
    ("WEBSITE", "Website"),
    ("ZONE_INFO", "Zone Info"),
]
IDENTITY_AND_POOL = "identityPoolAndUserPool"
POOL_ONLY = "userPoolOnly"
FLAG = '--params \'{"version": 1, "serviceConfiguration": {…}}\''
UPDATE_FLAG = '--params \'{"version": 1, "serviceModification": {…}}\''


def _signin_attribute(signin: str) -> list[str]:
    return {
        "EMAIL": ["EMAIL"],
        "PHONE_NUMBER": ["PHONE_NUMBER"],
        "EMAIL_AND_PHONE_NUMBER": ["EMAIL", "PHONE_NUMBER"],
    }.get(signin, ["EMAIL"])


def _check_name(value: Any) -> str | None:
    text = str(value or "")
    if not text.isalnum() or len(text) > 128:
        return "Use letters and digits only (at most 128)."
    return None


def _check_length(value: Any) -> str | None:
    try:
        number = int(str(value))
    except ValueError:
        return "Enter a whole number."
    return None if 6 <= number <= 99 else "The minimum length must be between 6 and 99."


def _check_days(value: Any) -> str | None:
    try:
        number = int(str(value))
    except ValueError:
        return "Enter a whole number of days."
    return None if 1 <= number <= 3650 else "Between 1 and 3650 days."


def _check_code_message(value: Any) -> str | None:
    return None if "{####}" in str(value or "") else "The message must contain {####}."


def ask_add(prompter: Any, *, default_name: str) -> dict[str, Any]:
    """Ask the add-auth flow; returns an ``AuthAddParams`` dict."""
    ask = prompter.ask
    flow = ask(
        [
            Question(
                id="useDefault",
                kind="select",
                message="Do you want to use the default authentication and security configuration?",
                choices=[
                    Choice("default", "Default configuration"),
                    Choice("manual", "Manual configuration"),
                ],
                default="default",
                flag=FLAG,
            )
        ]
    )["useDefault"]
    if flow == "default":
        signin = ask([_signin_question()])["signinMethod"]
        required = _signin_attribute(signin)
        advanced = ask(
            [
                Question(
                    id="advanced",
                    kind="select",
                    message="Do you want to configure advanced settings?",
                    choices=[
                        Choice(False, "No, I am done."),
                        Choice(True, "Yes, I want to make some additional changes."),
                    ],
                    default=False,
                )
            ]
        )["advanced"]
        if advanced:
            required = ask([_required_question(required)])["requiredSignupAttributes"]
        pool = {"signinMethod": signin, "requiredSignupAttributes": required}
        return {
            "version": 1,
            "serviceConfiguration": {
                "serviceName": "Cognito",
                "userPoolConfiguration": pool,
                "includeIdentityPool": False,
            },
        }
    return _ask_manual(ask, default_name)


def _signin_question() -> Question:
    return Question(
        id="signinMethod",
        kind="select",
        message="How do you want users to be able to sign in?",
        choices=SIGNIN,
        default="USERNAME",
        flag=FLAG,
    )


def _required_question(default: list[str]) -> Question:
    return Question(
        id="requiredSignupAttributes",
        kind="checkbox",
        message="What attributes are required for signing up?",
        choices=[Choice(v, n) for v, n in ATTRIBUTES],
        default=default,
    )


def _ask_manual(ask: Any, default_name: str) -> dict[str, Any]:
    first = ask(
        [
            Question(
                id="authSelections",
                kind="select",
                message="Select the authentication/authorization services that you want to use:",
                choices=[
                    Choice(
                        IDENTITY_AND_POOL,
                        "User Sign-Up, Sign-In, connected with AWS IAM controls "
                        "(Enables per-user Storage features for images or other content, Analytics, and more)",
                    ),
                    Choice(POOL_ONLY, "User Sign-Up & Sign-In only (Best used with a cloud API only)"),
                ],
                default=IDENTITY_AND_POOL,
            ),
            Question(
                id="resourceName",
                message="Provide a friendly name for your resource that will be used to label "
                "this category in the project:",
                default=default_name,
                validate=_check_name,
            ),
        ]
    )
    service: dict[str, Any] = {
        "serviceName": "Cognito",
        "includeIdentityPool": first["authSelections"] == IDENTITY_AND_POOL,
    }
    if service["includeIdentityPool"]:
        identity = ask(
            [
                Question(
                    id="identityPoolName",
                    message="Enter a name for your identity pool.",
                    default=f"{first['resourceName']}_identitypool",
                ),
                Question(
                    id="unauthenticatedLogin",
                    kind="confirm",
                    default=False,
                    message="Allow unauthenticated logins? (Provides scoped down permissions that you can control via AWS IAM)",
                ),
            ]
        )
        service["identityPoolConfiguration"] = identity
    pool: dict[str, Any] = ask(
        [
            Question(
                id="userPoolName",
                message="Provide a name for your user pool:",
                default=f"{first['resourceName']}_userpool",
            ),
            _signin_question(),
        ]
    )
    if ask(
        [
            Question(
                id="addGroups", kind="confirm", default=False, message="Do you want to add User Pool Groups?"
            )
        ]
    )["addGroups"]:
        pool["userPoolGroups"] = ask_groups(ask)
    pool["mfa"] = ask_mfa(ask)
    pool["autoVerifiedAttributes"] = ask_verification(
        ask, email_default=pool["signinMethod"] != "PHONE_NUMBER"
    )
    policy = ask_password_policy(ask)
    if policy is not None:
        pool["passwordPolicy"] = policy
    rest = ask(
        [
            _required_question(_signin_attribute(pool["signinMethod"])),
            _refresh_question(),
        ]
    )
    pool["requiredSignupAttributes"] = list(rest["requiredSignupAttributes"])
    pool["refreshTokenPeriod"] = int(rest["refreshTokenPeriod"])
    service["userPoolConfiguration"] = pool
    return {"version": 1, "resourceName": first["resourceName"], "serviceConfiguration": service}


def _refresh_question(default: str = "30") -> Question:
    return Question(
        id="refreshTokenPeriod",
        message="Specify the app's refresh token expiration period (in days):",
        default=default,
        validate=_check_days,
    )


def ask_groups(ask: Any) -> list[dict[str, Any]]:
    """Groups one by one, each with its precedence (lower wins)."""
    groups: list[dict[str, Any]] = []
    while True:
        group = ask(
            [
                Question(
                    id="groupName", message="Provide a name for your user pool group:", validate=_check_name
                ),
                Question(
                    id="precedence",
                    message="Precedence of this group (lower wins):",
                    default=str(len(groups) + 1),
                    validate=lambda v: None if str(v).isdigit() else "Enter a whole number (0 or more).",
                ),
            ]
        )
        groups.append({"groupName": group["groupName"], "precedence": int(group["precedence"])})
        if not ask(
            [
                Question(
                    id="addAnotherGroup",
                    kind="confirm",
                    default=False,
                    message="Do you want to add another User Pool Group",
                )
            ]
        )["addAnotherGroup"]:
            return groups


def ask_mfa(ask: Any, default: str = "OFF") -> dict[str, Any]:
    mode = ask(
        [
            Question(
                id="mfaConfiguration",
                kind="select",
                message="Multifactor authentication (MFA) user login options:",
                choices=[
                    Choice("OFF", "OFF"),
                    Choice("ON", "ON (Required for all logins, can not be enabled later)"),
                    Choice("OPTIONAL", "OPTIONAL (Individual users can use MFA)"),
                ],
                default=default,
            )
        ]
    )["mfaConfiguration"]
    if mode == "OFF":
        return {"mode": "OFF"}
    mfa = ask(
        [
            Question(
                id="mfaTypes",
                kind="checkbox",
                message="For user login, select the MFA types:",
                choices=[
                    Choice("SMS", "SMS Text Message"),
                    Choice("TOTP", "Time-Based One-Time Password (TOTP)"),
                ],
                default=["SMS"],
                validate=lambda v: None if v else "Select at least one type.",
            )
        ]
    )
    if "SMS" in mfa["mfaTypes"]:
        mfa.update(
            ask(
                [
                    Question(
                        id="smsMessage",
                        message="Specify an SMS authentication message:",
                        default="Your authentication code is {####}",
                        validate=_check_code_message,
                    )
                ]
            )
        )
    return {"mode": mode, **mfa}


def ask_verification(ask: Any, *, email_default: bool) -> list[dict[str, Any]]:
    email = ask(
        [
            Question(
                id="emailVerification",
                kind="select",
                message="Email based user registration/forgot password:",
                choices=[
                    Choice(True, "Enabled (Requires per-user email entry at registration)"),
                    Choice(False, "Disabled (Uses SMS/TOTP as an alternative)"),
                ],
                default=email_default,
            )
        ]
    )["emailVerification"]
    if not email:
        return [{"type": "PHONE_NUMBER"}]
    text = ask(
        [
            Question(
                id="verificationSubject",
                message="Specify an email verification subject:",
                default="Your verification code",
            ),
            Question(
                id="verificationMessage",
                message="Specify an email verification message:",
                default="Your verification code is {####}",
                validate=_check_code_message,
            ),
        ]
    )
    return [{"type": "EMAIL", **text}]


def ask_password_policy(ask: Any) -> dict[str, Any] | None:
    if not ask(
        [
            Question(
                id="overridePasswordPolicy",
                kind="confirm",
                default=False,
                message="Do you want to override the default password policy for this User Pool?",
            )
        ]
    )["overridePasswordPolicy"]:
        return None
    policy = ask(
        [
            Question(
                id="minimumLength",
                message="Enter the minimum password length for this User Pool:",
                default="8",
                validate=_check_length,
            ),
            Question(
                id="additionalConstraints",
                kind="checkbox",
                message="Select the password character requirements for your userpool:",
                choices=[
                    Choice("REQUIRE_LOWERCASE", "Requires Lowercase"),
                    Choice("REQUIRE_UPPERCASE", "Requires Uppercase"),
                    Choice("REQUIRE_DIGIT", "Requires Numbers"),
                    Choice("REQUIRE_SYMBOL", "Requires Symbols"),
                ],
                default=[],
            ),
        ]
    )
    return {
        "minimumLength": int(policy["minimumLength"]),
        "additionalConstraints": list(policy["additionalConstraints"]),
    }


UPDATE_SECTIONS = [
    Choice("groups", "Create or update Cognito user pool groups"),
    Choice("mfa", "Update multifactor authentication (MFA) options"),
    Choice("verification", "Update email/phone verification"),
    Choice("password", "Update the password policy"),
    Choice("identity", "Update the identity pool (guest access)"),
    Choice("refresh", "Update the refresh token period"),
]


def ask_update(prompter: Any, config: dict[str, Any]) -> dict[str, Any]:
    """Gen 1's ``amplify update auth`` menu, one section; returns an ``AuthUpdateParams`` dict."""
    ask = prompter.ask
    section = ask(
        [
            Question(
                id="updateSection",
                kind="select",
                message="What do you want to do?",
                choices=UPDATE_SECTIONS,
                default="groups",
                flag=UPDATE_FLAG,
            )
        ]
    )["updateSection"]
    pool: dict[str, Any] = {}
    service: dict[str, Any] = {"serviceName": "Cognito"}
    if section == "groups":
        pool["userPoolGroups"] = ask_groups(ask)
    elif section == "mfa":
        pool["mfa"] = ask_mfa(ask, default=str(config.get("mfaConfiguration", "OFF")))
    elif section == "verification":
        pool["autoVerifiedAttributes"] = ask_verification(
            ask, email_default="email" in (config.get("autoVerifiedAttributes") or ["email"])
        )
    elif section == "password":
        policy = ask_password_policy(ask)
        pool["passwordPolicy"] = (
            policy if policy is not None else {"minimumLength": 8, "additionalConstraints": []}
        )
    elif section == "identity":
        include = ask(
            [
                Question(
                    id="includeIdentityPool",
                    kind="confirm",
                    default=True,
                    message="Do you want an identity pool (AWS IAM credentials for your users)?",
                )
            ]
        )["includeIdentityPool"]
        service["includeIdentityPool"] = include
        if include:
            service["identityPoolModification"] = ask(
                [
                    Question(
                        id="unauthenticatedLogin",
                        kind="confirm",
                        default=bool(config.get("allowUnauthenticatedIdentities")),
                        message="Allow unauthenticated logins? (Provides scoped down permissions that you can control via AWS IAM)",
                    )
                ]
            )
    else:
        pool["refreshTokenPeriod"] = int(
            ask([_refresh_question(str(config.get("userpoolClientRefreshTokenValidity", 30)))])[
                "refreshTokenPeriod"
            ]
        )
    if pool:
        service["userPoolModification"] = pool
    return {"version": 1, "serviceModification": service}
