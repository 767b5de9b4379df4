"""The entry point ``amplify.providers: awscloudformation``: hook implementations only.

Discovery imports this module on every ``amplify`` run, so it names everything by
``"module:attr"`` strings and imports neither boto3 nor pydantic.
"""

from amplify_core.plugin import CommandInfo, ProviderInfo, hookimpl

_PACKAGE = "amplify_provider_awscloudformation"


@hookimpl
def amplify_providers():
    return [
        ProviderInfo(
            name="awscloudformation",
            summary="AWS through CloudFormation: one root stack per environment",
            factory=f"{_PACKAGE}.provider:AwsCloudFormationProvider",
            params=f"{_PACKAGE}.params:AwsCloudFormationParams",
            schemas={
                "env-import-config": f"{_PACKAGE}.params:EnvImportConfig",
                "aws-info": f"{_PACKAGE}.params:AwsInfoParams",
            },
        )
    ]


@hookimpl
def amplify_commands():
    return [
        CommandInfo(
            name="awscloudformation",
            summary="Provider commands: reset-cache (drop cached assume-role credentials)",
            app=f"{_PACKAGE}.commands:app",
            aliases=("aws",),
        )
    ]
