// Colours a map with the grammar of editors/vscode through VS Code's own TextMate engine
// (vscode-textmate and vscode-oniguruma, from tools/node_modules) and prints each token that the
// grammar names, one a line: LINE<TAB>TEXT<TAB>SCOPES (the scopes after `source.argdown`).
//
//   node grammar.js GRAMMAR.json MAP.argdown
'use strict';
const fs = require('fs');
const path = require('path');
const modules = path.join(__dirname, '../../../tools/node_modules');
const textmate = require(path.join(modules, 'vscode-textmate'));
const oniguruma = require(path.join(modules, 'vscode-oniguruma'));

const [grammarPath, mapPath] = process.argv.slice(2);
const wasm = fs.readFileSync(path.join(modules, 'vscode-oniguruma/release/onig.wasm')).buffer;

oniguruma.loadWASM(wasm).then(async () => {
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scope) => {
      if (scope === 'source.argdown') {
        return textmate.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath);
      }
      // VS Code ships a YAML grammar for the frontmatter; here a stand-in that colours nothing.
      if (scope === 'source.yaml') {
        return { scopeName: 'source.yaml', patterns: [] };
      }
      return null;
    },
  });
  const grammar = await registry.loadGrammar('source.argdown');
  let state = textmate.INITIAL;
  const out = [];
  fs.readFileSync(mapPath, 'utf8').split('\n').forEach((line, i) => {
    const result = grammar.tokenizeLine(line, state);
    for (const token of result.tokens) {
      const scopes = token.scopes.slice(1);
      const text = line.substring(token.startIndex, token.endIndex);
      if (scopes.length > 0 && text.trim() !== '') {
        out.push(`${i + 1}\t${text}\t${scopes.join(' ')}`);
      }
    }
    state = result.ruleStack;
  });
  process.stdout.write(out.join('\n') + '\n');
});
