// The dockwise extension: starts `dockwise --stdio` for Dockerfiles and Compose files and adds
// the knowledge base to the command palette. Everything else (diagnostics, hovers, quick fixes,
// fix-all on save) is the language server's, through vscode-languageclient.
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import {
  ExecuteCommandRequest,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
  TransportKind,
} from 'vscode-languageclient/node';

const KNOWLEDGE_SCHEME = 'dockwise-knowledge';

let client: LanguageClient | undefined;
let output: vscode.OutputChannel | undefined;
let extensionContext: vscode.ExtensionContext;
// The text behind `dockwise-knowledge:` URIs, by path.
const knowledgeDocs = new Map<string, string>();
const knowledgeChanged = new vscode.EventEmitter<vscode.Uri>();

/** The binary to run: `dockwise.server.path`, else the one bundled in `server/`. */
export function serverPath(): string {
  const configured = vscode.workspace.getConfiguration('dockwise').get<string>('server.path', '').trim();
  if (configured) {
    return configured.replace(/^~(?=$|\/)/, process.env.HOME ?? '~');
  }
  const bundled = extensionContext.asAbsolutePath(
    path.join('server', process.platform === 'win32' ? 'dockwise.exe' : 'dockwise'),
  );
  // Some unzip tools and artifact stores drop the executable bit: restore it instead of
  // failing with EACCES.
  if (process.platform !== 'win32') {
    try {
      fs.accessSync(bundled, fs.constants.X_OK);
    } catch {
      try { fs.chmodSync(bundled, 0o755); } catch { /* the client reports the spawn error */ }
    }
  }
  return bundled;
}

function createClient(): LanguageClient {
  const command = serverPath();
  // TransportKind.stdio makes the client append `--stdio` to the arguments itself.
  const serverOptions: ServerOptions = {
    run: { command, transport: TransportKind.stdio },
    debug: { command, transport: TransportKind.stdio, options: { env: { ...process.env, RUST_BACKTRACE: '1' } } },
  };
  const selector = [];
  for (const scheme of ['file', 'untitled']) {
    selector.push({ scheme, language: 'dockerfile' }, { scheme, language: 'dockercompose' });
  }
  // Compose files another extension has claimed as plain YAML.
  selector.push({ scheme: 'file', language: 'yaml', pattern: '**/{compose,docker-compose}*.{yml,yaml}' });
  const clientOptions: LanguageClientOptions = {
    documentSelector: selector,
    outputChannel: output,
    // Sends workspace/didChangeConfiguration on every change of a `dockwise.*` setting; the
    // server then pulls `workspace/configuration` section `dockwise` again.
    synchronize: { configurationSection: 'dockwise' },
  };
  return new LanguageClient('dockwise', 'dockwise', serverOptions, clientOptions);
}

async function startClient(): Promise<void> {
  client = createClient();
  try {
    await client.start();
  } catch (err) {
    // The client has already shown and logged the error; keep the commands usable.
    output?.appendLine(`dockwise: the language server did not start: ${err}`);
  }
}

async function stopClient(): Promise<void> {
  const old = client;
  client = undefined;
  if (old) {
    try {
      await old.stop(2000);
    } catch {
      /* already stopped or never started */
    }
  }
}

async function restartClient(): Promise<void> {
  await stopClient();
  await startClient();
}

interface KnowledgeHit {
  id: string;
  title: string;
  summary?: string;
}

/** Runs the configured binary and parses its JSON output; [] on any failure. */
function runJson(args: string[]): Promise<unknown> {
  return new Promise((resolve) => {
    execFile(serverPath(), args, { timeout: 10000, maxBuffer: 16 << 20 }, (err, stdout) => {
      try {
        resolve(JSON.parse(stdout));
      } catch {
        output?.appendLine(`dockwise ${args.join(' ')}: ${err ? err.message : 'unreadable output'}`);
        resolve([]);
      }
    });
  });
}

/**
 * The quick pick's items: `dockwise explain --json QUERY` (the ranked entries), or for an empty
 * query the entry behind every rule (`dockwise rules --json`).
 */
