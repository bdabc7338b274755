// Minified copies of the page's scripts, next to their sources (tools/build.sh runs it):
//   node tools/minify.mjs [www]
// www/main.js -> www/main.min.js and www/events.js -> www/events.min.js (main's imports of
// './events.js' pointed at the minified one), which index.html, boot.js and leverage-reset.js
// load; and the generated glue of both wasm modules in place (www/pkg, www/pkg/full). Terser
// (a pinned npm dev dependency) with its safe defaults: local names shortened, comments and
// whitespace dropped; property names, exports and string literals are kept, so the wasm glue's
// and the page's names stay as they are. The sources stay the files to read and edit.
// www/style.css -> www/style.min.css (what index.html and leverage-reset.js load): csso (a
// pinned npm dev dependency) without restructuring, so no rule moves: comments and whitespace
// dropped, values written short.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { minify } from 'terser';
import { minify as minifyCss } from 'csso';

const www = path.resolve(process.argv[2] ?? 'www');
const OPTIONS = { module: true, compress: { passes: 2 }, mangle: true, format: { comments: false } };

async function write(src, out, edit = (s) => s) {
  const code = edit(fs.readFileSync(src, 'utf8'));
  const r = await minify(code, OPTIONS);
  if (!r.code) throw new Error(`minify: ${src}: no output`);
  fs.writeFileSync(out, r.code);
  const gz = (s) => zlib.gzipSync(s, { level: 9 }).length;
  console.log(`minify: ${path.relative(process.cwd(), src)} -> ${path.relative(process.cwd(), out)}: ${gz(code)} -> ${gz(r.code)} bytes gzip`);
}

const main = path.join(www, 'main.js');
await write(main, path.join(www, 'main.min.js'), (s) => {
  // import('./events.js') and its retry, import(`./events.js?try=N`)
  const imports = /import\((['`])\.\/events\.js(?=['?`])/g;
  if ((s.match(imports) ?? []).length !== 2) throw new Error("minify: main.js no longer imports './events.js' twice (update tools/minify.mjs)");
  return s.replace(imports, 'import($1./events.min.js');
});
await write(path.join(www, 'events.js'), path.join(www, 'events.min.js'));
for (const dir of ['pkg', 'pkg/full']) {
  const glue = path.join(www, dir, 'leverage_reset.js');
  await write(glue, glue);
}

{
  const src = path.join(www, 'style.css');
  const out = path.join(www, 'style.min.css');
  const css = fs.readFileSync(src, 'utf8');
  const min = minifyCss(css, { restructure: false, comments: false }).css;
  if (!min) throw new Error(`minify: ${src}: no output`);
  fs.writeFileSync(out, min);
  const gz = (s) => zlib.gzipSync(s, { level: 9 }).length;
  console.log(`minify: ${path.relative(process.cwd(), src)} -> ${path.relative(process.cwd(), out)}: ${gz(css)} -> ${gz(min)} bytes gzip`);
}
