// node --test scripts/build/: the policy is placed by the page's structure, once, whatever
// its text says, and the script that places it adds exactly that policy to the head.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { test } from "node:test";
import { runInNewContext } from "node:vm";

import { policies, policyOf, withPolicy } from "./csp.mjs";

const LOADER = "import init from './app.js';";
const page = (title, body = "") =>
  `<!doctype html>\n<html lang="en">\n  <head>\n    <meta charset="utf-8" />\n    <title>${title}</title>\n` +
  `    <script type="module">${LOADER}</script>\n  </head>\n  <body>${body}</body>\n</html>\n`;

test("a page gets exactly one policy, right after its charset, allowing its inline script by hash", () => {
  const out = withPolicy(page("Reader"), "index.html");
  assert.equal(policies(out), 1);
  assert.match(out, /<meta charset="utf-8" \/>\n {4}<script>document\.head\.append\(/);
  const hash = createHash("sha256").update(LOADER, "utf8").digest("base64");
  assert.equal(
    policyOf(out),
    `default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-${hash}'; style-src 'self' 'unsafe-inline'; ` +
      "img-src 'self' data: blob:; connect-src 'self' blob:; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'none'",
  );
});

test("the page's first script adds that policy to the head as a <meta http-equiv>", () => {
  const out = withPolicy(page("Reader"), "index.html");
  const script = out.match(/<script>([\s\S]*?)<\/script>/)[1];
  const head = [];
  const document = { head: { append: (node) => head.push(node) }, createElement: (tag) => ({ tag }) };
  runInNewContext(script, { document });
  assert.deepEqual(head, [{ tag: "meta", httpEquiv: "Content-Security-Policy", content: policyOf(out) }]);
});

test("a title or body that talks about a policy still gets one", () => {
  // As the prerenderer writes it: text escaped, quotes included.
  const title = "&lt;meta http-equiv=&quot;Content-Security-Policy&quot; content=&quot;x&quot;&gt; · Reader";
  // Text nodes keep their quotes: only &, < and > are escaped there.
  const body = '<p>&lt;meta http-equiv="Content-Security-Policy" content="x"&gt; document.head.append(</p>';
  const out = withPolicy(page(title, body), "articles/x/index.html");
  assert.equal(policies(out), 1);
  assert.ok(out.indexOf("<script>document.head.append(") < out.indexOf("<title>"));
});

test("a page that cannot take the policy fails the build, naming it", () => {
  assert.throws(() => withPolicy("<html><body></body></html>", "a.html"), /a\.html: no <head>/);
  assert.throws(() => withPolicy("<html><head><title>x</title></head></html>", "b.html"), /b\.html: <head> does not begin with <meta charset/);
  const twice = withPolicy(page("x"), "c.html");
  assert.throws(() => withPolicy(twice, "c.html"), /c\.html: it already has a Content-Security-Policy/);
  const tag = page("x").replace("<title>", '<meta http-equiv="Content-Security-Policy" content="default-src *" />\n    <title>');
  assert.throws(() => withPolicy(tag, "d.html"), /d\.html: it already has a Content-Security-Policy/);
});
