// A single-page app without a framework: the browser's history API routes between views.
// Every unknown path renders "Page not found" here, so the host only has to answer every
// missing file with index.html (S3 error document / CloudFront custom error response).

const views = {
  "/": () => "<h1>Hello from amplify</h1><p>This page was built by <code>npm run-script build</code>.</p>",
  "/about": () => "<h1>About</h1><p>A tiny static site used by the amplify for Python examples.</p>",
};

function notFound(path) {
  return `<h1>Page not found</h1><p>Nothing lives at <code>${escapeHtml(path)}</code>.</p>`;
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function render() {
  const path = window.location.pathname.replace(/\/+$/, "") || "/";
  const view = views[path];
  document.getElementById("app").innerHTML = view ? view() : notFound(path);
  document.title = view ? "amplify example" : "Not found - amplify example";
  for (const link of document.querySelectorAll("a[data-link]")) {
    link.toggleAttribute("aria-current", link.getAttribute("href") === path);
    if (link.hasAttribute("aria-current")) link.setAttribute("aria-current", "page");
  }
}

document.addEventListener("click", (event) => {
  const link = event.target.closest("a[data-link]");
  if (!link) return;
  event.preventDefault();
  window.history.pushState({}, "", link.getAttribute("href"));
  render();
});

window.addEventListener("popstate", render);
render();

// amplify writes aws-exports.js next to this file after `amplify init` and every push.
import("./aws-exports.js")
  .then(({ default: config }) => {
    const where = config.aws_content_delivery_url || config.aws_project_region || "unknown";
    document.getElementById("backend").textContent = `Backend: ${where}`;
  })
  .catch(() => {
    // Not initialised yet: keep the footer's hint.
  });
