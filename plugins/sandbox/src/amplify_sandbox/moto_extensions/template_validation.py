"""Template validation before deploying: reject what CloudFormation rejects, with its message.

moto accepts nearly any template: an unknown resource type (or one it cannot create) is skipped
with a log line and the stack ends ``CREATE_COMPLETE``; an unknown property is ignored; a ``Ref``
to nothing or a circular dependency answers HTTP 500; there is no template size, resource count
or capability check. CloudFormation answers ``ValidationError`` (or
``InsufficientCapabilitiesException``) and changes nothing. Here, CreateStack, UpdateStack,
CreateChangeSet and ValidateTemplate check, in CloudFormation's order:

- the template body's size (51,200 bytes; 1,000,000 from S3) and the 500-resource limit;
- resource types: unknown to CloudFormation (cfn-lint's copy of the registry schemas), or known
  but not creatable by the sandbox — an error, never a silent no-op;
- properties each type's schema does not define, and required ones missing;
- ``Ref`` / ``DependsOn`` / ``Fn::Sub`` to undefined names, ``Fn::GetAtt`` to undefined
  resources or attributes the type does not have;
- circular dependencies;
- ``CAPABILITY_IAM`` / ``CAPABILITY_NAMED_IAM`` for IAM resources (API calls only; a nested
  stack inherits its root's).

A nested stack's template is checked when its resource is created or updated, so its failure is
that resource's ``*_FAILED`` reason, as in CloudFormation. ValidateTemplate checks all but the
properties and capabilities (as CloudFormation's does) and answers its parameters and the
capabilities the template needs — moto ran all of cfn-lint there and refused templates for
mere warnings.
"""

from __future__ import annotations

import re
from typing import Any

from moto.cloudformation import parsing
from moto.cloudformation import responses as cfn_responses
from moto.cloudformation.exceptions import CloudFormationError, ValidationError
from moto.cloudformation.models import Stack

from .template_graph import CircularDependency, creation_order, depends_on, references

MAX_BODY_BYTES = 51_200
MAX_URL_BYTES = 1_000_000
MAX_RESOURCES = 500
PSEUDO_PARAMETERS = {
    "AWS::AccountId",
    "AWS::NotificationARNs",
    "AWS::NoValue",
    "AWS::Partition",
    "AWS::Region",
    "AWS::StackId",
    "AWS::StackName",
    "AWS::URLSuffix",
}
#: Types CloudFormation accepts that need no model (moto's NULL_MODELS and custom resources).
_NO_MODEL_NEEDED = {"AWS::CloudFormation::WaitCondition", "AWS::CloudFormation::WaitConditionHandle"}
#: IAM types and the property that names them (named ones need CAPABILITY_NAMED_IAM).
_IAM_NAMES = {
    "AWS::IAM::Role": "RoleName",
    "AWS::IAM::User": "UserName",
    "AWS::IAM::Group": "GroupName",
    "AWS::IAM::ManagedPolicy": "ManagedPolicyName",
    "AWS::IAM::InstanceProfile": "InstanceProfileName",
    "AWS::IAM::Policy": None,
    "AWS::IAM::AccessKey": None,
    "AWS::IAM::UserToGroupAddition": None,
}


class InsufficientCapabilities(CloudFormationError):
    code = "InsufficientCapabilitiesException"

    def __init__(self, capability: str):
        super().__init__(f"Requires capabilities : [{capability}]")


def _format_error(message: str) -> ValidationError:
    return ValidationError(message=f"Template format error: {message}")


def _schema(resource_type: str) -> Any:
    """cfn-lint's registry schema of a type (``None`` if CloudFormation does not know it)."""
    from cfnlint.schema import PROVIDER_SCHEMA_MANAGER
    from cfnlint.schema._exceptions import ResourceNotFoundError

    try:
        return PROVIDER_SCHEMA_MANAGER.get_resource_schema("us-east-1", resource_type)
    except ResourceNotFoundError:
        return None


def _is_custom(resource_type: str) -> bool:
    return resource_type.startswith("Custom::") or resource_type == "AWS::CloudFormation::CustomResource"


def parse(body: str) -> dict[str, Any]:
    try:
        template = Stack.parse_template(body)
    except (ValueError, TypeError):
        raise _format_error("JSON not well-formed.") from None
    except Exception:  # noqa: BLE001 - yaml's own errors
        raise _format_error("YAML not well-formed.") from None
    if not isinstance(template, dict):
        raise _format_error("Template must be a JSON object or YAML mapping.")
    return template


