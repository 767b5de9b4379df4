"""amplify provider ``awscloudformation``: credentials, one root stack per environment.

Importing this package is cheap on purpose: ``plugin.py`` (the entry point) and ``params.py``
never import boto3, so discovery, ``--help`` and ``env list`` stay fast. The modules that talk
to AWS are imported only by the commands that need them.
"""
