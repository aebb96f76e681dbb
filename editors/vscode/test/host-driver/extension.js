// Test-only: runs in the real extension host started by tests/editors.sh. Uses only VS Code's
// public API, as a user's actions do, and writes { checks: [...] } to DW_TEST_OUT.
// Environment: DW_TEST_DIR (holds Dockerfile and compose.yaml), DW_TEST_OUT.
const fs = require('fs');
const path = require('path');
const vscode = require('vscode');

const checks = [];
function check(name, ok, detail) {
  checks.push({ name, ok: !!ok, detail: ok ? undefined : detail === undefined ? undefined : JSON.stringify(detail).slice(0, 600) });
  return ok;
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function waitFor(fn, ms = 15000) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await fn();
    if (value || Date.now() > end) return value;
    await sleep(100);
  }
}
const codeOf = (d) => (d.code && typeof d.code === 'object' ? String(d.code.value) : String(d.code));
const diagnostics = (uri, code) => vscode.languages.getDiagnostics(uri).filter((d) => !code || codeOf(d) === code);
function hoverText(hovers) {
  return (hovers || []).flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
}

async function quickFix(doc, diagnostic, titlePattern) {
  const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', doc.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value) || [];
  const titles = actions.map((a) => a.title);
  const action = actions.find((a) => titlePattern.test(a.title) && (a.edit || a.command));
  if (!action) return { titles };
  if (action.edit) await vscode.workspace.applyEdit(action.edit);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments || []));
  return { titles, applied: action.title };
}

async function run() {
  const dir = process.env.DW_TEST_DIR;
  const ext = await waitFor(() => vscode.extensions.getExtension('dockwise.dockwise'), 20000);
  if (!check('the dockwise extension is installed', ext)) return;
  const api = await ext.activate();

  // Dockerfile
  const dockerfile = await vscode.workspace.openTextDocument(path.join(dir, 'Dockerfile'));
  await vscode.window.showTextDocument(dockerfile);
  check('Dockerfile: languageId dockerfile', dockerfile.languageId === 'dockerfile', dockerfile.languageId);
  check('Dockerfile: the server is running', await waitFor(() => api.client() && api.client().isRunning()), api.client() && api.client().state);
  const maint = await waitFor(() => diagnostics(dockerfile.uri, 'maintainer-deprecated')[0]);
  check('Dockerfile: maintainer-deprecated diagnostic', maint, diagnostics(dockerfile.uri).map(codeOf));
  if (maint) {
    check('Dockerfile: the diagnostic links its knowledge entry',
      maint.code && typeof maint.code === 'object' && String(maint.code.target).includes('instruction-maintainer'), maint.code);
  }
  const hover = hoverText(await vscode.commands.executeCommand('vscode.executeHoverProvider', dockerfile.uri, new vscode.Position(1, 2)));
  check('Dockerfile: hover on MAINTAINER mentions LABEL', hover.includes('LABEL'), hover.slice(0, 300));
  if (maint) {
    const fix = await quickFix(dockerfile, maint, /LABEL/);
    check('Dockerfile: quick fix applied', fix.applied, fix.titles);
    const ok = await waitFor(() => /^LABEL /m.test(dockerfile.getText()) && !dockerfile.getText().includes('MAINTAINER'), 5000);
    check('Dockerfile: MAINTAINER replaced by LABEL', ok, dockerfile.getText());
    check('Dockerfile: diagnostic gone after the fix', await waitFor(() => diagnostics(dockerfile.uri, 'maintainer-deprecated').length === 0), diagnostics(dockerfile.uri).map(codeOf));
  }

  // Completion and outline, as a user meets them while typing.
  const typed = new vscode.WorkspaceEdit();
  const end = dockerfile.lineAt(dockerfile.lineCount - 1).range.end;
  typed.insert(dockerfile.uri, end, (dockerfile.getText().endsWith('\n') ? '' : '\n') + 'COPY --');
  await vscode.workspace.applyEdit(typed);
  const cursor = dockerfile.lineAt(dockerfile.lineCount - 1).range.end;
  const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', dockerfile.uri, cursor, '-');
  const labels = ((list && list.items) || []).map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
  check('Dockerfile: completion offers the COPY flags', labels.includes('--from'), labels.slice(0, 20));
  const symbols = await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', dockerfile.uri) || [];
  check('Dockerfile: the outline shows the stage with its instructions',
    symbols.length > 0 && (symbols[0].children || []).length > 0, symbols.map((s) => s.name));

  // Compose
  const compose = await vscode.workspace.openTextDocument(path.join(dir, 'compose.yaml'));
  await vscode.window.showTextDocument(compose);
  check('compose: languageId dockercompose', compose.languageId === 'dockercompose', compose.languageId);
  const obsolete = await waitFor(() => diagnostics(compose.uri, 'compose-version-obsolete')[0]);
  check('compose: compose-version-obsolete diagnostic', obsolete, diagnostics(compose.uri).map(codeOf));
  const latest = diagnostics(compose.uri, 'compose-image-latest')[0];
  check('compose: setting dockwise.rules compose-image-latest=error applied', latest && latest.severity === vscode.DiagnosticSeverity.Error, latest && latest.severity);
  const chover = hoverText(await vscode.commands.executeCommand('vscode.executeHoverProvider', compose.uri, new vscode.Position(3, 13)));
  check('compose: hover on the image', chover.length > 0, chover);
  if (obsolete) {
    const fix = await quickFix(compose, obsolete, /./);
    check('compose: quick fix applied', fix.applied, fix.titles);
    check('compose: version line removed', await waitFor(() => !compose.getText().includes('version:'), 5000), compose.getText());
  }

  // Settings apply without a restart.
  const client = api.client();
  await vscode.workspace.getConfiguration('dockwise').update('rules', { 'compose-image-latest': 'off' }, vscode.ConfigurationTarget.Global);
  check('settings: rule turned off without a restart',
    await waitFor(() => diagnostics(compose.uri, 'compose-image-latest').length === 0) && api.client() === client,
    diagnostics(compose.uri).map(codeOf));

  // Commands
  const md = await vscode.commands.executeCommand('dockwise.explainPick', 'maintainer');
  check('command dockwise: Explain... returns the entry', typeof md === 'string' && md.includes('MAINTAINER'), md);
  const preview = await waitFor(() => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => /Preview/i.test(t.label)), 5000);
  check('command dockwise: Explain... opens a Markdown preview', preview, vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => t.label));
  await vscode.commands.executeCommand('dockwise.showOutput');
  check('command dockwise: Show output', true);
  await vscode.commands.executeCommand('dockwise.restartServer');
  check('command dockwise: Restart server (a new client, running)',
    await waitFor(() => api.client() && api.client() !== client && api.client().isRunning()), api.client() && api.client().state);
  const commands = await vscode.commands.getCommands(true);
  check('commands registered', ['dockwise.explainPick', 'dockwise.restartServer', 'dockwise.showOutput'].every((c) => commands.includes(c)));
}

function activate() {
  const out = process.env.DW_TEST_OUT;
  if (!out) return;
  run()
    .catch((err) => check('no error in the driver', false, String(err && err.stack || err)))
    .finally(() => fs.writeFileSync(out + '.tmp', JSON.stringify({ version: vscode.version, checks }, null, 1)) || fs.renameSync(out + '.tmp', out));
}
module.exports = { activate };