async function searchKnowledge(query: string): Promise<KnowledgeHit[]> {
  if (!query.trim()) {
    const rules = await runJson(['rules', '--json']);
    if (!Array.isArray(rules)) { return []; }
    const seen = new Set<string>();
    return rules
      .filter((rule) => rule && typeof rule.knowledge === 'string' && !seen.has(rule.knowledge) && seen.add(rule.knowledge))
      .map((rule) => ({ id: rule.knowledge, title: `${rule.name}: ${rule.summary ?? ''}`, summary: undefined }));
  }
  const hits = await runJson(['explain', '--json', '--limit', '30', '--', query]);
  if (!Array.isArray(hits)) { return []; }
  return hits
    .filter((hit) => hit && typeof hit.id === 'string')
    .map((hit) => ({ id: hit.id, title: String(hit.question ?? hit.title ?? hit.id), summary: hit.summary }));
}

/** The Markdown of one entry: from the running server, else from the CLI. */
async function entryMarkdown(id: string): Promise<string | undefined> {
  if (client && client.state === State.Running) {
    try {
      const md = await client.sendRequest(ExecuteCommandRequest.type, { command: 'dockwise.explain', arguments: [id] });
      if (typeof md === 'string' && md.trim()) { return md; }
    } catch (err) {
      output?.appendLine(`dockwise.explain ${id}: ${err}`);
    }
  }
  return new Promise((resolve) => {
    execFile(serverPath(), ['explain', id], { timeout: 10000, maxBuffer: 16 << 20 }, (_err, stdout) =>
      resolve(stdout && stdout.trim() ? stdout : undefined));
  });
}

/** Shows an entry as rendered Markdown in VS Code's Markdown preview. */
export async function showEntry(id: string): Promise<string | undefined> {
  const md = await entryMarkdown(id);
  if (!md) {
    void vscode.window.showWarningMessage(`dockwise: nothing in the knowledge base for "${id}".`);
    return undefined;
  }
  const uri = vscode.Uri.from({ scheme: KNOWLEDGE_SCHEME, path: `/${id.replace(/[^\w.-]+/g, '-')}.md` });
  knowledgeDocs.set(uri.path, md);
  knowledgeChanged.fire(uri);
  await vscode.commands.executeCommand('markdown.showPreview', uri);
  return md;
}

/** "dockwise: Explain...": a quick pick over the knowledge base, searched as the user types. */
async function explainPick(query?: string): Promise<string | undefined> {
  if (typeof query === 'string' && query.trim()) {
    // Programmatic use (and keybindings with args): explain the query directly.
    const [best] = await searchKnowledge(query);
    return showEntry(best?.id ?? query);
  }
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { id: string }>();
  pick.placeholder = 'Search the dockwise knowledge base: a question, a rule name or an instruction';
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  let generation = 0;
  let timer: NodeJS.Timeout | undefined;
  const refresh = (value: string) => {
    const mine = ++generation;
    pick.busy = true;
    void searchKnowledge(value).then((hits) => {
      if (mine !== generation) { return; }
      pick.items = hits.map((hit) => ({ id: hit.id, label: hit.title, description: hit.id, detail: hit.summary ? String(hit.summary) : undefined }));
      pick.busy = false;
    });
  };
  pick.onDidChangeValue((value) => {
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(() => refresh(value), 150);
  });
  const chosen = new Promise<string | undefined>((resolve) => {
    pick.onDidAccept(() => { resolve(pick.selectedItems[0]?.id); pick.hide(); });
    pick.onDidHide(() => { resolve(undefined); pick.dispose(); });
  });
  refresh('');
  pick.show();
  const id = await chosen;
  return id ? showEntry(id) : undefined;
}

export interface DockwiseApi {
  /** The running client, for tests and other extensions. */
  client(): LanguageClient | undefined;
}

export async function activate(context: vscode.ExtensionContext): Promise<DockwiseApi> {
  extensionContext = context;
  output = vscode.window.createOutputChannel('dockwise');
  context.subscriptions.push(
    output,
    knowledgeChanged,
    vscode.workspace.registerTextDocumentContentProvider(KNOWLEDGE_SCHEME, {
      onDidChange: knowledgeChanged.event,
      provideTextDocumentContent: (uri) => knowledgeDocs.get(uri.path) ?? '',
    }),
    vscode.commands.registerCommand('dockwise.explainPick', explainPick),
    vscode.commands.registerCommand('dockwise.restartServer', restartClient),
    vscode.commands.registerCommand('dockwise.showOutput', () => output?.show(true)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      // Rules and trace apply live (the client forwards them); a new binary needs a new process.
      if (event.affectsConfiguration('dockwise.server.path')) {
        void restartClient();
      }
    }),
  );
  await startClient();
  return { client: () => client };
}

export async function deactivate(): Promise<void> {
  await stopClient();
}
