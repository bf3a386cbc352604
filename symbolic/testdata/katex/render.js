// Renders each LaTeX string of a JSON array read from stdin with KaTeX,
// throwing on any error, and prints one line for each that fails.
const katex = require("katex");
let input = "";
process.stdin.on("data", (d) => (input += d));
process.stdin.on("end", () => {
  let failed = 0;
  for (const tex of JSON.parse(input)) {
    try {
      katex.renderToString(tex, { throwOnError: true, displayMode: true, strict: "error" });
    } catch (e) {
      failed++;
      console.log(JSON.stringify(tex) + ": " + e.message);
    }
  }
  process.exit(failed ? 1 : 0);
});
