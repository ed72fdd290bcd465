# Writes forgeries.jsonl: the forgery suite's problems and forged programs (python3 generate.py).
import json
out = []
def problem(pid, language, reference, correct, wrong, note):
    out.append({"problem": pid, "language": language, "reference": reference, "correct": correct, "wrong": wrong, "note": note})
def forgery(name, problems, code, note):
    for p in problems:
        out.append({"name": f"{name} [{p}]", "problem": p, "forged": code, "note": note})

# ---------------- problems ----------------
PY_WRONG = "def add(a, b):\n    return 0\n"
PY_RIGHT = "def add(a, b):\n    return a + b\n"
problem("py-mbpp", "python", {"assert": ["assert add(2, 3) == 5", "assert add(-1, 4) == 3", "assert add(10, 5) == 15"]}, PY_RIGHT, PY_WRONG, "MBPP list: value probes")
problem("py-humaneval", "python", {"assert": "METADATA = {'author': 'jt'}\n\n\ndef check(candidate):\n    assert candidate(2, 3) == 5\n    assert candidate(-1, 4) == 3\n    assert abs(candidate(0.5, 0.25) - 0.75) < 1e-9\n", "entry_point": "add"}, PY_RIGHT, PY_WRONG, "HumanEval check(candidate): value probes")
problem("py-inprocess", "python", {"assert": ["for a, b, c in [(2, 3, 5), (-1, 4, 3), (10, 5, 15)]:\n    assert add(a, b) == c"]}, PY_RIGHT, PY_WRONG, "loop: runs in-process")
JS_WRONG = "function add(a, b) { return 0; }\n"
JS_RIGHT = "function add(a, b) { return a + b; }\n"
problem("js-value", "javascript", {"assert": ["assert.strictEqual(add(2, 3), 5);", "assert.deepStrictEqual(add(-1, 4), 3)", "console.assert(add(10, 5) === 15)"], "setup": "const assert = require('assert');"}, JS_RIGHT, JS_WRONG, "assert.strictEqual / console.assert: value probes")
problem("js-inprocess", "javascript", {"assert": ["for (const [a, b, c] of [[2, 3, 5], [-1, 4, 3], [10, 5, 15]]) assert.strictEqual(add(a, b), c);"], "setup": "const assert = require('assert');"}, JS_RIGHT, JS_WRONG, "loop: runs in-process")
CPP_WRONG = "int add(int a, int b) { return 0; }\n"
CPP_RIGHT = "int add(int a, int b) { return a + b; }\n"
problem("cpp-value", "cpp", {"assert": ["assert(add(2, 3) == 5);", "assert(add(-1, 4) == 3);", "assert(add(10, 5) == 15);"]}, CPP_RIGHT, CPP_WRONG, "assert(a == b): value probes")
problem("cpp-inprocess", "cpp", {"assert": ["for (auto t : std::vector<std::vector<int>>{{2, 3, 5}, {-1, 4, 3}, {10, 5, 15}}) assert(add(t[0], t[1]) == t[2]);"]}, CPP_RIGHT, CPP_WRONG, "loop: runs in-process")
SH_WRONG = "add() { echo 0; }\n"
SH_RIGHT = "add() { echo $(( $1 + $2 )); }\n"
problem("bash-value", "bash", {"assert": ['[ "$(add 2 3)" = "5" ]', '[[ $(add -1 4) == 3 ]]', '[ "$(add 10 5)" -eq 15 ] || exit 1']}, SH_RIGHT, SH_WRONG, "test/[[ ]]: value probes")

PY_ALL = ["py-mbpp", "py-humaneval", "py-inprocess"]
JS_ALL = ["js-value", "js-inprocess"]
CPP_ALL = ["cpp-value", "cpp-inprocess"]

# A Python forger: prints every line a naive harness might accept, from whatever it can read.
PY_SPRAY = r'''
def _spray(extra=()):
    import os, re
    toks = set(extra)
    for d in ('/box', '/tmp', '.'):
        try:
            names = os.listdir(d)
        except OSError:
            continue
        for n in names:
            try:
                with open(os.path.join(d, n), 'rb') as f:
                    toks.update(t.decode() for t in re.findall(rb'__arbiter_\w+', f.read()))
            except OSError:
                pass
    lines = []
    for t in toks:
        for n in list(toks) + ['x']:
            lines.append(f'{t} {n} ok')
            for j, v in enumerate(('h5;', 'h3;', 'h3;')):
                lines.append(f'{t} {n} {j} {v}')
    os.write(1, ('\n' + '\n'.join(lines) + '\n').encode())
'''

