// node --test scripts/build/: the policy is placed by the page's structure, once, whatever
// its text says.
import assert from "node:assert/strict";
import { test } from "node:test";

import { policies, withPolicy } from "./csp.mjs";

const page = (title, body = "") =>
  `<!doctype html>\n<html lang="en">\n  <head>\n    <meta charset="utf-8" />\n    <title>${title}</title>\n` +
  `    <script type="module">import init from './app.js';</script>\n  </head>\n  <body>${body}</body>\n</html>\n`;

test("a page gets exactly one policy, right after its charset", () => {
  const out = withPolicy(page("Reader"), "index.html");
  assert.equal(policies(out), 1);
  assert.match(out, /<meta charset="utf-8" \/>\n {4}<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-[^']+'/);
});

test("a title or body that talks about a policy still gets one", () => {
  // As the prerenderer writes it: text escaped, quotes included.
  const title = "&lt;meta http-equiv=&quot;Content-Security-Policy&quot; content=&quot;x&quot;&gt; · Reader";
  // Text nodes keep their quotes: only &, < and > are escaped there.
  const body = '<p>&lt;meta http-equiv="Content-Security-Policy" content="x"&gt;</p>';
  const out = withPolicy(page(title, body), "articles/x/index.html");
  assert.equal(policies(out), 1);
  assert.ok(out.indexOf("http-equiv=\"Content-Security-Policy\" content=\"default-src") < out.indexOf("<title>"));
});

test("a page that cannot take the policy fails the build, naming it", () => {
  assert.throws(() => withPolicy("<html><body></body></html>", "a.html"), /a\.html: no <head>/);
  assert.throws(() => withPolicy("<html><head><title>x</title></head></html>", "b.html"), /b\.html: <head> does not begin with <meta charset/);
  const twice = withPolicy(page("x"), "c.html");
  assert.throws(() => withPolicy(twice, "c.html"), /c\.html: it already has a Content-Security-Policy/);
});
