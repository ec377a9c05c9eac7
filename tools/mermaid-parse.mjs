// Parses a Mermaid diagram from standard input with the real mermaid package, headless under
// node, and prints what it read: `TYPE VERTICES EDGES SUBGRAPHS` (exit 1 and the parser's
// message on a parse error). Used by the tests of `counterpoint export --to mermaid`.
import DOMPurify from 'dompurify';
import fs from 'node:fs';

// Without a browser DOMPurify has no window to sanitize labels with; parsing does not need it.
for (const f of ['addHook', 'removeHook', 'removeHooks', 'removeAllHooks']) DOMPurify[f] ??= () => {};
DOMPurify.sanitize ??= (s) => s;
const { default: mermaid } = await import('mermaid');

const text = fs.readFileSync(0, 'utf8');
try {
  await mermaid.parse(text);
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
  const db = diagram.db;
  console.log(diagram.type, db.getVertices().size, db.getEdges().length, db.getSubGraphs().length);
} catch (e) {
  console.error(e.message || String(e));
  process.exit(1);
}