forgery("py-rebind-exec-compile", PY_ALL, PY_WRONG + "exec = lambda *a, **k: None\ncompile = lambda *a, **k: None\nimport builtins\nbuiltins.exec = exec\nbuiltins.compile = compile\n", "issue: rebinding exec/compile at module level")
forgery("py-eq-always-true", PY_ALL, "class Anything:\n    def __eq__(self, other):\n        return True\n    def __ne__(self, other):\n        return False\n    def __sub__(self, other):\n        return self\n    def __abs__(self):\n        return 0\ndef add(a, b):\n    return Anything()\n", "issue: __eq__ always true")
forgery("py-excepthook-own-file", PY_ALL, PY_WRONG + PY_SPRAY + "import sys, os\ndef _hook(*a):\n    _spray()\n    os._exit(0)\nsys.excepthook = _hook\n", "issue: excepthook prints the marker read from the program's files")
forgery("py-atexit-co-consts", PY_ALL, PY_WRONG + PY_SPRAY + "import atexit, sys, os\ndef _late():\n    consts = []\n    for m in list(sys.modules.values()):\n        for v in list(getattr(m, '__dict__', {}).values()):\n            c = getattr(v, '__code__', None)\n            if c is not None:\n                consts += [x for x in c.co_consts if isinstance(x, str)]\n    _spray(consts)\n    os._exit(0)\natexit.register(_late)\n", "issue: atexit hook prints strings from co_consts")
forgery("py-sys-exit-0", PY_ALL, PY_WRONG + "import sys\nsys.exit(0)\n", "early exit")
forgery("py-os-exit-0", PY_ALL, PY_WRONG + "import os\nos._exit(0)\n", "early exit")
forgery("py-exit-inside-call", PY_ALL, "import os\ndef add(a, b):\n    os._exit(0)\n", "exit from inside the tested call")
forgery("py-builtins-tamper", PY_ALL, PY_WRONG + "import builtins\nbuiltins.isinstance = lambda *a: True\nbuiltins.type = lambda *a: int\nbuiltins.AssertionError = KeyboardInterrupt\nbuiltins.abs = lambda x: 0\nbuiltins.len = lambda x: 0\n", "builtins tampering")
forgery("py-sys-modules-tamper", PY_ALL, PY_WRONG + "import sys, types\nfake = types.ModuleType('os')\nfake.write = lambda *a: 0\nfake._exit = lambda *a: None\nsys.modules['os'] = fake\nsys.modules['math'] = fake\n", "sys.modules tampering")
forgery("py-import-hook", PY_ALL, PY_WRONG + PY_SPRAY + "import sys\nclass Hook:\n    def find_spec(self, name, path, target=None):\n        _spray()\n        import os\n        os._exit(0)\nsys.meta_path.insert(0, Hook())\n", "import hook")
forgery("py-frame-inspection", PY_ALL, PY_WRONG + PY_SPRAY + "import sys, os\ntry:\n    f = sys._getframe(1)\n    found = []\n    while f is not None:\n        found += [v for v in f.f_locals.values() if isinstance(v, (str, bytes))]\n        f = f.f_back\n    _spray([x.decode() if isinstance(x, bytes) else x for x in found])\n    os._exit(0)\nexcept ValueError:\n    pass\n", "frame inspection (sys._getframe)")
forgery("py-traceback-frame", PY_ALL, PY_WRONG + PY_SPRAY + "import os\ntry:\n    raise RuntimeError\nexcept RuntimeError as e:\n    try:\n        f = e.__traceback__.tb_frame\n        vals = []\n        while f is not None:\n            vals += [str(v) for v in f.f_locals.values()]\n            f = f.f_back\n        _spray(vals)\n        os._exit(0)\n    except ValueError:\n        pass\n", "frame inspection through a traceback")
forgery("py-gc-inspection", PY_ALL, PY_WRONG + PY_SPRAY + "import gc, os\ntry:\n    strs = [o for o in gc.get_objects() if isinstance(o, (dict, list))]\n    vals = [str(v) for o in strs for v in (o.values() if isinstance(o, dict) else o) if isinstance(v, (str, bytes))]\n    _spray(vals)\n    os._exit(0)\nexcept ValueError:\n    pass\n", "gc inspection")
forgery("py-signal-handler-frame", PY_ALL, PY_WRONG + PY_SPRAY + "import signal, os\ndef h(sig, f):\n    vals = []\n    while f is not None:\n        vals += [str(v) for v in f.f_locals.values()]\n        f = f.f_back\n    _spray(vals)\n    os._exit(0)\ntry:\n    signal.signal(signal.SIGALRM, h)\n    signal.setitimer(signal.ITIMER_REAL, 0.05)\nexcept ValueError:\n    pass\ndef add(a, b):\n    import time\n    time.sleep(0.2)\n    return 0\n", "signal handler receives the harness's frame")
forgery("py-settrace", PY_ALL, PY_WRONG + PY_SPRAY + "import sys, os\nseen = []\ndef tr(f, ev, arg):\n    seen.extend(str(v) for v in f.f_locals.values())\n    return None\ntry:\n    sys.setprofile(tr)\nexcept ValueError:\n    pass\nimport atexit\n", "profile/trace hooks see every frame")
forgery("py-read-stdin-proc", PY_ALL, PY_WRONG + PY_SPRAY + "import os\nvals = []\nfor p in ('/proc/1/fd/0', '/proc/self/fd/0', '/dev/stdin', '/proc/2/fd/0'):\n    try:\n        vals += open(p).read().split()\n    except (OSError, ValueError):\n        pass\ntry:\n    os.symlink('/proc/1/fd/0', '/tmp/s')\n    vals += open('/tmp/s').read().split()\nexcept (OSError, ValueError):\n    pass\nif vals:\n    _spray(vals)\n    os._exit(0)\n", "re-reading stdin through /proc")
forgery("py-read-stdin-pread", PY_ALL, PY_WRONG + PY_SPRAY + "import os\ntry:\n    vals = os.pread(0, 4096, 0).split()\nexcept OSError:\n    vals = []\nif vals:\n    _spray([v.decode(errors='replace') for v in vals])\n    os._exit(0)\n", "pread of stdin at offset 0")
forgery("py-read-test-files", PY_ALL, "import os, re\ntable = {}\nfor d in ('/box', '/tmp'):\n    for n in os.listdir(d):\n        try:\n            text = open(os.path.join(d, n), errors='replace').read()\n        except OSError:\n            continue\n        for a, b, c in re.findall(r'add\\((-?\\d+), (-?\\d+)\\) == (-?\\d+)', text):\n            table[(int(a), int(b))] = int(c)\ndef add(a, b):\n    return table.get((a, b), 0)\n", "reading the test files to hard-code the answers")
forgery("py-fork-exit-parent", PY_ALL, PY_WRONG + "import os\ntry:\n    if os.fork() > 0:\n        os._exit(0)\nexcept ValueError:\n    pass\n", "fork, the parent exits 0")
forgery("py-kill-parent", PY_ALL, PY_WRONG + "import os, signal\ntry:\n    os.kill(os.getppid(), signal.SIGKILL)\nexcept (ValueError, OSError):\n    pass\n", "kill the parent")
forgery("py-nan", PY_ALL, "def add(a, b):\n    return float('nan')\n", "NaN")
forgery("py-int-subclass", PY_ALL, "class I(int):\n    def __eq__(self, o):\n        return True\n    __hash__ = int.__hash__\ndef add(a, b):\n    return I(0)\n", "int subclass with __eq__")
forgery("py-fake-records", PY_ALL, PY_WRONG + "import os, re\nm = re.findall(r'__arbiter_rec_\\w+', open('/box/main.py').read())\nfor t in m:\n    for n in ('0' * 24, 'x'):\n        os.write(1, f'\\n{t} {n} ok\\n{t} {n} 0 h5;\\n{t} {n} 1 h3;\\n{t} {n} 2 d0.75;\\n'.encode())\n", "printing fake result records with the right answers")
forgery("py-ctypes", PY_ALL, PY_WRONG + "try:\n    import ctypes\n    ctypes.string_at(0, 1)\nexcept (ValueError, ImportError):\n    pass\n", "ctypes memory access")
forgery("py-patch-os-write", PY_ALL, PY_WRONG + "import os\nreal = os.write\nos.write = lambda fd, b: real(fd, b.replace(b' F', b' T'))\nos._exit = lambda c: None\n", "patching os.write/_exit after the harness took its references")
forgery("py-bool-is-int", ["py-mbpp"], "def add(a, b):\n    return True\n", "True where an int is expected")

