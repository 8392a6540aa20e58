/**
 * Finds every user-error message the API can send, by reading its sources with the TypeScript compiler: the
 * message argument of `fail(...)` and `userError(...)`, followed back through the helpers that pass a message
 * (or a piece of one, such as a field label) along, the constants and label tables it is read from, the
 * functions that return it, and the custom messages of the zod schemas. A template literal becomes a template
 * with `{name}` placeholders, the way the English catalogue (graphql/user-errors.en.ts) writes them.
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export interface FoundMessage {
  /** The message, or its template with `{name}` placeholders. */
  text: string;
  /** 'message': a whole message; 'fragment': a piece put into a message (a label, a state's name). */
  kind: 'message' | 'fragment';
  /** file:line of the first place it was found, relative to the source root. */
  where: string;
}

export interface ScanResult {
  found: FoundMessage[];
  /** Message arguments the scan could not follow to text (file:line and the expression). */
  unresolved: string[];
}

const HAN = /[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]/;

export const hasChinese = (text: string) => HAN.test(text);

/** A template's shape for comparison: every placeholder the same. */
export const templateShape = (text: string) => text.replace(/\{[A-Za-z0-9_]+\}/g, '{}');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'test' && entry.name !== 'fixtures') out.push(...sourceFiles(path));
    } else if (/\.ts$/.test(entry.name) && !/\.(test|spec|fixtures)\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

type FunctionLike = ts.FunctionLikeDeclaration;
type Kind = FoundMessage['kind'];

/** Scan the API's sources under `root` (apps/api/src). */
export function scanUserErrorMessages(root: string): ScanResult {
  const files = sourceFiles(root);
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
    experimentalDecorators: true, skipLibCheck: true, noEmit: true, types: [], allowJs: false, noResolve: true, noLib: true,
  });
  const checker = program.getTypeChecker();
  const ours = new Set(files.map((f) => ts.sys.resolvePath(f)));
  const sources = program.getSourceFiles().filter((s) => ours.has(ts.sys.resolvePath(s.fileName)));

  const found = new Map<string, FoundMessage>();
  const unresolved = new Map<string, string>();
  /** Functions whose parameters carry a message (or a fragment) to a sink, by parameter index. */
  const sinks = new Map<FunctionLike, Map<number, Set<Kind>>>();
  let changed = true;

  const where = (node: ts.Node) => {
    const sf = node.getSourceFile();
    return `${relative(root, sf.fileName)}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  };
  const record = (text: string, kind: Kind, node: ts.Node) => {
    if (!/[\u3400-\u9fff]/.test(text)) return; // only text with Chinese words needs English
    const key = `${kind}\u0000${text}`;
    if (!found.has(key)) found.set(key, { text, kind, where: where(node) });
  };
  const addSink = (fn: FunctionLike, index: number, kind: Kind) => {
    let byIndex = sinks.get(fn);
    if (!byIndex) sinks.set(fn, (byIndex = new Map()));
    let kinds = byIndex.get(index);
    if (!kinds) byIndex.set(index, (kinds = new Set()));
    if (!kinds.has(kind)) {
      kinds.add(kind);
      changed = true;
    }
  };

  const symbolOf = (node: ts.Node): ts.Symbol | undefined => {
    let symbol = checker.getSymbolAtLocation(node);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    return symbol;
  };
  const importsZod = (sf: ts.SourceFile) => sf.statements.some((s) => ts.isImportDeclaration(s) && (s.moduleSpecifier as ts.StringLiteral).text === 'zod');
  const isOurs = (node: ts.Node) => ours.has(ts.sys.resolvePath(node.getSourceFile().fileName));

  /** A short placeholder name for an interpolated expression. */
  const placeholderName = (expr: ts.Expression): string => {
    const text = expr.getText().replace(/\.(join|map|filter|slice|trim|toString)\([^()]*(\([^()]*\))?[^()]*\)/g, '');
    const inBrackets = /\[([^\]]+)\]\s*!?\s*$/.exec(text);
    const words = (inBrackets ? inBrackets[1] : text).match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? ['value'];
    const word = words.filter((w) => !['Number', 'String', 'Object', 'keys', 'values', 'length', 'fmt', 'c', 'x'].includes(w)).pop() ?? 'value';
    return (/^[A-Z0-9_]+$/.test(word) ? word.toLowerCase() : word).replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  };

  const visiting = new Set<string>();

  /** Follow an expression that yields a message (kind 'message') or a piece of one (kind 'fragment'). */
  function collect(expr: ts.Expression, kind: Kind, origin: ts.Node): boolean {
    const key = `${expr.pos}:${expr.end}:${expr.getSourceFile().fileName}:${kind}`;
    if (visiting.has(key)) return true;
    visiting.add(key);
    try {
      return follow(expr, kind, origin);
    } finally {
      visiting.delete(key);
    }
  }

  function follow(expr: ts.Expression, kind: Kind, origin: ts.Node): boolean {
    if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) {
      record(expr.text, kind, expr);
      return true;
    }
    if (ts.isNumericLiteral(expr) || expr.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(expr) && expr.text === 'undefined')) return true;
    if (ts.isTemplateExpression(expr)) {
      const names = new Map<string, number>();
      let text = expr.head.text;
      for (const span of expr.templateSpans) {
        let name = placeholderName(span.expression);
        const seen = names.get(name) ?? 0;
        names.set(name, seen + 1);
        if (seen > 0) name = `${name}${seen + 1}`;
        text += `{${name}}${span.literal.text}`;
        collect(span.expression, 'fragment', origin);
      }
      record(text, kind, expr);
      return true;
    }
    if (ts.isParenthesizedExpression(expr) || ts.isNonNullExpression(expr) || ts.isAsExpression(expr) || ts.isSatisfiesExpression(expr)) return collect(expr.expression, kind, origin);
    if (ts.isConditionalExpression(expr)) {
      const a = collect(expr.whenTrue, kind, origin);
      const b = collect(expr.whenFalse, kind, origin);
      return a && b;
    }
    if (ts.isBinaryExpression(expr) && [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(expr.operatorToken.kind)) {
      const a = collect(expr.left, kind, origin);
      const b = collect(expr.right, kind, origin);
      return a && b;
    }
    if (ts.isIdentifier(expr)) {
      const symbol = symbolOf(expr);
      const decl = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
      if (!decl || !isOurs(decl)) return false;
      if (ts.isParameter(decl) && ts.isFunctionLike(decl.parent)) {
        addSink(decl.parent as FunctionLike, decl.parent.parameters.indexOf(decl), kind);
        return true;
      }
      if (ts.isBindingElement(decl) && ts.isVariableDeclaration(decl.parent.parent) && ts.isVariableDeclarationList(decl.parent.parent.parent) && ts.isForOfStatement(decl.parent.parent.parent.parent)) {
        // for (const [field, label] of SCORES): the values of that column of the table
        const rows = tableOf(decl.parent.parent.parent.parent.expression);
        if (!rows) return false;
        const pattern = decl.parent;
        const name = (decl.propertyName ?? decl.name).getText();
        let ok = true;
        for (const row of rows) {
          const values = ts.isArrayBindingPattern(pattern)
            ? (ts.isArrayLiteralExpression(row) ? [row.elements[pattern.elements.indexOf(decl)]].filter((e): e is ts.Expression => !!e) : undefined)
            : propertyValues(row, name);
          if (!values) return false;
          for (const value of values) ok = collect(value, kind, origin) && ok;
        }
        return ok;
      }
      if (ts.isBindingElement(decl) && ts.isObjectBindingPattern(decl.parent) && ts.isVariableDeclaration(decl.parent.parent) && decl.parent.parent.initializer) {
        // const { message } = firstIssue(error)
        const name = (decl.propertyName ?? decl.name).getText();
        const values = propertyValues(decl.parent.parent.initializer, name);
        if (!values) return false;
        let ok = true;
        for (const value of values) ok = collect(value, kind, origin) && ok;
        return ok;
      }
      if (ts.isVariableDeclaration(decl)) {
        if (ts.isObjectBindingPattern(decl.name) || ts.isArrayBindingPattern(decl.name)) return false;
        let ok = decl.initializer ? collect(decl.initializer, kind, origin) : true;
        // a `let` assigned later
        const fnBody = decl.parent.parent.parent;
        fnBody.forEachChild(function walk(node) {
          if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(node.left) && symbolOf(node.left) === symbol) ok = collect(node.right, kind, origin) && ok;
          node.forEachChild(walk);
        });
        return ok;
      }
      return false;
    }
    if (ts.isElementAccessExpression(expr)) {
      // a label table: every value it holds
      const table = tableOf(expr.expression);
      if (!table) return false;
      let ok = true;
      for (const value of table) ok = collect(value, kind, origin) && ok;
      return ok;
    }
    if (ts.isPropertyAccessExpression(expr)) {
      const symbol = symbolOf(expr);
      const decl = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
      if (decl && isOurs(decl) && (ts.isPropertySignature(decl) || ts.isPropertyDeclaration(decl))) {
        // a message handed in as an option: every literal given for that property
        let ok = true;
        for (const sf of sources) {
          sf.forEachChild(function walk(node) {
            if (ts.isPropertyAssignment(node) && node.name.getText() === decl.name.getText() && ts.isObjectLiteralExpression(node.parent)) {
              const contextual = checker.getContextualType(node.parent);
              const prop = contextual?.getProperty(decl.name.getText());
              if (prop && (prop.valueDeclaration === decl || prop.declarations?.includes(decl))) ok = collect(node.initializer, kind, origin) && ok;
            }
            node.forEachChild(walk);
          });
        }
        if (ts.isPropertyDeclaration(decl) && decl.initializer) ok = collect(decl.initializer, kind, origin) && ok;
        return ok;
      }
      if (decl && isOurs(decl) && ts.isPropertyAssignment(decl)) return collect(decl.initializer, kind, origin);
      // a zod issue's message: the schemas' own messages are collected below
      if (!decl && expr.name.text === 'message' && importsZod(expr.getSourceFile())) return true;
      return false;
    }
    if (ts.isCallExpression(expr)) {
      const returns = returnsOf(expr);
      if (!returns) return false;
      let ok = true;
      for (const value of returns) ok = collect(value, kind, origin) && ok;
      return ok;
    }
    return false;
  }

  /** The function a call calls, when it is one of ours. */
  function calledFunction(call: ts.CallExpression): FunctionLike | undefined {
    const callee = ts.isPropertyAccessExpression(call.expression) ? call.expression.name : call.expression;
    const symbol = symbolOf(callee);
    const decl = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
    if (!decl || !isOurs(decl)) return undefined;
    if (ts.isFunctionDeclaration(decl) || ts.isMethodDeclaration(decl)) return decl;
    if (ts.isVariableDeclaration(decl) && decl.initializer && (ts.isArrowFunction(decl.initializer) || ts.isFunctionExpression(decl.initializer))) return decl.initializer;
    return undefined;
  }

  /** What a call of one of our functions may return. */
  function returnsOf(call: ts.CallExpression): ts.Expression[] | undefined {
    const fn = calledFunction(call);
    if (!fn?.body) return undefined;
    if (!ts.isBlock(fn.body)) return [fn.body];
    const out: ts.Expression[] = [];
    fn.body.forEachChild(function walk(node) {
      if (ts.isFunctionLike(node)) return;
      if (ts.isReturnStatement(node) && node.expression) out.push(node.expression);
      node.forEachChild(walk);
    });
    return out;
  }

  /** The values a property of an object-valued expression may take. */
  function propertyValues(expr: ts.Expression, name: string): ts.Expression[] | undefined {
    const objects = ts.isCallExpression(expr) ? returnsOf(expr) : [expr];
    if (!objects) return undefined;
    const out: ts.Expression[] = [];
    for (const o of objects) {
      if (!ts.isObjectLiteralExpression(o)) return undefined;
      for (const p of o.properties) {
        if (ts.isPropertyAssignment(p) && p.name.getText() === name) out.push(p.initializer);
        if (ts.isShorthandPropertyAssignment(p) && p.name.text === name) out.push(p.name);
      }
    }
    return out;
  }

  /** The values of a label table (an object literal or array constant), or undefined. */
  function tableOf(expr: ts.Expression): ts.Expression[] | undefined {
    while (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr) || ts.isSatisfiesExpression(expr) || ts.isNonNullExpression(expr)) expr = expr.expression;
    if (ts.isObjectLiteralExpression(expr)) return expr.properties.filter(ts.isPropertyAssignment).map((p) => p.initializer);
    if (ts.isArrayLiteralExpression(expr)) return [...expr.elements];
    const symbol = symbolOf(expr);
    const decl = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
    if (!decl || !isOurs(decl) || !ts.isVariableDeclaration(decl) || !decl.initializer) return undefined;
    return tableOf(decl.initializer);
  }

  const nameOf = (fn: ts.Node): string | undefined => {
    if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) && fn.name) return fn.name.getText();
    if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isVariableDeclaration(fn.parent)) return fn.parent.name.getText();
    return undefined;
  };

  // the sinks everything ends in: fail(code, message, field) and userError(code, message, field)
  const errorsFile = sources.find((s) => s.fileName.endsWith('graphql/errors.ts'));
  if (!errorsFile) throw new Error('graphql/errors.ts not found');
  errorsFile.forEachChild((node) => {
    if (ts.isFunctionDeclaration(node) && (node.name?.text === 'fail' || node.name?.text === 'userError')) addSink(node, 1, 'message');
  });

  const calls: ts.CallExpression[] = [];
  for (const sf of sources) {
    sf.forEachChild(function walk(node) {
      if (ts.isCallExpression(node)) calls.push(node);
      node.forEachChild(walk);
    });
  }
  const calleeName = (call: ts.CallExpression) => {
    const callee = call.expression;
    if (ts.isIdentifier(callee)) return callee.text;
    if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
    return undefined;
  };

  // custom messages of the zod schemas (their issues become userErrors)
  for (const sf of sources) {
    if (!importsZod(sf)) continue;
    sf.forEachChild(function walk(node) {
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
        for (const arg of node.arguments) {
          if (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg) || ts.isTemplateExpression(arg)) collect(arg, 'message', arg);
          if (ts.isObjectLiteralExpression(arg)) {
            for (const p of arg.properties) if (ts.isPropertyAssignment(p) && ['message', 'error'].includes(p.name.getText()) && !ts.isFunctionLike(p.initializer)) collect(p.initializer, 'message', p);
          }
        }
      }
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'addIssue') {
        const arg = node.arguments[0];
        if (arg && ts.isObjectLiteralExpression(arg)) {
          for (const p of arg.properties) if (ts.isPropertyAssignment(p) && p.name.getText() === 'message') collect(p.initializer, 'message', p);
        }
      }
      node.forEachChild(walk);
    });
  }

  for (let pass = 0; changed && pass < 10; pass++) {
    changed = false;
    const names = new Set([...sinks.keys()].map(nameOf).filter((n): n is string => !!n));
    for (const call of calls) {
      const name = calleeName(call);
      if (!name || !names.has(name)) continue;
      const decl = calledFunction(call);
      const byIndex = decl ? sinks.get(decl) : undefined;
      if (!byIndex) continue;
      for (const [index, kinds] of byIndex) {
        const arg = call.arguments[index];
        if (!arg) continue;
        for (const kind of kinds) {
          if (!collect(arg, kind, call) && kind === 'message') unresolved.set(`${where(arg)} ${arg.getText()}`, '');
        }
      }
    }
  }

  const list = [...found.values()].sort((a, b) => a.where.localeCompare(b.where) || a.text.localeCompare(b.text));
  return { found: list, unresolved: [...unresolved.keys()].sort() };
}
