/**
 * A small, safe template language for customer messages, so merchants can edit them without
 * being able to run code or inject markup:
 *
 *   {{ name }}  {{ a.b }}                     a value (HTML-escaped in HTML output, always)
 *   {{#if name}} … {{else}} … {{/if}}          truthy test (empty lists and strings are false)
 *   {{#each list}} … {{/each}}                 a list; inside, names resolve on the item first
 *
 * There is no raw output and no helpers: values are prepared (e.g. money already formatted) by
 * the caller. Parsing is separate from rendering so an edit is checked once, when it is saved.
 */
import { escapeHtml } from '../../../kernel/index.js';

type Node =
  | { t: 'text'; value: string }
  | { t: 'var'; path: string[]; at: number }
  | { t: 'if'; path: string[]; at: number; then: Node[]; else: Node[] }
  | { t: 'each'; path: string[]; at: number; body: Node[] };

export class TemplateError extends Error {
  constructor(message: string, readonly at: number) {
    super(`${message} (at character ${at + 1})`);
    this.name = 'TemplateError';
  }
}

const TAG = /\{\{\s*([#/]?)\s*([A-Za-z]+(?:\.[A-Za-z]+)*|else)?\s*([A-Za-z]+(?:\.[A-Za-z]+)*)?\s*\}\}/g;

/** Parses a template; throws TemplateError naming the first problem. */
export function parseTemplate(source: string): Node[] {
  const root: Node[] = [];
  // Open blocks, innermost last; each knows where its current branch collects nodes.
  const stack: { node: Extract<Node, { t: 'if' | 'each' }>; into: Node[] }[] = [];
  const out = () => (stack.length ? stack[stack.length - 1].into : root);
  // Anything that looks like a tag but did not match (e.g. `{{ a b c }}`) is a mistake, not text.
  const text = (from: number, to: number) => {
    if (to <= from) return;
    const value = source.slice(from, to);
    const stray = value.indexOf('{{');
    if (stray >= 0) throw new TemplateError(`'{{' that does not start a valid tag`, from + stray);
    out().push({ t: 'text', value });
  };
  let last = 0;
  for (const m of source.matchAll(TAG)) {
    const at = m.index;
    text(last, at);
    last = at + m[0].length;
    const [, sigil, word, arg] = m;
    if (sigil === '#') {
      if ((word !== 'if' && word !== 'each') || !arg) throw new TemplateError(`'${m[0]}' must be {{#if name}} or {{#each name}}`, at);
      const node = word === 'if'
        ? { t: 'if' as const, path: arg.split('.'), at, then: [] as Node[], else: [] as Node[] }
        : { t: 'each' as const, path: arg.split('.'), at, body: [] as Node[] };
      out().push(node);
      stack.push({ node, into: node.t === 'if' ? node.then : node.body });
    } else if (sigil === '/') {
      const open = stack.pop();
      if (!open || open.node.t !== word || arg) throw new TemplateError(`'${m[0]}' closes nothing open`, at);
    } else if (word === 'else') {
      const open = stack[stack.length - 1];
      if (!open || open.node.t !== 'if' || open.into === open.node.else || arg) throw new TemplateError(`'${m[0]}' belongs inside one {{#if}}`, at);
      open.into = open.node.else;
    } else {
      if (!word || arg) throw new TemplateError(`'${m[0]}' is not a value name`, at);
      out().push({ t: 'var', path: word.split('.'), at });
    }
  }
  if (stack.length) throw new TemplateError(`{{#${stack[stack.length - 1].node.t}}} is never closed`, stack[stack.length - 1].node.at);
  text(last, source.length);
  return root;
}

export { escapeHtml };

type Scope = unknown[];

const owns = (v: unknown, key: string): v is Record<string, unknown> => !!v && typeof v === 'object' && Object.prototype.hasOwnProperty.call(v, key);

/** The value at a path, from the innermost scope that has its first name; `found` is false when no scope has the whole path. */
function resolve(scopes: Scope, path: string[]): { found: boolean; value: unknown } {
  for (let i = scopes.length - 1; i >= 0; i--) {
    if (!owns(scopes[i], path[0])) continue;
    let v: unknown = scopes[i];
    for (const key of path) {
      if (!owns(v, key)) return { found: false, value: undefined };
      v = v[key];
    }
    return { found: true, value: v };
  }
  return { found: false, value: undefined };
}

const lookup = (scopes: Scope, path: string[]) => resolve(scopes, path).value;

const truthy = (v: unknown) => (Array.isArray(v) ? v.length > 0 : Boolean(v));
const show = (v: unknown) => (v === null || v === undefined || typeof v === 'object' ? '' : String(v));

function run(nodes: Node[], scopes: Scope, html: boolean): string {
  let s = '';
  for (const n of nodes) {
    if (n.t === 'text') s += n.value;
    else if (n.t === 'var') s += html ? escapeHtml(show(lookup(scopes, n.path))) : show(lookup(scopes, n.path));
    else if (n.t === 'if') s += run(truthy(lookup(scopes, n.path)) ? n.then : n.else, scopes, html);
    else {
      const list = lookup(scopes, n.path);
      if (Array.isArray(list)) for (const item of list) s += run(n.body, [...scopes, item], html);
    }
  }
  return s;
}

/** Renders a template with a model; `html` escapes every interpolated value. */
export function renderTemplate(source: string | Node[], model: object, opts: { html: boolean }): string {
  return run(typeof source === 'string' ? parseTemplate(source) : source, [model], opts.html);
}

/**
 * Checks that every name a template uses exists in a sample model (lists are checked against their
 * first item), so a typo is refused when the template is saved rather than sent as a blank.
 */
export function unknownNames(source: string, sample: object): string[] {
  const missing = new Set<string>();
  const walk = (nodes: Node[], scopes: Scope) => {
    for (const n of nodes) {
      if (n.t === 'text') continue;
      if (!resolve(scopes, n.path).found) missing.add(n.path.join('.'));
      if (n.t === 'if') { walk(n.then, scopes); walk(n.else, scopes); }
      if (n.t === 'each') {
        const list = lookup(scopes, n.path);
        walk(n.body, [...scopes, Array.isArray(list) && list.length ? list[0] : {}]);
      }
    }
  };
  walk(parseTemplate(source), [sample]);
  return [...missing];
}