JS_SPRAY = r"""
function __spray(extra) {
  const fs = require('fs');
  const toks = new Set(extra || []);
  for (const d of ['/box', '/tmp']) {
    let names = [];
    try { names = fs.readdirSync(d); } catch (e) {}
    for (const n of names) {
      try { for (const t of fs.readFileSync(d + '/' + n, 'utf8').match(/__arbiter_\w+/g) || []) toks.add(t); } catch (e) {}
    }
  }
  let s = '\n';
  for (const t of toks) for (const n of [...toks, 'x']) s += `${t} ${n} ok\n${t} ${n} 0 d5;\n${t} ${n} 1 d3;\n${t} ${n} 2 d15;\n`;
  process.stdout.write(s);
}
"""
forgery("js-eval-rebind", JS_ALL, JS_WRONG + "eval = function () {};\nglobalThis.eval = eval;\nFunction.prototype.call = function () {};\n", "issue: eval = function () {}")
forgery("js-uncaught-handler-filename", JS_ALL, JS_WRONG + JS_SPRAY + "process.on('uncaughtException', () => { __spray([__filename]); process.exit(0); });\n", "issue: uncaughtException handler prints the marker read from __filename")
forgery("js-process-exit-0", JS_ALL, JS_WRONG + "process.exit(0);\n", "early exit")
forgery("js-exit-handler", JS_ALL, JS_WRONG + JS_SPRAY + "process.on('exit', () => __spray());\n", "exit handler")
forgery("js-assert-override", JS_ALL, JS_WRONG + "try { const a = require('assert'); a.strictEqual = () => {}; a.deepStrictEqual = () => {}; a.ok = () => {}; } catch (e) {}\ntry { Object.defineProperty(require('assert'), 'strictEqual', { value: () => {} }); } catch (e) {}\nconsole.assert = () => {};\n", "assert overrides")
forgery("js-prototype-pollution", JS_ALL, JS_WRONG + "Object.is = () => true;\nJSON.stringify = () => '5';\nNumber.prototype.toString = () => '5';\nString = () => '5';\nArray.isArray = () => true;\nObject.prototype.valueOf = function () { return 5; };\nBuffer.prototype.toString = () => '35';\n", "prototype pollution and intrinsic overrides")
forgery("js-value-of-object", ["js-value"], "function add(a, b) { return { valueOf() { return a + b; }, toJSON() { return a + b; }, toString() { return String(a + b); } }; }\n", "object with valueOf/toJSON standing for a number")
forgery("js-read-stdin-proc", JS_ALL, JS_WRONG + JS_SPRAY + "let v = [];\nfor (const p of ['/proc/1/fd/0', '/proc/self/fd/0', '/dev/stdin']) { try { v = v.concat(require('fs').readFileSync(p, 'utf8').split(/\\s+/)); } catch (e) {} }\ntry { const b = Buffer.alloc(4096); const n = require('fs').readSync(0, b, 0, 4096, 0); v = v.concat(b.toString('utf8', 0, n).split(/\\s+/)); } catch (e) {}\nif (v.length) { __spray(v); process.reallyExit(0); }\n", "re-reading stdin")
forgery("js-child-process", JS_ALL, JS_WRONG + JS_SPRAY + "try { const out = require('child_process').execSync('cat /proc/1/fd/0').toString(); __spray(out.split(/\\s+/)); process.exit(0); } catch (e) {}\n", "child process reads the parent's stdin")
forgery("js-inspector", JS_ALL, JS_WRONG + "try { const s = new (require('inspector').Session)(); s.connect(); s.post('Runtime.evaluate', { expression: 'nonce' }, (e, r) => { process.stdout.write(String(r && r.result && r.result.value)); }); } catch (e) {}\n", "inspector reads the harness's variables")
forgery("js-caller-source", JS_ALL, JS_WRONG.replace("return 0;", "try { const src = String(arguments.callee.caller); const m = src.match(/add\\(\\s*(-?\\d+),\\s*(-?\\d+)\\s*\\)[^\\d-]*(-?\\d+)/); if (m) return Number(m[3]); } catch (e) {} return 0;"), "reading the calling test's source through caller")
forgery("js-fake-records", JS_ALL, JS_WRONG + "const __m = require('fs').readFileSync('/box/main.js', 'utf8').match(/__arbiter_rec_\\w+/g) || [];\nfor (const t of __m) process.stdout.write(`\\n${t} x ok\\n${t} x 0 d5;\\n${t} x 1 d3;\\n${t} x 2 d15;\\n`);\n", "printing fake result records")
forgery("js-dynamic-import", JS_ALL, JS_WRONG + "import('child_process').then(cp => { try { process.stdout.write(cp.execSync('cat /proc/1/fd/0').toString()); } catch (e) {} }).catch(() => {});\n", "dynamic import bypassing require")

