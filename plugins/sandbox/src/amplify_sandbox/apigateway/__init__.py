"""Deployed REST APIs served on the sandbox port, as API Gateway serves a stage.

``http://127.0.0.1:<port>/restapis/<api id>/<stage>/_user_request_/<path>`` (LocalStack's form,
so clients written for it work) routes a request to the API's resources and methods, checks
the method's authorization, and calls its Lambda proxy integration through the sandbox's
Lambda backend. What API Gateway answers itself (no route, no signature, a handler error) it
answers here with the same status and body.
"""
