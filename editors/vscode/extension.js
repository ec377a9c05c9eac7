// The counterpoint extension: starts `counterpoint lsp` for Argdown files and lets VS Code's
// language client do the rest (diagnostics, hover, definitions, references, rename, symbols,
// completion, formatting, quick fixes all come from the server).
'use strict';

const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration('counterpoint');
  const command = config.get('path') || 'counterpoint';
  const sources = config.get('sources');
  const serverOptions = {
    command,
    args: ['lsp'],
    transport: TransportKind.stdio,
  };
  const clientOptions = {
    documentSelector: [{ scheme: 'file', language: 'argdown' }],
    initializationOptions: sources ? { sources } : {},
    // The other .argdown files of a folder are part of its map: tell the server when they
    // change on disk.
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*.argdown'),
    },
  };
  client = new LanguageClient('counterpoint', 'counterpoint', serverOptions, clientOptions);
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
