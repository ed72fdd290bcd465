# Arbiter assert harness (Python). Runs before the solution: it takes its own references, reads the
# run's nonce and tests from stdin, puts /dev/null on fd 0, installs an audit hook that refuses the
# ways to reach this frame or the nonce (frames, gc, ctypes, /proc, re-reading stdin, subprocesses,
# signal handlers), then runs /box/solution.py in a fresh namespace. Value tests report the value of
# each candidate expression (plain built-in data only, exact types); in-process tests report "ok".
# Every record carries the nonce. See the module README for the threat model.
import builtins as _bi, os as _os, sys as _sys, _signal as _sg2, _imp


def _arbiter(marker):
    W, X, C, E, EV = _os.write, _os._exit, compile, exec, eval
    TY, LEN, ISI, BE, FN = type, len, isinstance, BaseException, type(_arbiter)
    INT, FLT, BOOL, STR, BYT, LST, TUP, SET, FSET, DCT = int, float, bool, str, bytes, list, tuple, set, frozenset, dict
    NONE, RE, VE, TE = type(None), RuntimeError, ValueError, TypeError
    FREPR, HEX, ENC, FMT = float.__repr__, bytes.hex, str.encode, format
    STAT, FSTAT, RP, ABSP, HOOK = _os.stat, _os.fstat, _os.path.realpath, _os.path.abspath, _sys.addaudithook
    FSD, EN, AE, EXB, CRB = _os.fsdecode, enumerate, AssertionError, _imp.exec_builtin, _imp.create_builtin
    raw = b''
    while True:
        chunk = _os.read(0, 1 << 16)
        if not chunk:
            break
        raw += chunk
    st = FSTAT(0)
    stdin_id = (st.st_dev, st.st_ino)
    null = _os.open('/dev/null', _os.O_RDONLY)
    _os.dup2(null, 0)
    _os.close(null)
    nonce, mode, rest = raw.split(b'\n', 2)
    nonce = nonce.decode('ascii')
    parts = []
    while rest:
        n, rest = rest.split(b':', 1)
        parts.append(rest[:INT(n)].decode('utf-8'))
        rest = rest[INT(n):]
    setup, alias, tests = parts[0], parts[1], parts[2:]
    with open('/box/solution.py', encoding='utf-8') as f:
        solution = f.read()

    frames = frozenset(('tb_frame', 'gi_frame', 'cr_frame', 'ag_frame', 'f_back', 'gi_yieldfrom'))
    denied = frozenset(('sys._getframe', 'sys._current_frames', 'sys._current_exceptions',
                        'sys.settrace', 'sys.setprofile', 'gc.get_objects', 'gc.get_referrers',
                        'gc.get_referents', 'os.system', 'os.exec', 'os.posix_spawn', 'os.spawn',
                        'os.fork', 'os.forkpty', 'subprocess.Popen', 'pty.spawn', 'code.__new__',
                        'sys.addaudithook', 'os.kill', 'os.killpg', 'os.pidfd_open'))
    modules = frozenset(('ctypes', '_ctypes', '_signal', '_posixsubprocess', '_testcapi',
                         '_testinternalcapi', '_xxsubinterpreters', 'readline', 'faulthandler'))

    def hook(event, args):
        if event in denied or event.startswith('ctypes.'):
            raise VE('arbiter: ' + event + ' is not allowed in assert tests')
        if event == 'object.__getattr__' and args[1] in frames:
            raise VE('arbiter: frame access is not allowed in assert tests')
        if event == 'import' and STR(args[0]).partition('.')[0] in modules:
            raise VE('arbiter: importing ' + STR(args[0]) + ' is not allowed in assert tests')
        if event == 'open' and not ISI(args[0], INT):
            path = args[0] if ISI(args[0], STR) else FSD(args[0])
            if ABSP(path).startswith(('/proc', '/dev/fd')) or RP(path).startswith('/proc'):
                raise VE('arbiter: /proc is not readable in assert tests')
            try:
                s = STAT(path)
            except OSError:
                return
            if (s.st_dev, s.st_ino) == stdin_id:
                raise VE('arbiter: stdin cannot be re-read in assert tests')

    def refuse(*a, **k):
        raise VE('arbiter: signal handlers are not allowed in assert tests')

    def exec_builtin(m):
        if m is _sg2:
            refuse()
        return EXB(m)

    def create_builtin(spec):
        if STR(spec.name) == '_signal':
            refuse()
        return CRB(spec)

    HOOK(hook)
    _sg2.signal = refuse  # signal.signal calls _signal.signal
    _imp.exec_builtin, _imp.create_builtin = exec_builtin, create_builtin

    def ser(v, out, depth):
        t = TY(v)
        if depth > 100:
            out.append('X')
        elif v is None:
            out.append('N')
        elif t is BOOL:
            out.append('T' if v else 'F')
        elif t is INT:
            out.append('h' + FMT(v, 'x') + ';')
        elif t is FLT:
            out.append('d' + FREPR(v) + ';')
        elif t is STR:
            out.append('s' + HEX(ENC(v, 'utf-8', 'surrogatepass')) + ';')
        elif t is BYT:
            out.append('y' + HEX(v) + ';')
        elif t is LST or t is TUP or t is SET or t is FSET:
            items = LST(v) if t is SET or t is FSET else v
            out.append({LST: 'L', TUP: 'P', SET: 'S', FSET: 'S'}[t] + STR(LEN(items)) + ';')
            for x in items:
                ser(x, out, depth + 1)
        elif t is DCT:
            out.append('D' + STR(LEN(v)) + ';')
            for k, x in LST(DCT.items(v)):
                ser(k, out, depth + 1)
                ser(x, out, depth + 1)
        else:
            out.append('X')

    def plain(v):
        out = []
        ser(v, out, 0)
        return 'X' not in ''.join(out)

    def strict(f, name):
        def checked(*a, **k):
            r = f(*a, **k)
            if not plain(r):
                raise TE(name + ' returned ' + TY(r).__name__ + ', not plain data')
            return r
        return checked

    g = {'__name__': '__main__', '__builtins__': _bi, '__file__': '/box/solution.py'}
    try:
        E(C(solution, '/box/solution.py', 'exec'), g)
        if setup:
            E(C(setup, '<setup>', 'exec'), g)
        if alias:
            param, _, fn = alias.partition('=')
            g[param] = g[fn]
    except BE as e:
        W(2, ('solution failed to load: ' + TY(e).__name__ + '\n').encode())
        X(1)
    if mode == b'v':
        for j, src in EN(tests):
            out = []
            try:
                ser(EV(C(src, '<test>', 'eval'), g), out, 0)
            except BE as e:
                out = ['E']
                W(2, ('test ' + STR(j) + ' raised ' + TY(e).__name__ + '\n').encode())
            W(1, ('\n' + marker + ' ' + nonce + ' ' + STR(j) + ' ' + ''.join(out) + '\n').encode())
        X(0)
    test = tests[0]
    for name, f in LST(g.items()):
        if TY(f) is FN and (name in alias or name in test):
            g[name] = strict(f, name)
    try:
        E(C(test, '<test>', 'exec'), g)
    except BE as e:
        W(2, ('AssertionError\n' if ISI(e, AE) else TY(e).__name__ + '\n').encode())
        X(1)
    W(1, ('\n' + marker + ' ' + nonce + ' ok\n').encode())
    X(0)


_arbiter(MARKER)