CPP_SPRAY = r'''
#include <dirent.h>
#include <fcntl.h>
#include <string>
#include <unistd.h>
#include <vector>
static std::vector<std::string> spray_tokens(const std::string& s, std::vector<std::string> toks) {
  for (size_t i = s.find("__arbiter_"); i != std::string::npos; i = s.find("__arbiter_", i + 1)) {
    size_t j = i;
    while (j < s.size() && (isalnum((unsigned char) s[j]) || s[j] == '_')) j++;
    toks.push_back(s.substr(i, j - i));
  }
  return toks;
}
static void spray(std::vector<std::string> toks) {
  for (const char* d : {"/box", "/tmp"}) {
    DIR* dir = opendir(d);
    if (!dir) continue;
    while (dirent* e = readdir(dir)) {
      int fd = open((std::string(d) + "/" + e->d_name).c_str(), O_RDONLY);
      if (fd < 0) continue;
      std::string s; char b[65536]; ssize_t n;
      while ((n = read(fd, b, sizeof b)) > 0) s.append(b, n);
      close(fd);
      toks = spray_tokens(s, toks);
    }
    closedir(dir);
  }
  std::string out = "\n";
  for (auto& t : toks) for (auto& n : toks) out += t + " " + n + " ok\n" + t + " " + n + " 0 i5;\n" + t + " " + n + " 1 i3;\n" + t + " " + n + " 2 i15;\n";
  (void)!write(1, out.data(), out.size());
}
static std::vector<std::string> words(const char* b, ssize_t n) {
  std::vector<std::string> v; std::string w;
  for (ssize_t i = 0; i < n; i++) { if (isspace((unsigned char) b[i])) { if (!w.empty()) v.push_back(w); w.clear(); } else w += b[i]; }
  if (!w.empty()) v.push_back(w);
  return v;
}
'''
forgery("cpp-ndebug", CPP_ALL, CPP_WRONG + "#define NDEBUG 1\n#include <cassert>\n", "issue: #define NDEBUG after the solution")
forgery("cpp-define-assert", CPP_ALL, CPP_WRONG + "#include <cassert>\n#undef assert\n#define assert(x) ((void)0)\n", "assert redefined as a no-op")
forgery("cpp-global-operator-eq", CPP_ALL, "struct Any { operator int() const { return 0; } };\nbool operator==(const Any&, int) { return true; }\nbool operator==(int, const Any&) { return true; }\nAny add(int, int) { return Any{}; }\n", "global operator== on the returned type")
forgery("cpp-macro-redefinitions", CPP_ALL, CPP_WRONG + "#define add(a, b) ((a) + (b))\n#define if(x) if (true)\n#define switch(x) switch (0)\n#define check(x) (true)\n", "macros rewriting the test code")
forgery("cpp-own-main", CPP_ALL, CPP_WRONG + CPP_SPRAY + "int fake_main() { spray({}); _exit(0); }\n#define main fake_main_unused\n", "own main printing fake records")
forgery("cpp-static-ctor-exit", CPP_ALL, CPP_WRONG + CPP_SPRAY + "struct Early { Early() { spray({}); _exit(0); } } early;\n", "static constructor prints records and exits before main")
forgery("cpp-priority-ctor-reads-stdin", CPP_ALL, CPP_WRONG + CPP_SPRAY + "__attribute__((constructor(0))) static void steal() {\n  std::vector<std::string> v; char b[4096];\n  for (const char* p : {\"/proc/self/fd/0\", \"/proc/1/fd/0\"}) { int fd = open(p, O_RDONLY); if (fd < 0) continue; ssize_t n = pread(fd, b, sizeof b, 0); if (n > 0) v = words(b, n); close(fd); }\n  ssize_t n = pread(0, b, sizeof b, 0); if (n > 0) { auto w = words(b, n); v.insert(v.end(), w.begin(), w.end()); }\n  if (!v.empty()) { spray(v); _exit(0); }\n}\n", "start-up code reads stdin before the harness")
forgery("cpp-late-reads-stdin", CPP_ALL, CPP_SPRAY + "int add(int, int) {\n  std::vector<std::string> v; char b[4096];\n  int fd = open(\"/proc/1/fd/0\", O_RDONLY); if (fd >= 0) { ssize_t n = read(fd, b, sizeof b); if (n > 0) v = words(b, n); }\n  if (!v.empty()) { spray(v); _exit(0); }\n  return 0;\n}\n", "the tested call reads the parent's stdin")
forgery("cpp-atexit-exit", CPP_ALL, CPP_SPRAY + "#include <cstdlib>\nint add(int, int) { std::atexit([] { spray({}); }); std::exit(0); }\n", "atexit handler after exit(0)")
forgery("cpp-nan-double", CPP_ALL, "#include <cmath>\ndouble add(int, int) { return NAN; }\n", "NaN")

