// cfn-response: the module CloudFormation gives Node.js inline (ZipFile) Lambda code.
// send() PUTs the custom resource's response object to event.ResponseURL (a presigned URL) and
// then ends the invocation (context.done), as AWS's documented module does.
"use strict";
exports.SUCCESS = "SUCCESS";
exports.FAILED = "FAILED";

exports.send = function (event, context, responseStatus, responseData, physicalResourceId, noEcho) {
  const responseBody = JSON.stringify({
    Status: responseStatus,
    Reason: "See the details in CloudWatch Log Stream: " + context.logStreamName,
    PhysicalResourceId: physicalResourceId || context.logStreamName,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
    NoEcho: noEcho || false,
    Data: responseData,
  });
  console.log("Response body:\n", responseBody);
  const url = new URL(event.ResponseURL);
  const transport = require(url.protocol === "http:" ? "http" : "https");
  const request = transport.request(
    url,
    { method: "PUT", headers: { "content-type": "", "content-length": Buffer.byteLength(responseBody) } },
    (response) => {
      console.log("Status code: " + response.statusCode);
      console.log("Status message: " + response.statusMessage);
      response.resume();
      context.done();
    },
  );
  request.on("error", (error) => {
    console.log("send(..) failed executing https.request(..): " + error);
    context.done();
  });
  request.write(responseBody);
  request.end();
};
