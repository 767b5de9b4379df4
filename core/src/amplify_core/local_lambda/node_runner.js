// Bootstrap for one local Lambda invocation: node node_runner.js <codeDir> <file.export> <event.json> <result.json>
// Loads the handler (CommonJS, or ES module via import()), calls it with (event, context, callback),
// writes JSON.stringify(result) — or {errorType, errorMessage, stackTrace} and exits 1.
// As in Lambda, an async (promise-returning) handler's invocation ends when its promise settles,
// whatever still keeps the event loop busy (a server's listen(), a timer); a callback handler's
// ends when the event loop is empty, or at once if it set context.callbackWaitsForEmptyEventLoop
// to false.
"use strict";
const fs = require("fs");
const path = require("path");
const { pathToFileURL } = require("url");

const [codeDir, handlerName, eventFile, resultFile] = process.argv.slice(2);
const dot = handlerName.lastIndexOf(".");
const modulePath = path.resolve(codeDir, handlerName.slice(0, dot));
const exportName = handlerName.slice(dot + 1);
const started = Date.now();
const timeoutMs = Number(process.env.AWS_LAMBDA_FUNCTION_TIMEOUT || "25") * 1000;
const context = {
  functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
  awsRequestId: process.env.AMPLIFY_INVOKE_REQUEST_ID,
  getRemainingTimeInMillis: () => Math.max(0, timeoutMs - (Date.now() - started)),
  logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
  logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
  callbackWaitsForEmptyEventLoop: true,
  // The legacy context methods (cfn-response ends the invocation with context.done()).
  done: (err, res) => finish(err, res),
  succeed: (res) => finish(null, res),
  fail: (err) => finish(err || new Error("failed")),
};
let finished = false;

// Lambda's Node.js runtime global for response streaming: a streaming handler is called with
// (event, responseStream, context); what it writes is the response (buffered, as Invoke returns it).
const STREAMING = Symbol("awslambda.streaming");
if (typeof globalThis.awslambda === "undefined") {
  globalThis.awslambda = {
    streamifyResponse(fn) { fn[STREAMING] = true; return fn; },
    HttpResponseStream: { from(stream, metadata) { stream.metadata = metadata; return stream; } },
  };
}

async function runStreaming(handler, event) {
  const { PassThrough } = require("stream");
  const stream = new PassThrough();
  const chunks = [];
  stream.on("data", (chunk) => chunks.push(Buffer.from(chunk)));
  const ended = new Promise((resolve) => stream.on("end", resolve));
  await handler(event, stream, context);
  if (!stream.writableEnded) stream.end();
  await ended;
  if (finished) return;
  finished = true;
  fs.writeFileSync(resultFile, Buffer.concat(chunks));
  end();
}

// Ends the process once what the handler logged has been written out.
function end() {
  process.stdout.write("", () => process.stderr.write("", () => process.exit()));
}

// Lambda's nodejs18.x+ runtimes include AWS SDK v3 (and older ones SDK v2); this runner has neither.
function explainMissingSdk(err) {
  const match = /Cannot find module '((@aws-sdk\/[^'/]+)|aws-sdk)[^']*'/.exec(err.message || "");
  if (!err || err.code !== "MODULE_NOT_FOUND" || !match) return err;
  const wrapped = new Error(
    `Cannot find module '${match[1]}': the local Node.js runner does not provide the AWS SDK that ` +
      (match[1] === "aws-sdk"
        ? "Lambda's nodejs16.x and older runtimes included (SDK v2; nodejs18.x and later include only SDK v3, @aws-sdk/*)"
        : "Lambda's nodejs18.x and later runtimes include (SDK v3)") +
      "; add it to the function's package.json dependencies so it is bundled.",
  );
  wrapped.name = "Runtime.ImportModuleError";
  wrapped.stack = `${wrapped.name}: ${wrapped.message}`;
  return wrapped;
}

function finish(error, result) {
  if (finished) return;
  finished = true;
  if (error) {
    const err = explainMissingSdk(error instanceof Error ? error : new Error(String(error)));
    console.error(err.stack || String(err));
    fs.writeFileSync(resultFile, JSON.stringify({
      errorType: err.name || "Error", errorMessage: err.message,
      stackTrace: String(err.stack || "").split("\n").slice(1).map((l) => l.trim()),
    }));
    process.exitCode = 1;
  } else {
    fs.writeFileSync(resultFile, result === undefined ? "null" : JSON.stringify(result));
  }
}

// The AWS SDK for JavaScript v2 (a dependency many Gen 1 functions bundle) ignores
// AWS_ENDPOINT_URL, unlike v3 and boto3: point it at the same endpoint, so a function run
// against the sandbox reads the sandbox's tables instead of calling AWS.
function pointSdkV2AtEndpoint() {
  const endpoint = process.env.AWS_ENDPOINT_URL;
  if (!endpoint) return;
  let sdkPath;
  try {
    sdkPath = require.resolve("aws-sdk", { paths: [codeDir] });
  } catch (e) {
    return;
  }
  require(sdkPath).config.update({ endpoint, s3ForcePathStyle: true });
}

async function load() {
  pointSdkV2AtEndpoint();
  for (const ext of [".mjs", ".cjs", ".js"]) {
    const file = modulePath + ext;
    if (!fs.existsSync(file)) continue;
    if (ext === ".cjs") return require(file);
    try {
      return ext === ".mjs" ? await import(pathToFileURL(file).href) : require(file);
    } catch (e) {
      if (e && e.code === "ERR_REQUIRE_ESM") return await import(pathToFileURL(file).href);
      throw e;
    }
  }
  const e = new Error(`Cannot find module '${handlerName.slice(0, dot)}' in ${codeDir}`);
  e.name = "Runtime.ImportModuleError";
  throw e;
}

(async () => {
  const event = JSON.parse(fs.readFileSync(eventFile, "utf8"));
  const mod = await load();
  const handler = mod[exportName] || (mod.default && mod.default[exportName]);
  if (typeof handler !== "function") {
    const e = new Error(`${handlerName} is undefined or not exported`);
    e.name = "Runtime.HandlerNotFound";
    throw e;
  }
  if (handler[STREAMING]) return runStreaming(handler, event);
  const value = handler(event, context, (err, res) => {
    finish(err, res);
    if (context.callbackWaitsForEmptyEventLoop === false) end();
  });
  if (value && typeof value.then === "function") {
    finish(null, await value);
    end();
  } else if (handler.length < 3) finish(null, value);
})().catch((err) => {
  finish(err);
  end();
});
