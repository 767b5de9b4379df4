"""``amplify push``, the provider side: the only code of a push that calls AWS.

* :mod:`.root` — render the root template with one nested stack per resource (pure);
* :mod:`.events` — stack events: progress lines and the first real failure (pure);
* :mod:`.lock` — the deployment lock object in the deployment bucket;
* :mod:`.stack_check` — a push with nothing to deploy: the root stack must exist (asked
  without the SDK when a presigned URL allows);
* :mod:`.apply` — upload templates, update the root stack, wait, read nested outputs;
* :mod:`.run` — the ``Provider.push`` implementation tying them together.

boto3 clients come from the provider's session in :mod:`.run` and are injected everywhere else.
(The package is ``push`` because ``deploy.py`` — init and environments — already exists.)
"""
