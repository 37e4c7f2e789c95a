/**
 * The project's import graph, read from the sources with TypeScript's parser (static imports, re-exports and
 * dynamic `import()` with a literal specifier), for the architecture test: which module imports which, and
 * which packages each one reaches. Paths are relative to the repository root, with `.ts` extensions.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface ImportEdge {
  /** The importing module, e.g. `shared/service/pipeline/ingestObject.ts`. */
  readonly from: string;
  /** A module of the project (repository-relative path) or a package name (`htmlparser2`, `node:fs`, `@aws-sdk/client-s3`). */
  readonly to: string;
  readonly kind: 'module' | 'package';
  /** `import type` / `export type`: erased at build time, so it adds no run-time dependency. */
  readonly typeOnly: boolean;
}

const SOURCE = /\.(ts|mts)$/;

/** The TypeScript sources under `dir` (repository-relative), declaration files left out. */
export function sourcesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(REPO, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') out.push(...sourcesUnder(path));
    } else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** A package's name from a bare specifier: `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
const packageName = (specifier: string): string =>
  specifier.startsWith('node:') ? specifier
    : specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

function resolveModule(from: string, specifier: string): string {
  const base = resolve(REPO, dirname(from), specifier);
  const candidates = [base.replace(/\.js$/, '.ts'), base.replace(/\.mjs$/, '.mts'), base, `${base}.ts`, join(base, 'index.ts')];
  const hit = candidates.find((c) => existsSync(c) && !c.endsWith('/'));
  return relative(REPO, hit ?? base);
}

function edgesOf(file: string): ImportEdge[] {
  const text = readFileSync(join(REPO, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  const edges: ImportEdge[] = [];
  const add = (specifier: string, typeOnly: boolean) => {
    const relativeSpecifier = specifier.startsWith('.');
    edges.push({
      from: file,
      to: relativeSpecifier ? resolveModule(file, specifier) : packageName(specifier),
      kind: relativeSpecifier ? 'module' : 'package',
      typeOnly,
    });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const allTypes = !!clause && (clause.isTypeOnly || (!clause.name && !!clause.namedBindings
        && ts.isNamedImports(clause.namedBindings) && clause.namedBindings.elements.length > 0
        && clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      add(node.moduleSpecifier.text, allTypes);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword
      && node.arguments.length === 1 && ts.isStringLiteralLike(node.arguments[0])) {
      add(node.arguments[0].text, false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

/** Every import edge of the modules under `roots` (repository-relative folders). */
export function importGraph(roots: readonly string[]): ImportEdge[] {
  return roots.flatMap((root) => sourcesUnder(root)).flatMap(edgesOf);
}

/** The cycles among run-time module imports, each as the list of modules around it (Tarjan's components). */
export function importCycles(edges: readonly ImportEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) {
    if (e.kind !== 'module') continue;
    next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let counter = 0;
  const connect = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (next.get(v) ?? []).includes(v)) cycles.push(component.sort());
    }
  };
  for (const v of next.keys()) if (!index.has(v)) connect(v);
  return cycles;
}