def check_size(body: str, *, from_url: bool) -> None:
    size = len(body.encode("utf-8"))
    if from_url and size > MAX_URL_BYTES:
        raise ValidationError(message=f"Template may not exceed {MAX_URL_BYTES} bytes in size.")
    if not from_url and size > MAX_BODY_BYTES:
        raise ValidationError(
            message="1 validation error detected: Value at 'templateBody' failed to satisfy constraint: "
            f"Member must have length less than or equal to {MAX_BODY_BYTES}"
        )


def _resources(template: dict[str, Any]) -> dict[str, Any]:
    resources = template.get("Resources")
    if not isinstance(resources, dict) or not resources:
        raise _format_error("At least one Resources member must be defined.")
    for name, resource in resources.items():
        if not isinstance(resource, dict) or not isinstance(resource.get("Type"), str):
            raise _format_error(f"[/Resources/{name}] Every Resources object must contain a Type member.")
    if len(resources) > MAX_RESOURCES:
        raise _format_error(
            f"Number of resources, {len(resources)}, is greater than maximum allowed, {MAX_RESOURCES}"
        )
    return resources


def _check_types(resources: dict[str, Any]) -> None:
    types = sorted({r["Type"] for r in resources.values() if not _is_custom(r["Type"])})
    unknown = [t for t in types if t not in _NO_MODEL_NEEDED and _schema(t) is None]
    if unknown:
        raise _format_error(f"Unrecognized resource types: [{', '.join(unknown)}]")
    models = parsing.get_model_map()
    unsupported = [t for t in types if t not in _NO_MODEL_NEEDED and t not in models]
    if unsupported:
        raise _format_error(
            f"Unsupported resource types: [{', '.join(unsupported)}] (the sandbox cannot create them; "
            "moto has no CloudFormation support for these types)"
        )


def _check_properties(resources: dict[str, Any]) -> None:
    for name, resource in resources.items():
        schema = None if _is_custom(resource["Type"]) else _schema(resource["Type"])
        if schema is None:
            continue
        properties = resource.get("Properties") or {}
        if not isinstance(properties, dict):
            continue  # an intrinsic function (Fn::If …) standing for all properties
        defined = schema.schema.get("properties") or {}
        read_only = {p.rsplit("/", 1)[-1] for p in schema.schema.get("readOnlyProperties") or []}
        for key in properties:
            if key not in defined or (key in read_only and key not in (schema.schema.get("required") or [])):
                raise ValidationError(
                    message=f"Properties validation failed for resource {name} with message: "
                    f"#: extraneous key [{key}] is not permitted"
                )
        missing = [key for key in schema.schema.get("required") or [] if key not in properties]
        if missing:
            raise ValidationError(
                message=f"Properties validation failed for resource {name} with message: "
                f"#: required key [{missing[0]}] not found"
            )


def _attribute_ok(resource_type: str, attribute: str) -> bool:
    if _is_custom(resource_type):
        return True
    schema = _schema(resource_type)
    if schema is None:
        return True
    return any(re.fullmatch(pattern, attribute) for pattern in dict(schema.get_atts))


def _check_references(template: dict[str, Any], resources: dict[str, Any]) -> None:
    parameters = set((template.get("Parameters") or {}).keys())
    defined = parameters | PSEUDO_PARAMETERS | set(resources)

    def check(block: str, value: Any, names: set[str]) -> None:
        for name, attribute in references({"x": value}):
            if attribute is None and name not in names:
                raise _format_error(
                    f"Unresolved resource dependencies [{name}] in the {block} block of the template"
                )
            if attribute is not None:
                if name not in resources:
                    raise ValidationError(
                        message=f"Template error: instance of Fn::GetAtt references undefined resource {name}"
                    )
                if not _attribute_ok(resources[name]["Type"], attribute):
                    raise ValidationError(
                        message=f"Template error: resource {name} does not support attribute type "
                        f"{attribute} in Fn::GetAtt"
                    )

    for resource in resources.values():
        check("Resources", resource, defined)
        for dependency in depends_on(resource):
            if dependency not in resources:
                raise _format_error(
                    f"Unresolved resource dependencies [{dependency}] in the Resources block of the template"
                )
    check("Outputs", template.get("Outputs") or {}, defined)
    check("Conditions", template.get("Conditions") or {}, parameters | PSEUDO_PARAMETERS)


