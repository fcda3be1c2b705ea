// Builds assets/vega/vega-bundle.js: `npm ci && npm run build` in this folder.
// esbuild gathers entry.js and what it imports; terser then minifies the whole, which
// comes out about 6% smaller (gzip) than esbuild's own minifier.
import { readFileSync, writeFileSync } from "node:fs";
import { runInNewContext } from "node:vm";
import * as esbuild from "esbuild";
import { minify } from "terser";

const OUT = "../../assets/vega/vega-bundle.js";
const TRANSFORMS = "../../assets/vega/vega-bundle.transforms.json";
const version = (name) => JSON.parse(readFileSync(`node_modules/${name}/package.json`, "utf8")).version;
const BANNER =
  `/* Vega ${version("vega")} and vega-tooltip ${version("vega-tooltip")} (BSD-3-Clause, (c) University ` +
  "of Washington Interactive Data Lab), with D3 modules (ISC, (c) Mike Bostock; " +
  "d3-scale-chromatic's palettes (c) Cynthia Brewer, Mark Harrower and The Pennsylvania " +
  "State University); built by tools/vega-bundle. */\n";

// d3-scale-chromatic ships as one module that builds all its colour ramps when loaded,
// so none of it can be shaken out; Vega takes only its categorical palettes, which
// stand before the first ramp.
const palettesOnly = {
  name: "palettes-only",
  setup(build) {
    build.onLoad({ filter: /d3-scale-chromatic\.mjs$/ }, (args) => {
      const text = readFileSync(args.path, "utf8");
      const end = text.indexOf("var ramp$1 =");
      if (end < 0 || !text.includes("var Tableau10 = colors(")) {
        throw new Error("d3-scale-chromatic changed layout: check the palettes-only plugin");
      }
      const names = ["category10", "Accent", "Dark2", "observable10", "Paired", "Pastel1",
        "Pastel2", "Set1", "Set2", "Set3", "Tableau10"];
      const exported = names.map((n) => `${n} as scheme${n[0].toUpperCase()}${n.slice(1)}`);
      return { contents: `${text.slice(0, end)}\nexport { ${exported.join(", ")} };\n`, loader: "js" };
    });
  },
};

const bundled = await esbuild.build({
  entryPoints: ["entry.js"],
  bundle: true,
  format: "iife",
  write: false,
  legalComments: "none",
  // What no chart here uses, replaced by functions that say so if ever called.
  alias: {
    "d3-geo": "./stubs/d3-geo.js",
    "d3-dsv": "./stubs/d3-dsv.js",
    "topojson-client": "./stubs/topojson-client.js",
  },
  plugins: [palettesOnly],
  logLevel: "warning",
});
const minified = await minify(bundled.outputFiles[0].text, {
  compress: { passes: 2 },
  mangle: true,
  format: { comments: false },
});
writeFileSync(OUT, BANNER + minified.code + "\n");
console.log(`${OUT}: ${(BANNER.length + minified.code.length + 1) / 1024 | 0} KB`);

// The transforms the bundle can run, read from the bundle itself: the build refuses a
// chart whose compiled spec uses any other (casebook/site/vega.py).
const page = { window: {} };
runInNewContext(minified.code, page);
writeFileSync(TRANSFORMS, JSON.stringify(page.window.vega.transforms, null, 1) + "\n");
