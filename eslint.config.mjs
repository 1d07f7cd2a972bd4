// ESLint for the project's own JavaScript (static/js), its Node tests (tests/js) and the
// functions the bench and the browser tests run in the map's page (scripts/**/*.js).
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["node_modules/", "var/", ".venv/"] },
  js.configs.recommended,
  {
    files: ["static/js/**/*.js"],
    languageOptions: {
      ecmaVersion: "latest",
      sourceType: "module",
      globals: { ...globals.browser, cytoscape: "readonly" },
    },
    rules: {
      eqeqeq: ["error", "always"],
      "no-var": "error",
      "prefer-const": "error",
      // Docker's text goes in as text only (dom.js): never as markup.
      "no-restricted-properties": [
        "error",
        { property: "innerHTML", message: "Put Docker's text in with textContent (dom.js)." },
        { property: "outerHTML", message: "Put Docker's text in with textContent (dom.js)." },
        { property: "insertAdjacentHTML", message: "Put Docker's text in with textContent (dom.js)." },
      ],
      "no-restricted-globals": ["error", "eval"],
    },
  },
  {
    // One function a file, run in the map's page through Playwright's page.evaluate: the
    // file is that function's expression (scripts/harness/browser.py reads it).
    files: ["scripts/**/*.js"],
    languageOptions: { ecmaVersion: "latest", sourceType: "script", globals: globals.browser },
    rules: {
      eqeqeq: ["error", "always"],
      "no-var": "error",
      "prefer-const": "error",
      "no-restricted-globals": ["error", "eval"],
    },
  },
  {
    // Bench only: layout libraries bundled for the page (scripts/bench/layouts.py), an ES
    // module run beside the map's global Cytoscape.
    files: ["scripts/bench/layout_engines/**/*.js"],
    languageOptions: {
      ecmaVersion: "latest",
      sourceType: "module",
      globals: { ...globals.browser, cytoscape: "readonly" },
    },
  },
  {
    files: ["tests/js/**/*.mjs", "docs/upstream/**/*.mjs", "eslint.config.mjs"],
    languageOptions: { ecmaVersion: "latest", sourceType: "module", globals: { ...globals.node } },
  },
];