def _check_capabilities(resources: dict[str, Any], capabilities: list[str]) -> None:
    needed = None
    for resource in resources.values():
        if resource["Type"] in _IAM_NAMES:
            name_property = _IAM_NAMES[resource["Type"]]
            if name_property and name_property in (resource.get("Properties") or {}):
                needed = "CAPABILITY_NAMED_IAM"
                break
            needed = needed or "CAPABILITY_IAM"
    if needed == "CAPABILITY_NAMED_IAM" and needed not in capabilities:
        raise InsufficientCapabilities(needed)
    if needed == "CAPABILITY_IAM" and not {"CAPABILITY_IAM", "CAPABILITY_NAMED_IAM"} & set(capabilities):
        raise InsufficientCapabilities(needed)


def validate(
    body: str, *, from_url: bool = False, capabilities: list[str] | None = None, properties: bool = True
) -> dict[str, Any]:
    """Raise what CloudFormation would answer for this template; return it parsed.

    :param capabilities: the API call's ``Capabilities``; ``None`` skips that check (nested
        stacks, ValidateTemplate).
    :param properties: check properties against the type schemas (ValidateTemplate does not).
    """
    check_size(body, from_url=from_url)
    template = parse(body)
    resources = _resources(template)
    _check_types(resources)
    if properties:
        _check_properties(resources)
    _check_references(template, resources)
    try:
        creation_order(resources)
    except CircularDependency as exc:
        raise ValidationError(message=str(exc)) from None
    if capabilities is not None:
        _check_capabilities(resources, capabilities)
    return template


# --- the API calls -----------------------------------------------------------------------------


def _checked(method_name: str) -> Any:
    original = getattr(cfn_responses.CloudFormationResponse, method_name)

    def call(self: Any) -> Any:
        if not self._get_bool_param("UsePreviousTemplate", False):
            body, url = self._get_param("TemplateBody"), self._get_param("TemplateURL")
            capabilities = list(self._get_param("Capabilities", []) or [])
            if body:
                validate(body, capabilities=capabilities)
            elif url:
                validate(self._get_stack_from_s3_url(url), from_url=True, capabilities=capabilities)
        return original(self)

    call.__name__ = method_name
    call._amplify_extension = True  # type: ignore[attr-defined]
    return call


def validate_template(self: Any) -> Any:
    """``ValidateTemplate``: what CloudFormation checks, and its answer (moto runs the whole of
    cfn-lint and refuses a template for a mere warning such as an unused parameter, with the
    message "Stack with id <warning> does not exist")."""
    from moto.core.responses import ActionResult

    body, url = self._get_param("TemplateBody"), self._get_param("TemplateURL")
    if not body and not url:
        raise ValidationError(message="Either Template URL or Template Body must be specified.")
    template = (
        validate(body, properties=False)
        if body
        else validate(self._get_stack_from_s3_url(url), from_url=True, properties=False)
    )
    parameters = [
        {
            "ParameterKey": name,
            "NoEcho": bool(spec.get("NoEcho", False)),
            **({"DefaultValue": str(spec["Default"])} if "Default" in spec else {}),
            **({"Description": spec["Description"]} if spec.get("Description") else {}),
        }
        for name, spec in (template.get("Parameters") or {}).items()
        if isinstance(spec, dict)
    ]
    resources = template.get("Resources") or {}
    named_iam = any(
        r.get("Type") in _IAM_NAMES and _IAM_NAMES[r["Type"]] in (r.get("Properties") or {})
        for r in resources.values()
    )
    any_iam = any(r.get("Type") in _IAM_NAMES for r in resources.values())
    capabilities = ["CAPABILITY_NAMED_IAM"] if named_iam else ["CAPABILITY_IAM"] if any_iam else []
    return ActionResult(
        {
            "Description": template.get("Description") or "",
            "Parameters": parameters,
            "Capabilities": capabilities,
            "DeclaredTransforms": [],
        }
    )


def install() -> None:
    response = cfn_responses.CloudFormationResponse
    if getattr(response.create_stack, "_amplify_extension", False):
        return
    for name in ("create_stack", "update_stack", "create_change_set"):
        setattr(response, name, _checked(name))
    response.validate_template = validate_template
