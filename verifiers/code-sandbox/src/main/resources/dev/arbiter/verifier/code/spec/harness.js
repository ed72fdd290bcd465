'use strict';
// Arbiter assert harness (JavaScript). Runs before the solution under Node's permission model (no
// child processes, workers, inspector, native addons; files readable only under /box): it takes its
// own references, reads the run's nonce and tests from stdin, closes fd 0, freezes the assert
// module, then runs /box/solution.js as a script and the tests as a separate function over the same
// globals (strict, so the solution cannot reach their source through `caller`). Value tests report
// the value of each candidate expression (plain data only); in-process tests report "ok" after the
// test code returned. Every record carries the nonce. See the module README for the threat model.
const fs = require('fs');
const vm = require('vm');
const writeSync = fs.writeSync;
const readFileSync = fs.readFileSync;
const closeSync = fs.closeSync;
const reallyExit = process.reallyExit.bind(process);
const FunctionCtor = Function;
const apply = Reflect.apply;
const freeze = Object.freeze;
const keys = Object.keys;
const getProto = Object.getPrototypeOf;
const getDesc = Object.getOwnPropertyDescriptor;
const isArray = Array.isArray;
const ObjProto = Object.prototype;
const ArrProto = Array.prototype;
const StringF = String;
const bufFrom = Buffer.from;
const bufToString = Buffer.prototype.toString;
const bufSlice = Buffer.prototype.subarray;
const bufIndexOf = Buffer.prototype.indexOf;
const parseIntF = parseInt;
const MARKER = __MARKER__;

const raw = readFileSync(0);
closeSync(0);
const text = (b) => apply(bufToString, b, ['utf8']);
let at = apply(bufIndexOf, raw, [10]);
const nonce = text(apply(bufSlice, raw, [0, at]));
const mode = text(apply(bufSlice, raw, [at + 1, at + 2]));
at += 3;
const parts = [];
while (at < raw.length) {
  const colon = apply(bufIndexOf, raw, [58, at]);
  const n = parseIntF(text(apply(bufSlice, raw, [at, colon])), 10);
  parts[parts.length] = text(apply(bufSlice, raw, [colon + 1, colon + 1 + n]));
  at = colon + 1 + n;
}
const setup = parts[0];
const alias = parts[1];
const solution = readFileSync('/box/solution.js', 'utf8');

function deepFreeze(o, seen) {
  if ((typeof o !== 'object' && typeof o !== 'function') || o === null || seen.has(o)) return;
  seen.add(o);
  freeze(o);
  for (const k of keys(o)) deepFreeze(o[k], seen);
}
const assertModule = require('assert');
deepFreeze(assertModule, new Set());

function put(s) {
  const b = bufFrom(s, 'utf8');
  let off = 0;
  while (off < b.length) off += writeSync(1, b, off, b.length - off);
}

function ser(v, d) {
  if (d > 100) return 'X';
  if (v === null) return 'N';
  if (v === undefined) return 'U';
  const t = typeof v;
  if (t === 'boolean') return v ? 'T' : 'F';
  if (t === 'number') return 'd' + StringF(v) + ';';
  if (t === 'bigint') return 'i' + StringF(v) + ';';
  if (t === 'string') return 's' + apply(bufToString, bufFrom(v, 'utf8'), ['hex']) + ';';
  if (t !== 'object') return 'X';
  const p = getProto(v);
  if (isArray(v) && p === ArrProto) {
    const n = v.length;
    let s = 'L' + n + ';';
    for (let i = 0; i < n; i++) {
      const desc = getDesc(v, i);
      if (desc && !('value' in desc)) return 'X';
      s += ser(desc ? desc.value : undefined, d + 1);
    }
    return s;
  }
  if (p === ObjProto || p === null) {
    const ks = keys(v);
    let s = 'D' + ks.length + ';';
    for (const k of ks) {
      const desc = getDesc(v, k);
      if (!desc || !('value' in desc)) return 'X';
      s += ser(k, d + 1) + ser(desc.value, d + 1);
    }
    return s;
  }
  return 'X';
}

function emit(j, thunk) {
  let out;
  try {
    out = ser(thunk(), 0);
  } catch (e) {
    out = 'E';
  }
  put('\n' + MARKER + ' ' + nonce + ' ' + j + ' ' + out + '\n');
}

function fail(what, e) {
  try {
    writeSync(2, what + ': ' + (e instanceof Error && e.name === 'AssertionError' ? 'AssertionError' : 'Error') + '\n');
  } catch (ignored) {
    // stderr gone: the outcome is the same
  }
  reallyExit(1);
}

globalThis.require = require;
globalThis.module = { exports: {} };
globalThis.exports = globalThis.module.exports;
globalThis.__filename = '/box/solution.js';
globalThis.__dirname = '/box';
try {
  new vm.Script(solution + '\n;\n' + setup + '\n', { filename: '/box/solution.js' }).runInThisContext();
} catch (e) {
  fail('solution failed to load', e);
}
let body = mode === 'v' ? '{\n' : '"use strict";\n{\n';
if (alias) body += 'const ' + alias.replace('=', ' = ') + ';\n';
if (mode === 'v') {
  for (let j = 2; j < parts.length; j++) body += '__arbiter_emit(' + (j - 2) + ', () => (' + parts[j] + '\n));\n';
} else {
  body += parts[2] + '\n';
}
body += '}\n';
try {
  apply(new FunctionCtor('__arbiter_emit', body), undefined, [emit]);
} catch (e) {
  fail('test failed', e);
}
if (mode !== 'v') put('\n' + MARKER + ' ' + nonce + ' ok\n');
reallyExit(0);
