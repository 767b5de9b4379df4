"""amplify sandbox: a local AWS on moto for amplify's commands and tests.

This package stays cheap to import: the plugin module registers one command group and the
heavy parts (moto, boto3, werkzeug) load only when a sandbox command runs or a fixture starts.
"""