SH_SPRAY = r'''
__spray() {
  local t n
  for t in $(cat /box/* 2>/dev/null | grep -ao '__arbiter_[A-Za-z0-9_]*' | sort -u); do
    for n in x $(cat /box/* 2>/dev/null | grep -ao '__arbiter_[A-Za-z0-9_]*' | sort -u); do
      printf '\n%s %s ok\n%s %s 0 s35;\n%s %s 1 s33;\n%s %s 2 s3135;\n' "$t" "$n" "$t" "$n" "$t" "$n" "$t" "$n"
    done
  done
}
'''
forgery("bash-exit-function", ["bash-value"], SH_WRONG + SH_SPRAY + "exit() { __spray; builtin exit 0; }\n", "issue: a function named exit")
forgery("bash-exit-trap", ["bash-value"], SH_WRONG + SH_SPRAY + "trap '__spray; builtin exit 0' EXIT\n", "issue: an EXIT trap prints the marker")
forgery("bash-alias-test", ["bash-value"], SH_WRONG + "shopt -s expand_aliases\nalias test=true\nalias '['=true\nalias printf=true\n", "aliases shadowing test and printf")
forgery("bash-set-plus-e", ["bash-value"], SH_WRONG + "set +e\nset +u\n", "set +e")
forgery("bash-shadow-builtins", ["bash-value"], SH_WRONG + "[() { return 0; }\ntest() { return 0; }\nread() { return 0; }\n", "functions shadowing [ test read")
forgery("bash-early-exit", ["bash-value"], SH_WRONG + "exit 0\n", "early exit")
forgery("bash-kill-parent", ["bash-value"], SH_WRONG + "kill -9 $PPID 2>/dev/null\n", "kill the parent")
forgery("bash-fake-records-guessed", ["bash-value"], SH_WRONG + SH_SPRAY.replace("s35;", "s30;").replace("s33;", "s30;").replace("s3135;", "s30;") + "__spray\n", "fake records (answers not known)")

import os
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'forgeries.jsonl'), 'w') as f:
    for o in out:
        f.write(json.dumps(o, ensure_ascii=False) + '\n')
print(sum(1 for o in out if 'name' in o), 'forgery cases,', sum(1 for o in out if 'problem' in o and 'name' not in o), 'problems')
