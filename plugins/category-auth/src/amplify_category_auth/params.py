"""Headless parameters of ``auth add`` / ``auth update``, in the Gen 1 headless shape.

Gen 1's ``amplify add auth --headless`` reads ``{"version": 1|2, "resourceName": …,
"serviceConfiguration": {"serviceName": "Cognito", "userPoolConfiguration": {…},
"includeIdentityPool": …, "identityPoolConfiguration": {…}}}`` (``amplify-headless-interface``
``AddAuthRequest``), so scripts written for it work here unchanged. ``userPoolGroups`` entries
may carry a ``precedence`` (Gen 1 took the list order; that stays the default).

The interactive flow fills the same model from its answers, so both paths go through one
validation and one conversion (:func:`amplify_category_auth.inputs.config_from_request`).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from pydantic.json_schema import SkipJsonSchema

Optional = SkipJsonSchema[None]

SigninMethod = Literal["USERNAME", "EMAIL", "PHONE_NUMBER", "EMAIL_AND_PHONE_NUMBER"]
UserAttribute = Literal[
    "ADDRESS",
    "BIRTHDATE",
    "EMAIL",
    "FAMILY_NAME",
    "GENDER",
    "GIVEN_NAME",
    "LOCALE",
    "MIDDLE_NAME",
    "NAME",
    "NICKNAME",
    "PHONE_NUMBER",
    "PICTURE",
    "PREFERRED_USERNAME",
    "PROFILE",
    "UPDATED_AT",
    "WEBSITE",
    "ZONE_INFO",
]
PasswordConstraint = Literal["REQUIRE_LOWERCASE", "REQUIRE_UPPERCASE", "REQUIRE_DIGIT", "REQUIRE_SYMBOL"]
MfaType = Literal["SMS", "TOTP"]

ResourceName = Annotated[str, StringConstraints(pattern=r"^[a-zA-Z0-9]{1,128}$")]
GroupName = Annotated[str, StringConstraints(pattern=r"^[a-zA-Z0-9]{1,128}$")]
PoolName = Annotated[str, StringConstraints(pattern=r"^[\w\s+=,.@-]{1,128}$")]
Message = Annotated[str, StringConstraints(min_length=6, max_length=20000, pattern=r"\{####\}")]
SmsMessage = Annotated[str, StringConstraints(min_length=6, max_length=140, pattern=r"\{####\}")]
Subject = Annotated[str, StringConstraints(min_length=1, max_length=140)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PasswordPolicy(_Strict):
    minimumLength: Annotated[int, Field(ge=6, le=99)] | Optional = Field(None, description="Default 8.")
    additionalConstraints: list[PasswordConstraint] | Optional = Field(
        None, description="Character classes every password must contain (default none)."
    )


class Mfa(_Strict):
    mode: Literal["OFF", "OPTIONAL", "ON"] = Field(
        description="OFF, OPTIONAL (per user) or ON (every login)."
    )
    mfaTypes: list[MfaType] | Optional = Field(
        None, description="With OPTIONAL/ON: SMS and/or TOTP (default SMS)."
    )
    smsMessage: SmsMessage | Optional = Field(None, description="The SMS code message; must contain {####}.")


class AutoVerifiedAttribute(_Strict):
    type: Literal["EMAIL", "PHONE_NUMBER"] = Field(description="The attribute Cognito sends a code to.")
    verificationMessage: Message | Optional = Field(None, description="Must contain {####}.")
    verificationSubject: Subject | Optional = Field(None, description="EMAIL only.")


class UserPoolGroup(_Strict):
    groupName: GroupName = Field(description="Letters and digits.")
    precedence: Annotated[int, Field(ge=0)] | Optional = Field(
        None,
        description="Lower wins when a user is in several groups (default: position in the list, from 1).",
    )
    customPolicy: str | Optional = Field(None, description="Accepted for Gen 1 compatibility; not applied.")


class UserPoolConfiguration(_Strict):
    signinMethod: SigninMethod = Field(description="What users sign in with.")
    requiredSignupAttributes: list[UserAttribute] = Field(
        description="Attributes every user must give at sign-up."
    )
    userPoolName: PoolName | Optional = Field(
        None, description="Default <resource>_userpool_<id>; the stack appends -<env>."
    )
    aliasAttributes: list[Literal["PREFERRED_USERNAME", "EMAIL", "PHONE_NUMBER"]] | Optional = Field(
        None, description="With USERNAME sign-in: other attributes users may sign in with."
    )
    userPoolGroups: list[UserPoolGroup] | Optional = Field(None, description="Groups, with their precedence.")
    mfa: Mfa | Optional = None
    passwordPolicy: PasswordPolicy | Optional = None
    refreshTokenPeriod: Annotated[int, Field(ge=1, le=3650)] | Optional = Field(
        None, description="Days (default 30)."
    )
    autoVerifiedAttributes: list[AutoVerifiedAttribute] | Optional = Field(
        None, description="Attributes verified with a code at sign-up (default: the sign-in attribute)."
    )
    usernameCaseSensitive: bool | Optional = Field(None, description="Default false.")


class IdentityPoolConfiguration(_Strict):
    identityPoolName: PoolName | Optional = Field(None, description="Default <resource>_identitypool_<id>.")
    unauthenticatedLogin: bool | Optional = Field(
        None, description="Guest (unauthenticated) access; default false."
    )


class ServiceConfiguration(_Strict):
    serviceName: Literal["Cognito"]
    userPoolConfiguration: UserPoolConfiguration
    includeIdentityPool: bool | Optional = Field(
        None, description="Add an identity pool (default false, as Gen 1)."
    )
    identityPoolConfiguration: IdentityPoolConfiguration | Optional = None


class AuthAddParams(_Strict):
    """``amplify auth add --params`` (or ``--headless`` on stdin): Gen 1's ``AddAuthRequest``."""

    version: Literal[1, 2] = Field(description="The Gen 1 headless interface version.")
    resourceName: ResourceName | Optional = Field(None, description="Default <project><8 hex>.")
    serviceConfiguration: ServiceConfiguration


class UserPoolModification(_Strict):
    """Sign-in method and required attributes are fixed once a pool exists (as in Cognito)."""

    userPoolGroups: list[UserPoolGroup] | Optional = Field(None, description="Replaces the groups.")
    mfa: Mfa | Optional = None
    passwordPolicy: PasswordPolicy | Optional = None
    refreshTokenPeriod: Annotated[int, Field(ge=1, le=3650)] | Optional = None
    autoVerifiedAttributes: list[AutoVerifiedAttribute] | Optional = None


class ServiceModification(_Strict):
    serviceName: Literal["Cognito"]
    userPoolModification: UserPoolModification | Optional = None
    includeIdentityPool: bool | Optional = None
    identityPoolModification: IdentityPoolConfiguration | Optional = None


class AuthUpdateParams(_Strict):
    """``amplify auth update --params``: Gen 1's ``UpdateAuthRequest``; what is given replaces."""

    version: Literal[1, 2]
    serviceModification: ServiceModification
