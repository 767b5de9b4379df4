"""The public plugin API: the one module a plugin imports from the core.

Everything a frontend, provider, category or utility plugin may use is named here; the rest
of ``amplify_core`` is private and may change between releases. Importing this module stays
as cheap as importing ``amplify_core`` itself: each name is imported on first use, so a
plugin's registration module (``from amplify_core.plugin import hookimpl, CategoryInfo``)
never pulls in pydantic, typer or the state layer.

Example::

    from amplify_core.plugin import CategoryInfo, hookimpl


    @hookimpl
    def amplify_categories():
        return [CategoryInfo(name="mycat", summary="…", factory="my_pkg.category:MyCategory")]
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from . import API_VERSION, hookimpl
from . import __version__ as core_version

#: Public name -> "module:attribute" inside the core. One table; ``__all__`` is derived from it.
_EXPORTS: dict[str, str] = {
    # descriptors: what registration hooks return
    "FrontendInfo": "amplify_core.descriptors:FrontendInfo",
    "ProviderInfo": "amplify_core.descriptors:ProviderInfo",
    "CategoryInfo": "amplify_core.descriptors:CategoryInfo",
    "CommandInfo": "amplify_core.descriptors:CommandInfo",
    # interfaces: the objects descriptors' factories build
    "Frontend": "amplify_core.interfaces:Frontend",
    "Provider": "amplify_core.interfaces:Provider",
    "FoundEnv": "amplify_core.interfaces:FoundEnv",
    "Category": "amplify_core.interfaces:Category",
    "PublishOptions": "amplify_core.interfaces:PublishOptions",
    "PublishResult": "amplify_core.interfaces:PublishResult",
    # the context handed to every hook and method
    "AmplifyContext": "amplify_core.context:AmplifyContext",
    # what amplify_post_* hooks receive as ``result``
    "Outcome": "amplify_core.context:Outcome",
    # push plans and results
    "PushPlan": "amplify_core.changes.plan:PushPlan",
    "PushResult": "amplify_core.changes.plan:PushResult",
    "NestedStack": "amplify_core.changes.plan:NestedStack",
    "ResourceOutcome": "amplify_core.changes.plan:ResourceOutcome",
    "Artifact": "amplify_core.changes.plan:Artifact",
    # content hashes (a resource folder's files, canonical JSON)
    "folder_digest": "amplify_core.changes.hashing:folder_digest",
    # running a Lambda handler with the local runtime (mock and the sandbox's Invoke)
    "local_lambda": "amplify_core.local_lambda",
    # committed CloudFormation templates (Gen 1 resources): find, read (JSON or YAML), refuse
    "committed_template": "amplify_core.changes.templates:committed_template",
    "load_template": "amplify_core.changes.templates:load_template",
    "RefusedResource": "amplify_core.changes.sources:RefusedResource",
    # retained buckets of removed resources (the caller's S3 client)
    "empty_and_delete_bucket": "amplify_core.buckets:empty_and_delete_bucket",
    # AWS SDK failures -> the errors below (one translator; botocore imported only when needed)
    "aws_error": "amplify_core.aws_errors:aws_error",
    "aws_errors": "amplify_core.aws_errors:aws_errors",
    "aws_error_code": "amplify_core.aws_errors:aws_error_code",
    "aws_request_refused": "amplify_core.aws_errors:aws_request_refused",
    "describe_aws_error": "amplify_core.aws_errors:describe_aws_error",
    # errors: one type per kind of failure (exit 2 usage, exit 1 operation, 130 interrupt)
    "AmplifyError": "amplify_core.errors:AmplifyError",
    "UsageError": "amplify_core.errors:UsageError",
    "OperationError": "amplify_core.errors:OperationError",
    "Interrupted": "amplify_core.errors:Interrupted",
    # prompts
    "Question": "amplify_core.prompts.question:Question",
    "pick_resource": "amplify_core.prompts.pick:pick_resource",
    "Choice": "amplify_core.prompts.question:Choice",
    "DefaultsPrompter": "amplify_core.prompts.prompter:DefaultsPrompter",
    "is_interactive": "amplify_core.prompts.prompter:is_interactive",
    "InquirerPrompter": "amplify_core.prompts.inquirer:InquirerPrompter",
    # headless parameters
    "is_local_endpoint": "amplify_core.endpoints:is_local_endpoint",
    # the project's provider and its SDK session for the current environment
    "project_provider": "amplify_core.provider_session:project_provider",
    "env_region": "amplify_core.provider_session:env_region",
    "env_session": "amplify_core.provider_session:env_session",
    "DEFAULT_PROVIDER": "amplify_core.state.models:DEFAULT_PROVIDER",
    "load_object_param": "amplify_core.params.source:load_object_param",
    "load_param": "amplify_core.params.source:load_param",
    "check_model": "amplify_core.params.validate:check_model",
    # project state and files
    "Project": "amplify_core.state.project:Project",
    "read_json": "amplify_core.state.jsonfile:read_json",
    "CategoryResources": "amplify_core.state.resources:CategoryResources",
    "register_resource": "amplify_core.state.resources:register_resource",
    "resource_dependents": "amplify_core.state.resources:resource_dependents",
    "unregister_resource": "amplify_core.state.resources:unregister_resource",
    "write_json": "amplify_core.state.jsonfile:write_json",
    "write_text_atomic": "amplify_core.state.jsonfile:write_text_atomic",
    "in_project": "amplify_core.state.paths:in_project",
    "path_in_project": "amplify_core.state.paths:path_in_project",
    "remove_existing": "amplify_core.state.paths:remove_existing",
    "amplify_home": "amplify_core.state.home:amplify_home",
    "project_home_file": "amplify_core.state.home:project_home_file",
    "native_config": "amplify_core.native_config",
    "amplify_configuration": "amplify_core.native_config:amplify_configuration",
    # building commands
    "new_app": "amplify_core.cli.output:new_app",
    "print_json": "amplify_core.cli.output:print_json",
    "YES": "amplify_core.cli.options:YES",
    "command_context": "amplify_core.cli.runtime:context",
    "PARAMS": "amplify_core.cli.resource_commands:PARAMS",
    "params_object": "amplify_core.cli.resource_commands:params_object",
    "add_resource_commands": "amplify_core.cli.resource_commands:add_resource_commands",
}

__all__ = ["API_VERSION", "core_version", "hookimpl", *_EXPORTS]


def __getattr__(name: str) -> Any:
    ref = _EXPORTS.get(name)
    if ref is None:
        raise AttributeError(f"module 'amplify_core.plugin' has no attribute {name!r}")
    module_name, _, attr = ref.partition(":")
    value: Any = import_module(module_name)
    if attr:
        value = getattr(value, attr)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


if TYPE_CHECKING:  # what type checkers and editors see; at run time __getattr__ imports lazily
    from . import local_lambda as local_lambda
    from . import native_config as native_config
    from .aws_errors import aws_error as aws_error
    from .aws_errors import aws_error_code as aws_error_code
    from .aws_errors import aws_errors as aws_errors
    from .aws_errors import aws_request_refused as aws_request_refused
    from .aws_errors import describe_aws_error as describe_aws_error
    from .buckets import empty_and_delete_bucket as empty_and_delete_bucket
    from .changes.hashing import folder_digest as folder_digest
    from .changes.plan import Artifact as Artifact
    from .changes.plan import NestedStack as NestedStack
    from .changes.plan import PushPlan as PushPlan
    from .changes.plan import PushResult as PushResult
    from .changes.plan import ResourceOutcome as ResourceOutcome
    from .changes.sources import RefusedResource as RefusedResource
    from .changes.templates import committed_template as committed_template
    from .changes.templates import load_template as load_template
    from .cli import runtime as _runtime
    from .cli.options import YES as YES
    from .cli.output import new_app as new_app
    from .cli.output import print_json as print_json
    from .cli.resource_commands import PARAMS as PARAMS
    from .cli.resource_commands import add_resource_commands as add_resource_commands
    from .cli.resource_commands import params_object as params_object
    from .context import AmplifyContext as AmplifyContext
    from .context import Outcome as Outcome
    from .descriptors import CategoryInfo as CategoryInfo
    from .descriptors import CommandInfo as CommandInfo
    from .descriptors import FrontendInfo as FrontendInfo
    from .descriptors import ProviderInfo as ProviderInfo
    from .endpoints import is_local_endpoint as is_local_endpoint
    from .errors import AmplifyError as AmplifyError
    from .errors import Interrupted as Interrupted
    from .errors import OperationError as OperationError
    from .errors import UsageError as UsageError
    from .interfaces import Category as Category
    from .interfaces import FoundEnv as FoundEnv
    from .interfaces import Frontend as Frontend
    from .interfaces import Provider as Provider
    from .interfaces import PublishOptions as PublishOptions
    from .interfaces import PublishResult as PublishResult
    from .native_config import amplify_configuration as amplify_configuration
    from .params.source import load_object_param as load_object_param
    from .params.source import load_param as load_param
    from .params.validate import check_model as check_model
    from .prompts.inquirer import InquirerPrompter as InquirerPrompter
    from .prompts.pick import pick_resource as pick_resource
    from .prompts.prompter import DefaultsPrompter as DefaultsPrompter
    from .prompts.prompter import is_interactive as is_interactive
    from .prompts.question import Choice as Choice
    from .prompts.question import Question as Question
    from .provider_session import env_region as env_region
    from .provider_session import env_session as env_session
    from .provider_session import project_provider as project_provider
    from .state.home import amplify_home as amplify_home
    from .state.home import project_home_file as project_home_file
    from .state.jsonfile import read_json as read_json
    from .state.jsonfile import write_json as write_json
    from .state.jsonfile import write_text_atomic as write_text_atomic
    from .state.models import DEFAULT_PROVIDER as DEFAULT_PROVIDER
    from .state.paths import in_project as in_project
    from .state.paths import path_in_project as path_in_project
    from .state.paths import remove_existing as remove_existing
    from .state.project import Project as Project
    from .state.resources import CategoryResources as CategoryResources
    from .state.resources import register_resource as register_resource
    from .state.resources import resource_dependents as resource_dependents
    from .state.resources import unregister_resource as unregister_resource

    command_context = _runtime.context
